/**
 * One SQL dialect, two engines: PostgreSQL (≥ 15) through `pg` when given a `postgres://` URL, and
 * PGlite (Postgres compiled to WebAssembly) in a folder as the embedded default. Both are used
 * through this small interface: parameterised queries, bulk loading by COPY, transactions.
 *
 * The embedded database runs in a child process of its own (`pgliteServer.mjs`), spoken to over
 * the IPC channel, for two reasons: PGlite runs each statement synchronously, so in the service's
 * process an import or a report query stopped every HTTP answer (a QR scan included) until it was
 * done; and its WebAssembly memory (≥ 128 MB, grown by imports, never given back) counted against
 * the service's own. The child ends with its parent.
 */
import { fork, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { recordLockHelper, settleLeftHelper, takeProcessLock } from './processLock.js';

/** A connection to the store's database (or a transaction on it). */
export interface Db {
  readonly engine: 'pglite' | 'postgres';
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs several statements (no parameters), e.g. a migration. */
  exec(sql: string): Promise<void>;
  /**
   * Loads CSV (no header) into `table (columns)` by COPY: one text, or pieces as they come (a
   * PostgreSQL server parses them meanwhile; PGlite takes them all at the end).
   */
  copyCsv(table: string, columns: readonly string[], csv: string | AsyncIterable<string | Buffer>): Promise<void>;
  /** The rows of `select` as CSV with a header line, by COPY (the fast way to read many rows). */
  copyOutCsv(select: string): Promise<Buffer>;
  /** Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * Runs `steps` in order in one transaction (inside `transaction`, in that one): for statements
   * that need nothing from each other's results. The embedded database runs them in one request,
   * so its single session is held for the statements only, not for round trips between them.
   */
  atomically(steps: readonly DbStep[]): Promise<void>;
}

/** A statement of {@link Db.atomically}: a query, or CSV (no header) loaded by COPY. */
export type DbStep = { sql: string; params?: readonly unknown[] } | { copyCsv: { table: string; columns: readonly string[]; csv: string } };

/** {@link Db.atomically} with the connection's own statements, one after the other. */
async function runSteps(db: Db, steps: readonly DbStep[]): Promise<void> {
  for (const step of steps) {
    if ('copyCsv' in step) await db.copyCsv(step.copyCsv.table, step.copyCsv.columns, step.copyCsv.csv);
    else await db.query(step.sql, step.params);
  }
}

/** A database the store owns and closes. */
export interface OwnedDb extends Db {
  close(): Promise<void>;
}

/**
 * Opens the store's database: PostgreSQL when `url` is a `postgres://` or `postgresql://` URL,
 * else PGlite in the folder `dataDir` (created if needed; its data persists across restarts).
 */
export async function openDb(options: { url?: string | undefined; dataDir: string }): Promise<OwnedDb> {
  if (options.url && /^postgres(ql)?:\/\//.test(options.url)) return openPostgres(options.url);
  mkdirSync(options.dataDir, { recursive: true });
  const lockFile = join(options.dataDir, 'store.lock');
  // a database process left by a cakupan process that died ends first (it finishes its statement
  // and closes the database, or is stopped); then the lock is taken over
  await settleLeftHelper(lockFile, isDatabaseProcess);
  // PGlite is one process's database: a second process on the folder would corrupt it
  const release = takeProcessLock(lockFile, (pid) =>
    new Error(`another cakupan process (pid ${pid}) has the embedded store ${options.dataDir} open; stop it first, or use a PostgreSQL server (DATABASE_URL) to share the store`),
  );
  try {
    const pgdata = join(options.dataDir, 'pgdata');
    // a new store is created (initdb) in a child process: initdb grows PGlite's memory to ~750 MB,
    // and WebAssembly memory never shrinks — the database process would keep it for its whole life
    if (!existsSync(join(pgdata, 'PG_VERSION'))) await createInChildProcess(pgdata);
    const lite = await startDatabaseProcess(pgdata);
    recordLockHelper(lockFile, lite.pid);
    return {
      ...processDb(lite.call),
      close: async () => {
        try {
          await lite.close();
        } finally {
          release();
        }
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/**
 * PGlite's memory (in the database process) never shrinks: 32 MB of shared buffers
 * (Postgres's default is 128 MB) keeps a reopened store at ~180 MB instead of ~275 MB, and city
 * imports within their targets (BENCHMARKS.md §6).
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

/** Creates an empty PGlite database in `pgdata` in a short-lived child process. */
async function createInChildProcess(pgdata: string): Promise<void> {
  const code = `const { PGlite } = await import(${JSON.stringify(import.meta.resolve('@electric-sql/pglite'))});
const db = await PGlite.create(${JSON.stringify(pgdata)}, { startParams: ${JSON.stringify(START_PARAMS)} });
await db.close();`;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += String(b)));
    child.once('error', reject);
    child.once('exit', (status) => (status === 0 ? resolve() : reject(new Error(`creating the embedded database failed: ${stderr.trim().split('\n').at(-1) ?? status}`))));
  });
}

/** About how much COPY input goes to the database process per message. */
const COPY_MESSAGE_BYTES = 2 ** 20;

/** A request to the database process, answered with its result. */
type Call = (request: { op: string; tx?: number | undefined; [field: string]: unknown }) => Promise<unknown>;

/** The embedded database process: requests in, results out; `close` ends it. */
interface DatabaseProcess {
  pid: number;
  call: Call;
  close(): Promise<void>;
}

/**
 * Starts `pgliteServer.mjs` on `pgdata` and waits until it has opened the database.
 *
 * Limits: one request's parameters and result travel as one message (a COPY's input goes in parts
 * of ~1 MB, a COPY's output as one); the channel holds the parent's event loop only while requests
 * are pending, so an unclosed store does not keep a program alive.
 */
async function startDatabaseProcess(pgdata: string): Promise<DatabaseProcess> {
  const child = fork(fileURLToPath(new URL('./pgliteServer.mjs', import.meta.url)), [pgdata, JSON.stringify(START_PARAMS)], {
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    execArgv: [],
  });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr = (stderr + String(b)).slice(-4000)));
  const pending = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
  let nextId = 1;
  let exited: Error | undefined;
  const hold = () => child.channel?.ref();
  const letGo = () => {
    if (pending.size === 0) child.channel?.unref();
  };
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (message: { ready?: boolean; id?: number; result?: unknown; error?: Record<string, unknown> }) => {
      if (message.ready !== undefined) {
        if (message.ready) resolve();
        else reject(fromPlain(message.error ?? {}, 'opening the embedded database failed: '));
        return;
      }
      const waiting = pending.get(message.id!);
      if (!waiting) return;
      pending.delete(message.id!);
      letGo();
      if (message.error) waiting.reject(fromPlain(message.error));
      else waiting.resolve(message.result);
    });
    // a failed spawn or a message that cannot be sent (the process is gone): the sender is told
    // (send's callback, below); kept as the reason for any later request
    child.on('error', (err) => {
      exited ??= err;
      reject(err);
    });
    child.once('exit', (code, signal) => {
      exited = new Error(`the embedded database process ended (${signal ?? `exit code ${code}`})${stderr.trim() ? `: ${stderr.trim().split('\n').at(-1)}` : ''}`);
      reject(exited);
      for (const waiting of pending.values()) waiting.reject(exited);
      pending.clear();
    });
  });
  try {
    await ready;
  } catch (err) {
    child.kill();
    throw err;
  }
  child.unref();
  (child.stderr as unknown as { unref(): void }).unref();
  letGo();
  const call: Call = (request) => {
    if (exited) return Promise.reject(exited);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      hold();
      child.send({ ...request, id }, (err) => {
        if (!err || !pending.delete(id)) return;
        letGo();
        reject(err);
      });
    });
  };
  return {
    pid: child.pid!,
    call,
    async close() {
      if (exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      // held until the process has ended: the caller waits for it
      child.ref();
      await call({ op: 'close' });
      await gone;
    },
  };
}

