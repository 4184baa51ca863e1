/**
 * The service's API, from the page: same origin, the API key from the browser session in
 * `Authorization: Bearer`. An answer that is not 2xx becomes an {@link ApiError} with the
 * service's own message; a 401 signs the page out.
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

type Query = Record<string, string | number | undefined | null>;

function url(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function send(path: string, init: RequestInit, query?: Query, key = apiKey()): Promise<Response> {
  const headers = new Headers(init.headers);
  if (key) headers.set('authorization', `Bearer ${key}`);
  const response = await fetch(url(path, query), { ...init, headers });
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
