/**
 * Schema migrations: the versioned SQL files in `migrations/` (`001_init.sql`, …), applied in order
 * at start-up, each in its own transaction and recorded in `schema_migrations`. Idempotent: a
 * migration already recorded is never applied again.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The package's `migrations/` folder (beside `src/` and `dist/`). */
export const MIGRATIONS_DIR = [join(here, '..', 'migrations'), join(here, '..', '..', 'migrations')].find((d) => existsSync(d)) ?? join(here, '..', 'migrations');

/** Applies the migrations not yet applied; returns their versions. */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  await db.exec('create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null default now())');
  const done = new Set((await db.query<{ version: string }>('select version from schema_migrations')).map((r) => r.version));
  const applied: string[] = [];
  for (const file of readdirSync(dir).filter((f) => /^\d+_.+\.sql$/.test(f)).sort()) {
    const version = file.replace(/\.sql$/, '');
    if (done.has(version)) continue;
    const sql = readFileSync(join(dir, file), 'utf8');
    await db.transaction(async (tx) => {
      await tx.exec(sql);
      await tx.query('insert into schema_migrations (version) values ($1)', [version]);
    });
    applied.push(version);
  }
  return applied;
}
