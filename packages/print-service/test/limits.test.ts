// Every request's work is bounded: a series answers at most MAX_SERIES_CELLS cells (else 400 naming
// the limit, before the work is done), heavy routes are admitted a few at a time (503 + Retry-After
// beyond), each request has a deadline (503 + Retry-After, and its work is told to stop), and the
// service's memory stays under its ceiling whatever is asked at once.
import { createKeyRing, generateSigningKeyPem } from '@cakupan/print';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService } from './service.js';
import { MAX_SERIES_CELLS, openStore, type Store } from '@cakupan/store';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { importSampleCity } from '../src/sampleCity.js';
import { API_KEY, auth } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'cakupan-limits-'));
let store: Store;

beforeAll(async () => {
  store = await openStore({ dataDir: join(dir, 'store') });
  await importSampleCity(store);
});
afterAll(async () => {
  await store.close();
});

/** An app on the sample city's store, with `env` over the test configuration and `store` in place of it. */
async function appWith(env: Record<string, string> = {}, over: Store = store): Promise<FastifyInstance> {
  const config = loadConfig({ NODE_ENV: 'test', API_KEYS: API_KEY, DATA_DIR: dir, LOG_LEVEL: 'silent', PUBLIC_BASE_URL: 'http://127.0.0.1:3000', ...env });
  return buildApp({ config, keyRing: createKeyRing(generateSigningKeyPem()), store: over, dashboard: false });
}

/** `store` with its `series` replaced (the rest as it is). */
function withSeries(series: Store['series']): Store {
  return new Proxy(store, { get: (target, key, receiver) => (key === 'series' ? series : Reflect.get(target, key, receiver)) });
}

/** A promise and its resolver. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('a coverage series', () => {
  it('refuses, naming the limit, more cells than it answers — before computing them', async () => {
    const app = await appWith();
    try {
      // every RT of the city over 20 years: the request that answered 86 MB and ran the heap out
      const started = performance.now();
      const res = await app.inject({ url: '/v1/coverage/series?region=3271&children=rt&from=1998-01-01&to=2017-12-31', headers: auth });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(400);
      expect(res.json().message).toContain(`at most ${MAX_SERIES_CELLS} cells (regions × month-ends)`);
      expect(res.json().issues[0]).toMatchObject({ code: 'out_of_range', path: ['children'] });
      // one month-end was computed to count its regions, not 240 (each takes ~0.1 s here)
      expect(performance.now() - started).toBeLessThan(5_000);
      // a year of them is still too many (12 × 2,197); half a year fits, every point whole
      expect((await app.inject({ url: '/v1/coverage/series?region=3271&children=rt&from=2017-01-01&to=2017-12-31', headers: auth })).statusCode).toBe(400);
      const half = await app.inject({ url: '/v1/coverage/series?region=3271&children=rt&from=2017-07-01&to=2017-12-31', headers: auth });
      expect(half.statusCode, half.body.slice(0, 300)).toBe(200);
      const points = half.json().points as { children: unknown[] }[];
      expect(points).toHaveLength(6);
      expect(points.reduce((n, p) => n + 1 + p.children.length, 0)).toBeLessThanOrEqual(MAX_SERIES_CELLS);
      expect(points[5]!.children.length).toBeGreaterThan(2000);
    } finally {
      await app.close();
    }
  });
});

describe('heavy requests', () => {
  it('are admitted a few at a time; one more answers 503 + Retry-After at once, and a turn frees when one ends', async () => {
    const running = gate();
    const release = gate();
    let calls = 0;
    const app = await appWith(
      { HEAVY_CONCURRENCY: '1', HEAVY_QUEUE: '1' },
      withSeries(async (o) => {
        calls++;
        running.open();
        await release.opened;
        return store.series(o);
      }),
    );
    try {
      const url = '/v1/coverage/series?region=3271&from=2017-01-01&to=2017-02-28';
      const first = app.inject({ url, headers: auth });
      await running.opened;
      // two more while it runs: one waits in the queue's one place, the other is refused at once
      // (so the first to answer is the refused one: the waiting one cannot end before the release)
      const more = [app.inject({ url, headers: auth }), app.inject({ url, headers: auth })];
      const third = await Promise.race(more);
      expect(third.statusCode).toBe(503);
      expect(third.headers['retry-after']).toBe('5');
      expect(third.json().message).toMatch(/busy with heavy requests \(1 running, 1 waiting\)/);
      // light routes do not wait for a turn
      expect((await app.inject({ url: '/v1/imports', headers: auth })).statusCode).toBe(200);
      release.open();
      expect((await first).statusCode).toBe(200);
      expect((await Promise.all(more)).map((r) => r.statusCode).sort()).toEqual([200, 503]);
      expect(calls).toBe(2);
      // and every turn was given back
      expect((await app.inject({ url, headers: auth })).statusCode).toBe(200);
    } finally {
      release.open();
      await app.close();
    }
  });
});

describe('a request’s deadline', () => {
  it('answers 503 + Retry-After when passed, and tells the work to stop', async () => {
    let signal: AbortSignal | undefined;
    const app = await appWith(
      { REQUEST_TIMEOUT_MS: '300' },
      withSeries(
        (o) =>
          new Promise((_resolve, reject) => {
            signal = o.signal;
            o.signal?.addEventListener('abort', () => reject(o.signal!.reason as Error));
          }),
      ),
    );
    try {
      const res = await app.inject({ url: '/v1/coverage/series?region=3271&from=2017-01-01&to=2017-02-28', headers: auth });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json().message).toBe('the request took longer than its deadline of 0.3 s; retry later or ask for less');
      expect(signal?.aborted).toBe(true);
      // the store's own series stops at the next month-end on that signal
      await expect(store.series({ region: '32.71', level: 'city', from: '2016-01-01', to: '2017-12-31', signal: AbortSignal.abort(new Error('gone')) })).rejects.toThrow('gone');
    } finally {
      await app.close();
    }
  });
});

describe('the service’s memory', () => {
  it('stays under its ceiling (400 MB resident) with the heavy requests many at once', { timeout: 180_000 }, async () => {
    const service = await startService({ SAMPLE_CITY: 'on', LOG_LEVEL: 'silent' });
    try {
      const heavy = [
        // the requests of the report, each several times at once
        ...Array.from({ length: 6 }, () => '/v1/coverage/series?region=3271&children=rt&from=1998-01-01&to=2017-12-31'),
        ...Array.from({ length: 4 }, (_, i) => `/v1/coverage/series?region=3271&children=rt&from=2017-0${i + 1}-01&to=2017-0${i + 6}-28`),
        ...Array.from({ length: 4 }, (_, i) => `/v1/coverage/series?region=3271&children=village&from=${2000 + i}-01-01&to=2017-12-31`),
        ...Array.from({ length: 3 }, () => '/v1/reports/monthly?region=3271&month=2017-12'),
        ...Array.from({ length: 3 }, () => '/v1/coverage?asOf=2017-12-31&level=rt'),
      ];
      const statuses = await Promise.all(heavy.map(async (path) => (await service.ask(path)).status));
      // each answered, refused by its limit (400) or told to come back (503), never a 5xx of another kind
      expect(statuses.every((s) => s === 200 || s === 400 || s === 503), statuses.join(',')).toBe(true);
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
      const { peak } = service.rssMb();
      process.stdout.write(`service peak RSS under ${heavy.length} heavy requests at once: ${peak.toFixed(0)} MB\n`);
      expect(peak).toBeLessThan(400);
      expect((await fetch(`${service.base}/health`)).status).toBe(200);
    } finally {
      await service.stop();
    }
  });
});
