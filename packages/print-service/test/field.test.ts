// The field work over HTTP: a field officer records a sticker put up (with GPS), a second officer
// records the same sticker and both are kept and shown; a phone's retried sync applies once; a
// revoked sticker is not put up and names its replacement; a visit to an unregistered employer
// keeps its outcome and follow-up date; another village's sticker or employer answers as one that
// does not exist; and the register's history says who did what.
import { createKeyRing, generateSigningKeyPem } from '@cakupan/print';
import { openStore, type Store } from '@cakupan/store';
import type { FastifyInstance } from 'fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { importSampleCity } from '../src/sampleCity.js';
import { run, savePdf } from './helpers.js';

const ADMIN = 'field-admin-key-0123456789abcdef';
const admin = { authorization: `Bearer ${ADMIN}` };
const VILLAGE = '3271011008';
let store: Store;
let app: FastifyInstance;
const officer: Record<string, Record<string, string>> = {};

const print = async (id: string, village = VILLAGE): Promise<number> => {
  const res = await app.inject({ method: 'POST', url: '/v1/stickers', headers: admin, payload: { subjects: [{ kind: 'employer', id, name: 'x', villageCode: village }] } });
  expect(res.statusCode, res.body).toBe(200);
  return Number(res.headers['x-first-serial']);
};
const install = (who: string, serial: number, body: Record<string, unknown> = {}) =>
  app.inject({ method: 'POST', url: `/v1/stickers/${serial}/installations`, headers: officer[who]!, payload: { installedAt: '2026-12-03T09:15:00+07:00', ...body } });

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cakupan-field-'));
  store = await openStore({ dataDir: join(dir, 'store') });
  await importSampleCity(store);
  const config = loadConfig({ NODE_ENV: 'test', API_KEYS: `disnaker:${ADMIN}`, DATA_DIR: dir, LOG_LEVEL: process.env.TEST_LOG ?? 'silent', PUBLIC_BASE_URL: 'http://127.0.0.1:3000' });
  app = await buildApp({ config, keyRing: createKeyRing(generateSigningKeyPem()), store, today: () => '2026-12-03' });
  for (const [label, scope] of [['andi', VILLAGE], ['budi', VILLAGE], ['elsewhere', '3271021003']] as const) {
    const made = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: admin, payload: { label, role: 'field_officer', scope } });
    expect(made.statusCode, made.body).toBe(201);
    officer[label] = { authorization: `Bearer ${made.json().key}` };
  }
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('the field work', () => {
  it('keeps every installation of a sticker, applies a retried sync once, and keeps to the officer’s village', async () => {
    const serial = await print('9120000000004');
    const first = await install('andi', serial, { location: { latitude: -6.6181, longitude: 106.8122, accuracyM: 12 }, clientId: 'phone-andi-0001' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().installation).toMatchObject({ serial, recordedBy: 'andi', location: { latitude: -6.6181, longitude: 106.8122, accuracyM: 12 } });
    // the phone sends it again (it did not hear back): nothing new
    const again = await install('andi', serial, { location: { latitude: -6.6181, longitude: 106.8122, accuracyM: 12 }, clientId: 'phone-andi-0001' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ repeated: true, installation: { id: first.json().installation.id } });
    // another officer records the same sticker: both kept, both shown
    const second = await install('budi', serial);
    expect(second.statusCode).toBe(201);
    expect(second.json().installations.map((i: { recordedBy: string }) => i.recordedBy)).toEqual(['andi', 'budi']);
    // another village's officer: as if there were no such sticker
    const outside = await install('elsewhere', serial);
    const missing = await install('elsewhere', 999_999_999);
    expect(outside.statusCode).toBe(404);
    expect(outside.json().message.replace(String(serial), 'N')).toBe(missing.json().message.replace('999999999', 'N'));
    const log = (await app.inject({ url: '/v1/audit?limit=10', headers: admin })).json().entries as { action: string; actor: string; subject: string }[];
    expect(log.filter((e) => e.action === 'sticker.install').map((e) => [e.actor, e.subject])).toEqual([
      ['budi', String(serial)],
      ['andi', String(serial)],
    ]);
  });

  it('does not put up a revoked sticker: it names the replacement', async () => {
    const old = await print('9120000000007');
    const replacement = await print('9120000000007'); // printing again replaces it
    const refused = await install('andi', old);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain(`put up sticker ${replacement} instead`);
    const history = await app.inject({ url: `/v1/stickers/${old}/installations`, headers: officer.andi! });
    expect(history.json()).toEqual({ installations: [], revoked: true, replacement });
    expect((await install('andi', replacement)).statusCode).toBe(201);
  });

  it('records a visit to an employer with its outcome and follow-up date, in the officer’s village only', async () => {
    const visit = await app.inject({
      method: 'POST',
      url: '/v1/employers/9120000000004/visits',
      headers: officer.andi!,
      payload: { outcome: 'will_register', followUpOn: '2026-12-17', visitedAt: '2026-12-03T10:00:00+07:00', clientId: 'phone-andi-0002' },
    });
    expect(visit.statusCode, visit.body).toBe(201);
    expect(visit.json().visit).toMatchObject({ employerId: '9120000000004', outcome: 'will_register', followUpOn: '2026-12-17', recordedBy: 'andi' });
    const bad = await app.inject({ method: 'POST', url: '/v1/employers/9120000000004/visits', headers: officer.andi!, payload: { outcome: 'maybe', visitedAt: 'yesterday' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: { path: string[] }) => i.path[0]).sort()).toEqual(['outcome', 'visitedAt']);
    expect((await app.inject({ method: 'POST', url: '/v1/employers/9120000000004/visits', headers: officer.elsewhere!, payload: { outcome: 'refused', visitedAt: '2026-12-03T10:00:00+07:00' } })).statusCode).toBe(404);
    const visits = await app.inject({ url: '/v1/employers/9120000000004/visits', headers: officer.budi! });
    expect(visits.json().visits).toHaveLength(1);
  });

  it('shows the progress per RW and as CSV: printed, put up, not yet, still to replace, visits by outcome, follow-ups due', async () => {
    const res = await app.inject({ url: `/v1/field/progress?region=${VILLAGE}`, headers: officer.andi! });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ region: { code: '32.71.01.1008' }, level: 'rw' });
    // 9120000000004 (RW 5): printed once, put up (by two officers: one sticker); 9120000000007 (RW 6): printed twice, the second put up
    expect(body.rows.map((r: { code: string }) => r.code)).toEqual(['32.71.01.1008.005', '32.71.01.1008.006']);
    expect(body.rows[0]).toMatchObject({ printed: 1, inForce: 1, installed: 1, notInstalled: 0, toReplace: 0, visited: 1, byOutcome: { will_register: 1 }, followUpsDue: 0 });
    expect(body.rows[1]).toMatchObject({ printed: 2, inForce: 1, installed: 1, notInstalled: 0, toReplace: 0, visited: 0 });
    expect(body.total).toMatchObject({ printed: 3, installed: 2, visited: 1 });
    const later = await app.inject({ url: '/v1/field/progress?region=32.71.01.1008.005', headers: officer.andi! });
    expect(later.json().rows).toEqual([expect.objectContaining({ code: '32.71.01.1008.005.004', printed: 1 })]);
    const csv = await app.inject({ url: `/v1/field/progress?region=${VILLAGE}&format=csv`, headers: officer.andi! });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\n')[0]).toBe('code,name,printed,in_force,installed,not_installed,to_replace,visited,registered_on_the_spot,will_register,refused,closed,not_found,follow_ups_due');
    expect(csv.body).toContain('32.71.01.1008.005,,1,1,1,0,0,1,0,1,0,0,0,0');
    expect((await app.inject({ url: '/v1/field/progress?region=3271021003', headers: officer.andi! })).statusCode).toBe(403);
  });

  it('puts the stickering in the monthly report, per child region', async () => {
    const res = await app.inject({ url: '/v1/reports/monthly?region=327101&month=2017-12', headers: admin });
    expect(res.statusCode, res.body).toBe(200);
    const pages = run('pdftotext', ['-layout', savePdf(res.rawPayload), '-']);
    expect(pages).toContain('Pemasangan stiker per Kelurahan');
    // Cikaret: 3 printed, 2 put up, none waiting, 1 employer visited
    expect(pages).toMatch(/Cikaret\s+3\s+2\s+0\s+0\s+1\s+0/);
  });

  it('takes a phone’s queue at once, each record answered as its own route would, none stopping the others', async () => {
    const fresh = await print('9120000000004');
    const old = await print('9120000000007');
    const replacement = await print('9120000000007');
    const outside = await print('9120000000002', '3271021003');
    const at = '2026-12-03T11:00:00+07:00';
    const records = [
      { kind: 'installation', serial: fresh, installedAt: at, clientId: 'queue-0001' },
      { kind: 'installation', serial: fresh, installedAt: at, clientId: 'queue-0001' },
      { kind: 'installation', serial: old, installedAt: at, clientId: 'queue-0002' },
      { kind: 'installation', serial: outside, installedAt: at, clientId: 'queue-0003' },
      { kind: 'visit', employerId: '9120000000004', outcome: 'refused', visitedAt: at, clientId: 'queue-0004' },
    ];
    const res = await app.inject({ method: 'POST', url: '/v1/field/records', headers: officer.andi!, payload: { records } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().results.map((r: { clientId: string; status: number }) => [r.clientId, r.status])).toEqual([
      ['queue-0001', 201],
      ['queue-0001', 200],
      ['queue-0002', 409],
      ['queue-0003', 404],
      ['queue-0004', 201],
    ]);
    expect(res.json().results[2]).toMatchObject({ replacement });
    expect((await app.inject({ url: `/v1/stickers/${fresh}/installations`, headers: admin })).json().installations).toHaveLength(1);
    const tooMany = await app.inject({ method: 'POST', url: '/v1/field/records', headers: officer.andi!, payload: { records: Array.from({ length: 101 }, (_, i) => ({ ...records[0], clientId: `queue-${1000 + i}` })) } });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().issues[0].path).toEqual(['records']);
  });
});
