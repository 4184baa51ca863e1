/**
 * A reader thread of the residents file (see `readResidentsInParts`): reads its byte range with the
 * same CSV reader and checks each record with core's own `checkResident` on the report's date, and
 * posts the outcome in batches of typed columns — the checked values of each valid resident, or the
 * problem of each rejected one, in file order — for the calling thread to count.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkResident, type ValidResident } from '../coverage/records.js';
import type { CsvPreset } from './csvColumns.js';
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
  fromNik: Uint8Array;
  village: Int32Array;
  rw: Int32Array;
  rt: Int32Array;
  /** The rejected records' problems, in order. */
  problems: { field: string; code: string; message: string }[];
  /** Village keys first met in this batch (their ids continue the worker's numbering). */
  newVillages: string[];
  rowsRead: number;
}

const BATCH = 16_384;

if (parentPort && workerData) {
  const data = workerData as ResidentsWorkerData;
  const port = parentPort;
  const villageCodes = new Map<string | number, string | null>();
  const villageIds = new Map<string, number>();
  const checked: ValidResident = { hi: 0, lo: 0, birth: 0, nikBirth: 0, birthFromNik: false, villageKey: '', rw: 0, rt: 0 };
  let batch = newBatch();
  let rowsRead = 0;
  const flush = () => {
    if (batch.count === 0) return;
    const b = batch;
    b.rowsRead = rowsRead;
    port.postMessage(b, [b.valid.buffer, b.refs.buffer, b.hi.buffer, b.lo.buffer, b.birth.buffer, b.nikBirth.buffer, b.fromNik.buffer, b.village.buffer, b.rw.buffer, b.rt.buffer] as ArrayBuffer[]);
    batch = newBatch();
  };
  readCsv('residents', data.path, {
    part: data.part,
    ...(data.preset && { preset: data.preset }),
    ...(data.columns && { columns: data.columns }),
    fields: ['nik', 'birthDate', 'sex', 'villageCode', 'rw', 'rt'],
    onProgress: (n) => (rowsRead = n),
    onRecord: (record) => {
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
        batch.fromNik[i] = checked.birthFromNik ? 1 : 0;
        let id = villageIds.get(checked.villageKey);
        if (id === undefined) {
          villageIds.set(checked.villageKey, (id = villageIds.size));
          batch.newVillages.push(checked.villageKey);
        }
        batch.village[i] = id;
        batch.rw[i] = checked.rw;
        batch.rt[i] = checked.rt;
      }
      if (batch.count === BATCH) flush();
    },
  }).then(
    (result) => {
      flush();
      port.postMessage({ type: 'end', read: result.read, rejected: result.rejected, columnOfField: result.columnOfField });
    },
    (err: Error) => port.postMessage({ type: 'error', name: err.name, message: err.message, line: (err as { line?: number }).line }),
  );
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
    fromNik: new Uint8Array(BATCH),
    village: new Int32Array(BATCH),
    rw: new Int32Array(BATCH),
    rt: new Int32Array(BATCH),
    problems: [],
    newVillages: [],
    rowsRead: 0,
  };
}
