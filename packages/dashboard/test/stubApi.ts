/**
 * A stub of the service for the page's own browser test: the built page (`dist/www`) and the API
 * routes the page reads, answering from a small fixed city. Every answer is parsed by the
 * contract's schema before it is sent, so the stub cannot drift from what the service answers.
 * It counts the requests, so that a test can see what the page asked for.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importsPageSchema, meSchema, PERMISSION_NAMES, sessionStateSchema, signInMethodsSchema, overviewSchema, qualitySchema, regionSchema, seriesSchema, storedCoverageSchema, employersPageSchema, type Figures } from '@cakupan/contract';
import { levelOfCode, lineageOf, monthEndsBetween } from '@cakupan/core/lite';
import type { z } from 'zod';

/** The built page (`pnpm build` makes it): the stub serves what the service would serve. */
const DASHBOARD_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'www');

export const KEY = 'stub-api-key-0123456789';
export const AS_OF = '2017-12-31';

/** The fixed city: its districts' eligible and covered residents. */
const NAMES: Record<string, string> = { '32': 'Jawa Barat', '32.71': 'Kota Bogor', '32.71.01': 'Bogor Selatan', '32.71.02': 'Bogor Timur' };
const LEAVES: Record<string, { eligible: number; covered: number }> = { '32.71.01': { eligible: 1200, covered: 300 }, '32.71.02': { eligible: 800, covered: 100 } };

function figures(code: string): Figures {
  const own = Object.entries(LEAVES).filter(([c]) => c === code || c.startsWith(`${code}.`)).map(([, f]) => f);
  const eligible = own.reduce((s, f) => s + f.eligible, 0);
  const covered = own.reduce((s, f) => s + f.covered, 0);
  // the register records most occupations: three in five of those known work, nine in ten of the covered
  const occupationKnown = eligible - own.length * 10;
  const workers = Math.round(occupationKnown * 0.6);
  const coveredWorkers = Math.round(covered * 0.9);
  return { eligible, covered, ratio: eligible ? covered / eligible : null, bySegment: { PU: covered, BPU: 0, JAKON: 0, PMI: 0 }, occupationKnown, workers, coveredWorkers, workerRatio: workers ? coveredWorkers / workers : null };
}
const ref = (code: string) => ({ code, level: levelOfCode(code), name: NAMES[code] ?? null });
const children = (code: string) => Object.keys(LEAVES).filter((c) => c.startsWith(`${code}.`));
const row = (code: string) => ({ ...ref(code), parentCode: lineageOf(code).at(-2) ?? null, residents: figures(code).eligible, ...figures(code) });
const none = { covered: 0, ratioPoints: 0 };

type Answer = { status: number; body: unknown };
const ok = <S extends z.ZodType>(schema: S, body: z.input<S>): Answer => ({ status: 200, body: schema.parse(body) });

