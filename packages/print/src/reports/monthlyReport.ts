/**
 * The monthly report as an A4 PDF in Indonesian, for the Wali Kota's desk: the headline with
 * numerator and denominator and the dates the data stand on, the 24-month trend (vector lines), the
 * lowest regions, the table of the regions below coloured with the dashboard's legend, unregistered
 * employers, and data-quality notes. Noto Sans embedded (subset); page numbers and the date made
 * on every page. Counts only: no person is named.
 */
import { COVERAGE_BANDS, coverageBand, DEFAULT_TARGET_PERCENT, formatCount, formatLongDate, formatPercent, formatPoints, formatSigned, formatTarget, MONTH_NAMES, type RegionCoverage, SEGMENTS } from '@cakupan/core';
import { A4, reportDocument } from './reportDocument.js';
import type { FieldRow, MonthlyReportData } from './monthlyReportData.js';

const LEVEL_WORD: Record<string, string> = { province: 'Provinsi', city: 'Kota', district: 'Kecamatan', village: 'Kelurahan', rw: 'RW', rt: 'RT' };
const SEGMENT_WORD: Record<string, string> = { PU: 'PU (penerima upah)', BPU: 'BPU (bukan penerima upah)', JAKON: 'JAKON (jasa konstruksi)', PMI: 'PMI (pekerja migran)' };

const MARGIN = 48;
const INK = '#1a1a1a';
const MUTED = '#4d4d4d';
const LINE = '#b0b0b0';
const ACCENT = '#00539b';

// numbers and dates as Indonesian writes them (core's formatters; `tanggal` is Indonesian for date)
const count = (n: number) => formatCount(n);
const percent = (r: number | null) => formatPercent(r);
const points = (p: number | null) => formatPoints(p);
const targetText = (p: number) => formatTarget(p);
const signed = (n: number) => formatSigned(n);
const tanggal = (iso: string | null | undefined) => formatLongDate(iso);

/** "Kecamatan Bogor Selatan", "Kota Bogor" (a city's name carries its kind already), "RW 003 Batu Tulis". */
function regionTitle(r: { code: string; level: string; name: string }): string {
  if (r.level === 'city' || r.level === 'province') return r.name;
  if (r.level === 'rw' || r.level === 'rt') return `${nameOf({ ...r, name: null })}, ${r.code.split('.').slice(0, 4).join('.')}`;
  return `${LEVEL_WORD[r.level]} ${r.name}`;
}

/** A region's name as the report prints it: "Batu Tulis", "RW 003". */
function nameOf(r: { code: string; level: string; name: string | null }): string {
  if (r.level === 'rw' || r.level === 'rt') return `${r.level.toUpperCase()} ${r.code.split('.').at(-1)}`;
  return r.name ?? r.code;
}

/**
 * Renders the report.
 *
 * @param targetPercent the trend's target line, % (default core's `DEFAULT_TARGET_PERCENT`, the RPJMN's 2025 target — of workers)
 */
