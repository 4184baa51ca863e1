// "Red means here is how to register": the city sets its office (address, hours, WhatsApp, site)
// for the city or a village; red stickers printed then carry the next step in one line and their
// verification page in full, in Indonesian and English; green ones do not; a village without its
// own takes the city's; where nothing is set, BPJS Ketenagakerjaan's website. Only the city, in its
// scope, sets it; bad fields are named.
import { createKeyRing, generateSigningKeyPem } from '@cakupan/print';
import { openStore, type Store } from '@cakupan/store';
import type { FastifyInstance } from 'fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { FIELD_TODAY, FIELD_VILLAGE, importFieldVillage } from './fieldVillage.js';
import { roleKeys, run, savePdf, scanQrCodes } from './helpers.js';

const ADMIN = 'help-admin-key-0123456789abcdef';
const admin = { authorization: `Bearer ${ADMIN}` };
const dir = mkdtempSync(join(tmpdir(), 'cakupan-help-'));
const OFFICE = { office: 'Kantor Cabang BPJS Ketenagakerjaan Bogor Kota', address: 'Jl. Pajajaran No. 10, Bogor', hours: 'Senin–Jumat 08.00–15.00', whatsapp: '+62 812 3456 7890', website: 'https://www.bpjsketenagakerjaan.go.id/daftar' };
let store: Store;
let app: FastifyInstance;
let key: Record<string, Record<string, string>> = {};

const put = (who: string, code: string, body: unknown) => app.inject({ method: 'PUT', url: `/v1/regions/${code}/registration-help`, headers: key[who]!, payload: body as object });
const print = async (kind: 'employer' | 'household') => {
  const res = await app.inject({ method: 'POST', url: '/v1/stickers/batch', headers: admin, payload: { region: FIELD_VILLAGE, kind } });
  expect(res.statusCode, res.body).toBe(200);
  return savePdf(res.rawPayload);
};

beforeAll(async () => {
  store = await openStore({ dataDir: join(dir, 'store') });
  await importFieldVillage(store, dir);
  const config = loadConfig({ NODE_ENV: 'test', API_KEYS: `disnaker:${ADMIN}`, DATA_DIR: dir, LOG_LEVEL: 'silent', PUBLIC_BASE_URL: 'http://127.0.0.1:3000' });
  app = await buildApp({ config, keyRing: createKeyRing(generateSigningKeyPem()), store, today: () => FIELD_TODAY });
  key = await roleKeys(app, admin, [['kota', 'city_officer', '3271'], ['kabupaten', 'city_officer', '3201'], ['lapangan', 'field_officer', FIELD_VILLAGE]]);
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('how to register', () => {
  it('points red stickers to BPJS Ketenagakerjaan’s website while the city set nothing', async () => {
    const text = run('pdftotext', [await print('employer'), '-']);
    expect(text).toContain('Cara daftar: www.bpjsketenagakerjaan.go.id');
    const none = await app.inject({ url: `/v1/regions/${FIELD_VILLAGE}/registration-help`, headers: key.lapangan! });
    expect(none.json()).toMatchObject({ region: '32.71.01.1008', setFor: null, help: null });
  });

  it('is set by the city for its own region only, with bad fields named', async () => {
    const bad = await put('kota', '3271', { office: 'X', whatsapp: 'call me', website: 'http://example.com' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: { path: string[] }) => i.path[0]).sort()).toEqual(['website', 'whatsapp']);
    const personal = await put('kota', '3271', { office: 'Pak Budi 3271010101750001' });
    expect(personal.statusCode).toBe(400);
    expect(personal.json().issues[0].path).toEqual(['office']);
    expect((await put('kabupaten', '3271', OFFICE)).statusCode).toBe(403);
    expect((await put('lapangan', FIELD_VILLAGE, OFFICE)).statusCode).toBe(403);
    const set = await put('kota', '3271', OFFICE);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ setFor: '32.71', help: OFFICE, updatedBy: 'kota' });
    // the village takes the city's
    const village = await app.inject({ url: `/v1/regions/${FIELD_VILLAGE}/registration-help`, headers: key.lapangan! });
    expect(village.json()).toMatchObject({ region: '32.71.01.1008', setFor: '32.71', help: OFFICE });
    const log = (await app.inject({ url: '/v1/audit?limit=5', headers: admin })).json().entries as { action: string; actor: string; subject: string }[];
    expect(log[0]).toMatchObject({ action: 'registration-help.set', actor: 'kota', subject: '32.71' });
  });

  it('prints the next step on red stickers only, and shows it in full on their page in both languages', async () => {
    const red = await print('employer');
    const redText = run('pdftotext', [red, '-']).replace(/\s+/g, ' ');
    expect(redText).toContain('Cara daftar: Kantor Cabang BPJS Ketenagakerjaan Bogor Kota · WA +62 812 3456 7890');
    const households = await print('household');
    const householdText = run('pdftotext', [households, '-']);
    // Siti's household is green (no next step), Budi's and Dewi's red
    expect(householdText.split('\f').filter((page) => page.includes('Cara daftar')).length).toBe(2);
    expect(householdText.split('\f').find((page) => page.includes('TERDAFTAR') && !page.includes('BELUM'))).not.toContain('Cara daftar');

    const [redCode] = scanQrCodes(red);
    const path = new URL(redCode!.text).pathname;
    const page = await app.inject({ url: path, headers: { accept: 'text/html' } });
    expect(page.body).toContain('Cara mendaftar');
    expect(page.body).toContain('Jl. Pajajaran No. 10, Bogor');
    expect(page.body).toContain('href="https://wa.me/6281234567890"');
    const english = await app.inject({ url: `${path}?lang=en`, headers: { accept: 'text/html' } });
    expect(english.body).toContain('How to register');
    expect(english.body).toContain('Opening hours');
    const json = await app.inject({ url: path, headers: { accept: 'application/json' } });
    expect(json.json()).toMatchObject({ colour: 'red', howToRegister: OFFICE });
    const green = scanQrCodes(households).find((c) => c.page === 1)!;
    const greenPage = await app.inject({ url: new URL(green.text).pathname, headers: { accept: 'text/html' } });
    expect(greenPage.body).toContain('TERDAFTAR');
    expect(greenPage.body).not.toContain('Cara mendaftar');
  });
});
