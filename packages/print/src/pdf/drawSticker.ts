/**
 * One sticker on a page: the coloured band with the status, the white panel with who and where,
 * the dates and serial, the issuer, and the QR code on its white tile; crop marks around it.
 */
import type { StickerStatus } from '@cakupan/core';
import type { QrSymbol } from '../qr/encodeQr.js';
import { COLOURS } from './colours.js';
import { drawQr } from './drawQr.js';
import { placeForm, recordForm, type RecordedForm } from './pdfkitTweaks.js';
import { fitSize, line1, wrap } from './fitText.js';
import { formatLongDate as formatDate } from '@cakupan/core';
import { formatSerial, TEXT } from './i18n.js';
import { CROP_MARK_LENGTH_MM, grow, markOffset, PT_PER_MM, type Rect } from './layout.js';
import type { StickerPdfOptions } from './stickerPdfOptions.js';

/** One sticker, ready to draw. Holds no personal data. */
export interface PreparedSticker {
  status: StickerStatus;
  /** First text line: employer name, or a household's RT/RW. */
  subject: string;
  /** Further lines: RT/RW for employers, village (name or code), district. */
  place: string[];
  serial: number;
  issuedOn: string;
  validUntil: string;
  qr: QrSymbol;
  /** For a red sticker: the next step, one line (`Cara daftar: … · WA … · …`), printed in its band. */
  howToRegister?: string | undefined;
}

/** Where the parts of a sticker go, for a trim box (mm). */
function stickerGeometry(trim: Rect): { scale: number; pad: number; band: number; panel: Rect } {
  const scale = Math.min(trim.h / 70, trim.w / 100);
  const pad = Math.max(3, 4 * scale);
  const band = trim.h * 0.26;
  return { scale, pad, band, panel: { x: trim.x + pad * 0.6, y: trim.y + band, w: trim.w - pad * 1.2, h: trim.h - band - pad * 0.6 } };
}

/** White margin between the panel edge and the QR code's quiet zone, mm. */
const QR_INSET_MM = 1;

/**
 * The printed size of one QR module (mm) on a sticker of `trimMm`, for a symbol of `size` modules
 * (57 for version 10): the QR code and its 4-module quiet zone fill the height of the white panel.
 */
export function qrModuleMm(trimMm: { w: number; h: number }, size: number): number {
  const { panel } = stickerGeometry({ x: 0, y: 0, ...trimMm });
  return (panel.h - 2 * QR_INSET_MM) / (size + 8);
}

/**
 * Draws one sticker. What every sticker of a job shares — the coloured band and white panel with
 * crop marks (one per status), the issuer and dates, the scan hint — is drawn once into `art`
 * and placed again on later pages; the subject, place, serial and QR code are drawn on each.
 */
