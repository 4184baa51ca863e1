// Coverage from person-level records: a few residents from the population register and their
// BPJS Ketenagakerjaan accounts, rolled up to village and RT; with the occupation the register
// records (SIAK's JENIS_PKRJN), coverage of workers 18+ beside that of all residents 18+.
//
// Run: pnpm --filter cakupan-examples coverage-from-records
import { computeCoverage } from '@cakupan/core';

const report = computeCoverage({
  asOf: '2017-12-31',
  residents: [
    // NIK: district 32.71.01, born 17-05-1990, serial 0001
    { nik: '3271011705900001', birthDate: '1990-05-17', villageCode: '3271011001', rw: '003', rt: '005', occupation: 'KARYAWAN SWASTA' },
    // a woman: 40 added to the day of birth (57 = 17)
    { nik: '3271015705920001', birthDate: '1992-05-17', villageCode: '3271011001', rw: '003', rt: '005', occupation: 'PELAJAR/MAHASISWA' },
    // 17 years old on the reference date: not yet eligible
    { nik: '3271010101010001', birthDate: '2001-01-01', villageCode: '3271011001', rw: '003', rt: '006' },
    // an invalid record (RT 0) comes back in report.rejected, it is never silently dropped
    { nik: '3271011212800001', birthDate: '1980-12-12', villageCode: '3271011002', rw: 1, rt: 0 },
  ],
  participants: [
    { nik: '3271011705900001', segment: 'PU', status: 'aktif', registeredOn: '2016-03-01' },
    { nik: '3271011705900001', segment: 'BPU', status: 'aktif' }, // a second account: still one person
    { nik: '3271015705920001', segment: 'BPU', status: 'nonaktif' }, // lapsed: not covered
  ],
  levels: ['village', 'rt'],
});

for (const region of report.regions) {
  const pct = region.ratio === null ? '   –  ' : `${(region.ratio * 100).toFixed(1).padStart(5)}%`;
  console.log(`${region.level.padEnd(8)} ${region.code.padEnd(22)} ${(region.name ?? '').padEnd(12)} ${region.covered}/${region.eligible} ${pct}`);
}
const t = report.totals;
console.log(`workers 18+: ${t.coveredWorkers}/${t.workers} (${t.occupationKnown} of ${t.eligible} residents 18+ with an occupation recorded)`);
console.log('rejected residents:', report.rejected.residents.map((r) => `#${r.index} ${r.field}: ${r.message}`));
console.log('linkage:', report.linkage);
