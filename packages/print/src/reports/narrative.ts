/**
 * The letter's few paragraphs, written from the figures alone: the coverage (and that of workers,
 * where the register records occupations) and its change since
 * the month before, the gap to the target, the regions one level down that moved most, the lowest
 * regions two levels down (furthest from the target), the stickering where the field work has
 * begun. Counts and region names only: no person is named.
 */
import { formatCount, formatLongDate, formatPercent, formatPoints, formatSigned, formatTarget, type Language, levelWordWithin, type RegionCoverage } from '@cakupan/core';
import type { MonthlyReportData } from './monthlyReportData.js';

/** Percentage points from ratio `b` to ratio `a`, to 2 decimals; `null` when either is unknown. */
export function pointsBetween(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  return Math.round((a - b) * 10000) / 100;
}

const WORDS = {
  id: {
    opening: (area: string, asOf: string) => `Dengan hormat, bersama ini kami sampaikan laporan cakupan kepesertaan BPJS Ketenagakerjaan penduduk usia 18 tahun ke atas di ${area}, keadaan per ${asOf}.`,
    coverage: (pct: string, covered: string, eligible: string) => `Cakupan mencapai ${pct}: ${covered} dari ${eligible} penduduk usia 18 tahun ke atas terdaftar sebagai peserta aktif.`,
    workers: (pct: string, covered: string, workers: string) => `Di antara pekerja usia 18 tahun ke atas menurut pekerjaan di data kependudukan, cakupan mencapai ${pct} (${covered} dari ${workers} orang).`,
    change: (pts: string, people: string, since: string) => `Dibanding ${since}, cakupan berubah ${pts} poin (${people} orang).`,
    noChange: (since: string) => `Data per ${since} belum ada untuk dibandingkan.`,
    gap: (target: string, source: string, pts: string, people: string) => `Target ${target} (${source}) masih kurang ${pts} poin, atau sekitar ${people} orang lagi.`,
    reached: (target: string, source: string) => `Target ${target} (${source}) telah tercapai.`,
    rose: (word: string, list: string) => `${word} dengan kenaikan terbesar: ${list}.`,
    fell: (word: string, list: string) => `${word} yang turun: ${list}.`,
    lowest: (word: string, list: string) => `${word} yang paling jauh dari target: ${list}.`,
    field: (installed: string, printed: string, pct: string, visited: string) => `Pemasangan stiker: ${installed} dari ${printed} stiker yang dicetak telah terpasang (${pct}); ${visited} pemberi kerja telah dikunjungi.`,
    annex: 'Rincian per wilayah, tren 24 bulan, peta, pemberi kerja dan catatan kualitas data terlampir.',
    closing: 'Demikian laporan ini kami sampaikan. Atas perhatian Bapak/Ibu, kami ucapkan terima kasih.',
    points: 'poin',
  },
  en: {
    opening: (area: string, asOf: string) => `We hereby report the BPJS Ketenagakerjaan coverage of residents aged 18 and over in ${area}, as of ${asOf}.`,
    coverage: (pct: string, covered: string, eligible: string) => `Coverage stands at ${pct}: ${covered} of ${eligible} residents aged 18 and over are active participants.`,
    workers: (pct: string, covered: string, workers: string) => `Among workers aged 18 and over by their occupation in the register, coverage stands at ${pct} (${covered} of ${workers}).`,
    change: (pts: string, people: string, since: string) => `Since ${since}, coverage changed by ${pts} points (${people} people).`,
    noChange: (since: string) => `There are no figures for ${since} to compare with.`,
    gap: (target: string, source: string, pts: string, people: string) => `The target of ${target} (${source}) is ${pts} points away, about ${people} more people.`,
    reached: (target: string, source: string) => `The target of ${target} (${source}) has been reached.`,
    rose: (word: string, list: string) => `Rose most, by ${word.toLowerCase()}: ${list}.`,
    fell: (word: string, list: string) => `Fell, by ${word.toLowerCase()}: ${list}.`,
    lowest: (word: string, list: string) => `Furthest from the target, by ${word.toLowerCase()}: ${list}.`,
    field: (installed: string, printed: string, pct: string, visited: string) => `Stickering: ${installed} of ${printed} stickers printed are up (${pct}); ${visited} employers have been visited.`,
    annex: 'Figures per region, the 24-month trend, the map, employers and data-quality notes are attached.',
    closing: 'Thank you for your attention.',
    points: 'points',
  },
} as const;

