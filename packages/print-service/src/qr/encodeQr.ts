/**
 * QR encoding for stickers: the `qrcode` library encodes the data, and the mask — the slowest
 * step of `qrcode` 1.5, which builds and scores eight full matrices through per-module method
 * calls — is chosen here on typed arrays with the **same penalty rules and tie-breaking** as
 * `qrcode`'s own `getBestMask`. The result is the identical, standard-conforming symbol, several
 * times faster (BENCHMARKS.md; a test compares both module by module).
 */
import { createRequire } from 'node:module';
import QRCode from 'qrcode';

const require = createRequire(import.meta.url);
// Internals of qrcode 1.5 (no exports map): the format-information encoder and EC level table.
const FormatInfo = require('qrcode/lib/core/format-info') as { getEncodedBits(ecl: unknown, mask: number): number };
const ECLevel = require('qrcode/lib/core/error-correction-level') as Record<'L' | 'M' | 'Q' | 'H', unknown>;

/** Error-correction levels. */
export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';

/** An encoded QR symbol: `size × size` modules, 1 = dark, row-major; no quiet zone included. */
export interface QrSymbol {
  readonly size: number;
  readonly version: number;
  readonly mask: number;
  readonly modules: Uint8Array;
}

/** Options of {@link encodeQr}. */
export interface EncodeQrOptions {
  /** Default `M`. */
  errorCorrection?: QrErrorCorrection;
  /** Largest version allowed (1–40). Default 40. */
  maxVersion?: number;
}

/**
 * Encodes bytes (or a string, as UTF-8) in one byte-mode segment as a QR symbol.
 *
 * Limits: up to version `maxVersion`; data longer than that version holds at the chosen
 * error-correction level throws a `RangeError`. The symbol has no quiet zone: draw 4 light modules
 * around it.
 *
 * @throws {RangeError} when the data does not fit
 */
export function encodeQr(data: string | Uint8Array, options: EncodeQrOptions = {}): QrSymbol {
  const ecl = options.errorCorrection ?? 'M';
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  let qr: ReturnType<typeof QRCode.create>;
  try {
    qr = QRCode.create([{ data: bytes, mode: 'byte' }], { errorCorrectionLevel: ecl, maskPattern: 0 as never });
  } catch (err) {
    throw new RangeError(`data of ${bytes.length} bytes does not fit a QR code at level ${ecl}: ${(err as Error).message}`);
  }
  if (qr.version > (options.maxVersion ?? 40)) {
    throw new RangeError(`data of ${bytes.length} bytes needs QR version ${qr.version}, more than ${options.maxVersion}`);
  }
  const matrix = qr.modules as unknown as { size: number; data: Uint8Array; reservedBit: Uint8Array };
  const size = matrix.size;
  const reserved = matrix.reservedBit;
  const tables = versionTables(qr.version, size, reserved);
  // undo mask 0 to get the raw data modules (format-information modules are set per mask below)
  const raw = matrix.data.slice();
  xorInto(raw, raw, tables.masks[0]!);
  const W = tables.words;
  const rawRows = new Int32Array(size * W);
  const rawCols = new Int32Array(size * W);
  pack(raw, size, W, rawRows, rawCols);
  const rows = new Int32Array(size * W);
  const cols = new Int32Array(size * W);
  const eclBits = ECLevel[ecl];
  let best = 0;
  let bestPenalty = Infinity;
  for (let mask = 0; mask < 8; mask++) {
    const mr = tables.packedRows[mask]!;
    const mc = tables.packedCols[mask]!;
    for (let i = 0; i < rows.length; i++) {
      rows[i] = rawRows[i]! ^ mr[i]!;
      cols[i] = rawCols[i]! ^ mc[i]!;
    }
    const bits = FormatInfo.getEncodedBits(eclBits, mask);
    forEachFormatModule(size, bits, (row, col, on) => {
      setBit(rows, row * W, col, on);
      setBit(cols, col * W, row, on);
    });
    const p = packedPenalty(rows, cols, size, W, tables.valid);
    if (p < bestPenalty) {
      bestPenalty = p;
      best = mask;
    }
  }
  const bestModules = new Uint8Array(raw.length);
  xorInto(bestModules, raw, tables.masks[best]!);
  forEachFormatModule(size, FormatInfo.getEncodedBits(eclBits, best), (row, col, on) => {
    bestModules[row * size + col] = on;
  });
  return Object.freeze({ size, version: qr.version, mask: best, modules: bestModules });
}

