import { describe, expect, it } from 'vitest';
import { keptLookup } from './keptLookup.js';

const options = { waitMs: 20, keepMs: 60_000, maxKept: 2, fallback: () => 'fallback' };

describe('keptLookup', () => {
  it('asks once per key while the answer is kept, and again after forget', async () => {
    const asked: string[] = [];
    const lookup = keptLookup(async (k: string) => (asked.push(k), `answer ${k}`), options);
    expect(await lookup.get('a')).toBe('answer a');
    expect(await lookup.get('a')).toBe('answer a');
    expect(asked).toEqual(['a']);
    lookup.forget();
    await lookup.get('a');
    expect(asked).toEqual(['a', 'a']);
  });

  it('gives the fallback for a late or failed answer, and keeps neither', async () => {
    let calls = 0;
    const late = keptLookup((_k: string) => (calls++, new Promise<string>(() => undefined)), options);
    expect(await late.get('a')).toBe('fallback');
    expect(await late.get('a')).toBe('fallback');
    expect(calls).toBe(2);
    let fail = true;
    const flaky = keptLookup(async (k: string) => {
      if (fail) throw new Error('store down');
      return `answer ${k}`;
    }, options);
    expect(await flaky.get('a')).toBe('fallback');
    fail = false;
    expect(await flaky.get('a')).toBe('answer a');
  });

  it('keeps at most maxKept keys, forgetting the oldest', async () => {
    const asked: string[] = [];
    const lookup = keptLookup(async (k: string) => (asked.push(k), k), options);
    for (const k of ['a', 'b', 'c', 'b', 'a']) await lookup.get(k);
    expect(asked).toEqual(['a', 'b', 'c', 'a']);
  });
});
