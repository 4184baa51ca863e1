/**
 * \`cakupan import\`: an export into the monitoring store (the store is loaded only for this command).
 */
import { args, plural, required, UsageError } from '../args.js';
import { isoDate } from '../isoDate.js';
import { HELP } from '../help.js';

export async function importExport(argv: string[]): Promise<number> {
  const v = args(argv, { kind: { type: 'string' }, file: { type: 'string' }, 'as-of': { type: 'string' }, preset: { type: 'string' }, store: { type: 'string' } });
  if (v.help) {
    process.stdout.write(HELP.import);
    return 0;
  }
  const kind = required(v, 'kind');
  if (kind !== 'residents' && kind !== 'participants' && kind !== 'employers') throw new UsageError(`--kind ${JSON.stringify(kind)}: residents, participants or employers`);
  const file = required(v, 'file');
  const asOf = v['as-of'] === undefined ? undefined : isoDate(v['as-of'] as string, 'as-of');
  const preset = v.preset as string | undefined;
  if (preset !== undefined && preset !== 'siak' && preset !== 'canonical') throw new UsageError(`--preset ${JSON.stringify(preset)}: the presets are canonical and siak`);
  // loaded only for this command: the store brings PGlite and pg
  const { openStore } = await import('@cakupan/store');
  const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir: (v.store as string | undefined) ?? '.data/store' });
  try {
    const { import: record, duplicate } = await store.importCsv({ kind, path: file, ...(asOf && { asOf }), ...(preset && { preset: preset as 'siak' | 'canonical' }) });
    process.stdout.write(
      duplicate
        ? `${file}: imported before as import ${record.id} (${record.finishedAt}); not applied again\n`
        : `${file}: import ${record.id}, ${plural(record.rowsRead, 'row')} read = ${record.rowsUsed.toLocaleString('en')} used + ${record.rowsRejected.toLocaleString('en')} rejected (${store.engine})\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
