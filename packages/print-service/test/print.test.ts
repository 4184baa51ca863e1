// The PDF as a print shop and a phone see it: page boxes (pdfinfo), fonts (pdffonts), colour
// (content streams, Ghostscript ink coverage), text (pdftotext) and the QR codes decoded from the
// rasterised pages by a real decoder (zbarimg), then verified against the running app.
import { encodeQr, qrModuleMm } from '@cakupan/print';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { auth, employer, havePrintTools, household, MM_PER_PT, pageBoxes, run, savePdf, scanQrCodes, testApp } from './helpers.js';

const tools = havePrintTools();

let app: FastifyInstance;
beforeAll(async () => {
  ({ app } = await testApp());
});
afterAll(() => app.close());

async function stickers(subjects: unknown[], options: Record<string, unknown> = {}): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/v1/stickers', headers: { ...auth, 'content-type': 'application/json' }, payload: { subjects, options } });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return savePdf(res.rawPayload);
}

const mm = (pt: number) => Math.round(pt * MM_PER_PT * 100) / 100;

describe.runIf(tools)('a default sticker job', () => {
  let file: string;
  const subjects = [
    employer(), // registered, active: green
    employer({ id: '9120000000002', name: 'Toko Sumber Rezeki', npp: undefined, status: undefined }), // red
    employer({ id: '9120000000003', name: 'PT Lama', status: 'nonaktif' }), // red
    household(), // all covered: green
    household({ label: 'H-0002', covered: 1 }), // red
  ];
  beforeAll(async () => {
    file = await stickers(subjects);
  });

  it('passes qpdf --check', () => {
    expect(run('qpdf', ['--check', file])).toMatch(/No syntax or stream encoding errors/);
  });

  it('has a 100×70 mm TrimBox inside a BleedBox 3 mm larger on every page', () => {
    const pages = pageBoxes(file);
    expect(pages).toHaveLength(5);
    for (const p of pages) {
      const [tx0, ty0, tx1, ty1] = p.TrimBox!;
      const [bx0, by0, bx1, by1] = p.BleedBox!;
      expect(mm(tx1! - tx0!)).toBe(100);
      expect(mm(ty1! - ty0!)).toBe(70);
      expect(mm(tx0! - bx0!)).toBe(3);
      expect(mm(by1! - ty1!)).toBe(3);
      const [mx0, my0, mx1, my1] = p.MediaBox!;
      expect(bx0! >= mx0! && by0! >= my0! && bx1! <= mx1! && by1! <= my1!).toBe(true);
    }
  });

  it('embeds and subsets every font, and uses none of the standard 14', () => {
    const rows = run('pdffonts', [file]).trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const cols = row.trim().split(/\s+/);
      // name type … emb sub uni object ID
      expect(cols.at(-5), row).toBe('yes'); // emb
      expect(cols.at(-4), row).toBe('yes'); // sub
      expect(row).not.toMatch(/Helvetica|Times|Courier|Symbol|ZapfDingbats/);
    }
  });

  it('uses DeviceCMYK only: no RGB or grey operators, no transparency', () => {
    const qdf = `${file}.qdf.pdf`;
    run('qpdf', ['--qdf', '--object-streams=disable', file, qdf]);
    const text = readFileSync(qdf, 'latin1');
    expect(text).toMatch(/\/DeviceCMYK cs/);
    expect(text).not.toMatch(/\/DeviceRGB|\/DeviceGray|\/CalRGB|\/ICCBased/);
    expect(text).not.toMatch(/(^|\s)[\d.]+\s+[\d.]+\s+[\d.]+\s+(rg|RG)\s/m);
    expect(text).not.toMatch(/(^|\s)[\d.]+\s+(g|G)\s/m);
    expect(text).not.toMatch(/\/(ca|CA)\s+0?\.\d|\/SMask|\/Transparency/);
  });

  it('prints green stickers without magenta and red ones without cyan (Ghostscript ink coverage)', () => {
    const out = run('gs', ['-q', '-o', '-', '-sDEVICE=inkcov', file]);
    const pages = out.trim().split('\n').map((l) => l.trim().split(/\s+/).slice(0, 4).map(Number));
    expect(pages).toHaveLength(5);
    const colours = ['green', 'red', 'red', 'green', 'red'];
    pages.forEach(([c, m, , k], i) => {
      if (colours[i] === 'green') expect(m, `page ${i + 1}`).toBe(0);
      else expect(c, `page ${i + 1}`).toBe(0);
      expect(k, `page ${i + 1} has black text and QR`).toBeGreaterThan(0.02);
    });
  });

  it('shows the status in words, the subject, the village, the issuer and a serial', () => {
    const text = run('pdftotext', ['-layout', file, '-']);
    const pages = text.split('\f').map((p) => p.replace(/\s+/g, ' '));
    expect(pages[0]).toMatch(/TERDAFTAR/);
    expect(pages[0]).not.toMatch(/BELUM TERDAFTAR/);
    expect(pages[0]).toMatch(/CV Maju Jaya/);
    expect(pages[0]).toMatch(/RT 005\/RW 003/);
    expect(pages[0]).toMatch(/Kelurahan Batu Tulis, Bogor Selatan/);
    expect(pages[0]).toMatch(/Pemerintah Kota Bogor/);
    expect(pages[0]).toMatch(/No\. \d{8}/);
    expect(pages[1]).toMatch(/BELUM TERDAFTAR/);
    expect(pages[4]).toMatch(/Rumah tangga RT 003\/RW 007/);
    expect(pages[4]).toMatch(/Katulampa/);
    expect(pages[4]).not.toMatch(/H-0002/); // the household label is not printed, only its place
  });

  it('carries a QR code on every page that a real decoder reads and the app verifies', async () => {
    const codes = scanQrCodes(file);
    expect(codes.map((c) => c.page)).toEqual([1, 2, 3, 4, 5]);
    const expected = ['registered', 'unregistered', 'unregistered', 'registered', 'unregistered'];
    for (const [i, code] of codes.entries()) {
      expect(code.text).toMatch(/^http:\/\/127\.0\.0\.1:3000\/v\/[A-Za-z0-9_-]+$/);
      // compact: version 10 or less at level M
      expect(encodeQr(code.text).version).toBeLessThanOrEqual(10);
      const res = await app.inject({ method: 'GET', url: new URL(code.text).pathname, headers: { accept: 'application/json' } });
      expect(res.json()).toMatchObject({ valid: true, status: expected[i] });
    }
    const first = await app.inject({ method: 'GET', url: new URL(codes[0]!.text).pathname, headers: { accept: 'application/json' } });
    expect(first.json().subject).toMatchObject({ kind: 'employer', name: 'CV Maju Jaya', villageName: 'Batu Tulis', rw: 3, rt: 5 });
  });

  it('keeps QR modules at least 0.4 mm at the default size', () => {
    expect(qrModuleMm({ w: 100, h: 70 }, 57)).toBeGreaterThanOrEqual(0.4);
  });
});

