/**
 * `GET /v1/overview`: a region at a glance — coverage with numerator and denominator, the change
 * since the previous month-end, the same for each region one level down, and what the figures
 * stand on.
 */
import { z } from 'zod';
import { dateField, optionalRegionQuery } from '../query.js';
import { figuresSchema, regionRefSchema } from './figures.js';

/** `GET /v1/overview`'s query (also `GET /v1/quality`'s). */
export const regionOnDateQuery = z.object({ region: optionalRegionQuery, asOf: dateField.optional().describe('Default: today') });

/** The change since the previous month-end. */
export const changeSchema = z.object({ covered: z.number().int(), ratioPoints: z.number().nullable().describe('In percentage points') }).describe('Since the previous month-end');

/** The register's snapshot, the latest accounts export and the latest event the figures stand on. */
export const dataAsOfSchema = z.object({
  residents: z.object({ asOf: z.string().nullable(), importedAt: z.string() }).nullable(),
  participants: z.object({ asOf: z.string().nullable(), importedAt: z.string() }).nullable(),
  lastEventAt: z.string().nullable(),
});

/** `GET /v1/overview`'s answer. */
export const overviewSchema = z.object({
  region: regionRefSchema,
  asOf: z.string(),
  coverage: figuresSchema,
  previous: figuresSchema.extend({ asOf: z.string() }),
  change: changeSchema,
  children: z
    .array(figuresSchema.extend({ ...regionRefSchema.shape, previous: figuresSchema, change: changeSchema }))
    .describe('The regions one level down (none for an RT), with the same figures: the drill-down table'),
  dataAsOf: dataAsOfSchema,
});

export type Overview = z.infer<typeof overviewSchema>;
export type Change = z.infer<typeof changeSchema>;
export type DataAsOf = z.infer<typeof dataAsOfSchema>;
export type RegionOnDateQuery = z.input<typeof regionOnDateQuery>;
