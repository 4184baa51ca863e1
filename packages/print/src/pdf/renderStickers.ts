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
import PDFDocument from 'pdfkit';
import { parsedFonts } from './fonts.js';
import { composeDigitWords, compressFast, currentPage, freeWrittenPage, pageDictionary, resetLayoutCaches } from './pdfkitTweaks.js';
import { drawSticker, type PreparedSticker, SharedArtwork } from './drawSticker.js';
import { grow, PT_PER_MM, type Rect, sheetPage, singlePage } from './layout.js';

export { COLOURS } from './colours.js';
export type { PreparedSticker } from './drawSticker.js';
export type { StickerPdfOptions } from './stickerPdfOptions.js';
import type { StickerPdfOptions } from './stickerPdfOptions.js';

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
  const { regular, bold } = parsedFonts();
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
  // open both fonts now, so that digit words (serials) are laid out from each digit's layout
  doc.font('bold').font('regular');
  composeDigitWords(doc);
  // the band, panel and texts every sticker of this document shares, laid out once
  const shared = new SharedArtwork();
  let slot = geometry.trims.length;
  let pages = 0;

  const newPage = () => {
    const previous = currentPage(doc);
    doc.addPage({ size: [geometry.page.w * PT_PER_MM, geometry.page.h * PT_PER_MM], margin: 0 });
    // addPage has written the previous page: drop what pdfkit keeps of it (pdfkitTweaks.ts)
    if (previous) freeWrittenPage(doc, previous);
    if (++pages % 256 === 0) resetLayoutCaches(doc);
    const pageH = geometry.page.h;
    const box = (r: Rect) => [r.x, pageH - r.y - r.h, r.x + r.w, pageH - r.y].map((v) => round(v * PT_PER_MM));
    compressFast(doc);
    const data = pageDictionary(doc)!;
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
      drawSticker(doc, trim, sticker, options, shared);
      await backPressure(doc, options.highWaterMark ?? HIGH_WATER);
    },
    end() {
      doc.end();
    },
  };
}

/** Waits while more than `highWaterMark` bytes of output are buffered and unread. */
async function backPressure(doc: PDFKit.PDFDocument, highWaterMark: number): Promise<void> {
  const readable = doc as unknown as NodeJS.ReadableStream & { readableLength: number; destroyed: boolean };
  while (readable.readableLength > highWaterMark && !readable.destroyed) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}


function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
