// node bench/import-memory.bench.mjs (after a build; BENCH_ADULTS=600815 is Kota Bogor, the default)
//
// The service as `pnpm start` runs it (its own process, --max-old-space-size=512, the embedded
// PGlite store in a fresh DATA_DIR) while the two city exports are imported over HTTP: the
// process's resident memory sampled every 50 ms (idle, peak during each import, after), the
// time of each import, and of the first coverage report after them (which waits for the coverage
// index the imports started building) and of the next one.
import { spawn } from 'node:child_process';
import { openAsBlob, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSyntheticCity } from '@cakupan/core/node';

const ADULTS = Number(process.env.BENCH_ADULTS ?? 600_815);
const dir = mkdtempSync(join(tmpdir(), 'cakupan-import-memory-'));
const city = await writeSyntheticCity(join(dir, 'city'), { adults: ADULTS, seed: 1, asOf: '2017-12-31' });
const KEY = 'bench-import-memory-key';
const port = 3900 + Math.floor(Math.random() * 100);
const base = `http://127.0.0.1:${port}`;
const start = async () => {
  const child = spawn(process.execPath, ['--max-old-space-size=512', fileURLToPath(new URL('../dist/server.js', import.meta.url))], {
    env: { ...process.env, NODE_ENV: 'test', PORT: String(port), API_KEYS: `bench:${KEY}`, DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'warn', RATE_LIMIT_MAX: '1000000' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; ; i++) {
    if (await fetch(`${base}/health`).then((r) => r.ok, () => false)) return child;
    if (i > 200) throw new Error('the service did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
};
let server = await start();
const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))[1]) / 1024;
const watch = async (fn) => {
  let peak = rss();
  const timer = setInterval(() => (peak = Math.max(peak, rss())), 50);
  const t0 = performance.now();
  try {
    const result = await fn();
    return { s: (performance.now() - t0) / 1000, peak, result };
  } finally {
    clearInterval(timer);
    peak = Math.max(peak, rss());
  }
};
const auth = { authorization: `Bearer ${KEY}` };
const upload = async (kind, path) => {
  const form = new FormData();
  form.set('kind', kind);
  form.set('asOf', '2017-12-31');
  form.set('file', await openAsBlob(path), `${kind}.csv`);
  const res = await fetch(`${base}/v1/imports`, { method: 'POST', headers: auth, body: form });
  if (res.status !== 201) throw new Error(`${kind}: ${res.status} ${await res.text()}`);
  return res.json();
};
try {
  const idle = rss();
  const residents = await watch(() => upload('residents', city.files.residents));
  const participants = await watch(() => upload('participants', city.files.participants));
  const report = () => fetch(`${base}/v1/coverage?asOf=2017-12-31&level=rt`, { headers: auth }).then((r) => r.json());
  const first = await watch(report);
  const next = await watch(report);
  const before = rss();
  // a restart on the stored data: the index is built in the background; the first report waits for it
  server.kill();
  await new Promise((r) => server.once('exit', r));
  const t0 = performance.now();
  server = await start();
  const restartIdle = rss();
  const afterRestart = await watch(report);
  const restartS = (performance.now() - t0) / 1000;
  console.log(`import memory, synthetic city of ${ADULTS.toLocaleString('en')} adults (${city.rows.residents.toLocaleString('en')} residents, ${city.rows.participants.toLocaleString('en')} accounts), service on PGlite`);
  console.log(
    `  RSS idle ${idle.toFixed(0)} MB; residents import ${residents.s.toFixed(1)} s, peak ${residents.peak.toFixed(0)} MB; participants import ${participants.s.toFixed(1)} s, peak ${participants.peak.toFixed(0)} MB; ` +
      `first RT report after them ${first.s.toFixed(2)} s (${first.result.regions.length.toLocaleString('en')} RTs), peak ${first.peak.toFixed(0)} MB; next ${next.s.toFixed(2)} s; RSS after ${before.toFixed(0)} MB; ` +
      `restarted: RSS ${restartIdle.toFixed(0)} MB, first report ${restartS.toFixed(1)} s after the start, peak ${afterRestart.peak.toFixed(0)} MB, then ${rss().toFixed(0)} MB`,
  );
} finally {
  server.kill();
}
