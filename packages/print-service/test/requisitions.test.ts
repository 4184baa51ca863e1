// Sticker requisitions, end to end: a village office requests its employers' stickers; the print
// shop sees nothing until a city officer (not the requester) approves, which freezes the
// subjects and colours; the print shop prints the PDF (decoded by a real QR reader) and reads the
// job sheet (serial ranges per village and RT, counts per colour, the PDF's sha256); a declined
// one keeps its reason; a colour changed in the store after approval sends it back for a decision;
// every step is in the audit log, named by who did it.
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeyRing, generateSigningKeyPem } from '@cakupan/print';
import { openStore, type Store } from '@cakupan/store';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { importSampleCity } from '../src/sampleCity.js';
import { savePdf, scanQrCodes } from './helpers.js';

const ADMIN = 'requisition-admin-key-0123456789';
const admin = { authorization: `Bearer ${ADMIN}` };
const VILLAGE = '3271011008'; // two employers, both registered in the sample
let store: Store;
let app: FastifyInstance;
const as: Record<string, Record<string, string>> = {};

const key = async (label: string, role: string, scope: string) => {
  const made = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: admin, payload: { label, role, scope } });
  expect(made.statusCode, made.body).toBe(201);
  as[label] = { authorization: `Bearer ${made.json().key}` };
};

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cakupan-requisitions-'));
  store = await openStore({ dataDir: join(dir, 'store') });
  await importSampleCity(store);
  const config = loadConfig({ NODE_ENV: 'test', API_KEYS: `disnaker:${ADMIN}`, DATA_DIR: dir, LOG_LEVEL: process.env.TEST_LOG ?? 'silent', PUBLIC_BASE_URL: 'http://127.0.0.1:3000' });
  app = await buildApp({ config, keyRing: createKeyRing(generateSigningKeyPem()), store, today: () => '2026-11-26' });
  await key('kel-8', 'kelurahan_operator', VILLAGE);
  await key('kel-other', 'kelurahan_operator', '3271021003');
  await key('city-a', 'city_officer', '3271');
  await key('city-b', 'city_officer', '3271');
  await key('shop', 'print_shop', '3271');
  await key('shop-depok', 'print_shop', '3276');
  await key('bpjs', 'bpjs_branch', '3271');
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('a sticker requisition', () => {
  it('goes from request to approval to print, the print shop seeing approved ones only', async () => {
    const asked = await app.inject({ method: 'POST', url: '/v1/requisitions', headers: as['kel-8']!, payload: { region: VILLAGE, kind: 'employer', note: 'untuk pemasangan bulan depan' } });
    expect(asked.statusCode, asked.body).toBe(201);
    const id = asked.json().id as number;
    expect(asked.json()).toMatchObject({ status: 'requested', regionCode: '32.71.01.1008', requestedBy: 'kel-8', green: null });
    // another village's office cannot ask for this village, nor see this one
    expect((await app.inject({ method: 'POST', url: '/v1/requisitions', headers: as['kel-other']!, payload: { region: VILLAGE, kind: 'employer' } })).statusCode).toBe(403);
    const hidden = await app.inject({ url: `/v1/requisitions/${id}`, headers: as['kel-other']! });
    const missing = await app.inject({ url: '/v1/requisitions/999999', headers: as['kel-other']! });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().message.replace(String(id), 'N')).toBe(missing.json().message.replace('999999', 'N'));
    // the print shop: nothing to see or print yet
    expect((await app.inject({ url: '/v1/requisitions', headers: as.shop! })).json().requisitions).toEqual([]);
    expect((await app.inject({ url: `/v1/requisitions/${id}/stickers`, headers: as.shop! })).statusCode).toBe(404);
    // the office cannot approve its own; a city officer does
    expect((await app.inject({ method: 'POST', url: `/v1/requisitions/${id}/approve`, headers: as['kel-8']! })).statusCode).toBe(403);
    const approved = await app.inject({ method: 'POST', url: `/v1/requisitions/${id}/approve`, headers: as['city-a']! });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: 'city-a', green: 2, red: 0 });
    expect((await app.inject({ method: 'POST', url: `/v1/requisitions/${id}/approve`, headers: as['city-b']! })).statusCode).toBe(409);
    // the print shop sees it now; another city's print shop does not
    expect((await app.inject({ url: '/v1/requisitions', headers: as.shop! })).json().requisitions.map((r: { id: number }) => r.id)).toEqual([id]);
    expect((await app.inject({ url: '/v1/requisitions', headers: as['shop-depok']! })).json().requisitions).toEqual([]);
    expect((await app.inject({ url: `/v1/requisitions/${id}/stickers`, headers: as['shop-depok']! })).statusCode).toBe(404);
    // before printing there is no job sheet
    expect((await app.inject({ url: `/v1/requisitions/${id}/job-sheet`, headers: as.shop! })).statusCode).toBe(409);

    const pdf = await app.inject({ url: `/v1/requisitions/${id}/stickers`, headers: as.shop! });
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.headers['content-type']).toMatch(/application\/pdf/);
    expect(pdf.headers['x-sticker-count']).toBe('2');
    const first = Number(pdf.headers['x-first-serial']);
    const sheet = await app.inject({ url: `/v1/requisitions/${id}/job-sheet`, headers: as.shop! });
    expect(sheet.statusCode, sheet.body).toBe(200);
    expect(sheet.json()).toMatchObject({ totals: { stickers: 2, green: 2, red: 0 }, pdfSha256: createHash('sha256').update(pdf.rawPayload).digest('hex'), issuer: 'Pemerintah Kota Bogor' });
    expect(sheet.json().lines).toEqual([
      { villageCode: '32.71.01.1008', villageName: expect.any(String), rw: 5, rt: 4, firstSerial: expect.any(Number), lastSerial: expect.any(Number), green: 1, red: 0 },
      { villageCode: '32.71.01.1008', villageName: expect.any(String), rw: 6, rt: 2, firstSerial: expect.any(Number), lastSerial: expect.any(Number), green: 1, red: 0 },
    ]);
    expect(sheet.json().lines.flatMap((l: { firstSerial: number; lastSerial: number }) => [l.firstSerial, l.lastSerial]).every((s: number) => s >= first)).toBe(true);
    // the register holds them as the requisition's, and the stickers verify as printed
    const listed = (await app.inject({ url: `/v1/stickers?region=${VILLAGE}`, headers: admin })).json().stickers as { serial: number; source: string; registered: boolean }[];
    expect(listed.filter((s) => s.source === `requisition ${id}`).map((s) => s.registered)).toEqual([true, true]);
    const codes = scanQrCodes(savePdf(pdf.rawPayload));
    expect(codes).toHaveLength(2);
    const verified = await app.inject({ url: new URL(codes[0]!.text).pathname, headers: { accept: 'application/json' } });
    expect(verified.json()).toMatchObject({ valid: true, status: 'registered', colour: 'green' });
    // printing again replaces the first run: its stickers are revoked, the job sheet is the new run's
    const again = await app.inject({ url: `/v1/requisitions/${id}/stickers`, headers: as.shop! });
    expect(again.statusCode).toBe(200);
    const after = (await app.inject({ url: `/v1/stickers?region=${VILLAGE}`, headers: admin })).json().stickers as { serial: number; source: string; revokedReason: string | null }[];
    expect(after.filter((s) => s.serial === first)[0]!.revokedReason).toMatch(/^replaced by serial/);
    expect((await app.inject({ url: `/v1/requisitions/${id}`, headers: as.shop! })).json()).toMatchObject({ runs: 2, pdfSha256: createHash('sha256').update(again.rawPayload).digest('hex') });

    // every step in the audit log, by who did it
    const log = (await app.inject({ url: '/v1/audit?limit=100', headers: admin })).json().entries as { action: string; actor: string; subject: string }[];
    expect(log.filter((e) => e.action.startsWith('requisition.') && e.subject === String(id)).map((e) => [e.action, e.actor]).reverse()).toEqual([
      ['requisition.request', 'kel-8'],
      ['requisition.approve', 'city-a'],
      ['requisition.print', 'shop'],
      ['requisition.print', 'shop'],
    ]);
  });

  it('is decided by someone other than who asked, and a decline keeps its reason', async () => {
    const own = await app.inject({ method: 'POST', url: '/v1/requisitions', headers: as['city-a']!, payload: { region: VILLAGE, kind: 'household' } });
    expect(own.statusCode).toBe(201);
    const self = await app.inject({ method: 'POST', url: `/v1/requisitions/${own.json().id}/approve`, headers: as['city-a']! });
    expect(self.statusCode).toBe(409);
    expect(self.json().message).toContain('another officer');
    const declined = await app.inject({ method: 'POST', url: `/v1/requisitions/${own.json().id}/decline`, headers: as['city-b']!, payload: { reason: 'tunggu data Disdukcapil bulan ini' } });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json()).toMatchObject({ status: 'declined', declineReason: 'tunggu data Disdukcapil bulan ini', decidedBy: 'city-b' });
    expect((await app.inject({ method: 'POST', url: `/v1/requisitions/${own.json().id}/decline`, headers: as['city-b']!, payload: {} })).statusCode).toBe(400);
    expect((await app.inject({ url: `/v1/requisitions/${own.json().id}`, headers: as.shop! })).statusCode).toBe(404);
  });

  it('goes back for a decision when the store changed a colour after approval', async () => {
    const asked = await app.inject({ method: 'POST', url: '/v1/requisitions', headers: as.bpjs!, payload: { region: VILLAGE, kind: 'employer' } });
    const id = asked.json().id as number;
    expect((await app.inject({ method: 'POST', url: `/v1/requisitions/${id}/approve`, headers: as['city-a']! })).json()).toMatchObject({ green: 2 });
    // UD Usaha 4's NPP lapses after approval
    const lapsed = await app.inject({ method: 'POST', url: '/v1/participants/events', headers: admin, payload: { type: 'employer_status_changed', eventId: 'lapse-req', npp: '13188146', occurredOn: '2017-12-30', status: 'inactive' } });
    expect(lapsed.statusCode, lapsed.body).toBe(201);
    const pdf = await app.inject({ url: `/v1/requisitions/${id}/stickers`, headers: as.shop! });
    expect(pdf.statusCode).toBe(409);
    expect(pdf.json().message).toContain('another colour');
    expect((await app.inject({ url: `/v1/requisitions/${id}`, headers: as.bpjs! })).json()).toMatchObject({ status: 'requested', green: null });
    expect((await app.inject({ method: 'POST', url: `/v1/requisitions/${id}/approve`, headers: as['city-b']! })).json()).toMatchObject({ status: 'approved', green: 1, red: 1 });
  });
});
