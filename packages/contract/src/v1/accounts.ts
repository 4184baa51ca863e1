/**
 * People: signing in (`/v1/session`), and the officers' accounts an administrator manages
 * (`/v1/accounts`). A username and an API key's label are one namespace: the audit log's actors.
 */
import { z } from 'zod';
import { keyScopeField } from './apiKeys.js';
import { regionRefSchema } from './figures.js';
import { PERMISSION_NAMES, roleSchema } from './roles.js';

/** A username: what the audit log names a person by. */
export const usernameField = z.string().regex(/^[a-z0-9_.-]{2,40}$/, 'lower-case letters, digits, `_`, `.` and `-`, 2 to 40');
const passwordField = z.string().min(1).max(256);
/** A new password: at least 10 characters, any (NIST SP 800-63B); the store checks it again. */
export const newPasswordField = z.string().refine((p) => [...p].length >= 10, 'at least 10 characters').refine((p) => p.length <= 256, 'at most 256 characters');

/** `POST /v1/session`'s body. */
export const signInBody = z.object({ username: z.string().min(1).max(40), password: passwordField }).strict();

/** `POST /v1/session/password`'s body. */
export const changePasswordBody = z.object({ currentPassword: passwordField, newPassword: newPasswordField }).strict();

/** Who is signed in (or which key calls), with what they may do. */
export const sessionSchema = z.object({
  username: z.string(),
  name: z.string(),
  role: roleSchema,
  scope: regionRefSchema.nullable().describe('The region the person works in (and everything below it); null: everything'),
  permissions: z.array(z.enum(PERMISSION_NAMES as [string, ...string[]])).describe('What the role may do (the one permission table)'),
  mustChangePassword: z.boolean().describe('An administrator reset the password: nothing else answers until it is changed'),
  csrfToken: z.string().describe('Send it as `x-csrf-token` with every request that changes something'),
  expiresAt: z.string().describe('When the session ends at the latest (ISO); it ends earlier after a while without requests'),
});

/** `GET /v1/session`'s answer: the session, or that nobody is signed in (a page asks this first: not an error). */
export const sessionStateSchema = z.discriminatedUnion('signedIn', [z.object({ signedIn: z.literal(false) }), sessionSchema.extend({ signedIn: z.literal(true) })]);

/** `GET /v1/session/methods`: how one can sign in here. */
export const signInMethodsSchema = z.object({
  password: z.boolean(),
  sso: z.object({ name: z.string(), url: z.string() }).nullable().describe('Single sign-on by OpenID Connect, when the city has one'),
});

/** An account as an administrator sees it: never its password. */
export const accountSchema = z.object({
  username: z.string(),
  name: z.string(),
  role: roleSchema,
  scope: z.string().nullable(),
  hasPassword: z.boolean(),
  sso: z.boolean().describe('Linked to a single sign-on identity'),
  lockedUntil: z.string().nullable().describe('Locked after repeated wrong passwords until then (an administrator’s reset lifts it)'),
  mustChangePassword: z.boolean(),
  disabledAt: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export const accountsSchema = z.object({ accounts: z.array(accountSchema) });

/** `POST /v1/accounts`'s body: without a password, the account signs in by single sign-on only. */
export const createAccountBody = z
  .object({ username: usernameField, name: z.string().trim().min(1).max(80), role: roleSchema, scope: keyScopeField.optional(), password: newPasswordField.optional() })
  .strict();

/** `PATCH /v1/accounts/:username`'s body. */
export const changeAccountBody = z
  .object({ name: z.string().trim().min(1).max(80).optional(), role: roleSchema.optional(), scope: keyScopeField.nullable().optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'change at least one of name, role, scope, disabled');

/** `POST /v1/accounts/:username/reset`'s body: the new password, to be changed at the next sign-in. */
export const resetPasswordBody = z.object({ password: newPasswordField }).strict();

export const accountParams = z.object({ username: z.string().max(40) });

export type Account = z.infer<typeof accountSchema>;
export type SessionInfo = z.infer<typeof sessionSchema>;
export type SessionState = z.infer<typeof sessionStateSchema>;
