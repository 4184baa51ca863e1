// Imports that cannot destroy a city (issue 19): staged, guarded, previewed, reversible, one
// register per city — on PGlite and, with DATABASE_URL, PostgreSQL. The store must always equal
// core's coverage computed on the files in force.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coverageFromCsv, writeSyntheticCity } from '@cakupan/core/node';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportConflictError, openStore, RevertConflictError, type Store } from '../src/index.js';
import { engines as enginesFor } from './databases.js';

const engines = await enginesFor('imports');
const dir = mkdtempSync(join(tmpdir(), 'cakupan-imports-'));
let n = 0;
const write = (text: string) => {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, text);
  return path;
};

/** Kota Bogor's synthetic files, and the same people moved to another city (codes and NIKs). */
let bogor: { residents: string; participants: string };
let depok: string;
let kabBogor: string;
let bothParticipants: string;
// every NIK of the file gets the other city's first digits (also those of commuters), so that nobody is in two registers
const moved = (text: string, city: string) => text.replace(/^\d{4}(\d{12}),/gm, `${city}$1,`).replace(/3271(\d{6})/g, `${city}$1`);

beforeAll(async () => {
  const city = await writeSyntheticCity(join(dir, 'city'), { adults: 400, seed: 11, asOf: '2017-12-31' });
  bogor = { residents: city.files.residents, participants: city.files.participants };
  const residents = readFileSync(bogor.residents, 'utf8');
  depok = write(moved(residents, '3276'));
  kabBogor = write(moved(residents, '3201'));
  const accounts = readFileSync(bogor.participants, 'utf8');
  const body = (text: string) => text.slice(text.indexOf('\n') + 1);
  bothParticipants = write(accounts + body(moved(accounts, '3276')).replace(/^(\d{16}),(\d)/gm, '$1,7$2') + body(moved(accounts, '3201')).replace(/^(\d{16}),(\d)/gm, '$1,6$2'));
});

const city = (report: { regions: readonly { code: string; eligible: number; covered: number }[] }, code: string) => report.regions.find((r) => r.code === code);

