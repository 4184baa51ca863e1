/**
 * Excel workbooks (.xlsx) read as the CSV readers read a CSV: one sheet's rows become CSV lines,
 * row *n* of the sheet line *n* (an empty row an empty line), so that every rejection names the
 * sheet's row and its header's column.
 *
 * Streaming, in bounded memory: the workbook is a zip, read by yauzl from its central directory
 * (so the parts can be read in any order: Excel stores the shared strings after the sheets), and
 * its XML by saxes, a part at a time. What is held: the shared-string table (every distinct text of
 * the workbook) and one row. SheetJS, which reads the whole workbook into memory, needed
 * gigabytes for a city's register (BENCHMARKS.md).
 *
 * Cells: shared and inline strings as written; numbers as written, but a number of more than 15
 * digits (a NIK or KK a spreadsheet turned into a number, its last digits already lost) as
 * `3.2710117059E+15`, which the readers reject saying so; booleans as `TRUE`/`FALSE`; a date cell
 * is a number in Excel (its serial), which the date readers take. Formulas: their cached value.
 */
import { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl from 'yauzl';
import { quoteCsvField } from '../csv/quoteCsvField.js';
import { CsvFormatError } from './csvColumns.js';

/** Whether the file at `path` starts as a zip (an .xlsx workbook) does. */
export function looksLikeZip(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

type ZipFile = yauzl.ZipFile;

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => yauzl.open(path, { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true }, (err, zip) => (err ? reject(err) : resolve(zip!))));
}

function entries(zip: ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const all = new Map<string, yauzl.Entry>();
    zip.on('entry', (entry: yauzl.Entry) => {
      all.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(all));
    zip.once('error', reject);
    zip.readEntry();
  });
}

function entryStream(zip: ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream!))));
}

/** Feeds an entry's XML to a saxes parser, resolving when it is read. */
async function parseXml(zip: ZipFile, entry: yauzl.Entry, parser: SaxesParser): Promise<void> {
  const stream = await entryStream(zip, entry);
  stream.setEncoding('utf8');
  for await (const chunk of stream) parser.write(chunk as string);
  parser.close();
}

/** A whole small XML part (the workbook, its relations) as its elements' attributes in order. */
async function elements(zip: ZipFile, entry: yauzl.Entry | undefined): Promise<SaxesTagPlain[]> {
  if (entry === undefined) return [];
  const parser = new SaxesParser();
  const out: SaxesTagPlain[] = [];
  parser.on('opentag', (tag) => out.push(tag as SaxesTagPlain));
  await parseXml(zip, entry, parser);
  return out;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** The 0-based column of a cell reference (`C7` → 2). */
function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** A number cell as the readers should see it (see the module's comment). */
function numberText(v: string): string {
  const digits = v.replace(/[^0-9]/g, '').replace(/^0+/, '');
  if (/^-?\d+(\.\d+)?$/.test(v) && digits.length <= 15) return v;
  const n = Number(v);
  if (!Number.isFinite(n)) return v;
  if (Math.abs(n) >= 1e15) return n.toExponential().toUpperCase();
  return v;
}

/** Options of {@link xlsxCsv}. */
export interface XlsxOptions {
  /** The sheet to read, by its name; default the first. */
  sheet?: string;
  /** The file's name in messages. */
  source?: string;
}

/**
 * One sheet of the workbook at `path` as CSV text (`,`-delimited, fields quoted where needed), a
 * stream of pieces of about 256 kB.
 *
 * @throws {CsvFormatError} (from the stream) when the file is not a workbook, or has no such sheet
 */
export function xlsxCsv(path: string, options: XlsxOptions = {}): Readable {
  const source = options.source ?? path;
  return Readable.from(sheetCsv(path, options.sheet, source), { objectMode: false });
}

async function* sheetCsv(path: string, sheetName: string | undefined, source: string): AsyncGenerator<string> {
  let zip: ZipFile;
  try {
    zip = await openZip(path);
  } catch (err) {
    throw new CsvFormatError(`${source}: not a readable Excel workbook (${(err as Error).message})`);
  }
  try {
    const all = await entries(zip);
    const workbook = await elements(zip, all.get('xl/workbook.xml'));
    const sheets = workbook.filter((t) => localName(t.name) === 'sheet').map((t) => ({ name: String(t.attributes.name ?? ''), rel: String(t.attributes['r:id'] ?? Object.entries(t.attributes).find(([k]) => localName(k) === 'id')?.[1] ?? '') }));
    if (sheets.length === 0) throw new CsvFormatError(`${source}: not an Excel workbook (.xlsx) with a sheet`);
    const sheet = sheetName === undefined ? sheets[0]! : sheets.find((s) => s.name === sheetName);
    if (sheet === undefined) throw new CsvFormatError(`${source}: no sheet named ${JSON.stringify(sheetName)}; its sheets are ${sheets.map((s) => s.name).join(', ')}`, { code: 'unrecognized' });
    const rels = await elements(zip, all.get('xl/_rels/workbook.xml.rels'));
    const target = String(rels.find((r) => localName(r.name) === 'Relationship' && r.attributes.Id === sheet.rel)?.attributes.Target ?? '');
    const sheetPath = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    const sheetEntry = all.get(sheetPath);
    if (sheetEntry === undefined) throw new CsvFormatError(`${source}: the sheet ${sheet.name} is missing from the workbook`);
    const strings = await sharedStrings(zip, all.get('xl/sharedStrings.xml'));
    yield* rows(zip, sheetEntry, strings);
  } finally {
    zip.close();
  }
}

/** The shared-string table: each `<si>`'s text (its runs joined, phonetic runs left out). */
async function sharedStrings(zip: ZipFile, entry: yauzl.Entry | undefined): Promise<string[]> {
  const out: string[] = [];
  if (entry === undefined) return out;
  const parser = new SaxesParser();
  let text = '';
  let inT = false;
  let phonetic = 0;
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    if (name === 'si') text = '';
    else if (name === 't' && phonetic === 0) inT = true;
    else if (name === 'rPh') phonetic++;
  });
  parser.on('closetag', (tag) => {
    const name = localName(tag.name);
    if (name === 'si') out.push(text);
    else if (name === 't') inT = false;
    else if (name === 'rPh') phonetic--;
  });
  parser.on('text', (t) => {
    if (inT) text += t;
  });
  await parseXml(zip, entry, parser);
  return out;
}