/**
 * Whether `pid` is an embedded database process (Linux: by its command line; a zombie is none);
 * `undefined` where the system cannot tell.
 */
function isDatabaseProcess(pid: number): boolean | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat[stat.lastIndexOf(')') + 2] === 'Z') return false;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('pgliteServer.mjs');
  } catch {
    return existsSync('/proc/self/stat') ? false : undefined;
  }
}

/** An error from the database process, with PostgreSQL's fields (code, detail…) as it sent them. */
function fromPlain(fields: Record<string, unknown>, prefix = ''): Error {
  const err = new Error(`${prefix}${String(fields.message ?? 'unknown error')}`);
  for (const [key, value] of Object.entries(fields)) if (key !== 'message' && key !== 'name') (err as unknown as Record<string, unknown>)[key] = value;
  return err;
}

/** Transaction and COPY ids, chosen here (unique within this process, so within each database process). */
let nextTransaction = 1;
let nextCopy = 1;

/** The store's {@link Db} on the database process (`tx`: inside that open transaction). */
function processDb(call: Call, tx?: number): Db {
  const db: Db = {
    engine: 'pglite',
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return (await call({ op: 'query', tx, sql, params })) as T[];
    },
    async exec(sql) {
      await call({ op: 'exec', tx, sql });
    },
    async copyCsv(table, columns, csv) {
      if (typeof csv === 'string') {
        await call({ op: 'copyIn', tx, table, columns, parts: [csv] });
        return;
      }
      // the input goes over as it comes, ~1 MB a message (PGlite takes it all at the end, so the
      // database process gathers it; this process keeps none of it). The open is not waited for:
      // reading begins at once, so a stream that fails meanwhile has a reader and its error is
      // this call's, never an unhandled one
      const copy = nextCopy++;
      const opened = call({ op: 'copyOpen', copy });
      opened.catch(() => undefined); // its failure fails the parts and the copy too
      try {
        let batch: (string | Buffer)[] = [];
        let size = 0;
        for await (const part of csv) {
          batch.push(part);
          size += part.length;
          if (size >= COPY_MESSAGE_BYTES) {
            await call({ op: 'copyPart', copy, parts: batch });
            batch = [];
            size = 0;
          }
        }
        await call({ op: 'copyIn', tx, table, columns, copy, parts: batch });
      } catch (err) {
        await call({ op: 'copyDrop', copy }).catch(() => {});
        throw err;
      }
    },
    async copyOutCsv(select) {
      const bytes = (await call({ op: 'copyOut', tx, select })) as Uint8Array;
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    async atomically(steps) {
      if (tx !== undefined) await runSteps(db, steps);
      else await call({ op: 'atomically', steps });
    },
    async transaction(fn) {
      if (tx !== undefined) throw new Error('transactions do not nest');
      // the begin is not waited for: the transaction's statements follow it in the same channel
      const id = nextTransaction++;
      const begun = call({ op: 'begin', tx: id });
      begun.catch(() => undefined); // awaited below; its failure fails the statements too
      let result;
      try {
        result = await fn(processDb(call, id));
        await begun;
      } catch (err) {
        // the error that made it roll back is the one to report, should the rollback fail too
        await call({ op: 'rollback', tx: id }).catch(() => {});
        throw err;
      }
      await call({ op: 'commit', tx: id });
      return result;
    },
  };
  return db;
}

