/**
 * `cakupan`: coverage from the population register and BPJS Ketenagakerjaan exports, from a
 * terminal. Exit status: 0 done, 1 an input could not be read, 2 wrong usage.
 */
import { statSync, writeFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CakupanError, coverageTextOptionsSchema, coverageToCsv, isoDateSchema, REGION_LEVELS } from '@cakupan/core';
import { coverageFromCsv, writeSyntheticCity } from '@cakupan/core/node';
import { formatRejects, formatTable } from './format.js';

const HELP = {
  main: `cakupan — BPJS Ketenagakerjaan coverage from the population register and participant exports

Usage:
  cakupan coverage --residents R.csv --participants P.csv --as-of YYYY-MM-DD [options]
  cakupan import --kind residents|participants|employers --file F.csv [--as-of YYYY-MM-DD] [--store DIR]
  cakupan generate --adults N --out DIR [--seed S]
  cakupan <command> --help

Commands:
  coverage   coverage per region down to RT, from the CSV exports
  import     import an export into the monitoring store (the one the print service serves)
  generate   write a synthetic Kota Bogor as CSV (for demos, tests, benchmarks)
`,
  import: `cakupan import — import an export into the monitoring store

Usage:
  cakupan import --kind residents|participants|employers --file F.csv [options]

Options:
  --kind KIND       residents (replaces the register), participants (upserted by KPJ), employers (by id)
  --file FILE       the CSV export, canonical columns (or --preset siak for residents)
  --as-of DATE      the export's own date, YYYY-MM-DD (a residents snapshot: 30 June or 31 December)
  --preset siak     residents in the civil registry's SIAK columns
  --store DIR       the embedded store's folder (default .data/store); with DATABASE_URL=postgres://…
                    in the environment, that PostgreSQL server instead
  -h, --help        this help

The embedded store is one process's at a time: stop the service that has it open first (or share a
PostgreSQL server). The same file is applied once.
`,
  coverage: `cakupan coverage — coverage per region from the CSV exports

Usage:
  cakupan coverage --residents R.csv --participants P.csv --as-of YYYY-MM-DD [options]

Options:
  --residents FILE      population register: nik,kk,name,birth_date,sex,village_code,rw,rt
  --participants FILE   BPJS TK accounts: nik,kpj,segment,status,registered_on,ended_on,employer_npp
  --employers FILE      employers: id,name,village_code,rw,rt,npp,status (adds employer compliance)
  --as-of DATE          reference date, YYYY-MM-DD (ages and account activity are taken on it)
  --level LIST          comma-separated levels of ${REGION_LEVELS.join(',')} (default: all)
  --format FORMAT       table (default), json or csv
  --rejects FILE        also write every rejected row (file,line,column,code,message) as CSV
  --preset siak         residents file in the civil registry's SIAK columns (NIK, NO_KK, TGL_LHR DD-MM-YYYY, …)
  --min-age N           minimum age of the eligible population (default 18)
  -h, --help            this help

Every row is used or rejected with its line, column and reason; the summary says read = used + rejected.
`,
  generate: `cakupan generate — a synthetic, realistic Kota Bogor in the canonical CSV columns

Usage:
  cakupan generate --adults N --out DIR [--seed S] [--as-of YYYY-MM-DD]

Writes DIR/residents.csv, DIR/participants.csv and DIR/employers.csv: real district and village
codes, RW/RT, valid NIKs, the PU/BPU mix of the 2017 figures, duplicates, commuters, inactive
accounts. Kota Bogor 2017 had 600,815 adults.

Options:
  --adults N      residents aged 18+ (minors are added, about 0.45 per adult)
  --out DIR       folder to write (created if needed)
  --seed S        random seed (default 1); the same seed gives the same files
  --as-of DATE    reference date the ages are built around (default 2017-12-31)
  -h, --help      this help
`,
};

class UsageError extends Error {}

function isFile(path: string): boolean {
  try {
    return !statSync(path).isDirectory();
  } catch {
    return false;
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(HELP.main);
    return command === undefined ? 2 : 0;
  }
  if (command === 'coverage') return coverage(rest);
  if (command === 'import') return importExport(rest);
  if (command === 'generate') return generate(rest);
  throw new UsageError(`unknown command ${JSON.stringify(command)} (commands: coverage, import, generate; see cakupan --help)`);
}

function args(argv: string[], options: NonNullable<ParseArgsConfig['options']>) {
  // `--adults -5`: a value that starts with a dash is still the option's value (and then refused
  // for what it is), not another option
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = /^--([\w-]+)$/.exec(argv[i]!)?.[1];
    const next = argv[i + 1];
    if (name && options[name]?.type === 'string' && next !== undefined && /^-\d|^-$/.test(next)) {
      joined.push(`--${name}=${next}`);
      i++;
    } else joined.push(argv[i]!);
  }
  try {
    return parseArgs({ args: joined, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }).values as Record<string, string | boolean | undefined>;
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/\. To specify.*$/s, ''));
  }
}

function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

function isoDate(value: string, option: string): string {
  if (!isoDateSchema.safeParse(value).success) throw new UsageError(`--${option} ${JSON.stringify(value)} is not a real date as YYYY-MM-DD`);
  return value;
}

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

/** `1 row`, `2 rows`. */
export function plural(n: number, word: string): string {
  return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}

async function coverage(argv: string[]): Promise<number> {
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
  // names for every region of Indonesia (loaded here, not for --help)
  (await import('@cakupan/core/regions')).useAllRegions();

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
    onProgress: progress,
  });
  if (process.stderr.isTTY && Date.now() - started > 1000) process.stderr.write('\r\x1b[K');
  if (typeof v.rejects === 'string') writeFileSync(v.rejects, formatRejects(report));
  if (format === 'json') process.stdout.write(`${JSON.stringify(report)}\n`);
  else if (format === 'csv') process.stdout.write(coverageToCsv(report.regions));
  else process.stdout.write(formatTable(report));
  return 0;
}

async function importExport(argv: string[]): Promise<number> {
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

async function generate(argv: string[]): Promise<number> {
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

// a reader that stops early (cakupan … | head) is not an error
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

// exitCode, not exit(): exit() would cut off output still being written to a pipe
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    const usage = err instanceof UsageError;
    const known = usage || err instanceof CakupanError || err instanceof RangeError || (err as NodeJS.ErrnoException).syscall !== undefined;
    process.stderr.write(`cakupan: ${known ? err.message : `${err.name}: ${err.message}`}\n`);
    process.exitCode = usage ? 2 : 1;
  },
);
