/**
 * A region at a glance: coverage with numerator and denominator, change since the previous
 * month-end, the segment split, what the figures stand on, the 24-month trend (Observable Plot),
 * and the regions one level down as a sortable, searchable table.
 */
import { DEFAULT_TARGET_PERCENT, levelOfCode, levelWordWithin, SEGMENTS, trendMonthEnds } from '@cakupan/core/lite';
import * as Plot from '@observablehq/plot';
import type { ViewContext } from '../context.js';
import { h } from '../dom.js';
import { formatCount, formatDate, formatInstant, formatMonthTick, formatPercent, formatPoints, formatSigned, formatTarget } from '../format.js';
import { currentLang, t, tAny } from '../i18n.js';
import { bandBadge, legend } from '../legend.js';
import { nameOf, rememberNames } from '../regions.js';
import type { Overview } from '../types.js';
import { type Column, sortableTable } from './sortableTable.js';
import { downloadButton } from './downloadButton.js';
import { getFile } from '../api.js';

/** The first day of the trend's first month: the trend shows core's `trendMonthEnds` of the date, the same the service prefetches. */
export function trendStart(asOf: string): string {
  return `${trendMonthEnds(asOf)[0]!.slice(0, 7)}-01`;
}

export async function overviewView(ctx: ViewContext): Promise<HTMLElement> {
  const overview = await ctx.api.overview({ region: ctx.region, asOf: ctx.asOf });
  rememberNames([overview.region, ...overview.children]);
  const root = h('div', { class: 'overview' });
  root.append(headline(ctx, overview));
  const trend = h('section', { class: 'card trend', 'aria-labelledby': 'trend-title' }, h('h2', { id: 'trend-title' }, t('trend')), h('p', { class: 'muted' }, t('loading')));
  root.append(trend);
  if (overview.children.length > 0) root.append(drillTable(ctx, overview));
  // the trend comes after the figures and the table: a drill-down step does not wait for it
  void trendChart(ctx, overview, trend);
  return root;
}

function headline(ctx: ViewContext, o: Overview): HTMLElement {
  const c = o.coverage;
  const { dataAsOf } = o;
  return h(
    'section',
    { class: 'card headline', 'aria-labelledby': 'headline-title' },
    h('h2', { id: 'headline-title', class: 'visually-hidden' }, t('coverage')),
    h(
      'div',
      { class: 'figure' },
      h('p', { class: 'big', 'data-figure': 'ratio' }, formatPercent(c.ratio)),
      h(
        'p',
        { class: 'fraction' },
        t('coveredOfEligible', { covered: '\u0000', eligible: '\u0001' })
          .split(/(\u0000|\u0001)/)
          .map((part) =>
            part === '\u0000' ? h('strong', { 'data-figure': 'covered' }, formatCount(c.covered)) : part === '\u0001' ? h('strong', { 'data-figure': 'eligible' }, formatCount(c.eligible)) : part,
          ),
      ),
      bandBadge(c.ratio),
      h(
        'p',
        { class: 'change', 'data-figure': 'change' },
        `${t('change')}: `,
        o.change.ratioPoints === null ? t('noChange') : t('changeSince', { points: formatPoints(o.change.ratioPoints), persons: formatSigned(o.change.covered), date: formatDate(o.previous.asOf) }),
      ),
      c.occupationKnown > 0 ? workersFigure(c) : null,
    ),
    h(
      'table',
      { class: 'segments' },
      h('caption', {}, t('segments')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('segment')), h('th', { scope: 'col', class: 'n' }, t('covered')), h('th', { scope: 'col', class: 'n' }, t('shareOfCovered')))),
      h(
        'tbody',
        {},
        SEGMENTS.map((s) =>
          h('tr', {}, h('th', { scope: 'row' }, tAny(`segment_${s}`)), h('td', { class: 'n', 'data-segment': s }, formatCount(c.bySegment[s])), h('td', { class: 'n' }, formatPercent(c.covered ? c.bySegment[s] / c.covered : null))),
        ),
      ),
    ),
    h(
      'dl',
      { class: 'as-of' },
      h('dt', {}, t('dataAsOf')),
      h('dd', {}, `${formatDate(ctx.asOf)}`),
      h('dt', {}, t('residentsSnapshot')),
      h('dd', { 'data-as-of': 'residents' }, dataAsOf.residents ? `${formatDate(dataAsOf.residents.asOf)} (${t('importedOn', { date: formatInstant(dataAsOf.residents.importedAt) })})` : t('none')),
      h('dt', {}, t('participantsExport')),
      h('dd', { 'data-as-of': 'participants' }, dataAsOf.participants ? `${formatDate(dataAsOf.participants.asOf)} (${t('importedOn', { date: formatInstant(dataAsOf.participants.importedAt) })})` : t('none')),
      h('dt', {}, t('lastEvent')),
      h('dd', {}, dataAsOf.lastEventAt ? formatInstant(dataAsOf.lastEventAt) : t('none')),
    ),
  );
}

