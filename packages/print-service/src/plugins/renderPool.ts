/**
 * The render threads of sticker jobs: one pool, started on the first job and closed with the app
 * (or one shared by the caller, which closes it).
 */
import { RenderPool } from '@cakupan/print';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';

/** The pool to use: `shared`, else the app's own, made on first use. */
export function renderPoolOf(app: FastifyInstance, render: Config['render'], shared?: RenderPool): () => RenderPool {
  let pool = shared;
  app.addHook('onClose', async () => {
    if (!shared && pool) await pool.close();
  });
  return () =>
    (pool ??= new RenderPool({
      ...(render.threads > 0 && { threads: render.threads }),
      ...(render.queue >= 0 && { maxQueue: render.queue }),
      stallTimeoutMs: render.stallTimeoutMs,
    }));
}
