// The embedded database is supervised: a process that dies (kill -9) or stops answering (SIGSTOP)
// fails requests at once with StoreUnavailableError — never a hang, never an error of another kind —
// and is started again by itself, with every committed row and none of an open transaction.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openDb, type OwnedDb, StoreUnavailableError } from '../src/index.js';

/** The database process the lock file of `dataDir` names. */
function databasePid(dataDir: string): number {
  const [, helper] = readFileSync(join(dataDir, 'store.lock'), 'utf8').trim().split(' ').map(Number);
  return helper!;
}

async function withDb(fn: (db: OwnedDb, dataDir: string) => Promise<void>, deadlineMs = 3_000): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cakupan-supervised-'));
  const db = await openDb({ dataDir, deadlineMs, bulkDeadlineMs: deadlineMs });
  try {
    await db.exec('create table t (n int primary key)');
    await db.query('insert into t values (1)');
    await fn(db, dataDir);
  } finally {
    await db.close();
  }
}

/** Waits until the database answers again, then returns the rows of t. */
async function healed(db: OwnedDb): Promise<number[]> {
  // under load a first query may still meet its deadline: asked again until it answers
  return vi.waitFor(async () => (await db.query<{ n: number }>('select n from t order by n')).map((r) => r.n), { timeout: 30_000, interval: 50 });
}

describe('the supervised embedded database', () => {
  it('answers 503-kind errors while its killed process restarts, then heals with the committed data and without the open transaction', async () => {
    await withDb(async (db, dataDir) => {
      const first = databasePid(dataDir);
      // a transaction is open in the process when it dies
      let killed!: () => void;
      const died = new Promise<void>((resolve) => (killed = resolve));
      const tx = db.transaction(async (t) => {
        await t.query('insert into t values (2)');
        process.kill(first, 'SIGKILL');
        killed();
        await t.query('insert into t values (3)');
      });
      await died;
      await expect(tx).rejects.toBeInstanceOf(StoreUnavailableError);
      // meanwhile (a new process takes ≥ 100 ms of backoff and a second to open): refused at once,
      // with a time to retry, and the health says so
      await expect(db.query('select 1')).rejects.toMatchObject({ name: 'StoreUnavailableError', retryAfterSeconds: expect.any(Number) });
      expect(await db.health()).toMatchObject({ status: 'restarting', reason: expect.stringContaining('SIGKILL') });
      expect(await healed(db)).toEqual([1]);
      expect(databasePid(dataDir)).not.toBe(first);
      expect((await db.health()).restarts).toBe(1);
    });
  });

  it('kills a stopped process (SIGSTOP) well within the deadline and starts it again', async () => {
    await withDb(async (db, dataDir) => {
      const first = databasePid(dataDir);
      process.kill(first, 'SIGSTOP');
      const started = Date.now();
      await expect(db.query('select n from t')).rejects.toBeInstanceOf(StoreUnavailableError);
      // the watchdog saw the stopped process: no wait for the 60 s deadline
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(await healed(db)).toEqual([1]);
      expect(databasePid(dataDir)).not.toBe(first);
    }, 60_000);
  });

  it('gives a silent process (nothing heard past the deadline) the same treatment', async () => {
    await withDb(async (db) => {
      // a statement that never ends keeps the process from answering anything
      const endless = db.query('select pg_sleep(3600)');
      await expect(endless).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(await healed(db)).toEqual([1]);
    }, 5_000);
  });

  it('does not take a long statement for a stuck process while it is within its own deadline', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cakupan-supervised-'));
    const db = await openDb({ dataDir, deadlineMs: 300, bulkDeadlineMs: 60_000 });
    try {
      const pid = databasePid(dataDir);
      // a bulk statement of about a second, and a query behind it with a shorter deadline
      const bulk = db.exec('select count(*) from generate_series(1, 6000000)');
      const behind = db.query('select 1 as one');
      await expect(behind).rejects.toBeInstanceOf(StoreUnavailableError);
      await bulk;
      expect(databasePid(dataDir)).toBe(pid);
      expect((await db.health()).restarts).toBe(0);
    } finally {
      await db.close();
    }
  });
});
