// The field app as a field officer uses it, in Chromium at phone size against the real service: she
// signs in, opens today's list, scans a real printed sticker through a fake camera (a video made
// from the sticker PDF by pdftoppm and ffmpeg; Chromium on Linux has no BarcodeDetector, so the
// app's WebAssembly decoder reads it), records a visit, goes offline, records more, reloads the page
// offline (the service worker serves the app, IndexedDB the list and the records), comes back
// online and sees them sent and in the field progress; another officer's record of the same
// sticker is shown beside hers, and a revoked sticker shows the one to put up instead. Each view
// passes axe-core's WCAG 2.1 AA checks and asks nothing of another origin.
import { createKeyRing, generateSigningKeyPem } from '@cakupan/print';
import { openStore, type Store } from '@cakupan/store';
import type { FastifyInstance } from 'fastify';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { accessibilityProblems, CHROMIUM } from './browser.js';
import { EMPLOYER_ID, FIELD_TODAY, FIELD_VILLAGE, importFieldVillage } from './fieldVillage.js';
import { savePdf, scanQrCodes } from './helpers.js';

const ADMIN = 'lapangan-admin-key-0123456789abcdef';
const admin = { authorization: `Bearer ${ADMIN}` };
const PASSWORD = 'kata sandi lapangan 1';
const dir = mkdtempSync(join(tmpdir(), 'cakupan-lapangan-'));
let store: Store;
let app: FastifyInstance;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let base: string;
const foreign: string[] = [];
const errors: string[] = [];
/** The stickers printed: households in list order, the employer's, and a revoked one with its replacement. */
const serial = { households: [] as number[], employer: 0, revoked: 0, replacement: 0 };

/** A video of the first sticker of `pdf`, for Chromium's fake camera. */
function cameraVideo(pdf: Buffer): string {
  const file = savePdf(pdf);
  const frames = mkdtempSync(join(tmpdir(), 'cakupan-camera-'));
  execFileSync('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', file, join(frames, 'sticker')]);
  const png = join(frames, readdirSync(frames).find((f) => f.endsWith('.png'))!);
  const video = join(frames, 'camera.y4m');
  // the sticker on a grey table, as a phone held over it would see it
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-loop', '1', '-i', png, '-t', '2', '-r', '10', '-vf', 'scale=-2:440,pad=640:480:(ow-iw)/2:(oh-ih)/2:gray,format=yuv420p', video]);
  return video;
}

async function axeClean(view: string): Promise<void> {
  expect(await accessibilityProblems(page), view).toEqual([]);
}

beforeAll(async () => {
  store = await openStore({ dataDir: join(dir, 'store') });
  await importFieldVillage(store, dir);
  const config = loadConfig({ NODE_ENV: 'test', API_KEYS: `disnaker:${ADMIN}`, DATA_DIR: dir, LOG_LEVEL: 'silent', PORT: '0', RATE_LIMIT_MAX: '10000' });
  app = await buildApp({ config, keyRing: createKeyRing(generateSigningKeyPem()), store, today: () => FIELD_TODAY });
  for (const username of ['andi', 'budi']) {
    const res = await app.inject({ method: 'POST', url: '/v1/accounts', headers: admin, payload: { username, name: `Petugas ${username}`, role: 'field_officer', scope: FIELD_VILLAGE, password: PASSWORD } });
    expect(res.statusCode, res.body).toBe(201);
  }
  const households = await app.inject({ method: 'POST', url: '/v1/stickers/batch', headers: admin, payload: { region: FIELD_VILLAGE, kind: 'household' } });
  expect(households.statusCode, households.body).toBe(200);
  const first = Number(households.headers['x-first-serial']);
  serial.households = [first, first + 1, first + 2];
  const video = cameraVideo(households.rawPayload);
  // the first page is the first household's sticker: what the camera will see
  expect(scanQrCodes(savePdf(households.rawPayload))[0]!.text).toContain('/v/');
  const employer = async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/stickers/batch', headers: admin, payload: { region: FIELD_VILLAGE, kind: 'employer' } });
    expect(res.statusCode, res.body).toBe(200);
    return Number(res.headers['x-first-serial']);
  };
  serial.revoked = await employer();
  serial.replacement = await employer(); // printed again: the first is revoked, replaced by this one
  serial.employer = serial.replacement;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  });
  context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    permissions: ['camera', 'geolocation'],
    geolocation: { latitude: -6.6181, longitude: 106.8122, accuracy: 12 },
  });
  page = await context.newPage();
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url());
  });
  page.on('pageerror', (e) => errors.push(e.message));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await store?.close();
});

