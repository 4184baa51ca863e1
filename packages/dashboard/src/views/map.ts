/**
 * The villages (kelurahan) as a choropleth in the legend's colours, each a link into the
 * drill-down. Boundaries: `data/kota-bogor-kelurahan.geojson` (served with the page, credited on
 * the map); no map tiles, nothing fetched from elsewhere. A region without boundaries says so and
 * the tables still work.
 */
import { isWithinRegion, levelOfCode } from '@cakupan/core/lite';
import * as Plot from '@observablehq/plot';
import type { ViewContext } from '../context.js';
import { h } from '../dom.js';
import { formatCount, formatPercent } from '../format.js';
import { t } from '../i18n.js';
import { coverageBand, legend } from '../legend.js';
import { nameOf } from '../regions.js';

interface VillageFeature {
  type: 'Feature';
  properties: { code: string; name: string; district_code: string; centroid_lat: number; centroid_lng: number };
  geometry: unknown;
}

/**
 * The features with their rings reversed: GeoJSON (RFC 7946) winds outer rings anticlockwise, d3-geo
 * (spherical) reads a ring by the side on its right — anticlockwise would be the whole globe but
 * the village.
 */
function forD3(features: VillageFeature[]): VillageFeature[] {
  const rewind = (g: { type: string; coordinates: unknown }) => {
    if (g.type === 'Polygon') return { ...g, coordinates: (g.coordinates as number[][][]).map((ring) => [...ring].reverse()) };
    if (g.type === 'MultiPolygon') return { ...g, coordinates: (g.coordinates as number[][][][]).map((p) => p.map((ring) => [...ring].reverse())) };
    return g;
  };
  return features.map((f) => ({ ...f, geometry: rewind(f.geometry as { type: string; coordinates: unknown }) }));
}

let boundaries: Promise<VillageFeature[]> | undefined;
function villageBoundaries(): Promise<VillageFeature[]> {
  boundaries ??= fetch('data/kota-bogor-kelurahan.geojson')
    .then((r) => (r.ok ? (r.json() as Promise<{ features: VillageFeature[] }>) : { features: [] }))
    .then((g) => forD3(g.features))
    .catch(() => []);
  return boundaries;
}

export async function mapView(ctx: ViewContext): Promise<HTMLElement> {
  const level = levelOfCode(ctx.region);
  // a village is shown within its district
  const area = level === 'village' || level === 'rw' || level === 'rt' ? ctx.region.split('.').slice(0, 3).join('.') : ctx.region;
  const selected = level === 'village' || level === 'rw' || level === 'rt' ? ctx.region.split('.').slice(0, 4).join('.') : null;
  const [features, coverage] = await Promise.all([villageBoundaries(), ctx.api.coverage({ asOf: ctx.asOf, level: 'village', parent: area })]);
  const shown = features.filter((f) => isWithinRegion(f.properties.code, area));
  const section = h('section', { class: 'card map', 'aria-labelledby': 'map-title' }, h('h2', { id: 'map-title' }, t('mapTitle')));
  if (shown.length === 0) {
    section.append(h('p', {}, t('mapNone', { region: nameOf(area) })));
    return section;
  }
  const byCode = new Map(coverage.regions.map((r) => [r.code, r]));
  const label = (f: VillageFeature) => {
    const r = byCode.get(f.properties.code);
    return `${f.properties.name}: ${formatPercent(r?.ratio ?? null)} (${formatCount(r?.covered ?? 0)} / ${formatCount(r?.eligible ?? 0)})`;
  };
  const width = Math.min(900, Math.max(300, (document.querySelector('main')?.clientWidth ?? 640) - 32));
  const map = Plot.plot({
    ariaLabel: t('mapAlt', { n: shown.length, region: nameOf(area) }),
    width,
    height: Math.round(width * 1.05),
    projection: { type: 'mercator', domain: { type: 'FeatureCollection', features: shown } as never },
    marks: [
      Plot.geo(shown, {
        fill: (f: VillageFeature) => coverageBand(byCode.get(f.properties.code)?.ratio ?? null).fill,
        stroke: '#333333',
        strokeWidth: 0.6,
        href: (f: VillageFeature) => ctx.link({ region: f.properties.code, view: 'overview' }),
        ariaLabel: label,
        title: label,
      }),
      ...(selected ? [Plot.geo(shown.filter((f) => f.properties.code === selected), { stroke: '#000000', strokeWidth: 3, fill: 'none' })] : []),
      Plot.text(shown, {
        x: (f: VillageFeature) => f.properties.centroid_lng,
        y: (f: VillageFeature) => f.properties.centroid_lat,
        text: (f: VillageFeature) => (shown.length <= 20 ? f.properties.name : ''),
        fill: (f: VillageFeature) => coverageBand(byCode.get(f.properties.code)?.ratio ?? null).ink,
        fontSize: 10,
      }),
    ],
  });
  // the villages are links a keyboard and a screen reader reach; the groups around them are named groups
  for (const g of map.querySelectorAll('g[aria-label]')) g.setAttribute('role', 'group');
  section.append(h('figure', { class: 'chart' }, map, h('figcaption', { class: 'credit' }, t('mapCredit'))), legend());
  return section;
}
