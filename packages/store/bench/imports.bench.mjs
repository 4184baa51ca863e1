// pnpm bench (repo root), or after a build: node packages/store/bench/imports.bench.mjs
//
// Staged imports (issue 19) of the synthetic Kota Bogor's residents export (BENCH_ADULTS adults,
// default 600,815: ~872,000 rows) on both engines in one run (PostgreSQL when DATABASE_URL is set):
// the first import into an empty store; a dry run of the next export (the import done in full, the
// coverage after it computed, rolled back); applying it (the register in force moved to the
// history); undoing it; and the same export as an Excel workbook (.xlsx), dry run and apply.
// Each step's time, and the peak RSS of this process and of the embedded database's process
// during the step (Linux: /proc/PID/clear_refs resets the peak, VmHWM reads it).
// Then the workbook read by core's streaming reader and by SheetJS (XLSX.readFile), each in a
// process of its own: time and peak RSS, and their ratio.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSyntheticCity } from '@cakupan/core/node';
import { openStore } from '../dist/index.js';

const ADULTS = Number(process.env.BENCH_ADULTS ?? 600_815);
const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cakupan-imports-bench-'));
const city = await writeSyntheticCity(join(dir, 'city'), { adults: ADULTS, seed: 1, asOf: '2017-12-31' });
const residents = city.files.residents;
// the next export: the same register with 1 % of its residents gone and a few new ones
const next = join(dir, 'residents-next.csv');
{
  const lines = readFileSync(residents, 'utf8').split('\n');
  writeFileSync(next, lines.filter((l, i) => i === 0 || i % 100 !== 7).join('\n'));
}
// the same next export as a workbook, written by SheetJS in a child process (its memory is not ours)
const xlsx = join(dir, 'residents-next.xlsx');
execFileSync(process.execPath, [join(here, 'write-xlsx.mjs'), next, xlsx], { stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=16384' } });

const children = () => {
  const out = [];
  for (const task of readdirSync('/proc/self/task')) {
    try {
      out.push(...readFileSync(`/proc/self/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
    } catch {
      // a thread that ended
    }
  }
  return out;
};
const resetPeak = (pid) => {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // not Linux, or not allowed: the peak is then since the process started
  }
};
const peakOf = (pid) => {
  try {
    return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
  } catch {
    return NaN;
  }
};
const step = async (fn) => {
  const pids = ['self', ...children()];
  for (const pid of pids) resetPeak(pid);
  const t0 = performance.now();
  const result = await fn();
  const s = (performance.now() - t0) / 1000;
  const [self, ...db] = pids.map(peakOf);
  return { s, self, db: db.filter((x) => !Number.isNaN(x)).reduce((a, b) => Math.max(a, b), 0), result };
};
const mb = (x) => `${Math.round(x).toLocaleString('en')} MB`;
const line = (name, r) => `    ${name.padEnd(46)} ${r.s.toFixed(1).padStart(6)} s   bench ${mb(r.self).padStart(9)}   database process ${r.db ? mb(r.db) : '(in this process)'}`;

const engines = [['PGlite', undefined]];
if (process.env.DATABASE_URL) engines.push(['PostgreSQL', process.env.DATABASE_URL]);
console.log(`imports, synthetic city of ${ADULTS.toLocaleString('en')} adults (${city.rows.residents.toLocaleString('en')} residents; the next export ${(readFileSync(next, 'utf8').split('\n').length - 2).toLocaleString('en')} rows)`);
for (const [name, url] of engines) {
  const store = await openStore({ databaseUrl: url, dataDir: join(dir, `store-${name}`) });
  if (url) await store.db.exec('truncate import_rejects, residents, residents_history, participants, participants_history, participant_events, employers, employers_history, imports restart identity cascade');
  console.log(`  ${name}:`);
  const first = await step(() => store.importCsv({ kind: 'residents', path: residents, asOf: '2017-12-31' }));
  console.log(line('first import (CSV, into an empty store)', first));
  const dry = await step(() => store.previewImport({ kind: 'residents', path: next, asOf: '2017-12-31' }));
  console.log(line('dry run of the next export (CSV)', dry));
  const applied = await step(() => store.importCsv({ kind: 'residents', path: next, asOf: '2017-12-31' }));
  console.log(line('apply the next export (CSV; the old one kept)', applied));
  const undone = await step(() => store.revertImport(applied.result.import.id, 'bench'));
  console.log(line('undo it', undone));
  const dryX = await step(() => store.previewImport({ kind: 'residents', path: xlsx, asOf: '2017-12-31' }));
  console.log(line('dry run of the next export (.xlsx)', dryX));
  const appliedX = await step(() => store.importCsv({ kind: 'residents', path: xlsx, asOf: '2017-12-31' }));
  console.log(line('apply the next export (.xlsx)', appliedX));
  const r = dry.result.register[0];
  console.log(`    (the dry run: ${r.before.toLocaleString('en')} → ${r.after.toLocaleString('en')} residents, ${r.removed.toLocaleString('en')} removed; coverage ${dry.result.coverage.map((c) => `${c.region} ${c.before?.covered}/${c.before?.eligible} → ${c.after?.covered}/${c.after?.eligible}`).join(', ')})`);
  await store.close();
}

// the workbook read on its own: core's streaming reader against SheetJS, each in its own process
const reader = (which) => {
  const r = spawnSync(process.execPath, [join(here, 'read-xlsx.mjs'), which, xlsx], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=16384' } });
  if (r.status !== 0) throw new Error(`${which}: ${r.stderr}`);
  return JSON.parse(r.stdout);
};
const ours = reader('cakupan');
const sheetjs = reader('sheetjs');
console.log(`  reading the workbook (${ours.rows.toLocaleString('en')} rows): core's streaming reader ${ours.s.toFixed(1)} s, peak RSS ${mb(ours.peak)}; SheetJS 0.20.3 readFile ${sheetjs.s.toFixed(1)} s, peak RSS ${mb(sheetjs.peak)} (ratio time ${(sheetjs.s / ours.s).toFixed(2)}×, memory ${(sheetjs.peak / ours.peak).toFixed(1)}×)`);
