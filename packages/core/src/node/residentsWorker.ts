/**
 * A reader thread of the residents file (see `readResidentsInParts`): reads its byte range with the
 * same CSV reader and checks each record with core's own `checkResident` on the report's date, and
 * posts the outcome in batches of typed columns — the checked values of each valid resident, or the
 * problem of each rejected one, in file order — for the calling thread to count.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { parentPort, workerData } from 'node:worker_threads';
import { checkResident, type ValidResident } from '../coverage/records.js';
import { cellValue, type CsvPreset, type CsvRejection, normalizeCell, planColumns, wrongFieldCount } from './csvColumns.js';
import { readCsv } from './readCsv.js';

/** What the calling thread gives the worker. */
export interface ResidentsWorkerData {
  path: string;
  part: { start: number; end: number; header: string[]; firstLine: number; delimiter: string };
  asOf: number;
  preset?: CsvPreset | undefined;
  columns?: Record<string, string> | undefined;
}

/** One batch: `valid[i]` says whether the i-th record was valid; the columns hold the valid ones in order. */
export interface ResidentsBatch {
  type: 'batch';
  count: number;
  valid: Uint8Array;
  refs: Int32Array;
  hi: Int32Array;
  lo: Int32Array;
  birth: Int32Array;
  nikBirth: Int32Array;
  /** Bit 0: the birth date came from the NIK; bits 1–2: the resident's work (core's `WORK`). */
  flags: Uint8Array;
  /** Each valid resident's neighbourhood (village, RW, RT) as a number of this worker's. */
  unit: Int32Array;
  /** The rejected records' problems, in order. */
  problems: { field: string; code: string; message: string }[];
  /** Neighbourhoods first met in this batch, as [village key, rw, rt] (their numbers continue the worker's). */
  newUnits: [string, number, number][];
  rowsRead: number;
}

const BATCH = 16_384;

if (parentPort && workerData) {
  const data = workerData as ResidentsWorkerData;
  const port = parentPort;
  const villageCodes = new Map<string | number, string | null>();
  const villageIds = new Map<string, number>();
  const unitIds = new Map<number, number>();
  const checked: ValidResident = { hi: 0, lo: 0, birth: 0, nikBirth: 0, birthFromNik: false, villageKey: '', rw: 0, rt: 0, work: 0 };
  let batch = newBatch();
  let rowsRead = 0;
  const flush = () => {
    if (batch.count === 0) return;
    const b = batch;
    b.rowsRead = rowsRead;
    port.postMessage(b, [b.valid.buffer, b.refs.buffer, b.hi.buffer, b.lo.buffer, b.birth.buffer, b.nikBirth.buffer, b.flags.buffer, b.unit.buffer] as ArrayBuffer[]);
    batch = newBatch();
  };
  const fields = ['nik', 'birthDate', 'sex', 'villageCode', 'rw', 'rt', 'occupation'];
  const onRecord = (record: Record<string, unknown>) => {
    const i = batch.count++;
    const ref = record.ref as number;
    batch.refs[i] = ref;
    const problem = checkResident(record, data.asOf, villageCodes, checked);
    if (problem !== null) {
      batch.problems.push(problem);
    } else {
      batch.valid[i] = 1;
      batch.hi[i] = checked.hi;
      batch.lo[i] = checked.lo;
      batch.birth[i] = checked.birth;
      batch.nikBirth[i] = checked.nikBirth;
      batch.flags[i] = (checked.birthFromNik ? 1 : 0) | (checked.work << 1);
      // a neighbourhood by its village's number and RW/RT: one number lookup per resident
      let village = villageIds.get(checked.villageKey);
      if (village === undefined) villageIds.set(checked.villageKey, (village = villageIds.size));
      const key = village * 1_000_000 + checked.rw * 1000 + checked.rt;
      let unit = unitIds.get(key);
      if (unit === undefined) {
        unitIds.set(key, (unit = unitIds.size));
        batch.newUnits.push([checked.villageKey, checked.rw, checked.rt]);
      }
      batch.unit[i] = unit;
    }
    if (batch.count === BATCH) flush();
  };
  const options = { ...(data.preset && { preset: data.preset }), ...(data.columns && { columns: data.columns }), fields };
  // canonical columns: the part's lines are split here (a part has no quote and no \r: its rows
  // are its lines); SIAK's columns go through the reader, which reformats them
  const reading =
    data.preset === 'siak'
      ? readCsv('residents', data.path, { ...options, part: data.part, onProgress: (n) => (rowsRead = n), onRecord })
      : Promise.resolve().then(() => readPartLines(data, planColumns('residents', data.part.header, options, data.path).columnOfField, onRecord, (n) => (rowsRead = n)));
  reading.then(
    (result) => {
      flush();
      port.postMessage({ type: 'end', read: result.read, rejected: result.rejected, columnOfField: result.columnOfField });
    },
    (err: Error) => port.postMessage({ type: 'error', name: err.name, message: err.message, line: (err as { line?: number }).line }),
  );
}

