/**
 * The field app (`/lapangan/`): for field officers on a phone, Indonesian first. Signed in with the
 * officer's account, it shows today's delivery list of the officer's village, reads each sticker put
 * up with the camera, records visits to unregistered employers, and keeps working offline — the app
 * is cached by its service worker, the list and the records by IndexedDB — sending the records when
 * the phone is connected again.
 */
import type { DeliveryList, FieldProgress, SessionState, VISIT_OUTCOMES } from '@cakupan/contract';
import { formatRtRw, levelOfCode } from '@cakupan/core/lite';
import { ApiError, getJson, whenUnauthorised } from '../api.js';
import { fill, h } from '../dom.js';
import { currentLang, setLang } from '../i18n.js';
import { forgetPerson, remember, signInWithPassword, signOutSession } from '../session.js';
import { addRecord, allRecords, type FieldDb, type FieldPerson, type FieldRecord, forgetAll, loadList, loadPerson, openFieldDb, queuedRecords, saveList, savePerson } from './fieldDb.js';
import { type Scan, startScan } from './scanner.js';
import { serialOfStickerUrl } from './stickerUrl.js';
import { syncRecords } from './sync.js';
import { type FieldWord, w } from './words.js';

// the contract's VISIT_OUTCOMES in the words' order (the page takes only types from the contract)
const OUTCOMES = ['registered_on_the_spot', 'will_register', 'refused', 'closed', 'not_found'] as const satisfies readonly (typeof VISIT_OUTCOMES)[number][];
type Tab = 'daftar' | 'pindai' | 'catatan';

const main = document.getElementById('main')!;
const top = document.getElementById('top')!;
const live = document.getElementById('live')!;
let db: FieldDb;
let person: FieldPerson | null = null;
/** The session cookie is known to be good (signed in, or answered since load). */
let sessionLive = false;
let scan: Scan | null = null;
let syncing = false;
let village: string | null = localStorage.getItem('cakupan.lapangan.village');
/** What the sign-in says: why it is back (the session ended, records wait). */
let signInMessage = '';

const say = (text: string) => {
  live.textContent = '';
  live.textContent = text;
};
const tabOf = (): Tab => (location.hash === '#pindai' ? 'pindai' : location.hash === '#catatan' ? 'catatan' : 'daftar');
const isOnline = () => navigator.onLine;

/** The local time of an ISO timestamp, as the officer reads it. */
const clock = (iso: string) => new Date(iso).toLocaleString(currentLang() === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'medium', timeStyle: 'short' });
/** Now, with the phone's offset (the API wants the offset: `2026-12-03T09:15:00+07:00`). */
function nowWithOffset(): string {
  const d = new Date();
  const offset = -d.getTimezoneOffset();
  const pad = (n: number) => String(Math.trunc(Math.abs(n))).padStart(2, '0');
  const local = new Date(d.getTime() + offset * 60_000).toISOString().slice(0, 19);
  return `${local}${offset >= 0 ? '+' : '-'}${pad(offset / 60)}:${pad(offset % 60)}`;
}

/** The phone's position when it gives one within a few seconds (never asked twice at once; never required). */
function position(): Promise<{ latitude: number; longitude: number; accuracyM: number } | undefined> {
  if (!('geolocation' in navigator)) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude, accuracyM: Math.round(p.coords.accuracy) }),
      () => resolve(undefined),
      { enableHighAccuracy: true, timeout: 4000, maximumAge: 60_000 },
    );
  });
}

// --- the frame: header with the connection, the records waiting and the tabs

async function renderTop(): Promise<void> {
  const waiting = db ? (await queuedRecords(db)).length : 0;
  const tab = tabOf();
  const link = (id: Tab, word: FieldWord) => h('a', { href: `#${id}`, id: `tab-${id}`, 'aria-current': tab === id ? 'page' : null }, w(word));
  fill(
    top,
    h('div', { class: 'field-bar' }, h('span', { class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }), w('title')),
      h('span', { id: 'connection', class: isOnline() ? 'badge online' : 'badge offline' }, isOnline() ? w('online') : 'Luring / Offline'),
      h('button', { type: 'button', class: 'link', id: 'language', lang: currentLang() === 'en' ? 'id' : 'en', onclick: () => { setLang(currentLang() === 'en' ? 'id' : 'en'); void render(); } }, w('language')),
      person ? h('button', { type: 'button', class: 'link', id: 'sign-out', onclick: () => void signOut() }, w('signOut')) : null),
    isOnline() ? null : h('p', { class: 'offline-note', role: 'note' }, w('offline')),
    person ? h('nav', { class: 'tabs', 'aria-label': w('title') }, link('daftar', 'list'), link('pindai', 'scan'), link('catatan', 'records')) : null,
    person && waiting > 0 ? h('p', { class: 'pending', id: 'pending' }, w('pending', { n: waiting }), ' ', isOnline() ? h('button', { type: 'button', class: 'action small', id: 'sync-now', onclick: () => void sync() }, w('syncNow')) : null) : null,
  );
}

