/**
 * Print-ready sticker PDFs with pdfkit.
 *
 * What a print shop checks, and how this file meets it:
 * - every page has a TrimBox (the sticker, or the sheet) and a BleedBox that contains it;
 * - colours are DeviceCMYK only — no RGB, no transparency; text, QR modules and crop marks are
 *   100 % K;
 * - one embedded, subset font (Noto Sans, SIL OFL 1.1, shipped in `assets/fonts`); the PDF
 *   standard 14 fonts are never used;
 * - artwork is vector: the QR code is drawn as merged runs of dark modules on a white tile with a
 *   4-module quiet zone.
 *
 * pdfkit pushes output without regard to back-pressure; {@link StickerPdf.add} waits while the
 * reader is behind, so a 50,000-sticker job streams in flat memory.
 */
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import type { StickerStatus } from '@cakupan/core';
import { loadFonts } from './fonts.js';
import type { QrSymbol } from '../qr/encodeQr.js';
import { formatDate, formatSerial, type Language, TEXT } from './i18n.js';
import { CROP_MARK_LENGTH_MM, markOffset, PT_PER_MM, type Rect, sheetPage, singlePage } from './layout.js';

type Cmyk = [number, number, number, number];
/** Sticker colours (CMYK percentages). */
export const COLOURS: Readonly<Record<'green' | 'red' | 'black' | 'white', Cmyk>> = Object.freeze({
  green: [75, 0, 100, 0],
  red: [0, 100, 100, 0],
  black: [0, 0, 0, 100],
  white: [0, 0, 0, 0],
});

/** One sticker, ready to draw. Holds no personal data. */
export interface PreparedSticker {
  status: StickerStatus;
  /** First text line: employer name, or a household's RT/RW. */
  subject: string;
  /** Further lines: RT/RW for employers, village (name or code), district. */
  place: string[];
  serial: number;
  issuedOn: string;
  validUntil: string;
  qr: QrSymbol;
}

/** Page set-up of a sticker job. */
export interface StickerPdfOptions {
  trimMm: { w: number; h: number };
  bleedMm: number;
  cropMarks: boolean;
  layout: 'single' | 'sheet';
  paperMm: { widthMm: number; heightMm: number };
  language: Language;
  issuer: string;
  title?: string;
  /** Unread output (bytes) above which drawing waits for the reader. Default 4 MiB. */
  highWaterMark?: number;
}

/** A sticker PDF being written. Read it from `stream`. */
export interface StickerPdf {
  readonly stream: NodeJS.ReadableStream;
  /** Draws one sticker (a new page or the next place on the sheet); resolves when the reader keeps up. */
  add(sticker: PreparedSticker): Promise<void>;
  /** Finishes the document. */
  end(): void;
  /** Stickers per page. */
  readonly perPage: number;
}

const HIGH_WATER = 1024 * 1024;

/**
 * Starts a sticker PDF.
 *
 * @throws {RangeError} when the sticker does not fit the paper (sheet layout)
 */
export function createStickerPdf(options: StickerPdfOptions): StickerPdf {
  const geometry =
    options.layout === 'sheet'
      ? sheetPage(options.trimMm, options.paperMm, options.bleedMm, options.cropMarks)
      : singlePage(options.trimMm, options.bleedMm, options.cropMarks);
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    // no default font: pdfkit would otherwise load Helvetica (a standard-14 font), and a default font
    // equal to a registered one defeats pdfkit's font cache (the TTF is re-parsed on every switch)
    font: null as unknown as string,
    pdfVersion: '1.6',
    info: { Title: options.title ?? 'Stiker BPJS Ketenagakerjaan', Creator: 'cakupan print-service', Producer: 'cakupan (PDFKit)' },
  });
  doc.registerFont('regular', regular as unknown as string);
  doc.registerFont('bold', bold as unknown as string);
  let slot = geometry.trims.length;
  let pages = 0;

  const newPage = () => {
    const previous = (doc as unknown as { page?: { dictionary: { data: Record<string, unknown> } } }).page;
    doc.addPage({ size: [geometry.page.w * PT_PER_MM, geometry.page.h * PT_PER_MM], margin: 0 });
    // addPage has written the previous page (it flushes pages as it goes); pdfkit still holds its
    // dictionary in the page tree, where only its object number is used from now on. Dropping the
    // written dictionary's contents keeps memory flat over a 50,000-page job (BENCHMARKS.md).
    if (previous) previous.dictionary.data = {};
    // pdfkit caches the glyph layout of every word it has set, and serials and names make most
    // words unique: start the cache afresh now and then so that it stays small
    if (++pages % 256 === 0) {
      for (const font of Object.values((doc as unknown as { _fontFamilies: Record<string, { layoutCache?: object }> })._fontFamilies)) {
        if (font.layoutCache) font.layoutCache = Object.create(null);
      }
    }
    const pageH = geometry.page.h;
    const box = (r: Rect) => [r.x, pageH - r.y - r.h, r.x + r.w, pageH - r.y].map((v) => round(v * PT_PER_MM));
    fastCompress(doc);
    const data = (doc.page as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data;
    if (options.layout === 'single') {
      const trim = geometry.trims[0]!;
      data.TrimBox = box(trim);
      data.BleedBox = box(grow(trim, options.bleedMm));
    } else {
      const all = { x: 0, y: 0, w: geometry.page.w, h: geometry.page.h };
      data.TrimBox = box(all);
      data.BleedBox = box(all);
    }
    slot = 0;
  };

  return {
    stream: doc,
    perPage: geometry.trims.length,
    async add(sticker) {
      if (slot >= geometry.trims.length) newPage();
      const trim = geometry.trims[slot++]!;
      drawSticker(doc, trim, sticker, options);
      if (options.cropMarks) drawCropMarks(doc, trim, options.bleedMm);
      await backPressure(doc, options.highWaterMark ?? HIGH_WATER);
    },
    end() {
      doc.end();
    },
  };
}

