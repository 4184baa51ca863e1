// The field work on both engines: an installation sent again with its phone id is recorded once,
// two officers' installations of one sticker are both kept, a replaced sticker names its
// replacement, visits keep their outcome and follow-up date, and the progress per RW counts them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/index.js';
import { engines as enginesFor } from './databases.js';

const engines = await enginesFor('field_work');
const dir = mkdtempSync(join(tmpdir(), 'cakupan-store-field-'));
const sticker = (serial: number, subjectId: string, rw: number) => ({
  serial, kind: 'employer' as const, subjectId, label: `Toko ${subjectId}`, villageCode: '32.71.01.1008', rw, rt: 1, registered: false, reason: 'employer_without_npp',
  issuedOn: '2026-12-01', validUntil: '2027-12-01', keyId: 'ab', source: 'test', facts: 'store' as const,
});

describe.each(engines)('the field work (%s)', (engine, url, shards) => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ databaseUrl: url, shards, dataDir: join(dir, `db-${engine}`) });
    const employers = join(dir, `employers-${engine}.csv`);
    writeFileSync(employers, 'id,name,village_code,rw,rt\ne1,Toko e1,3271011008,1,1\ne2,Toko e2,3271011008,2,1\n');
    await store.importCsv({ kind: 'employers', path: employers, fileName: 'employers.csv', asOf: '2026-12-01' });
    await store.stickers.record([sticker(101, 'e1', 1), sticker(102, 'e2', 2)]);
    await store.stickers.record([sticker(103, 'e2', 2)]); // e2 printed again: 102 is replaced by 103
  });
  afterAll(async () => store.close());

  it('records an installation once per phone id, and keeps every officer’s', async () => {
    const at = '2026-12-03T09:15:00+07:00';
    const first = await store.field.install({ serial: 101, installedAt: at, by: 'andi', location: { latitude: -6.6, longitude: 106.8, accuracyM: 12 }, clientId: 'phone-0001' });
    const again = await store.field.install({ serial: 101, installedAt: at, by: 'andi', clientId: 'phone-0001' });
    expect(first.repeated).toBe(false);
    expect(again).toMatchObject({ repeated: true, installation: { id: first.installation.id } });
    await store.field.install({ serial: 101, installedAt: at, by: 'budi', clientId: 'phone-0001' });
    const all = await store.field.installations(101);
    expect(all.map((i) => [i.recordedBy, i.location])).toEqual([
      ['andi', { latitude: -6.6, longitude: 106.8, accuracyM: 12 }],
      ['budi', null],
    ]);
    expect(await store.field.replacementOf(102)).toBe(103);
    expect(await store.field.replacementOf(103)).toBeNull();
  });

  it('keeps visits with their outcome and follow-up date, and counts the progress per RW', async () => {
    await store.field.visit({ employerId: 'e2', outcome: 'will_register', followUpOn: '2026-12-01', visitedAt: '2026-11-20T10:00:00+07:00', by: 'andi' });
    expect((await store.field.visits('e2')).map((v) => [v.outcome, v.followUpOn])).toEqual([['will_register', '2026-12-01']]);
    const { level, rows } = await store.field.progress('32.71.01.1008');
    expect(level).toBe('rw');
    expect(rows.map((r) => [r.code, r.printed, r.inForce, r.installed, r.notInstalled, r.visited])).toEqual([
      ['32.71.01.1008.001', 1, 1, 1, 0, 0],
      ['32.71.01.1008.002', 2, 1, 0, 1, 1],
    ]);
  });
});