async function render(): Promise<void> {
  document.documentElement.lang = currentLang();
  if (tabOf() !== 'pindai' && scan) {
    scan.stop();
    scan = null;
  }
  await renderTop();
  if (!person) return renderSignIn();
  const tab = tabOf();
  if (tab === 'pindai') return renderScan();
  if (tab === 'catatan') return renderRecords();
  return renderList();
}

// --- sign-in

function renderSignIn(message = signInMessage): void {
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { class: 'error', role: 'alert', id: 'sign-in-error' }, message || ssoOutcome());
  const sso = h('p', { class: 'sso' });
  fill(
    main,
    h(
      'form',
      {
        class: 'card',
        onsubmit: async (e: Event) => {
          e.preventDefault();
          error.textContent = '';
          try {
            const session = await signInWithPassword(username.value.trim(), password.value);
            await signedIn(session);
          } catch (err) {
            error.textContent = err instanceof ApiError && err.status === 401 ? w('wrongPassword') : err instanceof ApiError ? err.message : w('needsConnection');
            password.value = '';
            password.focus();
          }
        },
      },
      h('h1', {}, w('signIn')),
      h('p', {}, w('signInHelp')),
      h('p', {}, h('label', { for: 'username' }, w('username')), username),
      h('p', {}, h('label', { for: 'password' }, w('password')), password),
      error,
      h('button', { type: 'submit', class: 'action', id: 'sign-in' }, w('signIn')),
      sso,
    ),
  );
  main.dataset.ready = 'sign-in';
  // single sign-on, when the city has it: back here afterwards
  if (isOnline()) {
    void getJson<{ sso: { name: string; url: string } | null }>('/v1/session/methods').then(
      (m) => m.sso && sso.append(h('a', { class: 'action secondary', id: 'sso', href: `${m.sso.url}?then=lapangan` }, w('signInWith', { name: m.sso.name }))),
      () => undefined,
    );
  }
}

const SSO_OUTCOMES: Record<string, FieldWord> = { 'no-account': 'ssoNoAccount', refused: 'ssoRefused', expired: 'ssoExpired' };

/** What the provider's return said (`?sign-in=…`), once. */
function ssoOutcome(): string {
  const code = new URLSearchParams(location.search).get('sign-in');
  if (!code) return '';
  history.replaceState(null, '', location.pathname + location.hash);
  const word = SSO_OUTCOMES[code];
  return word ? w(word) : '';
}

async function signedIn(session: { username: string; name: string; role: string; scope: { code: string } | null }): Promise<void> {
  const previous = await loadPerson(db);
  // another officer on this phone: the last one's list and records are theirs, not this one's
  if (previous && previous.username !== session.username) await forgetAll(db);
  person = { username: session.username, name: session.name, role: session.role, scope: session.scope?.code ?? null };
  sessionLive = true;
  signInMessage = '';
  await savePerson(db, person);
  await refreshList();
  await sync();
  await render();
}

/** The session ended (it expires, or was ended): sign in again; the records wait on the phone. */
async function sessionEnded(): Promise<void> {
  sessionLive = false;
  person = null;
  signInMessage = w('signInAgain');
  await render();
}

async function signOut(): Promise<void> {
  const waiting = (await queuedRecords(db)).length;
  if (waiting > 0 && !confirm(w('signOutPending', { n: waiting }))) return;
  try {
    await signOutSession();
  } catch {
    // offline: the cookie ends with its session; the phone forgets now
  }
  await forgetAll(db);
  person = null;
  sessionLive = false;
  await render();
}

// --- the list

/** The village the list is of: the officer's, or — for a district's officer — the one chosen. */
function listRegion(): string | null {
  if (person?.scope && ['village', 'rw', 'rt'].includes(levelOfCode(person.scope))) return person.scope;
  return village;
}

