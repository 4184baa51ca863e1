// Importing from the dashboard in a real browser (Debian's chromium, playwright-core): an empty
// store's first import from the page, the preview of a file that would remove much of the register
// (its warning, coverage before → after), applying it anyway, and undoing it — each step's figures
// checked against the API, axe-core on the preview. Screenshots under test-output/dashboard/.
import { createKeyRing, generateSigningKeyPem } from '@cakupan/print';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '@cakupan/store';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { accessibilityProblems, launchChromium } from './browser.js';

const ADMIN = 'import-browser-admin-key-0123456789';
const admin = { authorization: `Bearer ${ADMIN}` };
const dir = mkdtempSync(join(tmpdir(), 'cakupan-import-browser-'));
const shots = join(import.meta.dirname, '..', 'test-output', 'dashboard');
const sampleFile = (f: string) => join(import.meta.dirname, '..', 'sample', f);

let store: Store;
let app: FastifyInstance;
let base: string;
let browser: Browser;

const api = async <T>(url: string): Promise<T> => {
  const res = await app.inject({ url, headers: admin });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json() as T;
};
const eligibleOfCity = async () => (await api<{ regions: { eligible: number }[] }>('/v1/coverage?asOf=2017-12-31&level=city')).regions[0]?.eligible ?? 0;


beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  store = await openStore({ dataDir: join(dir, 'store') });
  const config = loadConfig({ NODE_ENV: 'test', API_KEYS: `disnaker:${ADMIN}`, DATA_DIR: dir, LOG_LEVEL: 'silent', PORT: '0', RATE_LIMIT_MAX: '10000' });
  app = await buildApp({ config, keyRing: createKeyRing(generateSigningKeyPem()), store });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await store?.close();
});

describe('importing from the dashboard', () => {
  it('imports into an empty store, previews a file that removes much, applies it and undoes it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${base}/`);
    await page.waitForSelector('main[data-ready="sign-in"]');
    await page.click('details.api-key summary');
    await page.fill('#api-key', ADMIN);
    await page.click('form.sign-in button[type=submit]');
    // an empty store: the page says so and offers the import at once
    await page.waitForSelector('main[data-ready="choose"]');
    expect(await page.textContent('#empty-store')).toMatch(/Belum ada data penduduk/);
    await page.setInputFiles('#import-file', sampleFile('residents.csv'));
    await page.selectOption('#import-kind', 'residents');
    await page.fill('#import-as-of', '2017-12-31');
    await page.click('#import-preview-button');
    await page.waitForSelector('#preview-rows');
    expect(await page.textContent('#preview-rows')).toMatch(/^2\.904 baris dibaca: 2\.900 dipakai, 4 ditolak$/);
    expect(await api<{ imports: unknown[] }>('/v1/imports')).toEqual({ imports: [], next: null }); // a preview changes nothing
    await page.click('#import-apply');
    // applied: the page opens on the city the import brought
    await page.waitForSelector('main[data-ready="overview:32.71"]', { timeout: 20_000 });
    const full = await eligibleOfCity();
    expect(full).toBeGreaterThan(0);

    // a file with a third of the register: the preview warns, and shows coverage before → after
    const third = join(dir, 'sepertiga.csv');
    writeFileSync(third, readFileSync(sampleFile('residents.csv'), 'utf8').split('\n').slice(0, 1000).join('\n') + '\n');
    await page.click('#tab-imports');
    await page.waitForSelector('main[data-ready="imports:32.71"]');
    await page.setInputFiles('#import-file', third);
    await page.fill('#import-as-of', '2017-12-31');
    await page.click('#import-preview-button');
    await page.waitForSelector('#preview-guards');
    expect(await page.getAttribute('#preview-guards li', 'data-guard')).toBe('removes_much');
    expect(await page.textContent('#preview-guards li')).toMatch(/^Berkas ini menghapus 1\.902 dari 2\.904 penduduk 32\.71 \(lebih dari 10 %\)\.$/);
    const coverage = await page.$$eval('#preview-coverage tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent)));
    expect(coverage).toHaveLength(1);
    expect(coverage[0]![0]).toBe('Kota Bogor');
    expect(coverage[0]![1]).toContain(new Intl.NumberFormat('id-ID').format(full));
    expect(await page.textContent('#import-apply')).toBe('Terapkan juga');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(shots, '20-import-preview.png'), fullPage: true });
    // cancel drops it; nothing changed
    await page.click('#import-cancel');
    expect(await page.$('#preview-rows')).toBeNull();
    expect(await eligibleOfCity()).toBe(full);
    // preview again, apply anyway: the register is the smaller file's
    await page.click('#import-preview-button');
    await page.waitForSelector('#import-apply');
    await page.click('#import-apply');
    // applied: the view is read again, the history holds it
    await page.waitForSelector('main[data-ready="imports:32.71"] #imports tbody tr:nth-child(2)', { timeout: 20_000 });
    const smaller = await eligibleOfCity();
    expect(smaller).toBeLessThan(full);
    const [latest, first] = (await api<{ imports: { id: number }[] }>('/v1/imports')).imports.map((i) => i.id);
    // undo, in two clicks: the register is back (the first import, under it, is not undone from here)
    expect(await page.$(`#undo-${first}`)).not.toBeNull();
    await page.click(`#undo-${latest}`);
    expect(await page.textContent(`#undo-${latest}`)).toBe(`Yakin? Batalkan #${latest}`);
    await page.click(`#undo-${latest}`);
    await page.waitForSelector(`main[data-ready="imports:32.71"] #imports tr[data-import="${latest}"] td:nth-of-type(8):text-is("dibatalkan")`, { timeout: 20_000 });
    expect(await eligibleOfCity()).toBe(full);
    expect((await api<{ imports: { id: number; status: string }[] }>('/v1/imports')).imports.map((i) => [i.id, i.status])).toEqual([[latest, 'reverted'], [first, 'applied']]);
    await page.screenshot({ path: join(shots, '21-import-undone.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
