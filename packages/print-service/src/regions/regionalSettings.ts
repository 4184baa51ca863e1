/**
 * The settings in force for a region (core's `resolveRegionSettings` over the store's), for every
 * part of the service that speaks for a city or regency: stickers, verification pages, reports.
 * Kept a minute per city (settings change seldom; a change made through this service is seen at
 * once); a store that does not answer within `waitMs` gives the defaults, which follow the region
 * itself ("Pemerintah Kota Depok"), so a page never waits on it or fails for it.
 */
import { governmentOf, regionName, type RegionSettings, resolveRegionSettings, type ResolvedRegionSettings } from '@cakupan/core';
import type { Store } from '@cakupan/store';
import { keptLookup } from '../lookups/keptLookup.js';

export interface RegionalSettings {
  /** The settings in force for `code` (dotted, any level). */
  of(code: string): Promise<ResolvedRegionSettings>;
  /** Forgets what is kept (after a change). */
  forget(): void;
}

/**
 * @param store absent in the stand-alone mode (no store): every region has the deployment's and the defaults
 * @param deployment the service's own configuration (ISSUER, ISSUER_CONTACT): under every region's setting, over the defaults
 */
export function regionalSettings(store: Pick<Store, 'regionSettings'> | undefined, waitMs: number, deployment: RegionSettings = {}): RegionalSettings {
  const stored = keptLookup((government: string) => (store ? store.regionSettings.of([government]) : Promise.resolve(new Map())), {
    waitMs,
    keepMs: 60_000,
    maxKept: 2_000,
    fallback: () => new Map(),
  });
  return {
    async of(code) {
      const government = governmentOf(code);
      const own = await stored.get(government);
      return resolveRegionSettings(code, new Map([...own].map(([c, s]) => [c, s.settings])), regionName(government), deployment);
    },
    forget: () => stored.forget(),
  };
}
