// The embedded database (PGlite) runs in a process of its own: the store's process answers while a
// statement runs, errors keep PostgreSQL's fields, a store left open does not hold a program, and a
// database process left behind by a killed owner ends before the folder is opened again.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { openDb } from '../src/index.js';

const DIST = new URL('../dist/index.js', import.meta.url).href;

/** Whether `pid` runs (a zombie does not). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return false;
  }
}

/** The database process the lock file of `dataDir` names. */
/** The CPU time a process has used, in clock ticks (user + system, /proc/<pid>/stat). */
function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function databasePid(dataDir: string): number {
  const [, helper] = readFileSync(join(dataDir, 'store.lock'), 'utf8').trim().split(' ').map(Number);
  expect(helper).toBeGreaterThan(0);
  return helper!;
}

/** Runs `code` (an ES module, `openDb` imported from dist) in a node process; resolves at its first line of output. */
function program(code: string) {
  const child = spawn(process.execPath, ['--input-type=module', '-e', `import { openDb } from ${JSON.stringify(DIST)};\n${code}`], { stdio: ['ignore', 'pipe', 'inherit'] });
  const firstLine = new Promise<string>((resolve) => {
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += String(b);
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
  });
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += String(b)));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, firstLine, exit, output: () => output };
}

describe('the embedded database process', () => {
  it('leaves the store’s process free to answer while a statement runs', async () => {
    const db = await openDb({ dataDir: mkdtempSync(join(tmpdir(), 'cakupan-embedded-')) });
    try {
      // a statement of about a second: in one process with PGlite nothing else ran until it ended
      const statement = db.query<{ n: string }>('select count(*)::text as n from generate_series(1, 5000000)').then((rows) => rows[0]!.n);
      const first = await Promise.race([statement.then(() => 'statement'), sleep(50).then(() => 'timer')]);
      expect(first).toBe('timer');
      expect(await statement).toBe('5000000');
    } finally {
      await db.close();
    }
  });

  it('reports PostgreSQL’s errors with their fields, and rolls back a transaction that throws', async () => {
    const db = await openDb({ dataDir: mkdtempSync(join(tmpdir(), 'cakupan-embedded-')) });
    try {
      await expect(db.query('select 1/0')).rejects.toMatchObject({ message: 'division by zero', code: '22012' });
      await db.exec('create table t (n int primary key)');
      await expect(
        db.transaction(async (tx) => {
          await tx.query('insert into t values (1)');
          await tx.query('insert into t values (1)');
        }),
      ).rejects.toMatchObject({ code: '23505', constraint: 't_pkey' });
      await expect(
        db.transaction(async (tx) => {
          await tx.query('insert into t values (2)');
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      // an input that fails as soon as it is handed over: its error is the copy's, not an unhandled one
      const input = new PassThrough();
      const copying = db.copyCsv('t', ['n'], input);
      input.destroy(new Error('the file could not be read'));
      await expect(copying).rejects.toThrow('the file could not be read');
      // statements run together in one transaction: all or nothing
      await expect(
        db.atomically([
          { sql: 'insert into t values ($1)', params: [4] },
          { copyCsv: { table: 't', columns: ['n'], csv: '5\n4\n' } },
        ]),
      ).rejects.toMatchObject({ code: '23505' });
      // bytes and dates travel as they do within one process
      await db.atomically([{ sql: 'insert into t values ($1)', params: [3] }]);
      const [row] = await db.query<{ b: Uint8Array; n: number }>("select '\\x0102'::bytea as b, count(*)::int as n from t");
      expect([...row!.b]).toEqual([1, 2]);
      expect(row!.n).toBe(1);
      expect((await db.copyOutCsv('select n from t')).toString()).toBe('n\n3\n');
    } finally {
      await db.close();
    }
  });

  it('keeps a program running until its close has ended the database process', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cakupan-embedded-'));
    const run = program(`const db = await openDb({ dataDir: ${JSON.stringify(dataDir)} });
await db.query('select 1');
await db.close();
console.log('closed');`);
    expect(await run.exit).toBe(0);
    expect(run.output()).toBe('closed\n');
  });

  it('does not keep a program running when the store is left open, and ends with it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cakupan-embedded-'));
    const run = program(`const db = await openDb({ dataDir: ${JSON.stringify(dataDir)} });
await db.exec('create table t (n int)');
await db.query('insert into t values (7)');
console.log('open');`);
    expect(await run.firstLine).toBe('open');
    const helper = databasePid(dataDir);
    expect(await run.exit).toBe(0);
    await expect.poll(() => running(helper), { timeout: 10_000, interval: 20 }).toBe(false);
    const db = await openDb({ dataDir });
    try {
      expect(await db.query('select n from t')).toEqual([{ n: 7 }]);
    } finally {
      await db.close();
    }
  });

  it('stops a database process left at work by an owner that was killed, before opening the folder again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cakupan-embedded-'));
    const run = program(`const db = await openDb({ dataDir: ${JSON.stringify(dataDir)} });
await db.exec('create table t (n int)');
await db.query('insert into t values (7)');
await db.transaction(async (tx) => {
  await tx.query('insert into t values (8)');
  const long = tx.query('select count(*) from generate_series(1, 500000000)');
  console.log('sent');
  await long;
});`);
    expect(await run.firstLine).toBe('sent');
    const helper = databasePid(dataDir);
    // the statement has begun once the database process works: its CPU time grows
    const start = cpuTicks(helper);
    await expect.poll(() => cpuTicks(helper), { timeout: 20_000, interval: 20 }).toBeGreaterThan(start + 20);
    run.child.kill('SIGKILL');
    await run.exit;
    // the owner is gone, its database process is still inside the long statement
    expect(running(helper)).toBe(true);
    const db = await openDb({ dataDir });
    try {
      expect(running(helper)).toBe(false);
      // the killed owner's transaction never committed
      expect(await db.query('select n from t order by n')).toEqual([{ n: 7 }]);
    } finally {
      await db.close();
    }
  });
});
