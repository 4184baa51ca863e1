/**
 * How a region is named on the page: its name from the service (which knows every region of
 * Indonesia), "RW 003" / "RT 005" below a village, else its code.
 */
import { levelOfCode, levelWordWithin, regionWord } from '@cakupan/core/lite';
import type { Client } from './client.js';
import { currentLang } from './i18n.js';

const names = new Map<string, string>();

/** Keeps names met in an answer, for the breadcrumbs and headings. */
export function rememberNames(regions: readonly { code: string; name: string | null }[]): void {
  for (const r of regions) if (r.name) names.set(r.code, r.name);
}

/** Asks the service (through the client, which keeps the answer) for the names of `code` and the regions above it. */
export async function loadNames(api: Client, code: string): Promise<void> {
  try {
    const r = await api.region(code);
    rememberNames([...r.parents, r]);
  } catch {
    // a failure leaves the codes as names; the client asks again next time
  }
}

/** "Batu Tulis", "RW 003", "RT 005", or the code when the name is unknown. */
export function nameOf(code: string, known?: string | null): string {
  const level = levelOfCode(code);
  if (level === 'rw' || level === 'rt') return `${level.toUpperCase()} ${code.split('.').at(-1)}`;
  return known ?? names.get(code) ?? code;
}

/** The region's own word, e.g. "Kelurahan", "Desa", "Kabupaten", for a heading's kicker (core's `regionWord`: the kind is in the code). */
export function levelWord(code: string): string {
  return regionWord(code, currentLang());
}

/** The word for the villages of `code`: "Kelurahan" in a kota, "Desa/Kelurahan" in a kabupaten. */
export function villageWord(code: string): string {
  return levelWordWithin('village', code, currentLang());
}
