// Each reach into pdfkit's internals still takes effect with the installed pdfkit: when an upgrade
// changes them, these fail (and the tweaks, feature-detected, fall back to pdfkit's own ways).
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { loadFonts } from './fonts.js';
import { composeDigitWords, compressFast, currentPage, freeWrittenPage, pageDictionary, placeForm, recordForm, resetLayoutCaches } from './pdfkitTweaks.js';

function newDoc(compress = true): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument({ autoFirstPage: false, compress, font: null as unknown as string });
  doc.registerFont('regular', loadFonts().regular as unknown as string);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  return { doc, done };
}

describe('pdfkit tweaks', () => {
  it('empties a written page’s dictionary and keeps only its number in the page tree; the PDF still lists every page', async () => {
    const { doc, done } = newDoc();
    doc.addPage();
    const first = currentPage(doc) as { dictionary: { data: object; id: number } };
    doc.font('regular').text('one');
    doc.addPage();
    const kids = (doc as unknown as { _root: { data: { Pages: { data: { Kids: object[] } } } } })._root.data.Pages.data.Kids;
    const original = kids[0]!;
    expect(freeWrittenPage(doc, first)).toBe(true);
    expect(first.dictionary.data).toEqual({});
    // the page tree's entry: a reference of pdfkit's class with its number only
    expect(kids[0]).not.toBe(original);
    expect(kids[0]).toBeInstanceOf((original as { constructor: new () => object }).constructor);
    expect(Object.keys(kids[0]!)).toEqual(['id', 'gen']);
    expect(String(kids[0])).toBe(`${first.dictionary.id} 0 R`);
    doc.end();
    const pdf = (await done).toString('latin1');
    expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(2);
    expect(pdf).toMatch(new RegExp(`/Kids \\[${first.dictionary.id} 0 R \\d+ 0 R\\]`));
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

  it('records drawing and text into one form XObject and places it, moved, on several pages', async () => {
    const { doc, done } = newDoc(false);
    doc.addPage({ size: [200, 100], margin: 0 });
    const form = recordForm(doc, () => {
      doc.rect(10, 10, 20, 20).fill([0, 0, 0, 100]);
      doc.font('regular').fontSize(9).text('Batu Tulis', 40, 10, { lineBreak: false });
    });
    expect(form).toBeDefined();
    expect(placeForm(doc, form!, 0, 0)).toBe(true);
    doc.addPage({ size: [200, 100], margin: 0 });
    expect(placeForm(doc, form!, 5, 30)).toBe(true);
    doc.end();
    const pdf = (await done).toString('latin1');
    // the drawing went into the form, once, with the font in the form's own resources
    const forms = [...pdf.matchAll(/(\d+) 0 obj\n<<\n\/Type \/XObject\n\/Subtype \/Form[\s\S]*?stream\n([\s\S]*?)\nendstream/g)];
    expect(forms).toHaveLength(1);
    expect(forms[0]![0]).toMatch(/\/Font <<\n\/F1 \d+ 0 R/);
    expect(forms[0]![2]).toMatch(/10 \S+ 20 -?20 re/);
    expect(forms[0]![2]).toMatch(/TJ/);
    // each page draws it by name from its resources, the second moved by (5, 30)
    expect(pdf.match(/\/XObject <<\n\/Fm\d+ \d+ 0 R/g)).toHaveLength(2);
    expect(pdf).toMatch(/\n\/Fm\d+ Do\n/);
    expect(pdf).toMatch(/q 1 0 0 1 5 30 cm \/Fm\d+ Do Q/);
    expect(pdf.match(/TJ/g)).toHaveLength(1);
  });
  it('lays out digit words from each digit’s layout, exactly as fontkit shapes them', () => {
    const { doc } = newDoc();
    doc.addPage().font('regular');
    expect(composeDigitWords(doc)).toBe(1);
    const font = (doc as unknown as { _font: { layoutRun(t: string): unknown; layoutCached(t: string): unknown; layoutCache: Record<string, unknown> } })._font;
    for (const word of ['00012345', '90817263 ', '7']) {
      const shaped = font.layoutRun(word) as { glyphs: { id: number }[]; positions: object[]; advanceWidth: number };
      const composed = font.layoutCached(word) as typeof shaped;
      expect(composed.glyphs.map((g) => g.id)).toEqual(shaped.glyphs.map((g) => g.id));
      expect(composed.positions.map((p) => ({ ...p }))).toEqual(shaped.positions.map((p) => ({ ...p })));
      expect(composed.advanceWidth).toBeCloseTo(shaped.advanceWidth, 9);
      // not shaped, so not kept in pdfkit's cache either
      expect(font.layoutCache[word]).toBeUndefined();
    }
    // other words as before
    expect(font.layoutCached('Batu')).toBe(font.layoutCache.Batu);
    expect(doc.widthOfString('No. 00012345')).toBeCloseTo(doc.widthOfString('No. ') + (font.layoutRun('00012345') as { advanceWidth: number }).advanceWidth * (doc as unknown as { _fontSize: number })._fontSize / 1000, 6);
    doc.end();
  });
});
