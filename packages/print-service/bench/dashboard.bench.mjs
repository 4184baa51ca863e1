// node bench/dashboard.bench.mjs (after pnpm build; part of pnpm bench)
//
// The dashboard on the synthetic Kota Bogor (BENCH_ADULTS adults, default 600,815: ~872k residents)
// with the embedded database (PGlite), measured in Debian's chromium: the first view of the city
// (headline and drill-down table; then the trend) on a service just restarted and on a warm one,
// and each drill-down step city → district → village → RW × RT grid → RT. Times are from the
// navigation or click to the view's `data-ready` mark (and to the trend's chart), in the browser.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticCity } from '@cakupan/core/node';
import { openStore } from '@cakupan/store';
import { chromium } from 'playwright-core';
import { createKeyRing, generateSigningKeyPem } from '@cakupan/print';
import { buildApp, loadConfig } from '../dist/index.js';

const ADULTS = Number(process.env.BENCH_ADULTS ?? 600_815);
const KEY = 'dashboard-bench-key-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'cakupan-dashboard-bench-'));
const city = await writeSyntheticCity(join(dir, 'city'), { adults: ADULTS, seed: 1, asOf: '2017-12-31' });
{
  const store = await openStore({ dataDir: join(dir, 'store') });
  for (const kind of ['residents', 'participants', 'employers']) await store.importCsv({ kind, path: city.files[kind], asOf: '2017-12-31' });
  await store.close();
}
console.log(`dashboard, synthetic city of ${ADULTS.toLocaleString('en')} adults (${city.rows.residents.toLocaleString('en')} residents), PGlite, chromium`);

// a restart: the store opens and builds its index in the background, as `pnpm start` does
const opening = performance.now();
const store = await openStore({ dataDir: join(dir, 'store'), warmCoverage: true });
const config = loadConfig({ NODE_ENV: 'test', API_KEYS: KEY, DATA_DIR: dir, LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '100000' });
const app = await buildApp({ config, keyRing: createKeyRing(generateSigningKeyPem()), store });
await app.listen({ port: 0, host: '127.0.0.1' });
const listening = performance.now();
const base = `http://127.0.0.1:${app.server.address().port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
await context.addInitScript((key) => sessionStorage.setItem('cakupan.apiKey', key), KEY);
const page = await context.newPage();

const ms = (t0) => Math.round(performance.now() - t0);
const ready = (view, region) => page.waitForSelector(`main[data-ready="${view}:${region}"]`, { timeout: 120_000 });
const trend = () => page.waitForSelector('.trend svg', { timeout: 120_000 });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function firstView() {
  await page.goto('about:blank');
  const t0 = performance.now();
  await page.goto(`${base}/#region=32.71`);
  await ready('overview', '32.71');
  const table = ms(t0);
  await trend();
  return { table, trend: ms(t0) };
}

const sinceStart = ms(listening);
const cold = await firstView();
console.log(`  first view ${sinceStart} ms after the restarted service listened (its index and the dashboard's dates still being computed): figures and table ${cold.table} ms, trend ${cold.trend} ms; ${Math.round(listening - opening) + sinceStart + cold.table} ms from the store's opening to the figures`);
const warm = [];
for (let i = 0; i < 5; i++) warm.push(await firstView());
// what each answer costs the service (no browser), warm
for (const url of ['/v1/me', '/v1/overview?region=32.71.01&asOf=2017-12-31', '/v1/regions/32.71.01', '/v1/coverage/series?region=32.71.01&from=2016-01-01&to=2017-12-31', '/v1/coverage?asOf=2017-12-31&level=rt&parent=32.71.01.1001']) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const res = await app.inject({ url, headers: { authorization: `Bearer ${KEY}` } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    times.push(performance.now() - t0);
  }
  console.log(`  ${url.padEnd(70)} median ${median(times).toFixed(1)} ms`);
}
console.log(`  first view, warm: figures and table median ${median(warm.map((w) => w.table))} ms (max ${Math.max(...warm.map((w) => w.table))}), trend median ${median(warm.map((w) => w.trend))} ms (max ${Math.max(...warm.map((w) => w.trend))})`);

const steps = { district: [], village: [], grid: [], rt: [], trend: [] };
async function step(kind, click, view, region, withTrend) {
  const t0 = performance.now();
  await click();
  await ready(view, region);
  steps[kind].push(ms(t0));
  if (withTrend) {
    await trend();
    steps.trend.push(ms(t0));
  }
}
for (const district of ['32.71.01', '32.71.03', '32.71.06']) {
  await page.goto(`${base}/#region=32.71`);
  await ready('overview', '32.71');
  await step('district', () => page.click(`#drill a[data-code="${district}"]`), 'overview', district, true);
  const village = await page.getAttribute('#drill tbody tr:first-child a', 'data-code');
  await step('village', () => page.click(`#drill a[data-code="${village}"]`), 'overview', village, true);
  await step('grid', () => page.click('#tab-grid'), 'grid', village, false);
  const rt = await page.getAttribute('#rt-grid a[data-code]', 'data-code');
  await step('rt', () => page.click(`#rt-grid a[data-code="${rt}"]`), 'overview', rt, true);
}
const line = (name, xs) => `  ${name.padEnd(34)} median ${median(xs)} ms, max ${Math.max(...xs)} ms (${xs.length} steps)`;
console.log('  drill-down steps, click to figures and table shown:');
console.log(line('city → district', steps.district));
console.log(line('district → village', steps.village));
console.log(line('village → RW × RT grid', steps.grid));
console.log(line('grid → RT', steps.rt));
console.log(line('click to trend drawn (any step)', steps.trend));
await browser.close();
await app.close();
await store.close();
