/**
 * The sign-in page: username and password (the officer's account), single sign-on when the city
 * has it, and — folded away — an API key for services and testing; and the change of password an
 * administrator's reset asks for first.
 */
import { ApiError, getJson } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { changePassword, signInWithPassword } from '../session.js';

export interface SignInOptions {
  /** Signed in by an account (the session is remembered) or with a key (`tryKey` keeps it). */
  done(): void;
  tryKey(key: string): Promise<void>;
  error?: string | undefined;
}

const SSO_ERRORS: Record<string, 'ssoNoAccount' | 'ssoRefused' | 'ssoExpired'> = { 'no-account': 'ssoNoAccount', refused: 'ssoRefused', expired: 'ssoExpired' };

/** What the provider's return said (`?sign-in=…`), once. */
function ssoOutcome(): string | undefined {
  const code = new URLSearchParams(location.search).get('sign-in');
  if (!code) return undefined;
  history.replaceState(null, '', location.pathname + location.hash);
  const word = SSO_ERRORS[code];
  return word ? t(word) : undefined;
}

const field = (id: string, label: string, input: HTMLInputElement) => h('p', {}, h('label', { for: id }, label), input);

/** The sign-in form (focus on the username). */
export function signInPage(options: SignInOptions): HTMLElement {
  const error = options.error ?? ssoOutcome() ?? '';
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const message = h('p', { id: 'sign-in-error', class: 'error', role: 'alert' }, error);
  const sso = h('p', { class: 'sso' });
  // single sign-on, when the service offers it
  void getJson<{ sso: { name: string; url: string } | null }>('/v1/session/methods').then(
    (m) => m.sso && sso.append(h('a', { class: 'action', href: m.sso.url, id: 'sso' }, t('signInWith', { name: m.sso.name }))),
    () => undefined,
  );
  const key = h('input', { id: 'api-key', name: 'api-key', type: 'password', autocomplete: 'off', 'aria-describedby': 'api-key-help' });
  const form = h(
    'form',
    {
      class: 'card sign-in',
      'aria-describedby': 'sign-in-help',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        message.textContent = '';
        try {
          if (key.value.trim()) await options.tryKey(key.value.trim());
          else {
            await signInWithPassword(username.value.trim(), password.value);
            options.done();
          }
        } catch (err) {
          message.textContent = err instanceof ApiError && err.status === 401 ? t(key.value.trim() ? 'wrongKey' : 'wrongPassword') : t('error', { message: (err as Error).message });
          password.value = '';
          (key.value.trim() ? key : password).focus();
        }
      },
    },
    h('h1', {}, t('signInTitle')),
    h('p', { id: 'sign-in-help' }, t('signInHelp')),
    field('username', t('username'), username),
    field('password', t('password'), password),
    message,
    h('button', { type: 'submit', class: 'action', id: 'sign-in' }, t('signIn')),
    sso,
    h(
      'details',
      { class: 'api-key' },
      h('summary', {}, t('orApiKey')),
      h('p', {}, h('label', { for: 'api-key' }, t('apiKey')), key),
      h('p', { id: 'api-key-help', class: 'muted' }, t('apiKeyHelp')),
    ),
  );
  // a key alone signs in: the username and password are then not needed
  key.addEventListener('input', () => {
    const keyed = key.value.trim() !== '';
    username.required = !keyed;
    password.required = !keyed;
  });
  queueMicrotask(() => username.focus());
  return form;
}

/** The change of password an administrator's reset asks for before anything else. */
export function changePasswordPage(done: () => void): HTMLElement {
  const current = h('input', { id: 'current-password', type: 'password', autocomplete: 'current-password', required: true });
  const next = h('input', { id: 'new-password', type: 'password', autocomplete: 'new-password', required: true, minlength: 10 });
  const message = h('p', { id: 'password-error', class: 'error', role: 'alert' });
  queueMicrotask(() => current.focus());
  return h(
    'form',
    {
      class: 'card sign-in',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        try {
          await changePassword(current.value, next.value);
          done();
        } catch (err) {
          message.textContent = t('error', { message: (err as Error).message });
        }
      },
    },
    h('h1', {}, t('changePasswordTitle')),
    h('p', {}, t('changePasswordHelp')),
    field('current-password', t('currentPassword'), current),
    field('new-password', t('newPassword'), next),
    message,
    h('button', { type: 'submit', class: 'action' }, t('save')),
  );
}
