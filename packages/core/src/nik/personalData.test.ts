import { describe, expect, it } from 'vitest';
import { containsIdNumber } from './personalData.js';

describe('containsIdNumber', () => {
  it.each([
    '3271011705900001',
    '3271 0117 0590 0001',
    '3271/0117/0590/0001',
    '3271_0117_0590_0001',
    'NIK:3271,0117,0590,0001',
    '３２７１０１１７０５９００００１',
    'H-3271.0117.0590.0001',
    'KK 3271-0117-0590-0001 Bu Siti',
  ])('finds the 16 digits in %j', (text) => {
    expect(containsIdNumber(text)).toBe(true);
  });

  it.each(['H-0001', 'CV Maju Jaya', 'Toko 88 Jl. Suryakencana No. 12', '327101170590000', 'RT 005/RW 003', '3271011705900A01'])(
    'lets %j through',
    (text) => {
      expect(containsIdNumber(text)).toBe(false);
    },
  );
});
