/**
 * The synthetic sample city (`sample/`: Kota Bogor's real districts and villages, invented people),
 * imported into an empty store at start-up so that a newcomer's dashboard shows figures at once.
 */
import { join } from 'node:path';
import type { Store } from '@cakupan/store';
import { PACKAGE_DIR } from './config.js';

/** The sample's folder and its export date (the generator's reference date). */
export const SAMPLE_DIR = join(PACKAGE_DIR, 'sample');
export const SAMPLE_AS_OF = '2017-12-31';

/**
 * Imports the sample's residents, participants and employers when the store holds no import yet.
 *
 * @returns whether it imported (false: the store already had data)
 */
export async function importSampleCity(store: Pick<Store, 'imports' | 'importCsv'>, dir = SAMPLE_DIR): Promise<boolean> {
  if ((await store.imports({ limit: 1 })).length > 0) return false;
  for (const kind of ['residents', 'participants', 'employers'] as const) {
    await store.importCsv({ kind, path: join(dir, `${kind}.csv`), fileName: `${kind}.csv`, asOf: SAMPLE_AS_OF, apiKeyLabel: 'sample-city' });
  }
  return true;
}
