/** Output formats of `cakupan coverage`: a table for people, JSON and CSV for programs. */
import { csvLine, SEGMENTS } from '@cakupan/core';
import type { CsvCoverageReport, CsvRejection } from '@cakupan/core/node';

const pct = (r: number | null) => (r === null ? '–' : `${(r * 100).toFixed(2)} %`);
const num = (n: number) => n.toLocaleString('en');

/**
 * An aligned table with village names and percentages (and the workers 18+ columns when the
 * register records occupations), then the row and linkage summary.
 */
export function formatTable(report: CsvCoverageReport): string {
  const t = report.totals;
  const withWorkers = t.occupationKnown > 0;
  const head = ['level', 'code', 'name', 'eligible', 'covered', 'coverage', ...SEGMENTS, ...(withWorkers ? ['workers', 'covered workers', 'worker coverage'] : [])];
  const rows = report.regions.map((r) => [
    r.level,
    r.code,
    r.name ?? '',
    num(r.eligible),
    num(r.covered),
    pct(r.ratio),
    ...SEGMENTS.map((s) => num(r.bySegment[s])),
    ...(withWorkers ? [num(r.workers), num(r.coveredWorkers), pct(r.workerRatio)] : []),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const right = (i: number) => i >= 3;
  const line = (cells: string[]) => cells.map((c, i) => (right(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  out.push('', `total: ${num(t.covered)} of ${num(t.eligible)} eligible residents covered (${pct(t.ratio)}) on ${report.asOf}; minimum age ${report.policy.minAge}`);
  if (withWorkers) {
    const unknown = t.eligible - t.occupationKnown;
    out.push(`workers: ${num(t.coveredWorkers)} of ${num(t.workers)} workers covered (${pct(t.workerRatio)}); ${num(unknown)} eligible residents without an occupation in the register`);
  }
  for (const [file, c] of Object.entries(report.records)) {
    if (c) out.push(`${file}: ${c.read === 1 ? '1 row' : `${num(c.read)} rows`} read = ${num(c.used)} used + ${num(c.rejected)} rejected`);
  }
  const l = report.linkage;
  out.push(
    `linkage: ${num(l.personsWithActiveAccount)} persons with an active account (${num(l.activeAccounts)} active of ${num(l.accounts)} accounts); ` +
      `${num(l.matchedEligible)} eligible residents, ${num(l.notInRegister)} not in the register, ${num(l.underAge)} under age, ` +
      `${num(l.multipleActiveAccounts)} with several accounts, ${num(l.birthDateMismatches)} birth dates differing from the NIK`,
  );
  if (report.compliance) {
    const c = report.compliance.totals;
    out.push(`employers: ${num(c.registered)} of ${num(c.employers)} registered (${pct(c.ratio)})`);
  }
  return `${out.join('\n')}\n`;
}

/** Rejected rows as CSV: file, line, column, code, message. */
export function formatRejects(report: CsvCoverageReport): string {
  const lines = ['file,line,column,code,message'];
  for (const [file, list] of Object.entries(report.rejected) as [string, CsvRejection[] | undefined][]) {
    for (const r of list ?? []) lines.push(csvLine([file, r.line, r.column, r.code, r.message]));
  }
  return `${lines.join('\n')}\n`;
}
