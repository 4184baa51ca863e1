/**
 * Imports of the exports into the store. Rows go through core's CSV readers (the same columns,
 * presets and rejections as the CLI and the coverage API) and core's record checks on the export's
 * own date (rows it would not use are counted and listed as rejected, and kept: each report checks
 * them again on its date), then into the database in bulk (COPY),
 * inside one transaction with the import's record:
 * - residents (the civil registry's semester snapshot) **replace** the register whole;
 * - participants are **upserted** by KPJ (a row without a KPJ cannot be, and is rejected);
 * - employers are **upserted** by their id (usually the NIB).
 * A failed or interrupted import leaves the previous data whole; the same file (by sha256) is
 * applied once: importing it again answers the earlier import.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { PassThrough } from 'node:stream';
import { CakupanError, CoverageAccumulator, CoverageIndex, isoDateSchema } from '@cakupan/core';
import { type CsvPreset, type CsvRejection, quoteCsvField, readEmployersCsv, readParticipantsCsv, readResidentsCsv, rejectedRows } from '@cakupan/core/node';
import type { Db } from '../db/db.js';
import { audit } from '../stickers/register.js';

/** What an import is. */
export type ImportKind = 'residents' | 'participants' | 'employers';

/** An import as recorded. */
export interface ImportRecord {
  id: number;
  kind: ImportKind;
  fileName: string;
  sha256: string;
  asOf: string | null;
  rowsRead: number;
  rowsUsed: number;
  rowsRejected: number;
  startedAt: string;
  finishedAt: string | null;
  apiKeyLabel: string | null;
  status: 'running' | 'applied' | 'failed';
}

export interface ImportCsvOptions {
  kind: ImportKind;
  /** The CSV file. */
  path: string;
  /** Name to record (default: the file's own name). */
  fileName?: string;
  /** The export's own as-of date (a residents snapshot: 30 June or 31 December). */
  asOf?: string;
  preset?: CsvPreset;
  /** Who imported it (an API key's label). */
  apiKeyLabel?: string;
}

/** What the store does with an import's by-products. */
export interface ImportHooks {
  /**
   * Called after a residents import commits, with the register read into core's `CoverageIndex`
   * and the store's residents counter it committed (for `CoverageCache.offerRegister`).
   */
  onRegister?: (index: CoverageIndex, version: string) => void;
}

/** The result: the import, and whether this call applied it or found it applied before. */
export interface ImportResult {
  import: ImportRecord;
  duplicate: boolean;
}

const SELECT = `select id::int as id, kind, file_name as "fileName", sha256, as_of::text as "asOf", rows_read as "rowsRead",
  rows_used as "rowsUsed", rows_rejected as "rowsRejected", started_at::text as "startedAt", finished_at::text as "finishedAt",
  api_key_label as "apiKeyLabel", status from imports`;

/**
 * Imports one CSV export.
 *
 * @throws {CsvFormatError} when the file cannot be read as the export (nothing is changed)
 * @throws {CakupanError} for a bad as-of date
 */
