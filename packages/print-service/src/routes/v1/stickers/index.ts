/**
 * `POST /v1/stickers`: subjects in (JSON, or the employer CSV), a print-ready PDF out.
 */
import { batchRegionField, errorResponseSchema, pdfAnswer, requisitionParams } from '@cakupan/contract';
import { type KeyRing, reserveSerials, type SerialSource, BATCH, PoolBusyError, type RegisterBatch, type RenderPool, planStickerJob, statusOf, type StickerOptions, stickerOptionsSchema, stickerQuerySchema, stickerRequestSchema, type Subject } from '@cakupan/print';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createHash } from 'node:crypto';
import { type Readable, Transform } from 'node:stream';
import { changedSinceApproval, factsFromStore, frozenSubjectsOf, stickerBatch, type StoreFactsProblem } from '@cakupan/monitoring';
import { requisitionSource, type Store } from '@cakupan/store';
import { governmentOf, type RegistrationHelp, toDottedRegionCode } from '@cakupan/core';
import { requisitionViewer } from '../requisitions/viewer.js';
import { HttpError, summarise } from '../../../plugins/errors.js';
import { requirePermission } from '../../../plugins/permissions.js';
import { inScope, requireInScope, scopeOf } from '../../../plugins/scope.js';
import { installStickerBodyParsers, tooManyStickers } from './bodyParsers.js';
import type { RegionalSettings } from '../../../regions/regionalSettings.js';

/** `stream` as it is, telling `done` its sha256 once it ended whole (not when cut off). */
function checksummed(stream: Readable, done: (sha256: string) => void): Readable {
  const hash = createHash('sha256');
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback) {
      done(hash.digest('hex'));
      callback();
    },
  });
  stream.on('error', (err) => tap.destroy(err));
  tap.on('close', () => {
    if (!stream.readableEnded) stream.destroy();
  });
  return stream.pipe(tap);
}

/** How a request the store cannot print is answered: a household by region, an unknown employer as missing, a disagreement as a conflict. */
const FACTS_STATUS: Readonly<Record<StoreFactsProblem, number>> = { household: 400, unknown_employer: 404, disagrees: 409, unprintable: 400 };

