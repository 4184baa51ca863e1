/**
 * Undoing an import. Each applied import keeps what it replaced (`residents_history`,
 * `participants_history`, `employers_history`, migration 012); reverting it puts that back and
 * takes its own rows out, so that the register and the accounts return exactly to what they were
 * before it — participant events received since on the accounts it wrote are undone with it (the
 * events themselves stay recorded).
 *
 * An import can be reverted while it is the one in force: no later applied import of its kind
 * (for residents, of the same regions) came over it — revert that one first. What the
 * {@link KEPT_IMPORTS} latest applied imports of each kind replaced is kept; an older import can
 * no longer be undone (`undoable: false`).
 */
import type { Db } from '../db/db.js';
import { audit } from '../stickers/register.js';
import { IMPORT_SELECT, type ImportKind, type ImportRecord } from './importRecord.js';

/** How many of the latest applied imports of each kind can be undone. */
export const KEPT_IMPORTS = 5;

/** An import that cannot be reverted as it stands (HTTP 409). */
export class RevertConflictError extends Error {
  override readonly name = 'RevertConflictError';
  readonly statusCode = 409;
}

/** Lets go of what the imports of `kind` older than the {@link KEPT_IMPORTS} latest replaced. */
export async function pruneHistory(tx: Db, kind: ImportKind): Promise<void> {
  const old = await tx.query<{ id: number }>(
    `select id::int as id from imports where kind = $1 and status = 'applied' and undoable order by id desc offset ${KEPT_IMPORTS}`,
    [kind],
  );
  if (old.length === 0) return;
  const ids = old.map((r) => r.id);
  const column = kind === 'residents' ? 'removed_by' : 'replaced_by';
  await tx.query(`delete from ${kind}_history where ${column} = any($1::bigint[])`, [ids]);
  await tx.query('update imports set undoable = false where id = any($1::bigint[])', [ids]);
}

/**
 * Reverts the applied import `id` (see the module's comment).
 *
 * @returns the import as reverted, or `undefined` when there is none with this id
 * @throws {RevertConflictError} when it is not applied, a later import is in force over it, or it is too old
 */
export async function revertImport(db: Db, id: number, by: string | null): Promise<ImportRecord | undefined> {
  return db.transaction(async (tx) => {
    // one revert or import of the store at a time: the counters' row orders them
    await tx.query('select 1 from store_versions for update');
    const [target] = await tx.query<ImportRecord>(`${IMPORT_SELECT} where id = $1`, [id]);
    if (target === undefined) return undefined;
    if (target.status !== 'applied') throw new RevertConflictError(`import ${id} is ${target.status}, not applied: there is nothing to undo`);
    const [later] = await tx.query<{ id: number }>(
      target.kind === 'residents'
        ? `select id::int as id from imports where kind = 'residents' and status = 'applied' and id > $1 and regions && $2::text[] order by id desc limit 1`
        : `select id::int as id from imports where kind = $2 and status = 'applied' and id > $1 order by id desc limit 1`,
      [id, target.kind === 'residents' ? (target.regions ?? []) : target.kind],
    );
    if (later !== undefined) throw new RevertConflictError(`import ${later.id} (later, of the same ${target.kind === 'residents' ? 'register' : 'kind'}) is in force over import ${id}: revert it first`);
    if (!target.undoable) throw new RevertConflictError(`import ${id} is too old to undo: what it replaced is kept for the ${KEPT_IMPORTS} latest imports of each kind only`);
    const kind = target.kind;
    const column = kind === 'residents' ? 'removed_by' : 'replaced_by';
    const live = await tx.query<{ column_name: string }>(
      `select column_name from information_schema.columns where table_name = $1 and table_schema = current_schema() order by ordinal_position`,
      [kind],
    );
    const columns = live.map((c) => c.column_name).join(', ');
    await tx.query(`delete from ${kind} where import_id = $1`, [id]);
    await tx.query(`insert into ${kind} (${columns}) select ${columns} from ${kind}_history where ${column} = $1`, [id]);
    await tx.query(`delete from ${kind}_history where ${column} = $1`, [id]);
    await tx.query(`update imports set status = 'reverted', reverted_at = clock_timestamp(), reverted_by = $2, undoable = false where id = $1`, [id, by]);
    await audit(tx, { actor: by, action: 'import.revert', subject: `${kind} ${target.fileName}`, count: target.rowsUsed, detail: { importId: id } });
    if (kind !== 'employers') await tx.query(`update store_versions set ${kind} = ${kind} + 1`);
    return (await tx.query<ImportRecord>(`${IMPORT_SELECT} where id = $1`, [id]))[0];
  });
}
