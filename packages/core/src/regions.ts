/**
 * `@cakupan/core/regions`: the names of every region of Indonesia — 38 provinces, 514 regencies
 * and cities, 7,285 districts, 83,762 villages by Kemendagri code — for `regionName`,
 * `parseRegionCode` and `knownRegions`, which otherwise know Kota Bogor only.
 *
 * A separate entry so that the main entry stays small in a browser: about 1.1 MB (420 KB gzipped)
 * that only those who import this pay for.
 *
 * Data: idn-area-data (https://github.com/fityannugroho/idn-area-data), licensed under the Open
 * Database License 1.0; the table shipped here is a derived database under the same licence.
 *
 * @packageDocumentation
 */
import { INDONESIA_REGION_SOURCE, INDONESIA_REGION_TABLE } from './region/data/indonesia.js';
import { decodeRegionTable, registeredRegions, registerRegionNames, registerRegionTable } from './region/regionTable.js';

/** Attribution the data's licence asks for, to show wherever region names are shown. */
export const REGION_DATA_ATTRIBUTION = `Region names: ${INDONESIA_REGION_SOURCE}, https://github.com/fityannugroho/idn-area-data`;

/**
 * Makes every region of Indonesia known to core's region functions (idempotent; about 0.1 s).
 * Returns how many names are known.
 *
 * @example
 * import { useAllRegions } from '@cakupan/core/regions';
 * useAllRegions();
 * regionName('1101012001') //=> 'Keude Bakongan'
 */
export function useAllRegions(): number {
  // decoded and registered once: every later call (each app a service builds) finds it in place
  const current = registeredRegions();
  if (current && current === installed) return current.size;
  const size = registerRegionTable(INDONESIA_REGION_TABLE);
  installed = registeredRegions();
  return size;
}

/** The table this module registered, to know it again. */
let installed: ReturnType<typeof registeredRegions>;

export { decodeRegionTable, registerRegionNames };
