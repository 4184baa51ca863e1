/**
 * The store: opens the database (PostgreSQL through DATABASE_URL, else PGlite in a folder),
 * applies the migrations, and offers imports and coverage.
 */
import type { CoverageIndex, CoverageReport, QualityReport, RegionCoverage, RegionSettings, RegistrationHelp } from '@cakupan/core';
import { DEFAULT_TIME_ZONE, todayIn } from '@cakupan/core';
import { type DbDeadlines, type OwnedDb, openDb, type StoreHealth } from './db/db.js';
import { migrate } from './db/migrate.js';
import { CoverageCache, type CoverageFromStoreOptions, type Household } from './coverage/coverageCache.js';
import { DatabaseCoverage } from './coverage/databaseCoverage.js';
import { fillMissingFacts } from './coverage/factColumns.js';
import { shardLayout } from './db/shards.js';
import { coverageSeries, type SeriesOptions, type SeriesPoint } from './coverage/series.js';
import type { ComplianceReport, RegionLevel } from '@cakupan/core';
import { complianceFromStore, type EmployerRow, employersByIds, listEmployers, type ListEmployersOptions } from './employers/employers.js';
import { applyParticipantEvent, type ApplyEventOptions, type ParticipantEvent, participantEvents, villagesOfEvent } from './events/participantEvents.js';
import { revokeOutdatedEmployerStickers } from './stickers/revocation.js';
import { HouseholdSweep } from './stickers/householdSweep.js';
import { activeApiKeys, addApiKey, type ApiKeyInfo, listApiKeys, revokeApiKey } from './keys/apiKeys.js';
import { type AccountChange, type AccountInfo, addAccount, changeAccount, changeOwnPassword, getAccount, listAccounts, type NewAccount, type PasswordSignIn, resetPassword, type SignedIn, signInWithPassword, signInWithSso } from './accounts/accounts.js';
import { destroySession, getSession, serviceSecret, setSession } from './accounts/sessions.js';
import { type FieldProgressRow, fieldProgress } from './field/progress.js';
import { type DeliveryListQuery, type DeliveryStop, deliveryList } from './field/deliveryList.js';
import { type RegionRegistrationHelp, registrationHelpOf, setRegistrationHelp } from './regions/registrationHelp.js';
import { regionSettingsOf, setRegionSettings, type StoredRegionSettings } from './regions/regionSettings.js';
import { addBoundaries, boundariesFor, type BoundaryVersion, boundaryVersions, restoreBoundaries } from './regions/boundaries.js';
import { type ApprovedReport, approvedReport, approvedReports, approveReport } from './reports/monthlyReports.js';
import { type Installation, installationsOf, recordInstallation, recordVisit, replacementOf, type Visit, type VisitOutcome, visitsOf } from './field/fieldWork.js';
import { approveRequisition, declineRequisition, reopenRequisition, finishRun, frozenSubjects, getRequisition, jobSheetLines, type JobSheetLine, listRequisitions, type Requisition, type RequisitionStatus, type RequisitionViewer, requestStickers, startRun } from './requisitions/requisitions.js';
import { audit, auditLog, listStickers, type PrintedSticker, recordStickers, reserveSerialBlock, revocationsOf, type RegisterWord, revokedSerials, revokeSticker, serialsAbove, stickerRecord, type StickerRecord } from './stickers/register.js';
import { type DataAsOf, dataAsOf, getImport, type ImportCsvOptions, importCsv, type ImportPreview, type ImportRecord, type ImportResult, type ImportViewer, importRejectsCsv, importRejectsCsvChunks, listImports, previewImport } from './imports/importCsv.js';
import { revertImport } from './imports/revert.js';

