// The officers' pages in Chromium against the real service: a village operator signs in by
// keyboard alone on a phone and requests her village's stickers; a city officer approves them; the
// print shop, whose home is the requisitions, sees the approved one only, downloads its PDF and
// reads its job sheet; an administrator makes an account and resets a password. Each page passes
// axe-core's WCAG 2.1 AA checks, asks nothing of another origin and throws no error.
import { createKeyRing, generateSigningKeyPem } from '@cakupan/print';
import { openStore, type Store } from '@cakupan/store';
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { importSampleCity } from '../src/sampleCity.js';
import { accessibilityProblems, launchChromium } from './browser.js';

const ADMIN = 'officers-admin-key-0123456789abc';
const PASSWORD = 'kata sandi petugas 1';
const VILLAGE = '3271011008';
let store: Store;
let app: FastifyInstance;
let browser: Browser;
let base: string;
const pages: { page: Page; foreign: string[]; errors: string[] }[] = [];

async function openPage(viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'id-ID' });
  const page = await context.newPage();
  const opened = { page, foreign: [] as string[], errors: [] as string[] };
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) opened.foreign.push(r.url());
  });
  page.on('pageerror', (e) => opened.errors.push(e.message));
  pages.push(opened);
  return page;
}

/** Signs in by the form with the mouse (the keyboard has its own test). */
async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.waitForSelector('main[data-ready="sign-in"]');
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  await page.click('#sign-in');
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cakupan-officers-'));
  store = await openStore({ dataDir: join(dir, 'store') });
  await importSampleCity(store);
  const config = loadConfig({ NODE_ENV: 'test', API_KEYS: `disnaker:${ADMIN}`, DATA_DIR: dir, LOG_LEVEL: 'silent', PORT: '0', RATE_LIMIT_MAX: '10000' });
  app = await buildApp({ config, keyRing: createKeyRing(generateSigningKeyPem()), store });
  const account = async (username: string, role: string, scope?: string) => {
    const res = await app.inject({ method: 'POST', url: '/v1/accounts', headers: { authorization: `Bearer ${ADMIN}` }, payload: { username, name: `Petugas ${username}`, role, ...(scope && { scope }), password: PASSWORD } });
    expect(res.statusCode, res.body).toBe(201);
  };
  await account('siti', 'kelurahan_operator', VILLAGE);
  await account('wati', 'city_officer', '3271');
  await account('percetakan', 'print_shop', '3271');
  await account('admin.kota', 'administrator');
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await store?.close();
});

describe('the officers’ pages', () => {
  it('let a village operator sign in by keyboard on a phone and request her village’s stickers', { timeout: 60_000 }, async () => {
    const page = await openPage({ width: 390, height: 844 });
    await page.goto(`${base}/`);
    await page.waitForSelector('main[data-ready="sign-in"]');
    expect(await accessibilityProblems(page)).toEqual([]);
    // the username has the focus; the keyboard does the rest
    expect(await page.evaluate('document.activeElement?.id')).toBe('username');
    await page.keyboard.type('siti');
    await page.keyboard.press('Tab');
    await page.keyboard.type('not her password');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#sign-in-error:not(:empty)');
    expect(await page.textContent('#sign-in-error')).toContain('Nama pengguna atau kata sandi salah');
    expect(await page.evaluate('document.activeElement?.id')).toBe('password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForSelector('main[data-ready^="overview:"]', { timeout: 20_000 });
    expect(await page.textContent('.who')).toContain('Petugas siti');
    // no wider than the phone
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.focus('#nav-requisitions');
    await page.keyboard.press('Enter');
    await page.waitForSelector('main[data-ready="requisitions"]');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(await page.inputValue('#req-region')).toBe('32.71.01.1008');
    await page.focus('#req-note');
    await page.keyboard.type('untuk pemasangan bulan depan');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#requisitions-table tbody tr');
    expect(await page.textContent('#requisitions-table tbody tr')).toContain('Menunggu keputusan');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    // she cannot decide it: no approve button for her
    expect(await page.$$('button[id^="approve-"]')).toHaveLength(0);
  });

  it('let a city officer approve it, freezing two green stickers', { timeout: 60_000 }, async () => {
    const page = await openPage();
    await signIn(page, 'wati');
    await page.waitForSelector('main[data-ready^="overview:"]', { timeout: 20_000 });
    await page.click('#nav-requisitions');
    await page.waitForSelector('main[data-ready="requisitions"]');
    const approve = await page.waitForSelector('button[id^="approve-"]');
    await approve.click();
    await page.waitForSelector('#requisitions-table tbody tr:has-text("Disetujui")');
    expect(await page.textContent('#requisitions-table tbody tr')).toContain('2 / 0');
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('give the print shop the approved requisitions as its home: the PDF and the job sheet', { timeout: 60_000 }, async () => {
    const page = await openPage();
    await signIn(page, 'percetakan');
    await page.waitForSelector('main[data-ready="requisitions"]', { timeout: 20_000 });
    expect(await page.$('#req-region')).toBeNull();
    expect(await page.$$('#requisitions-table tbody tr')).toHaveLength(1);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[id^="pdf-"]')]);
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.waitForSelector('button[id^="sheet-"]');
    await page.click('button[id^="sheet-"]');
    await page.waitForSelector('#job-sheet table');
    expect(await page.textContent('#job-sheet tfoot')).toContain('2 / 0');
    expect((await page.textContent('#job-sheet-sha'))?.trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('let an administrator make an account and reset a password', { timeout: 60_000 }, async () => {
    const page = await openPage();
    await signIn(page, 'admin.kota');
    await page.waitForSelector('main[data-ready^="overview:"], main[data-ready="choose"]', { timeout: 20_000 });
    await page.click('#nav-accounts');
    await page.waitForSelector('main[data-ready="accounts"]');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.fill('#acc-username', 'joko');
    await page.fill('#acc-name', 'Joko Widodo');
    await page.selectOption('#acc-role', 'field_officer');
    await page.fill('#acc-scope', VILLAGE);
    await page.fill('#acc-password', 'sementara sekali 1');
    await page.click('form.account-form button[type=submit]');
    await page.waitForSelector('#account-joko');
    expect(await page.textContent('#account-joko')).toContain('Petugas lapangan');
    await page.fill('#reset-siti', 'baru dan panjang 2');
    await page.click('#account-siti button:text("Atur ulang kata sandi")');
    await expect.poll(async () => (await store.accounts.get('siti'))?.mustChangePassword).toBe(true);
    // and every page asked nothing of another origin and threw nothing
    expect(pages.flatMap((p) => p.foreign)).toEqual([]);
    expect(pages.flatMap((p) => p.errors)).toEqual([]);
  });
});