async function refreshList(): Promise<void> {
  const region = listRegion();
  if (!region || !isOnline()) return;
  try {
    const list = await getJson<DeliveryList>('/v1/field/delivery-list', { region });
    await saveList(db, list);
  } catch (err) {
    if (err instanceof ApiError) say(err.message);
  }
}

async function villageChooser(): Promise<HTMLElement | null> {
  if (!person?.scope || levelOfCode(person.scope) !== 'district' || !isOnline()) return null;
  let rows: FieldProgress['rows'] = [];
  try {
    rows = (await getJson<FieldProgress>('/v1/field/progress', { region: person.scope })).rows;
  } catch {
    return null;
  }
  const select = h('select', { id: 'village', onchange: async () => { village = select.value; localStorage.setItem('cakupan.lapangan.village', village); await refreshList(); await render(); } },
    h('option', { value: '' }, '—'), ...rows.map((r) => h('option', { value: r.code, selected: r.code === village }, `${r.name ?? r.code} (${r.printed})`)));
  return h('p', {}, h('label', { for: 'village' }, 'Kelurahan/Desa'), select);
}

async function renderList(): Promise<void> {
  const kept = await loadList(db);
  const records = await allRecords(db);
  const recordedHere = new Set(records.filter((r) => r.kind === 'installation' && r.state !== 'rejected' && r.state !== 'conflict').map((r) => r.serial));
  const chooser = await villageChooser();
  if (!kept) {
    fill(main, chooser, h('p', { class: 'card', id: 'no-list' }, w('noList')));
    main.dataset.ready = 'list';
    return;
  }
  const { list, fetchedAt } = kept;
  const units = new Map<string, DeliveryList['stops']>();
  for (const stop of list.stops) {
    const unit = stop.rw === null ? '—' : stop.rt === null ? formatRtRw(undefined, stop.rw) : formatRtRw(stop.rt, stop.rw);
    units.set(unit, [...(units.get(unit) ?? []), stop]);
  }
  fill(
    main,
    chooser,
    h('h1', {}, w('list')),
    h('p', { class: 'muted' }, w('area', { name: list.village.name ?? list.village.code }), ' · ', w('listAsOf', { time: clock(fetchedAt) }), ' ',
      isOnline() ? h('button', { type: 'button', class: 'link', id: 'refresh', onclick: async () => { await refreshList(); await render(); } }, w('refresh')) : null),
    list.stops.length === 0 ? h('p', { class: 'card' }, w('noStickers')) : null,
    ...[...units].map(([unit, stops]) =>
      h('section', { class: 'card unit', 'aria-labelledby': `unit-${unit.replace(/\W/g, '')}` },
        h('h2', { id: `unit-${unit.replace(/\W/g, '')}` }, unit, ' ', h('span', { class: 'muted' }, `${stops.filter((s) => s.installed || recordedHere.has(s.serial)).length}/${stops.length}`)),
        h('ul', { class: 'stops' }, ...stops.map((stop) => stopItem(stop, stop.installed || recordedHere.has(stop.serial))))),
    ),
  );
  main.dataset.ready = 'list';
}

function stopItem(stop: DeliveryList['stops'][number], installed: boolean): HTMLElement {
  const visitForm = h('div', { class: 'visit', hidden: true });
  const item = h(
    'li',
    { class: 'stop', id: `stop-${stop.serial}`, 'data-serial': stop.serial },
    h('p', { class: 'stop-head' }, h('span', { class: stop.registered ? 'colour green' : 'colour red' }, stop.registered ? w('green') : w('red')), ' ',
      h('strong', {}, stop.label), ' ', h('span', { class: 'muted serial' }, `(${stop.serial})`)),
    h('p', {}, stop.kind === 'household' ? (stop.name ?? w('headUnknown')) : h('span', {}, w('employer'), ': ', stop.name ?? stop.label)),
    stop.address ? h('p', { class: 'muted' }, stop.address) : null,
    h('p', { class: 'stop-actions' },
      h('span', { class: installed ? 'state done' : 'state' }, installed ? `✓ ${w('installed')}` : w('notInstalled')),
      installed ? null : h('button', { type: 'button', class: 'action small', onclick: () => void recordInstallation(stop.serial, stop.label) }, w('markInstalled')),
      stop.kind === 'employer' && !stop.registered && stop.employerId ? h('button', { type: 'button', class: 'action small secondary', 'aria-expanded': 'false', onclick: (e: Event) => toggleVisit(e.currentTarget as HTMLButtonElement, visitForm, stop) }, w('recordVisit')) : null),
    visitForm,
  );
  return item;
}

