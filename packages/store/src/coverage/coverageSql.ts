/**
 * Coverage as SQL that PostgreSQL runs next to the data, returning only counts: per neighbourhood
 * (RT) the figures of core's report and its data-quality counts, and the linkage of the accounts.
 * Core stays the statement of the rules: the stored facts are core's own checks (migration 022,
 * `factColumns.ts`), the age bounds of the date are core's (`eligibleBirthDates`), the segment
 * order is the policy's; what is left here are the date's comparisons, which a property test
 * (test/coverageSql.test.ts) holds equal to core's on generated registers — calendar edges,
 * duplicates, dirty rows, several accounts, commuters — on every engine.
 *
 * The rules, as core's `CoverageIndex` applies them on a date `d`:
 * - a record is valid when core's date-free checks passed (`usable`), its NIK's day and month fall
 *   in a year ending in its two digits on or before `d` (the latest such year, else a century
 *   before: a 29 February only in a leap year), and its register birth date, if any, is not after `d`;
 * - of several valid residents with one NIK, the first (by import, then line) counts; the rest do not;
 * - a resident's birth date is the register's, else the NIK's; eligible between the age bounds;
 * - an account is active when its status is, registered on or before `d` and not ended by `d`;
 * - a covered person's segment is the first of the policy's order among their active accounts:
 *   the count of covered persons holding an active account of rank ≤ k, less those of rank ≤ k − 1.
 *
 * Every count is a `count(distinct …)` with a `filter`, over left joins on the NIK (and, sharded,
 * the NIK's bucket): a form postgres_fdw ships whole to each shard (join and aggregate pushed down,
 * grouped by the bucket, the partition key), so a shard returns its RT counts and never its rows.
 * Dates are `yyyymmdd` integers; every value is a literal this module makes from numbers.
 */
import { coveragePolicySchema, type CoveragePolicyInput, eligibleBirthDates, SEGMENTS } from '@cakupan/core';

/** Options of the SQL of one date. */
export interface CoverageSqlOptions {
  /** The date, `YYYY-MM-DD`. */
  asOf: string;
  policy?: CoveragePolicyInput | undefined;
  /** The tables are partitioned by the NIK's bucket (a sharded store): joins and groups include it. */
  byBucket: boolean;
}

/** The columns of a row of {@link neighbourhoodCountsSql}, after the unit's. */
export const NEIGHBOURHOOD_COUNTS = ['residents', 'eligible', 'covered', 'rank0', 'rank1', 'rank2', 'occupation_known', 'workers', 'covered_workers', 'under_age', 'over_age', 'several', 'mismatches', 'from_nik'] as const;

/** The columns of a row of {@link linkageSql}. */
export const LINKAGE_COUNTS = ['accounts', 'active_accounts', 'persons_holding', 'persons_active', 'persons_several', 'not_in_register', 'participants_read'] as const;

interface DateTerms {
  d: number;
  year: number;
  earliest: number;
  latest: number;
  rank: (alias: string) => string;
}

function termsOf(o: CoverageSqlOptions): DateTerms {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(o.asOf)) throw new RangeError(`asOf must be YYYY-MM-DD, not ${o.asOf}`);
  const { earliest, latest } = eligibleBirthDates(o.asOf, o.policy);
  const policy = coveragePolicySchema.parse(o.policy ?? {});
  const ranks = SEGMENTS.map((s, code) => `when ${code} then ${policy.segmentPrecedence.indexOf(s)}`).join(' ');
  return { d: Number(o.asOf.replaceAll('-', '')), year: Number(o.asOf.slice(0, 4)), earliest, latest, rank: (a) => `(case ${a}.segment_code ${ranks} end)` };
}

/** The NIK's birth date on the date (`yyyymmdd`), 0 when its NIK is not valid then (core's `resolveBirth`). */
function nikBirth(a: string, t: DateTerms): string {
  const latestYear = `(${t.year} - mod(mod(${t.year} - ${a}.nik_yy, 100) + 100, 100))`;
  const candidate = (century: number) => {
    const year = `(${latestYear} - ${century})`;
    const leap = `((mod(${year}, 4) = 0 and mod(${year}, 100) <> 0) or mod(${year}, 400) = 0)`;
    return { date: `(${year} * 10000 + ${a}.nik_month_day)`, real: `(${a}.nik_month_day <> 229 or ${leap})` };
  };
  const [latest, earlier] = [candidate(0), candidate(100)];
  return `(case when ${latest.date} <= ${t.d} and ${latest.real} then ${latest.date} when ${earlier.date} <= ${t.d} and ${earlier.real} then ${earlier.date} else 0 end)`;
}

