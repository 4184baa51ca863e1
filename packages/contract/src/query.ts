/**
 * The query and path fields several routes share, each defined once: a region code, a date, a
 * page of a list, the answer's format.
 */
import { isoDateSchema, regionCodeSchema } from '@cakupan/core';
import { z } from 'zod';

/** A region code, dotted or not, province down to RT (`32.71.01.1001.003.005`), parsed into core's `Region`. */
export const regionField = z.string().max(40).pipe(regionCodeSchema);

/** An optional `region`: the key's scope when absent. */
export const optionalRegionQuery = regionField.optional().describe('A region code, dotted or not (default: the key’s scope)');

/** A date field, `YYYY-MM-DD`, a real calendar date. */
export const dateField = isoDateSchema;

/** `format=json` (default) or `format=csv`. */
export const formatQuery = z.enum(['json', 'csv']).optional().describe('json (default) or csv, for a spreadsheet');

/**
 * The `limit` of a page of a list: 1 to `max`, `fallback` when absent.
 *
 * @example
 * z.object({ limit: pageLimit(100, 1000) }).parse({}) //=> { limit: 100 }
 */
export function pageLimit(fallback: number, max: number) {
  return z.coerce.number().int().min(1).max(max).default(fallback).describe(`Items a page (1–${max}, default ${fallback})`);
}

/** A positive integer id of the path or query (a serial, an import's id, a cursor). */
export const idField = z.coerce.number().int().min(1).max(2 ** 53);
