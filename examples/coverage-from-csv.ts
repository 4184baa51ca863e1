// Coverage per village straight from the CSV exports (the population register and BPJS
// Ketenagakerjaan's participants), with every rejected row accounted for.
//
// Run: pnpm --filter cakupan-examples coverage-from-csv [residents.csv participants.csv]
// Without arguments it reads the sample city that ships with the print service.
import { fileURLToPath } from 'node:url';
import { coverageFromCsv } from '@cakupan/core/node';

const sample = (name: string) => fileURLToPath(new URL(`../packages/print-service/sample/${name}`, import.meta.url));
const [residents = sample('residents.csv'), participants = sample('participants.csv')] = process.argv.slice(2);

const report = await coverageFromCsv({ residents, participants, asOf: '2017-12-31', levels: ['district', 'village'] });

for (const region of report.regions) {
  const pct = region.ratio === null ? '–' : `${(region.ratio * 100).toFixed(1)} %`;
  const indent = region.level === 'village' ? '  ' : '';
  console.log(`${indent}${(region.name ?? region.code).padEnd(22 - indent.length)} ${String(region.covered).padStart(5)} / ${String(region.eligible).padEnd(5)} ${pct}`);
}
const r = report.records.residents;
console.log(`residents: ${r.read} rows read = ${r.used} used + ${r.rejected} rejected`);
for (const rejection of report.rejected.residents.slice(0, 5)) {
  console.log(`  line ${rejection.line}, ${rejection.column}: ${rejection.message}`);
}
