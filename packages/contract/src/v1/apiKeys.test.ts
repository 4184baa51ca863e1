import { describe, expect, it } from 'vitest';
import { keyScopeField } from './apiKeys.js';

describe('keyScopeField', () => {
  it.each([['32', '32'], ['3271', '32.71'], ['32.71.01', '32.71.01'], ['3271011001', '32.71.01.1001']])('takes %j (a province, city, district or village) as %j', (input, dotted) => {
    expect(keyScopeField.parse(input)).toBe(dotted);
  });
  it.each(['32.71.01.1001.001', '32.71.01.1001.001.001', '3'])('refuses %j', (input) => {
    expect(keyScopeField.safeParse(input).success).toBe(false);
  });
});
