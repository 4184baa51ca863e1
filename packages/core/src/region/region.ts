/**
 * Kemendagri region codes (kode wilayah) and the neighbourhood units below a village.
 *
 * A region code is `PP.KK.CC.DDDD`: province (2 digits, 11–99), regency/city (2: kabupaten 01–69,
 * kota 71–99), district (kecamatan, 2) and village (4, first digit 1 = kelurahan, 2 = desa,
 * 3 = desa adat). It is written with or without dots (`32.71.01.1001` = `3271011001`); cakupan
 * always outputs the dotted form. Statistics Indonesia (BPS) numbers regions differently: never
 * mix the two.
 *
 * Below a village: the RW (rukun warga, a community unit) and inside it the RT (rukun tetangga,
 * a neighbourhood unit), numbered 1–999 and written with three digits. cakupan codes them as
 * `<village>.<rw>` and `<village>.<rw>.<rt>`, e.g. `32.71.01.1001.003.005` for RT 005/RW 003.
 */
import { z } from 'zod';
import { KOTA_BOGOR_REGIONS } from './data/kotaBogor.js';
import { registeredRegions } from './regionTable.js';
import type { Issue } from '../issue/issue.js';
import { REGION_LEVELS, type RegionLevel } from './levels.js';
import { levelOfCode } from './levelOfCode.js';

export { REGION_LEVELS, type RegionLevel } from './levels.js';
/** Zod schema of a {@link RegionLevel}. */
export const regionLevelSchema = z.enum(REGION_LEVELS);

/** A parsed region code. All codes are dotted. */
export interface Region {
  /** The dotted code, e.g. `32.71.01.1001`. */
  readonly code: string;
  readonly level: RegionLevel;
  /** The name where cakupan knows it (Kota Bogor's regions), else `undefined`. */
  readonly name: string | undefined;
  /** The dotted code of the enclosing region; `undefined` for a province. */
  readonly parentCode: string | undefined;
  /** Codes of the enclosing regions from the province down (excluding this one). */
  readonly ancestors: readonly string[];
  readonly provinceCode: string;
  readonly cityCode?: string;
  /** `kabupaten` (regency, 01–69) or `kota` (city, 71–99). */
  readonly cityKind?: 'kabupaten' | 'kota';
  readonly districtCode?: string;
  readonly villageCode?: string;
  /** `kelurahan` (1xxx), `desa` (2xxx) or `desa-adat` (3xxx). */
  readonly villageKind?: 'kelurahan' | 'desa' | 'desa-adat';
  /** RW number (1–999) for `rw` and `rt` codes. */
  readonly rw?: number;
  /** RT number (1–999) for `rt` codes. */
  readonly rt?: number;
}

/** Why a region code is invalid. */
export type RegionIssueCode =
  | 'invalid_type'
  | 'invalid_format'
  | 'invalid_province'
  | 'invalid_city'
  | 'invalid_district'
  | 'invalid_village'
  | 'invalid_rw'
  | 'invalid_rt';

/** Why a region code is invalid, in cakupan's one issue shape (`path` is empty: the code as a whole). */
export type RegionIssue = Issue<RegionIssueCode>;

/** Result of {@link parseRegionCode}. */
export type ParseRegionResult =
  | { readonly success: true; readonly data: Region }
  | { readonly success: false; readonly issues: readonly RegionIssue[] };

const BUILT_IN: ReadonlyMap<string, string> = new Map(KOTA_BOGOR_REGIONS);

/** The name of a dotted code: from the registered table (`@cakupan/core/regions`), else built in. */
function nameOf(code: string): string | undefined {
  const table = registeredRegions();
  return table ? table.name(code) : BUILT_IN.get(code);
}
const DOTTED = /^(\d{2})(?:\.(\d{2})(?:\.(\d{2})(?:\.(\d{4})(?:\.(\d{1,3})(?:\.(\d{1,3}))?)?)?)?)?$/;
const UNDOTTED_LENGTHS = new Set([2, 4, 6, 10, 13, 16]);

