/**
 * A red sticker's page asks the store how to register in its village: kept for a minute per
 * village, waited for at most `waitMs` (`keptLookup`); a store that does not answer in time, or
 * fails, gives nothing — the page then shows BPJS Ketenagakerjaan's website — and is asked again
 * on the next scan.
 */
import type { RegistrationHelp } from '@cakupan/core';
import type { Store } from '@cakupan/store';
import { keptLookup } from '../../lookups/keptLookup.js';

export function registrationHelpLookup(source: Pick<Store['registrationHelp'], 'of'>, waitMs: number): (villageCode: string) => Promise<RegistrationHelp | undefined> {
  const lookup = keptLookup(async (villageCode: string) => (await source.of([villageCode])).get(villageCode)?.help, { waitMs, keepMs: 60_000, maxKept: 5_000, fallback: () => undefined });
  return (villageCode) => lookup.get(villageCode);
}
