/**
 * One SQL dialect, two engines: PostgreSQL (≥ 15) through `pg` when given a `postgres://` URL, and
 * PGlite (Postgres compiled to WebAssembly) in a folder as the embedded default. Both are used
 * through this small interface: parameterised queries, bulk loading by COPY, transactions.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { takeProcessLock } from './processLock.js';

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
  // PGlite is one process's database: a second process on the folder would corrupt it
  const release = takeProcessLock(join(options.dataDir, 'store.lock'), (pid) =>
    new Error(`another cakupan process (pid ${pid}) has the embedded store ${options.dataDir} open; stop it first, or use a PostgreSQL server (DATABASE_URL) to share the store`),
  );
  try {
    const pgdata = join(options.dataDir, 'pgdata');
    // a new store is created (initdb) in a child process: initdb grows PGlite's memory to ~750 MB,
    // and WebAssembly memory never shrinks — the service would keep it for its whole life
    if (!existsSync(join(pgdata, 'PG_VERSION'))) await createInChildProcess(pgdata);
    const lite = await PGlite.create(pgdata, { startParams: START_PARAMS });
    return {
      ...pgliteDb(lite),
      close: async () => {
        await lite.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/**
 * PGlite's memory lives in the service's process and never shrinks: 32 MB of shared buffers
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

function pgliteDb(lite: PGlite | Transaction): Db {
  return {
    engine: 'pglite',
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return (await lite.query<T>(sql, params as unknown[])).rows;
    },
    async exec(sql) {
      await lite.exec(sql);
    },
    async copyCsv(table, columns, csv) {
      const parts: (string | Buffer)[] = [];
      if (typeof csv === 'string') parts.push(csv);
      else for await (const part of csv) parts.push(part);
      // PGlite reads COPY input from the /dev/blob device
      await lite.query(`copy ${table} (${columns.join(', ')}) from '/dev/blob' with (format csv)`, [], { blob: new Blob(parts) });
    },
    async copyOutCsv(select) {
      // and writes COPY output to it
      const result = await lite.query(`copy (${select}) to '/dev/blob' with (format csv, header)`);
      return result.blob ? Buffer.from(await result.blob.arrayBuffer()) : Buffer.alloc(0);
    },
    async transaction(fn) {
      if (!('transaction' in lite)) throw new Error('transactions do not nest');
      return (lite as PGlite).transaction((tx) => fn(pgliteDb(tx)));
    },
  };
}

async function openPostgres(url: string): Promise<OwnedDb> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // dates and timestamps as text: the store compares calendar dates, never instants
  const asText = (v: string) => v;
  const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => ([1082, 1114, 1184].includes(oid) ? asText : pg.types.getTypeParser(oid, format)) };
  const on = (client: pg.Pool | pg.PoolClient): Db => ({
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
  });
  await pool.query('select 1'); // fail early on a wrong URL
  return { ...on(pool), close: () => pool.end() };
}
