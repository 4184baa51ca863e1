/**
 * The imports: a new one (upload, preview, apply: `importForm.ts`), the history with rows read /
 * used / rejected, each import's rejected rows as CSV, and its undo for those who may.
 */
import { getFile, postJson } from '../api.js';
import type { ViewContext } from '../context.js';
import { h } from '../dom.js';
import { formatCount, formatDate, formatInstant } from '../format.js';
import { t, tAny } from '../i18n.js';
import type { ImportRow } from '../types.js';
import { downloadButton } from './downloadButton.js';
import { importForm } from './importForm.js';

/** Undo, in two steps (the second click undoes), for an import the reader may undo. */
function undoButton(ctx: ViewContext, row: ImportRow): HTMLElement | string {
  const mayUndo = row.status === 'applied' && row.undoable && (ctx.me.admin || row.apiKeyLabel === ctx.me.label);
  if (!mayUndo) return '';
  const button = h('button', { type: 'button', id: `undo-${row.id}` }, t('undo'));
  let armed = false;
  button.addEventListener('click', async () => {
    if (!armed) {
      armed = true;
      button.textContent = t('undoConfirm', { id: row.id });
      return;
    }
    button.disabled = true;
    try {
      await postJson(`/v1/imports/${row.id}/revert`);
      ctx.announce(t('undone', { id: row.id }));
      ctx.refresh();
    } catch (err) {
      ctx.announce(t('error', { message: (err as Error).message }));
      button.disabled = false;
    }
  });
  return button;
}

export async function importsView(ctx: ViewContext): Promise<HTMLElement> {
  const { imports } = await ctx.api.imports();
  const history = h(
    'section',
    { class: 'card imports', 'aria-labelledby': 'imports-title' },
    h('h2', { id: 'imports-title' }, t('importsTitle')),
    h(
      'div',
      { class: 'scroll', role: 'region', 'aria-labelledby': 'imports-title', tabindex: 0 },
      h(
        'table',
        { id: 'imports' },
        h('caption', { class: 'visually-hidden' }, t('importsTitle')),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['#', t('kind'), t('file'), t('exportDate'), t('importedAt'), t('rowsRead'), t('rowsUsed'), t('rowsRejected'), t('status'), t('rejects'), ''].map((c, i) =>
              h('th', { scope: 'col', class: i >= 5 && i <= 7 ? 'n' : null }, c),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          imports.map((i) =>
            h(
              'tr',
              { 'data-import': i.id },
              h('th', { scope: 'row' }, String(i.id)),
              h('td', {}, tAny(`kind_${i.kind}`)),
              h('td', {}, i.fileName ?? ''),
              h('td', {}, formatDate(i.asOf)),
              h('td', {}, formatInstant(i.finishedAt ?? i.startedAt)),
              h('td', { class: 'n' }, formatCount(i.rowsRead)),
              h('td', { class: 'n' }, formatCount(i.rowsUsed)),
              h('td', { class: 'n' }, formatCount(i.rowsRejected)),
              h('td', {}, tAny(`status_${i.status}`)),
              h('td', {}, i.rowsRejected > 0 ? downloadButton(ctx, `CSV (${formatCount(i.rowsRejected)})`, `ditolak-impor-${i.id}.csv`, () => getFile(`/v1/imports/${i.id}/rejects`), `rejects-${i.id}`) : '—'),
              h('td', {}, undoButton(ctx, i)),
            ),
          ),
        ),
      ),
    ),
  );
  return h('div', { class: 'imports-view' }, importForm({ announce: ctx.announce, onApplied: () => ctx.refresh() }), history);
}
