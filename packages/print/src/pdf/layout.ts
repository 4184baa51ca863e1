/**
 * Page geometry for stickers: trim, bleed, crop marks, and N-up sheets.
 * All lengths in millimetres unless a name says `Pt`.
 */
export const PT_PER_MM = 72 / 25.4;

/** Length of a crop mark, and its smallest distance from the trim edge. */
export const CROP_MARK_LENGTH_MM = 5;
const MIN_MARK_OFFSET_MM = 2;
/** Unprinted margin kept at the paper's edges on sheets (printer grip). */
export const SHEET_MARGIN_MM = 5;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Distance from the trim edge to where a crop mark starts: outside the bleed. */
export function markOffset(bleedMm: number): number {
  return Math.max(bleedMm + 1, MIN_MARK_OFFSET_MM);
}

/** Space a sticker needs around its trim: the bleed, plus its crop marks when it has them. */
export function slug(bleedMm: number, cropMarks: boolean): number {
  return cropMarks ? markOffset(bleedMm) + CROP_MARK_LENGTH_MM : bleedMm;
}

/** Geometry of one-sticker-per-page output. */
export function singlePage(trim: { w: number; h: number }, bleedMm: number, cropMarks: boolean): { page: { w: number; h: number }; trims: Rect[] } {
  const s = slug(bleedMm, cropMarks);
  return { page: { w: trim.w + 2 * s, h: trim.h + 2 * s }, trims: [{ x: s, y: s, w: trim.w, h: trim.h }] };
}

/**
 * Geometry of an N-up sheet: as many stickers as fit on the paper in either orientation, each with
 * its own bleed and crop marks, centred. Returns the paper (possibly landscape) and the trim boxes
 * in page order (rows top to bottom, left to right).
 *
 * @throws {RangeError} when not even one sticker fits
 */
export function sheetPage(
  trim: { w: number; h: number },
  paper: { widthMm: number; heightMm: number },
  bleedMm: number,
  cropMarks: boolean,
): { page: { w: number; h: number }; trims: Rect[] } {
  const s = slug(bleedMm, cropMarks);
  const cellW = trim.w + 2 * s;
  const cellH = trim.h + 2 * s;
  const fit = (pw: number, ph: number) => ({
    cols: Math.floor((pw - 2 * SHEET_MARGIN_MM) / cellW),
    rows: Math.floor((ph - 2 * SHEET_MARGIN_MM) / cellH),
  });
  const portrait = fit(paper.widthMm, paper.heightMm);
  const landscape = fit(paper.heightMm, paper.widthMm);
  const usePortrait = portrait.cols * portrait.rows >= landscape.cols * landscape.rows;
  const { cols, rows } = usePortrait ? portrait : landscape;
  const page = usePortrait ? { w: paper.widthMm, h: paper.heightMm } : { w: paper.heightMm, h: paper.widthMm };
  if (cols < 1 || rows < 1) throw new RangeError('the sticker (with bleed and crop marks) does not fit on the paper');
  const x0 = (page.w - cols * cellW) / 2;
  const y0 = (page.h - rows * cellH) / 2;
  const trims: Rect[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) trims.push({ x: x0 + c * cellW + s, y: y0 + r * cellH + s, w: trim.w, h: trim.h });
  }
  return { page, trims };
}

/** `r` grown by `by` mm on every side (a trim box to its bleed box). */
export function grow(r: Rect, by: number): Rect {
  return { x: r.x - by, y: r.y - by, w: r.w + 2 * by, h: r.h + 2 * by };
}
