// The permission matrix: every operation of the OpenAPI document × every role × a target inside
// and outside the caller's scope. The expected answer comes from the one table
// (`@cakupan/contract`'s ROLE_PERMISSIONS): a role without the route's permission gets 403 before
// anything is read; with it, inside its scope, the route's success; outside, 403 naming the scope
// (a region asked for) or 404 like a missing object (an object asked for). An operation with no
// request here fails the test: a new route cannot land without being placed in the matrix.
import { createKeyRing, generateSigningKeyPem } from '@cakupan/print';
import { mayDo, type Permission, ROLES, type Role } from '@cakupan/contract';
import { isWithinRegion, toDottedRegionCode } from '@cakupan/core';
import { openStore, type Store } from '@cakupan/store';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { importSampleCity } from '../src/sampleCity.js';
import { geojsonForm, importForm } from './helpers.js';

const ADMIN = 'matrix-admin-key-0123456789abcdef';
const admin = { authorization: `Bearer ${ADMIN}` };
/** A second administrator: requisitions are decided by someone other than who asked. */
const admin2 = { authorization: 'Bearer matrix-second-admin-key-0123456789' };
/** Each role's scope: the district of Bogor Selatan where the role may have one (a print shop: the city; the administrator: none). */
const SCOPE: Record<Role, string | null> = {
  administrator: null,
  city_officer: '32.71.01',
  kelurahan_operator: '32.71.01',
  field_officer: '32.71.01',
  bpjs_branch: '32.71.01',
  disdukcapil: '32.71.01',
  print_shop: '32.71',
  analyst: '32.71.01',
};
/** A village inside every scope, and one outside the district's. */
const IN_VILLAGE = '3271011008';
const OUT_VILLAGE = '3271021003';
const sample = (name: string) => readFileSync(join(import.meta.dirname, '..', 'sample', name), 'utf8');
const residentOf = (village: string, nth = 0) => sample('residents.csv').split('\n').filter((l) => l.split(',')[5] === village)[nth]!.split(',')[0]!;

interface Ctx {
  role: Role;
  headers: Record<string, string>;
  /** A number unique to this request (for labels, event ids, usernames). */
  n: number;
}
interface Case {
  /** The request; `where` says which target (for operations without one, both are the same). */
  request(ctx: Ctx, where: 'in' | 'out'): InjectOptions | Promise<InjectOptions>;
  /** The success status inside the scope. */
  ok: number;
  /** The village or region the out-of-scope request targets, and what it answers there; none: the operation has no target in a region. */
  out?: { region: string; status: 403 | 404 | 200 };
}

let store: Store;
let app: FastifyInstance;
const keys = new Map<Role, Record<string, string>>();
let counter = 0;
/** An import the district's viewers see (made by its civil registry), and the city's (made by the administrator). */
let districtImport: number;
let cityImport: number;

const printed = async (employerId: string, village: string): Promise<number> => {
  const res = await app.inject({ method: 'POST', url: '/v1/stickers', headers: admin, payload: { subjects: [{ kind: 'employer', id: employerId, name: 'x', villageCode: village }] } });
  expect(res.statusCode, res.body).toBe(200);
  return Number(res.headers['x-first-serial']);
};
const employersCsv = (id: string, village: string) => `id,name,village_code,rw,rt,npp,status\n${id},Toko Matriks,${village},1,1,,\n`;
const upload = (headers: Record<string, string>, kind: string, csv: string, fields: Record<string, string> = {}) => {
  const form = importForm(kind, csv, { asOf: '2017-12-31', ...fields });
  return { method: 'POST' as const, url: '/v1/imports', payload: form.payload, headers: { ...headers, ...form.headers } };
};
/** A requisition of the village's employers, requested by the second administrator; approved (by the first) and printed when asked. */
const requisition = async (village: string, steps: { approve?: boolean; print?: boolean } = {}): Promise<number> => {
  const made = await app.inject({ method: 'POST', url: '/v1/requisitions', headers: admin2, payload: { region: village, kind: 'employer' } });
  expect(made.statusCode, made.body).toBe(201);
  const id = made.json().id as number;
  if (steps.approve || steps.print) expect((await app.inject({ method: 'POST', url: `/v1/requisitions/${id}/approve`, headers: admin })).statusCode).toBe(200);
  if (steps.print) expect((await app.inject({ url: `/v1/requisitions/${id}/stickers`, headers: admin })).statusCode).toBe(200);
  return id;
};
const villageOf = (where: 'in' | 'out') => (where === 'in' ? IN_VILLAGE : OUT_VILLAGE);

