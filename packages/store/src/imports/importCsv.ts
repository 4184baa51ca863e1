/**
 * Imports of the exports into the store: staged, checked, previewed, reversible.
 *
 * An upload is read through core's CSV readers (the same columns, formats, presets and rejections
 * as the CLI and the coverage API) into a **staging table** inside one transaction; core's record
 * checks run on the export's own date. Nothing touches the live data until the staged rows are
 * compared with it and the guards pass:
 * - a file with no usable row is never applied;
 * - a residents export that removes more than `maxRemovedShare` of a city's register, a
 *   participants file that changes or ends more than `maxChangedShare` of the accounts or moves an
 *   account to another NIK, or an export dated before the one in force, needs the `confirm` token
 *   of its dry run ({@link ImportConflictError}).
 * A dry run (`dryRun`) does the whole import, reports what it would do (rows, residents added /
 * removed / changed per region, accounts added / changed / ended, coverage before → after) and
 * rolls it back. When applied:
 * - residents replace the register of the cities (regencies) their rows belong to — or of the
 *   importing key's scope inside a city — and no other;
 * - participants are upserted by KPJ (a list without card numbers replaces the earlier such list);
 * - employers are upserted by their id (usually the NIB);
 * - only rows core uses are stored (a rejected row never changes stored data; residents core would
 *   not count on this date are kept, as the register holds them, and counted on each date);
 * - what the import replaced is kept so that it can be undone (`revert.ts`).
 * A file is a duplicate only of the import in force: re-sending a file after a later import
 * replaced it applies it again.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { PassThrough } from 'node:stream';
import { CakupanError, CoverageAccumulator, CoverageIndex, type DateOrder, DEFAULT_TIME_ZONE, isoDateSchema, type RegionCoverage, todayIn, csvLine } from '@cakupan/core';
import { copyCell } from '../db/copyCell.js';
import { type CsvPreset, type CsvRejection, readEmployersCsv, readParticipantsCsv, readResidentsCsv, rejectedRows } from '@cakupan/core/node';
import type { Db } from '../db/db.js';
import { CoverageCache } from '../coverage/coverageCache.js';
import { ACCOUNT_FACT_COLUMNS, accountFactValues, RESIDENT_FACT_COLUMNS, residentFactValues } from '../coverage/factColumns.js';
import { audit } from '../stickers/register.js';
import { IMPORT_SELECT, type ImportKind, type ImportRecord } from './importRecord.js';
import { pruneHistory } from './revert.js';

export type { ImportKind, ImportRecord } from './importRecord.js';

/** How the file is read (all optional: the readers recognise SIAK, OpenSID and canonical headers). */
export interface ImportReading {
  preset?: CsvPreset;
  /** Header names of the file by canonical column. */
  columns?: Record<string, string>;
  /** Day or month first, for dates written with numbers and slashes. */
  dateOrder?: DateOrder;
  /** The village code of every row (an OpenSID export of one desa). */
  villageCode?: string;
  /** An Excel workbook's sheet, by name (default the first). */
  sheet?: string;
}

export interface ImportCsvOptions extends ImportReading {
  kind: ImportKind;
  /** The export: a CSV file or an Excel workbook (.xlsx), told apart by its bytes. */
  path: string;
  /** Name to record and to name in messages (default: the file's own name). */
  fileName?: string;
  /** The export's own as-of date (a residents snapshot: 30 June or 31 December). */
  asOf?: string;
  /** Who imported it (an API key's label). */
  apiKeyLabel?: string;
  /** The importing key's region (dotted or digits): rows outside it are rejected, and only it is replaced. */
  scope?: string | null;
  /** The token of a dry run that asked for confirmation: apply despite what it reported. */
  confirm?: string;
  /** Guards' thresholds (defaults 0.1 each). */
  maxRemovedShare?: number;
  maxChangedShare?: number;
}

/** What the store does with an import's by-products. */
export interface ImportHooks {
  /** Today's date (ISO) where the store works: an export dated later is refused. Default: today in WIB (core's `todayIn`). */
  today?: () => string;
  /**
   * Called after a residents import commits, with the register read into core's `CoverageIndex`
   * and the store's residents counter it committed (for `CoverageCache.offerRegister`), when the
   * file is the whole register of the store.
   */
  onRegister?: (index: CoverageIndex, version: string) => void;
  /** The city-level coverage on a date as the store holds it now (the preview's "before"). */
  coverageBefore?: (asOf: string) => Promise<readonly RegionCoverage[]>;
}

/** A region's register: how a residents import changes it. */
export interface RegisterChange {
  /** The region replaced, dotted: a city (`32.71`) or a scope inside one. */
  region: string;
  before: number;
  after: number;
  added: number;
  removed: number;
  changed: number;
  /** The as-of date of the register in force there. */
  inForceAsOf: string | null;
}

