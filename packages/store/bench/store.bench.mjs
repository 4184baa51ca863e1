// pnpm bench (repo root), or after a build: node packages/store/bench/store.bench.mjs
//
// The synthetic Kota Bogor (BENCH_ADULTS adults, default 600,815) into the store on both engines
// in one run (PostgreSQL when DATABASE_URL is set): import of the two files; the first coverage
// report at all six levels (it reads the records into core's CoverageIndex) and one on another
// date; a 24-month series of the city and every village; participant events applied one by one
// through the store with a coverage read after each 100; peak RSS of this process (which holds
// the database too when it is PGlite).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticCity } from '@cakupan/core/node';
import { openStore } from '../dist/index.js';

const ADULTS = Number(process.env.BENCH_ADULTS ?? 600_815);
const dir = mkdtempSync(join(tmpdir(), 'cakupan-store-bench-'));
const city = await writeSyntheticCity(join(dir, 'city'), { adults: ADULTS, seed: 1, asOf: '2017-12-31' });
const peak = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
const time = async (fn) => {
  const t0 = performance.now();
  const result = await fn();
  return { s: (performance.now() - t0) / 1000, result };
};

// BENCH_ENGINES=postgres measures only the server (e.g. the 4× city, BENCH_ADULTS=2403260)
const only = process.env.BENCH_ENGINES;
const engines = [];
if (!only || only.includes('pglite')) engines.push(['PGlite', undefined]);
if (process.env.DATABASE_URL && (!only || only.includes('postgres'))) engines.push(['PostgreSQL', process.env.DATABASE_URL]);
console.log(`store, synthetic city of ${ADULTS.toLocaleString('en')} adults (${city.rows.residents.toLocaleString('en')} residents, ${city.rows.participants.toLocaleString('en')} accounts)`);
for (const [name, url] of engines) {
  const store = await openStore({ databaseUrl: url, dataDir: join(dir, `store-${name}`), warmCoverage: true });
  if (url) await store.db.exec('truncate import_rejects, residents, participants, participant_events, employers, imports restart identity cascade');
  const residents = await time(() => store.importCsv({ kind: 'residents', path: city.files.residents, asOf: '2017-12-31' }));
  const participants = await time(() => store.importCsv({ kind: 'participants', path: city.files.participants }));
  // the imports started building the index in the background: the first report waits for it
  const first = await time(() => store.coverage({ asOf: '2017-12-31' }));
  const report = await time(() => store.coverage({ asOf: '2017-06-30' }));
  const series = await time(() => store.series({ region: '32.71', level: 'city', childLevel: 'village', from: '2016-01-01', to: '2017-12-31' }));
  const niks = readFileSync(city.files.residents, 'utf8').split('\n', 1001).slice(1).map((l) => l.split(',')[0]);
  const events = 1000;
  const applied = await time(async () => {
    for (let i = 0; i < events; i++) {
      await store.applyParticipantEvent({ type: 'registered', eventId: `bench-${name}-${i}`, kpj: `B${String(i).padStart(10, '0')}`, nik: niks[i], segment: 'BPU', occurredOn: '2017-06-01' });
      if ((i + 1) % 100 === 0) await store.coverage({ asOf: '2017-12-31' });
    }
  });
  await store.close();
  // a restart: the index is built from the stored records in the background, the first report waits for it
  const reopened = await time(async () => {
    const again = await openStore({ databaseUrl: url, dataDir: join(dir, `store-${name}`), warmCoverage: true });
    await again.coverage({ asOf: '2017-12-31' });
    return again;
  });
  await reopened.result.close();
  console.log(
    `  ${name}: import residents ${residents.s.toFixed(1)} s, participants ${participants.s.toFixed(1)} s; coverage at all levels: first after the imports ${first.s.toFixed(2)} s, after a restart ${reopened.s.toFixed(2)} s, ` +
      `another date ${report.s.toFixed(3)} s (${report.result.regions.length.toLocaleString('en')} regions); 24 month-ends of the city and its ${series.result[0].children.length} villages ${series.s.toFixed(2)} s; ` +
      `${events} events with a report at all levels after each 100: ${(events / applied.s).toFixed(0)} events/s; peak RSS ${peak().toFixed(0)} MB`,
  );
}