/** The kind of import a role makes (its permission's), else any. */
const kindOf = (role: Role) => (role === 'disdukcapil' ? 'residents' : 'employers');

const CASES: Record<string, Case> = {
  'GET /v1/me': { request: () => ({ url: '/v1/me' }), ok: 200 },
  'GET /v1/regions/{code}': { request: () => ({ url: `/v1/regions/${IN_VILLAGE}` }), ok: 200 },
  'GET /v1/coverage': {
    request: (_c, w) => ({ url: `/v1/coverage?asOf=2017-12-31&level=rt&parent=${w === 'in' ? IN_VILLAGE : OUT_VILLAGE}` }),
    ok: 200,
    out: { region: OUT_VILLAGE, status: 403 },
  },
  'POST /v1/coverage': {
    request: () => ({
      method: 'POST',
      url: '/v1/coverage',
      payload: { asOf: '2017-12-31', residents: [{ nik: '3271011705900001', birthDate: '1990-05-17', villageCode: IN_VILLAGE, rw: '003', rt: '005' }], participants: [] },
    }),
    ok: 200,
  },
  'GET /v1/coverage/series': {
    request: (_c, w) => ({ url: `/v1/coverage/series?region=${w === 'in' ? IN_VILLAGE : OUT_VILLAGE}&from=2017-01-01&to=2017-03-31` }),
    ok: 200,
    out: { region: OUT_VILLAGE, status: 403 },
  },
  'GET /v1/overview': { request: (_c, w) => ({ url: `/v1/overview?region=${w === 'in' ? IN_VILLAGE : OUT_VILLAGE}&asOf=2017-12-31` }), ok: 200, out: { region: OUT_VILLAGE, status: 403 } },
  'GET /v1/quality': { request: (_c, w) => ({ url: `/v1/quality?region=${w === 'in' ? IN_VILLAGE : OUT_VILLAGE}&asOf=2017-12-31` }), ok: 200, out: { region: OUT_VILLAGE, status: 403 } },
  'GET /v1/reports/monthly': { request: (_c, w) => ({ url: `/v1/reports/monthly?region=${w === 'in' ? IN_VILLAGE : OUT_VILLAGE}&month=2017-12` }), ok: 200, out: { region: OUT_VILLAGE, status: 403 } },
  'GET /v1/employers': { request: (_c, w) => ({ url: `/v1/employers?region=${w === 'in' ? IN_VILLAGE : OUT_VILLAGE}` }), ok: 200, out: { region: OUT_VILLAGE, status: 403 } },
  'GET /v1/employers/compliance': {
    request: (_c, w) => ({ url: `/v1/employers/compliance?level=rt&parent=${w === 'in' ? IN_VILLAGE : OUT_VILLAGE}` }),
    ok: 200,
    out: { region: OUT_VILLAGE, status: 403 },
  },
  // a dry run: rows outside the scope are rejected by name (the preview says so), nothing is changed
  'POST /v1/imports': {
    request: (c, w) => upload(c.headers, kindOf(c.role), kindOf(c.role) === 'residents' ? residentsCsv(w) : employersCsv(`91299000${String(c.n).padStart(5, '0')}`, w === 'in' ? IN_VILLAGE : OUT_VILLAGE), { dryRun: 'true' }),
    ok: 200,
    out: { region: OUT_VILLAGE, status: 200 },
  },
  'GET /v1/imports': { request: () => ({ url: '/v1/imports' }), ok: 200 },
  'GET /v1/imports/{id}/rejects': {
    request: (_c, w) => ({ url: `/v1/imports/${w === 'in' ? districtImport : cityImport}/rejects` }),
    ok: 200,
    out: { region: '32.71', status: 404 },
  },
  // its own import undone; another's (the city's) answers as if there were none
  'POST /v1/imports/{id}/revert': {
    request: async (c, w) => {
      if (w === 'out' || !mayDo(c.role, 'imports:revert')) return { method: 'POST', url: `/v1/imports/${cityImport}/revert` };
      // its own kind: the civil registry its district's register (as it is, a new file), the others an employer
      // (the city's employers with one more, so that nobody else's are touched)
      const file: [string, string] =
        c.role === 'disdukcapil'
          ? ['residents', `${sample('residents.csv')}${'\n'.repeat(c.n)}`]
          : ['employers', `${sample('employers.csv').trimEnd()}\n${employersCsv(`91298000${String(c.n).padStart(5, '0')}`, IN_VILLAGE).split('\n')[1]}\n`];
      const made = await app.inject(upload(c.headers, ...file));
      expect(made.statusCode, made.body).toBe(201);
      return { method: 'POST', url: `/v1/imports/${made.json().import.id}/revert` };
    },
    ok: 200,
    out: { region: '32.71', status: 404 },
  },
  'POST /v1/participants/events': {
    request: (c, w) => ({
      method: 'POST',
      url: '/v1/participants/events',
      payload: { type: 'registered', eventId: `matrix-${c.n}`, kpj: String(80_000_000_000 + c.n), nik: residentOf(w === 'in' ? IN_VILLAGE : OUT_VILLAGE, 2), segment: 'BPU', occurredOn: '2017-03-01' },
    }),
    ok: 201,
    out: { region: OUT_VILLAGE, status: 403 },
  },
  'POST /v1/stickers': {
    request: (_c, w) => ({
      method: 'POST',
      url: '/v1/stickers',
      payload: { subjects: [w === 'in' ? { kind: 'employer', id: '9120000000004', name: 'x', villageCode: IN_VILLAGE } : { kind: 'employer', id: '9120000000002', name: 'x', villageCode: OUT_VILLAGE }] },
    }),
    ok: 200,
    out: { region: OUT_VILLAGE, status: 403 },
  },
  'POST /v1/stickers/batch': {
    request: (_c, w) => ({ method: 'POST', url: '/v1/stickers/batch', payload: { region: w === 'in' ? IN_VILLAGE : OUT_VILLAGE, kind: 'employer' } }),
    ok: 200,
    out: { region: OUT_VILLAGE, status: 403 },
  },
  'GET /v1/stickers': { request: (_c, w) => ({ url: `/v1/stickers?region=${w === 'in' ? IN_VILLAGE : OUT_VILLAGE}` }), ok: 200, out: { region: OUT_VILLAGE, status: 403 } },
  'POST /v1/stickers/{serial}/revoke': {
    request: async (_c, w) => {
      const serial = w === 'in' ? await printed('9120000000004', IN_VILLAGE) : await printed('9120000000002', OUT_VILLAGE);
      return { method: 'POST', url: `/v1/stickers/${serial}/revoke`, payload: { reason: 'misprint' } };
    },
    ok: 200,
    out: { region: OUT_VILLAGE, status: 404 },
  },
  'GET /v1/audit': { request: () => ({ url: '/v1/audit' }), ok: 200 },
  'GET /v1/api-keys': { request: () => ({ url: '/v1/api-keys' }), ok: 200 },
  'POST /v1/api-keys': { request: (c) => ({ method: 'POST', url: '/v1/api-keys', payload: { label: `made-${c.n}`, role: 'analyst', scope: '327101' } }), ok: 201 },
  'POST /v1/api-keys/{label}/revoke': {
    request: async (c) => {
      await app.inject({ method: 'POST', url: '/v1/api-keys', headers: admin, payload: { label: `gone-${c.n}`, role: 'analyst', scope: '327101' } });
      return { method: 'POST', url: `/v1/api-keys/gone-${c.n}/revoke` };
    },
    ok: 200,
  },
  'GET /v1/accounts': { request: () => ({ url: '/v1/accounts' }), ok: 200 },
  'POST /v1/accounts': { request: (c) => ({ method: 'POST', url: '/v1/accounts', payload: { username: `person-${c.n}`, name: 'Petugas Matriks', role: 'analyst', scope: '327101' } }), ok: 201 },
  'PATCH /v1/accounts/{username}': {
    request: async (c) => {
      await app.inject({ method: 'POST', url: '/v1/accounts', headers: admin, payload: { username: `changed-${c.n}`, name: 'Petugas', role: 'analyst', scope: '327101' } });
      return { method: 'PATCH', url: `/v1/accounts/changed-${c.n}`, payload: { name: 'Petugas Baru' } };
    },
    ok: 200,
  },
  'POST /v1/accounts/{username}/reset': {
    request: async (c) => {
      await app.inject({ method: 'POST', url: '/v1/accounts', headers: admin, payload: { username: `reset-${c.n}`, name: 'Petugas', role: 'analyst', scope: '327101' } });
      return { method: 'POST', url: `/v1/accounts/reset-${c.n}/reset`, payload: { password: 'a new password 1' } };
    },
    ok: 200,
  },
  'POST /v1/stickers/{serial}/installations': {
    request: async (_c, w) => ({
      method: 'POST',
      url: `/v1/stickers/${w === 'in' ? await printed('9120000000004', IN_VILLAGE) : await printed('9120000000002', OUT_VILLAGE)}/installations`,
      payload: { installedAt: '2026-12-03T09:15:00+07:00' },
    }),
    ok: 201,
    out: { region: OUT_VILLAGE, status: 404 },
  },
  'GET /v1/stickers/{serial}/installations': {
    request: async (_c, w) => ({ url: `/v1/stickers/${w === 'in' ? await printed('9120000000004', IN_VILLAGE) : await printed('9120000000002', OUT_VILLAGE)}/installations` }),
    ok: 200,
    out: { region: OUT_VILLAGE, status: 404 },
  },
  'POST /v1/employers/{id}/visits': {
    request: (_c, w) => ({ method: 'POST', url: `/v1/employers/${w === 'in' ? '9120000000004' : '9120000000002'}/visits`, payload: { outcome: 'will_register', followUpOn: '2026-12-17', visitedAt: '2026-12-03T10:00:00+07:00' } }),
    ok: 201,
    out: { region: OUT_VILLAGE, status: 404 },
  },
  'GET /v1/employers/{id}/visits': {
    request: (_c, w) => ({ url: `/v1/employers/${w === 'in' ? '9120000000004' : '9120000000002'}/visits` }),
    ok: 200,
    out: { region: OUT_VILLAGE, status: 404 },
  },
  'POST /v1/field/records': {
    request: async (c, w) => ({
      method: 'POST',
      url: '/v1/field/records',
      payload: { records: [{ kind: 'installation', serial: w === 'in' ? await printed('9120000000004', IN_VILLAGE) : await printed('9120000000002', OUT_VILLAGE), installedAt: '2026-12-03T09:15:00+07:00', clientId: `matrix-${c.n}-record` }] },
    }),
    ok: 200,
  },
  'GET /v1/field/progress': { request: (_c, w) => ({ url: `/v1/field/progress?region=${villageOf(w)}` }), ok: 200, out: { region: OUT_VILLAGE, status: 403 } },
  'GET /v1/regions/{code}/registration-help': { request: (_c, w) => ({ url: `/v1/regions/${villageOf(w)}/registration-help` }), ok: 200, out: { region: OUT_VILLAGE, status: 403 } },
  'PUT /v1/regions/{code}/registration-help': {
    request: (_c, w) => ({ method: 'PUT', url: `/v1/regions/${villageOf(w)}/registration-help`, payload: { office: 'Kantor Kelurahan' } }),
    ok: 200,
    out: { region: OUT_VILLAGE, status: 403 },
  },
  'DELETE /v1/regions/{code}/registration-help': { request: (_c, w) => ({ method: 'DELETE', url: `/v1/regions/${villageOf(w)}/registration-help` }), ok: 200, out: { region: OUT_VILLAGE, status: 403 } },
  'GET /v1/regions/{code}/settings': { request: (_c, w) => ({ url: `/v1/regions/${villageOf(w)}/settings` }), ok: 200, out: { region: OUT_VILLAGE, status: 403 } },
  'PUT /v1/regions/{code}/settings': { request: () => ({ method: 'PUT', url: '/v1/regions/32.71/settings', payload: { issuer: 'Pemerintah Kota Bogor' } }), ok: 200 },
  'DELETE /v1/regions/{code}/settings': { request: () => ({ method: 'DELETE', url: '/v1/regions/32.71/settings' }), ok: 200 },
  'GET /v1/regions/{code}/children': { request: (_c, w) => ({ url: `/v1/regions/${w === 'in' ? '32.71.01' : '32.71.02'}/children` }), ok: 200, out: { region: '32.71.02', status: 403 } },
  'GET /v1/regions/{code}/boundaries': { request: (_c, w) => ({ url: `/v1/regions/${villageOf(w)}/boundaries` }), ok: 200, out: { region: OUT_VILLAGE, status: 403 } },
  'POST /v1/regions/{code}/boundaries': {
    request: (c) => {
      const form = geojsonForm(sample('kota-bogor-boundaries.geojson'), { attribution: 'BIG' });
      return { method: 'POST', url: '/v1/regions/32.71.01/boundaries?dryRun=true', payload: form.payload, headers: { ...c.headers, ...form.headers } };
    },
    ok: 200,
  },
  'GET /v1/regions/{code}/boundaries/versions': { request: () => ({ url: '/v1/regions/32.71/boundaries/versions' }), ok: 200 },
  'POST /v1/regions/{code}/boundaries/versions/{id}/restore': {
    request: async () => ({ method: 'POST', url: `/v1/regions/32.71/boundaries/versions/${(await store.boundaries.versions('32.71')).at(-1)!.id}/restore` }),
    ok: 200,
  },
  'GET /v1/reports/monthly/approvals': { request: (_c, w) => ({ url: `/v1/reports/monthly/approvals?region=${villageOf(w)}` }), ok: 200, out: { region: OUT_VILLAGE, status: 403 } },
  // each request approves a month of its own (a second approval of one month would be a conflict)
  'POST /v1/reports/monthly/approvals': {
    request: (c, w) => ({ method: 'POST', url: '/v1/reports/monthly/approvals', payload: { region: w === 'out' ? OUT_VILLAGE : c.role === 'administrator' ? IN_VILLAGE : '3271011001', month: `${2016 + Math.floor((c.n % 24) / 12)}-${String((c.n % 12) + 1).padStart(2, '0')}`, expectedRevision: 0 } }),
    ok: 201,
    out: { region: OUT_VILLAGE, status: 403 },
  },
  'GET /v1/field/delivery-list': { request: (_c, w) => ({ url: `/v1/field/delivery-list?region=${villageOf(w)}` }), ok: 200, out: { region: OUT_VILLAGE, status: 403 } },
  'POST /v1/requisitions': {
    request: (_c, w) => ({ method: 'POST', url: '/v1/requisitions', payload: { region: villageOf(w), kind: 'employer' } }),
    ok: 201,
    out: { region: OUT_VILLAGE, status: 403 },
  },
  'GET /v1/requisitions': { request: () => ({ url: '/v1/requisitions' }), ok: 200 },
  'GET /v1/requisitions/{id}': {
    request: async (_c, w) => ({ url: `/v1/requisitions/${await requisition(villageOf(w), { approve: true })}` }),
    ok: 200,
    out: { region: OUT_VILLAGE, status: 404 },
  },
  'POST /v1/requisitions/{id}/approve': {
    request: async (_c, w) => ({ method: 'POST', url: `/v1/requisitions/${await requisition(villageOf(w))}/approve` }),
    ok: 200,
    out: { region: OUT_VILLAGE, status: 404 },
  },
  'POST /v1/requisitions/{id}/decline': {
    request: async (_c, w) => ({ method: 'POST', url: `/v1/requisitions/${await requisition(villageOf(w))}/decline`, payload: { reason: 'not this month' } }),
    ok: 200,
    out: { region: OUT_VILLAGE, status: 404 },
  },
  'GET /v1/requisitions/{id}/stickers': {
    request: async (_c, w) => ({ url: `/v1/requisitions/${await requisition(villageOf(w), { approve: true })}/stickers` }),
    ok: 200,
    out: { region: OUT_VILLAGE, status: 404 },
  },
  'GET /v1/requisitions/{id}/job-sheet': {
    request: async (_c, w) => ({ url: `/v1/requisitions/${await requisition(villageOf(w), { print: true })}/job-sheet` }),
    ok: 200,
    out: { region: OUT_VILLAGE, status: 404 },
  },
};

