/**
 * Coverage reports as CSV, one row per region: what the CLI's `--format csv` and the coverage
 * API's `format=csv` both print.
 */
import type { RegionCoverage } from './report.js';

/** Column names of {@link coverageToCsv}. */
export const COVERAGE_CSV_COLUMNS = ['level', 'code', 'name', 'parent_code', 'residents', 'eligible', 'covered', 'pu', 'bpu', 'jakon', 'pmi', 'ratio'] as const;

/**
 * The regions of a report as CSV (header line, LF line ends, fields quoted where needed).
 *
 * @example
 * coverageToCsv(report.regions).split('\n')[0] //=> 'level,code,name,parent_code,residents,eligible,covered,pu,bpu,jakon,pmi,ratio'
 */
export function coverageToCsv(regions: readonly RegionCoverage[]): string {
  const lines: string[] = [COVERAGE_CSV_COLUMNS.join(',')];
  for (const r of regions) {
    lines.push(
      [r.level, r.code, quoteCsvField(r.name ?? ''), r.parentCode ?? '', r.residents, r.eligible, r.covered, r.bySegment.PU, r.bySegment.BPU, r.bySegment.JAKON, r.bySegment.PMI, r.ratio ?? ''].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A CSV field: quoted (with quotes doubled) when it holds a quote, a line break, `,` or `;` — the
 * latter so that tools guessing a `;` delimiter read it whole too.
 *
 * @example
 * quoteCsvField('Siti, S.Pd') //=> '"Siti, S.Pd"'
 */
export function quoteCsvField(value: string): string {
  return /[",\r\n;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
