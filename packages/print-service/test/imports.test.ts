// Imports over HTTP (issue 19): the formats the offices send, dry runs, 409 guards with their token,
// undo, several cities in one store, a scoped key's rows — on embedded PGlite and, with
// DATABASE_URL, on a PostgreSQL server.
import { createKeyRing, generateSigningKeyPem } from '@cakupan/print';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '@cakupan/store';
import type { FastifyInstance } from 'fastify';
import * as XLSX from '@e965/xlsx';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { API_KEY, auth } from './helpers.js';

const sample = (f: string) => readFileSync(join(import.meta.dirname, '..', 'sample', f), 'utf8');

/** PGlite always; PostgreSQL when DATABASE_URL is set (in a database of this file's own). */
async function engines(): Promise<[string, string | undefined][]> {
  const url = process.env.DATABASE_URL;
  if (!url) return [['pglite', undefined]];
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query('drop database if exists cakupan_test_service_imports with (force)');
    await admin.query('create database cakupan_test_service_imports');
  } finally {
    await admin.end();
  }
  const own = new URL(url);
  own.pathname = '/cakupan_test_service_imports';
  return [
    ['pglite', undefined],
    ['postgres', own.toString()],
  ];
}

/** A multipart body: the file as `file` (named `fileName`) and the fields. */
function form(fileName: string, content: string, fields: Record<string, string>) {
  const b = 'cakupan-import-boundary';
  const part = (name: string, value: string) => `--${b}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const payload = `${Object.entries(fields).map(([k, v]) => part(k, v)).join('')}--${b}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${b}--\r\n`;
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

/** The sample's residents with their birth dates written as Disdukcapil and spreadsheets do. */
function officeDates(csv: string): string {
  const months = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
  let i = 0;
  return csv.replace(/,(\d{4})-(\d{2})-(\d{2}),/g, (_, y: string, m: string, d: string) => {
    const way = i++ % 3;
    if (way === 0) return `,${d}-${m}-${y},`;
    if (way === 1) return `,${d}/${m}/${y},`;
    return `,${Number(d)} ${months[Number(m) - 1]} ${y},`;
  });
}

describe.each(await engines())('imports over HTTP on %s', (_engine, databaseUrl) => {
  let app: FastifyInstance;
  let store: Store;
  const post = (fileName: string, content: string, fields: Record<string, string>, headers: Record<string, string> = auth, query = '') => {
    const f = form(fileName, content, fields);
    return app.inject({ method: 'POST', url: `/v1/imports${query}`, payload: f.payload, headers: { ...headers, ...f.headers } });
  };
  const cities = async (asOf = '2017-12-31') => (await app.inject({ url: `/v1/coverage?asOf=${asOf}&level=city`, headers: auth })).json().regions as { code: string; eligible: number; covered: number }[];
  const history = async () => (await app.inject({ url: '/v1/imports', headers: auth })).json().imports as { id: number; status: string }[];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cakupan-imports-http-'));
    store = await openStore({ dataDir: join(dir, 'store'), databaseUrl });
    const config = loadConfig({ NODE_ENV: 'test', API_KEYS: API_KEY, DATA_DIR: dir, LOG_LEVEL: 'silent', PUBLIC_BASE_URL: 'http://127.0.0.1:3000' });
    app = await buildApp({ config, keyRing: createKeyRing(generateSigningKeyPem()), store });
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('reads birth dates as the offices write them: every row used, the same figures as ISO dates', async () => {
    const res = await post('penduduk.csv', officeDates(sample('residents.csv')), { kind: 'residents', asOf: '2017-12-31' });
    expect(res.statusCode, res.body).toBe(201);
    const iso = res.json().import;
    expect(iso.rowsUsed).toBeGreaterThan(2800);
    const participants = await post('peserta.csv', sample('participants.csv').replace(/,(\d{4})-(\d{2})-(\d{2})/g, ',$3-$2-$1'), { kind: 'participants', asOf: '2017-12-31' });
    expect(participants.statusCode, participants.body).toBe(201);
    const figures = await cities();
    // the same files with ISO dates are the same register and accounts: the figures do not move
    const again = await post('residents.csv', sample('residents.csv'), { kind: 'residents', asOf: '2017-12-31' });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().preview.register).toEqual([expect.objectContaining({ region: '32.71', added: 0, removed: 0, changed: 0 })]);
    expect(again.json().import.rowsUsed).toBe(iso.rowsUsed);
    expect(await cities()).toEqual(figures);
  });

  it('never applies a file whose every row is rejected, nor a header-only file: 409, the register whole', async () => {
    const before = await cities();
    const imports = await history();
    const bad = await post('penduduk.csv', 'nik,birth_date,village_code,rw,rt\n3271011705900001,kemarin,3271011001,3,5\n', { kind: 'residents', asOf: '2017-12-31' });
    expect(bad.statusCode).toBe(409);
    expect(bad.json()).toMatchObject({ error: 'Conflict', preview: { rows: { read: 1, used: 0, rejected: 1 }, confirm: null, guards: [{ code: 'no_usable_rows' }] } });
    // the uploaded file's name and the column as the file names it, the value as found
    expect(bad.json().message).toMatch(/no row of penduduk\.csv can be used .* line 2: birth_date "kemarin" is not a real date as YYYY-MM-DD, DD-MM-YYYY, DD\/MM\/YYYY or D MMMM YYYY/);
    expect((await post('penduduk.csv', 'nik,birth_date,village_code,rw,rt\n', { kind: 'residents' })).statusCode).toBe(409);
    const accounts = await post('peserta.csv', 'nik,kpj,segment,status\n3271011705900001,90000000001,XX,aktif\n', { kind: 'participants' });
    expect(accounts.statusCode).toBe(409);
    expect(await cities()).toEqual(before);
    expect(await history()).toEqual(imports);
  });

  it('answers a dry run with what applying would do, changing nothing', async () => {
    const before = await cities();
    const imports = await history();
    const half = sample('residents.csv').split('\n').slice(0, 1500).join('\n');
    const dry = await post('residents.csv', half, { kind: 'residents', asOf: '2017-12-31' }, auth, '?dryRun=true');
    expect(dry.statusCode, dry.body).toBe(200);
    const preview = dry.json().preview;
    expect(preview).toMatchObject({ rows: { read: 1499 }, guards: [{ code: 'removes_much' }], confirm: expect.stringMatching(/^[0-9a-f]{24}$/) });
    expect(preview.coverage).toEqual([{ region: '32.71', name: 'Kota Bogor', before: expect.objectContaining({ eligible: before[0]!.eligible }), after: expect.objectContaining({ eligible: expect.any(Number) }) }]);
    expect(preview.coverage[0].after.eligible).toBeLessThan(before[0]!.eligible);
    expect((await post('residents.csv', half, { kind: 'residents', asOf: '2017-12-31', dryRun: 'true' })).json().preview).toEqual(preview);
    expect(await cities()).toEqual(before);
    expect(await history()).toEqual(imports);
    // then applied with its token, and undone
    const applied = await post('residents.csv', half, { kind: 'residents', asOf: '2017-12-31', confirm: preview.confirm });
    expect(applied.statusCode, applied.body).toBe(201);
    expect((await cities())[0]!.eligible).toBe(preview.coverage[0].after.eligible);
    const id = applied.json().import.id;
    const undone = await app.inject({ method: 'POST', url: `/v1/imports/${id}/revert`, headers: auth });
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json().import).toMatchObject({ id, status: 'reverted', undoable: false });
    expect(await cities()).toEqual(before);
    expect((await app.inject({ method: 'POST', url: `/v1/imports/${id}/revert`, headers: auth })).statusCode).toBe(409);
    expect((await app.inject({ method: 'POST', url: '/v1/imports/99999/revert', headers: auth })).statusCode).toBe(404);
    // an older export than the one in force asks first
    const older = await post('residents.csv', `${sample('residents.csv')}\n`, { kind: 'residents', asOf: '2010-06-30' });
    expect(older.statusCode).toBe(409);
    expect(older.json().preview.guards).toEqual([{ code: 'older_export', message: expect.stringMatching(/older than the register in force for 32\.71/) }]);
  });

  it('keeps Kota Depok beside Kota Bogor, and a scoped key’s rows inside its scope', async () => {
    const bogor = await cities();
    const depok = sample('residents.csv').replace(/^\d{4}(\d{12}),/gm, '3276$1,').replace(/3271(\d{6})/g, '3276$1');
    const res = await post('depok.csv', depok, { kind: 'residents', asOf: '2017-12-31' });
    expect(res.statusCode, res.body).toBe(201);
    const both = await cities();
    expect(both.map((r) => r.code)).toEqual(['32.71', '32.76']);
    expect(both[0]).toEqual(bogor[0]);
    // the page, the series and the report work for each city of the store
    const me = (await app.inject({ url: '/v1/me', headers: auth })).json();
    expect(me.cities.map((c: { code: string }) => c.code)).toEqual(['32.71', '32.76']);
    expect(me.cities[1].name).toBe('Kota Depok');
    expect(me.home).toBeNull();
    const series = await app.inject({ url: '/v1/coverage/series?region=3276&from=2017-01-01&to=2017-12-31', headers: auth });
    expect(series.statusCode, series.body).toBe(200);
    expect(series.json().points.at(-1).region).toMatchObject({ code: '32.76', eligible: both[1]!.eligible });
    const report = await app.inject({ url: '/v1/reports/monthly?region=3276&month=2017-12', headers: auth });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toMatch(/application\/pdf/);
    // a key of Jakarta sends a Bogor resident: rejected by name, nothing replaced
    const made = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: auth, payload: { label: 'jakarta-pusat', role: 'disdukcapil', scope: '3171' } });
    expect(made.statusCode, made.body).toBe(201);
    const jakarta = { authorization: `Bearer ${made.json().key}` };
    const out = await post('r.csv', 'nik,birth_date,village_code,rw,rt\n3271011705900001,1990-05-17,3271011001,3,5\n', { kind: 'residents' }, jakarta);
    expect(out.statusCode).toBe(409);
    expect(out.json().preview.firstRejects).toEqual([expect.objectContaining({ line: 2, column: 'village_code', code: 'out_of_scope' })]);
    expect(await cities()).toEqual(both);
    // another key's import is not its to undo: as if there were none
    expect((await app.inject({ method: 'POST', url: `/v1/imports/${res.json().import.id}/revert`, headers: jakarta })).statusCode).toBe(404);
  });

  it('gives the same figures from the exports as .xlsx (dates as Excel keeps them) and as ;-separated CSV', async () => {
    const before = await cities();
    const rows = sample('residents.csv').trim().split('\n').map((l) => l.split(','));
    // birth dates as Excel date serials, RW and RT as numbers, as a spreadsheet keeps them
    const serial = (iso: string) => Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);
    const sheet = rows.map((r, i) => (i === 0 ? r : r.map((v, c) => (c === 3 && v ? serial(v) : c === 6 || c === 7 ? Number(v) : v))));
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Data penduduk Kota Bogor']]), 'Keterangan');
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(sheet), 'Penduduk');
    const xlsx: Buffer = XLSX.write(book, { type: 'buffer', bookType: 'xlsx', bookSST: true });
    const b = 'cakupan-xlsx-boundary';
    const part = (name: string, value: string) => `--${b}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const payload = Buffer.concat([
      Buffer.from(`${part('kind', 'residents')}${part('asOf', '2017-12-31')}${part('sheet', 'Penduduk')}--${b}\r\nContent-Disposition: form-data; name="file"; filename="penduduk.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
      xlsx,
      Buffer.from(`\r\n--${b}--\r\n`),
    ]);
    const res = await app.inject({ method: 'POST', url: '/v1/imports', payload, headers: { ...auth, 'content-type': `multipart/form-data; boundary=${b}` } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().preview.register).toEqual([expect.objectContaining({ region: '32.71', added: 0, removed: 0 })]);
    expect(await cities()).toEqual(before);
    const semicolons = sample('residents.csv').replaceAll(',', ';');
    const again = await post('penduduk-titik-koma.csv', semicolons, { kind: 'residents', asOf: '2017-12-31' });
    expect(again.statusCode, again.body).toBe(201);
    expect(await cities()).toEqual(before);
  });

  it('recognises SIAK headers, KPJ-less BPJS lists, a NIK a spreadsheet made a number, and names fields in 400s', async () => {
    const siak = await post('siak.csv', 'NIK,NO_KK,TGL_LHR,NO_PROP,NO_KAB,NO_KEC,NO_KEL,NO_RW,NO_RT\n3276011705900001,,17-05-1990,32,76,1,1001,3,5\n3.27601E+15,,17-05-1990,32,76,1,1001,3,5\n', { kind: 'residents', asOf: '2017-12-31' }, auth, '?dryRun=true');
    expect(siak.statusCode, siak.body).toBe(200);
    expect(siak.json().preview.rows).toEqual({ read: 2, used: 1, rejected: 1 });
    expect(siak.json().preview.firstRejects[0]).toMatchObject({ line: 3, column: 'NIK', code: 'spreadsheet_number' });
    const list = await post('bpjs.csv', 'NIK;SEGMEN;STATUS\n3271052003730001;Penerima Upah;AKTIF\n', { kind: 'participants' }, auth, '?dryRun=true');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().preview).toMatchObject({ rows: { used: 1 }, accounts: { added: 1 } });
    const mapped = await post('x.csv', 'NO_INDUK,SEG,STAT\n3271052003730001,BPU,aktif\n', { kind: 'participants', columns: '{"nik":"NO_INDUK","segment":"SEG","status":"STAT"}' }, auth, '?dryRun=true');
    expect(mapped.json().preview.rows.used).toBe(1);
    // a NUL in a cell of any kind: that row rejected by name, never a 500
    for (const [kind, csv] of [
      ['residents', 'nik,birth_date,village_code,rw,rt\n3276011705900001,1990-05-17,3276011001,3,5\n32760117059\u000000002,1990-05-17,3276011001,3,5\n'],
      ['participants', 'nik,kpj,segment,status\n3271052003730001,90000000009,PU,aktif\n3271052003730001,9000000\u00000010,PU,aktif\n'],
      ['employers', 'id,name,village_code\n9120000000001,CV A,3271011001\n9120000000002,CV \u0000B,3271011001\n'],
    ] as const) {
      const res = await post('nul.csv', csv, { kind }, auth, '?dryRun=true');
      expect(res.statusCode, `${kind}: ${res.body}`).toBe(200);
      expect(res.json().preview.firstRejects).toEqual([expect.objectContaining({ line: 3, code: 'invalid_value' })]);
    }
    for (const [fields, path] of [
      [{ kind: 'residents', dateOrder: 'ymd' }, 'dateOrder'],
      [{ kind: 'residents', columns: 'nik=NO' }, 'columns'],
      [{ kind: 'residents', confirm: 'yes' }, 'confirm'],
    ] as const) {
      const res = await post('x.csv', 'nik\n', fields);
      expect(res.statusCode).toBe(400);
      expect(res.json().issues[0].path).toEqual([path]);
    }
  });
});