export function renderMonthlyReport(data: MonthlyReportData, targetPercent = DEFAULT_TARGET_PERCENT): Promise<Buffer> {
  const title = `Laporan Bulanan Cakupan BPJS Ketenagakerjaan — ${regionTitle(data.region)}`;
  const { doc, done } = reportDocument({ title, subject: `Keadaan per ${tanggal(data.asOf)}`, margin: MARGIN });

  const width = A4[0] - 2 * MARGIN;
  const bottom = A4[1] - MARGIN - 20; // room for the footer
  const ensure = (height: number) => {
    if (doc.y + height > bottom) doc.addPage();
  };
  const heading = (text: string) => {
    ensure(60);
    doc.moveDown(0.6).font('bold').fontSize(12.5).fillColor(INK).text(text, MARGIN, doc.y, { width });
    doc.moveDown(0.3);
  };
  const note = (text: string) => doc.font('regular').fontSize(9).fillColor(MUTED).text(text, MARGIN, doc.y, { width });

  // --- title and headline
  doc.font('bold').fontSize(17).fillColor(INK).text('Laporan Bulanan Cakupan BPJS Ketenagakerjaan', { width });
  doc.font('regular').fontSize(12).text(`${regionTitle(data.region)} (${data.region.code}) — keadaan per ${tanggal(data.asOf)}`, { width });
  doc.moveDown(0.8);
  const top = doc.y;
  const c = data.current;
  doc.font('bold').fontSize(34).fillColor(ACCENT).text(percent(c.ratio), MARGIN, top, { width: 170 });
  doc.font('regular').fontSize(10.5).fillColor(INK).text(`${count(c.covered)} dari ${count(c.eligible)} penduduk usia 18+ terdaftar sebagai peserta aktif`, MARGIN, doc.y, { width: 170 });
  const delta = data.previous && data.previous.ratio !== null && c.ratio !== null ? Math.round((c.ratio - data.previous.ratio) * 10000) / 100 : null;
  doc.moveDown(0.3).text(`Perubahan sejak ${tanggal(data.previousAsOf)}: ${points(delta)} poin (${signed(c.covered - (data.previous?.covered ?? 0))} orang)`, { width: 170 });
  const leftBottom = doc.y;
  // segments
  let y = top;
  const segX = MARGIN + 185;
  doc.font('bold').fontSize(10).text('Terdaftar per segmen', segX, y, { width: 160 });
  y = doc.y + 2;
  for (const s of SEGMENTS) {
    doc.font('regular').fontSize(9).fillColor(INK);
    const h = doc.heightOfString(SEGMENT_WORD[s]!, { width: 118 });
    doc.text(SEGMENT_WORD[s]!, segX, y, { width: 118 });
    doc.text(count(c.bySegment[s]), segX + 118, y, { width: 42, align: 'right' });
    y += h + 3;
  }
  // data as of
  const asX = MARGIN + 360;
  doc.font('bold').fontSize(10).fillColor(INK).text('Data per', asX, top, { width: width - 360 });
  const d = data.dataAsOf;
  doc.font('regular').fontSize(9).fillColor(INK);
  doc.text(`Data penduduk (DKB): ${tanggal(d.residents?.asOf)}`, asX, doc.y + 2, { width: width - 360 });
  doc.text(`Data peserta BPJS: ${tanggal(d.participants?.asOf)}`, { width: width - 360 });
  doc.text(`Peristiwa peserta terakhir: ${d.lastEventAt ? tanggal(d.lastEventAt.slice(0, 10)) : 'belum ada'}`, { width: width - 360 });
  doc.y = Math.max(leftBottom, y, doc.y) + 8;
  doc.x = MARGIN;
  note('Cakupan = penduduk usia 18+ dengan sedikitnya satu akun aktif, dibagi penduduk usia 18+ di data kependudukan (tiap orang dihitung sekali).');

  // --- trend
  heading('Tren 24 akhir bulan');
  const chartTop = doc.y;
  trendChart(doc, data.trend, MARGIN, chartTop, width, 170, targetPercent);
  doc.x = MARGIN;
  doc.y = chartTop + 178;
  note(`Garis putus-putus: target ${targetText(targetPercent)} (RPJMN 2025; target itu mengukur pekerja — UCJ — bukan penduduk 18+).`);

  // --- legend
  heading('Legenda warna');
  legendRow(doc);

  // --- lowest
  const lowLevel = data.grandchildLevel && data.grandchildren.length > 0 ? data.grandchildLevel : data.childLevel;
  const lowRows = (lowLevel === data.grandchildLevel ? data.grandchildren : data.children).filter((r) => r.ratio !== null);
  if (lowLevel && lowRows.length > 0) {
    heading(`Sepuluh ${LEVEL_WORD[lowLevel]} dengan cakupan terendah`);
    const lowest = [...lowRows].sort((a, b) => a.ratio! - b.ratio! || (a.code < b.code ? -1 : 1)).slice(0, 10);
    coverageTable(doc, lowest, { parentName: (r) => nameOf(data.children.find((ch) => ch.code === r.parentCode) ?? { code: r.parentCode ?? '', level: data.childLevel ?? '', name: null }) });
  }

  // --- employers
  if (data.childLevel) {
    heading(`Pemberi kerja belum terdaftar per ${LEVEL_WORD[data.childLevel]}`);
    const cols = [MARGIN, MARGIN + 220, MARGIN + 330];
    tableHeader(doc, [['Wilayah', 220, 'left'], ['Pemberi kerja', 110, 'right'], ['Belum terdaftar', 110, 'right']], cols);
    for (const e of data.employers) {
      ensureRow(doc, bottom, () => tableHeader(doc, [['Wilayah', 220, 'left'], ['Pemberi kerja', 110, 'right'], ['Belum terdaftar', 110, 'right']], cols));
      rowText(doc, [[nameOf({ code: e.code, level: data.childLevel, name: e.name }), 220, 'left'], [count(e.employers), 110, 'right'], [count(e.unregistered), 110, 'right']], cols);
    }
    doc.font('bold');
    rowText(doc, [['Jumlah', 220, 'left'], [count(data.employersTotal.employers), 110, 'right'], [count(data.employersTotal.unregistered), 110, 'right']], cols);
    doc.font('regular');
    note('Terdaftar = punya NPP dan berstatus aktif (aturan warna stiker). Dari ekspor pemberi kerja dan peristiwa yang diterima.');
  }

  // --- the stickering
  if (data.childLevel && data.field) {
    heading(`Pemasangan stiker per ${LEVEL_WORD[data.childLevel]} (keadaan ${tanggal(data.generatedOn)})`);
    const head: Cell[] = [['Wilayah', 135, 'left'], ['Dicetak', 55, 'right'], ['Terpasang', 60, 'right'], ['Belum', 50, 'right'], ['Ganti', 50, 'right'], ['Dikunjungi', 64, 'right'], ['Tindak lanjut', 72, 'right']];
    const cols = head.map((_, i) => MARGIN + head.slice(0, i).reduce((x, [, w]) => x + w, 0));
    tableHeader(doc, head, cols);
    const line = (label: string, f: Omit<FieldRow, 'code' | 'name'>): Cell[] => [[label, 135, 'left'], [count(f.printed), 55, 'right'], [count(f.installed), 60, 'right'], [count(f.notInstalled), 50, 'right'], [count(f.toReplace), 50, 'right'], [count(f.visited), 64, 'right'], [count(f.followUpsDue), 72, 'right']];
    for (const r of data.field.rows) {
      ensureRow(doc, bottom, () => tableHeader(doc, head, cols));
      rowText(doc, line(nameOf({ code: r.code, level: data.childLevel, name: r.name }), r), cols);
    }
    doc.font('bold');
    rowText(doc, line('Jumlah', data.field.total), cols);
    doc.font('regular');
    note('Terpasang = stiker berlaku yang dicatat terpasang oleh petugas lapangan; Ganti = stiker dicabut yang masih terpasang dan penggantinya belum dipasang; Tindak lanjut = pemberi kerja yang tanggal kunjungan ulangnya sudah tiba.');
  }

  // --- quality
  heading('Catatan kualitas data');
  const q = data.quality;
  const lines = [
    // the whole store's figures, in a report for the whole store only
    ...(q.rejectedResidents !== null && q.rejectedParticipants !== null
      ? [`Baris ditolak saat impor: ${count(q.rejectedResidents)} baris penduduk, ${count(q.rejectedParticipants)} baris peserta (daftar per baris di menu Impor).`]
      : []),
    ...(q.notInRegister !== null ? [`Peserta aktif yang tidak ada di data penduduk (seluruh data, mis. penglaju): ${count(q.notInRegister)} orang.`] : []),
    `Peserta aktif di bawah usia 18 tahun di wilayah ini: ${count(q.underAge)} orang (tidak dihitung dalam cakupan).`,
    `Penduduk dengan lebih dari satu akun aktif: ${count(q.multipleActiveAccounts)} orang (dihitung sekali).`,
    `Tanggal lahir di data penduduk berbeda dengan NIK: ${count(q.birthDateMismatches)}; diambil dari NIK karena kosong: ${count(q.birthDatesFromNik)}.`,
    `RT dengan cakupan di atas 100 %: ${count(q.cellsOver100)} (tiap penduduk dihitung sekali; selain 0 berarti data rusak).`,
  ];
  doc.font('regular').fontSize(9.5).fillColor(INK);
  for (const l of lines) {
    ensure(14);
    doc.text(`•  ${l}`, MARGIN, doc.y, { width });
  }

  // --- the full table
  if (data.childLevel && data.children.length > 0) {
    doc.addPage();
    heading(
      data.grandchildLevel && data.grandchildren.length > 0
        ? `${LEVEL_WORD[data.childLevel]} dan ${LEVEL_WORD[data.grandchildLevel]}, cakupan tertinggi lebih dulu`
        : `${LEVEL_WORD[data.childLevel]}, cakupan tertinggi lebih dulu`,
    );
    const byRatio = (a: RegionCoverage, b: RegionCoverage) => (b.ratio ?? -1) - (a.ratio ?? -1) || (a.code < b.code ? -1 : 1);
    const rows: { row: RegionCoverage; indent: boolean }[] = [];
    for (const child of [...data.children].sort(byRatio)) {
      rows.push({ row: child, indent: false });
      for (const g of data.grandchildren.filter((x) => x.parentCode === child.code).sort(byRatio)) rows.push({ row: g, indent: true });
    }
    coverageTable(doc, rows.map((r) => r.row), { indent: new Set(rows.filter((r) => r.indent).map((r) => r.row.code)), bottom });
  }

  // --- footer on every page
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(8).fillColor(MUTED);
    doc.text(`cakupan · ${title} · dibuat ${tanggal(data.generatedOn)}`, MARGIN, A4[1] - MARGIN + 8, { width: width - 90, lineBreak: false, ellipsis: true });
    doc.text(`Halaman ${i + 1} dari ${range.count}`, A4[0] - MARGIN - 90, A4[1] - MARGIN + 8, { width: 90, align: 'right', lineBreak: false });
  }
  doc.end();
  return done;
}

