// Kota Depok and Kabupaten Bogor in Chromium against the real service: each officer's dashboard
// opens on its own government in its own words (Kota, Kabupaten, Desa, Desa/Kelurahan); Depok's
// map draws the 63 villages the store holds, credited with their attribution; the regency, whose
// boundaries are not in the store yet, is offered no map tab; an administrator checks the
// regency's GeoJSON on the settings page, keeps it, and sets its issuer — after which its map is
// there. Each page passes axe-core, asks nothing of another origin and throws no error.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeyRing, generateSigningKeyPem } from '@cakupan/print';
import { openStore, type Store } from '@cakupan/store';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { checkBoundaries } from '../src/regions/boundariesFile.js';
import { keepBoundaries } from '../src/regions/keepBoundaries.js';
import { accessibilityProblems, launchChromium } from './browser.js';
import { desaWithResidents, FIXTURES, importThreeRegions } from './threeRegions.js';

const ADMIN = 'regions-admin-key-0123456789abcdef';
const PASSWORD = 'kata sandi petugas 1';
let store: Store;
let app: FastifyInstance;
let browser: Browser;
let base: string;
const dir = mkdtempSync(join(tmpdir(), 'cakupan-regions-browser-'));
const opened: { foreign: string[]; errors: string[] }[] = [];

async function signedIn(username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  const page = await context.newPage();
  const seen = { foreign: [] as string[], errors: [] as string[] };
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) seen.foreign.push(r.url());
  });
  page.on('pageerror', (e) => seen.errors.push(e.message));
  opened.push(seen);
  await page.goto(`${base}/`);
  await page.waitForSelector('main[data-ready="sign-in"]');
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  await page.click('#sign-in');
  return page;
}

beforeAll(async () => {
  store = await openStore({ dataDir: join(dir, 'store') });
  await importThreeRegions(store, dir);
  const depok = readFileSync(join(FIXTURES, 'kota-depok.geojson'));
  const checked = checkBoundaries(depok.toString('utf8'), '32.76');
  await keepBoundaries(store, { regionCode: '32.76', bytes: depok, checked, attribution: checked.attribution!, by: 'test' });
  const config = loadConfig({ NODE_ENV: 'test', API_KEYS: `disnaker:${ADMIN}`, DATA_DIR: dir, LOG_LEVEL: 'silent', PORT: '0', RATE_LIMIT_MAX: '10000' });
  app = await buildApp({ config, keyRing: createKeyRing(generateSigningKeyPem()), store });
  for (const [username, role, scope] of [['depok', 'city_officer', '3276'], ['kabbogor', 'city_officer', '3201'], ['admin.prov', 'administrator', undefined]] as const) {
    const res = await app.inject({ method: 'POST', url: '/v1/accounts', headers: { authorization: `Bearer ${ADMIN}` }, payload: { username, name: `Petugas ${username}`, role, ...(scope && { scope }), password: PASSWORD } });
    expect(res.statusCode, res.body).toBe(201);
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await store?.close();
});

describe('any city or regency in the dashboard', () => {
  it('opens Kota Depok in its words, with the map of its 63 villages from the store', { timeout: 60_000 }, async () => {
    const page = await signedIn('depok');
    await page.waitForSelector('main[data-ready="overview:32.76"]');
    expect(await page.textContent('#region-title .kicker')).toBe('Kota');
    expect(await page.textContent('#drill-title')).toContain('Kecamatan');
    expect(await page.$$eval('nav.tabs a', (as) => as.map((a) => a.id))).toContain('tab-map');
    await page.click('#tab-map');
    await page.waitForSelector('main[data-ready="map:32.76"]');
    expect(await page.textContent('#map-title')).toBe('Peta cakupan per Kelurahan');
    expect(await page.$$eval('.map svg a', (as) => as.length)).toBe(63);
    expect(await page.textContent('.map figcaption')).toContain('cahyadsn/wilayah_boundaries');
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('offers Kabupaten Bogor no map until its boundaries are in the store, and calls its villages desa', { timeout: 60_000 }, async () => {
    const page = await signedIn('kabbogor');
    await page.waitForSelector('main[data-ready="overview:32.01"]');
    expect(await page.textContent('#region-title .kicker')).toBe('Kabupaten');
    expect(await page.$$eval('nav.tabs a', (as) => as.map((a) => a.id))).not.toContain('tab-map');
    // an undotted code in the address, as a Kemendagri list writes it
    const desa = desaWithResidents(dir);
    const district = desa.slice(0, 8);
    await page.goto(`${base}/#region=${district.replaceAll('.', '')}`);
    await page.waitForSelector(`main[data-ready="overview:${district}"]`);
    expect(await page.textContent('#drill-title')).toContain('Desa/Kelurahan');
    await page.goto(`${base}/#region=${desa.replaceAll('.', '')}`);
    await page.waitForSelector(`main[data-ready="overview:${desa}"]`);
    expect(await page.textContent('#region-title .kicker')).toBe('Desa');
  });

  it('lets an administrator check and keep the regency’s boundaries and set its issuer', { timeout: 90_000 }, async () => {
    const page = await signedIn('admin.prov');
    await page.waitForSelector('main[data-ready]:not([data-ready="sign-in"])');
    await page.goto(`${base}/#settings`);
    await page.waitForSelector('main[data-ready="settings"]');
    await page.fill('#set-region', '3201');
    await page.click('form.card button[type="submit"]');
    await page.waitForSelector('#set-issuer');
    expect(await page.getAttribute('#set-issuer', 'placeholder')).toBe('Pemerintah Kabupaten Bogor');
    expect(await page.textContent('.settings-form .muted')).toContain('Bupati');
    await page.fill('#set-issuer', 'Pemerintah Kabupaten Bogor (Disnaker)');
    await page.click('#set-save');
    await expect.poll(async () => (await app.inject({ url: '/v1/regions/32.01/settings', headers: { authorization: `Bearer ${ADMIN}` } })).json().settings.issuer).toBe('Pemerintah Kabupaten Bogor (Disnaker)');
    await page.setInputFiles('#bnd-file', join(FIXTURES, 'kabupaten-bogor.geojson'));
    await page.click('#bnd-check');
    await page.waitForSelector('#bnd-apply');
    expect(await page.textContent('#bnd-result')).toContain('435 desa/kelurahan cocok');
    expect(await store.boundaries.for(['32', '32.01'])).toBeUndefined();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.click('#bnd-apply');
    await page.waitForSelector('#bnd-apply', { state: 'detached' });
    expect(await page.textContent('#bnd-result')).toMatch(/^Disimpan: 435 desa\/kelurahan/);
    expect((await store.boundaries.for(['32', '32.01']))?.features).toBe(435);
  });

  it('asked nothing of another origin and threw no error', () => {
    expect(opened.flatMap((o) => o.foreign)).toEqual([]);
    expect(opened.flatMap((o) => o.errors)).toEqual([]);
  });
});
