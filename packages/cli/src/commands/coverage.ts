/**
 * \`cakupan coverage\`: coverage per region from the CSV exports (core's streaming calculation).
 */
import { writeFileSync } from 'node:fs';
import { coverageTextOptionsSchema, coverageToCsv, type RegionCompliance, type RegionCoverage, regionName } from '@cakupan/core';
import { coverageFromCsv } from '@cakupan/core/node';
import { args, required, UsageError } from '../args.js';
import { formatRejects, formatTable } from '../format.js';
import { HELP } from '../help.js';

/** The command-line option of each field of core's coverage options. */
const OPTION_OF = { asOf: 'as-of', levels: 'level', minAge: 'min-age', preset: 'preset' } as const;

/** Coverage options through core's schema, the one the coverage API's form uses too. */
function coverageOptions(v: Record<string, string | boolean | undefined>) {
  required(v, 'as-of');
  const parsed = coverageTextOptionsSchema.safeParse(Object.fromEntries(Object.entries(OPTION_OF).map(([field, option]) => [field, v[option]])));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0]) as keyof typeof OPTION_OF;
    const option = OPTION_OF[field];
    if (field === 'levels') throw new UsageError(`--${option} ${issue.message}`);
    const hint = field === 'preset' ? ': the presets are canonical and siak' : field === 'asOf' ? ' is not a real date as YYYY-MM-DD' : `: ${issue.message}`;
    throw new UsageError(`--${option} ${JSON.stringify(v[option])}${hint}`);
  }
  return parsed.data;
}

export async function coverage(argv: string[]): Promise<number> {
  const v = args(argv, {
    residents: { type: 'string' },
    participants: { type: 'string' },
    employers: { type: 'string' },
    'as-of': { type: 'string' },
    level: { type: 'string' },
    format: { type: 'string' },
    rejects: { type: 'string' },
    preset: { type: 'string' },
    'min-age': { type: 'string' },
    threads: { type: 'string' },
  });
  if (v.help) {
    process.stdout.write(HELP.coverage);
    return 0;
  }
  const { asOf, levels, minAge, preset } = coverageOptions(v);
  const residents = required(v, 'residents');
  const participants = required(v, 'participants');
  const format = (v.format as string | undefined) ?? 'table';
  if (!['table', 'json', 'csv'].includes(format)) throw new UsageError(`--format ${JSON.stringify(format)}: use table, json or csv`);
  const threads = v.threads === undefined ? undefined : Number(v.threads);
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1 || threads > 64)) throw new UsageError(`--threads ${JSON.stringify(v.threads)}: a whole number 1–64`);

  // progress on stderr once reading takes more than a second: in place on a terminal, else a line
  // every 5 seconds
  const started = Date.now();
  let lastLine = started;
  const progress = (file: string, rows: number) => {
    const now = Date.now();
    if (now - started < 1000) return;
    if (process.stderr.isTTY) process.stderr.write(`\rreading ${file}: ${rows.toLocaleString('en')} rows…`);
    else if (now - lastLine >= 5000) {
      lastLine = now;
      process.stderr.write(`reading ${file}: ${rows.toLocaleString('en')} rows…\n`);
    }
  };
  const report = await coverageFromCsv({
    residents,
    participants,
    ...(typeof v.employers === 'string' && { employers: v.employers }),
    asOf,
    ...(levels && { levels }),
    ...(minAge !== undefined && { policy: { minAge } }),
    ...(preset === 'siak' && { preset: 'siak' as const }),
    ...(threads !== undefined && { threads }),
    onProgress: progress,
  });
  if (process.stderr.isTTY && Date.now() - started > 1000) process.stderr.write('\r\x1b[K');
  const named = await withAllRegionNames(report);
  if (typeof v.rejects === 'string') writeFileSync(v.rejects, formatRejects(report));

  if (format === 'json') process.stdout.write(`${JSON.stringify(named)}\n`);
  else if (format === 'csv') process.stdout.write(coverageToCsv(named.regions));
  else process.stdout.write(formatTable(named));
  // a file none of whose rows could be used is a failure, whatever was printed
  const unusable = (['residents', 'participants', 'employers'] as const).filter((k) => {
    const counts = report.records[k];
    return counts !== undefined && counts.read > 0 && counts.used === 0;
  });
  if (unusable.length > 0) {
    const first = report.rejected[unusable[0]!]?.[0];
    process.stderr.write(`cakupan: no row of the ${unusable.join(' and ')} file could be used${first ? ` (line ${first.line}, ${first.column}: ${first.message})` : ''}\n`);
    return 1;
  }
  return 0;
}

/**
 * The report with a name on every province, city, district and village: core knows Kota Bogor's
 * names; the names of the rest of Indonesia (1 MB, ~0.1 s to load) are loaded only when the
 * report holds a region outside it.
 */
async function withAllRegionNames<R extends { regions: readonly RegionCoverage[]; compliance?: { regions: readonly RegionCompliance[] } | undefined }>(report: R): Promise<R> {
  const unnamed = (r: { level: string; name: string | null }) => r.name === null && r.level !== 'rw' && r.level !== 'rt';
  if (!report.regions.some(unnamed) && !report.compliance?.regions.some(unnamed)) return report;
  (await import('@cakupan/core/regions')).useAllRegions();
  const name = <T extends { level: string; code: string; name: string | null }>(r: T): T => (unnamed(r) ? { ...r, name: regionName(r.code) ?? null } : r);
  return { ...report, regions: report.regions.map(name), ...(report.compliance && { compliance: { ...report.compliance, regions: report.compliance.regions.map(name) } }) };
}
