/**
 * The delivery list (*daftar antar stiker*) as an A4 PDF for the officers who put stickers up: one
 * RT per page (continued on the next when it does not fit), a row per sticker with a box to tick —
 * serial, the label the sticker prints, its colour, the head of household (*kepala keluarga*) or the
 * employer, and the address. It names people: every page says so (RAHASIA, confidential, under UU
 * 27/2022 on personal data) and the document is for officers only, never a sticker or public page.
 */
import { formatLongDate, formatRtRw } from '@cakupan/core';
import { unprintableCharacters } from '../pdf/fonts.js';
import { A4, reportDocument } from './reportDocument.js';

/** A sticker to deliver, as the list prints it. */
export interface DeliveryListRow {
  serial: number;
  kind: 'household' | 'employer';
  label: string;
  registered: boolean;
  rw: number | null;
  rt: number | null;
  installed: boolean;
  /** The head of household, or the employer's name; `null` when the register names none. */
  name: string | null;
  address: string | null;
}

/** What a delivery list is of, and its rows (in RW, RT order). */
export interface DeliveryListData {
  /** The village: `32.71.01.1001` and its name. */
  village: { code: string; name: string | null };
  /** What the list covers beyond the village: `RW 003`, `permintaan no. 12`. */
  scope: string | null;
  /** The day it was made (`YYYY-MM-DD`, the service's calendar day) and by whom (an officer's name). */
  madeOn: string;
  madeBy: string;
  rows: readonly DeliveryListRow[];
}

const MARGIN = 40;
const INK = '#1a1a1a';
const MUTED = '#4d4d4d';
const LINE = '#b0b0b0';
const RED = '#b3261e';
const GREEN = '#1b6e3a';
const CONFIDENTIAL = 'RAHASIA — memuat data pribadi (UU 27/2022). Hanya untuk petugas; jangan disebarkan, difoto atau ditempel.';

// columns: box, serial, sticker label, colour, name, address
const COLUMNS: [title: string, width: number][] = [
  ['', 22],
  ['Nomor', 54],
  ['Stiker', 112],
  ['Warna', 44],
  ['Kepala keluarga / usaha', 140],
  ['Alamat', 143],
];

/** Text the embedded font can print: a character it has no glyph for becomes `?` (a name is never refused). */
function printable(text: string): string {
  const missing = unprintableCharacters(text);
  if (missing.length === 0) return text;
  const set = new Set(missing);
  return [...text].map((c) => (set.has(c) ? '?' : c)).join('');
}

/** `RT 002/RW 001`, or `RW 001` / `tanpa RT` for stickers printed without one. */
function unitOf(row: DeliveryListRow): string {
  if (row.rw === null) return 'Tanpa RW/RT';
  return row.rt === null ? `${formatRtRw(undefined, row.rw)}, tanpa RT` : formatRtRw(row.rt, row.rw);
}

