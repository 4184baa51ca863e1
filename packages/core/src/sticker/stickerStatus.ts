/**
 * The one rule that decides a sticker's colour: green = registered, red = not registered.
 * The print service, reports and anything else that shows a status must use this function.
 */
import { z } from 'zod';
import { parseAccountStatus } from '../participant/participant.js';
import { CakupanError, formatPath, fromZodIssues } from '../issue/issue.js';

/** Sticker colours. */
export type StickerColour = 'green' | 'red';

/** Machine-readable reasons for a sticker's colour. */
export type StickerReason =
  | 'employer_registered'
  | 'employer_without_npp'
  | 'employer_inactive'
  | 'employer_status_unknown'
  | 'household_all_covered'
  | 'household_no_eligible_members'
  | 'household_not_all_covered';

/** An NPP (employer registration number at BPJS Ketenagakerjaan): 8 digits. */
export const nppSchema = z.string().regex(/^\d{8}$/, 'NPP must be 8 digits');

/** The facts about an employer (pemberi kerja) that decide its sticker. */
export const employerStickerFactsSchema = z.object({
  kind: z.literal('employer'),
  /** NPP, absent when the employer is not registered. */
  npp: z.union([z.literal(''), nppSchema]).optional().nullable(),
  /** Registration status: `active`/`aktif` or `inactive`/`nonaktif`; absent when unknown. */
  status: z.string().optional().nullable(),
});

/** The facts about a household that decide its sticker: counts only, never a NIK or KK. */
export const householdStickerFactsSchema = z
  .object({
    kind: z.literal('household'),
    /** Members eligible (18+ by default). */
    eligible: z.number().int().min(0),
    /** Eligible members with an active account. */
    covered: z.number().int().min(0),
  })
  .refine((h) => h.covered <= h.eligible, { message: 'covered cannot exceed eligible', path: ['covered'] });

/** The facts of either subject kind. */
export const stickerFactsSchema = z.discriminatedUnion('kind', [employerStickerFactsSchema, householdStickerFactsSchema]);
/** Input of {@link stickerStatus}. */
export type StickerFacts = z.input<typeof stickerFactsSchema>;

/** The decision of {@link stickerStatus}. */
export interface StickerStatus {
  readonly colour: StickerColour;
  readonly status: 'registered' | 'unregistered';
  readonly reason: StickerReason;
}

const DECISIONS: Readonly<Record<StickerReason, StickerStatus>> = Object.freeze({
  employer_registered: Object.freeze({ colour: 'green', status: 'registered', reason: 'employer_registered' }),
  employer_without_npp: Object.freeze({ colour: 'red', status: 'unregistered', reason: 'employer_without_npp' }),
  employer_inactive: Object.freeze({ colour: 'red', status: 'unregistered', reason: 'employer_inactive' }),
  employer_status_unknown: Object.freeze({ colour: 'red', status: 'unregistered', reason: 'employer_status_unknown' }),
  household_all_covered: Object.freeze({ colour: 'green', status: 'registered', reason: 'household_all_covered' }),
  household_no_eligible_members: Object.freeze({ colour: 'green', status: 'registered', reason: 'household_no_eligible_members' }),
  household_not_all_covered: Object.freeze({ colour: 'red', status: 'unregistered', reason: 'household_not_all_covered' }),
} satisfies Record<StickerReason, StickerStatus>);

/**
 * Decides a sticker's colour from the facts.
 *
 * - Employer: green when it has an NPP **and** its status is active (`active`/`aktif`); red with
 *   `employer_without_npp`, `employer_inactive`, or `employer_status_unknown` (an NPP but no status:
 *   registration alone does not show the employer is still active).
 * - Household: green when every eligible member is covered (`household_all_covered`), also when
 *   nobody in it is eligible (`household_no_eligible_members`); red otherwise.
 *
 * @throws {TypeError} when the facts are not an employer or household object of the documented shape
 * @throws {RangeError} when counts are negative, not integers, or covered exceeds eligible, or an NPP
 *   is not 8 digits, or a status is not a known word
 * @example
 * stickerStatus({ kind: 'employer', npp: '15070955', status: 'aktif' }) //=> { colour: 'green', status: 'registered', reason: 'employer_registered' }
 * stickerStatus({ kind: 'household', eligible: 3, covered: 2 }).colour //=> 'red'
 */
export function stickerStatus(facts: StickerFacts): StickerStatus {
  if (typeof facts !== 'object' || facts === null || (facts.kind !== 'employer' && facts.kind !== 'household')) {
    throw new TypeError('sticker facts must be an object with kind "employer" or "household"');
  }
  const r = stickerFactsSchema.safeParse(facts);
  if (!r.success) {
    throw new CakupanError(fromZodIssues(r.error.issues).map((i) => ({ ...i, message: `invalid ${facts.kind} facts at ${formatPath(i.path) || '(root)'}: ${i.message}` })));
  }
  const f = r.data;
  if (f.kind === 'household') {
    if (f.eligible === 0) return DECISIONS.household_no_eligible_members;
    return DECISIONS[f.covered === f.eligible ? 'household_all_covered' : 'household_not_all_covered'];
  }
  if (!f.npp) return DECISIONS.employer_without_npp;
  if (f.status == null || f.status.trim() === '') return DECISIONS.employer_status_unknown;
  const status = parseAccountStatus(f.status);
  if (status === undefined) throw new CakupanError({ code: 'invalid_value', message: `invalid employer facts at status: unknown status ${JSON.stringify(f.status)}`, path: ['status'] });
  return DECISIONS[status === 'active' ? 'employer_registered' : 'employer_inactive'];
}
