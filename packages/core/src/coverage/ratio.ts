/**
 * Coverage ratios from counts, including counts already aggregated elsewhere (as BPJS and the
 * city publish them).
 */
import { z } from 'zod';
import { SEGMENTS, type Segment } from '../participant/participant.js';

/**
 * The coverage ratio `covered / eligible` as a fraction (0.16 = 16 %).
 *
 * @throws {RangeError} when a count is negative or not an integer, `covered > eligible`, or
 *   `eligible` is 0 (there is no ratio; {@link computeCoverage} reports `null` for that case)
 * @example
 * coverageRatio({ covered: 96365, eligible: 600815 }) //=> 0.16039…
 */
export function coverageRatio(counts: { covered: number; eligible: number }): number {
  const { covered, eligible } = counts;
  if (!isCount(covered) || !isCount(eligible)) throw new RangeError('covered and eligible must be non-negative integers');
  if (eligible === 0) throw new RangeError('eligible must be greater than 0 to compute a ratio');
  if (covered > eligible) throw new RangeError(`covered (${covered}) cannot exceed eligible (${eligible})`);
  return covered / eligible;
}

/** Published, already aggregated figures. */
export const aggregateFiguresSchema = z.object({
  /** Active participants (persons) per segment; missing segments count 0. */
  participants: z.partialRecord(z.enum(SEGMENTS), z.number().int().min(0)),
  /** Residents eligible (18+). */
  eligible: z.number().int().min(1),
});
/** Input of {@link coverageFromAggregates}. */
export type AggregateFigures = z.input<typeof aggregateFiguresSchema>;

/** Result of {@link coverageFromAggregates}. */
export interface AggregateCoverage {
  covered: number;
  eligible: number;
  uncovered: number;
  bySegment: Record<Segment, number>;
  ratio: number;
  /** The ratio in percent rounded to 2 decimals (e.g. 16.04). */
  percent: number;
}

/**
 * Coverage from figures that are already aggregated — participants per segment and the eligible
 * population — as BPJS Ketenagakerjaan and city governments publish them.
 *
 * Limits: published figures count participants, and may count a person with two accounts twice;
 * the result is only as exact as the figures. Use {@link computeCoverage} on records for persons.
 *
 * @throws {RangeError} when the figures are invalid or the participants exceed the eligible
 * @example
 * // Kota Bogor: BPJS TK semester I 2017, Disdukcapil semester II 2017
 * coverageFromAggregates({ participants: { PU: 92550, BPU: 3815 }, eligible: 600815 }).percent //=> 16.04
 */
export function coverageFromAggregates(figures: AggregateFigures): AggregateCoverage {
  const r = aggregateFiguresSchema.safeParse(figures);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new RangeError(`invalid figures at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const bySegment = Object.fromEntries(SEGMENTS.map((s) => [s, r.data.participants[s] ?? 0])) as Record<Segment, number>;
  const covered = SEGMENTS.reduce((sum, s) => sum + bySegment[s], 0);
  const ratio = coverageRatio({ covered, eligible: r.data.eligible });
  return {
    covered,
    eligible: r.data.eligible,
    uncovered: r.data.eligible - covered,
    bySegment,
    ratio,
    percent: Math.round(ratio * 10000) / 100,
  };
}

function isCount(n: number): boolean {
  return Number.isInteger(n) && n >= 0;
}
