/**
 * Sticker requisitions (*pengajuan kebutuhan stiker*): who may request sees the form; who decides
 * approves or declines (with a reason) what waits; the print shop sees approved ones, downloads
 * their PDF and reads their job sheet. Each button is there only for a role that may press it.
 */
import { getFile, getJson, postJson, saveFile } from '../api.js';
import { fill, h } from '../dom.js';
import { formatDate } from '../format.js';
import { t, tAny } from '../i18n.js';
import { nameOf } from '../regions.js';
import type { JobSheet, Me, Requisition } from '../types.js';

export interface PageEnv {
  me: Me;
  announce(message: string): void;
}

const may = (me: Me, permission: string) => (me.permissions as string[]).includes(permission);
const regionText = (code: string) => `${nameOf(code)} (${code})`;

/** The requisitions page; it draws itself again after each step. */
export async function requisitionsPage(env: PageEnv): Promise<HTMLElement> {
  const section = h('section', { class: 'requisitions', 'aria-labelledby': 'requisitions-title' });
  const draw = async (focus?: string) => {
    const { requisitions } = await getJson<{ requisitions: Requisition[] }>('/v1/requisitions');
    fill(
      section,
      h('h1', { id: 'requisitions-title', tabindex: -1 }, t('requisitionsTitle')),
      !may(env.me, 'requisitions:request') && !may(env.me, 'requisitions:decide') ? h('p', {}, t('requisitionsHelpShop')) : null,
      may(env.me, 'requisitions:request') ? requestForm(env, () => draw('requisitions-table')) : null,
      requisitions.length === 0 ? h('p', { id: 'no-requisitions' }, t('noRequisitions')) : table(env, requisitions, draw),
      h('div', { id: 'job-sheet' }),
    );
    if (focus) document.getElementById(focus)?.focus();
  };
  await draw();
  return section;
}

function requestForm(env: PageEnv, done: () => Promise<void>): HTMLElement {
  const region = h('input', { id: 'req-region', name: 'region', required: true, value: env.me.scope?.level === 'village' ? env.me.scope.code : '', inputmode: 'numeric', autocomplete: 'off' });
  const kind = h('select', { id: 'req-kind', name: 'kind' }, h('option', { value: 'employer' }, t('kind_employer')), h('option', { value: 'household' }, t('kind_household')));
  const note = h('input', { id: 'req-note', name: 'note', maxlength: 500 });
  const message = h('p', { class: 'error', role: 'alert', id: 'req-error' });
  return h(
    'form',
    {
      class: 'card request-form',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        message.textContent = '';
        try {
          const made = await postJson<Requisition>('/v1/requisitions', { region: region.value.trim(), kind: kind.value, ...(note.value.trim() && { note: note.value.trim() }) });
          env.announce(t('requested', { id: made.id }));
          await done();
        } catch (err) {
          message.textContent = t('error', { message: (err as Error).message });
        }
      },
    },
    h('h2', {}, t('newRequisition')),
    h('p', {}, h('label', { for: 'req-region' }, t('regionCode')), region),
    h('p', {}, h('label', { for: 'req-kind' }, t('kind')), kind),
    h('p', {}, h('label', { for: 'req-note' }, t('note')), note),
    message,
    h('button', { type: 'submit', class: 'action' }, t('submitRequest')),
  );
}

