/**
 * A sticker job: subjects in, a streaming PDF out.
 */
import { addDays, formatISO } from 'date-fns';
import { UTCDate } from '@date-fns/utc';
import { createStickerPdf, type PreparedSticker } from '../pdf/renderStickers.js';
import type { KeyRing } from '../signing/keys.js';
import type { SerialSource } from '../serials.js';
import { labelBudget, type StickerJob } from './prepareSticker.js';
import { canUseWorker, inlinePreparer, type Preparer, workerPreparer } from './preparer.js';
import { PAPER_SIZES, SIZE_PRESETS, type StickerOptions, type Subject } from './schemas.js';

/** Stickers prepared per batch (and handed to the worker thread at once). */
const BATCH = 64;
/** Batches in preparation at once. */
const PREFETCH = 3;
/** Jobs smaller than this are prepared inline: a worker thread costs more to start than it saves. */
const WORKER_THRESHOLD = 400;

/** What a job needs from the service. */
export interface StickerJobContext {
  keyRing: KeyRing;
  serials: SerialSource;
  publicBaseUrl: string;
  /** Today's date (ISO) where the stickers are issued. */
  today: string;
  defaultIssuer: string;
  defaultValidDays: number;
  /** Unread PDF bytes above which drawing waits. Default 4 MiB. */
  highWaterMark?: number;
}

/** Trim size in mm of the requested size option. */
export function trimSize(size: StickerOptions['size']): { w: number; h: number } {
  const s = typeof size === 'string' ? SIZE_PRESETS[size] : size;
  return { w: s.widthMm, h: s.heightMm };
}

/**
 * Starts rendering. The returned stream yields the PDF as it is drawn, waiting for its reader;
 * serials are reserved up front. An error while drawing destroys the stream with that error.
 *
 * @throws {RangeError} synchronously for options that cannot be honoured (sticker larger than the paper)
 */
export function startStickerJob(
  subjects: readonly Subject[],
  options: StickerOptions,
  ctx: StickerJobContext,
): { stream: NodeJS.ReadableStream; firstSerial: number; perPage: number } {
  const validUntil = formatISO(addDays(new UTCDate(`${ctx.today}T00:00:00Z`), options.validDays ?? ctx.defaultValidDays), { representation: 'date' });
  const job: StickerJob = {
    keyRing: ctx.keyRing,
    publicBaseUrl: ctx.publicBaseUrl,
    issuedOn: ctx.today,
    validUntil,
    language: options.language,
  };
  const pdf = createStickerPdf({
    trimMm: trimSize(options.size),
    bleedMm: options.bleedMm,
    cropMarks: options.cropMarks,
    layout: options.layout,
    paperMm: PAPER_SIZES[options.paper],
    language: options.language,
    issuer: options.issuer ?? ctx.defaultIssuer,
    ...(ctx.highWaterMark !== undefined && { highWaterMark: ctx.highWaterMark }),
  });
  const maxLabel = labelBudget(ctx.publicBaseUrl);
  const firstSerial = ctx.serials.reserve(subjects.length);
  const preparer: Preparer =
    subjects.length >= WORKER_THRESHOLD && canUseWorker() ? workerPreparer(job, maxLabel) : inlinePreparer(job, maxLabel);
  const stream = pdf.stream as NodeJS.ReadableStream & { destroy(err?: Error): void; destroyed: boolean };

  void (async () => {
    try {
      // keep a few batches in preparation while drawing, so the drawing never waits
      const queue: Promise<PreparedSticker[]>[] = [];
      let requested = 0;
      const request = () => {
        if (requested >= subjects.length) return;
        queue.push(preparer.prepare(subjects.slice(requested, requested + BATCH), firstSerial + requested));
        requested += BATCH;
      };
      for (let i = 0; i < PREFETCH; i++) request();
      while (queue.length > 0) {
        const batch = await queue.shift()!;
        request();
        for (const sticker of batch) {
          if (stream.destroyed) return; // the client went away
          await pdf.add(sticker);
        }
      }
      pdf.end();
    } catch (err) {
      stream.destroy(err as Error);
    } finally {
      await preparer.close();
    }
  })();
  return { stream, firstSerial, perPage: pdf.perPage };
}
