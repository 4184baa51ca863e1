/**
 * \`cakupan import\`: an export into the monitoring store — previewed (\`--dry-run\`), guarded
 * (\`--confirm\` with the dry run's token), undone (\`--revert ID\`). The store is loaded only for
 * this command; by default it is the one \`pnpm start\` keeps, and the command says which it uses.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportCsvOptions, ImportPreview, ImportRecord } from '@cakupan/store';
import { args, plural, required, UsageError } from '../args.js';
import { isoDate } from '../isoDate.js';
import { HELP } from '../help.js';

/**
 * The store the service uses when started with \`pnpm start\` from this repository
 * (\`packages/print-service/.data/store\`), \`DATA_DIR/store\` when DATA_DIR is set, else
 * \`.data/store\` in the current folder.
 */
export function defaultStoreDir(): string {
  if (process.env.DATA_DIR) return join(resolve(process.env.DATA_DIR), 'store');
  const service = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'print-service');
  return existsSync(join(service, 'package.json')) ? join(service, '.data', 'store') : resolve('.data', 'store');
}

/** `--columns nik=NO_NIK,birth_date=TGL_LAHIR` as a mapping. */
function columnsOf(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const m = /^\s*([a-z_]+)\s*=\s*(.+?)\s*$/.exec(pair);
    if (!m) throw new UsageError(`--columns ${JSON.stringify(text)}: write canonical=HEADER pairs, e.g. nik=NO_NIK,birth_date=TGL_LAHIR`);
    out[m[1]!] = m[2]!;
  }
  return out;
}

const pct = (f: { eligible: number; covered: number; ratio: number | null } | null) => (f === null ? '–' : `${f.ratio === null ? '–' : `${(f.ratio * 100).toFixed(2)} %`} (${f.covered.toLocaleString('en')}/${f.eligible.toLocaleString('en')})`);

/** The preview as the terminal shows it. */
export function formatPreview(p: ImportPreview): string {
  const lines = [`${p.fileName}: ${plural(p.rows.read, 'row')} read = ${p.rows.used.toLocaleString('en')} used + ${p.rows.rejected.toLocaleString('en')} rejected`];
  for (const r of p.firstRejects.slice(0, 5)) lines.push(`  line ${r.line}, ${r.column}: ${r.message}`);
  if (p.rows.rejected > 5) lines.push(`  … ${plural(p.rows.rejected - Math.min(5, p.firstRejects.length), 'more rejected row')}`);
  for (const r of p.register ?? []) lines.push(`register of ${r.region}: ${r.before.toLocaleString('en')} → ${r.after.toLocaleString('en')} residents (${r.added} added, ${r.removed} removed, ${r.changed} changed; in force as of ${r.inForceAsOf ?? '–'})`);
  if (p.accounts) lines.push(`accounts: ${p.accounts.before.toLocaleString('en')} held; ${p.accounts.added} added, ${p.accounts.changed} changed (${p.accounts.ended} ended), ${p.accounts.nikChanged} to another NIK`);
  if (p.employers) lines.push(`employers: ${p.employers.before.toLocaleString('en')} held; ${p.employers.added} added, ${p.employers.changed} changed`);
  for (const c of p.coverage) lines.push(`coverage of ${c.region}${c.name ? ` ${c.name}` : ''} on ${p.asOf ?? 'the export’s date'}: ${pct(c.before)} → ${pct(c.after)}`);
  for (const g of p.guards) lines.push(`needs attention: ${g.message}`);
  return `${lines.join('\n')}\n`;
}

