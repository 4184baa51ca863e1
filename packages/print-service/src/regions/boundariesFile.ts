/**
 * A region's village boundaries as a GIS office hands them over (a GeoJSON FeatureCollection),
 * checked and made ready for the browser: each feature's Kemendagri code read from its properties
 * and checked against the region table (matched on code, never on name), polygons only, rings
 * wound as RFC 7946 says, `[lat, lng]` files turned round, simplified with `@turf/simplify`
 * (Douglas–Peucker) and coordinates rounded to 6 decimals (about 0.1 m). What is not kept is
 * reported with the feature's position and why; the region's villages without a boundary are listed.
 */
import { childRegions, isBelowRegion, parseRegionCode, regionName } from '@cakupan/core';
import { simplify } from '@turf/simplify';

/** Property names a village's code is found under, in the order tried (case-insensitive): BIG's `KDEPUM`, common exports' `kode`, … */
const CODE_PROPERTIES = ['code', 'kode', 'kode_wilayah', 'kode_kel', 'kode_desa', 'kd_kel', 'kdepum', 'kode_kemendagri', 'id'];
/** Foreign members or properties of the collection that carry its licence or attribution. */
const ATTRIBUTION_MEMBERS = ['attribution', 'license', 'licence', 'copyright', 'source'];

type Ring = [number, number][];
type Polygon = Ring[];

export interface BoundariesFile {
  /** The FeatureCollection to keep (properties: code, name, district_code), serialised. */
  geojson: string;
  features: number;
  points: { before: number; after: number };
  /** The file's own attribution or licence text, if it has one. */
  attribution: string | undefined;
  /** Whether the file's coordinates were `[lat, lng]` and were turned round. */
  swapped: boolean;
  unmatched: { feature: number; code: string | null; reason: string }[];
  missing: { code: string; name: string }[];
}

/** A file that is not a GeoJSON FeatureCollection at all. */
export class BoundariesFormatError extends Error {}

/**
 * Checks `text` (the file) for `regionCode` (a city/regency or district, dotted).
 *
 * @param tolerance Douglas–Peucker tolerance in degrees; default a third of a pixel of the whole
 *   region drawn 1,000 pixels wide (its extent / 3,000: about 5 m for a city, 30 m for a regency),
 *   so that the map looks the same and the browser gets fewer points
 * @throws {BoundariesFormatError} when the file is not JSON or not a FeatureCollection
 */
export function checkBoundaries(text: string, regionCode: string, tolerance?: number): BoundariesFile {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new BoundariesFormatError(`not JSON: ${(err as Error).message}`);
  }
  if (!isObject(doc) || doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) throw new BoundariesFormatError('not a GeoJSON FeatureCollection (RFC 7946)');
  const attribution = ATTRIBUTION_MEMBERS.map((k) => (isObject(doc) ? (doc[k] ?? (isObject(doc.properties) ? doc.properties[k] : undefined)) : undefined)).find((v): v is string => typeof v === 'string' && v.trim() !== '');
  const unmatched: BoundariesFile['unmatched'] = [];
  const kept = new Map<string, { polygons: Polygon[] }>();
  const swapped = looksSwapped(doc.features);
  let before = 0;
  doc.features.forEach((f: unknown, i: number) => {
    const feature = i + 1;
    if (!isObject(f) || !isObject(f.geometry)) return unmatched.push({ feature, code: null, reason: 'no geometry' });
    const raw = codeOf(f.properties);
    if (raw === undefined) return unmatched.push({ feature, code: null, reason: `no village code in its properties (looked for ${CODE_PROPERTIES.join(', ')})` });
    const parsed = parseRegionCode(raw);
    if (!parsed.success) return unmatched.push({ feature, code: raw, reason: parsed.issues[0]!.message });
    const code = parsed.data.code;
    if (parsed.data.level !== 'village') return unmatched.push({ feature, code, reason: `a ${parsed.data.level}, not a village` });
    if (!isBelowRegion(code, regionCode)) return unmatched.push({ feature, code, reason: `not in ${regionCode}` });
    if (regionName(code) === undefined) return unmatched.push({ feature, code, reason: 'not in the region table (Kepmendagri): a retired or mistyped code?' });
    if (kept.has(code)) return unmatched.push({ feature, code, reason: 'a second boundary for the same village' });
    const polygons = polygonsOf(f.geometry, swapped);
    if (polygons === undefined) return unmatched.push({ feature, code, reason: `a ${String(f.geometry.type)}, not a Polygon or MultiPolygon with valid coordinates` });
    before += polygons.reduce((n, p) => n + p.reduce((m, r) => m + r.length, 0), 0);
    kept.set(code, { polygons });
  });
  let after = 0;
  const tol = tolerance ?? autoTolerance([...kept.values()].flatMap((k) => k.polygons));
  const features = [...kept].map(([code, { polygons }]) => {
    const geometry = polygons.length === 1 ? { type: 'Polygon' as const, coordinates: polygons[0]! } : { type: 'MultiPolygon' as const, coordinates: polygons };
    const simple = simplify({ type: 'Feature', properties: {}, geometry }, { tolerance: tol, highQuality: false, mutate: true }).geometry;
    const rounded = roundGeometry(simple);
    after += countPoints(rounded.coordinates);
    return { type: 'Feature', properties: { code, name: regionName(code)!, district_code: code.slice(0, 8) }, geometry: rounded };
  });
  const villages = villagesOf(regionCode);
  const missing = villages.filter((v) => !kept.has(v.code)).map((v) => ({ code: v.code, name: v.name }));
  return { geojson: JSON.stringify({ type: 'FeatureCollection', features }), features: features.length, points: { before, after }, attribution, swapped, unmatched, missing };
}

