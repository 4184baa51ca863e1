// The embedded database (PGlite) in a process of its own, started by `openDb` in db.ts (which says
// why). Arguments: the data folder and PGlite's start parameters as JSON. It answers its parent's
// requests over the IPC channel (advanced serialization) — { id, op, tx?, … } in, { id, result }
// or { id, error } out — and exits when told to close or when the parent goes away.
//
// Limits: one parent; requests run as they come, PGlite itself serialises them (a transaction holds
// the database until its commit or rollback, as in one process). Plain JavaScript: this file runs
// as it is, from src in the tests and copied into dist by the build.
import { PGlite } from '@electric-sql/pglite';

const [pgdata, startParams] = process.argv.slice(2);

/**
 * Open transactions by the id their owner chose: PGlite's transaction object (a promise of it: the
 * owner sends its statements without waiting for the begin), how to end it, and its outcome.
 */
const transactions = new Map();
/** Thrown inside a transaction's callback to roll it back; not an error to report. */
const ROLLBACK = Symbol('rollback');

/** COPY input gathered by the id its owner chose (copyOpen, copyPart…, then copyIn). */
const copies = new Map();

/** @param {number} id */
function copyParts(id) {
  const parts = copies.get(id);
  if (!parts) throw new Error(`no COPY input ${id}`);
  return parts;
}

/** The connection a request runs on: the database, or one of its open transactions. */
async function target(id) {
  if (id === undefined) return lite;
  const open = transactions.get(id);
  if (!open) throw new Error(`no open transaction ${id}`);
  return open.tx;
}

/** Opens transaction `id`; resolves once PGlite has begun it. */
function begin(id) {
  if (transactions.has(id)) throw new Error(`transaction ${id} is open already`);
  let ready;
  let failed;
  const tx = new Promise((resolve, reject) => ((ready = resolve), (failed = reject)));
  tx.catch(() => {}); // reported by the begin itself
  let decide;
  const decided = new Promise((commit, rollback) => (decide = (ok) => (ok ? commit() : rollback(ROLLBACK))));
  const outcome = lite
    .transaction(async (t) => {
      ready(t);
      await decided;
    })
    .catch((err) => {
      if (err !== ROLLBACK) throw err;
    })
    .finally(() => transactions.delete(id));
  // a transaction that could not begin: its callback never ran, and its statements fail with it
  outcome.catch(failed);
  transactions.set(id, { tx, decide, outcome });
  return tx.then(() => null);
}

/** Commits or rolls back a transaction; resolves once PGlite has. */
async function end(id, commit) {
  const open = transactions.get(id);
  if (!open) throw new Error(`no open transaction ${id}`);
  open.decide(commit);
  await open.outcome;
  return null;
}

/** Loads CSV `parts` into `table (columns)`: PGlite reads COPY input from the /dev/blob device. */
function copyIn(db, table, columns, parts) {
  return db.query(`copy ${table} (${columns.join(', ')}) from '/dev/blob' with (format csv)`, [], { blob: new Blob(parts) });
}

async function handle(request) {
  switch (request.op) {
    case 'query':
      return (await (await target(request.tx)).query(request.sql, request.params)).rows;
    case 'exec':
      await (await target(request.tx)).exec(request.sql);
      return null;
    case 'copyOpen':
      // COPY input sent in parts: gathered here until the copyIn of the same id
      copies.set(request.copy, []);
      return null;
    case 'copyPart':
      copyParts(request.copy).push(...request.parts);
      return null;
    case 'copyDrop':
      copies.delete(request.copy);
      return null;
    case 'copyIn': {
      const parts = request.copy === undefined ? request.parts : [...copyParts(request.copy), ...request.parts];
      copies.delete(request.copy);
      await copyIn(await target(request.tx), request.table, request.columns, parts);
      return null;
    }
    case 'copyOut': {
      // PGlite writes COPY output to the /dev/blob device
      const result = await (await target(request.tx)).query(`copy (${request.select}) to '/dev/blob' with (format csv, header)`);
      return result.blob ? new Uint8Array(await result.blob.arrayBuffer()) : new Uint8Array(0);
    }
    case 'atomically':
      // statements that need nothing from each other: one transaction, no round trips between them
      await lite.transaction(async (tx) => {
        for (const step of request.steps) {
          if (step.copyCsv) await copyIn(tx, step.copyCsv.table, step.copyCsv.columns, [step.copyCsv.csv]);
          else await tx.query(step.sql, step.params ?? []);
        }
      });
      return null;
    case 'begin':
      return begin(request.tx);
    case 'commit':
      return end(request.tx, true);
    case 'rollback':
      return end(request.tx, false);
    default:
      throw new Error(`unknown request ${request.op}`);
  }
}

/** An error as plain fields (PostgreSQL's code, detail, constraint… included). */
function plain(err) {
  if (!(err instanceof Error)) return { message: String(err) };
  const fields = { message: err.message, name: err.name };
  for (const key of ['code', 'detail', 'hint', 'constraint', 'table', 'column', 'schema', 'severity', 'position', 'where']) {
    if (typeof err[key] === 'string' || typeof err[key] === 'number') fields[key] = err[key];
  }
  return fields;
}

let closing = false;
/**
 * Rolls back what is still open, closes the database and exits — answering `request` first when
 * the owner asked (its `close`), else because the owner is gone.
 */
async function close(request) {
  if (closing) return;
  closing = true;
  for (const open of transactions.values()) open.decide(false);
  await Promise.allSettled([...transactions.values()].map((open) => open.outcome));
  let error;
  try {
    await lite.close();
  } catch (err) {
    error = err;
  }
  const code = error ? 1 : 0;
  if (request === undefined || !process.connected) process.exit(code);
  else process.send(error ? { id: request.id, error: plain(error) } : { id: request.id, result: null }, () => process.exit(code));
}

let lite;
try {
  lite = await PGlite.create(pgdata, { startParams: JSON.parse(startParams) });
} catch (err) {
  process.send({ ready: false, error: plain(err) }, () => process.exit(1));
}
if (lite) {
  process.on('message', (request) => {
    if (request.op === 'close') {
      void close(request);
      return;
    }
    handle(request).then(
      (result) => process.send({ id: request.id, result }),
      (err) => process.send({ id: request.id, error: plain(err) }),
    );
  });
  // the parent went away (ended or crashed): close the database cleanly and go too
  process.on('disconnect', () => void close());
  // Ctrl-C and a SIGTERM to the whole group reach this process too: its parent decides when it
  // closes (and its going away closes it); alone, without a parent, SIGTERM closes it
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => {
    if (!process.connected) void close();
  });
  process.send({ ready: true });
}
