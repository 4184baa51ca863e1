// The store on both engines: PGlite always; PostgreSQL when DATABASE_URL is set (CI sets it, and
// requires it). Coverage from the store must equal core's coverage from the same CSV files.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coverageFromCsv, CsvFormatError, writeSyntheticCity } from '@cakupan/core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/index.js';
import { engines as enginesFor } from './databases.js';

const engines = await enginesFor('store');

const dir = mkdtempSync(join(tmpdir(), 'cakupan-store-'));
let city: { residents: string; participants: string };

beforeAll(async () => {
  const written = await writeSyntheticCity(join(dir, 'city'), { adults: 3000, seed: 7, asOf: '2017-12-31' });
  city = { residents: written.files.residents, participants: written.files.participants };
});

describe.each(engines)('the store on %s', (engine, url) => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ databaseUrl: url, dataDir: join(dir, `db-${engine}`) });
  });
  afterAll(() => store?.close());

  it('imports the exports in bulk and records each import', async () => {
    const r = await store.importCsv({ kind: 'residents', path: city.residents, asOf: '2017-12-31', apiKeyLabel: 'test' });
    const p = await store.importCsv({ kind: 'participants', path: city.participants });
    expect(r).toMatchObject({ duplicate: false, import: { kind: 'residents', status: 'applied', asOf: '2017-12-31', apiKeyLabel: 'test' } });
    expect(r.import.rowsRead).toBe(r.import.rowsUsed + r.import.rowsRejected);
    expect(r.import.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(p.import.rowsRead).toBeGreaterThan(0);
    expect((await store.imports()).map((i) => i.kind)).toEqual(['participants', 'residents']);
  });

  it('answers coverage equal to core’s from the same files, at every level and several dates', async () => {
    for (const asOf of ['2017-12-31', '2017-06-30', '2018-03-01']) {
      const fromStore = await store.coverage({ asOf });
      const fromCsv = await coverageFromCsv({ residents: city.residents, participants: city.participants, asOf });
      expect(fromStore.levels).toEqual(['province', 'city', 'district', 'village', 'rw', 'rt']);
      expect(fromStore.regions, asOf).toEqual(fromCsv.regions);
      expect(fromStore.totals).toEqual(fromCsv.totals);
      expect(fromStore.linkage).toEqual(fromCsv.linkage);
      // the records core rejects, by their line in the import, as in the file
      expect(fromStore.rejected.residents.length).toBeGreaterThan(0);
      expect(fromStore.birthDateMismatches.length).toBeGreaterThan(0);
      const core = new Set(fromStore.rejected.residents.map((r) => r.code));
      expect(fromStore.rejected.residents.map((r) => [r.ref, r.code])).toEqual(fromCsv.rejected.residents.filter((r) => core.has(r.code as never)).map((r) => [r.line, r.code]));
      expect(fromStore.birthDateMismatches.map((m) => m.ref)).toEqual(fromCsv.birthDateMismatches.map((m) => m.ref));
    }
  });

  it('recognises the same file and does not apply it twice', async () => {
    const again = await store.importCsv({ kind: 'residents', path: city.residents });
    expect(again.duplicate).toBe(true);
    expect((await store.imports()).length).toBe(2);
  });

  it('keeps the earlier data whole when an import fails, and keeps each import’s rejected rows', async () => {
    const before = await store.coverage({ asOf: '2017-12-31', levels: ['city'] });
    const bad = join(dir, `bad-${engine}.csv`);
    writeFileSync(bad, 'nik,name\n3271011705900001,x\n');
    await expect(store.importCsv({ kind: 'residents', path: bad })).rejects.toBeInstanceOf(CsvFormatError);
    expect(await store.coverage({ asOf: '2017-12-31', levels: ['city'] })).toEqual(before);

    const some = join(dir, `some-${engine}.csv`);
    writeFileSync(some, 'nik,birth_date,village_code,rw,rt\n3271011705900001,1990-05-17,3271011001,3,5\n3271011705900002,1990-05-17,3271011001,3\n');
    const imported = await store.importCsv({ kind: 'residents', path: some });
    expect(imported.import).toMatchObject({ rowsRead: 2, rowsUsed: 1, rowsRejected: 1 });
    expect(await store.importRejectsCsv(imported.import.id)).toBe('line,column,code,message\n3,*,wrong_field_count,"row has 4 fields, the header has 5"\n');
    // a residents import replaces the register whole
    expect((await store.coverage({ asOf: '2017-12-31', levels: ['city'] })).totals.residents).toBe(1);
  });

  it('applies participant events at once, once each, and keeps them', async () => {
    const covered = async (asOf: string) => (await store.coverage({ asOf, levels: ['city'] })).totals.covered;
    expect(await covered('2017-12-31')).toBe(0); // the one resident left has no account
    const registered = { type: 'registered', eventId: `e1-${engine}`, kpj: '90000000001', nik: '3271011705900001', segment: 'BPU', occurredOn: '2017-01-01' } as const;
    expect(await store.applyParticipantEvent(registered, 'test')).toEqual({ applied: true });
    expect(await covered('2017-12-31')).toBe(1);
    expect(await store.applyParticipantEvent(registered)).toEqual({ applied: false });
    expect(await store.applyParticipantEvent({ type: 'ended', eventId: `e2-${engine}`, kpj: '90000000001', occurredOn: '2017-06-30' })).toEqual({ applied: true });
    expect(await covered('2017-12-31')).toBe(0);
    expect(await covered('2017-03-01')).toBe(1);
    await expect(store.applyParticipantEvent({ type: 'status_changed', eventId: `e3-${engine}`, kpj: '99999999999', occurredOn: '2017-07-01', status: 'inactive' })).rejects.toThrow(/no participant account with kpj 99999999999/);
    expect((await store.participantEvents('90000000001')).map((e) => e.type)).toEqual(['registered', 'ended']);
    expect(await store.participantEvents('99999999999')).toEqual([]);
  });

  it('keeps employers by id, lists the unregistered of a village a page at a time, and gives compliance as core does', async () => {
    const employers = join(dir, `employers-${engine}.csv`);
    writeFileSync(
      employers,
      'id,name,village_code,rw,rt,npp,status\n' +
        '9120000000001,CV Maju Jaya,3271011001,3,5,15070955,aktif\n' +
        '9120000000002,Toko Sumber Rezeki,3271011001,3,6,,\n' +
        '9120000000003,Warung Bu Siti,3271011001,3,6,15070956,nonaktif\n' +
        '9120000000004,Bengkel Jaya,3271011002,1,1,,\n',
    );
    expect((await store.importCsv({ kind: 'employers', path: employers })).import).toMatchObject({ kind: 'employers', rowsRead: 4, rowsRejected: 0 });
    const worklist = await store.employers({ region: '3271011001', status: 'unregistered' });
    expect(worklist.employers.map((e) => [e.id, e.reason])).toEqual([
      ['9120000000002', 'employer_without_npp'],
      ['9120000000003', 'employer_inactive'],
    ]);
    expect(worklist.employers[0]).toMatchObject({ villageName: 'Batu Tulis', rw: 3, rt: 6 });
    const first = await store.employers({ status: 'unregistered', limit: 2 });
    expect(first.employers).toHaveLength(2);
    const second = await store.employers({ status: 'unregistered', limit: 2, after: first.next! });
    expect(second).toEqual({ employers: [expect.objectContaining({ id: '9120000000004' })], next: null });
    expect((await store.employers({ region: '32.71.01.1001.003.005' })).employers.map((e) => e.id)).toEqual(['9120000000001']);
    const compliance = await store.compliance(['village']);
    expect(compliance.regions.find((r) => r.code === '32.71.01.1001')).toMatchObject({ employers: 3, registered: 1 });
  });

  it('gives a month-end series whose every point is the coverage on that date', async () => {
    const series = await store.series({ region: '32.71', level: 'city', from: '2017-01-01', to: '2017-12-31' });
    expect(series.map((p) => p.asOf)).toHaveLength(12);
    expect(series[1]!.asOf).toBe('2017-02-28');
    for (const point of [series[0]!, series[6]!, series[11]!]) {
      const on = await store.coverage({ asOf: point.asOf, levels: ['city', 'district'] });
      expect(point.region).toEqual(on.regions.find((r) => r.code === '32.71'));
      expect(point.children).toEqual(on.regions.filter((r) => r.level === 'district'));
    }
    // the account registered on 1 January and ended on 30 June: not active on the day it ended (core's rule)
    expect(series.map((p) => p.region!.covered)).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
  });
});
