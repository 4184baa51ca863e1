/**
 * `GET /v1/quality`: what to doubt in a region's figures. Counts only, never personal data.
 */
import { regionLevelSchema } from '@cakupan/core';
import { z } from 'zod';
import { recordCountsSchema, regionRefSchema } from './figures.js';

/** A region's quality counts. */
export const qualityCountsSchema = z.object({
  eligible: z.number().int(),
  covered: z.number().int(),
  underAge: z.number().int().describe('Residents under 18 with an active account'),
  multipleActiveAccounts: z.number().int().describe('Residents with more than one active account'),
  birthDateMismatches: z.number().int().describe('Residents whose register birth date differs from their NIK'),
  birthDatesFromNik: z.number().int().describe('Residents without a register birth date (the NIK’s was used)'),
  cellsOver100: z.number().int().describe('RTs in the region whose covered exceed their eligible'),
});

/** `GET /v1/quality`'s answer (its query is the overview's). */
export const qualitySchema = z.object({
  region: z.object({ code: z.string(), level: regionLevelSchema }),
  asOf: z.string(),
  records: z
    .object({ residents: recordCountsSchema, participants: recordCountsSchema })
    .optional()
    .describe('The whole store’s rows read, used and rejected: for a key of the whole store only'),
  linkage: z.object({
    notInRegister: z.number().int().describe('Persons with an active account the register does not hold (e.g. commuters)'),
    underAge: z.number().int(),
    multipleActiveAccounts: z.number().int(),
    personsWithOnlyInactiveAccounts: z.number().int(),
    birthDateMismatches: z.number().int(),
    birthDatesFromNik: z.number().int(),
  })
    .optional()
    .describe('The whole store’s linkage (a participant not in the register has no address): for a key of the whole store only'),
  quality: qualityCountsSchema,
  children: z.array(qualityCountsSchema.extend(regionRefSchema.shape)),
});

export type QualityCounts = z.infer<typeof qualityCountsSchema>;
export type Quality = z.infer<typeof qualitySchema>;
