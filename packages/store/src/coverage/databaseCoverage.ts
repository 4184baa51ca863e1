/**
 * Coverage answered by the database (`coverageSql.ts`): each date's question runs where the data
 * lives — on a sharded store, on every shard at once — and only counts come back, which core rolls
 * up into its report (`coverageFromCounts`). The service holds no record: its memory does not grow
 * with the register. The counts of the latest dates asked are kept until the store changes (its
 * `store_versions` counters), as the in-memory cache keeps its regions.
 */
import { coverageFromCounts, type CoverageLinkage, type CoverageReport, type NeighbourhoodCounts, type QualityReport, qualityFromCounts, REGION_LEVELS, type RegionCoverage, coveragePolicySchema } from '@cakupan/core';
import type { Db } from '../db/db.js';
import type { CoverageFromStoreOptions } from './coverageCache.js';
import { linkageSql, neighbourhoodCountsSql, residentsReadSql, type CoverageSqlOptions } from './coverageSql.js';

/** The counts of one date: everything a report of any level is made of. */
interface DateCounts {
  neighbourhoods: NeighbourhoodCounts[];
  linkage: CoverageLinkage;
  records: { residents: { read: number; used: number; rejected: number }; participants: { read: number; used: number; rejected: number } };
}

const KEPT = 40;
const VERSIONS = 'select concat_ws(\'/\', residents, participants, events) as v from store_versions';

/** Coverage computed in the database, with the in-memory cache's questions. */
export class DatabaseCoverage {
  readonly #db: Db;
  readonly #byBucket: boolean;
  #version: string | undefined;
  readonly #kept = new Map<string, DateCounts>();

  /** @param options.byBucket the tables are partitioned by the NIK's bucket (a sharded store) */
  constructor(db: Db, options: { byBucket: boolean }) {
    this.#db = db;
    this.#byBucket = options.byBucket;
  }

