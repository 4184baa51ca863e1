/**
 * QR encoding for stickers, byte mode, standard-conforming (ISO/IEC 18004): the version, the data
 * and error-correction codewords, their placement and the mask chosen by the standard's penalty
 * rules — **module for module the symbol `qrcode` 1.5 makes** (a test compares both on many inputs).
 * `qrcode` builds each symbol through bit-by-bit buffers, polynomial objects and eight full matrices
 * scored by per-module method calls; for a print job of thousands of codes of one version that was
 * the largest cost per sticker after pdfkit (BENCHMARKS.md). Here the function patterns and the
 * placement order of each version are taken from `qrcode` once and kept, Reed–Solomon runs on
 * log tables, and the masks are scored on bit-packed rows and columns.
 *
 * Limits: one byte-mode segment (no numeric/alphanumeric/kanji optimisation); versions 1–40.
 */
import { createRequire } from 'node:module';
import QRCode from 'qrcode';

const require = createRequire(import.meta.url);
// Internals of qrcode 1.5 (no exports map): its tables. encodeQr.test.ts fails if they change.
const FormatInfo = require('qrcode/lib/core/format-info') as { getEncodedBits(ecl: unknown, mask: number): number };
const ECLevel = require('qrcode/lib/core/error-correction-level') as Record<'L' | 'M' | 'Q' | 'H', unknown>;
const ECCode = require('qrcode/lib/core/error-correction-code') as { getBlocksCount(version: number, ecl: unknown): number; getTotalCodewordsCount(version: number, ecl: unknown): number };
const Utils = require('qrcode/lib/core/utils') as { getSymbolTotalCodewords(version: number): number };

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
 * Encodes bytes (or a string, as UTF-8) in one byte-mode segment as a QR symbol, at the smallest
 * version that holds them.
 *
 * Limits: up to version `maxVersion`; data longer than that version holds at the chosen
 * error-correction level throws a `RangeError`. The symbol has no quiet zone: draw 4 light modules
 * around it.
 *
 * @throws {RangeError} when the data does not fit
 * @example
 * encodeQr('https://cakupan.example/v/AQID').version //=> 3
 */
export function encodeQr(data: string | Uint8Array, options: EncodeQrOptions = {}): QrSymbol {
  const ecl = options.errorCorrection ?? 'M';
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const maxVersion = Math.min(40, options.maxVersion ?? 40);
  let version = 1;
  while (version <= 40 && !fits(bytes.length, version, ecl)) version++;
  if (version > 40) throw new RangeError(`data of ${bytes.length} bytes does not fit a QR code at level ${ecl}`);
  if (version > maxVersion) throw new RangeError(`data of ${bytes.length} bytes needs QR version ${version}, more than ${maxVersion}`);
  const tables = versionTables(version);
  const { size } = tables;
  const codewords = interleavedCodewords(dataCodewords(bytes, version, ecl), version, ecl);
  // the unmasked symbol, as bit rows and bit columns: function patterns, then the codewords' dark
  // bits in placement order (remainder bits after them stay light); format information per mask
  const W = tables.words;
  const rawRows = tables.functionRows.slice();
  const rawCols = tables.functionCols.slice();
  const { rowWord, rowBit, colWord, colBit } = tables;
  const bits = Math.min(rowWord.length, codewords.length * 8);
  for (let k = 0; k < bits; k++) {
    if (((codewords[k >> 3]! >> (7 - (k & 7))) & 1) === 0) continue;
    rawRows[rowWord[k]!]! |= rowBit[k]!;
    rawCols[colWord[k]!]! |= colBit[k]!;
  }
  const rows = new Int32Array(size * W);
  const cols = new Int32Array(size * W);
  let best = 0;
  let bestPenalty = Infinity;
  for (let mask = 0; mask < 8; mask++) {
    const mr = tables.packedRows[mask]!;
    const mc = tables.packedCols[mask]!;
    for (let i = 0; i < rows.length; i++) {
      rows[i] = rawRows[i]! ^ mr[i]!;
      cols[i] = rawCols[i]! ^ mc[i]!;
    }
    forEachFormatModule(size, formatBits(ecl, mask), (row, col, on) => {
      setBit(rows, row * W, col, on);
      setBit(cols, col * W, row, on);
    });
    const p = packedPenalty(rows, cols, size, W, tables.valid);
    if (p < bestPenalty) {
      bestPenalty = p;
      best = mask;
    }
  }
  const bestModules = new Uint8Array(size * size);
  const mr = tables.packedRows[best]!;
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const w = row * W + (col >> 5);
      bestModules[row * size + col] = ((rawRows[w]! ^ mr[w]!) >>> (col & 31)) & 1;
    }
  }
  forEachFormatModule(size, formatBits(ecl, best), (row, col, on) => {
    bestModules[row * size + col] = on;
  });
  return Object.freeze({ size, version, mask: best, modules: bestModules });
}

