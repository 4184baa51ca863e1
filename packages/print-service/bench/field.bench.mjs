// node packages/print-service/bench/field.bench.mjs (pnpm bench runs it)
//
// Issue 23's field app: its size (each file as sent, and gzip/brotli where the browser accepts
// them), its first load on a slow connection (Chromium's network throttling through the DevTools
// protocol: Lighthouse's mobile profile, 150 ms RTT, 1.6 Mbit/s down, and a slower 2G-like one,
// 400 ms, 400 kbit/s), the QR decoder's WebAssembly on each, and the time to send 500 scans queued
// offline (on loopback and on the mobile profile). Real service on loopback, Debian's chromium.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { DASHBOARD_DIR } from '@cakupan/dashboard';
import { createKeyRing, generateSigningKeyPem } from '@cakupan/print';
import { openStore } from '@cakupan/store';
import { chromium } from 'playwright-core';
import { buildApp, loadConfig } from '../dist/index.js';

const ADMIN = 'bench-field-admin-key-0123456789';
const admin = { authorization: `Bearer ${ADMIN}` };
const PASSWORD = 'kata sandi bench 1';
const VILLAGE = '3271011008';
const N = 500;

// --- size
const folder = join(DASHBOARD_DIR, 'lapangan');
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
let shell = { raw: 0, gzip: 0 };
for (const file of readdirSync(folder).filter((f) => !/\.(map|gz|br)$/.test(f)).sort()) {
  const bytes = readFileSync(join(folder, file));
  const gz = gzipSync(bytes, { level: 9 }).length;
  const br = brotliCompressSync(bytes).length;
  const sent = ['.gz', '.br'].map((ext) => (statSync(join(folder, file + ext), { throwIfNoEntry: false }) ? ext : null)).filter(Boolean);
  console.log(`field app file ${file}: ${kb(bytes.length)}, gzip ${kb(gz)}, brotli ${kb(br)}${sent.length ? ` (sent compressed: ${sent.join(', ')} beside it)` : ' (sent as is)'}`);
  if (file !== 'zxing_reader.wasm') shell = { raw: shell.raw + bytes.length, gzip: shell.gzip + gz };
}
console.log(`field app without the QR decoder: ${kb(shell.raw)} (gzip ${kb(shell.gzip)}); the decoder is fetched only where the browser has no BarcodeDetector`);

// --- a village with N stickers to put up, a field officer
const dir = mkdtempSync(join(tmpdir(), 'cakupan-field-bench-'));
const store = await openStore({ dataDir: join(dir, 'store') });
const config = loadConfig({ NODE_ENV: 'test', API_KEYS: `disnaker:${ADMIN}`, DATA_DIR: dir, LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '1000000', MAX_STICKERS: '50000', PORT: '0' });
const app = await buildApp({ config, keyRing: createKeyRing(generateSigningKeyPem()), store });
const csv = `id,name,village_code,rw,rt,npp,status,address\n${Array.from({ length: N }, (_, i) => `${9_140_000_000_000 + i},Usaha Lapangan ${i},${VILLAGE},${1 + (i % 9)},${1 + (i % 12)},,,Jl. Bench ${i}`).join('\n')}\n`;
const path = join(dir, 'employers.csv');
(await import('node:fs')).writeFileSync(path, csv);
await store.importCsv({ kind: 'employers', path, fileName: 'employers.csv', asOf: '2026-12-01', apiKeyLabel: 'bench' });
const printed = await app.inject({ method: 'POST', url: '/v1/stickers/batch', headers: admin, payload: { region: VILLAGE, kind: 'employer' } });
if (printed.statusCode !== 200) throw new Error(`print: ${printed.statusCode} ${printed.body.slice(0, 200)}`);
const first = Number(printed.headers['x-first-serial']);
await app.inject({ method: 'POST', url: '/v1/accounts', headers: admin, payload: { username: 'lapangan', name: 'Bench', role: 'field_officer', scope: VILLAGE, password: PASSWORD } });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${app.server.address().port}`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const PROFILES = {
  loopback: null,
  'mobile (150 ms, 1.6 Mbit/s)': { latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 },
  '2G-like (400 ms, 400 kbit/s)': { latency: 400, downloadThroughput: 400e3 / 8, uploadThroughput: 400e3 / 8 },
};
// a first visit: no service worker yet (it would fetch past the page's throttling), no cache
const phone = async (profile, serviceWorkers = 'block') => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, locale: 'id-ID', serviceWorkers });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (profile) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...profile });
  return { context, page, cdp };
};
const since = (t0) => performance.now() - t0;

for (const [name, profile] of Object.entries(PROFILES)) {
  const { context, page } = await phone(profile);
  let t0 = performance.now();
  await page.goto(`${base}/lapangan/`);
  await page.waitForSelector('main[data-ready="sign-in"]');
  const firstLoad = since(t0);
  await page.fill('#username', 'lapangan');
  await page.fill('#password', PASSWORD);
  t0 = performance.now();
  await page.click('#sign-in');
  await page.waitForSelector(`#stop-${first + N - 1}`, { timeout: 120_000 });
  const list = since(t0);
  t0 = performance.now();
  const wasmBytes = await page.evaluate(async () => (await (await fetch('zxing_reader.wasm', { cache: 'no-store' })).arrayBuffer()).byteLength);
  const decoder = since(t0);
  console.log(`field app on ${name}: first load to the sign-in ${firstLoad.toFixed(0)} ms; sign-in to today's list of ${N} stickers ${list.toFixed(0)} ms; the QR decoder (${kb(wasmBytes)}) ${decoder.toFixed(0)} ms`);
  await context.close();
}

