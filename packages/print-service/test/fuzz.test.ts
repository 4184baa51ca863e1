// A seeded, bounded fuzz of every route: mutated JSON, multipart and CSV bodies, odd content
// types and URLs. Whatever a client sends, the answer is never a 5xx (fast-check; the seed and the
// run counts are fixed, so CI runs the same requests every time and a failure names its case).
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, auth, employer, household, testApp } from './helpers.js';

const SEED = 20261126;
let app: FastifyInstance;
beforeAll(async () => {
  ({ app } = await testApp({ RATE_LIMIT_MAX: '1000000', VERIFY_RATE_LIMIT_MAX: '1000000', MAX_STICKERS: '20' }));
});
afterAll(() => app.close());

/** Text mutations: cut, drop, insert or replace at a position. */
type Mutation = { op: 'cut' | 'drop' | 'insert' | 'replace'; at: number; text: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('cut', 'drop', 'insert', 'replace'),
  at: fc.nat(),
  text: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('\r\n', '--', '"', '\u0000', '%', '\uFEFF', ';', ',', '\n\n', 'Content-Disposition: form-data; name="x"')),
});
function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    if (m.op === 'cut') out = out.slice(0, at);
    else if (m.op === 'drop') out = out.slice(0, at) + out.slice(at + m.text.length + 1);
    else if (m.op === 'insert') out = out.slice(0, at) + m.text + out.slice(at);
    else out = out.slice(0, at) + m.text + out.slice(at + m.text.length);
  }
  return out;
}

/** Any JSON-ish value, and values near the valid ones. */
const oddValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('0000-01-01', '9999-12-31', '2017-02-29', '2000-02-29', '', ' ', '3271011705900001', 'Toko 福', '\u202E', 'NaN', '-5', '1e400', '__proto__', 'tidak aktif'),
  fc.integer(),
  fc.double(),
);
/** A valid value, or with some probability an odd one, or absent. */
const maybe = <T>(valid: T) => fc.oneof({ weight: 3, arbitrary: fc.constant(valid) }, { weight: 1, arbitrary: oddValue }, { weight: 1, arbitrary: fc.constant(undefined) });

const residentsCsv = 'nik,kk,name,birth_date,sex,village_code,rw,rt\n3271011705900001,,Siti,1990-05-17,P,3271011001,003,005\n3271015705920001,,Ani,1992-05-17,P,3271011001,003,005\n';
const participantsCsv = 'nik,kpj,segment,status,registered_on,ended_on,employer_npp\n3271011705900001,12345678901,PU,aktif,2015-01-01,,15070955\n';
const employersCsv = 'id,name,village_code,rw,rt,npp,status\n9120001234567,CV Maju Jaya,3271011001,3,5,15070955,aktif\n';

function multipartBody(fields: Record<string, string | undefined>, boundary: string): string {
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([name, v]) => {
      const file = ['residents', 'participants', 'employers'].includes(name);
      return `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${file ? `; filename="${name}.csv"\r\nContent-Type: text/csv` : ''}\r\n\r\n${v}\r\n`;
    })
    .join('')
    .concat(`--${boundary}--\r\n`);
}

const contentTypes = fc.constantFrom(
  'application/json',
  'text/csv',
  'multipart/form-data',
  'multipart/form-data; boundary=',
  'multipart/form-data; boundary=cakupan',
  'multipart/form-data; boundary="cakupan"',
  'application/x-www-form-urlencoded',
  'text/plain',
  'application/json; charset=latin1',
  '',
);

/** Every answer of the fuzz, for the assertion: never a 5xx. */
async function statusOf(request: InjectOptions): Promise<number> {
  const res = await app.inject(request);
  return res.statusCode;
}