/**
 * Parses a Kemendagri region code, or an RW/RT code below a village, with or without dots.
 *
 * Accepted: `32`, `32.71`, `32.71.01`, `32.71.01.1001`, `32.71.01.1001.003`,
 * `32.71.01.1001.003.005` and the same digits without dots (2, 4, 6, 10, 13 or 16 digits; RW and
 * RT then take 3 digits each). Dotted RW/RT parts may have 1–3 digits. Checks: province 11–99,
 * regency/city 01–99, district 01–99, village 0001–9999 with a first digit of 1–3, RW and RT 1–999.
 *
 * Limits: a well-formed code is not checked against the national table; `name` is known for
 * Kota Bogor, and for all of Indonesia after `useAllRegions()` from `@cakupan/core/regions`;
 * it is `undefined` for other codes and for every RW/RT.
 *
 * @example
 * parseRegionCode('3271011001') // data.code === '32.71.01.1001', data.level === 'village'
 * parseRegionCode('32.71.01.1001.3.5') // data.code === '32.71.01.1001.003.005', level 'rt'
 */
export function parseRegionCode(input: unknown): ParseRegionResult {
  if (typeof input !== 'string') {
    return fail({ path: [], code: 'invalid_type', message: `region code must be a string, got ${typeof input}` });
  }
  const text = input.trim();
  let parts: (string | undefined)[];
  if (text.includes('.')) {
    const m = DOTTED.exec(text);
    if (!m) return fail(formatIssue(input));
    parts = m.slice(1);
  } else {
    if (!/^\d+$/.test(text) || !UNDOTTED_LENGTHS.has(text.length)) return fail(formatIssue(input));
    parts = [
      text.slice(0, 2),
      text.length >= 4 ? text.slice(2, 4) : undefined,
      text.length >= 6 ? text.slice(4, 6) : undefined,
      text.length >= 10 ? text.slice(6, 10) : undefined,
      text.length >= 13 ? text.slice(10, 13) : undefined,
      text.length >= 16 ? text.slice(13, 16) : undefined,
    ];
  }
  const [pp, kk, cc, dddd, rwText, rtText] = parts;
  const issues: RegionIssue[] = [];
  if (Number(pp) < 11) issues.push({ path: [], code: 'invalid_province', message: `province code ${pp} is not 11–99` });
  if (kk !== undefined && Number(kk) < 1) issues.push({ path: [], code: 'invalid_city', message: 'regency/city code 00 is not 01–99' });
  if (cc !== undefined && Number(cc) < 1) issues.push({ path: [], code: 'invalid_district', message: 'district code 00 is not 01–99' });
  if (dddd !== undefined && (dddd[0]! < '1' || dddd[0]! > '3')) {
    issues.push({ path: [], code: 'invalid_village', message: `village code ${dddd} must start with 1 (kelurahan), 2 (desa) or 3 (desa adat)` });
  }
  const rw = rwText === undefined ? undefined : Number(rwText);
  const rt = rtText === undefined ? undefined : Number(rtText);
  if (rw !== undefined && rw < 1) issues.push({ path: [], code: 'invalid_rw', message: 'RW must be 1–999' });
  if (rt !== undefined && rt < 1) issues.push({ path: [], code: 'invalid_rt', message: 'RT must be 1–999' });
  if (issues.length > 0) return { success: false, issues };

  const chain: string[] = [pp!];
  if (kk !== undefined) chain.push(`${chain[0]}.${kk}`);
  if (cc !== undefined) chain.push(`${chain[1]}.${cc}`);
  if (dddd !== undefined) chain.push(`${chain[2]}.${dddd}`);
  if (rw !== undefined) chain.push(`${chain[3]}.${pad3(rw)}`);
  if (rt !== undefined) chain.push(`${chain[4]}.${pad3(rt)}`);
  const code = chain[chain.length - 1]!;
  const level = REGION_LEVELS[chain.length - 1]!;
  const region: Region = {
    code,
    level,
    name: nameOf(code),
    parentCode: chain.length > 1 ? chain[chain.length - 2] : undefined,
    ancestors: chain.slice(0, -1),
    provinceCode: chain[0]!,
    ...(kk !== undefined && { cityCode: chain[1]!, cityKind: Number(kk) >= 71 ? ('kota' as const) : ('kabupaten' as const) }),
    ...(cc !== undefined && { districtCode: chain[2]! }),
    ...(dddd !== undefined && {
      villageCode: chain[3]!,
      villageKind: dddd[0] === '1' ? ('kelurahan' as const) : dddd[0] === '2' ? ('desa' as const) : ('desa-adat' as const),
    }),
    ...(rw !== undefined && { rw }),
    ...(rt !== undefined && { rt }),
  };
  return { success: true, data: Object.freeze(region) };
}

