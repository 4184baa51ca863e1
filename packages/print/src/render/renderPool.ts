/**
 * The render pool: a fixed set of worker threads (piscina, one per core by default) that draw
 * sticker PDFs, so that the thread answering HTTP — and a phone checking a sticker on `/v/` —
 * never waits for a print job.
 *
 * Limits, and what happens at them:
 * - at most `threads` jobs render at once; up to `maxQueue` more wait their turn, holding at most
 *   `maxWaitingStickers` subjects between them (what a waiting job costs is its subjects); beyond that
 *   {@link RenderPool.render} throws {@link PoolBusyError} (the route answers 503 + Retry-After);
 * - a job's output is handed over a batch at a time while its reader keeps up (1 MiB buffered at
 *   most), so memory stays bounded however many clients connect and however slowly they read;
 * - a reader that goes away stops its job within a batch: it uses no more serials or CPU (with a
 *   register, up to a register group plus three batches are recorded ahead of the drawing and stay
 *   recorded, never drawn);
 * - a failure after the first byte destroys the stream: the client sees a connection closed before
 *   the end of the chunked body (curl exits 18, `fetch` rejects), never a complete-looking 200.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { reserveSerials, type SerialSource } from '../serials.js';
import type { Subject } from '../stickers/schemas.js';
import type { StickerJobPlan } from '../stickers/stickerJob.js';
import type { FromWorker, RenderOutcome, RenderTask, ToWorker } from './protocol.js';

/** Stickers per batch: the unit of back-pressure, serial reservation and abandonment. */
export const BATCH = 64;
/** Batches handed to a worker ahead of the reader, so that the worker never idles. */
const AHEAD = 2;
/**
 * Batches recorded in the register in one write, at most: each write costs a few statements, and
 * on the embedded store they run on the thread that answers HTTP — a larger write makes a phone's
 * verification wait longer behind it (8 measured no faster than 4 here, and p99 79 ms against 48 ms
 * for verifications during 4 large jobs; BENCHMARKS.md §9). A reader that goes away leaves at most
 * this many batches and three more (two sent, one waiting) recorded and not drawn.
 */
export const REGISTER_GROUP = 4;

/** A batch of a job: its subjects, where they start in the job, and their first serial. */
export interface RegisterBatch {
  readonly from: number;
  readonly subjects: readonly Subject[];
  readonly firstSerial: number;
}

/** Bytes buffered for a reader before the job waits. */
const HIGH_WATER = 1024 * 1024;

/** The pool is full: try again later. */
export class PoolBusyError extends Error {
  override readonly name = 'PoolBusyError';
  constructor(readonly retryAfterSeconds: number) {
    super('the print service is busy with other sticker jobs; try again shortly');
  }
}

export interface RenderPoolOptions {
  /** Worker threads; default: the machine's cores. */
  threads?: number;
  /** Jobs that may wait for a thread; default 64. */
  maxQueue?: number;
  /** Subjects that waiting jobs may hold between them (one job is always let wait); default 100,000. */
  maxWaitingStickers?: number;
  /** Heap of each worker, MB (old generation). Default 128. */
  workerHeapMb?: number;
  /**
   * A job whose reader has read nothing for this long while output waits is stopped (its
   * connection closed), so that clients that connect and never read cannot hold the threads.
   * Default 60 s.
   */
  stallTimeoutMs?: number;
}

/**
 * Where the worker's code is: `renderWorker.js` beside this module in the built package (workers
 * cannot run the TypeScript sources), or the file `CAKUPAN_RENDER_WORKER` names.
 */
function workerFile(): string {
  const named = process.env.CAKUPAN_RENDER_WORKER;
  if (named) return named;
  const built = fileURLToPath(new URL('./renderWorker.js', import.meta.url));
  if (existsSync(built)) return built;
  throw new Error(`the render worker ${built} is missing: build the package (pnpm build)`);
}

export class RenderPool {
  readonly threads: number;
  readonly maxQueue: number;
  readonly maxWaitingStickers: number;
  #waitingStickers = 0;
  /** Requests admitted (their bodies being read) that have not yet become jobs. */
  #admitted = 0;
  readonly stallTimeoutMs: number;
  readonly #pool: Piscina<RenderTask, RenderOutcome>;
  readonly #failures = new Set<(err: Error) => void>();
  #running = 0;

