// Household numbers on both engines: given once, in the order asked, kept while the household
// lives in its RT, never given again there; two callers numbering one village at once agree; and
// the delivery list names each household by its head and address from the register.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/index.js';
import { householdNumbers } from '../src/households/householdNumbers.js';
import { engines as enginesFor } from './databases.js';

const engines = await enginesFor('household_numbers');
const dir = mkdtempSync(join(tmpdir(), 'cakupan-store-households-'));

describe.each(engines)('household numbers (%s)', (engine, url, shards) => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ databaseUrl: url, shards, dataDir: join(dir, `db-${engine}`) });
  });
  afterAll(async () => store.close());

  it('gives each household the next number of its RT once, and never gives a number again', async () => {
    const v = '32.71.01.1001';
    const first = await householdNumbers(store.db, v, [
      { id: 'a', rw: 1, rt: 1 },
      { id: 'b', rw: 1, rt: 1 },
      { id: 'c', rw: 1, rt: 2 },
    ]);
    expect([...first]).toEqual([['a', 1], ['b', 2], ['c', 1]]);
    // a leaves, d arrives: b keeps 2, d gets 3 (a's 1 is not given again)
    const later = await householdNumbers(store.db, v, [
      { id: 'd', rw: 1, rt: 1 },
      { id: 'b', rw: 1, rt: 1 },
    ]);
    expect([...later]).toEqual([['d', 3], ['b', 2]]);
    // c moves to RT 1: a number there, its old one kept for its old RT
    expect((await householdNumbers(store.db, v, [{ id: 'c', rw: 1, rt: 1 }])).get('c')).toBe(4);
  });

  it('agrees with itself when two callers number one village at once', async () => {
    const v = '32.71.01.1002';
    const many = Array.from({ length: 40 }, (_, i) => ({ id: `h${i}`, rw: 2, rt: 1 + (i % 3) }));
    const [one, two] = await Promise.all([householdNumbers(store.db, v, many), householdNumbers(store.db, v, [...many].reverse())]);
    expect([...two].sort()).toEqual([...one].sort());
    const rows = await store.db.query<{ n: number }>('select count(*)::int as n from household_numbers where village_code = $1', [v]);
    expect(rows[0]!.n).toBe(40);
  });

  it('lists each household sticker with its head and address as the register holds them', async () => {
    const path = join(dir, `residents-${engine}.csv`);
    writeFileSync(
      path,
      [
        'nik,kk,nama,birth_date,sex,village_code,rw,rt,alamat,shdk',
        '3271015503800001,3271010000000001,Siti Aminah,1980-03-15,female,3271011003,001,001,Jl. Melati No. 4,ISTRI',
        '3271011204780001,3271010000000001,Ahmad Fauzi,1978-04-12,male,3271011003,001,001,Jl. Melati No. 4A,KEPALA KELUARGA',
        '3271010101750001,3271010000000002,Budi Santoso,1975-01-01,male,3271011003,001,001,,ANAK',
        '',
      ].join('\n'),
    );
    await store.importCsv({ kind: 'residents', path, fileName: 'r.csv', asOf: '2026-12-03', apiKeyLabel: 'test' });
    const households = await store.households({ code: '32.71.01.1003', level: 'village' }, '2026-12-03');
    expect(households.map((h) => h.label)).toEqual(['RT 001/RW 001 no. 1', 'RT 001/RW 001 no. 2']);
    await store.stickers.record(
      households.map((h, i) => ({ serial: 9000 + i, kind: 'household' as const, subjectId: h.id, label: h.label, villageCode: h.villageCode, rw: h.rw, rt: h.rt, registered: false, reason: 'household_not_all_covered', issuedOn: '2026-12-03', validUntil: '2027-12-03', keyId: 'ab', source: 'test', facts: 'store' as const })),
    );
    const stops = await store.field.deliveryList({ villageCode: '32.71.01.1003' });
    expect(stops.map((s) => [s.label, s.name, s.address])).toEqual([
      ['RT 001/RW 001 no. 1', 'Ahmad Fauzi', 'Jl. Melati No. 4A'],
      ['RT 001/RW 001 no. 2', null, null],
    ]);
  });
});
