/**
 * The synthetic sample city (`sample/`: Kota Bogor's real districts and villages, invented people),
 * imported into an empty store at start-up so that a newcomer's dashboard shows figures at once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '@cakupan/store';
import { PACKAGE_DIR } from './config.js';
import { checkBoundaries } from './regions/boundariesFile.js';
import { keepBoundaries } from './regions/keepBoundaries.js';

/** The sample's folder and its export date (the generator's reference date). */
export const SAMPLE_DIR = join(PACKAGE_DIR, 'sample');
export const SAMPLE_AS_OF = '2017-12-31';

/** Kota Bogor's village boundaries (`kota-bogor-boundaries.geojson`, with its licence beside it) and their credit. */
export const SAMPLE_BOUNDARIES = { file: 'kota-bogor-boundaries.geojson', region: '32.71', attribution: 'Badan Informasi Geospasial; cahyadsn/wilayah_boundaries (MIT licence)' };

/**
 * Imports the sample's residents, participants and employers, and Kota Bogor's boundaries (as an
 * administrator would upload them), when the store holds no import yet.
 *
 * @returns whether it imported (false: the store already had data)
 */
export async function importSampleCity(store: Pick<Store, 'imports' | 'importCsv' | 'boundaries'>, dir = SAMPLE_DIR): Promise<boolean> {
  if ((await store.imports({ limit: 1 })).length > 0) return false;
  for (const kind of ['residents', 'participants', 'employers'] as const) {
    await store.importCsv({ kind, path: join(dir, `${kind}.csv`), fileName: `${kind}.csv`, asOf: SAMPLE_AS_OF, apiKeyLabel: 'sample-city' });
  }
  if (!(await store.boundaries.for([SAMPLE_BOUNDARIES.region]))) {
    const bytes = readFileSync(join(SAMPLE_DIR, SAMPLE_BOUNDARIES.file));
    const checked = checkBoundaries(bytes.toString('utf8'), SAMPLE_BOUNDARIES.region);
    await keepBoundaries(store, { regionCode: SAMPLE_BOUNDARIES.region, bytes, checked, attribution: SAMPLE_BOUNDARIES.attribution, by: 'sample-city' });
  }
  return true;
}