function answer(path: string, q: URLSearchParams): Answer {
  const region = q.get('region') ?? '32.71';
  switch (path) {
    case '/v1/me':
      return ok(meSchema, { label: 'stub', kind: 'key', name: null, role: 'administrator', permissions: PERMISSION_NAMES, admin: true, scope: null, home: ref('32.71'), cities: [ref('32.71')], dataDate: AS_OF, accountsKnownTo: null, registerDate: AS_OF, registerStale: false });
    case '/v1/overview':
      return ok(overviewSchema, {
        region: ref(region),
        asOf: q.get('asOf')!,
        coverage: figures(region),
        previous: { ...figures(region), asOf: '2017-11-30' },
        change: none,
        children: children(region).map((c) => ({ ...ref(c), ...figures(c), previous: figures(c), change: none })),
        dataAsOf: { residents: { asOf: AS_OF, importedAt: '2018-01-02T03:04:05.000Z' }, participants: null, lastEventAt: null },
      });
    case '/v1/coverage/series':
      return ok(seriesSchema, { region, level: levelOfCode(region), every: 'month', points: monthEndsBetween(q.get('from')!, q.get('to')!).map((asOf) => ({ asOf, region: row(region), children: children(region).map(row) })) });
    case '/v1/coverage':
      return ok(storedCoverageSchema, { asOf: q.get('asOf')!, level: 'district', parent: row('32.71'), totals: { residents: 2000, ...figures('32.71') }, regions: children('32.71').map(row), next: null, linkage: { accounts: 0, activeAccounts: 0, inactiveAccounts: 0, personsWithActiveAccount: 0, personsWithOnlyInactiveAccounts: 0, matchedEligible: 0, notInRegister: 0, underAge: 0, overAge: 0, multipleActiveAccounts: 0, birthDateMismatches: 0, birthDatesFromNik: 0 }, records: { residents: { read: 2000, used: 2000, rejected: 0 }, participants: { read: 400, used: 400, rejected: 0 } } });
    case '/v1/quality': {
      const counts = (c: string) => ({ eligible: figures(c).eligible, covered: figures(c).covered, underAge: 0, multipleActiveAccounts: 0, birthDateMismatches: 0, birthDatesFromNik: 0, cellsOver100: 0 });
      return ok(qualitySchema, { region: { code: region, level: levelOfCode(region) }, asOf: q.get('asOf')!, records: { residents: { read: 2000, used: 2000, rejected: 0 }, participants: { read: 400, used: 400, rejected: 0 } }, linkage: { notInRegister: 0, underAge: 0, multipleActiveAccounts: 0, personsWithOnlyInactiveAccounts: 0, birthDateMismatches: 0, birthDatesFromNik: 0 }, quality: counts(region), children: children(region).map((c) => ({ ...ref(c), ...counts(c) })) });
    }
    case '/v1/imports':
      return ok(importsPageSchema, { imports: [], next: null });
    case '/v1/employers':
      return ok(employersPageSchema, { employers: [], next: null });
    case '/v1/reports/monthly/approvals':
      return { status: 200, body: { region, approvals: [] } };
  }
  // boundaries for Kota Bogor only: the map tab is offered there and nowhere else
  const mapped = /^\/v1\/regions\/([\d.]+)\/boundaries$/.exec(path)?.[1];
  if (mapped) {
    if (!mapped.startsWith('32.71')) return { status: 404, body: { statusCode: 404, error: 'Not Found', message: `no boundaries for ${mapped}` } };
    const square = (code: string, x: number) => ({ type: 'Feature', properties: { code, name: code, district_code: code.slice(0, 8) }, geometry: { type: 'Polygon', coordinates: [[[106.8 + x, -6.6], [106.81 + x, -6.6], [106.81 + x, -6.59], [106.8 + x, -6.59], [106.8 + x, -6.6]]] } });
    return { status: 200, body: { type: 'FeatureCollection', attribution: 'stub boundaries', version: 1, features: [square('32.71.01.1001', 0), square('32.71.02.1001', 0.01)] } };
  }
  const code = /^\/v1\/regions\/([\d.]+)$/.exec(path)?.[1];
  if (code) return ok(regionSchema, { ...ref(code), known: code in NAMES, parents: lineageOf(code).slice(0, -1).map(ref) });
  return { status: 404, body: { statusCode: 404, error: 'Not Found', message: `no route ${path}` } };
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.geojson': 'application/geo+json', '.txt': 'text/plain; charset=utf-8', '.map': 'application/json' };

export interface StubApi {
  server: Server;
  base: string;
  /** The API requests the page made (path and query), in order. */
  requests: string[];
  /** From now on every API request is refused with 401 (the key was revoked). */
  revokeKey(): void;
}

/** Starts the stub on a free loopback port. */
export async function startStubApi(): Promise<StubApi> {
  if (!existsSync(join(DASHBOARD_DIR, 'app.js'))) throw new Error('the page is not built: run pnpm build');
  const requests: string[] = [];
  let revoked = false;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stub');
    if (url.pathname.startsWith('/v1/')) {
      requests.push(`${url.pathname}${url.search}`);
      // nobody has a session here: the stub's callers sign in with its key
      if (url.pathname === '/v1/session' || url.pathname === '/v1/session/methods') {
        const body = url.pathname === '/v1/session' ? sessionStateSchema.parse({ signedIn: false }) : signInMethodsSchema.parse({ password: true, sso: null });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        return;
      }
      const authorised = !revoked && req.headers.authorization === `Bearer ${KEY}`;
      const { status, body } = authorised ? answer(url.pathname, url.searchParams) : { status: 401, body: { statusCode: 401, error: 'Unauthorized', message: 'unknown API key' } };
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      return;
    }
    const file = normalize(join(DASHBOARD_DIR, url.pathname === '/' ? 'index.html' : url.pathname));
    if (!file.startsWith(DASHBOARD_DIR) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { server, base: `http://127.0.0.1:${port}`, requests, revokeKey: () => (revoked = true) };
}
