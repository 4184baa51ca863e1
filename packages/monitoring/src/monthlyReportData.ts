/**
 * What the monthly report of a region says, gathered from the store: the figures at the month's
 * end and the one before, 24 month-ends, the regions one and two levels down, the unregistered
 * employers per region one level down, and the data-quality counts.
 */
import { childLevelOf, isBelowRegion, isWithinRegion, lineageOf, mapAreaOf, monthEnd, regionName, type RegionLevel, type ResolvedRegionSettings, trendMonthEnds } from '@cakupan/core';
import type { MonthlyReportData } from '@cakupan/print';
import { fieldProgressTotal, type FieldProgressRow, type Store } from '@cakupan/store';

/** What a report is made with besides the store's figures: who speaks (the region's settings in force) and whether it is a draft. */
export interface MonthlyReportContext {
  settings: ResolvedRegionSettings;
  status: MonthlyReportData['status'];
  /** When the report is made (ISO date in the service's time zone). */
  generatedOn: string;
  /** Whether the reader sees the whole store (an administrator): else the whole store's linkage and rejected rows are left out. */
  wholeStore?: boolean;
}

/**
 * A monthly report's letter number: `LB/<city digits>/<year>/<month>`, a region below a city with
 * its own code's digits, a revision after the first with `-R<n>`.
 *
 * @example
 * reportNumber('32.76', '2026-11', 1) //=> 'LB/3276/2026/11'
 * reportNumber('32.76.01', '2026-11', 2) //=> 'LB/327601/2026/11-R2'
 */
export function reportNumber(regionCode: string, month: string, revision: number): string {
  return `LB/${regionCode.replaceAll('.', '')}/${month.slice(0, 4)}/${month.slice(5, 7)}${revision > 1 ? `-R${revision}` : ''}`;
}

/**
 * Gathers the report of `region` for `month` (`YYYY-MM`).
 *
 * @returns `undefined` when the store holds no resident of the region
 */
export async function monthlyReportData(
  store: Pick<Store, 'regionsOnDates' | 'quality' | 'compliance' | 'dataAsOf' | 'field' | 'boundaries'>,
  region: { code: string; level: RegionLevel },
  month: string,
  ctx: MonthlyReportContext,
): Promise<MonthlyReportData | undefined> {
  const wholeStore = ctx.wholeStore ?? true;
  const asOf = monthEnd(month);
  const childLevel = childLevelOf(region.level) ?? null;
  const grandchildLevel = (childLevel && childLevelOf(childLevel)) ?? null;
  const dates = trendMonthEnds(asOf);
  const previousAsOf = dates[dates.length - 2]!;
  const within = (r: { code: string }) => isBelowRegion(r.code, region.code);
  const byDate = await store.regionsOnDates(dates);
  const regions = byDate.at(-1)!;
  const current = regions.find((r) => r.code === region.code);
  if (!current) return undefined;
  const trend = dates.map((d, i) => {
    const row = byDate[i]!.find((r) => r.code === region.code);
    return { asOf: d, ratio: row?.ratio ?? null, covered: row?.covered ?? 0, eligible: row?.eligible ?? 0, workerRatio: row?.workerRatio ?? null };
  });
  const previous = byDate.at(-2)!.find((r) => r.code === region.code) ?? null;
  const mapArea = mapAreaOf(region.code);
  const [{ report, regions: quality }, compliance, dataAsOf, field, boundaries] = await Promise.all([
    // the region's quality counts, its RTs and the linkage, from one pass over the records
    store.quality({ asOf, levels: [...new Set([region.level, 'rt' as const])] }),
    childLevel ? store.compliance([region.level, childLevel]) : store.compliance([region.level]),
    store.dataAsOf(region.code),
    childLevel ? store.field.progress(region.code) : undefined,
    region.level === 'province' ? undefined : store.boundaries.for(lineageOf(mapArea)),
  ]);
  const own = quality.find((q) => q.code === region.code);
  const children = childLevel ? regions.filter((r) => r.level === childLevel && within(r)) : [];
  const grandchildren = grandchildLevel ? regions.filter((r) => r.level === grandchildLevel && within(r)) : [];
  const employerRows = childLevel ? compliance.regions.filter((r) => r.level === childLevel && within(r)) : [];
  const ownEmployers = compliance.regions.find((r) => r.code === region.code);
  const revision = ctx.status.kind === 'approved' ? ctx.status.revision : 1;
  const s = ctx.settings;
  return {
    region: { code: region.code, level: region.level, name: current.name ?? region.code },
    asOf,
    current,
    previous,
    previousAsOf,
    trend,
    childLevel,
    children,
    previousChildren: childLevel ? byDate.at(-2)!.filter((r) => r.level === childLevel && within(r)) : [],
    grandchildLevel,
    grandchildren,
    employers: employerRows.map((r) => ({ code: r.code, name: r.name, employers: r.employers, unregistered: r.employers - r.registered })),
    employersTotal: { employers: ownEmployers?.employers ?? 0, unregistered: (ownEmployers?.employers ?? 0) - (ownEmployers?.registered ?? 0) },
    field: fieldRows(field?.rows ?? []),
    dataAsOf,
    quality: {
      underAge: own?.underAge ?? 0,
      multipleActiveAccounts: own?.multipleActiveAccounts ?? 0,
      birthDateMismatches: own?.birthDateMismatches ?? 0,
      birthDatesFromNik: own?.birthDatesFromNik ?? 0,
      notInRegister: wholeStore ? report.linkage.notInRegister : null,
      rejectedResidents: wholeStore ? report.records.residents.rejected : null,
      rejectedParticipants: wholeStore ? report.records.participants.rejected : null,
      cellsOver100: report.regions.filter((r) => r.level === 'rt' && within(r) && r.covered > r.eligible).length,
    },
    generatedOn: ctx.generatedOn,
    settings: { issuer: s.issuer, letterhead: s.letterhead, logo: s.logo ?? null, addressee: s.addressee, signatory: s.signatory ?? null, target: s.target, language: s.language },
    number: reportNumber(region.code, month, revision),
    status: ctx.status,
    map: boundaries ? mapOf(boundaries.geojson, boundaries.attribution, mapArea) : null,
  };
}

/** The villages of `area` from a stored FeatureCollection, as the report draws them. */
function mapOf(geojson: string, attribution: string, area: string): MonthlyReportData['map'] {
  const doc = JSON.parse(geojson) as { features: { properties: { code: string }; geometry: { type: string; coordinates: unknown } }[] };
  const features = doc.features
    .filter((f) => isWithinRegion(f.properties.code, area))
    .map((f) => ({ code: f.properties.code, polygons: (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as [number, number][][][] }));
  return { attribution, features };
}

/** The stickering's rows and total for the report, or `null` when nothing was printed or visited. */
function fieldRows(rows: readonly FieldProgressRow[]): MonthlyReportData['field'] {
  if (rows.length === 0) return null;
  const pick = (r: Omit<FieldProgressRow, 'code'>) => ({ printed: r.printed, installed: r.installed, notInstalled: r.notInstalled, toReplace: r.toReplace, visited: r.visited, followUpsDue: r.followUpsDue });
  return { rows: rows.map((r) => ({ code: r.code, name: regionName(r.code) ?? null, ...pick(r) })), total: pick(fieldProgressTotal(rows)) };
}
