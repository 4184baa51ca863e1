/**
 * The page's state in one place: where the reader is (the route, from the URL) and who they are
 * (`me`, loaded once per sign-in). Views never keep state of their own between renders; the page
 * renders from {@link PageStore.get} whenever the state changes. Each state is frozen: a change
 * is a new state, never an edit.
 */
import { parseRoute, type Route } from './route.js';
import type { Me } from './types.js';

export interface PageState {
  readonly route: Route;
  /** Who the key is; undefined before sign-in and after a change that must be read again. */
  readonly me: Me | undefined;
}

export interface PageStore {
  get(): PageState;
  /** A new state with `change` applied; the listeners are told. */
  set(change: Partial<PageState>): void;
  /** A new state with `change` applied that the page already shows (a table's sort kept in the URL): no listener is told. */
  keep(change: Partial<PageState>): void;
  /** Calls `listener` after every change; gives the function that stops it. */
  subscribe(listener: (state: PageState) => void): () => void;
}

/**
 * A store holding `initial` (by default: the route in `hash`, nobody signed in).
 *
 * @example
 * const store = createPageStore('#region=32.71');
 * store.subscribe((s) => console.log(s.route.region));
 * store.set({ route: parseRoute('#region=32.71.01') }); // logs 32.71.01
 */
export function createPageStore(hash = '', initial: Partial<PageState> = {}): PageStore {
  let state: PageState = Object.freeze({ route: parseRoute(hash), me: undefined, ...initial });
  const listeners = new Set<(state: PageState) => void>();
  return {
    get: () => state,
    set(change) {
      state = Object.freeze({ ...state, ...change });
      for (const listener of [...listeners]) listener(state);
    },
    keep(change) {
      state = Object.freeze({ ...state, ...change });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
