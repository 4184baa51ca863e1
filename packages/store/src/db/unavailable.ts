/**
 * The store's database cannot answer now (its process died and is being restarted, it did not
 * answer within its deadline, the server is unreachable), or it has no room to write. A service
 * answers the first 503 with `Retry-After: retryAfterSeconds`, the second 507; neither is a fault
 * of the request, and both heal without an operator (see `supervisor.ts`).
 */
export class StoreUnavailableError extends Error {
  readonly code = 'STORE_UNAVAILABLE';
  constructor(
    message: string,
    /** When asking again may succeed. */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * Whether `err` says the database cannot be reached or did not answer in time: a
 * {@link StoreUnavailableError}, PostgreSQL's SQLSTATE classes 08 (connection exception), 57P01–03
 * (shut down, crashed, starting) and 57014 (a statement cancelled by its timeout), and the
 * network and timeout errors of `pg` (a unix socket that is gone while its server restarts too).
 */
export function isStoreUnavailable(err: unknown): boolean {
  if (err instanceof StoreUnavailableError) return true;
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  if (/^(08\w{3}|57P0[1-3]|57014)$/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH'].includes(code)) return true;
  // a server on a unix socket restarting: its socket file is gone for a moment
  if (code === 'ENOENT' && (err as { syscall?: unknown }).syscall === 'connect') return true;
  return /Connection terminated|Query read timeout|timeout exceeded when trying to connect|Client has encountered a connection error|the embedded database process ended/i.test(String((err as Error | null)?.message ?? ''));
}

/**
 * Whether `err` says the disk is full (or over quota) or the data folder cannot be written:
 * PostgreSQL's class 53 `disk_full` (53100) and Node's ENOSPC, EDQUOT, EROFS. Nothing was written
 * (the statement's transaction rolled back); the service answers 507.
 */
export function isStorageFull(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = String(e?.code ?? '');
  return code === '53100' || code === 'ENOSPC' || code === 'EDQUOT' || code === 'EROFS' || /No space left on device|could not extend file|Read-only file system/i.test(String(e?.message ?? ''));
}