// --- 500 scans queued offline, then sent
for (const [name, profile] of [['loopback', null], ['mobile (150 ms, 1.6 Mbit/s)', PROFILES['mobile (150 ms, 1.6 Mbit/s)']]]) {
  await store.db.query('delete from installations');
  const { context, page, cdp } = await phone(null, 'allow');
  await page.goto(`${base}/lapangan/`);
  await page.waitForSelector('main[data-ready="sign-in"]');
  await page.fill('#username', 'lapangan');
  await page.fill('#password', PASSWORD);
  await page.click('#sign-in');
  await page.waitForSelector(`#stop-${first}`);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await context.setOffline(true);
  await page.waitForSelector('#connection.offline');
  // N scans as the app records them (its IndexedDB store), made at once rather than by N clicks
  await page.evaluate(
    ({ first, n }) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('cakupan-lapangan');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('records', 'readwrite');
          for (let i = 0; i < n; i++) {
            const at = new Date(Date.now() - (n - i) * 1000).toISOString();
            tx.objectStore('records').put({ clientId: `bench-scan-${String(i).padStart(6, '0')}`, kind: 'installation', serial: first + i, body: { installedAt: at.replace('Z', '+00:00') }, createdAt: at, state: 'queued' });
          }
          tx.oncomplete = () => resolve(true);
          tx.onerror = () => reject(tx.error);
        };
      }),
    { first, n: N },
  );
  await page.reload();
  await page.waitForSelector(`#pending:has-text("${N} catatan")`);
  if (profile) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...profile });
  let firstRequest = 0;
  page.on('request', (r) => {
    if (!firstRequest && r.url().endsWith('/v1/field/records')) firstRequest = performance.now();
  });
  const t0 = performance.now();
  await context.setOffline(false);
  await page.waitForSelector('#pending', { state: 'detached', timeout: 600_000 });
  const took = since(t0);
  const [{ n }] = await store.db.query('select count(*)::int as n from installations');
  if (n !== N) throw new Error(`${n} installations recorded, not ${N}`);
  console.log(`sync of ${N} scans queued offline, on ${name}: ${took.toFixed(0)} ms from back online (${((N * 1000) / took).toFixed(0)} per second; the first batch sent after ${(firstRequest - t0).toFixed(0)} ms), each recorded once`);
  await context.close();
}

await browser.close();
await app.close();
await store.close();
