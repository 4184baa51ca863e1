// pnpm bench (from the repo root) or: node packages/core/bench/coverage.bench.mjs [adults]
// Times computeCoverage on a synthetic city the size of Kota Bogor (600,815 adults plus minors,
// about 100,000 participant accounts) down to RT level, and checks that memory grows linearly.
import { computeCoverage } from '../dist/index.js';
import { generateCity } from '../dist/synthetic.js';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readFileSync, writeFileSync } from 'node:fs';

const adults = process.argv[2] === '--memory-child' ? 0 : Number(process.argv[2] ?? 600815);
const runs = Number(process.env.BENCH_RUNS ?? 7);

function measure(size) {
  const city = generateCity({ adults: size, seed: 2017 });
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const times = [];
  let report;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    report = computeCoverage({ asOf: '2017-12-31', residents: city.residents, participants: city.participants });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (i === 0) {
      // retained report size (approximate: heap growth while the first report is alive)
      global.gc?.();
    }
  }
  const heapAfter = process.memoryUsage().heapUsed;
  times.sort((a, b) => a - b);
  return {
    adults: size,
    residents: city.residents.length,
    accounts: city.participants.length,
    rtRows: report.regions.filter((r) => r.level === 'rt').length,
    ratio: report.totals.ratio,
    medianMs: times[Math.floor(times.length / 2)],
    minMs: times[0],
    heapDeltaMB: (heapAfter - heapBefore) / 2 ** 20,
  };
}

// Working memory of one pass, in a fresh process per size: the peak resident set size (VmHWM,
// reset through /proc/self/clear_refs after the city is generated) minus the RSS just before the call.
function workingMemory(size) {
  const out = execFileSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--memory-child', String(size)], { encoding: 'utf8' });
  return JSON.parse(out);
}

if (process.argv[2] === '--memory-child') {
  const size = Number(process.argv[3]);
  const city = generateCity({ adults: size, seed: 2017 });
  global.gc();
  const inputMB = (process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers) / 2 ** 20;
  writeFileSync('/proc/self/clear_refs', '5');
  const before = process.memoryUsage().rss;
  const report = computeCoverage({ asOf: '2017-12-31', residents: city.residents, participants: city.participants });
  const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) * 1024;
  console.log(JSON.stringify({ size, residents: city.residents.length, inputMB, beforeMB: before / 2 ** 20, peakMB: hwm / 2 ** 20, workingMB: (hwm - before) / 2 ** 20, regions: report.regions.length }));
  process.exit(0);
}

const main = measure(adults);
console.log(`computeCoverage, ${main.adults.toLocaleString('en')} adults, ${main.residents.toLocaleString('en')} residents, ${main.accounts.toLocaleString('en')} accounts, all levels down to RT (${main.rtRows} RTs)`);
console.log(`  median ${main.medianMs.toFixed(0)} ms, best ${main.minMs.toFixed(0)} ms over ${runs} runs (target < 1000 ms); coverage ${(main.ratio * 100).toFixed(2)} %`);
console.log('  memory (fresh process per size): input records on the heap, RSS before the call, peak RSS during it');
for (const f of [0.5, 1, 2]) {
  const m = workingMemory(Math.round(adults * f));
  console.log(`    ${m.size.toLocaleString('en').padStart(9)} adults (${m.residents.toLocaleString('en').padStart(9)} residents): input ${m.inputMB.toFixed(0)} MB, RSS ${m.beforeMB.toFixed(0)} → peak ${m.peakMB.toFixed(0)} MB (+${m.workingMB.toFixed(0)} MB)`);
}