export function drawSticker(doc: PDFKit.PDFDocument, trim: Rect, s: PreparedSticker, o: StickerPdfOptions, art: SharedArtwork): void {
  const t = TEXT[o.language];
  const mm = PT_PER_MM;
  const { scale, pad, band, panel } = stickerGeometry(trim);
  const statusText = s.status.status === 'registered' ? t.registered : t.unregistered;

  art.draw(doc, `band ${s.status.colour} ${statusText}`, trim.x * mm, trim.y * mm, () => {
    // colour to the bleed edge
    const bleed = grow(trim, o.bleedMm);
    doc.rect(bleed.x * mm, bleed.y * mm, bleed.w * mm, bleed.h * mm).fill(COLOURS[s.status.colour]);
    // header band: programme and status in 100 % K
    doc.fillColor(COLOURS.black);
    doc.font('bold').fontSize(7 * scale);
    doc.text(t.programme, (trim.x + pad) * mm, (trim.y + pad * 0.6) * mm, { lineBreak: false });
    const statusSize = fitSize(doc, statusText, (trim.w - 2 * pad) * mm, 22 * scale);
    doc.font('bold').fontSize(statusSize);
    doc.text(statusText, (trim.x + pad) * mm, (trim.y + band) * mm - statusSize * 1.3, { lineBreak: false });
    // white panel
    doc.roundedRect(panel.x * mm, panel.y * mm, panel.w * mm, panel.h * mm, 1.5 * mm).fill(COLOURS.white);
    if (o.cropMarks) drawCropMarks(doc, trim, o.bleedMm);
  });

  // a red sticker's next step, at the band's top right beside the programme, up to two lines
  if (s.howToRegister) {
    doc.font('bold').fontSize(7 * scale);
    const besideProgramme = doc.widthOfString(t.programme) + 3 * mm;
    const width = (trim.w - 2 * pad) * mm - besideProgramme;
    const size = 5.5 * scale;
    let at = (trim.y + pad * 0.6) * mm;
    doc.fillColor(COLOURS.black);
    for (const line of wrap(doc, 'regular', size, s.howToRegister, width, 2)) {
      doc.font('regular').fontSize(size).text(line, (trim.x + pad) * mm + besideProgramme, at, { width, align: 'right', lineBreak: false });
      at += size * 1.2;
    }
  }

  // QR code with its 4-module quiet zone inside the white panel
  const inner = QR_INSET_MM;
  const moduleMm = qrModuleMm(trim, s.qr.size);
  const qrLeft = panel.x + panel.w - inner - moduleMm * (s.qr.size + 8);
  drawQr(doc, s.qr, (qrLeft + 4 * moduleMm) * mm, (panel.y + inner + 4 * moduleMm) * mm, moduleMm * mm);

  // text block
  const x = (panel.x + 2.5 * scale) * mm;
  const maxW = (qrLeft + 2 * moduleMm - panel.x - 2.5 * scale) * mm;
  let y = (panel.y + 2.5 * scale) * mm;
  doc.fillColor(COLOURS.black);
  const subjectSize = 10.5 * scale;
  for (const line of wrap(doc, 'bold', subjectSize, s.subject, maxW, 2)) {
    doc.font('bold').fontSize(subjectSize).text(line, x, y, { lineBreak: false });
    y += subjectSize * 1.2;
  }
  y += 1 * scale * mm;
  const small = 7 * scale;
  for (const line of s.place) y = line1(doc, 'regular', small, line, x, y, maxW);
  y += 1 * scale * mm;
  y = art.draw(doc, 'issuer and dates', x, y, () => {
    doc.fillColor(COLOURS.black);
    let at = y;
    for (const line of wrap(doc, 'regular', small, `${t.issuedBy} ${o.issuer}`, maxW, 2)) at = line1(doc, 'regular', small, line, x, at, maxW);
    at = line1(doc, 'regular', small, `${t.issuedOn} ${formatDate(s.issuedOn, o.language)}`, x, at, maxW);
    return line1(doc, 'regular', small, `${t.validUntil} ${formatDate(s.validUntil, o.language)}`, x, at, maxW);
  });
  const bottom = (panel.y + panel.h - 2 * scale) * mm;
  line1(doc, 'bold', small, `${t.serial} ${formatSerial(s.serial)}`, x, Math.max(y, bottom - small * 2.4), maxW);
  const scanY = Math.max(y, bottom - small * 1.2);
  art.draw(doc, 'scan', x, scanY, () => {
    doc.fillColor(COLOURS.black);
    line1(doc, 'regular', 5.5 * scale, t.scan, x, scanY, maxW);
  });
}

/**
 * Artwork that every sticker of one document shares, each piece recorded once as a form XObject
 * at the place it was first drawn and placed, moved, on later stickers (pdfkitTweaks.ts). Where
 * pdfkit cannot record a form, each piece is drawn on every page instead: the same print.
 *
 * Limits: a piece's key must name everything that changes its look (colour, words); its position is
 * given apart. The issuer and dates are the same on every sticker of a document (the job's).
 */
export class SharedArtwork {
  readonly #pieces = new Map<string, { form: RecordedForm; x: number; y: number; advance: number }>();
  #formsWork = true;

  /**
   * Draws the piece `key` with its top-left reference at (x, y) points, by `paint` the first time.
   * `paint` draws at (x, y) and may return the y below what it drew; returns that y, moved.
   */
  draw(doc: PDFKit.PDFDocument, key: string, x: number, y: number, paint: () => number | void): number {
    const piece = this.#pieces.get(key);
    if (piece && placeForm(doc, piece.form, x - piece.x, y - piece.y)) return y + piece.advance;
    if (this.#formsWork) {
      let below: number | void = undefined;
      const form = recordForm(doc, () => {
        below = paint();
      });
      if (form && placeForm(doc, form, 0, 0)) {
        const advance = typeof below === 'number' ? below - y : 0;
        this.#pieces.set(key, { form, x, y, advance });
        return y + advance;
      }
      // pdfkit's internals have changed: draw every piece on its page from now on
      this.#formsWork = false;
      if (form) throw new Error('pdfkit recorded a form but cannot place it');
    }
    const below = paint();
    return typeof below === 'number' ? below : y;
  }
}

/** Crop marks at the trim's corners, outside the bleed. */
function drawCropMarks(doc: PDFKit.PDFDocument, trim: Rect, bleedMm: number): void {
  const mm = PT_PER_MM;
  const off = markOffset(bleedMm);
  const len = CROP_MARK_LENGTH_MM;
  const { x, y, w, h } = trim;
  doc.save();
  doc.lineWidth(0.25).strokeColor(COLOURS.black);
  for (const [cx, sx] of [[x, -1], [x + w, 1]] as const) {
    for (const [cy, sy] of [[y, -1], [y + h, 1]] as const) {
      doc.moveTo((cx + sx * off) * mm, cy * mm).lineTo((cx + sx * (off + len)) * mm, cy * mm);
      doc.moveTo(cx * mm, (cy + sy * off) * mm).lineTo(cx * mm, (cy + sy * (off + len)) * mm);
    }
  }
  doc.stroke();
  doc.restore();
}