  constructor(options: RenderPoolOptions = {}) {
    this.threads = Math.max(1, options.threads ?? availableParallelism());
    this.maxQueue = Math.max(0, options.maxQueue ?? 64);
    this.maxWaitingStickers = Math.max(0, options.maxWaitingStickers ?? 100_000);
    this.stallTimeoutMs = options.stallTimeoutMs ?? 60_000;
    this.#pool = new Piscina<RenderTask, RenderOutcome>({
      filename: workerFile(),
      // one thread waits ready; the others start when jobs need them and stop when idle (each
      // costs ~50 MB of memory)
      minThreads: 1,
      maxThreads: this.threads,
      maxQueue: Number.POSITIVE_INFINITY, // the limits are this class's (render)
      concurrentTasksPerWorker: 1,
      idleTimeout: 60_000,
      // close() waits this long for running jobs to stop before it terminates their threads
      closeTimeout: 10_000,
      resourceLimits: { maxOldGenerationSizeMb: options.workerHeapMb ?? 128, maxYoungGenerationSizeMb: 16 },
    });
    // a worker that fails outside a task (it cannot load, it runs out of memory): fail the jobs
    this.#pool.on('error', (err: Error) => {
      for (const fail of this.#failures) fail(err);
    });
  }

  /**
   * Admits a request before its body is read, holding its place among the jobs until it renders
   * or fails: under a burst of clients, only as many bodies are read as the pool can take.
   * Returns the release (idempotent; {@link render} calls it), or undefined when there is no room.
   */
  admit(): (() => void) | undefined {
    if (!this.hasRoom()) return undefined;
    this.#admitted++;
    let held = true;
    return () => {
      if (held) {
        held = false;
        this.#admitted--;
      }
    };
  }

  /** Jobs rendering or waiting. */
  get jobs(): number {
    return this.#running;
  }

  /**
   * Whether a job of `stickers` would be accepted now. The sticker route asks before it reads a
   * request's body, so that clients the pool would turn away cost no memory.
   */
  hasRoom(stickers = 1): boolean {
    const waiting = Math.max(0, this.#running + this.#admitted - this.threads + 1);
    if (waiting > this.maxQueue) return false;
    return waiting <= 1 || this.#waitingStickers + stickers <= this.maxWaitingStickers;
  }

  /** Worker threads started (for tests and health). */
  get startedThreads(): number {
    return this.#pool.threads.length;
  }

  /**
   * Starts a job. The first batch's serials are reserved now (and returned) unless the caller
   * reserved them (`reservedFirst`, e.g. by {@link reserveSerials}); the rest as the reader reads.
   *
   * @throws {PoolBusyError} when `threads` jobs run and `maxQueue` wait
   * @throws {RangeError} when the serials run out before the job starts
   */
  render(
    plan: StickerJobPlan,
    subjects: readonly Subject[],
    serials: SerialSource,
    admission?: () => void,
    register?: (batches: readonly RegisterBatch[]) => Promise<void>,
    reservedFirst?: number,
  ): { stream: Readable; firstSerial: number } {
    admission?.();
    if (!this.hasRoom(subjects.length)) throw new PoolBusyError(5);
    if (serials.remaining() < subjects.length) throw new RangeError('serial numbers exhausted');
    const { port1, port2 } = new MessageChannel();
    let next = 0;
    let inFlight = 0;
    let done = false;
    let endSent = false;
    let lastRead = Date.now();
    // a group of batches being prepared (serials fetched, recorded in the register): one at a time
    let preparing = false;
    const firstSerial = reservedFirst ?? serials.reserve(Math.min(BATCH, subjects.length));
    let reserved: number | undefined = firstSerial;
    const send = (msg: ToWorker) => port1.postMessage(msg);

    const out = new Readable({
      highWaterMark: HIGH_WATER,
      // the stream asks for more: it has decided it wants more, whatever it still holds
      read: () => {
        lastRead = Date.now();
        pump(true);
      },
      destroy: (err, callback) => {
        if (!done) {
          done = true;
          // a job still queued receives this first thing when it starts, and ends at once
          send({ type: 'abort' });
          port1.close();
        }
        callback(err);
      },
    });
    const fail = (err: Error) => {
      if (out.destroyed) return;
      out.destroy(err);
    };
    // batches recorded in the register and not yet sent (a register write holds several: a write
    // per batch of 64 was most of the service thread's work on an embedded store)
    const registered: RegisterBatch[] = [];
    let group = 1;
    /** The next batch, its serials reserved (fetched first when the source must). */
    const nextBatch = async (): Promise<RegisterBatch> => {
      const count = Math.min(BATCH, subjects.length - next);
      const first = reserved ?? (await reserveSerials(serials, count));
      reserved = undefined;
      // only this batch crosses to the worker: a 50,000-sticker job is never copied whole
      const batch = { from: next, subjects: subjects.slice(next, next + count), firstSerial: first };
      next += count;
      return batch;
    };
    /** The next few batches, recorded in the register before they are drawn. */
    const prepare = async () => {
      const batches: RegisterBatch[] = [];
      while (batches.length < group && next < subjects.length && !done) batches.push(await nextBatch());
      // groups grow (1, 2, 4 batches) so that the first page goes out at once; without a register,
      // a batch at a time (serials are reserved only as the reader reads)
      if (register) group = Math.min(REGISTER_GROUP, group * 2);
      // no sticker exists that the register lacks
      if (register && batches.length > 0 && !done) await register(batches);
      registered.push(...batches);
    };
    const pump = (asked = false) => {
      try {
        const wanted = () => !done && (asked || out.readableLength < HIGH_WATER);
        while (wanted() && inFlight < AHEAD && registered.length > 0) {
          const batch = registered.shift()!;
          inFlight++;
          send({ type: 'batch', ...batch });
        }
        // the next group is prepared while the worker still has batches to draw: a register
        // write waits its turn behind other jobs' on the store, and the worker would idle
        if (wanted() && !preparing && next < subjects.length && registered.length < AHEAD) {
          preparing = true;
          prepare().then(() => {
            preparing = false;
            if (!done) pump(true);
          }, fail);
        }
        if (!done && !endSent && !preparing && next >= subjects.length && registered.length === 0 && inFlight === 0) {
          endSent = true;
          send({ type: 'end' });
        }
      } catch (err) {
        fail(err as Error);
      }
    };

    port1.on('message', (msg: FromWorker) => {
      started();
      if (done) return;
      if (msg.type === 'data') out.push(Buffer.from(msg.chunk.buffer, msg.chunk.byteOffset, msg.chunk.byteLength));
      else if (msg.type === 'batchDone') {
        inFlight--;
        pump();
      } else {
        done = true;
        send({ type: 'ack' });
        port1.close();
        out.push(null);
      }
    });
    this.#running++;
    // counted as waiting until the worker first answers
    let waitingStickers = subjects.length;
    this.#waitingStickers += waitingStickers;
    const started = () => {
      this.#waitingStickers -= waitingStickers;
      waitingStickers = 0;
    };
    this.#failures.add(fail);
    const watchdog = setInterval(() => {
      if (done || out.destroyed) return clearInterval(watchdog);
      if (out.readableLength >= HIGH_WATER && Date.now() - lastRead > this.stallTimeoutMs) {
        clearInterval(watchdog);
        fail(new Error(`the reader has read nothing for ${this.stallTimeoutMs} ms`));
      }
    }, Math.min(5_000, Math.max(50, this.stallTimeoutMs / 4)));
    watchdog.unref();
    pump(); // start at once: the first batches render while the answer's headers go out
    this.#pool
      .run({ plan, port: port2 }, { transferList: [port2] as never })
      .then(
        (outcome) => {
          if (!outcome.aborted && !done) fail(new Error('the render worker stopped before the end of the PDF'));
        },
        (err: Error) => fail(err),
      )
      .finally(() => {
        clearInterval(watchdog);
        started();
        this.#running--;
        this.#failures.delete(fail);
      });
    return { stream: out, firstSerial };
  }

  /**
   * Stops the workers: jobs still running fail (each stops within a batch), and the threads end
   * once idle. A thread is not terminated in the middle of a job: Node 20 can abort the whole
   * process when a worker is terminated during native work such as pdfkit's zlib compression.
   */
  async close(): Promise<void> {
    const closing = new Error('the render pool is closing');
    for (const fail of this.#failures) fail(closing);
    await this.#pool.close();
  }
}
