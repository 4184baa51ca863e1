/** An import as the store records it (`imports`, migrations 001 and 012). */

/** What an import is. */
export type ImportKind = 'residents' | 'participants' | 'employers';

/** An import as recorded. */
export interface ImportRecord {
  id: number;
  kind: ImportKind;
  fileName: string;
  sha256: string;
  asOf: string | null;
  rowsRead: number;
  rowsUsed: number;
  rowsRejected: number;
  startedAt: string;
  finishedAt: string | null;
  apiKeyLabel: string | null;
  /** An import is written in the transaction that applies it, so only applied (or later reverted) ones are ever seen. */
  status: 'applied' | 'reverted';
  /** The regions a residents import replaced: city codes (`32.71`), or a scope inside one. */
  regions: string[] | null;
  /** Whether it can still be undone (`POST /v1/imports/:id/revert`). */
  undoable: boolean;
  revertedAt: string | null;
  revertedBy: string | null;
}

export const IMPORT_SELECT = `select id::int as id, kind, file_name as "fileName", sha256, as_of::text as "asOf", rows_read as "rowsRead",
  rows_used as "rowsUsed", rows_rejected as "rowsRejected", started_at::text as "startedAt", finished_at::text as "finishedAt",
  api_key_label as "apiKeyLabel", status, regions, undoable, reverted_at::text as "revertedAt", reverted_by as "revertedBy" from imports`;

