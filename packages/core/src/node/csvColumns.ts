/**
 * The columns of the CSV exports: the canonical ones of each kind, the civil registry's SIAK
 * preset, and how a header line becomes a plan that turns each row into a record.
 */
import { DATE_FORMATS, type DateOrder, dateOrderOf, readDateText } from '../date/readDateText.js';
import { parseAccountStatus, parseSegment } from '../participant/participant.js';
import { CakupanError, type Issue } from '../issue/issue.js';

/** What a CSV holds. */
export type CsvKind = 'residents' | 'participants' | 'employers';

/** Canonical columns of each kind, and the record field each fills. */
export const CANONICAL_COLUMNS = {
  residents: { nik: 'nik', kk: 'familyNumber', name: 'name', birth_date: 'birthDate', sex: 'sex', village_code: 'villageCode', rw: 'rw', rt: 'rt', address: 'address', family_role: 'familyRole', occupation: 'occupation' },
  participants: { nik: 'nik', kpj: 'kpj', segment: 'segment', status: 'status', registered_on: 'registeredOn', ended_on: 'endedOn', employer_npp: 'employerNpp' },
  employers: { id: 'id', name: 'name', village_code: 'villageCode', rw: 'rw', rt: 'rt', npp: 'npp', status: 'status', address: 'address' },
} as const satisfies Record<CsvKind, Record<string, string>>;

const REQUIRED: Record<CsvKind, readonly string[]> = {
  residents: ['nik', 'village_code', 'rw', 'rt'],
  participants: ['nik', 'segment', 'status'],
  employers: ['id', 'name', 'village_code'],
};

/**
 * Column presets. `siak`: the civil registry's SIAK export for residents — `NIK, NO_KK, NAMA_LGKP,
 * TGL_LHR, JENIS_KLMIN, NO_PROP, NO_KAB, NO_KEC, NO_KEL, NO_RW, NO_RT`, dates as `DD-MM-YYYY`, sex as
 * `1`/`2` or `LAKI-LAKI`/`PEREMPUAN`, the village code split over four columns; `ALAMAT`, `STAT_HBKEL` and `JENIS_PKRJN` (occupation) read when present. `opensid`: a desa's
 * OpenSID export (`No. KK, NIK, Nama, RW, RT, Jenis Kelamin, Tanggal Lahir, …`), one village whose
 * code is given as `villageCode`. A preset is a hint: SIAK and OpenSID headers are recognised by
 * themselves, and common Indonesian header names of each column (`NO_KK`, `TANGGAL_LAHIR`,
 * `NO_KPJ`, `SEGMEN`, …, {@link COLUMN_ALIASES}) are read as the canonical column.
 */
export type CsvPreset = 'canonical' | 'siak' | 'opensid';

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
  /**
   * For dates written with numbers only (`03/04/2017`): day first (`dmy`, as Indonesian offices
   * write) or month first (`mdy`). Default: the one order that makes every date of the file real,
   * read from the dates themselves; a file where both orders work is reported row by row.
   */
  dateOrder?: DateOrder;
  /** The village code of every row, for a file of one village without a village column (OpenSID). */
  villageCode?: string;
  /** The file's name in messages (default: its path). */
  sourceName?: string;
  /** For an Excel workbook (.xlsx, read from its bytes whatever its name): the sheet, by name; default the first. */
  sheet?: string;
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
/** SIAK columns read when present: the address and the place in the family (for delivery lists), the occupation (workers 18+). */
const SIAK_OPTIONAL = ['ALAMAT', 'STAT_HBKEL', 'JENIS_PKRJN'] as const;

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

/**
 * Header names other exports give each canonical column, folded (lower case, runs of spaces, dots,
 * dashes and underscores as one `_`): how a file from SIAK, OpenSID, BPJS or a spreadsheet is read
 * without a column mapping. The canonical name always comes first.
 */
