// The soak: SOAK_SECONDS (default 300, five minutes) of mixed load on the real service — phones
// scanning stickers, sticker jobs, imports, participant events, monthly reports and series, all at
// once — with its resident memory sampled throughout. It must stay flat (no leak: the last part of
// the run no higher than the part after warm-up, within a margin), under its ceiling, and every
// answer a 2xx or the documented 503 with Retry-After.
import { loadKeyRing, signStickerToken } from '@cakupan/print';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importForm, type Service, startService } from '../test/service.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
/** The service's resident memory may not pass this, MB. */
const CEILING_MB = 450;
const sample = (f: string) => readFileSync(join(import.meta.dirname, '..', 'sample', f), 'utf8');

let s: Service;
beforeAll(async () => {
  s = await startService({ SAMPLE_CITY: 'on' });
});
afterAll(async () => {
  await s?.stop();
});

describe('five minutes of mixed load', () => {
  it(`keeps memory flat and answers only 2xx or 503 + Retry-After (${SECONDS} s)`, { timeout: (SECONDS + 120) * 1000 }, async () => {
    // a printed sticker's token, signed with the service's own key, to scan
    const printed = await s.ask('/v1/stickers?facts=request', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subjects: [{ kind: 'employer', id: 'SOAK', name: 'CV Soak', villageCode: '3271011001', rw: 3, rt: 5, npp: '15070955', status: 'active' }] }) });
    expect(printed.status).toBe(200);
    const { keyRing } = loadKeyRing({ dataDir: s.dataDir, create: false });
    const token = signStickerToken({ kind: 'employer', registered: true, reason: 'employer_registered', issuedOn: '2026-12-01', validUntil: '2099-12-01', serial: Number(printed.headers.get('x-first-serial')), label: 'CV Soak' }, keyRing);
    const accounts = sample('participants.csv').trim().split('\n').slice(1).map((l) => l.split(',')[1]!);
    const employers = sample('employers.csv');
    const subjects = Array.from({ length: 200 }, (_, i) => ({ kind: 'employer', id: `SOAK${i}`, name: `CV Soak ${i}`, villageCode: '3271011001', rw: 3, rt: 5, npp: `${15070000 + i}`, status: 'active' }));

    const end = Date.now() + SECONDS * 1000;
    const unexpected: string[] = [];
    const counts = new Map<string, number>();
    const seen = (what: string, status: number, retryAfter: string | null) => {
      counts.set(`${what} ${status}`, (counts.get(`${what} ${status}`) ?? 0) + 1);
      const ok = (status >= 200 && status < 300) || (status === 503 && retryAfter !== null);
      if (!ok && unexpected.length < 20) unexpected.push(`${what} → ${status}`);
    };
    /** Repeats `step` until the end, each run counted under `what`. */
    const loop = async (what: string, step: (i: number) => Promise<{ status: number; headers: Headers }>, pauseMs = 0) => {
      for (let i = 0; Date.now() < end; i++) {
        const res = await step(i);
        seen(what, res.status, res.headers.get('retry-after'));
        if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    };
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(s.rssMb().now), 1000);
    try {
      await Promise.all([
        ...Array.from({ length: 4 }, () => loop('scan', () => fetch(`${s.base}/v/${token}`, { headers: { accept: 'application/json' } }).then(async (r) => (await r.arrayBuffer(), r)))),
        loop('stickers', () => s.ask('/v1/stickers?facts=request', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subjects }) })),
        loop(
          'event',
          (i) =>
            s.ask('/v1/participants/events', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ type: 'status_changed', eventId: `soak-${i}`, kpj: accounts[i % accounts.length], occurredOn: '2017-06-01', status: Math.floor(i / accounts.length) % 2 ? 'active' : 'inactive' }),
            }),
          20,
        ),
        loop(
          'import',
          (i) => {
            // the employers export, its last row's name changed each time: a real import every round
            const file = employers.replace(/\n([^\n]*)\n?$/, (_m, last: string) => `\n${last.replace(/,[^,]*,/, `,Toko Soak ${i},`)}\n`);
            const form = importForm({ kind: 'employers', asOf: '2017-12-31' }, file, 'employers.csv');
            return s.ask('/v1/imports', { method: 'POST', body: form.body, headers: form.headers });
          },
          2_000,
        ),
        loop('report', () => s.ask('/v1/reports/monthly?region=3271&month=2017-12'), 1_000),
        loop('series', () => s.ask('/v1/coverage/series?region=3271&children=village&from=2016-01-01&to=2017-12-31'), 500),
      ]);
    } finally {
      clearInterval(sampler);
    }
    process.stdout.write(`soak ${SECONDS} s: ${[...counts].map(([k, n]) => `${k}: ${n}`).join(', ')}; RSS MB min ${Math.min(...samples).toFixed(0)}, max ${Math.max(...samples).toFixed(0)}, peak ${s.rssMb().peak.toFixed(0)}\n`);
    expect(unexpected).toEqual([]);
    for (const what of ['scan', 'stickers', 'event', 'import', 'report', 'series']) expect(counts.get(`${what} ${what === 'stickers' ? 200 : what === 'import' || what === 'event' ? 201 : 200}`) ?? 0, what).toBeGreaterThan(0);
    // flat: the last fifth of the run no higher than the second fifth (after warm-up), within 20 % or 40 MB
    const fifth = Math.floor(samples.length / 5);
    const average = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const warm = average(samples.slice(fifth, 2 * fifth));
    const last = average(samples.slice(-fifth));
    expect(last).toBeLessThan(Math.max(warm * 1.2, warm + 40));
    expect(s.rssMb().peak).toBeLessThan(CEILING_MB);
  });
});
