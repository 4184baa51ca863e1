/**
 * The store: opens the database (PostgreSQL through DATABASE_URL, else PGlite in a folder),
 * applies the migrations, and offers imports and coverage.
 */
import type { CoverageReport } from '@cakupan/core';
import { type OwnedDb, openDb } from './db/db.js';
import { migrate } from './db/migrate.js';
import { CoverageCache, type CoverageFromStoreOptions } from './coverage/coverageCache.js';
import { coverageSeries, type SeriesOptions, type SeriesPoint } from './coverage/series.js';
import type { ComplianceReport, RegionLevel } from '@cakupan/core';
import { complianceFromStore, type EmployerRow, listEmployers, type ListEmployersOptions } from './employers/employers.js';
import { applyParticipantEvent, type ParticipantEvent, participantEvents } from './events/participantEvents.js';
import { type ImportCsvOptions, importCsv, type ImportRecord, type ImportResult, importRejectsCsv, listImports } from './imports/importCsv.js';

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
}

/** The monitoring store. */
export interface Store {
  readonly engine: 'pglite' | 'postgres';
  readonly db: OwnedDb;
  importCsv(options: ImportCsvOptions): Promise<ImportResult>;
  imports(): Promise<ImportRecord[]>;
  importRejectsCsv(importId: number): Promise<string>;
  coverage(options: CoverageFromStoreOptions): Promise<CoverageReport>;
  /** Coverage at each month-end for a region and its children (see `coverageSeries`). */
  series(options: SeriesOptions): Promise<SeriesPoint[]>;
  /** Employers a page at a time (the worklist with `status: 'unregistered'`). */
  employers(options?: ListEmployersOptions): Promise<{ employers: EmployerRow[]; next: string | null }>;
  /** Employer compliance per region over every stored employer. */
  compliance(levels?: readonly RegionLevel[]): Promise<ComplianceReport>;
  /** Applies a participant event (idempotent by its id); coverage reads reflect it at once. */
  applyParticipantEvent(event: ParticipantEvent, apiKeyLabel?: string): Promise<{ applied: boolean }>;
  participantEvents(kpj: string): ReturnType<typeof participantEvents>;
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
  const db = await openDb({ url: options.databaseUrl, dataDir: options.dataDir });
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  const coverage = new CoverageCache(db);
  const warm = options.warmCoverage === true;
  if (warm) coverage.warm();
  return {
    engine: db.engine,
    db,
    importCsv: async (o) => {
      const result = await importCsv(db, o, { onRegister: (index, version) => coverage.offerRegister(index, version) });
      if (warm && !result.duplicate && o.kind !== 'employers') coverage.warm();
      return result;
    },
    imports: () => listImports(db),
    importRejectsCsv: (id) => importRejectsCsv(db, id),
    coverage: (o) => coverage.report(o),
    series: (o) => coverageSeries(coverage, o),
    employers: (o) => listEmployers(db, o),
    compliance: (levels) => complianceFromStore(db, levels),
    applyParticipantEvent: (e, label) => applyParticipantEvent(db, e, label),
    participantEvents: (kpj) => participantEvents(db, kpj),
    close: async () => {
      await coverage.idle();
      await db.close();
    },
  };
}
