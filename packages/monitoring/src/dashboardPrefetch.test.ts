import { describe, expect, it, vi } from 'vitest';
import { DashboardPrefetch, dashboardDates } from './dashboardPrefetch.js';

describe('dashboardDates', () => {
  it('is the 24 month-ends of the trend and the date itself', () => {
    const dates = dashboardDates('2017-12-15');
    expect(dates).toHaveLength(25);
    expect(dates[0]).toBe('2016-01-31');
    expect(dates.at(-2)).toBe('2017-12-31');
    expect(dates.at(-1)).toBe('2017-12-15');
    expect(dashboardDates('2017-12-31')).toHaveLength(24);
  });
});

/** A store whose data reach 2017-12-31, and that tells its listeners when `change()` is called. */
function fakeStore() {
  const listeners = new Set<() => void>();
  const asked: string[][] = [];
  return {
    asked,
    change: () => listeners.forEach((l) => l()),
    listeners,
    dataAsOf: async () => ({ residents: null, participants: { asOf: '2017-12-31', importedAt: 'x' }, lastEventAt: null }),
    regionsOnDates: async (dates: readonly string[]) => {
      asked.push([...dates]);
      return dates.map(() => []);
    },
    onChange: (l: () => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

describe('DashboardPrefetch', () => {
  it('computes the dashboard’s dates at start and once changes pause', async () => {
    vi.useFakeTimers();
    try {
      const store = fakeStore();
      const prefetch = new DashboardPrefetch({ store, today: () => '2018-03-01', delayMs: 1000 });
      prefetch.start();
      await prefetch.idle();
      expect(store.asked).toHaveLength(1);
      expect(store.asked[0]!.at(-1)).toBe('2017-12-31');
      // three changes in quick succession: one run, after the pause
      store.change();
      await vi.advanceTimersByTimeAsync(500);
      store.change();
      store.change();
      await vi.advanceTimersByTimeAsync(999);
      expect(store.asked).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      await prefetch.idle();
      expect(store.asked).toHaveLength(2);
      await prefetch.close();
      expect(store.listeners.size).toBe(0);
      store.change();
      await vi.advanceTimersByTimeAsync(5000);
      expect(store.asked).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports a failed run and runs again on the next change', async () => {
    const store = fakeStore();
    const errors: Error[] = [];
    let fail = true;
    const failing = { ...store, regionsOnDates: async (dates: readonly string[]) => (fail ? Promise.reject(new Error('store down')) : store.regionsOnDates(dates)) };
    const prefetch = new DashboardPrefetch({ store: failing, today: () => '2018-03-01', onError: (e) => errors.push(e), delayMs: 1 });
    prefetch.start();
    await prefetch.idle();
    expect(errors.map((e) => e.message)).toEqual(['store down']);
    fail = false;
    store.change();
    await vi.waitFor(() => expect(store.asked).toHaveLength(1));
    await prefetch.close();
  });
});
