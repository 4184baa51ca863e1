/**
 * The field officers' worklist: the region's unregistered employers with their address, and the
 * buttons that print the stickers of the village's (RW's, RT's) employers and households — the
 * batch endpoint's PDF, downloaded.
 */
import { levelOfCode } from '@cakupan/core/lite';
import { getFile } from '../api.js';
import type { ViewContext } from '../context.js';
import { h } from '../dom.js';
import { t, tAny } from '../i18n.js';
import { nameOf, villageWord } from '../regions.js';
import type { EmployerRow } from '../types.js';
import { downloadButton } from './downloadButton.js';
import { type Column, sortableTable } from './sortableTable.js';

const SHOWN = 500;

export async function worklistView(ctx: ViewContext): Promise<HTMLElement> {
  const page = await ctx.api.employers({ region: ctx.region, status: 'unregistered', limit: SHOWN });
  const level = levelOfCode(ctx.region);
  const printable = level === 'village' || level === 'rw' || level === 'rt';
  const slug = ctx.region.replaceAll('.', '');
  const batch = (kind: 'employer' | 'household') => () => getFile('/v1/stickers/batch', undefined, { region: ctx.region, kind, status: 'all' });
  const columns: Column<EmployerRow>[] = [
    { key: 'name', label: t('employer'), rowHeader: true, value: (e) => e.name },
    { key: 'address', label: t('address'), value: (e) => e.address ?? '' },
    { key: 'village', label: villageWord(ctx.region), value: (e) => e.villageName ?? e.villageCode },
    { key: 'rw', label: 'RW', numeric: true, value: (e) => e.rw },
    { key: 'rt', label: 'RT', numeric: true, value: (e) => e.rt },
    { key: 'reason', label: t('reason'), value: (e) => (e.reason ? tAny(`reason_${e.reason}`) : '') },
  ];
  return h(
    'section',
    { class: 'card worklist', 'aria-labelledby': 'worklist-title' },
    h('h2', { id: 'worklist-title' }, `${t('worklistTitle')} — ${nameOf(ctx.region)}`),
    h(
      'div',
      { class: 'actions' },
      printable
        ? [
            downloadButton(ctx, t('printEmployers'), `stiker-pemberi-kerja-${slug}.pdf`, batch('employer'), 'print-employers'),
            downloadButton(ctx, t('printHouseholds'), `stiker-rumah-tangga-${slug}.pdf`, batch('household'), 'print-households'),
          ]
        : h('p', { class: 'muted' }, t('printNeedsVillage')),
      downloadButton(ctx, t('downloadCsv'), `pemberi-kerja-belum-terdaftar-${slug}.csv`, () => getFile('/v1/employers', { region: ctx.region, status: 'unregistered', limit: 1000, format: 'csv' }), 'worklist-csv'),
    ),
    page.employers.length === 0
      ? h('p', {}, t('worklistNone'))
      : sortableTable({
          id: 'worklist',
          countWord: 'employerRows',
          caption: t('worklistTitle'),
          columns,
          rows: page.employers,
          searchText: (e) => e.name,
          sort: ctx.route.sort,
          q: ctx.route.q,
          onChange: (sort, q) => ctx.remember({ sort, q }),
        }),
    page.next ? h('p', { class: 'muted' }, t('worklistMore', { n: SHOWN })) : null,
  );
}
