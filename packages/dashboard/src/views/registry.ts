/**
 * The router's view registry: each view of the page, the word on its tab, the levels of region
 * it makes sense for, and the function that renders it from the page's state. The tabs appear in
 * the registry's order; a route naming a view the region's level does not have shows the overview.
 */
import type { Permission } from '@cakupan/contract';
import type { RegionLevel } from '@cakupan/core/lite';
import type { ViewContext } from '../context.js';
import type { Word } from '../i18n.js';
import type { View } from '../route.js';
import { fieldProgressView } from './fieldProgress.js';
import { gridView } from './grid.js';
import { importsView } from './imports.js';
import { mapView } from './map.js';
import { overviewView } from './overview.js';
import { qualityView } from './quality.js';
import { worklistView } from './worklist.js';

export interface ViewEntry {
  /** The tab's word. */
  readonly word: Word;
  /** The levels of region the view is offered for; null: every level. */
  readonly levels: readonly RegionLevel[] | null;
  /** The permission the view reads with (its tab is offered to who holds it); none: every role that sees figures. */
  readonly permission?: Permission;
  /** Renders the view (its data through `ctx.api`). */
  readonly render: (ctx: ViewContext) => Promise<HTMLElement>;
}

/** Every view, in the order of the tabs. */
export const VIEW_REGISTRY: Readonly<Record<View, ViewEntry>> = Object.freeze({
  overview: { word: 'tabOverview', levels: null, render: overviewView },
  map: { word: 'tabMap', levels: ['city', 'district', 'village'], render: mapView },
  grid: { word: 'tabGrid', levels: ['village', 'rw'], render: gridView },
  worklist: { word: 'tabWorklist', levels: null, render: worklistView },
  field: { word: 'tabField', levels: ['province', 'city', 'district', 'village', 'rw'], permission: 'stickers:read', render: fieldProgressView },
  quality: { word: 'tabQuality', levels: null, render: qualityView },
  imports: { word: 'tabImports', levels: null, render: importsView },
});

/**
 * The views offered for a region of `level` to a reader holding `permissions` (default: every
 * view's), in the tabs' order.
 *
 * @example
 * viewsFor('rt') // ['overview', 'worklist', 'quality', 'imports']
 */
export function viewsFor(level: RegionLevel, permissions?: readonly string[]): View[] {
  return (Object.keys(VIEW_REGISTRY) as View[]).filter((v) => {
    const entry = VIEW_REGISTRY[v];
    return (entry.levels?.includes(level) ?? true) && (entry.permission === undefined || permissions === undefined || permissions.includes(entry.permission));
  });
}

/** The view a route asks for if the level (and the reader) has it, else the overview. */
export function viewShown(asked: View, level: RegionLevel, permissions?: readonly string[]): View {
  return viewsFor(level, permissions).includes(asked) ? asked : 'overview';
}
