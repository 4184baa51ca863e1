import { ISSUE_CODES } from '@cakupan/core';
import { describe, expect, it } from 'vitest';
import { errorResponseSchema, ISSUE_STATUS, statusOfIssues } from './errors.js';

describe('statusOfIssues', () => {
  it('answers 409 when any issue is a conflict with what is stored, else 400', () => {
    expect(statusOfIssues([{ code: 'invalid_date' }, { code: 'conflict' }])).toBe(409);
    expect(statusOfIssues([{ code: 'invalid_date' }])).toBe(400);
    expect(statusOfIssues([{ code: 'nik_invalid_length' }])).toBe(400);
    expect(statusOfIssues([])).toBe(400);
  });

  it('gives every issue code of core a status', () => {
    expect(Object.keys(ISSUE_STATUS).sort()).toEqual([...ISSUE_CODES].sort());
  });
});

describe('errorResponseSchema', () => {
  it('accepts the one error shape and refuses an issue code outside the list', () => {
    const ok = { statusCode: 400, error: 'Bad Request', message: 'invalid', issues: [{ code: 'required', message: 'required', path: ['asOf'] }] };
    expect(errorResponseSchema.parse(ok)).toEqual(ok);
    expect(errorResponseSchema.safeParse({ ...ok, issues: [{ code: 'oops', message: 'x', path: [] }] }).success).toBe(false);
  });
});
