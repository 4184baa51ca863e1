/**
 * The monthly report as an A4 PDF, for the Wali Kota's or Bupati's desk: a letter on the region's
 * letterhead (*kop surat*) — its number and date, the addressee, a few paragraphs written from the
 * figures, the signature block of the office's head — and its annex: the headline with numerator
 * and denominator and the dates the data stand on, the 24-month trend (vector lines), the map of
 * the villages, the lowest regions, unregistered employers, the stickering, data-quality notes and
 * the table of the regions below, coloured with the dashboard's legend. A draft says so on every
 * page; an approved report names who approved it. Noto Sans embedded (subset); page numbers on
 * every page. Counts only: no person is named but the signatory.
 */
import { bareGovernmentName, COVERAGE_BANDS, coverageBand, governmentOf, formatCount, formatLongDate, formatMonth, formatPercent, formatPoints, formatSigned, formatTarget, headOfRegionTitle, levelWordWithin, MONTH_NAMES, type RegionCoverage, type RegionLevel, regionName, SEGMENTS } from '@cakupan/core';
import { A4, reportDocument } from './reportDocument.js';
import type { FieldRow, MonthlyReportData } from './monthlyReportData.js';
import { areaName, pointsBetween, reportNarrative } from './narrative.js';
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

/** "Kecamatan Bogor Selatan", "Kota Bogor" (a city's name carries its kind already), "RW 003, 32.71.01.1001". */
function regionTitle(r: MonthlyReportData['region']): string {
  if (r.level === 'rw' || r.level === 'rt') return `${nameOf({ ...r, name: null })}, ${r.code.split('.').slice(0, 4).join('.')}`;
  return areaName(r);
}

/** The town a letter is dated from: the city's or regency's bare name ("Depok", "Bogor"). */
function placeOf(code: string): string {
  const city = governmentOf(code);
  return bareGovernmentName(regionName(city) ?? city);
}

/** A region's name as the report prints it: "Batu Tulis", "RW 003". */
function nameOf(r: { code: string; level: string; name: string | null }): string {
  if (r.level === 'rw' || r.level === 'rt') return `${r.level.toUpperCase()} ${r.code.split('.').at(-1)}`;
  return r.name ?? r.code;
}

/**
 * Renders the report.
 *
 * @param targetPercent the trend's target line, % (default: the region's setting, `data.settings.target`)
 */