/**
 * Normalises a region code to its dotted form.
 *
 * @throws {RangeError} when the code is invalid (the message says why)
 * @example
 * toDottedRegionCode('3271011001') //=> '32.71.01.1001'
 */
export function toDottedRegionCode(code: string): string {
  const r = parseRegionCode(code);
  if (!r.success) throw new RangeError(`invalid region code ${JSON.stringify(code)}: ${r.issues.map((i) => i.message).join('; ')}`);
  return r.data.code;
}

/**
 * The name of a region where cakupan knows it (Kota Bogor's province, city, districts and
 * villages; all of Indonesia after `useAllRegions()` from `@cakupan/core/regions`), else
 * `undefined`. Accepts dotted or undotted codes; never throws.
 *
 * @example
 * regionName('3271011001') //=> 'Batu Tulis'
 */
export function regionName(code: string): string | undefined {
  const direct = nameOf(code);
  if (direct !== undefined) return direct;
  const r = parseRegionCode(code);
  return r.success ? r.data.name : undefined;
}

/**
 * The dotted code of an RW (`<village>.<rw>`) or, with `rt`, an RT (`<village>.<rw>.<rt>`).
 *
 * @throws {RangeError} when the village code is invalid or RW/RT are not integers 1–999
 * @example
 * neighbourhoodCode('3271011001', 3, 5) //=> '32.71.01.1001.003.005'
 */
export function neighbourhoodCode(villageCode: string, rw: number, rt?: number): string {
  const r = parseRegionCode(villageCode);
  if (!r.success || r.data.level !== 'village') throw new RangeError(`not a village code: ${JSON.stringify(villageCode)}`);
  if (!isUnitNumber(rw)) throw new RangeError(`rw must be an integer 1–999, got ${rw}`);
  if (rt !== undefined && !isUnitNumber(rt)) throw new RangeError(`rt must be an integer 1–999, got ${rt}`);
  return rt === undefined ? `${r.data.code}.${pad3(rw)}` : `${r.data.code}.${pad3(rw)}.${pad3(rt)}`;
}

/**
 * Every region cakupan has a name for, in code order: Kota Bogor's province, city, 6 districts and
 * 68 villages, or, after `useAllRegions()`, all of Indonesia's.
 */
export function knownRegions(): readonly { code: string; name: string; level: RegionLevel }[] {
  const table = registeredRegions();
  const pairs: readonly (readonly [string, string])[] = table ? table.codes().map((code) => [code, table.name(code)!] as const) : KOTA_BOGOR_REGIONS;
  return pairs.map(([code, name]) => ({ code, name, level: levelOfCode(code) }));
}

