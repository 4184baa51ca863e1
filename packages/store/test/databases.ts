/**
 * The engines the store's tests run on: PGlite always; PostgreSQL when DATABASE_URL is set (CI
 * sets it and requires it). Each test file gets a database of its own on the server, so that files
 * running side by side never see each other's rows.
 */
import pg from 'pg';

const DATABASE_URL = process.env.DATABASE_URL;
if (process.env.CI && !DATABASE_URL) throw new Error('CI runs the store tests on PostgreSQL too: set DATABASE_URL (.ci/run starts a server)');

/** `[engine, url]` pairs; `url` undefined for PGlite. */
export async function engines(name: string): Promise<[engine: 'pglite' | 'postgres', url: string | undefined][]> {
  if (!DATABASE_URL) {
    console.warn('store tests on PostgreSQL skipped: set DATABASE_URL=postgres://… to run them');
    return [['pglite', undefined]];
  }
  const database = `cakupan_test_${name}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.query(`create database ${database}`);
  } finally {
    await admin.end();
  }
  const url = new URL(DATABASE_URL);
  url.pathname = `/${database}`;
  return [
    ['pglite', undefined],
    ['postgres', url.toString()],
  ];
}
