import type { Household, Store } from '@cakupan/store';
import { describe, expect, it } from 'vitest';
import { stickerBatch } from './stickerBatch.js';

type Employers = Awaited<ReturnType<Store['employers']>>['employers'];
const VILLAGE = { code: '32.71.01.1001', level: 'village' as const };

/** A store holding `employers` (served 2 a page, as the store pages them) and `households`. */
function fakeStore(employers: Employers, households: Household[] = []): Pick<Store, 'households' | 'employers'> & { pagesRead: number } {
  const fake = {
    pagesRead: 0,
    households: async () => households,
    employers: async (o: { after?: string } = {}) => {
      fake.pagesRead++;
      const from = o.after ? employers.findIndex((e) => e.id === o.after) + 1 : 0;
      const page = employers.slice(from, from + 2);
      return { employers: page, next: from + 2 < employers.length ? page.at(-1)!.id : null };
    },
  };
  return fake;
}
const employer = (id: string, npp: string | null, status: string | null = npp ? 'aktif' : null) =>
  ({ id, name: `Toko ${id}`, address: null, villageCode: VILLAGE.code, villageName: 'Batutulis', rw: 1, rt: 2, npp, status, registered: npp !== null, reason: 'employer_registered' as const });
const household = (id: string, eligible: number, covered: number): Household => ({ id, label: `RT 002/RW 001 no. ${id}`, villageCode: VILLAGE.code, rw: 1, rt: 2, eligible, covered, members: eligible });

describe('stickerBatch', () => {
  it('takes employers’ facts from the store, across pages, and keeps the ones asked for', async () => {
    const store = fakeStore([employer('E1', '00000001'), employer('E2', null), employer('E3', '00000003', 'nonaktif'), employer('E4', null)]);
    const { subjects, householdIds } = await stickerBatch(store, { region: VILLAGE, kind: 'employer', status: 'unregistered', asOf: '2017-12-31', max: 100 });
    expect(subjects.map((s) => (s.kind === 'employer' ? s.id : ''))).toEqual(['E2', 'E3', 'E4']);
    expect(householdIds).toBeUndefined();
    expect(store.pagesRead).toBe(2);
  });

  it('counts households as the store does and gives each one’s id beside it', async () => {
    const store = fakeStore([], [household('1', 2, 2), household('2', 3, 1), household('3', 1, 1)]);
    const batch = await stickerBatch(store, { region: VILLAGE, kind: 'household', status: 'registered', asOf: '2017-12-31', max: 100 });
    expect(batch.subjects.map((s) => s.kind === 'household' && s.label)).toEqual(['RT 002/RW 001 no. 1', 'RT 002/RW 001 no. 3']);
    expect(batch.householdIds).toEqual(['1', '3']);
  });

  it('leaves out the households where nobody is 18 or over, and counts them', async () => {
    const store = fakeStore([], [household('1', 0, 0), household('2', 2, 2), household('3', 0, 0)]);
    const batch = await stickerBatch(store, { region: VILLAGE, kind: 'household', status: 'all', asOf: '2017-12-31', max: 100 });
    expect(batch.householdIds).toEqual(['2']);
    expect(batch.withoutAdults).toBe(2);
  });

  it('stops reading once past the most the caller prints', async () => {
    const store = fakeStore(['A', 'B', 'C', 'D', 'E', 'F'].map((id) => employer(id, null)));
    const { subjects } = await stickerBatch(store, { region: VILLAGE, kind: 'employer', status: 'all', asOf: '2017-12-31', max: 3 });
    expect(subjects.length).toBe(4);
    expect(store.pagesRead).toBe(2);
  });

  it('leaves out a stored employer that cannot be printed, naming it, and prints the rest', async () => {
    const store = fakeStore([employer('E1', 'not-an-npp'), { ...employer('E2', null), name: 'Warung 3271 0117 0590 0001' }, employer('E3', null)]);
    const batch = await stickerBatch(store, { region: VILLAGE, kind: 'employer', status: 'all', asOf: '2017-12-31', max: 100 });
    expect(batch.subjects.map((s) => (s.kind === 'employer' ? s.id : ''))).toEqual(['E3']);
    expect(batch.skipped.map((s) => s.id)).toEqual(['E1', 'E2']);
    expect(batch.skipped[1]!.reason).toMatch(/16 digits/);
  });
});