export function renderMonthlyReport(data: MonthlyReportData, targetPercent = data.settings.target.percent): Promise<Buffer> {
  const title = `Laporan Bulanan Cakupan BPJS Ketenagakerjaan — ${regionTitle(data.region)}`;
  const { doc, done } = reportDocument({ title, subject: `Keadaan per ${tanggal(data.asOf)}`, margin: MARGIN });
  const word = (level: RegionLevel) => levelWordWithin(level, data.region.code);
  const language = data.settings.language;

  const width = A4[0] - 2 * MARGIN;
  const bottom = A4[1] - MARGIN - 20; // room for the footer
  const ensure = (height: number) => {
    if (doc.y + height > bottom) doc.addPage();
  };
  /** A heading that keeps the first `rows` rows of what follows on its page (a table of 3 rows is not split from its heading). */
  const heading = (text: string, rows = 3) => {
    ensure(40 + 15 * (rows + 1));
    doc.moveDown(0.6).font('bold').fontSize(12.5).fillColor(INK).text(text, MARGIN, doc.y, { width });
    doc.moveDown(0.3);
  };
  const note = (text: string) => doc.font('regular').fontSize(9).fillColor(MUTED).text(text, MARGIN, doc.y, { width });
  /** Rows a table shows before it may break: all of a small one, else five. */
  const keep = (n: number) => (n <= 12 ? n : 5);

  // --- the letter: letterhead, number and date, addressee, paragraphs, signature
  letterhead(doc, data.settings.letterhead, data.settings.logo, width);
  const dated = data.status.kind === 'approved' ? data.status.approvedOn : data.generatedOn;
  const top = doc.y;
  const monthWords = formatMonth(data.asOf.slice(0, 7));
  const meta: [string, string][] = [
    ['Nomor', data.status.kind === 'draft' ? `${data.number} (konsep)` : data.number],
    ['Lampiran', '1 (satu) berkas'],
    ['Perihal', `Laporan Bulanan Cakupan BPJS Ketenagakerjaan, ${monthWords}`],
  ];
  doc.font('regular').fontSize(10.5).fillColor(INK);
  let y = top;
  for (const [k, v] of meta) {
    doc.text(k, MARGIN, y, { width: 60 });
    doc.text(`: ${v}`, MARGIN + 60, y, { width: 260 });
    y = doc.y + 1;
  }
  doc.text(`${placeOf(data.region.code)}, ${tanggal(dated)}`, MARGIN + 330, top, { width: width - 330, align: 'right' });
  doc.y = Math.max(y, doc.y) + 14;
  doc.text('Kepada', MARGIN, doc.y, { width });
  doc.font('bold').text(data.settings.addressee, { width: 300 });
  doc.font('regular').text(`di ${placeOf(data.region.code)}`, { width: 300 });
  doc.moveDown(1);
  for (const p of reportNarrative(data, language)) {
    doc.font('regular').fontSize(10.5).fillColor(INK).text(p, MARGIN, doc.y, { width, align: 'justify', lineGap: 1.5 });
    doc.moveDown(0.5);
  }
  signatureBlock(doc, data, width, ensure);

  // --- the annex
  doc.addPage();
  doc.font('bold').fontSize(10).fillColor(MUTED).text(`Lampiran surat nomor ${data.number}`, MARGIN, doc.y, { width });
  doc.font('bold').fontSize(16).fillColor(INK).text('Laporan Bulanan Cakupan BPJS Ketenagakerjaan', { width });
  doc.font('regular').fontSize(12).text(`${regionTitle(data.region)} (${data.region.code}) — keadaan per ${tanggal(data.asOf)}`, { width });
  doc.moveDown(0.8);
  const figuresTop = doc.y;
  const c = data.current;
  doc.font('bold').fontSize(34).fillColor(ACCENT).text(percent(c.ratio), MARGIN, figuresTop, { width: 170 });
  doc.font('regular').fontSize(10.5).fillColor(INK).text(`${count(c.covered)} dari ${count(c.eligible)} penduduk usia 18+ terdaftar sebagai peserta aktif`, MARGIN, doc.y, { width: 170 });
  const delta = pointsBetween(c.ratio, data.previous?.ratio);
  doc.moveDown(0.3).text(`Perubahan sejak ${tanggal(data.previousAsOf)}: ${points(delta)} poin (${signed(c.covered - (data.previous?.covered ?? 0))} orang)`, { width: 170 });
  const leftBottom = doc.y;
  // segments
  y = figuresTop;
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
  // the dates the figures stand on; an event received after the month says nothing of it
  const asX = MARGIN + 360;
  doc.font('bold').fontSize(10).fillColor(INK).text('Data per', asX, figuresTop, { width: width - 360 });
  const d = data.dataAsOf;
  doc.font('regular').fontSize(9).fillColor(INK);
  doc.text(`Data penduduk (DKB): ${tanggal(d.residents?.asOf)}`, asX, doc.y + 2, { width: width - 360 });
  doc.text(`Data peserta BPJS: ${tanggal(d.participants?.asOf)}`, { width: width - 360 });
  const eventDay = d.lastEventAt?.slice(0, 10);
  if (eventDay && eventDay <= data.asOf) doc.text(`Peristiwa peserta terakhir: ${tanggal(eventDay)}`, { width: width - 360 });
  doc.y = Math.max(leftBottom, y, doc.y) + 8;
  doc.x = MARGIN;
  note('Cakupan = penduduk usia 18+ dengan sedikitnya satu akun aktif, dibagi penduduk usia 18+ di data kependudukan (tiap orang dihitung sekali).');

  // --- trend
  heading('Tren 24 akhir bulan', 11);
  const chartTop = doc.y;
  trendChart(doc, data.trend, MARGIN, chartTop, width, 170, targetPercent);
  doc.x = MARGIN;
  doc.y = chartTop + 178;
  note(`Garis putus-putus: target ${targetText(targetPercent)} (${data.settings.target.source}).`);

  // --- map and legend
  const mapRows = data.grandchildLevel === 'village' ? data.grandchildren : data.childLevel === 'village' ? data.children : [];
  if (data.map && data.map.features.length > 0 && mapRows.length > 0) {
    heading(`Peta cakupan per ${word('village')}`, 18);
    mapFigure(doc, data.map, mapRows, MARGIN, doc.y, width, Math.min(300, bottom - doc.y - 60));
    doc.x = MARGIN;
    note(`Batas wilayah: ${data.map.attribution}. Untuk peta tematik, bukan penegasan batas.`);
  } else if (mapRows.length > 0) {
    heading(`Peta cakupan per ${word('village')}`, 1);
    note(`Tidak ada batas wilayah untuk ${regionTitle(data.region)} di penyimpanan: peta tidak dibuat (administrator dapat mengunggahnya).`);
  }
  heading('Legenda warna', 1);
  legendRow(doc);

  // --- lowest
  const lowLevel = data.grandchildLevel && data.grandchildren.length > 0 ? data.grandchildLevel : data.childLevel;
  const lowRows = (lowLevel === data.grandchildLevel ? data.grandchildren : data.children).filter((r) => r.ratio !== null);
  if (lowLevel && lowRows.length > 0) {
    const lowest = [...lowRows].sort((a, b) => a.ratio! - b.ratio! || (a.code < b.code ? -1 : 1)).slice(0, 10);
    heading(`${lowest.length === 10 ? 'Sepuluh' : String(lowest.length)} ${word(lowLevel)} dengan cakupan terendah`, lowest.length);
    const parentWord = lowLevel === data.grandchildLevel && data.childLevel ? word(data.childLevel) : null;
    coverageTable(doc, lowest, {
      ...(parentWord && { parent: { label: parentWord, name: (r: RegionCoverage) => nameOf(data.children.find((ch) => ch.code === r.parentCode) ?? { code: r.parentCode ?? '', level: data.childLevel ?? '', name: null }) } }),
      bottom,
    });
  }

  // --- employers
  if (data.childLevel) {
    heading(`Pemberi kerja belum terdaftar per ${word(data.childLevel)}`, keep(data.employers.length + 1));
    const cols = [MARGIN, MARGIN + 220, MARGIN + 330];
    const head: Cell[] = [[word(data.childLevel), 220, 'left'], ['Pemberi kerja', 110, 'right'], ['Belum terdaftar', 110, 'right']];
    tableHeader(doc, head, cols);
    for (const e of data.employers) {
      ensureRow(doc, bottom, () => tableHeader(doc, head, cols));
      rowText(doc, [[nameOf({ code: e.code, level: data.childLevel, name: e.name }), 220, 'left'], [count(e.employers), 110, 'right'], [count(e.unregistered), 110, 'right']], cols);
    }
    ensureRow(doc, bottom, () => tableHeader(doc, head, cols));
    doc.font('bold');
    rowText(doc, [['Jumlah', 220, 'left'], [count(data.employersTotal.employers), 110, 'right'], [count(data.employersTotal.unregistered), 110, 'right']], cols);
    doc.font('regular');
    note('Terdaftar = punya NPP dan berstatus aktif (aturan warna stiker). Dari ekspor pemberi kerja dan peristiwa yang diterima.');
  }

  // --- the stickering
  if (data.childLevel && data.field) {
    heading(`Pemasangan stiker per ${word(data.childLevel)} (keadaan ${tanggal(data.generatedOn)})`, keep(data.field.rows.length + 1));
    const head: Cell[] = [[word(data.childLevel), 135, 'left'], ['Dicetak', 55, 'right'], ['Terpasang', 60, 'right'], ['Belum', 50, 'right'], ['Ganti', 50, 'right'], ['Dikunjungi', 64, 'right'], ['Tindak lanjut', 72, 'right']];
    const cols = head.map((_, i) => MARGIN + head.slice(0, i).reduce((x, [, w]) => x + w, 0));
    tableHeader(doc, head, cols);
    const line = (label: string, f: Omit<FieldRow, 'code' | 'name'>): Cell[] => [[label, 135, 'left'], [count(f.printed), 55, 'right'], [count(f.installed), 60, 'right'], [count(f.notInstalled), 50, 'right'], [count(f.toReplace), 50, 'right'], [count(f.visited), 64, 'right'], [count(f.followUpsDue), 72, 'right']];
    for (const r of data.field.rows) {
      ensureRow(doc, bottom, () => tableHeader(doc, head, cols));
      rowText(doc, line(nameOf({ code: r.code, level: data.childLevel, name: r.name }), r), cols);
    }
    ensureRow(doc, bottom, () => tableHeader(doc, head, cols));
    doc.font('bold');
    rowText(doc, line('Jumlah', data.field.total), cols);
    doc.font('regular');
    note('Terpasang = stiker berlaku yang dicatat terpasang oleh petugas lapangan; Ganti = stiker dicabut yang masih terpasang dan penggantinya belum dipasang; Tindak lanjut = pemberi kerja yang tanggal kunjungan ulangnya sudah tiba.');
  }

  // --- quality
  heading('Catatan kualitas data', 6);
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
    const both = data.grandchildLevel && data.grandchildren.length > 0;
    const byRatio = (a: RegionCoverage, b: RegionCoverage) => (b.ratio ?? -1) - (a.ratio ?? -1) || (a.code < b.code ? -1 : 1);
    const rows: { row: RegionCoverage; indent: boolean }[] = [];
    for (const child of [...data.children].sort(byRatio)) {
      rows.push({ row: child, indent: false });
      for (const g of data.grandchildren.filter((x) => x.parentCode === child.code).sort(byRatio)) rows.push({ row: g, indent: true });
    }
    heading(both ? `${word(data.childLevel)} dan ${word(data.grandchildLevel!)}, cakupan tertinggi lebih dulu` : `${word(data.childLevel)}, cakupan tertinggi lebih dulu`, keep(rows.length));
    coverageTable(doc, rows.map((r) => r.row), { indent: new Set(rows.filter((r) => r.indent).map((r) => r.row.code)), bottom, label: both ? 'Wilayah' : word(data.childLevel) });
  }

  // --- on every page: a draft's mark, the footer with who approved it
  const range = doc.bufferedPageRange();
  const approval =
    data.status.kind === 'approved'
      ? `Disetujui ${data.status.approvedBy}, ${tanggal(data.status.approvedOn)}${data.status.revision > 1 ? ` · revisi ${data.status.revision}: ${data.status.reason ?? ''}` : ''}`
      : 'KONSEP — belum disetujui: angka dapat berubah';
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    doc.page.margins.top = 0;
    if (data.status.kind === 'draft') {
      doc.save();
      doc.rect(0, 0, A4[0], 22).fillColor('#8a3b00').fill();
      doc.font('bold').fontSize(9).fillColor('#ffffff').text(approval, MARGIN, 7, { width, align: 'center', lineBreak: false });
      doc.restore();
    }
    doc.font('regular').fontSize(8).fillColor(MUTED);
    doc.text(`cakupan · ${data.settings.issuer} · ${data.number} · ${data.status.kind === 'approved' ? approval : `dibuat ${tanggal(data.generatedOn)}`}`, MARGIN, A4[1] - MARGIN + 8, { width: width - 90, lineBreak: false, ellipsis: true });
    doc.text(`Halaman ${i + 1} dari ${range.count}`, A4[0] - MARGIN - 90, A4[1] - MARGIN + 8, { width: 90, align: 'right', lineBreak: false });
  }
  doc.end();
  return done;
}