type Cell = [string, number, 'left' | 'right'];

function tableHeader(doc: PDFKit.PDFDocument, cells: Cell[], xs: number[]): void {
  doc.font('bold').fontSize(9).fillColor(INK);
  rowText(doc, cells, xs);
  doc.moveTo(MARGIN, doc.y - 2).lineTo(A4[0] - MARGIN, doc.y - 2).lineWidth(0.8).strokeColor(INK).stroke();
  doc.font('regular');
}

function rowText(doc: PDFKit.PDFDocument, cells: Cell[], xs: number[], fills?: (string | null)[]): void {
  const y = doc.y;
  cells.forEach(([text, w, align], i) => {
    const fill = fills?.[i];
    if (fill) doc.rect(xs[i]! - 2, y - 2, w + 4, 15).fillColor(fill).fill();
  });
  cells.forEach(([text, w, align], i) => {
    doc.fillColor(fills?.[i] ? coverageInk(fills[i]!) : INK).text(text, xs[i]!, y + 1, { width: w, align, lineBreak: false, ellipsis: true });
  });
  doc.y = y + 15;
  doc.moveTo(MARGIN, doc.y - 2).lineTo(A4[0] - MARGIN, doc.y - 2).lineWidth(0.3).strokeColor(LINE).stroke();
}

