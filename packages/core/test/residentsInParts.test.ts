// The residents file read by several threads (the built package's worker, dist/residentsWorker.js):
// the same report as one thread — figures at every level, linkage, rejections with their lines,
// birth-date mismatches with their record indexes — on a city with rows planted at every cut:
// a NIK first seen before a cut and again after it, broken rows, wrong field counts, empty lines.
// Needs `pnpm build` first (the root `pnpm test` does it).
import { appendFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

type Node = typeof import('../src/node.js');
let node: Node;
let dir: string;
let residents: string;
let participants: string;

beforeAll(async () => {
  // the built entry, as a consumer loads it (its worker file is beside it)
  node = (await import('@cakupan/core/node')) as unknown as Node;
  dir = mkdtempSync(join(tmpdir(), 'cakupan-parts-'));
  const city = await node.writeSyntheticCity(join(dir, 'city'), { adults: 40_000, seed: 7, asOf: '2017-12-31' });
  residents = city.files.residents;
  participants = city.files.participants;
  // rows planted through the file: a duplicate of an early NIK late, broken values, a wrong field
  // count, an empty line, cells with spaces around them, non-ASCII names, a dotted village code, a
  // duplicate alone in an RT of its own (which must not appear as an empty RT)
  const lines = readFileSync(residents, 'utf8').trimEnd().split('\n');
  const header = lines[0]!;
  const body = lines.slice(1);
  const early = body[5]!;
  // (the generated file ends each row with the occupation; planted rows give one by name, by code, off the list, or none)
  const planted = [early, '3271011705900001,,x,1990-02-30,male,3271011001,1,1,', '3271011705900002,,x,1990-01-01,male,3271011001,1', '', '3271011705900003,,x,,female,3271011001,000,1,15', early.replace(/,\d+,\d+(,[^,]*)$/, ',1000,1$1'), ' 3271011705900004 ,,x, 1990-01-01 ,male, 3271011001 , 2 , 3 , karyawan swasta ', '3271011705900005,,Désirée Ñ,1991-01-01,,32.71.01.1001,4,5,ASTRONOT', '3271011705900006,,x,1991-01-01,,32.71.01.1001,4,5,3', early.replace(/,\d+,\d+(,[^,]*)$/, ',999,998$1')];
  const step = Math.floor(body.length / 7);
  const out: string[] = [header];
  body.forEach((row, i) => {
    out.push(row);
    if (i > 0 && i % step === 0) out.push(...planted);
  });
  writeFileSync(residents, `${out.join('\n')}\n`);
  // large enough to be read in parts (4 MB and more)
  expect(statSync(residents).size).toBeGreaterThan(4 << 20);
}, 60_000);

const run = (threads: number, file = residents) => node.coverageFromCsv({ residents: file, participants, asOf: '2017-12-31', threads });

describe('the residents file read in parts', () => {
  it('gives the report of one thread, rejections and their lines included, for 2, 3 and 4 threads', async () => {
    const one = await run(1);
    expect(one.rejected.residents.length).toBeGreaterThan(20);
    expect(one.rejected.residents.some((r) => r.code === 'duplicate_nik')).toBe(true);
    expect(one.rejected.residents.some((r) => r.code === 'wrong_field_count')).toBe(true);
    expect(one.rejected.residents.some((r) => r.code === 'invalid_occupation')).toBe(true);
    expect(one.totals.workers).toBeGreaterThan(0); // each thread hands on its residents' work
    for (const threads of [2, 3, 4]) expect(JSON.stringify(await run(threads)), `${threads} threads`).toBe(JSON.stringify(one));
    // four reads of a 40,000-adult city, workers started each time: ~2 s alone, over 5 s when the
    // other packages' tests share the machine's two cores
  }, 60_000);

  it('reads a file with a quote or a carriage return on one thread, with the same result', async () => {
    const crlf = join(dir, 'crlf.csv');
    writeFileSync(crlf, readFileSync(residents, 'utf8').replaceAll('\n', '\r\n'));
    const quoted = join(dir, 'quoted.csv');
    writeFileSync(quoted, readFileSync(residents, 'utf8'));
    appendFileSync(quoted, '3271011705900009,,"Warga, ""Satu""",1990-01-01,male,3271011001,1,1\n');
    for (const file of [crlf, quoted]) expect(JSON.stringify(await run(2, file))).toBe(JSON.stringify(await run(1, file)));
  }, 60_000);

  it('stops its readers and reports the accounts file that cannot be read', async () => {
    await expect(node.coverageFromCsv({ residents, participants: join(dir, 'missing.csv'), asOf: '2017-12-31', threads: 2 })).rejects.toThrow(/missing\.csv: no such file/);
  });

  it('refuses a thread count that is not a positive integer', async () => {
    await expect(run(0)).rejects.toThrow(/threads must be a positive integer/);
  });

  it('ships its worker beside the entries', () => {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('@cakupan/core/node');
    expect(statSync(join(entry, '..', 'residentsWorker.cjs')).isFile()).toBe(true);
    expect(statSync(join(entry, '..', 'residentsWorker.js')).isFile()).toBe(true);
  });
});
