/**
 * \`cakupan generate\`: a synthetic Kota Bogor as CSV.
 */
import { writeSyntheticCity } from '@cakupan/core/node';
import { args, isFile, plural, required, UsageError } from '../args.js';
import { isoDate } from '../isoDate.js';
import { HELP } from '../help.js';

export async function generate(argv: string[]): Promise<number> {
  const v = args(argv, { adults: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, 'as-of': { type: 'string' } });
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
  const result = await writeSyntheticCity(out, { adults, seed, asOf });
  for (const [kind, file] of Object.entries(result.files)) {
    process.stderr.write(`${file}: ${plural(result.rows[kind as keyof typeof result.rows], 'row')}\n`);
  }
  return 0;
}