describe.each(engines)('imports on %s', (engine, url, shards) => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ databaseUrl: url, shards, dataDir: join(dir, `db-${engine}`) });
    await store.importCsv({ kind: 'residents', path: bogor.residents, asOf: '2017-12-31' });
    await store.importCsv({ kind: 'participants', path: bogor.participants, asOf: '2017-12-31' });
  });
  afterAll(() => store?.close());

  const refusal = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ImportConflictError);
    return err as ImportConflictError;
  };
  const figures = async (asOf = '2017-12-31') => {
    const r = await store.coverage({ asOf, levels: ['city', 'village', 'rt'] });
    return { regions: r.regions, totals: r.totals };
  };

  it('never applies a file whose every row is rejected, nor a header-only file', async () => {
    const before = await figures();
    const bad = write('nik,birth_date,village_code,rw,rt\n3271011705900001,kemarin,3271011001,3,5\n3271011705900002,31-02-1990,3271011001,3,5\n');
    const refused = await refusal(store.importCsv({ kind: 'residents', path: bad, fileName: 'penduduk.csv' }));
    expect(refused.preview.guards.map((g) => g.code)).toEqual(['no_usable_rows']);
    expect(refused.preview.confirm).toBeNull(); // nothing can confirm it
    expect(refused.message).toMatch(/no row of penduduk\.csv can be used \(2 of 2 rejected; the first, line 2: birth_date "kemarin" is not a real date/);
    await refusal(store.importCsv({ kind: 'residents', path: write('nik,birth_date,village_code,rw,rt\n') }));
    expect(await figures()).toEqual(before);
    expect((await store.imports()).map((i) => i.kind)).toEqual(['participants', 'residents']);
  });

  it('never lets a rejected participant row change an account', async () => {
    const before = await figures();
    // every row rejected (an unknown segment): refused, accounts unchanged
    const lines = readFileSync(bogor.participants, 'utf8').trim().split('\n');
    const broken = write([lines[0], ...lines.slice(1).map((l) => l.replace(/,(PU|BPU|JAKON|PMI),/, ',XX,'))].join('\n'));
    await refusal(store.importCsv({ kind: 'participants', path: broken }));
    expect(await figures()).toEqual(before);
    // a corrupted copy of every account after it (an ordinary dirty export): the valid row is kept
    const dirty = write([lines[0], ...lines.slice(1), ...lines.slice(1).map((l) => l.replace(/,(active|inactive|aktif|nonaktif),/, ',rusak,'))].join('\n'));
    const applied = await store.importCsv({ kind: 'participants', path: dirty, asOf: '2017-12-31' });
    expect(applied.import.rowsRejected).toBe(lines.length - 1);
    expect(await figures()).toEqual(before);
    // store = CLI (= core) at all six levels on several dates, on the dirty file
    const equalsCli = async (participants: string) => {
      for (const asOf of ['2017-12-31', '2017-03-31', '2016-02-29']) {
        const cli = await coverageFromCsv({ residents: bogor.residents, participants, asOf });
        const fromStore = await store.coverage({ asOf });
        expect(fromStore.regions, asOf).toEqual(cli.regions);
        expect(fromStore.totals, asOf).toEqual(cli.totals);
        expect(fromStore.linkage, asOf).toEqual(cli.linkage);
      }
    };
    await equalsCli(dirty);
    // undone, the earlier export is in force again; the dirty one re-sent applies again, the same
    expect(await store.revertImport(applied.import.id, 'test')).toMatchObject({ status: 'reverted' });
    await equalsCli(bogor.participants);
    const resent = await store.importCsv({ kind: 'participants', path: dirty, asOf: '2017-12-31' });
    expect(resent.duplicate).toBe(false);
    await equalsCli(dirty);
  });

  it('reports a KPJ given twice as one rejection naming the line kept, and an account moving to another NIK', async () => {
    const [head, first, second] = readFileSync(bogor.participants, 'utf8').trim().split('\n');
    const kpj = first!.split(',')[1]!;
    const twice = write([head, first, first].join('\n'));
    const preview = await store.previewImport({ kind: 'participants', path: twice });
    expect(preview.firstRejects).toEqual([{ line: 3, column: 'kpj', code: 'duplicate_kpj', message: 'kpj appears twice: the account of line 2 is kept', path: [] }]);
    const otherNik = second!.split(',')[0]!;
    const moving = write([head, [otherNik, kpj, ...first!.split(',').slice(2)].join(',')].join('\n'));
    const refused = await refusal(store.importCsv({ kind: 'participants', path: moving }));
    expect(refused.preview.guards.map((g) => g.code)).toEqual(['nik_changes']);
    expect(refused.preview.accounts).toMatchObject({ nikChanged: 1, changed: 1, added: 0 });
  });

  it('previews an import without changing anything, and applies it with the preview’s token', async () => {
    const before = await figures();
    const half = readFileSync(bogor.residents, 'utf8').trim().split('\n');
    const smaller = write(half.slice(0, Math.ceil(half.length / 2)).join('\n') + '\n');
    const preview = await store.previewImport({ kind: 'residents', path: smaller, asOf: '2017-12-31' });
    expect(preview.guards.map((g) => g.code)).toEqual(['removes_much']);
    expect(preview.register).toEqual([{ region: '32.71', before: half.length - 1, after: expect.any(Number), added: 0, removed: expect.any(Number), changed: 0, inForceAsOf: '2017-12-31' }]);
    expect(preview.coverage).toEqual([{ region: '32.71', name: 'Kota Bogor', before: expect.objectContaining({ eligible: city(before, '32.71')!.eligible }), after: expect.objectContaining({ eligible: expect.any(Number) }) }]);
    expect(preview.coverage[0]!.after!.eligible).toBeLessThan(preview.coverage[0]!.before!.eligible);
    expect(await figures()).toEqual(before);
    // the token is this file's on this store: another file's or a stale one does not apply
    await refusal(store.importCsv({ kind: 'residents', path: smaller, asOf: '2017-12-31', confirm: 'f'.repeat(24) }));
    const applied = await store.importCsv({ kind: 'residents', path: smaller, asOf: '2017-12-31', confirm: preview.confirm! });
    expect(city(await figures(), '32.71')!.eligible).toBe(preview.coverage[0]!.after!.eligible);
    // undone: exactly as before; the good file is no duplicate of it, and the bad one can be sent again
    expect(await store.revertImport(applied.import.id, 'test')).toMatchObject({ status: 'reverted', revertedBy: 'test' });
    expect(await figures()).toEqual(before);
    await expect(store.revertImport(applied.import.id, 'test')).rejects.toBeInstanceOf(RevertConflictError);
    expect(await store.revertImport(999_999, 'test')).toBeUndefined();
    const log = await store.auditLog({ limit: 1 });
    expect(log[0]).toMatchObject({ action: 'import.revert', actor: 'test' });
  });

  it('applies the good file again after a bad one replaced it', async () => {
    const before = await figures();
    const lines = readFileSync(bogor.residents, 'utf8').trim().split('\n');
    const bad = write(lines.slice(0, 30).join('\n') + '\n');
    const preview = await store.previewImport({ kind: 'residents', path: bad, asOf: '2017-12-31' });
    await store.importCsv({ kind: 'residents', path: bad, asOf: '2017-12-31', confirm: preview.confirm! });
    expect(city(await figures(), '32.71')!.eligible).toBeLessThan(city(before, '32.71')!.eligible);
    const good = await store.previewImport({ kind: 'residents', path: bogor.residents, asOf: '2017-12-31' });
    expect(good.duplicateOf).toBeNull();
    const again = await store.importCsv({ kind: 'residents', path: bogor.residents, asOf: '2017-12-31' });
    expect(again.duplicate).toBe(false);
    expect(await figures()).toEqual(before);
    // and now it is the one in force: sending it once more changes nothing
    expect((await store.importCsv({ kind: 'residents', path: bogor.residents, asOf: '2017-12-31' })).duplicate).toBe(true);
    // read another way (a preset, a mapping), it is another import
    expect((await store.previewImport({ kind: 'residents', path: bogor.residents, asOf: '2017-12-31', dateOrder: 'dmy' })).duplicateOf).toBeNull();
  });

  it('asks before an older export replaces the one in force', async () => {
    const refused = await refusal(store.importCsv({ kind: 'residents', path: write(readFileSync(bogor.residents, 'utf8') + '\n'), asOf: '2010-06-30' }));
    expect(refused.preview.guards).toEqual([{ code: 'older_export', message: expect.stringMatching(/as of 2010-06-30, older than the register in force for 32\.71 \(as of 2017-12-31\)/) }]);
  });

  it('keeps several cities side by side: each export replaces its own city only', async () => {
    const before = await figures();
    await store.importCsv({ kind: 'residents', path: depok, asOf: '2017-12-31' });
    await store.importCsv({ kind: 'residents', path: kabBogor, asOf: '2017-06-30' });
    const all = await store.coverage({ asOf: '2017-12-31', levels: ['city'] });
    expect(all.regions.map((r) => r.code)).toEqual(['32.01', '32.71', '32.76']);
    expect(city(all, '32.71')).toEqual(city(before, '32.71'));
    expect((await store.dataAsOf('3201')).residents?.asOf).toBe('2017-06-30');
    expect((await store.dataAsOf('32.71.01')).residents?.asOf).toBe('2017-12-31');
    // a key of Jakarta (31.71) sending a Bogor resident: rejected by name, nothing replaced
    const jakarta = await refusal(store.importCsv({ kind: 'residents', path: write('nik,birth_date,village_code,rw,rt\n3271011705900001,1990-05-17,3271011001,3,5\n'), scope: '31.71' }));
    expect(jakarta.preview.firstRejects).toEqual([{ line: 2, column: 'village_code', code: 'out_of_scope', message: expect.stringMatching(/outside the region of this key \(31\.71\)/), path: [] }]);
    expect((await store.coverage({ asOf: '2017-12-31', levels: ['city'] })).regions).toEqual(all.regions);
    // equal to core on the files in force, with the accounts of all three cities
    await store.importCsv({ kind: 'participants', path: bothParticipants, asOf: '2017-12-31' });
    const inForce = write(readFileSync(bogor.residents, 'utf8') + readFileSync(depok, 'utf8').replace(/^.*\n/, '') + readFileSync(kabBogor, 'utf8').replace(/^.*\n/, ''));
    for (const asOf of ['2017-12-31', '2016-02-29']) {
      const cli = await coverageFromCsv({ residents: inForce, participants: bothParticipants, asOf });
      const fromStore = await store.coverage({ asOf });
      expect(fromStore.regions, asOf).toEqual(cli.regions);
      expect(fromStore.totals).toEqual(cli.totals);
    }
  });

  it('equals core on the files in force after any sequence of imports and reverts', async () => {
    const lines = readFileSync(depok, 'utf8').trim().split('\n');
    const files = {
      good: depok,
      part: write(lines.slice(0, 200).join('\n') + '\n'),
      bad: write(`${lines[0]}\n${lines[1]!.replace(/,\d{4}-\d{2}-\d{2},/, ',kemarin,')}\n`),
      // another city's export (Kabupaten Bogor's): it never touches Depok's register
      other: write(readFileSync(kabBogor, 'utf8').trim().split('\n').slice(0, 150).join('\n') + '\n'),
    };
    const inForce: { id: number; path: string }[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('good', 'part', 'bad', 'other', 'older', 'revert'), { minLength: 1, maxLength: 5 }), async (steps) => {
        for (const step of steps) {
          if (step === 'revert') {
            const top = inForce.at(-1);
            if (top === undefined || inForce.length < 2) continue;
            await store.revertImport(top.id, 'prop');
            inForce.pop();
            continue;
          }
          const path = step === 'older' ? files.part : files[step];
          const options = { kind: 'residents' as const, path, asOf: step === 'older' ? '2016-06-30' : '2017-12-31' };
          const preview = await store.previewImport(options);
          if (preview.duplicateOf !== null) continue;
          const applied = await store.importCsv({ ...options, ...(preview.confirm && { confirm: preview.confirm }) }).catch((err: unknown) => {
            if (err instanceof ImportConflictError && step === 'bad') return undefined; // never applied
            throw err;
          });
          expect(applied === undefined).toBe(step === 'bad');
          if (applied && step !== 'other') inForce.push({ id: applied.import.id, path });
        }
        // Depok's register is the file in force; the others are untouched
        const current = inForce.at(-1)?.path ?? depok;
        const cli = await coverageFromCsv({ residents: current, participants: bothParticipants, asOf: '2017-12-31', levels: ['city', 'village', 'rt'] });
        const fromStore = await store.coverage({ asOf: '2017-12-31', levels: ['city', 'village', 'rt'] });
        expect(fromStore.regions.filter((r) => r.code.startsWith('32.76'))).toEqual(cli.regions.filter((r) => r.code.startsWith('32.76')));
      }),
      { numRuns: 6, seed: 19 },
    );
  });
});
