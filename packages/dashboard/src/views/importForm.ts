/**
 * Uploading an export: choose the file, its kind and date; the service's dry run shows what
 * applying it would do (rows, the register and accounts, coverage before → after, what needs
 * attention); *Terapkan* applies it (with the dry run's confirm token when a guard asked), *Batal*
 * drops it. Nothing changes before *Terapkan*.
 */
import { postForm } from '../api.js';
import { h, fill } from '../dom.js';
import { formatCount, formatPercent } from '../format.js';
import { t, tAny } from '../i18n.js';
import type { ImportPreview, ImportRow } from '../types.js';

export interface ImportFormOptions {
  announce: (message: string) => void;
  /** After an import was applied (the page shows the new figures). */
  onApplied: (record: ImportRow) => void;
}

type Figures = { eligible: number; covered: number; ratio: number | null } | null;
const figures = (f: Figures) => (f === null ? '—' : `${formatPercent(f.ratio)} (${formatCount(f.covered)}/${formatCount(f.eligible)})`);

/** A guard in the page's language, from the preview's figures (the service's own words otherwise). */
function guardText(code: string, message: string, p: ImportPreview): string[] {
  const asOf = p.asOf ?? '';
  if (code === 'removes_much') return (p.register ?? []).filter((r) => r.before > 0 && r.removed / r.before > 0.1).map((r) => t('guard_removes_much', { removed: formatCount(r.removed), before: formatCount(r.before), region: r.region }));
  if (code === 'older_export' && p.register) return p.register.filter((r) => r.inForceAsOf !== null && asOf < r.inForceAsOf).map((r) => t('guard_older_export', { asOf, region: r.region, inForce: r.inForceAsOf! }));
  if (code === 'older_export') return [t('guard_older_accounts', { asOf })];
  if (code === 'changes_many_accounts' && p.accounts) return [t('guard_changes_many_accounts', { changed: formatCount(p.accounts.changed), before: formatCount(p.accounts.before) })];
  if (code === 'nik_changes' && p.accounts) return [t('guard_nik_changes', { nikChanged: formatCount(p.accounts.nikChanged) })];
  if (code === 'no_usable_rows') return [t('guard_no_usable_rows')];
  return [message];
}

