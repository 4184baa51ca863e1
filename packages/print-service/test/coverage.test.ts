// POST /v1/coverage (JSON and multipart CSV) and GET /v1/regions/:code.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { generateCity } from '@cakupan/core/synthetic';
import { auth, testApp } from './helpers.js';

let app: FastifyInstance;
beforeAll(async () => {
  ({ app } = await testApp());
});
afterAll(() => app.close());

const resident = (nik: string, extra: Record<string, unknown> = {}) => ({ nik, birthDate: '1990-05-17', villageCode: '3271011001', rw: 3, rt: 5, ...extra });

function multipart(parts: Record<string, { filename?: string; content: string }>): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----cakupan-test-boundary';
  const chunks: string[] = [];
  for (const [name, part] of Object.entries(parts)) {
    chunks.push(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"${part.filename ? `; filename="${part.filename}"\r\nContent-Type: text/csv` : ''}\r\n\r\n${part.content}\r\n`);
  }
  chunks.push(`--${boundary}--\r\n`);
  return { payload: Buffer.from(chunks.join('')), headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('POST /v1/coverage with JSON', () => {
  it('returns core’s report; bad records come back in it, not as a failed request', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/coverage',
      headers: auth,
      payload: {
        asOf: '2017-12-31',
        levels: ['village'],
        residents: [resident('3271011705900001'), resident('3271011705900002'), resident('3271011705900003', { rt: 0 }), 'garbage'],
        participants: [{ nik: '3271011705900001', segment: 'PU', status: 'aktif' }, { nik: 'x', segment: 'PU', status: 'aktif' }],
      },
    });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.regions).toEqual([expect.objectContaining({ level: 'village', code: '32.71.01.1001', name: 'Batu Tulis', eligible: 2, covered: 1, ratio: 0.5 })]);
    expect(report.rejected.residents.map((r: { index: number; field: string }) => [r.index, r.field])).toEqual([[2, 'rt'], [3, 'record']]);
    expect(report.rejected.participants).toHaveLength(1);
  });

  it('admits a body of 50,000 residents', async () => {
    const city = generateCity({ adults: 35_000, seed: 3 });
    const residents = city.residents.slice(0, 50_000);
    expect(residents).toHaveLength(50_000);
    const res = await app.inject({ method: 'POST', url: '/v1/coverage', headers: auth, payload: { asOf: '2017-12-31', residents, participants: city.participants, levels: ['city'] } });
    expect(res.statusCode).toBe(200);
    expect(res.json().records.residents.read).toBe(50_000);
  });

  it('answers CSV with format=csv', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/coverage?format=csv', headers: auth, payload: { asOf: '2017-12-31', residents: [resident('3271011705900001')], participants: [], levels: ['city'] } });
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.body).toBe('level,code,name,parent_code,residents,eligible,covered,pu,bpu,jakon,pmi,ratio,occupation_known,workers,covered_workers,worker_ratio\ncity,32.71,Kota Bogor,32,1,1,0,0,0,0,0,0,0,0,0,\n');
  });

  it.each([
    [{ residents: [], participants: [] }, 'asOf'],
    [{ asOf: '2017-02-30', residents: [], participants: [] }, 'asOf'],
    [{ asOf: '2017-12-31', residents: {}, participants: [] }, 'residents'],
    [{ asOf: '2017-12-31', residents: [], participants: [], levels: ['kelurahan'] }, 'levels.0'],
  ])('answers 400 naming the field (%#)', async (payload, path) => {
    const res = await app.inject({ method: 'POST', url: '/v1/coverage', headers: auth, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues.map((i: { path: (string | number)[] }) => i.path.join('.'))).toContain(path);
  });

  it('needs an API key', async () => {
    expect((await app.inject({ method: 'POST', url: '/v1/coverage', payload: {} })).statusCode).toBe(401);
  });
});

