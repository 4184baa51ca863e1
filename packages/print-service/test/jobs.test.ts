// Sticker jobs over real HTTP: a failure after the first byte is visible to the client, a full
// pool answers 503 with Retry-After, and a client that goes away stops its job.
import { RenderPool, memorySerials, type SerialSource, createKeyRing, generateSigningKeyPem } from '@cakupan/print';
import { request } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { API_KEY, auth, employer } from './helpers.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  app?.server.closeAllConnections();
  await app?.close();
  app = undefined;
});

let pool: RenderPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

async function serve(serials: SerialSource, env: Record<string, string> = {}): Promise<string> {
  const config = loadConfig({ NODE_ENV: 'test', API_KEYS: API_KEY, DATA_DIR: '/tmp/cakupan-unused', LOG_LEVEL: 'silent', PUBLIC_BASE_URL: 'http://127.0.0.1:3000', ...env });
  // the app's own pool, as it would make it, kept here to see its jobs end
  pool = new RenderPool({ ...(config.render.threads > 0 && { threads: config.render.threads }), ...(config.render.queue >= 0 && { maxQueue: config.render.queue }), stallTimeoutMs: config.render.stallTimeoutMs });
  app = await buildApp({ config, keyRing: createKeyRing(generateSigningKeyPem()), serials, renderPool: pool });
  return app.listen({ port: 0, host: '127.0.0.1' });
}

const job = (n: number) => JSON.stringify({ subjects: Array.from({ length: n }, (_, i) => employer({ id: String(i), name: `Usaha ${i}` })) });
const post = (url: string, n: number, signal?: AbortSignal) =>
  fetch(`${url}/v1/stickers`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: job(n), ...(signal && { signal }) });

/** Serials that count what was reserved, and can be told to fail. */
function countingSerials(failAfter = Infinity): SerialSource & { used: () => number } {
  const inner = memorySerials();
  let calls = 0;
  let used = 0;
  return {
    reserve(count) {
      if (++calls > failAfter) throw new Error('the serial store is gone');
      used += count;
      return inner.reserve(count);
    },
    remaining: () => inner.remaining(),
    close() {},
    used: () => used,
  };
}

describe('sticker jobs over HTTP', () => {
  it('cuts the connection when the job fails after the first byte: never a complete-looking 200', async () => {
    // serials run out after 6 batches: the first pages have gone out by then (batches are reserved
    // at most a few ahead of the drawing)
    const url = await serve(countingSerials(6));
    const res = await post(url, 1000);
    expect(res.status).toBe(200); // the headers had gone out
    await expect(res.arrayBuffer()).rejects.toThrow();
  });

  it('answers 503 with Retry-After while every thread is busy and the queue is full', async () => {
    const url = await serve(memorySerials(), { RENDER_THREADS: '1', RENDER_QUEUE: '0' });
    const first = new AbortController();
    const running = await post(url, 5000, first.signal); // not read: it holds the one thread
    expect(running.status).toBe(200);
    const busy = await post(url, 1);
    expect(busy.status).toBe(503);
    expect(Number(busy.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await busy.json()) as { message: string }).message).toMatch(/busy/);
    first.abort();
    await vi.waitFor(async () => expect((await post(url, 1)).status).toBe(200), { timeout: 10_000, interval: 200 });
  });

  it('stops a job whose client went away: it uses no more serials', async () => {
    const serials = countingSerials();
    const url = new URL(await serve(serials));
    // a client that reads the first bytes, then closes its connection
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: '/v1/stickers', method: 'POST', headers: { ...auth, 'content-type': 'application/json' } }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => {});
      req.once('timeout', reject);
      req.end(job(20_000));
    });
    // the job ends (its task gives its thread back) once the server sees the connection gone
    await vi.waitFor(() => expect(pool!.jobs).toBe(0), { timeout: 10_000, interval: 20 });
    const used = serials.used();
    expect(used).toBeLessThan(20_000);
    // and it used no serial after it ended: another job takes the next ones
    expect((await post(new URL(url).origin, 1)).status).toBe(200);
    expect(serials.used()).toBe(used + 1);
  });

  it('stops a job whose client stays connected but never reads, and closes its connection', async () => {
    const serials = countingSerials();
    const url = await serve(serials, { JOB_STALL_TIMEOUT_MS: '500' });
    const res = await post(url, 20_000); // headers read, body never
    expect(res.status).toBe(200);
    await vi.waitFor(async () => expect(await connections()).toBe(0), { timeout: 10_000, interval: 200 });
    expect(serials.used()).toBeLessThan(20_000);
  });
});

function connections(): Promise<number> {
  return new Promise((resolve, reject) => app!.server.getConnections((err, n) => (err ? reject(err) : resolve(n))));
}
