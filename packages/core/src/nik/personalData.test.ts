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
    '327101170590OOO1',
    '3271Ol17O59OOOO1',
  ])('finds the 16 digits in %j', (text) => {
    expect(containsIdNumber(text)).toBe(true);
  });

  it.each(['H-0001', 'CV Maju Jaya', 'Toko 88 Jl. Suryakencana No. 12', '327101170590000', 'RT 005/RW 003', '3271011705900A01', 'OOOO327101170590', 'Toko Olio 123456789012345'])(
    'lets %j through',
    (text) => {
      expect(containsIdNumber(text)).toBe(false);
    },
  );
});
