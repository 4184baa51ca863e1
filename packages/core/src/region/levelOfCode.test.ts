import { describe, expect, it } from 'vitest';
import { levelOfCode, lineageOf } from './levelOfCode.js';

describe('levelOfCode', () => {
  it('reads the level from the number of parts', () => {
    expect(levelOfCode('32')).toBe('province');
    expect(levelOfCode('32.71')).toBe('city');
    expect(levelOfCode('32.71.01')).toBe('district');
    expect(levelOfCode('32.71.01.1001')).toBe('village');
    expect(levelOfCode('32.71.01.1001.003')).toBe('rw');
    expect(levelOfCode('32.71.01.1001.003.005')).toBe('rt');
  });

  it('throws on a code with no part or too many', () => {
    expect(() => levelOfCode('')).toThrow(RangeError);
    expect(() => levelOfCode('32.71.01.1001.003.005.001')).toThrow(/1–6 dotted parts/);
  });
});

describe('lineageOf', () => {
  it('lists the province down to the code', () => {
    expect(lineageOf('32.71.01.1001.003')).toEqual(['32', '32.71', '32.71.01', '32.71.01.1001', '32.71.01.1001.003']);
    expect(lineageOf('32')).toEqual(['32']);
  });
});
