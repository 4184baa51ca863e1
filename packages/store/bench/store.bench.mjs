// pnpm bench (repo root), or after a build: node packages/store/bench/store.bench.mjs
//
// A synthetic city (BENCH_ADULTS adults; 600,815 is Kota Bogor) into the store on
// both engines in one run (PostgreSQL when DATABASE_URL is set): import of the two files, a
// coverage report at all six levels, a 12-month series for the city and its districts, and
// participant events applied one by one with a coverage read after each 100; peak RSS of this
// process (which holds the database when it is PGlite).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticCity } from '@cakupan/core/node';
import { openStore } from '../dist/index.js';

// a tenth of the city by default: the first design reads every record back for each report (BENCHMARKS §6)
const ADULTS = Number(process.env.BENCH_ADULTS ?? 60_000);
const dir = mkdtempSync(join(tmpdir(), 'cakupan-store-bench-'));
const city = await writeSyntheticCity(join(dir, 'city'), { adults: ADULTS, seed: 1, asOf: '2017-12-31' });
const peak = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
const time = async (fn) => {
  const t0 = performance.now();
  const result = await fn();
  return { s: (performance.now() - t0) / 1000, result };
};

const engines = [['PGlite', undefined]];
if (process.env.DATABASE_URL) engines.push(['PostgreSQL', process.env.DATABASE_URL]);
console.log(`store, synthetic city of ${ADULTS.toLocaleString('en')} adults (${city.rows.residents.toLocaleString('en')} residents, ${city.rows.participants.toLocaleString('en')} accounts)`);
for (const [name, url] of engines) {
  const store = await openStore({ databaseUrl: url, dataDir: join(dir, `store-${name}`) });
  if (url) await store.db.exec('truncate import_rejects, residents, participants, participant_events, employers, imports restart identity cascade');
  const residents = await time(() => store.importCsv({ kind: 'residents', path: city.files.residents, asOf: '2017-12-31' }));
  const participants = await time(() => store.importCsv({ kind: 'participants', path: city.files.participants }));
  const report = await time(() => store.coverage({ asOf: '2017-12-31' }));
  const series = await time(() => store.series({ region: '32.71', level: 'city', from: '2017-01-01', to: '2017-12-31' }));
  const nik = readFileSync(city.files.residents, 'utf8').split('\n', 3)[1].split(',')[0];
  const events = 300;
  const applied = await time(async () => {
    for (let i = 0; i < events; i++) {
      await store.applyParticipantEvent({ type: 'registered', eventId: `bench-${name}-${i}`, kpj: `B${String(i).padStart(10, '0')}`, nik, segment: 'BPU', occurredOn: '2017-06-01' });
      if ((i + 1) % 100 === 0) await store.coverage({ asOf: '2017-12-31', levels: ['city'] });
    }
  });
  console.log(`  ${name}: import residents ${residents.s.toFixed(1)} s, participants ${participants.s.toFixed(1)} s; coverage at all levels ${report.s.toFixed(2)} s (${report.result.regions.length.toLocaleString('en')} regions); 12 month-ends ${series.s.toFixed(1)} s; ${events} events with a coverage read after each 100: ${(events / applied.s).toFixed(0)} events/s; peak RSS ${peak().toFixed(0)} MB`);
  await store.close();
}
