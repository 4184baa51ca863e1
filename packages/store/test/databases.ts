/**
 * The engines the store's tests run on: PGlite always; PostgreSQL when DATABASE_URL is set; a
 * sharded store — a coordinator and its shard servers — when SHARDED_DATABASE_URL and
 * DATABASE_SHARDS are set (CI sets all and requires them: .ci/start-postgres.sh,
 * .ci/start-shards.sh). Each test file gets a database of its own on each server, so that files
 * running side by side never see each other's rows.
 */
import pg from 'pg';

const DATABASE_URL = process.env.DATABASE_URL;
const SHARDED_DATABASE_URL = process.env.SHARDED_DATABASE_URL;
const DATABASE_SHARDS = process.env.DATABASE_SHARDS?.split(/\s+/).filter(Boolean) ?? [];
if (process.env.CI && !DATABASE_URL) throw new Error('CI runs the store tests on PostgreSQL too: set DATABASE_URL (.ci/run starts a server)');
if (process.env.CI && (!SHARDED_DATABASE_URL || DATABASE_SHARDS.length === 0)) throw new Error('CI runs the store tests on a sharded store too: set SHARDED_DATABASE_URL and DATABASE_SHARDS (.ci/start-shards.sh)');

export type Engine = 'pglite' | 'postgres' | 'sharded';

/** A fresh database `database` on the server of `url` (dropped first if there); its URL. */
export async function freshDatabase(url: string, database: string): Promise<string> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.query(`create database ${database}`);
  } finally {
    await admin.end();
  }
  const own = new URL(url);
  own.pathname = `/${database}`;
  return own.toString();
}

/**
 * A fresh sharded store's settings: a database `database` on the coordinator and on each shard
 * (the shards' are dropped here; the store makes them again as it opens).
 */
export async function freshShardedStore(database: string): Promise<{ databaseUrl: string; shards: string[] }> {
  const databaseUrl = await freshDatabase(SHARDED_DATABASE_URL!, database);
  const shards = await Promise.all(
    DATABASE_SHARDS.map(async (shard) => {
      const admin = new URL(shard);
      admin.pathname = '/postgres';
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      try {
        await client.query(`drop database if exists ${database} with (force)`);
      } finally {
        await client.end();
      }
      return shard;
    }),
  );
  return { databaseUrl, shards };
}

/** Whether the sharded store's servers are set. */
export const shardedStoreSet = SHARDED_DATABASE_URL !== undefined && DATABASE_SHARDS.length > 0;

/** `[engine, url, shards]`: `url` undefined for PGlite, `shards` only for the sharded store. */
export async function engines(name: string): Promise<[engine: Engine, url: string | undefined, shards: string[] | undefined][]> {
  const database = `cakupan_test_${name}`;
  const out: [Engine, string | undefined, string[] | undefined][] = [['pglite', undefined, undefined]];
  if (DATABASE_URL) out.push(['postgres', await freshDatabase(DATABASE_URL, database), undefined]);
  else console.warn('store tests on PostgreSQL skipped: set DATABASE_URL=postgres://… to run them');
  if (shardedStoreSet) {
    const sharded = await freshShardedStore(database);
    out.push(['sharded', sharded.databaseUrl, sharded.shards]);
  } else console.warn('store tests on a sharded store skipped: set SHARDED_DATABASE_URL and DATABASE_SHARDS (.ci/start-shards.sh)');
  return out;
}
