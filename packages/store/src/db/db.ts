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
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { processState } from './processState.js';
import { recordLockHelper, settleLeftHelper, takeProcessLock } from './processLock.js';
import { type DatabaseHealth, Supervisor } from './supervisor.js';

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
  /** Whether it answers now: the embedded process's state, or a PostgreSQL server's answer to `select 1` within 2 s. */
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}

/** How the store's database is doing. */
export interface StoreHealth extends Omit<DatabaseHealth, 'status'> {
  engine: 'pglite' | 'postgres';
  status: 'ok' | 'restarting' | 'unavailable';
}

/** How long requests to the database may take (ms): see {@link openDb}. */
export interface DbDeadlines {
  /** A statement's deadline (default 30 s): past it the call fails with `StoreUnavailableError`. */
  deadlineMs?: number | undefined;
  /** A bulk statement's (COPY, commit, migration; default 10 min). */
  bulkDeadlineMs?: number | undefined;
}

/**
 * Opens the store's database: PostgreSQL when `url` is a `postgres://` or `postgresql://` URL,
 * else PGlite in the folder `dataDir` (created if needed; its data persists across restarts).
 */
export async function openDb(options: { url?: string | undefined; dataDir: string; onRestart?(reason: string): void } & DbDeadlines): Promise<OwnedDb> {
  if (options.url && /^postgres(ql)?:\/\//.test(options.url)) return openPostgres(options.url, options);
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
    // supervised: restarted when it dies or stops answering (see supervisor.ts)
    const lite = await Supervisor.start({
      pgdata,
      startParams: START_PARAMS,
      deadlineMs: options.deadlineMs,
      bulkDeadlineMs: options.bulkDeadlineMs,
      onStart: (pid) => recordLockHelper(lockFile, pid),
      onRestart: options.onRestart,
    });
    return {
      ...processDb(lite),
      health: async () => ({ engine: 'pglite', ...lite.health() }),
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

/**
 * Whether `pid` is an embedded database process (Linux: by its command line; a zombie is none);
 * `undefined` where the system cannot tell.
 */
function isDatabaseProcess(pid: number): boolean | undefined {
  try {
    if (processState(pid) === 'Z') return false;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('pgliteServer.mjs');
  } catch {
    return existsSync('/proc/self/stat') ? false : undefined;
  }
}

/** Transaction and COPY ids, chosen here (unique within this process, so within each database process). */
let nextTransaction = 1;
let nextCopy = 1;

/**
 * The store's {@link Db} on the supervised database process (`tx`: inside that open transaction,
 * begun under the process of `generation`: if that one ended, the transaction is gone with it).
 */
function processDb(supervisor: Supervisor, tx?: number, generation?: number): Db {
  const call = (request: { op: string; tx?: number | undefined; [field: string]: unknown }) => (generation === undefined ? supervisor.call(request) : supervisor.callIn(generation, request));
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
      // its parts go to the process that opened it
      const under = generation ?? supervisor.generation;
      const copyCall = (request: Parameters<typeof call>[0]) => supervisor.callIn(under, request);
      const opened = copyCall({ op: 'copyOpen', copy });
      opened.catch(() => undefined); // its failure fails the parts and the copy too
      try {
        let batch: (string | Buffer)[] = [];
        let size = 0;
        for await (const part of csv) {
          batch.push(part);
          size += part.length;
          if (size >= COPY_MESSAGE_BYTES) {
            await copyCall({ op: 'copyPart', copy, parts: batch });
            batch = [];
            size = 0;
          }
        }
        await copyCall({ op: 'copyIn', tx, table, columns, copy, parts: batch });
      } catch (err) {
        await copyCall({ op: 'copyDrop', copy }).catch(() => {});
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
      const under = supervisor.generation;
      const inTx = (request: Parameters<typeof call>[0]) => supervisor.callIn(under, request);
      const begun = inTx({ op: 'begin', tx: id });
      begun.catch(() => undefined); // awaited below; its failure fails the statements too
      let result;
      try {
        result = await fn(processDb(supervisor, id, under));
        await begun;
      } catch (err) {
        // the error that made it roll back is the one to report, should the rollback fail too
        await inTx({ op: 'rollback', tx: id }).catch(() => {});
        throw err;
      }
      await inTx({ op: 'commit', tx: id });
      return result;
    },
  };
  return db;
}

async function openPostgres(url: string, deadlines: DbDeadlines): Promise<OwnedDb> {
  const deadlineMs = deadlines.deadlineMs ?? 30_000;
  const bulkDeadlineMs = deadlines.bulkDeadlineMs ?? 600_000;
  // a dead server fails a connection attempt within 5 s, a silent one a statement within its
  // deadline (the server cancels what runs longer than the bulk deadline)
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 5_000, statement_timeout: bulkDeadlineMs });
  // an idle connection the server dropped (a restart): the pool replaces it; without a listener the
  // error would end the process
  pool.on('error', () => {});
  /**
   * A connection out of the pool for a COPY or a transaction. The pool listens for errors of idle
   * connections only: a server restart while one is out emits `error` on it, which would end the
   * process unheard. Here it is heard, and the connection is destroyed on release, not reused.
   */
  const checkout = async (): Promise<{ client: pg.PoolClient; release: (err?: Error) => void }> => {
    const client = await pool.connect();
    let failed: Error | undefined;
    const onError = (err: Error) => (failed ??= err);
    client.on('error', onError);
    return {
      client,
      release: (err) => {
        client.removeListener('error', onError);
        client.release(err ?? failed);
      },
    };
  };
  let lastFailure: { at: number; reason: string } | undefined;
  // dates and timestamps as text: the store compares calendar dates, never instants
  const asText = (v: string) => v;
  const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => ([1082, 1114, 1184].includes(oid) ? asText : pg.types.getTypeParser(oid, format)) };
  const on = (client: pg.Pool | pg.PoolClient): Db => {
    // in a transaction (an import's statements) a statement may take the bulk deadline
    const timeout = 'release' in client ? bulkDeadlineMs : deadlineMs;
    const db: Db = {
      engine: 'postgres',
      async query<T>(sql: string, params: readonly unknown[] = []) {
        return (await client.query({ text: sql, values: params as unknown[], types, query_timeout: timeout } as pg.QueryConfig)).rows as T[];
      },
      async exec(sql) {
        await client.query(sql);
      },
      async copyCsv(table, columns, csv) {
        const out = 'release' in client ? undefined : await checkout();
        const connection = out?.client ?? (client as pg.PoolClient);
        let failure: Error | undefined;
        try {
          await pipeline(typeof csv === 'string' ? Readable.from([csv]) : Readable.from(csv), connection.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin with (format csv)`)));
        } catch (err) {
          failure = err as Error;
          throw err;
        } finally {
          out?.release(failure);
        }
      },
      async copyOutCsv(select) {
        const out = 'release' in client ? undefined : await checkout();
        const connection = out?.client ?? (client as pg.PoolClient);
        let failure: Error | undefined;
        try {
          const chunks: Buffer[] = [];
          await pipeline(connection.query(copyTo(`copy (${select}) to stdout with (format csv, header)`)), async (source: AsyncIterable<Buffer>) => {
            for await (const chunk of source) chunks.push(chunk);
          });
          return Buffer.concat(chunks);
        } catch (err) {
          failure = err as Error;
          throw err;
        } finally {
          out?.release(failure);
        }
      },
      async atomically(steps) {
        if ('release' in client) await runSteps(db, steps);
        else await db.transaction((tx) => runSteps(tx, steps));
      },
      async transaction(fn) {
        if ('release' in client) throw new Error('transactions do not nest');
        const { client: tx, release } = await checkout();
        let broken: Error | undefined;
        try {
          await tx.query('begin');
          const result = await fn(on(tx));
          await tx.query('commit');
          return result;
        } catch (err) {
          // a connection that failed is not given back to the pool
          broken = await tx.query('rollback').then(
            () => undefined,
            (e: Error) => e,
          );
          throw err;
        } finally {
          release(broken);
        }
      },
    };
    return db;
  };
  await pool.query('select 1'); // fail early on a wrong URL
  return {
    ...on(pool),
    health: async () => {
      try {
        await pool.query({ text: 'select 1', query_timeout: 2_000 } as pg.QueryConfig);
        lastFailure = undefined;
        return { engine: 'postgres', status: 'ok', restarts: 0, since: null, reason: null };
      } catch (err) {
        lastFailure ??= { at: Date.now(), reason: (err as Error).message };
        return { engine: 'postgres', status: 'unavailable', restarts: 0, since: new Date(lastFailure.at).toISOString(), reason: lastFailure.reason };
      }
    },
    close: () => pool.end(),
  };
}