export const COLUMN_ALIASES: Readonly<Record<CsvKind, Readonly<Record<string, readonly string[]>>>> = Object.freeze({
  residents: {
    nik: ['nik', 'no_nik', 'nomor_nik'],
    kk: ['kk', 'no_kk', 'nokk', 'nomor_kk', 'no_kartu_keluarga', 'family_number'],
    name: ['name', 'nama', 'nama_lengkap', 'nama_lgkp'],
    birth_date: ['birth_date', 'tanggal_lahir', 'tgl_lahir', 'tgl_lhr', 'tanggallahir', 'date_of_birth'],
    sex: ['sex', 'jenis_kelamin', 'jenis_klmin', 'jk', 'gender'],
    village_code: ['village_code', 'kode_desa', 'kode_kelurahan', 'kode_kel', 'kode_wilayah', 'kd_kel'],
    rw: ['rw', 'no_rw'],
    rt: ['rt', 'no_rt'],
    address: ['address', 'alamat', 'alamat_lengkap'],
    family_role: ['family_role', 'stat_hbkel', 'shdk', 'hubungan_keluarga', 'hubungan_dalam_keluarga', 'status_hubungan_dalam_keluarga', 'hub_keluarga'],
    occupation: ['occupation', 'jenis_pkrjn', 'pekerjaan', 'jenis_pekerjaan', 'jns_pkrjn', 'pkrjn', 'kode_pekerjaan'],
  },
  participants: {
    nik: ['nik', 'no_nik', 'nomor_nik', 'nik_peserta'],
    kpj: ['kpj', 'no_kpj', 'nomor_kpj', 'no_kartu'],
    segment: ['segment', 'segmen', 'segmen_peserta', 'jenis_kepesertaan', 'kepesertaan'],
    status: ['status', 'status_kepesertaan', 'status_peserta'],
    registered_on: ['registered_on', 'tgl_kepesertaan', 'tanggal_kepesertaan', 'tgl_daftar', 'tanggal_daftar', 'tgl_registrasi'],
    ended_on: ['ended_on', 'tgl_berhenti', 'tanggal_berhenti', 'tgl_nonaktif', 'tanggal_nonaktif', 'tgl_non_aktif'],
    employer_npp: ['employer_npp', 'npp', 'npp_perusahaan'],
  },
  employers: {
    id: ['id', 'nib', 'id_usaha'],
    name: ['name', 'nama', 'nama_perusahaan', 'nama_usaha', 'nama_badan_usaha'],
    village_code: ['village_code', 'kode_desa', 'kode_kelurahan', 'kode_kel', 'kode_wilayah'],
    rw: ['rw', 'no_rw'],
    rt: ['rt', 'no_rt'],
    npp: ['npp', 'no_npp'],
    status: ['status', 'status_kepesertaan'],
    address: ['address', 'alamat', 'alamat_usaha', 'alamat_perusahaan'],
  },
});

/** A header name folded for matching: lower case, spaces, dots, dashes and underscores as one `_`. @internal */
export function foldHeader(name: string): string {
  return name.trim().toLowerCase().replace(/[\s._\-/]+/g, '_').replace(/^_|_$/g, '');
}

/** The preset a header is written in, recognised by its own names. @internal */
export function presetOfHeader(kind: CsvKind, header: readonly string[]): CsvPreset {
  if (kind !== 'residents') return 'canonical';
  const names = new Set(header.map(foldHeader));
  if (names.has('nik') && names.has('tgl_lhr') && names.has('no_kel') && names.has('no_prop')) return 'siak';
  if (names.has('nik') && !names.has('village_code') && names.has('dusun') && (names.has('tanggal_lahir') || names.has('no_kk'))) return 'opensid';
  return 'canonical';
}