export interface StickerRoutesOptions {
  keyRing: KeyRing;
  /** The deadline of a sticker job until its PDF starts to stream, ms (a 32 MB body takes a while to arrive). */
  uploadTimeoutMs?: number;
  serials: SerialSource;
  publicBaseUrl: string;
  /** The settings in force per region: a job's issuer is its subjects' government's. */
  settings: Pick<RegionalSettings, 'of'>;
  validDays: number;
  maxStickers: number;
  today: () => string;
  /** The render pool (started on first use). */
  pool: () => RenderPool;
  /** The store's sticker register: every sticker is recorded there before it is drawn. */
  store?: Pick<Store, 'stickers' | 'audit' | 'households' | 'employers' | 'employersByIds' | 'requisitions' | 'registrationHelp'> | undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The render pool's place held for this request (released when it renders or ends). */
    admission?: () => void;
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

export const stickerRoutes: FastifyPluginAsync<StickerRoutesOptions> = async (app, opts) => {
  const checkedBodies = installStickerBodyParsers(app, opts.maxStickers);
  const tooMany = (count: number) => tooManyStickers(count, opts.maxStickers);
  // a busy pool answers 503 before the body is read: clients it would turn away cost no memory
  app.addHook('onRequest', async (request) => {
    const release = opts.pool().admit();
    if (!release) throw new HttpError(503, new PoolBusyError(5).message, undefined, { 'retry-after': '5' });
    request.admission = release;
  });
  // whatever became of the request (an error, a closed connection), its place is given back
  app.addHook('onResponse', async (request) => request.admission?.());
  app.addHook('onRequestAbort', async (request) => request.admission?.());
  // count before validating: an oversized job is refused before its subjects are checked one by one
  app.addHook('preValidation', async (request) => {
    const subjects = (request.body as { subjects?: unknown } | null | undefined)?.subjects;
    if (Array.isArray(subjects) && subjects.length > opts.maxStickers) {
      throw new HttpError(413, tooMany(subjects.length));
    }
  });

  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/stickers',
    {
      config: { permission: 'stickers:print' },
      ...(opts.uploadTimeoutMs && { handlerTimeout: opts.uploadTimeoutMs }),
      schema: {
        summary: 'Sticker PDF for employers and households',
        description:
          'Returns a print-ready PDF (TrimBox/BleedBox, CMYK only, embedded fonts, vector QR), one page per sticker or N-up on a sheet, ' +
          'in the order of the subjects. The colour of each sticker is decided by @cakupan/core (stickerStatus) from what the store holds, never ' +
          'by the request: with a store, each employer is printed as the store holds it (an unknown one, or one outside the key’s scope, is 404; ' +
          'an NPP or status that tells another colour than the store’s is 409), and households are printed from the store’s count ' +
          '(`POST /v1/stickers/batch`). Without a store (the print service on its own), and with `facts=request` for an administrator, the ' +
          'request’s own data are printed, and the register says so. ' +
          'Send JSON as below, or `text/csv` with the columns `id,name,village_code,rw,rt,npp,status` and the options as query parameters ' +
          '(`size` as a preset name or e.g. `100x70`). Everything that can fail is checked before the first byte; should rendering fail ' +
          'afterwards, the connection is closed before the end of the chunked body, so a truncated PDF is never a complete-looking 200.',
        tags: ['stickers'],
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        consumes: ['application/json', 'text/csv'],
        querystring: stickerQuerySchema.extend({
          facts: z
            .enum(['store', 'request'])
            .optional()
            .describe('With a store: `store` (default) prints each employer as the store holds it; `request` prints the request’s own data (administrators only; the register says so)'),
        }),
        body: stickerRequestSchema.meta({ examples: [EXAMPLE] }),
        // JSON bodies are validated as the parser above reads them, CSV bodies by this schema
        produces: ['application/pdf'],
        response: {
          200: pdfAnswer,
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
          404: errorResponseSchema,
          409: errorResponseSchema,
          413: errorResponseSchema,
          429: errorResponseSchema,
          503: errorResponseSchema.describe('Busy with other sticker jobs: retry after the Retry-After header’s seconds'),
        },
      },
      validatorCompiler: (route) => {
        const zod = validatorCompiler(route as unknown as Parameters<typeof validatorCompiler>[0]);
        return route.httpPart === 'body' ? (data: unknown) => (typeof data === 'object' && data !== null && checkedBodies.has(data) ? { value: data } : zod(data)) : zod;
      },
    },
    async (request, reply) => {
      const { subjects, options } = request.body;
      // a key with a scope prints only for its region
      const outside = subjects.findIndex((s) => !inScope(scopeOf(request), s.villageCode));
      if (outside >= 0) requireInScope(request, subjects[outside]!.villageCode, ['subjects', outside, 'villageCode']);
      // the print service on its own (no store) prints what it is sent: there is nothing else to ask
      if (!opts.store) return startJob(request, reply, subjects, options, undefined, 'request');
      if (request.query.facts === 'request') {
        requirePermission(request, 'stickers:print-request-facts', 'printing from the request’s own data (facts=request)');
        return startJob(request, reply, subjects, options, undefined, 'request');
      }
      // green only when the store says so
      const facts = await factsFromStore(opts.store, subjects, scopeOf(request));
      if (!facts.ok) throw new HttpError(FACTS_STATUS[facts.problem], summarise('subjects', facts.issues), facts.issues);
      return startJob(request, reply, facts.subjects, options, undefined, 'store');
    },
  );

  /**
   * The issuer of a job: its subjects' city's or regency's. One job prints for one issuer (the
   * issuer is drawn once per document): subjects of governments with different issuers are refused.
   */
  async function issuerOf(subjects: readonly Subject[]): Promise<string> {
    const governments = [...new Set(subjects.map((s) => governmentOf(s.villageCode)))];
    const issuers = await Promise.all(governments.map(async (g) => [g, (await opts.settings.of(g)).issuer] as const));
    const distinct = [...new Set(issuers.map(([, issuer]) => issuer))];
    if (distinct.length > 1) {
      const message = `one job prints for one issuer: these subjects are of ${issuers.map(([g, i]) => `${g} (${i})`).join(', ')}; send one job per city or regency`;
      throw new HttpError(400, `subjects: ${message}`, [{ code: 'custom', path: ['subjects'], message }]);
    }
    return distinct[0] ?? ''; // no subjects: planning refuses the job
  }

