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
 * Drops what pdfkit keeps of a page it has already written: it keeps every page's dictionary (a
 * reference object with its data, buffer and document) in the page tree, where only the object
 * number is used, when the document ends, to list the pages. The dictionary's data is emptied and
 * its entry in the page tree becomes a reference of the same class holding only its number
 * (~170 → ~40 bytes a page), which keeps memory flat over a 50,000-page job. Call with the page
 * that was current before `addPage`.
 *
 * @returns whether the page had the expected shape (and was emptied and slimmed)
 */
export function freeWrittenPage(doc: PDFKit.PDFDocument, previous: unknown): boolean {
  const dictionary = (previous as Partial<PdfKitPage> | undefined)?.dictionary as (PdfKitPage['dictionary'] & { id?: unknown; gen?: unknown }) | undefined;
  if (!dictionary || typeof dictionary.data !== 'object') return false;
  dictionary.data = {};
  const kids = (doc as unknown as { _root?: { data?: { Pages?: { data?: { Kids?: unknown[] } } } } })._root?.data?.Pages?.data?.Kids;
  const at = Array.isArray(kids) ? kids.lastIndexOf(dictionary) : -1;
  if (at < 0 || typeof dictionary.id !== 'number' || typeof dictionary.gen !== 'number') return false;
  kids![at] = slimReference(Object.getPrototypeOf(dictionary) as object, dictionary.id, dictionary.gen);
  return true;
}

/** Per reference class, a class of references that hold their number only (inheriting `toString`). */
const slimClasses = new WeakMap<object, new (id: number, gen: number) => object>();

