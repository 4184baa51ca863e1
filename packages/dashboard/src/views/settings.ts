/**
 * A city's or regency's settings (administrators, `regions:settings`): who its stickers and
 * reports speak for (issuer, contact, letterhead and logo, addressee, signatory), its target and the
 * language of its official text — each field shown with where it comes from now — and its
 * villages' boundaries: a GeoJSON file checked first (what matches, what does not and why), kept
 * only when the administrator says so; earlier uploads can be put back.
 */
import { getJson, postForm, postJson } from '../api.js';
import { fill, h } from '../dom.js';
import { t } from '../i18n.js';
import type { BoundariesCheck, RegionSettingsAnswer } from '../types.js';
import type { PageEnv } from './requisitions.js';

export async function settingsPage(env: PageEnv): Promise<HTMLElement> {
  const section = h('section', { class: 'settings', 'aria-labelledby': 'settings-title' });
  const code = h('input', { id: 'set-region', name: 'region', required: true, inputmode: 'numeric', autocomplete: 'off', value: env.me.home?.code ?? env.me.cities[0]?.code ?? '' });
  const body = h('div', { id: 'settings-body' });
  const open = async () => {
    fill(body, await regionSettings(env, code.value.trim()));
  };
  fill(
    section,
    h('h1', { id: 'settings-title', tabindex: -1 }, t('settingsTitle')),
    h(
      'form',
      { class: 'card', onsubmit: (e: Event) => (e.preventDefault(), void open().catch((err: Error) => fill(body, h('p', { class: 'error', role: 'alert' }, t('error', { message: err.message }))))) },
      h('p', {}, h('label', { for: 'set-region' }, t('settingsRegion')), code, ' ', h('button', { type: 'submit', class: 'action' }, t('settingsOpen'))),
    ),
    body,
  );
  if (code.value) await open();
  return section;
}

async function regionSettings(env: PageEnv, code: string): Promise<HTMLElement> {
  const answer = await getJson<RegionSettingsAnswer>(`/v1/regions/${encodeURIComponent(code)}/settings`);
  const s = answer.settings;
  const own = answer.own ?? {};
  const from = (field: keyof RegionSettingsAnswer['from']) => {
    const f = answer.from[field];
    return h('span', { class: 'muted from' }, f === null ? t('settingsDefault') : f === 'deployment' ? t('settingsDeployment') : f === answer.region ? t('settingsOwn') : t('settingsFrom', { region: f }));
  };
  const input = (id: string, value: string | undefined, placeholder: string, attrs: Record<string, string | number | boolean> = {}) => h('input', { id, name: id, value: value ?? '', placeholder, autocomplete: 'off', ...attrs });
  const issuer = input('set-issuer', own.issuer, s.issuer, { maxlength: 80 });
  const contact = input('set-contact', own.contact, s.contact, { maxlength: 200 });
  const letterhead = h('textarea', { id: 'set-letterhead', name: 'letterhead', rows: 4, placeholder: s.letterhead.join('\n') }, (own.letterhead ?? []).join('\n'));
  const addressee = input('set-addressee', own.addressee, s.addressee, { maxlength: 120 });
  const signName = input('set-sign-name', own.signatory?.name, s.signatory?.name ?? '', { maxlength: 80 });
  const signTitle = input('set-sign-title', own.signatory?.title, s.signatory?.title ?? '', { maxlength: 120 });
  const signNip = input('set-sign-nip', own.signatory?.nip, s.signatory?.nip ?? '', { pattern: '\\d{18}', inputmode: 'numeric' });
  const target = input('set-target', own.target ? String(own.target.percent) : undefined, String(s.target.percent), { type: 'number', min: 0, max: 100, step: 0.01 });
  const targetSource = input('set-target-source', own.target?.source, s.target.source, { maxlength: 120 });
  const language = h('select', { id: 'set-language', name: 'language' }, h('option', { value: '' }, t('settingsInherit')), h('option', { value: 'id', selected: own.language === 'id' }, 'Bahasa Indonesia'), h('option', { value: 'en', selected: own.language === 'en' }, 'English'));
  const logo = h('input', { id: 'set-logo', name: 'logo', type: 'file', accept: 'image/png,image/jpeg' });
  const message = h('p', { class: 'error', role: 'alert', id: 'set-error' });
  const row = (id: string, label: string, el: HTMLElement, field?: keyof RegionSettingsAnswer['from']) => h('p', {}, h('label', { for: id }, label), el, field ? from(field) : null);
  // a province or a city/regency sets its own (the answer's region is dotted: 32 or 32.76)
  const settable = answer.region.split('.').length <= 2;

  const save = async (e: Event) => {
    e.preventDefault();
    message.textContent = '';
    const lines = (letterhead as HTMLTextAreaElement).value.split('\n').map((l) => l.trim()).filter(Boolean);
    const file = (logo as HTMLInputElement).files?.[0];
    const body = {
      ...(issuer.value.trim() && { issuer: issuer.value.trim() }),
      ...(contact.value.trim() && { contact: contact.value.trim() }),
      ...(lines.length > 0 && { letterhead: lines }),
      ...(file ? { logo: { mediaType: file.type, data: await base64(file) } } : own.logo ? { logo: own.logo } : {}),
      ...(addressee.value.trim() && { addressee: addressee.value.trim() }),
      ...(signName.value.trim() && signTitle.value.trim() && { signatory: { name: signName.value.trim(), title: signTitle.value.trim(), ...(signNip.value.trim() && { nip: signNip.value.trim() }) } }),
      ...(target.value !== '' && targetSource.value.trim() && { target: { percent: Number(target.value), source: targetSource.value.trim() } }),
      ...(language.value && { language: language.value }),
    };
    try {
      await postJson(`/v1/regions/${encodeURIComponent(answer.region)}/settings`, body, 'PUT');
      env.announce(t('settingsSaved', { region: answer.region }));
    } catch (err) {
      message.textContent = t('error', { message: (err as Error).message });
    }
  };

  return h(
    'div',
    {},
    h(
      'form',
      { class: 'card settings-form', onsubmit: save, 'aria-labelledby': 'settings-form-title' },
      h('h2', { id: 'settings-form-title' }, `${answer.words.region} ${answer.region}`),
      h('p', { class: 'muted' }, t('settingsHelp', { head: answer.words.head ?? '—', villages: answer.words.villages })),
      row('set-issuer', t('settingsIssuer'), issuer, 'issuer'),
      row('set-contact', t('settingsContact'), contact, 'contact'),
      row('set-letterhead', t('settingsLetterhead'), letterhead, 'letterhead'),
      row('set-logo', t('settingsLogo'), logo, 'logo'),
      row('set-addressee', t('settingsAddressee'), addressee, 'addressee'),
      row('set-sign-name', t('settingsSignName'), signName, 'signatory'),
      row('set-sign-title', t('settingsSignTitle'), signTitle),
      row('set-sign-nip', 'NIP', signNip),
      row('set-target', t('settingsTarget'), target, 'target'),
      row('set-target-source', t('settingsTargetSource'), targetSource),
      row('set-language', t('settingsLanguage'), language, 'language'),
      message,
      settable ? h('button', { type: 'submit', class: 'action', id: 'set-save' }, t('settingsSave')) : h('p', { class: 'muted' }, t('settingsNotHere')),
    ),
    boundariesForm(env, answer.region),
  );
}

