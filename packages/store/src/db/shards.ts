/**
 * A sharded store on PostgreSQL's own machinery: the coordinator (the server `DATABASE_URL` names,
 * which the service talks to as to one PostgreSQL) keeps every table but four — `residents`,
 * `participants` and their histories — which are **partitioned by list of the NIK's bucket** (core's
 * `nikBucket`, written by every import and event: migration 022), each partition a `postgres_fdw`
 * foreign table on a shard server. A person's residence and every account of theirs share a bucket,
 * so a shard joins them alone; the coverage SQL groups by the bucket (the partition key), so the
 * planner pushes each partition's join and aggregate down to its shard whole (partition-wise join
 * and aggregate) and the shards work at once (`async_capable`): only counts cross the network.
 *
 * Bucket `b` lives on shard `b mod n`. The layout is made once, on an empty store; each opening
 * after that brings the shards' tables up to the coordinator's columns (a later migration's new
 * column reaches them) and refuses a different number of shards (moving buckets between servers is
 * an operator's job: docs/STORE.md).
 *
 * Transactions: postgres_fdw opens one remote transaction per shard inside the coordinator's and
 * commits them when it commits; any failure before that — a shard killed mid-COPY included — rolls
 * every shard back (tested). PostgreSQL 15's postgres_fdw has no two-phase commit: a shard lost in
 * the moment between the shards' commits is the one case it does not cover (docs/STORE.md).
 */
import { NIK_BUCKETS } from '@cakupan/core';
import pg from 'pg';
import type { Db } from './db.js';

/** The tables that live on the shards, each with the indexes a shard keeps of it. */
export const SHARDED_TABLES: Readonly<Record<string, readonly string[]>> = {
  residents: ['(import_id, line)', '(nik)', '(city)'],
  residents_history: ['(removed_by)'],
  participants: ['(kpj)', '(nik)', '(event_version)'],
  participants_history: ['(replaced_by)'],
};

/** A shard server's address as postgres_fdw's server options take it. */
function serverOptions(url: string, database: string): { host: string; port: string; dbname: string; user: string; password: string | null } {
  const u = new URL(url);
  const host = u.searchParams.get('host') ?? (u.hostname || 'localhost');
  return { host, port: u.port || '5432', dbname: database, user: decodeURIComponent(u.username || 'postgres'), password: u.password ? decodeURIComponent(u.password) : null };
}

/** `url` with `database` as its database. */
function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

/**
 * Makes or checks the sharded layout of the store on `db` (the coordinator at `coordinatorUrl`)
 * over the servers `shardUrls` (see the module's comment).
 *
 * @throws {RangeError} for no shards or more than there are buckets, a different number of shards
 *   than the layout has, or a store with data that is not sharded yet
 */
export async function shardLayout(db: Db, coordinatorUrl: string, shardUrls: readonly string[]): Promise<void> {
  const n = shardUrls.length;
  if (n < 1 || n > NIK_BUCKETS) throw new RangeError(`a sharded store has 1–${NIK_BUCKETS} shards, not ${n}`);
  for (const url of shardUrls) if (!/^postgres(ql)?:\/\//.test(url)) throw new RangeError(`a shard is a postgres:// URL, not ${url.replace(/\/\/[^@]*@/, '//…@')}`);
  const coordinatorDb = decodeURIComponent(new URL(coordinatorUrl).pathname.slice(1)) || 'postgres';
  const databases = shardUrls.map((url) => decodeURIComponent(new URL(url).pathname.slice(1)) || coordinatorDb);

  // the tables' columns, as the coordinator's migrations made them
  const columns = new Map<string, { name: string; type: string }[]>();
  for (const table of Object.keys(SHARDED_TABLES)) {
    columns.set(
      table,
      await db.query<{ name: string; type: string }>(
        `select a.attname as name, format_type(a.atttypid, a.atttypmod) as type from pg_attribute a
         where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped order by a.attnum`,
        [table],
      ),
    );
  }

  // each shard: its database, its tables with every column the coordinator's have, their indexes
  await Promise.all(
    shardUrls.map(async (url, i) => {
      const database = databases[i]!;
      const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
      await admin.connect();
      try {
        const known = await admin.query('select 1 from pg_database where datname = $1', [database]);
        if (known.rowCount === 0) await admin.query(`create database ${ident(database)}`).catch((err: { code?: string }) => {
          if (err.code !== '42P04') throw err; // created meanwhile by another process
        });
      } finally {
        await admin.end();
      }
      const shard = new pg.Client({ connectionString: withDatabase(url, database) });
      await shard.connect();
      try {
        await shard.query('select pg_advisory_lock(2025122501)');
        for (const [table, indexes] of Object.entries(SHARDED_TABLES)) {
          const cols = columns.get(table)!;
          await shard.query(`create table if not exists ${table} (${cols.map((c) => `${ident(c.name)} ${c.type}`).join(', ')})`);
          for (const c of cols) await shard.query(`alter table ${table} add column if not exists ${ident(c.name)} ${c.type}`);
          for (const [k, on] of indexes.entries()) await shard.query(`create index if not exists ${table}_shard_${k} on ${table} ${on}`);
        }
      } finally {
        await shard.end();
      }
    }),
  );

  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(2025122502)');
    await tx.exec('create extension if not exists postgres_fdw');
    for (const [i, url] of shardUrls.entries()) {
      const o = serverOptions(url, databases[i]!);
      const server = `shard_${i}`;
      const options = { host: o.host, port: o.port, dbname: o.dbname, async_capable: 'true', fetch_size: '10000', batch_size: '1000' };
      const [exists] = await tx.query('select 1 from pg_foreign_server where srvname = $1', [server]);
      if (exists === undefined) {
        await tx.exec(`create server ${server} foreign data wrapper postgres_fdw options (${Object.entries(options).map(([k, v]) => `${k} ${quote(v)}`).join(', ')})`);
        await tx.exec(`create user mapping for current_user server ${server} options (user ${quote(o.user)}${o.password ? `, password ${quote(o.password)}` : ''})`);
      } else {
        // a shard moved (another socket or port): follow it
        await tx.exec(`alter server ${server} options (${Object.entries(options).map(([k, v]) => `set ${k} ${quote(v)}`).join(', ')})`);
      }
    }
    for (const table of Object.keys(SHARDED_TABLES)) {
      const [rel] = await tx.query<{ kind: string }>(`select relkind::text as kind from pg_class where oid = $1::regclass`, [table]);
      if (rel!.kind === 'p') {
        const [{ parts }] = (await tx.query<{ parts: number }>(`select count(*)::int as parts from pg_inherits where inhparent = $1::regclass`, [table])) as [{ parts: number }];
        if (parts !== n) throw new RangeError(`the store is sharded over ${parts} servers, not ${n}: moving buckets between shards is not done when the store opens (docs/STORE.md)`);
        continue;
      }
      const [held] = await tx.query(`select 1 from ${table} limit 1`);
      if (held !== undefined) throw new RangeError(`the store holds ${table} already: a sharded store starts empty (import the exports again into it)`);
      await tx.exec(`create table ${table}_sharded (like ${table} including defaults) partition by list (bucket)`);
      await tx.exec(`drop table ${table}`);
      await tx.exec(`alter table ${table}_sharded rename to ${table}`);
      for (let i = 0; i < n; i++) {
        const buckets = Array.from({ length: NIK_BUCKETS }, (_, b) => b).filter((b) => b % n === i);
        await tx.exec(`create foreign table ${table}_shard_${i} partition of ${table} for values in (${buckets.join(', ')}) server shard_${i} options (table_name ${quote(table)})`);
      }
    }
  });
}
