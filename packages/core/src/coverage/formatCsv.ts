/**
 * Coverage reports as CSV, one row per region: what the CLI's `--format csv` and the coverage
 * API's `format=csv` both print.
 */
import { csvLine } from '../csv/csvCell.js';
import type { RegionCoverage } from './report.js';

/** Column names of {@link coverageToCsv}. */
export const COVERAGE_CSV_COLUMNS = ['level', 'code', 'name', 'parent_code', 'residents', 'eligible', 'covered', 'pu', 'bpu', 'jakon', 'pmi', 'ratio', 'occupation_known', 'workers', 'covered_workers', 'worker_ratio'] as const;

/**
 * The regions of a report as CSV (header line, LF line ends, cells by {@link csvCell}).
 *
 * @example
 * coverageToCsv(report.regions).split('\n')[0] //=> 'level,code,name,parent_code,residents,eligible,covered,pu,bpu,jakon,pmi,ratio,occupation_known,workers,covered_workers,worker_ratio'
 */
export function coverageToCsv(regions: readonly RegionCoverage[]): string {
  const lines: string[] = [COVERAGE_CSV_COLUMNS.join(',')];
  for (const r of regions) lines.push(csvLine(coverageCells(r)));
  return `${lines.join('\n')}\n`;
}

/**
 * A region's values in the order of {@link COVERAGE_CSV_COLUMNS} (text, counts, ratios as
 * fractions, `null` for none): the one row shape of the CSV and of any other table format.
 *
 * @example
 * coverageCells(report.regions[0]).length === COVERAGE_CSV_COLUMNS.length //=> true
 */
export function coverageCells(r: RegionCoverage): (string | number | null)[] {
  return [r.level, r.code, r.name, r.parentCode, r.residents, r.eligible, r.covered, r.bySegment.PU, r.bySegment.BPU, r.bySegment.JAKON, r.bySegment.PMI, r.ratio, r.occupationKnown, r.workers, r.coveredWorkers, r.workerRatio];
}
