// The store over HTTP (embedded PGlite): imports with their history and rejected rows, and
// coverage from the store equal to the calculator's on the same files.
import * as XLSX from '@e965/xlsx';
import { createKeyRing, generateSigningKeyPem, signStickerToken } from '@cakupan/print';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '@cakupan/store';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { API_KEY, auth } from './helpers.js';

const sample = (f: string) => readFileSync(join(import.meta.dirname, '..', 'sample', f), 'utf8');
let app: FastifyInstance;
let store: Store;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cakupan-monitoring-'));
  store = await openStore({ dataDir: join(dir, 'store') });
  const config = loadConfig({ NODE_ENV: 'test', API_KEYS: API_KEY, DATA_DIR: dir, LOG_LEVEL: 'silent', PUBLIC_BASE_URL: 'http://127.0.0.1:3000' });
  app = await buildApp({ config, keyRing: createKeyRing(generateSigningKeyPem()), store });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

function form(parts: Record<string, { content: string; filename?: string }>) {
  const b = 'cakupan-boundary';
  const payload = Object.entries(parts)
    .map(([name, p]) => `--${b}\r\nContent-Disposition: form-data; name="${name}"${p.filename ? `; filename="${p.filename}"\r\nContent-Type: text/csv` : ''}\r\n\r\n${p.content}\r\n`)
    .join('')
    .concat(`--${b}--\r\n`);
  return { payload, headers: { ...auth, 'content-type': `multipart/form-data; boundary=${b}` } };
}
const importFile = (kind: string, content: string, extra: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/v1/imports', ...form({ kind: { content: kind }, ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, { content: v }])), file: { content, filename: `${kind}.csv` } }) });

describe('imports', () => {
  it('imports the exports, records them, and does not apply a file twice', async () => {
    const residents = await importFile('residents', sample('residents.csv'), { asOf: '2017-12-31' });
    expect(residents.statusCode, residents.body).toBe(201);
    expect(residents.json()).toMatchObject({ duplicate: false, import: { kind: 'residents', fileName: 'residents.csv', asOf: '2017-12-31', status: 'applied' } });
    // who imported it: the key's label (an unnamed key's is a fingerprint, never the key)
    expect(residents.json().import.apiKeyLabel).toMatch(/^key-[0-9a-f]{8}$/);
    expect((await importFile('participants', sample('participants.csv'))).statusCode).toBe(201);
    const again = await importFile('residents', sample('residents.csv'));
    expect(again.statusCode).toBe(200);
    expect(again.json().duplicate).toBe(true);
    const list = await app.inject({ url: '/v1/imports', headers: auth });
    expect(list.json().imports.map((i: { kind: string }) => i.kind)).toEqual(['participants', 'residents']);
    expect(list.json().next).toBeNull();
    // a page at a time
    const first = (await app.inject({ url: '/v1/imports?limit=1', headers: auth })).json();
    expect(first.imports.map((i: { kind: string }) => i.kind)).toEqual(['participants']);
    const second = (await app.inject({ url: `/v1/imports?limit=1&before=${first.next}`, headers: auth })).json();
    expect(second).toMatchObject({ imports: [{ kind: 'residents' }], next: null });
    expect((await app.inject({ url: '/v1/imports?limit=1001', headers: auth })).statusCode).toBe(400);
  });

  it('gives the regions a page at a time, in code order, every one once', async () => {
    const all = (await app.inject({ url: '/v1/coverage?asOf=2017-12-31&level=rt', headers: auth })).json();
    expect(all.next).toBeNull();
    const codes: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: { regions: { code: string }[]; next: string | null } = (await app.inject({ url: `/v1/coverage?asOf=2017-12-31&level=rt&limit=500${after ? `&after=${after}` : ''}`, headers: auth })).json();
      expect(page.regions.length).toBeLessThanOrEqual(500);
      codes.push(...page.regions.map((r) => r.code));
      after = page.next;
      pages++;
    } while (after !== null);
    expect(pages).toBeGreaterThan(1);
    expect(codes).toEqual(all.regions.map((r: { code: string }) => r.code).sort());
    expect((await app.inject({ url: '/v1/coverage?asOf=2017-12-31&level=rt&limit=10001', headers: auth })).statusCode).toBe(400);
  });

  it('answers coverage from the store equal to the calculator’s on the same files', async () => {
    const fromStore = await app.inject({ url: '/v1/coverage?asOf=2017-12-31&level=village&parent=32.71.01', headers: auth });
    expect(fromStore.statusCode, fromStore.body).toBe(200);
    const calculated = await app.inject({
      method: 'POST',
      url: '/v1/coverage',
      ...form({ asOf: { content: '2017-12-31' }, levels: { content: 'village' }, residents: { content: sample('residents.csv'), filename: 'r.csv' }, participants: { content: sample('participants.csv'), filename: 'p.csv' } }),
    });
    const expected = calculated.json().regions.filter((r: { code: string }) => r.code.startsWith('32.71.01.'));
    expect(expected.length).toBeGreaterThan(5);
    expect(fromStore.json().regions).toEqual(expected);
    // the parent's own figures beside its children: they add up
    const { totals, parent } = fromStore.json();
    expect(parent).toMatchObject({ code: '32.71.01', level: 'district', name: 'Bogor Selatan' });
    expect(totals.eligible).toBe(expected.reduce((n: number, r: { eligible: number }) => n + r.eligible, 0));
    expect(totals.covered).toBe(expected.reduce((n: number, r: { covered: number }) => n + r.covered, 0));
    expect((await app.inject({ url: '/v1/coverage?asOf=2017-12-31&level=district&parent=32.71.01.1001', headers: auth })).statusCode).toBe(400);
    const csv = await app.inject({ url: '/v1/coverage?asOf=2017-12-31&level=district&format=csv', headers: auth });
    expect(csv.body.split('\n')[0]).toBe('level,code,name,parent_code,residents,eligible,covered,pu,bpu,jakon,pmi,ratio,occupation_known,workers,covered_workers,worker_ratio');
    // the sample register records occupations: workers 18+ beside residents 18+, more covered
    expect(totals.workers).toBeGreaterThan(0);
    expect(totals.workerRatio).toBeGreaterThan(totals.ratio);
    // the same rows as an Excel workbook: counts as numbers, ratios as percentages, names as text
    const xlsx = await app.inject({ url: '/v1/coverage?asOf=2017-12-31&level=village&parent=32.71.01&format=xlsx', headers: auth });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="cakupan-327101-village-2017-12-31.xlsx"');
    const sheet = XLSX.read(xlsx.rawPayload, { cellNF: true }).Sheets['village 2017-12-31']!;
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet);
    expect(rows.map((r) => [r.code, r.eligible, r.covered, r.ratio, r.workers, r.covered_workers, r.worker_ratio])).toEqual(
      expected.map((r: { code: string; eligible: number; covered: number; ratio: number; workers: number; coveredWorkers: number; workerRatio: number }) => [r.code, r.eligible, r.covered, r.ratio, r.workers, r.coveredWorkers, r.workerRatio]),
    );
    expect(sheet.L2).toMatchObject({ t: 'n', z: '0.00%' });
    expect(sheet.C2).toMatchObject({ t: 's' });
  });

  it('keeps each import’s rejected rows for download, and answers 4xx for bad requests', async () => {
    const one = 'nik,birth_date,village_code,rw,rt\n3271011705900001,1990-05-17,3271011001,3,5\n3271011705900002,1990-05-17,3271011001,3\n';
    // it would remove nearly all of the city's register: 409 with the preview, applied with its token
    const refused = await importFile('residents', one);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json()).toMatchObject({ statusCode: 409, error: 'Conflict', preview: { guards: [{ code: 'removes_much' }], register: [{ region: '32.71', after: 1 }] } });
    expect(refused.json().message).toMatch(/removes \d+ of the \d+ residents of 32\.71 .* send the file again with confirm=[0-9a-f]{24}/);
    const some = await importFile('residents', one, { confirm: refused.json().preview.confirm });
    expect(some.statusCode, some.body).toBe(201);
    const id = some.json().import.id;
    const rejects = await app.inject({ url: `/v1/imports/${id}/rejects`, headers: auth });
    expect(rejects.headers['content-type']).toMatch(/text\/csv/);
    expect(rejects.body).toBe('line,column,code,message\n3,*,wrong_field_count,"row has 4 fields, the header has 5"\n');
    expect((await app.inject({ url: '/v1/imports/999/rejects', headers: auth })).statusCode).toBe(404);
    expect((await importFile('employees', 'x\n')).json().issues[0]).toMatchObject({ path: ['kind'] });
    expect((await importFile('residents', 'nik\n1\n', { asOf: '2017-02-30' })).json().issues[0]).toMatchObject({ path: ['asOf'] });
    const unreadable = await importFile('residents', 'nik,name\n1,a\n');
    expect(unreadable.statusCode).toBe(400);
    expect(unreadable.json().message).toMatch(/^residents\.csv: column village_code is missing/);
    expect(unreadable.body).not.toContain('/tmp/');
    expect((await app.inject({ url: '/v1/coverage?asOf=2017-13-01', headers: auth })).statusCode).toBe(400);
    expect((await app.inject({ url: '/v1/coverage?asOf=2017-12-31&parent=99.x', headers: auth })).statusCode).toBe(400);
  });
});

