/**
 * The API's answers the page reads (the service's OpenAPI at /openapi.json is their contract); type
 * imports only, nothing of the store is bundled.
 */

export type Segment = 'PU' | 'BPU' | 'JAKON' | 'PMI';
export const SEGMENTS: readonly Segment[] = ['PU', 'BPU', 'JAKON', 'PMI'];

export interface RegionRef {
  code: string;
  level: string;
  name: string | null;
}

export interface Figures {
  eligible: number;
  covered: number;
  ratio: number | null;
  bySegment: Record<Segment, number>;
}

export interface Change {
  covered: number;
  ratioPoints: number | null;
}

export interface Me {
  label: string;
  admin: boolean;
  scope: RegionRef | null;
  home: RegionRef | null;
  cities: RegionRef[];
  dataDate: string;
}

export interface Overview {
  region: RegionRef;
  asOf: string;
  coverage: Figures;
  previous: Figures & { asOf: string };
  change: Change;
  children: (Figures & RegionRef & { previous: Figures; change: Change })[];
  dataAsOf: {
    residents: { asOf: string | null; importedAt: string } | null;
    participants: { asOf: string | null; importedAt: string } | null;
    lastEventAt: string | null;
  };
}

export interface SeriesAnswer {
  region: string;
  points: { asOf: string; region: (Figures & RegionRef) | null; children: (Figures & RegionRef)[] }[];
}

export interface CoverageAnswer {
  asOf: string;
  regions: (Figures & RegionRef & { residents: number; parentCode: string })[];
}

/** An employer of the worklist and an import of the history: the store's own types, as the API sends them. */
export type { EmployerRow, ImportPreview, ImportRecord as ImportRow } from '@cakupan/store';

export interface QualityCounts {
  eligible: number;
  covered: number;
  underAge: number;
  multipleActiveAccounts: number;
  birthDateMismatches: number;
  birthDatesFromNik: number;
  cellsOver100: number;
}

export interface Quality {
  region: { code: string; level: string };
  asOf: string;
  records: { residents: { read: number; used: number; rejected: number }; participants: { read: number; used: number; rejected: number } };
  linkage: { notInRegister: number; underAge: number; multipleActiveAccounts: number; personsWithOnlyInactiveAccounts: number; birthDateMismatches: number; birthDatesFromNik: number };
  quality: QualityCounts;
  children: (QualityCounts & RegionRef)[];
}
