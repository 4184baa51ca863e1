// The delivery list as the officers who put stickers up use it: each sticker of a village with the
// head of household and address as the register holds them (an employer: its name and address), on
// the phone (JSON) and on paper (A4, one RT per page, confidential, boxes to tick); the names are on
// the list only — never on a sticker, in its QR code or on the public verification page; household
// numbers stay on their doors when the register changes; other roles and villages get nothing.
import { createKeyRing, generateSigningKeyPem } from '@cakupan/print';
import { openStore, type Store } from '@cakupan/store';
import type { FastifyInstance } from 'fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { FIELD_TODAY, FIELD_VILLAGE, importFieldVillage, importText, RESIDENT, RESIDENTS_HEADER } from './fieldVillage.js';
import { roleKeys, run, savePdf, scanQrCodes } from './helpers.js';

const ADMIN = 'delivery-admin-key-0123456789abcdef';
const admin = { authorization: `Bearer ${ADMIN}` };
const VILLAGE = FIELD_VILLAGE;
const TODAY = FIELD_TODAY;
const dir = mkdtempSync(join(tmpdir(), 'cakupan-delivery-'));
let store: Store;
let app: FastifyInstance;
let key: Record<string, Record<string, string>> = {};

const importFile = (kind: 'residents' | 'participants' | 'employers', csv: string) => importText(store, dir, kind, csv);
const { budi: BUDI, child: CHILD, dewi: DEWI, eko: EKO } = RESIDENT;
const HEADER = RESIDENTS_HEADER;
const printHouseholds = async () => {
  const res = await app.inject({ method: 'POST', url: '/v1/stickers/batch', headers: admin, payload: { region: VILLAGE, kind: 'household' } });
  expect(res.statusCode, res.body).toBe(200);
  return res;
};
const list = (who: string, query = `region=${VILLAGE}`) => app.inject({ url: `/v1/field/delivery-list?${query}`, headers: key[who]! });
type Stop = { serial: number; kind: string; label: string; registered: boolean; name: string | null; address: string | null; rt: number | null; installed: boolean };

beforeAll(async () => {
  store = await openStore({ dataDir: join(dir, 'store') });
  await importFieldVillage(store, dir);
  const config = loadConfig({ NODE_ENV: 'test', API_KEYS: `disnaker:${ADMIN}`, DATA_DIR: dir, LOG_LEVEL: 'silent', PUBLIC_BASE_URL: 'http://127.0.0.1:3000' });
  app = await buildApp({ config, keyRing: createKeyRing(generateSigningKeyPem()), store, today: () => TODAY });
  key = await roleKeys(app, admin, [['andi', 'field_officer', VILLAGE], ['elsewhere', 'field_officer', '3271021003'], ['analis', 'analyst', '3271']]);
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('the delivery list', () => {
  let stickersPdf: Buffer;
  it('names each household by its head and address, and each employer by its address, for the officer of the village', async () => {
    const printed = await printHouseholds();
    stickersPdf = printed.rawPayload;
    expect(printed.headers['x-households-without-adults']).toBe('1');
    expect((await app.inject({ method: 'POST', url: '/v1/stickers/batch', headers: admin, payload: { region: VILLAGE, kind: 'employer' } })).statusCode).toBe(200);
    const res = await list('andi');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json() as { confidential: boolean; stops: Stop[] };
    expect(body.confidential).toBe(true);
    expect(body.stops.map((s) => [s.kind, s.label, s.registered, s.name, s.address])).toEqual([
      ['household', 'RT 001/RW 002 no. 1', true, 'Siti Aminah', 'Jl. Melati No. 4'],
      ['household', 'RT 001/RW 002 no. 2', false, 'Budi Santoso', 'Gg. Kenanga 7'],
      ['employer', 'Toko Sumber Rejeki', false, 'Toko Sumber Rejeki', 'Jl. Raya Tajur 88'],
      ['household', 'RT 003/RW 002 no. 1', false, 'Dewi Lestari', 'Jl. Anggrek 9'],
    ]);
    expect(body.stops.every((s) => !s.installed)).toBe(true);
  });

  it('prints one RT per page, marked confidential, with the names the stickers never carry', async () => {
    const res = await list('andi', `region=${VILLAGE}&format=pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const file = savePdf(res.rawPayload);
    expect(run('pdfinfo', [file])).toMatch(/Pages:\s+2\n/);
    const pages = run('pdftotext', ['-layout', file, '-']).split('\f');
    expect(pages[0]).toContain('RAHASIA');
    expect(pages[0]).toContain('RT 001/RW 002');
    expect(pages[0]).toMatch(/Siti Aminah[\s\S]*Jl. Melati No. 4/);
    expect(pages[0]).toContain('Toko Sumber Rejeki');
    expect(pages[0]).not.toContain('Dewi Lestari');
    expect(pages[1]).toMatch(/RT 003\/RW 002[\s\S]*Dewi Lestari/);
    expect(pages[1]).toContain('RAHASIA');
    // the stickers and their QR codes carry no name nor address
    const stickerText = run('pdftotext', [savePdf(stickersPdf), '-']);
    const codes = scanQrCodes(savePdf(stickersPdf)).map((c) => c.text);
    expect(codes.length).toBe(3);
    for (const personal of ['Siti', 'Aminah', 'Budi', 'Dewi', 'Melati', 'Kenanga', 'Anggrek']) {
      expect(stickerText).not.toContain(personal);
      expect(codes.join('\n')).not.toContain(personal);
    }
    // nor the public verification page of a sticker
    const page = await app.inject({ url: new URL(codes[0]!).pathname, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    for (const personal of ['Siti', 'Budi', 'Dewi', 'Melati', 'Kenanga']) expect(page.body).not.toContain(personal);
  });

  it('keeps each household’s number on its door when the register changes', async () => {
    // Siti's household moves away, Eko's arrives in RT 001: Budi keeps no. 2, Eko gets a number never given there
    await importFile('residents', [HEADER, BUDI, CHILD, DEWI, EKO, ''].join('\n'));
    await printHouseholds();
    const stops = (await list('andi')).json().stops as Stop[];
    expect(stops.filter((s) => s.kind === 'household').map((s) => [s.label, s.name])).toEqual([
      ['RT 001/RW 002 no. 2', 'Budi Santoso'],
      ['RT 001/RW 002 no. 4', 'Eko Prasetyo'],
      ['RT 003/RW 002 no. 1', 'Dewi Lestari'],
    ]);
  });

  it('is for the officers of the place: another village’s officer and an analyst get no names', async () => {
    const outside = await list('elsewhere');
    expect(outside.statusCode).toBe(403);
    expect(outside.body).not.toContain('Budi');
    const analyst = await list('analis');
    expect(analyst.statusCode).toBe(403);
    expect(analyst.body).not.toContain('Budi');
    const district = await list('andi', 'region=327101');
    expect(district.statusCode).toBe(403);
    const noRequisition = await list('andi', `region=${VILLAGE}&requisition=999`);
    expect(noRequisition.statusCode).toBe(404);
    const city = await app.inject({ url: '/v1/field/delivery-list?region=327101', headers: admin });
    expect(city.statusCode).toBe(400);
    expect(city.json().issues[0].path).toEqual(['region']);
  });
});
