/**
 * A red sticker's page asks the store how to register in its village: kept for a minute per
 * village (a burst of scans in one street asks once), waited for at most `waitMs`; a store that
 * does not answer in time, or fails, gives nothing — the page then shows BPJS Ketenagakerjaan's
 * website — and is asked again on the next scan.
 */
import type { RegistrationHelp } from '@cakupan/core';
import type { Store } from '@cakupan/store';

const KEEP_MS = 60_000;
const MAX_KEPT = 5_000;

export function registrationHelpLookup(source: Pick<Store['registrationHelp'], 'of'>, waitMs: number): (villageCode: string) => Promise<RegistrationHelp | undefined> {
  const kept = new Map<string, { at: number; help: RegistrationHelp | undefined }>();
  return async (villageCode) => {
    const hit = kept.get(villageCode);
    if (hit && Date.now() - hit.at < KEEP_MS) return hit.help;
    let timer: NodeJS.Timeout | undefined;
    try {
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(resolve, waitMs, 'late')));
      const found = await Promise.race([source.of([villageCode]), late]);
      if (found === 'late') return undefined;
      const help = found.get(villageCode)?.help;
      if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value!);
      kept.set(villageCode, { at: Date.now(), help });
      return help;
    } catch {
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  };
}
