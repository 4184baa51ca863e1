// Officers' accounts and sessions: an administrator makes an account; the officer signs in with
// the password (kept as argon2id), gets an HttpOnly SameSite cookie with an expiry, and changes
// things only with the CSRF token; five wrong passwords lock the account (even the right one is
// then refused) until an administrator's reset, after which the password must be changed first;
// a change of role, disabling or a reset ends the account's sessions; the audit log names the
// person; the scope must suit the role.
import { createKeyRing, generateSigningKeyPem } from '@cakupan/print';
import { LOCKOUT, openStore, type Store } from '@cakupan/store';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { importSampleCity } from '../src/sampleCity.js';

const ADMIN = 'accounts-admin-key-0123456789abc';
const admin = { authorization: `Bearer ${ADMIN}` };
const PASSWORD = 'kata sandi yang panjang 1';
let store: Store;
let app: FastifyInstance;
let secureApp: FastifyInstance;

const cookieOf = (res: LightMyRequestResponse) => {
  const set = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('cakupan_session='));
  return set ? set.split(';')[0]! : undefined;
};
const signIn = (username: string, password: string, on = app, headers: Record<string, string> = {}) => on.inject({ method: 'POST', url: '/v1/session', headers, payload: { username, password } });
const makeAccount = async (username: string, role: string, scope?: string) => {
  const res = await app.inject({ method: 'POST', url: '/v1/accounts', headers: admin, payload: { username, name: `Petugas ${username}`, role, ...(scope && { scope }), password: PASSWORD } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};
/** Signs in and answers the cookie and CSRF token. */
const session = async (username: string, password = PASSWORD) => {
  const res = await signIn(username, password);
  expect(res.statusCode, res.body).toBe(200);
  return { cookie: cookieOf(res)!, csrf: res.json().csrfToken as string, answer: res.json() };
};

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cakupan-accounts-'));
  store = await openStore({ dataDir: join(dir, 'store') });
  await importSampleCity(store);
  const env = { NODE_ENV: 'test', API_KEYS: `disnaker:${ADMIN}`, DATA_DIR: dir, LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '10000' } as const;
  app = await buildApp({ config: loadConfig({ ...env, PUBLIC_BASE_URL: 'http://127.0.0.1:3000' }), keyRing: createKeyRing(generateSigningKeyPem()), store });
  secureApp = await buildApp({ config: loadConfig({ ...env, PUBLIC_BASE_URL: 'https://cakupan.example.go.id', TRUST_PROXY: 'true' }), keyRing: createKeyRing(generateSigningKeyPem()), store });
});
afterAll(async () => {
  await app.close();
  await secureApp.close();
  await store.close();
});

