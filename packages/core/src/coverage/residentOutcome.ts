/**
 * What the coverage rules made of each resident of a register, one byte a resident
 * ({@link CoverageIndex.residentOutcomes}): the encoding readers of that array share.
 */

/** A resident's outcome on a date: not used (rejected), used, eligible (18+), eligible and covered. */
export const RESIDENT_OUTCOME = { notUsed: 0, resident: 1, eligible: 2, covered: 3 } as const;

/** One of {@link RESIDENT_OUTCOME}'s values. */
export type ResidentOutcome = (typeof RESIDENT_OUTCOME)[keyof typeof RESIDENT_OUTCOME];

/**
 * Whether an outcome counts in the denominator (an eligible resident, covered or not).
 *
 * @example
 * isEligibleOutcome(RESIDENT_OUTCOME.covered) //=> true
 */
export function isEligibleOutcome(outcome: number): boolean {
  return outcome >= RESIDENT_OUTCOME.eligible;
}