export async function importCsv(db: Db, options: ImportCsvOptions, hooks: ImportHooks = {}): Promise<ImportResult> {
  if (options.asOf !== undefined && !isoDateSchema.safeParse(options.asOf).success) {
    throw new CakupanError({ code: 'invalid_date', message: 'asOf must be a real date as YYYY-MM-DD', path: ['asOf'] });
  }
  const today = new Date().toISOString().slice(0, 10);
  if (options.asOf !== undefined && options.asOf > today) {
    throw new CakupanError({ code: 'out_of_range', message: `asOf ${options.asOf} is in the future: an export is as of a day that has come`, path: ['asOf'] });
  }
  const sha256 = await fileSha256(options.path);
  const earlier = await db.query<ImportRecord>(`${SELECT} where kind = $1 and sha256 = $2 and status = 'applied'`, [options.kind, sha256]);
  if (earlier[0]) return { import: earlier[0], duplicate: true };

  const rejected: CsvRejection[] = [];
  const cell = (v: unknown) => (v === undefined || v === null ? '' : quoteCsvField(String(v)));
  // core's checks on the export's own date count and list what it would not use on that day; the
  // rows are kept all the same (core checks them again on each date a report asks for)
  const asOf = options.asOf ?? today;
  // a register is read into core's CoverageIndex as it is checked: the coverage cache takes it
  // rather than reading the register back after the import
  let register: CoverageIndex | undefined;

  const committed = await db.transaction(async (tx) => {
    const [started] = await tx.query<{ id: number }>(
      `insert into imports (kind, file_name, sha256, as_of, api_key_label) values ($1, $2, $3, $4, $5) returning id::int as id`,
      [options.kind, options.fileName ?? basename(options.path), sha256, options.asOf ?? null, options.apiKeyLabel ?? null],
    );
    const id = started!.id;
    const table = options.kind === 'residents' ? 'residents' : `incoming_${options.kind}`;
    if (options.kind === 'residents') await tx.query('delete from residents');
    else await tx.exec(`create temporary table ${table} (like ${options.kind} including defaults) on commit drop`);
    // rows go to the database by COPY while the file is read (the server parses as the reader reads)
    const sink = new PassThrough();
    const copying = tx.copyCsv(table, COPY_COLUMNS[options.kind], sink);
    copying.catch(() => undefined); // awaited below; a failure here must not go unhandled meanwhile
    let chunk = '';
    const put = (values: unknown[]) => {
      chunk += `${values.map(cell).join(',')},${id}\n`;
      if (chunk.length > 1 << 18) {
        sink.write(chunk);
        chunk = '';
      }
    };
    let read: number;
    try {
      if (options.kind === 'residents') {
        const index = (register = new CoverageIndex({ checkedOn: asOf }));
        const file = await readResidentsCsv(options.path, {
          ...(options.preset && { preset: options.preset }),
          fields: ['nik', 'birthDate', 'sex', 'villageCode', 'rw', 'rt', 'familyNumber'],
          onRecord: (r) => {
            const { familyNumber, ...record } = r;
            index.addResident(record);
            put([r.ref, r.nik, r.birthDate, r.sex, r.villageCode, r.rw, r.rt, familyNumber]);
          },
        });
        read = file.read;
        rejected.push(...rejectedRows(file, index.report({ asOf, levels: ['province'] }).rejected.residents));
      } else if (options.kind === 'employers') {
        const file = await readEmployersCsv(options.path, { onRecord: (r) => put([r.id, r.name, r.villageCode, r.rw, r.rt, r.npp, r.status, r.ref]) });
        read = file.read;
        rejected.push(...file.rejected);
      } else {
        const checks = new CoverageAccumulator({ asOf, levels: ['province'] });
        const file = await readParticipantsCsv(options.path, {
          onRecord: (r) => {
            if (r.kpj === undefined || String(r.kpj).trim() === '') {
              rejected.push({ line: Number(r.ref), column: 'kpj', code: 'required', message: 'kpj is required: the store keeps accounts by their KPJ', path: [] });
              return;
            }
            checks.addParticipant(r);
            put([r.kpj, r.nik, r.segment, r.status, r.registeredOn, r.endedOn, r.employerNpp, r.ref]);
          },
        });
        read = file.read;
        rejected.push(...rejectedRows(file, checks.report().rejected.participants));
      }
    } catch (err) {
      sink.destroy(err as Error);
      await copying.catch(() => undefined);
      throw err;
    }
    sink.end(chunk);
    await copying;
    rejected.sort((a, b) => a.line - b.line);

    if (options.kind === 'employers') await mergeIncoming(tx, 'employers', table);
    else if (options.kind === 'participants') await mergeIncoming(tx, 'participants', table);
    if (rejected.length > 0) {
      await tx.copyCsv('import_rejects', ['import_id', 'line', 'column_name', 'code', 'message'], rejected.map((r) => [id, r.line, r.column, r.code, r.message].map(cell).join(',') + '\n').join(''));
    }
    await tx.query(`update imports set rows_read = $2, rows_used = $3, rows_rejected = $4, status = 'applied', finished_at = clock_timestamp() where id = $1`, [
      id,
      read,
      read - rejected.length,
      rejected.length,
    ]);
    await audit(tx, { actor: options.apiKeyLabel ?? null, action: 'import', subject: `${options.kind} ${options.fileName ?? basename(options.path)}`, count: read, detail: { importId: id, used: read - rejected.length, rejected: rejected.length } });
    // last, so that the row lock it takes is held for the commit only: the coverage index of every
    // process sees the change by this counter (migration 004)
    const [version] = options.kind === 'employers' ? [] : await tx.query<{ v: string }>(`update store_versions set ${options.kind} = ${options.kind} + 1 returning ${options.kind}::text as v`);
    return { record: (await tx.query<ImportRecord>(`${SELECT} where id = $1`, [id]))[0]!, version: version?.v };
  });
  if (register && committed.version !== undefined) hooks.onRegister?.(register, committed.version);
  return { import: committed.record, duplicate: false };
}