describe('participant events', () => {
  it('moves coverage the moment an event is accepted, once per event id', async () => {
    const village = async () => (await app.inject({ url: '/v1/coverage?asOf=2017-12-31&level=city', headers: auth })).json().regions[0].covered as number;
    const before = await village();
    // the register is now the one-resident file of the test before; that adult has no account
    expect(before).toBe(0);
    const event = { type: 'registered', eventId: 'http-1', kpj: '90000000002', nik: '3271011705900001', segment: 'PU', occurredOn: '2017-02-01' };
    const first = await app.inject({ method: 'POST', url: '/v1/participants/events', headers: auth, payload: event });
    expect(first.statusCode, first.body).toBe(201);
    expect(await village()).toBe(before + 1);
    expect((await app.inject({ method: 'POST', url: '/v1/participants/events', headers: auth, payload: event })).statusCode).toBe(200);
    expect(await village()).toBe(before + 1);
    const bad = await app.inject({ method: 'POST', url: '/v1/participants/events', headers: auth, payload: { ...event, eventId: 'http-2', segment: 'XX' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toEqual(['segment']);
    const unknown = await app.inject({ method: 'POST', url: '/v1/participants/events', headers: auth, payload: { type: 'ended', eventId: 'http-3', kpj: '11111111111', occurredOn: '2017-03-01' } });
    expect(unknown.statusCode).toBe(400);
  });
});

describe('series', () => {
  it('gives the month-ends of a region with its children, and refuses what it cannot answer', async () => {
    const res = await app.inject({ url: '/v1/coverage/series?region=3271&from=2017-01-01&to=2017-06-30', headers: auth });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ region: '32.71', level: 'city', every: 'month' });
    expect(body.points.map((p: { asOf: string }) => p.asOf)).toEqual(['2017-01-31', '2017-02-28', '2017-03-31', '2017-04-30', '2017-05-31', '2017-06-30']);
    expect(body.points[0].children.every((c: { level: string }) => c.level === 'district')).toBe(true);
    expect((await app.inject({ url: '/v1/coverage/series?region=3271&from=2017-06-01&to=2017-01-01', headers: auth })).statusCode).toBe(400);
    expect((await app.inject({ url: '/v1/coverage/series?region=3271&from=1990-01-01&to=2017-01-01', headers: auth })).statusCode).toBe(400);
    expect((await app.inject({ url: '/v1/coverage/series?region=x&from=2017-01-01&to=2017-02-01', headers: auth })).statusCode).toBe(400);
    // every village of the city at each month-end, equal to the coverage on that date
    const villages = (await app.inject({ url: '/v1/coverage/series?region=3271&children=village&from=2017-05-01&to=2017-06-30', headers: auth })).json();
    const june = (await app.inject({ url: '/v1/coverage?asOf=2017-06-30&level=village&parent=3271', headers: auth })).json();
    expect(villages.points[1].children.length).toBeGreaterThan(0);
    expect(villages.points[1].children).toEqual(june.regions);
    const upward = await app.inject({ url: '/v1/coverage/series?region=327101&children=city&from=2017-01-01&to=2017-02-01', headers: auth });
    expect(upward.statusCode).toBe(400);
    expect(upward.json().issues[0].path).toEqual(['children']);
  });

});

describe('employers', () => {
  it('imports employers and lists the unregistered of a village, as JSON and CSV, with compliance', async () => {
    const res = await importFile('employers', sample('employers.csv'));
    expect(res.statusCode, res.body).toBe(201);
    const all = sample('employers.csv').trim().split('\n').slice(1).map((l) => l.split(','));
    const village = all.find((c) => c[5] === '')![2]!;
    const list = await app.inject({ url: `/v1/employers?region=${village}&status=unregistered&limit=1000`, headers: auth });
    expect(list.statusCode, list.body).toBe(200);
    const ids = list.json().employers.map((e: { id: string }) => e.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(list.json().employers.every((e: { registered: boolean; villageCode: string }) => !e.registered)).toBe(true);
    const csv = await app.inject({ url: `/v1/employers?region=${village}&status=unregistered&format=csv&limit=1000`, headers: auth });
    expect(csv.body.split('\n')[0]).toBe('id,name,village_code,village,rw,rt,npp,status,registered,reason');
    expect(csv.body.trim().split('\n')).toHaveLength(ids.length + 1);
    const compliance = await app.inject({ url: '/v1/employers/compliance?level=district', headers: auth });
    expect(compliance.json().regions.reduce((n: number, r: { employers: number }) => n + r.employers, 0)).toBe(compliance.json().totals.employers);
    expect(compliance.json().next).toBeNull();
    expect((await app.inject({ url: '/v1/employers?region=nope', headers: auth })).statusCode).toBe(400);
  });
});


describe('faults', () => {
  it('stops at start-up with one line when the store’s database cannot be reached', async () => {
    const server = join(import.meta.dirname, '..', 'dist', 'server.js');
    const env = { ...process.env, NODE_ENV: 'development', DATA_DIR: mkdtempSync(join(tmpdir(), 'cakupan-down-')), PORT: '0', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };
    const child = spawn(process.execPath, [server], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += String(b)));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^cakupan print service: cannot open the monitoring store \(DATABASE_URL\): .*ECONNREFUSED/);
  });

  it('refuses an export dated in the future', async () => {
    const res = await importFile('residents', 'nik,birth_date,village_code,rw,rt\n', { asOf: '2999-01-01' });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0]).toMatchObject({ code: 'out_of_range', path: ['asOf'] });
  });

  it('answers 503 with Retry-After, not 500, when the store’s database is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cakupan-gone-'));
    const gone = await openStore({ dataDir: join(dir, 'store') });
    const config = loadConfig({ NODE_ENV: 'test', API_KEYS: API_KEY, DATA_DIR: dir, LOG_LEVEL: 'silent', PUBLIC_BASE_URL: 'http://127.0.0.1:3000' });
    const own = await buildApp({ config, keyRing: createKeyRing(generateSigningKeyPem()), store: { ...gone, coverage: async () => { throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }); } } });
    const res = await own.inject({ url: '/v1/coverage?asOf=2017-12-31', headers: auth });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('10');
    expect(res.json().message).not.toMatch(/ECONNREFUSED|5432/);
    await own.close();
    await gone.close();
  });
});

