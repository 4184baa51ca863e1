/**
 * A CSV field: quoted (with quotes doubled) when it holds a quote, a line break, `,` or `;` — the
 * latter so that tools guessing a `;` delimiter read it whole too. For CSV a person opens, use
 * {@link csvCell}, which also keeps a spreadsheet from running the cell as a formula.
 *
 * @example
 * quoteCsvField('Siti, S.Pd') //=> '"Siti, S.Pd"'
 */
export function quoteCsvField(value: string): string {
  return /[",\r\n;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