describe('an officer’s account', () => {
  it('signs in to a session cookie that is HttpOnly, SameSite and expires, Secure behind https', async () => {
    await makeAccount('siti', 'kelurahan_operator', '3271011008');
    const row = (await store.db.query<{ password_hash: string }>("select password_hash from accounts where username = 'siti'"))[0]!;
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
    const res = await signIn('siti', PASSWORD);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ username: 'siti', name: 'Petugas siti', role: 'kelurahan_operator', scope: { code: '32.71.01.1008' }, mustChangePassword: false });
    expect(res.json().permissions).toContain('requisitions:request');
    expect(res.json().permissions).not.toContain('requisitions:decide');
    const set = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('cakupan_session='))!;
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Lax/i);
    expect(set).toMatch(/Expires=/i);
    expect(set).not.toMatch(/Secure/i);
    // (behind the city's https proxy, which says so)
    const secure = [(await signIn('siti', PASSWORD, secureApp, { 'x-forwarded-proto': 'https' })).headers['set-cookie']].flat().find((c) => c?.startsWith('cakupan_session='))!;
    expect(secure).toMatch(/; Secure/i);
    // the cookie is the caller: reads within the role and scope
    const cookie = cookieOf(res)!;
    const me = await app.inject({ url: '/v1/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ label: 'siti', kind: 'person', name: 'Petugas siti', role: 'kelurahan_operator' });
    expect((await app.inject({ url: `/v1/employers?region=3271011008`, headers: { cookie } })).statusCode).toBe(200);
    expect((await app.inject({ url: `/v1/employers?region=3271021003`, headers: { cookie } })).statusCode).toBe(403);
    expect((await app.inject({ url: '/v1/audit', headers: { cookie } })).statusCode).toBe(403);
    // the session is kept by its id's hash only
    const kept = JSON.stringify(await store.db.query('select * from sessions'));
    expect(kept).not.toContain(decodeURIComponent(cookie.split('=')[1]!).split('.')[0]!);
  });

  it('changes something only with the CSRF token, and signs out', async () => {
    const { cookie, csrf } = await session('siti');
    const ask = (headers: Record<string, string>) => app.inject({ method: 'POST', url: '/v1/requisitions', headers: { cookie, ...headers }, payload: { region: '3271011008', kind: 'employer' } });
    const without = await ask({});
    expect(without.statusCode).toBe(403);
    expect((await ask({ 'x-csrf-token': 'forged' })).statusCode).toBe(403);
    const withToken = await ask({ 'x-csrf-token': csrf });
    expect(withToken.statusCode, withToken.body).toBe(201);
    expect(withToken.json().requestedBy).toBe('siti');
    // and the audit log names her
    const log = (await app.inject({ url: '/v1/audit?limit=5', headers: admin })).json().entries;
    expect(log.find((e: { action: string }) => e.action === 'requisition.request')).toMatchObject({ actor: 'siti', actorName: 'Petugas siti' });
    expect((await app.inject({ method: 'DELETE', url: '/v1/session', headers: { cookie } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: '/v1/session', headers: { cookie, 'x-csrf-token': csrf } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/v1/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it(`locks after ${LOCKOUT.attempts} wrong passwords, answering alike; an administrator’s reset lifts it and the new password must be changed first`, async () => {
    await makeAccount('budi', 'analyst', '3271');
    const unknown = await signIn('nobody', 'whatever it is');
    for (let i = 0; i < LOCKOUT.attempts; i++) {
      const wrong = await signIn('budi', `wrong password ${i}`);
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().message).toBe(unknown.json().message);
    }
    const locked = await signIn('budi', PASSWORD);
    expect(locked.statusCode).toBe(401);
    expect((await app.inject({ url: '/v1/accounts', headers: admin })).json().accounts.find((a: { username: string }) => a.username === 'budi').lockedUntil).not.toBeNull();
    const reset = await app.inject({ method: 'POST', url: '/v1/accounts/budi/reset', headers: admin, payload: { password: 'sementara sekali 2' } });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json()).toMatchObject({ lockedUntil: null, mustChangePassword: true });
    const { cookie, csrf, answer } = await session('budi', 'sementara sekali 2');
    expect(answer.mustChangePassword).toBe(true);
    expect((await app.inject({ url: '/v1/coverage?asOf=2017-12-31&level=village', headers: { cookie } })).statusCode).toBe(403);
    const short = await app.inject({ method: 'POST', url: '/v1/session/password', headers: { cookie, 'x-csrf-token': csrf }, payload: { currentPassword: 'sementara sekali 2', newPassword: 'short' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().issues[0].path).toEqual(['newPassword']);
    const changed = await app.inject({ method: 'POST', url: '/v1/session/password', headers: { cookie, 'x-csrf-token': csrf }, payload: { currentPassword: 'sementara sekali 2', newPassword: 'baru dan panjang 3' } });
    expect(changed.statusCode, changed.body).toBe(200);
    const next = cookieOf(changed)!;
    expect((await app.inject({ url: '/v1/coverage?asOf=2017-12-31&level=village', headers: { cookie: next } })).statusCode).toBe(200);
    expect((await signIn('budi', 'sementara sekali 2')).statusCode).toBe(401);
  });

  it('loses its sessions at once when its role changes or it is disabled', async () => {
    await makeAccount('wati', 'city_officer', '3271');
    const { cookie } = await session('wati');
    expect((await app.inject({ url: '/v1/stickers?region=3271', headers: { cookie } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'PATCH', url: '/v1/accounts/wati', headers: admin, payload: { role: 'analyst' } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/v1/me', headers: { cookie } })).statusCode).toBe(401);
    const again = await session('wati');
    expect(again.answer.role).toBe('analyst');
    expect((await app.inject({ method: 'PATCH', url: '/v1/accounts/wati', headers: admin, payload: { disabled: true } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/v1/me', headers: { cookie: again.cookie } })).statusCode).toBe(401);
    expect((await signIn('wati', PASSWORD)).statusCode).toBe(401);
  });

  it('takes a scope that suits its role, and a username no key has', async () => {
    const national = await app.inject({ method: 'POST', url: '/v1/accounts', headers: admin, payload: { username: 'ani', name: 'Ani', role: 'kelurahan_operator', password: PASSWORD } });
    expect(national.statusCode).toBe(400);
    expect(national.json().issues[0].path).toEqual(['scope']);
    const scopedAdmin = await app.inject({ method: 'POST', url: '/v1/accounts', headers: admin, payload: { username: 'ani', name: 'Ani', role: 'administrator', scope: '3271', password: PASSWORD } });
    expect(scopedAdmin.statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/v1/api-keys', headers: admin, payload: { label: 'feed', role: 'bpjs_branch', scope: '3271' } })).statusCode).toBe(201);
    const taken = await app.inject({ method: 'POST', url: '/v1/accounts', headers: admin, payload: { username: 'feed', name: 'Feed', role: 'analyst', password: PASSWORD } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().issues[0].path).toEqual(['username']);
  });
});