async function openPostgres(url: string): Promise<OwnedDb> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // dates and timestamps as text: the store compares calendar dates, never instants
  const asText = (v: string) => v;
  const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => ([1082, 1114, 1184].includes(oid) ? asText : pg.types.getTypeParser(oid, format)) };
  const on = (client: pg.Pool | pg.PoolClient): Db => {
    const db: Db = {
      engine: 'postgres',
      async query<T>(sql: string, params: readonly unknown[] = []) {
        return (await client.query({ text: sql, values: params as unknown[], types })).rows as T[];
      },
      async exec(sql) {
        await client.query(sql);
      },
      async copyCsv(table, columns, csv) {
        const connection = 'release' in client ? client : await (client as pg.Pool).connect();
        try {
          await pipeline(typeof csv === 'string' ? Readable.from([csv]) : Readable.from(csv), connection.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin with (format csv)`)));
        } finally {
          if (connection !== client) (connection as pg.PoolClient).release();
        }
      },
      async copyOutCsv(select) {
        const connection = 'release' in client ? client : await (client as pg.Pool).connect();
        try {
          const chunks: Buffer[] = [];
          await pipeline(connection.query(copyTo(`copy (${select}) to stdout with (format csv, header)`)), async (source: AsyncIterable<Buffer>) => {
            for await (const chunk of source) chunks.push(chunk);
          });
          return Buffer.concat(chunks);
        } finally {
          if (connection !== client) (connection as pg.PoolClient).release();
        }
      },
      async atomically(steps) {
        if ('release' in client) await runSteps(db, steps);
        else await db.transaction((tx) => runSteps(tx, steps));
      },
      async transaction(fn) {
        if ('release' in client) throw new Error('transactions do not nest');
        const tx = await (client as pg.Pool).connect();
        try {
          await tx.query('begin');
          const result = await fn(on(tx));
          await tx.query('commit');
          return result;
        } catch (err) {
          await tx.query('rollback');
          throw err;
        } finally {
          tx.release();
        }
      },
    };
    return db;
  };
  await pool.query('select 1'); // fail early on a wrong URL
  return { ...on(pool), close: () => pool.end() };
}
