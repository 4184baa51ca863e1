// pnpm bench (repo root), or: node packages/cli/bench/city.bench.mjs [adults]
//
// The city-scale run end to end, as an analyst would do it: `cakupan generate --adults 600815`,
// then `cakupan coverage … --level rt --format json` from the CSV files; wall time and peak RSS of
// the coverage process, at 1×, 2× and 4× the size (BENCH_SCALES=1,2,4).
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, runProcess, syntheticCity } from './processes.mjs';

const adults = Number(process.argv[2] ?? 600815);
const scales = (process.env.BENCH_SCALES ?? '1,2,4').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 3);

/** Runs the coverage command: wall time, peak RSS, size of its output. */
const coverage = (dir) =>
  runProcess(process.execPath, [CLI, 'coverage', '--residents', join(dir, 'residents.csv'), '--participants', join(dir, 'participants.csv'), '--as-of', '2017-12-31', '--level', 'rt', '--format', 'json'], { keepOutput: false, stderr: 'inherit' });

console.log('cakupan coverage --level rt --format json, end to end from CSV (generate excluded)');
for (const scale of scales) {
  const n = Math.round(adults * scale);
  const dir = syntheticCity(n);
  const sizeMB = (statSync(join(dir, 'residents.csv')).size + statSync(join(dir, 'participants.csv')).size) / 2 ** 20;
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await coverage(dir));
  results.sort((a, b) => a.ms - b.ms);
  const median = results[Math.floor(results.length / 2)];
  console.log(
    `  ${scale}× ${n.toLocaleString('en').padStart(9)} adults (${sizeMB.toFixed(0)} MB of CSV): median ${(median.ms / 1000).toFixed(2)} s over ${runs} runs (best ${(results[0].ms / 1000).toFixed(2)} s), peak RSS ${Math.max(...results.map((r) => r.peakMB)).toFixed(0)} MB${scale === 1 ? '  targets < 3 s, < 1 GB' : ''}`,
  );
  rmSync(dir, { recursive: true, force: true });
}
