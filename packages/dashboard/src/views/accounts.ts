/**
 * Officers' accounts (administrators): the list with each one's role, scope and state; making an
 * account (a first password, or none for single sign-on only); resetting a password (lifting a
 * lock); disabling and enabling.
 */
import { getJson, postJson } from '../api.js';
import { fill, h } from '../dom.js';
import { t, tAny } from '../i18n.js';
import type { Account, Role } from '../types.js';
import type { PageEnv } from './requisitions.js';

const ROLES: Role[] = ['administrator', 'city_officer', 'kelurahan_operator', 'field_officer', 'bpjs_branch', 'disdukcapil', 'print_shop', 'analyst'];

export async function accountsPage(env: PageEnv): Promise<HTMLElement> {
  const section = h('section', { class: 'accounts', 'aria-labelledby': 'accounts-title' });
  const draw = async () => {
    const { accounts } = await getJson<{ accounts: Account[] }>('/v1/accounts');
    fill(section, h('h1', { id: 'accounts-title', tabindex: -1 }, t('accountsTitle')), newAccountForm(env, draw), list(env, accounts, draw));
  };
  await draw();
  return section;
}

function newAccountForm(env: PageEnv, draw: () => Promise<void>): HTMLElement {
  const input = (id: string, attrs: Record<string, string | number | boolean> = {}) => h('input', { id, name: id, ...attrs });
  const username = input('acc-username', { required: true, autocomplete: 'off', pattern: '[a-z0-9_.\\-]{2,40}' });
  const name = input('acc-name', { required: true, autocomplete: 'off' });
  const role = h('select', { id: 'acc-role', name: 'role' }, ROLES.map((r) => h('option', { value: r }, tAny(`role_${r}`))));
  const scope = input('acc-scope', { autocomplete: 'off', inputmode: 'numeric' });
  const password = input('acc-password', { type: 'password', autocomplete: 'new-password', minlength: 10 });
  const message = h('p', { class: 'error', role: 'alert', id: 'acc-error' });
  const row = (id: string, label: string, el: HTMLElement) => h('p', {}, h('label', { for: id }, label), el);
  return h(
    'form',
    {
      class: 'card account-form',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        message.textContent = '';
        try {
          await postJson('/v1/accounts', {
            username: username.value.trim(),
            name: name.value.trim(),
            role: role.value,
            ...(scope.value.trim() && { scope: scope.value.trim() }),
            ...(password.value && { password: password.value }),
          });
          env.announce(t('accountMade', { name: username.value.trim() }));
          await draw();
        } catch (err) {
          message.textContent = t('error', { message: (err as Error).message });
        }
      },
    },
    h('h2', {}, t('newAccount')),
    row('acc-username', t('username'), username),
    row('acc-name', t('fullName'), name),
    row('acc-role', t('role'), role),
    row('acc-scope', t('scope'), scope),
    row('acc-password', t('initialPassword'), password),
    message,
    h('button', { type: 'submit', class: 'action' }, t('create')),
  );
}

function list(env: PageEnv, accounts: Account[], draw: () => Promise<void>): HTMLElement {
  const failed = (err: unknown) => env.announce(t('error', { message: (err as Error).message }));
  return h(
    'div',
    { class: 'table-block scroll', role: 'region', 'aria-labelledby': 'accounts-title', tabindex: 0 },
    h(
      'table',
      { id: 'accounts-table' },
      h('caption', { class: 'visually-hidden' }, t('accountsTitle')),
      h('thead', {}, h('tr', {}, [t('username'), t('fullName'), t('role'), t('region'), t('status'), ''].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        accounts.map((a) => {
          const reset = h('input', { id: `reset-${a.username}`, type: 'password', autocomplete: 'new-password', minlength: 10, 'aria-label': t('newPasswordFor', { name: a.username }) });
          const state = a.disabledAt ? t('disabled') : a.lockedUntil ? t('lockedUntil', { time: a.lockedUntil.slice(0, 16) }) : t('active');
          return h(
            'tr',
            { id: `account-${a.username}` },
            h('th', { scope: 'row' }, a.username),
            h('td', {}, a.name),
            h('td', {}, tAny(`role_${a.role}`)),
            h('td', {}, a.scope ?? '—'),
            h('td', {}, state),
            h(
              'td',
              { class: 'actions' },
              reset,
              h('button', { type: 'button', onclick: () => postJson(`/v1/accounts/${a.username}/reset`, { password: reset.value }).then(() => (env.announce(t('accountChanged', { name: a.username })), draw()), failed) }, t('resetPassword')),
              h(
                'button',
                { type: 'button', onclick: () => postJson(`/v1/accounts/${a.username}`, { disabled: a.disabledAt === null }, 'PATCH').then(() => (env.announce(t('accountChanged', { name: a.username })), draw()), failed) },
                a.disabledAt ? t('enable') : t('disable'),
              ),
            ),
          );
        }),
      ),
    ),
  );
}
