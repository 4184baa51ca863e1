import { describe, expect, it } from 'vitest';
import { NIK_BUCKETS, nikBucket } from './nikBucket.js';

describe('nikBucket', () => {
  it('gives the FNV-1a bucket of the text, the same for the same NIK', () => {
    // FNV-1a 32 of '' is 0x811c9dc5 = 2166136261; of 'a' 0xe40c292c = 3826002220
    expect(nikBucket('')).toBe(2166136261 % NIK_BUCKETS);
    expect(nikBucket(null)).toBe(nikBucket(''));
    expect(nikBucket(undefined)).toBe(nikBucket(''));
    expect(nikBucket('a')).toBe(3826002220 % NIK_BUCKETS);
    expect(nikBucket('3271014501900003')).toBe(nikBucket('3271014501900003'));
  });

  it('spreads consecutive NIKs evenly over the buckets', () => {
    const counts = new Array<number>(NIK_BUCKETS).fill(0);
    for (let serial = 1; serial <= 64_000; serial++) counts[nikBucket(`32710145019${String(serial).padStart(5, '0')}`)]!++;
    expect(Math.min(...counts)).toBeGreaterThan(800);
    expect(Math.max(...counts)).toBeLessThan(1200);
  });
});
