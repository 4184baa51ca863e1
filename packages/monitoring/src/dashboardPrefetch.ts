/**
 * The dashboard opens on the date the data reach with 24 month-ends of trend. Those dates are
 * computed in the background at start-up and again once changes pause, so that the first view
 * finds them kept by the store.
 */
import { trendMonthEnds } from '@cakupan/core';
import type { Store } from '@cakupan/store';
import { dataDate } from './dataDate.js';

/** How long after the last change the dashboard's dates are computed again, ms (events may come several a second). */
export const PREFETCH_DELAY_MS = 5_000;

/**
 * The dates the dashboard's first view reads: the 24 month-ends of the trend to `date`'s month,
 * and `date` itself.
 *
 * @example
 * dashboardDates('2017-12-15').at(-1) //=> '2017-12-15'
 * dashboardDates('2017-12-31').length //=> 24
 */
export function dashboardDates(date: string): string[] {
  return [...new Set([...trendMonthEnds(date), date])];
}

export interface DashboardPrefetchOptions {
  store: Pick<Store, 'dataAsOf' | 'regionsOnDates' | 'onChange'>;
  today: () => string;
  /** Told when a run fails (the next change tries again). */
  onError?: (error: Error) => void;
  /** Default {@link PREFETCH_DELAY_MS}. */
  delayMs?: number;
}

/**
 * Keeps the dashboard's dates computed: one run now (`start`), and one after each pause in the
 * store's changes; at most one run at a time, a change during a run asks for one more.
 */
export class DashboardPrefetch {
  readonly #options: DashboardPrefetchOptions;
  #running: Promise<void> | undefined;
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  #stop: (() => void) | undefined;
  #closed = false;

  constructor(options: DashboardPrefetchOptions) {
    this.#options = options;
  }

  /** Computes the dates now and follows the store's changes from here on. */
  start(): void {
    this.#stop ??= this.#options.store.onChange(() => this.#changed());
    this.#run();
  }

  /** Resolves when no run is in progress. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /** Stops following changes and waits for a run in progress. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#stop?.();
    clearTimeout(this.#timer);
    this.#again = false;
    await this.idle();
  }

  #changed(): void {
    if (this.#closed) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#run(), this.#options.delayMs ?? PREFETCH_DELAY_MS);
    this.#timer.unref();
  }

  #run(): void {
    if (this.#closed) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    const { store, today, onError } = this.#options;
    this.#running = store
      .dataAsOf()
      .then((asOf) => store.regionsOnDates(dashboardDates(dataDate(asOf, today()))))
      .then(
        () => undefined,
        (err: Error) => onError?.(err),
      )
      .finally(() => {
        this.#running = undefined;
        if (this.#again) {
          this.#again = false;
          this.#run();
        }
      });
  }
}