/** A stored resident valid on the date, but for the NIK (whose validity its NIK's kin share). */
const bornBy = (a: string, t: DateTerms) => `${a}.usable and (${a}.birth_day is null or ${a}.birth_day <= ${t.d})`;
const activeOn = (a: string, t: DateTerms) => `${a}.usable and ${a}.active_status and (${a}.registered_day is null or ${a}.registered_day <= ${t.d}) and (${a}.ended_day is null or ${a}.ended_day > ${t.d})`;
const sameNik = (a: string, b: string, byBucket: boolean) => (byBucket ? `${a}.bucket = ${b}.bucket and ${a}.nik = ${b}.nik` : `${a}.nik = ${b}.nik`);

/**
 * Per neighbourhood (and, by bucket, per bucket): `unit_village, unit_rw, unit_rt` and the
 * {@link NEIGHBOURHOOD_COUNTS} (`rankK`: covered persons with an active account of rank ≤ K).
 */
export function neighbourhoodCountsSql(o: CoverageSqlOptions): string {
  const t = termsOf(o);
  const birth = `coalesce(r.birth_day, ${nikBirth('r', t)})`;
  const chosen = 'e.nik is null';
  const eligible = `${chosen} and ${birth} between ${t.earliest} and ${t.latest}`;
  const count = (condition: string) => `count(distinct r.import_id * 1000000000 + r.line) filter (where ${condition})`;
  const columns = [
    count(chosen),
    count(eligible),
    count(`${eligible} and a.kpj is not null`),
    ...[0, 1, 2].map((k) => count(`${eligible} and ${t.rank('a')} <= ${k}`)),
    count(`${eligible} and r.work > 0`),
    count(`${eligible} and r.work = 2`),
    count(`${eligible} and r.work = 2 and a.kpj is not null`),
    count(`${chosen} and ${birth} > ${t.latest} and a.kpj is not null`),
    count(`${chosen} and ${birth} < ${t.earliest} and a.kpj is not null`),
    count(`${chosen} and b.kpj is not null`),
    count(`${chosen} and r.birth_mismatch`),
    count(`${chosen} and r.birth_day is null`),
  ];
  const group = o.byBucket ? 'r.bucket, r.unit_village, r.unit_rw, r.unit_rt' : 'r.unit_village, r.unit_rw, r.unit_rt';
  return `select r.unit_village, r.unit_rw, r.unit_rt, ${columns.map((c, i) => `${c} as ${NEIGHBOURHOOD_COUNTS[i]}`).join(', ')}
from residents r
left join residents e on ${sameNik('e', 'r', o.byBucket)} and ${bornBy('e', t)} and (e.import_id < r.import_id or (e.import_id = r.import_id and e.line < r.line))
left join participants a on ${sameNik('a', 'r', o.byBucket)} and ${activeOn('a', t)}
left join participants b on ${sameNik('b', 'r', o.byBucket)} and ${activeOn('b', t)} and b.kpj <> a.kpj
where ${bornBy('r', t)} and ${nikBirth('r', t)} > 0
group by ${group}`;
}

/**
 * The accounts' linkage on the date (one row, or one per bucket): the {@link LINKAGE_COUNTS} —
 * accounts valid, active, persons holding a valid account, with an active one, with several
 * active ones, with an active one and no valid resident, and every stored account (read).
 */
export function linkageSql(o: CoverageSqlOptions): string {
  const t = termsOf(o);
  const active = activeOn('a', t);
  const valid = `a.usable and ${nikBirth('a', t)} > 0`;
  const columns = [
    `count(distinct a.kpj) filter (where ${valid})`,
    `count(distinct a.kpj) filter (where ${valid} and ${active})`,
    `count(distinct a.nik) filter (where ${valid})`,
    `count(distinct a.nik) filter (where ${valid} and ${active})`,
    `count(distinct a.nik) filter (where ${valid} and ${active} and b.kpj is not null)`,
    `count(distinct a.nik) filter (where ${valid} and ${active} and r.nik is null)`,
    'count(distinct a.kpj)',
  ];
  return `select ${columns.map((c, i) => `${c} as ${LINKAGE_COUNTS[i]}`).join(', ')}
from participants a
left join participants b on ${sameNik('b', 'a', o.byBucket)} and ${activeOn('b', t)} and b.kpj <> a.kpj
left join residents r on ${sameNik('r', 'a', o.byBucket)} and ${bornBy('r', t)}
${o.byBucket ? 'group by a.bucket' : ''}`;
}

/** Every stored resident (core's `records.residents.read`), one row or one per bucket. */
export function residentsReadSql(o: Pick<CoverageSqlOptions, 'byBucket'>): string {
  return o.byBucket ? 'select count(*) as n from residents group by bucket' : 'select count(*) as n from residents';
}
