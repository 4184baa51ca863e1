/**
 * Where the reader is, in the URL's fragment (shareable; the back button walks the steps):
 * `#region=32.71.01.1001&asOf=2017-12-31&view=grid`. Other keys: `target` (the trend's target
 * line, %), `sort` and `q` (the drill-down table's order and search).
 */

export const VIEWS = ['overview', 'map', 'grid', 'worklist', 'field', 'imports', 'quality'] as const;
export type View = (typeof VIEWS)[number];

export interface Route {
  region: string | null;
  asOf: string | null;
  view: View;
  target: number | null;
  sort: string | null;
  q: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const REGION = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4}(\.\d{3}(\.\d{3})?)?)?)?)?$/;

const UNDOTTED = /^\d{2}(\d{2}(\d{2}(\d{4}(\d{3}(\d{3})?)?)?)?)?$/;

/** A region code as a link may carry it, dotted or not (`3271011001` as a Kemendagri list writes it), dotted; `null` when it is neither. */
export function routeRegion(text: string | null): string | null {
  if (!text) return null;
  if (REGION.test(text)) return text;
  if (!UNDOTTED.test(text)) return null;
  const cuts = [2, 4, 6, 10, 13, 16].filter((n) => n <= text.length);
  return cuts.map((end, i) => text.slice(i === 0 ? 0 : cuts[i - 1], end)).join('.');
}

/** The route in `hash` (`location.hash`); anything malformed is left out. */
export function parseRoute(hash: string): Route {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const region = p.get('region');
  const asOf = p.get('asOf');
  const view = p.get('view') as View | null;
  const target = Number(p.get('target'));
  return {
    region: routeRegion(region),
    asOf: asOf && DATE.test(asOf) ? asOf : null,
    view: view && (VIEWS as readonly string[]).includes(view) ? view : 'overview',
    target: p.has('target') && Number.isFinite(target) && target >= 0 && target <= 100 ? target : null,
    sort: p.get('sort'),
    q: p.get('q') ?? '',
  };
}

/** The fragment of `route` (`#…`), defaults left out. */
export function formatRoute(route: Partial<Route>): string {
  const p = new URLSearchParams();
  if (route.region) p.set('region', route.region);
  if (route.asOf) p.set('asOf', route.asOf);
  if (route.view && route.view !== 'overview') p.set('view', route.view);
  if (route.target !== null && route.target !== undefined) p.set('target', String(route.target));
  if (route.sort) p.set('sort', route.sort);
  if (route.q) p.set('q', route.q);
  return `#${p.toString()}`;
}

/** A link to `change` applied to `route` (view, sort and search reset when the region changes). */
export function linkTo(route: Route, change: Partial<Route>): string {
  const regionChanges = change.region !== undefined && change.region !== route.region;
  const base: Route = regionChanges ? { ...route, sort: null, q: '', view: change.view ?? (route.view === 'imports' || route.view === 'quality' || route.view === 'worklist' || route.view === 'field' ? route.view : 'overview') } : route;
  return formatRoute({ ...base, ...change });
}