export function importForm(options: ImportFormOptions): HTMLElement {
  const file = h('input', { id: 'import-file', name: 'file', type: 'file', accept: '.csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', required: true });
  const kind = h('select', { id: 'import-kind', name: 'kind' }, (['residents', 'participants', 'employers'] as const).map((k) => h('option', { value: k }, tAny(`kind_${k}`))));
  const asOf = h('input', { id: 'import-as-of', name: 'asOf', type: 'date' });
  const sheet = h('input', { id: 'import-sheet', name: 'sheet', type: 'text', maxlength: 31, autocomplete: 'off' });
  const dateOrder = h('select', { id: 'import-date-order', name: 'dateOrder' }, h('option', { value: '' }, t('dateOrderAuto')), h('option', { value: 'dmy' }, t('dateOrderDmy')), h('option', { value: 'mdy' }, t('dateOrderMdy')));
  const progress = h('progress', { id: 'import-progress', max: 100, value: 0, hidden: true });
  const status = h('p', { id: 'import-status', role: 'status' });
  const result = h('div', { id: 'import-preview' });
  const submit = h('button', { type: 'submit', class: 'action', id: 'import-preview-button' }, t('preview'));
  const field = (label: string, control: HTMLElement) => h('p', {}, h('label', { for: control.id }, label), control);

  const formData = (confirm?: string) => {
    const data = new FormData();
    data.set('kind', kind.value);
    if (asOf.value) data.set('asOf', asOf.value);
    if (sheet.value.trim()) data.set('sheet', sheet.value.trim());
    if (dateOrder.value) data.set('dateOrder', dateOrder.value);
    if (confirm) data.set('confirm', confirm);
    data.set('file', file.files![0]!);
    return data;
  };
  const send = async (data: FormData, query: Record<string, string>) => {
    progress.hidden = false;
    progress.value = 0;
    status.textContent = t('uploading', { percent: 0 });
    try {
      return await postForm('/v1/imports', data, (sent, total) => {
        const percent = total > 0 ? Math.round((sent / total) * 100) : 0;
        progress.value = percent;
        status.textContent = percent >= 100 ? t('checking') : t('uploading', { percent });
      }, query);
    } finally {
      progress.hidden = true;
    }
  };

  const showPreview = (preview: ImportPreview) => {
    const usable = preview.rows.used > 0;
    const apply = h('button', { type: 'button', class: 'action', id: 'import-apply' }, preview.guards.length > 0 ? t('applyAnyway') : t('apply'));
    const cancel = h('button', { type: 'button', id: 'import-cancel' }, t('cancel'));
    cancel.addEventListener('click', () => {
      fill(result);
      status.textContent = '';
      submit.focus();
    });
    apply.addEventListener('click', async () => {
      apply.disabled = true;
      try {
        const answer = await send(formData(preview.confirm ?? undefined), {});
        const body = answer.body as { import?: ImportRow; preview: ImportPreview; message?: string };
        if (answer.status === 409) {
          status.textContent = body.message ?? '';
          showPreview(body.preview);
          return;
        }
        fill(result);
        const message = t('applied', { id: body.import!.id });
        status.textContent = message;
        options.announce(message);
        options.onApplied(body.import!);
      } catch (err) {
        status.textContent = t('error', { message: (err as Error).message });
        apply.disabled = false;
      }
    });
    fill(
      result,
      h(
        'section',
        { class: 'preview', 'aria-labelledby': 'preview-title' },
        h('h3', { id: 'preview-title' }, t('previewTitle', { file: preview.fileName })),
        h('p', { id: 'preview-rows' }, t('previewRows', { read: formatCount(preview.rows.read), used: formatCount(preview.rows.used), rejected: formatCount(preview.rows.rejected) })),
        preview.firstRejects.length > 0 &&
          h(
            'table',
            { id: 'preview-rejects' },
            h('caption', {}, t('previewFirstRejects')),
            h('thead', {}, h('tr', {}, [t('line'), t('column'), t('reason')].map((c) => h('th', { scope: 'col' }, c)))),
            h('tbody', {}, preview.firstRejects.slice(0, 10).map((r) => h('tr', {}, h('td', { class: 'n' }, String(r.line)), h('td', {}, r.column), h('td', {}, r.message)))),
          ),
        h(
          'ul',
          { id: 'preview-changes' },
          (preview.register ?? []).map((r) => h('li', {}, t('previewRegister', { region: r.region, before: formatCount(r.before), after: formatCount(r.after), added: formatCount(r.added), removed: formatCount(r.removed), changed: formatCount(r.changed) }))),
          preview.accounts && h('li', {}, t('previewAccounts', { ...Object.fromEntries(Object.entries(preview.accounts).map(([k, v]) => [k, formatCount(v)])) })),
          preview.employers && h('li', {}, t('previewEmployers', { ...Object.fromEntries(Object.entries(preview.employers).map(([k, v]) => [k, formatCount(v)])) })),
        ),
        preview.coverage.length > 0 &&
          h(
            'table',
            { id: 'preview-coverage' },
            h('caption', {}, t('previewCoverage')),
            h('thead', {}, h('tr', {}, ['', t('coverageBefore'), t('coverageAfter')].map((c) => h('th', { scope: 'col' }, c)))),
            h('tbody', {}, preview.coverage.map((c) => h('tr', {}, h('th', { scope: 'row' }, c.name ?? c.region), h('td', { class: 'n' }, figures(c.before)), h('td', { class: 'n' }, figures(c.after))))),
          ),
        preview.guards.length > 0 && h('div', { class: 'warning', id: 'preview-guards', role: 'alert' }, h('h4', {}, t('previewGuards')), h('ul', {}, preview.guards.flatMap((g) => guardText(g.code, g.message, preview).map((text) => h('li', { 'data-guard': g.code, title: g.message }, text))))),
        preview.duplicateOf !== null && h('p', { id: 'preview-duplicate' }, t('previewDuplicate', { id: preview.duplicateOf })),
        !usable && h('p', { class: 'error' }, t('previewNothing')),
        h('p', { class: 'actions' }, usable && preview.duplicateOf === null && apply, ' ', cancel),
      ),
    );
    (usable && preview.duplicateOf === null ? apply : cancel).focus();
  };

  const form = h(
    'form',
    { id: 'import-form', class: 'import-form', 'aria-labelledby': 'import-title' },
    h('h2', { id: 'import-title' }, t('importNew')),
    h('p', { class: 'help' }, t('importNewHelp')),
    field(t('importFile'), file),
    field(t('importKind'), kind),
    field(t('importAsOf'), asOf),
    h('details', {}, h('summary', {}, t('importMore')), field(t('importSheet'), sheet), field(t('importDateOrder'), dateOrder)),
    h('p', {}, submit, ' ', progress),
    status,
    result,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!file.files?.[0]) return;
    submit.disabled = true;
    fill(result);
    try {
      const answer = await send(formData(), { dryRun: 'true' });
      status.textContent = '';
      showPreview((answer.body as { preview: ImportPreview }).preview);
    } catch (err) {
      status.textContent = t('error', { message: (err as Error).message });
    } finally {
      submit.disabled = false;
    }
  });
  return h('section', { class: 'card' }, form);
}
