import { describe, expect, it } from 'vitest';
import { parseRoute } from './route.js';
import { createPageStore } from './state.js';

describe('the page state', () => {
  it('starts from the URL, tells each listener of a change, and stops when asked', () => {
    const store = createPageStore('#region=32.71');
    expect(store.get().route.region).toBe('32.71');
    expect(store.get().me).toBeUndefined();
    const seen: (string | null)[] = [];
    const stop = store.subscribe((s) => seen.push(s.route.region));
    store.set({ route: parseRoute('#region=32.71.01') });
    stop();
    store.set({ route: parseRoute('#region=32.71.02') });
    expect(seen).toEqual(['32.71.01']);
    expect(store.get().route.region).toBe('32.71.02');
  });

  it('keeps a change the page already shows without telling anyone', () => {
    const store = createPageStore('#region=32.71');
    const seen: unknown[] = [];
    store.subscribe((s) => seen.push(s));
    store.keep({ route: { ...store.get().route, sort: 'ratio:desc' } });
    expect(seen).toEqual([]);
    expect(store.get().route.sort).toBe('ratio:desc');
  });

  it('never edits a state: each change is a new, frozen one', () => {
    const store = createPageStore();
    const before = store.get();
    store.set({ route: parseRoute('#region=32') });
    expect(before.route.region).toBeNull();
    expect(Object.isFrozen(store.get())).toBe(true);
    expect(() => {
      (store.get() as { me: unknown }).me = {};
    }).toThrow(TypeError);
  });
});
