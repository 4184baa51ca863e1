/**
 * Error responses: the one place where errors become HTTP answers. Every 4xx and 5xx has the same
 * JSON shape (`@cakupan/contract`'s `errorResponseSchema`), and every field problem is core's `Issue` (`code`, `message`, `path`, and for CSV
 * bodies `line` and `column`). Client mistakes are 4xx naming the field; a 500 says only
 * "internal error" and is logged with the route, never the URL's query.
 */
import { csvLocation } from '@cakupan/print';
import { CakupanError, fromZodIssues, type Issue } from '@cakupan/core';
import { REASONS, statusOfIssues } from '@cakupan/contract';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isStorageFull, isStoreUnavailable } from '@cakupan/store';

/** An error with an HTTP status and, optionally, field issues. */
export class HttpError extends Error {
  readonly issues: readonly Issue[] | undefined;
  constructor(
    readonly statusCode: number,
    message: string,
    issues?: readonly Issue[],
    /** Extra response headers (e.g. `retry-after`). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.issues = issues;
  }
}

/** Sends the one error shape. */
export function sendError(reply: FastifyReply, status: number, message: string, issues?: readonly Issue[]): FastifyReply {
  return reply
    .status(status)
    .type('application/json; charset=utf-8')
    .send({ statusCode: status, error: REASONS[status] ?? 'Error', message, ...(issues && issues.length > 0 && { issues }) });
}

/** The message of a list of issues: the first, with its place, and how many more. */
export function summarise(what: string, issues: readonly Issue[]): string {
  const first = issues[0]!;
  const where = first.line ? `line ${first.line}${first.column ? `, column ${first.column}` : ''}: ` : first.path.length ? `${first.path.join('.')}: ` : '';
  return `invalid ${what}: ${where}${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`;
}

/** The route a request matched (its pattern, never its query or parameters), for logs. */
export function routeOf(request: FastifyRequest): string {
  return `${request.method} ${request.routeOptions.url ?? '(no route)'}`;
}

/**
 * Fastify's `frameworkErrors` option: bad percent-encoding and over-long parameters answer in the
 * one shape, without echoing the URL (which may carry anything).
 */
export const frameworkErrors: NonNullable<FastifyServerOptions['frameworkErrors']> = (err, _request, reply) => {
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendError(reply, 414, 'a path parameter is longer than this service accepts');
  if (err.code === 'FST_ERR_BAD_URL') return sendError(reply, 400, 'the URL is not valid: a percent-encoded character is malformed', [{ code: 'invalid_format', message: 'malformed percent-encoding', path: ['url'] }]);
  return sendError(reply, 400, 'the request cannot be routed');
};

/** Installs the error handler: validation → 400 with paths, limits → 413, never a 500 for bad input. */
export function installErrorHandler(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((err: FastifyError & { issues?: readonly Issue[]; headers?: Record<string, string> }, request, reply) => {
    let status = err.statusCode ?? 500;
    let message = err.message;
    let issues: readonly Issue[] | undefined = err.issues;
    if (hasZodFastifySchemaValidationErrors(err)) {
      status = 400;
      const context = err.validationContext && err.validationContext !== 'body' ? [err.validationContext] : [];
      issues = err.validation.map((v) => {
        // fastify-type-provider-zod's documented shape: keyword = zod's code, instancePath, and the
        // rest of the zod issue in params
        const path = String(v.instancePath).split('/').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
        const rest = v.params as { params?: unknown; input?: unknown };
        const base = fromZodIssues([{ code: v.keyword, message: v.message ?? 'invalid', path, ...rest }], context)[0]!;
        const where = request.csvLines ? csvLocation(base.path, request.csvLines) : undefined;
        return { ...base, ...where };
      });
      message = summarise(err.validationContext ?? 'request', issues);
    } else if (err instanceof CakupanError) {
      // the one list of issue codes and their status (a conflict with what is stored is 409)
      status = statusOfIssues(err.issues);
      issues = err.issues;
      message = err.message;
    } else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      status = 413;
      message = `request body is larger than the limit of ${bodyLimit} bytes`;
    } else if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      status = 415;
      const accepted = (request.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes ?? ['application/json'];
      message = `unsupported content type ${JSON.stringify(String(request.headers['content-type'] ?? '').slice(0, 80))}; this route accepts ${accepted.join(', ')}`;
    } else if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (err instanceof SyntaxError && status === 400)) {
      status = 400;
      message = `malformed JSON body: ${err.message}`;
    } else if (err.code === 'FST_ERR_HANDLER_TIMEOUT') {
      // the request's deadline (handlerTimeout) passed; its work was told to stop by request.signal
      reply.header('retry-after', '5');
      request.log.warn({ route: routeOf(request) }, 'request deadline passed');
      return sendError(reply, 503, `the request took longer than its deadline of ${request.routeOptions.handlerTimeout / 1000} s; retry later or ask for less`);
    } else if (isStoreUnavailable(err)) {
      status = 503;
      message = 'the monitoring store’s database is not reachable; retry shortly';
      const retry = (err as { retryAfterSeconds?: number }).retryAfterSeconds ?? 10;
      reply.header('retry-after', String(retry));
      request.log.error({ error: (err as Error).message, route: routeOf(request) }, 'store unavailable');
      return sendError(reply, status, `${message} (retry in ${retry} s)`);
    } else if (isStorageFull(err)) {
      // nothing was written (the statement's transaction rolled back); the process stays up
      request.log.error({ error: (err as Error).message, route: routeOf(request) }, 'storage full');
      return sendError(reply, 507, 'the service’s storage is full: nothing was changed; an operator must free space');
    }
    if (status >= 500 && !(err instanceof HttpError)) {
      request.log.error({ err, route: routeOf(request) }, 'request failed');
      message = 'internal error';
      issues = undefined;
    }
    if (err.headers) reply.headers(err.headers);
    return sendError(reply, status, message, issues);
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, 404, `no such route for ${request.method}; the routes are listed at /openapi.json`));
}

/**
 * An error while reading a multipart body: ours (HttpError) as it is; the parser's (a body cut off,
 * no boundary, a malformed part header, too many parts) are the client's: 400, or 413 for limits.
 */
export function multipartError(err: unknown): Error {
  if (err instanceof HttpError) return err;
  const e = err as Error & { code?: string; statusCode?: number; syscall?: string };
  if (e.syscall) return e; // the disk, not the client (ENOSPC…): a 507 by the error handler
  if (e.statusCode === 413 || /LIMIT|TOO_LARGE/.test(e.code ?? '')) return new HttpError(413, `multipart upload over a limit: ${e.message}`);
  return new HttpError(400, `malformed multipart body: ${e.message}`, [{ code: 'invalid_format', path: [], message: e.message }]);
}
