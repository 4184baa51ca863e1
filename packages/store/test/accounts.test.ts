// Accounts, sessions and requisitions on both engines: the lockout counts in the database (so
// every instance sharing it counts alike), a reset lifts it, ending an account's sessions reaches
// the sessions kept, usernames and keys' labels are one namespace, and a requisition is decided
// once, by someone other than who asked.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCKOUT, openStore, type Store } from '../src/index.js';
import { engines as enginesFor } from './databases.js';

const engines = await enginesFor('accounts');
const dir = mkdtempSync(join(tmpdir(), 'cakupan-store-accounts-'));

describe.each(engines)('accounts and requisitions (%s)', (engine, url, shards) => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ databaseUrl: url, shards, dataDir: join(dir, `db-${engine}`) });
  });
  afterAll(async () => store.close());

  it('locks after repeated wrong passwords, even against the right one, until a reset', async () => {
    await store.accounts.add({ username: 'rina', name: 'Rina', role: 'analyst', scope: '32.71', password: 'panjang sekali 1', by: 'admin' });
    expect(await store.accounts.signInWithPassword('rina', 'panjang sekali 1')).toMatchObject({ ok: true, account: { username: 'rina', role: 'analyst', scope: '32.71' } });
    for (let i = 1; i < LOCKOUT.attempts; i++) expect(await store.accounts.signInWithPassword('rina', 'wrong')).toEqual({ ok: false, reason: 'wrong' });
    expect(await store.accounts.signInWithPassword('rina', 'wrong')).toMatchObject({ ok: false, reason: 'locked' });
    expect(await store.accounts.signInWithPassword('rina', 'panjang sekali 1')).toMatchObject({ ok: false, reason: 'locked' });
    await store.accounts.resetPassword('rina', 'sementara sekali 2', 'admin');
    expect(await store.accounts.signInWithPassword('rina', 'sementara sekali 2')).toMatchObject({ ok: true, account: { mustChangePassword: true } });
    await expect(store.accounts.resetPassword('rina', 'short', 'admin')).rejects.toThrow(/at least 10/);
  });

  it('ends an account’s sessions when its role changes, and keeps sessions only until they expire', async () => {
    await store.sessions.set('sid-1', { person: { username: 'rina' } }, new Date(Date.now() + 60_000));
    await store.sessions.set('sid-old', { person: { username: 'other' } }, new Date(Date.now() - 1000));
    expect(await store.sessions.get('sid-1')).toEqual({ person: { username: 'rina' } });
    expect(await store.sessions.get('sid-old')).toBeUndefined();
    await store.accounts.change('rina', { role: 'city_officer' }, 'admin');
    expect(await store.sessions.get('sid-1')).toBeUndefined();
    expect((await store.db.query<{ id_hash: string }>('select id_hash from sessions')).map((r) => r.id_hash)).not.toContain('sid-1');
  });

  it('keeps usernames and keys’ labels apart', async () => {
    await store.apiKeys.add({ label: 'feed', role: 'bpjs_branch', scope: '32.71', by: 'admin' });
    await expect(store.accounts.add({ username: 'feed', name: 'x', role: 'analyst', scope: null, by: 'admin' })).rejects.toThrow(/API key/);
    await expect(store.apiKeys.add({ label: 'rina', role: 'analyst', scope: null, by: 'admin' })).rejects.toThrow(/username/);
  });

  it('decides a requisition once, by someone other than who asked', async () => {
    const asked = await store.requisitions.request({ regionCode: '3271011008', kind: 'employer', by: 'siti' });
    expect(asked).toMatchObject({ regionCode: '32.71.01.1008', status: 'requested' });
    await expect(store.requisitions.approve(asked.id, 'siti', { subjects: [], subjectIds: null, green: 0, red: 0 })).rejects.toThrow(/another officer/);
    const approved = await store.requisitions.approve(asked.id, 'wati', { subjects: [{ kind: 'employer' }], subjectIds: null, green: 1, red: 0 });
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'wati', green: 1 });
    await expect(store.requisitions.decline(asked.id, 'budi', 'late')).rejects.toThrow(/approved already/);
    expect(await store.requisitions.list({ scope: '32.71.02', approvedOnly: false })).toEqual([]);
    expect((await store.requisitions.list({ scope: '32.71', approvedOnly: true })).map((r) => r.id)).toEqual([asked.id]);
  });
});
