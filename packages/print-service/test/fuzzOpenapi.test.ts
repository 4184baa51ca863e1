// Every route of the OpenAPI document, fuzzed from the document itself: a route added tomorrow is
// fuzzed without anyone remembering to add it. For each operation, requests are generated from its
// parameters and JSON body schema (valid-looking values, odd ones, control characters); whatever is
// sent, the answer is never a 5xx. And a NUL in any one parameter or top-level body field is a 400
// whose issue names that field. Seeded and bounded (fast-check), on an app with a store holding the
// sample city. And every success answer is documented with a schema that says what it holds.
import { createKeyRing, generateSigningKeyPem } from '@cakupan/print';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '@cakupan/store';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { importSampleCity } from '../src/sampleCity.js';
import { API_KEY, auth } from './helpers.js';

const SEED = 20261202;
/** Requests per operation. */
const RUNS = 40;

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  maxLength?: number;
}
interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}
interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  parameters: Parameter[];
  jsonBody: JsonSchema | undefined;
  multipart: boolean;
}

let store: Store;
let app: FastifyInstance;
let operations: Operation[];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cakupan-fuzz-openapi-'));
  store = await openStore({ dataDir: join(dir, 'store') });
  await importSampleCity(store);
  const config = loadConfig({
    NODE_ENV: 'test',
    API_KEYS: API_KEY,
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
    RATE_LIMIT_MAX: '1000000',
    VERIFY_RATE_LIMIT_MAX: '1000000',
    MAX_STICKERS: '5',
  });
  app = await buildApp({ config, keyRing: createKeyRing(generateSigningKeyPem()), store, dashboard: false });
  await app.ready();
  const doc = app.swagger() as { paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>> };
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase() as 'GET' | 'POST',
      path,
      parameters: op.parameters ?? [],
      jsonBody: op.requestBody?.content?.['application/json']?.schema,
      // a POST without a JSON body reads a form (imports, coverage from files)
      multipart: method === 'post' && (op.requestBody?.content?.['multipart/form-data'] !== undefined || op.requestBody === undefined),
    })),
  );
}, 120_000);
afterAll(async () => {
  await app.close();
  await store.close();
});

