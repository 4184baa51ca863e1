// node bench/batch-memory.bench.mjs (after a build)
//
// The field officers' button at its largest: POST /v1/stickers/batch for a village with 50,000
// employers (BENCH_EMPLOYERS), against the service as `pnpm start` runs it (its own process,
// --max-old-space-size=512 unless BENCH_HEAP_FLAG=0, the embedded store in a fresh DATA_DIR; the
// embedded database's own process measured beside it). Every sticker is recorded in
// the register before it is drawn. Prints the time, stickers/s and the service's peak RSS (sampled
// every 50 ms) while the PDF streams to a reader that reads as fast as it can.
import { spawn } from 'node:child_process';
import { mkdtempSync, openAsBlob, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const EMPLOYERS = Number(process.env.BENCH_EMPLOYERS ?? 50_000);
const dir = mkdtempSync(join(tmpdir(), 'cakupan-batch-memory-'));
const csv = join(dir, 'employers.csv');
const rows = ['id,name,village_code,rw,rt,npp,status'];
for (let i = 0; i < EMPLOYERS; i++) {
  const registered = i % 2 === 0;
  rows.push(`9${String(i).padStart(12, '0')},Usaha Bench ${i},3271011001,${(i % 20) + 1},${(Math.floor(i / 20) % 20) + 1},${registered ? String(10000000 + i) : ''},${registered ? 'aktif' : ''}`);
}
writeFileSync(csv, `${rows.join('\n')}\n`);
const KEY = 'bench-batch-memory-key';
const port = 4900 + Math.floor(Math.random() * 100);
const env = { ...process.env };
delete env.DATABASE_URL; // the embedded store, as `pnpm start`
const heapFlag = process.env.BENCH_HEAP_FLAG === '0' ? [] : ['--max-old-space-size=512'];
const server = spawn(process.execPath, [...heapFlag, fileURLToPath(new URL('../dist/server.js', import.meta.url))], {
  env: { ...env, NODE_ENV: 'test', PORT: String(port), API_KEYS: KEY, DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'warn', RATE_LIMIT_MAX: '1000000' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
for (let i = 0; !(await fetch(`${base}/health`).then((r) => r.ok, () => false)); i++) {
  if (i > 200) throw new Error('the service did not start');
  await new Promise((r) => setTimeout(r, 100));
}
const auth = { authorization: `Bearer ${KEY}` };
const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))[1]) / 1024;
/** Peak RSS of the service's child processes (the embedded database's). */
const databasePeak = () =>
  readFileSync(`/proc/${server.pid}/task/${server.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)
    .reduce((sum, pid) => sum + Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024, 0);
try {
  const form = new FormData();
  form.set('kind', 'employers');
  form.set('file', await openAsBlob(csv), 'employers.csv');
  const imported = await fetch(`${base}/v1/imports`, { method: 'POST', headers: auth, body: form });
  if (imported.status !== 201) throw new Error(`import: ${imported.status} ${await imported.text()}`);
  const before = rss();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, rss())), 50);
  const t0 = performance.now();
  const res = await fetch(`${base}/v1/stickers/batch`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ region: '3271011001', kind: 'employer', options: { layout: 'sheet' } }) });
  let bytes = 0;
  for await (const chunk of res.body) bytes += chunk.length;
  const s = (performance.now() - t0) / 1000;
  clearInterval(timer);
  const count = Number(res.headers.get('x-sticker-count'));
  console.log(`batch of a village with ${EMPLOYERS.toLocaleString('en')} employers (service on PGlite, every sticker registered)`);
  console.log(`  ${res.status}: ${count.toLocaleString('en')} stickers, ${(bytes / 1048576).toFixed(0)} MB of PDF in ${s.toFixed(1)} s = ${(count / s).toFixed(0)} stickers/s; service RSS before ${before.toFixed(0)} MB, peak ${peak.toFixed(0)} MB; the embedded database's process peak ${databasePeak().toFixed(0)} MB`);
} finally {
  server.kill();
}