function maskAt(mask: number, i: number, j: number): boolean {
  switch (mask) {
    case 0: return (i + j) % 2 === 0;
    case 1: return i % 2 === 0;
    case 2: return j % 3 === 0;
    case 3: return (i + j) % 3 === 0;
    case 4: return (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0;
    case 5: return ((i * j) % 2) + ((i * j) % 3) === 0;
    case 6: return (((i * j) % 2) + ((i * j) % 3)) % 2 === 0;
    default: return (((i * j) % 3) + ((i + j) % 2)) % 2 === 0;
  }
}

interface VersionTables {
  /** The eight masks as 0/1 arrays, clear on function patterns. */
  masks: Uint8Array[];
  /** The same, packed in bit rows and bit columns. */
  packedRows: Int32Array[];
  packedCols: Int32Array[];
  /** 32-bit words per packed line. */
  words: number;
  /** valid[k * W + w]: bits of word w at which a window of k + 1 modules still fits the line. */
  valid: Int32Array;
}
const VERSION_TABLES = new Map<number, VersionTables>();

function versionTables(version: number, size: number, reserved: Uint8Array): VersionTables {
  let t = VERSION_TABLES.get(version);
  if (t !== undefined) return t;
  const W = Math.ceil(size / 32);
  const masks: Uint8Array[] = [];
  const packedRows: Int32Array[] = [];
  const packedCols: Int32Array[] = [];
  for (let mask = 0; mask < 8; mask++) {
    const m = new Uint8Array(size * size);
    for (let row = 0; row < size; row++) {
      for (let col = 0; col < size; col++) {
        const k = row * size + col;
        if (!reserved[k] && maskAt(mask, row, col)) m[k] = 1;
      }
    }
    masks.push(m);
    const r = new Int32Array(size * W);
    const c = new Int32Array(size * W);
    pack(m, size, W, r, c);
    packedRows.push(r);
    packedCols.push(c);
  }
  const valid = new Int32Array(11 * W);
  for (let k = 0; k <= 10; k++) {
    for (let pos = 0; pos + k < size; pos++) valid[k * W + (pos >> 5)]! |= 1 << (pos & 31);
  }
  t = { masks, packedRows, packedCols, words: W, valid };
  VERSION_TABLES.set(version, t);
  return t;
}

function pack(m: Uint8Array, size: number, W: number, rows: Int32Array, cols: Int32Array): void {
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (m[row * size + col]) {
        rows[row * W + (col >> 5)]! |= 1 << (col & 31);
        cols[col * W + (row >> 5)]! |= 1 << (row & 31);
      }
    }
  }
}

function setBit(line: Int32Array, base: number, pos: number, on: number): void {
  const w = base + (pos >> 5);
  const bit = 1 << (pos & 31);
  line[w] = on ? line[w]! | bit : line[w]! & ~bit;
}

function xorInto(out: Uint8Array, a: Uint8Array, b: Uint8Array): void {
  for (let i = 0; i < out.length; i++) out[i] = a[i]! ^ b[i]!;
}