/** Strings that get past the first checks of many fields, and strings that should not. */
const PLAUSIBLE = ['3271011001', '32.71.01.1001', '3271', '32.71.01.1001.003.005', '2017-12-31', '2017-06', '3271011705900001', '12345678901', '15070955', '9120001234567', 'CV Maju Jaya', 'PU', 'aktif', 'village', 'rt', 'csv', 'json', 'en', 'true', '1', 'kelurahan-batutulis'];
const ODD = ['', ' ', '\u0000', 'a\u0000b', '\u0007', '\u001b[31m', '\u202E', '%', '..', '-1', '1e309', 'NaN', '__proto__', '9'.repeat(30), 'x'.repeat(300), 'Toko 福'];
const anyString = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...PLAUSIBLE) }, { weight: 2, arbitrary: fc.constantFrom(...ODD) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
const anyNumber = fc.oneof(fc.constantFrom(0, 1, 5, 18, 100, 1000, -1, 2 ** 53, 1e308), fc.integer(), fc.double({ noNaN: true }));
const odd: fc.Arbitrary<unknown> = fc.oneof(anyString, anyNumber, fc.constantFrom(null, true, [], {}));

/** Values for a JSON schema: mostly of its shape, sometimes not. */
function valueOf(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return odd;
  const shaped = shapedValueOf(schema, depth);
  return fc.oneof({ weight: 5, arbitrary: shaped }, { weight: 1, arbitrary: odd });
}
function shapedValueOf(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const branches = schema.oneOf ?? schema.anyOf;
  if (branches) return fc.oneof(...branches.map((b) => valueOf(b, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object' || schema.properties) {
    const props = schema.properties ?? {};
    const keys = Object.keys(props);
    if (keys.length === 0) return fc.dictionary(fc.string({ maxLength: 6 }), odd, { maxKeys: 3 });
    // usually every property, sometimes some left out
    return fc.record(Object.fromEntries(keys.map((k) => [k, valueOf(props[k], depth + 1)])), { requiredKeys: [] });
  }
  if (type === 'array') return fc.array(valueOf(schema.items, depth + 1), { maxLength: 3 });
  if (type === 'string') return anyString;
  if (type === 'integer' || type === 'number') return anyNumber;
  if (type === 'boolean') return fc.boolean();
  return odd;
}

/** A query or path value as text. */
const asText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '');

/** The URL of `op` with `params` (name → text) in its path and query. */
function urlOf(op: Operation, params: Record<string, string | undefined>): string {
  let path = op.path;
  const query = new URLSearchParams();
  for (const p of op.parameters) {
    const v = params[p.name];
    if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(v ?? 'x'));
    else if (p.in === 'query' && v !== undefined) query.append(p.name, v);
  }
  const q = query.toString();
  return q ? `${path}?${q}` : path;
}

/** A multipart form of `fields` (a field named `file`, `residents`, `participants` or `employers` is a CSV file). */
function form(fields: Record<string, string>) {
  const b = 'fuzz-boundary';
  const files = new Set(['file', 'residents', 'participants', 'employers']);
  const payload =
    Object.entries(fields)
      .map(([name, v]) => `--${b}\r\nContent-Disposition: form-data; name="${name}"${files.has(name) ? `; filename="${name}.csv"\r\nContent-Type: text/csv` : ''}\r\n\r\n${v}\r\n`)
      .join('') + `--${b}--\r\n`;
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}
const CSV = [
  'nik,kk,name,birth_date,sex,village_code,rw,rt\n3271011705900001,,Siti,1990-05-17,P,3271011001,003,005\n',
  'nik,kpj,segment,status,registered_on,ended_on,employer_npp\n3271011705900001,12345678901,PU,aktif,2015-01-01,,15070955\n',
  'id,name,village_code,rw,rt,npp,status\n9120001234567,CV Maju Jaya,3271011001,3,5,15070955,aktif\n',
  'a,b\n\u0000,\u0007\n',
  '',
];
const formFields = fc.record(
  {
    kind: fc.constantFrom('residents', 'participants', 'employers', 'x', 're\u0000sidents'),
    asOf: fc.constantFrom('2017-12-31', '2099-01-01', 'x', '\u0000'),
    file: fc.constantFrom(...CSV),
    residents: fc.constantFrom(...CSV),
    participants: fc.constantFrom(...CSV),
    dryRun: fc.constantFrom('true', 'false', 'x'),
    levels: fc.constantFrom('village,rt', 'x'),
    format: fc.constantFrom('json', 'csv', '\u0001'),
  },
  { requiredKeys: [] },
);

describe('every route of the OpenAPI document', () => {
  /**
   * Whether a schema says what an answer holds: fields or items; for bytes (PDF, CSV, HTML) a
   * string of their media type, or within a JSON answer's union (`format=csv`) a string whose
   * description names its media type; each branch of a union as well.
   */
  const says = (schema: JsonSchema & { description?: string }, type: string): boolean => {
    const branches = schema.oneOf ?? schema.anyOf;
    if (branches) return branches.length > 0 && branches.every((b) => says(b, type));
    if (schema.type === 'string') return type !== 'application/json' || /^[a-z]+\/[a-z0-9.+-]+/.test(schema.description ?? '');
    return schema.properties !== undefined || schema.items !== undefined;
  };
  it('documents every success answer with a schema that says what it holds (no untyped answer)', () => {
    const doc = app.swagger() as { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: JsonSchema & { format?: string } }> }> }>> };
    const untyped: string[] = [];
    let checked = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        for (const [status, answer] of Object.entries(op.responses ?? {})) {
          if (!status.startsWith('2')) continue;
          for (const [type, { schema }] of Object.entries(answer.content ?? {})) {
            checked++;
            if (!schema || !says(schema, type)) untyped.push(`${method.toUpperCase()} ${path} ${status} ${type}`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(untyped).toEqual([]);
  });

  it('is fuzzed: whatever is sent, never a 5xx', { timeout: 600_000 }, async () => {
    expect(operations.length).toBeGreaterThanOrEqual(25);
    const fuzzed = new Map<string, number>();
    for (const op of operations) {
      const name = `${op.method} ${op.path}`;
      const params = fc.record(Object.fromEntries(op.parameters.map((p) => [p.name, fc.option(valueOf(p.schema).map(asText), { nil: undefined })])), { requiredKeys: [] });
      const body = op.jsonBody ? valueOf(op.jsonBody) : op.multipart ? formFields : fc.constant(undefined);
      await fc.assert(
        fc.asyncProperty(params, body, async (p, b) => {
          const url = urlOf(op, p as Record<string, string | undefined>);
          const res = await app.inject({
            method: op.method,
            url,
            headers: { ...auth, accept: 'application/json' },
            ...((op.method === 'POST' || op.method === 'PATCH' || op.method === 'PUT') &&
              (op.jsonBody
                ? { payload: JSON.stringify(b) ?? 'null', headers: { ...auth, 'content-type': 'application/json' } }
                : op.multipart
                  ? (() => {
                      const f = form(b as Record<string, string>);
                      return { payload: f.payload, headers: { ...auth, ...f.headers } };
                    })()
                  : {})),
          });
          fuzzed.set(name, (fuzzed.get(name) ?? 0) + 1);
          expect(res.statusCode, `${op.method} ${url} ${JSON.stringify(b)?.slice(0, 300)} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    }
    // every operation of the document was asked
    expect([...fuzzed.keys()].sort()).toEqual(operations.map((o) => `${o.method} ${o.path}`).sort());
  });

  it('answers a NUL in any parameter or top-level body field with 400 naming that field', { timeout: 300_000 }, async () => {
    let checked = 0;
    for (const op of operations) {
      const fields: { where: 'path' | 'query' | 'body'; name: string }[] = [
        ...op.parameters.filter((p) => p.in === 'path' || p.in === 'query').map((p) => ({ where: p.in as 'path' | 'query', name: p.name })),
        ...Object.keys(op.jsonBody?.properties ?? op.jsonBody?.oneOf?.[0]?.properties ?? {}).map((name) => ({ where: 'body' as const, name })),
      ];
      for (const field of fields) {
        const params = Object.fromEntries(op.parameters.map((p) => [p.name, p.name === field.name && field.where !== 'body' ? 'a\u0000b' : p.in === 'path' ? '1' : undefined]));
        const url = urlOf(op, params);
        const withBody = op.method === 'POST' || op.method === 'PATCH' || op.method === 'PUT';
        const res = await app.inject({
          method: op.method,
          url,
          headers: { ...auth, ...(withBody && { 'content-type': 'application/json' }) },
          ...(withBody && { payload: JSON.stringify(field.where === 'body' ? { [field.name]: 'a\u0000b' } : {}) }),
        });
        const where = `${op.method} ${op.path} ${field.where} ${field.name}`;
        expect(res.statusCode, `${where} → ${res.body.slice(0, 200)}`).toBe(400);
        const path = (res.json() as { issues?: { path: (string | number)[] }[] }).issues?.[0]?.path ?? [];
        expect(path, where).toContain(field.name);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });
});
