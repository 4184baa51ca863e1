// pnpm bench (repo root), or: node --expose-gc packages/print-service/bench/stickers.bench.mjs
//
// 1. N = 2,000 default stickers (100 × 70 mm, 3 mm bleed, crop marks, a unique signed QR each) with
//    cakupan's render pool — one job on one thread, and jobs on every core — and in the same run the
//    same content with pdfme (@pdfme/generator + QR plugin): stickers/s for both and the ratio.
// 2. The service's rate: the service as its own process (dist/server.js, as `pnpm start` runs it:
//    the embedded store unless DATABASE_URL is set), warmed up, 4 clients posting 5,000-sticker jobs
//    at once over HTTP (every sticker recorded in the register): stickers/s, and the ratio to pdfme
//    when part 1 ran in the same run.
// 3. A 50,000-sticker job over HTTP (JSON body, streamed response read as it comes) to the service
//    running as its own process (dist/server.js): peak RSS (VmHWM) of the service process, and of
//    the embedded database's process beside it.
// 4. Verification under load: GET /v/<token> latency (p50, p99, max) while 20 clients post
//    10-sticker jobs, against the same service idle.
// 5. 24 clients post 50,000-sticker jobs and read nothing: the service's RSS stays bounded.
// 6. Verification first (issue 20): GET /v/<token> from 20 connections at full speed, alone and
//    while 2 clients post 2,000-sticker jobs in a loop: req/s, p50, p99, max (BENCH_PARTS=verify).
import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { createKeyRing, generateSigningKeyPem, memorySerials, planStickerJob, RenderPool, signStickerToken, stickerOptionsSchema, subjectSchema } from '@cakupan/print';
import { pdfmeStickers } from './pdfme.mjs';

const N = Number(process.env.BENCH_STICKERS ?? 2000);
const BIG = Number(process.env.BENCH_BIG_JOB ?? 50000);

const subjectsFor = (n) =>
  Array.from({ length: n }, (_, i) =>
    i % 3 === 2
      ? { kind: 'household', label: `H-${i}`, villageCode: '3271021003', rw: 1 + (i % 9), rt: 1 + (i % 7), eligible: 3, covered: i % 2 ? 3 : 2 }
      : { kind: 'employer', id: String(9120000000000 + i), name: `CV Usaha Bersama ${i}`, villageCode: '3271011001', rw: 3, rt: 5, ...(i % 2 ? { npp: '15070955', status: 'aktif' } : {}) },
  );

const sink = () => new Writable({ write: (_chunk, _enc, cb) => cb() });

const keyRing = createKeyRing(generateSigningKeyPem());
const planFor = (parsed) =>
  planStickerJob(parsed, stickerOptionsSchema.parse({}), {
    keyRing,
    publicBaseUrl: 'http://127.0.0.1:3000',
    today: '2026-11-23',
    issuer: 'Pemerintah Kota Bogor',
    defaultValidDays: 365,
  });

/** `jobs` jobs of `subjects` at once through `pool`, each read as it comes; total time. */
async function cakupanRun(pool, subjects, jobs = 1) {
  const parsed = subjects.map((s) => subjectSchema.parse(s));
  const plan = planFor(parsed);
  const t0 = performance.now();
  let bytes = 0;
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      const job = pool.render(plan, parsed, memorySerials());
      await pipeline(job.stream, new Writable({ write: (c, _e, cb) => ((bytes += c.length), cb()) }));
    }),
  );
  return { ms: performance.now() - t0, bytes };
}

async function pdfmeRun(n) {
  // same texts and a unique URL of the same length per sticker (signing is not pdfme's job; we
  // give it the signed URLs' length so the QR codes are the same version)
  const stickers = Array.from({ length: n }, (_, i) => ({
    status: i % 2 ? 'TERDAFTAR' : 'BELUM TERDAFTAR',
    subject: `CV Usaha Bersama ${i}`,
    place: ['RT 005/RW 003', 'Kelurahan Batu Tulis, Bogor Selatan'],
    issuer: 'Diterbitkan oleh Pemerintah Kota Bogor',
    issued: 'Terbit 23 November 2026',
    valid: 'Berlaku s.d. 23 November 2027',
    serial: `No. ${String(i + 1).padStart(8, '0')}`,
    url: `http://127.0.0.1:3000/v/${Buffer.from(`${i}`.padEnd(110, 'x')).toString('base64url')}`,
  }));
  const t0 = performance.now();
  const pdf = await pdfmeStickers(stickers);
  return { ms: performance.now() - t0, bytes: pdf.length };
}

const KEY = 'bench-key-0123456789';

