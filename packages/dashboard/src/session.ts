/**
 * Who signed in on this page: a person's session (asked of `GET /v1/session` once per load; the
 * cookie itself is HttpOnly, the page keeps only the CSRF token, in memory), or none.
 */
import { getJson, postJson, setCsrfToken } from './api.js';
import type { SessionInfo, SessionState } from './types.js';

/** `undefined`: not asked yet; `null`: nobody signed in. */
let person: SessionInfo | null | undefined;

/** The person signed in, asking the service the first time. */
export async function currentPerson(): Promise<SessionInfo | null> {
  if (person !== undefined) return person;
  const state = await getJson<SessionState>('/v1/session');
  return remember(state.signedIn ? state : null);
}

/** What the service answered of the session (sign-in, password change), or `null` (signed out). */
export function remember(next: SessionInfo | null): SessionInfo | null {
  person = next;
  setCsrfToken(next?.csrfToken ?? null);
  return next;
}

/** Signs in by username and password. @throws {ApiError} 401 for a wrong one (or a locked account) */
export async function signInWithPassword(username: string, password: string): Promise<SessionInfo> {
  return remember(await postJson<SessionInfo>('/v1/session', { username, password }))!;
}

/** Changes one's own password; the session goes on with a new id. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<SessionInfo> {
  return remember(await postJson<SessionInfo>('/v1/session/password', { currentPassword, newPassword }))!;
}

/** Ends the session at the service. */
export async function signOutSession(): Promise<void> {
  try {
    await postJson('/v1/session', undefined, 'DELETE');
  } finally {
    remember(null);
  }
}

/** Forgets the session without asking (the service answered 401: it ended). */
export function forgetPerson(): void {
  remember(null);
}
