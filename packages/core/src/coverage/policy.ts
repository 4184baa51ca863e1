/**
 * The policy of a coverage calculation (who is eligible, which segment a covered person counts
 * under) and the levels it reports: their schemas and the one place they are checked.
 */
import { z } from 'zod';
import { agePolicySchema, ageYearsSchema } from '../age/age.js';
import { CakupanError, formatPath, fromZodIssues } from '../issue/issue.js';
import { DEFAULT_SEGMENT_PRECEDENCE, SEGMENTS } from '../participant/participant.js';
import { REGION_LEVELS, type RegionLevel, regionLevelSchema } from '../region/region.js';

/** The policy of a coverage calculation. */
export const coveragePolicySchema = z
  .object({
    /** Minimum age on the reference date (inclusive). Default 18. */
    minAge: ageYearsSchema.default(18),
    /** Optional maximum age (inclusive). */
    maxAge: ageYearsSchema.optional(),
    /**
     * Order that picks each covered person's one primary segment. Must list all four segments.
     * Default `['PU', 'JAKON', 'PMI', 'BPU']`.
     */
    segmentPrecedence: z
      .array(z.enum(SEGMENTS))
      .length(4)
      .refine((a) => new Set(a).size === 4, { message: 'must list PU, BPU, JAKON and PMI once each' })
      .default([...DEFAULT_SEGMENT_PRECEDENCE]),
  })
  .refine((p) => p.maxAge === undefined || p.maxAge >= p.minAge, { message: 'maxAge must be at least minAge', path: ['maxAge'] });
/** Input form of {@link coveragePolicySchema}. */
export type CoveragePolicyInput = z.input<typeof coveragePolicySchema>;
/** A coverage policy with defaults filled in. */
export type CoveragePolicy = z.output<typeof coveragePolicySchema>;

/** @internal */
export function parsePolicy(input: unknown): CoveragePolicy {
  const r = coveragePolicySchema.safeParse(input ?? {});
  if (!r.success) {
    throw new CakupanError(fromZodIssues(r.error.issues, ['policy']).map((i) => ({ ...i, message: `invalid ${formatPath(i.path)}: ${i.message}` })));
  }
  // the age part must also satisfy the age policy's own schema
  const age = agePolicySchema.safeParse({ minAge: r.data.minAge, maxAge: r.data.maxAge });
  if (!age.success) throw new CakupanError(fromZodIssues(age.error.issues, ['policy']));
  return r.data;
}

/** @internal */
export function parseLevels(input: unknown): RegionLevel[] {
  if (input === undefined) return [...REGION_LEVELS];
  const r = z.array(regionLevelSchema).min(1).safeParse(input);
  if (!r.success) throw new CakupanError({ code: 'invalid_value', message: `levels must be a non-empty list of ${REGION_LEVELS.join(', ')}`, path: ['levels'] });
  return REGION_LEVELS.filter((l) => r.data.includes(l));
}
