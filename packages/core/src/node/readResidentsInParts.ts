/**
 * The residents file read by several threads at once: the file is cut at line breaks into byte
 * ranges, each read by a worker with the same CSV reader and checked with core's `checkResident`
 * (`residentsWorker.ts`); the calling thread counts the checked residents in file order, so the
 * figures, rejections, line numbers and record indexes are those of reading the file on one thread.
 *
 * Limits: files only (not streams); a file with a double quote or a carriage return anywhere, or
 * whose header does not plan, is read on one thread (the returned `undefined` says so): a quoted
 * field may hold a line break where a cut would fall, and with `\r` papaparse chooses the line break
 * from where it starts reading.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import Papa from 'papaparse';
import type { CoverageAccumulator, NeighbourhoodRef } from '../coverage/accumulator.js';
import type { RejectionCode, ValidResident } from '../coverage/records.js';
import { CsvFormatError, type CsvPreset, type CsvRejection, planColumns, presetOfHeader } from './csvColumns.js';
import { delimiterOf, headerNames, isBinaryHeader, type ReadCsvResult } from './readCsv.js';
import type { ResidentsBatch, ResidentsWorkerData } from './residentsWorker.js';

declare const __dirname: string | undefined;

/** Below this size a file is read on the calling thread: starting workers costs more than it saves. */
export const PARTS_MIN_BYTES = 4 << 20;

/** The built worker beside this module (`dist/residentsWorker.js` or `.cjs`), if it is there. */
function workerFile(): string | undefined {
  let path: string;
  try {
    path = typeof __dirname === 'string' ? join(__dirname, 'residentsWorker.cjs') : join(dirname(fileURLToPath(import.meta.url)), 'residentsWorker.js');
  } catch {
    return undefined;
  }
  return existsSync(path) ? path : undefined;
}

/** Whether {@link readResidentsInParts} can read `path` with `threads` threads. */
export function canReadInParts(path: unknown, threads: number): path is string {
  if (threads < 2 || typeof path !== 'string' || workerFile() === undefined) return false;
  try {
    const stat = statSync(path);
    return stat.isFile() && stat.size >= PARTS_MIN_BYTES;
  } catch {
    return false;
  }
}

interface Plan {
  header: string[];
  delimiter: string;
  preset: CsvPreset | undefined;
  parts: { start: number; end: number; firstLine: number }[];
}

/**
 * Where to cut: the header line, then `threads` ranges ending just after a `\n`, each with the
 * line number of its first row; `undefined` when the file must be read on one thread.
 */
function planParts(path: string, threads: number, options: { preset?: CsvPreset | undefined; columns?: Record<string, string> | undefined }): Plan | undefined {
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(4 << 20);
    // the header line (no quotes, ends with \n)
    let n = readSync(fd, chunk, 0, Math.min(chunk.length, size), 0);
    const headerEnd = chunk.subarray(0, n).indexOf(10);
    if (headerEnd < 0) return undefined;
    const headerText = chunk.subarray(0, headerEnd).toString('utf8');
    // the header as the one-thread reader takes it: its delimiter, names and binary check
    const delimiter = delimiterOf(headerText);
    const header = headerNames(Papa.parse<string[]>(headerText, { delimiter }).data[0] ?? []);
    if (isBinaryHeader(header)) return undefined;
    const preset = options.preset === undefined || options.preset === 'canonical' ? presetOfHeader('residents', header) : options.preset;
    if (preset === 'opensid') return undefined;
    let plan: ReturnType<typeof planColumns>;
    try {
      plan = planColumns('residents', header, { preset, ...(options.columns && { columns: options.columns }) }, path);
    } catch {
      return undefined; // the one-thread reader reports it, in its words
    }
    // dates other than YYYY-MM-DD may need the order the whole file shows: read on one thread
    if (preset === 'canonical' && plan.dateCells.length > 0) {
      const rows = Papa.parse<string[]>(chunk.subarray(headerEnd + 1, n).toString('utf8'), { delimiter }).data;
      for (const row of rows.slice(0, -1)) {
        for (const i of plan.dateCells) {
          const v = (row[i] ?? '').trim();
          if (v !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(v)) return undefined;
        }
      }
    }
    // targets of the cuts, then one pass: no double quote anywhere, and the line count before each cut
    const targets = Array.from({ length: threads - 1 }, (_, i) => Math.floor(((i + 1) * size) / threads));
    const cuts: { at: number; line: number }[] = [];
    let lines = 1; // the header's
    let position = headerEnd + 1;
    let next = 0;
    while (position < size) {
      n = readSync(fd, chunk, 0, Math.min(chunk.length, size - position), position);
      const piece = chunk.subarray(0, n);
      // a quote may hold a line break where a cut falls; a \r makes papaparse's choice of line break
      // depend on where it starts reading; a NUL is the one-thread reader's to reject: all are read on one thread
      if (piece.indexOf(34) >= 0 || piece.indexOf(13) >= 0 || piece.indexOf(0) >= 0) return undefined;
      let at = piece.indexOf(10);
      while (at >= 0) {
        lines++;
        // the first line break at or after the next target: cut just after it
        while (next < targets.length && position + at >= targets[next]!) {
          cuts.push({ at: position + at + 1, line: lines + 1 });
          next++;
        }
        at = piece.indexOf(10, at + 1);
      }
      position += n;
    }
    const starts = [{ at: headerEnd + 1, line: 2 }, ...cuts.filter((c, i, all) => c.at < size && (i === 0 || c.at > all[i - 1]!.at))];
    return {
      header,
      delimiter,
      preset,
      parts: starts.map((s, i) => ({ start: s.at, end: i + 1 < starts.length ? starts[i + 1]!.at : size, firstLine: s.line })),
    };
  } finally {
    closeSync(fd);
  }
}

