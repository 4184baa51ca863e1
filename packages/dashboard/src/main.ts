/**
 * The dashboard: signs in (an officer's account or single sign-on: a session cookie; or an API
 * key, kept for the browser session), then shows the region
 * in the URL (else the key's home) on the date in the URL (else the date the data reach), in the
 * chosen view — or the sticker requisitions (`#requisitions`, a print shop's home) or the
 * officers' accounts (`#accounts`, administrators). Every figure comes from the service's API;
 * nothing is loaded from elsewhere.
 *
 * The page renders from its state (`state.ts`: the route and who the reader is); the URL's
 * fragment drives the route; the view registry (`views/registry.ts`) picks the view; the typed
 * client (`client.ts`) fetches and keeps the answers.
 */
import { isWithinRegion, lastCompleteMonth, levelOfCode, lineageOf } from '@cakupan/core/lite';
import { ApiError, apiKey, getFile, setApiKey, whenUnauthorised } from './api.js';
import { createClient } from './client.js';
import type { ViewContext } from './context.js';
import { fill, h } from './dom.js';
import { formatDate, formatMonthWords } from './format.js';
import { currentLang, setLang, t, tAny } from './i18n.js';
import { levelWord, loadNames, nameOf, rememberNames } from './regions.js';
import { formatRoute, linkTo, parseRoute, type View } from './route.js';
import { createPageStore } from './state.js';
import type { Me } from './types.js';
import { currentPerson, forgetPerson, signOutSession } from './session.js';
import { accountsPage } from './views/accounts.js';
import { settingsPage } from './views/settings.js';
import { downloadButton } from './views/downloadButton.js';
import { requisitionsPage } from './views/requisitions.js';
import { changePasswordPage, signInPage } from './views/signIn.js';
import { importForm } from './views/importForm.js';
import { VIEW_REGISTRY, viewsFor, viewShown } from './views/registry.js';
import { hasMap } from './views/map.js';

const main = document.getElementById('main') as HTMLElement;
const header = document.getElementById('top') as HTMLElement;
const live = document.getElementById('live') as HTMLElement;

const api = createClient();
const store = createPageStore(location.hash);
/** After a move (a link, the back button), focus goes to the new view's heading, where a screen reader starts reading. */
let focusHeading = false;
/** Each render has a number; an answer for an older one is dropped (the reader moved on). */
let renderCount = 0;

/** Ends the session (or forgets the key), then forgets every kept answer. */
async function signOut(): Promise<void> {
  if (apiKey()) setApiKey(null);
  else await signOutSession().catch(() => undefined);
  refresh();
}

/** The pages beside the region views, by their fragment. */
const PAGES = { '#requisitions': requisitionsPage, '#accounts': accountsPage, '#settings': settingsPage } as const;
const pageOf = (me: Me): keyof typeof PAGES | null => {
  if (location.hash in PAGES) return location.hash as keyof typeof PAGES;
  // a print shop reads no figures: its home is the requisitions
  return (me.permissions as string[]).includes('coverage:read') ? null : '#requisitions';
};

const announce = (message: string) => {
  live.textContent = '';
  // a fresh text node so that repeating the same message is announced again
  setTimeout(() => (live.textContent = message), 20);
};

function renderHeader(): void {
  const { me } = store.get();
  document.documentElement.lang = currentLang();
  document.title = `${t('appName')} — ${t('tagline')}`;
  fill(
    header,
    h('a', { class: 'brand', href: '#' }, h('span', { class: 'logo', 'aria-hidden': 'true' }), t('appName')),
    h('span', { class: 'tagline' }, t('tagline')),
    h(
      'div',
      { class: 'session' },
      me
        ? h(
            'nav',
            { class: 'pages', 'aria-label': t('tabs') },
            (me.permissions as string[]).includes('coverage:read') ? h('a', { href: '#' }, t('navHome')) : null,
            (me.permissions as string[]).includes('requisitions:read') ? h('a', { href: '#requisitions', id: 'nav-requisitions', 'aria-current': location.hash === '#requisitions' ? 'page' : null }, t('navRequisitions')) : null,
            (me.permissions as string[]).includes('accounts:manage') ? h('a', { href: '#accounts', id: 'nav-accounts', 'aria-current': location.hash === '#accounts' ? 'page' : null }, t('navAccounts')) : null,
            (me.permissions as string[]).includes('regions:settings') ? h('a', { href: '#settings', id: 'nav-settings', 'aria-current': location.hash === '#settings' ? 'page' : null }, t('navSettings')) : null,
          )
        : null,
      me ? h('span', { class: 'who' }, `${t('signedInAs')} `, h('strong', {}, me.name ?? me.label), ` (${tAny(`role_${me.role}`)})`) : null,
      h(
        'button',
        {
          type: 'button',
          id: 'lang',
          lang: currentLang() === 'id' ? 'en' : 'id',
          'aria-label': t('languageLabel'),
          onclick: () => {
            setLang(currentLang() === 'id' ? 'en' : 'id');
            // the same state in the other language: the kept answers make it instant
            void render();
          },
        },
        t('language'),
      ),
      me
        ? h(
            'button',
            {
              type: 'button',
              id: 'sign-out',
              onclick: () => void signOut(),
            },
            t('signOut'),
          )
        : null,
    ),
  );
}

