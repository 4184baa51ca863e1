// The store on both engines: PGlite always; PostgreSQL when DATABASE_URL is set (CI sets it, and
// requires it). Coverage from the store must equal core's coverage from the same CSV files.
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coverageFromCsv, CsvFormatError, writeSyntheticCity } from '@cakupan/core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeCoverage } from '@cakupan/core';
import { CoverageCache, DatabaseCoverage, ImportConflictError, importRejectsCsvChunks, openStore, type Store } from '../src/index.js';
import { engines as enginesFor } from './databases.js';

const engines = await enginesFor('store');

const dir = mkdtempSync(join(tmpdir(), 'cakupan-store-'));
let city: { residents: string; participants: string };

// The dates the store's coverage is compared with core's on, and the edges planted around them.
const DATES = ['2017-12-31', '2017-06-30', '2018-02-28', '2018-03-01'];

beforeAll(async () => {
  const written = await writeSyntheticCity(join(dir, 'city'), { adults: 3000, seed: 7, asOf: '2017-12-31' });
  city = { residents: written.files.residents, participants: written.files.participants };
  plantEdges(city);
});

/**
 * Adds to the synthetic city (which has duplicates, commuters, inactive and ended accounts, several
 * accounts per person and under-age participants) the calendar's edges: on each date, residents
 * turning 18 the day before, on the day and the day after; people born on 29 February (eligible
 * from 1 March in a common year); accounts registered after a date, ending on one, and a
 * registration with no birth date in the register (the NIK's is used).
 */
function plantEdges(files: { residents: string; participants: string }) {
  const residents: string[] = [];
  const participants: string[] = [];
  let serial = 9000;
  const person = (birth: string, account: { registeredOn?: string; endedOn?: string; segment?: string } | null, registerBirth = birth) => {
    const [y, m, d] = birth.split('-');
    const nik = `327106${d}${m}${y!.slice(2)}${++serial}`;
    residents.push(`${nik},,Tepi ${serial},${registerBirth},male,3271061001,001,001,${['KARYAWAN SWASTA', '', '2'][serial % 3]}`);
    if (account) participants.push(`${nik},8${String(serial).padStart(10, '0')},${account.segment ?? 'BPU'},aktif,${account.registeredOn ?? '2010-01-01'},${account.endedOn ?? ''},`);
  };
  for (const date of DATES) {
    const t = Date.parse(`${Number(date.slice(0, 4)) - 18}${date.slice(4)}T00:00:00Z`);
    for (const days of [-1, 0, 1]) person(new Date(t + days * 86400000).toISOString().slice(0, 10), {});
    person('1990-01-01', { registeredOn: date, segment: 'PU' }); // active from its first day
    person('1990-01-02', { endedOn: date, segment: 'JAKON' }); // not active on the day it ended
  }
  person('2000-02-29', {});
  person('1996-02-29', { segment: 'PMI' });
  person('1985-05-05', { registeredOn: '2018-01-15' }); // a future account on the earlier dates
  person('1999-12-31', {}, ''); // no birth date in the register
  appendFileSync(files.residents, residents.join('\n') + '\n');
  appendFileSync(files.participants, participants.join('\n') + '\n');
}

