/**
 * Setting text in a width: one line cut with an ellipsis, a size that fits, words wrapped over a
 * few lines. Widths are pdfkit's, in points, of the font and size set on the document.
 */

/** Sets one line, ellipsized to `maxW`; returns the y of the next line. */
export function line1(doc: PDFKit.PDFDocument, font: 'regular' | 'bold', size: number, text: string, x: number, y: number, maxW: number): number {
  doc.font(font).fontSize(size);
  doc.text(ellipsize(doc, text, maxW), x, y, { lineBreak: false });
  return y + size * 1.25;
}

/** The size at most `size`, at least 6 pt, at which `text` fits `maxW` in bold. */
export function fitSize(doc: PDFKit.PDFDocument, text: string, maxW: number, size: number): number {
  doc.font('bold').fontSize(size);
  const w = doc.widthOfString(text);
  return w <= maxW ? size : Math.max(6, (size * maxW) / w);
}

/** `text`, cut with `…` to fit `maxW` in the current font. */
export function ellipsize(doc: PDFKit.PDFDocument, text: string, maxW: number): string {
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

/** `text` wrapped at spaces into at most `maxLines` lines of `maxW`, the last ellipsized. */
export function wrap(doc: PDFKit.PDFDocument, font: 'regular' | 'bold', size: number, text: string, maxW: number, maxLines: number): string[] {
  doc.font(font).fontSize(size);
  if (doc.widthOfString(text) <= maxW) return [text];
  // at ordinary spaces only: a no-break space (U+00A0) keeps "RT 001" on one line
  const words = text.split(/[ \t\r\n]+/);
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
