// node packages/print-service/bench/regions.bench.mjs (pnpm bench runs it)
//
// Issue 24's costs, in process (buildApp over an embedded store with the sample city): the region
// table's children of a regency (435 villages of Kabupaten Bogor); checking and simplifying a
// regency's boundaries file (dry run, 435 villages, 47k points); the sample city's monthly report
// drawn as a draft against the same month served once approved (the frozen PDF read back).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childRegions } from '@cakupan/core';
import { useAllRegions } from '@cakupan/core/regions';
import { createKeyRing, generateSigningKeyPem } from '@cakupan/print';
import { openStore } from '@cakupan/store';
import { buildApp, importSampleCity, loadConfig } from '../dist/index.js';

const ADMIN = 'bench-regions-admin-key-0123456789';
const admin = { authorization: `Bearer ${ADMIN}` };
const dir = mkdtempSync(join(tmpdir(), 'cakupan-regions-bench-'));
const store = await openStore({ dataDir: join(dir, 'store') });
await importSampleCity(store);
const config = loadConfig({ NODE_ENV: 'test', API_KEYS: `disnaker:${ADMIN}`, DATA_DIR: dir, LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '1000000' });
const app = await buildApp({ config, keyRing: createKeyRing(generateSigningKeyPem()), store, dashboard: false });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = async (runs, fn) => {
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return median(ms);
};
const row = (what, ms, extra = '') => console.log(`${what.padEnd(62)} ${ms.toFixed(1).padStart(8)} ms  ${extra}`);

useAllRegions();
row('childRegions: the 435 villages of Kabupaten Bogor', await time(20, () => childRegions('32.01').flatMap((d) => childRegions(d.code))));

const file = readFileSync(new URL('../test/fixtures/boundaries/kabupaten-bogor.geojson', import.meta.url), 'utf8');
const b = 'bench-geojson';
const payload = `--${b}\r\nContent-Disposition: form-data; name="file"; filename="kab-bogor.geojson"\r\n\r\n${file}\r\n--${b}--\r\n`;
let check;
const checkMs = await time(5, async () => {
  const res = await app.inject({ method: 'POST', url: '/v1/regions/32.01/boundaries?dryRun=true', headers: { ...admin, 'content-type': `multipart/form-data; boundary=${b}` }, payload });
  check = res.json();
});
row('boundaries: check and simplify Kabupaten Bogor (dry run)', checkMs, `${check.features} villages, ${check.points.before} → ${check.points.after} points, ${(Buffer.byteLength(file) / 1e6).toFixed(2)} → ${(check.bytes / 1e6).toFixed(2)} MB`);

const report = (q) => app.inject({ url: `/v1/reports/monthly?region=32.71&month=2017-11${q}`, headers: admin });
await report('');
const draftMs = await time(5, () => report(''));
const approve = await app.inject({ method: 'POST', url: '/v1/reports/monthly/approvals', headers: admin, payload: { region: '32.71', month: '2017-11', expectedRevision: 0 } });
if (approve.statusCode !== 201) throw new Error(approve.body);
const approvedMs = await time(5, () => report(''));
row('monthly report of Kota Bogor: a draft, drawn', draftMs);
row('monthly report of Kota Bogor: approved, the frozen PDF', approvedMs, `ratio ${(draftMs / approvedMs).toFixed(0)}×`);
await app.close();
await store.close();
