/** A date option checked by core's date schema (loaded with the commands that take one). */
import { isoDateSchema } from '@cakupan/core';
import { UsageError } from './args.js';

/**
 * The option's value when it is a real calendar date as YYYY-MM-DD.
 *
 * @throws {UsageError} naming the option
 */
export function isoDate(value: string, option: string): string {
  if (!isoDateSchema.safeParse(value).success) throw new UsageError(`--${option} ${JSON.stringify(value)} is not a real date as YYYY-MM-DD`);
  return value;
}
