/**
 * The columns of the CSV exports: the canonical ones of each kind, the civil registry's SIAK
 * preset, and how a header line becomes a plan that turns each row into a record.
 */
import { isRealDate } from '../date/calendarDate.js';
import { CakupanError, type Issue } from '../issue/issue.js';

/** What a CSV holds. */
export type CsvKind = 'residents' | 'participants' | 'employers';

/** Canonical columns of each kind, and the record field each fills. */
export const CANONICAL_COLUMNS = {
  residents: { nik: 'nik', kk: 'familyNumber', name: 'name', birth_date: 'birthDate', sex: 'sex', village_code: 'villageCode', rw: 'rw', rt: 'rt' },
  participants: { nik: 'nik', kpj: 'kpj', segment: 'segment', status: 'status', registered_on: 'registeredOn', ended_on: 'endedOn', employer_npp: 'employerNpp' },
  employers: { id: 'id', name: 'name', village_code: 'villageCode', rw: 'rw', rt: 'rt', npp: 'npp', status: 'status' },
} as const satisfies Record<CsvKind, Record<string, string>>;

const REQUIRED: Record<CsvKind, readonly string[]> = {
  residents: ['nik', 'village_code', 'rw', 'rt'],
  participants: ['nik', 'segment', 'status'],
  employers: ['id', 'name', 'village_code'],
};

/**
 * Column presets. `siak`: the civil registry's SIAK export for residents — `NIK, NO_KK, NAMA_LGKP,
 * TGL_LHR, JENIS_KLMIN, NO_PROP, NO_KAB, NO_KEC, NO_KEL, NO_RW, NO_RT`, dates as `DD-MM-YYYY`, sex as
 * `1`/`2` or `LAKI-LAKI`/`PEREMPUAN`, the village code split over four columns.
 */
export type CsvPreset = 'canonical' | 'siak';

/** A row not used, and why. Never contains the row's personal data. */
export interface CsvRejection extends Issue<string> {
  /** 1-based line in the file where the row starts (line 1 is the header). */
  readonly line: number;
  /** The column at fault, as named in the file; `*` for the row as a whole. */
  readonly column: string;
}

/** Options of the CSV readers. */
export interface ReadCsvOptions {
  /** Column preset; default `canonical`. `siak` applies to residents only. */
  preset?: CsvPreset;
  /** Header names of the file by canonical column, e.g. `{ nik: 'NO_NIK', birth_date: 'TGL_LAHIR' }`. */
  columns?: Record<string, string>;
  /**
   * Record fields to keep (default: all). Coverage needs neither names nor KK numbers, and not
   * keeping them keeps less personal data in memory, and less memory.
   */
  fields?: readonly string[];
  /**
   * Called with each record kept, in file order; the records are then not collected (the result's
   * `records` is empty), so memory does not grow with the file.
   */
  onRecord?: (record: Record<string, unknown>) => void;
  /** Called every 50,000 rows with the rows read so far. */
  onProgress?: (rowsRead: number) => void;
  /**
   * What to do with header columns that are not part of the format: `ignore` them (default: exports
   * often carry more columns than cakupan reads) or `reject` the file.
   */
  unknownColumns?: 'ignore' | 'reject';
}

/**
 * A file that cannot be read at all (missing, no header, a required column absent, a column given
 * twice). A {@link CakupanError} whose one issue has code `invalid_format` (or `duplicate`,
 * `unrecognized`) and, for header problems, line 1 and the column.
 */
export class CsvFormatError extends CakupanError {
  override readonly name: string = 'CsvFormatError';
  constructor(message: string, where: { code?: 'invalid_format' | 'duplicate' | 'unrecognized' | 'required'; line?: number; column?: string } = {}) {
    super({ code: where.code ?? 'invalid_format', message, path: [], ...(where.line !== undefined && { line: where.line }), ...(where.column !== undefined && { column: where.column }) });
  }
}

const SIAK_COLUMNS = ['NIK', 'NO_KK', 'NAMA_LGKP', 'TGL_LHR', 'JENIS_KLMIN', 'NO_PROP', 'NO_KAB', 'NO_KEC', 'NO_KEL', 'NO_RW', 'NO_RT'] as const;

/** The header's names for a message: at most 12, each at most 40 characters. */
function describeHeader(header: readonly string[]): string {
  if (header.length === 0 || (header.length === 1 && header[0] === '')) return 'none';
  const shown = header.slice(0, 12).map((h) => (h.length > 40 ? `${h.slice(0, 39)}…` : h));
  return `${shown.join(', ')}${header.length > 12 ? `, … ${header.length - 12} more` : ''}`;
}

/** @internal a non-empty cell as a record keeps it: trimmed when it starts or ends with whitespace */
export function cellValue(v: string): string {
  return v.charCodeAt(0) <= 32 || v.charCodeAt(v.length - 1) <= 32 ? v.trim() : v;
}

/** @internal the rejection of a row with another number of cells than the header */
export function wrongFieldCount(line: number, cells: number, headerCells: number): CsvRejection {
  return { line, column: '*', code: 'wrong_field_count', message: `row has ${cells} fields, the header has ${headerCells}`, path: [] };
}

