import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quickSubject } from './quickSubject.js';
import { subjectSchema } from './schemas.js';
import { subjectLike } from './subjectArbitraries.testutil.js';

describe('quickSubject', () => {
  it('accepts only what subjectSchema accepts, with the value and key order subjectSchema gives', () => {
    fc.assert(
      fc.property(subjectLike, (input) => {
        const quick = quickSubject(input, new Map());
        const checked = subjectSchema.safeParse(input);
        return quick === undefined || (checked.success && JSON.stringify(quick) === JSON.stringify(checked.data));
      }),
      { seed: 20261127, numRuns: 5000 },
    );
  });

  it('takes the common well-formed subjects itself (the generated ones zod accepts, nearly all)', () => {
    const inputs = fc.sample(subjectLike, { seed: 7, numRuns: 3000 }).filter((x) => subjectSchema.safeParse(x).success);
    const taken = inputs.filter((x) => quickSubject(x, new Map()) !== undefined);
    expect(inputs.length).toBeGreaterThan(200);
    expect(taken.length / inputs.length).toBeGreaterThan(0.95);
  });

  it('reads the forms clients send: undotted codes, RW/RT as text, Indonesian statuses', () => {
    const villages = new Map();
    expect(quickSubject({ kind: 'employer', id: ' 9120001234567 ', name: 'CV Maju Jaya', villageCode: '3271011001', rw: '003', rt: 5, npp: '15070955', status: 'Aktif' }, villages)).toEqual({
      kind: 'employer',
      id: '9120001234567',
      name: 'CV Maju Jaya',
      villageCode: '32.71.01.1001',
      rw: 3,
      rt: 5,
      npp: '15070955',
      status: 'active',
    });
    expect(quickSubject({ kind: 'household', label: 'H-1', villageCode: '32.71.02.1003', rw: 7, rt: '03', eligible: 3, covered: 3 }, villages)).toEqual({
      kind: 'household',
      label: 'H-1',
      villageCode: '32.71.02.1003',
      rw: 7,
      rt: 3,
      eligible: 3,
      covered: 3,
    });
    // remembered per job: the same written code is parsed once
    expect([...villages.entries()]).toEqual([
      ['3271011001', '32.71.01.1001'],
      ['32.71.02.1003', '32.71.02.1003'],
    ]);
  });

  it('leaves anything doubtful to the schema', () => {
    const villages = new Map();
    for (const input of [
      { kind: 'employer', id: '1', name: 'Toko 福', villageCode: '3271011001' },
      { kind: 'employer', id: '1', name: 'NIK 3201234567890123', villageCode: '3271011001' },
      { kind: 'employer', id: '1', name: 'Toko', villageCode: '3271011' },
      { kind: 'employer', id: '1', name: 'Toko', villageCode: '3271011001', extra: true },
      { kind: 'household', label: 'H', villageCode: '3271011001', rw: 1, rt: 1, eligible: 1, covered: 2 },
      { kind: 'household', label: 'H', villageCode: '3271011001', rw: 1, rt: 1000, eligible: 1, covered: 1 },
      Object.assign(Object.create({ inherited: 1 }), { kind: 'employer', id: '1', name: 'Toko', villageCode: '3271011001' }),
      ['employer'],
      null,
    ]) {
      expect(quickSubject(input, villages)).toBeUndefined();
    }
  });
});
