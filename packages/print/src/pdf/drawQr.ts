/**
 * A QR symbol as vector artwork: dark modules merged into runs, one path, filled once in 100 % K.
 * Limits: the symbol is drawn at the position and module size given; the caller leaves the quiet
 * zone (4 modules) and the white tile around it.
 */
import type { QrSymbol } from '../qr/encodeQr.js';
import { COLOURS } from './colours.js';

/** The QR modules as merged horizontal runs, in one path, filled once in 100 % K. */
export function drawQr(doc: PDFKit.PDFDocument, qr: QrSymbol, xPt: number, yPt: number, modulePt: number): void {
  const { size, modules } = qr;
  // horizontal runs of dark modules; a run repeated at the same place in the rows below is merged
  // into one taller rectangle
  const n = size * size;
  if (runs.length < n) runs = new Int32Array(n);
  else runs.fill(0, 0, n);
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!modules[row * size + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && modules[row * size + col]) col++;
      runs[row * size + start] = col - start;
    }
  }
  // the path as bytes, "col row len height re\n" per rectangle (pdfkit would otherwise convert a
  // string one character at a time); numbers are below 256 (a version-40 symbol is 177 modules)
  if (ops.length < n * 16 + 2) ops = Buffer.alloc(n * 16 + 2);
  let at = 0;
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const len = runs[row * size + col]!;
      if (len === 0) continue;
      let height = 1;
      while (row + height < size && runs[(row + height) * size + col] === len && isWholeRun(modules, size, row + height, col, len)) {
        runs[(row + height) * size + col] = 0;
        height++;
      }
      at = writeNumber(ops, at, col, 0x20);
      at = writeNumber(ops, at, row, 0x20);
      at = writeNumber(ops, at, len, 0x20);
      at = writeNumber(ops, at, height, 0x20);
      ops[at++] = 0x72; // r
      ops[at++] = 0x65; // e
      ops[at++] = 0x0a;
    }
  }
  ops[at++] = 0x66; // f
  ops[at++] = 0x0a;
  doc.save();
  doc.fillColor(COLOURS.black);
  // module units: one unit = one module, origin at the symbol's top-left corner
  doc.transform(modulePt, 0, 0, modulePt, xPt, yPt);
  // a copy: pdfkit keeps the chunk until the page is written
  doc.addContent(Buffer.from(ops.subarray(0, at)) as unknown as string);
  doc.restore();
}

/** Scratch space of drawQr: run lengths by module, and the path's bytes. */
let runs = new Int32Array(0);
let ops = Buffer.alloc(0);

/** Writes `value` (0–999) in decimal and then `end`; returns the next offset. */
function writeNumber(out: Buffer, at: number, value: number, end: number): number {
  if (value >= 100) out[at++] = 0x30 + Math.floor(value / 100);
  if (value >= 10) out[at++] = 0x30 + (Math.floor(value / 10) % 10);
  out[at++] = 0x30 + (value % 10);
  out[at++] = end;
  return at;
}

/** Whether the run at (row, col) of `len` modules is exactly one whole run (light on both sides). */
function isWholeRun(modules: Uint8Array, size: number, row: number, col: number, len: number): boolean {
  return (col === 0 || !modules[row * size + col - 1]) && (col + len === size || !modules[row * size + col + len]);
}
