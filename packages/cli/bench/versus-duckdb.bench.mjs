// node packages/cli/bench/versus-duckdb.bench.mjs [adults]   (after pnpm build; part of pnpm bench)
//
// `cakupan coverage` against DuckDB on the same two CSV files, each timed as a whole process from
// start to result (the CLI through its installed `cakupan` bin, DuckDB through
// bench/duckdb-coverage.mjs with @duckdb/node-api), alternating, BENCH_RUNS each (default 5);
// then the figures of both compared region by region at all six levels.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProcess as run, syntheticCity } from './processes.mjs';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const BIN = join(repo, 'node_modules', '.bin', 'cakupan');
const DUCK = fileURLToPath(new URL('duckdb-coverage.mjs', import.meta.url));
const adults = Number(process.argv[2] ?? 600815);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const AS_OF = '2017-12-31';

const dir = syntheticCity(adults, process.env.BENCH_CITY_DIR);
const residents = join(dir, 'residents.csv');
const participants = join(dir, 'participants.csv');
const sizeMB = (statSync(residents).size + statSync(participants).size) / 2 ** 20;

const cakupanArgs = ['coverage', '--residents', residents, '--participants', participants, '--as-of', AS_OF, '--format', 'json'];
const results = { cakupan: [], duckdb: [] };
let last = {};
for (let i = 0; i < runs; i++) {
  // alternate, so that the machine's noise falls on both
  const a = await run(BIN, cakupanArgs);
  const b = await run(process.execPath, [DUCK, residents, participants, AS_OF]);
  results.cakupan.push(a);
  results.duckdb.push(b);
  last = { cakupan: a.out, duckdb: b.out };
}
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const line = (name, rs) => `  ${name.padEnd(38)} median ${(median(rs.map((r) => r.ms)) / 1000).toFixed(2)} s (best ${(Math.min(...rs.map((r) => r.ms)) / 1000).toFixed(2)} s), peak RSS ${Math.max(...rs.map((r) => r.peakMB)).toFixed(0)} MB`;
console.log(`coverage from CSV, all six levels, ${adults.toLocaleString('en')} adults (${sizeMB.toFixed(0)} MB of CSV), ${runs} runs each, whole processes`);
console.log(line('cakupan coverage (installed bin)', results.cakupan));
console.log(line('DuckDB (@duckdb/node-api, read_csv)', results.duckdb));
const ratio = median(results.cakupan.map((r) => r.ms)) / median(results.duckdb.map((r) => r.ms));
console.log(`  cakupan / DuckDB: ${ratio.toFixed(2)}× the time`);

// the same figures? every region of both, by dotted code
const mine = new Map(JSON.parse(last.cakupan).regions.map((r) => [r.code, r]));
const LEVEL_OF_GROUPING = { 31: 'province', 15: 'city', 7: 'district', 3: 'village', 1: 'rw', 0: 'rt' };
const pad3 = (n) => String(n).padStart(3, '0');
let same = 0;
const different = [];
const theirs = JSON.parse(last.duckdb).rows;
for (const row of theirs) {
  const level = LEVEL_OF_GROUPING[Number(row.g)];
  const v = row.village ?? '';
  const dotted = (digits) => [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4, 6), digits.slice(6)].filter(Boolean).join('.');
  const code = { province: row.province, city: dotted(row.city ?? ''), district: dotted(row.district ?? ''), village: dotted(v) }[level] ?? `${dotted(v)}.${pad3(row.rw)}${level === 'rt' ? `.${pad3(row.rt)}` : ''}`;
  const r = mine.get(code);
  const figures = (x) => [x.residents, x.eligible, x.covered, x.bySegment.PU, x.bySegment.BPU, x.bySegment.JAKON, x.bySegment.PMI].join(',');
  const duck = [row.residents, row.eligible, row.covered, row.pu, row.bpu, row.jakon, row.pmi].join(',');
  if (r && figures(r) === duck) same++;
  else different.push(`${code}: cakupan ${r ? figures(r) : 'absent'} / DuckDB ${duck}`);
}
console.log(`  same figures: ${same} of ${theirs.length} regions (cakupan ${mine.size})${different.length ? `; differ: ${different.slice(0, 5).join('; ')}` : ''}`);