/** A third of a pixel of the polygons' extent drawn 1,000 pixels wide, between 0.00002° and 0.001°. */
function autoTolerance(polygons: readonly Polygon[]): number {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of polygons) for (const [x, y] of p[0]!) [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
  const extent = Math.max(maxX - minX, maxY - minY);
  return Number.isFinite(extent) ? Math.min(0.001, Math.max(0.00002, extent / 3000)) : 0.00005;
}

/** The villages of a city/regency or district, from the region table. */
function villagesOf(code: string): { code: string; name: string }[] {
  const level = parseRegionCode(code);
  if (!level.success) return [];
  if (level.data.level === 'district') return [...childRegions(code)];
  if (level.data.level === 'city') return childRegions(code).flatMap((d) => childRegions(d.code));
  return [];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function codeOf(properties: unknown): string | undefined {
  if (!isObject(properties)) return undefined;
  const lower = new Map(Object.entries(properties).map(([k, v]) => [k.toLowerCase(), v]));
  for (const name of CODE_PROPERTIES) {
    const v = lower.get(name);
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  }
  return undefined;
}

/** Whether the file's first coordinate reads as `[lat, lng]` in Indonesia (latitude −11…6, longitude 95…141) rather than `[lng, lat]`. */
function looksSwapped(features: unknown[]): boolean {
  for (const f of features) {
    const first = isObject(f) && isObject(f.geometry) ? firstPosition(f.geometry.coordinates) : undefined;
    if (first) return Math.abs(first[0]) <= 12 && first[1] >= 94 && first[1] <= 142;
  }
  return false;
}

function firstPosition(c: unknown): [number, number] | undefined {
  let v = c;
  while (Array.isArray(v) && Array.isArray(v[0])) v = v[0];
  return Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'number' ? [v[0], v[1]] : undefined;
}

/** A Polygon's or MultiPolygon's rings as `[lng, lat]`, outer rings anticlockwise and holes clockwise; `undefined` if it is anything else. */
function polygonsOf(geometry: Record<string, unknown>, swapped: boolean): Polygon[] | undefined {
  const raw = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : undefined;
  if (!Array.isArray(raw) || raw.length === 0) return undefined;
  const polygons: Polygon[] = [];
  for (const p of raw) {
    if (!Array.isArray(p) || p.length === 0) return undefined;
    const rings: Polygon = [];
    for (const [k, r] of p.entries()) {
      if (!Array.isArray(r) || r.length < 4) return undefined;
      const ring: Ring = [];
      for (const pos of r) {
        if (!Array.isArray(pos) || typeof pos[0] !== 'number' || typeof pos[1] !== 'number' || !Number.isFinite(pos[0]) || !Number.isFinite(pos[1])) return undefined;
        ring.push(swapped ? [pos[1], pos[0]] : [pos[0], pos[1]]);
      }
      const [a, b] = [ring[0]!, ring.at(-1)!];
      if (a[0] !== b[0] || a[1] !== b[1]) ring.push([a[0], a[1]]); // closed, as RFC 7946 wants
      const anticlockwise = signedArea(ring) > 0;
      rings.push(anticlockwise === (k === 0) ? ring : ring.reverse());
    }
    polygons.push(rings);
  }
  return polygons;
}

/** Twice the ring's signed area (shoelace): positive when it runs anticlockwise. */
function signedArea(ring: Ring): number {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) s += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return s;
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

function roundGeometry<G extends { type: string; coordinates: unknown }>(g: G): G {
  const r = (c: unknown): unknown => (typeof (c as unknown[])[0] === 'number' ? (c as number[]).map(round6) : (c as unknown[]).map(r));
  return { ...g, coordinates: r(g.coordinates) };
}

function countPoints(c: unknown): number {
  return typeof (c as unknown[])[0] === 'number' ? 1 : (c as unknown[]).reduce<number>((n, x) => n + countPoints(x), 0);
}
