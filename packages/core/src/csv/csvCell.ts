/**
 * Cells of the CSV cakupan writes for people (coverage tables, worklists, sticker registers,
 * rejected rows): safe to open in a spreadsheet.
 */
import { quoteCsvField } from './quoteCsvField.js';

/** What a spreadsheet would read as the start of a formula (OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * One cell: empty for `null`/`undefined`; text that a spreadsheet would run as a formula (`=`,
 * `+`, `-`, `@`, tab, CR first) gets a leading `'` so that it is shown, not run; quoted where
 * {@link quoteCsvField} says. Numbers are written as they are.
 *
 * @example
 * csvCell(null) //=> ''
 * csvCell('=HYPERLINK("http://x")') //=> '"\'=HYPERLINK(""http://x"")"'
 * csvCell(-0.5) //=> '-0.5'
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return quoteCsvField(FORMULA_START.test(text) && !NUMBER.test(text) ? `'${text}` : text);
}

/**
 * One line of cells joined by `,` (no line end).
 *
 * @example
 * csvLine(['32.71', 'Kota Bogor', 0.25]) //=> '32.71,Kota Bogor,0.25'
 */
export function csvLine(values: readonly unknown[]): string {
  return values.map(csvCell).join(',');
}
