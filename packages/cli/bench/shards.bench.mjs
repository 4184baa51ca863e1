// node packages/cli/bench/shards.bench.mjs [adults]   (after pnpm build)
//
// The shard-and-merge path of a national run, on the synthetic city: the two exports split into
// 4 shards by NIK (every row of a NIK in one shard, in file order; the split is not timed), one
// `cakupan coverage --format json` process per shard, all at once, and core's `mergeCoverage` of
// their reports — against one process on the whole files. Wall times, each process's peak RSS,
// and whether the merged figures equal the single pass at all six levels.
import { createWriteStream, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createReadStream } from 'node:fs';
import { mergeCoverage } from '@cakupan/core';
import { CLI, runProcess, syntheticCity } from './processes.mjs';

const adults = Number(process.argv[2] ?? 600815);
const SHARDS = Number(process.env.BENCH_SHARDS ?? 4);
const AS_OF = '2017-12-31';
const dir = syntheticCity(adults, process.env.BENCH_CITY_DIR);
const shardOf = (nik) => createHash('sha1').update(nik).digest()[0] % SHARDS;

/** Splits a CSV by the NIK in its first column; the header goes to every shard. */
async function split(file) {
  const outs = Array.from({ length: SHARDS }, (_, i) => {
    mkdirSync(join(dir, `shard-${i}`), { recursive: true });
    return createWriteStream(join(dir, `shard-${i}`, file));
  });
  let header;
  for await (const line of createInterface({ input: createReadStream(join(dir, file)) })) {
    if (header === undefined) {
      header = line;
      for (const o of outs) o.write(`${line}\n`);
      continue;
    }
    outs[shardOf(line.slice(0, line.indexOf(',')))].write(`${line}\n`);
  }
  await Promise.all(outs.map((o) => new Promise((resolve) => o.end(resolve))));
}
await split('residents.csv');
await split('participants.csv');

async function run(folder, threads) {
  const r = await runProcess(process.execPath, [CLI, 'coverage', '--residents', join(folder, 'residents.csv'), '--participants', join(folder, 'participants.csv'), '--as-of', AS_OF, '--format', 'json', '--threads', String(threads)], { stderr: 'inherit' });
  return { ...r, report: JSON.parse(r.out) };
}

// the single process reads with every core; each shard process with one thread (they share the cores)
const whole = await run(dir, availableParallelism());
const t0 = performance.now();
const shards = await Promise.all(Array.from({ length: SHARDS }, (_, i) => run(join(dir, `shard-${i}`), 1)));
const ran = performance.now() - t0;
const t1 = performance.now();
// a CSV report's rejections carry their line; merged as core rejections with that line as `ref`
const asCore = (r) => ({ ...r, rejected: { residents: r.rejected.residents.map((x, index) => ({ ...x, index, ref: x.line, field: x.column })), participants: r.rejected.participants.map((x, index) => ({ ...x, index, ref: x.line, field: x.column })) } });
const merged = mergeCoverage(shards.map((s) => asCore(s.report)));
const merging = performance.now() - t1;
const same = JSON.stringify(merged.regions) === JSON.stringify(whole.report.regions) && JSON.stringify(merged.totals) === JSON.stringify(whole.report.totals);
console.log(`shard and merge, ${adults.toLocaleString('en')} adults, ${SHARDS} shards by NIK, one process each, all at once (${availableParallelism()} cores)`);
console.log(`  one process, whole files       ${(whole.ms / 1000).toFixed(2)} s, peak RSS ${whole.peakMB.toFixed(0)} MB`);
console.log(`  ${SHARDS} shard processes          ${(ran / 1000).toFixed(2)} s wall, peak RSS ${Math.max(...shards.map((s) => s.peakMB)).toFixed(0)} MB each at most`);
console.log(`  mergeCoverage of ${SHARDS} reports     ${merging.toFixed(0)} ms`);
console.log(`  merged figures equal the single pass at all six levels: ${same ? 'yes' : 'NO'} (${merged.regions.length} regions)`);