/** Starts the service as its own process, as `pnpm start` does; resolves with its base URL, data folder and process. */
async function startService(extraEnv = {}) {
  const port = await new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = srv.address();
      srv.close(() => resolve(p));
    });
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'cakupan-bench-'));
  // the same command line as `pnpm start` (package.json); BENCH_HEAP_FLAG=0 leaves out its heap limit
  const heapFlag = process.env.BENCH_HEAP_FLAG === '0' ? [] : ['--max-old-space-size=512'];
  const server = spawn(process.execPath, [...heapFlag, fileURLToPath(new URL('../dist/server.js', import.meta.url))], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      API_KEYS: KEY,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      BODY_LIMIT: String(64 * 1024 * 1024),
      RATE_LIMIT_MAX: '1000000',
      VERIFY_RATE_LIMIT_MAX: '1000000',
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      if (i > 600) throw new Error('the service did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { base, dataDir, server };
}

const status = (pid, field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const postJob = (base, subjects, signal) =>
  fetch(`${base}/v1/stickers?facts=request`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ subjects }), ...(signal && { signal }) });

/** Peak RSS of the service's child processes: the embedded database's process (0 on PostgreSQL). */
const databasePeak = (pid) =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).reduce((sum, child) => sum + status(child, 'VmHWM'), 0);

/** Sends the service one big job, reads it as it comes, reports its peak RSS (and its database process's). */
async function bigJob(n) {
  const { base, server } = await startService(process.env.BENCH_RENDER_THREADS ? { RENDER_THREADS: process.env.BENCH_RENDER_THREADS } : {});
  const subjects = subjectsFor(n);
  const t0 = performance.now();
  const res = await postJob(base, subjects);
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
  let bytes = 0;
  for await (const chunk of res.body) bytes += chunk.length;
  const ms = performance.now() - t0;
  const peakMB = status(server.pid, 'VmHWM');
  const databasePeakMB = databasePeak(server.pid);
  server.kill();
  return { n, ms, bytes, peakMB, databasePeakMB, bodyMB: JSON.stringify({ subjects }).length / 2 ** 20 };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** GET /v/<token> latencies for `ms`, sequentially from one client, while `load` runs. */
async function verifyLatencies(base, token, ms) {
  const times = [];
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const t0 = performance.now();
    const res = await fetch(`${base}/v/${token}`, { headers: { accept: 'application/json' } });
    const body = await res.json();
    if (!body.valid) throw new Error(`the token did not verify: ${JSON.stringify(body)}`);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

/** GET /v/<token> latencies for `ms` from `connections` clients at once (each in a loop), and their rate. */
async function verifyConnections(base, token, ms, connections) {
  const end = performance.now() + ms;
  const times = [];
  // node:http on kept-alive sockets: a lighter client than fetch, so that what is measured is the service
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const url = new URL(`${base}/v/${token}`);
  const once = () =>
    new Promise((resolve, reject) => {
      http
        .get({ agent, host: url.hostname, port: url.port, path: url.pathname, headers: { accept: 'application/json' } }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c) => (body += c));
          res.on('end', () => (body.startsWith('{"valid":true') ? resolve() : reject(new Error(`the token did not verify: ${body.slice(0, 100)}`))));
        })
        .on('error', reject);
    });
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await once();
        times.push(performance.now() - t0);
      }
    }),
  );
  agent.destroy();
  return { times: times.sort((a, b) => a - b), rate: (times.length / ms) * 1000 };
}

/**
 * Issue 20's measurement: 20 connections verifying at full speed, alone and while `clients`
 * clients post `size`-sticker jobs in a loop (the render threads at full speed).
 */