/** The letterhead: the logo on the left (if any), the lines centred, a double rule under them. */
function letterhead(doc: PDFKit.PDFDocument, lines: readonly string[], logo: MonthlyReportData['settings']['logo'], width: number): void {
  const top = MARGIN - 8;
  const logoSize = 58;
  if (logo) {
    try {
      doc.image(Buffer.from(logo.data, 'base64'), MARGIN, top, { fit: [logoSize, logoSize] });
    } catch {
      // an image PDFKit cannot read leaves the letterhead without it
    }
  }
  let y = top;
  lines.forEach((line, i) => {
    doc.font(i < 2 ? 'bold' : 'regular').fontSize(i === 0 ? 14 : i === 1 ? 12.5 : 9.5).fillColor(INK);
    doc.text(line, MARGIN + logoSize + 6, y, { width: width - 2 * (logoSize + 6), align: 'center' });
    y = doc.y;
  });
  y = Math.max(y, top + logoSize) + 6;
  doc.moveTo(MARGIN, y).lineTo(MARGIN + width, y).lineWidth(2).strokeColor(INK).stroke();
  doc.moveTo(MARGIN, y + 3).lineTo(MARGIN + width, y + 3).lineWidth(0.6).strokeColor(INK).stroke();
  doc.x = MARGIN;
  doc.y = y + 16;
}