/** Record fields holding dates, and the rejection code of each. */
const DATE_FIELDS: Readonly<Record<string, string>> = { birthDate: 'invalid_birth_date', registeredOn: 'invalid_registered_on', endedOn: 'invalid_ended_on' };
/** Record fields holding NIK-like numbers, and their digits. */
const ID_FIELDS: Readonly<Record<string, number>> = { nik: 16, familyNumber: 16, kpj: 11 };
const ID_NAMES: Readonly<Record<string, string>> = { nik: 'NIK', familyNumber: 'KK number', kpj: 'KPJ' };

/** A cell's value for messages: as found, at most 40 characters. Never used for NIK or KK cells. */
function shown(v: string): string {
  return JSON.stringify(v.length > 40 ? `${v.slice(0, 39)}…` : v);
}

/** A row waiting for the file's date order (see {@link ReadCsvOptions.dateOrder}). @internal */
export const DEFER = Symbol('defer');

/**
 * A cell of `field` as a record keeps it: a date as ISO, a NIK, KK or KPJ without the dots and
 * spaces it was written with, a BPJS segment name as its code; or the rejection of the cell;
 * or {@link DEFER} for a date whose order the file has not shown yet. @internal
 */
export function normalizeCell(field: string, value: string, column: string, line: number, order: DateOrder | undefined, final: boolean): string | CsvRejection | typeof DEFER {
  const dateCode = DATE_FIELDS[field];
  if (dateCode !== undefined) {
    // YYYY-MM-DD as it is: core's record check decides whether it is a real date
    if (value.length === 10 && value.charCodeAt(4) === 45 && value.charCodeAt(7) === 45) return value;
    const read = readDateText(value, order);
    if (read.ok) return read.date;
    if (read.reason === 'ambiguous') {
      if (!final) return DEFER;
      return { line, column, code: 'ambiguous_date', message: `${column} ${shown(value)} can be read day first (${read.dayFirst}) or month first (${read.monthFirst}), and no date of the file says which: give the date order (dmy or mdy)`, path: [] };
    }
    const expected = order === undefined ? DATE_FORMATS : order === 'dmy' ? 'DD-MM-YYYY or DD/MM/YYYY, day first as the rest of the file' : 'MM/DD/YYYY, month first as the rest of the file';
    return { line, column, code: dateCode, message: `${column} ${shown(value)} is not a real date as ${expected}`, path: [] };
  }
  const digits = ID_FIELDS[field];
  if (digits !== undefined) {
    if (value.length === digits && /^\d+$/.test(value)) return value;
    if (/^\d(?:[.,]\d+)?[eE][+]?\d+$/.test(value)) {
      return { line, column, code: 'spreadsheet_number', message: `${column}: the ${ID_NAMES[field]} was turned into a number by a spreadsheet (written like 3.27602E+15, its last digits lost); format the column as text and export again`, path: [] };
    }
    if (/^\d[\d .\-]*\d$/.test(value)) {
      const plain = value.replace(/[ .\-]/g, '');
      if (plain.length === digits) return plain;
    }
    return value;
  }
  if (field === 'segment') {
    const segment = parseSegment(value);
    if (segment !== undefined) return segment;
    return { line, column, code: 'invalid_segment', message: `${column} ${shown(value)} is not a segment: PU, BPU, JAKON or PMI, or BPJS's name of one (Penerima Upah, Bukan Penerima Upah, Jasa Konstruksi, Pekerja Migran Indonesia)`, path: [] };
  }
  if (field === 'status') {
    if (parseAccountStatus(value) !== undefined) return value;
    return { line, column, code: 'invalid_status', message: `${column} ${shown(value)} is not a status: aktif / active or nonaktif / inactive`, path: [] };
  }
  return value;
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
  const preset = options.preset === undefined || options.preset === 'canonical' ? presetOfHeader(kind, header) : options.preset;
  if (preset === 'siak') {
    if (kind !== 'residents') throw new CsvFormatError(`${source}: the siak preset is for residents`);
    const idx: Record<string, number> = {};
    for (const col of SIAK_COLUMNS) {
      const i = lower.indexOf(col.toLowerCase());
      if (i < 0 && col !== 'NO_KK' && col !== 'NAMA_LGKP' && col !== 'JENIS_KLMIN') {
        throw new CsvFormatError(`${source}: column ${col} is missing (siak preset needs ${SIAK_COLUMNS.join(', ')})`, { code: 'required', line: 1, column: col });
      }
      idx[col] = i;
    }
    for (const col of SIAK_OPTIONAL) idx[col] = lower.indexOf(col.toLowerCase());
    Object.assign(columnOfField, { nik: 'NIK', familyNumber: 'NO_KK', name: 'NAMA_LGKP', birthDate: 'TGL_LHR', sex: 'JENIS_KLMIN', villageCode: 'NO_PROP/NO_KAB/NO_KEC/NO_KEL', rw: 'NO_RW', rt: 'NO_RT', address: 'ALAMAT', familyRole: 'STAT_HBKEL', occupation: 'JENIS_PKRJN' });
    const cell = (cells: string[], col: string) => {
      const i = idx[col]!;
      const v = i < 0 ? '' : (cells[i] ?? '').trim();
      return v === '' ? undefined : v;
    };
    // SIAK writes dates day first
    const siakOrder = options.dateOrder ?? 'dmy';
    return {
      columnOfField,
      dateCells: [] as number[],
      build: (cells: string[], line: number): Record<string, unknown> | CsvRejection | typeof DEFER => {
        const rawDate = cell(cells, 'TGL_LHR');
        let birthDate: string | undefined;
        if (rawDate !== undefined) {
          const read = normalizeCell('birthDate', rawDate, 'TGL_LHR', line, siakOrder, true);
          if (typeof read !== 'string') return read;
          birthDate = read;
        }
        const parts = ['NO_PROP', 'NO_KAB', 'NO_KEC', 'NO_KEL'].map((c) => cell(cells, c) ?? '');
        const widths = [2, 2, 2, 4];
        if (parts.some((p, i) => !/^\d+$/.test(p) || p.length > widths[i]!)) {
          return { line, column: 'NO_PROP/NO_KAB/NO_KEC/NO_KEL', code: 'invalid_village_code', message: 'NO_PROP, NO_KAB, NO_KEC and NO_KEL must be numbers of at most 2, 2, 2 and 4 digits', path: [] };
        }
        const nik = cell(cells, 'NIK');
        const kk = cell(cells, 'NO_KK');
        const nikValue = nik === undefined ? undefined : normalizeCell('nik', nik, 'NIK', line, undefined, true);
        if (typeof nikValue === 'object') return nikValue;
        const kkValue = kk === undefined ? undefined : normalizeCell('familyNumber', kk, 'NO_KK', line, undefined, true);
        if (typeof kkValue === 'object') return kkValue;
        const sexRaw = cell(cells, 'JENIS_KLMIN');
        const sex = sexRaw === '1' ? 'male' : sexRaw === '2' ? 'female' : sexRaw;
        return {
          ref: line,
          nik: nikValue,
          familyNumber: kkValue,
          name: cell(cells, 'NAMA_LGKP'),
          birthDate,
          sex,
          villageCode: parts.map((p, i) => p.padStart(widths[i]!, '0')).join(''),
          rw: cell(cells, 'NO_RW'),
          rt: cell(cells, 'NO_RT'),
          address: cell(cells, 'ALAMAT'),
          familyRole: cell(cells, 'STAT_HBKEL'),
          occupation: cell(cells, 'JENIS_PKRJN'),
        };
      },
    };
  }
  // canonical columns, possibly renamed, or known by another name (COLUMN_ALIASES)
  const folded = header.map(foldHeader);
  const aliases = COLUMN_ALIASES[kind] as Readonly<Record<string, readonly string[]>>;
  const find = (column: string): number => {
    const mapped = options.columns?.[column];
    if (mapped !== undefined) return lower.indexOf(mapped.toLowerCase());
    const exact = lower.indexOf(column);
    if (exact >= 0) return exact;
    for (const alias of aliases[column] ?? []) {
      const i = folded.indexOf(alias);
      if (i >= 0) return i;
    }
    return -1;
  };
  if (options.unknownColumns === 'reject') {
    const known = new Set(Object.keys(canonical).map(find).filter((i) => i >= 0));
    const unknown = header.filter((_, i) => !known.has(i));
    if (unknown.length > 0) {
      throw new CsvFormatError(`${source}: unknown column(s) ${unknown.join(', ')}; the ${kind} columns are ${Object.keys(canonical).join(', ')}`, { code: 'unrecognized', line: 1, column: unknown[0]! });
    }
  }
  for (const [column] of Object.entries(options.columns ?? {})) {
    if (!(column in canonical)) throw new CsvFormatError(`unknown column ${column} in the column mapping; ${kind} columns are ${Object.keys(canonical).join(', ')}`);
  }
  const villageCode = options.villageCode;
  const positions: [field: string, index: number, name: string][] = [];
  for (const [column, field] of Object.entries(canonical)) {
    if (options.fields && !options.fields.includes(field) && !REQUIRED[kind].includes(column)) continue;
    const i = find(column);
    if (i < 0) {
      if (column === 'village_code' && villageCode !== undefined) {
        columnOfField[field] = 'villageCode';
        continue;
      }
      if (REQUIRED[kind].includes(column)) {
        const hint = column === 'village_code' && preset === 'opensid' ? ' (an OpenSID export is of one desa: give its village code, villageCode)' : '';
        throw new CsvFormatError(
          `${source}: column ${options.columns?.[column] ?? column} is missing; the ${kind} CSV needs ${REQUIRED[kind].join(', ')} (columns: ${describeHeader(header)})${hint}`,
          { code: 'required', line: 1, column: options.columns?.[column] ?? column },
        );
      }
      continue;
    }
    positions.push([field, i, header[i]!]);
    columnOfField[field] = header[i]!;
  }
  const dateCells = positions.filter(([field]) => DATE_FIELDS[field] !== undefined).map(([, i]) => i);
  // an account's status is checked here only in a participants file (an employer's status means another thing)
  const normalized = positions.map(([field]) => DATE_FIELDS[field] !== undefined || ID_FIELDS[field] !== undefined || field === 'segment' || (field === 'status' && kind === 'participants'));
  const order = options.dateOrder;
  return {
    columnOfField,
    /** The cells holding dates, whose order {@link dateOrderOf} may tell. */
    dateCells,
    /**
     * The record of a row, or its rejection, or {@link DEFER} when a date's order is not known yet
     * (`order` then tells it, or `final` says no row will).
     */
    build: (cells: string[], line: number, fileOrder?: DateOrder, final = false): Record<string, unknown> | CsvRejection | typeof DEFER => {
      const record: Record<string, unknown> = { ref: line };
      for (let p = 0; p < positions.length; p++) {
        const [field, i, name] = positions[p]!;
        const v = cells[i]!;
        if (v === '') continue;
        const value = cellValue(v);
        if (!normalized[p]) {
          record[field] = value;
          continue;
        }
        const read = normalizeCell(field, value, name, line, order ?? fileOrder, final);
        if (typeof read !== 'string') return read;
        record[field] = read;
      }
      if (villageCode !== undefined && record.villageCode === undefined) record.villageCode = villageCode;
      return record;
    },
  };
}

/** The date order the date cells of a row show, if one does. @internal */
export function dateOrderOfRow(cells: readonly string[], dateCells: readonly number[]): DateOrder | undefined {
  for (const i of dateCells) {
    const v = cells[i];
    if (v !== undefined && v.length > 0 && v.length < 30 && !(v.length === 10 && v.charCodeAt(4) === 45)) {
      const order = dateOrderOf(v);
      if (order !== undefined) return order;
    }
  }
  return undefined;
}
