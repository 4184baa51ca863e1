/**
 * Streaming CSV ingest of the canonical exports (Node only: `@cakupan/core/node`).
 *
 * Residents (population register): `nik,kk,name,birth_date,sex,village_code,rw,rt`.
 * Participants (BPJS Ketenagakerjaan): `nik,kpj,segment,status,registered_on,ended_on,employer_npp`.
 * Employers: `id,name,village_code,rw,rt,npp,status`.
 *
 * UTF-8 with or without BOM, CRLF or LF, quoted fields (commas, quotes and line breaks inside),
 * `,` or `;` as delimiter (read from the header line). Header names match case-insensitively.
 * Parsing is papaparse's streaming parser: csv-parse, tried first, spent 4 of the 8 seconds of a
 * city-sized run (BENCHMARKS.md).
 * Every row read is either kept (as a record whose `ref` is its line number) or rejected with its
 * line, column and reason.
 */
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import Papa from 'papaparse';
import type { EmployerRecord } from '../employer/compliance.js';
import type { ParticipantRecord, ResidentRecord } from '../coverage/records.js';
import type { DateOrder } from '../date/readDateText.js';
import { looksLikeZip, xlsxCsv } from './readXlsx.js';
import { type CsvKind, CsvFormatError, type CsvRejection, dateOrderOfRow, DEFER, planColumns, type ReadCsvOptions, wrongFieldCount } from './csvColumns.js';

export { CANONICAL_COLUMNS, COLUMN_ALIASES, type CsvKind, type CsvPreset, type CsvRejection, type ReadCsvOptions, CsvFormatError } from './csvColumns.js';

/** What a reader returns. */
export interface ReadCsvResult<T> {
  /** Records kept, each with `ref` = its line number (empty when `onRecord` took them). */
  records: T[];
  /** Data rows read (header excluded). */
  read: number;
  /** Rows that could not be read as a record (malformed CSV, wrong number of fields, bad date format). */
  rejected: CsvRejection[];
  /** The file's header name for each record field, to name columns in later rejections. */
  columnOfField: Record<string, string>;
}

/** Reads the residents CSV. @throws {CsvFormatError} */
export function readResidentsCsv(input: string | Readable, options: ReadCsvOptions = {}): Promise<ReadCsvResult<ResidentRecord>> {
  return readCsv('residents', input, options) as Promise<ReadCsvResult<ResidentRecord>>;
}

/** Reads the participants CSV. @throws {CsvFormatError} */
export function readParticipantsCsv(input: string | Readable, options: ReadCsvOptions = {}): Promise<ReadCsvResult<ParticipantRecord>> {
  return readCsv('participants', input, options) as Promise<ReadCsvResult<ParticipantRecord>>;
}

/** Reads the employers CSV. @throws {CsvFormatError} */
export function readEmployersCsv(input: string | Readable, options: ReadCsvOptions = {}): Promise<ReadCsvResult<EmployerRecord>> {
  return readCsv('employers', input, options) as Promise<ReadCsvResult<EmployerRecord>>;
}

/**
 * Reads a CSV of `kind` from a path or a readable stream, streaming: memory grows with the records
 * kept, not with the file.
 *
 * @throws {CsvFormatError} when the file is missing or unreadable, empty, or lacks a required column
 */
