/**
 * The one error shape of every 4xx and 5xx answer, and the one list of issue codes with the HTTP
 * status each gives. Every field problem is core's `Issue`: `code`, `message`, `path`, and for CSV
 * bodies the `line` and `column` as the file names it.
 */
import { ISSUE_CODES, type Issue, type IssueCode } from '@cakupan/core';
import { z } from 'zod';

/**
 * The HTTP status an error with issues of each code answers: the client's mistake (400), except a
 * request that contradicts what the store holds (409).
 */
export const ISSUE_STATUS: Readonly<Record<IssueCode, 400 | 409>> = Object.freeze({
  required: 400,
  invalid_type: 400,
  invalid_format: 400,
  invalid_date: 400,
  out_of_range: 400,
  invalid_value: 400,
  personal_data: 400,
  unprintable: 400,
  unrecognized: 400,
  duplicate: 400,
  inconsistent: 400,
  conflict: 409,
  custom: 400,
});

/**
 * The status of an error carrying `issues`: the highest of theirs (400 for none, or for codes
 * outside core's list, such as a record's own rejection codes).
 *
 * @example
 * statusOfIssues([{ code: 'conflict', message: 'a key labelled x exists already', path: ['label'] }]) //=> 409
 */
export function statusOfIssues(issues: readonly Pick<Issue<string>, 'code'>[]): 400 | 409 {
  let status: 400 | 409 = 400;
  for (const i of issues) if ((ISSUE_STATUS as Record<string, 400 | 409>)[i.code] === 409) status = 409;
  return status;
}

/** A problem with one field of the request: core's `Issue`. */
export const fieldIssueSchema = z.object({
  code: z.enum(ISSUE_CODES),
  message: z.string(),
  /** From the outermost field in, e.g. `["subjects", 3, "npp"]`. */
  path: z.array(z.union([z.string(), z.number()])),
  /** For CSV bodies: the source line (1 = header) and column. */
  line: z.number().int().optional(),
  column: z.string().optional(),
});

/** Every error answer. */
export const errorResponseSchema = z.object({
  statusCode: z.number().int(),
  error: z.string(),
  message: z.string(),
  issues: z.array(fieldIssueSchema).optional(),
});

/** An error answer as the client reads it. */
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** The reason phrase of each status the service answers. */
export const REASONS: Readonly<Record<number, string>> = Object.freeze({
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  507: 'Insufficient Storage',
});
