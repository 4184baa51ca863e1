// A job hands its output over only while the reader keeps up, and a reader that goes away stops it.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { type RegisterBatch, REGISTER_GROUP, RenderPool } from '../src/render/renderPool.js';
import { RENDER_NICENESS } from '../src/render/protocol.js';
import { memorySerials } from '../src/serials.js';
import { createKeyRing, generateSigningKeyPem } from '../src/signing/keys.js';
import { planStickerJob } from '../src/stickers/stickerJob.js';
import { stickerOptionsSchema, subjectSchema } from '../src/stickers/schemas.js';
import { employer } from './helpers.js';

const pool = new RenderPool({ threads: 1, maxQueue: 1 });
afterAll(() => pool.close());

const subjects = Array.from({ length: 1500 }, (_, i) => subjectSchema.parse(employer({ id: String(i), name: `Usaha ${i}` })));
const plan = planStickerJob(subjects, stickerOptionsSchema.parse({}), {
  keyRing: createKeyRing(generateSigningKeyPem()),
  publicBaseUrl: 'http://127.0.0.1:3000',
  today: '2026-11-23',
  defaultIssuer: 'Pemerintah Kota Bogor',
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
    await new Promise((r) => setTimeout(r, 1500));
    // nobody read: about the high-water mark is buffered, and few serials were used — not the whole job
    const buffered = job.stream.readableLength;
    expect(buffered).toBeGreaterThan(512 * 1024);
    expect(buffered).toBeLessThan(1024 * 1024 + 512 * 1024);
    const used = 0xffffffff - serials.remaining();
    expect(used).toBeLessThan(1500);
    let total = 0;
    for await (const chunk of job.stream) total += (chunk as Buffer).length;
    expect(total).toBeGreaterThan(buffered);
    expect(total / 1500).toBeGreaterThan(1000); // every page came out
    expect(0xffffffff - serials.remaining()).toBe(1500);
  });

  it('stops an abandoned job within a batch or two: no further serials, the thread free for the next job', async () => {
    const serials = memorySerials();
    const job = pool.render(plan, subjects, serials);
    await new Promise((r) => setTimeout(r, 300));
    job.stream.destroy();
    await new Promise((r) => setTimeout(r, 300));
    const used = 0xffffffff - serials.remaining();
    expect(used).toBeLessThan(1024 * 1024); // sanity
    await new Promise((r) => setTimeout(r, 500));
    expect(0xffffffff - serials.remaining()).toBe(used); // nothing more after it was abandoned
    expect(used).toBeLessThan(1500);
    // the one thread is free again: a small job completes
    const next = pool.render(plan, subjects.slice(0, 3), memorySerials());
    let bytes = 0;
    for await (const chunk of next.stream) bytes += (chunk as Buffer).length;
    expect(bytes).toBeGreaterThan(3000);
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
    expect(REGISTER_GROUP).toBe(4);
    expect(writes.slice(0, 4)).toEqual([1, 2, 4, 4]);
    expect(Math.max(...writes)).toBe(4);
  });

  it('stops recording when the reader goes away: at most a write ahead of what was drawn', async () => {
    let recorded = 0;
    const register = async (batches: readonly RegisterBatch[]) => {
      for (const b of batches) recorded += b.subjects.length;
    };
    const job = pool.render(plan, subjects, memorySerials(), undefined, register);
    await new Promise((r) => setTimeout(r, 300));
    job.stream.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const atStop = recorded;
    await new Promise((r) => setTimeout(r, 500));
    expect(recorded).toBe(atStop);
    expect(recorded).toBeLessThan(1500);
  });
});
