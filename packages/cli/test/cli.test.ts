// The `cakupan` command as a user runs it (the built dist/cli.js; `pnpm test` builds first).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const cakupan = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const dir = mkdtempSync(join(tmpdir(), 'cakupan-cli-'));
const city = join(dir, 'city');
const R = join(city, 'residents.csv');
const P = join(city, 'participants.csv');

beforeAll(() => {
  const r = cakupan('generate', '--adults', '3000', '--seed', '5', '--out', city);
  expect(r.code, r.err).toBe(0);
});

describe('cakupan generate', () => {
  it('refuses a file as --out and a negative --adults with a usage message, not a stack or parseArgs words', () => {
    const file = join(dir, 'file.txt');
    writeFileSync(file, 'x');
    const asFile = cakupan('generate', '--adults', '5', '--out', file);
    expect(asFile.code).toBe(2);
    expect(asFile.err).toMatch(/^cakupan: --out ".*file\.txt" is a file; give a folder/);
    const negative = cakupan('generate', '--adults', '-5', '--out', join(dir, 'neg'));
    expect(negative.code).toBe(2);
    expect(negative.err).toBe('cakupan: --adults "-5": a whole number 0–10,000,000\n');
  });

  it('makes any city or regency from the region table: Kabupaten Bogor’s desa, never another region', () => {
    const out = join(dir, 'kab-bogor');
    const r = cakupan('generate', '--adults', '500', '--region', '3201', '--out', out);
    expect(r.code, r.err).toBe(0);
    const villages = readFileSync(join(out, 'residents.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[5]!);
    expect(villages.every((v) => v.startsWith('3201'))).toBe(true);
    expect(villages.some((v) => v[6] === '2')).toBe(true); // a desa
    expect(cakupan('generate', '--adults', '5', '--region', '3271011001', '--out', join(dir, 'v')).err).toMatch(/is a village: give a province, city\/regency or district/);
  });

  it('writes the three canonical files, the same for the same seed', () => {
    expect(readFileSync(R, 'utf8').split('\n')[0]).toBe('nik,kk,name,birth_date,sex,village_code,rw,rt,occupation');
    expect(readFileSync(P, 'utf8').split('\n')[0]).toBe('nik,kpj,segment,status,registered_on,ended_on,employer_npp');
    expect(readFileSync(join(city, 'employers.csv'), 'utf8').split('\n')[0]).toBe('id,name,village_code,rw,rt,npp,status');
    const again = join(dir, 'again');
    cakupan('generate', '--adults', '3000', '--seed', '5', '--out', again);
    const hash = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
    expect(hash(join(again, 'residents.csv'))).toBe(hash(R));
  });
});

describe('cakupan coverage', () => {
  it('prints an aligned table with village names, percentages and the row summary', () => {
    const r = cakupan('coverage', '--residents', R, '--participants', P, '--as-of', '2017-12-31', '--level', 'district,village');
    expect(r.code, r.err).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^level\s+code\s+name\s+eligible\s+covered\s+coverage\s+PU\s+BPU\s+JAKON\s+PMI\s+workers\s+covered workers\s+worker coverage$/);
    expect(r.out).toMatch(/^workers: [\d,]+ of [\d,]+ workers covered \(\d+\.\d\d %\); [\d,]+ eligible residents without an occupation in the register$/m);
    expect(r.out).toMatch(/village\s+32\.71\.01\.1001\s+Batu Tulis\s+[\d,]+\s+[\d,]+\s+\d+\.\d\d %/);
    expect(r.out).toMatch(/district\s+32\.71\.06\s+Tanah Sareal/);
    // columns line up: every region row has the coverage column at the same place
    const at = lines.filter((l) => /^(district|village) /.test(l)).map((l) => l.search(/\d+\.\d\d %/) + l.match(/\d+\.\d\d %/)![0].length);
    expect(new Set(at).size).toBe(1);
    expect(r.out).toMatch(/residents: [\d,]+ rows read = [\d,]+ used \+ [\d,]+ rejected/);
  });

  it('leaves the workers columns out for a register without occupations', () => {
    const bare = join(dir, 'bare.csv');
    writeFileSync(bare, readFileSync(R, 'utf8').replace(/,[^,\n]*$/gm, ''));
    const r = cakupan('coverage', '--residents', bare, '--participants', P, '--as-of', '2017-12-31', '--level', 'city');
    expect(r.code, r.err).toBe(0);
    expect(r.out.split('\n')[0]).toMatch(/PMI$/);
    expect(r.out).not.toMatch(/workers/);
  });

  it('prints core’s report as JSON, with the rejected rows', () => {
    const r = cakupan('coverage', '--residents', R, '--participants', P, '--as-of', '2017-12-31', '--format', 'json', '--level', 'village,rt');
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.levels).toEqual(['village', 'rt']);
    expect(report.regions[0]).toMatchObject({ level: 'village', code: expect.stringMatching(/^32\.71\.\d\d\.\d{4}$/), eligible: expect.any(Number), covered: expect.any(Number), bySegment: expect.any(Object), ratio: expect.any(Number) });
    expect(report.regions.some((x: { level: string; code: string }) => x.level === 'rt' && /^32\.71\.\d\d\.\d{4}\.\d{3}\.\d{3}$/.test(x.code))).toBe(true);
    const { read, used, rejected } = report.records.residents;
    expect(read).toBe(used + rejected);
    expect(report.rejected.residents).toHaveLength(rejected);
    expect(read).toBe(readFileSync(R, 'utf8').trim().split('\n').length - 1);
  });

  it('prints CSV and writes the rejects file', () => {
    const rejects = join(dir, 'rejects.csv');
    const bad = join(dir, 'bad-residents.csv');
    writeFileSync(bad, `${readFileSync(R, 'utf8').split('\n').slice(0, 5).join('\n')}\n3271011705900001,,,2017-02-30,,3271011001,1,1,\n`);
    const r = cakupan('coverage', '--residents', bad, '--participants', P, '--as-of', '2017-12-31', '--format', 'csv', '--level', 'city', '--rejects', rejects);
    expect(r.code, r.err).toBe(0);
    expect(r.out.split('\n')[0]).toBe('level,code,name,parent_code,residents,eligible,covered,pu,bpu,jakon,pmi,ratio,occupation_known,workers,covered_workers,worker_ratio');
    expect(r.out.split('\n')[1]).toMatch(/^city,32\.71,Kota Bogor,32,4,/);
    expect(readFileSync(rejects, 'utf8')).toBe('file,line,column,code,message\nresidents,6,birth_date,invalid_birth_date,birth_date must be a real calendar date as YYYY-MM-DD\n');
  });

  it('reads the SIAK export with --preset siak and takes --min-age', () => {
    const siak = join(dir, 'siak.csv');
    writeFileSync(siak, 'NIK;NO_KK;NAMA_LGKP;TGL_LHR;JENIS_KLMIN;NO_PROP;NO_KEC;NO_KAB;NO_KEL;NO_RW;NO_RT\n3271011705000001;3271010000000001;"SITI; S.PD";17-05-2000;2;32;1;71;1001;3;5\n');
    const participants = join(dir, 'p.csv');
    writeFileSync(participants, 'nik,segment,status\n3271011705000001,BPU,AKTIF\n');
    const r = cakupan('coverage', '--residents', siak, '--participants', participants, '--as-of', '2017-12-31', '--preset', 'siak', '--min-age', '17', '--format', 'json', '--level', 'village');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).regions[0]).toMatchObject({ code: '32.71.01.1001', eligible: 1, covered: 1 });
  });

  it.each([
    [['--residents', '/nonexistent.csv', '--participants', P, '--as-of', '2017-12-31'], 1, /\/nonexistent\.csv: no such file/],
    [['--residents', P, '--participants', P, '--as-of', '2017-12-31'], 1, /column village_code is missing/],
    [['--residents', R, '--participants', P, '--as-of', '2017-02-30'], 2, /--as-of "2017-02-30" is not a real date/],
    [['--residents', R, '--participants', P, '--as-of', '31-12-2017'], 2, /--as-of/],
    [['--residents', R, '--participants', P], 2, /--as-of is required/],
    [['--residents', R, '--participants', P, '--as-of', '2017-12-31', '--level', 'kelurahan'], 2, /--level "kelurahan"/],
    [['--residents', R, '--participants', P, '--as-of', '2017-12-31', '--format', 'xml'], 2, /--format/],
    [['--residents', R, '--participants', P, '--as-of', '2017-12-31', '--colour'], 2, /--colour/],
    [['--residents', R, '--participants', P, '--as-of', '2017-12-31', '--level', 'village,,rt'], 2, /^cakupan: --level "village,,rt": an empty entry is not a level/],
    [['--residents', R, '--participants', P, '--as-of', '0000-01-01'], 2, /--as-of "0000-01-01" is not a real date/],
    [['--residents', R, '--participants', P, '--as-of', '2017-12-31', '--min-age', '-5'], 2, /^cakupan: --min-age "-5": must be a whole number of years 0–150/],
    [['--residents', '/bin/sh', '--participants', P, '--as-of', '2017-12-31'], 1, /^cakupan: \/bin\/sh: neither a CSV text file nor an Excel workbook \(\.xlsx\) \(it holds binary data/],
  ])('fails with one line and a non-zero status: %j', (args, code, message) => {
    const r = cakupan('coverage', ...args);
    expect(r.code).toBe(code);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });

  it('says "1 row", and names regions anywhere in Indonesia', () => {
    const one = join(dir, 'one.csv');
    writeFileSync(one, 'nik,birth_date,village_code,rw,rt\n1101011705900001,1990-05-17,1101012001,1,1\n');
    const r = cakupan('coverage', '--residents', one, '--participants', P, '--as-of', '2017-12-31', '--level', 'village');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^village +11\.01\.01\.2001 +Keude Bakongan +1 +0 +0\.00 %/m);
    expect(r.out).toContain('residents: 1 row read = 1 used + 0 rejected');
  });

  it('reads with the threads it is given, the same figures with one or several, and refuses zero', () => {
    const one = cakupan('coverage', '--residents', R, '--participants', P, '--as-of', '2017-12-31', '--format', 'json', '--threads', '1');
    const two = cakupan('coverage', '--residents', R, '--participants', P, '--as-of', '2017-12-31', '--format', 'json', '--threads', '2');
    expect(one.code, one.err).toBe(0);
    expect(two.out).toBe(one.out);
    const zero = cakupan('coverage', '--residents', R, '--participants', P, '--as-of', '2017-12-31', '--threads', '0');
    expect(zero.code).toBe(2);
    expect(zero.err).toContain('--threads "0": a whole number 1–64');
  });

  it('has --help for every command', () => {
    for (const args of [['--help'], ['coverage', '--help'], ['generate', '--help'], ['regions', '--help']]) {
      const r = cakupan(...args);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/Usage:/);
    }
    expect(cakupan('frobnicate').code).toBe(2);
  });
});

