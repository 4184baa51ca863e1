/**
 * Control characters in what a client sends: a NUL, a bell, an escape… in a path parameter, a
 * query, a JSON body, a form field or a file name is refused with 400 naming the field, before any
 * route sees it (PostgreSQL keeps no NUL in text, and none of them belongs in a label, a code or a
 * name). CSV files are the readers' concern: a row with a NUL is rejected with its line and column.
 *
 * Tab, line feed and carriage return are allowed in JSON bodies and form fields (a reason may span
 * lines), never in a path or a query.
 */
import type { Issue } from '@cakupan/core';
import type { FastifyInstance } from 'fastify';
import { HttpError } from './errors.js';

/** C0 controls, DEL and the C1 block. */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
/** The same without tab, line feed and carriage return. */
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** The deepest a JSON body is walked (deeper values are the schemas' to refuse). */
const MAX_DEPTH = 16;

/**
 * The first string in `value` (an object, an array, or a string) with a control character, as an
 * issue whose path leads to it; `undefined` when there is none.
 *
 * @example
 * controlCharacterIssue({ eventId: 'a\u0000b' }, [], 'text') // { code: 'invalid_value', path: ['eventId'], … }
 */
export function controlCharacterIssue(value: unknown, path: readonly (string | number)[], kind: 'text' | 'url'): Issue | undefined {
  const pattern = kind === 'url' ? CONTROL : CONTROL_IN_TEXT;
  // one path, grown and shrunk as the walk goes, copied only for the issue: a 50,000-subject
  // sticker body is walked on the thread that answers requests
  const at: (string | number)[] = [...path];
  const found = (text: string): Issue | undefined => {
    const m = pattern.exec(text);
    if (!m) return undefined;
    const code = `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    return { code: 'invalid_value', path: [...at], message: `contains a control character (${code})` };
  };
  const walk = (v: unknown, depth: number): Issue | undefined => {
    if (typeof v === 'string') return found(v);
    if (v === null || typeof v !== 'object' || depth >= MAX_DEPTH) return undefined;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        at.push(i);
        const issue = walk(v[i], depth + 1);
        at.pop();
        if (issue) return issue;
      }
      return undefined;
    }
    for (const k of Object.keys(v)) {
      at.push(k);
      const issue = found(k) ?? walk((v as Record<string, unknown>)[k], depth + 1);
      at.pop();
      if (issue) return issue;
    }
    return undefined;
  };
  return walk(value, 0);
}

/** The 400 of a control character: the field named in the message and the issue. */
export function controlCharacterError(what: string, issue: Issue): HttpError {
  return new HttpError(400, `invalid ${what}: ${issue.path.join('.')}: ${issue.message}`, [issue]);
}

/** Adds the check of path parameters, queries and JSON bodies to every route of `app`. */
export function installControlCharacterCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const issue =
      controlCharacterIssue(request.params, ['params'], 'url') ??
      controlCharacterIssue(request.query, ['querystring'], 'url') ??
      // a body parsed into values (JSON); streamed and multipart bodies are read by their routes
      (request.body !== null && typeof request.body === 'object' && !Buffer.isBuffer(request.body) ? controlCharacterIssue(request.body, [], 'text') : undefined);
    if (issue) throw controlCharacterError(issue.path[0] === 'params' ? 'path parameter' : issue.path[0] === 'querystring' ? 'querystring' : 'body', issue);
  });
}