describe('fuzz: no request gets a 5xx', () => {
  it('POST /v1/coverage with mutated multipart uploads', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          asOf: maybe('2017-12-31'),
          levels: maybe('village,rt'),
          minAge: maybe('18'),
          preset: maybe('canonical'),
          format: maybe('json'),
          residents: maybe(residentsCsv),
          participants: maybe(participantsCsv),
          employers: fc.option(fc.constant(employersCsv), { nil: undefined }),
        }),
        fc.array(mutation, { maxLength: 3 }),
        contentTypes,
        async (fields, mutations, contentType) => {
          const boundary = 'cakupan';
          const text = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v === undefined ? undefined : typeof v === 'string' ? v : JSON.stringify(v)]));
          const payload = mutate(multipartBody(text, boundary), mutations);
          const status = await statusOf({ method: 'POST', url: '/v1/coverage', headers: { ...auth, 'content-type': contentType.startsWith('multipart') ? contentType : `multipart/form-data; boundary=${boundary}` }, payload });
          expect(status, payload.slice(0, 300)).toBeLessThan(500);
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('POST /v1/coverage with mutated JSON', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          asOf: maybe('2017-12-31'),
          residents: maybe([{ nik: '3271011705900001', birthDate: '1990-05-17', villageCode: '3271011001', rw: '003', rt: '005' }]),
          participants: maybe([{ nik: '3271011705900001', segment: 'PU', status: 'aktif' }]),
          levels: maybe(['village']),
          minAge: maybe(18),
          format: maybe('csv'),
        }),
        fc.array(mutation, { maxLength: 2 }),
        fc.boolean(),
        async (body, mutations, mangle) => {
          const payload = mangle ? mutate(JSON.stringify(body), mutations) : JSON.stringify(body);
          const status = await statusOf({ method: 'POST', url: '/v1/coverage', headers: { ...auth, 'content-type': 'application/json' }, payload });
          expect(status, payload.slice(0, 300)).toBeLessThan(500);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('POST /v1/stickers with mutated JSON, CSV and query options', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.record({ ...Object.fromEntries(Object.entries(employer()).map(([k, v]) => [k, maybe(v)])) }), fc.record({ ...Object.fromEntries(Object.entries(household()).map(([k, v]) => [k, maybe(v)])) })), { maxLength: 4 }),
        fc.record({ layout: maybe('sheet'), paper: maybe('A4'), size: maybe('small'), bleedMm: maybe(3), cropMarks: maybe(true), validDays: maybe(30) }),
        fc.array(mutation, { maxLength: 2 }),
        fc.constantFrom('json', 'csv'),
        async (subjects, options, mutations, kind) => {
          const query = new URLSearchParams(Object.entries(options).filter(([, v]) => v !== undefined).map(([k, v]): [string, string] => [k, String(v)])).toString();
          const payload =
            kind === 'json'
              ? mutate(JSON.stringify({ subjects, options }), mutations)
              : mutate(`${employersCsv}${subjects.map((s, i) => `${i},${String((s as { name?: unknown }).name ?? '')},${String(s.villageCode ?? '')},,,,`).join('\n')}\n`, mutations);
          const status = await statusOf({ method: 'POST', url: `/v1/stickers${kind === 'csv' ? `?${query}` : ''}`, headers: { ...auth, 'content-type': kind === 'json' ? 'application/json' : 'text/csv' }, payload });
          expect(status, payload.slice(0, 300)).toBeLessThan(500);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('GET and POST odd URLs, headers and content types', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/v/', '/v1/regions/', '/v1/keys', '/health', '/openapi.json', '/v1/coverage', '/v1/stickers', '/', '/docs/'),
        fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '..%2F..%2Fetc', 'A'.repeat(1100), '?lang=xx', '?lang=en&lang=id')),
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS'),
        contentTypes,
        fc.constantFrom(`Bearer ${API_KEY}`, 'Bearer', 'Basic abc', '', `Bearer ${API_KEY} extra`),
        fc.string({ maxLength: 60 }),
        async (base, tail, method, contentType, authorization, payload) => {
          const url = `${base}${encodeURI(tail).replace(/%25/g, '%')}`;
          const status = await statusOf({ method: method as 'GET', url, headers: { authorization, 'content-type': contentType, accept: 'application/json' }, ...(method !== 'GET' && method !== 'HEAD' && { payload }) });
          expect(status, `${method} ${url}`).toBeLessThan(500);
        },
      ),
      { seed: SEED, numRuns: 400 },
    );
  });
});

// The store's routes, and every route of the OpenAPI document, are fuzzed from the document itself: fuzzOpenapi.test.ts.
