/**
 * The employer CSV as a sticker request body (`text/csv`): core's CSV reader (the one reader the
 * CLI and the coverage upload use), then the request schema. The city's monitoring team exports
 * `id,name,village_code,rw,rt,npp,status`.
 */
import { Readable } from 'node:stream';
import type { Issue } from '@cakupan/core';
import { readEmployersCsv } from '@cakupan/core/node';
import { StickerInputError } from './inputError.js';

const COLUMN_OF_FIELD: Record<string, string> = { villageCode: 'village_code' };

/**
 * Reads the employer CSV into employer subjects (not yet validated: the request schema does that,
 * and {@link csvLocation} turns its paths back into line and column). Empty cells are absent values.
 *
 * @throws {CsvFormatError} for a file without the required columns, with unknown or duplicate columns
 * @throws {StickerInputError} 400 listing every row that does not parse, 413 for more rows than `maxRows`
 */
export async function readEmployerSubjects(text: string, maxRows: number): Promise<{ subjects: Record<string, unknown>[]; lines: number[] }> {
  // count the rows before reading them: an oversized body is refused at once
  let newlines = 0;
  for (let i = text.indexOf('\n'); i >= 0 && newlines <= maxRows + 1; i = text.indexOf('\n', i + 1)) newlines++;
  if (newlines > maxRows + 1) throw new StickerInputError(413, `too many stickers: more than ${maxRows} rows in one request, the limit is ${maxRows}`);
  const file = await readEmployersCsv(Readable.from([text]), { unknownColumns: 'reject' });
  if (file.rejected.length > 0) {
    const issues: Issue[] = file.rejected.map((r) => ({ code: 'invalid_format', message: r.message, path: [], line: r.line, column: r.column }));
    throw new StickerInputError(400, `invalid CSV: line ${issues[0]!.line}: ${issues[0]!.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`, issues);
  }
  if (file.records.length === 0) throw new StickerInputError(400, 'CSV has a header but no rows', [{ code: 'required', message: 'at least one row', path: [], line: 2 }]);
  const lines = file.records.map((r) => Number((r as { ref?: unknown }).ref));
  const subjects = file.records.map(({ ref: _ref, ...fields }) => ({ kind: 'employer', ...fields }));
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
