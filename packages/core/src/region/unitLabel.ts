/**
 * How addresses name the neighbourhood units: RT (rukun tetangga, a neighbourhood of some dozens
 * of households) inside RW (rukun warga, a group of RTs) inside a village, written with three
 * digits — `RT 005/RW 003` — and a household on a sticker as its RT/RW and its number there
 * (`RT 005/RW 003 no. 2`).
 */

const pad3 = (n: number) => String(n).padStart(3, '0');

/**
 * `RT 005/RW 003` (or `RW 003` without an RT, `''` without an RW), the way addresses are written.
 *
 * @example
 * formatRtRw(5, 3) //=> 'RT 005/RW 003'
 * formatRtRw(undefined, 3) //=> 'RW 003'
 */
export function formatRtRw(rt: number | undefined, rw: number | undefined): string {
  if (rw === undefined) return '';
  return rt === undefined ? `RW ${pad3(rw)}` : `RT ${pad3(rt)}/RW ${pad3(rw)}`;
}

/**
 * A unit alone with its number: `RT 004`, `RW 003`.
 *
 * @example
 * formatUnit('rt', 4) //=> 'RT 004'
 */
export function formatUnit(level: 'rw' | 'rt', n: number | string): string {
  return `${level.toUpperCase()} ${typeof n === 'number' ? pad3(n) : n}`;
}

/**
 * The label of household number `number` of an RT (the store gives each household a number that
 * does not shift): what its sticker prints.
 *
 * @example
 * householdLabel(5, 3, 2) //=> 'RT 005/RW 003 no. 2'
 */
export function householdLabel(rt: number, rw: number, number: number): string {
  return `${formatRtRw(rt, rw)} no. ${number}`;
}

/**
 * Whether `label` is a {@link householdLabel} of the RT `rt`/`rw` (rather than a client's own
 * label such as `H-0001`).
 *
 * @example
 * isHouseholdLabelOf('RT 005/RW 003 no. 2', 5, 3) //=> true
 * isHouseholdLabelOf('H-0001', 5, 3) //=> false
 */
export function isHouseholdLabelOf(label: string, rt: number | undefined, rw: number | undefined): boolean {
  const unit = formatRtRw(rt, rw);
  return rt !== undefined && unit !== '' && label.startsWith(`${unit} no. `) && /^[1-9]\d*$/.test(label.slice(unit.length + 5));
}