function signIn(error?: string): void {
  fill(
    main,
    signInPage({
      error,
      done: refresh,
      tryKey: async (key) => {
        const me = await api.me(key);
        setApiKey(key);
        store.set({ me });
      },
    }),
  );
  main.dataset.ready = 'sign-in';
}

async function render(): Promise<void> {
  const mine = ++renderCount;
  renderHeader();
  const keyed = apiKey() !== null;
  main.dataset.ready = 'loading';
  main.setAttribute('aria-busy', 'true');
  try {
    // a person's session (the cookie), unless an API key was given
    if (!apiKey()) {
      const person = await currentPerson();
      if (mine !== renderCount) return;
      if (!person) return signIn();
      if (person.mustChangePassword) {
        fill(main, changePasswordPage(refresh));
        main.dataset.ready = 'change-password';
        return;
      }
    }
    const state = store.get();
    const me = state.me ?? (await api.me());
    if (mine !== renderCount) return;
    if (!state.me) return store.set({ me });
    const page = pageOf(me);
    if (page) {
      const content = await PAGES[page]({ me, announce });
      if (mine !== renderCount) return;
      fill(main, content);
      document.title = `${t(page === '#accounts' ? 'navAccounts' : page === '#settings' ? 'navSettings' : 'navRequisitions')} — ${t('appName')}`;
      if (focusHeading) content.querySelector<HTMLElement>('h1')?.focus();
      focusHeading = false;
      main.dataset.ready = page.slice(1);
      return;
    }
    rememberNames([...me.cities, ...(me.home ? [me.home] : []), ...(me.scope ? [me.scope] : [])]);
    const { route } = state;
    const region = route.region ?? me.home?.code;
    if (!region) return chooseCity(me);
    const asOf = route.asOf ?? me.dataDate;
    const level = levelOfCode(region);
    // the map is offered only where the store holds boundaries
    const mapped = viewsFor(level, me.permissions).includes('map') && (await hasMap({ api }, region));
    if (mine !== renderCount) return;
    const views = viewsFor(level, me.permissions).filter((v) => v !== 'map' || mapped);
    const view = views.includes(route.view) ? route.view : viewShown('overview', level, me.permissions);
    const ctx: ViewContext = {
      route: { ...route, region, asOf },
      region,
      asOf,
      me,
      api,
      link: (change) => linkTo({ ...route, region, asOf: route.asOf }, change),
      remember: (change) => {
        const next = { ...store.get().route, ...change };
        history.replaceState(null, '', formatRoute(next));
        store.keep({ route: next });
      },
      announce,
      refresh,
    };
    const [content] = await Promise.all([VIEW_REGISTRY[view].render(ctx), loadNames(api, region)]);
    if (mine !== renderCount) return;
    const shell = frame(ctx, views, view);
    shell.append(h('div', { id: 'view' }, content));
    fill(main, shell);
    document.title = `${nameOf(region)} — ${t(VIEW_REGISTRY[view].word)} — ${t('appName')}`;
    if (focusHeading) document.getElementById('region-title')?.focus();
    focusHeading = false;
    main.dataset.ready = `${view}:${region}`;
    performance.mark('cakupan:view-ready', { detail: { view, region } });
    announce(`${nameOf(region)}: ${t(VIEW_REGISTRY[view].word)}. ${t('ready')}`);
  } catch (err) {
    if (mine !== renderCount) return;
    if (err instanceof ApiError && err.status === 401) return signIn(keyed ? t('wrongKey') : undefined);
    fill(main, h('div', { class: 'card error', role: 'alert' }, h('p', {}, t('error', { message: (err as Error).message })), h('button', { type: 'button', class: 'action', onclick: () => void render() }, t('retry'))));
    main.dataset.ready = 'error';
  } finally {
    if (mine === renderCount) main.removeAttribute('aria-busy');
  }
}

