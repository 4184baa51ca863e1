/**
 * What to doubt in a region's figures: the records rejected at import, the participants the
 * register does not hold, and per region one level down the residents under 18 with an active
 * account, with several active accounts, or whose register birth date differs from their NIK's;
 * and the cells over 100 % (none can be: a check that finds one says the data broke that rule).
 */
import { childLevelOf, isWithinRegion, type Region, type RegionLevel, type RegionQuality } from '@cakupan/core';
import type { Store } from '@cakupan/store';

/** A region's quality counts. */
export interface QualityCounts {
  eligible: number;
  covered: number;
  underAge: number;
  multipleActiveAccounts: number;
  birthDateMismatches: number;
  birthDatesFromNik: number;
  cellsOver100: number;
}

/** {@link regionQuality}'s answer. */
export interface RegionQualityReport {
  region: { code: string; level: RegionLevel };
  asOf: string;
  records: { residents: { read: number; used: number; rejected: number }; participants: { read: number; used: number; rejected: number } };
  linkage: { notInRegister: number; underAge: number; multipleActiveAccounts: number; personsWithOnlyInactiveAccounts: number; birthDateMismatches: number; birthDatesFromNik: number };
  quality: QualityCounts;
  children: (QualityCounts & { code: string; level: RegionLevel; name: string | null })[];
}

/**
 * The quality of `region` on `asOf`, from one pass over the stored records.
 *
 * @returns `undefined` when the store holds no resident of the region
 */
export async function regionQuality(store: Pick<Store, 'quality'>, region: Region, asOf: string): Promise<RegionQualityReport | undefined> {
  const childLevel = childLevelOf(region.level);
  const levels = [...new Set([region.level, ...(childLevel ? [childLevel] : []), 'rt' as const])];
  const { report, regions: quality } = await store.quality({ asOf, levels });
  const coverageOf = new Map(report.regions.map((r) => [r.code, r]));
  if (!coverageOf.has(region.code)) return undefined;
  const qualityOf = new Map(quality.map((q) => [q.code, q]));
  const overs = report.regions.filter((r) => r.level === 'rt' && r.covered > r.eligible).map((r) => r.code);
  const row = (code: string): QualityCounts => {
    const c = coverageOf.get(code);
    const q: Partial<RegionQuality> = qualityOf.get(code) ?? {};
    return {
      eligible: c?.eligible ?? 0,
      covered: c?.covered ?? 0,
      underAge: q.underAge ?? 0,
      multipleActiveAccounts: q.multipleActiveAccounts ?? 0,
      birthDateMismatches: q.birthDateMismatches ?? 0,
      birthDatesFromNik: q.birthDatesFromNik ?? 0,
      cellsOver100: overs.filter((rt) => isWithinRegion(rt, code)).length,
    };
  };
  const children = childLevel
    ? report.regions.filter((r) => r.level === childLevel && r.parentCode === region.code).map((r) => ({ code: r.code, level: r.level, name: r.name, ...row(r.code) }))
    : [];
  const { linkage, records } = report;
  return {
    region: { code: region.code, level: region.level },
    asOf,
    records,
    linkage: {
      notInRegister: linkage.notInRegister,
      underAge: linkage.underAge,
      multipleActiveAccounts: linkage.multipleActiveAccounts,
      personsWithOnlyInactiveAccounts: linkage.personsWithOnlyInactiveAccounts,
      birthDateMismatches: linkage.birthDateMismatches,
      birthDatesFromNik: linkage.birthDatesFromNik,
    },
    quality: row(region.code),
    children,
  };
}