/** The operations anyone may call (no caller): listed here, so that a new one is a decision, not an accident. */
const PUBLIC = [
  'GET /v1/keys',
  'GET /v1/revocations',
  'GET /v1/session',
  'POST /v1/session',
  'DELETE /v1/session',
  'GET /v1/session/methods',
  'POST /v1/session/password',
  'GET /v/{token}',
  'GET /.well-known/jwks.json',
];

function residentsCsv(where: 'in' | 'out'): string {
  const village = where === 'in' ? IN_VILLAGE : OUT_VILLAGE;
  return `nik,birth_date,village_code,rw,rt\n${residentOf(village)},1990-05-17,${village},1,1\n`;
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cakupan-matrix-'));
  store = await openStore({ dataDir: join(dir, 'store') });
  await importSampleCity(store);
  const config = loadConfig({ NODE_ENV: 'test', API_KEYS: `disnaker:${ADMIN},disnaker2:matrix-second-admin-key-0123456789`, DATA_DIR: dir, LOG_LEVEL: 'silent', PUBLIC_BASE_URL: 'http://127.0.0.1:3000', RATE_LIMIT_MAX: '100000' });
  app = await buildApp({ config, keyRing: createKeyRing(generateSigningKeyPem()), store });
  for (const role of ROLES) {
    if (role === 'administrator') {
      keys.set(role, admin);
      continue;
    }
    const made = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: admin, payload: { label: `matrix-${role}`, role, scope: SCOPE[role] } });
    expect(made.statusCode, made.body).toBe(201);
    keys.set(role, { authorization: `Bearer ${made.json().key}` });
  }
  cityImport = (await store.imports())[0]!.id;
  // the district's own residents import (its register as it is, sent again by its civil registry)
  const district = await app.inject(upload(keys.get('disdukcapil')!, 'residents', `${sample('residents.csv')}\n`));
  expect(district.statusCode, district.body).toBe(201);
  districtImport = district.json().import.id;
}, 120_000);
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('the permission matrix', () => {
  it('has a request for every operation of the OpenAPI document, and names the public ones', () => {
    const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    const secured = operations.filter((o) => !PUBLIC.includes(o));
    expect(secured.filter((o) => !(o in CASES)), 'operations without a request in the matrix').toEqual([]);
    expect(Object.keys(CASES).filter((o) => !operations.includes(o)), 'requests for operations that are gone').toEqual([]);
    expect(PUBLIC.filter((o) => !operations.includes(o))).toEqual([]);
  });

  it('answers every operation × role × in and out of scope as the one table says', { timeout: 600_000 }, async () => {
    const doc = app.swagger() as { paths: Record<string, Record<string, { 'x-permission'?: Permission }>> };
    // the permission each route declares, as the OpenAPI document tells it
    const permissionOf = (op: string): Permission => {
      const [method, path] = op.split(' ') as [string, string];
      const permission = doc.paths[path]?.[method.toLowerCase()]?.['x-permission'];
      expect(permission, `${op} declares a permission`).toBeDefined();
      return permission!;
    };
    const mismatches: string[] = [];
    let asked = 0;
    for (const op of Object.keys(CASES)) {
      expect(Object.keys(doc.paths)).toContain(op.split(' ')[1]);
      const permission = permissionOf(op);
      const c = CASES[op]!;
      for (const role of ROLES) {
        for (const where of ['in', 'out'] as const) {
          if (where === 'out' && !c.out) continue;
          const headers = keys.get(role)!;
          const ctx = { role, headers, n: ++counter };
          // a caller of everything has no outside: its "out" request is the in-scope one again
          const options = await c.request(ctx, SCOPE[role] === null ? 'in' : where);
          const res: LightMyRequestResponse = await app.inject({ ...options, headers: { ...(options.headers as Record<string, string>), ...headers } });
          asked++;
          const scope = SCOPE[role];
          const outside = where === 'out' && scope !== null && !isWithinRegion(toDottedRegionCode(c.out!.region), scope);
          const expected = !mayDo(role, permission) ? 403 : outside ? c.out!.status : c.ok;
          const text = res.body.slice(0, 160);
          if (res.statusCode !== expected) mismatches.push(`${op} as ${role} ${where} → ${res.statusCode}, expected ${expected}: ${text}`);
          else if (!mayDo(role, permission) && !res.json().message.includes(permission)) mismatches.push(`${op} as ${role}: the 403 does not name ${permission}: ${text}`);
          else if (outside && expected === 404 && /32\.71|Batu|Bogor/.test(res.body)) mismatches.push(`${op} as ${role} out: the 404 tells where: ${text}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(asked).toBeGreaterThan(ROLES.length * Object.keys(CASES).length);
  });

  it('refuses a role without the permission before it reads or validates the body', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: keys.get('analyst')!, payload: { not: 'a valid body' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('keys:manage');
    const upload = await app.inject({ method: 'POST', url: '/v1/imports', headers: { ...keys.get('print_shop')!, 'content-type': 'multipart/form-data; boundary=x' }, payload: 'not multipart at all' });
    expect(upload.statusCode).toBe(403);
  });

  it('keeps each import kind to its role: the civil registry imports residents, BPJS accounts and employers', async () => {
    const employersByRegistry = await app.inject(upload(keys.get('disdukcapil')!, 'employers', employersCsv('9129700000001', IN_VILLAGE), { dryRun: 'true' }));
    expect(employersByRegistry.statusCode).toBe(403);
    expect(employersByRegistry.json().message).toContain('imports:bpjs');
    const residentsByBpjs = await app.inject(upload(keys.get('bpjs_branch')!, 'residents', residentsCsv('in'), { dryRun: 'true' }));
    expect(residentsByBpjs.statusCode).toBe(403);
    expect(residentsByBpjs.json().message).toContain('imports:residents');
  });
});