describe.runIf(tools)('options', () => {
  it('without bleed and crop marks, the trim is the whole page', async () => {
    const file = await stickers([employer()], { bleedMm: 0, cropMarks: false });
    const [p] = pageBoxes(file);
    expect(p!.TrimBox).toEqual(p!.MediaBox);
    expect(p!.BleedBox).toEqual(p!.MediaBox);
  });

  it('lays stickers out N-up on A4 with the sheet as TrimBox', async () => {
    const file = await stickers(Array.from({ length: 9 }, (_, i) => employer({ id: String(i + 1) })), { layout: 'sheet', paper: 'A4' });
    const pages = pageBoxes(file);
    const perPage = Math.ceil(9 / pages.length);
    expect(pages.length).toBeGreaterThan(1);
    expect(perPage).toBeGreaterThan(1);
    for (const p of pages) {
      const [x0, y0, x1, y1] = p.TrimBox!;
      expect([mm(x1! - x0!), mm(y1! - y0!)].sort()).toEqual([210, 297]);
    }
    expect(scanQrCodes(file)).toHaveLength(9);
  });

  it('prints English on request, and the issuer configured, never one the request names', async () => {
    const file = await stickers([employer(), employer({ npp: undefined })], { language: 'en', size: 'large' });
    const text = run('pdftotext', [file, '-']).replace(/\s+/g, ' ');
    expect(text).toMatch(/REGISTERED/);
    expect(text).toMatch(/NOT REGISTERED/);
    expect(text).toMatch(/Pemerintah Kota Bogor/);
    const named = await app.inject({ method: 'POST', url: '/v1/stickers', headers: auth, payload: { subjects: [employer()], options: { issuer: 'Pemerintah Kota Depok' } } });
    expect(named.statusCode).toBe(400);
    expect(named.json().issues[0].path).toEqual(['options']);
    expect(named.json().message).toContain('issuer');
    const [p] = pageBoxes(file);
    expect(mm(p!.TrimBox![2]! - p!.TrimBox![0]!)).toBe(148);
  });

  it('shortens a long name in the QR code to stay within version 10', async () => {
    const name = `PT ${'Sejahtera Bersama Abadi Jaya Makmur '.repeat(5)}Ñusantara`;
    const file = await stickers([employer({ name: name.slice(0, 200) })]);
    const [code] = scanQrCodes(file);
    expect(encodeQr(code!.text).version).toBeLessThanOrEqual(10);
    const res = await app.inject({ method: 'GET', url: new URL(code!.text).pathname, headers: { accept: 'application/json' } });
    expect(res.json().subject.name).toMatch(/^PT Sejahtera.*…$/);
  });
});