/** A reference of `referenceClass` (a prototype) holding only `id` and `gen`: two fields, no descriptors. */
function slimReference(referenceClass: object, id: number, gen: number): object {
  let Slim = slimClasses.get(referenceClass);
  if (!Slim) {
    Slim = class {
      constructor(
        readonly id: number,
        readonly gen: number,
      ) {}
    };
    Object.setPrototypeOf(Slim.prototype, referenceClass);
    slimClasses.set(referenceClass, Slim);
  }
  return new Slim(id, gen);
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

/** A form XObject recorded by {@link recordForm}. */
export interface RecordedForm {
  /** The form's object, as pdfkit references it from a page's resources. */
  readonly ref: unknown;
  /** Its name in the resources of the pages it is placed on. */
  readonly name: string;
}

/**
 * Records what `draw` puts on the current page — pdfkit's own drawing and text calls — into a form
 * XObject (ISO 32000-1 §8.10) instead, to be placed on this and later pages with {@link placeForm}:
 * what every sticker of a job shares (the coloured band and panel, the issuer and dates) is laid
 * out and compressed once per job, not once per page. pdfkit has no form API; this points the
 * document's current page at the form while `draw` runs (the fonts it uses go to the form's own
 * resources, pdfkit embeds and subsets them as usual).
 *
 * Limits: `draw` runs in the page's coordinates (pdfkit's, origin top left) at the page's current
 * transformation, which {@link placeForm} must see again; no annotations, links or images inside.
 *
 * @returns the form, or undefined when pdfkit's page is not as expected (then nothing was drawn:
 *   the caller draws on the page itself)
 */
export function recordForm(doc: PDFKit.PDFDocument, draw: () => void): RecordedForm | undefined {
  const internals = doc as unknown as { page?: PdfKitPage & { width: number; height: number; write(chunk: unknown): unknown }; ref?: (data: object) => PdfKitReference & { write(chunk: unknown): void; end(): void } };
  const page = internals.page;
  if (!page || typeof internals.ref !== 'function' || typeof page.write !== 'function' || typeof (page as { resources?: { data?: object } }).resources?.data !== 'object') return undefined;
  const resources: Record<string, unknown> = {};
  const form = internals.ref.call(doc, { Type: 'XObject', Subtype: 'Form', FormType: 1, BBox: [0, 0, page.width, page.height], Resources: resources });
  // the page's own getters (fonts, xobjects, …) read `resources.data`: give them the form's
  const stand = Object.create(page) as typeof page;
  Object.defineProperty(stand, 'resources', { value: { data: resources } });
  Object.defineProperty(stand, 'write', { value: (chunk: unknown) => form.write(chunk) });
  internals.page = stand;
  try {
    draw();
  } finally {
    internals.page = page;
  }
  form.end();
  return { ref: form, name: `Fm${++formsRecorded}` };
}

/**
 * Draws a recorded form on the current page, moved by (dx, dy) in pdfkit's coordinates (points,
 * y down).
 *
 * @returns whether the page had the expected shape (and the form was placed)
 */
export function placeForm(doc: PDFKit.PDFDocument, form: RecordedForm, dx: number, dy: number): boolean {
  const xobjects = (doc as unknown as { page?: { xobjects?: Record<string, unknown> } }).page?.xobjects;
  if (!xobjects || typeof xobjects !== 'object') return false;
  xobjects[form.name] = form.ref;
  doc.addContent(dx === 0 && dy === 0 ? `/${form.name} Do` : `q 1 0 0 1 ${number(dx)} ${number(dy)} cm /${form.name} Do Q`);
  return true;
}

/** Forms recorded in this thread: their names (unique, so that they never clash on a page). */
let formsRecorded = 0;

function number(v: number): string {
  return String(Math.round(v * 1e4) / 1e4);
}

interface PdfKitRun {
  glyphs: { id: number }[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
  advanceWidth: number;
}

interface PdfKitFont {
  layoutRun?: (text: string) => PdfKitRun;
  layoutCached?: (text: string) => PdfKitRun;
}

/** Whether a font (by PostScript name) lays digits out alike alone and in pairs. */
const digitPairsAlike = new Map<string, boolean>();

/** A word of digits, with the space pdfkit keeps at a word's end. */
const DIGIT_WORD = /^[0-9]+ ?$/;

/**
 * Lays out words of digits (a serial, a number in a name) from each digit's layout instead of
 * shaping every new number with fontkit: pdfkit keeps the layout of each word it has set, but a
 * job's serials make every such word new, and shaping one took ~40 µs — a tenth of a sticker.
 * Applied to a font only where each digit, and each digit before a space, lays out in a pair
 * exactly as alone (no kerning, no ligature between them): checked here on all 110 pairs.
 * Call after the fonts were first used (pdfkit opens a font on first use).
 *
 * @returns how many of the document's fonts now compose digit words so
 */
export function composeDigitWords(doc: PDFKit.PDFDocument): number {
  const families = (doc as unknown as { _fontFamilies?: Record<string, PdfKitFont> })._fontFamilies;
  if (!families || typeof families !== 'object') return 0;
  let applied = 0;
  for (const font of new Set(Object.values(families))) {
    const layoutRun = font.layoutRun?.bind(font);
    const cached = font.layoutCached?.bind(font);
    if (!layoutRun || !cached) continue;
    const single = new Map([...'0123456789 '].map((c) => [c, layoutRun(c)]));
    const compose = (word: string): PdfKitRun => {
      const runs = [...word].map((c) => single.get(c)!);
      return {
        glyphs: runs.flatMap((r) => r.glyphs),
        positions: runs.flatMap((r) => r.positions),
        advanceWidth: runs.reduce((sum, r) => sum + r.advanceWidth, 0),
      };
    };
    const same = (a: PdfKitRun, b: PdfKitRun) =>
      a.glyphs.length === b.glyphs.length &&
      a.glyphs.every((g, i) => g.id === b.glyphs[i]!.id) &&
      a.positions.every((p, i) => {
        const q = b.positions[i]!;
        return p.xAdvance === q.xAdvance && p.yAdvance === q.yAdvance && p.xOffset === q.xOffset && p.yOffset === q.yOffset;
      }) &&
      Math.abs(a.advanceWidth - b.advanceWidth) < 1e-9;
    // the check depends on the font file only: once per font and thread, not per document
    const name = (font as { name?: unknown }).name;
    let pairsAlike = typeof name === 'string' ? digitPairsAlike.get(name) : undefined;
    if (pairsAlike === undefined) {
      pairsAlike = [...single.values()].every((r) => r.glyphs.length === 1);
      for (const a of '0123456789') for (const b of '0123456789 ') pairsAlike &&= same(compose(a + b), layoutRun(a + b));
      if (typeof name === 'string') digitPairsAlike.set(name, pairsAlike);
    }
    if (!pairsAlike) continue;
    font.layoutCached = (text: string) => (DIGIT_WORD.test(text) ? compose(text) : cached(text));
    applied++;
  }
  return applied;
}
