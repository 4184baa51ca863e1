/**
 * Every place cakupan reaches into pdfkit's internals, in one file. Each is feature-detected (it
 * does nothing when pdfkit's internals are not as expected, and says so by its return value) and
 * `pdfkitTweaks.test.ts` fails when one stops taking effect, so that a pdfkit upgrade that changes
 * them is noticed rather than silently slowing jobs down or growing their memory (BENCHMARKS.md).
 */
import { deflateSync } from 'node:zlib';

interface PdfKitPage {
  dictionary: { data: Record<string, unknown> };
  content: PdfKitReference;
}

interface PdfKitReference {
  buffer: Buffer[];
  compress: boolean;
  data: Record<string, unknown>;
  finalize(): void;
}

/** The current page's dictionary, or undefined. */
export function pageDictionary(doc: PDFKit.PDFDocument): Record<string, unknown> | undefined {
  const data = (doc as unknown as { page?: PdfKitPage }).page?.dictionary?.data;
  return data && typeof data === 'object' ? data : undefined;
}

/**
 * Empties the dictionary of a page pdfkit has already written: it keeps every page in its page
 * tree, where only the object number is used once the page is out. Keeps memory flat over a
 * 50,000-page job. Call with the page that was current before `addPage`.
 *
 * @returns whether the page had the expected shape (and was emptied)
 */
export function freeWrittenPage(previous: unknown): boolean {
  const dictionary = (previous as Partial<PdfKitPage> | undefined)?.dictionary;
  if (!dictionary || typeof dictionary.data !== 'object') return false;
  dictionary.data = {};
  return true;
}

/** The current page object (to hand to {@link freeWrittenPage} after the next `addPage`). */
export function currentPage(doc: PDFKit.PDFDocument): unknown {
  return (doc as unknown as { page?: unknown }).page;
}

/**
 * Starts pdfkit's per-font glyph-layout caches afresh: pdfkit caches the layout of every word it
 * has set, and serials and names make most words unique.
 *
 * @returns how many font caches were reset
 */
export function resetLayoutCaches(doc: PDFKit.PDFDocument): number {
  const families = (doc as unknown as { _fontFamilies?: Record<string, { layoutCache?: object }> })._fontFamilies;
  if (!families || typeof families !== 'object') return 0;
  let reset = 0;
  for (const font of Object.values(families)) {
    if (font.layoutCache) {
      font.layoutCache = Object.create(null);
      reset++;
    }
  }
  return reset;
}

/**
 * Compresses the current page's content stream with zlib level 1 instead of pdfkit's level 6: the
 * same FlateDecode stream, a little larger, in less than half the time — deflate was the largest
 * single cost per sticker. pdfkit compresses in `PDFReference.finalize` only when `compress` is set
 * and no Filter is given; this hands it an already-compressed buffer.
 *
 * @returns whether the page's content had the expected shape (and will be compressed so)
 */
export function compressFast(doc: PDFKit.PDFDocument): boolean {
  const content = (doc as unknown as { page?: PdfKitPage }).page?.content;
  if (!content || typeof content.finalize !== 'function' || !Array.isArray(content.buffer)) return false;
  const finalize = content.finalize.bind(content);
  content.finalize = () => {
    if (content.compress && content.buffer.length > 0) {
      content.buffer = [deflateSync(Buffer.concat(content.buffer), { level: 1 })];
      content.compress = false;
      content.data.Filter = 'FlateDecode';
    }
    finalize();
  };
  return true;
}
