/**
 * Which region lies in which: dotted region codes (`32.71.01.1001.003.004`) nest by prefix.
 */
import { REGION_LEVELS, type RegionLevel } from './levels.js';

/**
 * Whether the region `code` is `ancestor` itself or lies inside it (both dotted codes).
 *
 * @example
 * isWithinRegion('32.71.01.1001', '32.71') //=> true
 * isWithinRegion('32.71', '32.71') //=> true
 * isWithinRegion('32.710', '32.71') //=> false
 */
export function isWithinRegion(code: string, ancestor: string): boolean {
  return code === ancestor || (code.length > ancestor.length && code.startsWith(ancestor) && code.charCodeAt(ancestor.length) === 46 /* . */);
}

/**
 * Whether the region `code` lies strictly inside `ancestor` (not the region itself).
 *
 * @example
 * isBelowRegion('32.71.01', '32.71') //=> true
 * isBelowRegion('32.71', '32.71') //=> false
 */
export function isBelowRegion(code: string, ancestor: string): boolean {
  return code !== ancestor && isWithinRegion(code, ancestor);
}

/**
 * The level one below `level` (`undefined` below an RT).
 *
 * @example
 * childLevelOf('city') //=> 'district'
 * childLevelOf('rt') //=> undefined
 */
export function childLevelOf(level: RegionLevel): RegionLevel | undefined {
  return REGION_LEVELS[REGION_LEVELS.indexOf(level) + 1];
}

/**
 * Whether `level` is below `above` (a district is below a city; a city is not below itself).
 *
 * @example
 * isLevelBelow('village', 'city') //=> true
 * isLevelBelow('city', 'city') //=> false
 */
export function isLevelBelow(level: RegionLevel, above: RegionLevel): boolean {
  return REGION_LEVELS.indexOf(level) > REGION_LEVELS.indexOf(above);
}
