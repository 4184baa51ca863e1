/**
 * The options of a coverage run as text — the CLI's flags and the coverage API's form fields are
 * both strings — checked by one schema, so that both answer the same mistakes with the same words.
 */
import { z } from 'zod';
import { ageYearsSchema } from '../age/age.js';
import { isoDateSchema } from '../date/calendarDate.js';
import { REGION_LEVELS, type RegionLevel } from '../region/region.js';

/**
 * A comma-separated list of region levels (`district,village`); each level once, none empty.
 *
 * @example
 * regionLevelListSchema.parse('village, rt') //=> ['village', 'rt']
 */
export const regionLevelListSchema = z.string().transform((text, ctx): RegionLevel[] => {
  const list = text.split(',').map((l) => l.trim());
  const bad = list.filter((l) => !(REGION_LEVELS as readonly string[]).includes(l));
  if (bad.length > 0) {
    const what = bad.map((b) => (b === '' ? 'an empty entry' : JSON.stringify(b))).join(', ');
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(text)}: ${what} ${bad.length > 1 ? 'are not levels' : 'is not a level'}; levels are ${REGION_LEVELS.join(', ')}`, params: { code: 'invalid_value' } });
    return z.NEVER;
  }
  return list as RegionLevel[];
});

/** A whole number of years written as text (`18`), 0–150. */
export const ageYearsTextSchema = z
  .string()
  .trim()
  .regex(/^\d{1,3}$/, 'must be a whole number of years 0–150')
  .transform(Number)
  .pipe(ageYearsSchema);

/**
 * Coverage options as text: `asOf` (YYYY-MM-DD), `levels` (comma-separated), `minAge`, `preset`
 * (`canonical` or `siak`). Empty strings count as absent.
 *
 * @example
 * coverageTextOptionsSchema.parse({ asOf: '2017-12-31', levels: 'city,district' })
 * //=> { asOf: '2017-12-31', levels: ['city', 'district'] }
 */
export const coverageTextOptionsSchema = z.object({
  asOf: isoDateSchema,
  levels: z.preprocess(emptyIsAbsent, regionLevelListSchema.optional()),
  minAge: z.preprocess(emptyIsAbsent, ageYearsTextSchema.optional()),
  preset: z.preprocess(emptyIsAbsent, z.enum(['canonical', 'siak']).optional()),
});

/** Output of {@link coverageTextOptionsSchema}. */
export type CoverageTextOptions = z.output<typeof coverageTextOptionsSchema>;

function emptyIsAbsent(v: unknown): unknown {
  return typeof v === 'string' && v.trim() === '' ? undefined : v;
}
