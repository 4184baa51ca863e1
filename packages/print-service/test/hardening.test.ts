// The faults of the hardening issue, each as the behaviour a client relies on: client mistakes are
// 4xx naming the field, personal data and unprintable text are refused, tokens have one spelling,
// rate limits are fair, and the pages carry security headers.
import { createKeyRing, generateSigningKeyPem, signStickerToken, type StickerClaims } from '@cakupan/print';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { API_KEY, auth, employer, household, testApp } from './helpers.js';

let app: FastifyInstance;
beforeAll(async () => {
  ({ app } = await testApp());
});
afterAll(() => app.close());

const stickers = (payload: unknown) => app.inject({ method: 'POST', url: '/v1/stickers', headers: auth, payload: payload as object });

/** A multipart body with the given parts, and its content type. */
function multipart(parts: Record<string, { content: string; filename?: string }>, boundary = 'cakupan-boundary') {
  const body = Object.entries(parts)
    .map(([name, p]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${p.filename ? `; filename="${p.filename}"\r\nContent-Type: text/csv` : ''}\r\n\r\n${p.content}\r\n`)
    .join('')
    .concat(`--${boundary}--\r\n`);
  return { payload: body, headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const residents = 'nik,birth_date,village_code,rw,rt\n3271011705900001,1990-05-17,3271011001,3,5\n';
const participants = 'nik,segment,status\n3271011705900001,PU,aktif\n';

describe('client mistakes are 4xx naming the field, never 500', () => {
  it('refuses the year 0000 as asOf, in JSON and in a form', async () => {
    const json = await app.inject({ method: 'POST', url: '/v1/coverage', headers: auth, payload: { asOf: '0000-01-01', residents: [], participants: [] } });
    expect(json.statusCode).toBe(400);
    expect(json.json().issues[0]).toMatchObject({ path: ['asOf'], code: 'custom' });
    const form = multipart({ asOf: { content: '0000-01-01' }, residents: { content: residents, filename: 'r.csv' }, participants: { content: participants, filename: 'p.csv' } });
    const res = await app.inject({ method: 'POST', url: '/v1/coverage', ...form });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0].path).toEqual(['asOf']);
  });

  it('answers 400 for a multipart body cut off mid-way, and for one without a boundary', async () => {
    const form = multipart({ asOf: { content: '2017-12-31' }, residents: { content: residents, filename: 'r.csv' }, participants: { content: participants, filename: 'p.csv' } });
    const cut = await app.inject({ method: 'POST', url: '/v1/coverage', headers: form.headers, payload: form.payload.slice(0, 150) });
    expect(cut.statusCode).toBe(400);
    expect(cut.json().message).toMatch(/malformed multipart body/);
    const noBoundary = await app.inject({ method: 'POST', url: '/v1/coverage', headers: { ...auth, 'content-type': 'multipart/form-data' }, payload: form.payload });
    expect(noBoundary.statusCode).toBe(400);
  });

  it('names a level list as given, and refuses a field given twice', async () => {
    const form = multipart({ asOf: { content: '2017-12-31' }, levels: { content: 'village,,rt' }, residents: { content: residents, filename: 'r.csv' }, participants: { content: participants, filename: 'p.csv' } });
    const res = await app.inject({ method: 'POST', url: '/v1/coverage', ...form });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0]).toMatchObject({ path: ['levels'], code: 'invalid_value' });
    expect(res.json().message).toContain('"village,,rt": an empty entry is not a level');
  });

  it('hides the internals of a 500 and logs the route, not the URL', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const config = loadConfig({ NODE_ENV: 'test', API_KEYS: API_KEY, DATA_DIR: '/tmp/cakupan-unused', PUBLIC_BASE_URL: 'http://127.0.0.1:3000' });
    const own = await buildApp({ config, keyRing: createKeyRing(generateSigningKeyPem()), logger: { level: 'info', stream: sink } });
    own.get('/boom', async () => {
      throw new Error('secret detail at /srv/cakupan');
    });
    const res = await own.inject({ url: '/boom?nik=3271011705900001' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'internal error' });
    await own.inject({ url: '/v/abc?nik=3271011705900001' });
    await own.close();
    const log = lines.join('');
    expect(log).toContain('"route":"/v/:token"');
    expect(log).not.toContain('3271011705900001');
    expect(log).not.toContain('?nik');
  });
});

describe('personal data never reaches a sticker', () => {
  const fullWidth = [...'3271011705900001'].map((d) => String.fromCodePoint(0xff10 + Number(d))).join('');
  it.each(['3271/0117/0590/0001', '3271_0117_0590_0001', fullWidth, 'NIK:3271,0117,0590,0001', '327101170590OOO1', 'Budi lahir 17-05-1990', 'Siti, lahir 17 Mei 1990'])('refuses the household label %j', async (label) => {
    const res = await stickers({ subjects: [household({ label })] });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0]).toMatchObject({ code: 'personal_data', path: ['subjects', 0, 'label'] });
  });

  it('checks employer names too', async () => {
    const res = await stickers({ subjects: [employer({ name: 'Warung Bu Siti 3271-0117-0590-0001' })] });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0]).toMatchObject({ code: 'personal_data', path: ['subjects', 0, 'name'] });
  });
});

describe('text the fonts cannot draw is refused, naming the characters', () => {
  it.each([
    ['Toko 福', /"福" \(U\+798F\)/],
    ['مطعم', /U\+0645/],
    ['दुकान', /U\+0926/],
    ['Warung 😀', /U\+1F600/],
    ['CV \u202EAYAJ UJAM', /U\+202E/],
    ['CV Maju\u0007', /U\+0007/],
  ])('%j', async (name, named) => {
    const res = await stickers({ subjects: [employer({ name })] });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0]).toMatchObject({ code: 'unprintable', path: ['subjects', 0, 'name'] });
    expect(res.json().message).toMatch(named);
  });

  it('prints Indonesian names with their accents', async () => {
    const res = await stickers({ subjects: [employer({ name: 'Café Rénée & Söhne – “Ibu Ani”' })] });
    expect(res.statusCode).toBe(200);
  });
});

describe('requests say exactly what they mean', () => {
  it('refuses unknown subject fields and options', async () => {
    const res = await stickers({ subjects: [employer({ colour: 'green' })] });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0]).toMatchObject({ code: 'unrecognized', path: ['subjects', 0] });
  });

  it('refuses a CSV with a column given twice', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/stickers', headers: { ...auth, 'content-type': 'text/csv' }, payload: 'id,name,village_code,name\n1,A,3271011001,B\n' });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0]).toMatchObject({ code: 'duplicate', line: 1, column: 'name' });
  });

  it('reads every account status core reads, such as "tidak aktif"', async () => {
    const res = await stickers({ subjects: [employer({ status: 'tidak aktif' })] });
    expect(res.statusCode).toBe(200);
  });

  it('counts stickers before checking them: an oversized job is 413 at once', async () => {
    const { app: small } = await testApp({ MAX_STICKERS: '10' });
    const bad = Array.from({ length: 11 }, () => ({ kind: 'employer' })); // invalid, but too many first
    const res = await small.inject({ method: 'POST', url: '/v1/stickers', headers: auth, payload: { subjects: bad } });
    expect(res.statusCode).toBe(413);
    const csv = `id,name,village_code\n${Array.from({ length: 11 }, (_, i) => `${i},A,3271011001`).join('\n')}\n`;
    expect((await small.inject({ method: 'POST', url: '/v1/stickers', headers: { ...auth, 'content-type': 'text/csv' }, payload: csv })).statusCode).toBe(413);
    await small.close();
  });

  it('says which types a route takes in its 415', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/coverage', headers: { ...auth, 'content-type': 'text/csv' }, payload: 'a,b\n' });
    expect(res.statusCode).toBe(415);
    expect(res.json().message).toMatch(/accepts application\/json, multipart\/form-data$/);
  });
});

describe('URLs the router cannot use', () => {
  it('answers an over-long parameter with 414 in the one error shape, without echoing it', async () => {
    const res = await app.inject({ url: `/v/${'A'.repeat(2000)}` });
    expect(res.statusCode).toBe(414);
    expect(res.json()).toMatchObject({ statusCode: 414, error: 'URI Too Long' });
    expect(res.body).not.toContain('AAAA');
  });

  it('answers malformed percent-encoding with 400 in the one error shape, without echoing it', async () => {
    const res = await app.inject({ url: '/v/%E0%A4%A?secret=1' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ statusCode: 400, issues: [{ code: 'invalid_format', path: ['url'] }] });
    expect(res.body).not.toContain('secret');
  });
});

describe('tokens have one spelling', () => {
  it('refuses the other spellings of a token', async () => {
    const { app: own, keyRing } = await testApp();
    const claims: StickerClaims = { kind: 'employer', registered: true, reason: 'employer_registered', issuedOn: '2026-11-23', validUntil: '2027-11-23', serial: 7, villageCode: '32.71.01.1001', rw: 3, rt: 5, label: 'CV Maju Jaya' };
    const token = signStickerToken(claims, keyRing);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const spellings = [...alphabet].map((ch) => token.slice(0, -1) + ch).filter((t) => Buffer.from(t, 'base64url').equals(Buffer.from(token, 'base64url')));
    expect(spellings.length).toBeGreaterThan(1); // base64url's last character carries spare bits
    const answers = await Promise.all(spellings.map(async (t) => (await own.inject({ url: `/v/${t}`, headers: { accept: 'application/json' } })).json().valid));
    expect(answers.filter(Boolean)).toHaveLength(1);
    await own.close();
  });
});

describe('security headers', () => {
  it('sends CSP, nosniff and frame options with the verification page', async () => {
    const res = await app.inject({ url: '/v/abc' });
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('serves the API documentation under a CSP that loads nothing from elsewhere', async () => {
    const res = await app.inject({ url: '/docs/' });
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).not.toMatch(/https:|validator\.swagger\.io/);
  });
});

describe('rate limits', () => {
  it('limits requests with a wrong key, and says when to retry', async () => {
    const { app: own } = await testApp({ AUTH_FAILURE_LIMIT: '3' });
    const wrong = () => own.inject({ method: 'POST', url: '/v1/coverage', headers: { authorization: 'Bearer not-the-key-0000000000' }, payload: {} });
    for (let i = 0; i < 3; i++) expect((await wrong()).statusCode).toBe(401);
    const limited = await wrong();
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // the right key from the same address still works
    expect((await own.inject({ method: 'GET', url: '/v1/regions/3271011001', headers: auth })).statusCode).toBe(200);
    await own.close();
  });

  it('gives verification its own limit, never limits /health, and states the window and the time left apart', async () => {
    const { app: own } = await testApp({ VERIFY_RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW_MS: '60000' });
    for (let i = 0; i < 5; i++) expect((await own.inject({ url: '/v/abc' })).statusCode).toBe(200);
    const limited = await own.inject({ url: '/v/abc', headers: { accept: 'application/json' } });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().message).toMatch(/^rate limit of 5 verifications per 60 s exceeded; retry in \d+ s$/);
    for (let i = 0; i < 20; i++) expect((await own.inject({ url: '/health' })).statusCode).toBe(200);
    expect((await own.inject({ url: '/v1/regions/3271011001', headers: auth })).statusCode).toBe(200);
    await own.close();
  });

  it('counts each client behind a trusted proxy apart', async () => {
    const { app: own } = await testApp({ VERIFY_RATE_LIMIT_MAX: '2', TRUST_PROXY: '127.0.0.1' });
    const from = (ip: string) => own.inject({ url: '/v/abc', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': ip } });
    expect((await from('10.0.0.1')).statusCode).toBe(200);
    expect((await from('10.0.0.1')).statusCode).toBe(200);
    expect((await from('10.0.0.1')).statusCode).toBe(429);
    expect((await from('10.0.0.2')).statusCode).toBe(200);
    await own.close();
  });
});
