/**
 * The figures every coverage answer is made of: a region named by code and level, its eligible
 * residents (the denominator), the covered among them (the numerator), their ratio and the split
 * by segment (PU = wage earners, BPU = the self-employed, JAKON = construction workers, PMI =
 * migrant workers abroad), and the same for workers 18+ where the register records occupations.
 */
import { regionLevelSchema } from '@cakupan/core';
import { z } from 'zod';

const count = z.number().int().min(0);

/** Covered persons by primary segment; they sum to `covered`. */
export const bySegmentSchema = z.object({ PU: count, BPU: count, JAKON: count, PMI: count });

/** A region as the answers name it. */
export const regionRefSchema = z.object({ code: z.string(), level: regionLevelSchema, name: z.string().nullable() });

/** Eligible, covered, ratio and segments. */
export const figuresSchema = z.object({
  eligible: count.describe('Residents aged 18+ (the denominator)'),
  covered: count.describe('Of them, with an active account (the numerator)'),
  ratio: z.number().nullable().describe('covered / eligible; null when nobody is eligible'),
  bySegment: bySegmentSchema,
  occupationKnown: count.describe('Residents aged 18+ whose occupation the register records (0 for a register without occupations)'),
  workers: count.describe('Of them, workers: an occupation that counts as working (every SIAK occupation but not working, keeping house, in school, retired)'),
  coveredWorkers: count.describe('Workers with an active account'),
  workerRatio: z.number().nullable().describe('coveredWorkers / workers; null when there are no workers. The headline stays ratio, of all residents 18+'),
});

/** One region's coverage row: core's `RegionCoverage`. */
export const regionCoverageSchema = regionRefSchema.extend({
  parentCode: z.string().nullable().describe('The enclosing region; null for a province'),
  residents: count.describe('Residents used, all ages'),
  ...figuresSchema.shape,
});

/** The figures of everything asked about, without a region. */
export const totalsSchema = z.object({ residents: count, ...figuresSchema.shape });

/** Records read, used and rejected from one input. */
export const recordCountsSchema = z.object({ read: count, used: count, rejected: count });

/** What linking the register to the accounts by NIK found: core's `CoverageLinkage`. */
export const linkageSchema = z.object({
  accounts: count,
  activeAccounts: count,
  inactiveAccounts: count,
  personsWithActiveAccount: count,
  personsWithOnlyInactiveAccounts: count,
  matchedEligible: count,
  notInRegister: count.describe('Persons with an active account the register does not hold (e.g. commuters)'),
  underAge: count,
  overAge: count,
  multipleActiveAccounts: count,
  birthDateMismatches: count,
  birthDatesFromNik: count,
});

export type RegionRef = z.infer<typeof regionRefSchema>;
export type Figures = z.infer<typeof figuresSchema>;
export type RegionCoverageRow = z.infer<typeof regionCoverageSchema>;