/**
 * Coverage of workers 18+ (residents whose occupation in the register counts as working), beside
 * the headline of all residents 18+; said with how many residents 18+ have no occupation recorded.
 */
function workersFigure(c: Overview['coverage']): HTMLElement {
  const unknown = c.eligible - c.occupationKnown;
  return h(
    'div',
    { class: 'workers', 'data-figure': 'workers' },
    h('h3', {}, t('workersTitle')),
    h('p', { class: 'mid', 'data-figure': 'workerRatio' }, formatPercent(c.workerRatio)),
    h('p', { class: 'fraction' }, t('coveredOfWorkers', { covered: formatCount(c.coveredWorkers), workers: formatCount(c.workers) })),
    h('p', { class: 'muted' }, unknown > 0 ? t('workersNoteUnknown', { unknown: formatCount(unknown) }) : t('workersNote')),
  );
}

async function trendChart(ctx: ViewContext, o: Overview, section: HTMLElement): Promise<void> {
  const status = section.querySelector('p')!;
  try {
    if (levelOfCode(ctx.region) === 'rt') {
      // a series lists a region's children; an RT's own trend is its RW's child row
      const parent = ctx.region.split('.').slice(0, -1).join('.');
      const s = await ctx.api.series({ region: parent, from: trendStart(ctx.asOf), to: ctx.asOf });
      drawTrend(ctx, o, section, s.points.map((p) => trendPoint(p.asOf, p.children.find((c) => c.code === ctx.region))));
    } else {
      const s = await ctx.api.series({ region: ctx.region, from: trendStart(ctx.asOf), to: ctx.asOf });
      drawTrend(ctx, o, section, s.points.map((p) => trendPoint(p.asOf, p.region)));
    }
    status.remove();
  } catch (err) {
    status.textContent = t('error', { message: (err as Error).message });
  }
}

interface TrendPoint {
  asOf: string;
  ratio: number | null;
  /** Coverage of workers 18+, `null` where the register records no occupations. */
  workerRatio: number | null;
}

const trendPoint = (asOf: string, row: { ratio: number | null; workerRatio: number | null } | null | undefined): TrendPoint => ({ asOf, ratio: row?.ratio ?? null, workerRatio: row?.workerRatio ?? null });

