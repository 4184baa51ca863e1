/**
 * Coverage from the store, with exactly the semantics of core's `computeCoverage`: the stored
 * records are read back in their files' order and fed to core's `CoverageAccumulator`, so every
 * rule (eligibility on the date, accounts active on the date, segment precedence, duplicates,
 * rejections) is core's, never a second copy in SQL.
 *
 * The records come out by COPY as CSV in the canonical columns and go through core's CSV reader,
 * as a file would (reading row objects through the driver was several times slower, BENCHMARKS §6).
 * Rejections and birth-date mismatches carry the record's line in its import as `ref`.
 */
import { Readable } from 'node:stream';
import { CoverageAccumulator, type CoveragePolicyInput, type CoverageReport, type RegionLevel } from '@cakupan/core';
import { readParticipantsCsv, readResidentsCsv } from '@cakupan/core/node';
import type { Db } from '../db/db.js';

export interface CoverageFromStoreOptions {
  asOf: string;
  levels?: readonly RegionLevel[];
  policy?: CoveragePolicyInput;
}

const PARTICIPANTS = 'select nik, segment, status, registered_on, ended_on from participants order by kpj';
const RESIDENTS = 'select nik, birth_date, sex, village_code, rw, rt from residents order by line';

/** The coverage report of the stored register and accounts on `asOf`. */
export async function coverageFromStore(db: Db, options: CoverageFromStoreOptions): Promise<CoverageReport> {
  const participantsCsv = await db.copyOutCsv(PARTICIPANTS);
  const residentsCsv = await db.copyOutCsv(RESIDENTS);
  const accumulator = new CoverageAccumulator({
    asOf: options.asOf,
    ...(options.levels && { levels: options.levels }),
    ...(options.policy && { policy: options.policy }),
    expectedResidents: Math.ceil(residentsCsv.length / 60),
  });
  // accounts first, then residents in file order (the first of several residents with a NIK counts)
  await readParticipantsCsv(Readable.from([participantsCsv]), { fields: ['nik', 'segment', 'status', 'registeredOn', 'endedOn'], onRecord: (r) => accumulator.addParticipant(r) });
  await readResidentsCsv(Readable.from([residentsCsv]), { fields: ['nik', 'birthDate', 'sex', 'villageCode', 'rw', 'rt'], onRecord: (r) => accumulator.addResident(r) });
  const report = accumulator.report();
  if (report.rejected.residents.length + report.rejected.participants.length + report.birthDateMismatches.length === 0) return report;
  // the reader numbered the rows of the COPY output (2, 3, …): give each its line in its import
  const residentLines = await lines(db, 'select line from residents order by line');
  const participantLines = report.rejected.participants.length > 0 ? await lines(db, 'select line from participants order by kpj') : [];
  const fromCopy = (table: readonly (number | null)[], ref: string | number | undefined) => {
    const line = typeof ref === 'number' ? table[ref - 2] : undefined;
    return line === undefined || line === null ? {} : { ref: line };
  };
  const strip = <T extends { ref?: string | number }>(r: T): Omit<T, 'ref'> => {
    const { ref: _ref, ...rest } = r;
    return rest;
  };
  return {
    ...report,
    rejected: {
      residents: report.rejected.residents.map((r) => ({ ...strip(r), ...fromCopy(residentLines, r.ref) })),
      participants: report.rejected.participants.map((r) => ({ ...strip(r), ...fromCopy(participantLines, r.ref) })),
    },
    birthDateMismatches: report.birthDateMismatches.map((m) => ({ ...strip(m), ...fromCopy(residentLines, m.ref) })),
  };
}

/** One integer column (possibly empty) by COPY, in order. */
async function lines(db: Db, select: string): Promise<(number | null)[]> {
  const text = (await db.copyOutCsv(select)).toString('utf8');
  return text
    .split('\n')
    .slice(1, -1)
    .map((l) => (l === '' ? null : Number(l)));
}
