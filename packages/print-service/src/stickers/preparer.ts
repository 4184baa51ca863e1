/**
 * Preparing stickers (QR encoding and signing) in a worker thread while the main thread draws the
 * PDF: the two halves of the work then overlap on two cores of the one process, which is what
 * lifts a job past 1,000 stickers/s (BENCHMARKS.md). Small jobs, and builds where the compiled
 * worker is not present (tests on the TypeScript sources), prepare inline.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PreparedSticker } from '../pdf/renderStickers.js';
import { createKeyRing } from '../signing/keys.js';
import { prepareSticker, type StickerJob } from './prepareSticker.js';
import type { Subject } from './schemas.js';

/** Prepares batches of stickers. */
export interface Preparer {
  prepare(subjects: readonly Subject[], firstSerial: number): Promise<PreparedSticker[]>;
  close(): Promise<void>;
}

/** Prepares on the calling thread. */
export function inlinePreparer(job: StickerJob, maxLabel: number): Preparer {
  return {
    prepare: async (subjects, firstSerial) => subjects.map((s, i) => prepareSticker(s, firstSerial + i, job, maxLabel)),
    close: async () => {},
  };
}

/** What the worker needs to rebuild the job (keys as PEM; no KeyObject crosses threads). */
export interface WorkerJob extends Omit<StickerJob, 'keyRing'> {
  signingKeyPem: string;
  verifyOnlyPems: readonly string[];
  maxLabel: number;
}

const WORKER_FILE = fileURLToPath(new URL('./prepareWorker.js', import.meta.url));

/** Whether the compiled worker is available (it is in the built package). */
export function canUseWorker(): boolean {
  return existsSync(WORKER_FILE);
}

/** Prepares in a worker thread; requests are answered in order. */
export function workerPreparer(job: StickerJob, maxLabel: number): Preparer {
  const workerData: WorkerJob = {
    publicBaseUrl: job.publicBaseUrl,
    issuedOn: job.issuedOn,
    validUntil: job.validUntil,
    language: job.language,
    signingKeyPem: job.keyRing.signingKeyPem,
    verifyOnlyPems: job.keyRing.verifyOnlyPems,
    maxLabel,
  };
  // a small heap is plenty for a batch of 200 stickers; it keeps the process's memory down
  const worker = new Worker(WORKER_FILE, { workerData, resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 96 } });
  const pending: { resolve: (v: PreparedSticker[]) => void; reject: (e: Error) => void }[] = [];
  let failure: Error | undefined;
  worker.on('message', (msg: { ok: true; stickers: PreparedSticker[] } | { ok: false; error: string }) => {
    const p = pending.shift();
    if (!p) return;
    if (msg.ok) p.resolve(msg.stickers);
    else p.reject(new RangeError(msg.error));
  });
  const fail = (err: Error) => {
    failure = err;
    for (const p of pending.splice(0)) p.reject(err);
  };
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (code !== 0) fail(new Error(`sticker worker stopped with exit code ${code}`));
  });
  return {
    prepare(subjects, firstSerial) {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        pending.push({ resolve, reject });
        worker.postMessage({ subjects, firstSerial });
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}

/** The worker's side; runs in prepareWorker.ts. @internal */
export function serveWorker(port: import('node:worker_threads').MessagePort, data: WorkerJob): void {
  const job: StickerJob = {
    keyRing: createKeyRing(data.signingKeyPem, data.verifyOnlyPems),
    publicBaseUrl: data.publicBaseUrl,
    issuedOn: data.issuedOn,
    validUntil: data.validUntil,
    language: data.language,
  };
  port.on('message', ({ subjects, firstSerial }: { subjects: Subject[]; firstSerial: number }) => {
    try {
      const stickers = subjects.map((s, i) => prepareSticker(s, firstSerial + i, job, data.maxLabel));
      port.postMessage({ ok: true, stickers }, stickers.map((s) => s.qr.modules.buffer as ArrayBuffer));
    } catch (err) {
      port.postMessage({ ok: false, error: (err as Error).message });
    }
  });
}
