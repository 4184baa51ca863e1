/**
 * How a sticker request's body is read: `text/csv` with the employer columns (options in the query
 * string), and `application/json` whose subjects are parsed and validated one at a time as the
 * body is scanned (`@cakupan/print`'s `readStickerJson`), so that a 50,000-subject body never
 * stands whole in memory twice. Other routes' JSON is parsed as Fastify would.
 */
import { type JsonParse, readEmployerSubjects, readStickerJson, SIZE_PRESETS, stickerQuerySchema } from '@cakupan/print';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { HttpError, summarise } from '../../../plugins/errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Source line of each subject of a CSV body, for error messages. */
    csvLines?: number[];
  }
}

/** Options given as query parameters (CSV bodies) in the shape of the JSON `options`. */
function optionsFromQuery(q: z.infer<typeof stickerQuerySchema>): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (q.language !== undefined) o.language = q.language;
  if (q.size !== undefined) {
    const m = /^(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)$/i.exec(q.size);
    o.size = m ? { widthMm: Number(m[1]), heightMm: Number(m[2]) } : q.size in SIZE_PRESETS ? q.size : { invalid: q.size };
  }
  if (q.bleedMm !== undefined) o.bleedMm = q.bleedMm;
  if (q.cropMarks !== undefined) o.cropMarks = q.cropMarks === 'true';
  if (q.layout !== undefined) o.layout = q.layout;
  if (q.paper !== undefined) o.paper = q.paper;
  if (q.validDays !== undefined) o.validDays = q.validDays;
  return o;
}

/** The message of a job over the limit. */
export function tooManyStickers(count: number, maxStickers: number): string {
  return `too many stickers: ${count} in one request, the limit is ${maxStickers}`;
}

/**
 * Installs both parsers on `app` (the sticker routes' scope).
 *
 * @returns the bodies already validated while they were read (the route's validator passes them)
 */
export function installStickerBodyParsers(app: FastifyInstance, maxStickers: number): WeakSet<object> {
  // text/csv: the employer columns, options in the query string
  app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'string' }, async (request: FastifyRequest, body: string | Buffer) => {
    const { subjects, lines } = await readEmployerSubjects(String(body), maxStickers);
    request.csvLines = lines;
    const query = stickerQuerySchema.safeParse(request.query);
    return { subjects, options: query.success ? optionsFromQuery(query.data) : {} };
  });
  // application/json: a sticker request's subjects are parsed and validated one at a time as the
  // body is scanned (stickers/jsonBody.ts); bodies of other shapes and routes as fastify would
  const wholeJson = app.getDefaultJsonParser(app.initialConfig.onProtoPoisoning ?? 'error', app.initialConfig.onConstructorPoisoning ?? 'error');
  const checkedBodies = new WeakSet<object>();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    if (request.method === 'POST' && request.routeOptions.url === '/v1/stickers') {
      const parse: JsonParse = (text) => {
        let value: unknown;
        wholeJson(request, text.toString('utf8'), (err, parsed) => {
          if (err) throw err;
          value = parsed;
        });
        return value;
      };
      let read: ReturnType<typeof readStickerJson> = { kind: 'whole' };
      try {
        read = readStickerJson(body as Buffer, maxStickers, parse);
      } catch {
        // a malformed piece: the whole body goes to the parser below, which names the problem
      }
      if (read.kind === 'tooMany') return done(new HttpError(413, tooManyStickers(read.count, maxStickers)), undefined);
      if (read.kind === 'invalid') return done(new HttpError(400, summarise('body', read.issues), read.issues), undefined);
      if (read.kind === 'valid') {
        checkedBodies.add(read.body);
        return done(null, read.body);
      }
    }
    wholeJson(request, (body as Buffer).toString('utf8'), done);
  });
  return checkedBodies;
}