function table(env: PageEnv, rows: Requisition[], draw: (focus?: string) => Promise<void>): HTMLElement {
  return h(
    'div',
    { class: 'table-block scroll', role: 'region', 'aria-labelledby': 'requisitions-title', tabindex: 0 },
    h(
      'table',
      { id: 'requisitions-table', tabindex: -1 },
      h('caption', { class: 'visually-hidden' }, t('requisitionsTitle')),
      h('thead', {}, h('tr', {}, ['#', t('region'), t('kind'), t('status'), t('greenRed'), t('requestedBy'), t('decision'), ''].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        rows.map((r) =>
          h(
            'tr',
            { id: `requisition-${r.id}` },
            h('th', { scope: 'row' }, String(r.id)),
            h('td', {}, regionText(r.regionCode)),
            h('td', {}, tAny(`kind_${r.kind}`)),
            h('td', {}, tAny(`status_${r.status}`)),
            h('td', { class: 'n' }, r.green === null ? '—' : `${r.green} / ${r.red}`),
            h('td', {}, r.requestedBy, h('br', {}), h('span', { class: 'muted' }, formatDate(r.requestedAt.slice(0, 10))), r.note ? h('div', { class: 'muted' }, r.note) : null),
            h('td', {}, r.decidedBy ?? '—', r.declineReason ? h('div', { class: 'muted' }, r.declineReason) : null),
            h('td', { class: 'actions' }, actions(env, r, draw)),
          ),
        ),
      ),
    ),
  );
}

function actions(env: PageEnv, r: Requisition, draw: (focus?: string) => Promise<void>): (HTMLElement | null)[] {
  const failed = (err: unknown) => env.announce(t('error', { message: (err as Error).message }));
  if (r.status === 'requested' && may(env.me, 'requisitions:decide')) {
    const reason = h('input', { id: `decline-reason-${r.id}`, name: 'reason', minlength: 3, maxlength: 500, 'aria-label': `${t('declineReason')} #${r.id}` });
    return [
      h('button', { type: 'button', class: 'action', id: `approve-${r.id}`, onclick: () => postJson(`/v1/requisitions/${r.id}/approve`).then(() => (env.announce(t('approved', { id: r.id })), draw(`requisition-${r.id}`)), failed) }, t('approve')),
      reason,
      h(
        'button',
        { type: 'button', id: `decline-${r.id}`, onclick: () => postJson(`/v1/requisitions/${r.id}/decline`, { reason: reason.value.trim() }).then(() => (env.announce(t('declined', { id: r.id })), draw()), failed) },
        t('decline'),
      ),
    ];
  }
  if (r.status === 'approved' && may(env.me, 'requisitions:print')) {
    return [
      h('button', { type: 'button', class: 'action', id: `pdf-${r.id}`, onclick: () => getFile(`/v1/requisitions/${r.id}/stickers`).then((pdf) => (saveFile(pdf, `requisition-${r.id}.pdf`), draw()), failed) }, t('downloadPdf')),
      r.runs > 0 ? h('button', { type: 'button', id: `sheet-${r.id}`, onclick: () => showJobSheet(r.id).catch(failed) }, t('jobSheet')) : null,
    ];
  }
  return [];
}

async function showJobSheet(id: number): Promise<void> {
  const sheet = await getJson<JobSheet>(`/v1/requisitions/${id}/job-sheet`);
  const place = document.getElementById('job-sheet')!;
  fill(
    place,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'job-sheet-title' },
      h('h2', { id: 'job-sheet-title', tabindex: -1 }, `${t('jobSheet')} #${id} — ${sheet.issuer}`),
      h(
        'div',
        { class: 'scroll', role: 'region', 'aria-labelledby': 'job-sheet-title', tabindex: 0 },
        h(
        'table',
        {},
        h('thead', {}, h('tr', {}, [t('region'), 'RW', 'RT', t('serials'), t('greenRed')].map((c) => h('th', { scope: 'col' }, c)))),
        h(
          'tbody',
          {},
          sheet.lines.map((l) => h('tr', {}, h('td', {}, l.villageName ?? l.villageCode ?? '—'), h('td', { class: 'n' }, l.rw ?? '—'), h('td', { class: 'n' }, l.rt ?? '—'), h('td', { class: 'n' }, `${l.firstSerial}–${l.lastSerial}`), h('td', { class: 'n' }, `${l.green} / ${l.red}`))),
        ),
        h('tfoot', {}, h('tr', {}, h('th', { scope: 'row', colspan: 3 }, t('totals')), h('td', { class: 'n' }, String(sheet.totals.stickers)), h('td', { class: 'n' }, `${sheet.totals.green} / ${sheet.totals.red}`))),
        ),
      ),
      h('p', {}, `${t('checksum')}: `, h('code', { id: 'job-sheet-sha' }, sheet.pdfSha256 ?? '—')),
    ),
  );
  document.getElementById('job-sheet-title')?.focus();
}