describe('the field app on a phone', () => {
  it('signs a field officer in and shows her village’s list with heads of household and addresses', async () => {
    await page.goto(`${base}/lapangan`);
    expect(page.url()).toBe(`${base}/lapangan/`);
    await page.waitForSelector('main[data-ready="sign-in"]');
    await axeClean('sign-in');
    await page.fill('#username', 'andi');
    await page.fill('#password', PASSWORD);
    await page.click('#sign-in');
    await page.waitForSelector('main[data-ready="list"] #stop-' + serial.households[0]);
    const first = page.locator(`#stop-${serial.households[0]}`);
    await expect.poll(() => first.textContent()).toContain('Siti Aminah');
    expect(await first.textContent()).toContain('Jl. Melati No. 4');
    expect(await page.locator(`#stop-${serial.employer}`).textContent()).toContain('Jl. Raya Tajur 88');
    expect(await page.locator(`#stop-${serial.revoked}`).count()).toBe(0);
    await axeClean('list');
  });

  it('records the sticker the camera sees, and shows another officer’s record of it beside hers', async () => {
    // another officer put the same sticker up a little earlier, from his own phone
    const other = await app.inject({ method: 'POST', url: '/v1/session', payload: { username: 'budi', password: PASSWORD } });
    const cookie = String(other.headers['set-cookie']).split(';')[0]!;
    const budi = await app.inject({ method: 'POST', url: `/v1/stickers/${serial.households[0]}/installations`, headers: { cookie, 'x-csrf-token': other.json().csrfToken }, payload: { installedAt: '2026-12-03T08:00:00+07:00' } });
    expect(budi.statusCode, budi.body).toBe(201);

    await page.click('#tab-pindai');
    await page.waitForSelector('main[data-ready="scan"]');
    await axeClean('scan');
    await page.waitForSelector(`#scan-status:has-text("${serial.households[0]}")`, { timeout: 30_000 });
    expect(await page.textContent('#scan-status')).toContain('dicatat terpasang');
    await page.click('#tab-catatan');
    const record = page.locator(`li.record[data-serial="${serial.households[0]}"]`);
    await record.locator('.state.synced').waitFor();
    expect(await record.textContent()).toContain('Juga dicatat oleh budi');
    expect(await record.textContent()).toContain('Lokasi ±12 m');
    await axeClean('records');
    const installations = (await app.inject({ url: `/v1/stickers/${serial.households[0]}/installations`, headers: admin })).json().installations as { recordedBy: string; location: unknown }[];
    expect(installations.map((i) => i.recordedBy)).toEqual(['budi', 'andi']);
    expect(installations[1]!.location).toEqual({ latitude: -6.6181, longitude: 106.8122, accuracyM: 12 });
  });

  it('records a visit to an unregistered employer with its outcome and follow-up date', async () => {
    await page.click('#tab-daftar');
    const stop = page.locator(`#stop-${serial.employer}`);
    await stop.getByRole('button', { name: 'Catat kunjungan' }).click();
    await stop.locator('select').selectOption('will_register');
    await stop.locator('input[type="date"]').fill('2026-12-17');
    await axeClean('visit form');
    await stop.getByRole('button', { name: 'Simpan' }).click();
    await expect.poll(async () => (await app.inject({ url: `/v1/employers/${EMPLOYER_ID}/visits`, headers: admin })).json().visits).toMatchObject([{ outcome: 'will_register', followUpOn: '2026-12-17', recordedBy: 'andi' }]);
  });

  it('keeps working offline, after a reload too, and sends what it kept when back online', async () => {
    // the app's files are cached once its service worker is ready
    await page.evaluate(() => (globalThis as unknown as { navigator: { serviceWorker: { ready: Promise<unknown> } } }).navigator.serviceWorker.ready.then(() => true));
    await context.setOffline(true);
    await page.click('#tab-daftar');
    await page.waitForSelector('#connection.offline');
    await page.locator(`#stop-${serial.households[1]}`).getByRole('button', { name: 'Catat terpasang' }).click();
    await page.waitForSelector('#pending:has-text("1 catatan")');
    // the page again, offline: the service worker serves the app, IndexedDB the list and the record
    await page.reload();
    await page.waitForSelector('main[data-ready="list"]');
    expect(await page.locator(`#stop-${serial.households[1]}`).textContent()).toContain('Budi Santoso');
    expect(await page.locator(`#stop-${serial.households[1]} .state.done`).count()).toBe(1);
    // a sticker typed in by its number (a revoked one, still on a wall): kept, checked when sent
    await page.click('#tab-pindai');
    await page.fill('#serial', String(serial.revoked));
    await page.click('#record-serial');
    await page.waitForSelector('#pending:has-text("2 catatan")');
    expect(await app.inject({ url: `/v1/stickers/${serial.households[1]}/installations`, headers: admin }).then((r) => r.json().installations)).toEqual([]);

    await context.setOffline(false);
    await page.waitForSelector('#connection.online');
    // online, a revoked sticker typed in is answered at once: the one to put up instead
    await page.waitForSelector('#pending', { state: 'detached', timeout: 30_000 });
    await page.fill('#serial', String(serial.revoked));
    await page.click('#record-serial');
    await page.waitForSelector(`#scan-status:has-text("Pasang stiker ${serial.replacement} sebagai gantinya")`);
    await page.waitForSelector('#pending', { state: 'detached', timeout: 30_000 });
    await page.click('#tab-catatan');
    const revoked = page.locator(`li.record[data-serial="${serial.revoked}"]`).first();
    await revoked.locator('.state.conflict').waitFor();
    expect(await revoked.textContent()).toContain(`Pasang stiker ${serial.replacement} sebagai gantinya`);
    await axeClean('records after sync');
    const progress = (await app.inject({ url: `/v1/field/progress?region=${FIELD_VILLAGE}`, headers: admin })).json();
    expect(progress.total).toMatchObject({ installed: 2, notInstalled: 2, visited: 1, byOutcome: { will_register: 1 } });
    // and on the dashboard's progress of the village, signed in the same
    await page.goto(`${base}/#region=32.71.01.1008&view=field`);
    await page.waitForSelector('main[data-ready="field:32.71.01.1008"]');
    expect(await page.textContent('[data-field=installed]')).toBe('2 / 4 (50 %)');
    expect(await page.textContent('[data-field=visited]')).toContain('akan mendaftar 1');
    expect(await page.locator('#field tbody tr').count()).toBe(1);
    await axeClean('dashboard progress');
  });

  it('asked nothing of another origin and threw no error', () => {
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
  });
});
