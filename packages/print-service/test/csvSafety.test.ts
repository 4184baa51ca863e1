// Every CSV the service writes is safe to open in a spreadsheet (OWASP's CSV injection rule): a
// cell that would start a formula (`=`, `+`, `-`, `@`, tab, CR) is written with a leading `'`, so
// that it is shown, not run. Imported names that look like formulas go through each CSV route.
import { createKeyRing, generateSigningKeyPem } from '@cakupan/print';
import { openStore, type Store } from '@cakupan/store';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { API_KEY, auth, importForm } from './helpers.js';

const FORMULAS = ['=HYPERLINK("http://evil.example","klik")', '+62 811 1', '-1+1', '@SUM(A1)'];
let store: Store;
let app: FastifyInstance;

/** The cells of a CSV body (quoted cells unquoted), every line. */
function cells(csv: string): string[] {
  const out: string[] = [];
  for (const m of csv.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,\n]*))/gm)) out.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!);
  return out;
}
/** Cells a spreadsheet would run (a number, negative ones included, is a number). */
const runnable = (csv: string) => cells(csv).filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-?\d+(\.\d+)?$/.test(c));

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cakupan-csv-'));
  store = await openStore({ dataDir: join(dir, 'store') });
  const config = loadConfig({ NODE_ENV: 'test', API_KEYS: API_KEY, DATA_DIR: dir, LOG_LEVEL: 'silent', PUBLIC_BASE_URL: 'http://127.0.0.1:3000' });
  app = await buildApp({ config, keyRing: createKeyRing(generateSigningKeyPem()), store, dashboard: false });
  const rows = FORMULAS.map((name, i) => `912000000010${i},"${name.replace(/"/g, '""')}",3271011001,1,${i + 1},,`);
  const csv = `id,name,village_code,rw,rt,npp,status\n${rows.join('\n')}\n`;
  const form = importForm('employers', csv, { asOf: '2017-12-31' });
  const res = await app.inject({ method: 'POST', url: '/v1/imports', payload: form.payload, headers: { ...auth, ...form.headers } });
  expect(res.statusCode, res.body).toBe(201);
  // and accounts the import rejects, their bad values looking like formulas
  const accounts = 'nik,kpj,segment,status,registered_on,ended_on,employer_npp\n3271011705900001,93223859319,=1+1,active,2016-11-12,,\n3271011705900002,93223859320,PU,active,@SUM(A1),,\n3271011705900003,93223859321,PU,active,2016-11-12,,\n';
  const second = importForm('participants', accounts, { asOf: '2017-12-31' });
  const rejected = await app.inject({ method: 'POST', url: '/v1/imports', payload: second.payload, headers: { ...auth, ...second.headers } });
  expect(rejected.statusCode, rejected.body).toBe(201);
}, 120_000);
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('CSV the service writes', () => {
  it('the employers worklist shows formula-looking names as text', async () => {
    const res = await app.inject({ url: '/v1/employers?format=csv&region=3271011001', headers: auth });
    expect(res.statusCode).toBe(200);
    for (const name of FORMULAS) expect(cells(res.body)).toContain(`'${name}`);
    expect(runnable(res.body)).toEqual([]);
  });

  it('the sticker register shows printed labels as text', async () => {
    const subjects = FORMULAS.map((name, i) => ({ kind: 'employer', id: `912000000010${i}`, name, villageCode: '3271011001' }));
    const printed = await app.inject({ method: 'POST', url: '/v1/stickers', headers: auth, payload: { subjects } });
    expect(printed.statusCode, printed.body).toBe(200);
    const res = await app.inject({ url: '/v1/stickers?format=csv&region=3271011001', headers: auth });
    for (const name of FORMULAS) expect(cells(res.body)).toContain(`'${name}`);
    expect(runnable(res.body)).toEqual([]);
  });

  it('an import’s rejected rows and the coverage tables hold nothing a spreadsheet would run', async () => {
    const [latest] = await store.imports({ limit: 1 });
    const rejects = await app.inject({ url: `/v1/imports/${latest!.id}/rejects`, headers: auth });
    expect(rejects.statusCode).toBe(200);
    expect(rejects.body.trim().split('\n').length, rejects.body).toBe(3);
    expect(runnable(rejects.body)).toEqual([]);
    const coverage = await app.inject({ url: '/v1/coverage?asOf=2017-12-31&level=village&format=csv', headers: auth });
    expect(runnable(coverage.body)).toEqual([]);
  });
});
