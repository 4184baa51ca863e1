/**
 * Coverage from the store, with exactly the semantics of core's `computeCoverage`: the stored
 * records are read once, in their files' order, into core's `CoverageIndex`, which every report
 * then asks — every rule (eligibility on the date, accounts active on the date, segment
 * precedence, duplicates, rejections) is core's, never a second copy in SQL.
 *
 * The index stays current by the counters of `store_versions` (migration 004), read before each
 * report: a new register rebuilds it, a new accounts export reloads the accounts, and participant
 * events since the last read replace just their accounts — so a report reflects every change
 * committed before it started, also those of other processes sharing a PostgreSQL server.
 *
 * Records come out by COPY as CSV in the canonical columns and go through core's CSV reader, as a
 * file would (reading row objects through the driver was several times slower, BENCHMARKS §6).
 * Rejections and birth-date mismatches carry the record's line in its import as `ref`.
 */
import { Readable } from 'node:stream';
import { type CoveragePolicyInput, CoverageIndex, type CoverageReport, type QualityReport, householdLabel, isEligibleOutcome, parseUnitNumber, RESIDENT_OUTCOME, type RegionCoverage, REGION_LEVELS, type RegionLevel } from '@cakupan/core';
import { readParticipantsCsv, readResidentsCsv } from '@cakupan/core/node';
import type { Db } from '../db/db.js';
import { householdIdOf, householdNumbers, householdSecret } from '../households/householdNumbers.js';

export interface CoverageFromStoreOptions {
  asOf: string;
  levels?: readonly RegionLevel[];
  policy?: CoveragePolicyInput;
}

interface Versions {
  residents: string;
  participants: string;
  events: string;
}

/** One shard of the store's persons: those whose NIK (as stored) hashes to `index` of `count`. */
export interface CoverageShard {
  /** Number of shards, 1–1024. */
  count: number;
  /** This shard, 0 ≤ index < count. */
  index: number;
}

/** A household for its sticker: counted, never identified by its KK. */
export interface Household {
  /** A stable id (a keyed hash of its KK, never the KK): how the sticker register knows it. */
  id: string;
  /** `RT 005/RW 003 no. 2`: its RT/RW and its number there, which does not shift (`households/householdNumbers.ts`). */
  label: string;
  villageCode: string;
  rw: number;
  rt: number;
  /** Members aged 18+ (by the policy), and of them those with an active account. */
  eligible: number;
  covered: number;
  members: number;
}


/** The position of `value` in the ascending `sorted`, or -1. */
function bisect(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid]!;
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Dates whose regions {@link CoverageCache.regionsOn} keeps (two years of month-ends and a few days). */
const REGIONS_KEPT = 40;

/** Lines of the register read by one COPY, and the size of the pieces handed to the CSV reader. */
const LINES_PER_COPY = 100_000;
const PIECE = 1 << 20;

const VERSIONS = 'select residents::text as residents, participants::text as participants, events::text as events from store_versions';

/** The coverage index of one store (or one shard of it), kept current with what is committed. */
export class CoverageCache {
  readonly #db: Db;
  /** The SQL condition that keeps this shard's rows (`true` for the whole store). */
  readonly #inShard: string;
  /** Lines of the register read by one COPY (a test reads a small register in many stretches). */
  readonly #linesPerCopy: number;
  #index: CoverageIndex | undefined;
  #versions: Versions | undefined;
  /** Syncs run one after another; a report waits for the one it started. */
  #queue: Promise<unknown> = Promise.resolve();

