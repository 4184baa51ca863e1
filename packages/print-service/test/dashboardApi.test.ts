// What the dashboard reads besides coverage: who the key is and where it opens (/v1/me), data
// quality per region (/v1/quality), the monthly report PDF, and the page itself at `/`.
import { createKeyRing, generateSigningKeyPem } from '@cakupan/print';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coverageFromCsv } from '@cakupan/core/node';
import { openStore, type Store } from '@cakupan/store';
import type { FastifyInstance } from 'fastify';
import { PERMISSION_NAMES } from '@cakupan/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { importSampleCity, SAMPLE_AS_OF, SAMPLE_DIR } from '../src/sampleCity.js';

const ADMIN = 'dashboard-api-admin-key-0123456789';
const admin = { authorization: `Bearer ${ADMIN}` };
const dir = mkdtempSync(join(tmpdir(), 'cakupan-dashboard-api-'));
let store: Store;
let app: FastifyInstance;
let village: { authorization: string };

beforeAll(async () => {
  store = await openStore({ dataDir: join(dir, 'store') });
  expect(await importSampleCity(store)).toBe(true);
  const config = loadConfig({ NODE_ENV: 'test', API_KEYS: `disnaker:${ADMIN}`, DATA_DIR: dir, LOG_LEVEL: 'silent', PUBLIC_BASE_URL: 'http://127.0.0.1:3000' });
  app = await buildApp({ config, keyRing: createKeyRing(generateSigningKeyPem()), store, today: () => '2026-11-26' });
  const made = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: admin, payload: { label: 'kelurahan-batutulis', role: 'kelurahan_operator', scope: '3271011001' } });
  village = { authorization: `Bearer ${made.json().key}` };
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('the sample city', () => {
  it('is imported into an empty store once, with the export date of its generator', async () => {
    expect(await importSampleCity(store)).toBe(false);
    const imports = await store.imports();
    expect(imports.map((i) => [i.kind, i.asOf, i.apiKeyLabel])).toEqual([
      ['employers', SAMPLE_AS_OF, 'sample-city'],
      ['participants', SAMPLE_AS_OF, 'sample-city'],
      ['residents', SAMPLE_AS_OF, 'sample-city'],
    ]);
  });
});

describe('GET /v1/me', () => {
  it('opens an administrator on the one city stored, on the date the data reach', async () => {
    const res = await app.inject({ url: '/v1/me', headers: admin });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      label: 'disnaker',
      kind: 'key',
      name: null,
      role: 'administrator',
      permissions: PERMISSION_NAMES,
      admin: true,
      scope: null,
      home: { code: '32.71', level: 'city', name: 'Kota Bogor' },
      cities: [{ code: '32.71', level: 'city', name: 'Kota Bogor' }],
      dataDate: '2017-12-31',
      accountsKnownTo: '2017-12-31',
      registerDate: '2017-12-31',
      registerStale: false,
    });
  });

  it('opens a village’s key on its village', async () => {
    const res = await app.inject({ url: '/v1/me', headers: village });
    expect(res.json()).toMatchObject({ label: 'kelurahan-batutulis', kind: 'key', role: 'kelurahan_operator', admin: false, scope: { code: '32.71.01.1001', name: 'Batu Tulis' }, home: { code: '32.71.01.1001' }, cities: [] });
  });

  it('needs a key', async () => {
    expect((await app.inject({ url: '/v1/me' })).statusCode).toBe(401);
  });
});