/** The signature block on the right: the signatory's title, room to sign, the name, the NIP. */
function signatureBlock(doc: PDFKit.PDFDocument, data: MonthlyReportData, width: number, ensure: (h: number) => void): void {
  ensure(130);
  const x = MARGIN + width / 2 + 20;
  const w = width / 2 - 20;
  doc.moveDown(0.8);
  const s = data.settings.signatory;
  doc.font('regular').fontSize(10.5).fillColor(INK).text(s ? s.title : 'Kepala Dinas', x, doc.y, { width: w, align: 'center' });
  doc.moveDown(4);
  if (s) {
    doc.font('bold').text(s.name, x, doc.y, { width: w, align: 'center', underline: true });
    if (s.nip) doc.font('regular').text(`NIP. ${s.nip}`, x, doc.y, { width: w, align: 'center' });
  } else {
    doc.font('regular').fillColor(MUTED).text('(penanda tangan belum diatur)', x, doc.y, { width: w, align: 'center' });
  }
  doc.x = MARGIN;
  if (headOfRegionTitle(data.region.code)) {
    doc.moveDown(1);
    doc.font('regular').fontSize(8.5).fillColor(MUTED).text(`Tembusan: Sekretaris Daerah ${placeOf(data.region.code)}; Kepala Kantor Cabang BPJS Ketenagakerjaan setempat.`, MARGIN, doc.y, { width });
  }
}