/** Reads who the reader is and the data again, then shows the page (after an import or a revert). */
function refresh(): void {
  api.invalidate();
  store.set({ me: undefined });
}

function chooseCity(m: Me): void {
  fill(
    main,
    h(
      'section',
      { class: 'card' },
      h('h1', {}, t('chooseCity')),
      m.cities.length === 0 ? h('p', { id: 'empty-store' }, t('emptyStore')) : h('ul', {}, m.cities.map((c) => h('li', {}, h('a', { href: formatRoute({ region: c.code }) }, nameOf(c.code, c.name))))),
    ),
    // an empty store: the first import starts here
    m.cities.length === 0 && importForm({ announce, onApplied: refresh }),
  );
  main.dataset.ready = 'choose';
}

/** Breadcrumbs, the region's heading, the date, the report button and the view tabs. */
function frame(ctx: ViewContext, views: View[], view: View): HTMLElement {
  const scope = ctx.me.scope?.code;
  // the regions above the key's scope are not the reader's to open: shown as text
  const crumbs = lineageOf(ctx.region).filter((code) => levelOfCode(code) !== 'province');
  const dateInput = h('input', { id: 'as-of', name: 'asOf', type: 'date', value: ctx.asOf, required: true });
  const heading = h('h1', { id: 'region-title', tabindex: -1 }, h('span', { class: 'kicker' }, levelWord(ctx.region)), ' ', nameOf(ctx.region));
  // the report is of the last month the date reaches to its end; its state (approved or a draft) is asked for once shown
  const month = lastCompleteMonth(ctx.asOf);
  const reportState = h('span', { class: 'muted report-state', id: 'report-state' });
  void ctx.api
    .approvals({ region: ctx.region, month })
    .then(({ approvals }) => (reportState.textContent = approvals[0] ? t('reportApproved', { month: formatMonthWords(month), revision: approvals[0].revision }) : t('reportDraft', { month: formatMonthWords(month) })))
    .catch(() => undefined);
  return h(
    'div',
    { class: 'frame' },
    h(
      'nav',
      { 'aria-label': t('breadcrumb'), class: 'breadcrumbs' },
      h(
        'ol',
        {},
        crumbs.map((code, i) => {
          const last = i === crumbs.length - 1;
          const reachable = !scope || isWithinRegion(code, scope);
          return h('li', {}, last ? h('span', { 'aria-current': 'page' }, nameOf(code)) : reachable ? h('a', { href: ctx.link({ region: code }) }, nameOf(code)) : h('span', {}, nameOf(code)));
        }),
      ),
    ),
    h(
      'div',
      { class: 'title-row' },
      heading,
      h(
        'form',
        {
          class: 'date-form',
          onsubmit: (e: Event) => {
            e.preventDefault();
            if (dateInput.value) location.hash = ctx.link({ asOf: dateInput.value });
          },
        },
        h('label', { for: 'as-of' }, t('dataDate')),
        dateInput,
        h('button', { type: 'submit' }, t('show')),
      ),
      downloadButton(ctx, t('monthlyReport'), `laporan-bulanan-${ctx.region.replaceAll('.', '')}-${month}.pdf`, () => getFile('/v1/reports/monthly', { region: ctx.region, month }), 'monthly-report'),
      reportState,
    ),
    h('p', { class: 'muted as-of-line' }, `${t('dataAsOf')} ${formatDate(ctx.asOf)}`),
    // residents aged past what the register knows: said, not hidden
    ctx.me.registerStale && ctx.me.registerDate && ctx.asOf === ctx.me.dataDate ? h('p', { class: 'warning', role: 'note', id: 'register-stale' }, t('registerStale', { date: formatDate(ctx.me.registerDate) })) : null,
    h(
      'nav',
      { 'aria-label': t('tabs'), class: 'tabs' },
      h('ul', {}, views.map((v) => h('li', {}, h('a', { href: ctx.link({ view: v }), 'aria-current': v === view ? 'page' : null, id: `tab-${v}` }, t(VIEW_REGISTRY[v].word))))),
    ),
  );
}

whenUnauthorised(() => {
  setApiKey(null);
  forgetPerson();
  api.invalidate();
});
// the skip link moves focus without touching the URL's fragment (which holds the route)
document.querySelector('a.skip')?.addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
});
window.addEventListener('hashchange', () => {
  focusHeading = true;
  store.set({ route: parseRoute(location.hash) });
});
store.subscribe(() => void render());
void render();
