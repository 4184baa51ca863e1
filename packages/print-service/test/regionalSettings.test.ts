// Any city or regency on one store: Kota Bogor, Kota Depok and Kabupaten Bogor each with its own
// issuer (stickers, verification page, job reports), its own words (desa in a kabupaten, Bupati or
// Wali Kota), its own boundaries (uploaded as a GIS office exports them, checked and simplified),
// its own target and signatory; the monthly report is a letter to the head of the region, a draft
// until approved, and an approved month stays byte for byte what was approved after a later import.
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeyRing, generateSigningKeyPem } from '@cakupan/print';
import { openStore, type Store } from '@cakupan/store';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { geojsonForm, run, savePdf, scanQrCodes } from './helpers.js';
import { DEPOK, desaWithResidents, FIXTURES, importThreeRegions, KAB_BOGOR } from './threeRegions.js';

const ADMIN = 'regional-admin-key-0123456789abcdef';
const admin = { authorization: `Bearer ${ADMIN}` };
const TODAY = '2026-12-03';
const dir = mkdtempSync(join(tmpdir(), 'cakupan-regional-'));
let store: Store;
let app: FastifyInstance;

const text = (pdf: Buffer) => run('pdftotext', ['-layout', savePdf(pdf), '-']).replace(/\s+/g, ' ');
const upload = (code: string, file: string, query = '', fields: Record<string, string> = {}) => {
  const form = geojsonForm(file, fields);
  return app.inject({ method: 'POST', url: `/v1/regions/${code}/boundaries${query}`, payload: form.payload, headers: { ...admin, ...form.headers } });
};
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const desaWithHouseholds = () => desaWithResidents(dir);
const report = (query: string) => app.inject({ url: `/v1/reports/monthly?${query}`, headers: admin });

beforeAll(async () => {
  store = await openStore({ dataDir: join(dir, 'store') });
  await importThreeRegions(store, dir);
  const config = loadConfig({ NODE_ENV: 'test', API_KEYS: `disnaker:${ADMIN}`, DATA_DIR: dir, LOG_LEVEL: 'silent', PUBLIC_BASE_URL: 'http://127.0.0.1:3000' });
  app = await buildApp({ config, keyRing: createKeyRing(generateSigningKeyPem()), store, today: () => TODAY });
}, 180_000);
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('regions and their children', () => {
  it('lists any region’s districts and villages, in its words', async () => {
    const depok = (await app.inject({ url: '/v1/regions/3276/children', headers: admin })).json();
    expect(depok).toMatchObject({ region: '32.76', level: 'district', word: 'Kecamatan' });
    expect(depok.children).toHaveLength(11);
    const cibinong = (await app.inject({ url: '/v1/regions/32.01.01/children', headers: admin })).json();
    expect(cibinong).toMatchObject({ level: 'village', word: 'Desa/Kelurahan' });
    expect((await app.inject({ url: '/v1/regions/32.01.01.2001/children', headers: admin })).json()).toMatchObject({ level: null, children: [] });
  });
});