/** The villages as a choropleth in the legend's colours, in an equirectangular projection fitted to the box. */
function mapFigure(doc: PDFKit.PDFDocument, map: NonNullable<MonthlyReportData['map']>, rows: readonly RegionCoverage[], x: number, y: number, w: number, h: number): void {
  const ratioOf = new Map(rows.map((r) => [r.code, r.ratio]));
  const features = map.features.filter((f) => ratioOf.has(f.code) || rows.some((r) => f.code.startsWith(`${r.code}.`)));
  const drawn = features.length > 0 ? features : map.features;
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of drawn) for (const p of f.polygons) for (const [lng, lat] of p[0]!) [minX, minY, maxX, maxY] = [Math.min(minX, lng), Math.min(minY, lat), Math.max(maxX, lng), Math.max(maxY, lat)];
  const kx = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const scale = Math.min(w / ((maxX - minX) * kx || 1), h / (maxY - minY || 1));
  const ox = x + (w - (maxX - minX) * kx * scale) / 2;
  const px = (lng: number) => ox + (lng - minX) * kx * scale;
  const py = (lat: number) => y + (maxY - lat) * scale;
  doc.save();
  for (const f of drawn) {
    const band = coverageBand(ratioOf.get(f.code) ?? null);
    for (const polygon of f.polygons) {
      for (const ring of polygon) {
        ring.forEach(([lng, lat], i) => (i === 0 ? doc.moveTo(px(lng), py(lat)) : doc.lineTo(px(lng), py(lat))));
        doc.closePath();
      }
      doc.lineWidth(0.4).fillColor(band.fill).strokeColor('#ffffff').fillAndStroke(band.fill, '#ffffff');
    }
  }
  doc.restore();
  doc.y = y + (maxY - minY) * scale + 6;
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

function coverageTable(doc: PDFKit.PDFDocument, rows: RegionCoverage[], o: { parent?: { label: string; name: (r: RegionCoverage) => string }; indent?: Set<string>; bottom?: number; label?: string }): void {
  const bottom = o.bottom ?? A4[1] - MARGIN - 20;
  const parentName = o.parent?.name;
  const widths = parentName ? [120, 100, 70, 65, 55, 69] : [220, 70, 70, 55, 68];
  const labels = parentName ? [o.label ?? 'Wilayah', o.parent!.label, 'Penduduk 18+', 'Terdaftar', 'Cakupan', 'Kelas'] : [o.label ?? 'Wilayah', 'Penduduk 18+', 'Terdaftar', 'Cakupan', 'Kelas'];
  const xs: number[] = [];
  widths.reduce((x, w) => (xs.push(x), x + w + 4), MARGIN);
  const header = () => tableHeader(doc, labels.map((l, i) => [l, widths[i]!, i === 0 || (parentName && i === 1) || i === labels.length - 1 ? 'left' : 'right'] as Cell), xs);
  header();
  for (const r of rows) {
    ensureRow(doc, bottom, header);
    const band = coverageBand(r.ratio);
    const name = `${o.indent?.has(r.code) ? '    ' : ''}${nameOf(r)}`;
    const cells: Cell[] = [
      [name, widths[0]!, 'left'],
      ...(parentName ? [[parentName(r), widths[1]!, 'left'] as Cell] : []),
      [count(r.eligible), widths[parentName ? 2 : 1]!, 'right'],
      [count(r.covered), widths[parentName ? 3 : 2]!, 'right'],
      [percent(r.ratio), widths[parentName ? 4 : 3]!, 'right'],
      [r.ratio === null ? '—' : band.label, widths[parentName ? 5 : 4]!, 'left'],
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
