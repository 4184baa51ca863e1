// The same sticker content made with pdfme (@pdfme/generator and its QR plugin): the peer the
// sticker benchmark is compared with. Dev dependency of the benchmark only.
import { readFileSync } from 'node:fs';
import { generate } from '@pdfme/generator';
import { barcodes, rectangle, text } from '@pdfme/schemas';

const font = {
  NotoSans: { data: readFileSync(new URL('../../print/assets/fonts/NotoSans-Regular.ttf', import.meta.url)), fallback: true },
  NotoSansBold: { data: readFileSync(new URL('../../print/assets/fonts/NotoSans-Bold.ttf', import.meta.url)) },
};

// 100 × 70 mm with 3 mm bleed: page 106 × 76 mm
const t = (name, x, y, w, h, size, bold = false) => ({ name, type: 'text', position: { x, y }, width: w, height: h, fontSize: size, fontName: bold ? 'NotoSansBold' : 'NotoSans', fontColor: '#000000' });
const template = {
  basePdf: { width: 106, height: 76, padding: [0, 0, 0, 0] },
  schemas: [
    [
      { name: 'background', type: 'rectangle', position: { x: 0, y: 0 }, width: 106, height: 76, color: '#3cb44b', borderWidth: 0, readOnly: true },
      { name: 'panel', type: 'rectangle', position: { x: 5.4, y: 21.2 }, width: 95.2, height: 50.4, color: '#ffffff', borderWidth: 0, readOnly: true },
      t('programme', 7, 5, 60, 4, 7, true),
      t('status', 7, 10, 90, 9, 22, true),
      t('subject', 8, 23, 50, 10, 10.5, true),
      t('place1', 8, 34, 50, 4, 7),
      t('place2', 8, 37.5, 50, 4, 7),
      t('issuer', 8, 42, 50, 4, 7),
      t('issued', 8, 45.5, 50, 4, 7),
      t('valid', 8, 49, 50, 4, 7),
      t('serial', 8, 63, 50, 4, 7, true),
      { name: 'qr', type: 'qrcode', position: { x: 52, y: 22.2 }, width: 48.4, height: 48.4, backgroundColor: '#ffffff', barColor: '#000000' },
    ],
  ],
};

/** Renders the stickers with pdfme; returns the PDF bytes. */
export async function pdfmeStickers(stickers) {
  const inputs = stickers.map((s) => ({
    background: '',
    panel: '',
    programme: 'BPJS Ketenagakerjaan',
    status: s.status,
    subject: s.subject,
    place1: s.place[0] ?? '',
    place2: s.place[1] ?? '',
    issuer: s.issuer,
    issued: s.issued,
    valid: s.valid,
    serial: s.serial,
    qr: s.url,
  }));
  return generate({ template, inputs, options: { font }, plugins: { text, rectangle, qrcode: barcodes.qrcode } });
}