/**
 * The regions one level below `code` that cakupan has a name for, in code order: a province's
 * regencies and cities, a city's districts, a district's villages (all of Indonesia after
 * `useAllRegions()`, else Kota Bogor's). Below a village there is no national table (RW and RT come
 * with each address): the answer is empty. Accepts dotted or undotted codes.
 *
 * @throws {RangeError} when `code` is not a region code
 * @example
 * childRegions('32.71').map((r) => r.code) //=> ['32.71.01', '32.71.02', '32.71.03', '32.71.04', '32.71.05', '32.71.06']
 */
export function childRegions(code: string): readonly { code: string; name: string; level: RegionLevel }[] {
  const r = parseRegionCode(code);
  if (!r.success) throw new RangeError(`not a region code: ${JSON.stringify(code)}`);
  const parent = r.data;
  if (parent.level === 'village' || parent.level === 'rw' || parent.level === 'rt') return [];
  const table = registeredRegions();
  const length = { province: 5, city: 8, district: 13 }[parent.level];
  const below = (all: readonly string[]) => all.filter((c) => c.length === length && c.startsWith(`${parent.code}.`));
  // a table registered by an older copy of core (the table is shared on globalThis) may not index children
  const codes = table ? (typeof table.childrenOf === 'function' ? table.childrenOf(parent.code) : below(table.codes())) : below(KOTA_BOGOR_REGIONS.map(([c]) => c));
  return codes.map((c) => ({ code: c, name: regionName(c)!, level: levelOfCode(c) }));
}

/**
 * Reads an RW or RT number: an integer 1–999 or a string of 1–3 digits such as `"003"`.
 * Returns `undefined` for anything else.
 *
 * @example
 * parseUnitNumber('005') //=> 5
 * parseUnitNumber('0') //=> undefined
 */
export function parseUnitNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return isUnitNumber(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const len = value.length;
  if (len < 1 || len > 3) return undefined;
  let n = 0;
  for (let i = 0; i < len; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    n = n * 10 + d;
  }
  return n >= 1 ? n : undefined;
}

/** Zod schema of an RW/RT number (1–999, as number or 1–3 digit string), output as a number. */
export const unitNumberSchema = z
  .union([z.number(), z.string()])
  .transform((v, ctx) => {
    const n = parseUnitNumber(v);
    if (n === undefined) {
      ctx.addIssue({ code: 'custom', message: 'must be an integer 1–999 (e.g. 3 or "003")' });
      return z.NEVER;
    }
    return n;
  });

/**
 * A region code of any level, province to RT, dotted or not: the one check of region parameters.
 * Output: the parsed region (its dotted `code`, `level`, `name`, ancestors).
 *
 * @example
 * regionCodeSchema.parse('3271011001').code //=> '32.71.01.1001'
 */
export const regionCodeSchema = z.string().transform((v, ctx): Region => {
  const r = parseRegionCode(v);
  if (!r.success) {
    ctx.addIssue({ code: 'custom', message: r.issues[0]!.message, params: { code: 'invalid_format' } });
    return z.NEVER;
  }
  return r.data;
});

/** Zod schema of a village code (dotted or not), output dotted. */
export const villageCodeSchema = z.string().transform((v, ctx) => {
  const r = parseRegionCode(v);
  if (!r.success || r.data.level !== 'village') {
    ctx.addIssue({
      code: 'custom',
      message: r.success ? `${r.data.code} is a ${r.data.level} code, not a village code` : r.issues[0]!.message,
    });
    return z.NEVER;
  }
  return r.data.code;
});

/** @internal */
export function pad3(n: number): string {
  return n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n);
}

function isUnitNumber(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 999;
}

function formatIssue(input: string): RegionIssue {
  return {
    path: [],
    code: 'invalid_format',
    message: `region code ${JSON.stringify(input.length > 30 ? `${input.slice(0, 30)}…` : input)} is not PP[.KK[.CC[.DDDD[.RW[.RT]]]]] (with or without dots)`,
  };
}

function fail(issue: RegionIssue): ParseRegionResult {
  return { success: false, issues: [issue] };
}
