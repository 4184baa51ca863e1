// Another service calling the coverage API: upload the two CSV exports, get the report back, and
// look a region up.
//
// Run: pnpm --filter cakupan-examples coverage-api-client
// The example starts the print service in-process on a free port; against a running service, set
// CAKUPAN_URL and CAKUPAN_API_KEY instead.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createKeyRing, generateSigningKeyPem } from '@cakupan/print';
import { buildApp, loadConfig } from '@cakupan/print-service';

const sample = (name: string) => new URL(`../packages/print-service/sample/${name}`, import.meta.url);

let url = process.env.CAKUPAN_URL;
let apiKey = process.env.CAKUPAN_API_KEY;
let close = async () => {};
if (!url) {
  const config = loadConfig({ NODE_ENV: 'test', API_KEYS: 'example-key-0123456789', LOG_LEVEL: 'warn', DATA_DIR: fileURLToPath(new URL('./.data', import.meta.url)) });
  const app = await buildApp({ config, keyRing: createKeyRing(generateSigningKeyPem()) });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  apiKey = 'example-key-0123456789';
  close = () => app.close();
}
const headers = { authorization: `Bearer ${apiKey}` };

// 1. coverage from the two CSV files, as multipart/form-data
const form = new FormData();
form.set('asOf', '2017-12-31');
form.set('levels', 'city,district');
form.set('residents', new Blob([readFileSync(sample('residents.csv'))], { type: 'text/csv' }), 'residents.csv');
form.set('participants', new Blob([readFileSync(sample('participants.csv'))], { type: 'text/csv' }), 'participants.csv');
const response = await fetch(`${url}/v1/coverage`, { method: 'POST', headers, body: form });
if (!response.ok) throw new Error(`${response.status}: ${await response.text()}`);
const report = (await response.json()) as {
  regions: { level: string; code: string; name: string | null; eligible: number; covered: number; ratio: number | null }[];
  records: { residents: { read: number; used: number; rejected: number } };
};
for (const r of report.regions) {
  console.log(`${r.level.padEnd(9)} ${r.code.padEnd(9)} ${(r.name ?? '').padEnd(14)} ${r.covered}/${r.eligible} = ${r.ratio === null ? '–' : `${(r.ratio * 100).toFixed(1)} %`}`);
}
console.log(`residents: ${report.records.residents.read} rows read, ${report.records.residents.rejected} rejected`);

// 2. a region and its parents
const region = (await (await fetch(`${url}/v1/regions/3271011001`, { headers })).json()) as { name: string; parents: { name: string }[] };
console.log(`3271011001 = ${region.name}, in ${region.parents.map((p) => p.name).reverse().join(', ')}`);
await close();
