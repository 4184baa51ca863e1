/**
 * Data quality: rows rejected at import, participants the register does not hold, and per region
 * the under-age account holders, persons with several accounts, birth dates that disagree with the
 * NIK, and cells over 100 %. Counts only, never a person.
 */
import type { ViewContext } from '../context.js';
import { h } from '../dom.js';
import { formatCount, formatDate } from '../format.js';
import { t, tAny, type Word } from '../i18n.js';
import { nameOf } from '../regions.js';
import type { Quality } from '../types.js';
import { type Column, sortableTable } from './sortableTable.js';

export async function qualityView(ctx: ViewContext): Promise<HTMLElement> {
  const q = await ctx.api.quality({ region: ctx.region, asOf: ctx.asOf });
  const item = (word: Word, n: number, key: string) => [h('dt', {}, t(word)), h('dd', { 'data-quality': key }, formatCount(n))];
  type Row = Quality['children'][number];
  const columns: Column<Row>[] = [
    { key: 'name', label: t('name'), rowHeader: true, value: (r) => nameOf(r.code, r.name), cell: (r) => h('a', { href: ctx.link({ region: r.code }) }, nameOf(r.code, r.name)) },
    { key: 'eligible', label: t('eligible'), numeric: true, value: (r) => r.eligible, cell: (r) => formatCount(r.eligible) },
    { key: 'underAge', label: t('underAge'), numeric: true, value: (r) => r.underAge, cell: (r) => formatCount(r.underAge) },
    { key: 'multiple', label: t('multipleAccounts'), numeric: true, value: (r) => r.multipleActiveAccounts, cell: (r) => formatCount(r.multipleActiveAccounts) },
    { key: 'mismatch', label: t('birthMismatch'), numeric: true, value: (r) => r.birthDateMismatches, cell: (r) => formatCount(r.birthDateMismatches) },
    { key: 'fromNik', label: t('birthFromNik'), numeric: true, value: (r) => r.birthDatesFromNik, cell: (r) => formatCount(r.birthDatesFromNik) },
    { key: 'over', label: t('cellsOver100'), numeric: true, value: (r) => r.cellsOver100, cell: (r) => formatCount(r.cellsOver100) },
  ];
  const { records: rec, linkage: l, quality: own } = q;
  return h(
    'section',
    { class: 'card quality', 'aria-labelledby': 'quality-title' },
    h('h2', { id: 'quality-title' }, `${t('qualityTitle')} — ${nameOf(ctx.region)}, ${formatDate(q.asOf)}`),
    h(
      'div',
      { class: 'quality-lists' },
      h(
        'section',
        { 'aria-labelledby': 'q-region' },
        h('h3', { id: 'q-region' }, nameOf(ctx.region)),
        h('dl', {}, item('underAge', own.underAge, 'underAge'), item('multipleAccounts', own.multipleActiveAccounts, 'multiple'), item('birthMismatch', own.birthDateMismatches, 'mismatch'), item('birthFromNik', own.birthDatesFromNik, 'fromNik'), item('cellsOver100', own.cellsOver100, 'over')),
        h('p', { class: 'muted' }, t('cellsOver100Note')),
      ),
      l &&
      h(
        'section',
        { 'aria-labelledby': 'q-linkage' },
        h('h3', { id: 'q-linkage' }, t('qualityLinkage')),
        h('dl', {}, item('notInRegister', l.notInRegister, 'notInRegister'), item('underAge', l.underAge, 'linkUnderAge'), item('multipleAccounts', l.multipleActiveAccounts, 'linkMultiple'), item('onlyInactive', l.personsWithOnlyInactiveAccounts, 'onlyInactive')),
      ),
      rec &&
      h(
        'section',
        { 'aria-labelledby': 'q-records' },
        h('h3', { id: 'q-records' }, t('qualityRecords')),
        h(
          'dl',
          {},
          h('dt', {}, tAny('kind_residents')),
          h('dd', {}, `${formatCount(rec.residents.read)} · ${t('rowsUsed')} ${formatCount(rec.residents.used)} · ${t('rowsRejected')} ${formatCount(rec.residents.rejected)}`),
          h('dt', {}, tAny('kind_participants')),
          h('dd', {}, `${formatCount(rec.participants.read)} · ${t('rowsUsed')} ${formatCount(rec.participants.used)} · ${t('rowsRejected')} ${formatCount(rec.participants.rejected)}`),
        ),
      ),
    ),
    q.children.length > 0
      ? sortableTable({ id: 'quality', caption: t('perRegion'), columns, rows: q.children, searchText: (r) => nameOf(r.code, r.name), sort: ctx.route.sort, q: ctx.route.q, onChange: (sort, qq) => ctx.remember({ sort, q: qq }) })
      : null,
  );
}
