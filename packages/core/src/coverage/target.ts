/**
 * The target a coverage figure is read against.
 */

/**
 * The default target line, in percent: the RPJMN (the national medium-term development plan)
 * 2020–2024's target for 2025, 32.15 % — of workers (UCJ), so charts and reports that draw it over
 * coverage of residents 18+ label it as such.
 *
 * @example
 * DEFAULT_TARGET_PERCENT //=> 32.15
 */
export const DEFAULT_TARGET_PERCENT = 32.15;

/** Where {@link DEFAULT_TARGET_PERCENT} comes from, as a report prints it under the figure. */
export const DEFAULT_TARGET_SOURCE = 'RPJMN 2020–2024, sasaran 2025 (pekerja)';