/**
 * The rows of a part as the CSV reader makes them, for a part without quotes or carriage returns
 * (where papaparse splits each line at the delimiter and does nothing else): each non-empty line a
 * record of the fields in `columnOfField` (an empty cell left out, a cell with whitespace at either
 * end trimmed, as the reader's `build`), or a rejection for a wrong number of cells. Only the cells
 * coverage needs become strings of their own. BENCHMARKS.md §9: a quarter of the time of papaparse.
 */
function readPartLines(
  data: ResidentsWorkerData,
  columnOfField: Record<string, string>,
  onRecord: (record: Record<string, unknown>) => void,
  onProgress: (rows: number) => void,
): { read: number; rejected: CsvRejection[]; columnOfField: Record<string, string> } {
  const { header, delimiter, start, end, firstLine } = data.part;
  const cellOf = new Array<string | undefined>(header.length).fill(undefined);
  for (const [field, name] of Object.entries(columnOfField)) cellOf[header.indexOf(name)] = field;
  const normalizable = Uint8Array.from(cellOf, (f) => (f === 'nik' || f === 'familyNumber' || f === 'birthDate' ? 1 : 0));
  const rejected: CsvRejection[] = [];
  let read = 0;
  let line = firstLine;
  const row = (text: string, from: number, to: number) => {
    const rowLine = line++;
    if (from === to) return; // an empty line
    read++;
    if (read % 50_000 === 0) onProgress(read);
    const record: Record<string, unknown> = { ref: rowLine };
    let problem: CsvRejection | undefined;
    let cell = 0;
    let cellStart = from;
    for (;;) {
      let cellEnd = text.indexOf(delimiter, cellStart);
      if (cellEnd < 0 || cellEnd > to) cellEnd = to;
      const field = cellOf[cell];
      if (field !== undefined && cellEnd > cellStart) {
        const v = cellValue(text.slice(cellStart, cellEnd));
        // as the one-thread reader's build: dates, NIK and KK numbers as written by the offices
        const read = normalizable[cell] === 1 ? normalizeCell(field, v, header[cell]!, rowLine, undefined, true) : v;
        if (typeof read === 'object') {
          if (problem === undefined) problem = read;
        } else record[field] = read;
      }
      cell++;
      if (cellEnd === to) break;
      cellStart = cellEnd + 1;
    }
    if (cell !== header.length) {
      rejected.push(wrongFieldCount(rowLine, cell, header.length));
      return;
    }
    if (problem !== undefined) {
      rejected.push(problem);
      return;
    }
    onRecord(record);
  };
  const fd = openSync(data.path, 'r');
  try {
    const decoder = new StringDecoder('utf8');
    const buf = Buffer.allocUnsafe(1 << 20);
    let rest = '';
    for (let position = start; ; ) {
      const n = position < end ? readSync(fd, buf, 0, Math.min(buf.length, end - position), position) : 0;
      position += n;
      const text = rest + (n > 0 ? decoder.write(buf.subarray(0, n)) : decoder.end());
      let from = 0;
      let at = text.indexOf('\n');
      while (at >= 0) {
        row(text, from, at);
        from = at + 1;
        at = text.indexOf('\n', from);
      }
      if (n === 0) {
        // the last line without a line break (papaparse's last row)
        if (from < text.length) row(text, from, text.length);
        break;
      }
      rest = text.slice(from);
    }
  } finally {
    closeSync(fd);
  }
  return { read, rejected, columnOfField };
}

function newBatch(): ResidentsBatch {
  return {
    type: 'batch',
    count: 0,
    valid: new Uint8Array(BATCH),
    refs: new Int32Array(BATCH),
    hi: new Int32Array(BATCH),
    lo: new Int32Array(BATCH),
    birth: new Int32Array(BATCH),
    nikBirth: new Int32Array(BATCH),
    flags: new Uint8Array(BATCH),
    unit: new Int32Array(BATCH),
    problems: [],
    newUnits: [],
    rowsRead: 0,
  };
}