describe('boundaries', () => {
  it('takes a GIS office’s GeoJSON: every village matched on code, simplified, its attribution kept', async () => {
    const res = await upload(DEPOK, fixture('kota-depok.geojson'));
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ applied: true, features: 63, unmatched: [], missing: [] });
    expect(body.attribution).toContain('cahyadsn/wilayah_boundaries');
    expect(body.points.after).toBeLessThan(body.points.before);
    const regency = (await upload(KAB_BOGOR, fixture('kabupaten-bogor.geojson'))).json();
    expect(regency).toMatchObject({ applied: true, features: 435, unmatched: [], missing: [] });
    // simplified for a regency's scale: far fewer points, the same map at a thousand pixels
    expect(regency.points.after).toBeLessThan(regency.points.before * 0.8);
    expect(regency.bytes).toBeLessThan(Buffer.byteLength(fixture('kabupaten-bogor.geojson')) * 0.8);
  });

  it('reports what it does not keep, with the feature’s position and why, and keeps nothing on a dry run', async () => {
    const doc = JSON.parse(fixture('kota-depok.geojson'));
    const swapped = { ...doc, attribution: undefined, features: doc.features.map((f: { geometry: { coordinates: number[][][] } }) => ({ ...f, geometry: { ...f.geometry, coordinates: f.geometry.coordinates.map((r) => r.map(([a, b]) => [b, a])) } })) };
    swapped.features[0].properties.kode = '32.71.01.1001'; // Kota Bogor's
    swapped.features[1].properties.kode = '32.76.01.1999'; // no such village
    swapped.features[2].geometry = { type: 'Point', coordinates: [106.8, -6.4] };
    delete swapped.features[3].properties.kode;
    const noCredit = await upload(DEPOK, JSON.stringify(swapped), '?dryRun=true');
    expect(noCredit.statusCode).toBe(400);
    expect(noCredit.json().issues[0].path).toEqual(['attribution']);
    const res = await upload(DEPOK, JSON.stringify(swapped), '?dryRun=true', { attribution: 'Dinas Tata Ruang Kota Depok' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ applied: false, version: null, features: 59 });
    expect(body.unmatched.map((u: { feature: number; reason: string }) => [u.feature, u.reason.split(' ')[0]])).toEqual([
      [1, 'not'],
      [2, 'not'],
      [3, 'a'],
      [4, 'no'],
    ]);
    expect(body.missing).toHaveLength(4);
    // [lat, lng] was turned round: the kept villages still lie in Depok
    expect((await app.inject({ url: '/v1/regions/32.76/boundaries', headers: admin })).json().features).toHaveLength(63);
    expect((await upload(DEPOK, '{"type":"Feature"}')).statusCode).toBe(400);
    expect((await upload('32.76.01.1001', fixture('kota-depok.geojson'))).statusCode).toBe(400);
  });

  it('serves a district’s part of its city’s file, and says plainly when a region has none', async () => {
    const district = (await app.inject({ url: '/v1/regions/32.76.01/boundaries', headers: admin })).json();
    expect(district.features.length).toBeGreaterThan(3);
    expect(district.features.every((f: { properties: { code: string } }) => f.properties.code.startsWith('32.76.01.'))).toBe(true);
    const none = await app.inject({ url: '/v1/regions/3275/boundaries', headers: admin });
    expect(none.statusCode).toBe(404);
    expect(none.json().message).toContain('no boundaries for Kota Bekasi');
  });
});

