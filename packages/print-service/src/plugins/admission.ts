/**
 * Admission of heavy requests (a coverage series, a monthly report, a coverage calculation from
 * uploaded files): at most `concurrency` run at once and `queue` wait; one more answers 503 with
 * `Retry-After` at once instead of piling up work and memory. Light requests (verification, health,
 * lists a page at a time) never wait here.
 *
 * A route opts in with `config: { heavy: true }`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's work is heavy: admitted by {@link installAdmission}. */
    heavy?: boolean;
  }
}

/** The limits of {@link installAdmission}. */
export interface AdmissionOptions {
  /** Heavy requests running at once (≥ 1). */
  concurrency: number;
  /** Heavy requests waiting for a turn (≥ 0); one more is refused. */
  queue: number;
  /** The `Retry-After` of a refused request, seconds. */
  retryAfterSeconds?: number;
}

const admitted = Symbol('admitted');
type Admitted = FastifyRequest & { [admitted]?: boolean };

/**
 * Adds the admission hooks to `app` (its routes and those of its child plugins).
 *
 * @throws {RangeError} for a concurrency below 1 or a negative queue
 */
export function installAdmission(app: FastifyInstance, options: AdmissionOptions): void {
  const { concurrency, queue } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be an integer ≥ 1, not ${concurrency}`);
  if (!Number.isInteger(queue) || queue < 0) throw new RangeError(`queue must be an integer ≥ 0, not ${queue}`);
  const retry = String(options.retryAfterSeconds ?? 5);
  let running = 0;
  const waiting: { request: Admitted; admit: () => void }[] = [];

  const release = async (request: Admitted) => {
    if (request[admitted]) {
      request[admitted] = false;
      const next = waiting.shift();
      if (next) {
        next.request[admitted] = true;
        next.admit();
      } else running--;
      return;
    }
    // gone while waiting: its place is given up
    const i = waiting.findIndex((w) => w.request === request);
    if (i >= 0) waiting.splice(i, 1);
  };

  app.addHook('onRequest', async (request: Admitted) => {
    if (!request.routeOptions.config.heavy) return;
    if (running < concurrency) {
      running++;
      request[admitted] = true;
      return;
    }
    if (waiting.length >= queue) {
      throw new HttpError(503, `the service is busy with heavy requests (${concurrency} running, ${queue} waiting); retry in ${retry} s`, undefined, { 'retry-after': retry });
    }
    await new Promise<void>((admit) => waiting.push({ request, admit }));
  });
  app.addHook('onResponse', release);
  app.addHook('onRequestAbort', release);
}
