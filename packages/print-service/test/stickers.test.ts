// POST /v1/stickers through app.inject: auth, input errors, limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { API_KEY, auth, employer, household, testApp } from './helpers.js';

let app: FastifyInstance;
beforeAll(async () => {
  ({ app } = await testApp());
});
afterAll(() => app.close());

const post = (payload: unknown, headers: Record<string, string> = auth) =>
  app.inject({ method: 'POST', url: '/v1/stickers', headers: { 'content-type': 'application/json', ...headers }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });

describe('POST /v1/stickers', () => {
  it('returns a PDF with one page per subject, in order', async () => {
    const res = await post({ subjects: [employer(), employer({ npp: undefined, status: undefined }), household()] });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.headers['x-sticker-count']).toBe('3');
    expect(res.rawPayload.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(3);
  });

  it('numbers stickers with serials that never repeat', async () => {
    const a = await post({ subjects: [employer(), household()] });
    const b = await post({ subjects: [employer()] });
    expect(Number(b.headers['x-first-serial'])).toBe(Number(a.headers['x-first-serial']) + 2);
  });

  it.each([
    [{}, 'missing'],
    [{ authorization: 'Bearer wrong-key-0123456789' }, 'wrong'],
    [{ authorization: API_KEY }, 'not a bearer'],
  ])('answers 401 for a %s key (%s)', async (headers, _why) => {
    const res = await post({ subjects: [employer()] }, headers as Record<string, string>);
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toMatch(/API key/);
  });

  it.each([
    [{ subjects: [employer({ villageCode: '32710' })] }, 'subjects.0.villageCode'],
    [{ subjects: [employer(), employer({ npp: '123' })] }, 'subjects.1.npp'],
    [{ subjects: [employer({ status: 'maybe' })] }, 'subjects.0.status'],
    [{ subjects: [employer({ rw: 0 })] }, 'subjects.0.rw'],
    [{ subjects: [household({ covered: 4 })] }, 'subjects.0.covered'],
    [{ subjects: [household({ label: '3271011705900001' })] }, 'subjects.0.label'],
    [{ subjects: [{ kind: 'shop', name: 'x' }] }, 'subjects.0.kind'],
    [{ subjects: [] }, 'subjects'],
    [{ subjects: [employer()], options: { size: { widthMm: 10, heightMm: 10 } } }, 'options.size.widthMm'],
    [{ subjects: [employer()], options: { bleedMm: -1 } }, 'options.bleedMm'],
    [{ subjects: [employer()], options: { paper: 'A5' } }, 'options.paper'],
    [{ subjects: [employer()], options: { colour: 'green' } }, 'options'],
  ])('answers 400 naming the bad field (%#: %s)', async (body, path) => {
    const res = await post(body);
    expect(res.statusCode).toBe(400);
    const json = res.json();
    expect(json.issues.map((i: { path: (string | number)[] }) => i.path.join('.'))).toContain(path);
    expect(json.message).toContain(path);
  });

  it('answers 400 for malformed JSON, never 500', async () => {
    for (const body of ['{"subjects": [', 'null', '"text"', '[]', '']) {
      const res = await post(body);
      expect(res.statusCode, body).toBe(400);
    }
  });

  it('answers 415 for other content types', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/stickers', headers: { ...auth, 'content-type': 'application/xml' }, payload: '<x/>' });
    expect(res.statusCode).toBe(415);
  });

  it('prints no sticker for a household where nobody is 18 or over, naming the field', async () => {
    const res = await post({ subjects: [employer(), household({ eligible: 0, covered: 0 })] });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0]).toMatchObject({ path: ['subjects', 1, 'eligible'] });
    expect(res.json().message).toMatch(/nobody is 18 or over/);
  });

  it('answers 400 when a sheet cannot hold the sticker', async () => {
    const res = await post({ subjects: [employer()], options: { layout: 'sheet', paper: 'A4', size: { widthMm: 290, heightMm: 200 } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/does not fit/);
  });
});

