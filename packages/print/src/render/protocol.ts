/**
 * Messages between a sticker request (main thread) and its render worker, over the job's own
 * MessagePort. The main thread hands out work a batch at a time, reserving the batch's serials
 * just before, and only while its reader keeps up: that is the back-pressure, and why an abandoned
 * job stops within a batch and uses no further serials.
 */
import type { MessagePort } from 'node:worker_threads';
import type { StickerJobPlan } from '../stickers/stickerJob.js';
import type { Subject } from '../stickers/schemas.js';

/** The piscina task: the plan and the port the job talks over (subjects come a batch at a time). */
export interface RenderTask {
  plan: StickerJobPlan;
  port: MessagePort;
}

/** Main → worker. */
export type ToWorker =
  /** Draw these subjects (the job's from `from` on), numbered from `firstSerial`. */
  | { type: 'batch'; from: number; subjects: readonly Subject[]; firstSerial: number }
  /** Every batch was sent: finish the PDF. */
  | { type: 'end' }
  /** The reader went away: stop now. */
  | { type: 'abort' }
  /**
   * The main thread has every byte (after the worker's `end`): the task may now resolve. The task's
   * result travels on piscina's channel, not this port, so without this the result could overtake
   * the last bytes.
   */
  | { type: 'ack' };

/** Worker → main. */
export type FromWorker =
  | { type: 'data'; chunk: Uint8Array }
  | { type: 'batchDone'; from: number }
  | { type: 'end' };

/** How a task ended. */
export interface RenderOutcome {
  stickers: number;
  aborted: boolean;
}

/** How much lower than the service's other threads a render thread is scheduled (Linux niceness). */
export const RENDER_NICENESS = 19;
