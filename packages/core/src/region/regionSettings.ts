/**
 * A city's or regency's own settings: who issues its stickers and signs its reports, its
 * letterhead (*kop surat*), its target, the language of its official text. Set for a province or a
 * city/regency; a region takes, field by field, the nearest setting above it, else a default that
 * follows the region itself ("Pemerintah Kabupaten Bogor", "Yth. Bupati Bogor").
 */
import { DEFAULT_TARGET_PERCENT, DEFAULT_TARGET_SOURCE } from '../coverage/target.js';
import type { Language } from '../date/monthName.js';
import { lineageOf } from './levelOfCode.js';
import { bareGovernmentName, governmentOf, headOfRegionTitle } from './regionWords.js';

/** Who signs a report: the head of the office (Kepala Dinas) or a deputy. A civil servant's NIP is 18 digits. */
export interface Signatory {
  readonly name: string;
  /** "Kepala Dinas Tenaga Kerja Kota Depok". */
  readonly title: string;
  /** Nomor Induk Pegawai (civil servant number), 18 digits. */
  readonly nip?: string | undefined;
}

/** The office's logo for the letterhead: a PNG or JPEG, base64. */
export interface Logo {
  readonly mediaType: 'image/png' | 'image/jpeg';
  readonly data: string;
}

/** What an administrator sets for a region; every field may be left to the region above or the default. */
export interface RegionSettings {
  /** Printed on stickers ("Diterbitkan oleh …") and the verification page: "Pemerintah Kota Depok". */
  readonly issuer?: string | undefined;
  /** Whom to tell about a sticker that does not verify: an office and its number. */
  readonly contact?: string | undefined;
  /** The letterhead's lines, top to bottom: "PEMERINTAH KOTA DEPOK", "DINAS TENAGA KERJA", the address. */
  readonly letterhead?: readonly string[] | undefined;
  readonly logo?: Logo | undefined;
  /** To whom the monthly report is addressed: "Yth. Wali Kota Depok". */
  readonly addressee?: string | undefined;
  readonly signatory?: Signatory | undefined;
  /** The target the figures are read against, in %, and where it comes from. */
  readonly target?: { readonly percent: number; readonly source: string } | undefined;
  /** The language of official text (the report, the stickers' default). */
  readonly language?: Language | undefined;
}

/** The fields of {@link RegionSettings}, in the order an editor shows them. */
export const REGION_SETTING_FIELDS = ['issuer', 'contact', 'letterhead', 'logo', 'addressee', 'signatory', 'target', 'language'] as const satisfies readonly (keyof RegionSettings)[];
export type RegionSettingField = (typeof REGION_SETTING_FIELDS)[number];

/** The settings in force for a region: each field its own, an ancestor's or the default, and where it came from. */
export interface ResolvedRegionSettings {
  readonly issuer: string;
  readonly contact: string;
  readonly letterhead: readonly string[];
  readonly logo: Logo | undefined;
  readonly addressee: string;
  readonly signatory: Signatory | undefined;
  readonly target: { readonly percent: number; readonly source: string };
  readonly language: Language;
  /** Per field, the dotted code of the region whose setting is in force, `'deployment'` for the service's own configuration, or `null` for the default. */
  readonly from: Readonly<Record<RegionSettingField, string | null>>;
}

/**
 * The defaults of a region, from its city's or regency's name (`cityName`, as the region table
 * has it: "Kota Depok"): issuer "Pemerintah Kota Depok", contact "Dinas Tenaga Kerja Kota Depok",
 * the letterhead "PEMERINTAH KOTA DEPOK" / "DINAS TENAGA KERJA", addressee "Yth. Wali Kota Depok",
 * no signatory or logo, core's target, Indonesian. Above a city (a province's or the nation's
 * report): "Pemerintah Provinsi …" and "Yth. Gubernur …".
 *
 * @example
 * defaultRegionSettings('32.01', 'Kabupaten Bogor').addressee //=> 'Yth. Bupati Bogor'
 */
export function defaultRegionSettings(code: string, cityName: string | undefined): Omit<ResolvedRegionSettings, 'from'> {
  const head = headOfRegionTitle(code);
  const name = cityName ?? code;
  const government = head ? name : `Provinsi ${name}`;
  return {
    issuer: `Pemerintah ${government}`,
    contact: `Dinas Tenaga Kerja ${government}`,
    letterhead: [`PEMERINTAH ${government.toUpperCase()}`, 'DINAS TENAGA KERJA'],
    logo: undefined,
    addressee: head ? `Yth. ${head} ${bareGovernmentName(name)}` : `Yth. Gubernur ${name}`,
    signatory: undefined,
    target: { percent: DEFAULT_TARGET_PERCENT, source: DEFAULT_TARGET_SOURCE },
    language: 'id',
  };
}

/**
 * The settings in force for `code` (any level, dotted): per field, the nearest of its own region's
 * and its ancestors' settings in `set` (dotted code → settings), else the deployment's own
 * (`deployment`: a service's configuration), else the default of {@link defaultRegionSettings}.
 *
 * @param governmentName the name of the city/regency (or province) the defaults speak for
 * @example
 * resolveRegionSettings('32.76.01.1001', new Map([['32.76', { issuer: 'Pemkot Depok' }]]), 'Kota Depok').issuer //=> 'Pemkot Depok'
 */
export function resolveRegionSettings(code: string, set: ReadonlyMap<string, RegionSettings>, governmentName: string | undefined, deployment: RegionSettings = {}): ResolvedRegionSettings {
  const lineage = lineageOf(code);
  const defaults = defaultRegionSettings(governmentOf(code), governmentName);
  const from = {} as Record<RegionSettingField, string | null>;
  const chosen: Record<string, unknown> = {};
  for (const field of REGION_SETTING_FIELDS) {
    const source = [...lineage].reverse().find((c) => set.get(c)?.[field] !== undefined);
    const configured = source === undefined && deployment[field] !== undefined;
    from[field] = source ?? (configured ? 'deployment' : null);
    chosen[field] = source ? set.get(source)![field] : configured ? deployment[field] : defaults[field];
  }
  return { ...(chosen as Omit<ResolvedRegionSettings, 'from'>), from };
}
