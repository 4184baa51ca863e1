// Single sign-on by OpenID Connect against a real provider (`oidc-provider`, started here on
// loopback) in a real browser: the officer goes to the city's provider, signs in there, and comes
// back signed in to the account linked to that identity (found at the first sign-in by its
// preferred_username) with the account's role and scope; an identity with no account comes back
// signed out; a provider that cannot be reached answers 503 with Retry-After.
import { createKeyRing, generateSigningKeyPem } from '@cakupan/print';
import { openStore, type Store } from '@cakupan/store';
import type { FastifyInstance } from 'fastify';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Provider from 'oidc-provider';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { launchChromium } from './browser.js';

const ADMIN = 'sso-admin-key-0123456789abcdefgh';
let store: Store;
let app: FastifyInstance;
let provider: Server;
let browser: Browser;
let base: string;

/** A port free now on loopback (the service's address must be known before it is built: it is in the redirect URI). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cakupan-sso-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // the city's provider: any login (its development interactions), claims naming the login
  provider = createServer();
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  const issuer = `http://localhost:${(provider.address() as AddressInfo).port}`;
  const oidc = new Provider(issuer, {
    clients: [{ client_id: 'cakupan', client_secret: 'cakupan-secret-0123456789', redirect_uris: [`${base}/v1/session/sso/callback`], token_endpoint_auth_method: 'client_secret_post' }],
    findAccount: async (_ctx: unknown, sub: string) => ({ accountId: sub, claims: async () => ({ sub, preferred_username: sub, name: `Person ${sub}` }) }),
    claims: { openid: ['sub'], profile: ['preferred_username', 'name'] },
    cookies: { keys: ['sso-test-cookie-key-0123456789'] },
  });
  provider.on('request', oidc.callback());

  store = await openStore({ dataDir: join(dir, 'store') });
  const config = loadConfig({
    NODE_ENV: 'test',
    API_KEYS: `disnaker:${ADMIN}`,
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    PUBLIC_BASE_URL: base,
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: 'cakupan',
    OIDC_CLIENT_SECRET: 'cakupan-secret-0123456789',
    OIDC_NAME: 'SSO Pemkot Bogor',
  });
  app = await buildApp({ config, keyRing: createKeyRing(generateSigningKeyPem()), store });
  await app.listen({ port, host: '127.0.0.1' });
  // an account for one identity only, without a password: single sign-on only
  const made = await app.inject({ method: 'POST', url: '/v1/accounts', headers: { authorization: `Bearer ${ADMIN}` }, payload: { username: 'dewi', name: 'Dewi Lestari', role: 'city_officer', scope: '3271' } });
  expect(made.statusCode, made.body).toBe(201);
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await new Promise((resolve) => provider.close(resolve));
  await store?.close();
});

/** Goes through the provider's sign-in and consent as `login`; answers where the browser ends and the service's session there. */
async function signInAs(login: string, from: 'api' | 'field app' = 'api'): Promise<{ url: string; session: { status: number; body: { signedIn: boolean; username?: string; role?: string; name?: string } } }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  expect((await page.request.get(`${base}/v1/session/methods`)).ok()).toBe(true);
  const home = from === 'api' ? '/' : '/lapangan/';
  if (from === 'api') await page.goto(`${base}/v1/session/sso`);
  else {
    // the field app's own button: back to the field app afterwards
    await page.goto(`${base}/lapangan/`);
    await page.click('#sso');
  }
  await page.fill('input[name="login"]', login);
  await page.fill('input[name="password"]', 'anything');
  await page.click('button[type="submit"]');
  await page.waitForSelector('button[type="submit"]');
  await Promise.all([page.waitForURL((u) => u.origin === base && u.pathname === home), page.click('button[type="submit"]')]);
  const url = page.url();
  const res = await page.request.get(`${base}/v1/session`);
  const session = { status: res.status(), body: await res.json() };
  await context.close();
  return { url, session };
}

describe('single sign-on', () => {
  it('says it is offered, and signs the person in as the account linked to their identity', { timeout: 60_000 }, async () => {
    expect((await app.inject({ url: '/v1/session/methods' })).json()).toEqual({ password: true, sso: { name: 'SSO Pemkot Bogor', url: '/v1/session/sso' } });
    const first = await signInAs('dewi');
    expect(first.url).toBe(`${base}/`);
    expect(first.session.status).toBe(200);
    expect(first.session.body).toMatchObject({ signedIn: true, username: 'dewi', name: 'Dewi Lestari', role: 'city_officer' });
    // linked now: the account knows the identity, and a second sign-in finds it by it
    expect((await store.accounts.get('dewi'))?.sso).toBe(true);
    expect((await signInAs('dewi')).session.body.username).toBe('dewi');
    const log = (await store.auditLog({ limit: 10 })).filter((e) => e.action === 'account.sign-in');
    expect(log[0]).toMatchObject({ actor: 'dewi', actorName: 'Dewi Lestari', detail: { by: 'sso' } });
  });

  it('brings a field officer signed in from the field app back to it', { timeout: 60_000 }, async () => {
    const back = await signInAs('dewi', 'field app');
    expect(back.url).toBe(`${base}/lapangan/`);
    expect(back.session.body).toMatchObject({ signedIn: true, username: 'dewi' });
  });

  it('signs nobody in for an identity without an account', { timeout: 60_000 }, async () => {
    const stranger = await signInAs('stranger');
    expect(stranger.url).toBe(`${base}/?sign-in=no-account`);
    expect(stranger.session.body).toEqual({ signedIn: false });
  });

  it('answers 503 with Retry-After while the provider cannot be reached', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cakupan-sso-down-'));
    const closed = await freePort();
    const down = await buildApp({
      config: loadConfig({ NODE_ENV: 'test', API_KEYS: `disnaker:${ADMIN}`, DATA_DIR: dir, LOG_LEVEL: 'silent', PUBLIC_BASE_URL: base, OIDC_ISSUER: `http://127.0.0.1:${closed}`, OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y' }),
      keyRing: createKeyRing(generateSigningKeyPem()),
      store,
      dashboard: false,
    });
    const res = await down.inject({ url: '/v1/session/sso' });
    await down.close();
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('30');
  });
});