describe('CSV bodies', () => {
  const csv = (text: string, query = '') =>
    app.inject({ method: 'POST', url: `/v1/stickers${query}`, headers: { ...auth, 'content-type': 'text/csv' }, payload: text });

  it('accepts the employer export with options in the query', async () => {
    const res = await csv(
      '\uFEFFid,name,village_code,rw,rt,npp,status\r\n9120001234567,"CV Maju, Jaya",3271011001,3,5,15070955,aktif\r\n9120001234568,"Toko ""Sumber"" Rezeki",32.71.01.1002,001,002,,\r\n',
      '?language=en&layout=sheet&paper=A3&size=100x70&bleedMm=2',
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-sticker-count']).toBe('2');
  });

  it('accepts semicolons', async () => {
    const res = await csv('id;name;village_code;rw;rt;npp;status\n1;CV A;3271011001;1;1;15070955;active\n');
    expect(res.statusCode).toBe(200);
  });

  it('names the line and column of a bad row', async () => {
    const res = await csv('id,name,village_code,rw,rt,npp,status\n1,CV A,3271011001,1,1,,\n2,CV B,3271011001,1,1,12,active\n');
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0]).toMatchObject({ path: ['subjects', 1, 'npp'], line: 3, column: 'npp' });
    expect(res.json().message).toContain('line 3, column npp');
  });

  it('rejects rows that do not parse, unknown columns and empty files with 400', async () => {
    const bad = await csv('id,name,village_code\n1,"unclosed,3271011001\n');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/line/);
    expect((await csv('id,name,village_code\n1,A,3271011001,extra\n')).statusCode).toBe(400);
    expect((await csv('id,name,kelurahan\n1,A,3271011001\n')).json().message).toMatch(/unknown column/);
    expect((await csv('')).statusCode).toBe(400);
    expect((await csv('id,name,village_code\n')).json().message).toMatch(/no rows/);
  });

  it('rejects a bad option in the query with 400', async () => {
    const res = await csv('id,name,village_code\n1,A,3271011001\n', '?size=huge');
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0].path.slice(0, 2)).toEqual(['options', 'size']);
  });
});

describe('limits', () => {
  it('answers 413 past the sticker limit and past the body limit', async () => {
    const { app: small } = await testApp({ MAX_STICKERS: '2', BODY_LIMIT: '2048' });
    const many = await small.inject({ method: 'POST', url: '/v1/stickers', headers: { ...auth, 'content-type': 'application/json' }, payload: { subjects: [employer(), employer(), employer()] } });
    expect(many.statusCode).toBe(413);
    expect(many.json().message).toMatch(/3 in one request, the limit is 2/);
    const big = await small.inject({ method: 'POST', url: '/v1/stickers', headers: { ...auth, 'content-type': 'application/json' }, payload: { subjects: [employer({ name: 'x'.repeat(3000) })] } });
    expect(big.statusCode).toBe(413);
    expect(big.json().message).toMatch(/limit of 2048 bytes/);
    await small.close();
  });

  it('limits the rate per API key', async () => {
    const { app: limited } = await testApp({ RATE_LIMIT_MAX: '2' });
    const codes = [];
    for (let i = 0; i < 3; i++) {
      codes.push((await limited.inject({ method: 'POST', url: '/v1/stickers', headers: { ...auth, 'content-type': 'application/json' }, payload: { subjects: [employer()] } })).statusCode);
    }
    expect(codes).toEqual([200, 200, 429]);
    await limited.close();
  });
});

describe('documentation', () => {
  it('serves OpenAPI 3 with the sticker, verification and key routes', async () => {
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/stickers', '/v/{token}', '/v1/keys']));
    expect(doc.paths['/v1/stickers'].post.requestBody.content['application/json'].schema).toBeDefined();
    const docs = await app.inject({ method: 'GET', url: '/docs' });
    expect([200, 302]).toContain(docs.statusCode);
  });
});
