// The issued-sticker register: every printed sticker recorded with what it said, revoked by hand
// or by a replacement, the verification page saying so (the QR codes read from the PDF by
// zbarimg), the JWK Set and the signed revocation list checked by a verifier written here from
// the published documents only (Node's crypto, no project code), and a key rotation.
import { createKeyRing, generateSigningKeyPem, type KeyRing } from '@cakupan/print';
import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { openDb, openStore, type Store } from '@cakupan/store';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { employer, household, importForm, savePdf, scanQrCodes } from './helpers.js';

const KEY = 'register-test-key-0123456789';
const auth = { authorization: `Bearer ${KEY}` };
const dir = mkdtempSync(join(tmpdir(), 'cakupan-register-'));
let store: Store;
const apps: FastifyInstance[] = [];

const appWith = async (keyRing: KeyRing) => {
  const config = loadConfig({ NODE_ENV: 'test', API_KEYS: `kelurahan-batutulis:${KEY}`, DATA_DIR: dir, LOG_LEVEL: 'silent', PUBLIC_BASE_URL: 'http://127.0.0.1:3000' });
  const app = await buildApp({ config, keyRing, store });
  apps.push(app);
  return app;
};
// the register's own tests print from the request's data (an administrator's facts=request): the store holds no employer here
const print = async (app: FastifyInstance, subjects: unknown[]) => {
  const res = await app.inject({ method: 'POST', url: '/v1/stickers?facts=request', headers: auth, payload: { subjects } });
  expect(res.statusCode, res.body).toBe(200);
  return { first: Number(res.headers['x-first-serial']), pdf: res.rawPayload };
};
const tokensOf = (pdf: Buffer) => scanQrCodes(savePdf(pdf)).map((c) => c.text.slice(c.text.indexOf('/v/') + 3));
const b64 = (s: string) => Buffer.from(s, 'base64url');

beforeAll(async () => {
  store = await openStore({ dataDir: join(dir, 'store') });
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await store.close();
});

