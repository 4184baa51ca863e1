/**
 * `cakupan regions CODE`: a region and the regions one level below it, from the whole region table.
 */
import { args, UsageError } from '../args.js';
import { HELP } from '../help.js';

export async function regions(argv: string[]): Promise<number> {
  // the one positional argument, the code: the rest are options
  const at = argv.findIndex((a, i) => !a.startsWith('-') && argv[i - 1] !== '--format');
  const code = at >= 0 ? argv[at] : undefined;
  const v = args(at >= 0 ? argv.filter((_, i) => i !== at) : argv, { format: { type: 'string' } });
  if (v.help) {
    process.stdout.write(HELP.regions);
    return 0;
  }
  if (code === undefined) throw new UsageError('give a region code: cakupan regions 3276 (see cakupan regions --help)');
  if (v.format !== undefined && v.format !== 'json' && v.format !== 'text') throw new UsageError(`--format ${JSON.stringify(v.format)}: json or text`);
  const { childLevelOf, childRegions, levelWordWithin, parseRegionCode, regionName } = await import('@cakupan/core');
  (await import('@cakupan/core/regions')).useAllRegions();
  const parsed = parseRegionCode(code);
  if (!parsed.success) throw new UsageError(`${JSON.stringify(code)}: ${parsed.issues[0]!.message}`);
  const region = parsed.data;
  const children = childRegions(region.code);
  const childLevel = region.level === 'province' || region.level === 'city' || region.level === 'district' ? childLevelOf(region.level)! : null;
  const word = childLevel ? levelWordWithin(childLevel, region.code) : null;
  const name = regionName(region.code) ?? null;
  if (v.format === 'json') {
    process.stdout.write(`${JSON.stringify({ region: region.code, level: region.level, name, word, children })}\n`);
    return 0;
  }
  process.stdout.write(`${region.code}\t${name ?? '(no name in the region table)'}\t${region.level}\n`);
  if (children.length > 0) process.stdout.write(`${children.length} ${word}:\n`);
  for (const c of children) process.stdout.write(`  ${c.code}\t${c.name}\n`);
  return 0;
}