describe('each government speaks for itself', () => {
  beforeAll(async () => {
    const set = await app.inject({
      method: 'PUT',
      url: '/v1/regions/32.76/settings',
      headers: admin,
      payload: {
        issuer: 'Pemerintah Kota Depok',
        contact: 'Disnaker Kota Depok, (021) 7777-0000',
        letterhead: ['PEMERINTAH KOTA DEPOK', 'DINAS TENAGA KERJA', 'Jl. Margonda Raya No. 54, Depok'],
        signatory: { name: 'Dra. Sri Wahyuni, M.Si.', title: 'Kepala Dinas Tenaga Kerja Kota Depok', nip: '197001011990032001' },
        target: { percent: 35, source: 'RPJMD Kota Depok 2025–2029' },
      },
    });
    expect(set.statusCode, set.body).toBe(200);
  });

  it('answers each region’s settings with where each field comes from, and refuses a NIK in them', async () => {
    const depok = (await app.inject({ url: '/v1/regions/32.76.01.1001/settings', headers: admin })).json();
    expect(depok.settings).toMatchObject({ issuer: 'Pemerintah Kota Depok', addressee: 'Yth. Wali Kota Depok', target: { percent: 35 } });
    expect(depok.from).toMatchObject({ issuer: '32.76', addressee: null });
    expect(depok.words).toEqual({ region: 'Kelurahan', villages: 'Kelurahan', head: 'Wali Kota' });
    const regency = (await app.inject({ url: '/v1/regions/32.01.01.2001/settings', headers: admin })).json();
    expect(regency.settings).toMatchObject({ issuer: 'Pemerintah Kabupaten Bogor', addressee: 'Yth. Bupati Bogor', target: { percent: 32.15 } });
    expect(regency.words).toEqual({ region: 'Desa', villages: 'Desa', head: 'Bupati' });
    const nik = await app.inject({ method: 'PUT', url: '/v1/regions/32.01/settings', headers: admin, payload: { contact: 'Pak Budi 3271011705900001' } });
    expect(nik.statusCode).toBe(400);
    expect(nik.json().issues[0].path).toEqual(['contact']);
    expect((await app.inject({ method: 'PUT', url: '/v1/regions/32.01.01/settings', headers: admin, payload: { issuer: 'x' } })).statusCode).toBe(400);
  });

  it('prints each government’s name on its stickers, and a desa as Desa', async () => {
    for (const [village, issuer, word] of [
      ['32.76.01.1006', 'Pemerintah Kota Depok', 'Kelurahan'],
      [desaWithHouseholds(), 'Pemerintah Kabupaten Bogor', 'Desa'],
      ['32.71.01.1001', 'Pemerintah Kota Bogor', 'Kelurahan'],
    ] as const) {
      const res = await app.inject({ method: 'POST', url: '/v1/stickers/batch', headers: admin, payload: { region: village, kind: 'household' } });
      expect(res.statusCode, `${village}: ${res.body.slice(0, 200)}`).toBe(200);
      const pdf = res.rawPayload;
      const words = text(pdf);
      expect(words).toContain(`Diterbitkan oleh ${issuer}`);
      expect(words).toContain(`${word} `);
      const [qr] = scanQrCodes(savePdf(pdf), 150);
      const token = new URL(qr!.text).pathname.split('/').at(-1)!;
      const page = (await app.inject({ url: `/v/${token}` })).body;
      expect(page).toContain(`Layanan verifikasi ${issuer}`);
      expect(page).toContain(`<dt>${word}</dt>`);
    }
  });

  it('refuses one sticker job for two governments', async () => {
    const subject = (villageCode: string, id: string) => ({ kind: 'employer', id, name: 'Toko', villageCode, npp: '12345678', status: 'aktif' });
    const res = await app.inject({ method: 'POST', url: '/v1/stickers?facts=request', headers: admin, payload: { subjects: [subject('3276011006', 'a1'), subject('3201012001', 'a2')] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('one job prints for one issuer');
  });
});

describe('the monthly report to the Wali Kota or Bupati', () => {
  it('is a letter on the region’s letterhead with its narrative, map, signatory and target, a draft until approved', async () => {
    const res = await report('region=32.76');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['x-report-status']).toBe('draft');
    // no month: the last complete month the data reach (the exports are of 31 December 2017)
    expect(res.headers['content-disposition']).toContain('-2017-12-konsep.pdf');
    const words = text(res.rawPayload);
    for (const expected of [
      'PEMERINTAH KOTA DEPOK',
      'Jl. Margonda Raya No. 54, Depok',
      'Nomor : LB/3276/2017/12 (konsep)',
      'Depok, 3 Desember 2026',
      'Yth. Wali Kota Depok',
      'Dengan hormat',
      'keadaan per 31 Desember 2017',
      'Target 35 % (RPJMD Kota Depok 2025–2029)',
      'Kepala Dinas Tenaga Kerja Kota Depok',
      'Dra. Sri Wahyuni, M.Si.',
      'NIP. 197001011990032001',
      'KONSEP — belum disetujui',
      'Peta cakupan per Kelurahan',
      'cahyadsn/wilayah_boundaries',
      'Sepuluh Kelurahan dengan cakupan terendah',
    ]) expect(words, expected).toContain(expected);
    expect(words).toMatch(/Kecamatan (dengan kenaikan terbesar|yang turun): \S+ \([+-]\d/);
    expect(words).not.toMatch(/Di bawah|Kota Bogor/);
    expect(words).not.toMatch(/(?<!\d)\d{16}(?!\d)/); // no NIK (the NIP has 18)
  });

  it('speaks of desa and the Bupati in a regency, and has no map where the store holds no boundaries', async () => {
    const words = text((await report('region=32.01&month=2017-12')).rawPayload);
    for (const expected of ['Yth. Bupati Bogor', 'PEMERINTAH KABUPATEN BOGOR', 'Bogor, 3 Desember 2026', 'Sepuluh Desa/Kelurahan dengan cakupan terendah', 'Peta cakupan per Desa/Kelurahan', '(penanda tangan belum diatur)']) {
      expect(words, expected).toContain(expected);
    }
    await store.db.query(`delete from region_boundaries where region_code = '32.71'`);
    expect(text((await report('region=32.71&month=2017-12')).rawPayload)).toContain('Tidak ada batas wilayah untuk Kota Bogor');
  });

  it('gives workers 18+ beside residents 18+, the figures the store has for the month', async () => {
    const city = (await app.inject({ url: '/v1/coverage?asOf=2017-12-31&level=city&parent=32', headers: admin })).json().regions.find((r: { code: string }) => r.code === '32.76');
    expect(city.workers).toBeGreaterThan(0);
    const words = text((await report('region=32.76&month=2017-12')).rawPayload);
    const pct = (r: number) => `${new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(r * 100)} %`;
    const n = (x: number) => new Intl.NumberFormat('id-ID').format(x);
    expect(words).toContain(`cakupan mencapai ${pct(city.workerRatio)} (${n(city.coveredWorkers)} dari ${n(city.workers)} orang)`);
    expect(words).toContain(`${pct(city.workerRatio)}: ${n(city.coveredWorkers)} dari ${n(city.workers)} pekerja usia 18+ terdaftar`);
    expect(words).toContain('Pekerja = penduduk usia 18+ yang pekerjaannya di data kependudukan (JENIS_PKRJN)');
    expect(words).toContain('Garis ungu: cakupan pekerja usia 18+.'); // the trend draws them too
  });

  it('writes the whole report in English where the region’s language of official text is English', async () => {
    expect((await app.inject({ method: 'PUT', url: '/v1/regions/32.01/settings', headers: admin, payload: { language: 'en' } })).statusCode).toBe(200);
    try {
      const words = text((await report('region=32.01&month=2017-12')).rawPayload);
      for (const expected of ['Number : LB/3201/2017/12 (draft)', 'Monthly report on BPJS Ketenagakerjaan coverage, December 2017', 'We hereby report', 'Registered by segment', 'Residents 18+', 'Workers aged 18+', '24 month-ends', 'Colour legend', 'Data-quality notes', 'highest coverage first', 'DRAFT — not approved', 'Page 1 of', 'as of 31 December 2017']) {
        expect(words, expected).toContain(expected);
      }
      for (const indonesian of ['Penduduk 18+', 'Terdaftar per segmen', 'Halaman', 'KONSEP', 'Catatan kualitas data', 'keadaan per', 'Desember']) expect(words, indonesian).not.toContain(indonesian);
    } finally {
      await app.inject({ method: 'PUT', url: '/v1/regions/32.01/settings', headers: admin, payload: { language: 'id' } });
    }
  });

  it('refuses a month in the future or past the data’s date, naming the month', async () => {
    for (const month of ['2031-06', '2018-01']) {
      const res = await report(`region=32.76&month=${month}`);
      expect(res.statusCode, month).toBe(400);
      expect(res.json().issues[0].path).toEqual(['month']);
      expect(res.json().message).toContain('the latest month the data cover to its last day is 2017-12');
    }
  });

  it('keeps an approved month byte for byte after a later import; a correction is a numbered revision with its reason', async () => {
    const none = await app.inject({ method: 'POST', url: '/v1/reports/monthly/approvals', headers: admin, payload: { region: '32.76', month: '2017-11', expectedRevision: 1, reason: 'koreksi data' } });
    expect(none.statusCode).toBe(409);
    const approved = await app.inject({ method: 'POST', url: '/v1/reports/monthly/approvals', headers: admin, payload: { region: '32.76', month: '2017-11', expectedRevision: 0 } });
    expect(approved.statusCode, approved.body).toBe(201);
    expect(approved.json()).toMatchObject({ region: '32.76', month: '2017-11', revision: 1, approvedBy: 'disnaker' });
    const first = await report('region=32.76&month=2017-11');
    expect(first.headers['x-report-status']).toBe('approved');
    expect(first.headers.etag).toBe(`"${approved.json().sha256}"`);
    const firstText = text(first.rawPayload);
    expect(firstText).toContain('Disetujui disnaker, 3 Desember 2026');
    expect(firstText).not.toContain('KONSEP');

    // a later accounts export: everyone of a Depok village now holds an account
    const depokResidents = readFileSync(join(dir, DEPOK, 'residents.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]!);
    const csv = `nik,kpj,segment,status,registered_on\n${depokResidents.slice(0, 300).map((nik, i) => `${nik},${String(70000000000 + i)},BPU,aktif,2017-01-01`).join('\n')}\n`;
    const later = await app.inject({ method: 'POST', url: '/v1/imports', headers: { ...admin, 'content-type': 'multipart/form-data; boundary=b' }, payload: `--b\r\nContent-Disposition: form-data; name="kind"\r\n\r\nparticipants\r\n--b\r\nContent-Disposition: form-data; name="asOf"\r\n\r\n2017-12-31\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="p.csv"\r\n\r\n${csv}\r\n--b--\r\n` });
    expect([200, 201, 409], later.body).toContain(later.statusCode);
    if (later.statusCode === 409) expect((await app.inject({ method: 'POST', url: '/v1/imports', headers: { ...admin, 'content-type': 'multipart/form-data; boundary=b' }, payload: `--b\r\nContent-Disposition: form-data; name="kind"\r\n\r\nparticipants\r\n--b\r\nContent-Disposition: form-data; name="asOf"\r\n\r\n2017-12-31\r\n--b\r\nContent-Disposition: form-data; name="confirm"\r\n\r\n${later.json().preview.confirm}\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="p.csv"\r\n\r\n${csv}\r\n--b--\r\n` })).statusCode).toBe(201);

    const again = await report('region=32.76&month=2017-11');
    expect(Buffer.compare(again.rawPayload, first.rawPayload)).toBe(0);
    const draft = await report('region=32.76&month=2017-11&draft=true');
    expect(draft.headers['x-report-status']).toBe('draft');
    expect(text(draft.rawPayload)).not.toBe(firstText);

    const noReason = await app.inject({ method: 'POST', url: '/v1/reports/monthly/approvals', headers: admin, payload: { region: '32.76', month: '2017-11', expectedRevision: 1 } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().issues[0].path).toEqual(['reason']);
    const revised = await app.inject({ method: 'POST', url: '/v1/reports/monthly/approvals', headers: admin, payload: { region: '32.76', month: '2017-11', expectedRevision: 1, reason: 'ekspor BPJS yang terlambat' } });
    expect(revised.statusCode, revised.body).toBe(201);
    expect(revised.json()).toMatchObject({ revision: 2, reason: 'ekspor BPJS yang terlambat' });
    const latest = await report('region=32.76&month=2017-11');
    expect(latest.headers['x-report-revision']).toBe('2');
    expect(text(latest.rawPayload)).toContain('LB/3276/2017/11-R2');
    expect(Buffer.compare((await report('region=32.76&month=2017-11&revision=1')).rawPayload, first.rawPayload)).toBe(0);
    const list = (await app.inject({ url: '/v1/reports/monthly/approvals?region=32.76', headers: admin })).json();
    expect(list.approvals.map((a: { month: string; revision: number }) => [a.month, a.revision])).toEqual([
      ['2017-11', 2],
      ['2017-11', 1],
    ]);
  });
});