/** Bits of the character count in byte mode. */
function countBits(version: number): number {
  return version < 10 ? 8 : 16;
}

/** Data codewords of a version at a level. */
function dataCapacity(version: number, ecl: QrErrorCorrection): number {
  let table = CAPACITY[ecl];
  if (!table) {
    table = new Int32Array(41);
    for (let v = 1; v <= 40; v++) table[v] = Utils.getSymbolTotalCodewords(v) - ECCode.getTotalCodewordsCount(v, ECLevel[ecl]);
    CAPACITY[ecl] = table;
  }
  return table[version]!;
}
const CAPACITY: Partial<Record<QrErrorCorrection, Int32Array>> = {};

/** The 15 format-information bits of a level and mask (qrcode's BCH encoding). */
function formatBits(ecl: QrErrorCorrection, mask: number): number {
  let table = FORMAT_BITS[ecl];
  if (!table) {
    table = Int32Array.from({ length: 8 }, (_, m) => FormatInfo.getEncodedBits(ECLevel[ecl], m));
    FORMAT_BITS[ecl] = table;
  }
  return table[mask]!;
}
const FORMAT_BITS: Partial<Record<QrErrorCorrection, Int32Array>> = {};

function fits(length: number, version: number, ecl: QrErrorCorrection): boolean {
  return 4 + countBits(version) + 8 * length <= 8 * dataCapacity(version, ecl);
}

/** Mode indicator, count, the bytes, terminator, then pad codewords 0xEC 0x11 to capacity. */
function dataCodewords(bytes: Uint8Array, version: number, ecl: QrErrorCorrection): Uint8Array {
  const out = new Uint8Array(dataCapacity(version, ecl));
  let bit = 0;
  const put = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--, bit++) if ((value >>> i) & 1) out[bit >> 3]! |= 0x80 >> (bit & 7);
  };
  put(0b0100, 4);
  put(bytes.length, countBits(version));
  if ((bit & 7) === 0) {
    out.set(bytes, bit >> 3);
    bit += bytes.length * 8;
  } else {
    for (const b of bytes) put(b, 8);
  }
  // terminator (up to four 0 bits) and padding to a byte: the zeros are there already
  let at = (Math.min(bit + 4, out.length * 8) + 7) >> 3;
  for (let pad = 0xec; at < out.length; at++, pad ^= 0xec ^ 0x11) out[at] = pad;
  return out;
}

/** Splits data codewords into blocks, adds each block's Reed–Solomon codewords, interleaves. */
function interleavedCodewords(data: Uint8Array, version: number, ecl: QrErrorCorrection): Uint8Array {
  const total = Utils.getSymbolTotalCodewords(version);
  const blocks = ECCode.getBlocksCount(version, ECLevel[ecl]);
  const inGroup2 = total % blocks;
  const inGroup1 = blocks - inGroup2;
  const dataPerBlock1 = Math.floor(data.length / blocks);
  const ecCount = Math.floor(total / blocks) - dataPerBlock1;
  const generator = rsGeneratorLogs(ecCount);
  const out = new Uint8Array(total);
  const ec = new Uint8Array(ecCount);
  let offset = 0;
  for (let b = 0; b < blocks; b++) {
    const length = b < inGroup1 ? dataPerBlock1 : dataPerBlock1 + 1;
    rsRemainder(data, offset, length, generator, ec);
    // data codewords column by column over the blocks (group 2's extra one after all of group 1's)
    for (let i = 0; i < length; i++) out[i < dataPerBlock1 ? i * blocks + b : dataPerBlock1 * blocks + (b - inGroup1)] = data[offset + i]!;
    for (let i = 0; i < ecCount; i++) out[data.length + i * blocks + b] = ec[i]!;
    offset += length;
  }
  return out;
}

// GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1
const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
for (let i = 0, x = 1; i < 255; i++) {
  EXP[i] = x;
  LOG[x] = i;
  x <<= 1;
  if (x & 0x100) x ^= 0x11d;
}
for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255]!;

const GENERATORS = new Map<number, Uint8Array>();

/**
 * The logarithms of the coefficients (highest first, leading 1 left out) of ∏ (x − α^i), i < degree —
 * none of them is 0 for the degrees QR codes use (checked when built).
 */
function rsGeneratorLogs(degree: number): Uint8Array {
  let logs = GENERATORS.get(degree);
  if (logs) return logs;
  let poly = new Uint8Array([1]);
  for (let i = 0; i < degree; i++) {
    const next = new Uint8Array(poly.length + 1);
    for (let j = 0; j < poly.length; j++) {
      next[j]! ^= poly[j]!;
      if (poly[j]) next[j + 1]! ^= EXP[LOG[poly[j]!]! + i]!;
    }
    poly = next;
  }
  if (poly.includes(0)) throw new Error(`the Reed–Solomon generator of degree ${degree} has a zero coefficient`);
  logs = poly.subarray(1).map((c) => LOG[c]!);
  GENERATORS.set(degree, logs);
  return logs;
}

/** The Reed–Solomon remainder of `length` codewords of `data` from `offset`, into `out`. */
function rsRemainder(data: Uint8Array, offset: number, length: number, generatorLogs: Uint8Array, out: Uint8Array): void {
  out.fill(0);
  const last = out.length - 1;
  for (let i = 0; i < length; i++) {
    const factor = data[offset + i]! ^ out[0]!;
    if (factor === 0) {
      out.copyWithin(0, 1);
      out[last] = 0;
      continue;
    }
    const lf = LOG[factor]!;
    for (let j = 0; j < last; j++) out[j] = out[j + 1]! ^ EXP[generatorLogs[j]! + lf]!;
    out[last] = EXP[generatorLogs[last]! + lf]!;
  }
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
  size: number;
  /** The function patterns (finder, timing, alignment, version information; dark = 1), packed. */
  functionRows: Int32Array;
  functionCols: Int32Array;
  /**
   * The modules that carry codewords, in the standard's placement order: for the k-th bit, its word
   * and bit in the packed rows and in the packed columns.
   */
  rowWord: Int32Array;
  rowBit: Int32Array;
  colWord: Int32Array;
  colBit: Int32Array;
  /** The eight masks, clear on function patterns, packed in bit rows and bit columns. */
  packedRows: Int32Array[];
  packedCols: Int32Array[];
  /** 32-bit words per packed line. */
  words: number;
  /** valid[k * W + w]: bits of word w at which a window of k + 1 modules still fits the line. */
  valid: Int32Array;
}
const VERSION_TABLES = new Map<number, VersionTables>();