describe('POST /v1/coverage with CSV files', () => {
  const residents = 'nik,kk,name,birth_date,sex,village_code,rw,rt\n3271011705900001,,"Siti, S.Pd",1990-05-17,P,3271011001,003,005\n3271011705900002,,Budi,1990-02-30,L,3271011001,003,005\n';
  const participants = 'nik,kpj,segment,status,registered_on,ended_on,employer_npp\n3271011705900001,12345678901,PU,aktif,2015-01-01,,15070955\n';

  it('returns the same report as the CLI, rejections by line and column', async () => {
    const { payload, headers } = multipart({
      asOf: { content: '2017-12-31' },
      levels: { content: 'village,rt' },
      residents: { filename: 'residents.csv', content: residents },
      participants: { filename: 'participants.csv', content: participants },
    });
    const res = await app.inject({ method: 'POST', url: '/v1/coverage', headers, payload });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.regions.map((r: { code: string }) => r.code)).toEqual(['32.71.01.1001', '32.71.01.1001.003.005']);
    expect(report.records.residents).toEqual({ read: 2, used: 1, rejected: 1 });
    expect(report.rejected.residents).toEqual([{ line: 3, column: 'birth_date', code: 'invalid_birth_date', message: expect.any(String), path: [] }]);
  });

  it('answers 400 for a missing file or field and a file without the needed columns', async () => {
    const noFile = multipart({ asOf: { content: '2017-12-31' }, residents: { filename: 'r.csv', content: residents } });
    expect((await app.inject({ method: 'POST', url: '/v1/coverage', ...noFile })).json().message).toMatch(/missing file participants/);
    const noDate = multipart({ residents: { filename: 'r.csv', content: residents }, participants: { filename: 'p.csv', content: participants } });
    expect((await app.inject({ method: 'POST', url: '/v1/coverage', ...noDate })).json().issues[0].path).toEqual(['asOf']);
    const wrong = multipart({ asOf: { content: '2017-12-31' }, residents: { filename: 'r.csv', content: participants }, participants: { filename: 'p.csv', content: participants } });
    const res = await app.inject({ method: 'POST', url: '/v1/coverage', ...wrong });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/column village_code is missing/);
  });

  it('answers 413 past the upload limit', async () => {
    const { app: small } = await testApp({ UPLOAD_LIMIT: '2048' });
    const big = multipart({ asOf: { content: '2017-12-31' }, residents: { filename: 'r.csv', content: residents + 'x'.repeat(5000) }, participants: { filename: 'p.csv', content: participants } });
    const res = await small.inject({ method: 'POST', url: '/v1/coverage', ...big });
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toMatch(/upload limit of 2048 bytes/);
    await small.close();
  });

  it('takes the bundled sample city as is', async () => {
    const sample = new URL('../sample/', import.meta.url);
    const { payload, headers } = multipart({
      asOf: { content: '2017-12-31' },
      levels: { content: 'city' },
      residents: { filename: 'residents.csv', content: readFileSync(new URL('residents.csv', sample), 'utf8') },
      participants: { filename: 'participants.csv', content: readFileSync(new URL('participants.csv', sample), 'utf8') },
    });
    const res = await app.inject({ method: 'POST', url: '/v1/coverage', headers, payload });
    expect(res.statusCode).toBe(200);
    expect(res.json().regions[0]).toMatchObject({ code: '32.71', name: 'Kota Bogor' });
    expect(res.json().regions[0].ratio).toBeGreaterThan(0.1);
  });
});

describe('GET /v1/regions/:code', () => {
  it('gives name, level and parent chain, dotted or not', async () => {
    const res = await app.inject({ url: '/v1/regions/3271011001', headers: auth });
    expect(res.json()).toEqual({
      code: '32.71.01.1001',
      level: 'village',
      name: 'Batu Tulis',
      known: true,
      parents: [
        { code: '32', level: 'province', name: 'Jawa Barat' },
        { code: '32.71', level: 'city', name: 'Kota Bogor' },
        { code: '32.71.01', level: 'district', name: 'Bogor Selatan' },
      ],
    });
    expect((await app.inject({ url: '/v1/regions/32.71.01.1001.003.005', headers: auth })).json()).toMatchObject({ level: 'rt', name: null, known: false });
    const bad = await app.inject({ url: '/v1/regions/32710', headers: auth });
    expect(bad.statusCode).toBe(400);
  });
});
