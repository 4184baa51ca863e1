// A sharded store whose shard dies in the middle of an import: the import fails, and every shard
// — the one killed and the ones that went on — holds exactly what it held before; once the shard is
// back, the store answers as before by itself. Real servers (.ci/start-shards.sh).
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticCity } from '@cakupan/core/node';
import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { openStore } from '../src/index.js';
import { freshShardedStore, shardedStoreSet } from './databases.js';

const DATABASE = 'cakupan_test_shard_kill';

/** What one shard holds of the sharded tables: counts and a digest of every row. */
async function holding(shard: string): Promise<string> {
  const url = new URL(shard);
  url.pathname = `/${DATABASE}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const parts: string[] = [];
    for (const table of ['residents', 'participants', 'residents_history', 'participants_history']) {
      const { rows } = await client.query(`select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${table} t`);
      parts.push(`${table} ${rows[0].n} ${rows[0].digest}`);
    }
    return parts.join('\n');
  } finally {
    await client.end();
  }
}

/** Runs pg_ctl on the shard's cluster (its data beside its socket, as .ci/start-shards.sh makes it). */
function pgCtl(shard: string, ...args: string[]): void {
  const socket = new URL(shard).searchParams.get('host')!;
  const bin = execFileSync('bash', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1']).toString().trim();
  const asPostgres = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : ['sudo', '-u', 'postgres'];
  execFileSync(asPostgres[0]!, [...asPostgres.slice(1), `${bin}/pg_ctl`, '-D', join(socket, 'data'), ...args], { stdio: 'ignore' });
}

describe.runIf(shardedStoreSet)('a shard killed mid-import', () => {
  it('leaves every shard as it was, and the store answers as before once the shard is back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cakupan-shard-kill-'));
    const small = await writeSyntheticCity(join(dir, 'small'), { adults: 400, seed: 3, asOf: '2017-12-31' });
    const big = await writeSyntheticCity(join(dir, 'big'), { adults: 40_000, seed: 4, asOf: '2017-12-31' });
    const { databaseUrl, shards } = await freshShardedStore(DATABASE);
    const store = await openStore({ databaseUrl, shards, dataDir: join(dir, 'unused') });
    try {
      await store.importCsv({ kind: 'residents', path: small.files.residents });
      await store.importCsv({ kind: 'participants', path: small.files.participants });
      const before = await Promise.all(shards.map(holding));
      const coverage = await store.coverage({ asOf: '2017-12-31', levels: ['village'] });
      expect(before.every((h) => !h.startsWith('residents 0 '))).toBe(true);

      const victim = shards[1]!;
      const importing = store.importCsv({ kind: 'residents', path: big.files.residents, maxRemovedShare: 1 });
      importing.catch(() => undefined);
      // the moment the coordinator is writing the register's rows into the victim
      const url = new URL(victim);
      url.pathname = `/${DATABASE}`;
      const watcher = new pg.Client({ connectionString: url.toString() });
      await watcher.connect();
      try {
        await vi.waitFor(
          async () => {
            const { rows } = await watcher.query("select 1 from pg_stat_activity where datname = current_database() and query ilike 'insert into%residents%' and pid <> pg_backend_pid()");
            expect(rows.length).toBeGreaterThan(0);
          },
          { timeout: 60_000, interval: 10 },
        );
      } finally {
        await watcher.end().catch(() => undefined);
      }
      pgCtl(victim, 'stop', '-m', 'immediate', '-w');
      try {
        await expect(importing).rejects.toThrow();
      } finally {
        const socket = new URL(victim).searchParams.get('host')!;
        pgCtl(victim, '-o', `-k ${socket} -c listen_addresses='' -c max_connections=400 -c shared_buffers=256MB`, '-l', join(socket, 'log'), '-w', 'start');
      }

      expect(await Promise.all(shards.map(holding))).toEqual(before);
      // the coordinator's connections to the shard are made again by themselves
      await vi.waitFor(async () => expect(await store.coverage({ asOf: '2017-12-31', levels: ['village'] })).toEqual(coverage), { timeout: 30_000, interval: 200 });
      expect((await store.imports()).filter((i) => i.status === 'applied')).toHaveLength(2);
    } finally {
      await store.close();
    }
  });
});
