/**
 * Keeps a checked boundaries file in the store as the region's newest version (`checkBoundaries`
 * first), with the sha256 of the file as uploaded and who kept it: what the upload route, the
 * sample city and a test setting up a region all do.
 */
import { createHash } from 'node:crypto';
import type { Store } from '@cakupan/store';
import type { BoundariesFile } from './boundariesFile.js';

export function keepBoundaries(
  store: Pick<Store, 'boundaries'>,
  upload: { regionCode: string; bytes: Buffer; checked: BoundariesFile; attribution: string; by: string },
): ReturnType<Store['boundaries']['add']> {
  const { regionCode, bytes, checked, attribution, by } = upload;
  return store.boundaries.add({ regionCode, geojson: checked.geojson, attribution, features: checked.features, sourceSha256: createHash('sha256').update(bytes).digest('hex'), by });
}
