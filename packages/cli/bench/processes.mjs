// What the CLI's benchmarks share: a synthetic city written once into a folder, and a command run
// to its end as a whole process, timed, with its peak RSS (VmHWM polled from /proc) and its stdout.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** A folder holding the synthetic city of `adults` (seed 2017): `dir` if it has one, else a new one. */
export function syntheticCity(adults, dir = mkdtempSync(join(tmpdir(), 'cakupan-bench-'))) {
  if (!existsSync(join(dir, 'residents.csv'))) {
    const gen = spawnSync(process.execPath, [CLI, 'generate', '--adults', String(adults), '--seed', '2017', '--out', dir], { encoding: 'utf8' });
    if (gen.status !== 0) throw new Error(gen.stderr);
  }
  return dir;
}

/** Runs `cmd args` to its end: wall time (ms), peak RSS (MB), stdout (when `keepOutput`, else its size). */
export function runProcess(cmd, args, { keepOutput = true, stderr = 'pipe' } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', stderr] });
    const out = [];
    let bytes = 0;
    let err = '';
    let peak = 0;
    child.stdout.on('data', (c) => {
      bytes += c.length;
      if (keepOutput) out.push(c);
    });
    child.stderr?.on('data', (c) => (err += c));
    const poll = setInterval(() => {
      try {
        peak = Math.max(peak, Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024);
      } catch {}
    }, 10);
    child.on('exit', (code) => {
      clearInterval(poll);
      if (code !== 0) reject(new Error(`${cmd} exited ${code}: ${err}`));
      else resolve({ ms: performance.now() - t0, peakMB: peak, out: Buffer.concat(out).toString('utf8'), outMB: bytes / 2 ** 20 });
    });
  });
}
