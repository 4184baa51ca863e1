/**
 * An A4 report document as the reports share it (in Indonesian unless told another language): Noto Sans embedded (subset) as
 * `regular` and `bold`, pages buffered (so that the footer can say "page n of m" at the end),
 * tagged with its title; and the whole PDF's bytes once it ends.
 */
import PDFDocument from 'pdfkit';
import { loadFonts } from '../pdf/fonts.js';

export const A4: [number, number] = [595.28, 841.89];

/** A new A4 document with `margin` (points), and the promise of its bytes once `doc.end()` is called. */
export function reportDocument(info: { title: string; subject: string; margin: number; autoFirstPage?: boolean; language?: 'id' | 'en' }): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({
    size: A4,
    margin: info.margin,
    bufferPages: true,
    autoFirstPage: info.autoFirstPage ?? true,
    font: null as unknown as string,
    pdfVersion: '1.6',
    lang: info.language === 'en' ? 'en-GB' : 'id-ID',
    displayTitle: true,
    info: { Title: info.title, Subject: info.subject, Creator: 'cakupan print-service', Producer: 'cakupan (PDFKit)' },
  });
  doc.registerFont('regular', regular as unknown as string);
  doc.registerFont('bold', bold as unknown as string);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}
