// "Print the stickers for Kelurahan X": every employer or household of a village or RT, from the
// store, streamed like any sticker job, every sticker in the register; households counted as the
// coverage report counts their members and printed by RT/RW and village only.
import { createKeyRing, generateSigningKeyPem } from '@cakupan/print';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '@cakupan/store';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../src/app.js';
import { todayIn } from '@cakupan/core';
import { loadConfig } from '../src/config.js';
import { importForm, run, savePdf, scanQrCodes } from './helpers.js';

const KEY = 'batch-test-key-0123456789abcdef';
const auth = { authorization: `Bearer ${KEY}` };
const dir = mkdtempSync(join(tmpdir(), 'cakupan-batch-'));
const sample = (name: string) => readFileSync(join(import.meta.dirname, '..', 'sample', name), 'utf8');
let store: Store;
let app: FastifyInstance;

const upload = (kind: string, csv: string) => {
  const form = importForm(kind, csv, { asOf: '2017-12-31' });
  return app.inject({ method: 'POST', url: '/v1/imports', payload: form.payload, headers: { ...auth, ...form.headers } });
};
const batch = (body: Record<string, unknown>) => app.inject({ method: 'POST', url: '/v1/stickers/batch', headers: auth, payload: body });
const pages = (pdf: Buffer) => Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [savePdf(pdf)]))![1]);

