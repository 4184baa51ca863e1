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
import { bareGovernmentName, COVERAGE_BANDS, coverageBand, governmentOf, formatCount, formatLongDate, formatMonth, formatPercent, formatPoints, formatSigned, formatTarget, headOfRegionTitle, type Language, levelWordWithin, MONTH_NAMES, type RegionCoverage, type RegionLevel, regionName, SEGMENTS } from '@cakupan/core';
import { A4, reportDocument } from './reportDocument.js';
import type { FieldRow, MonthlyReportData } from './monthlyReportData.js';
import { areaName, pointsBetween, reportNarrative } from './narrative.js';
import { REPORT_WORDS, type ReportWords } from './reportWords.js';

const MARGIN = 48;
const INK = '#1a1a1a';
const MUTED = '#4d4d4d';
const LINE = '#b0b0b0';
const ACCENT = '#00539b';
const WORKERS_INK = '#6a3d9a';

/** Numbers and dates as the report's language writes them (core's formatters), and its words. */
interface Speech {
  language: Language;
  w: ReportWords;
  count: (n: number) => string;
  percent: (r: number | null) => string;
  points: (p: number | null) => string;
  targetText: (p: number) => string;
  signed: (n: number) => string;
  date: (iso: string | null | undefined) => string;
}

function speechOf(language: Language): Speech {
  return {
    language,
    w: REPORT_WORDS[language],
    count: (n) => formatCount(n, language),
    percent: (r) => formatPercent(r, language),
    points: (p) => formatPoints(p, language),
    targetText: (p) => formatTarget(p, language),
    signed: (n) => formatSigned(n, language),
    date: (iso) => formatLongDate(iso, language),
  };
}

