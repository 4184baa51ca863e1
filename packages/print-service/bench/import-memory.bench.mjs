// node bench/import-memory.bench.mjs (after a build; BENCH_ADULTS=600815 is Kota Bogor, the default)
//
// The service as `pnpm start` runs it (its own process, --max-old-space-size=512, the embedded
// PGlite store in a fresh DATA_DIR) while the two city exports are imported over HTTP: the
// process's resident memory sampled every 50 ms (idle, peak during each import, after) and that of
// the embedded database's process beside it, the time of each import, and of the first coverage
// report after them (which waits for the coverage index the imports started building) and of the
// next one. During the residents import two probes ask every 25 ms, one at a time each: `/health`
// (answered without the store) and `GET /v1/stickers?limit=1` (a read of the store); their
// answer times (p50 / p99 / max) say how long the service stops answering while it imports.
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
const rssOf = (pid) => {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
  } catch {
    return 0; // gone
  }
};
const rss = () => rssOf(server.pid);
/** The service's child processes' memory: the embedded database's process. */
const databaseRss = () =>
  readFileSync(`/proc/${server.pid}/task/${server.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number).reduce((sum, pid) => sum + rssOf(pid), 0);
const watch = async (fn) => {
  let peak = rss();
  let databasePeak = databaseRss();
  const timer = setInterval(() => {
    peak = Math.max(peak, rss());
    databasePeak = Math.max(databasePeak, databaseRss());
  }, 50);
  const t0 = performance.now();
  try {
    const result = await fn();
    return { s: (performance.now() - t0) / 1000, peak, databasePeak, result };
  } finally {
    clearInterval(timer);
    peak = Math.max(peak, rss());
  }
};
/** Asks `path` every 25 ms (one request at a time) until `stop` settles; the answer times. */
const probe = async (path, stop) => {
  const times = [];
  let done = false;
  stop.finally(() => (done = true));
  while (!done) {
    const t0 = performance.now();
    const res = await fetch(`${base}${path}`, { headers: auth });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    times.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 25));
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return `${at(0.5).toFixed(0)} / ${at(0.99).toFixed(0)} / ${times.at(-1).toFixed(0)} ms (${times.length} answers)`;
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
  const idleDatabase = databaseRss();
  const importing = watch(() => upload('residents', city.files.residents));
  const [health, read] = await Promise.all([probe('/health', importing), probe('/v1/stickers?limit=1', importing)]);
  const residents = await importing;
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
    `  RSS idle ${idle.toFixed(0)} MB (database process ${idleDatabase.toFixed(0)} MB); residents import ${residents.s.toFixed(1)} s, peak ${residents.peak.toFixed(0)} MB (database process ${residents.databasePeak.toFixed(0)} MB); ` +
      `participants import ${participants.s.toFixed(1)} s, peak ${participants.peak.toFixed(0)} MB (database process ${participants.databasePeak.toFixed(0)} MB); ` +
      `first RT report after them ${first.s.toFixed(2)} s (${first.result.regions.length.toLocaleString('en')} RTs), peak ${first.peak.toFixed(0)} MB; next ${next.s.toFixed(2)} s; RSS after ${before.toFixed(0)} MB; ` +
      `restarted: RSS ${restartIdle.toFixed(0)} MB, first report ${restartS.toFixed(1)} s after the start, peak ${afterRestart.peak.toFixed(0)} MB, then ${rss().toFixed(0)} MB (database process ${databaseRss().toFixed(0)} MB)`,
  );
  console.log(`  answers during the residents import (p50 / p99 / max): /health ${health}; a read of the store ${read}`);
} finally {
  server.kill();
}
