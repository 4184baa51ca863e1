// Kota Bogor's coverage in 2017 from the figures the city and BPJS Ketenagakerjaan published:
// 92,550 wage earners (PU) + 3,815 non-wage earners (BPU) (BPJS TK, semester I 2017) against
// 600,815 residents aged 18+ (Disdukcapil, semester II 2017). Reported coverage: about 16.0 %.
//
// Run: pnpm --filter cakupan-examples bogor-2017
import { coverageFromAggregates } from '@cakupan/core';

const bogor2017 = coverageFromAggregates({
  participants: { PU: 92_550, BPU: 3_815 },
  eligible: 600_815,
});

console.log('Kota Bogor, 2017');
console.log(`  participants: ${bogor2017.covered.toLocaleString('en')} (PU ${bogor2017.bySegment.PU.toLocaleString('en')}, BPU ${bogor2017.bySegment.BPU.toLocaleString('en')})`);
console.log(`  residents 18+: ${bogor2017.eligible.toLocaleString('en')}`);
console.log(`  not yet covered: ${bogor2017.uncovered.toLocaleString('en')}`);
console.log(`  coverage: ${bogor2017.percent.toFixed(2)} %`);