/** The sheet's rows as CSV lines, row n of the sheet as line n. */
async function* rows(zip: ZipFile, entry: yauzl.Entry, strings: readonly string[]): AsyncGenerator<string> {
  const parser = new SaxesParser();
  let out = '';
  let line = 0; // the last row written
  let row: string[] = [];
  let width = -1; // the header's
  let cell = { column: 0, type: '', value: '', inValue: false, inline: '' };
  let inInline = false;
  const pieces: string[] = [];
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    if (name === 'row') {
      row = [];
      const r = Number(tag.attributes.r);
      const at = Number.isInteger(r) && r > line ? r : line + 1;
      // empty rows between (rows with no cell are left out of the XML): empty lines
      while (line + 1 < at) {
        out += '\n';
        line++;
      }
    } else if (name === 'c') {
      const ref = String(tag.attributes.r ?? '');
      cell = { column: ref ? columnOf(ref) : row.length, type: String(tag.attributes.t ?? 'n'), value: '', inValue: false, inline: '' };
    } else if (name === 'v') cell.inValue = true;
    else if (name === 'is') inInline = true;
  });
  parser.on('text', (t) => {
    if (cell.inValue) cell.value += t;
    else if (inInline) cell.inline += t;
  });
  parser.on('closetag', (tag) => {
    const name = localName(tag.name);
    if (name === 'v') cell.inValue = false;
    else if (name === 'is') inInline = false;
    else if (name === 'c') {
      let text: string;
      if (cell.type === 's') text = strings[Number(cell.value)] ?? '';
      else if (cell.type === 'inlineStr') text = cell.inline;
      else if (cell.type === 'b') text = cell.value === '1' ? 'TRUE' : 'FALSE';
      else if (cell.type === 'str' || cell.type === 'e') text = cell.value;
      else text = numberText(cell.value);
      while (row.length < cell.column) row.push('');
      row[cell.column] = text;
    } else if (name === 'row') {
      if (width < 0) width = row.length;
      while (row.length < width) row.push('');
      // trailing empty cells past the header's width are not cells of the row
      while (row.length > width && row[row.length - 1] === '') row.pop();
      // a line break inside a cell (an address) would move the lines after it: a space instead
      out += `${row.map((v) => quoteCsvField(v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0 ? v.replace(/\r\n|[\r\n]/g, ' ') : v)).join(',')}\n`;
      line++;
      if (out.length > 1 << 18) {
        pieces.push(out);
        out = '';
      }
    }
  });
  const stream = await entryStream(zip, entry);
  stream.setEncoding('utf8');
  for await (const chunk of stream) {
    parser.write(chunk as string);
    while (pieces.length > 0) yield pieces.shift()!;
  }
  parser.close();
  while (pieces.length > 0) yield pieces.shift()!;
  if (out !== '') yield out;
}