describe('cakupan regions', () => {
  it('lists the children of any region, in its own words', () => {
    const depok = cakupan('regions', '3276');
    expect(depok.code, depok.err).toBe(0);
    expect(depok.out.split('\n').slice(0, 2)).toEqual(['32.76\tKota Depok\tcity', '11 Kecamatan:']);
    const json = JSON.parse(cakupan('regions', '32.01.01', '--format', 'json').out);
    expect(json).toMatchObject({ region: '32.01.01', level: 'district', name: 'Cibinong', word: 'Desa/Kelurahan' });
    expect(json.children.length).toBeGreaterThan(5);
    expect(cakupan('regions').code).toBe(2);
    expect(cakupan('regions', '12x').code).toBe(2);
  });
});

describe('cakupan import', () => {
  // the embedded store: without the DATABASE_URL that CI sets for the store's own tests
  const embedded = (...args: string[]) => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  it('imports an export into the embedded store once, and names a wrong kind', () => {
    const store = join(dir, 'store');
    const first = embedded('import', '--kind', 'residents', '--file', R, '--as-of', '2017-12-31', '--store', store);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/residents\.csv: import 1, [\d,]+ rows read = [\d,]+ used \+ \d+ rejected \(pglite: the embedded store .*store\)/);
    const again = embedded('import', '--kind', 'residents', '--file', R, '--store', store);
    expect(again.out).toMatch(/in force already as import 1/);
    const bad = embedded('import', '--kind', 'workers', '--file', R, '--store', store);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('cakupan: --kind "workers": residents, participants or employers\n');
  });

  it('says which store it uses by default: the one `pnpm start` keeps, or DATA_DIR’s', () => {
    const help = embedded('import', '--help');
    expect(help.out).toMatch(/packages\/print-service\/\.data\/store/);
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: join(dir, 'service-data') };
    delete env.DATABASE_URL;
    const r = spawnSync(process.execPath, [CLI, 'import', '--kind', 'residents', '--file', R, '--dry-run'], { encoding: 'utf8', env });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`dry run on the embedded store ${join(dir, 'service-data', 'store')}: nothing was changed`);
  });

  it.each([['pglite'], ...(process.env.DATABASE_URL ? [['postgres']] : [])])('previews, guards, confirms and undoes, on %s', async (engine) => {
    const store = join(dir, `guarded-${engine}`);
    let databaseUrl: string | undefined;
    if (engine === 'postgres') {
      // a database of this test's own on the server
      const { openDb } = await import('@cakupan/store');
      const server = await openDb({ url: process.env.DATABASE_URL, dataDir: dir });
      await server.query('drop database if exists cakupan_test_cli with (force)');
      await server.query('create database cakupan_test_cli');
      await server.close();
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = '/cakupan_test_cli';
      databaseUrl = url.toString();
    }
    const run = (...args: string[]) => {
      const env = { ...process.env };
      if (databaseUrl) env.DATABASE_URL = databaseUrl;
      else delete env.DATABASE_URL;
      const r = spawnSync(process.execPath, [CLI, 'import', ...args, '--store', store], { encoding: 'utf8', env });
      return { code: r.status, out: r.stdout, err: r.stderr };
    };
    expect(run('--kind', 'residents', '--file', R, '--as-of', '2017-12-31').code).toBe(0);
    const lines = readFileSync(R, 'utf8').trim().split('\n');
    const rejectedAll = join(dir, 'rejected.csv');
    writeFileSync(rejectedAll, `${lines[0]}\n${lines[1]!.replace(/,\d{4}-\d{2}-\d{2},/, ',kemarin,')}\n`);
    const none = run('--kind', 'residents', '--file', rejectedAll);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/not imported: no row of rejected\.csv can be used/);
    const half = join(dir, 'half.csv');
    writeFileSync(half, lines.slice(0, 1000).join('\n') + '\n');
    const dry = run('--kind', 'residents', '--file', half, '--as-of', '2017-12-31', '--dry-run');
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toMatch(/register of 32\.71: [\d,]+ → 999 residents/);
    expect(dry.out).toMatch(/coverage of 32\.71 Kota Bogor on 2017-12-31: [\d.]+ % \([\d,/]+\) → [\d.]+ % /);
    const token = /--confirm ([0-9a-f]{24})/.exec(dry.out)![1]!;
    const refused = run('--kind', 'residents', '--file', half, '--as-of', '2017-12-31');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`add --confirm ${token}`);
    const applied = run('--kind', 'residents', '--file', half, '--as-of', '2017-12-31', '--confirm', token);
    expect(applied.code, applied.err).toBe(0);
    const id = /import (\d+),/.exec(applied.out)![1]!;
    const undone = run('--revert', id);
    expect(undone.code, undone.err).toBe(0);
    expect(undone.out).toMatch(new RegExp(`import ${id} \\(residents half\\.csv\\) undone`));
    expect(run('--revert', id).code).toBe(1);
    // the file in force again: the full register
    expect(run('--kind', 'residents', '--file', R, '--as-of', '2017-12-31').out).toMatch(/in force already/);
  });
});

