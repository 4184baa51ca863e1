/** The coverage legend (core's fixed bands): swatches for tables, map and grid, and the legend itself. */
import { COVERAGE_BANDS, coverageBand, NO_COVERAGE_BAND } from '@cakupan/core/legend';
import { h } from './dom.js';
import { t } from './i18n.js';

export { coverageBand };

/** A swatch with the band's label beside it (the label keeps it readable without colour vision). */
export function bandBadge(ratio: number | null): HTMLElement {
  const band = coverageBand(ratio);
  return h('span', { class: 'badge', style: `background:${band.fill};color:${band.ink}` }, ratio === null ? t('noEligible') : band.label);
}

/** The legend: every band and the "nobody eligible" grey, as a labelled list. */
export function legend(): HTMLElement {
  return h(
    'figure',
    { class: 'legend' },
    h('figcaption', {}, t('legend')),
    h(
      'ul',
      {},
      [...COVERAGE_BANDS, NO_COVERAGE_BAND].map((b) =>
        h('li', {}, h('span', { class: 'swatch', style: `background:${b.fill}`, 'aria-hidden': 'true' }), b === NO_COVERAGE_BAND ? t('noEligible') : b.label),
      ),
    ),
  );
}
