/**
 * Merging coverage reports computed on shards.
 */
import type { Rejection } from './records.js';
import {
  countsToFigures,
  type CoverageLinkage,
  type CoverageReport,
  figuresToCounts,
  regionRow,
  sortedByCode,
} from './report.js';

/**
 * Merges reports computed on shards of one population into the report of a single pass.
 *
 * The shards must be **partitioned by NIK**: all residents and all participant accounts of one
 * NIK in the same shard (e.g. shard = hash(NIK) mod N), and each shard's records in their original
 * relative order (so that "the first valid resident" of a duplicated NIK is the same one). All
 * reports must share `asOf`, `policy` and `levels`. This is how a national run (270 million people)
 * splits across processes or machines: every count is additive across such shards.
 *
 * Rejections keep the `index` they had in their shard; give records a `ref` (e.g. a global row
 * number) to identify them across shards. Merged rejections are ordered by `ref` where every
 * rejection has a numeric `ref`, else shard by shard.
 *
 * @throws {RangeError} when `reports` is empty or the reports disagree on `asOf`, `policy` or `levels`
 * @example
 * const merged = mergeCoverage([computeCoverage(shardA), computeCoverage(shardB)]);
 */
export function mergeCoverage(reports: readonly CoverageReport[]): CoverageReport {
  if (!Array.isArray(reports) || reports.length === 0) throw new RangeError('mergeCoverage needs at least one report');
  const first = reports[0]!;
  for (const r of reports) {
    if (r.asOf !== first.asOf) throw new RangeError(`cannot merge reports for different dates (${first.asOf}, ${r.asOf})`);
    if (JSON.stringify(r.policy) !== JSON.stringify(first.policy)) throw new RangeError('cannot merge reports with different policies');
    if (r.levels.join() !== first.levels.join()) throw new RangeError('cannot merge reports with different levels');
  }

  const rows = new Map<string, { level: CoverageReport['regions'][number]['level']; parentCode: string | null; counts: Float64Array }>();
  const total = new Float64Array(figuresToCounts(first.totals).length);
  for (const report of reports) {
    for (const region of report.regions) {
      const counts = figuresToCounts(region);
      const row = rows.get(region.code);
      if (row === undefined) rows.set(region.code, { level: region.level, parentCode: region.parentCode, counts });
      else for (let s = 0; s < counts.length; s++) row.counts[s]! += counts[s]!;
    }
    const t = figuresToCounts(report.totals);
    for (let s = 0; s < t.length; s++) total[s]! += t[s]!;
  }

  const linkage = {} as CoverageLinkage;
  for (const key of Object.keys(first.linkage) as (keyof CoverageLinkage)[]) {
    linkage[key] = reports.reduce((sum, r) => sum + r.linkage[key], 0);
  }
  const sumCounts = (k: 'residents' | 'participants') => ({
    read: reports.reduce((n, r) => n + r.records[k].read, 0),
    used: reports.reduce((n, r) => n + r.records[k].used, 0),
    rejected: reports.reduce((n, r) => n + r.records[k].rejected, 0),
  });

  return {
    asOf: first.asOf,
    policy: first.policy,
    levels: first.levels,
    totals: countsToFigures(total),
    regions: sortedByCode(rows).map(([code, row]) => regionRow(row.level, code, row.parentCode, row.counts)),
    linkage,
    records: { residents: sumCounts('residents'), participants: sumCounts('participants') },
    rejected: {
      residents: byRef(reports.flatMap((r) => r.rejected.residents)),
      participants: byRef(reports.flatMap((r) => r.rejected.participants)),
    },
    birthDateMismatches: byRef(reports.flatMap((r) => r.birthDateMismatches)),
  };
}

function byRef<T extends Pick<Rejection, 'ref'>>(items: T[]): T[] {
  if (!items.every((i) => typeof i.ref === 'number')) return items;
  return items.sort((a, b) => (a.ref as number) - (b.ref as number));
}
