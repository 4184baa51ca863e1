// GET /v/:token: genuine, forged, foreign-key, malformed and expired tokens, as JSON and as a page.
import { regionalSettings } from '../src/regions/regionalSettings.js';
import { createKeyRing, generateSigningKeyPem, signStickerToken, type StickerClaims, verifyStickerToken } from '@cakupan/print';
import { type RegisterWord, StoreUnavailableError } from '@cakupan/store';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { REGISTER_WAIT_MS, verifyRoutes } from '../src/routes/verification/index.js';
import { testApp } from './helpers.js';

const claims: StickerClaims = {
  kind: 'employer',
  registered: true,
  reason: 'employer_registered',
  issuedOn: '2026-11-23',
  validUntil: '2027-11-23',
  serial: 42,
  villageCode: '32.71.01.1001',
  rw: 3,
  rt: 5,
  label: 'CV Maju Jaya',
};

describe('sticker tokens', () => {
  const keyRing = createKeyRing(generateSigningKeyPem());

  it('round-trip every claim', () => {
    const token = signStickerToken(claims, keyRing);
    expect(verifyStickerToken(token, keyRing)).toEqual({ ok: true, keyId: keyRing.signingKeyId.toString('hex'), claims });
    const household = { ...claims, kind: 'household' as const, registered: false, reason: 'household_not_all_covered' as const, label: 'H-0001', villageCode: undefined, rw: undefined, rt: undefined };
    expect(verifyStickerToken(signStickerToken(household, keyRing), keyRing)).toMatchObject({ ok: true, claims: household });
  });

  it('detect any change to the payload or signature', () => {
    const token = Buffer.from(signStickerToken(claims, keyRing), 'base64url');
    for (const at of [5, 12, 30, token.length - 1]) {
      const forged = Buffer.from(token);
      forged[at]! ^= 1;
      // the key id (bytes 1–4) is not among these: every change is caught by the signature
      expect(verifyStickerToken(forged.toString('base64url'), keyRing)).toEqual({ ok: false, problem: 'bad_signature' });
    }
  });

  it('name the key that signed them, and keep verifying with retired keys', () => {
    const old = createKeyRing(generateSigningKeyPem());
    const oldToken = signStickerToken(claims, old);
    expect(verifyStickerToken(oldToken, keyRing)).toEqual({ ok: false, problem: 'unknown_key' });
    const rotated = createKeyRing(keyRing.signingKeyPem, old.publicKeys().map((k) => k.pem));
    expect(verifyStickerToken(oldToken, rotated).ok).toBe(true);
  });

  it('carry no personal data and stay compact', () => {
    const token = signStickerToken({ ...claims, label: 'x'.repeat(255) }, keyRing, 60);
    expect(Buffer.from(token, 'base64url').length).toBeLessThanOrEqual(24 + 60 + 64);
    expect(verifyStickerToken(token, keyRing)).toMatchObject({ ok: true, claims: { label: `${'x'.repeat(59 - 2)}…` } });
  });
});

