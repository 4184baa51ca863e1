import { describe, expect, it } from 'vitest';
import { computeCompliance } from './compliance.js';

const employer = (id: string, extra: Record<string, unknown> = {}) => ({ id, name: `CV ${id}`, villageCode: '3271011001', rw: 3, rt: 5, ...extra });

describe('computeCompliance', () => {
  it('counts employers and registered employers per region with the sticker rule', () => {
    const report = computeCompliance({
      employers: [
        employer('1', { npp: '15070955', status: 'aktif' }),
        employer('2', { npp: '15070956', status: 'nonaktif' }),
        employer('3'),
        employer('4', { villageCode: '32.71.01.1002', rw: undefined, rt: undefined, npp: '15070957', status: 'active' }),
      ],
    });
    const byCode = Object.fromEntries(report.regions.map((r) => [r.code, r]));
    expect(byCode['32.71.01.1001.003.005']).toMatchObject({ level: 'rt', employers: 3, registered: 1 });
    expect(byCode['32.71.01.1001']).toMatchObject({ name: 'Batu Tulis', employers: 3, registered: 1, ratio: 1 / 3 });
    expect(byCode['32.71.01.1002']).toMatchObject({ employers: 1, registered: 1, ratio: 1 });
    expect(byCode['32.71.01']).toMatchObject({ employers: 4, registered: 2, ratio: 0.5 });
    expect(report.totals).toEqual({ employers: 4, registered: 2, ratio: 0.5 });
    // an employer without RW/RT is counted up to its village only
    expect(report.regions.filter((r) => r.code.startsWith('32.71.01.1002.'))).toEqual([]);
  });

  it('reports invalid and duplicate employers', () => {
    const report = computeCompliance({
      employers: [employer('1'), employer('1'), employer('2', { npp: '12' }), employer('3', { villageCode: 'x' }), employer('', {}), employer('5', { status: 'closed' }), employer('6', { rw: undefined })],
      levels: ['village'],
    });
    expect(report.rejected.map((r) => [r.index, r.field, r.code])).toEqual([
      [1, 'id', 'duplicate_id'],
      [2, 'npp', 'invalid_npp'],
      [3, 'villageCode', 'invalid_village_code'],
      [4, 'id', 'invalid_id'],
      [5, 'status', 'invalid_status'],
      [6, 'rw', 'invalid_rw'],
    ]);
    expect(report.records).toEqual({ read: 7, used: 1, rejected: 6 });
  });
});