describe.each(engines)('the store on %s', (engine, url, shards) => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ databaseUrl: url, shards, dataDir: join(dir, `db-${engine}`) });
  });
  afterAll(() => store?.close());

  it('imports the exports in bulk and records each import', async () => {
    const r = await store.importCsv({ kind: 'residents', path: city.residents, asOf: '2017-12-31', apiKeyLabel: 'test' });
    const p = await store.importCsv({ kind: 'participants', path: city.participants, asOf: '2017-12-31' });
    // rows read / used / rejected as core counts them on the export's date, every rejected row listed by line
    const fromCsv = await coverageFromCsv({ residents: city.residents, participants: city.participants, asOf: '2017-12-31' });
    expect(r.import).toMatchObject({ rowsRead: fromCsv.records.residents.read, rowsUsed: fromCsv.records.residents.used, rowsRejected: fromCsv.records.residents.rejected });
    expect(p.import).toMatchObject({ rowsRead: fromCsv.records.participants.read, rowsUsed: fromCsv.records.participants.used, rowsRejected: fromCsv.records.participants.rejected });
    expect(fromCsv.records.residents.rejected).toBeGreaterThan(0);
    const listed = (await store.importRejectsCsv(r.import.id)).trim().split('\n').slice(1).map((l) => l.split(',').slice(0, 3).join(','));
    expect(listed).toEqual(fromCsv.rejected.residents.map((x) => [x.line, x.column, x.code].join(',')));
    expect(r).toMatchObject({ duplicate: false, import: { kind: 'residents', status: 'applied', asOf: '2017-12-31', apiKeyLabel: 'test' } });
    expect(r.import.rowsRead).toBe(r.import.rowsUsed + r.import.rowsRejected);
    expect(r.import.sha256).toMatch(/^[0-9a-f]{64}$/);
    // started when the import began, finished when it was applied (not one transaction timestamp)
    expect(Date.parse(r.import.finishedAt!)).toBeGreaterThan(Date.parse(r.import.startedAt));
    expect(p.import.rowsRead).toBeGreaterThan(0);
    expect((await store.imports()).map((i) => i.kind)).toEqual(['participants', 'residents']);
    // and in the audit log: who imported what, how many rows
    const log = await store.auditLog();
    expect(log.map((e) => [e.action, e.subject, e.actor, e.count])).toEqual([
      ['import', 'participants participants.csv', null, p.import.rowsRead],
      ['import', 'residents residents.csv', 'test', r.import.rowsRead],
    ]);
  });


  it('gives an import’s rejects a piece at a time, each line whole, the same CSV as at once', async () => {
    const latest = (await store.imports()).find((i) => i.kind === 'residents' && i.rowsRejected > 2);
    // several rejects of one line, across the pieces' boundary
    for (const column of ['a', 'b', 'c']) {
      await store.db.query(`insert into import_rejects (import_id, line, column_name, code, message) values ($1, 999999, $2, 'invalid_value', 'x, "y"')`, [latest!.id, column]);
    }
    const pieces: string[] = [];
    for await (const piece of importRejectsCsvChunks(store.db, latest!.id, 2)) pieces.push(piece);
    expect(pieces.join('')).toBe(await store.importRejectsCsv(latest!.id));
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.at(-1)).toContain('999999,a,');
    expect(pieces.at(-1)).toContain('999999,c,');
    await store.db.query('delete from import_rejects where import_id = $1 and line = 999999', [latest!.id]);
  });
  it('answers coverage equal to core’s from the same files, at every level and several dates', async () => {
    for (const asOf of DATES) {
      const fromStore = await store.coverage({ asOf });
      const fromCsv = await coverageFromCsv({ residents: city.residents, participants: city.participants, asOf });
      expect(fromStore.levels).toEqual(['province', 'city', 'district', 'village', 'rw', 'rt']);
      expect(fromStore.regions, asOf).toEqual(fromCsv.regions);
      expect(fromStore.totals).toEqual(fromCsv.totals);
      expect(fromStore.linkage).toEqual(fromCsv.linkage);
      expect(fromStore.records).toEqual(fromCsv.records);
      // the occupations the register holds make the workers figures, as core's
      expect(fromStore.totals.workers).toBeGreaterThan(0);
    }
    // the planted edges are in the figures: the 29 February birthday and the 18th birthdays move the RT
    const rt = async (asOf: string) => (await store.coverage({ asOf, levels: ['rt'] })).regions.find((r) => r.code === '32.71.06.1001.001.001')!;
    expect((await rt('2018-03-01')).eligible).toBeGreaterThan((await rt('2018-02-28')).eligible);
  });

  it('computes the same coverage in the database (SQL next to the data) as core in memory, with a policy too', async () => {
    const inDatabase = new DatabaseCoverage(store.db, { byBucket: store.layout === 'sharded' });
    const inMemory = new CoverageCache(store.db);
    for (const asOf of DATES) {
      for (const policy of [undefined, { minAge: 20, maxAge: 60, segmentPrecedence: ['BPU', 'PMI', 'JAKON', 'PU'] as const }]) {
        const sql = await inDatabase.quality({ asOf, policy: policy && { ...policy, segmentPrecedence: [...policy.segmentPrecedence] } });
        const core = await inMemory.quality({ asOf, policy: policy && { ...policy, segmentPrecedence: [...policy.segmentPrecedence] } });
        expect(sql.report.regions, asOf).toEqual(core.report.regions);
        expect(sql.report.totals).toEqual(core.report.totals);
        expect(sql.report.linkage).toEqual(core.report.linkage);
        expect(sql.report.records).toEqual(core.report.records);
        expect(sql.regions).toEqual(core.regions);
      }
    }
    expect((await inDatabase.regionsOnDates(DATES)).map((r) => r.length)).toEqual((await inMemory.regionsOnDates(DATES)).map((r) => r.length));
  });

  it('lists the records core rejects, by their line in the import, as in the file (core in memory)', async () => {
    const inMemory = new CoverageCache(store.db);
    for (const asOf of DATES) {
      const fromStore = await inMemory.report({ asOf });
      const fromCsv = await coverageFromCsv({ residents: city.residents, participants: city.participants, asOf });
      expect(fromStore.rejected.residents.length).toBeGreaterThan(0);
      expect(fromStore.birthDateMismatches.length).toBeGreaterThan(0);
      const core = new Set(fromStore.rejected.residents.map((r) => r.code));
      expect(fromStore.rejected.residents.map((r) => [r.ref, r.code])).toEqual(fromCsv.rejected.residents.filter((r) => core.has(r.code as never)).map((r) => [r.line, r.code]));
      expect(fromStore.birthDateMismatches.map((m) => m.ref)).toEqual(fromCsv.birthDateMismatches.map((m) => m.ref));
    }
  });

  // the home-made split of one server's store (a sharded store shards in the database instead)
  it.runIf(engine !== 'sharded')('splits into shards by NIK whose merged reports equal the whole store’s', async () => {
    for (const asOf of ['2017-12-31', '2018-03-01']) {
      const whole = await new CoverageCache(store.db).report({ asOf });
      const shards = await Promise.all([0, 1, 2, 3].map((index) => new CoverageCache(store.db, { shard: { count: 4, index } }).report({ asOf })));
      expect(shards.map((r) => r.records.residents.read).every((n) => n > 0 && n < whole.records.residents.read)).toBe(true);
      const merged = mergeCoverage(shards);
      expect(merged.regions).toEqual(whole.regions);
      expect(merged.totals).toEqual(whole.totals);
      expect(merged.linkage).toEqual(whole.linkage);
      expect(merged.records).toEqual(whole.records);
      const byLine = (rs: readonly { ref?: string | number; code?: string }[]) => rs.map((r) => `${r.ref} ${r.code ?? ''}`).sort();
      expect(byLine(merged.rejected.residents)).toEqual(byLine(whole.rejected.residents));
      expect(byLine(merged.birthDateMismatches)).toEqual(byLine(whole.birthDateMismatches));
    }
    expect(() => new CoverageCache(store.db, { shard: { count: 4, index: 4 } })).toThrow(RangeError);
    // the register read back a few hundred lines per COPY gives the same report as read whole
    const stretched = await new CoverageCache(store.db, { linesPerCopy: 257 }).report({ asOf: '2017-12-31' });
    const fresh = await new CoverageCache(store.db).report({ asOf: '2017-12-31' });
    expect(stretched.records.residents.read).toBeGreaterThan(257 * 4);
    expect(stretched).toEqual(fresh);
    expect(fresh).toEqual(await store.coverage({ asOf: '2017-12-31' }));
  });

  it('counts the households of a village as the coverage report counts their members, naming none by NIK or KK', async () => {
    const report = await store.coverage({ asOf: '2017-12-31', levels: ['village', 'rt'] });
    const village = report.regions.find((r) => r.level === 'village' && r.code !== '32.71.06.1001' && r.eligible > 20)!;
    const households = await store.households({ code: village.code, level: 'village' }, '2017-12-31');
    expect(households.length).toBeGreaterThan(5);
    for (const rt of report.regions.filter((r) => r.level === 'rt' && r.parentCode?.startsWith(`${village.code}.`))) {
      const [, , , , rw, unit] = rt.code.split('.');
      const here = households.filter((h) => h.rw === Number(rw) && h.rt === Number(unit));
      // every member of a household lives where the household does in the synthetic register
      expect([here.reduce((n, h) => n + h.eligible, 0), here.reduce((n, h) => n + h.covered, 0)], rt.code).toEqual([rt.eligible, rt.covered]);
    }
    expect(households.every((h) => /^RT \d{3}\/RW \d{3} no\. \d+$/.test(h.label) && h.covered <= h.eligible && h.eligible <= h.members)).toBe(true);
    const oneRt = await store.households({ code: `${village.code}.${String(households[0]!.rw).padStart(3, '0')}.${String(households[0]!.rt).padStart(3, '0')}`, level: 'rt' }, '2017-12-31');
    expect(oneRt).toEqual(households.filter((h) => h.rw === households[0]!.rw && h.rt === households[0]!.rt));
  });

  it('hands out sticker serials a block at a time from 1, above those issued before the register, never back', async () => {
    await store.stickers.serialsAbove(0);
    expect(await store.stickers.reserveSerialBlock()).toBe(1);
    expect(await store.stickers.reserveSerialBlock()).toBe(65);
    await store.stickers.serialsAbove(500); // a counter file had issued serials up to 500
    const next = await store.stickers.reserveSerialBlock();
    expect(next).toBeGreaterThan(500);
    await store.stickers.serialsAbove(100);
    expect(await store.stickers.reserveSerialBlock()).toBe(next + 64);
  });

  it.runIf(engine === 'postgres')('reflects at once what another service instance on the same server commits', async () => {
    const other = await openStore({ databaseUrl: url, shards, dataDir: join(dir, 'unused') });
    try {
      const covered = async () => (await store.coverage({ asOf: '2017-12-31', levels: ['city'] })).totals.covered;
      const before = await covered();
      const ended = await other.db.query<{ kpj: string }>(
        `select p.kpj from participants p join residents r on r.nik = p.nik where p.status = 'aktif' and p.ended_on is null and p.segment = 'PU' and r.birth_date < '1990-01-01'
         and (select count(*) from participants q where q.nik = p.nik) = 1 and (select count(*) from residents q where q.nik = p.nik) = 1 order by p.kpj limit 1`,
      );
      // an account of a covered adult ends through the other instance: one fewer covered, here, at once
      await other.applyParticipantEvent({ type: 'ended', eventId: `x-${ended[0]!.kpj}`, kpj: ended[0]!.kpj, occurredOn: '2017-01-01' });
      const after = await covered();
      expect(after).toBe(before - 1);
      const fromCsv = await coverageFromCsv({ residents: city.residents, participants: city.participants, asOf: '2017-12-31', levels: ['city'] });
      expect(before).toBe(fromCsv.totals.covered);
      // and the report is core's on the accounts as they now are (the file with that account ended)
      const changed = join(dir, 'participants-ended.csv');
      const lines = readFileSync(city.participants, 'utf8').split('\n');
      writeFileSync(changed, lines.map((l) => (l.split(',')[1] === ended[0]!.kpj ? l.replace(/,(\d{4}-\d{2}-\d{2})?,,(\d*)$/, ',$1,2017-01-01,$2') : l)).join('\n'));
      expect(readFileSync(changed, 'utf8')).not.toBe(lines.join('\n'));
      const expected = await coverageFromCsv({ residents: city.residents, participants: changed, asOf: '2017-12-31', levels: ['city'] });
      expect(after).toBe(expected.totals.covered);
    } finally {
      await other.close();
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
    // it would remove nearly the whole register: refused, with the dry run's figures and a token
    const refused = await store.importCsv({ kind: 'residents', path: some }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(ImportConflictError);
    const preview = (refused as ImportConflictError).preview;
    expect(preview.guards.map((g) => g.code)).toEqual(['removes_much']);
    expect(preview.register).toEqual([expect.objectContaining({ region: '32.71', after: 1 })]);
    expect(preview.register![0]!.removed / preview.register![0]!.before).toBeGreaterThan(0.99);
    expect(await store.coverage({ asOf: '2017-12-31', levels: ['city'] })).toEqual(before);
    const imported = await store.importCsv({ kind: 'residents', path: some, confirm: preview.confirm! });
    expect(imported.import).toMatchObject({ rowsRead: 2, rowsUsed: 1, rowsRejected: 1 });
    expect(await store.importRejectsCsv(imported.import.id)).toBe('line,column,code,message\n3,*,wrong_field_count,"row has 4 fields, the header has 5"\n');
    // a residents import replaces the register of its city
    expect((await store.coverage({ asOf: '2017-12-31', levels: ['city'] })).totals.residents).toBe(1);
  });

  it('applies participant events at once, once each, and keeps them', async () => {
    // the kept regions of a date follow every event (read first, so that a stale copy would show)
    const covered = async (asOf: string) => {
      const kept = (await store.regionsOn(asOf)).find((r) => r.code === '32.71')?.covered;
      const computed = (await store.coverage({ asOf, levels: ['city'] })).totals.covered;
      expect(kept).toBe(computed);
      return computed;
    };
    expect(await covered('2017-12-31')).toBe(0); // the one resident left has no account
    const registered = { type: 'registered', eventId: `e1-${engine}`, kpj: '90000000001', nik: '3271011705900001', segment: 'BPU', occurredOn: '2017-01-01' } as const;
    expect(await store.applyParticipantEvent(registered, 'test')).toEqual({ applied: true });
    expect(await covered('2017-12-31')).toBe(1);
    expect(await store.applyParticipantEvent(registered, 'test')).toEqual({ applied: false }); // the same sender's id again
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

  it('revokes the stickers of employers whose status an import changes, and only those', async () => {
    const first = await store.stickers.reserveSerialBlock();
    const sticker = (serial: number, id: string, registered: boolean) => ({
      serial, kind: 'employer' as const, subjectId: id, label: id, villageCode: '3271011001', rw: 3, rt: 5, registered,
      reason: registered ? 'employer_registered' : 'employer_without_npp', issuedOn: '2026-11-01', validUntil: '2027-11-01', keyId: 'k', source: 'test', facts: 'store' as const,
    });
    await store.stickers.record([sticker(first, '9120000000001', true), sticker(first + 1, '9120000000002', false), sticker(first + 2, '9120000000004', false)]);
    const changed = join(dir, `employers-changed-${engine}.csv`);
    // 001 lapses, 002 registers, 004 stays without an NPP
    writeFileSync(changed, 'id,name,village_code,rw,rt,npp,status\n9120000000001,CV Maju Jaya,3271011001,3,5,15070955,nonaktif\n9120000000002,Toko Sumber Rezeki,3271011001,3,6,15070957,aktif\n9120000000004,Bengkel Jaya,3271011002,1,1,,\n');
    await store.importCsv({ kind: 'employers', path: changed, apiKeyLabel: 'disnaker' });
    const after = await Promise.all([first, first + 1, first + 2].map((serial) => store.stickers.get(serial)));
    expect(after.map((s) => s?.revokedReason ?? null)).toEqual(['status changed after printing: employer_inactive', 'status changed after printing: employer_registered', null]);
    expect(after[0]!.revokedBy).toBe('disnaker');
  });
  it('revokes, as replaced, the earlier stickers of the same subjects and nothing else', async () => {
    const printed = (serial: number, kind: 'employer' | 'household', subjectId: string | null, label: string, rw: number | null, rt: number | null) => ({
      serial, kind, subjectId, label, villageCode: '3271021003', rw, rt, registered: true,
      reason: kind === 'employer' ? 'employer_registered' : 'household_all_covered', issuedOn: '2026-11-01', validUntil: '2027-11-01', keyId: 'k', source: `job of ${serial}`, facts: 'store' as const,
    });
    const subjects = [
      ['employer', '9120000000501', 'CV Satu', 3, 5],
      ['household', null, 'H-1', 1, 2],
      ['household', null, 'H-1', 1, 3], // the same label in another RT: another household
      ['household', null, 'H-2', null, null], // no RW/RT known
      ['household', 'kk-hash-7', 'H-3', 1, 2], // a household known by id
    ] as const;
    const earlier = await store.stickers.reserveSerialBlock();
    await store.stickers.record(subjects.map(([kind, id, label, rw, rt], k) => printed(earlier + k, kind, id, label, rw, rt)));
    // a later job reprints the first, second, fourth and fifth; the same job holds the second twice
    const later = await store.stickers.reserveSerialBlock();
    const again = [subjects[0], subjects[1], subjects[3], subjects[4]];
    await store.stickers.record(again.map(([kind, id, label, rw, rt], k) => printed(later + k, kind, id, label, rw, rt)), later);
    const [kind, id, label, rw, rt] = subjects[1];
    await store.stickers.record([printed(later + 4, kind, id, label, rw, rt)], later);
    const reasons = async (serials: number[]) => (await Promise.all(serials.map((s) => store.stickers.get(s)))).map((s) => s?.revokedReason ?? null);
    expect(await reasons([0, 1, 2, 3, 4].map((k) => earlier + k))).toEqual([
      `replaced by serial ${later}`,
      expect.stringMatching(new RegExp(`^replaced by serial (${later + 1}|${later + 4})$`)),
      null,
      `replaced by serial ${later + 2}`,
      `replaced by serial ${later + 3}`,
    ]);
    // a job never revokes its own stickers
    expect(await reasons([0, 1, 2, 3, 4].map((k) => later + k))).toEqual([null, null, null, null, null]);
  });
});
