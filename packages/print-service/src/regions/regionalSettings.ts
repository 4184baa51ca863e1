/**
 * The settings in force for a region (core's `resolveRegionSettings` over the store's), for every
 * part of the service that speaks for a city or regency: stickers, verification pages, reports.
 * Kept a minute per city (settings change seldom; a change made through this service is seen at
 * once); a store that does not answer within `waitMs` gives the defaults, which follow the region
 * itself ("Pemerintah Kota Depok"), so a page never waits on it or fails for it.
 */
import { governmentOf, regionName, type RegionSettings, resolveRegionSettings, type ResolvedRegionSettings } from '@cakupan/core';
import type { Store } from '@cakupan/store';

const KEEP_MS = 60_000;
const MAX_KEPT = 2_000;

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
  const kept = new Map<string, { at: number; settings: Awaited<ReturnType<Store['regionSettings']['of']>> }>();
  const storedFor = async (government: string) => {
    if (!store) return new Map();
    const hit = kept.get(government);
    if (hit && Date.now() - hit.at < KEEP_MS) return hit.settings;
    let timer: NodeJS.Timeout | undefined;
    try {
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(resolve, waitMs, 'late')));
      const found = await Promise.race([store.regionSettings.of([government]), late]);
      if (found === 'late') return new Map();
      if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value!);
      kept.set(government, { at: Date.now(), settings: found });
      return found;
    } catch {
      return new Map();
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    async of(code) {
      const government = governmentOf(code);
      const stored = await storedFor(government);
      return resolveRegionSettings(code, new Map([...stored].map(([c, s]) => [c, s.settings])), regionName(government), deployment);
    },
    forget: () => kept.clear(),
  };
}
