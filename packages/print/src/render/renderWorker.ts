/**
 * The render worker (a piscina task): draws one sticker job from its plan, batch by batch as the
 * main thread asks, and posts the PDF bytes back. All the CPU work of printing — QR encoding,
 * signing, pdfkit, deflate — happens here, off the thread that answers HTTP requests.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { basename } from 'node:path';
import { StickerRenderer } from '../stickers/stickerJob.js';
import { type FromWorker, RENDER_NICENESS, type RenderOutcome, type RenderTask, type ToWorker } from './protocol.js';

/**
 * Drawing is batch work: where the cores are all busy, the thread that answers requests (a QR
 * scan's verification) and the embedded database's process should not wait behind it. On Linux a
 * thread has a niceness of its own: this thread's is raised by {@link RENDER_NICENESS} (which
 * needs no privilege) before its first job. Elsewhere (no /proc/thread-self) threads keep the
 * process's.
 */
let lowered = false;
function lowerThisThreadsPriority(): void {
  if (lowered) return;
  lowered = true;
  try {
    setPriority(Number(basename(readlinkSync('/proc/thread-self'))), RENDER_NICENESS);
  } catch {
    // not Linux, or not allowed: scheduled as the process is
  }
}

export default function renderTask({ plan, port }: RenderTask): Promise<RenderOutcome> {
  lowerThisThreadsPriority();
  const post = (msg: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(msg, transfer);
  // pdfkit writes many small pieces: gather them and post 64 KiB at a time (and at each batch's
  // end), copied into a buffer of their own so that it can be moved rather than cloned
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = () => {
    if (pendingBytes === 0) return;
    const own = new Uint8Array(pendingBytes);
    let at = 0;
    for (const piece of pending) {
      own.set(piece, at);
      at += piece.byteLength;
    }
    pending = [];
    pendingBytes = 0;
    post({ type: 'data', chunk: own }, [own.buffer]);
  };
  const renderer = new StickerRenderer(plan, (chunk) => {
    pending.push(chunk);
    pendingBytes += chunk.byteLength;
    if (pendingBytes >= 64 * 1024) flush();
  });
  let drawn = 0;
  return new Promise<RenderOutcome>((resolve, reject) => {
    let chain = Promise.resolve();
    let stopped = false;
    const finish = (outcome: RenderOutcome) => {
      stopped = true;
      port.close();
      resolve(outcome);
    };
    port.on('message', (msg: ToWorker) => {
      // abort and ack are answered at once, not after the batches queued before them
      if (msg.type === 'abort') return finish({ stickers: drawn, aborted: true });
      if (msg.type === 'ack') return finish({ stickers: drawn, aborted: false });
      chain = chain
        .then(async () => {
          if (stopped) return;
          if (msg.type === 'batch') {
            await renderer.draw(msg.subjects, msg.firstSerial);
            drawn += msg.subjects.length;
            flush();
            if (!stopped) post({ type: 'batchDone', from: msg.from });
          } else {
            await renderer.end();
            flush();
            // the main thread answers 'ack' once it has every byte; then the task ends
            if (!stopped) post({ type: 'end' });
          }
        })
        .catch((err: unknown) => {
          stopped = true;
          port.close();
          reject(err);
        });
    });
  });
}
