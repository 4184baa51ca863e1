/**
 * Officers' accounts: a username, a name, a role and a scope; a password hashed with argon2id
 * (`@node-rs/argon2`; none for an account that signs in only by single sign-on) or the OpenID
 * Connect subject it signs in as. After `LOCKOUT.attempts` failed passwords in a row an account
 * is locked for `LOCKOUT.minutes`; an administrator's reset sets a new password (to be changed at
 * the next sign-in) and lifts the lock. Usernames and API keys' labels are one namespace — the
 * audit log's actors. Every change is written to the audit log.
 */
import { hash, verify } from '@node-rs/argon2';
import { CakupanError } from '@cakupan/core';
import type { Db } from '../db/db.js';
import { audit } from '../stickers/register.js';

/** Failed passwords in a row that lock an account, and for how long. */
export const LOCKOUT = { attempts: 5, minutes: 15 } as const;

/** Shortest password accepted (NIST SP 800-63B: at least 8; longer is better, any characters). */
export const MIN_PASSWORD_LENGTH = 10;

/** An account as listed: never its password hash. */
export interface AccountInfo {
  username: string;
  name: string;
  role: string;
  /** Dotted region code, or null for everything. */
  scope: string | null;
  /** Whether it has a password (else it signs in by single sign-on only). */
  hasPassword: boolean;
  /** Whether it is linked to a single sign-on identity. */
  sso: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  disabledAt: string | null;
  createdAt: string;
  createdBy: string | null;
}

/** Who signed in. */
export interface SignedIn {
  username: string;
  name: string;
  role: string;
  scope: string | null;
  mustChangePassword: boolean;
}

const COLUMNS = `username, name, role, scope, password_hash is not null as "hasPassword", oidc_subject is not null as sso,
  locked_until::text as "lockedUntil", must_change_password as "mustChangePassword", disabled_at::text as "disabledAt",
  created_at::text as "createdAt", created_by as "createdBy"`;

// argon2id, OWASP's second recommended setting (m = 19 MiB, t = 2, p = 1)
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** The hash a password is compared with when there is no such account (the same work: no timing tells). */
let dummyHash: Promise<string> | undefined;

function checkPassword(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) throw new CakupanError({ code: 'out_of_range', message: `a password has at least ${MIN_PASSWORD_LENGTH} characters`, path: ['password'] });
  if (password.length > 256) throw new CakupanError({ code: 'out_of_range', message: 'a password has at most 256 characters', path: ['password'] });
}

/** What `addAccount` takes. */
export interface NewAccount {
  username: string;
  name: string;
  role: string;
  scope: string | null;
  /** Absent: single sign-on only (`oidcSubject`, or linked at the first sign-in by its username). */
  password?: string | undefined;
  oidcSubject?: string | undefined;
  by: string | null;
}

/**
 * Makes an account.
 *
 * @throws {CakupanError} `conflict` when the username is taken (by an account or an API key's label); `out_of_range` for a short password
 */
export async function addAccount(db: Db, account: NewAccount): Promise<AccountInfo> {
  if (account.password !== undefined) checkPassword(account.password);
  const passwordHash = account.password === undefined ? null : await hash(account.password, ARGON2);
  return db.transaction(async (tx) => {
    const taken = await tx.query('select 1 from api_keys where label = $1', [account.username]);
    if (taken.length > 0) throw new CakupanError({ code: 'conflict', message: `${account.username} is an API key’s label: an account needs another username`, path: ['username'] });
    const rows = await tx.query<AccountInfo>(
      `insert into accounts (username, name, role, scope, password_hash, oidc_subject, created_by) values ($1, $2, $3, $4, $5, $6, $7)
       on conflict do nothing returning ${COLUMNS}`,
      [account.username, account.name, account.role, account.scope, passwordHash, account.oidcSubject ?? null, account.by],
    );
    if (rows.length === 0) throw new CakupanError({ code: 'conflict', message: `an account ${account.username} exists already (or its single sign-on identity is another’s)`, path: ['username'] });
    await audit(tx, { actor: account.by, action: 'account.add', subject: account.username, count: 1, detail: { role: account.role, scope: account.scope } });
    return rows[0]!;
  });
}

