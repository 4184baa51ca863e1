/**
 * The employer CSV the city's monitoring team exports: `id,name,village_code,rw,rt,npp,status`.
 */
import { parse } from 'csv-parse/sync';

/** Canonical employer columns, in order. */
export const EMPLOYER_COLUMNS = ['id', 'name', 'village_code', 'rw', 'rt', 'npp', 'status'] as const;
const REQUIRED = ['id', 'name', 'village_code'] as const;
const FIELD_OF_COLUMN: Record<string, string> = { village_code: 'villageCode' };
const COLUMN_OF_FIELD: Record<string, string> = { villageCode: 'village_code' };

/** A CSV problem that is the client's fault (HTTP 400). */
export class CsvError extends Error {
  readonly statusCode = 400;
  readonly code = 'CSV_INVALID';
  constructor(message: string, readonly line?: number) {
    super(message);
  }
}

/**
 * Parses the employer CSV into employer subjects (not yet validated: the request schema does that,
 * and {@link csvLocation} turns its paths back into line and column).
 *
 * Accepts UTF-8 with or without BOM, CRLF or LF, quoted fields, `,` or `;` as delimiter (taken from
 * the header line). Empty cells are absent values.
 *
 * @throws {CsvError} for malformed CSV, missing required columns, unknown columns or no data rows
 */
export function parseEmployerCsv(text: string): { subjects: Record<string, unknown>[]; lines: number[] } {
  const body = text.replace(/^\uFEFF/, '');
  const header = body.slice(0, body.search(/\r?\n|$/));
  const delimiter = (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(body, { delimiter, relax_column_count: false, skip_empty_lines: true, trim: true, bom: true, info: true }) as never;
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw new CsvError(`CSV does not parse${e.lines ? ` at line ${e.lines}` : ''}: ${e.message}`, e.lines);
  }
  const [head, ...data] = records.map((r) => r.record);
  if (!head) throw new CsvError('CSV is empty: expected a header line id,name,village_code,rw,rt,npp,status');
  const columns = head.map((c) => c.trim().toLowerCase());
  const unknown = columns.filter((c) => !(EMPLOYER_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0) throw new CsvError(`unknown CSV column(s) ${unknown.join(', ')}; expected ${EMPLOYER_COLUMNS.join(',')}`, 1);
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0) throw new CsvError(`CSV is missing column(s) ${missing.join(', ')}`, 1);
  if (data.length === 0) throw new CsvError('CSV has a header but no rows');
  const lines = records.slice(1).map((r) => r.info.lines);
  const subjects = data.map((cells) => {
    const subject: Record<string, unknown> = { kind: 'employer' };
    columns.forEach((c, i) => {
      const v = cells[i];
      if (v !== undefined && v !== '') subject[FIELD_OF_COLUMN[c] ?? c] = v;
    });
    return subject;
  });
  return { subjects, lines };
}

/** `subjects.4.villageCode` → `{ line: 6, column: 'village_code' }`, from the lines of each row. */
export function csvLocation(path: readonly PropertyKey[], lines: readonly number[]): { line: number; column?: string } | undefined {
  const index = Number(path[1]);
  if (path[0] !== 'subjects' || !Number.isInteger(index)) return undefined;
  const field = path[2];
  const line = lines[index] ?? index + 2;
  return typeof field === 'string' ? { line, column: COLUMN_OF_FIELD[field] ?? field } : { line };
}
