/**
 * The render worker (a piscina task): draws one sticker job from its plan, batch by batch as the
 * main thread asks, and posts the PDF bytes back. All the CPU work of printing — QR encoding,
 * signing, pdfkit, deflate — happens here, off the thread that answers HTTP requests.
 */
import { useAllRegions } from '@cakupan/core/regions';
import { StickerRenderer } from '../stickers/stickerJob.js';
import type { FromWorker, RenderOutcome, RenderTask, ToWorker } from './protocol.js';

// village and district names printed on stickers, for any region of Indonesia
useAllRegions();

export default function renderTask({ plan, subjects, port }: RenderTask): Promise<RenderOutcome> {
  const post = (msg: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(msg, transfer);
  const renderer = new StickerRenderer(plan, (chunk) => {
    // a copy of its own, so that the buffer can be moved rather than cloned
    const own = new Uint8Array(chunk.byteLength);
    own.set(chunk);
    post({ type: 'data', chunk: own }, [own.buffer]);
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
            await renderer.draw(subjects.slice(msg.from, msg.from + msg.count), msg.firstSerial);
            drawn += msg.count;
            if (!stopped) post({ type: 'batchDone', from: msg.from });
          } else {
            await renderer.end();
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