function boundariesForm(env: PageEnv, region: string): HTMLElement {
  const file = h('input', { id: 'bnd-file', name: 'file', type: 'file', accept: '.geojson,.json,application/geo+json,application/json', required: true });
  const attribution = h('input', { id: 'bnd-attribution', name: 'attribution', autocomplete: 'off', maxlength: 2000 });
  const result = h('div', { id: 'bnd-result', 'aria-live': 'polite' });
  const send = async (dryRun: boolean) => {
    const form = new FormData();
    const chosen = (file as HTMLInputElement).files?.[0];
    if (!chosen) return;
    if (attribution.value.trim()) form.append('attribution', attribution.value.trim());
    form.append('file', chosen, chosen.name);
    const { status, body } = await postForm(`/v1/regions/${encodeURIComponent(region)}/boundaries`, form, undefined, { dryRun: dryRun ? 'true' : 'false' });
    if (status >= 400) return fill(result, h('p', { class: 'error', role: 'alert' }, t('error', { message: (body as { message?: string }).message ?? String(status) })));
    const check = body as BoundariesCheck;
    fill(
      result,
      h('p', {}, t(check.applied ? 'boundariesApplied' : 'boundariesChecked', { features: check.features, missing: check.missing.length, unmatched: check.unmatched.length, before: check.points.before, after: check.points.after })),
      check.unmatched.length > 0
        ? h('table', { class: 'table' }, h('caption', {}, t('boundariesUnmatched')), h('tr', {}, h('th', { scope: 'col' }, '#'), h('th', { scope: 'col' }, 'Kode'), h('th', { scope: 'col' }, t('reason'))), ...check.unmatched.slice(0, 50).map((u) => h('tr', {}, h('td', {}, String(u.feature)), h('td', {}, u.code ?? '—'), h('td', {}, u.reason))))
        : null,
      check.missing.length > 0 ? h('p', {}, `${t('boundariesMissing')}: ${check.missing.slice(0, 30).map((m) => m.name).join(', ')}${check.missing.length > 30 ? ' …' : ''}`) : null,
      !check.applied && check.features > 0 ? h('button', { type: 'button', class: 'action', id: 'bnd-apply', onclick: () => void send(false) }, t('boundariesApply')) : null,
    );
    if (check.applied) env.announce(t('boundariesApplied', { features: check.features, missing: check.missing.length, unmatched: check.unmatched.length, before: check.points.before, after: check.points.after }));
  };
  return h(
    'form',
    { class: 'card boundaries-form', 'aria-labelledby': 'bnd-title', onsubmit: (e: Event) => (e.preventDefault(), void send(true)) },
    h('h2', { id: 'bnd-title' }, t('boundariesTitle')),
    h('p', { class: 'muted' }, t('boundariesHelp')),
    h('p', {}, h('label', { for: 'bnd-file' }, t('boundariesFile')), file),
    h('p', {}, h('label', { for: 'bnd-attribution' }, t('boundariesAttribution')), attribution),
    h('button', { type: 'submit', class: 'action', id: 'bnd-check' }, t('boundariesCheck')),
    result,
  );
}

/** A file's bytes as base64 (for the logo in the settings' JSON). */
async function base64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