describe('GET /v1/quality', () => {
  it('gives the linkage of core’s calculation on the same files, and per-region counts that add up to it', async () => {
    const res = await app.inject({ url: `/v1/quality?region=3271&asOf=${SAMPLE_AS_OF}`, headers: admin });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const core = await coverageFromCsv({ residents: join(SAMPLE_DIR, 'residents.csv'), participants: join(SAMPLE_DIR, 'participants.csv'), asOf: SAMPLE_AS_OF });
    expect(body.linkage).toEqual({
      notInRegister: core.linkage.notInRegister,
      underAge: core.linkage.underAge,
      multipleActiveAccounts: core.linkage.multipleActiveAccounts,
      personsWithOnlyInactiveAccounts: core.linkage.personsWithOnlyInactiveAccounts,
      birthDateMismatches: core.linkage.birthDateMismatches,
      birthDatesFromNik: core.linkage.birthDatesFromNik,
    });
    expect(body.records).toEqual(core.records);
    // the sample has each kind of finding, so the sums below are not sums of zeros
    expect(body.quality.underAge).toBeGreaterThan(0);
    expect(body.quality.birthDateMismatches).toBeGreaterThan(0);
    expect(body.quality.underAge).toBe(core.linkage.underAge);
    expect(body.quality.birthDateMismatches).toBe(core.linkage.birthDateMismatches);
    expect(body.children).toHaveLength(6);
    for (const field of ['eligible', 'covered', 'underAge', 'multipleActiveAccounts', 'birthDateMismatches', 'birthDatesFromNik', 'cellsOver100']) {
      expect(body.children.reduce((n: number, c: Record<string, number>) => n + c[field]!, 0), field).toBe(body.quality[field]);
    }
    expect(body.quality.cellsOver100).toBe(0);
  });

  it('keeps a village’s key to its village and names the field', async () => {
    const res = await app.inject({ url: '/v1/quality?region=3271021001', headers: village });
    expect(res.statusCode).toBe(403);
    expect(res.json().issues[0].path).toEqual(['region']);
    expect((await app.inject({ url: `/v1/quality?asOf=${SAMPLE_AS_OF}`, headers: village })).json().region.code).toBe('32.71.01.1001');
    const bad = await app.inject({ url: '/v1/quality?region=32.71&asOf=2017-02-30', headers: admin });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toEqual(['querystring', 'asOf']);
  });
});

describe('GET /v1/reports/monthly', () => {
  it('is an A4 PDF in Indonesian with the figures of the overview, fonts embedded and numbered pages', async () => {
    const res = await app.inject({ url: '/v1/reports/monthly?region=32.71&month=2017-12', headers: admin });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="laporan-bulanan-3271-2017-12-konsep.pdf"');
    expect(res.headers['x-report-status']).toBe('draft');
    const file = join(dir, 'report.pdf');
    writeFileSync(file, res.rawPayload);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    // every font embedded
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/\byes\s+yes\s+yes\b/);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const overview = (await app.inject({ url: '/v1/overview?region=32.71&asOf=2017-12-31', headers: admin })).json();
    const percent = (r: number) => `${new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(r * 100)} %`;
    const count = (n: number) => new Intl.NumberFormat('id-ID').format(n);
    expect(text).toContain('Laporan Bulanan Cakupan BPJS Ketenagakerjaan');
    expect(text).toContain('keadaan per 31 Desember 2017');
    expect(text).toContain(percent(overview.coverage.ratio));
    expect(text).toContain(`${count(overview.coverage.covered)} dari ${count(overview.coverage.eligible)} penduduk usia 18+`);
    expect(text).toContain('Sepuluh Kelurahan dengan cakupan terendah');
    expect(text).toContain('Pemberi kerja belum terdaftar per Kecamatan');
    expect(text).toContain('Catatan kualitas data');
    expect(text).toContain(`Halaman ${pages} dari ${pages}`);
    expect(text).toContain('dibuat 26 November 2026');
    // every district and village by name, and the lowest village first in its table
    for (const child of overview.children) expect(text).toContain(child.name);
    // no NIK (16 digits) anywhere
    expect(text).not.toMatch(/\d{16}/);
  });

  it('refuses a malformed month, a region outside the key, and a region with nobody', async () => {
    const month = await app.inject({ url: '/v1/reports/monthly?region=32.71&month=2017-13', headers: admin });
    expect(month.statusCode).toBe(400);
    expect(month.json().issues[0].path).toEqual(['querystring', 'month']);
    expect((await app.inject({ url: '/v1/reports/monthly?region=3271021001&month=2017-12', headers: village })).statusCode).toBe(403);
    expect((await app.inject({ url: '/v1/reports/monthly?region=3171&month=2017-12', headers: admin })).statusCode).toBe(404);
  });
});

describe('the dashboard page', () => {
  it('is served at / without a key, loading only its own files', async () => {
    const res = await app.inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    const srcs = [...res.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(srcs.length).toBeGreaterThan(2);
    for (const s of srcs) expect(s).not.toMatch(/^(https?:)?\/\//);
    for (const file of ['/app.js', '/styles.css']) {
      expect((await app.inject({ url: file })).statusCode, file).toBe(200);
    }
    const script = (await app.inject({ url: '/app.js' })).body;
    expect(script).not.toMatch(/https?:\/\/(?!www\.w3\.org)[a-z0-9.-]+\.[a-z]{2,}\/[^"'\s]*\.(js|css|woff2?)/i);
  });

  it('leaves unknown paths to the API’s 404', async () => {
    const res = await app.inject({ url: '/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ statusCode: 404 });
  });
});
