/**
 * The villages (desa/kelurahan) as a choropleth in the legend's colours, each a link into the
 * drill-down. Boundaries: those the store holds for the region (an administrator uploads them,
 * `/v1/regions/{code}/boundaries`), credited on the map with their own attribution; no map tiles,
 * nothing fetched from elsewhere. The tab is offered only where there are boundaries.
 */
import { isWithinRegion, levelOfCode, mapAreaOf } from '@cakupan/core/lite';
import * as Plot from '@observablehq/plot';
import type { ViewContext } from '../context.js';
import type { Boundaries } from '../types.js';
import { h } from '../dom.js';
import { formatCount, formatPercent } from '../format.js';
import { t } from '../i18n.js';
import { coverageBand, legend } from '../legend.js';
import { nameOf, villageWord } from '../regions.js';

type VillageFeature = Boundaries['features'][number];

/**
 * The features with their rings reversed: GeoJSON (RFC 7946) winds outer rings anticlockwise, d3-geo
 * (spherical) reads a ring by the side on its right — anticlockwise would be the whole globe but
 * the village. (The service winds every upload as RFC 7946 says.)
 */
function forD3(features: readonly VillageFeature[]): VillageFeature[] {
  const rewind = (g: VillageFeature['geometry']): VillageFeature['geometry'] => {
    if (g.type === 'Polygon') return { ...g, coordinates: (g.coordinates as number[][][]).map((ring) => [...ring].reverse()) };
    return { ...g, coordinates: (g.coordinates as number[][][][]).map((p) => p.map((ring) => [...ring].reverse())) };
  };
  return features.map((f) => ({ ...f, geometry: rewind(f.geometry) }));
}

/** Whether the store holds boundaries for the region's map (the tab is offered only then). */
export async function hasMap(ctx: Pick<ViewContext, 'api'>, region: string): Promise<boolean> {
  return (await ctx.api.boundaries(mapAreaOf(region)).catch(() => null)) !== null;
}

export async function mapView(ctx: ViewContext): Promise<HTMLElement> {
  const level = levelOfCode(ctx.region);
  const area = mapAreaOf(ctx.region);
  const selected = level === 'village' || level === 'rw' || level === 'rt' ? ctx.region.split('.').slice(0, 4).join('.') : null;
  const [boundaries, coverage] = await Promise.all([ctx.api.boundaries(area), ctx.api.coverage({ asOf: ctx.asOf, level: 'village', parent: area })]);
  const shown = forD3((boundaries?.features ?? []).filter((f) => isWithinRegion(f.properties.code, area)));
  const section = h('section', { class: 'card map', 'aria-labelledby': 'map-title' }, h('h2', { id: 'map-title' }, t('mapTitle', { villages: villageWord(area) })));
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
      Plot.text(
        shown,
        Plot.centroid({
          text: (f: VillageFeature) => (shown.length <= 20 ? f.properties.name : ''),
          fill: (f: VillageFeature) => coverageBand(byCode.get(f.properties.code)?.ratio ?? null).ink,
          fontSize: 10,
        }),
      ),
    ],
  });
  // the villages are links a keyboard and a screen reader reach; the groups around them are named groups
  for (const g of map.querySelectorAll('g[aria-label]')) g.setAttribute('role', 'group');
  section.append(h('figure', { class: 'chart' }, map, h('figcaption', { class: 'credit' }, t('mapCredit', { attribution: boundaries!.attribution }))), legend());
  return section;
}
