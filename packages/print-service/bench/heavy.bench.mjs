// node packages/print-service/bench/heavy.bench.mjs (pnpm bench runs it)
//
// Issue 20's heavy requests at once on the service as `pnpm start` runs it (its own process, the
// sample city, --max-old-space-size=512): the coverage series of every RT of the city over 20
// years (86 MB of JSON before the limit) six times, four long village series, three monthly
// reports and three every-RT coverage reads — 16 requests at once, three rounds. Prints each
// round's answers by status and the service's peak RSS (VmHWM), or that the process died.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const KEY = 'bench-heavy-key-0123456789abcdef';
const port = await new Promise((resolve) => {
  const srv = createServer().listen(0, '127.0.0.1', () => {
    const p = srv.address().port;
    srv.close(() => resolve(p));
  });
});
const server = spawn(process.execPath, ['--max-old-space-size=512', fileURLToPath(new URL('../dist/server.js', import.meta.url))], {
  env: { ...process.env, NODE_ENV: 'development', PORT: String(port), API_KEYS: KEY, DATA_DIR: mkdtempSync(join(tmpdir(), 'cakupan-heavy-')), LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '1000000' },
  stdio: ['ignore', 'pipe', 'ignore'],
});
let died = null;
server.once('exit', (code, signal) => (died = signal ?? `exit ${code}`));
await new Promise((resolve) => server.stdout.on('data', (b) => String(b).includes('cakupan print service on') && resolve()));
const base = `http://127.0.0.1:${port}`;
const peak = () => {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8')); // absent once the process is gone
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
};
const heavy = [
  ...Array.from({ length: 6 }, () => '/v1/coverage/series?region=3271&children=rt&from=1998-01-01&to=2017-12-31'),
  ...Array.from({ length: 4 }, (_, i) => `/v1/coverage/series?region=3271&children=village&from=${1998 + i}-01-01&to=2017-12-31`),
  ...Array.from({ length: 3 }, () => '/v1/reports/monthly?region=3271&month=2017-12'),
  ...Array.from({ length: 3 }, () => '/v1/coverage?asOf=2017-12-31&level=rt'),
];
console.log(`the service after start-up (sample city imported): peak RSS ${peak().toFixed(0)} MB`);
for (let round = 1; round <= 3 && !died; round++) {
  const t0 = performance.now();
  const statuses = await Promise.all(
    heavy.map((path) =>
      fetch(base + path, { headers: { authorization: `Bearer ${KEY}` } }).then(
        async (r) => (await r.arrayBuffer(), r.status),
        () => 'no answer',
      ),
    ),
  );
  const byStatus = Object.entries(statuses.reduce((m, s) => ({ ...m, [s]: (m[s] ?? 0) + 1 }), {})).map(([s, n]) => `${n}× ${s}`).join(', ');
  const mb = peak();
  console.log(`round ${round}: ${heavy.length} heavy requests at once in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${byStatus}; ${died || Number.isNaN(mb) ? `the service DIED (${died ?? 'gone'})` : `peak RSS ${mb.toFixed(0)} MB`}`);
}
if (!died) server.kill();