describe('GET /v/:token', () => {
  it('says what a genuine sticker is for, as JSON and as a page in either language', async () => {
    const { app, keyRing } = await testApp({}, { today: () => '2026-12-01' });
    const token = signStickerToken(claims, keyRing);
    const json = await app.inject({ url: `/v/${token}`, headers: { accept: 'application/json' } });
    expect(json.json()).toMatchObject({
      valid: true,
      status: 'registered',
      colour: 'green',
      subject: { kind: 'employer', name: 'CV Maju Jaya', villageName: 'Batu Tulis', districtName: 'Bogor Selatan', rw: 3, rt: 5 },
      issuedOn: '2026-11-23',
      validUntil: '2027-11-23',
      serial: '00000042',
    });
    const page = await app.inject({ url: `/v/${token}`, headers: { accept: 'text/html' } });
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toMatch(/TERDAFTAR/);
    expect(page.body).toMatch(/#1e7e34/);
    expect(page.body).toMatch(/Batu Tulis/);
    expect(page.body).toMatch(/name="viewport"/);
    const en = await app.inject({ url: `/v/${token}?lang=en` });
    expect(en.body).toMatch(/REGISTERED/);
    expect(en.body).toMatch(/lang="en"/);
    await app.close();
  });

  it('shows a red page for an unregistered subject', async () => {
    const { app, keyRing } = await testApp({}, { today: () => '2026-12-01' });
    const token = signStickerToken({ ...claims, registered: false, reason: 'employer_without_npp' }, keyRing);
    const page = await app.inject({ url: `/v/${token}` });
    expect(page.body).toMatch(/BELUM TERDAFTAR/);
    expect(page.body).toMatch(/#b3261e/);
    await app.close();
  });

  it('says expired after the last valid day, and valid on it', async () => {
    let today = '2027-11-23';
    const { app, keyRing } = await testApp({}, { today: () => today });
    const token = signStickerToken(claims, keyRing);
    expect((await app.inject({ url: `/v/${token}`, headers: { accept: 'application/json' } })).json()).toMatchObject({ valid: true });
    today = '2027-11-24';
    expect((await app.inject({ url: `/v/${token}`, headers: { accept: 'application/json' } })).json()).toMatchObject({ valid: false, reason: 'expired', status: 'registered' });
    const page = await app.inject({ url: `/v/${token}` });
    // an expired sticker is not a green one: amber headline, what it said only as history
    expect(page.body).toMatch(/<h1>KEDALUWARSA<\/h1>/);
    expect(page.body).not.toMatch(/<h1>TERDAFTAR/);
    expect(page.body).not.toMatch(/#1e7e34/);
    expect(page.body).toMatch(/Mintalah stiker baru kepada Dinas Tenaga Kerja Kota Bogor/);
    await app.close();
  });

  it('answers valid: false for forged, foreign and malformed tokens, never an error', async () => {
    const { app, keyRing } = await testApp();
    const good = Buffer.from(signStickerToken(claims, keyRing), 'base64url');
    good[good.length - 3]! ^= 0x10;
    const foreign = signStickerToken(claims, createKeyRing(generateSigningKeyPem()));
    const cases: [string, string][] = [
      [good.toString('base64url'), 'bad_signature'],
      [foreign, 'unknown_key'],
      ['AAAA', 'malformed'],
      ['not!base64', 'malformed'],
      ['A'.repeat(900), 'malformed'],
    ];
    for (const [token, reason] of cases) {
      const res = await app.inject({ url: `/v/${encodeURIComponent(token)}`, headers: { accept: 'application/json' } });
      expect(res.statusCode, token).toBe(200);
      expect(res.json(), token).toEqual({ valid: false, reason });
    }
    const page = await app.inject({ url: '/v/AAAA' });
    // a short headline, what happened, and whom to tell: a token that does not verify names no region to trust
    expect(page.body).toMatch(/<h1>TIDAK SAH<\/h1>/);
    expect(page.body).toContain('laporkan stiker ini (dengan alamat tempatnya) kepada pemerintah daerah setempat');
    await app.close();
    // a deployment's own contact (ISSUER_CONTACT) is named instead
    const configured = await testApp({ ISSUER_CONTACT: 'Dinas Tenaga Kerja Kota Bogor' });
    expect((await configured.app.inject({ url: '/v/AAAA' })).body).toContain('laporkan stiker ini (dengan alamat tempatnya) kepada Dinas Tenaga Kerja Kota Bogor');
    await configured.app.close();
  });

  it('asks to compare name and address before showing them, and names the issuer', async () => {
    const { app, keyRing } = await testApp({ ISSUER: 'Pemerintah Kota Bogor', ISSUER_CONTACT: 'Kantor Kelurahan Batu Tulis' });
    const page = (await app.inject({ url: `/v/${signStickerToken(claims, keyRing)}` })).body;
    expect(page.indexOf('Pastikan nama dan alamat berikut')).toBeGreaterThan(0);
    expect(page.indexOf('Pastikan nama dan alamat berikut')).toBeLessThan(page.indexOf('<dl>'));
    expect(page).toContain('diterbitkan oleh Pemerintah Kota Bogor');
    const invalid = (await app.inject({ url: '/v/AAAA?lang=en' })).body;
    expect(invalid).toContain('report this sticker (with the address of the place) to Kantor Kelurahan Batu Tulis');
    await app.close();
  });

  it('publishes the public keys for offline verifiers', async () => {
    const { app, keyRing } = await testApp();
    const res = await app.inject({ url: '/v1/keys' });
    expect(res.json().keys).toEqual([expect.objectContaining({ keyId: keyRing.signingKeyId.toString('hex'), algorithm: 'Ed25519', pem: expect.stringMatching(/BEGIN PUBLIC KEY/) })]);
    await app.close();
  });
});

describe('verification while the register cannot be asked', () => {
  const keyRing = createKeyRing(generateSigningKeyPem());
  const token = signStickerToken(claims, keyRing);
  const appWith = async (get: () => Promise<Map<number, RegisterWord>>) => {
    const app = Fastify({ logger: false, routerOptions: { maxParamLength: 1024 } });
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(verifyRoutes, { keyRing, today: () => '2026-12-01', settings: regionalSettings(undefined, 0), register: { revocationsOf: get, revoked: async () => ({ serials: [], count: 0 }) } });
    return app;
  };

  it('answers from the signature alone and says so, when the register fails or does not answer in time', async () => {
    for (const get of [() => Promise.reject(new StoreUnavailableError('restarting', 1)), () => new Promise<Map<number, RegisterWord>>(() => undefined)]) {
      const app = await appWith(get);
      const started = performance.now();
      const json = await app.inject({ url: `/v/${token}`, headers: { accept: 'application/json' } });
      expect(json.statusCode).toBe(200);
      expect(json.json()).toMatchObject({ valid: true, colour: 'green', registerChecked: false });
      // within the register's wait and a little more, never a hang
      expect(performance.now() - started).toBeLessThan(REGISTER_WAIT_MS + 1_500);
      const page = await app.inject({ url: `/v/${token}?lang=en` });
      expect(page.body).toContain('The sticker register cannot be checked right now');
      expect(page.body).toContain('REGISTERED');
      await app.close();
    }
  });

  it('says nothing of the sort when the register answered', async () => {
    const app = await appWith(async () => new Map());
    expect((await app.inject({ url: `/v/${token}`, headers: { accept: 'application/json' } })).json()).toMatchObject({ valid: true, registerChecked: true });
    expect((await app.inject({ url: `/v/${token}?lang=en` })).body).not.toContain('cannot be checked');
    await app.close();
  });
});
