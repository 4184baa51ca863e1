import { describe, expect, it } from 'vitest';
import { generateCity } from '../synthetic/generateCity.js';
import { computeCoverage } from './computeCoverage.js';
import { coverageFromCounts, qualityFromCounts } from './fromCounts.js';
import { CoverageIndex } from './coverageIndex.js';

describe('coverageFromCounts', () => {
  it('rolls RT counts up to every level as core does', () => {
    const city = generateCity({ seed: 7, adults: 2000 });
    const asOf = '2024-06-30';
    const whole = computeCoverage({ asOf, residents: city.residents, participants: city.participants });
    const rts = whole.regions.filter((r) => r.level === 'rt');
    const neighbourhoods = rts.map((r) => {
      const [pp, kk, cc, dddd, rw, rt] = r.code.split('.');
      return { villageCode: `${pp}.${kk}.${cc}.${dddd}`, rw: Number(rw), rt: Number(rt), ...r };
    });
    // split each RT in two parts: they add up
    const halves = neighbourhoods.flatMap((n) => [n, { ...n, residents: 0 }]);
    const again = coverageFromCounts({ asOf, neighbourhoods: halves, linkage: whole.linkage, records: whole.records });
    expect(again.regions).toEqual(whole.regions);
    expect(again.totals).toEqual(whole.totals);
    expect(again.linkage).toEqual(whole.linkage);
    expect(again.rejected).toEqual({ residents: [], participants: [] });
  });
});

describe('qualityFromCounts', () => {
  it('rolls RT quality counts up as CoverageIndex.quality does', () => {
    const city = generateCity({ seed: 8, adults: 1500 });
    const index = new CoverageIndex({ checkedOn: '2024-06-30' });
    for (const p of city.participants) index.addParticipant(p);
    for (const r of city.residents) index.addResident(r);
    const { regions } = index.quality({ asOf: '2024-06-30' });
    const rts = regions.filter((r) => r.level === 'rt').map((r) => {
      const [pp, kk, cc, dddd, rw, rt] = r.code.split('.');
      return { villageCode: `${pp}.${kk}.${cc}.${dddd}`, rw: Number(rw), rt: Number(rt), residents: 1, eligible: 0, covered: 0, bySegment: { PU: 0, BPU: 0, JAKON: 0, PMI: 0 }, occupationKnown: 0, workers: 0, coveredWorkers: 0, quality: r };
    });
    expect(qualityFromCounts(rts)).toEqual(regions);
  });
});
