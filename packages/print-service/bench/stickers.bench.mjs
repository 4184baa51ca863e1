// pnpm bench (repo root), or: node --expose-gc packages/print-service/bench/stickers.bench.mjs
//
// 1. N = 2,000 default stickers (100 × 70 mm, 3 mm bleed, crop marks, a unique signed QR each) with
//    cakupan, and in the same run the same content with pdfme (@pdfme/generator + QR plugin):
//    stickers/s for both and the ratio.
// 2. A 50,000-sticker job over HTTP (JSON body, streamed response read as it comes) to the service
//    running as its own process (dist/server.js): peak RSS (VmHWM) of the service process.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createKeyRing, generateSigningKeyPem, memorySerials, startStickerJob, stickerOptionsSchema, subjectSchema } from '../dist/index.js';
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

async function cakupanRun(subjects) {
  const parsed = subjects.map((s) => subjectSchema.parse(s));
  const t0 = performance.now();
  const job = startStickerJob(parsed, stickerOptionsSchema.parse({}), {
    keyRing: createKeyRing(generateSigningKeyPem()),
    serials: memorySerials(),
    publicBaseUrl: 'http://127.0.0.1:3000',
    today: '2026-11-23',
    defaultIssuer: 'Pemerintah Kota Bogor',
    defaultValidDays: 365,
  });
  let bytes = 0;
  await pipeline(job.stream, new Writable({ write: (c, _e, cb) => ((bytes += c.length), cb()) }));
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

/** Runs the service as its own process (node dist/server.js), sends it the job, reads its peak RSS. */
async function bigJob(n) {
  const port = await new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = srv.address();
      srv.close(() => resolve(p));
    });
  });
  const key = 'bench-key-0123456789';
  // the same command line as `pnpm start` (package.json): the heap limit makes V8 collect garbage
  // before the heap grows large, which is what keeps the job's peak RSS low
  const server = spawn(process.execPath, ['--max-old-space-size=512', fileURLToPath(new URL('../dist/server.js', import.meta.url))], {
    env: { ...process.env, NODE_ENV: 'test', PORT: String(port), API_KEYS: key, DATA_DIR: mkdtempSync(join(tmpdir(), 'cakupan-bench-')), LOG_LEVEL: 'warn', BODY_LIMIT: String(64 * 1024 * 1024) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      if (i > 100) throw new Error('the service did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const body = JSON.stringify({ subjects: subjectsFor(n) });
  const t0 = performance.now();
  const res = await fetch(`${base}/v1/stickers`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
  let bytes = 0;
  for await (const chunk of res.body) bytes += chunk.length;
  const ms = performance.now() - t0;
  const peakMB = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))[1]) / 1024;
  server.kill();
  return { n, ms, bytes, peakMB, bodyMB: body.length / 2 ** 20 };
}

const subjects = subjectsFor(N);
// the first job of a fresh process runs while V8 is still compiling pdfkit's and our hot code:
// report it, then measure the steady state a running service sees
const cold = await cakupanRun(subjects);
await cakupanRun(subjects); // warm-up
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const runs = [];
for (let i = 0; i < RUNS; i++) runs.push(await cakupanRun(subjects));
runs.sort((a, b) => a.ms - b.ms);
const ours = runs[Math.floor(RUNS / 2)]; // the median run
await pdfmeRun(20); // warm-up
const peer = await pdfmeRun(N);
const oursRate = (N / ours.ms) * 1000;
const peerRate = (N / peer.ms) * 1000;
console.log(`stickers, N = ${N.toLocaleString('en')}, default options (100×70 mm, bleed 3 mm, crop marks, unique signed QR each)`);
console.log(`  cakupan: ${ours.ms.toFixed(0)} ms = ${oursRate.toFixed(0)} stickers/s, median of ${RUNS} runs (best ${((N / runs[0].ms) * 1000).toFixed(0)}/s; ${(ours.bytes / 2 ** 20).toFixed(1)} MB PDF)  target ≥ 1,000/s`);
console.log(`           first job of a fresh process: ${((N / cold.ms) * 1000).toFixed(0)} stickers/s`);
console.log(`  pdfme:   ${peer.ms.toFixed(0)} ms = ${peerRate.toFixed(1)} stickers/s, one run (${(peer.bytes / 2 ** 20).toFixed(1)} MB PDF)`);
console.log(`  ratio cakupan / pdfme: ${(oursRate / peerRate).toFixed(1)}×  target ≥ 40×`);

const big = await bigJob(BIG);
console.log(`${BIG.toLocaleString('en')}-sticker job over HTTP (JSON body ${big.bodyMB.toFixed(1)} MB, PDF ${(big.bytes / 2 ** 20).toFixed(0)} MB streamed): ${(big.ms / 1000).toFixed(1)} s = ${((big.n / big.ms) * 1000).toFixed(0)} stickers/s; peak RSS of the service process ${big.peakMB.toFixed(0)} MB  target < 300 MB`);