describe('the issued-sticker register', () => {
  const keyA = createKeyRing(generateSigningKeyPem());
  let app: FastifyInstance;
  let tokens: string[];
  let first: number;

  it('records every printed sticker with what it said, by region, as JSON and CSV', async () => {
    app = await appWith(keyA);
    const unregistered = employer({ id: '9120000000002', name: 'Toko Sumber Rezeki', npp: undefined, status: undefined, rt: 6 });
    const printed = await print(app, [employer(), unregistered, household()]);
    first = printed.first;
    tokens = tokensOf(printed.pdf);
    expect(tokens).toHaveLength(3);
    const list = (await app.inject({ url: '/v1/stickers?region=3271011001', headers: auth })).json();
    expect(list.stickers.map((s: { serial: number; subjectId: string; registered: boolean; reason: string }) => [s.serial, s.subjectId, s.registered, s.reason])).toEqual([
      [first, '9120001234567', true, 'employer_registered'],
      [first + 1, '9120000000002', false, 'employer_without_npp'],
    ]);
    expect(list.stickers[0]).toMatchObject({ kind: 'employer', label: 'CV Maju Jaya', villageCode: '32.71.01.1001', rw: 3, rt: 5, keyId: keyA.signingKeyId.toString('hex'), revokedAt: null, facts: 'request' });
    expect(list.stickers[0].source).toContain('kelurahan-batutulis');
    const rt = (await app.inject({ url: '/v1/stickers?region=32.71.01.1001.003.006', headers: auth })).json();
    expect(rt.stickers.map((s: { serial: number }) => s.serial)).toEqual([first + 1]);
    const household_ = (await app.inject({ url: '/v1/stickers?region=327102', headers: auth })).json();
    expect(household_.stickers).toEqual([expect.objectContaining({ serial: first + 2, kind: 'household', subjectId: null, label: 'H-0001' })]);
    const csv = await app.inject({ url: '/v1/stickers?region=3271&format=csv&limit=2', headers: auth });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toBe('serial,kind,subjectId,label,villageCode,rw,rt,registered,reason,issuedOn,validUntil,keyId,printedAt,revokedAt,revokedReason,facts');
    expect(csv.body.trim().split('\n')).toHaveLength(3);
    expect(csv.headers['x-next']).toBe(String(first + 1));
    expect((await app.inject({ url: '/v1/stickers?region=nowhere', headers: auth })).statusCode).toBe(400);
  });

  it('revokes by hand: the scanned sticker’s page says DICABUT, why and since when', async () => {
    const [green] = tokens;
    expect((await app.inject({ url: `/v/${green}`, headers: { accept: 'application/json' } })).json()).toMatchObject({ valid: true, colour: 'green' });
    const res = await app.inject({ method: 'POST', url: `/v1/stickers/${first}/revoke`, headers: auth, payload: { reason: 'closed', note: 'pemilik menelepon kantor, Senin pagi' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ serial: first, revokedReason: 'closed', revokedBy: 'kelurahan-batutulis' });
    const again = await app.inject({ method: 'POST', url: `/v1/stickers/${first}/revoke`, headers: auth, payload: { reason: 'lost' } });
    expect(again.json().revokedAt).toBe(res.json().revokedAt);
    expect(again.json().revokedReason).toBe('closed');
    const json = (await app.inject({ url: `/v/${green}`, headers: { accept: 'application/json' } })).json();
    expect(json).toMatchObject({ valid: false, reason: 'revoked', revokedReason: 'closed', status: 'registered' });
    expect(JSON.stringify(json)).not.toContain('menelepon');
    expect(json.revokedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(json.colour).toBeUndefined();
    const page = (await app.inject({ url: `/v/${green}` })).body;
    expect(page).toContain('DICABUT');
    expect(page).toContain('usaha atau tempat sudah tutup');
    expect(page).not.toContain('menelepon');
    expect(page).not.toContain('TERDAFTAR</h1>');
    const english = (await app.inject({ url: `/v/${green}?lang=en` })).body;
    expect(english).toContain('REVOKED');
    expect(english).toContain('the business or premises has closed');
    // the others still verify
    expect((await app.inject({ url: `/v/${tokens[1]}`, headers: { accept: 'application/json' } })).json()).toMatchObject({ valid: true, colour: 'red' });
    expect((await app.inject({ method: 'POST', url: '/v1/stickers/999999999/revoke', headers: auth, payload: { reason: 'misprint' } })).statusCode).toBe(404);
    // a serial is written in decimal: 0x… or 1e… is not another way to name one
    for (const serial of [`0x${first.toString(16)}`, `${first}.0`, `${first / 10}e1`]) {
      const odd = await app.inject({ method: 'POST', url: `/v1/stickers/${serial}/revoke`, headers: auth, payload: { reason: 'misprint' } });
      expect(odd.statusCode, serial).toBe(400);
      expect(odd.json().issues[0].path).toEqual(['params', 'serial']);
    }
    // the public reason is one of the list: free text (a formula, a NIK) is refused; a note holding a NIK too
    for (const reason of ['=HYPERLINK("http://x","klik")', 'pemilik 3271011705900001']) {
      const free = await app.inject({ method: 'POST', url: `/v1/stickers/${first + 1}/revoke`, headers: auth, payload: { reason } });
      expect(free.statusCode).toBe(400);
      expect(free.json().issues[0].path).toEqual(['reason']);
    }
    const nik = await app.inject({ method: 'POST', url: `/v1/stickers/${first + 1}/revoke`, headers: auth, payload: { reason: 'closed', note: 'pemilik 3271011705900001' } });
    expect(nik.statusCode).toBe(400);
    expect(nik.json().issues[0].path).toEqual(['note']);
    // the note is the audit log's
    const log = (await app.inject({ url: '/v1/audit', headers: auth })).json().entries as { action: string; subject: string; detail: { note?: string } }[];
    expect(log.find((e) => e.action === 'sticker.revoke' && e.subject === String(first))?.detail.note).toBe('pemilik menelepon kantor, Senin pagi');
  });

  it('revokes a sticker when a replacement is printed for its subject', async () => {
    const again = await print(app, [household()]);
    const old = (await app.inject({ url: `/v/${tokens[2]}`, headers: { accept: 'application/json' } })).json();
    expect(old).toMatchObject({ valid: false, reason: 'revoked', revokedReason: `replaced by serial ${again.first}` });
    const fresh = tokensOf(again.pdf)[0]!;
    expect((await app.inject({ url: `/v/${fresh}`, headers: { accept: 'application/json' } })).json()).toMatchObject({ valid: true, colour: 'green' });
  });

  it('revokes an employer’s green sticker the moment an event says the employer lapsed', async () => {
    const form = importForm('employers', 'id,name,village_code,rw,rt,npp,status\n9120000000777,CV Lapse Jaya,3271011001,4,2,15070977,aktif\n');
    expect((await app.inject({ method: 'POST', url: '/v1/imports', payload: form.payload, headers: { ...auth, ...form.headers } })).statusCode).toBe(201);
    const printed = await print(app, [employer({ id: '9120000000777', name: 'CV Lapse Jaya', npp: '15070977', rw: 4, rt: 2 })]);
    const [token] = tokensOf(printed.pdf);
    expect((await app.inject({ url: `/v/${token}`, headers: { accept: 'application/json' } })).json()).toMatchObject({ valid: true, colour: 'green' });
    const event = { type: 'employer_status_changed', eventId: 'bpjs-lapse-1', npp: '15070977', status: 'nonaktif', occurredOn: '2026-11-01' };
    expect((await app.inject({ method: 'POST', url: '/v1/participants/events', headers: auth, payload: event })).statusCode).toBe(201);
    const after = (await app.inject({ url: `/v/${token}`, headers: { accept: 'application/json' } })).json();
    expect(after).toMatchObject({ valid: false, reason: 'revoked', revokedReason: 'status changed after printing: employer_inactive', status: 'registered' });
    expect((await app.inject({ url: `/v/${token}` })).body).toContain('DICABUT');
    const unknown = await app.inject({ method: 'POST', url: '/v1/participants/events', headers: auth, payload: { ...event, eventId: 'bpjs-lapse-2', npp: '99999999' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().issues[0].path).toEqual(['npp']);
  });

  it('publishes its keys and a signed revocation list that a verifier of its own checks', async () => {
    const jwks = (await app.inject({ url: '/.well-known/jwks.json' })).json() as { keys: { kty: string; crv: string; x: string; kid: string }[] };
    const list = (await app.inject({ url: '/v1/revocations' })).json() as { revocations: { serials: number[]; ctr: number }; jws: string };
    // an independent verifier: the published documents and Node's crypto only
    const keyFor = (kid: string) => {
      const jwk = jwks.keys.find((k) => k.kid === kid);
      if (!jwk) throw new Error(`no key ${kid}`);
      return createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
    };
    const [header, payload, signature] = list.jws.split('.') as [string, string, string];
    const { alg, kid } = JSON.parse(b64(header).toString());
    expect(alg).toBe('EdDSA');
    expect(verifySignature(null, Buffer.from(`${header}.${payload}`), keyFor(kid), b64(signature))).toBe(true);
    const claims = JSON.parse(b64(payload).toString());
    expect(claims).toEqual(list.revocations);
    expect(claims.serials.slice(0, 2)).toEqual([first, first + 2]);
    expect(claims.serials).toHaveLength(3); // and the lapsed employer's
    expect(claims.ctr).toBe(3);
    expect(Date.parse(claims.nextUpdate)).toBeGreaterThan(Date.parse(claims.issued));
    // a forged list does not verify
    const forged = Buffer.from(JSON.stringify({ ...claims, serials: [] })).toString('base64url');
    expect(verifySignature(null, Buffer.from(`${header}.${forged}`), keyFor(kid), b64(signature))).toBe(false);
    // a sticker token: version, 4-byte key id, fields; the last 64 bytes sign the rest
    const token = b64(tokens[1]!);
    const tokenKid = token.subarray(1, 5).toString('hex');
    expect(verifySignature(null, token.subarray(0, -64), keyFor(tokenKid), token.subarray(-64))).toBe(true);
    expect(verifySignature(null, Buffer.concat([token.subarray(0, 10), Buffer.from([token[10]! ^ 1]), token.subarray(11, -64)]), keyFor(tokenKid), token.subarray(-64))).toBe(false);
  });

  it('rotates its signing key: old stickers still verify, new ones carry the new key id', async () => {
    const keyB = createKeyRing(generateSigningKeyPem(), [keyA.publicKeys()[0]!.pem]);
    const rotated = await appWith(keyB);
    expect((await rotated.inject({ url: `/v/${tokens[1]}`, headers: { accept: 'application/json' } })).json()).toMatchObject({ valid: true, keyId: keyA.signingKeyId.toString('hex') });
    const printed = await print(rotated, [employer({ id: '9120000000009', name: 'Bengkel Baru' })]);
    const token = tokensOf(printed.pdf)[0]!;
    expect((await rotated.inject({ url: `/v/${token}`, headers: { accept: 'application/json' } })).json()).toMatchObject({ valid: true, keyId: keyB.signingKeyId.toString('hex') });
    const kids = (await rotated.inject({ url: '/.well-known/jwks.json' })).json().keys.map((k: { kid: string }) => k.kid);
    expect(kids).toEqual([keyB.signingKeyId.toString('hex'), keyA.signingKeyId.toString('hex')]);
    const recorded = (await rotated.inject({ url: '/v1/stickers?region=32.71.01.1001.003.005', headers: auth })).json().stickers.at(-1);
    expect(recorded).toMatchObject({ serial: printed.first, keyId: keyB.signingKeyId.toString('hex') });
    // the service that lacks the old key cannot vouch for the old sticker
    const onlyB = await appWith(createKeyRing(generateSigningKeyPem()));
    expect((await onlyB.inject({ url: `/v/${tokens[1]}`, headers: { accept: 'application/json' } })).json()).toMatchObject({ valid: false, reason: 'unknown_key' });
  });

  it('keeps an audit log of prints and revocations, with the key’s label', async () => {
    const log = (await app.inject({ url: '/v1/audit', headers: auth })).json().entries as { action: string; actor: string; count: number }[];
    // newest first: the rotated key's sticker, the lapsing employer's, the replacement, the first job of three
    expect(log.filter((e) => e.action === 'stickers.print').map((e) => e.count)).toEqual([1, 1, 1, 3]);
    expect(log.find((e) => e.action === 'sticker.revoke')).toMatchObject({ actor: 'kelurahan-batutulis', count: 1 });
  });
});

// Two service instances on one PostgreSQL server: the serials come from one database sequence.
const DATABASE_URL = process.env.DATABASE_URL;
if (process.env.CI && !DATABASE_URL) throw new Error('CI runs this on PostgreSQL: set DATABASE_URL (.ci/run starts a server)');

describe.runIf(DATABASE_URL)('two service processes on one PostgreSQL', () => {
  it('never issue the same serial, printing 10,000 stickers each at once', { timeout: 240_000 }, async () => {
    const admin = await openDb({ url: DATABASE_URL, dataDir: dir });
    await admin.exec('drop database if exists cakupan_test_register with (force)');
    await admin.exec('create database cakupan_test_register');
    await admin.close();
    const url = new URL(DATABASE_URL!);
    url.pathname = '/cakupan_test_register';
    const server = join(import.meta.dirname, '..', 'dist', 'server.js');
    const ports = [4200 + Math.floor(Math.random() * 400), 4700 + Math.floor(Math.random() * 400)];
    const children: ChildProcess[] = [];
    try {
      // one at a time: the first applies the migrations
      for (const [i, port] of ports.entries()) {
        const child = spawn(process.execPath, [server], {
          env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: url.toString(), DATA_DIR: mkdtempSync(join(tmpdir(), `cakupan-instance-${i}-`)), PORT: String(port), API_KEYS: `instance${i}:${KEY}`, LOG_LEVEL: 'warn', PUBLIC_BASE_URL: 'http://127.0.0.1:3000' },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        children.push(child);
        await new Promise<void>((resolve, reject) => {
          child.stdout!.on('data', (b: Buffer) => String(b).includes('cakupan print service on') && resolve());
          child.once('exit', (code) => reject(new Error(`service ${i} exited with ${code}`)));
        });
      }
      const subjects = (i: number) => Array.from({ length: 10_000 }, (_, k) => employer({ id: `9${i}${String(k).padStart(11, '0')}`, name: `Usaha ${i}-${k}` }));
      const jobs = await Promise.all(
        ports.map(async (port, i) => {
          const res = await fetch(`http://127.0.0.1:${port}/v1/stickers?facts=request`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ subjects: subjects(i) }) });
          const pdf = Buffer.from(await res.arrayBuffer());
          return { status: res.status, first: Number(res.headers.get('x-first-serial')), bytes: pdf.length };
        }),
      );
      expect(jobs.map((j) => j.status)).toEqual([200, 200]);
      const db = await openDb({ url: url.toString(), dataDir: dir });
      const [counts] = await db.query<{ stickers: number; serials: number; instances: number }>(
        "select count(*)::int as stickers, count(distinct serial)::int as serials, count(distinct split_part(source, '(', 2))::int as instances from stickers",
      );
      // and they did print at the same time: in serial order, the instances take turns block by block
      const [turns] = await db.query<{ n: number }>('select count(*)::int as n from (select source <> lag(source) over (order by serial) as turn from stickers) t where turn');
      await db.close();
      expect(counts).toEqual({ stickers: 20_000, serials: 20_000, instances: 2 });
      expect(turns!.n).toBeGreaterThan(2);
    } finally {
      for (const child of children) child.kill('SIGTERM');
      await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
    }
  });
});