describe('cakupan coverage of a file none of whose rows can be used', () => {
  it('exits 1 and says so', () => {
    const lines = readFileSync(P, 'utf8').trim().split('\n');
    const broken = join(dir, 'broken-participants.csv');
    writeFileSync(broken, [lines[0], ...lines.slice(1, 20).map((l) => l.replace(/,(PU|BPU|JAKON|PMI),/, ',XX,'))].join('\n'));
    const r = cakupan('coverage', '--as-of', '2017-12-31', '--residents', R, '--participants', broken);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^cakupan: no row of the participants file could be used \(line 2, segment: segment "XX" is not a segment: PU, BPU, JAKON or PMI/);
  });
});

describe('first run', () => {
  const repo = fileURLToPath(new URL('../../../', import.meta.url));

  it('is on the repository’s path after the install, as the README writes it: npx cakupan --help', () => {
    const r = spawnSync(join(repo, 'node_modules', '.bin', 'cakupan'), ['--help'], { encoding: 'utf8', cwd: repo });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^cakupan — /);
    expect(r.stderr).toBe('');
  });

  it('starts without rebuilding what the install has just built', () => {
    // `pnpm test` builds first, so every package is current: the check builds nothing and says nothing
    const r = spawnSync(process.execPath, [join(repo, 'scripts', 'build-if-stale.mjs')], { encoding: 'utf8', cwd: repo });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
  });
});