  /** Plans, registers and starts a job, answering the PDF as it is drawn. */
  async function startJob(
    request: FastifyRequest,
    reply: FastifyReply,
    subjects: readonly Subject[],
    options: StickerOptions,
    subjectIds: readonly string[] | undefined,
    facts: 'store' | 'request',
    run?: { source: string; sent(sha256: string): Promise<void> },
  ) {
    const plan = planStickerJob(subjects, options, {
      keyRing: opts.keyRing,
      publicBaseUrl: opts.publicBaseUrl,
      today: opts.today(),
      issuer: await issuerOf(subjects),
      defaultValidDays: opts.validDays,
      registrationHelp: opts.store ? await registrationHelpOf(opts.store, subjects) : undefined,
    });
    let job: { stream: Readable; firstSerial: number };
    const store = opts.store;
    const source = run?.source ?? `request ${request.id}${request.apiKeyLabel ? ` (${request.apiKeyLabel})` : ''}`;
    const keyId = opts.keyRing.signingKeyId.toString('hex');
    let jobFirst: number | undefined; // the first batch's first serial: the job's
    const register = store
      ? (batches: readonly RegisterBatch[]) =>
          store.stickers.record(
            batches.flatMap(({ subjects: batch, firstSerial: first, from }) =>
              batch.map((subject, k) => {
                const { status, reason } = statusOf(subject);
                return {
                  serial: first + k,
                  kind: subject.kind,
                  subjectId: subject.kind === 'employer' ? subject.id : (subjectIds?.[from + k] ?? null),
                  label: subject.kind === 'employer' ? subject.name : subject.label,
                  villageCode: subject.villageCode,
                  rw: subject.rw ?? null,
                  rt: subject.rt ?? null,
                  registered: status === 'registered',
                  reason,
                  issuedOn: plan.job.issuedOn,
                  validUntil: plan.job.validUntil,
                  keyId,
                  source,
                  facts,
                };
              }),
            ),
            (jobFirst ??= batches[0]!.firstSerial),
          )
      : undefined;
    // serials from the register's sequence are fetched before the job starts
    const first = await reserveSerials(opts.serials, Math.min(BATCH, subjects.length));
    try {
      job = opts.pool().render(plan, subjects, opts.serials, request.admission, register, first);
    } catch (err) {
      if (err instanceof PoolBusyError) throw new HttpError(503, err.message, undefined, { 'retry-after': String(err.retryAfterSeconds) });
      throw err;
    }
    // the client went away: stop the job (it then uses no more serials)
    reply.raw.once('close', () => {
      if (!job.stream.readableEnded) job.stream.destroy();
    });
    // a failure before the answer starts (the register's first write on a full disk) is this
    // request's error, answered as one (507, 503…); after it, the stream's, which cuts the answer
    let failed: Error | undefined;
    job.stream.on('error', (err) => {
      failed ??= err;
      request.log.error({ error: err.message }, 'sticker job failed');
    });
    request.log.info({ stickers: subjects.length, firstSerial: job.firstSerial, layout: options.layout }, 'sticker job');
    try {
      await store?.audit({ actor: request.apiKeyLabel ?? null, action: 'stickers.print', subject: `from serial ${job.firstSerial}`, count: subjects.length, detail: { request: request.id } });
    } catch (err) {
      job.stream.destroy();
      throw err;
    }
    if (failed) throw failed;
    // a requisition's run: the PDF's sha256 as sent, for the job sheet
    const body = run ? checksummed(job.stream, (sha) => run.sent(sha).catch((err: Error) => request.log.warn({ error: err.message }, 'job sheet checksum not kept'))) : job.stream;
    if (!reply.hasHeader('content-disposition')) reply.header('content-disposition', `inline; filename="stickers-${job.firstSerial}.pdf"`);
    return reply
      .type('application/pdf')
      .header('x-sticker-count', String(subjects.length))
      .header('x-first-serial', String(job.firstSerial))
      .send(body);
  }

