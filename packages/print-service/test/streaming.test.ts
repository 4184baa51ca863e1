// A job hands its output over only while the reader keeps up, and a reader that goes away stops it.
import { type RegisterBatch, REGISTER_GROUP, RenderPool, RENDER_NICENESS, memorySerials, createKeyRing, generateSigningKeyPem, planStickerJob, stickerOptionsSchema, subjectSchema } from '@cakupan/print';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { employer } from './helpers.js';

const pool = new RenderPool({ threads: 1, maxQueue: 1 });
afterAll(() => pool.close());

const subjects = Array.from({ length: 1500 }, (_, i) => subjectSchema.parse(employer({ id: String(i), name: `Usaha ${i}` })));
const plan = planStickerJob(subjects, stickerOptionsSchema.parse({}), {
  keyRing: createKeyRing(generateSigningKeyPem()),
  publicBaseUrl: 'http://127.0.0.1:3000',
  today: '2026-11-23',
  issuer: 'Pemerintah Kota Bogor',
  defaultValidDays: 365,
});

describe('sticker job streaming in the render pool', () => {
  it.runIf(process.platform === 'linux')('draws on a thread scheduled below the one that answers requests', async () => {
    const job = pool.render(plan, subjects.slice(0, 10), memorySerials());
    for await (const _ of job.stream);
    // niceness is the 19th field of /proc/<pid>/task/<tid>/stat (the 17th after the command's ")")
    const niceness = (tid: string) => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
    const threads = readdirSync('/proc/self/task').map(niceness);
    expect(niceness(String(process.pid))).toBe(0);
    expect(threads).toContain(RENDER_NICENESS);
  });

  it('stops drawing while the reader does not read, and finishes when it does', async () => {
    const serials = memorySerials();
    const job = pool.render(plan, subjects, serials);
    const used = () => 0xffffffff - serials.remaining();
    // nobody reads: the buffer fills to about its high-water mark, then the drawing stops —
    // well before the job's 1,500 stickers (it would reach them in about 1.5 s)
    await vi.waitFor(() => expect(job.stream.readableLength).toBeGreaterThan(512 * 1024), { timeout: 20_000, interval: 10 });
    const atRest = await quiet(used);
    expect(atRest).toBeLessThan(1500);
    const buffered = job.stream.readableLength;
    expect(buffered).toBeLessThan(1024 * 1024 + 512 * 1024);
    let total = 0;
    for await (const chunk of job.stream) total += (chunk as Buffer).length;
    expect(total).toBeGreaterThan(buffered);
    expect(total / 1500).toBeGreaterThan(1000); // every page came out
    expect(used()).toBe(1500);
  });

  it('stops an abandoned job within a batch or two: no further serials, the thread free for the next job', async () => {
    const serials = memorySerials();
    const job = pool.render(plan, subjects, serials);
    const used = () => 0xffffffff - serials.remaining();
    // abandoned once it has begun
    await vi.waitFor(() => expect(job.stream.readableLength).toBeGreaterThan(0), { timeout: 20_000, interval: 5 });
    job.stream.destroy();
    // its task ends (the thread is given back) within a batch or two
    await vi.waitFor(() => expect(pool.jobs).toBe(0), { timeout: 10_000, interval: 5 });
    const atEnd = used();
    expect(atEnd).toBeLessThan(1500);
    // the one thread is free again: a small job completes, and the abandoned one used nothing more meanwhile
    const next = pool.render(plan, subjects.slice(0, 3), memorySerials());
    let bytes = 0;
    for await (const chunk of next.stream) bytes += (chunk as Buffer).length;
    expect(bytes).toBeGreaterThan(3000);
    expect(used()).toBe(atEnd);
    await vi.waitFor(() => expect(pool.jobs).toBe(0)); // the task ends just after its last byte
  });
  it('records every sticker in the register before its batch is drawn, several batches a write', async () => {
    const recorded: number[] = [];
    const writes: number[] = [];
    let drawnBeforeRecorded = 0;
    const register = async (batches: readonly RegisterBatch[]) => {
      await new Promise((r) => setTimeout(r, 50)); // a slow database: drawing would overtake it
      writes.push(batches.length);
      for (const b of batches) b.subjects.forEach((_, k) => recorded.push(b.firstSerial + k));
    };
    const serials = memorySerials();
    const job = pool.render(plan, subjects, serials, undefined, register);
    const pages: string[] = [];
    for await (const chunk of job.stream) {
      // pages come out as the worker draws them; a page is written after its sticker was recorded
      pages.push((chunk as Buffer).toString('latin1'));
      const written = pages.join('').match(/\/Type \/Page\b/g)?.length ?? 0;
      if (written > recorded.length) drawnBeforeRecorded++;
    }
    expect(drawnBeforeRecorded).toBe(0);
    expect(pages.join('').match(/\/Type \/Page\b/g)).toHaveLength(1500);
    // every serial used, each recorded once, in groups that double up to REGISTER_GROUP batches of 64
    expect(new Set(recorded).size).toBe(1500);
    expect(recorded.length).toBe(0xffffffff - serials.remaining());
    // groups of 1, 2, 4… batches, doubling up to REGISTER_GROUP, then that many until the last
    const doubling = writes.map((_, i) => Math.min(2 ** i, REGISTER_GROUP));
    expect(writes.slice(0, -1)).toEqual(doubling.slice(0, -1));
    expect(writes.at(-1)).toBeLessThanOrEqual(doubling.at(-1)!);
  });

  it('stops recording when the reader goes away: at most a write ahead of what was drawn', async () => {
    let recorded = 0;
    const register = async (batches: readonly RegisterBatch[]) => {
      for (const b of batches) recorded += b.subjects.length;
    };
    const job = pool.render(plan, subjects, memorySerials(), undefined, register);
    await vi.waitFor(() => expect(job.stream.readableLength).toBeGreaterThan(0), { timeout: 20_000, interval: 5 });
    job.stream.destroy();
    await vi.waitFor(() => expect(pool.jobs).toBe(0), { timeout: 10_000, interval: 5 });
    const atStop = recorded;
    expect(atStop).toBeLessThan(1500);
    // nothing recorded after the job ended: another job runs to its end meanwhile
    for await (const _ of pool.render(plan, subjects.slice(0, 3), memorySerials()).stream);
    expect(recorded).toBe(atStop);
  });
});

/**
 * Resolves with `value()` once it has stopped changing: the same over 10 looks 20 ms apart (a job
 * at rest has no batch left in flight). Bounded: fails after 10 s of change.
 */
async function quiet(value: () => number): Promise<number> {
  let last = value();
  let same = 0;
  for (const started = Date.now(); same < 10; ) {
    if (Date.now() - started > 10_000) throw new Error('still changing after 10 s');
    await new Promise((r) => setTimeout(r, 20));
    const now = value();
    same = now === last ? same + 1 : 0;
    last = now;
  }
  return last;
}
