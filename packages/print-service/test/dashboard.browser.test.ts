// The dashboard in a real browser (Debian's chromium driven by playwright-core): sign in, drill
// from the city to one RT checking every figure shown against the API, switch language, a phone's
// screen, the sticker and report downloads checked with poppler, a village key opening on its
// village, no request anywhere but the service, and axe-core on each view. Screenshots of each
// view are saved under test-output/dashboard/.
import { createKeyRing, generateSigningKeyPem } from '@cakupan/print';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '@cakupan/store';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { importSampleCity, SAMPLE_AS_OF } from '../src/sampleCity.js';
import { accessibilityProblems, launchChromium } from './browser.js';

const ADMIN = 'dashboard-browser-admin-key-0123456789';
const admin = { authorization: `Bearer ${ADMIN}` };
const dir = mkdtempSync(join(tmpdir(), 'cakupan-dashboard-'));
const shots = join(import.meta.dirname, '..', 'test-output', 'dashboard');

let store: Store;
let app: FastifyInstance;
let base: string;
let browser: Browser;
let villageKey: string;

const api = async <T>(url: string): Promise<T> => {
  const res = await app.inject({ url, headers: admin });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json() as T;
};
// one decimal as people round it (15.45 → 15,5: the shortest decimal of the double, half up), like the page
const idPercent = (r: number | null) => (r === null ? '—' : `${new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(r * 100)} %`);
const idCount = (n: number) => new Intl.NumberFormat('id-ID').format(n);

/** A page that records every request not to the service and every console error. */
async function openPage(viewport = { width: 1280, height: 900 }): Promise<{ page: Page; foreign: string[]; errors: string[] }> {
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'id-ID' });
  const page = await context.newPage();
  const foreign: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(base) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, foreign, errors };
}

async function signIn(page: Page, key = ADMIN): Promise<void> {
  await page.goto(`${base}/`);
  await page.waitForSelector('main[data-ready="sign-in"]');
  // the API key is folded away below the officers' username and password
  await page.click('details.api-key summary');
  await page.fill('#api-key', key);
  await page.click('form.sign-in button[type=submit]');
}

const ready = (page: Page, view: string, region: string) => page.waitForSelector(`main[data-ready="${view}:${region}"]`, { timeout: 20_000 });


/** The tables that do not fit their card (scrolled sideways) at the page's width: none, at 1280 px. */
const tablesCut = (page: Page) => page.$$eval('.scroll', (els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.querySelector('table')?.id ?? '?'));

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** The drill-down table's rows as shown: code, eligible, covered, %. */
async function drillRows(page: Page): Promise<{ code: string; eligible: string; covered: string; pct: string }[]> {
  return page.$$eval('#drill tbody tr', (rows) =>
    rows.map((tr) => {
      const cells = [...tr.querySelectorAll('th, td')].map((c) => c.textContent ?? '');
      return { code: tr.querySelector('a')?.getAttribute('data-code') ?? '', eligible: cells[1]!, covered: cells[2]!, pct: cells[3]! };
    }),
  );
}

interface OverviewAnswer {
  coverage: { eligible: number; covered: number; ratio: number | null; bySegment: Record<string, number>; workers: number; coveredWorkers: number; workerRatio: number | null };
  children: { code: string; eligible: number; covered: number; ratio: number | null }[];
}