export interface OpenStoreOptions {
  /** `postgres://…` for a PostgreSQL server; absent for the embedded PGlite in `dataDir`. */
  databaseUrl?: string | undefined;
  /** Folder of the embedded database. */
  dataDir: string;
  /**
   * Build the coverage index in the background at opening and after each import, so that reports
   * find it ready (a service wants this; a one-off command does not). Default false.
   */
  warmCoverage?: boolean;
  /** Deadlines of the database's statements (see `openDb`). */
  deadlines?: DbDeadlines;
  /** Told when the embedded database's process is started again, and why (for the service's log). */
  onRestart?(reason: string): void;
  /** The time zone whose calendar date is "today" (an export dated later is refused; stickers are checked on it). Default WIB, `Asia/Jakarta`. */
  timeZone?: string;
  /** Today's date (ISO); default today in `timeZone`. Tests set it. */
  today?: () => string;
  /** Told when work the store does in the background (the household sticker sweep after events) fails. */
  onBackgroundError?(task: string, error: Error): void;
  /**
   * The shard servers of a sharded store (`postgres://…` each; `databaseUrl` is then its
   * coordinator): the register and the accounts live on them by NIK bucket (`db/shards.ts`). A
   * shard's URL without a database names the coordinator's database on that server (created if
   * missing). Default none: one server, or the embedded store.
   */
  shards?: readonly string[] | undefined;
  /**
   * Who computes coverage: `memory` — core's `CoverageIndex` in this process, built from the stored
   * records (fastest for a city; memory grows with the register) — or `database` — SQL next to the
   * data, only counts returned (`coverage/coverageSql.ts`; memory independent of the register).
   * Default `database` for a sharded store, else `memory`.
   */
  coverageEngine?: 'memory' | 'database' | undefined;
}