/** The format-information modules, at the same positions as qrcode's setupFormatInfo. */
function forEachFormatModule(size: number, bits: number, fn: (row: number, col: number, on: number) => void): void {
  for (let i = 0; i < 15; i++) {
    const on = (bits >> i) & 1;
    fn(i < 6 ? i : i < 8 ? i + 1 : size - 15 + i, 8, on);
    fn(8, i < 8 ? size - i - 1 : i < 9 ? 15 - i : 15 - i - 1, on);
  }
  fn(size - 8, 8, 1);
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Bits of a packed line from position `k` on: bit c of the result is module c + k. */
function shifted(line: Int32Array, base: number, w: number, W: number, k: number): number {
  if (k === 0) return line[base + w]!;
  const lo = line[base + w]! >>> k;
  return w + 1 < W ? lo | (line[base + w + 1]! << (32 - k)) : lo;
}


/**
 * N1 and N3 of qrcode 1.5 on one direction's packed lines, with bit operations:
 * N1 = Σ over runs of length L ≥ 5 of 3 + (L − 5) = (positions starting 5 equal modules) +
 * 2 × (such positions that also start a run); N3 = 40 per 1:1:3:1:1 pattern with 4 light modules.
 */
function linePenalty(lines: Int32Array, size: number, W: number, valid: Int32Array): number {
  let points = 0;
  for (let line = 0; line < size; line++) {
    const base = line * W;
    for (let w = 0; w < W; w++) {
      const x0 = lines[base + w]!;
      const x1 = shifted(lines, base, w, W, 1);
      const x2 = shifted(lines, base, w, W, 2);
      const x3 = shifted(lines, base, w, W, 3);
      const x4 = shifted(lines, base, w, W, 4);
      const same5 = ~(x0 ^ x1) & ~(x1 ^ x2) & ~(x2 ^ x3) & ~(x3 ^ x4) & valid[4 * W + w]!;
      const before = (x0 << 1) | (w > 0 ? lines[base + w - 1]! >>> 31 : 0);
      const runStart = (x0 ^ before) | (w === 0 ? 1 : 0);
      points += popcount(same5) + 2 * popcount(same5 & runStart);
      // 1:1:3:1:1 finder-like pattern with 4 light modules after (10111010000) or before (00001011101)
      const x5 = shifted(lines, base, w, W, 5);
      const x6 = shifted(lines, base, w, W, 6);
      if ((x4 & ~x5 & x6) === 0) continue; // both patterns need dark, light, dark at 4, 5, 6
      const x7 = shifted(lines, base, w, W, 7);
      const x8 = shifted(lines, base, w, W, 8);
      const x9 = shifted(lines, base, w, W, 9);
      const x10 = shifted(lines, base, w, W, 10);
      const v = valid[10 * W + w]!;
      const a = v & x0 & ~x1 & x2 & x3 & x4 & ~x5 & x6 & ~x7 & ~x8 & ~x9 & ~x10;
      const b = v & ~x0 & ~x1 & ~x2 & ~x3 & x4 & ~x5 & x6 & x7 & x8 & ~x9 & x10;
      points += 40 * (popcount(a) + popcount(b));
    }
  }
  return points;
}

/** qrcode 1.5's N1 + N2 + N3 + N4 penalty on packed rows and columns. */
function packedPenalty(rows: Int32Array, cols: Int32Array, size: number, W: number, valid: Int32Array): number {
  let points = linePenalty(rows, size, W, valid) + linePenalty(cols, size, W, valid);
  // N2: 2×2 blocks of one colour, 3 points each
  let blocks = 0;
  for (let row = 0; row < size - 1; row++) {
    const a = row * W;
    const b = a + W;
    for (let w = 0; w < W; w++) {
      const a0 = rows[a + w]!;
      const b0 = rows[b + w]!;
      blocks += popcount(~(a0 ^ shifted(rows, a, w, W, 1)) & ~(b0 ^ shifted(rows, b, w, W, 1)) & ~(a0 ^ b0) & valid[W + w]!);
    }
  }
  points += blocks * 3;
  // N4: proportion of dark modules
  let dark = 0;
  for (let i = 0; i < rows.length; i++) dark += popcount(rows[i]!);
  points += Math.abs(Math.ceil((dark * 100) / (size * size) / 5) - 10) * 10;
  return points;
}