function coverageInk(fill: string): string {
  return COVERAGE_BANDS.find((b) => b.fill === fill)?.ink ?? INK;
}

function ensureRow(doc: PDFKit.PDFDocument, bottom: number, header: () => void): void {
  if (doc.y + 15 > bottom) {
    doc.addPage();
    header();
  }
}

function coverageTable(doc: PDFKit.PDFDocument, rows: RegionCoverage[], o: { parentName?: (r: RegionCoverage) => string; indent?: Set<string>; bottom?: number }): void {
  const bottom = o.bottom ?? A4[1] - MARGIN - 20;
  const widths = o.parentName ? [120, 100, 70, 65, 55, 69] : [220, 70, 70, 55, 68];
  const labels = o.parentName ? ['Wilayah', 'Di bawah', 'Penduduk 18+', 'Terdaftar', 'Cakupan', 'Kelas'] : ['Wilayah', 'Penduduk 18+', 'Terdaftar', 'Cakupan', 'Kelas'];
  const xs: number[] = [];
  widths.reduce((x, w) => (xs.push(x), x + w + 4), MARGIN);
  const header = () => tableHeader(doc, labels.map((l, i) => [l, widths[i]!, i === 0 || (o.parentName && i === 1) || i === labels.length - 1 ? 'left' : 'right'] as Cell), xs);
  header();
  for (const r of rows) {
    ensureRow(doc, bottom, header);
    const band = coverageBand(r.ratio);
    const name = `${o.indent?.has(r.code) ? '    ' : ''}${nameOf(r)}`;
    const cells: Cell[] = [
      [name, widths[0]!, 'left'],
      ...(o.parentName ? [[o.parentName(r), widths[1]!, 'left'] as Cell] : []),
      [count(r.eligible), widths[o.parentName ? 2 : 1]!, 'right'],
      [count(r.covered), widths[o.parentName ? 3 : 2]!, 'right'],
      [percent(r.ratio), widths[o.parentName ? 4 : 3]!, 'right'],
      [r.ratio === null ? '—' : band.label, widths[o.parentName ? 5 : 4]!, 'left'],
    ];
    doc.font(o.indent && !o.indent.has(r.code) ? 'bold' : 'regular').fontSize(9);
    rowText(doc, cells, xs, cells.map((_, i) => (i === cells.length - 1 ? band.fill : null)));
  }
  doc.font('regular');
}

