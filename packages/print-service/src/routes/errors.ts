/**
 * Error responses: one shape for every 4xx, with the path of each bad field.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { csvLocation } from '../stickers/csv.js';

/** A problem with one field of the request. */
export const fieldIssueSchema = z.object({
  /** Dotted path, e.g. `subjects.3.npp`. */
  path: z.string(),
  message: z.string(),
  /** For CSV bodies: the source line (1 = header) and column. */
  line: z.number().int().optional(),
  column: z.string().optional(),
});

/** Every error response. */
export const errorResponseSchema = z.object({
  statusCode: z.number().int(),
  error: z.string(),
  message: z.string(),
  issues: z.array(fieldIssueSchema).optional(),
});
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

/** An error with an HTTP status and, optionally, field issues. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
  }
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  406: 'Not Acceptable',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/** Installs the error handler: validation → 400 with paths, limits → 413, never a 500 for bad input. */
export function installErrorHandler(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((err: FastifyError & { issues?: FieldIssue[] }, request, reply) => {
    let status = err.statusCode ?? 500;
    let message = err.message;
    let issues: FieldIssue[] | undefined = err.issues;
    if (hasZodFastifySchemaValidationErrors(err)) {
      status = 400;
      issues = err.validation.map((v) => {
        const zodIssue = (v.params as { issue?: { path?: PropertyKey[] } }).issue;
        const pathParts = zodIssue?.path ?? String(v.instancePath).split('/').filter(Boolean);
        const where = request.csvLines ? csvLocation(pathParts as PropertyKey[], request.csvLines) : undefined;
        return { path: [err.validationContext, ...pathParts].filter((p) => p !== undefined && p !== 'body').map(String).join('.'), message: v.message ?? 'invalid', ...where };
      });
      const first = issues[0]!;
      message = `invalid ${err.validationContext ?? 'request'}: ${first.line ? `line ${first.line}${first.column ? `, column ${first.column}` : ''}: ` : first.path ? `${first.path}: ` : ''}${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`;
    } else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      status = 413;
      message = `request body is larger than the limit of ${bodyLimit} bytes`;
    } else if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      status = 415;
      message = `unsupported content type ${JSON.stringify(request.headers['content-type'] ?? '')}; send application/json or text/csv`;
    } else if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (err instanceof SyntaxError && status === 400)) {
      status = 400;
      message = `malformed JSON body: ${err.message}`;
    }
    if (status >= 500) {
      request.log.error({ err }, 'request failed');
      message = 'internal error';
      issues = undefined;
    }
    return reply.status(status).send({ statusCode: status, error: REASONS[status] ?? 'Error', message, ...(issues && { issues }) });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ statusCode: 404, error: 'Not Found', message: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );
}
