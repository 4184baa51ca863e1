import { describe, expect, it } from 'vitest';
import { regionPage } from './regionPage.js';

const regions = ['32.71.01.1003', '32.71.01.1001', '32.71.01.1002'].map((code) => ({ code }));

describe('regionPage', () => {
  it('pages through the regions in code order', () => {
    const first = regionPage(regions, undefined, 2);
    expect(first).toEqual({ page: [{ code: '32.71.01.1001' }, { code: '32.71.01.1002' }], next: '32.71.01.1002' });
    expect(regionPage(regions, first.next!, 2)).toEqual({ page: [{ code: '32.71.01.1003' }], next: null });
  });

  it('refuses a limit below one', () => {
    expect(() => regionPage(regions, undefined, 0)).toThrow(RangeError);
  });
});