  const store = opts.store;
  if (!store) return;
  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/stickers/batch',
    {
      config: { permission: 'stickers:print' },
      ...(opts.uploadTimeoutMs && { handlerTimeout: opts.uploadTimeoutMs }),
      schema: {
        summary: 'Stickers for every employer or household of a village or RT, from the store',
        description:
          'The field officers’ “print the stickers for Kelurahan X”: every employer (or every household, its members counted by the store ' +
          'as the coverage report counts them today, grouped by KK and printed by RT/RW and village only — never a NIK or KK number) of ' +
          '`region` (a village, RW or RT code), optionally only the `registered` or `unregistered` ones, in RW/RT order. Streams as ' +
          '`POST /v1/stickers` does; every sticker is in the register. 404 when there is nothing to print. A stored employer that cannot be ' +
          'printed (its name holds 16 digits, say) is left out and the rest printed: `x-skipped-count` says how many, `x-skipped-ids` which (the first 50). ' +
          'A household where nobody is 18 or over gets no sticker (nobody there to be registered; green would say “registered” on its door): ' +
          '`x-households-without-adults` says how many were left out.',
        tags: ['stickers'],
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        body: z
          .object({
            region: batchRegionField,
            kind: z.enum(['employer', 'household']),
            status: z.enum(['registered', 'unregistered', 'all']).default('all'),
            options: stickerOptionsSchema.prefault({}),
          })
          .strict(),
        produces: ['application/pdf'],
        response: { 200: pdfAnswer, 400: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema, 413: errorResponseSchema, 503: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const { region, kind, status, options } = request.body;
      requireInScope(request, region.code, ['region']);
      const level = region.level as 'village' | 'rw' | 'rt';
      const { subjects, householdIds, skipped, withoutAdults } = await stickerBatch(store, { region: { code: region.code, level }, kind, status, asOf: opts.today(), max: opts.maxStickers });
      const left = skipped.length > 0 ? `; ${skipped.length} stored employer(s) cannot be printed: ${skipped.slice(0, 3).map((e) => `${e.id} (${e.reason})`).join(', ')}` : '';
      if (subjects.length === 0) throw new HttpError(404, `no ${kind === 'employer' ? 'employers' : 'households'}${status === 'all' ? '' : ` (${status})`} to print in ${region.code}${left}`);
      // one bad row does not stop a village's batch: the rest print, and the answer names what was left out
      if (skipped.length > 0) {
        request.log.warn({ skipped: skipped.length }, 'stored employers left out of a batch');
        reply.header('x-skipped-count', String(skipped.length)).header('x-skipped-ids', skipped.slice(0, 50).map((e) => e.id).join(','));
      }
      if (withoutAdults) reply.header('x-households-without-adults', String(withoutAdults));
      if (subjects.length > opts.maxStickers) throw new HttpError(413, `too many stickers: ${subjects.length} in ${region.code}, the limit is ${opts.maxStickers}; print an RW or RT at a time`);
      return startJob(request, reply, subjects, options, householdIds, 'store');
    },
  );

  // a requisition's stickers are a sticker job too (the render pool's admission, the register)
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/requisitions/:id/stickers',
    {
      config: { permission: 'requisitions:print' },
      schema: {
        summary: 'Print an approved requisition: the PDF of its frozen stickers (print shops)',
        description:
          'The subjects and colours frozen at approval, printed now with new serials; every sticker is in the register with the source ' +
          '`requisition {id}`. Printing again replaces the earlier run (its stickers are revoked, “replaced by serial N”). The job sheet ' +
          '(`/v1/requisitions/{id}/job-sheet`) then lists the serial ranges and, once the PDF was sent whole, its sha256.',
        tags: ['requisitions'],
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        params: requisitionParams,
        produces: ['application/pdf'],
        response: { 200: pdfAnswer, 404: errorResponseSchema, 409: errorResponseSchema, 503: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const id = request.params.id;
      const requisition = await store.requisitions.get(id, requisitionViewer(request));
      if (!requisition) throw new HttpError(404, `no requisition ${id}`);
      const frozen = await store.requisitions.frozen(id);
      if (requisition.status !== 'approved' || !frozen) throw new HttpError(409, `requisition ${id} is ${requisition.status}: only an approved one is printed`);
      // green only when the store says so: a colour changed since approval sends it back for a decision
      const changed = await changedSinceApproval(store, requisition, frozen, opts.today());
      if (changed > 0) {
        await store.requisitions.reopen(id, `${changed} sticker(s) would print another colour than approved`);
        throw new HttpError(409, `the store changed since requisition ${id} was approved: ${changed} sticker(s) would print another colour; it waits for approval again`);
      }
      const subjects = frozenSubjectsOf(frozen);
      const run = await store.requisitions.startRun(id, request.apiKeyLabel ?? 'unknown', subjects.length);
      reply.header('content-disposition', `attachment; filename="requisition-${id}-run-${run}.pdf"`);
      return startJob(request, reply, subjects, stickerOptionsSchema.parse({}), frozen.subjectIds ?? undefined, 'store', {
        source: requisitionSource(id),
        sent: (sha256) => store.requisitions.finishRun(id, run, sha256),
      });
    },
  );
};

/** How to register for each village of `subjects` with a red sticker (the store's help in force there), by the subjects' own village code. */
async function registrationHelpOf(store: Pick<Store, 'registrationHelp'>, subjects: readonly Subject[]): Promise<Map<string, RegistrationHelp>> {
  // a subject core refuses is reported by planning the job, not here
  const red = (s: Subject) => {
    try {
      return statusOf(s).colour === 'red';
    } catch {
      return false;
    }
  };
  const villages = [...new Set(subjects.filter(red).map((s) => s.villageCode))];
  const dotted = new Map(villages.map((v) => [v, toDottedRegionCode(v)]));
  const found = await store.registrationHelp.of([...dotted.values()]);
  const help = new Map<string, RegistrationHelp>();
  for (const [own, code] of dotted) {
    const h = found.get(code);
    if (h) help.set(own, h.help);
  }
  return help;
}
