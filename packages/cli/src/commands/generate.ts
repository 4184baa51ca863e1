/**
 * \`cakupan generate\`: a synthetic city or regency as CSV.
 */
import { writeSyntheticCity } from '@cakupan/core/node';
import { args, isFile, plural, required, UsageError } from '../args.js';
import { isoDate } from '../isoDate.js';
import { HELP } from '../help.js';

export async function generate(argv: string[]): Promise<number> {
  const v = args(argv, { adults: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, 'as-of': { type: 'string' }, region: { type: 'string' } });
  if (v.help) {
    process.stdout.write(HELP.generate);
    return 0;
  }
  const adultsText = required(v, 'adults');
  const adults = Number(adultsText.replaceAll('_', ''));
  if (!Number.isInteger(adults) || adults < 0 || adults > 10_000_000) throw new UsageError(`--adults ${JSON.stringify(adultsText)}: a whole number 0–10,000,000`);
  const seed = v.seed === undefined ? 1 : Number(v.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed ${JSON.stringify(v.seed)}: a whole number`);
  const out = required(v, 'out');
  if (isFile(out)) throw new UsageError(`--out ${JSON.stringify(out)} is a file; give a folder (it is created if needed)`);
  const asOf = v['as-of'] === undefined ? '2017-12-31' : isoDate(v['as-of'] as string, 'as-of');
  const villages = v.region === undefined ? undefined : await villagesOf(v.region as string);
  const result = await writeSyntheticCity(out, { adults, seed, asOf, ...(villages && { villages }) });
  for (const [kind, file] of Object.entries(result.files)) {
    process.stderr.write(`${file}: ${plural(result.rows[kind as keyof typeof result.rows], 'row')}\n`);
  }
  return 0;
}

/** The villages of a region (a province, city/regency or district) from the whole region table. */
async function villagesOf(code: string): Promise<string[]> {
  const { childRegions, parseRegionCode } = await import('@cakupan/core');
  (await import('@cakupan/core/regions')).useAllRegions();
  const parsed = parseRegionCode(code);
  if (!parsed.success) throw new UsageError(`--region ${JSON.stringify(code)}: ${parsed.issues[0]!.message}`);
  const region = parsed.data;
  if (region.level === 'village' || region.level === 'rw' || region.level === 'rt') throw new UsageError(`--region ${region.code} is a ${region.level}: give a province, city/regency or district`);
  const below = (c: string): string[] => {
    const children = childRegions(c);
    return children.flatMap((r) => (r.level === 'village' ? [r.code] : below(r.code)));
  };
  const villages = below(region.code);
  if (villages.length === 0) throw new UsageError(`--region ${region.code}: the region table has no village in it`);
  return villages;
}
