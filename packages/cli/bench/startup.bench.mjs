// node packages/cli/bench/startup.bench.mjs   (part of pnpm bench)
//
// How long `cakupan --help` takes as a whole process, through the installed bin and through
// `pnpm -s cakupan`, beside a bare `node -e 0` (Node's own start on this machine); BENCH_RUNS each
// (default 20), alternating, median and best.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 20);
const commands = {
  'node -e 0 (Node alone)': [process.execPath, ['-e', '0']],
  'cakupan --help (installed bin)': [join(repo, 'node_modules', '.bin', 'cakupan'), ['--help']],
  'node packages/cli/dist/cli.js --help': [process.execPath, [join(repo, 'packages', 'cli', 'dist', 'cli.js'), '--help']],
};
const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
for (let i = 0; i < runs; i++) {
  for (const [name, [cmd, args]] of Object.entries(commands)) {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { cwd: repo, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${name}: ${r.stderr}`);
    times[name].push(performance.now() - t0);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`start-up, ${runs} runs each`);
for (const [name, xs] of Object.entries(times)) console.log(`  ${name.padEnd(40)} median ${median(xs).toFixed(0)} ms, best ${Math.min(...xs).toFixed(0)} ms`);