/** Coverage of a city, before and after. */
export interface CoverageChange {
  region: string;
  name: string | null;
  before: { eligible: number; covered: number; ratio: number | null } | null;
  after: { eligible: number; covered: number; ratio: number | null } | null;
}

/** A reason the import needs confirmation, or cannot be applied. */
export interface ImportGuard {
  code: 'no_usable_rows' | 'removes_much' | 'older_export' | 'changes_many_accounts' | 'nik_changes';
  message: string;
}

/** What an import does (or would do). */
export interface ImportPreview {
  kind: ImportKind;
  fileName: string;
  sha256: string;
  asOf: string | null;
  rows: { read: number; used: number; rejected: number };
  /** The first rejected rows (at most 20), by line. */
  firstRejects: CsvRejection[];
  register?: RegisterChange[];
  accounts?: { before: number; added: number; changed: number; ended: number; nikChanged: number };
  employers?: { before: number; added: number; changed: number };
  /** Coverage per city on the export's date (residents: the cities replaced; accounts: every city). */
  coverage: CoverageChange[];
  guards: ImportGuard[];
  /** The token that applies the file despite the guards (none when nothing needs confirming, or nothing can). */
  confirm: string | null;
  /** The import in force that this file is (a duplicate). */
  duplicateOf: number | null;
}

/** The result: the import, and whether this call applied it or found it in force already. */
export interface ImportResult {
  /** The import applied, or found in force. */
  import: ImportRecord;
  duplicate: boolean;
  /** What applying it did. */
  preview: ImportPreview;
}

/** An import that was not applied: a guard needs the dry run's `confirm`, or there is nothing to apply. HTTP 409. */
export class ImportConflictError extends Error {
  override readonly name = 'ImportConflictError';
  readonly statusCode = 409;
  constructor(
    message: string,
    readonly preview: ImportPreview,
  ) {
    super(message);
  }
}

/** Thrown inside the transaction to roll a dry run (or a refused import) back. */
class Rollback extends Error {
  constructor(readonly preview: ImportPreview) {
    super('rolled back');
  }
}

const digitsOf = (code: string) => code.replace(/\./g, '');
const dotted = (digits: string) => [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4, 6), digits.slice(6, 10)].filter((p) => p !== '').join('.');
const ratioOf = (r: RegionCoverage | undefined) => (r === undefined ? null : { eligible: r.eligible, covered: r.covered, ratio: r.ratio });
const pct = (share: number) => `${Math.round(share * 1000) / 10} %`;

/**
 * Imports one CSV export (see the module's comment).
 *
 * @throws {CsvFormatError} when the file cannot be read as the export (nothing is changed)
 * @throws {ImportConflictError} when a guard refuses it (nothing is changed)
 * @throws {CakupanError} for a bad as-of date or scope
 */
export async function importCsv(db: Db, options: ImportCsvOptions, hooks: ImportHooks = {}): Promise<ImportResult> {
  const result = await runImport(db, options, false, hooks);
  return result as ImportResult;
}

/**
 * What importing the export would do — the import done in full and rolled back: nothing changes.
 * `duplicateOf` names the import in force that is the same file read the same way.
 *
 * @throws {CsvFormatError} when the file cannot be read as the export
 * @throws {CakupanError} for a bad as-of date or scope
 */
export async function previewImport(db: Db, options: ImportCsvOptions, hooks: Pick<ImportHooks, 'coverageBefore' | 'today'> = {}): Promise<ImportPreview> {
  return (await runImport(db, options, true, hooks)).preview;
}