/** The region as the letter names it: "Kota Depok", "Kecamatan Cimanggis". */
export function areaName(region: MonthlyReportData['region'], language: Language = 'id'): string {
  if (region.level === 'city' || region.level === 'province') return region.name;
  return `${levelWordWithin(region.level, region.code, language)} ${region.name}`;
}

/**
 * The letter's paragraphs.
 *
 * @example
 * reportNarrative(data)[0] //=> 'Dengan hormat, bersama ini kami sampaikan laporan cakupan … di Kota Depok, keadaan per 30 November 2026.'
 */
export function reportNarrative(data: MonthlyReportData, language: Language = 'id'): string[] {
  const w = WORDS[language];
  const c = data.current;
  const target = data.settings.target;
  const paragraphs: string[] = [w.opening(areaName(data.region, language), formatLongDate(data.asOf, language))];

  const figures: string[] = [w.coverage(formatPercent(c.ratio, language), formatCount(c.covered, language), formatCount(c.eligible, language))];
  if (c.workers > 0) figures.push(w.workers(formatPercent(c.workerRatio, language), formatCount(c.coveredWorkers, language), formatCount(c.workers, language)));
  const change = pointsBetween(c.ratio, data.previous?.ratio);
  figures.push(change === null ? w.noChange(formatLongDate(data.previousAsOf, language)) : w.change(formatPoints(change, language), formatSigned(c.covered - data.previous!.covered, language), formatLongDate(data.previousAsOf, language)));
  if (c.ratio !== null) {
    const gap = Math.round((target.percent - c.ratio * 100) * 100) / 100;
    const people = Math.max(0, Math.ceil((target.percent / 100) * c.eligible - c.covered));
    figures.push(gap > 0 ? w.gap(formatTarget(target.percent, language), target.source, formatPoints(gap, language).replace(/^\+/, ''), formatCount(people, language)) : w.reached(formatTarget(target.percent, language), target.source));
  }
  paragraphs.push(figures.join(' '));

  const moved: string[] = [];
  if (data.childLevel && data.children.length > 1) {
    const word = levelWordWithin(data.childLevel, data.region.code, language);
    const before = new Map(data.previousChildren.map((r) => [r.code, r.ratio]));
    const changes = data.children
      .map((r) => ({ r, d: pointsBetween(r.ratio, before.get(r.code)) }))
      .filter((x): x is { r: RegionCoverage; d: number } => x.d !== null)
      .sort((a, b) => b.d - a.d || (a.r.code < b.r.code ? -1 : 1));
    const named = (x: { r: RegionCoverage; d: number }) => `${x.r.name ?? x.r.code} (${formatPoints(x.d, language)} ${w.points})`;
    const rose = changes.filter((x) => x.d > 0).slice(0, 3);
    const fell = changes.filter((x) => x.d < 0).reverse().slice(0, 3);
    if (rose.length > 0) moved.push(w.rose(word, rose.map(named).join(', ')));
    if (fell.length > 0) moved.push(w.fell(word, fell.map(named).join(', ')));
  }
  const lowLevel = data.grandchildLevel && data.grandchildren.length > 0 ? data.grandchildLevel : data.childLevel;
  const lowRows = (lowLevel === data.grandchildLevel && data.grandchildren.length > 0 ? data.grandchildren : data.children).filter((r) => r.ratio !== null && r.ratio * 100 < target.percent);
  if (lowLevel && lowRows.length > 0) {
    const lowest = [...lowRows].sort((a, b) => a.ratio! - b.ratio! || (a.code < b.code ? -1 : 1)).slice(0, 3);
    moved.push(w.lowest(levelWordWithin(lowLevel, data.region.code, language), lowest.map((r) => `${r.name ?? r.code} (${formatPercent(r.ratio, language)})`).join(', ')));
  }
  if (moved.length > 0) paragraphs.push(moved.join(' '));

  if (data.field && data.field.total.printed > 0) {
    const t = data.field.total;
    paragraphs.push(w.field(formatCount(t.installed, language), formatCount(t.printed, language), formatPercent(t.installed / t.printed, language), formatCount(t.visited, language)));
  }
  paragraphs.push(w.annex, w.closing);
  return paragraphs;
}