/** "Kecamatan Bogor Selatan", "Kota Bogor" (a city's name carries its kind already), "RW 003, 32.71.01.1001". */
function regionTitle(r: MonthlyReportData['region'], language: Language): string {
  if (r.level === 'rw' || r.level === 'rt') return `${nameOf({ ...r, name: null })}, ${r.code.split('.').slice(0, 4).join('.')}`;
  return areaName(r, language);
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
  const language = data.settings.language;
  const speech = speechOf(language);
  const { w, count, percent, points, targetText, signed, date: tanggal } = speech;
  const area = regionTitle(data.region, language);
  const title = `${w.title} — ${area}`;
  const { doc, done } = reportDocument({ title, subject: w.asOf(tanggal(data.asOf)), margin: MARGIN, language });
  const word = (level: RegionLevel) => levelWordWithin(level, data.region.code, language);

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
  const monthWords = formatMonth(data.asOf.slice(0, 7), language);
  const meta: [string, string][] = [
    [w.number, data.status.kind === 'draft' ? `${data.number} ${w.draftMark}` : data.number],
    [w.enclosure, w.enclosureCount],
    [w.subject, w.subjectText(monthWords)],
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
  doc.text(w.to, MARGIN, doc.y, { width });
  doc.font('bold').text(data.settings.addressee, { width: 300 });
  doc.font('regular').text(w.inPlace(placeOf(data.region.code)), { width: 300 });
  doc.moveDown(1);
  for (const p of reportNarrative(data, language)) {
    doc.font('regular').fontSize(10.5).fillColor(INK).text(p, MARGIN, doc.y, { width, align: 'justify', lineGap: 1.5 });
    doc.moveDown(0.5);
  }
  signatureBlock(doc, data, width, ensure, w);

  // --- the annex
  doc.addPage();
  doc.font('bold').fontSize(10).fillColor(MUTED).text(w.annexOf(data.number), MARGIN, doc.y, { width });
  doc.font('bold').fontSize(16).fillColor(INK).text(w.title, { width });
  doc.font('regular').fontSize(12).text(`${area} (${data.region.code}) — ${w.asOf(tanggal(data.asOf))}`, { width });
  doc.moveDown(0.8);
  const figuresTop = doc.y;
  const c = data.current;
  doc.font('bold').fontSize(34).fillColor(ACCENT).text(percent(c.ratio), MARGIN, figuresTop, { width: 170 });
  doc.font('regular').fontSize(10.5).fillColor(INK).text(w.coveredOfEligible(count(c.covered), count(c.eligible)), MARGIN, doc.y, { width: 170 });
  const delta = pointsBetween(c.ratio, data.previous?.ratio);
  doc.moveDown(0.3).text(w.changeSince(tanggal(data.previousAsOf), points(delta), signed(c.covered - (data.previous?.covered ?? 0))), { width: 170 });
  if (c.occupationKnown > 0) {
    doc.moveDown(0.5).font('bold').fontSize(10).text(w.workers, { width: 170 });
    doc.font('regular').fontSize(10).text(w.coveredOfWorkers(percent(c.workerRatio), count(c.coveredWorkers), count(c.workers)), { width: 170 });
  }
  const leftBottom = doc.y;
  // segments
  y = figuresTop;
  const segX = MARGIN + 185;
  doc.font('bold').fontSize(10).text(w.bySegment, segX, y, { width: 160 });
  y = doc.y + 2;
  for (const s of SEGMENTS) {
    doc.font('regular').fontSize(9).fillColor(INK);
    const h = doc.heightOfString(w.segment[s], { width: 118 });
    doc.text(w.segment[s], segX, y, { width: 118 });
    doc.text(count(c.bySegment[s]), segX + 118, y, { width: 42, align: 'right' });
    y += h + 3;
  }
  // the dates the figures stand on; an event received after the month says nothing of it
  const asX = MARGIN + 360;
  doc.font('bold').fontSize(10).fillColor(INK).text(w.dataAsOf, asX, figuresTop, { width: width - 360 });
  const d = data.dataAsOf;
  doc.font('regular').fontSize(9).fillColor(INK);
  doc.text(w.register(tanggal(d.residents?.asOf)), asX, doc.y + 2, { width: width - 360 });
  doc.text(w.participants(tanggal(d.participants?.asOf)), { width: width - 360 });
  const eventDay = d.lastEventAt?.slice(0, 10);
  if (eventDay && eventDay <= data.asOf) doc.text(w.lastEvent(tanggal(eventDay)), { width: width - 360 });
  doc.y = Math.max(leftBottom, y, doc.y) + 8;
  doc.x = MARGIN;
  note(w.coverageNote);
  if (c.occupationKnown > 0) note(w.workersNote(count(c.eligible - c.occupationKnown)));

  // --- trend
  heading(w.trend, 11);
  const chartTop = doc.y;
  trendChart(doc, data.trend, MARGIN, chartTop, width, 170, targetPercent, speech);
  doc.x = MARGIN;
  doc.y = chartTop + 178;
  note(`${w.targetNote(targetText(targetPercent), data.settings.target.source)}${data.trend.some((p) => p.workerRatio != null) ? ` ${w.workersLine}` : ''}`);

  // --- map and legend
  const mapRows = data.grandchildLevel === 'village' ? data.grandchildren : data.childLevel === 'village' ? data.children : [];
  if (data.map && data.map.features.length > 0 && mapRows.length > 0) {
    heading(w.mapTitle(word('village')), 12);
    mapFigure(doc, data.map, mapRows, MARGIN, doc.y, width, Math.min(300, bottom - doc.y - 60));
    doc.x = MARGIN;
    note(w.mapCredit(data.map.attribution));
  } else if (mapRows.length > 0) {
    heading(w.mapTitle(word('village')), 1);
    note(w.noMap(area));
  }
  heading(w.legend, 1);
  legendRow(doc);

  // --- lowest
  const lowLevel = data.grandchildLevel && data.grandchildren.length > 0 ? data.grandchildLevel : data.childLevel;
  const lowRows = (lowLevel === data.grandchildLevel ? data.grandchildren : data.children).filter((r) => r.ratio !== null);
  if (lowLevel && lowRows.length > 0) {
    const lowest = [...lowRows].sort((a, b) => a.ratio! - b.ratio! || (a.code < b.code ? -1 : 1)).slice(0, 10);
    heading(w.lowest(lowest.length, word(lowLevel)), lowest.length);
    const parentWord = lowLevel === data.grandchildLevel && data.childLevel ? word(data.childLevel) : null;
    coverageTable(doc, lowest, {
      ...(parentWord && { parent: { label: parentWord, name: (r: RegionCoverage) => nameOf(data.children.find((ch) => ch.code === r.parentCode) ?? { code: r.parentCode ?? '', level: data.childLevel ?? '', name: null }) } }),
      bottom,
      speech,
      workers: c.occupationKnown > 0,
    });
  }

  // --- employers
  if (data.childLevel) {
    heading(w.unregisteredBy(word(data.childLevel)), keep(data.employers.length + 1));
    const cols = [MARGIN, MARGIN + 220, MARGIN + 330];
    const head: Cell[] = [[word(data.childLevel), 220, 'left'], [w.employers, 110, 'right'], [w.unregistered, 110, 'right']];
    tableHeader(doc, head, cols);
    for (const e of data.employers) {
      ensureRow(doc, bottom, () => tableHeader(doc, head, cols));
      rowText(doc, [[nameOf({ code: e.code, level: data.childLevel, name: e.name }), 220, 'left'], [count(e.employers), 110, 'right'], [count(e.unregistered), 110, 'right']], cols);
    }
    ensureRow(doc, bottom, () => tableHeader(doc, head, cols));
    doc.font('bold');
    rowText(doc, [[w.total, 220, 'left'], [count(data.employersTotal.employers), 110, 'right'], [count(data.employersTotal.unregistered), 110, 'right']], cols);
    doc.font('regular');
    note(w.employersNote);
  }

  // --- the stickering
  if (data.childLevel && data.field) {
    heading(w.stickeringBy(word(data.childLevel), tanggal(data.generatedOn)), keep(data.field.rows.length + 1));
    const [printed, up, notYet, replace, visited, followUps] = w.fieldColumns;
    const head: Cell[] = [[word(data.childLevel), 135, 'left'], [printed, 55, 'right'], [up, 60, 'right'], [notYet, 50, 'right'], [replace, 50, 'right'], [visited, 64, 'right'], [followUps, 72, 'right']];
    const cols = head.map((_, i) => MARGIN + head.slice(0, i).reduce((x, [, w]) => x + w, 0));
    tableHeader(doc, head, cols);
    const line = (label: string, f: Omit<FieldRow, 'code' | 'name'>): Cell[] => [[label, 135, 'left'], [count(f.printed), 55, 'right'], [count(f.installed), 60, 'right'], [count(f.notInstalled), 50, 'right'], [count(f.toReplace), 50, 'right'], [count(f.visited), 64, 'right'], [count(f.followUpsDue), 72, 'right']];
    for (const r of data.field.rows) {
      ensureRow(doc, bottom, () => tableHeader(doc, head, cols));
      rowText(doc, line(nameOf({ code: r.code, level: data.childLevel, name: r.name }), r), cols);
    }
    ensureRow(doc, bottom, () => tableHeader(doc, head, cols));
    doc.font('bold');
    rowText(doc, line(w.total, data.field.total), cols);
    doc.font('regular');
    note(w.fieldNote);
  }

  // --- quality
  heading(w.quality, 6);
  const q = data.quality;
  const lines = [
    // the whole store's figures, in a report for the whole store only
    ...(q.rejectedResidents !== null && q.rejectedParticipants !== null ? [w.rejectedRows(count(q.rejectedResidents), count(q.rejectedParticipants))] : []),
    ...(q.notInRegister !== null ? [w.notInRegister(count(q.notInRegister))] : []),
    w.underAge(count(q.underAge)),
    w.severalAccounts(count(q.multipleActiveAccounts)),
    w.birthDates(count(q.birthDateMismatches), count(q.birthDatesFromNik)),
    w.over100(count(q.cellsOver100)),
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
    heading(w.tableTitle(word(data.childLevel), both ? word(data.grandchildLevel!) : null), keep(rows.length));
    coverageTable(doc, rows.map((r) => r.row), { indent: new Set(rows.filter((r) => r.indent).map((r) => r.row.code)), bottom, label: both ? w.region : word(data.childLevel), speech, workers: c.occupationKnown > 0 });
  }

  // --- on every page: a draft's mark, the footer with who approved it
  const range = doc.bufferedPageRange();
  const approval =
    data.status.kind === 'approved'
      ? `${w.approvedBy(data.status.approvedBy, tanggal(data.status.approvedOn))}${data.status.revision > 1 ? ` · ${w.revision(data.status.revision, data.status.reason ?? '')}` : ''}`
      : w.draftBanner;
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
    doc.text(`cakupan · ${data.settings.issuer} · ${data.number} · ${data.status.kind === 'approved' ? approval : w.made(tanggal(data.generatedOn))}`, MARGIN, A4[1] - MARGIN + 8, { width: width - 90, lineBreak: false, ellipsis: true });
    doc.text(w.page(i + 1, range.count), A4[0] - MARGIN - 90, A4[1] - MARGIN + 8, { width: 90, align: 'right', lineBreak: false });
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
function signatureBlock(doc: PDFKit.PDFDocument, data: MonthlyReportData, width: number, ensure: (h: number) => void, w: ReportWords): void {
  ensure(130);
  const x = MARGIN + width / 2 + 20;
  const half = width / 2 - 20;
  doc.moveDown(0.8);
  const s = data.settings.signatory;
  doc.font('regular').fontSize(10.5).fillColor(INK).text(s ? s.title : w.defaultSignatoryTitle, x, doc.y, { width: half, align: 'center' });
  doc.moveDown(4);
  if (s) {
    doc.font('bold').text(s.name, x, doc.y, { width: half, align: 'center', underline: true });
    if (s.nip) doc.font('regular').text(`NIP. ${s.nip}`, x, doc.y, { width: half, align: 'center' });
  } else {
    doc.font('regular').fillColor(MUTED).text(w.noSignatory, x, doc.y, { width: half, align: 'center' });
  }
  doc.x = MARGIN;
  if (headOfRegionTitle(data.region.code)) {
    doc.moveDown(1);
    doc.font('regular').fontSize(8.5).fillColor(MUTED).text(w.copies(placeOf(data.region.code)), MARGIN, doc.y, { width });
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

/**
 * A table of regions: name (and parent), residents 18+, registered, coverage, (with occupations in
 * the register, the workers' coverage,) and the legend's band coloured.
 */
function coverageTable(doc: PDFKit.PDFDocument, rows: RegionCoverage[], o: { parent?: { label: string; name: (r: RegionCoverage) => string }; indent?: Set<string>; bottom?: number; label?: string; speech: Speech; workers: boolean }): void {
  const bottom = o.bottom ?? A4[1] - MARGIN - 20;
  const { w, count, percent } = o.speech;
  const parentName = o.parent?.name;
  // 499 points of line: the name gives way to the workers' column
  const nameWidth = parentName ? (o.workers ? 92 : 120) : o.workers ? 164 : 220;
  const columns: [string, number, 'left' | 'right', (r: RegionCoverage) => string][] = [
    [o.label ?? w.region, nameWidth, 'left', (r) => `${o.indent?.has(r.code) ? '    ' : ''}${nameOf(r)}`],
    ...(parentName ? [[o.parent!.label, o.workers ? 72 : 100, 'left', parentName] as [string, number, 'left', (r: RegionCoverage) => string]] : []),
    [w.residents18, 70, 'right', (r) => count(r.eligible)],
    [w.registered, parentName ? 65 : 70, 'right', (r) => count(r.covered)],
    [w.coverage, 55, 'right', (r) => percent(r.ratio)],
    ...(o.workers ? [[w.workerCoverage, 52, 'right', (r: RegionCoverage) => percent(r.workerRatio)] as [string, number, 'right', (r: RegionCoverage) => string]] : []),
    [w.band, parentName ? 69 : 68, 'left', (r) => (r.ratio === null ? '—' : coverageBand(r.ratio).label)],
  ];
  const xs: number[] = [];
  columns.reduce((x, [, width]) => (xs.push(x), x + width + 4), MARGIN);
  const header = () => tableHeader(doc, columns.map(([label, width, align]) => [label, width, align] as Cell), xs);
  header();
  for (const r of rows) {
    ensureRow(doc, bottom, header);
    const band = coverageBand(r.ratio);
    const cells: Cell[] = columns.map(([, width, align, value]) => [value(r), width, align]);
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
function trendChart(doc: PDFKit.PDFDocument, trend: MonthlyReportData['trend'], x: number, y: number, w: number, h: number, target: number, speech: Speech): void {
  const { percent, targetText } = speech;
  const values = trend.flatMap((p) => [p.ratio, p.workerRatio ?? null]).filter((r): r is number => r !== null).map((r) => r * 100);
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
    doc.text(`${MONTH_NAMES[speech.language][Number(mm) - 1]!.slice(0, 3)} ${yy!.slice(2)}`, sx(i) - 20, y + plotH + 5, { width: 40, align: 'center', lineBreak: false });
  });
  doc.moveTo(left, sy(target)).lineTo(left + plotW, sy(target)).dash(5, { space: 3 }).lineWidth(1.2).strokeColor('#8a3b00').stroke().undash();
  doc.fillColor('#8a3b00').text(speech.w.targetLabel(targetText(target)), left + plotW - 100, sy(target) - 11, { width: 100, align: 'right', lineBreak: false });
  /** A line through the month-ends that have a ratio; whether it drew one. */
  const line = (ratios: readonly (number | null)[], lineWidth: number, colour: string): boolean => {
    let started = false;
    ratios.forEach((r, i) => {
      if (r === null) return;
      if (!started) doc.moveTo(sx(i), sy(r * 100));
      else doc.lineTo(sx(i), sy(r * 100));
      started = true;
    });
    if (started) doc.lineWidth(lineWidth).strokeColor(colour).stroke();
    return started;
  };
  // workers 18+ in a second colour, named at its end
  const workers = trend.map((p) => p.workerRatio ?? null);
  if (line(workers, 1.6, WORKERS_INK)) {
    const i = workers.length - 1 - [...workers].reverse().findIndex((r) => r !== null);
    doc.font('bold').fontSize(8.5).fillColor(WORKERS_INK).text(`${speech.w.workerCoverage} ${percent(workers[i]!)}`, sx(i) - 100, sy(workers[i]! * 100) - 14, { width: 99, align: 'right', lineBreak: false });
  }
  line(trend.map((p) => p.ratio), 2, ACCENT);
  trend.forEach((p, i) => {
    if (p.ratio !== null) doc.circle(sx(i), sy(p.ratio * 100), 2.2).fillColor(ACCENT).fill();
  });
  const last = trend.at(-1);
  if (last?.ratio !== null && last) doc.font('bold').fontSize(8.5).fillColor(ACCENT).text(percent(last.ratio), sx(trend.length - 1) - 45, sy(last.ratio * 100) - 14, { width: 44, align: 'right', lineBreak: false });
  doc.restore();
}