/** Every account, by username. */
export function listAccounts(db: Db): Promise<AccountInfo[]> {
  return db.query<AccountInfo>(`select ${COLUMNS} from accounts order by username`);
}

/** One account, or `undefined`. */
export async function getAccount(db: Db, username: string): Promise<AccountInfo | undefined> {
  return (await db.query<AccountInfo>(`select ${COLUMNS} from accounts where username = $1`, [username]))[0];
}

/** What an administrator may change of an account. */
export interface AccountChange {
  name?: string | undefined;
  role?: string | undefined;
  /** `null`: everything. */
  scope?: string | null | undefined;
  /** `true` disables (signs in no more, its sessions end), `false` enables again. */
  disabled?: boolean | undefined;
}

/** Changes an account; `undefined` when there is none. Disabling ends its sessions. */
export async function changeAccount(db: Db, username: string, change: AccountChange, by: string | null): Promise<AccountInfo | undefined> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<AccountInfo>(
      `update accounts set name = coalesce($2, name), role = coalesce($3, role), scope = case when $4::boolean then $5 else scope end,
         disabled_at = case when $6::boolean is null then disabled_at when $6 then coalesce(disabled_at, now()) else null end, updated_at = now()
       where username = $1 returning ${COLUMNS}`,
      [username, change.name ?? null, change.role ?? null, change.scope !== undefined, change.scope ?? null, change.disabled ?? null],
    );
    if (rows.length === 0) return undefined;
    // a role, scope or disabling takes effect at once: the account's sessions end
    if (change.role !== undefined || change.scope !== undefined || change.disabled === true) await endSessionsOf(tx, username);
    await audit(tx, { actor: by, action: 'account.change', subject: username, count: 1, detail: change });
    return rows[0];
  });
}

/**
 * An administrator's reset: a new password, to be changed at the next sign-in; the lock lifted and
 * the account's sessions ended. `undefined` when there is no such account.
 */
export async function resetPassword(db: Db, username: string, password: string, by: string | null): Promise<AccountInfo | undefined> {
  checkPassword(password);
  const passwordHash = await hash(password, ARGON2);
  return db.transaction(async (tx) => {
    const rows = await tx.query<AccountInfo>(
      `update accounts set password_hash = $2, must_change_password = true, failed_attempts = 0, locked_until = null, updated_at = now()
       where username = $1 returning ${COLUMNS}`,
      [username, passwordHash],
    );
    if (rows.length === 0) return undefined;
    await endSessionsOf(tx, username);
    await audit(tx, { actor: by, action: 'account.reset', subject: username, count: 1 });
    return rows[0];
  });
}

/** The outcome of a sign-in by password. */
export type PasswordSignIn = { ok: true; account: SignedIn } | { ok: false; reason: 'wrong' | 'locked' | 'disabled'; lockedUntil?: string };

/**
 * Checks a username and password: counts a failure (locking after `LOCKOUT.attempts`), clears the
 * count on success. A wrong username costs the same argon2 work as a wrong password.
 */
