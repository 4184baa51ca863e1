/**
 * A village's RTs at a glance: one row per RW, one cell per RT, coloured by the legend, each a
 * link to the RT. A table, so a screen reader announces RW and RT with each cell.
 */
import { formatUnit, levelOfCode } from '@cakupan/core/lite';
import type { ViewContext } from '../context.js';
import { h } from '../dom.js';
import { formatCount, formatPercent } from '../format.js';
import { t } from '../i18n.js';
import { coverageBand, legend } from '../legend.js';
import type { StoredCoverage } from '../types.js';

export async function gridView(ctx: ViewContext): Promise<HTMLElement> {
  const level = levelOfCode(ctx.region);
  const section = h('section', { class: 'card grid', 'aria-labelledby': 'grid-title' }, h('h2', { id: 'grid-title' }, t('gridTitle')));
  if (level !== 'village' && level !== 'rw') {
    section.append(h('p', {}, t('gridNone')));
    return section;
  }
  const { regions } = await ctx.api.coverage({ asOf: ctx.asOf, level: 'rt', parent: ctx.region });
  const byRw = new Map<string, StoredCoverage['regions']>();
  let maxRt = 0;
  for (const r of regions) {
    const parts = r.code.split('.');
    const rw = parts[4]!;
    maxRt = Math.max(maxRt, Number(parts[5]));
    byRw.set(rw, [...(byRw.get(rw) ?? []), r]);
  }
  const rtNumbers = Array.from({ length: maxRt }, (_, i) => i + 1);
  const table = h(
    'table',
    { class: 'rt-grid', id: 'rt-grid' },
    h('caption', {}, t('gridHelp')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'RW'), rtNumbers.map((n) => h('th', { scope: 'col' }, formatUnit('rt', n))))),
    h(
      'tbody',
      {},
      [...byRw.entries()].map(([rw, rts]) => {
        const byRt = new Map(rts.map((r) => [Number(r.code.split('.')[5]), r]));
        return h(
          'tr',
          {},
          h('th', { scope: 'row' }, formatUnit('rw', rw)),
          rtNumbers.map((n) => {
            const r = byRt.get(n);
            if (!r) return h('td', { class: 'empty' });
            const band = coverageBand(r.ratio);
            return h(
              'td',
              { style: `background:${band.fill}` },
              h(
                'a',
                { href: ctx.link({ region: r.code, view: 'overview' }), style: `color:${band.ink}`, 'data-code': r.code, 'aria-label': `${formatUnit('rw', rw)} ${formatUnit('rt', n)}: ${formatPercent(r.ratio)}, ${formatCount(r.covered)} / ${formatCount(r.eligible)}` },
                h('span', { class: 'pct' }, formatPercent(r.ratio)),
                h('span', { class: 'frac' }, `${formatCount(r.covered)}/${formatCount(r.eligible)}`),
              ),
            );
          }),
        );
      }),
    ),
  );
  section.append(legend(), h('div', { class: 'scroll', role: 'region', 'aria-labelledby': 'grid-title', tabindex: 0 }, table));
  return section;
}
