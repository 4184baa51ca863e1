/**
 * What the monthly report prints: gathered from the store by the monitoring use-case
 * (`@cakupan/monitoring`'s `monthlyReportData`), drawn by {@link renderMonthlyReport}.
 */
import type { Language, Logo, RegionCoverage, RegionLevel, Signatory } from '@cakupan/core';

/** One region's stickering in the report. */
export interface FieldRow {
  code: string;
  name: string | null;
  printed: number;
  installed: number;
  notInstalled: number;
  toReplace: number;
  visited: number;
  followUpsDue: number;
}

export interface MonthlyReportData {
  region: { code: string; level: RegionLevel; name: string };
  /** The month's last day, ISO. */
  asOf: string;
  current: RegionCoverage;
  previous: RegionCoverage | null;
  previousAsOf: string;
  /** 24 month-ends up to `asOf` (with the workers' coverage where the register records occupations; absent in reports approved before it was kept). */
  trend: { asOf: string; ratio: number | null; covered: number; eligible: number; workerRatio?: number | null }[];
  /** The rows one level down at the month before's end (what the narrative compares with). */
  previousChildren: RegionCoverage[];
  /** The level one down (e.g. district) and its rows; `null` for an RT. */
  childLevel: RegionLevel | null;
  children: RegionCoverage[];
  /** The level two down (e.g. village) and its rows grouped under `children`. */
  grandchildLevel: RegionLevel | null;
  grandchildren: RegionCoverage[];
  /** Unregistered employers per child region (and the total), from the employers export and events. */
  employers: { code: string; name: string | null; employers: number; unregistered: number }[];
  employersTotal: { employers: number; unregistered: number };
  /**
   * The stickering per child region (and the total), as the register holds it when the report is
   * made: printed, put up, not yet, revoked but still up; employers visited, follow-ups due. `null`
   * for an RT or when nothing was printed or visited.
   */
  field: { rows: FieldRow[]; total: Omit<FieldRow, 'code' | 'name'> } | null;
  /** The dates the figures stand on (the store's `dataAsOf`). */
  dataAsOf: {
    residents: { asOf: string | null; importedAt: string } | null;
    participants: { asOf: string | null; importedAt: string } | null;
    lastEventAt: string | null;
  };
  /** `notInRegister` and the rejected rows are the whole store's: `null` in a report for a key of a region (they are not its region's). */
  quality: { underAge: number; multipleActiveAccounts: number; birthDateMismatches: number; birthDatesFromNik: number; notInRegister: number | null; rejectedResidents: number | null; rejectedParticipants: number | null; cellsOver100: number };
  /** When the report was made (ISO date in the service's time zone). */
  generatedOn: string;
  /** Who speaks and to whom: the region's settings in force when the report was made. */
  settings: {
    issuer: string;
    letterhead: readonly string[];
    logo: Logo | null;
    addressee: string;
    signatory: Signatory | null;
    target: { percent: number; source: string };
    language: Language;
  };
  /** The letter's number, e.g. `LB/3276/2026/11`; a revision's ends `-R2`. */
  number: string;
  /** A draft until a person approves it; then who approved it, when, and for a revision why. */
  status: { kind: 'draft' } | { kind: 'approved'; revision: number; approvedBy: string; approvedOn: string; reason: string | null };
  /**
   * The villages' boundaries for the map (rings of `[lng, lat]`), with their attribution; `null`
   * when the store holds none for the region (the report then has no map, and says so).
   */
  map: { attribution: string; features: { code: string; polygons: [number, number][][][] }[] } | null;
}
