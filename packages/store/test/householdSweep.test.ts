// Household stickers follow coverage whoever changes the data: the store itself revokes them after
// an import (as `cakupan import` does it, with no service running), a revert, and an event.
import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { todayIn } from '@cakupan/core';
import { writeSyntheticCity } from '@cakupan/core/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from '../src/index.js';
import { engines as enginesFor } from './databases.js';

const engines = await enginesFor('sweep');
const dir = mkdtempSync(join(tmpdir(), 'cakupan-sweep-'));
let files: { residents: string; participants: string };

beforeAll(async () => {
  files = (await writeSyntheticCity(join(dir, 'city'), { adults: 600, seed: 5, asOf: '2017-12-31' })).files;
});

describe.each(engines)('household sweep (%s)', (engine, url, shards) => {
  let store: Store;
  let serial = 1;
  beforeAll(async () => {
    store = await openStore({ databaseUrl: url, shards, dataDir: join(dir, `db-${engine}`) });
    await store.importCsv({ kind: 'residents', path: files.residents, asOf: '2017-12-31' });
    await store.importCsv({ kind: 'participants', path: files.participants, asOf: '2017-12-31' });
  });
  afterAll(() => store?.close());

  /** Records a sticker of `household` printed with the colour `registered`. */
  const print = async (household: { id: string; label: string; villageCode: string; rw: number; rt: number }, registered: boolean) => {
    const s = serial++;
    await store.stickers.record([{ serial: s, kind: 'household', subjectId: household.id, label: household.label, villageCode: household.villageCode, rw: household.rw, rt: household.rt, registered, reason: registered ? 'household_all_covered' : 'household_not_all_covered', issuedOn: '2026-01-01', validUntil: '2027-01-01', keyId: 'k1', source: 'test', facts: 'store' }]);
    return s;
  };

  /** A household of the city whose every adult is covered (`green`) or not (`red`) today. */
  const findHousehold = async (green: boolean) => {
    const today = todayIn('Asia/Jakarta');
    for (const village of (await store.coverage({ asOf: today, levels: ['village'] })).regions) {
      const found = (await store.households({ code: village.code, level: 'village' }, today)).find((h) => h.eligible > 0 && (h.covered === h.eligible) === green);
      if (found) return found;
    }
    throw new Error(`no ${green ? 'green' : 'red'} household`);
  };

  it('sweeps once participant events pause', async () => {
    const green = await findHousehold(true);
    const sticker = await print(green, true);
    // end every account of its members: the household is no longer all covered
    const [secret] = await store.db.query<{ value: string }>("select value from store_secrets where name = 'household_id'");
    const kks = await store.db.query<{ family_number: string }>('select distinct family_number from residents where family_number is not null');
    const kk = kks.map((r) => r.family_number).find((k) => createHmac('sha256', secret!.value).update(k).digest('base64url').slice(0, 22) === green.id)!;
    const accounts = await store.db.query<{ kpj: string }>('select p.kpj from residents r join participants p on p.nik = r.nik where r.family_number = $1 and p.ended_on is null', [kk]);
    expect(accounts.length).toBeGreaterThan(0);
    for (const [i, a] of accounts.entries()) await store.applyParticipantEvent({ type: 'ended', eventId: `sweep-${engine}-${i}`, kpj: a.kpj, occurredOn: '2020-01-01' });
    await vi.waitFor(async () => expect((await store.stickers.get(sticker))!.revokedReason).toBe('coverage changed after printing: household_not_all_covered'), { timeout: 10_000, interval: 50 });
  });

  it('revokes, before a revert and an import return, the household stickers whose colour they changed', async () => {
    const green = await findHousehold(true);
    const red = await findHousehold(false);
    const greenSticker = await print(green, true);
    const redSticker = await print(red, false);
    // the accounts reverted: every household is red, the green sticker no longer tells the truth
    const [participants] = await store.imports({ limit: 1 });
    expect(participants!.kind).toBe('participants');
    await store.revertImport(participants!.id, 'test');
    expect((await store.stickers.get(greenSticker))!.revokedAt).not.toBeNull();
    expect((await store.stickers.get(redSticker))!.revokedAt).toBeNull();
    // the same export imported again (as `cakupan import` does, no service running): the household is green once more
    const again = await print(green, false);
    const imported = await store.importCsv({ kind: 'participants', path: files.participants, asOf: '2017-12-31' });
    expect(imported.duplicate).toBe(false);
    expect((await store.stickers.get(again))!.revokedReason).toBe('coverage changed after printing: household_all_covered');
    expect((await store.stickers.get(redSticker))!.revokedAt).toBeNull();
  });
});

describe('today', () => {
  it('is the calendar date of the store’s time zone: an export dated today there is not in the future', async () => {
    // UTC+14: for ten hours of every day its date is ahead of UTC's
    const timeZone = 'Pacific/Kiritimati';
    const store = await openStore({ dataDir: join(dir, 'db-tz'), timeZone });
    try {
      const today = todayIn(timeZone);
      const imported = await store.importCsv({ kind: 'residents', path: files.residents, asOf: today });
      expect(imported.import?.asOf).toBe(today);
      const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      await expect(store.importCsv({ kind: 'residents', path: files.residents, asOf: tomorrow })).rejects.toThrow(/in the future/);
    } finally {
      await store.close();
    }
  });
});