describe('a database process that dies', () => {
  it('answers 503 + Retry-After (never 500) on store routes and a degraded /health while it restarts, then heals by itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cakupan-heal-'));
    const storeDir = join(dir, 'store');
    const own = await openStore({ dataDir: storeDir });
    const config = loadConfig({ NODE_ENV: 'test', API_KEYS: API_KEY, DATA_DIR: dir, LOG_LEVEL: 'silent', PUBLIC_BASE_URL: 'http://127.0.0.1:3000' });
    const keyRing = createKeyRing(generateSigningKeyPem());
    const app = await buildApp({ config, keyRing, store: own });
    const token = signStickerToken({ kind: 'employer', registered: true, reason: 'employer_registered', issuedOn: '2026-11-23', validUntil: '2099-11-23', serial: 7, label: 'CV Maju Jaya' }, keyRing);
    const scan = async () => (await app.inject({ url: `/v/${token}`, headers: { accept: 'application/json' } })).json();
    try {
      expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
      expect(await scan()).toMatchObject({ valid: true, colour: 'green', registerChecked: true });
      const pid = Number(readFileSync(join(storeDir, 'store.lock'), 'utf8').trim().split(' ')[1]);
      process.kill(pid, 'SIGKILL');
      await vi.waitFor(async () => expect((await app.inject({ url: '/health' })).statusCode).toBe(503), { timeout: 5_000, interval: 10 });
      const health = await app.inject({ url: '/health' });
      expect(health.json()).toMatchObject({ status: 'degraded', store: { engine: 'pglite', status: 'restarting' } });
      expect((await app.inject({ url: '/health/live' })).statusCode).toBe(200);
      const refused = await app.inject({ url: '/v1/imports', headers: auth });
      expect(refused.statusCode).toBe(503);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // the public page answers from the signature alone, and says the register was not asked
      expect(await scan()).toMatchObject({ valid: true, colour: 'green', registerChecked: false });
      // healed without anyone's help
      await vi.waitFor(async () => expect((await app.inject({ url: '/health' })).statusCode).toBe(200), { timeout: 20_000, interval: 50 });
      expect((await app.inject({ url: '/v1/imports', headers: auth })).statusCode).toBe(200);
      expect(await scan()).toMatchObject({ registerChecked: true });
    } finally {
      await app.close();
      await own.close();
    }
  });
});

