/**
 * The level of a dotted region code and the codes above it, read from the code's shape alone (one
 * part a level: `32` province, `32.71` city, … `32.71.01.1001.003.005` RT). For a code that may be
 * malformed, {@link parseRegionCode} checks it first; these functions do not validate.
 */
import { REGION_LEVELS, type RegionLevel } from './levels.js';

/**
 * The level of a well-formed dotted region code.
 *
 * @throws {RangeError} when the code has no part or more than six.
 * @example
 * levelOfCode('32.71.01.1001') // 'village'
 * levelOfCode('32.71.01.1001.003.005') // 'rt'
 */
export function levelOfCode(code: string): RegionLevel {
  const level = code === '' ? undefined : REGION_LEVELS[code.split('.').length - 1];
  if (!level) throw new RangeError(`a region code has 1–6 dotted parts, got ${JSON.stringify(code)}`);
  return level;
}

/**
 * The codes of a dotted region code's lineage, from the province down to the code itself.
 *
 * @example
 * lineageOf('32.71.01') // ['32', '32.71', '32.71.01']
 */
export function lineageOf(code: string): string[] {
  levelOfCode(code);
  const parts = code.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}
