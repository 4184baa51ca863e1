/**
 * How a region is named on the page: its name from the service (which knows every region of
 * Indonesia), "RW 003" / "RT 005" below a village, else its code.
 */
import { getJson } from './api.js';
import { tAny } from './i18n.js';
import { levelOf } from './route.js';

const names = new Map<string, string>();
const lineages = new Map<string, Promise<void>>();

/** Keeps names met in an answer, for the breadcrumbs and headings. */
export function rememberNames(regions: readonly { code: string; name: string | null }[]): void {
  for (const r of regions) if (r.name) names.set(r.code, r.name);
}

/** Asks the service once for the names of `code` and the regions above it. */
export function loadNames(code: string): Promise<void> {
  const known = lineages.get(code);
  if (known) return known;
  // a failure leaves the codes as names, and is asked again next time
  const loading = getJson<{ code: string; name: string | null; parents: { code: string; name: string | null }[] }>(`/v1/regions/${encodeURIComponent(code)}`)
    .then((r) => rememberNames([...r.parents, r]))
    .catch(() => {
      lineages.delete(code);
    });
  lineages.set(code, loading);
  return loading;
}

/** "Batu Tulis", "RW 003", "RT 005", or the code when the name is unknown. */
export function nameOf(code: string, known?: string | null): string {
  const level = levelOf(code);
  if (level === 'rw' || level === 'rt') return `${level.toUpperCase()} ${code.split('.').at(-1)}`;
  return known ?? names.get(code) ?? code;
}

/** The level's word, e.g. "Kelurahan", for a heading's kicker. */
export function levelWord(code: string): string {
  return tAny(`level_${levelOf(code)}`);
}