/** The page's headline and table equal /v1/overview of the same region and date. */
async function expectOverviewEqualsApi(page: Page, region: string): Promise<OverviewAnswer> {
  const o = await api<OverviewAnswer>(`/v1/overview?region=${region}&asOf=${SAMPLE_AS_OF}`);
  expect(await page.textContent('[data-figure=ratio]')).toBe(idPercent(o.coverage.ratio));
  expect(await page.textContent('[data-figure=covered]')).toBe(idCount(o.coverage.covered));
  expect(await page.textContent('[data-figure=eligible]')).toBe(idCount(o.coverage.eligible));
  for (const s of ['PU', 'BPU', 'JAKON', 'PMI']) expect(await page.textContent(`[data-segment=${s}]`)).toBe(idCount(o.coverage.bySegment[s]!));
  // the sample register records occupations: workers 18+ beside residents 18+
  expect(await page.textContent('[data-figure=workerRatio]')).toBe(idPercent(o.coverage.workerRatio));
  expect(await page.textContent('[data-figure=workers]')).toContain(`${idCount(o.coverage.coveredWorkers)} dari ${idCount(o.coverage.workers)} pekerja 18+`);
  const rows = await drillRows(page);
  expect(rows).toEqual(o.children.map((c) => ({ code: c.code, eligible: idCount(c.eligible), covered: idCount(c.covered), pct: idPercent(c.ratio) })));
  return o;
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  store = await openStore({ dataDir: join(dir, 'store') });
  await importSampleCity(store);
  const config = loadConfig({ NODE_ENV: 'test', API_KEYS: `disnaker:${ADMIN}`, DATA_DIR: dir, LOG_LEVEL: 'silent', PORT: '0', RATE_LIMIT_MAX: '10000' });
  app = await buildApp({ config, keyRing: createKeyRing(generateSigningKeyPem()), store });
  const made = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: admin, payload: { label: 'kelurahan-batutulis', role: 'kelurahan_operator', scope: '3271011001' } });
  villageKey = made.json().key;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port: number };
  base = `http://127.0.0.1:${address.port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await store?.close();
});

describe('the dashboard in a browser', () => {
  it('signs in, and drills from the city to one RT showing the API’s figures at each step', async () => {
    const { page, foreign, errors } = await openPage();
    await page.goto(`${base}/`);
    await page.waitForSelector('main[data-ready="sign-in"]');
    expect(await accessibilityProblems(page)).toEqual([]);
    await shoot(page, '01-sign-in');
    // a wrong key is refused with a message, and the page stays on sign-in
    await signIn(page, 'not-the-key-0123456789');
    await page.waitForSelector('#sign-in-error:not(:empty)');
    expect(await page.textContent('#sign-in-error')).toBe('Kunci API ditolak');

    await signIn(page);
    await ready(page, 'overview', '32.71');
    await page.waitForSelector('.trend svg');
    const city = await expectOverviewEqualsApi(page, '32.71');
    expect(await page.textContent('[data-as-of=residents]')).toContain('31 Des 2017');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(await tablesCut(page)).toEqual([]);
    await shoot(page, '02-city-overview');

    // the trend's 24 month-ends, in its table, equal the series
    // (with the workers 18+ beside each month: the sample register records occupations)
    const series = await api<{ points: { asOf: string; region: { ratio: number; workerRatio: number } }[] }>(`/v1/coverage/series?region=32.71&from=2016-01-01&to=${SAMPLE_AS_OF}`);
    const trend = await page.$$eval('.trend-table tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(trend).toEqual(series.points.map((p) => [idPercent(p.region.ratio), idPercent(p.region.workerRatio)]));

    // sorting by % and searching by name
    await page.click('#drill thead th:nth-child(4) button');
    await page.click('#drill thead th:nth-child(4) button');
    const sorted = [...city.children].sort((a, b) => (b.ratio ?? -1) - (a.ratio ?? -1));
    expect((await drillRows(page)).map((r) => r.code)).toEqual(sorted.map((c) => c.code));
    expect(page.url()).toContain('sort=ratio%3Adesc');
    await page.fill('#drill-q', 'timur');
    expect((await drillRows(page)).map((r) => r.code)).toEqual(['32.71.02']);
    await page.fill('#drill-q', '');

    // city → district → village
    await page.click('#drill a[data-code="32.71.01"]');
    await ready(page, 'overview', '32.71.01');
    await expectOverviewEqualsApi(page, '32.71.01');
    expect(await page.textContent('nav.breadcrumbs')).toContain('Kota Bogor');
    // after a move the focus is on the new heading, where a screen reader starts reading
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id)).toBe('region-title');
    await page.click('#drill a[data-code="32.71.01.1001"]');
    await ready(page, 'overview', '32.71.01.1001');
    const villageOverview = await expectOverviewEqualsApi(page, '32.71.01.1001');
    await shoot(page, '03-village-overview');

    // the village's RW × RT grid: every RT's cell, then one RT
    await page.click('#tab-grid');
    await ready(page, 'grid', '32.71.01.1001');
    const rts = await api<{ regions: { code: string; covered: number; eligible: number; ratio: number | null }[] }>(`/v1/coverage?asOf=${SAMPLE_AS_OF}&level=rt&parent=32.71.01.1001`);
    const cells = await page.$$eval('#rt-grid a[data-code]', (as) => as.map((a) => [a.getAttribute('data-code'), a.querySelector('.pct')?.textContent, a.querySelector('.frac')?.textContent]));
    expect(cells).toEqual(rts.regions.map((r) => [r.code, idPercent(r.ratio), `${idCount(r.covered)}/${idCount(r.eligible)}`]));
    expect(await accessibilityProblems(page)).toEqual([]);
    await shoot(page, '04-village-rt-grid');
    const rt = rts.regions.find((r) => r.eligible > 0)!;
    await page.click(`#rt-grid a[data-code="${rt.code}"]`);
    await ready(page, 'overview', rt.code);
    expect(await page.textContent('[data-figure=ratio]')).toBe(idPercent(rt.ratio));
    expect(await page.textContent('[data-figure=covered]')).toBe(idCount(rt.covered));
    expect(await page.textContent('[data-figure=eligible]')).toBe(idCount(rt.eligible));
    expect(page.url()).toContain(`region=${rt.code}`);
    await shoot(page, '05-rt-overview');

    // the back button walks the steps; the URL alone reopens a view (shareable)
    await page.goBack();
    await ready(page, 'grid', '32.71.01.1001');
    await page.goBack();
    await ready(page, 'overview', '32.71.01.1001');
    expect(villageOverview.children.length).toBeGreaterThan(0);

    expect(foreign).toEqual([]);
    // the browser logs the refused wrong key (401); nothing else
    expect(errors.filter((e) => !e.includes('status of 401'))).toEqual([]);
  });

  it('shows the map, worklist, imports and data quality, each accessible, and switches to English', async () => {
    const { page, foreign, errors } = await openPage();
    await signIn(page);
    await ready(page, 'overview', '32.71');
    await page.click('#tab-map');
    await ready(page, 'map', '32.71');
    // 68 villages, each a link into the drill-down
    expect(await page.$$eval('.map svg a', (as) => as.length)).toBe(68);
    expect(await page.textContent('.map figcaption')).toContain('Badan Informasi Geospasial');
    expect(await accessibilityProblems(page)).toEqual([]);
    await shoot(page, '06-city-map');
    await page.click('.map svg a[*|href$="region=32.71.01.1001"]');
    await ready(page, 'overview', '32.71.01.1001');

    await page.click('#tab-worklist');
    await ready(page, 'worklist', '32.71.01.1001');
    expect(await accessibilityProblems(page)).toEqual([]);
    await shoot(page, '07-worklist');

    await page.click('#tab-imports');
    await ready(page, 'imports', '32.71.01.1001');
    const imports = await api<{ imports: { id: number; rowsRead: number; rowsUsed: number; rowsRejected: number; status: string }[] }>('/v1/imports');
    const shown = await page.$$eval('#imports tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent)));
    expect(shown.map((r) => [r[0], r[5], r[6], r[7]])).toEqual(imports.imports.map((i) => [String(i.id), idCount(i.rowsRead), idCount(i.rowsUsed), idCount(i.rowsRejected)]));
    // the status in the page's language, not the API's word
    expect(shown.map((r) => r[8])).toEqual(imports.imports.map((i) => ({ applied: 'berlaku', reverted: 'dibatalkan' })[i.status]));
    expect(await accessibilityProblems(page)).toEqual([]);
    await shoot(page, '08-imports');

    await page.click('#tab-quality');
    await ready(page, 'quality', '32.71.01.1001');
    const q = await api<{ quality: { underAge: number; multipleActiveAccounts: number }; linkage: { notInRegister: number } }>(`/v1/quality?region=32.71.01.1001&asOf=${SAMPLE_AS_OF}`);
    expect(await page.textContent('[data-quality=underAge]')).toBe(idCount(q.quality.underAge));
    expect(await page.textContent('[data-quality=multiple]')).toBe(idCount(q.quality.multipleActiveAccounts));
    expect(await page.textContent('[data-quality=notInRegister]')).toBe(idCount(q.linkage.notInRegister));
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(await tablesCut(page)).toEqual([]);
    await shoot(page, '09-quality');

    await page.click('#lang');
    await ready(page, 'quality', '32.71.01.1001');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('#tab-overview')).toBe('Overview');
    expect(await page.textContent('#quality-title')).toContain('Data quality');
    await page.click('#tab-overview');
    await ready(page, 'overview', '32.71.01.1001');
    const o = await api<OverviewAnswer>(`/v1/overview?region=32.71.01.1001&asOf=${SAMPLE_AS_OF}`);
    // English numbers: 1,234 and 15.8 %
    expect(await page.textContent('[data-figure=ratio]')).toBe(o.coverage.ratio === null ? '—' : `${new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(o.coverage.ratio * 100)} %`);
    expect(await accessibilityProblems(page)).toEqual([]);
    await shoot(page, '10-village-overview-en');
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('downloads the drill-down table as CSV and as an Excel workbook with the store’s figures', async () => {
    const { page } = await openPage();
    await signIn(page);
    await ready(page, 'overview', '32.71');
    const stored = await api<{ regions: { code: string; eligible: number; covered: number; ratio: number; workers: number; workerRatio: number }[] }>(`/v1/coverage?asOf=${SAMPLE_AS_OF}&level=district&parent=32.71`);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('#drill-xlsx')]);
    expect(xlsx.suggestedFilename()).toBe(`cakupan-3271-district-${SAMPLE_AS_OF}.xlsx`);
    const file = join(dir, xlsx.suggestedFilename());
    await xlsx.saveAs(file);
    const book = XLSX.read(readFileSync(file));
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets[book.SheetNames[0]!]!);
    expect(rows.map((r) => [r.code, r.eligible, r.covered, r.ratio, r.workers, r.worker_ratio])).toEqual(stored.regions.map((r) => [r.code, r.eligible, r.covered, r.ratio, r.workers, r.workerRatio]));
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#drill-csv')]);
    expect(csv.suggestedFilename()).toBe(`cakupan-3271-district-${SAMPLE_AS_OF}.csv`);
    const csvFile = join(dir, csv.suggestedFilename());
    await csv.saveAs(csvFile);
    const lines = readFileSync(csvFile, 'utf8').trim().split('\n');
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(stored.regions.map((r) => r.code));
  });

  it('downloads the village’s sticker PDF and the monthly report', async () => {
    const { page } = await openPage();
    await signIn(page);
    await ready(page, 'overview', '32.71');
    await page.goto(`${base}/#region=32.71.02.1001&view=worklist`);
    await ready(page, 'worklist', '32.71.02.1001');
    const [stickers] = await Promise.all([page.waitForEvent('download'), page.click('#print-households')]);
    const stickerFile = join(dir, stickers.suggestedFilename());
    await stickers.saveAs(stickerFile);
    expect(stickers.suggestedFilename()).toBe('stiker-rumah-tangga-3271021001.pdf');
    // (a household where nobody is 18 or over gets no sticker)
    const households = (await store.households({ code: '32.71.02.1001', level: 'village' }, new Date().toISOString().slice(0, 10))).filter((h) => h.eligible > 0).length;
    expect(households).toBeGreaterThan(0);
    expect(execFileSync('pdfinfo', [stickerFile], { encoding: 'utf8' })).toMatch(new RegExp(`Pages:\\s+${households}\\n`));
    expect(execFileSync('pdftotext', [stickerFile, '-'], { encoding: 'utf8' })).toMatch(/TERDAFTAR|BELUM TERDAFTAR/);

    const [report] = await Promise.all([page.waitForEvent('download'), page.click('#monthly-report')]);
    const reportFile = join(dir, report.suggestedFilename());
    await report.saveAs(reportFile);
    expect(report.suggestedFilename()).toBe('laporan-bulanan-3271021001-2017-12.pdf');
    expect(execFileSync('pdfinfo', [reportFile], { encoding: 'utf8' })).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    const text = execFileSync('pdftotext', [reportFile, '-'], { encoding: 'utf8' });
    expect(text).toContain('Laporan Bulanan Cakupan BPJS Ketenagakerjaan');
    expect(text).toContain('Kelurahan');
  });

  it('fits a phone’s screen and opens a village’s key on its village', async () => {
    const { page, foreign, errors } = await openPage({ width: 390, height: 844 });
    await signIn(page, villageKey);
    await ready(page, 'overview', '32.71.01.1001');
    await expectOverviewEqualsApi(page, '32.71.01.1001');
    // nothing wider than the screen but the tables' own scrolling boxes
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // the regions above the key's scope are shown, not linked
    expect(await page.$$eval('nav.breadcrumbs a', (as) => as.length)).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await shoot(page, '11-phone-village-key');
    await page.click('#tab-grid');
    await ready(page, 'grid', '32.71.01.1001');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shoot(page, '12-phone-rt-grid');
    // another village by URL: the service refuses it and the page says so
    await page.goto(`${base}/#region=32.71.02.1001`);
    await page.waitForSelector('main[data-ready="error"]');
    expect(await page.textContent('main')).toContain('32.71.01.1001 (Batu Tulis)');
    expect(foreign).toEqual([]);
    expect(errors.filter((e) => !e.includes('403'))).toEqual([]);
  });
});
