/**
 * The stickering's progress (*pemasangan stiker*): per child region, the stickers printed, put up,
 * not yet put up, revoked but still on a wall (to replace); the employers visited by their last
 * visit's outcome, and the follow-ups due. A spreadsheet of it; for a village, RW or RT, the
 * delivery list on paper (for who may read it: it names heads of household); the field app's link.
 */
import { levelOfCode } from '@cakupan/core/lite';
import { getFile } from '../api.js';
import type { ViewContext } from '../context.js';
import { h } from '../dom.js';
import { formatCount } from '../format.js';
import { t } from '../i18n.js';
import { nameOf } from '../regions.js';
import type { FieldProgress } from '../types.js';
import { downloadButton } from './downloadButton.js';
import { type Column, sortableTable } from './sortableTable.js';

type Row = FieldProgress['rows'][number];
type Figures = FieldProgress['total'];

export async function fieldProgressView(ctx: ViewContext): Promise<HTMLElement> {
  const progress = await ctx.api.fieldProgress({ region: ctx.region });
  const slug = ctx.region.replaceAll('.', '');
  const level = levelOfCode(ctx.region);
  const count = (pick: (f: Figures) => number) => (r: Figures) => formatCount(pick(r));
  const numeric = (key: string, label: string, pick: (f: Figures) => number): Column<Row> => ({ key, label, numeric: true, value: (r) => pick(r), cell: count(pick) });
  const columns: Column<Row>[] = [
    { key: 'name', label: t('name'), rowHeader: true, value: (r) => nameOf(r.code, r.name), cell: (r) => h('a', { href: ctx.link({ region: r.code }) }, nameOf(r.code, r.name)) },
    numeric('printed', t('fieldPrinted'), (r) => r.printed),
    numeric('installed', t('fieldInstalled'), (r) => r.installed),
    numeric('notInstalled', t('fieldNotInstalled'), (r) => r.notInstalled),
    numeric('toReplace', t('fieldToReplace'), (r) => r.toReplace),
    numeric('visited', t('fieldVisited'), (r) => r.visited),
    numeric('followUps', t('fieldFollowUpsDue'), (r) => r.followUpsDue),
  ];
  const total = progress.total;
  const share = total.inForce === 0 ? '–' : `${Math.round((total.installed / total.inForce) * 100)} %`;
  const outcomes = (Object.entries(total.byOutcome) as [string, number | undefined][]).filter(([, n]) => (n ?? 0) > 0);
  return h(
    'section',
    { class: 'card field-progress', 'aria-labelledby': 'field-title' },
    h('h2', { id: 'field-title' }, `${t('fieldTitle')} — ${nameOf(ctx.region)}`),
    h(
      'dl',
      { class: 'figures' },
      h('dt', {}, t('fieldInstalled')),
      h('dd', { 'data-field': 'installed' }, `${formatCount(total.installed)} / ${formatCount(total.inForce)} (${share})`),
      h('dt', {}, t('fieldToReplace')),
      h('dd', { 'data-field': 'toReplace' }, formatCount(total.toReplace)),
      h('dt', {}, t('fieldVisited')),
      h('dd', { 'data-field': 'visited' }, formatCount(total.visited), outcomes.length ? ` (${outcomes.map(([o, n]) => `${t(`outcome_${o}` as never)} ${formatCount(n ?? 0)}`).join(', ')})` : ''),
      h('dt', {}, t('fieldFollowUpsDue')),
      h('dd', { 'data-field': 'followUpsDue' }, formatCount(total.followUpsDue)),
    ),
    h(
      'div',
      { class: 'actions' },
      downloadButton(ctx, t('downloadCsv'), `pemasangan-stiker-${slug}.csv`, () => getFile('/v1/field/progress', { region: ctx.region, format: 'csv' }), 'field-csv'),
      (level === 'village' || level === 'rw' || level === 'rt') && ctx.me.permissions.includes('field:delivery-list')
        ? downloadButton(ctx, t('deliveryListPdf'), `daftar-antar-${slug}.pdf`, () => getFile('/v1/field/delivery-list', { region: ctx.region, format: 'pdf' }), 'delivery-list')
        : null,
      ctx.me.permissions.includes('field:record') ? h('a', { class: 'action secondary', href: '/lapangan/', id: 'field-app' }, t('fieldApp')) : null,
    ),
    progress.rows.length === 0
      ? h('p', {}, t('fieldNone'))
      : sortableTable({ id: 'field', caption: t('fieldTitle'), columns, rows: progress.rows, searchText: (r) => nameOf(r.code, r.name), sort: ctx.route.sort, q: ctx.route.q, onChange: (sort, q) => ctx.remember({ sort, q }) }),
  );
}