/** The monitoring store. */
export interface Store {
  readonly engine: 'pglite' | 'postgres';
  /** One database, or a coordinator with shard servers. */
  readonly layout: 'single' | 'sharded';
  /** Who computes coverage (see {@link OpenStoreOptions.coverageEngine}). */
  readonly coverageEngine: 'memory' | 'database';
  readonly db: OwnedDb;
  /** Whether the database answers now (the embedded process restarting, a server unreachable). */
  health(): Promise<StoreHealth>;
  /**
   * Calls `listener` after each change of the stored data through this store (an applied import,
   * a revert, an applied participant event); returns the function that stops it.
   */
  onChange(listener: () => void): () => void;
  /** Imports an export: staged, checked, previewed with `dryRun`, guarded (see `imports/importCsv.ts`). */
  importCsv(options: ImportCsvOptions): Promise<ImportResult>;
  /** What importing would do (a dry run: the import done and rolled back). */
  previewImport(options: ImportCsvOptions): Promise<ImportPreview>;
  /** The imports, newest first, a page at a time: at most `limit` (1–10,000, default 1000), those before id `before`. */
  imports(options?: { before?: number; limit?: number; viewer?: ImportViewer }): Promise<ImportRecord[]>;
  /** One import, if there is one that `viewer` (default: anyone) sees. */
  import(id: number, viewer?: ImportViewer): Promise<ImportRecord | undefined>;
  /** Undoes an applied import (see `imports/revert.ts`); `undefined` when there is none with this id. */
  revertImport(id: number, by: string | null): Promise<ImportRecord | undefined>;
  /** What the figures stand on: the register's snapshot date (of a region's city), the latest accounts export and event. */
  dataAsOf(region?: string): Promise<DataAsOf>;
  importRejectsCsv(importId: number): Promise<string>;
  /** The same a piece at a time, read as it is sent (see `imports/importCsv.ts`). */
  importRejectsCsvChunks(importId: number): AsyncGenerator<string>;
  coverage(options: CoverageFromStoreOptions): Promise<CoverageReport>;
  /** Every region at every level on a date, kept until the store changes (see `CoverageCache.regionsOn`). */
  regionsOn(asOf: string): Promise<readonly RegionCoverage[]>;
  /** The same for several dates, from one state of the store. */
  regionsOnDates(dates: readonly string[]): Promise<(readonly RegionCoverage[])[]>;
  /** The coverage report on a date and, from the same pass, data-quality counts per region: under-age account holders, several accounts, birth dates (core's `CoverageIndex.quality`). */
  quality(options: CoverageFromStoreOptions): Promise<QualityReport>;
  /** Coverage at each month-end for a region and its children (see `coverageSeries`). */
  series(options: SeriesOptions): Promise<SeriesPoint[]>;
  /** The households of a village, RW or RT with their members counted on `asOf` (see `CoverageCache.households`). */
  households(region: { code: string; level: 'village' | 'rw' | 'rt' }, asOf: string): Promise<Household[]>;
  /** Employers a page at a time (the worklist with `status: 'unregistered'`). */
  employers(options?: ListEmployersOptions): Promise<{ employers: EmployerRow[]; next: string | null }>;
  /** The stored employers among `ids`, by id (absent: not held). */
  employersByIds(ids: readonly string[]): Promise<Map<string, EmployerRow>>;
  /** Employer compliance per region over every stored employer. */
  compliance(levels?: readonly RegionLevel[]): Promise<ComplianceReport>;
  /** Applies a participant event (idempotent by its sender's id); coverage reads reflect it at once. */
  applyParticipantEvent(event: ParticipantEvent, apiKeyLabel?: string, options?: ApplyEventOptions): Promise<{ applied: boolean }>;
  participantEvents(kpj: string): ReturnType<typeof participantEvents>;
  /** The villages an event touches (stored codes; `null`: a person not in the register): a key of a region must hold them all. */
  villagesOfEvent(event: ParticipantEvent): Promise<(string | null)[]>;
  /** The sticker register (see `stickers/register.ts`). */
  stickers: {
    reserveSerialBlock(): Promise<number>;
    serialsAbove(serial: number): Promise<void>;
    /** Records printed stickers; an employer's printed from a request's own data is swept against the store at once. */
    record(stickers: readonly PrintedSticker[], jobFirstSerial?: number): Promise<void>;
    get(serial: number): Promise<StickerRecord | undefined>;
    /** What the register says (revocation, where the facts came from) of up to 1,000 serials in one query (see `stickers/register.ts`). */
    revocationsOf(serials: readonly number[]): Promise<Map<number, RegisterWord>>;
    list(options?: { region?: string; after?: number; limit?: number }): Promise<{ stickers: StickerRecord[]; next: number | null }>;
    /** Revokes by hand: `reason` is public, `note` (internal) goes to the audit log only. */
    revoke(serial: number, reason: string, by: string | null, note?: string): Promise<StickerRecord | undefined>;
    revoked(): Promise<{ serials: number[]; count: number }>;
    /** Revokes household stickers whose household's coverage today no longer matches their colour (the store does this itself after imports, reverts and events; see `stickers/householdSweep.ts`). */
    revokeOutdatedHouseholds(): Promise<number[]>;
  };
  /** API keys kept in the store, by label, with a scope (see `keys/apiKeys.ts`). */
  apiKeys: {
    add(options: { label: string; role: string; scope: string | null; by: string | null }): Promise<{ key: string; info: ApiKeyInfo }>;
    revoke(label: string, by: string | null): Promise<ApiKeyInfo | undefined>;
    list(): Promise<ApiKeyInfo[]>;
    active<R extends string = string>(): Promise<Map<string, { label: string; role: R; scope: string | null }>>;
  };
  /** Officers' accounts: passwords (argon2id), lockout, single sign-on (see `accounts/accounts.ts`). */
  accounts: {
    add(account: NewAccount): Promise<AccountInfo>;
    list(): Promise<AccountInfo[]>;
    get(username: string): Promise<AccountInfo | undefined>;
    change(username: string, change: AccountChange, by: string | null): Promise<AccountInfo | undefined>;
    resetPassword(username: string, password: string, by: string | null): Promise<AccountInfo | undefined>;
    signInWithPassword(username: string, password: string): Promise<PasswordSignIn>;
    signInWithSso(subject: string, preferredUsername: string | undefined): Promise<SignedIn | undefined>;
    changeOwnPassword(username: string, current: string, next: string): Promise<void>;
  };
  /** Signed-in sessions, by id (see `accounts/sessions.ts`). */
  sessions: {
    get(id: string): Promise<unknown>;
    set(id: string, data: unknown, expiresAt: Date): Promise<void>;
    destroy(id: string): Promise<void>;
  };
  /** The service's secret called `name`, made once and kept (e.g. the session cookie's signing secret). */
  secret(name: string): Promise<string>;
  /** The field work: installations of stickers and visits to employers, as history (see `field/fieldWork.ts`). */
  field: {
    install(i: { serial: number; installedAt: string; by: string; location?: { latitude: number; longitude: number; accuracyM?: number | undefined } | undefined; clientId?: string | undefined }): Promise<{ installation: Installation; repeated: boolean }>;
    installations(serial: number): Promise<Installation[]>;
    replacementOf(serial: number): Promise<number | null>;
    visit(v: { employerId: string; outcome: VisitOutcome; followUpOn?: string | undefined; visitedAt: string; by: string; clientId?: string | undefined }): Promise<{ visit: Visit; repeated: boolean }>;
    visits(employerId: string): Promise<Visit[]>;
    /** The progress in a region per child region (see `field/progress.ts`). */
    progress(region: string): Promise<{ level: RegionLevel; rows: FieldProgressRow[] }>;
    /** The stickers in force of a place with where each goes: personal data (see `field/deliveryList.ts`). */
    deliveryList(q: DeliveryListQuery): Promise<DeliveryStop[]>;
  };
  /** How to register, per region: a region's own or the nearest above it (see `regions/registrationHelp.ts`). */
  registrationHelp: {
    of(codes: readonly string[]): Promise<Map<string, RegionRegistrationHelp>>;
    set(regionCode: string, help: RegistrationHelp | null, by: string): Promise<void>;
  };
  /** A city's or regency's settings, each region's own (see `regions/regionSettings.ts`; core's `resolveRegionSettings` picks the fields in force). */
  regionSettings: {
    /** The stored settings of every region in the lineages of `codes`, by region code. */
    of(codes: readonly string[]): Promise<Map<string, StoredRegionSettings>>;
    set(regionCode: string, settings: RegionSettings | null, by: string): Promise<void>;
  };
  /** Villages' boundaries per region, every upload kept (see `regions/boundaries.ts`). */
  boundaries: {
    add(b: { regionCode: string; geojson: string; attribution: string; features: number; sourceSha256: string; by: string }): Promise<BoundaryVersion>;
    /** The boundaries in force for the nearest region of `lineage` (province … region) that has some. */
    for(lineage: readonly string[]): Promise<(BoundaryVersion & { geojson: string }) | undefined>;
    versions(regionCode: string): Promise<BoundaryVersion[]>;
    restore(regionCode: string, id: number, by: string): Promise<BoundaryVersion | undefined>;
  };
  /** Approved monthly reports, frozen, with their revisions (see `reports/monthlyReports.ts`). */
  monthlyReports: {
    approve(a: Parameters<typeof approveReport>[1]): Promise<ApprovedReport>;
    list(regionCode: string, month?: string): Promise<ApprovedReport[]>;
    get(regionCode: string, month: string, revision?: number): Promise<(ApprovedReport & { pdf: Uint8Array; figures: unknown }) | undefined>;
  };
  /** Sticker requisitions: requested, approved (subjects frozen) or declined, printed in runs (see `requisitions/requisitions.ts`). */
  requisitions: {
    request(r: { regionCode: string; kind: 'employer' | 'household'; note?: string | undefined; by: string }): Promise<Requisition>;
    list(viewer: RequisitionViewer, options?: { status?: RequisitionStatus | undefined; limit?: number }): Promise<Requisition[]>;
    get(id: number, viewer: RequisitionViewer): Promise<Requisition | undefined>;
    approve(id: number, by: string, frozen: { subjects: unknown[]; subjectIds: string[] | null; green: number; red: number }): Promise<Requisition>;
    decline(id: number, by: string, reason: string): Promise<Requisition>;
    frozen(id: number): Promise<{ subjects: unknown[]; subjectIds: string[] | null } | undefined>;
    reopen(id: number, why: string): Promise<void>;
    startRun(id: number, by: string, count: number): Promise<number>;
    finishRun(id: number, run: number, sha256: string): Promise<void>;
    jobSheet(id: number): Promise<JobSheetLine[]>;
  };
  /** Writes to and reads the audit log. */
  audit(entry: Parameters<typeof audit>[1]): Promise<void>;
  auditLog(options?: Parameters<typeof auditLog>[1]): ReturnType<typeof auditLog>;
  close(): Promise<void>;
}

