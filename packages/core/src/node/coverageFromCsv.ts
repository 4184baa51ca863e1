/**
 * Coverage straight from the CSV exports: read, link, report — with every row accounted for by
 * line and column.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Readable } from 'node:stream';
import { CoverageAccumulator } from '../coverage/accumulator.js';
import type { CoveragePolicyInput } from '../coverage/policy.js';
import type { CoverageReport, RecordCounts } from '../coverage/report.js';
import type { Rejection } from '../coverage/records.js';
import { type CalendarDateInput } from '../date/calendarDate.js';
import { computeCompliance, type ComplianceReport } from '../employer/compliance.js';
import type { RegionLevel } from '../region/region.js';
import { type CsvPreset, type CsvRejection, readEmployersCsv, readParticipantsCsv, readResidentsCsv, type ReadCsvResult } from './readCsv.js';
import { canReadInParts, readResidentsInParts } from './readResidentsInParts.js';

/** Options of {@link coverageFromCsv}. */
export interface CoverageFromCsvOptions {
  residents: string | Readable;
  participants: string | Readable;
  employers?: string | Readable;
  asOf: CalendarDateInput;
  levels?: readonly RegionLevel[];
  policy?: CoveragePolicyInput;
  /** Column preset of the residents file. */
  preset?: CsvPreset;
  /** Header names by canonical column, per file. */
  columns?: { residents?: Record<string, string>; participants?: Record<string, string>; employers?: Record<string, string> };
  /** Rows read so far, per file, every 50,000 rows. */
  onProgress?: (file: 'residents' | 'participants' | 'employers', rowsRead: number) => void;
  /**
   * Threads that read and check the residents file (a path of 4 MB or more without double quotes),
   * each a byte range of it, while this thread reads the accounts and counts. Default: the machine's
   * available parallelism, at most 4; `1` reads it on this thread. The result is the same either way
   * (figures, rejections and their lines). BENCHMARKS.md §9: 17 % less time on 2 cores, 45 % more CPU.
   */
  threads?: number;
}

/** Rows of one file: read = used + rejected (core's `RecordCounts`). */
export type RowCounts = RecordCounts;

/**
 * The result of {@link coverageFromCsv}: core's report, the same shape as `computeCoverage`'s,
 * with each rejection located by `line` and `column` of its file (rather than index and field)
 * and each birth-date mismatch's `ref` its line; plus the employers' file when one was given.
 */
export interface CsvCoverageReport extends Omit<CoverageReport, 'rejected' | 'records'> {
  records: { residents: RecordCounts; participants: RecordCounts; employers?: RecordCounts };
  rejected: { residents: CsvRejection[]; participants: CsvRejection[]; employers?: CsvRejection[] };
  compliance?: Omit<ComplianceReport, 'rejected' | 'records'>;
}

/**
 * Reads the residents and participants CSV (and optionally employers) and computes coverage.
 *
 * Every data row is used or rejected with its line, column and reason: rows that do not parse
 * (ingest) and records core rejects (invalid NIK, impossible date, duplicate …), merged and
 * ordered by line. `records` says read = used + rejected for each file.
 *
 * @throws {CsvFormatError} when a file is missing or lacks a required column
 * @throws {RangeError} for invalid options (as computeCoverage)
 */
export async function coverageFromCsv(options: CoverageFromCsvOptions): Promise<CsvCoverageReport> {
  const progress = (file: 'residents' | 'participants' | 'employers') => (n: number) => options.onProgress?.(file, n);
  // records stream straight into the calculation: accounts first, then residents
  const accumulator = new CoverageAccumulator({
    asOf: options.asOf,
    ...(options.levels && { levels: options.levels }),
    ...(options.policy && { policy: options.policy }),
    // size the NIK table once: about one resident per 80 bytes of CSV
    expectedResidents: typeof options.residents === 'string' ? Math.ceil(safeSize(options.residents) / 80) : undefined,
  });
  // the residents' reader threads start at once, reading while the accounts are read here
  const threads = options.threads ?? Math.min(4, availableParallelism());
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError('threads must be a positive integer');
  const inParts = canReadInParts(options.residents, threads)
    ? readResidentsInParts(options.residents, threads, accumulator, { preset: options.preset, columns: options.columns?.residents, onProgress: progress('residents') })
    : undefined;
  const participants = await readParticipantsCsv(options.participants, {
    columns: options.columns?.participants,
    fields: ['nik', 'segment', 'status', 'registeredOn', 'endedOn', 'kpj'],
    onRecord: (r) => accumulator.addParticipant(r),
    onProgress: progress('participants'),
  }).catch(async (err: unknown) => {
    await inParts?.cancel(); // the residents' readers are not needed any more
    throw err;
  });
  const residents = inParts ? await inParts.count() : await readResidentsCsv(options.residents, {
    preset: options.preset,
    columns: options.columns?.residents,
    fields: ['nik', 'birthDate', 'sex', 'villageCode', 'rw', 'rt', 'occupation'],
    onRecord: (r) => accumulator.addResident(r),
    onProgress: progress('residents'),
  });
  const employers = options.employers ? await readEmployersCsv(options.employers, { columns: options.columns?.employers, onProgress: progress('employers') }) : undefined;
  const report = accumulator.report();
  const { rejected: _r, records: _c, ...rest } = report;
  const out: CsvCoverageReport = {
    ...rest,
    records: { residents: counts(residents, report.rejected.residents), participants: counts(participants, report.rejected.participants) },
    rejected: { residents: rejectedRows(residents, report.rejected.residents), participants: rejectedRows(participants, report.rejected.participants) },
  };
  if (employers) {
    const compliance = computeCompliance({ employers: employers.records, ...(options.levels && { levels: options.levels }) });
    const { rejected, records: _e, ...complianceRest } = compliance;
    out.records.employers = counts(employers, rejected);
    out.rejected.employers = rejectedRows(employers, rejected);
    out.compliance = complianceRest;
  }
  return out;
}

function safeSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // the reader reports the missing file
  }
}

function counts(file: ReadCsvResult<unknown>, coreRejected: readonly Rejection[]): RowCounts {
  const rejected = file.rejected.length + coreRejected.length;
  return { read: file.read, used: file.read - rejected, rejected };
}

/**
 * The rows of a file rejected by its reader and by core's checks (records whose `ref` is their
 * line), as one list in line order, each core rejection under the file's own column name.
 *
 * @example
 * const file = await readResidentsCsv('residents.csv', { onRecord: (r) => acc.addResident(r) });
 * const rejected = rejectedRows(file, acc.report().rejected.residents);
 */
export function rejectedRows(file: Pick<ReadCsvResult<unknown>, 'rejected' | 'columnOfField'>, coreRejected: readonly Rejection[]): CsvRejection[] {
  const fromCore = coreRejected.map((r) => {
    const column = r.field === 'record' ? '*' : (file.columnOfField[r.field] ?? r.field);
    // core names its record fields (`birthDate must be …`): the file's reader knows the column
    const message = column !== r.field && r.message.startsWith(r.field) ? `${column}${r.message.slice(r.field.length)}` : r.message;
    return { line: Number(r.ref), column, code: r.code, message, path: [] };
  });
  return [...file.rejected, ...fromCore].sort((a, b) => a.line - b.line);
}