function toggleVisit(button: HTMLButtonElement, box: HTMLElement, stop: DeliveryList['stops'][number]): void {
  const open = box.hidden;
  box.hidden = !open;
  button.setAttribute('aria-expanded', String(open));
  if (!open) return;
  const id = `visit-${stop.serial}`;
  const outcome = h('select', { id: `${id}-outcome`, required: true }, ...OUTCOMES.map((o) => h('option', { value: o }, w(o))));
  const followUp = h('input', { id: `${id}-follow-up`, type: 'date' });
  fill(
    box,
    h(
      'form',
      {
        onsubmit: async (e: Event) => {
          e.preventDefault();
          await addRecord(db, { kind: 'visit', employerId: stop.employerId!, employerName: stop.name ?? stop.label, body: { outcome: outcome.value, visitedAt: nowWithOffset(), ...(followUp.value && { followUpOn: followUp.value }) } });
          say(w('visit', { name: stop.name ?? stop.label }));
          box.hidden = true;
          button.setAttribute('aria-expanded', 'false');
          await afterRecord();
        },
      },
      h('p', {}, h('label', { for: `${id}-outcome` }, w('outcome')), outcome),
      h('p', {}, h('label', { for: `${id}-follow-up` }, w('followUp')), followUp),
      h('button', { type: 'submit', class: 'action small', id: `${id}-save` }, w('save')),
    ),
  );
  outcome.focus();
}

/** Records sticker `serial` put up (from the list or a scan), and what the list knows of it. */
async function recordInstallation(serial: number, label?: string): Promise<string> {
  const kept = await loadList(db);
  const onList = kept?.list.stops.find((s) => s.serial === serial);
  const location = await position();
  const made = await addRecord(db, { kind: 'installation', serial, body: { installedAt: nowWithOffset(), ...(location && { location }) } });
  let message = onList || !kept ? w('scanned', { serial: label ? `${serial} (${label})` : serial }) : w('notInList', { serial });
  await afterRecord();
  // sent at once when online: what the service said of it (a revoked sticker: the one to put up instead)
  const answered = (await allRecords(db)).find((r) => r.clientId === made.clientId);
  if (answered?.state === 'conflict') message = `${w('revokedOnList', { serial })} ${answered.replacement ? w('replaceWith', { serial: answered.replacement }) : w('noReplacement')}`;
  else if (answered?.state === 'rejected') message = answered.message ?? w('rejected');
  say(message);
  return message;
}

async function afterRecord(): Promise<void> {
  await sync();
  // the scan view goes on scanning (drawing it again would open the camera again)
  if (tabOf() === 'pindai' && person) await renderTop();
  else await render();
}

// --- scanning

async function renderScan(): Promise<void> {
  const video = h('video', { id: 'camera', 'aria-label': w('scanHelp'), playsinline: true, muted: true });
  const status = h('p', { id: 'scan-status', role: 'status', 'aria-live': 'polite' });
  const serial = h('input', { id: 'serial', inputmode: 'numeric', pattern: '[0-9]*', autocomplete: 'off' });
  fill(
    main,
    h('h1', {}, w('scan')),
    h('p', {}, w('scanHelp')),
    h('div', { class: 'camera' }, video),
    status,
    h('form', { class: 'card', onsubmit: async (e: Event) => { e.preventDefault(); const n = Number(serial.value); if (Number.isInteger(n) && n > 0) { status.textContent = await recordInstallation(n); serial.value = ''; } } },
      h('p', {}, h('label', { for: 'serial' }, w('typeSerial')), serial), h('button', { type: 'submit', class: 'action small', id: 'record-serial' }, w('record'))),
  );
  main.dataset.ready = 'scan';
  if (scan) scan.stop();
  try {
    scan = await startScan(video, (text) => void scanned(text, status));
  } catch (err) {
    status.textContent = w('cameraRefused', { message: (err as Error).message });
  }
}

async function scanned(text: string, status: HTMLElement): Promise<void> {
  const serial = serialOfStickerUrl(text);
  if (serial === null) {
    status.textContent = w('notASticker');
    return;
  }
  // the camera sees the same sticker for a while: recorded once from this phone
  if ((await allRecords(db)).some((r) => r.kind === 'installation' && r.serial === serial && r.state !== 'rejected')) {
    status.textContent = w('alreadyRecorded', { serial });
    return;
  }
  const kept = await loadList(db);
  const stop = kept?.list.stops.find((s) => s.serial === serial);
  status.textContent = await recordInstallation(serial, stop?.label);
}