/**
 * Opens the store and brings its schema up to date.
 *
 * @example
 * const store = await openStore({ dataDir: '.data/store' });
 * await store.importCsv({ kind: 'residents', path: 'residents.csv', asOf: '2017-12-31' });
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const db = await openDb({ url: options.databaseUrl, dataDir: options.dataDir, ...options.deadlines, onRestart: options.onRestart });
  const shards = options.shards ?? [];
  if (shards.length > 0 && db.engine !== 'postgres') {
    await db.close();
    throw new RangeError('a sharded store needs a PostgreSQL coordinator: set databaseUrl (DATABASE_URL) with the shards');
  }
  try {
    await migrate(db);
    if (shards.length > 0) await shardLayout(db, options.databaseUrl!, shards);
    await fillMissingFacts(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  const layout = shards.length > 0 ? 'sharded' : 'single';
  const coverageEngine = options.coverageEngine ?? (layout === 'sharded' ? 'database' : 'memory');
  const coverage = new CoverageCache(db);
  // what answers coverage questions: the in-memory index, or the database
  const answers = coverageEngine === 'database' ? new DatabaseCoverage(db, { byBucket: layout === 'sharded' }) : coverage;
  const warm = options.warmCoverage === true && coverageEngine === 'memory';
  if (warm) coverage.warm();
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const today = options.today ?? (() => todayIn(timeZone));
  const households = (region: { code: string; level: 'village' | 'rw' | 'rt' }, asOf: string) => coverage.households(region, asOf);
  const sweepFailed = (err: Error) => options.onBackgroundError?.('household sticker sweep', err);
  const sweep = new HouseholdSweep({ db, households, today, onError: sweepFailed });
  /** After a change of the register or the accounts: household stickers that no longer tell the truth are revoked before the caller hears back. */
  const sweepNow = async (by: string | null) => {
    try {
      await sweep.now(by);
    } catch (err) {
      sweepFailed(err as Error);
      sweep.schedule();
    }
  };
  // who is told after the stored data changed (the service's dashboard prefetch)
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) {
      try {
        listener();
      } catch (err) {
        options.onBackgroundError?.('change listener', err as Error);
      }
    }
  };
  return {
    engine: db.engine,
    layout,
    coverageEngine,
    db,
    health: () => db.health(),
    importCsv: async (o) => {
      const result = await importCsv(db, o, {
        ...(coverageEngine === 'memory' && { onRegister: (index: CoverageIndex, version: string) => coverage.offerRegister(index, version) }),
        coverageBefore: async (asOf) => (await answers.report({ asOf, levels: ['city'] })).regions,
        today,
      });
      const applied = !result.duplicate;
      // stickers whose subject changed colour are revoked: employers by their status, households by coverage
      if (o.kind === 'employers' && applied) await revokeOutdatedEmployerStickers(db, o.apiKeyLabel ?? null);
      else if (applied) await sweepNow(o.apiKeyLabel ?? 'coverage change');
      if (warm && applied && o.kind !== 'employers') coverage.warm();
      if (applied) changed();
      return result;
    },
    previewImport: (o) => previewImport(db, o, { coverageBefore: async (asOf) => (await answers.report({ asOf, levels: ['city'] })).regions, today }),
    imports: (options) => listImports(db, options),
    import: (id, viewer) => getImport(db, id, viewer),
    revertImport: async (id, by) => {
      const reverted = await revertImport(db, id, by);
      if (reverted?.kind === 'employers') await revokeOutdatedEmployerStickers(db, by);
      else if (reverted) {
        if (warm) coverage.warm();
        await sweepNow(by ?? 'coverage change');
      }
      if (reverted) changed();
      return reverted;
    },
    dataAsOf: (region) => dataAsOf(db, region),
    importRejectsCsv: (id) => importRejectsCsv(db, id),
    importRejectsCsvChunks: (id) => importRejectsCsvChunks(db, id),
    coverage: (o) => answers.report(o),
    quality: (o) => answers.quality(o),
    regionsOn: (asOf) => answers.regionsOn(asOf),
    regionsOnDates: (dates) => answers.regionsOnDates(dates),
    series: (o) => coverageSeries(answers, o),
    households,
    employers: (o) => listEmployers(db, o),
    employersByIds: (ids) => employersByIds(db, ids),
    compliance: (levels) => complianceFromStore(db, levels),
    applyParticipantEvent: async (e, label, options) => {
      const result = await applyParticipantEvent(db, e, label, options);
      if (result.applied && e.type === 'employer_status_changed') {
        const ids = await db.query<{ id: string }>('select id from employers where npp = $1', [e.npp]);
        await revokeOutdatedEmployerStickers(db, label ?? null, ids.map((r) => r.id));
      } else if (result.applied) sweep.schedule();
      if (result.applied) changed();
      return result;
    },
    participantEvents: (kpj) => participantEvents(db, kpj),
    villagesOfEvent: (event) => villagesOfEvent(db, event),
    stickers: {
      reserveSerialBlock: () => reserveSerialBlock(db),
      serialsAbove: (serial) => serialsAbove(db, serial),
      record: async (stickers, jobFirstSerial) => {
        await recordStickers(db, stickers, jobFirstSerial);
        // stickers printed from a request's own data are swept against the store at once, as the others
        // are after each change: an employer the store holds with the other colour has its sticker revoked
        const adHoc = [...new Set(stickers.filter((s) => s.facts === 'request' && s.kind === 'employer' && s.subjectId !== null).map((s) => s.subjectId!))];
        if (adHoc.length > 0) await revokeOutdatedEmployerStickers(db, 'cakupan (facts=request, swept against the store)', adHoc);
      },
      get: (serial) => stickerRecord(db, serial),
      revocationsOf: (serials) => revocationsOf(db, serials),
      list: (o) => listStickers(db, o),
      revoke: (serial, reason, by, note) => revokeSticker(db, serial, reason, by, note),
      revoked: () => revokedSerials(db),
      revokeOutdatedHouseholds: () => sweep.now('coverage change'),
    },
    apiKeys: {
      add: (o) => addApiKey(db, o),
      revoke: (label, by) => revokeApiKey(db, label, by),
      list: () => listApiKeys(db),
      active: () => activeApiKeys(db),
    },
    accounts: {
      add: (a) => addAccount(db, a),
      list: () => listAccounts(db),
      get: (u) => getAccount(db, u),
      change: (u, c, by) => changeAccount(db, u, c, by),
      resetPassword: (u, p, by) => resetPassword(db, u, p, by),
      signInWithPassword: (u, p) => signInWithPassword(db, u, p),
      signInWithSso: (s, u) => signInWithSso(db, s, u),
      changeOwnPassword: (u, c, n) => changeOwnPassword(db, u, c, n),
    },
    sessions: {
      get: (id) => getSession(db, id),
      set: (id, data, expiresAt) => setSession(db, id, data, expiresAt),
      destroy: (id) => destroySession(db, id),
    },
    secret: (name) => serviceSecret(db, name),
    field: {
      install: (i) => recordInstallation(db, i),
      installations: (serial) => installationsOf(db, serial),
      replacementOf: (serial) => replacementOf(db, serial),
      visit: (v) => recordVisit(db, v),
      visits: (id) => visitsOf(db, id),
      progress: (region) => fieldProgress(db, region, today()),
      deliveryList: (q) => deliveryList(db, q),
    },
    registrationHelp: {
      of: (codes) => registrationHelpOf(db, codes),
      set: (code, help, by) => setRegistrationHelp(db, code, help, by),
    },
    regionSettings: {
      of: (codes) => regionSettingsOf(db, codes),
      set: (code, settings, by) => setRegionSettings(db, code, settings, by),
    },
    boundaries: {
      add: (b) => addBoundaries(db, b),
      for: (lineage) => boundariesFor(db, lineage),
      versions: (code) => boundaryVersions(db, code),
      restore: (code, id, by) => restoreBoundaries(db, code, id, by),
    },
    monthlyReports: {
      approve: (a) => approveReport(db, a),
      list: (code, month) => approvedReports(db, code, month),
      get: (code, month, revision) => approvedReport(db, code, month, revision),
    },
    requisitions: {
      request: (r) => requestStickers(db, r),
      list: (viewer, o) => listRequisitions(db, viewer, o),
      get: (id, viewer) => getRequisition(db, id, viewer),
      approve: (id, by, frozen) => approveRequisition(db, id, by, frozen),
      decline: (id, by, reason) => declineRequisition(db, id, by, reason),
      frozen: (id) => frozenSubjects(db, id),
      reopen: (id, why) => reopenRequisition(db, id, why),
      startRun: (id, by, count) => startRun(db, id, by, count),
      finishRun: (id, run, sha) => finishRun(db, id, run, sha),
      jobSheet: (id) => jobSheetLines(db, id),
    },
    audit: (entry) => audit(db, entry),
    auditLog: (o) => auditLog(db, o),
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      listeners.clear();
      await sweep.close();
      await coverage.idle();
      await db.close();
    },
  };
}
