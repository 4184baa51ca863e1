/**
 * Age and eligibility on a reference date.
 *
 * Coverage is measured against residents aged 18 and over (the "eligible" population). Ages are
 * whole years between calendar dates, as date-fns' `differenceInYears` gives them: the birthday
 * itself counts, and a person born on 29 February turns a year older on 1 March in common years.
 */
import { differenceInYears, subYears } from 'date-fns';
import { z } from 'zod';
import { CakupanError, fromZodIssues } from '../issue/issue.js';
import {
  type CalendarDateInput,
  requireDateNumber,
  toDateNumber,
} from '../date/calendarDate.js';
import { dateNumberToUtcDate } from '../date/utcDate.js';

/** The oldest age, in whole years, a policy may name: a bound on input, not a demographic claim. */
export const MAX_AGE_YEARS = 150;

/**
 * An age in whole years, 0–150: the one check of every age a caller gives (policies, the CLI's
 * `--min-age`, the coverage API's `minAge`).
 *
 * @example
 * ageYearsSchema.parse(18) //=> 18
 */
export const ageYearsSchema = z.number().int().min(0).max(MAX_AGE_YEARS);

/** The age policy: who counts as eligible. */
export const agePolicySchema = z
  .object({
    /** Minimum age in whole years on the reference date (inclusive). Default 18. */
    minAge: ageYearsSchema.default(18),
    /** Optional maximum age in whole years (inclusive); absent means no upper limit. */
    maxAge: ageYearsSchema.optional(),
  })
  .refine((p) => p.maxAge === undefined || p.maxAge >= p.minAge, {
    message: 'maxAge must be at least minAge',
    path: ['maxAge'],
  });

/** Input form of {@link agePolicySchema}. */
export type AgePolicyInput = z.input<typeof agePolicySchema>;
/** The age policy with its defaults filled in. */
export type AgePolicy = z.output<typeof agePolicySchema>;

/** The default minimum age for coverage (18). */
export const DEFAULT_MIN_AGE = 18;

/**
 * A person's age in whole years on `asOf`.
 *
 * @param birthDate - the birth date (ISO `YYYY-MM-DD` or a `Date` read as a local calendar date)
 * @param asOf - the reference date, in the same forms
 * @returns the completed years; negative when `asOf` is before the birth date
 * @throws {RangeError} when either date is not a real calendar date
 * @example
 * ageOn('2000-02-29', '2018-02-28') //=> 17
 * ageOn('2000-02-29', '2018-03-01') //=> 18
 */
export function ageOn(birthDate: CalendarDateInput, asOf: CalendarDateInput): number {
  const birth = requireDateNumber(birthDate, 'birthDate');
  const ref = requireDateNumber(asOf, 'asOf');
  return differenceInYears(dateNumberToUtcDate(ref), dateNumberToUtcDate(birth));
}

/**
 * Birth-date bounds (as `yyyymmdd` numbers, inclusive) of the persons eligible on `asOf`:
 * a person is eligible exactly when `earliest <= birth <= latest`. Computing the bounds once per
 * report lets a report of millions of persons compare numbers instead of dates.
 *
 * @internal exported for the coverage calculation and tests
 */
export function eligibleBirthRange(
  asOf: number,
  policy: AgePolicy,
): { earliest: number; latest: number } {
  const ref = dateNumberToUtcDate(asOf);
  const latest = toDateNumber(subYears(ref, policy.minAge))!;
  let earliest = 0;
  if (policy.maxAge !== undefined) {
    // age <= maxAge  <=>  birth > asOf - (maxAge + 1) years
    const before = toDateNumber(subYears(ref, policy.maxAge + 1))!;
    earliest = nextDayNumber(before);
  }
  return { earliest, latest };
}

/**
 * Whether a person born on `birthDate` is eligible on `asOf`: age at least `minAge` (default 18;
 * the birthday itself counts) and, if given, at most `maxAge`.
 *
 * @throws {RangeError} when a date is not a real calendar date or the policy is invalid
 * @example
 * isEligible('2000-01-01', '2018-01-01') //=> true (the 18th birthday)
 * isEligible('2000-01-02', '2018-01-01') //=> false
 * isEligible('1950-01-01', '2018-01-01', { maxAge: 64 }) //=> false
 */
export function isEligible(
  birthDate: CalendarDateInput,
  asOf: CalendarDateInput,
  policy: AgePolicyInput = {},
): boolean {
  const parsed = agePolicySchema.safeParse(policy);
  if (!parsed.success) throw new CakupanError(fromZodIssues(parsed.error.issues, ['policy']).map((i) => ({ ...i, message: `invalid age policy: ${i.message}` })));
  const birth = requireDateNumber(birthDate, 'birthDate');
  const { earliest, latest } = eligibleBirthRange(requireDateNumber(asOf, 'asOf'), parsed.data);
  return birth >= earliest && birth <= latest;
}

function nextDayNumber(value: number): number {
  const d = dateNumberToUtcDate(value);
  d.setDate(d.getDate() + 1);
  return toDateNumber(d)!;
}