/** The imports, newest first. */
export function listImports(db: Db): Promise<ImportRecord[]> {
  return db.query<ImportRecord>(`${SELECT} order by id desc`);
}

/** The rows an import rejected, as CSV (`line,column,code,message`), in line order. */
export async function importRejectsCsv(db: Db, importId: number): Promise<string> {
  const rows = await db.query<{ line: number; column_name: string; code: string; message: string }>(
    'select line, column_name, code, message from import_rejects where import_id = $1 order by line',
    [importId],
  );
  return ['line,column,code,message', ...rows.map((r) => [r.line, quoteCsvField(r.column_name), r.code, quoteCsvField(r.message)].join(','))].join('\n') + '\n';
}

/** The columns each kind's rows are copied into, in the order `put` gives them (the import id last). */
const COPY_COLUMNS: Readonly<Record<ImportKind, readonly string[]>> = {
  residents: ['line', 'nik', 'birth_date', 'sex', 'village_code', 'rw', 'rt', 'family_number', 'import_id'],
  employers: ['id', 'name', 'village_code', 'rw', 'rt', 'npp', 'status', 'line', 'import_id'],
  participants: ['kpj', 'nik', 'segment', 'status', 'registered_on', 'ended_on', 'employer_npp', 'line', 'import_id'],
};

/** Inserts or updates `table` by its key from the rows copied into `incoming`; of several rows with one key, the last line wins. */
async function mergeIncoming(tx: Db, table: 'participants' | 'employers', incoming: string): Promise<void> {
  const [key, ...rest] = COPY_COLUMNS[table];
  const all = COPY_COLUMNS[table].join(', ');
  await tx.query(
    `insert into ${table} (${all})
     select distinct on (${key}) ${all} from ${incoming} order by ${key}, line desc
     on conflict (${key}) do update set ${rest.map((c) => `${c} = excluded.${c}`).join(', ')}, updated_at = now()`,
  );
}

/** The file's sha256, hex, read as a stream (an export of 70 MB is never held whole). */
async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch {
    return ''; // the CSV reader reports a missing or unreadable file in its own words
  }
  return hash.digest('hex');
}

/** What the figures stand on: the register's snapshot, the latest accounts export, the latest event. */
export interface DataAsOf {
  /** The residents export in force: its own as-of date and when it was imported. */
  residents: { asOf: string | null; importedAt: string } | null;
  /** The latest participants export applied. */
  participants: { asOf: string | null; importedAt: string } | null;
  /** When the latest participant event arrived. */
  lastEventAt: string | null;
}

/** See {@link DataAsOf}. */
export async function dataAsOf(db: Db): Promise<DataAsOf> {
  const [residents] = await db.query<{ asOf: string | null; importedAt: string }>(
    // a residents import replaces the register whole: the register in force is the latest applied
    // (an index lookup, not a scan of the register)
    `select as_of::text as "asOf", finished_at::text as "importedAt" from imports where kind = 'residents' and status = 'applied' order by id desc limit 1`,
  );
  const [participants] = await db.query<{ asOf: string | null; importedAt: string }>(
    `select as_of::text as "asOf", finished_at::text as "importedAt" from imports where kind = 'participants' and status = 'applied' order by id desc limit 1`,
  );
  const [event] = await db.query<{ at: string | null }>('select max(received_at)::text as at from participant_events');
  return { residents: residents ?? null, participants: participants ?? null, lastEventAt: event?.at ?? null };
}
