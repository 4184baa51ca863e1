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
  let ops = '';
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const len = runs[row * size + col]!;
      if (len === 0) continue;
      let height = 1;
      while (row + height < size && runs[(row + height) * size + col] === len && isWholeRun(modules, size, row + height, col, len)) {
        runs[(row + height) * size + col] = 0;
        height++;
      }
      ops += `${col} ${row} ${len} ${height} re\n`;
    }
  }
  doc.save();
  doc.fillColor(COLOURS.black);
  // module units: one unit = one module, origin at the symbol's top-left corner
  doc.transform(modulePt, 0, 0, modulePt, xPt, yPt);
  // as bytes: pdfkit would otherwise convert the string one character at a time
  doc.addContent(Buffer.from(`${ops}f\n`, 'latin1') as unknown as string);
  doc.restore();
}

/** Scratch space of drawQr: run lengths by module. */
let runs = new Int32Array(0);

/** Whether the run at (row, col) of `len` modules is exactly one whole run (light on both sides). */
function isWholeRun(modules: Uint8Array, size: number, row: number, col: number, len: number): boolean {
  return (col === 0 || !modules[row * size + col - 1]) && (col + len === size || !modules[row * size + col + len]);
}