async function verifyWhilePrinting(seconds = 15, connections = 20, clients = 2, size = 2000) {
  const { base, dataDir, server } = await startService();
  const serviceKey = createKeyRing(readFileSync(join(dataDir, 'signing-key.pem'), 'utf8'));
  const token = signStickerToken(
    { kind: 'employer', registered: true, reason: 'employer_registered', issuedOn: '2026-11-23', validUntil: '2099-11-23', serial: 4_000_000_000, villageCode: '32.71.01.1001', rw: 3, rt: 5, label: 'CV Maju Jaya' },
    serviceKey,
  );
  await verifyConnections(base, token, 1000, connections); // warm-up
  const alone = await verifyConnections(base, token, seconds * 1000, connections);
  // the print load in a process of its own (its reading of the PDFs must not delay this one's answers)
  const load = spawn(process.execPath, [fileURLToPath(new URL('./printLoad.mjs', import.meta.url)), base, KEY, String(clients), String(size)], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  load.stdout.on('data', (b) => (out += b));
  await new Promise((r) => setTimeout(r, 2000)); // the jobs under way
  const printing = await verifyConnections(base, token, seconds * 1000, connections);
  load.stdin.end();
  await new Promise((resolve) => load.once('exit', resolve));
  const rate = Number(out.trim());
  server.kill();
  return { alone, printing, rate };
}

/** Verification latency idle and while `clients` clients post `size`-sticker jobs. */
async function verifyUnderLoad(seconds = 15, clients = 20, size = 10) {
  const { base, dataDir, server } = await startService();
  const serviceKey = createKeyRing(readFileSync(join(dataDir, 'signing-key.pem'), 'utf8'));
  // a serial the register will not hold (the load's stickers take serials from 1 and replace each other)
  const token = signStickerToken(
    { kind: 'employer', registered: true, reason: 'employer_registered', issuedOn: '2026-11-23', validUntil: '2027-11-23', serial: 4_000_000_000, villageCode: '32.71.01.1001', rw: 3, rt: 5, label: 'CV Maju Jaya' },
    serviceKey,
  );
  await verifyLatencies(base, token, 1000); // warm-up
  const idle = await verifyLatencies(base, token, 3000);
  let stop = false;
  let stickers = 0;
  let busy = 0;
  const ten = subjectsFor(size);
  const load = Array.from({ length: clients }, async () => {
    while (!stop) {
      const res = await postJob(base, ten);
      if (res.status === 503) {
        busy++;
        await res.arrayBuffer();
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      await res.arrayBuffer();
      stickers += size;
    }
  });
  await new Promise((r) => setTimeout(r, 1000)); // let the load settle
  const before = stickers;
  const t0 = performance.now();
  const loaded = await verifyLatencies(base, token, seconds * 1000);
  const rate = ((stickers - before) / (performance.now() - t0)) * 1000;
  stop = true;
  await Promise.all(load);
  server.kill();
  return { idle, loaded, rate, busy };
}

/** 24 clients post 50,000-sticker jobs and read nothing for 10 s: the service's RSS. */
async function idleReaders(clients = 24, n = 50_000) {
  const { base, server } = await startService();
  const subjects = subjectsFor(n);
  const controllers = [];
  const statuses = await Promise.all(
    Array.from({ length: clients }, async () => {
      const ac = new AbortController();
      controllers.push(ac);
      const res = await postJob(base, subjects, ac.signal);
      return res.status;
    }),
  );
  await new Promise((r) => setTimeout(r, 10_000));
  const rss = status(server.pid, 'VmRSS');
  const peak = status(server.pid, 'VmHWM');
  for (const ac of controllers) ac.abort();
  server.kill();
  return { rss, peak, accepted: statuses.filter((s) => s === 200).length, busy: statuses.filter((s) => s === 503).length };
}

/** The service's rate: warmed up, `clients` clients post `size`-sticker jobs at once. */
async function serviceRate(clients = 4, size = 5000, runs = 5) {
  const { base, server } = await startService();
  const body = subjectsFor(size);
  const round = async (n, jobSize) => {
    const t0 = performance.now();
    const statuses = await Promise.all(
      Array.from({ length: n }, async () => {
        const res = await postJob(base, body.slice(0, jobSize));
        for await (const _ of res.body);
        return res.status;
      }),
    );
    if (statuses.some((st) => st !== 200)) throw new Error(`HTTP ${statuses.join(', ')}`);
    return ((n * jobSize) / (performance.now() - t0)) * 1000;
  };
  await round(availableParallelism(), 2000); // every render thread started and warm
  const rates = [];
  for (let i = 0; i < runs; i++) rates.push(await round(clients, size));
  server.kill();
  return rates.sort((a, b) => a - b);
}

// BENCH_HTTP_ONLY=1 skips part 1 (pdfme alone takes over two minutes)
let peerRate;
if (!process.env.BENCH_HTTP_ONLY) {
  const subjects = subjectsFor(N);
  const one = new RenderPool({ threads: 1 });
  const all = new RenderPool({ threads: availableParallelism() });
  // the first job of a fresh worker runs while V8 is still compiling pdfkit's and our hot code:
  // report it, then measure the steady state a running service sees
  const cold = await cakupanRun(one, subjects);
  await cakupanRun(one, subjects); // warm-up
  const RUNS = Number(process.env.BENCH_RUNS ?? 5);
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await cakupanRun(one, subjects));
  runs.sort((a, b) => a.ms - b.ms);
  const ours = runs[Math.floor(RUNS / 2)]; // the median run
  await cakupanRun(all, subjects, all.threads); // warm-up of every thread
  const parallel = [];
  for (let i = 0; i < 3; i++) parallel.push(await cakupanRun(all, subjects, all.threads));
  parallel.sort((a, b) => a.ms - b.ms);
  const par = parallel[1];
  await one.close();
  await all.close();
  await pdfmeRun(20); // warm-up
  const peer = await pdfmeRun(N);
  const oursRate = (N / ours.ms) * 1000;
  const parRate = ((N * all.threads) / par.ms) * 1000;
  peerRate = (N / peer.ms) * 1000;
  console.log(`stickers, N = ${N.toLocaleString('en')}, default options (100×70 mm, bleed 3 mm, crop marks, unique signed QR each)`);
  console.log(`  cakupan, one job on one render thread: ${ours.ms.toFixed(0)} ms = ${oursRate.toFixed(0)} stickers/s, median of ${RUNS} runs (best ${((N / runs[0].ms) * 1000).toFixed(0)}/s; ${(ours.bytes / 2 ** 20).toFixed(1)} MB PDF)`);
  console.log(`           first job of a fresh thread: ${((N / cold.ms) * 1000).toFixed(0)} stickers/s`);
  console.log(`  cakupan, ${all.threads} jobs at once on ${all.threads} threads: ${parRate.toFixed(0)} stickers/s in all, median of 3`);
  console.log(`  pdfme:   ${peer.ms.toFixed(0)} ms = ${peerRate.toFixed(1)} stickers/s, one run (${(peer.bytes / 2 ** 20).toFixed(1)} MB PDF)`);
  console.log(`  ratio cakupan / pdfme: ${(oursRate / peerRate).toFixed(1)}× one job, ${(parRate / peerRate).toFixed(1)}× all threads`);
}

// BENCH_PARTS=rate,big,load,verify,idle (default all) picks the HTTP parts
const parts = new Set((process.env.BENCH_PARTS ?? 'rate,big,load,verify,idle').split(','));
if (parts.has('rate')) {
  const rates = await serviceRate();
  const store = process.env.DATABASE_URL ? 'PostgreSQL server' : 'embedded store';
  const median = rates[Math.floor(rates.length / 2)];
  console.log(`the service (${store}), warm, 4 clients posting 5,000-sticker jobs at once over HTTP: ${rates.map((r) => r.toFixed(0)).join(', ')} stickers/s (median ${median.toFixed(0)})  target ≥ 3,000/s`);
  if (peerRate) console.log(`  ratio to pdfme (one process, part 1): ${(median / peerRate).toFixed(0)}×  target ≥ 150×`);
}
if (parts.has('big')) {
const big = await bigJob(BIG);
console.log(`${BIG.toLocaleString('en')}-sticker job over HTTP (JSON body ${big.bodyMB.toFixed(1)} MB, PDF ${(big.bytes / 2 ** 20).toFixed(0)} MB streamed): ${(big.ms / 1000).toFixed(1)} s = ${((big.n / big.ms) * 1000).toFixed(0)} stickers/s; peak RSS of the service process ${big.peakMB.toFixed(0)} MB  target < 300 MB; of the embedded database's process ${big.databasePeakMB.toFixed(0)} MB`);

}

if (parts.has('load')) {
const v = await verifyUnderLoad(Number(process.env.BENCH_LOAD_SECONDS ?? 15));
const fmt = (t) => `p50 ${percentile(t, 50).toFixed(1)} ms, p99 ${percentile(t, 99).toFixed(1)} ms, max ${t[t.length - 1].toFixed(1)} ms (${t.length} requests)`;
console.log(`GET /v/<token>, idle: ${fmt(v.idle)}`);
console.log(`GET /v/<token>, 20 clients posting 10-sticker jobs (${v.rate.toFixed(0)} stickers/s rendered, ${v.busy} answers 503 + Retry-After): ${fmt(v.loaded)}  target p99 < 50 ms`);
const w = await verifyUnderLoad(Number(process.env.BENCH_LOAD_SECONDS ?? 15), 4, 2000);
console.log(`GET /v/<token>, 4 clients posting 2,000-sticker jobs (${w.rate.toFixed(0)} stickers/s rendered, ${w.busy} answers 503): ${fmt(w.loaded)}  target p99 < 50 ms`);

}

if (parts.has('verify')) {
  const v = await verifyWhilePrinting(Number(process.env.BENCH_LOAD_SECONDS ?? 15));
  const fmt = (r) => `${r.rate.toFixed(0)} req/s, p50 ${percentile(r.times, 50).toFixed(1)} ms, p99 ${percentile(r.times, 99).toFixed(1)} ms, max ${r.times[r.times.length - 1].toFixed(1)} ms`;
  console.log(`GET /v/<token> from 20 connections, alone: ${fmt(v.alone)}`);
  console.log(`GET /v/<token> from 20 connections while 2 clients post 2,000-sticker jobs (${v.rate.toFixed(0)} stickers/s rendered): ${fmt(v.printing)}  target p99 < 50 ms`);
}

if (parts.has('idle')) {
const m = await idleReaders();
console.log(`24 clients post 50,000-sticker jobs and read nothing (${m.accepted} accepted, ${m.busy} answered 503): service RSS after 10 s ${m.rss.toFixed(0)} MB, peak ${m.peak.toFixed(0)} MB`);
}
