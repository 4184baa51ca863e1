import { describe, expect, expectTypeOf, it } from 'vitest';
import { CakupanError, ISSUE_CODES, type IssueCode } from './issue.js';

describe('ISSUE_CODES', () => {
  it('lists every issue code once', () => {
    expectTypeOf<IssueCode>().toEqualTypeOf<(typeof ISSUE_CODES)[number]>();
    expect(new Set(ISSUE_CODES).size).toBe(ISSUE_CODES.length);
  });
});

describe('CakupanError', () => {
  it('carries frozen issues and takes its message from the first', () => {
    const err = new CakupanError([{ code: 'conflict', message: 'a key labelled x exists already', path: ['label'] }]);
    expect(err).toBeInstanceOf(RangeError);
    expect(err.message).toBe('a key labelled x exists already');
    expect(Object.isFrozen(err.issues[0])).toBe(true);
  });

  it('refuses an empty list', () => {
    expect(() => new CakupanError([])).toThrow(TypeError);
  });
});
