/**
 * `GET /v1/reports/monthly`: a region's monthly report as an A4 PDF.
 */
import { z } from 'zod';
import { optionalRegionQuery } from '../query.js';

/** A calendar month, `YYYY-MM`. */
export const monthField = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM')
  .refine((m) => m >= '1900-01' && m <= '2200-12', 'must be a month between 1900-01 and 2200-12');

/** `GET /v1/reports/monthly`'s query. */
export const monthlyReportQuery = z.object({
  region: optionalRegionQuery,
  month: monthField.optional().describe('Default: the current month'),
  target: z.coerce.number().min(0).max(100).optional().describe('The trend’s target line, %'),
});