export async function importExport(argv: string[]): Promise<number> {
  const v = args(argv, {
    kind: { type: 'string' },
    file: { type: 'string' },
    'as-of': { type: 'string' },
    preset: { type: 'string' },
    columns: { type: 'string' },
    'date-order': { type: 'string' },
    'village-code': { type: 'string' },
    sheet: { type: 'string' },
    'dry-run': { type: 'boolean' },
    confirm: { type: 'string' },
    revert: { type: 'string' },
    store: { type: 'string' },
  });
  if (v.help) {
    process.stdout.write(HELP.import);
    return 0;
  }
  const revert = v.revert === undefined ? undefined : Number(v.revert);
  if (revert !== undefined && (!Number.isSafeInteger(revert) || revert < 1)) throw new UsageError(`--revert ${JSON.stringify(v.revert)}: an import's number`);
  let options: ImportCsvOptions | undefined;
  if (revert === undefined) {
    const kind = required(v, 'kind');
    if (kind !== 'residents' && kind !== 'participants' && kind !== 'employers') throw new UsageError(`--kind ${JSON.stringify(kind)}: residents, participants or employers`);
    const file = required(v, 'file');
    const asOf = v['as-of'] === undefined ? undefined : isoDate(v['as-of'] as string, 'as-of');
    const preset = v.preset as string | undefined;
    if (preset !== undefined && preset !== 'siak' && preset !== 'canonical' && preset !== 'opensid') throw new UsageError(`--preset ${JSON.stringify(preset)}: the presets are canonical, siak and opensid`);
    const dateOrder = v['date-order'] as string | undefined;
    if (dateOrder !== undefined && dateOrder !== 'dmy' && dateOrder !== 'mdy') throw new UsageError(`--date-order ${JSON.stringify(dateOrder)}: dmy (day first) or mdy (month first)`);
    const villageCode = v['village-code'] as string | undefined;
    if (villageCode !== undefined && !/^\d{2}\.?\d{2}\.?\d{2}\.?\d{4}$/.test(villageCode)) throw new UsageError(`--village-code ${JSON.stringify(villageCode)}: a village code of 10 digits (dots optional)`);
    const confirm = v.confirm as string | undefined;
    if (confirm !== undefined && !/^[0-9a-f]{24}$/.test(confirm)) throw new UsageError(`--confirm ${JSON.stringify(confirm)}: the token a dry run printed`);
    options = {
      kind,
      path: file,
      ...(asOf && { asOf }),
      ...(preset && { preset: preset as 'siak' | 'canonical' | 'opensid' }),
      ...(typeof v.columns === 'string' && { columns: columnsOf(v.columns) }),
      ...(dateOrder && { dateOrder: dateOrder as 'dmy' | 'mdy' }),
      ...(villageCode && { villageCode }),
      ...(typeof v.sheet === 'string' && { sheet: v.sheet }),
      ...(confirm && { confirm }),
    };
  }
  // loaded only for this command: the store brings PGlite and pg
  const { openStore, ImportConflictError, RevertConflictError } = await import('@cakupan/store');
  const dataDir = (v.store as string | undefined) ?? defaultStoreDir();
  const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
  const where = store.engine === 'postgres' ? 'the PostgreSQL store of DATABASE_URL' : `the embedded store ${dataDir}`;
  const done = (record: ImportRecord) => `import ${record.id}, ${plural(record.rowsRead, 'row')} read = ${record.rowsUsed.toLocaleString('en')} used + ${record.rowsRejected.toLocaleString('en')} rejected`;
  try {
    if (revert !== undefined) {
      const reverted = await store.revertImport(revert, 'cli').catch((err: unknown) => {
        if (err instanceof RevertConflictError) {
          process.stderr.write(`cakupan: ${err.message}\n`);
          return null;
        }
        throw err;
      });
      if (reverted === null) return 1;
      if (reverted === undefined) {
        process.stderr.write(`cakupan: no import ${revert} in ${where}\n`);
        return 1;
      }
      process.stdout.write(`import ${revert} (${reverted.kind} ${reverted.fileName}) undone in ${where}\n`);
      return 0;
    }
    if (v['dry-run']) {
      const preview = await store.previewImport(options!);
      process.stdout.write(`dry run on ${where}: nothing was changed\n${formatPreview(preview)}`);
      if (preview.duplicateOf !== null) process.stdout.write(`this file, read this way, is import ${preview.duplicateOf}, in force: it would not be applied again\n`);
      if (preview.confirm) process.stdout.write(`to apply it all the same: cakupan import … --confirm ${preview.confirm}\n`);
      return preview.rows.used === 0 ? 1 : 0;
    }
    try {
      const { import: record, duplicate, preview } = await store.importCsv(options!);
      if (duplicate) process.stdout.write(`${options!.path}: in force already as import ${record.id} (${record.finishedAt}) in ${where}; not applied again\n`);
      else process.stdout.write(`${options!.path}: ${done(record)} (${store.engine}: ${where})\n${formatPreview(preview).split('\n').slice(1).join('\n')}`);
      return 0;
    } catch (err) {
      if (!(err instanceof ImportConflictError)) throw err;
      process.stderr.write(`cakupan: not imported: ${err.message}\n${formatPreview(err.preview)}`);
      if (err.preview.confirm) process.stderr.write(`to apply it all the same: add --confirm ${err.preview.confirm}\n`);
      return 1;
    }
  } finally {
    await store.close();
  }
}
