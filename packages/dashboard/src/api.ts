/**
 * The service's API, from the page: same origin; a person signed in by the session cookie (set
 * HttpOnly by the service: the page never sees it) with the CSRF token on every change, or a
 * machine's API key from the browser session in `Authorization: Bearer`. An answer that is not 2xx
 * becomes an {@link ApiError} with the service's own message; a 401 signs the page out.
 */

const KEY = 'cakupan.apiKey';

/** The API key of this browser tab (sessionStorage: gone when the tab closes). */
export function apiKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function setApiKey(key: string | null): void {
  if (key === null) sessionStorage.removeItem(KEY);
  else sessionStorage.setItem(KEY, key);
}

/** The signed-in session's CSRF token (in memory only: a reload asks `GET /v1/session` again). */
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** An error answer of the service: its status and message (the shape every route shares). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Called when the service refuses the key (401): the page returns to sign-in. */
let onUnauthorised: () => void = () => undefined;
export function whenUnauthorised(handler: () => void): void {
  onUnauthorised = handler;
}

/** A query string as an object; empty values are left out. */
export type Query = Record<string, string | number | undefined | null>;

function url(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function send(path: string, init: RequestInit, query?: Query, key = apiKey()): Promise<Response> {
  const headers = new Headers(init.headers);
  if (key) headers.set('authorization', `Bearer ${key}`);
  else if (csrfToken && init.method !== 'GET') headers.set('x-csrf-token', csrfToken);
  const response = await fetch(url(path, query), { ...init, headers, credentials: 'same-origin' });
  if (response.ok) return response;
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = (await response.json()) as { message?: string };
    if (body.message) message = body.message;
  } catch {
    // not JSON: keep the status line
  }
  if (response.status === 401) onUnauthorised();
  throw new ApiError(response.status, message);
}

/** GET a JSON answer. */
export async function getJson<T>(path: string, query?: Query, key?: string): Promise<T> {
  return (await send(path, { method: 'GET' }, query, key)).json() as Promise<T>;
}

/** A file answer (PDF, CSV) as a Blob, from GET or from POST with a JSON body. */
export async function getFile(path: string, query?: Query, body?: unknown): Promise<Blob> {
  const init: RequestInit = body === undefined ? { method: 'GET' } : { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
  return (await send(path, init, query)).blob();
}

/** Saves a Blob under `fileName` through the browser's download. */
export function saveFile(blob: Blob, fileName: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/**
 * POSTs a form (a file upload) and gives the answer's status and JSON body, whatever the status
 * (an import's 409 is an answer to show, not a failure). XMLHttpRequest rather than fetch: it
 * reports the upload's progress, which a city's register (60–75 MB) needs.
 */
export function postForm(path: string, form: FormData, onProgress?: (sent: number, total: number) => void, query?: Query): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url(path, query));
    const key = apiKey();
    if (key) xhr.setRequestHeader('authorization', `Bearer ${key}`);
    else if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.responseType = 'json';
    if (onProgress) xhr.upload.onprogress = (e) => onProgress(e.loaded, e.total);
    xhr.onload = () => {
      if (xhr.status === 401) onUnauthorised();
      const body = xhr.response as { message?: string } | null;
      if (xhr.status >= 200 && xhr.status < 300) resolve({ status: xhr.status, body });
      else if (xhr.status === 409) resolve({ status: xhr.status, body });
      else reject(new ApiError(xhr.status, body?.message ?? `${xhr.status} ${xhr.statusText}`));
    };
    xhr.onerror = () => reject(new ApiError(0, 'the service cannot be reached'));
    xhr.send(form);
  });
}

/** Sends `body` (or nothing) as JSON with `method` (default POST) and gives the JSON answer. */
export async function postJson<T>(path: string, body?: unknown, method: 'POST' | 'PATCH' | 'PUT' | 'DELETE' = 'POST'): Promise<T> {
  const init: RequestInit = body === undefined ? { method } : { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
  return (await send(path, init)).json() as Promise<T>;
}