function versionTables(version: number): VersionTables {
  let t = VERSION_TABLES.get(version);
  if (t !== undefined) return t;
  // qrcode lays out the function patterns of a version: take them from one symbol of it
  const sample = QRCode.create([{ data: Buffer.from('0'), mode: 'byte' }], { version, errorCorrectionLevel: 'L', maskPattern: 0 as never });
  const matrix = sample.modules as unknown as { size: number; data: Uint8Array; reservedBit: Uint8Array };
  const size = matrix.size;
  const reserved = matrix.reservedBit;
  const functionModules = new Uint8Array(size * size);
  for (let k = 0; k < functionModules.length; k++) if (reserved[k]) functionModules[k] = matrix.data[k]!;
  // placement: two-module columns from the right, upwards then downwards, skipping the vertical timing pattern
  const order: number[] = [];
  let row = size - 1;
  let step = -1;
  for (let col = size - 1; col > 0; col -= 2) {
    if (col === 6) col--;
    for (;;) {
      for (let c = 0; c < 2; c++) if (!reserved[row * size + col - c]) order.push(row * size + col - c);
      row += step;
      if (row < 0 || row >= size) {
        row -= step;
        step = -step;
        break;
      }
    }
  }
  const W = Math.ceil(size / 32);
  const packedRows: Int32Array[] = [];
  const packedCols: Int32Array[] = [];
  for (let mask = 0; mask < 8; mask++) {
    const m = new Uint8Array(size * size);
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) {
        const k = r * size + c;
        if (!reserved[k] && maskAt(mask, r, c)) m[k] = 1;
      }
    }
    const pr = new Int32Array(size * W);
    const pc = new Int32Array(size * W);
    pack(m, size, W, pr, pc);
    packedRows.push(pr);
    packedCols.push(pc);
  }
  const valid = new Int32Array(11 * W);
  for (let k = 0; k <= 10; k++) {
    for (let pos = 0; pos + k < size; pos++) valid[k * W + (pos >> 5)]! |= 1 << (pos & 31);
  }
  const functionRows = new Int32Array(size * W);
  const functionCols = new Int32Array(size * W);
  pack(functionModules, size, W, functionRows, functionCols);
  const rowWord = new Int32Array(order.length);
  const rowBit = new Int32Array(order.length);
  const colWord = new Int32Array(order.length);
  const colBit = new Int32Array(order.length);
  order.forEach((at, k) => {
    const r = Math.floor(at / size);
    const c = at % size;
    rowWord[k] = r * W + (c >> 5);
    rowBit[k] = 1 << (c & 31);
    colWord[k] = c * W + (r >> 5);
    colBit[k] = 1 << (r & 31);
  });
  t = { size, functionRows, functionCols, rowWord, rowBit, colWord, colBit, packedRows, packedCols, words: W, valid };
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
      // x<k>: bit c is module 32w + c + k of the line (the next word's low bits shifted in)
      const x0 = lines[base + w]!;
      const nx = w + 1 < W ? lines[base + w + 1]! : 0;
      const x1 = (x0 >>> 1) | (nx << 31);
      const x2 = (x0 >>> 2) | (nx << 30);
      const x3 = (x0 >>> 3) | (nx << 29);
      const x4 = (x0 >>> 4) | (nx << 28);
      const same5 = ~(x0 ^ x1) & ~(x1 ^ x2) & ~(x2 ^ x3) & ~(x3 ^ x4) & valid[4 * W + w]!;
      const before = (x0 << 1) | (w > 0 ? lines[base + w - 1]! >>> 31 : 0);
      const runStart = (x0 ^ before) | (w === 0 ? 1 : 0);
      if (same5 !== 0) points += popcount(same5) + 2 * popcount(same5 & runStart);
      // 1:1:3:1:1 finder-like pattern with 4 light modules after (10111010000) or before (00001011101)
      const x5 = (x0 >>> 5) | (nx << 27);
      const x6 = (x0 >>> 6) | (nx << 26);
      const candidates = x4 & ~x5 & x6 & valid[10 * W + w]!; // both patterns: dark, light, dark at 4, 5, 6
      if (candidates === 0) continue;
      const x7 = (x0 >>> 7) | (nx << 25);
      const x8 = (x0 >>> 8) | (nx << 24);
      const x9 = (x0 >>> 9) | (nx << 23);
      const x10 = (x0 >>> 10) | (nx << 22);
      const a = candidates & x0 & ~x1 & x2 & x3 & ~x7 & ~x8 & ~x9 & ~x10;
      const b = candidates & ~x0 & ~x1 & ~x2 & ~x3 & x7 & x8 & ~x9 & x10;
      if ((a | b) !== 0) points += 40 * (popcount(a) + popcount(b));
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
      const a1 = (a0 >>> 1) | (w + 1 < W ? rows[a + w + 1]! << 31 : 0);
      const b1 = (b0 >>> 1) | (w + 1 < W ? rows[b + w + 1]! << 31 : 0);
      blocks += popcount(~(a0 ^ a1) & ~(b0 ^ b1) & ~(a0 ^ b0) & valid[W + w]!);
    }
  }
  points += blocks * 3;
  // N4: proportion of dark modules
  let dark = 0;
  for (let i = 0; i < rows.length; i++) dark += popcount(rows[i]!);
  points += Math.abs(Math.ceil((dark * 100) / (size * size) / 5) - 10) * 10;
  return points;
}