interface PdfKitReference {
  buffer: Buffer[];
  compress: boolean;
  data: Record<string, unknown>;
  finalize(): void;
}

/**
 * Compresses the page's content stream with zlib level 1 instead of pdfkit's default level 6: the
 * same FlateDecode stream, a little larger, in less than half the time — deflate was the largest
 * single cost per sticker (BENCHMARKS.md). pdfkit compresses in PDFReference.finalize only when
 * `compress` is set and no Filter is given; this hands it an already-compressed buffer.
 */
function fastCompress(doc: PDFKit.PDFDocument): void {
  const content = (doc.page as unknown as { content: PdfKitReference }).content;
  if (!content || typeof content.finalize !== 'function' || !Array.isArray(content.buffer)) return; // pdfkit changed: keep its own compression
  const finalize = content.finalize.bind(content);
  content.finalize = () => {
    if (content.compress && content.buffer.length > 0) {
      content.buffer = [deflateSync(Buffer.concat(content.buffer), { level: 1 })];
      content.compress = false;
      content.data.Filter = 'FlateDecode';
    }
    finalize();
  };
}

/** Waits while more than `highWaterMark` bytes of output are buffered and unread. */
async function backPressure(doc: PDFKit.PDFDocument, highWaterMark: number): Promise<void> {
  const readable = doc as unknown as NodeJS.ReadableStream & { readableLength: number; destroyed: boolean };
  while (readable.readableLength > highWaterMark && !readable.destroyed) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Where the parts of a sticker go, for a trim box (mm). */
function stickerGeometry(trim: Rect): { scale: number; pad: number; band: number; panel: Rect } {
  const scale = Math.min(trim.h / 70, trim.w / 100);
  const pad = Math.max(3, 4 * scale);
  const band = trim.h * 0.26;
  return { scale, pad, band, panel: { x: trim.x + pad * 0.6, y: trim.y + band, w: trim.w - pad * 1.2, h: trim.h - band - pad * 0.6 } };
}

/** White margin between the panel edge and the QR code's quiet zone, mm. */
const QR_INSET_MM = 1;

/**
 * The printed size of one QR module (mm) on a sticker of `trimMm`, for a symbol of `size` modules
 * (57 for version 10): the QR code and its 4-module quiet zone fill the height of the white panel.
 */
export function qrModuleMm(trimMm: { w: number; h: number }, size: number): number {
  const { panel } = stickerGeometry({ x: 0, y: 0, ...trimMm });
  return (panel.h - 2 * QR_INSET_MM) / (size + 8);
}

function drawSticker(doc: PDFKit.PDFDocument, trim: Rect, s: PreparedSticker, o: StickerPdfOptions): void {
  const t = TEXT[o.language];
  const mm = PT_PER_MM;
  const { scale, pad, band, panel } = stickerGeometry(trim);
  const colour = COLOURS[s.status.colour];

  // colour to the bleed edge
  const bleed = grow(trim, o.bleedMm);
  doc.rect(bleed.x * mm, bleed.y * mm, bleed.w * mm, bleed.h * mm).fill(colour);

  // header band: programme and status in 100 % K
  doc.fillColor(COLOURS.black);
  doc.font('bold').fontSize(7 * scale);
  doc.text(t.programme, (trim.x + pad) * mm, (trim.y + pad * 0.6) * mm, { lineBreak: false });
  const statusText = s.status.status === 'registered' ? t.registered : t.unregistered;
  const statusSize = fitSize(doc, statusText, (trim.w - 2 * pad) * mm, 22 * scale);
  doc.font('bold').fontSize(statusSize);
  doc.text(statusText, (trim.x + pad) * mm, (trim.y + band) * mm - statusSize * 1.3, { lineBreak: false });

  // white panel
  doc.roundedRect(panel.x * mm, panel.y * mm, panel.w * mm, panel.h * mm, 1.5 * mm).fill(COLOURS.white);

  // QR code with its 4-module quiet zone inside the white panel
  const inner = QR_INSET_MM;
  const moduleMm = qrModuleMm(trim, s.qr.size);
  const qrLeft = panel.x + panel.w - inner - moduleMm * (s.qr.size + 8);
  drawQr(doc, s.qr, (qrLeft + 4 * moduleMm) * mm, (panel.y + inner + 4 * moduleMm) * mm, moduleMm * mm);

  // text block
  const x = (panel.x + 2.5 * scale) * mm;
  const maxW = (qrLeft + 2 * moduleMm - panel.x - 2.5 * scale) * mm;
  let y = (panel.y + 2.5 * scale) * mm;
  doc.fillColor(COLOURS.black);
  const subjectSize = 10.5 * scale;
  for (const line of wrap(doc, 'bold', subjectSize, s.subject, maxW, 2)) {
    doc.font('bold').fontSize(subjectSize).text(line, x, y, { lineBreak: false });
    y += subjectSize * 1.2;
  }
  y += 1 * scale * mm;
  const small = 7 * scale;
  for (const line of s.place) y = line1(doc, 'regular', small, line, x, y, maxW);
  y += 1 * scale * mm;
  for (const line of wrap(doc, 'regular', small, `${t.issuedBy} ${o.issuer}`, maxW, 2)) y = line1(doc, 'regular', small, line, x, y, maxW);
  y = line1(doc, 'regular', small, `${t.issuedOn} ${formatDate(s.issuedOn, o.language)}`, x, y, maxW);
  y = line1(doc, 'regular', small, `${t.validUntil} ${formatDate(s.validUntil, o.language)}`, x, y, maxW);
  const bottom = (panel.y + panel.h - 2 * scale) * mm;
  line1(doc, 'bold', small, `${t.serial} ${formatSerial(s.serial)}`, x, Math.max(y, bottom - small * 2.4), maxW);
  line1(doc, 'regular', 5.5 * scale, t.scan, x, Math.max(y, bottom - small * 1.2), maxW);
}

/** The QR modules as merged horizontal runs, in one path, filled once in 100 % K. */
function drawQr(doc: PDFKit.PDFDocument, qr: QrSymbol, xPt: number, yPt: number, modulePt: number): void {
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

function drawCropMarks(doc: PDFKit.PDFDocument, trim: Rect, bleedMm: number): void {
  const mm = PT_PER_MM;
  const off = markOffset(bleedMm);
  const len = CROP_MARK_LENGTH_MM;
  const { x, y, w, h } = trim;
  doc.save();
  doc.lineWidth(0.25).strokeColor(COLOURS.black);
  for (const [cx, sx] of [[x, -1], [x + w, 1]] as const) {
    for (const [cy, sy] of [[y, -1], [y + h, 1]] as const) {
      doc.moveTo((cx + sx * off) * mm, cy * mm).lineTo((cx + sx * (off + len)) * mm, cy * mm);
      doc.moveTo(cx * mm, (cy + sy * off) * mm).lineTo(cx * mm, (cy + sy * (off + len)) * mm);
    }
  }
  doc.stroke();
  doc.restore();
}

function line1(doc: PDFKit.PDFDocument, font: 'regular' | 'bold', size: number, text: string, x: number, y: number, maxW: number): number {
  doc.font(font).fontSize(size);
  doc.text(ellipsize(doc, text, maxW), x, y, { lineBreak: false });
  return y + size * 1.25;
}

function fitSize(doc: PDFKit.PDFDocument, text: string, maxW: number, size: number): number {
  doc.font('bold').fontSize(size);
  const w = doc.widthOfString(text);
  return w <= maxW ? size : Math.max(6, (size * maxW) / w);
}

function ellipsize(doc: PDFKit.PDFDocument, text: string, maxW: number): string {
  if (doc.widthOfString(text) <= maxW) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (doc.widthOfString(`${text.slice(0, mid).trimEnd()}…`) <= maxW) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo).trimEnd()}…`;
}

function wrap(doc: PDFKit.PDFDocument, font: 'regular' | 'bold', size: number, text: string, maxW: number, maxLines: number): string[] {
  doc.font(font).fontSize(size);
  if (doc.widthOfString(text) <= maxW) return [text];
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let current = '';
  for (let i = 0; i < words.length; i++) {
    const next = current ? `${current} ${words[i]}` : words[i]!;
    if (doc.widthOfString(next) <= maxW || !current) {
      current = next;
      continue;
    }
    lines.push(current);
    current = words[i]!;
    if (lines.length === maxLines - 1) {
      current = words.slice(i).join(' ');
      break;
    }
  }
  lines.push(current);
  return lines.slice(0, maxLines).map((l) => ellipsize(doc, l, maxW));
}

function grow(r: Rect, by: number): Rect {
  return { x: r.x - by, y: r.y - by, w: r.w + 2 * by, h: r.h + 2 * by };
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