  /**
   * @param shard only the persons of one shard by NIK: every resident and account of a NIK fall in
   *   the same shard, so core's `mergeCoverage` over the reports of all shards equals the whole
   *   store's report (how a national store splits its persons across processes, docs/STORE.md)
   * @throws {RangeError} for a shard that is not `0 ≤ index < count ≤ 1024` in integers
   */
  constructor(db: Db, options: { shard?: CoverageShard; linesPerCopy?: number } = {}) {
    this.#db = db;
    this.#linesPerCopy = options.linesPerCopy ?? LINES_PER_COPY;
    const shard = options.shard;
    if (shard !== undefined) {
      const { count, index } = shard;
      if (!Number.isInteger(count) || !Number.isInteger(index) || count < 1 || count > 1024 || index < 0 || index >= count) {
        throw new RangeError('shard must be { count, index } with integers 0 ≤ index < count ≤ 1024');
      }
    }
    if (!Number.isInteger(this.#linesPerCopy) || this.#linesPerCopy < 1) throw new RangeError('linesPerCopy must be a positive integer');
    // hashtextextended is PostgreSQL's own string hash (stable across versions since 11, the same in PGlite)
    this.#inShard = shard === undefined ? 'true' : `mod(mod(hashtextextended(coalesce(nik, ''), 0), ${shard.count}) + ${shard.count}, ${shard.count}) = ${shard.index}`;
  }

  /** The coverage report of the stored register and accounts on `options.asOf`. */
  async report(options: CoverageFromStoreOptions): Promise<CoverageReport> {
    const index = await this.current();
    return index.report(options);
  }

  /**
   * Every region at every level on `asOf` (the default policy), kept until the store changes: the
   * dashboard's questions (a region, its children, its RTs, 24 month-ends) are answered from it.
   * At most {@link REGIONS_KEPT} dates are kept, the oldest asked forgotten first.
   */
  async regionsOn(asOf: string): Promise<readonly RegionCoverage[]> {
    return (await this.regionsOnDates([asOf]))[0]!;
  }

  /**
   * {@link regionsOn} for several dates, all from one state of the store (one look at its versions).
   * Between two dates it computes, it lets other work run (a city's date takes ~0.1 s of the thread).
   */
  async regionsOnDates(dates: readonly string[]): Promise<(readonly RegionCoverage[])[]> {
    return this.mapDates(dates, (regions) => regions);
  }

  /**
   * {@link regionsOnDates} with only what `pick` takes from each date kept in the answer (a series
   * keeps one region's children, not every region of every date). `pick` may throw to stop; a
   * `signal` that aborts stops before the next date with its reason.
   */
  async mapDates<T>(dates: readonly string[], pick: (regions: readonly RegionCoverage[], asOf: string, i: number) => T, signal?: AbortSignal): Promise<T[]> {
    const index = await this.current();
    const out: T[] = [];
    let computed = false;
    for (const [i, asOf] of dates.entries()) {
      signal?.throwIfAborted();
      let regions = this.#regionsOn.get(asOf);
      if (regions === undefined) {
        if (computed) {
          await new Promise((resolve) => setImmediate(resolve));
          signal?.throwIfAborted();
        }
        regions = index.report({ asOf, levels: REGION_LEVELS }).regions;
        computed = true;
        if (this.#regionsOn.size >= REGIONS_KEPT) this.#regionsOn.delete(this.#regionsOn.keys().next().value!);
      } else this.#regionsOn.delete(asOf);
      // kept only if the index it came from is still the current one
      if (index === this.#index) this.#regionsOn.set(asOf, regions);
      out.push(pick(regions, asOf, i));
    }
    return out;
  }

  readonly #regionsOn = new Map<string, readonly RegionCoverage[]>();

  /** The coverage report on `options.asOf` and its regions' data-quality counts, from one pass (core's `CoverageIndex.quality`). */
  async quality(options: CoverageFromStoreOptions): Promise<QualityReport> {
    const index = await this.current();
    return index.quality(options);
  }

  /**
   * Brings the index up to date in the background (at start-up and after an import), so that the
   * next report finds it built; a report asked for meanwhile waits for it. Failures are left to
   * that report to meet.
   */
  warm(): void {
    this.current().catch(() => undefined);
  }

  /** Resolves when no sync is running (before the database is closed). */
  async idle(): Promise<void> {
    await this.#queue;
  }

  /** The index, brought up to date with every change committed before this call. */
  current(): Promise<CoverageIndex> {
    const sync = this.#queue.then(() => this.#sync());
    this.#queue = sync.catch(() => undefined);
    return sync;
  }

  /**
   * The households (residents grouped by their family card, KK) living in `region` (a village, RW
   * or RT code, dotted), with their members counted as the coverage report on `asOf` counts them:
   * eligible, and of them covered. A household's address is that of its first member in the
   * register; residents without a KK are not in a household. Never returns a NIK or a KK number:
   * a household is named by its RT/RW and its number there, given once and kept.
   */
  async households(region: { code: string; level: 'village' | 'rw' | 'rt' }, asOf: string): Promise<Household[]> {
    const index = await this.current();
    const outcomes = index.residentOutcomes({ asOf });
    const refs = index.residentRefs() as readonly number[];
    const [province, city, district, village, rw, rt] = region.code.split('.');
    const digits = `${province}${city}${district}${village}`;
    const rows = await this.#db.query<{ line: number; family_number: string | null; village_code: string; rw: string | null; rt: string | null }>(
      `select line, family_number, village_code, rw, rt from residents where replace(village_code, '.', '') = $1 and ${this.#inShard} order by line`,
      [digits],
    );
    const byKk = new Map<string, { rw: number; rt: number; eligible: number; covered: number; members: number }>();
    for (const row of rows) {
      const kk = row.family_number?.trim();
      const at = bisect(refs, row.line);
      const outcome = at < 0 ? 0 : outcomes[at]!;
      if (!kk || outcome === RESIDENT_OUTCOME.notUsed) continue;
      let household = byKk.get(kk);
      if (household === undefined) {
        const unitRw = parseUnitNumber(row.rw);
        const unitRt = parseUnitNumber(row.rt);
        if (unitRw === undefined || unitRt === undefined) continue;
        byKk.set(kk, (household = { rw: unitRw, rt: unitRt, eligible: 0, covered: 0, members: 0 }));
      }
      household.members++;
      if (isEligibleOutcome(outcome)) household.eligible++;
      if (outcome === RESIDENT_OUTCOME.covered) household.covered++;
    }
    const villageCode = [province, city, district, village].join('.');
    const secret = (this.#householdSecret ??= await householdSecret(this.#db));
    const inRegion = [...byKk.entries()]
      .filter(([, h]) => (rw === undefined || h.rw === Number(rw)) && (rt === undefined || h.rt === Number(rt)))
      .sort(([a, ha], [b, hb]) => ha.rw - hb.rw || ha.rt - hb.rt || (a < b ? -1 : a > b ? 1 : 0));
    const placed = inRegion.map(([kk, h]) => ({ ...h, id: householdIdOf(secret, kk) }));
    const numbers = await householdNumbers(this.#db, villageCode, placed);
    return placed.map((h) => ({ id: h.id, label: householdLabel(h.rt, h.rw, numbers.get(h.id)!), villageCode, rw: h.rw, rt: h.rt, eligible: h.eligible, covered: h.covered, members: h.members }));
  }

  /**
   * Offers the index a residents import built as it read the register (residents only, in file
   * order, refs = lines), for the store's residents counter `version` that import committed: the
   * next sync takes it instead of reading the register back, if no other register came since.
   * Whole-store caches only (a shard's index holds part of the register).
   */
  offerRegister(index: CoverageIndex, version: string): void {
    if (this.#inShard === 'true') this.#offered = { index, version };
  }

  #offered: { index: CoverageIndex; version: string } | undefined;
  #householdSecret: string | undefined;

  async #sync(): Promise<CoverageIndex> {
    const db = this.#db;
    const [now] = await db.query<Versions>(VERSIONS);
    const was = this.#versions;
    let index = this.#index;
    const offered = this.#offered;
    this.#offered = undefined;
    if (offered !== undefined && offered.version === now!.residents && (was === undefined || was.residents !== now!.residents)) {
      index = offered.index;
      await this.#loadParticipants(index);
    } else if (index === undefined || was === undefined || was.residents !== now!.residents) {
      index = await this.#build();
    } else if (was.participants !== now!.participants) {
      index.clearParticipants();
      await this.#loadParticipants(index);
    } else if (was.events !== now!.events) {
      const changed = await db.query<{ kpj: string; nik: string | null; segment: string | null; status: string | null; registered_on: string | null; ended_on: string | null; line: number | null; in_shard: boolean }>(
        `select kpj, nik, segment, status, registered_on, ended_on, line, ${this.#inShard} as in_shard from participants where event_version > $1`,
        [was.events],
      );
      // an account an event moved to another person of another shard leaves this one: reload them all
      if (changed.some((row) => !row.in_shard && index!.hasParticipant(row.kpj))) {
        index.clearParticipants();
        await this.#loadParticipants(index);
      } else {
        for (const row of changed) {
          if (!row.in_shard) continue;
          index.setParticipant(row.kpj, {
            nik: row.nik ?? '',
            segment: row.segment ?? '',
            status: row.status ?? '',
            registeredOn: row.registered_on,
            endedOn: row.ended_on,
            ...(row.line !== null && { ref: row.line }),
          });
        }
      }
    }
    if (index !== this.#index || was === undefined || was.residents !== now!.residents || was.participants !== now!.participants || was.events !== now!.events) {
      this.#regionsOn.clear();
    }
    this.#index = index;
    this.#versions = now;
    return index;
  }

  async #build(): Promise<CoverageIndex> {
    const db = this.#db;
    const [snapshot] = await db.query<{ as_of: string | null }>(
      "select max(i.as_of)::text as as_of from imports i where i.kind = 'residents' and i.id = (select max(import_id) from residents)",
    );
    // records are checked on the register's own date (any date works; this one is the likeliest)
    const index = new CoverageIndex({ checkedOn: snapshot?.as_of ?? new Date().toISOString().slice(0, 10) });
    await this.#loadParticipants(index);
    const lines: (number | null)[] = [];
    await readResidentsCsv(Readable.from(this.#residentsCsv(lines)), {
      fields: ['nik', 'birthDate', 'sex', 'villageCode', 'rw', 'rt', 'occupation'],
      onRecord: (r) => index.addResident(withLine(r, lines)),
    });
    return index;
  }

  /**
   * The register as one CSV stream in line order, read by COPY a stretch of lines at a time and
   * handed on in pieces of about 1 MB that end on a line: memory stays flat however large the
   * register (one COPY of a city's register grew PGlite's memory by 240 MB and the parser's heap
   * by 300 MB). Each stretch's import lines are appended to `lines` before its rows are handed on.
   */
  async *#residentsCsv(lines: (number | null)[]): AsyncGenerator<Buffer> {
    const db = this.#db;
    // the registers of the store's cities, each in its file's order (import by import)
    const imports = await db.query<{ id: string; last: number }>('select import_id::text as id, max(line)::int as last from residents group by import_id order by import_id');
    let header = true;
    const step = this.#linesPerCopy;
    for (const register of imports) {
      if (!/^\d+$/.test(register.id)) continue;
      for (let from = 0; from <= register.last; from += step) {
        const stretch = `import_id = ${register.id} and line >= ${from} and line < ${from + step} and ${this.#inShard}`;
        const csv = await db.copyOutCsv(`select nik, birth_date, sex, village_code, rw, rt, occupation from residents where ${stretch} order by line`);
        lines.push(...(await lineColumn(db, `select line from residents where ${stretch} order by line`)));
        let at = header ? 0 : csv.indexOf(10) + 1; // every stretch but the first: without its header line
        header = false;
        while (at < csv.length) {
          const cut = at + PIECE >= csv.length ? csv.length : csv.lastIndexOf(10, at + PIECE) + 1;
          const end = cut > at ? cut : csv.length;
          yield csv.subarray(at, end);
          at = end;
        }
      }
    }
    if (header) yield Buffer.from('nik,birth_date,sex,village_code,rw,rt,occupation\n');
  }

  async #loadParticipants(index: CoverageIndex): Promise<void> {
    const db = this.#db;
    const csv = await db.copyOutCsv(`select nik, segment, status, registered_on, ended_on, kpj from participants where ${this.#inShard} order by kpj`);
    const lines = await lineColumn(db, `select line from participants where ${this.#inShard} order by kpj`);
    await readParticipantsCsv(Readable.from([csv]), {
      fields: ['nik', 'segment', 'status', 'registeredOn', 'endedOn', 'kpj'],
      onRecord: (r) => {
        const { kpj, ...account } = r;
        index.addParticipant(withLine(account, lines), String(kpj));
      },
    });
  }
}

/**
 * The reader numbers the rows of the COPY output 2, 3, …: give each record its line in its
 * import instead (none for an account an event created).
 */
function withLine<T extends { ref?: string | number }>(record: T, lines: readonly (number | null)[]): T {
  const line = lines[(record.ref as number) - 2];
  if (line === null || line === undefined) delete record.ref;
  else record.ref = line;
  return record;
}

/** One integer column (possibly empty) of every row, by COPY, in order. */
async function lineColumn(db: Db, select: string): Promise<(number | null)[]> {
  const text = (await db.copyOutCsv(select)).toString('utf8');
  return text
    .split('\n')
    .slice(1, -1)
    .map((l) => (l === '' ? null : Number(l)));
}