async function runImport(db: Db, options: ImportCsvOptions & { dryRun?: boolean }, dryRun: boolean, hooks: ImportHooks): Promise<{ import: ImportRecord | null; duplicate: boolean; preview: ImportPreview }> {
  options = { ...options, dryRun };
  if (options.asOf !== undefined && !isoDateSchema.safeParse(options.asOf).success) {
    throw new CakupanError({ code: 'invalid_date', message: 'asOf must be a real date as YYYY-MM-DD', path: ['asOf'] });
  }
  const today = hooks.today?.() ?? todayIn(DEFAULT_TIME_ZONE);
  if (options.asOf !== undefined && options.asOf > today) {
    throw new CakupanError({ code: 'out_of_range', message: `asOf ${options.asOf} is in the future: an export is as of a day that has come`, path: ['asOf'] });
  }
  const scope = options.scope ? digitsOf(options.scope) : null;
  if (scope !== null && !/^\d{2}(\d{2}(\d{2}(\d{4})?)?)?$/.test(scope)) {
    throw new CakupanError({ code: 'invalid_value', message: 'scope must be a region code (a province, city, district or village)', path: ['scope'] });
  }
  const fileName = options.fileName ?? basename(options.path);
  const reading = readingKey(options);
  const sha256 = await fileSha256(options.path);
  const asOf = options.asOf ?? today;
  const inForce = await importInForce(db, options.kind, sha256, reading);
  if (inForce !== undefined && !options.dryRun) {
    return { import: inForce, duplicate: true, preview: { ...emptyPreview(options.kind, fileName, sha256, options.asOf ?? null), duplicateOf: inForce.id } };
  }
  const before = options.kind === 'employers' ? [] : ((await hooks.coverageBefore?.(asOf)) ?? []);
  const maxRemoved = options.maxRemovedShare ?? 0.1;
  const maxChanged = options.maxChangedShare ?? 0.1;

  const rejected: CsvRejection[] = [];
  const readOptions = {
    ...(options.preset && { preset: options.preset }),
    ...(options.columns && { columns: options.columns }),
    ...(options.dateOrder && { dateOrder: options.dateOrder }),
    ...(options.villageCode && { villageCode: options.villageCode }),
    ...(options.sheet && { sheet: options.sheet }),
    sourceName: fileName,
  };
  const inScope = (villageCode: unknown) => {
    if (scope === null) return true;
    return typeof villageCode === 'string' && digitsOf(villageCode).startsWith(scope);
  };
  const outOfScope = (line: number, column: string) => rejected.push({ line, column, code: 'out_of_scope', message: `${column}: the row is outside the region of this key (${dotted(scope!)})`, path: [] });
  // a register is read into core's CoverageIndex as it is checked: the coverage cache takes it
  // rather than reading the register back after the import, when it is the store's whole register
  let register: CoverageIndex | undefined;
  let id = 0;

  const run = db.transaction(async (tx) => {
    const [started] = await tx.query<{ id: number }>(
      `insert into imports (kind, file_name, sha256, as_of, api_key_label, reading) values ($1, $2, $3, $4, $5, $6) returning id::int as id`,
      [options.kind, fileName, sha256, options.asOf ?? null, options.apiKeyLabel ?? null, reading],
    );
    id = started!.id;
    // the staging area: accounts and employers in a temporary table (they are upserted into the
    // live one); a register straight into \`residents\` under this import's id, which no one else
    // sees before the commit (the rows it replaces go when the guards pass)
    const table = options.kind === 'residents' ? 'residents' : `incoming_${options.kind}`;
    if (options.kind !== 'residents') await tx.exec(`create temporary table ${table} (like ${options.kind} including defaults) on commit drop`);
    // the comparisons with the live data are joins of whole registers: let them hash in memory
    await tx.exec(`set local work_mem = '256MB'`);
    // rows go to the staging table by COPY while the file is read (the server parses as the reader reads)
    const sink = new PassThrough();
    const copying = tx.copyCsv(table, COPY_COLUMNS[options.kind], sink);
    copying.catch(() => undefined); // awaited below; a failure here must not go unhandled meanwhile
    let chunk = '';
    const put = (values: unknown[]) => {
      chunk += `${values.map(copyCell).join(',')},${id}\n`;
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
          ...readOptions,
          fields: ['nik', 'birthDate', 'sex', 'villageCode', 'rw', 'rt', 'occupation', 'familyNumber', 'name', 'address', 'familyRole'],
          onRecord: (r) => {
            // the KK, name, address and place in the family go to the register (delivery lists), not to the figures
            const { familyNumber, name, address, familyRole, ...record } = r;
            const village = typeof r.villageCode === 'string' ? digitsOf(r.villageCode) : '';
            if (!inScope(r.villageCode)) return outOfScope(Number(r.ref), file0Column('villageCode'));
            index.addResident(record);
            // a row whose city cannot be told cannot be placed in a register (core rejects it too)
            if (/^\d{4}/.test(village)) put([r.ref, r.nik, r.birthDate, r.sex, r.villageCode, r.rw, r.rt, familyNumber, village.slice(0, 4), name, address, familyRole, r.occupation, ...residentFactValues(record)]);
          },
        });
        read = file.read;
        rejected.push(...rejectedRows(file, index.report({ asOf, levels: ['province'] }).rejected.residents));
      } else if (options.kind === 'employers') {
        const file = await readEmployersCsv(options.path, {
          ...readOptions,
          onRecord: (r) => {
            if (!inScope(r.villageCode)) return outOfScope(Number(r.ref), file0Column('villageCode'));
            put([r.id, r.name, r.villageCode, r.rw, r.rt, r.npp, r.status, r.address, r.ref]);
          },
        });
        read = file.read;
        rejected.push(...file.rejected);
      } else {
        const checks = new CoverageAccumulator({ asOf, levels: ['province'] });
        const file = await readParticipantsCsv(options.path, {
          ...readOptions,
          onRecord: (r) => {
            checks.addParticipant(r);
            // a list without card numbers (BPJS does not always share them): its own accounts
            const kpj = r.kpj === undefined || String(r.kpj).trim() === '' ? `~${id}.${r.ref}` : r.kpj;
            put([kpj, r.nik, r.segment, r.status, r.registeredOn, r.endedOn, r.employerNpp, r.ref, ...accountFactValues(r)]);
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

    // a rejected row never changes stored data: the staged accounts and employers core did not use go
    if (options.kind !== 'residents') {
      const lines = rejected.map((r) => r.line);
      if (lines.length > 0) await tx.query(`delete from ${table} where line = any($1::int[])`, [lines]);
      if (options.kind === 'participants' && scope !== null) {
        const gone = await tx.query<{ line: number }>(
          `delete from ${table} i where not exists (select 1 from residents r where r.nik = i.nik and replace(r.village_code, '.', '') like $1) returning line`,
          [`${scope}%`],
        );
        for (const g of gone) rejected.push({ line: g.line, column: file0Column('nik'), code: 'out_of_scope', message: `the participant does not live in the region of this key (${dotted(scope)}) by the register`, path: [] });
        // nor may it take over an account of someone living elsewhere (its KPJ held by another NIK)
        const taken = await tx.query<{ line: number }>(
          `delete from ${table} i using participants p where p.kpj = i.kpj and p.nik is distinct from i.nik
             and not exists (select 1 from residents r where r.nik = p.nik and replace(r.village_code, '.', '') like $1) returning i.line`,
          [`${scope}%`],
        );
        for (const t of taken) rejected.push({ line: t.line, column: file0Column('kpj'), code: 'out_of_scope', message: `the KPJ is an account of a person outside the region of this key (${dotted(scope)})`, path: [] });
      }
    }
    rejected.sort((a, b) => a.line - b.line);
    const used = read - rejected.length;
    // the staged rows' statistics, so that the comparisons below are planned as hash joins over
    // what was just loaded (without them the planner takes the tables as small: nested loops)
    await tx.exec(options.kind === 'residents' ? 'analyze residents' : `analyze ${table}, ${options.kind}`);

    const preview: ImportPreview = { ...emptyPreview(options.kind, fileName, sha256, options.asOf ?? null), rows: { read, used, rejected: rejected.length }, firstRejects: rejected.slice(0, 20), duplicateOf: inForce?.id ?? null };
    const guards: ImportGuard[] = [];
    if (used === 0) guards.push({ code: 'no_usable_rows', message: `no row of ${fileName} can be used (${rejected.length} of ${read} rejected${rejected[0] ? `; the first, line ${rejected[0].line}: ${rejected[0].message}` : ''}): nothing was changed` });
    let regions: string[] = [];
    if (options.kind === 'residents') {
      regions = await replacedRegions(tx, id, scope);
      preview.register = [];
      for (const region of regions) {
        const change = await registerChange(tx, id, region);
        preview.register.push(change);
        if (change.before > 0 && change.removed / change.before > maxRemoved) {
          guards.push({ code: 'removes_much', message: `this export removes ${change.removed} of the ${change.before} residents of ${dotted(region)} (${pct(change.removed / change.before)}, more than ${pct(maxRemoved)})` });
        }
        if (options.asOf !== undefined && change.inForceAsOf !== null && options.asOf < change.inForceAsOf) {
          guards.push({ code: 'older_export', message: `this export is as of ${options.asOf}, older than the register in force for ${dotted(region)} (as of ${change.inForceAsOf})` });
        }
      }
    } else if (options.kind === 'participants') {
      const accounts = (preview.accounts = await accountsChange(tx));
      const share = accounts.before === 0 ? 0 : accounts.changed / accounts.before;
      if (share > maxChanged) guards.push({ code: 'changes_many_accounts', message: `this file changes or ends ${accounts.changed} of the ${accounts.before} accounts (${pct(share)}, more than ${pct(maxChanged)}), ${accounts.ended} of them ended` });
      if (accounts.nikChanged > 0) guards.push({ code: 'nik_changes', message: `${accounts.nikChanged} account(s) would move to another NIK (their KPJ is held by another person in the store)` });
      const [latest] = await tx.query<{ as_of: string | null }>(`select max(as_of)::text as as_of from imports where kind = 'participants' and status = 'applied'`);
      if (options.asOf !== undefined && latest?.as_of && options.asOf < latest.as_of) {
        guards.push({ code: 'older_export', message: `this export is as of ${options.asOf}, older than the accounts export in force (as of ${latest.as_of})` });
      }
    } else {
      preview.employers = await employersChange(tx);
    }
    preview.guards = guards;
    const token = confirmToken(options, sha256, reading, await stateOf(tx));
    const confirmable = guards.length > 0 && guards.every((g) => g.code !== 'no_usable_rows');
    preview.confirm = confirmable ? token : null;
    const refused = guards.some((g) => g.code === 'no_usable_rows') || (confirmable && options.confirm !== token);

    // apply (a dry run and a refused import too: their "after" is what applying gives, then rolled back)
    await applyStaged(tx, options.kind, id, table, regions);
    if (options.kind !== 'employers' && (options.dryRun || refused)) {
      const after = await new CoverageCache(tx).report({ asOf, levels: ['city'] });
      const cities = options.kind === 'residents' ? new Set(regions.map((r) => r.slice(0, 4))) : undefined;
      const codes = new Set([...before, ...after.regions].map((r) => r.code).filter((c) => cities === undefined || cities.has(digitsOf(c))));
      preview.coverage = [...codes].sort().map((code) => {
        const b = before.find((r) => r.code === code);
        const a = after.regions.find((r) => r.code === code);
        return { region: code, name: (a ?? b)?.name ?? null, before: ratioOf(b), after: ratioOf(a) };
      });
    }
    if (options.dryRun || refused) throw new Rollback(preview);

    if (rejected.length > 0) {
      await tx.copyCsv('import_rejects', ['import_id', 'line', 'column_name', 'code', 'message'], rejected.map((r) => [id, r.line, r.column, r.code, r.message].map(copyCell).join(',') + '\n').join(''));
    }
    const summary = { rows: preview.rows, register: preview.register, accounts: preview.accounts, employers: preview.employers, confirmed: guards.map((g) => g.code) };
    await tx.query(
      `update imports set rows_read = $2, rows_used = $3, rows_rejected = $4, status = 'applied', finished_at = clock_timestamp(), regions = $5, summary = $6, undoable = true where id = $1`,
      [id, read, used, rejected.length, options.kind === 'residents' ? regions.map(dotted) : null, JSON.stringify(summary)],
    );
    await pruneHistory(tx, options.kind);
    await audit(tx, { actor: options.apiKeyLabel ?? null, action: 'import', subject: `${options.kind} ${fileName}`, count: read, detail: { importId: id, used, rejected: rejected.length, ...(guards.length > 0 && { confirmed: guards.map((g) => g.code) }) } });
    // a register that is the store's whole register can be offered to the coverage cache as read
    const [others] = options.kind === 'residents' ? await tx.query<{ n: number }>('select count(*)::int as n from residents where import_id <> $1', [id]) : [];
    // last, so that the row lock it takes is held for the commit only: the coverage index of every
    // process sees the change by this counter (migration 004)
    const [version] = options.kind === 'employers' ? [] : await tx.query<{ v: string }>(`update store_versions set ${options.kind} = ${options.kind} + 1 returning ${options.kind}::text as v`);
    return { record: (await tx.query<ImportRecord>(`${IMPORT_SELECT} where id = $1`, [id]))[0]!, version: version?.v, wholeRegister: others?.n === 0 && scope === null, preview };
  });
  // the file's column names, once known (for out-of-scope rejections made while reading)
  function file0Column(field: string): string {
    return (options.columns as Record<string, string> | undefined)?.[FIELD_COLUMN[field] ?? field] ?? FIELD_COLUMN[field] ?? field;
  }
  try {
    const committed = await run;
    if (register && committed.version !== undefined && committed.wholeRegister) hooks.onRegister?.(register, committed.version);
    return { import: committed.record, duplicate: false, preview: committed.preview };
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
    if (options.dryRun) return { import: null, duplicate: false, preview: err.preview };
    const guards = err.preview.guards;
    const nothing = guards.find((g) => g.code === 'no_usable_rows');
    const message =
      nothing !== undefined
        ? nothing.message
        : `${guards.map((g) => g.message).join('; ')}. Nothing was changed: check the dry run's preview, then send the file again with confirm=${err.preview.confirm}${options.confirm !== undefined ? ' (the token given is not this file\'s on the store as it is now)' : ''}`;
    throw new ImportConflictError(message, err.preview);
  }
}

/** The canonical column of each record field, for messages before the file's own names are known. */
const FIELD_COLUMN: Readonly<Record<string, string>> = { villageCode: 'village_code', nik: 'nik', kpj: 'kpj' };

/** How the file is read, as one text (a file read another way is another import). */
function readingKey(o: ImportReading): string {
  const parts = { preset: o.preset ?? null, columns: o.columns ? Object.fromEntries(Object.entries(o.columns).sort()) : null, dateOrder: o.dateOrder ?? null, villageCode: o.villageCode ?? null, sheet: o.sheet ?? null };
  return Object.values(parts).every((v) => v === null) ? '' : JSON.stringify(parts);
}

function emptyPreview(kind: ImportKind, fileName: string, sha256: string, asOf: string | null): ImportPreview {
  return { kind, fileName, sha256, asOf, rows: { read: 0, used: 0, rejected: 0 }, firstRejects: [], coverage: [], guards: [], confirm: null, duplicateOf: null };
}

/**
 * The applied import of this file, read this way, if it is in force: no later applied import of
 * the kind (for residents: of the same regions) came over it.
 */
async function importInForce(db: Db, kind: ImportKind, sha256: string, reading: string): Promise<ImportRecord | undefined> {
  const [same] = await db.query<ImportRecord>(`${IMPORT_SELECT} where kind = $1 and sha256 = $2 and reading = $3 and status = 'applied' order by id desc limit 1`, [kind, sha256, reading]);
  if (same === undefined) return undefined;
  const [later] = await db.query<{ id: number }>(
    kind === 'residents'
      ? `select id::int as id from imports where kind = $1 and status = 'applied' and id > $2 and regions && (select regions from imports where id = $2) limit 1`
      : `select id::int as id from imports where kind = $1 and status = 'applied' and id > $2 limit 1`,
    [kind, same.id],
  );
  return later === undefined ? same : undefined;
}

/**
 * The regions a staged register replaces (digits): the importing key's scope when it lies inside
 * a city, else each city the rows belong to.
 */
async function replacedRegions(tx: Db, id: number, scope: string | null): Promise<string[]> {
  if (scope !== null && scope.length > 4) return [scope];
  const rows = await tx.query<{ city: string }>('select distinct city from residents where import_id = $1 order by city', [id]);
  return rows.map((r) => r.city);
}

/** The live and staged rows of a region (digits), as SQL conditions. */
function inRegion(alias: string, region: string): string {
  const city = `${alias}.city = '${region.slice(0, 4)}'`;
  return region.length > 4 ? `${city} and replace(${alias}.village_code, '.', '') like '${region}%'` : city;
}

async function registerChange(tx: Db, id: number, region: string): Promise<RegisterChange> {
  if (!/^\d+$/.test(region) || !Number.isSafeInteger(id)) throw new Error('a region is digits, an import an integer');
  // live: the region's register in force; staged: this import's rows of the region (anti-joins,
  // which the planner hashes, rather than NOT IN, which it may not)
  const live = `residents l where ${inRegion('l', region)} and l.import_id <> ${id}`;
  const staged = `residents s where ${inRegion('s', region)} and s.import_id = ${id}`;
  const [counts] = await tx.query<{ before: number; after: number; in_force: string | null }>(
    `select (select count(*)::int from ${live}) as before, (select count(*)::int from ${staged}) as after,
            (select max(i.as_of)::text from imports i where i.id in (select distinct l.import_id from ${live})) as in_force`,
  );
  // NIKs counted distinct by hashing (select distinct), not count(distinct …), which sorts
  const distinct = (from: string) => `(select count(*)::int from (select distinct ${from}) d)`;
  const [row] =
    counts!.before === 0
      ? await tx.query<{ added: number; removed: number; changed: number }>(`select ${distinct(`s.nik from ${staged} and s.nik is not null`)} as added, 0 as removed, 0 as changed`)
      : await tx.query<{ added: number; removed: number; changed: number }>(
          `select ${distinct(`s.nik from ${staged} and s.nik is not null and not exists (select 1 from residents l where l.nik = s.nik and ${inRegion('l', region)} and l.import_id <> ${id})`)} as added,
                  ${distinct(`l.nik from ${live} and l.nik is not null and not exists (select 1 from residents s where s.nik = l.nik and ${inRegion('s', region)} and s.import_id = ${id})`)} as removed,
                  ${distinct(`l.nik from ${live} and exists (select 1 from residents s where s.nik = l.nik and ${inRegion('s', region)} and s.import_id = ${id})
                     and not exists (select 1 from residents s where s.nik = l.nik and ${inRegion('s', region)} and s.import_id = ${id}
                       and (s.birth_date, s.sex, s.village_code, s.rw, s.rt, s.family_number, s.name, s.address, s.family_role, s.occupation) is not distinct from (l.birth_date, l.sex, l.village_code, l.rw, l.rt, l.family_number, l.name, l.address, l.family_role, l.occupation))`)} as changed`,
        );
  return { region: dotted(region), before: counts!.before, after: counts!.after, added: row!.added, removed: row!.removed, changed: row!.changed, inForceAsOf: counts!.in_force };
}

const active = (alias: string) => `(lower(trim(coalesce(${alias}.status, ''))) in ('aktif', 'active') and ${alias}.ended_on is null)`;

async function accountsChange(tx: Db): Promise<NonNullable<ImportPreview['accounts']>> {
  const [row] = await tx.query<{ before: number; added: number; changed: number; ended: number; nik_changed: number; listed: number }>(
    `select (select count(*)::int from participants) as before,
            (select count(*)::int from incoming_participants i where not exists (select 1 from participants p where p.kpj = i.kpj)) as added,
            (select count(*)::int from incoming_participants i join participants p using (kpj)
               where (i.nik, i.segment, i.status, i.registered_on, i.ended_on, i.employer_npp) is distinct from (p.nik, p.segment, p.status, p.registered_on, p.ended_on, p.employer_npp)) as changed,
            (select count(*)::int from incoming_participants i join participants p using (kpj)
               where ${active('p')} and not ${active('i')}) as ended,
            (select count(*)::int from incoming_participants i join participants p using (kpj) where i.nik is distinct from p.nik) as nik_changed,
            (select count(*)::int from incoming_participants where kpj like '~%') as listed`,
  );
  // a list without card numbers replaces the earlier such list: its accounts are changed or ended
  let replacedList = 0;
  if (row!.listed > 0) [{ n: replacedList }] = await tx.query<{ n: number }>(`select count(*)::int as n from participants where kpj like '~%'`) as [{ n: number }];
  return { before: row!.before, added: row!.added, changed: row!.changed + replacedList, ended: row!.ended, nikChanged: row!.nik_changed };
}

async function employersChange(tx: Db): Promise<NonNullable<ImportPreview['employers']>> {
  const [row] = await tx.query<{ before: number; added: number; changed: number }>(
    `select (select count(*)::int from employers) as before,
            (select count(distinct id)::int from incoming_employers i where not exists (select 1 from employers e where e.id = i.id)) as added,
            (select count(distinct id)::int from incoming_employers i join employers e using (id)
               where (i.name, i.village_code, i.rw, i.rt, i.npp, i.status) is distinct from (e.name, e.village_code, e.rw, e.rt, e.npp, e.status)) as changed`,
  );
  return row!;
}

/** The store's state that a confirmation holds for: its counters and its latest import. */
async function stateOf(tx: Db): Promise<string> {
  const [row] = await tx.query<{ s: string }>(
    `select concat_ws('/', v.residents, v.participants, v.events, (select max(id) from imports where status in ('applied', 'reverted'))) as s from store_versions v`,
  );
  return row!.s;
}

function confirmToken(o: ImportCsvOptions, sha256: string, reading: string, state: string): string {
  return createHash('sha256')
    .update(JSON.stringify([o.kind, sha256, reading, o.asOf ?? null, o.scope ?? null, o.maxRemovedShare ?? null, o.maxChangedShare ?? null, state]))
    .digest('hex')
    .slice(0, 24);
}

/** Moves the staged rows into the live tables, keeping what they replace (for `revert.ts`). */
async function applyStaged(tx: Db, kind: ImportKind, id: number, table: string, regions: readonly string[]): Promise<void> {
  if (kind === 'residents') {
    // the staged rows are in place already: the register they replace goes to the history
    for (const region of regions) {
      // columns by name: a history table has its own columns after \`removed_by\` (migrations add to both)
      const columns = COPY_COLUMNS.residents.join(', ');
      await tx.query(`insert into residents_history (${columns}, removed_by) select ${columns}, $1::bigint from residents l where ${inRegion('l', region)} and l.import_id <> $1`, [id]);
      await tx.query(`delete from residents l where ${inRegion('l', region)} and l.import_id <> $1`, [id]);
    }
    return;
  }
  const columns = COPY_COLUMNS[kind];
  const [key, ...rest] = columns;
  const all = columns.join(', ');
  const kept = `${all}, updated_at, replaced_by`;
  const target = kind;
  if (kind === 'participants' && (await tx.query(`select 1 from ${table} where kpj like '~%' limit 1`)).length > 0) {
    await tx.query(`insert into participants_history (${kept}) select ${all}, updated_at, $1::bigint from participants p where p.kpj like '~%'`, [id]);
    await tx.query(`delete from participants where kpj like '~%'`);
  }
  await tx.query(`insert into ${target}_history (${kept}) select ${all}, updated_at, $1::bigint from ${target} t where t.${key} in (select ${key} from ${table})`, [id]);
  // of several rows with one key (employers: core does not tell), the last line wins. Accounts
  // are replaced (deleted, then inserted), not upserted: on a sharded store an account whose NIK
  // changed moves to its NIK's shard, which neither ON CONFLICT nor an update can do there
  if (kind === 'participants') {
    await tx.query(`delete from participants t where t.kpj in (select kpj from ${table})`);
    await tx.query(`insert into participants (${all}) select distinct on (kpj) ${all} from ${table} order by kpj, line desc`);
    return;
  }
  await tx.query(
    `insert into ${target} (${all})
     select distinct on (${key}) ${all} from ${table} order by ${key}, line desc
     on conflict (${key}) do update set ${rest.map((c) => `${c} = excluded.${c}`).join(', ')}, updated_at = now()`,
  );
}

/**
 * Whose imports a caller sees: a key of a region sees the imports it made, and those whose every
 * region lies within its scope (a residents import of its village or below); no other.
 */
export interface ImportViewer {
  /** The key's region (dotted). */
  scope: string;
  /** The key's label, as imports record it. */
  label: string | null;
}

/** The SQL condition of the imports `viewer` sees (all with none), its values pushed onto `params`. */
function visibleTo(viewer: ImportViewer | undefined, params: unknown[]): string {
  if (viewer === undefined) return 'true';
  params.push(viewer.label, viewer.scope);
  const label = `$${params.length - 1}`;
  const scope = `$${params.length}`;
  return `(api_key_label = ${label} or (cardinality(regions) > 0 and not exists (select 1 from unnest(regions) r where not (r = ${scope} or r like ${scope} || '.%'))))`;
}

/** The imports, newest first (of those `viewer` sees). */
export function listImports(db: Db, options: { before?: number; limit?: number; viewer?: ImportViewer } = {}): Promise<ImportRecord[]> {
  const limit = options.limit ?? 1000;
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new RangeError(`limit must be 1–10,000, not ${limit}`);
  const params: unknown[] = [options.before ?? Number.MAX_SAFE_INTEGER, limit];
  return db.query<ImportRecord>(`${IMPORT_SELECT} where id < $1 and ${visibleTo(options.viewer, params)} order by id desc limit $2`, params);
}

/** One import, if there is one with this id (that `viewer` sees). */
export async function getImport(db: Db, id: number, viewer?: ImportViewer): Promise<ImportRecord | undefined> {
  const params: unknown[] = [id];
  return (await db.query<ImportRecord>(`${IMPORT_SELECT} where id = $1 and ${visibleTo(viewer, params)}`, params))[0];
}

/** The rows an import rejected, as CSV (`line,column,code,message`), in line order. */
export async function importRejectsCsv(db: Db, importId: number): Promise<string> {
  let csv = '';
  for await (const chunk of importRejectsCsvChunks(db, importId)) csv += chunk;
  return csv;
}

/**
 * The same CSV a piece at a time (the header, then about `rows` rejects a piece, in line order),
 * read from the store as it is sent: an import that rejected a whole register's rows is never held
 * in memory at once.
 */
export async function* importRejectsCsvChunks(db: Db, importId: number, rows = 10_000): AsyncGenerator<string> {
  type Reject = { line: number; column_name: string; code: string; message: string };
  const text = (list: readonly Reject[]) => list.map((r) => `${csvLine([r.line, r.column_name, r.code, r.message])}\n`).join('');
  yield 'line,column,code,message\n';
  let after = 0;
  for (;;) {
    const page = await db.query<Reject>('select line, column_name, code, message from import_rejects where import_id = $1 and line > $2 order by line, column_name limit $3', [importId, after, rows]);
    if (page.length < rows) {
      if (page.length > 0) yield text(page);
      return;
    }
    // a line may have several rejects: the page's last line is taken whole before moving on
    const last = page[page.length - 1]!.line;
    const ofLast = await db.query<Reject>('select line, column_name, code, message from import_rejects where import_id = $1 and line = $2 order by column_name', [importId, last]);
    yield text([...page.filter((r) => r.line < last), ...ofLast]);
    after = last;
  }
}

/** The columns each kind's rows are copied into, in the order `put` gives them (the import id last). */
export const COPY_COLUMNS: Readonly<Record<ImportKind, readonly string[]>> = {
  residents: ['line', 'nik', 'birth_date', 'sex', 'village_code', 'rw', 'rt', 'family_number', 'city', 'name', 'address', 'family_role', 'occupation', ...RESIDENT_FACT_COLUMNS, 'import_id'],
  employers: ['id', 'name', 'village_code', 'rw', 'rt', 'npp', 'status', 'address', 'line', 'import_id'],
  participants: ['kpj', 'nik', 'segment', 'status', 'registered_on', 'ended_on', 'employer_npp', 'line', ...ACCOUNT_FACT_COLUMNS, 'import_id'],
};

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
  /** The residents export in force (of the region's city, when one is asked for): its own as-of date and when it was imported. */
  residents: { asOf: string | null; importedAt: string } | null;
  /** The latest participants export applied. */
  participants: { asOf: string | null; importedAt: string } | null;
  /** When the latest participant event arrived. */
  lastEventAt: string | null;
}

/** See {@link DataAsOf}. `region`: a region code (dotted or digits) whose city's register is meant. */
export async function dataAsOf(db: Db, region?: string): Promise<DataAsOf> {
  const city = region ? digitsOf(region).slice(0, 4) : '';
  const [residents] = await db.query<{ asOf: string | null; importedAt: string }>(
    // the register in force: the latest applied residents import (of the city), by its regions
    city.length === 4
      ? `select as_of::text as "asOf", finished_at::text as "importedAt" from imports where kind = 'residents' and status = 'applied' and exists (select 1 from unnest(regions) r where replace(r, '.', '') like $1 || '%') order by id desc limit 1`
      : `select as_of::text as "asOf", finished_at::text as "importedAt" from imports where kind = 'residents' and status = 'applied' and $1 = $1 order by id desc limit 1`,
    [city],
  );
  const [participants] = await db.query<{ asOf: string | null; importedAt: string }>(
    `select as_of::text as "asOf", finished_at::text as "importedAt" from imports where kind = 'participants' and status = 'applied' order by id desc limit 1`,
  );
  const [event] = await db.query<{ at: string | null }>('select max(received_at)::text as at from participant_events');
  return { residents: residents ?? null, participants: participants ?? null, lastEventAt: event?.at ?? null };
}