export async function signInWithPassword(db: Db, username: string, password: string): Promise<PasswordSignIn> {
  const row = (
    await db.query<{ password_hash: string | null; locked: boolean; locked_until: string | null; disabled: boolean } & SignedIn>(
      `select username, name, role, scope, must_change_password as "mustChangePassword", password_hash, locked_until > now() as locked,
         locked_until::text as locked_until, disabled_at is not null as disabled from accounts where username = $1`,
      [username],
    )
  )[0];
  const stored = row?.password_hash ?? (await (dummyHash ??= hash('no such account, no such password', ARGON2)));
  const matches = password.length <= 256 && (await verify(stored, password).catch(() => false));
  if (!row || row.password_hash === null) return { ok: false, reason: 'wrong' };
  if (row.locked) return { ok: false, reason: 'locked', lockedUntil: row.locked_until! };
  if (row.disabled) return { ok: false, reason: 'disabled' };
  if (!matches) {
    const [after] = await db.query<{ failed_attempts: number; locked_until: string | null }>(
      `update accounts set failed_attempts = failed_attempts + 1,
         locked_until = case when failed_attempts + 1 >= $2 then now() + make_interval(mins => $3) else locked_until end
       where username = $1 returning failed_attempts, locked_until::text as locked_until`,
      [username, LOCKOUT.attempts, LOCKOUT.minutes],
    );
    if (after && after.failed_attempts >= LOCKOUT.attempts) {
      await db.query('update accounts set failed_attempts = 0 where username = $1', [username]);
      await audit(db, { actor: username, action: 'account.locked', subject: username, count: LOCKOUT.attempts, detail: { until: after.locked_until } });
      return { ok: false, reason: 'locked', lockedUntil: after.locked_until! };
    }
    return { ok: false, reason: 'wrong' };
  }
  await db.query('update accounts set failed_attempts = 0 where username = $1 and failed_attempts > 0', [username]);
  await audit(db, { actor: username, action: 'account.sign-in', subject: username, count: 1, detail: { by: 'password' } });
  return { ok: true, account: { username: row.username, name: row.name, role: row.role, scope: row.scope, mustChangePassword: row.mustChangePassword } };
}

/**
 * A person's own change of password (the current one checked first); every session of the account ends.
 *
 * @throws {CakupanError} `invalid_value` for a wrong current password; `out_of_range` for a short new one
 */
export async function changeOwnPassword(db: Db, username: string, current: string, next: string): Promise<void> {
  checkPassword(next);
  const signIn = await signInWithPassword(db, username, current);
  if (!signIn.ok) throw new CakupanError({ code: 'invalid_value', message: 'the current password is wrong (or the account is locked)', path: ['currentPassword'] });
  if (current === next) throw new CakupanError({ code: 'invalid_value', message: 'the new password is the current one', path: ['newPassword'] });
  await db.query('update accounts set password_hash = $2, must_change_password = false, updated_at = now() where username = $1', [username, await hash(next, ARGON2)]);
  await endSessionsOf(db, username); // every other sign-in ends; the caller starts a new one
  await audit(db, { actor: username, action: 'account.password', subject: username, count: 1 });
}

/**
 * The account a single sign-on identity signs in as: the one linked to `subject`, else (at its
 * first sign-in) the account whose username is the provider's `preferred_username`, which is then
 * linked to it. `undefined`: no account (an administrator makes one first) or a disabled one.
 */
export async function signInWithSso(db: Db, subject: string, preferredUsername: string | undefined): Promise<SignedIn | undefined> {
  return db.transaction(async (tx) => {
    const select = `select username, name, role, scope, false as "mustChangePassword", disabled_at is not null as disabled, oidc_subject from accounts`;
    let row = (await tx.query<SignedIn & { disabled: boolean; oidc_subject: string | null }>(`${select} where oidc_subject = $1`, [subject]))[0];
    if (!row && preferredUsername) {
      row = (await tx.query<SignedIn & { disabled: boolean; oidc_subject: string | null }>(`${select} where username = $1 and oidc_subject is null`, [preferredUsername]))[0];
      if (row) await tx.query('update accounts set oidc_subject = $2, updated_at = now() where username = $1', [row.username, subject]);
    }
    if (!row || row.disabled) return undefined;
    await audit(tx, { actor: row.username, action: 'account.sign-in', subject: row.username, count: 1, detail: { by: 'sso' } });
    return { username: row.username, name: row.name, role: row.role, scope: row.scope, mustChangePassword: false };
  });
}

/** Ends every session of an account (its role, scope or password changed, or it was disabled). */
export async function endSessionsOf(db: Db, username: string): Promise<void> {
  await db.query(`delete from sessions where data->'person'->>'username' = $1`, [username]);
}
