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

/** `format=json` (default), `csv`, or `xlsx` (an Excel workbook): a table a person downloads. */
export const tableFormatQuery = z.enum(['json', 'csv', 'xlsx']).optional().describe('json (default), csv, or xlsx (an Excel workbook)');

/**
 * The `limit` of a page of a list: 1 to `max`, `fallback` when absent.
 *
 * @example
 * z.object({ limit: pageLimit(100, 1000) }).parse({}) //=> { limit: 100 }
 */
export function pageLimit(fallback: number, max: number) {
  return decimalField(1, max).default(fallback).describe(`Items a page (1–${max}, default ${fallback})`);
}

/**
 * A whole number of the path or query, written in decimal digits only (`0x10`, `1e3`, ` 16` and
 * `16.0` are not 16), from `min` to `max`.
 *
 * @example
 * decimalField(1, 100).parse('16') //=> 16
 * decimalField(1, 100).safeParse('0x10').success //=> false
 */
export function decimalField(min: number, max: number) {
  // a program may hand a number (the dashboard's client does); a URL always holds text
  return z
    .union([z.number(), z.string().regex(/^\d{1,16}$/, 'must be written in decimal digits').transform(Number)])
    .pipe(z.number().int().min(min).max(max));
}

/** A positive integer id of the path or query (an import's id, a cursor). */
export const idField = decimalField(1, 2 ** 53);

/** A sticker's serial (1 to 2³² − 1). */
export const serialField = decimalField(1, 0xffffffff);
