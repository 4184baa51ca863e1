import { describe, expect, it } from 'vitest';
import { controlCharacterIssue } from './controlCharacters.js';

describe('controlCharacterIssue', () => {
  it('finds the first control character and the path to it', () => {
    expect(controlCharacterIssue({ a: 'ok', b: [{ c: 'x\u0000' }] }, [], 'text')).toEqual({ code: 'invalid_value', path: ['b', 0, 'c'], message: 'contains a control character (U+0000)' });
    expect(controlCharacterIssue({ 'k\u001b': 1 }, ['querystring'], 'url')?.path).toEqual(['querystring', 'k\u001b']);
    expect(controlCharacterIssue('\u0085', ['x'], 'text')?.message).toBe('contains a control character (U+0085)');
  });

  it('allows tab and line breaks in text, never in a URL', () => {
    expect(controlCharacterIssue({ reason: 'one\r\ntwo\tthree' }, [], 'text')).toBeUndefined();
    expect(controlCharacterIssue({ after: 'a\nb' }, ['querystring'], 'url')?.path).toEqual(['querystring', 'after']);
  });

  it('leaves numbers, booleans, null and printable text alone', () => {
    expect(controlCharacterIssue({ n: 1, b: true, z: null, s: 'Toko 福 — “ok”' }, [], 'url')).toBeUndefined();
  });
});