function legendRow(doc: PDFKit.PDFDocument): void {
  let x = MARGIN;
  const y = doc.y;
  for (const b of COVERAGE_BANDS) {
    doc.rect(x, y, 12, 12).fillColor(b.fill).fill();
    doc.rect(x, y, 12, 12).lineWidth(0.5).strokeColor(MUTED).stroke();
    doc.font('regular').fontSize(9).fillColor(INK).text(b.label, x + 16, y + 1.5, { lineBreak: false });
    x += 80;
  }
  doc.y = y + 18;
  doc.x = MARGIN;
}

/** The trend as vector lines: axes, a gridline every 5 or 10 points, the target dashed, a dot per month-end. */
function trendChart(doc: PDFKit.PDFDocument, trend: MonthlyReportData['trend'], x: number, y: number, w: number, h: number, target: number): void {
  const values = trend.filter((p) => p.ratio !== null).map((p) => p.ratio! * 100);
  const top = Math.max(10, target, ...values) * 1.1;
  const step = top > 60 ? 20 : top > 30 ? 10 : 5;
  const left = x + 34;
  const plotW = w - 40;
  const plotH = h - 22;
  const sx = (i: number) => left + (trend.length === 1 ? plotW / 2 : (i * plotW) / (trend.length - 1));
  const sy = (v: number) => y + plotH - (v / top) * plotH;
  doc.save();
  doc.font('regular').fontSize(8).fillColor(MUTED);
  for (let v = 0; v <= top; v += step) {
    doc.moveTo(left, sy(v)).lineTo(left + plotW, sy(v)).lineWidth(v === 0 ? 0.8 : 0.3).strokeColor(v === 0 ? INK : LINE).stroke();
    doc.text(`${v} %`, x, sy(v) - 4, { width: 30, align: 'right', lineBreak: false });
  }
  trend.forEach((p, i) => {
    if (i % 3 !== (trend.length - 1) % 3) return;
    const [yy, mm] = p.asOf.split('-');
    doc.text(`${MONTH_NAMES.id[Number(mm) - 1]!.slice(0, 3)} ${yy!.slice(2)}`, sx(i) - 20, y + plotH + 5, { width: 40, align: 'center', lineBreak: false });
  });
  doc.moveTo(left, sy(target)).lineTo(left + plotW, sy(target)).dash(5, { space: 3 }).lineWidth(1.2).strokeColor('#8a3b00').stroke().undash();
  doc.fillColor('#8a3b00').text(`target ${targetText(target)}`, left + plotW - 100, sy(target) - 11, { width: 100, align: 'right', lineBreak: false });
  let started = false;
  trend.forEach((p, i) => {
    if (p.ratio === null) return;
    if (!started) doc.moveTo(sx(i), sy(p.ratio * 100));
    else doc.lineTo(sx(i), sy(p.ratio * 100));
    started = true;
  });
  if (started) doc.lineWidth(2).strokeColor(ACCENT).stroke();
  trend.forEach((p, i) => {
    if (p.ratio !== null) doc.circle(sx(i), sy(p.ratio * 100), 2.2).fillColor(ACCENT).fill();
  });
  const last = trend.at(-1);
  if (last?.ratio !== null && last) doc.font('bold').fontSize(8.5).fillColor(ACCENT).text(percent(last.ratio), sx(trend.length - 1) - 45, sy(last.ratio * 100) - 14, { width: 44, align: 'right', lineBreak: false });
  doc.restore();
}