function drawTrend(ctx: ViewContext, o: Overview, section: HTMLElement, points: TrendPoint[]): void {
  const target = ctx.route.target ?? DEFAULT_TARGET_PERCENT;
  const data = points.filter((p) => p.ratio !== null).map((p) => ({ date: new Date(`${p.asOf}T00:00:00Z`), pct: p.ratio! * 100, asOf: p.asOf }));
  const workers = points.filter((p) => p.workerRatio !== null).map((p) => ({ date: new Date(`${p.asOf}T00:00:00Z`), pct: p.workerRatio! * 100, asOf: p.asOf }));
  const top = Math.max(10, target, ...data.map((d) => d.pct), ...workers.map((d) => d.pct)) * 1.1;
  const name = nameOf(o.region.code, o.region.name);
  const alt = t('trendAlt', { region: name, to: formatDate(points.at(-1)?.asOf ?? ctx.asOf), first: formatPercent(points[0]?.ratio ?? null), last: formatPercent(points.at(-1)?.ratio ?? null) });
  const chart = Plot.plot({
    ariaLabel: alt,
    width: Math.min(1100, Math.max(300, (document.querySelector('main')?.clientWidth ?? 640) - 64)),
    height: 260,
    marginLeft: 48,
    marginRight: 28,
    marginBottom: 36,
    style: { fontSize: '13px', color: '#1a1a1a', background: 'transparent' },
    // months in the reader's language ("Okt 2017"), never the browser's default English
    x: { type: 'utc', label: null, ticks: 6, tickFormat: (d: Date) => formatMonthTick(d) },
    y: { domain: [0, top], label: '%', grid: true },
    marks: [
      Plot.ruleY([0]),
      Plot.ruleY([target], { stroke: '#8a3b00', strokeDasharray: '6,4', strokeWidth: 1.5 }),
      Plot.text([target], { y: (d: number) => d, frameAnchor: 'right', dy: -8, text: () => `${t('target')} ${formatTarget(target)}`, fill: '#8a3b00' }),
      // workers 18+ (where the register records occupations) in a second colour, named at its end
      Plot.lineY(workers, { x: 'date', y: 'pct', stroke: '#6a3d9a', strokeWidth: 2 }),
      Plot.text(workers.slice(-1), { x: 'date', y: 'pct', text: () => t('workersTitle'), dy: -10, textAnchor: 'end', fill: '#6a3d9a' }),
      Plot.lineY(data, { x: 'date', y: 'pct', stroke: '#00539b', strokeWidth: 2.5 }),
      Plot.dot(data, { x: 'date', y: 'pct', fill: '#00539b', r: 3, title: (d: { asOf: string; pct: number }) => `${formatDate(d.asOf)}: ${formatPercent(d.pct / 100)}` }),
    ],
  });
  // one image with one description: Plot's labels on its inner groups would be read as fragments (and
  // a <g> may not carry aria-label without a role)
  chart.setAttribute('role', 'img');
  for (const g of chart.querySelectorAll('[aria-label]')) g.removeAttribute('aria-label');
  for (const g of chart.querySelectorAll('[aria-description]')) g.removeAttribute('aria-description');
  const targetInput = h('input', {
    id: 'target',
    type: 'number',
    min: 0,
    max: 100,
    step: 0.01,
    value: target,
    inputmode: 'decimal',
    onchange: (e: Event) => {
      const v = Number((e.target as HTMLInputElement).value);
      if (Number.isFinite(v) && v >= 0 && v <= 100) location.hash = ctx.link({ target: v });
    },
  });
  section.append(
    h('figure', { class: 'chart' }, chart, h('figcaption', { class: 'muted' }, `${t('target')}: ${formatTarget(target)} — ${t('targetNote')}`)),
    h('p', { class: 'target' }, h('label', { for: 'target' }, t('targetLabel')), targetInput),
    h(
      'details',
      {},
      h('summary', {}, t('trendTable')),
      h(
        'table',
        { class: 'trend-table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('month')), h('th', { scope: 'col', class: 'n' }, t('coverage')), workers.length > 0 ? h('th', { scope: 'col', class: 'n' }, t('workersTitle')) : null)),
        h('tbody', {}, points.map((p) => h('tr', {}, h('th', { scope: 'row' }, formatDate(p.asOf)), h('td', { class: 'n' }, formatPercent(p.ratio)), workers.length > 0 ? h('td', { class: 'n' }, formatPercent(p.workerRatio)) : null))),
      ),
    ),
  );
}

/** The drill-down's figures as CSV and as an Excel workbook, from the store (`GET /v1/coverage`). */
function downloads(ctx: ViewContext, o: Overview, level: NonNullable<Overview['children'][number]['level']>): HTMLElement {
  const name = `cakupan-${o.region.code.replaceAll('.', '')}-${level}-${o.asOf}`;
  // one level down is at most a few thousand regions: the service's default page holds them all
  const query = (format: 'csv' | 'xlsx') => ({ asOf: o.asOf, level, parent: o.region.code, format });
  return h(
    'p',
    { class: 'downloads' },
    downloadButton(ctx, t('downloadCsv'), `${name}.csv`, () => getFile('/v1/coverage', query('csv')), 'drill-csv'),
    ' ',
    downloadButton(ctx, t('downloadExcel'), `${name}.xlsx`, () => getFile('/v1/coverage', query('xlsx')), 'drill-xlsx'),
  );
}

function drillTable(ctx: ViewContext, o: Overview): HTMLElement {
  type Row = Overview['children'][number];
  const columns: Column<Row>[] = [
    { key: 'name', label: t('name'), rowHeader: true, value: (r) => nameOf(r.code, r.name), cell: (r) => h('a', { href: ctx.link({ region: r.code }), 'data-code': r.code }, nameOf(r.code, r.name)) },
    { key: 'eligible', label: t('eligible'), numeric: true, value: (r) => r.eligible, cell: (r) => formatCount(r.eligible) },
    { key: 'covered', label: t('covered'), numeric: true, value: (r) => r.covered, cell: (r) => formatCount(r.covered) },
    { key: 'ratio', label: '%', numeric: true, value: (r) => r.ratio, cell: (r) => formatPercent(r.ratio) },
    { key: 'band', label: t('band'), value: (r) => r.ratio, cell: (r) => bandBadge(r.ratio) },
    ...SEGMENTS.map((s): Column<Row> => ({ key: s, label: s, numeric: true, value: (r) => r.bySegment[s], cell: (r) => formatCount(r.bySegment[s]) })),
    { key: 'change', label: `${t('change')} (${t('points')})`, numeric: true, value: (r) => r.change.ratioPoints, cell: (r) => formatPoints(r.change.ratioPoints) },
    ...(o.coverage.occupationKnown > 0
      ? [
          { key: 'workers', label: t('workers'), numeric: true, value: (r: Row) => r.workers, cell: (r: Row) => formatCount(r.workers) },
          { key: 'workerRatio', label: t('workerRatio'), numeric: true, value: (r: Row) => r.workerRatio, cell: (r: Row) => formatPercent(r.workerRatio) },
        ]
      : []),
  ];
  const childLevel = o.children[0]?.level;
  const childWord = childLevel ? levelWordWithin(childLevel, o.region.code, currentLang()) : '';
  return h(
    'section',
    { class: 'card drill', 'aria-labelledby': 'drill-title' },
    h('h2', { id: 'drill-title' }, `${t('drillDown')}: ${childWord}`),
    legend(),
    childLevel ? downloads(ctx, o, childLevel) : null,
    sortableTable({
      id: 'drill',
      caption: `${childWord} — ${nameOf(o.region.code, o.region.name)}, ${formatDate(o.asOf)}`,
      columns,
      rows: o.children,
      searchText: (r) => nameOf(r.code, r.name),
      sort: ctx.route.sort,
      q: ctx.route.q,
      onChange: (sort, q) => ctx.remember({ sort, q }),
    }),
  );
}
