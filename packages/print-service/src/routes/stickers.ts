/**
 * `POST /v1/stickers`: subjects in (JSON, or the employer CSV), a print-ready PDF out.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { KeyRing } from '../signing/keys.js';
import type { SerialSource } from '../serials.js';
import { parseEmployerCsv } from '../stickers/csv.js';
import { startStickerJob } from '../stickers/stickerJob.js';
import { SIZE_PRESETS, stickerQuerySchema, stickerRequestSchema } from '../stickers/schemas.js';
import { errorResponseSchema, HttpError } from './errors.js';

export interface StickerRoutesOptions {
  keyRing: KeyRing;
  serials: SerialSource;
  publicBaseUrl: string;
  issuer: string;
  validDays: number;
  maxStickers: number;
  today: () => string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Source line of each subject of a CSV body, for error messages. */
    csvLines?: number[];
  }
}

const EXAMPLE = {
  subjects: [
    { kind: 'employer', id: '9120001234567', name: 'CV Maju Jaya', villageCode: '3271011001', rw: 3, rt: 5, npp: '15070955', status: 'active' },
    { kind: 'employer', id: '9120007654321', name: 'Toko Sumber Rezeki', villageCode: '3271011001', rw: 3, rt: 6 },
    { kind: 'household', label: 'H-0001', villageCode: '3271021003', rw: 7, rt: 3, eligible: 3, covered: 3 },
  ],
  options: { language: 'id', bleedMm: 3, cropMarks: true, layout: 'single' },
};

/** Options given as query parameters (CSV bodies) in the shape of the JSON `options`. */
function optionsFromQuery(q: z.infer<typeof stickerQuerySchema>): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (q.issuer !== undefined) o.issuer = q.issuer;
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

export const stickerRoutes: FastifyPluginAsync<StickerRoutesOptions> = async (app, opts) => {
  // text/csv: the employer columns, options in the query string
  app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'string' }, (request, body, done) => {
    try {
      const { subjects, lines } = parseEmployerCsv(body as string);
      request.csvLines = lines;
      const query = stickerQuerySchema.safeParse(request.query);
      done(null, { subjects, options: query.success ? optionsFromQuery(query.data) : {} });
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/stickers',
    {
      schema: {
        summary: 'Sticker PDF for employers and households',
        description:
          'Returns a print-ready PDF (TrimBox/BleedBox, CMYK only, embedded fonts, vector QR), one page per sticker or N-up on a sheet, ' +
          'in the order of the subjects. The colour of each sticker is decided by @cakupan/core (stickerStatus), never by the request. ' +
          'Send JSON as below, or `text/csv` with the columns `id,name,village_code,rw,rt,npp,status` and the options as query parameters ' +
          '(`size` as a preset name or e.g. `100x70`).',
        tags: ['stickers'],
        security: [{ bearerAuth: [] }],
        consumes: ['application/json', 'text/csv'],
        querystring: stickerQuerySchema,
        body: stickerRequestSchema.meta({ examples: [EXAMPLE] }),
        produces: ['application/pdf'],
        response: {
          200: z.any().describe('application/pdf'),
          400: errorResponseSchema,
          401: errorResponseSchema,
          413: errorResponseSchema,
          429: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const { subjects, options } = request.body;
      if (subjects.length > opts.maxStickers) {
        throw new HttpError(413, `too many stickers: ${subjects.length} in one request, the limit is ${opts.maxStickers}`);
      }
      let job: ReturnType<typeof startStickerJob>;
      try {
        job = startStickerJob(subjects, options, {
          keyRing: opts.keyRing,
          serials: opts.serials,
          publicBaseUrl: opts.publicBaseUrl,
          today: opts.today(),
          defaultIssuer: opts.issuer,
          defaultValidDays: opts.validDays,
        });
      } catch (err) {
        if (err instanceof RangeError) throw new HttpError(400, err.message, [{ path: 'options', message: err.message }]);
        throw err;
      }
      request.log.info({ stickers: subjects.length, firstSerial: job.firstSerial, layout: options.layout }, 'sticker job');
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="stickers-${job.firstSerial}.pdf"`)
        .header('x-sticker-count', String(subjects.length))
        .header('x-first-serial', String(job.firstSerial))
        .send(job.stream);
    },
  );
};
