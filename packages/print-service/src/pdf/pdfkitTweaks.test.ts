// Each reach into pdfkit's internals still takes effect with the installed pdfkit: when an upgrade
// changes them, these fail (and the tweaks, feature-detected, fall back to pdfkit's own ways).
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { loadFonts } from './fonts.js';
import { compressFast, currentPage, freeWrittenPage, pageDictionary, resetLayoutCaches } from './pdfkitTweaks.js';

function newDoc(): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument({ autoFirstPage: false, compress: true, font: null as unknown as string });
  doc.registerFont('regular', loadFonts().regular as unknown as string);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  return { doc, done };
}

describe('pdfkit tweaks', () => {
  it('empties a written page’s dictionary, and the PDF still has every page', async () => {
    const { doc, done } = newDoc();
    doc.addPage();
    const first = currentPage(doc);
    doc.font('regular').text('one');
    doc.addPage();
    expect(freeWrittenPage(first)).toBe(true);
    expect((first as { dictionary: { data: object } }).dictionary.data).toEqual({});
    doc.end();
    const pdf = (await done).toString('latin1');
    expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(2);
  });

  it('resets the layout cache of every font used', () => {
    const { doc } = newDoc();
    doc.addPage().font('regular').text('Batu Tulis');
    expect(resetLayoutCaches(doc)).toBeGreaterThan(0);
    doc.end();
  });

  it('compresses page content at level 1 as one FlateDecode stream that inflates to the drawing', async () => {
    const { doc, done } = newDoc();
    doc.addPage();
    expect(compressFast(doc)).toBe(true);
    expect(pageDictionary(doc)).toBeDefined();
    doc.rect(10, 10, 50, 50).fill();
    doc.end();
    const pdf = await done;
    const text = pdf.toString('latin1');
    const at = text.indexOf('stream\n', text.indexOf('/Filter /FlateDecode'));
    const end = text.indexOf('\nendstream', at);
    const content = inflateSync(pdf.subarray(at + 'stream\n'.length, end)).toString('latin1');
    expect(content).toMatch(/10 \S+ 50 -?50 re/);
    // level 1's zlib header is 78 01
    expect(pdf.subarray(at + 'stream\n'.length, at + 'stream\n'.length + 2).toString('hex')).toBe('7801');
  });
});