describe('overview', () => {
  it('gives a region’s coverage with numerator and denominator, its change since the previous month-end, and what it stands on', async () => {
    const res = await app.inject({ url: '/v1/overview?region=3271&asOf=2017-12-31', headers: auth });
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json();
    const on = async (asOf: string) => (await app.inject({ url: `/v1/coverage?asOf=${asOf}&level=city`, headers: auth })).json().regions[0];
    const [dec, nov] = [await on('2017-12-31'), await on('2017-11-30')];
    expect(o.region).toEqual({ code: '32.71', level: 'city', name: 'Kota Bogor' });
    expect(o.coverage).toEqual({ eligible: dec.eligible, covered: dec.covered, ratio: dec.ratio, bySegment: dec.bySegment, occupationKnown: dec.occupationKnown, workers: dec.workers, coveredWorkers: dec.coveredWorkers, workerRatio: dec.workerRatio });
    expect(o.previous).toMatchObject({ asOf: '2017-11-30', eligible: nov.eligible, covered: nov.covered });
    expect(o.change.covered).toBe(dec.covered - nov.covered);
    expect(o.change.ratioPoints).toBeCloseTo((dec.ratio - nov.ratio) * 100, 1);
    // the register in force is the latest residents import applied
    const imports = (await app.inject({ url: '/v1/imports', headers: auth })).json().imports as { kind: string; status: string; asOf: string | null; finishedAt: string }[];
    const register = imports.find((i) => i.kind === 'residents' && i.status === 'applied')!;
    expect(o.dataAsOf.residents).toEqual({ asOf: register.asOf, importedAt: register.finishedAt });
    expect(o.dataAsOf.participants.importedAt).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(o.dataAsOf.lastEventAt).toMatch(/^\d{4}-\d{2}-\d{2}/);
    // one level down: each district with its own change, adding up to the city
    const districts = (await app.inject({ url: '/v1/coverage?asOf=2017-12-31&level=district&parent=3271', headers: auth })).json().regions;
    expect(o.children.map((c: { code: string; eligible: number; covered: number }) => [c.code, c.eligible, c.covered])).toEqual(
      districts.map((d: { code: string; eligible: number; covered: number }) => [d.code, d.eligible, d.covered]),
    );
    expect(o.children.reduce((n: number, c: { change: { covered: number } }) => n + c.change.covered, 0)).toBe(o.change.covered);
    const district = (await app.inject({ url: `/v1/overview?region=${o.children[0].code}&asOf=2017-12-31`, headers: auth })).json();
    expect(district.children.length).toBeGreaterThan(0);
    expect(district.children.every((c: { level: string; code: string }) => c.level === 'village' && c.code.startsWith(`${o.children[0].code}.`))).toBe(true);
    const rtCode = (await app.inject({ url: '/v1/coverage?asOf=2017-12-31&level=rt&parent=3271011001', headers: auth })).json().regions[0].code;
    expect((await app.inject({ url: `/v1/overview?region=${rtCode}&asOf=2017-12-31`, headers: auth })).json()).toMatchObject({ region: { code: rtCode, level: 'rt' }, children: [] });
    const missing = await app.inject({ url: '/v1/overview', headers: auth });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().issues[0].path).toEqual(['region']);
    expect((await app.inject({ url: '/v1/overview?region=3201&asOf=2017-12-31', headers: auth })).statusCode).toBe(404);
  });
});