/** Renders the list: one RT per page. */
export function renderDeliveryList(data: DeliveryListData): Promise<Buffer> {
  const villageTitle = `Kelurahan/Desa ${data.village.name ?? data.village.code}`;
  const title = `Daftar Antar Stiker — ${villageTitle}${data.scope ? `, ${data.scope}` : ''}`;
  const { doc, done } = reportDocument({ title, subject: 'Rahasia: data pribadi, untuk petugas', margin: MARGIN, autoFirstPage: false });
  const width = A4[0] - 2 * MARGIN;
  const bottom = A4[1] - MARGIN - 28;

  const units = new Map<string, DeliveryListRow[]>();
  for (const row of data.rows) {
    const unit = unitOf(row);
    units.set(unit, [...(units.get(unit) ?? []), row]);
  }

  const header = (unit: string, continued: boolean, rows: readonly DeliveryListRow[]) => {
    doc.addPage();
    doc.rect(MARGIN, MARGIN, width, 18).fill(RED);
    doc.font('bold').fontSize(9).fillColor('#ffffff').text('RAHASIA · CONFIDENTIAL · DATA PRIBADI', MARGIN + 6, MARGIN + 4.5, { width: width - 12, lineBreak: false });
    doc.font('bold').fontSize(15).fillColor(INK).text(`Daftar Antar Stiker — ${unit}${continued ? ' (lanjutan)' : ''}`, MARGIN, MARGIN + 28, { width });
    doc.font('regular').fontSize(10).fillColor(INK).text(`${villageTitle} (${data.village.code})${data.scope ? ` · ${data.scope}` : ''}`, { width });
    const green = rows.filter((r) => r.registered).length;
    doc.fillColor(MUTED).fontSize(9).text(`${rows.length} stiker: ${green} hijau, ${rows.length - green} merah · sudah terpasang: ${rows.filter((r) => r.installed).length} · centang kotak setelah stiker ditempel`, { width });
    doc.moveDown(0.6);
    tableRow(COLUMNS.map(([t]) => t), true);
  };

  const tableRow = (cells: string[], isHeader: boolean, colour?: string, ticked = false) => {
    doc.font(isHeader ? 'bold' : 'regular').fontSize(isHeader ? 8.5 : 9).fillColor(INK);
    const heights = cells.map((text, i) => (i === 0 ? 12 : doc.heightOfString(text, { width: COLUMNS[i]![1] - 6 })));
    const h = Math.max(...heights) + 6;
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((text, i) => {
      const w = COLUMNS[i]![1];
      if (i === 0 && !isHeader) {
        doc.rect(x + 4, y + 2, 11, 11).lineWidth(0.8).strokeColor(INK).stroke();
        if (ticked) doc.moveTo(x + 6, y + 7.5).lineTo(x + 8.5, y + 10.5).lineTo(x + 13.5, y + 4).lineWidth(1.4).strokeColor(INK).stroke();
      } else {
        doc.font(isHeader || (i === 3 && colour) ? 'bold' : 'regular').fillColor(i === 3 && colour ? colour : INK).text(text, x + 3, y + 3, { width: w - 6 });
      }
      x += w;
    });
    doc.moveTo(MARGIN, y + h).lineTo(MARGIN + width, y + h).lineWidth(isHeader ? 0.8 : 0.4).strokeColor(isHeader ? INK : LINE).stroke();
    doc.x = MARGIN;
    doc.y = y + h;
    return h;
  };

  if (units.size === 0) {
    header('tidak ada stiker', false, []);
    doc.font('regular').fontSize(10).fillColor(MUTED).text('Tidak ada stiker berlaku untuk tempat ini.', MARGIN, doc.y + 8, { width });
  }
  for (const [unit, rows] of units) {
    header(unit, false, rows);
    for (const row of rows) {
      const cells = [
        '',
        String(row.serial),
        printable(row.label),
        row.registered ? 'HIJAU' : 'MERAH',
        row.name === null ? (row.kind === 'household' ? '(tidak tercatat)' : '') : printable(row.name),
        row.address === null ? '(tidak tercatat)' : printable(row.address),
      ];
      doc.font('regular').fontSize(9);
      const need = Math.max(...cells.map((t, i) => (i === 0 ? 12 : doc.heightOfString(t, { width: COLUMNS[i]![1] - 6 })))) + 6;
      if (doc.y + need > bottom) header(unit, true, rows);
      tableRow(cells, false, row.registered ? GREEN : RED, row.installed);
    }
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    doc.font('bold').fontSize(7.5).fillColor(RED).text(CONFIDENTIAL, MARGIN, A4[1] - MARGIN - 12, { width, lineBreak: false, ellipsis: true });
    doc.font('regular').fontSize(7.5).fillColor(MUTED);
    doc.text(`cakupan · dibuat ${formatLongDate(data.madeOn)} oleh ${printable(data.madeBy)}`, MARGIN, A4[1] - MARGIN, { width: width - 90, lineBreak: false, ellipsis: true });
    doc.text(`Halaman ${i + 1} dari ${range.count}`, A4[0] - MARGIN - 90, A4[1] - MARGIN, { width: 90, align: 'right', lineBreak: false });
  }
  doc.end();
  return done;
}
