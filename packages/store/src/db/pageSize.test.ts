import { describe, expect, it } from 'vitest';
import { MAX_PAGE_SIZE, pageSize } from './pageSize.js';

describe('pageSize', () => {
  it('gives the default when nothing is asked', () => {
    expect(pageSize(undefined)).toBe(100);
    expect(pageSize(undefined, MAX_PAGE_SIZE)).toBe(1000);
    expect(pageSize(Number.NaN)).toBe(100);
  });
  it('keeps what is asked within 1 and the maximum', () => {
    expect(pageSize(0)).toBe(1);
    expect(pageSize(-5)).toBe(1);
    expect(pageSize(250)).toBe(250);
    expect(pageSize(2.7)).toBe(2);
    expect(pageSize(5000)).toBe(MAX_PAGE_SIZE);
  });
});