beforeAll(async () => {
  store = await openStore({ dataDir: join(dir, 'store') });
  const config = loadConfig({ NODE_ENV: 'test', API_KEYS: KEY, DATA_DIR: dir, LOG_LEVEL: 'silent', PUBLIC_BASE_URL: 'http://127.0.0.1:3000' });
  app = await buildApp({ config, keyRing: createKeyRing(generateSigningKeyPem()), store });
  for (const kind of ['residents', 'participants', 'employers']) expect((await upload(kind, sample(`${kind}.csv`))).statusCode).toBe(201);
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('POST /v1/stickers/batch', () => {
  it('prints every employer of a village, or only the unregistered, each in the register', async () => {
    const all = await batch({ region: '3271061006', kind: 'employer' });
    expect(all.statusCode, all.body).toBe(200);
    const employers = (await store.employers({ region: '3271061006' })).employers;
    expect(employers.length).toBeGreaterThan(0);
    expect(pages(all.rawPayload)).toBe(employers.length);
    expect(Number(all.headers['x-sticker-count'])).toBe(employers.length);
    const text = run('pdftotext', [savePdf(all.rawPayload), '-']);
    for (const e of employers) expect(text).toContain(e.name);
    const registered = (await store.stickers.list({ region: '3271061006' })).stickers;
    expect(registered.map((s) => s.subjectId).sort()).toEqual(employers.map((e) => e.id).sort());
    const unregistered = employers.filter((e) => !e.registered);
    const red = await batch({ region: '3271061006', kind: 'employer', status: 'unregistered' });
    expect(red.statusCode === 404 ? 0 : pages(red.rawPayload)).toBe(unregistered.length);
  });

  it('prints every household of a village, counted as the coverage report counts, with no NIK or KK on it', async () => {
    const res = await batch({ region: '3271011001', kind: 'household', options: { layout: 'sheet' } });
    expect(res.statusCode, res.body).toBe(200);
    const count = Number(res.headers['x-sticker-count']);
    // the service counts on its own today (Asia/Jakarta by default)
    // (a household where nobody is 18 or over gets no sticker, and the answer counts them)
    const all = await store.households({ code: '32.71.01.1001', level: 'village' }, todayIn('Asia/Jakarta'));
    const households = all.filter((h) => h.eligible > 0);
    expect(count).toBe(households.length);
    expect(Number(res.headers['x-households-without-adults'] ?? 0)).toBe(all.length - households.length);
    const recorded = (await store.stickers.list({ region: '3271011001', limit: 1000 })).stickers.filter((s) => s.kind === 'household');
    expect(recorded.map((s) => s.label)).toEqual(households.map((h) => h.label));
    const file = savePdf(res.rawPayload);
    const text = run('pdftotext', [file, '-']);
    expect(text).not.toMatch(/\d{16}/);
    // each sticker names its household as the register does: stickers of one RT told apart on paper
    const printed = text.replace(/\s+/g, ' ');
    for (const h of households) expect(printed).toContain(`Rumah tangga ${h.label}`);
    expect(households.some((h) => h.label.endsWith(' no. 2'))).toBe(true);
    const residents = sample('residents.csv');
    for (const line of residents.split('\n').slice(1, 50)) for (const id of line.split(',').slice(0, 2)) if (id) expect(text).not.toContain(id);
    // every QR code reads and verifies, none carries a NIK or a KK
    const codes = scanQrCodes(file);
    expect(codes).toHaveLength(count);
    const verified = await Promise.all(codes.map(async (c) => (await app.inject({ url: c.text.slice(c.text.indexOf('/v/')), headers: { accept: 'application/json' } })).json()));
    expect(verified.every((v) => v.valid && v.subject.kind === 'household')).toBe(true);
    expect(verified.map((v) => v.subject.name).sort()).toEqual(households.map((h) => h.label).sort());
    // the colour each says is core's rule on the household's counts
    const byLabel = new Map(households.map((h) => [h.label, h]));
    for (const v of verified) expect(v.colour, v.subject.name).toBe(byLabel.get(v.subject.name)!.eligible > 0 && byLabel.get(v.subject.name)!.covered < byLabel.get(v.subject.name)!.eligible ? 'red' : 'green');
    expect(codes.some((c) => /\d{16}/.test(decodeURIComponent(c.text)))).toBe(false);
  });

  it('revokes a household’s green sticker once a member’s coverage ends', async () => {
    const today = todayIn('Asia/Jakarta');
    const households = await store.households({ code: '32.71.01.1001', level: 'village' }, today);
    const green = households.find((h) => h.eligible > 0 && h.covered === h.eligible)!;
    expect(green).toBeDefined();
    const printed = await batch({ region: '3271011001', kind: 'household', status: 'registered' });
    expect(printed.statusCode, printed.body).toBe(200);
    const codes = scanQrCodes(savePdf(printed.rawPayload));
    const verified = await Promise.all(codes.map(async (c) => ({ url: c.text.slice(c.text.indexOf('/v/')), v: (await app.inject({ url: c.text.slice(c.text.indexOf('/v/')), headers: { accept: 'application/json' } })).json() })));
    const sticker = verified.find((x) => x.v.subject.name === green.label)!;
    expect(sticker.v).toMatchObject({ valid: true, colour: 'green' });
    // its members' accounts, found through the store's own key for household ids (the test's privilege)
    const [secret] = await store.db.query<{ value: string }>("select value from store_secrets where name = 'household_id'");
    const kks = await store.db.query<{ family_number: string }>("select distinct family_number from residents where replace(village_code, '.', '') = '3271011001'");
    const kk = kks.map((r) => r.family_number).find((k) => createHmac('sha256', secret!.value).update(k).digest('base64url').slice(0, 22) === green.id)!;
    const accounts = await store.db.query<{ kpj: string }>('select p.kpj from residents r join participants p on p.nik = r.nik where r.family_number = $1 and p.ended_on is null', [kk]);
    expect(accounts.length).toBeGreaterThan(0);
    for (const [i, a] of accounts.entries()) {
      expect((await app.inject({ method: 'POST', url: '/v1/participants/events', headers: auth, payload: { type: 'ended', eventId: `hh-${i}`, kpj: a.kpj, occurredOn: '2020-01-01' } })).statusCode).toBe(201);
    }
    // the sweep runs a moment after the events
    await vi.waitFor(async () => expect((await app.inject({ url: sticker.url, headers: { accept: 'application/json' } })).json()).toMatchObject({ reason: 'revoked', revokedReason: 'coverage changed after printing: household_not_all_covered' }), {
      timeout: 10_000,
      interval: 50,
    });
    // the household's other stickers of this batch are untouched
    const others = verified.filter((x) => x !== sticker);
    const still = await Promise.all(others.map(async (x) => (await app.inject({ url: x.url, headers: { accept: 'application/json' } })).json().valid));
    expect(still.every(Boolean)).toBe(true);
  });

  it('prints a village’s other employers when one stored name cannot be printed, naming the one left out', async () => {
    // a name holding a NIK came in with an export: its sticker is never printed, the village's others are
    const village = 'id,name,village_code,rw,rt,npp,status\n9120000000801,Warung 3271 0117 0590 0001,3271061005,1,1,,\n9120000000802,Toko Baik,3271061005,1,2,,\n9120000000803,CV Jujur,3271061005,2,1,15070955,aktif\n';
    expect((await upload('employers', village)).statusCode).toBe(201);
    const res = await batch({ region: '3271061005', kind: 'employer' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['x-skipped-count']).toBe('1');
    expect(res.headers['x-skipped-ids']).toBe('9120000000801');
    const text = run('pdftotext', [savePdf(res.rawPayload), '-']);
    expect(text).toContain('Toko Baik');
    expect(text).toContain('CV Jujur');
    expect(text).not.toContain('3271 0117');
  });

  it('answers 404 with nothing to print and 400 for a region above a village', async () => {
    expect((await batch({ region: '3271011001.999.999'.replace('3271011001.', '32.71.01.1001.'), kind: 'employer' })).statusCode).toBe(404);
    const district = await batch({ region: '327101', kind: 'household' });
    expect(district.statusCode).toBe(400);
    expect(district.json().issues[0].path).toEqual(['region']);
  });
});