/** @internal how the rows of a file with `header` become records (or rejections) */
export function planColumns(kind: CsvKind, header: string[], options: ReadCsvOptions, source: string) {
  const lower = header.map((h) => h.toLowerCase());
  const seen = new Map<string, number>();
  lower.forEach((name, i) => {
    const first = seen.get(name);
    if (first !== undefined && name !== '') {
      throw new CsvFormatError(`${source}: column ${header[i]} appears twice (columns ${first + 1} and ${i + 1}); every column must be named once`, { code: 'duplicate', line: 1, column: header[i]! });
    }
    seen.set(name, i);
  });
  const canonical = CANONICAL_COLUMNS[kind] as Record<string, string>;
  const columnOfField: Record<string, string> = {};
  if (options.preset === 'siak') {
    if (kind !== 'residents') throw new CsvFormatError(`${source}: the siak preset is for residents`);
    const idx: Record<string, number> = {};
    for (const col of SIAK_COLUMNS) {
      const i = lower.indexOf(col.toLowerCase());
      if (i < 0 && col !== 'NO_KK' && col !== 'NAMA_LGKP' && col !== 'JENIS_KLMIN') {
        throw new CsvFormatError(`${source}: column ${col} is missing (siak preset needs ${SIAK_COLUMNS.join(', ')})`);
      }
      idx[col] = i;
    }
    Object.assign(columnOfField, { nik: 'NIK', familyNumber: 'NO_KK', name: 'NAMA_LGKP', birthDate: 'TGL_LHR', sex: 'JENIS_KLMIN', villageCode: 'NO_PROP/NO_KAB/NO_KEC/NO_KEL', rw: 'NO_RW', rt: 'NO_RT' });
    const cell = (cells: string[], col: string) => {
      const i = idx[col]!;
      const v = i < 0 ? '' : (cells[i] ?? '').trim();
      return v === '' ? undefined : v;
    };
    return {
      columnOfField,
      build: (cells: string[], line: number): Record<string, unknown> | CsvRejection => {
        const rawDate = cell(cells, 'TGL_LHR');
        let birthDate: string | undefined;
        if (rawDate !== undefined) {
          const m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(rawDate);
          if (!m || !isRealDate(Number(m[3]), Number(m[2]), Number(m[1]))) {
            return { line, column: 'TGL_LHR', code: 'invalid_birth_date', message: 'TGL_LHR must be a real date as DD-MM-YYYY', path: [] };
          }
          birthDate = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
        }
        const parts = ['NO_PROP', 'NO_KAB', 'NO_KEC', 'NO_KEL'].map((c) => cell(cells, c) ?? '');
        const widths = [2, 2, 2, 4];
        if (parts.some((p, i) => !/^\d+$/.test(p) || p.length > widths[i]!)) {
          return { line, column: 'NO_PROP/NO_KAB/NO_KEC/NO_KEL', code: 'invalid_village_code', message: 'NO_PROP, NO_KAB, NO_KEC and NO_KEL must be numbers of at most 2, 2, 2 and 4 digits', path: [] };
        }
        const sexRaw = cell(cells, 'JENIS_KLMIN');
        const sex = sexRaw === '1' ? 'male' : sexRaw === '2' ? 'female' : sexRaw;
        return {
          ref: line,
          nik: cell(cells, 'NIK'),
          familyNumber: cell(cells, 'NO_KK'),
          name: cell(cells, 'NAMA_LGKP'),
          birthDate,
          sex,
          villageCode: parts.map((p, i) => p.padStart(widths[i]!, '0')).join(''),
          rw: cell(cells, 'NO_RW'),
          rt: cell(cells, 'NO_RT'),
        };
      },
    };
  }
  // canonical columns, possibly renamed
  if (options.unknownColumns === 'reject') {
    const known = new Set(Object.keys(canonical).map((c) => (options.columns?.[c] ?? c).toLowerCase()));
    const unknown = header.filter((h, i) => !known.has(lower[i]!));
    if (unknown.length > 0) {
      throw new CsvFormatError(`${source}: unknown column(s) ${unknown.join(', ')}; the ${kind} columns are ${Object.keys(canonical).join(', ')}`, { code: 'unrecognized', line: 1, column: unknown[0]! });
    }
  }
  const positions: [field: string, index: number][] = [];
  for (const [column, field] of Object.entries(canonical)) {
    if (options.fields && !options.fields.includes(field) && !REQUIRED[kind].includes(column)) continue;
    const name = (options.columns?.[column] ?? column).toLowerCase();
    const i = lower.indexOf(name);
    if (i < 0) {
      if (REQUIRED[kind].includes(column)) {
        throw new CsvFormatError(
          `${source}: column ${options.columns?.[column] ?? column} is missing; the ${kind} CSV needs ${REQUIRED[kind].join(', ')} (columns: ${describeHeader(header)})`,
          { code: 'required', line: 1, column: options.columns?.[column] ?? column },
        );
      }
      continue;
    }
    positions.push([field, i]);
    columnOfField[field] = header[i]!;
  }
  for (const [column] of Object.entries(options.columns ?? {})) {
    if (!(column in canonical)) throw new CsvFormatError(`unknown column ${column} in the column mapping; ${kind} columns are ${Object.keys(canonical).join(', ')}`);
  }
  return {
    columnOfField,
    build: (cells: string[], line: number): Record<string, unknown> => {
      const record: Record<string, unknown> = { ref: line };
      for (const [field, i] of positions) {
        const v = cells[i]!;
        if (v !== '') record[field] = cellValue(v);
      }
      return record;
    },
  };
}
