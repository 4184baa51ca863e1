// Access by region: keys kept in the store with a role and a scope (a city, a district or a
// village). A village's keys — its operator's, the BPJS feed's, the civil registry's — read, print,
// import and send events only for their village (403 elsewhere, naming the scope; a sticker of
// another village answers as one that does not exist); keys are made and revoked without a restart,
// kept only as their sha256, and every change is in the audit log.
import { createKeyRing, generateSigningKeyPem } from '@cakupan/print';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '@cakupan/store';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { employer, household, importForm, run, savePdf, scanQrCodes } from './helpers.js';

const ADMIN = 'scope-test-admin-key-0123456789';
const admin = { authorization: `Bearer ${ADMIN}` };
const dir = mkdtempSync(join(tmpdir(), 'cakupan-scope-'));
const sample = (name: string) => readFileSync(join(import.meta.dirname, '..', 'sample', name), 'utf8');
let store: Store;
let app: FastifyInstance;
/** The village office's operator (reads, prints, revokes), its BPJS feed (events, accounts and employers), its civil registry (residents). */
let village: { authorization: string };
let villageFeed: { authorization: string };
let villageRegister: { authorization: string };
let villageKey: string;
const makeKey = async (label: string, role: string) => {
  const made = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: admin, payload: { label, role, scope: '3271011001' } });
  expect(made.statusCode, made.body).toBe(201);
  return made.json().key as string;
};

const upload = (kind: string, csv: string, headers: Record<string, string>) => {
  const form = importForm(kind, csv, { asOf: '2017-12-31' });
  return app.inject({ method: 'POST', url: '/v1/imports', payload: form.payload, headers: { ...headers, ...form.headers } });
};
const forbidden = async (res: { statusCode: number; json(): { message: string } }) => {
  expect(res.statusCode).toBe(403);
  expect(res.json().message).toContain('32.71.01.1001 (Batu Tulis)');
};

