// A kill -9 in the middle of an import leaves the earlier data whole and queryable (both engines),
// and a second process cannot open the embedded store while the first has it.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticCity } from '@cakupan/core/node';
import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { openStore } from '../src/index.js';
import { engines as enginesFor } from './databases.js';

const engines = await enginesFor('crash');

describe('the embedded store', () => {
  it('is opened by one process at a time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cakupan-lock-'));
    const first = await openStore({ dataDir: dir });
    await expect(openStore({ dataDir: dir })).rejects.toThrow(/another cakupan process \(pid \d+\) has the embedded store/);
    await first.close();
    const again = await openStore({ dataDir: dir });
    await again.close();
  });
});

describe.each(engines)('an import killed mid-way (%s)', (engine, url, shards) => {
  it('leaves the earlier register whole and queryable', async () => {
    const dir = mkdtempSync(join(tmpdir(), `cakupan-crash-${engine}-`));
    const small = await writeSyntheticCity(join(dir, 'small'), { adults: 500, seed: 1, asOf: '2017-12-31' });
    const big = await writeSyntheticCity(join(dir, 'big'), { adults: 150_000, seed: 2, asOf: '2017-12-31' });
    const dataDir = join(dir, 'store');
    let store = await openStore({ databaseUrl: url, shards, dataDir });
    await store.importCsv({ kind: 'residents', path: small.files.residents });
    const before = await store.coverage({ asOf: '2017-12-31', levels: ['village'] });
    await store.close();

    // another process imports the big register and is killed while its COPY runs: its Db (the
    // store's, a public interface) says so when the first piece of the file has gone to the database
    const child = spawn(
      process.execPath,
      ['--input-type=module', '-e', `import { openStore } from ${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)};
        const store = await openStore({ databaseUrl: ${JSON.stringify(url ?? null)} ?? undefined, shards: ${JSON.stringify(shards ?? null)} ?? undefined, dataDir: ${JSON.stringify(dataDir)} });
        const transaction = store.db.transaction;
        store.db.transaction = (fn) => transaction((tx) => fn({ ...tx, copyCsv: (table, columns, csv) => tx.copyCsv(table, columns, typeof csv === 'string' || table !== 'residents' ? csv : (async function* () {
          let first = true;
          for await (const part of csv) {
            yield part;
            if (first) process.stdout.write('copying\\n');
            first = false;
          }
        })()) }));
        process.stdout.write('open\\n');
        await store.importCsv({ kind: 'residents', path: ${JSON.stringify(big.files.residents)}, maxRemovedShare: 1 });
        process.stdout.write('done\\n');`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    await new Promise<void>((resolve) => child.stdout.on('data', (b: Buffer) => ((out += String(b)), out.includes('open') && resolve())));
    if (url) {
      // PostgreSQL: kill the moment the import's COPY runs, inside its transaction
      const watcher = new pg.Client({ connectionString: url });
      await watcher.connect();
      try {
        await vi.waitFor(
          async () => {
            const { rows } = await watcher.query("select 1 from pg_stat_activity where datname = current_database() and query ilike 'copy residents%' and pid <> pg_backend_pid()");
            expect(rows.length).toBeGreaterThan(0);
          },
          { timeout: 60_000, interval: 10 },
        );
      } finally {
        await watcher.end();
      }
    } else {
      // PGlite: the moment the first piece of the register has gone into the COPY
      await vi.waitFor(() => expect(out).toContain('copying'), { timeout: 60_000, interval: 5 });
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(out).not.toContain('done');

    store = await openStore({ databaseUrl: url, shards, dataDir });
    expect(await store.coverage({ asOf: '2017-12-31', levels: ['village'] })).toEqual(before);
    expect((await store.imports()).filter((i) => i.status === 'applied')).toHaveLength(1);
    await store.close();
  });
});