export async function readCsv(kind: CsvKind, input: string | Readable, options: ReadCsvOptions & ReadCsvPartOptions = {}): Promise<ReadCsvResult<Record<string, unknown>>> {
  const source = options.sourceName ?? (typeof input === 'string' ? input : `the ${kind} CSV`);
  if (typeof input === 'string') {
    try {
      if (!statSync(input).isFile()) throw new CsvFormatError(`${source}: not a file`);
    } catch (err) {
      if (err instanceof CsvFormatError) throw err;
      throw new CsvFormatError(`${source}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
  }
  const part = options.part;
  // an Excel workbook: its sheet read as CSV (readXlsx.ts)
  const workbook = typeof input === 'string' && part === undefined && isZipFile(input);
  const stream =
    typeof input !== 'string' ? input : workbook ? xlsxCsv(input, { ...(options.sheet !== undefined && { sheet: options.sheet }), source }) : createReadStream(input, { encoding: 'utf8', ...(part && { start: part.start, end: part.end - 1 }) });
  const records: Record<string, unknown>[] = [];
  const rejected: CsvRejection[] = [];
  let read = 0;
  let header: string[] | undefined;
  let build: ((cells: string[], line: number, order?: DateOrder, final?: boolean) => Record<string, unknown> | CsvRejection | typeof DEFER) | undefined;
  let columnOfField: Record<string, string> = {};
  // dates written with numbers only: the order the file's own dates show (until then, rows with an
  // ambiguous date wait, and the rows after them, so that records keep the file's order)
  let dateCells: readonly number[] = [];
  let order: DateOrder | undefined = options.dateOrder;
  const waiting: { cells: string[]; line: number }[] = [];
  const emit = (built: Record<string, unknown> | CsvRejection) => {
    if ('line' in built) rejected.push(built as CsvRejection);
    else if (options.onRecord) options.onRecord(built);
    else records.push(built);
  };
  const flush = (final: boolean) => {
    for (const w of waiting) emit(build!(w.cells, w.line, order, final) as Record<string, unknown> | CsvRejection);
    waiting.length = 0;
  };
  // the line where the next row starts: rows are counted, and the line breaks inside quoted fields
  let line = 1;
  let quoted = false;
  // whether a NUL character has come yet (no database keeps one in text: such a row is rejected)
  let nul = false;
  if (part) {
    header = part.header;
    const plan = planColumns(kind, header, options, source);
    build = plan.build;
    columnOfField = plan.columnOfField;
    dateCells = plan.dateCells;
    line = part.firstLine;
  }
  /** One row of cells: the header, an empty line, a record or a rejection. Returns an error that stops the file. */
  const onRow = (cells: string[], rowError: { message: string } | undefined): Error | undefined => {
    const rowLine = line;
    let breaks = 0;
    // only a quoted field holds a line break: without a quote so far, no cell needs a look
    if (quoted) for (let c = 0; c < cells.length; c++) if (cells[c]!.indexOf('\n') >= 0) breaks += cells[c]!.split('\n').length - 1;
    line += 1 + breaks;
    if (cells.length === 1 && cells[0] === '') return undefined; // an empty line
    if (header === undefined) {
      header = headerNames(cells);
      // a binary file (a spreadsheet, a zip): say so, and never echo its bytes
      if (isBinaryHeader(header)) {
        return new CsvFormatError(`${source}: neither a CSV text file nor an Excel workbook (.xlsx) (it holds binary data: export the sheet as CSV, UTF-8, or save it as .xlsx)`, { line: 1 });
      }
      try {
        const plan = planColumns(kind, header, options, source);
        build = plan.build;
        columnOfField = plan.columnOfField;
        dateCells = plan.dateCells;
      } catch (err) {
        return err as Error;
      }
      return undefined;
    }
    read++;
    if (rowError) {
      rejected.push({ line: rowLine, column: '*', code: 'malformed_row', message: `row does not parse: ${rowError.message}`, path: [] });
    } else if (cells.length !== header.length) {
      rejected.push(wrongFieldCount(rowLine, cells.length, header.length));
    } else if (nul && cells.some((c) => c.indexOf('\u0000') >= 0)) {
      const at = cells.findIndex((c) => c.indexOf('\u0000') >= 0);
      rejected.push({ line: rowLine, column: header[at] ?? '*', code: 'invalid_value', message: `${header[at] ?? 'a cell'} holds a NUL character (a binary or damaged file?)`, path: [] });
    } else {
      if (order === undefined && dateCells.length > 0) {
        order = dateOrderOfRow(cells, dateCells);
        if (order !== undefined) flush(false);
      }
      const built = waiting.length > 0 ? DEFER : build!(cells, rowLine, order);
      if (built === DEFER) waiting.push({ cells, line: rowLine });
      else emit(built);
    }
    if (options.onProgress && read % 50_000 === 0) options.onProgress(read);
    return undefined;
  };
  const delimiter = part ? part.delimiter : workbook ? ',' : typeof input === 'string' ? sniffDelimiter(input) : '';
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      reject(err);
    };
    stream.on('error', (err: NodeJS.ErrnoException) => fail(err instanceof CsvFormatError ? err : new CsvFormatError(`${source}: ${err.message}`)));
    // whether a double quote has come yet (this listener runs before the parser's, which is added after)
    stream.on('data', (chunk: string | Buffer) => {
      if (!quoted && chunk.indexOf('"') >= 0) quoted = true;
      if (!nul && (typeof chunk === 'string' ? chunk.indexOf('\u0000') : chunk.indexOf(0)) >= 0) nul = true;
    });
    Papa.parse<string[]>(stream as unknown as NodeJS.ReadableStream & File, {
      delimiter,
      skipEmptyLines: false,
      chunk: (results, parser) => {
        if (failed) return;
        const rows = results.data;
        let errorAt = -1;
        let e = 0;
        const errors = results.errors;
        if (errors.length > 0) errorAt = errors[0]!.row ?? -1;
        for (let r = 0; r < rows.length; r++) {
          const rowError = r === errorAt ? errors[e]! : undefined;
          if (rowError) {
            while (e < errors.length && errors[e]!.row === r) e++;
            errorAt = e < errors.length ? (errors[e]!.row ?? -1) : -1;
          }
          const err = onRow(rows[r]!, rowError);
          if (err) {
            fail(err); // before abort(): abort() calls complete() at once
            parser.abort();
            return;
          }
        }
      },
      complete: () => {
        if (!failed) resolve();
      },
      error: (err: Error) => fail(new CsvFormatError(`${source}: ${err.message}`)),
    });
  });
  if (header === undefined) throw new CsvFormatError(`${source}: the file is empty (no header line)`);
  flush(true);
  rejected.sort((a, b) => a.line - b.line);
  return { records, read, rejected, columnOfField };
}

/** @internal a byte range of a file read as data rows */
export interface ReadCsvPartOptions {
  part?: { start: number; end: number; header: string[]; firstLine: number; delimiter: string };
}

/** `;` when the header line has more semicolons than commas, else `,`. @internal */
export function delimiterOf(headerLine: string): string {
  return (headerLine.match(/;/g)?.length ?? 0) > (headerLine.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/** The header's cells as column names: the first without a byte-order mark, each trimmed. @internal */
export function headerNames(cells: readonly string[]): string[] {
  return cells.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
}

/** Whether a header holds control characters or replacement characters: a binary file, not CSV. @internal */
export function isBinaryHeader(header: readonly string[]): boolean {
  return header.some((h) => /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(h));
}

/** Whether the file starts as a zip (an Excel workbook) does. */
function isZipFile(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(4);
    return looksLikeZip(head.subarray(0, readSync(fd, head, 0, 4, 0)));
  } catch {
    return false; // the stream will report the error
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** `;` when the header line of the file has more semicolons than commas, else `,`. */
function sniffDelimiter(path: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const head = buf.subarray(0, n).toString('utf8');
    return delimiterOf(head.slice(0, head.search(/\r?\n|$/)));
  } catch {
    return ','; // the stream will report the error
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