// --- records

async function renderRecords(): Promise<void> {
  const records = (await allRecords(db)).reverse();
  fill(
    main,
    h('h1', {}, w('records')),
    records.length === 0 ? h('p', { class: 'card' }, w('noRecords')) : h('ul', { class: 'records' }, ...records.map(recordItem)),
  );
  main.dataset.ready = 'records';
}

function recordItem(r: FieldRecord): HTMLElement {
  const what = r.kind === 'installation' ? w('installation', { serial: r.serial! }) : w('visit', { name: r.employerName ?? r.employerId! });
  const location = r.body.location as { accuracyM?: number } | undefined;
  return h(
    'li',
    { class: `card record ${r.state}`, 'data-state': r.state, 'data-serial': r.serial ?? null },
    h('p', {}, h('strong', {}, what), ' ', h('span', { class: `state ${r.state}` }, w(r.state))),
    h('p', { class: 'muted' }, clock(String(r.body.installedAt ?? r.body.visitedAt)), r.kind === 'visit' ? ` · ${w(r.body.outcome as FieldWord)}` : '', location?.accuracyM !== undefined ? ` · ${w('location', { m: location.accuracyM })}` : ''),
    r.state === 'conflict' && r.kind === 'installation' ? h('p', { class: 'conflict-note' }, w('revokedOnList', { serial: r.serial! }), ' ', r.replacement ? w('replaceWith', { serial: r.replacement }) : w('noReplacement')) : null,
    r.state === 'rejected' && r.message ? h('p', { class: 'error' }, r.message) : null,
    r.others && r.others.length > 0 ? h('p', { class: 'muted others' }, w('alsoRecordedBy', { names: r.others.join(', ') })) : null,
  );
}

// --- sending

/** After a failed attempt while the phone says it is online: again in 1 s, 2 s, 4 s … at most 30 s. */
let retryMs = 1000;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
function retrySoon(): void {
  clearTimeout(retryTimer);
  if (!isOnline()) return;
  retryTimer = setTimeout(() => void sync().then(() => renderTop()), retryMs);
  retryMs = Math.min(retryMs * 2, 30_000);
}

async function sync(): Promise<void> {
  if (syncing || !person || !isOnline()) return;
  syncing = true;
  try {
    if (!sessionLive) {
      // after a reload offline: the cookie may still be good; ask for the session (and its CSRF token)
      const state = await getJson<SessionState>('/v1/session');
      if (!state.signedIn) {
        return sessionEnded();
      }
      remember(state);
      sessionLive = true;
    }
    const outcome = await syncRecords(db, person.username);
    if (outcome.sent > 0) say(w('syncedCount', { n: outcome.sent }));
    if (outcome.stopped === 'offline') retrySoon();
    else retryMs = 1000;
    if (outcome.stopped === 'signed-out') {
      sessionLive = false;
      forgetPerson();
      return sessionEnded();
    }
    if (outcome.sent > 0) await refreshList();
  } catch {
    // no connection after all: the records wait, and are tried again soon
    retrySoon();
  } finally {
    syncing = false;
  }
}

// --- start

async function start(): Promise<void> {
  db = await openFieldDb();
  whenUnauthorised(() => {
    sessionLive = false;
  });
  person = (await loadPerson(db)) ?? null;
  if (isOnline()) {
    try {
      const state = await getJson<SessionState>('/v1/session');
      if (state.signedIn) await signedIn(state);
      else if (person) {
        // the session ended (it expires): the records wait on the phone for the next sign-in
        return sessionEnded();
      }
    } catch {
      // the service cannot be reached (the phone may think it is online when it is not): work from
      // what the phone keeps, and try again soon
      retrySoon();
    }
  }
  await render();
}

window.addEventListener('hashchange', () => void render());
// back online: send at once. The events are not always fired (a page loaded offline may miss
// `online`), so the connection is also looked at every two seconds.
let wasOnline = isOnline();
function connectionChanged(): void {
  const online = isOnline();
  if (online === wasOnline) return;
  wasOnline = online;
  if (online) {
    retryMs = 1000;
    void sync().then(render);
  } else void render();
}
window.addEventListener('online', connectionChanged);
window.addEventListener('offline', connectionChanged);
setInterval(connectionChanged, 2000);
setInterval(() => void sync().then(() => renderTop()), 30_000);
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('sw.js', { scope: './' }).catch(() => undefined);
void start();