beforeAll(async () => {
  store = await openStore({ dataDir: join(dir, 'store') });
  const config = loadConfig({ NODE_ENV: 'test', API_KEYS: `disnaker:${ADMIN}`, DATA_DIR: dir, LOG_LEVEL: 'silent', PUBLIC_BASE_URL: 'http://127.0.0.1:3000' });
  app = await buildApp({ config, keyRing: createKeyRing(generateSigningKeyPem()), store });
  for (const kind of ['residents', 'participants', 'employers']) expect((await upload(kind, sample(`${kind}.csv`), admin)).statusCode).toBe(201);
  // the sample city has no employer in Batu Tulis: two more
  const batuTulis = 'id,name,village_code,rw,rt,npp,status\n9120000000901,CV Batu Tulis,3271011001,3,5,15070955,aktif\n9120000000902,Warung Lawang Saketeng,3271011001,2,1,,\n';
  expect((await upload('employers', batuTulis, admin)).statusCode).toBe(201);
  villageKey = await makeKey('kelurahan-batutulis', 'kelurahan_operator');
  village = { authorization: `Bearer ${villageKey}` };
  villageFeed = { authorization: `Bearer ${await makeKey('bpjs-batutulis', 'bpjs_branch')}` };
  villageRegister = { authorization: `Bearer ${await makeKey('dukcapil-batutulis', 'disdukcapil')}` };
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('a village’s key', () => {
  it('reads its village and below: coverage, series, employers', async () => {
    const rts = await app.inject({ url: '/v1/coverage?asOf=2017-12-31&level=rt', headers: village });
    expect(rts.statusCode, rts.body).toBe(200);
    expect(rts.json().regions.length).toBeGreaterThan(0);
    expect(rts.json().regions.every((r: { code: string }) => r.code.startsWith('32.71.01.1001.'))).toBe(true);
    expect(rts.json().parent).toMatchObject({ code: '32.71.01.1001' });
    expect((await app.inject({ url: '/v1/coverage/series?region=3271011001&from=2017-01-01&to=2017-03-31', headers: village })).statusCode).toBe(200);
    const employers = await app.inject({ url: '/v1/employers', headers: village });
    expect(employers.statusCode).toBe(200);
    expect(employers.json().employers.length).toBeGreaterThan(0);
    expect(employers.json().employers.every((e: { villageCode: string }) => e.villageCode === '32.71.01.1001')).toBe(true);
    const compliance = await app.inject({ url: '/v1/employers/compliance?level=rw', headers: village });
    expect(compliance.statusCode).toBe(200);
    expect(compliance.json().regions.every((r: { code: string }) => r.code.startsWith('32.71.01.1001.'))).toBe(true);
    // data quality: its village's counts, not the whole store's linkage and rows
    const quality = await app.inject({ url: '/v1/quality?asOf=2017-12-31', headers: village });
    expect(quality.statusCode, quality.body).toBe(200);
    expect(quality.json()).toMatchObject({ region: { code: '32.71.01.1001' } });
    expect(quality.json()).not.toHaveProperty('linkage');
    expect(quality.json()).not.toHaveProperty('records');
    expect((await app.inject({ url: '/v1/quality?asOf=2017-12-31&region=3271', headers: admin })).json()).toHaveProperty('linkage.notInRegister');
    // and its monthly report: its village's quality notes, not the whole store's
    const reportText = async (headers: Record<string, string>, region: string) => {
      const res = await app.inject({ url: `/v1/reports/monthly?region=${region}&month=2017-12`, headers });
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      return run('pdftotext', [savePdf(res.rawPayload), '-']).replace(/\s+/g, ' ');
    };
    const own = await reportText(village, '3271011001');
    expect(own).toContain('Catatan kualitas data');
    expect(own).not.toContain('tidak ada di data penduduk');
    expect(own).not.toContain('Baris ditolak saat impor');
    expect(await reportText(admin, '3271011001')).toContain('tidak ada di data penduduk');
  });

  it('answers 403 naming its scope for another village’s coverage, series, employers, stickers, imports and events', async () => {
    await forbidden(await app.inject({ url: '/v1/coverage?asOf=2017-12-31&level=rt&parent=3271021003', headers: village }));
    await forbidden(await app.inject({ url: '/v1/coverage?asOf=2017-12-31&level=village&parent=32.71.01', headers: village }));
    await forbidden(await app.inject({ url: '/v1/coverage/series?region=3271&from=2017-01-01&to=2017-03-31', headers: village }));
    await forbidden(await app.inject({ url: '/v1/employers?region=3271051006', headers: village }));
    await forbidden(await app.inject({ url: '/v1/employers/compliance?level=village&parent=3271', headers: village }));
    const print = await app.inject({ method: 'POST', url: '/v1/stickers', headers: village, payload: { subjects: [employer(), household()] } });
    await forbidden(print);
    expect(print.json().issues[0].path).toEqual(['subjects', 1, 'villageCode']);
    await forbidden(await app.inject({ url: '/v1/stickers?region=3271021003', headers: village }));
    // the city's register sent with a village's key: only its village's rows are used, the rest are
    // rejected by name, and only its village's register is replaced
    const cityBefore = (await app.inject({ url: '/v1/coverage?asOf=2017-12-31&level=village&parent=32.71', headers: admin })).json().regions;
    // (the very file in force is a duplicate for any key: its rows are the store's already)
    expect((await upload('residents', sample('residents.csv'), villageRegister)).json().duplicate).toBe(true);
    const imported = await upload('residents', `${sample('residents.csv')}\n`, villageRegister);
    expect(imported.statusCode, imported.body).toBe(201);
    const rows = sample('residents.csv').trim().split('\n').slice(1);
    expect(imported.json().import).toMatchObject({ regions: ['32.71.01.1001'], rowsRejected: rows.filter((l) => !l.includes(',3271011001,')).length });
    expect(imported.json().preview.firstRejects[0]).toMatchObject({ code: 'out_of_scope', column: 'village_code' });
    expect((await app.inject({ url: '/v1/coverage?asOf=2017-12-31&level=village&parent=32.71', headers: admin })).json().regions).toEqual(cityBefore);
    // an event for someone who lives in another village
    const elsewhere = sample('residents.csv').split('\n').find((l) => l.includes(',3271051004,'))!.split(',')[0];
    await forbidden(
      await app.inject({ method: 'POST', url: '/v1/participants/events', headers: villageFeed, payload: { type: 'registered', eventId: 'scope-1', kpj: '90000000077', nik: elsewhere, segment: 'BPU', occurredOn: '2017-03-01' } }),
    );
    const here = sample('residents.csv').split('\n').find((l) => l.includes(',3271011001,'))!.split(',')[0];
    expect((await app.inject({ method: 'POST', url: '/v1/participants/events', headers: villageFeed, payload: { type: 'registered', eventId: 'scope-2', kpj: '90000000078', nik: here, segment: 'BPU', occurredOn: '2017-03-01' } })).statusCode).toBe(201);
  });

  it('sees the imports it made and its village’s, no other: the city’s answer as if there were none', async () => {
    const own = await upload('employers', 'id,name,village_code,rw,rt,npp,status\n9120000000903,Toko Batu Tulis,3271011001,1,1,,\n', villageFeed);
    expect(own.statusCode, own.body).toBe(201);
    const all = (await app.inject({ url: '/v1/imports', headers: admin })).json().imports as { id: number; apiKeyLabel: string | null; regions: string[] | null }[];
    const seen = (await app.inject({ url: '/v1/imports', headers: villageFeed })).json().imports as typeof all;
    expect(seen.map((i) => i.id)).toContain(own.json().import.id);
    expect(seen.every((i) => i.apiKeyLabel === 'bpjs-batutulis' || (i.regions ?? ['none']).every((r) => r.startsWith('32.71.01.1001')))).toBe(true);
    const city = all.filter((i) => i.apiKeyLabel === 'disnaker');
    expect(city.length).toBeGreaterThan(0);
    expect(seen.some((i) => i.apiKeyLabel === 'disnaker')).toBe(false);
    const hidden = await app.inject({ url: `/v1/imports/${city[0]!.id}/rejects`, headers: villageFeed });
    const missing = await app.inject({ url: '/v1/imports/999999/rejects', headers: villageFeed });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().message.replace(String(city[0]!.id), 'N')).toBe(missing.json().message.replace('999999', 'N'));
    expect((await app.inject({ url: `/v1/imports/${own.json().import.id}/rejects`, headers: villageFeed })).statusCode).toBe(200);
  });

  it('changes only accounts and employers wholly in its village, and its event ids are its own', async () => {
    const event = (headers: Record<string, string>, body: Record<string, unknown>) => app.inject({ method: 'POST', url: '/v1/participants/events', headers, payload: body });
    const here = sample('residents.csv').split('\n').filter((l) => l.includes(',3271011001,')).map((l) => l.split(',')[0]!);
    // another village's account (KPJ 27670165966, a resident of 32.71.05.1004) registered again with a NIK of its own village
    const takeover = await event(villageFeed, { type: 'registered', eventId: 'takeover-1', kpj: '27670165966', nik: here[5], segment: 'BPU', occurredOn: '2017-06-01' });
    await forbidden(takeover);
    // its own village's account moved to another of its residents: only an administrator does that
    const moved = await event(villageFeed, { type: 'registered', eventId: 'move-1', kpj: '68815332531', nik: here[6], segment: 'PU', occurredOn: '2017-06-01' });
    expect(moved.statusCode, moved.body).toBe(409);
    expect(moved.json().issues[0]).toMatchObject({ code: 'conflict', path: ['kpj'] });
    // an NPP also held by an employer of another village
    const other = 'id,name,village_code,rw,rt,npp,status\n9120000000905,PT Seberang,3271021003,1,1,15070955,aktif\n';
    expect((await upload('employers', other, admin)).statusCode).toBe(201);
    await forbidden(await event(villageFeed, { type: 'employer_status_changed', eventId: 'lapse-1', npp: '15070955', occurredOn: '2017-06-01', status: 'inactive' }));
    expect((await store.employers({ region: '3271021003' })).employers.find((e) => e.id === '9120000000905')).toMatchObject({ status: 'aktif' });
    // an id the village used first does not take the administrator's event with the same id
    const ended = sample('participants.csv').split('\n').find((l) => l.includes('38949573391'))!;
    expect(ended).toBeDefined();
    expect((await event(villageFeed, { type: 'status_changed', eventId: 'same-id', kpj: '38949573391', occurredOn: '2017-06-01', status: 'active' })).statusCode).toBe(201);
    const adminsOwn = await event(admin, { type: 'ended', eventId: 'same-id', kpj: '38949573391', occurredOn: '2017-07-01' });
    expect(adminsOwn.statusCode, adminsOwn.body).toBe(201);
    expect(adminsOwn.json()).toEqual({ applied: true });
    // and the administrator may move an account to another NIK
    expect((await event(admin, { type: 'registered', eventId: 'move-2', kpj: '68815332531', nik: here[6], segment: 'PU', occurredOn: '2017-06-01' })).statusCode).toBe(201);
  });

  it('prints green only when the store says so: its facts, never the request’s', async () => {
    const stickers = (headers: Record<string, string>, subjects: unknown[], query = '') => app.inject({ method: 'POST', url: `/v1/stickers${query}`, headers, payload: { subjects } });
    const printed = async () => (await app.inject({ url: '/v1/stickers?limit=1000', headers: admin })).json().stickers.length as number;
    const before = await printed();
    // the store lists Warung Lawang Saketeng with no NPP: a request that says it is registered is refused, naming the field
    const claimed = await stickers(village, [{ kind: 'employer', id: '9120000000902', name: 'Warung Lawang Saketeng', villageCode: '3271011001', npp: '00000001', status: 'aktif' }]);
    expect(claimed.statusCode).toBe(409);
    expect(claimed.json().issues[0]).toMatchObject({ code: 'conflict', path: ['subjects', 0, 'npp'] });
    // a made-up household “all covered”: households are counted by the store, by region
    const madeUp = await stickers(village, [household({ villageCode: '3271011001', eligible: 5, covered: 5 })]);
    expect(madeUp.statusCode).toBe(400);
    expect(madeUp.json().issues[0].path).toEqual(['subjects', 0]);
    // another village's employer (it is in the store) answers as one the store does not hold
    const elsewhere = await stickers(village, [{ kind: 'employer', id: '9120000000002', name: 'Toko Usaha 2', villageCode: '3271011001' }]);
    const unknown = await stickers(village, [{ kind: 'employer', id: '9129999999999', name: 'Toko Entah', villageCode: '3271011001' }]);
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json().message.replace('9120000000002', 'X')).toBe(unknown.json().message.replace('9129999999999', 'X'));
    // printing from the request's own data is an administrator's, explicitly
    expect((await stickers(village, [household({ villageCode: '3271011001' })], '?facts=request')).statusCode).toBe(403);
    expect(await printed()).toBe(before);
    // without facts, the store's: red, as the store holds it, and the register says where the facts came from
    const asStored = await stickers(village, [{ kind: 'employer', id: '9120000000902', name: 'any name the request gives', villageCode: '3271011001' }]);
    expect(asStored.statusCode, asStored.body).toBe(200);
    const record = (await app.inject({ url: `/v1/stickers?region=3271011001&after=${Number(asStored.headers['x-first-serial']) - 1}&limit=1`, headers: admin })).json().stickers[0];
    expect(record).toMatchObject({ subjectId: '9120000000902', label: 'Warung Lawang Saketeng', registered: false, reason: 'employer_without_npp', facts: 'store' });
    // an ad-hoc green sticker for an employer the store holds unregistered is swept against the store at once
    const claimedGreen = await stickers(admin, [{ kind: 'employer', id: '9120000000902', name: 'Warung Lawang Saketeng', villageCode: '3271011001', npp: '00000001', status: 'aktif' }], '?facts=request');
    expect(claimedGreen.statusCode, claimedGreen.body).toBe(200);
    const swept = (await app.inject({ url: `/v1/stickers?after=${Number(claimedGreen.headers['x-first-serial']) - 1}&limit=1`, headers: admin })).json().stickers[0];
    expect(swept).toMatchObject({ registered: true, facts: 'request', revokedReason: 'status changed after printing: employer_without_npp' });
    const adHoc = await stickers(admin, [household({ villageCode: '3271021003' })], '?facts=request');
    expect(adHoc.statusCode, adHoc.body).toBe(200);
    const adHocRecord = (await app.inject({ url: `/v1/stickers?after=${Number(adHoc.headers['x-first-serial']) - 1}&limit=1`, headers: admin })).json().stickers[0];
    expect(adHocRecord).toMatchObject({ kind: 'household', facts: 'request' });
    // and the sticker's own verification page says where its facts came from; the store's says nothing of it
    const verify = (pdf: Buffer, accept = 'application/json') => app.inject({ url: new URL(scanQrCodes(savePdf(pdf))[0]!.text).pathname, headers: { accept } });
    expect((await verify(adHoc.rawPayload)).json()).toMatchObject({ valid: true, facts: 'request' });
    expect((await verify(adHoc.rawPayload, 'text/html')).body).toContain('bukan dari basis data pemantauan');
    expect((await verify(asStored.rawPayload)).json()).not.toHaveProperty('facts');
  });

  it('prints and revokes stickers of its village only', async () => {
    const own = await app.inject({ method: 'POST', url: '/v1/stickers', headers: village, payload: { subjects: [{ kind: 'employer', id: '9120000000901', name: 'CV Batu Tulis', villageCode: '3271011001' }] } });
    expect(own.statusCode, own.body).toBe(200);
    const other = await app.inject({ method: 'POST', url: '/v1/stickers?facts=request', headers: admin, payload: { subjects: [household()] } });
    const otherSerial = Number(other.headers['x-first-serial']);
    // another village's sticker answers as one that does not exist: a serial does not tell where it hangs
    const outside = await app.inject({ method: 'POST', url: `/v1/stickers/${otherSerial}/revoke`, headers: village, payload: { reason: 'misprint' } });
    const missing = await app.inject({ method: 'POST', url: '/v1/stickers/999999999/revoke', headers: village, payload: { reason: 'misprint' } });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().message.replace(String(otherSerial), 'N')).toBe(missing.json().message.replace('999999999', 'N'));
    expect(outside.body).not.toContain('32.71');
    const listed = (await app.inject({ url: '/v1/stickers', headers: village })).json().stickers;
    expect(listed.map((s: { serial: number }) => s.serial)).toContain(Number(own.headers['x-first-serial']));
    expect(listed.map((s: { serial: number }) => s.serial)).not.toContain(otherSerial);
    expect(listed.every((s: { villageCode: string }) => s.villageCode === '32.71.01.1001')).toBe(true);
    expect((await app.inject({ method: 'POST', url: `/v1/stickers/${own.headers['x-first-serial']}/revoke`, headers: village, payload: { reason: 'misprint' } })).statusCode).toBe(200);
  });

  it('cannot manage keys or read the audit log', async () => {
    expect((await app.inject({ url: '/v1/api-keys', headers: village })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/v1/api-keys', headers: village, payload: { label: 'x', role: 'administrator' } })).statusCode).toBe(403);
    expect((await app.inject({ url: '/v1/audit', headers: village })).statusCode).toBe(403);
  });
});

describe('keys kept in the store', () => {
  it('are kept as their sha256 only, listed without it, and refuse a used label or a scope below a village', async () => {
    const rows = await store.db.query<Record<string, unknown>>('select * from api_keys');
    expect(JSON.stringify(rows)).not.toContain(villageKey);
    const listed = (await app.inject({ url: '/v1/api-keys', headers: admin })).json().keys;
    expect(listed).toContainEqual(expect.objectContaining({ label: 'kelurahan-batutulis', role: 'kelurahan_operator', scope: '32.71.01.1001', createdBy: 'disnaker', revokedAt: null }));
    expect(JSON.stringify(listed)).not.toMatch(/hash|ck_/);
    expect((await app.inject({ method: 'POST', url: '/v1/api-keys', headers: admin, payload: { label: 'kelurahan-batutulis', role: 'analyst' } })).statusCode).toBe(409);
    const rt = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: admin, payload: { label: 'rt', role: 'kelurahan_operator', scope: '32.71.01.1001.001.001' } });
    expect(rt.statusCode).toBe(400);
    expect(rt.json().issues[0].path).toEqual(['scope']);
    expect(rt.json().issues[0].message).toBe('a scope is a province, a city or regency, a district or a village (not an RW or RT)');
  });

  it('work from the moment they are made and stop the moment they are revoked, with both in the audit log', async () => {
    const district = (await app.inject({ method: 'POST', url: '/v1/api-keys', headers: admin, payload: { label: 'kecamatan-bogor-selatan', role: 'analyst', scope: '327101' } })).json();
    const key = { authorization: `Bearer ${district.key}` };
    expect((await app.inject({ url: '/v1/coverage?asOf=2017-12-31&level=village', headers: key })).json().regions.length).toBeGreaterThan(1);
    expect((await app.inject({ method: 'POST', url: '/v1/api-keys/kecamatan-bogor-selatan/revoke', headers: admin })).statusCode).toBe(200);
    expect((await app.inject({ url: '/v1/coverage?asOf=2017-12-31&level=village', headers: key })).statusCode).toBe(401);
    const log = (await app.inject({ url: '/v1/audit', headers: admin })).json().entries as { action: string; subject: string; actor: string }[];
    expect(log.filter((e) => e.action.startsWith('key.')).map((e) => [e.action, e.subject, e.actor])).toEqual([
      ['key.revoke', 'kecamatan-bogor-selatan', 'disnaker'],
      ['key.add', 'kecamatan-bogor-selatan', 'disnaker'],
      ['key.add', 'dukcapil-batutulis', 'disnaker'],
      ['key.add', 'bpjs-batutulis', 'disnaker'],
      ['key.add', 'kelurahan-batutulis', 'disnaker'],
    ]);
    expect((await app.inject({ method: 'POST', url: '/v1/api-keys/nobody/revoke', headers: admin })).statusCode).toBe(404);
  });
});