  /** The coverage report on `options.asOf` (with empty rejection lists: their counts are in `records`). */
  async report(options: CoverageFromStoreOptions): Promise<CoverageReport> {
    const counts = options.policy === undefined ? (await this.#countsOn([options.asOf]))[0]! : await this.#db.transaction((tx) => this.#count(tx, { asOf: options.asOf, policy: options.policy }));
    return coverageFromCounts({ asOf: options.asOf, levels: options.levels, policy: options.policy, ...counts });
  }

  /** The report and its regions' data-quality counts, from one count. */
  async quality(options: CoverageFromStoreOptions): Promise<QualityReport> {
    const counts = options.policy === undefined ? (await this.#countsOn([options.asOf]))[0]! : await this.#db.transaction((tx) => this.#count(tx, { asOf: options.asOf, policy: options.policy }));
    return {
      report: coverageFromCounts({ asOf: options.asOf, levels: options.levels, policy: options.policy, ...counts }),
      regions: qualityFromCounts(counts.neighbourhoods, options.levels),
    };
  }

  async regionsOn(asOf: string): Promise<readonly RegionCoverage[]> {
    return (await this.regionsOnDates([asOf]))[0]!;
  }

  async regionsOnDates(dates: readonly string[]): Promise<(readonly RegionCoverage[])[]> {
    return this.mapDates(dates, (regions) => regions);
  }

  /** Every region of each date (the default policy), `pick`ed as it comes; a `signal` stops before the next date. */
  async mapDates<T>(dates: readonly string[], pick: (regions: readonly RegionCoverage[], asOf: string, i: number) => T, signal?: AbortSignal): Promise<T[]> {
    const out: T[] = [];
    const all = await this.#countsOn(dates, signal);
    for (const [i, asOf] of dates.entries()) {
      out.push(pick(coverageFromCounts({ asOf, levels: REGION_LEVELS, ...all[i]! }).regions, asOf, i));
    }
    return out;
  }

  /** The counts of each date, from one state of the store: those kept while it has not changed. */
  async #countsOn(dates: readonly string[], signal?: AbortSignal): Promise<DateCounts[]> {
    return this.#db.transaction(async (tx) => {
      // one snapshot for every date, and the counters read in it
      if (this.#db.engine === 'postgres') await tx.exec('set transaction isolation level repeatable read, read only');
      const [{ v }] = (await tx.query<{ v: string }>(VERSIONS)) as [{ v: string }];
      if (v !== this.#version) {
        this.#kept.clear();
        this.#version = v;
      }
      const out: DateCounts[] = [];
      for (const asOf of dates) {
        signal?.throwIfAborted();
        let counts = this.#kept.get(asOf);
        if (counts === undefined) {
          counts = await this.#count(tx, { asOf });
          if (this.#kept.size >= KEPT) this.#kept.delete(this.#kept.keys().next().value!);
          this.#kept.set(asOf, counts);
        }
        out.push(counts);
      }
      return out;
    });
  }

  async #count(db: Db, o: Omit<CoverageSqlOptions, 'byBucket'>): Promise<DateCounts> {
    const sql = { ...o, byBucket: this.#byBucket };
    if (this.#byBucket) {
      // each shard joins and groups its own buckets (postgres_fdw pushes both down) and they work at once
      await db.exec('set local enable_partitionwise_join = on; set local enable_partitionwise_aggregate = on');
    }
    type Row = Record<string, string | number | null>;
    const rows = await db.query<Row>(neighbourhoodCountsSql(sql));
    const linkRows = await db.query<Row>(linkageSql(sql));
    const readRows = await db.query<{ n: string }>(residentsReadSql(sql));
    const n = (v: unknown) => Number(v ?? 0);
    const neighbourhoods: NeighbourhoodCounts[] = [];
    const total = { residents: 0, underAge: 0, overAge: 0, mismatches: 0, fromNik: 0, covered: 0 };
    const order = coveragePolicySchema.parse(o.policy ?? {}).segmentPrecedence;
    for (const r of rows) {
      const covered = n(r.covered);
      const ranks = [n(r.rank0), n(r.rank1), n(r.rank2), covered];
      const bySegment = { PU: 0, BPU: 0, JAKON: 0, PMI: 0 };
      order.forEach((s, k) => (bySegment[s] = ranks[k]! - (k === 0 ? 0 : ranks[k - 1]!)));
      const quality = { underAge: n(r.under_age), multipleActiveAccounts: n(r.several), birthDateMismatches: n(r.mismatches), birthDatesFromNik: n(r.from_nik) };
      neighbourhoods.push({
        villageCode: String(r.unit_village),
        rw: n(r.unit_rw),
        rt: n(r.unit_rt),
        residents: n(r.residents),
        eligible: n(r.eligible),
        covered,
        bySegment,
        occupationKnown: n(r.occupation_known),
        workers: n(r.workers),
        coveredWorkers: n(r.covered_workers),
        quality,
      });
      total.residents += n(r.residents);
      total.covered += covered;
      total.underAge += quality.underAge;
      total.overAge += n(r.over_age);
      total.mismatches += quality.birthDateMismatches;
      total.fromNik += quality.birthDatesFromNik;
    }
    const sum = (key: string) => linkRows.reduce((s, r) => s + n(r[key]), 0);
    const accounts = sum('accounts');
    const activeAccounts = sum('active_accounts');
    const personsActive = sum('persons_active');
    const residentsRead = readRows.reduce((s, r) => s + n(r.n), 0);
    const participantsRead = sum('participants_read');
    return {
      neighbourhoods,
      linkage: {
        accounts,
        activeAccounts,
        inactiveAccounts: accounts - activeAccounts,
        personsWithActiveAccount: personsActive,
        personsWithOnlyInactiveAccounts: sum('persons_holding') - personsActive,
        matchedEligible: total.covered,
        notInRegister: sum('not_in_register'),
        underAge: total.underAge,
        overAge: total.overAge,
        multipleActiveAccounts: sum('persons_several'),
        birthDateMismatches: total.mismatches,
        birthDatesFromNik: total.fromNik,
      },
      records: {
        residents: { read: residentsRead, used: total.residents, rejected: residentsRead - total.residents },
        participants: { read: participantsRead, used: accounts, rejected: participantsRead - accounts },
      },
    };
  }
}
