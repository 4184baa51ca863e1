// The page on its own, in Debian's chromium, against a stub of the API (test/stubApi.ts): the
// router (the URL is the state, the back button walks it), the view registry's tabs, the client's
// kept answers (going back or switching language asks the service nothing) and sign-out on a
// refused key. The page with the real service and store: print-service/test/*.browser.test.ts.
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AS_OF, KEY, startStubApi, type StubApi } from './stubApi.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let stub: StubApi;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  stub = await startStubApi();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});
afterAll(async () => {
  await browser?.close();
  if (stub) {
    stub.server.closeAllConnections();
    await new Promise((resolve) => stub.server.close(resolve));
  }
});

const ready = (page: Page, state: string) => page.waitForSelector(`main[data-ready="${state}"]`, { timeout: 20_000 });
const asked = (path: string) => stub.requests.filter((r) => r.startsWith(`${path}?`) || r === path).length;

async function signedIn(): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.newContext({ locale: 'id-ID' })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${stub.base}/`);
  await ready(page, 'sign-in');
  await page.click('details.api-key summary');
  await page.fill('#api-key', KEY);
  await page.click('form.sign-in button[type=submit]');
  await ready(page, 'overview:32.71');
  return { page, errors };
}

describe('the page against a stub of the API', () => {
  it('opens the key’s home on the data’s date, with the figures the API gave', async () => {
    const { page, errors } = await signedIn();
    expect(await page.textContent('[data-figure=ratio]')).toBe('20,0 %');
    expect(await page.textContent('[data-figure=covered]')).toBe('400');
    expect(await page.textContent('[data-figure=eligible]')).toBe('2.000');
    // workers 18+ beside residents 18+, saying how many have no occupation recorded
    expect(await page.textContent('[data-figure=workerRatio]')).toBe('30,3 %');
    expect(await page.textContent('[data-figure=workers]')).toContain('360 dari 1.188 pekerja 18+ terdaftar');
    expect(await page.textContent('[data-figure=workers]')).toContain('20 penduduk 18+ tanpa pekerjaan tercatat');
    expect(await page.$$eval('#drill thead th', (ths) => ths.map((th) => th.textContent))).toEqual(expect.arrayContaining([expect.stringContaining('Pekerja 18+'), expect.stringContaining('% pekerja')]));
    expect(await page.$$eval('#drill a[data-code]', (as) => as.map((a) => a.getAttribute('data-code')))).toEqual(['32.71.01', '32.71.02']);
    expect(await page.inputValue('#as-of')).toBe(AS_OF);
    // the registry's tabs for a city, in order
    expect(await page.$$eval('nav.tabs a', (as) => as.map((a) => a.id))).toEqual(['tab-overview', 'tab-map', 'tab-worklist', 'tab-field', 'tab-quality', 'tab-imports']);
    expect(errors).toEqual([]);
  });

  it('walks the URL with the back button, showing kept answers without asking again', async () => {
    const { page, errors } = await signedIn();
    await page.click('#drill a[data-code="32.71.01"]');
    await ready(page, 'overview:32.71.01');
    expect(await page.textContent('[data-figure=ratio]')).toBe('25,0 %');
    // a district has no RT grid: a route asking for it shows the overview
    await page.evaluate(() => (location.hash = '#region=32.71.01&view=grid'));
    await ready(page, 'overview:32.71.01');
    await page.click('#tab-quality');
    await ready(page, 'quality:32.71.01');
    const before = stub.requests.length;
    await page.goBack();
    await ready(page, 'overview:32.71.01');
    await page.goBack();
    await page.goBack();
    await ready(page, 'overview:32.71');
    expect(await page.textContent('[data-figure=ratio]')).toBe('20,0 %');
    // switching language re-renders the same state from the kept answers
    await page.click('#lang');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await ready(page, 'overview:32.71');
    expect(await page.textContent('[data-figure=eligible]')).toBe('2,000');
    expect(stub.requests.slice(before)).toEqual([]);
    expect(asked('/v1/overview')).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('returns to sign-in when the service refuses the key', async () => {
    const { page } = await signedIn();
    stub.revokeKey();
    await page.click('#drill a[data-code="32.71.02"]');
    await ready(page, 'sign-in');
    expect(await page.textContent('#sign-in-error')).toBe('Kunci API ditolak');
    expect(await page.evaluate(() => sessionStorage.getItem('cakupan.apiKey'))).toBeNull();
  });
});