type WorkerMessage =
  | ResidentsBatch
  | { type: 'end'; read: number; rejected: CsvRejection[]; columnOfField: Record<string, string> }
  | { type: 'error'; name: string; message: string; line?: number };

/**
 * Starts reading the residents file `path` in `threads` parts at once; the returned `count`
 * (called once the accumulator holds every account) adds the residents to `accumulator` in file
 * order and gives the reader's result. `undefined`: read it on one thread instead.
 *
 * @throws {CsvFormatError} as the one-thread reader would, for a file that cannot be read
 */
export function readResidentsInParts(
  path: string,
  threads: number,
  accumulator: CoverageAccumulator,
  options: { preset?: CsvPreset | undefined; columns?: Record<string, string> | undefined; onProgress?: ((rowsRead: number) => void) | undefined },
): { count: () => Promise<ReadCsvResult<never>>; cancel: () => Promise<void> } | undefined {
  const file = workerFile();
  const plan = file && planParts(path, threads, options);
  if (!file || !plan) return undefined;
  const asOf = accumulator.asOfNumber;
  // each part's messages, queued until the calling thread counts them in order
  const parts = plan.parts.map((part) => {
    const queue: WorkerMessage[] = [];
    let wake: (() => void) | undefined;
    const data: ResidentsWorkerData = { path, part: { ...part, header: plan.header, delimiter: plan.delimiter }, asOf, preset: plan.preset, columns: options.columns };
    const worker = new Worker(file, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
    const push = (m: WorkerMessage) => {
      queue.push(m);
      wake?.();
    };
    worker.on('message', push);
    worker.on('error', (err) => push({ type: 'error', name: err.name, message: err.message }));
    worker.on('exit', (code) => {
      if (code !== 0) push({ type: 'error', name: 'Error', message: `a residents reader thread stopped (exit code ${code})` });
    });
    const next = async (): Promise<WorkerMessage> => {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      return queue.shift()!;
    };
    return { worker, next, read: 0 };
  });
  const count = async (): Promise<ReadCsvResult<never>> => {
    const rejected: CsvRejection[] = [];
    let columnOfField: Record<string, string> = {};
    let read = 0;
    const checked: ValidResident = { hi: 0, lo: 0, birth: 0, nikBirth: 0, birthFromNik: false, villageKey: '', rw: 0, rt: 0, work: 0 };
    try {
      for (const [p, part] of parts.entries()) {
        // this part's neighbourhoods by the worker's numbers
        const units: NeighbourhoodRef[] = [];
        for (;;) {
          const m = await part.next();
          if (m.type === 'error') throw new CsvFormatError(m.message, m.line === undefined ? {} : { line: m.line });
          if (m.type === 'end') {
            read += m.read;
            rejected.push(...m.rejected);
            if (p === 0) columnOfField = m.columnOfField;
            break;
          }
          for (const [villageKey, rw, rt] of m.newUnits) units.push({ villageKey, rw, rt });
          let problem = 0;
          for (let i = 0; i < m.count; i++) {
            const ref = m.refs[i]!;
            if (m.valid[i] === 0) {
              const pr = m.problems[problem++]!;
              accumulator.addResidentProblem({ field: pr.field, code: pr.code as RejectionCode, message: pr.message }, ref);
              continue;
            }
            checked.hi = m.hi[i]!;
            checked.lo = m.lo[i]!;
            checked.birth = m.birth[i]!;
            checked.nikBirth = m.nikBirth[i]!;
            checked.birthFromNik = (m.flags[i]! & 1) === 1;
            checked.work = m.flags[i]! >> 1;
            accumulator.addCheckedResident(checked, ref, units[m.unit[i]!]);
          }
          part.read = m.rowsRead;
          options.onProgress?.(read + part.read);
        }
      }
    } finally {
      await Promise.all(parts.map((part) => part.worker.terminate()));
    }
    return { records: [], read, rejected: rejected.sort((a, b) => a.line - b.line), columnOfField };
  };
  /** Stops the workers (when the calling thread fails before counting). */
  const cancel = async () => {
    await Promise.all(parts.map((part) => part.worker.terminate()));
  };
  return { count, cancel };
}
