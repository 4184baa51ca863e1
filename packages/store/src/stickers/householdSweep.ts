/**
 * Household stickers follow coverage: after an import of the register or the accounts, a revert of
 * one, or a participant event, the household stickers whose household no longer has the colour
 * printed are revoked ({@link revokeOutdatedHouseholdStickers}). The store runs the sweep itself —
 * whoever changed the data (the service, `cakupan import`, a program using the store).
 *
 * Imports and reverts sweep before they return; events, which may come several a second, sweep
 * once they pause for {@link SWEEP_DELAY_MS}. One sweep at a time.
 */
import type { Db } from '../db/db.js';
import { revokeOutdatedHouseholdStickers } from './revocation.js';

/** How long after a participant event the household stickers are checked again. */
export const SWEEP_DELAY_MS = 1_000;

export interface HouseholdSweepOptions {
  db: Db;
  households: Parameters<typeof revokeOutdatedHouseholdStickers>[1];
  /** Today's date (ISO) where the store works: the date coverage is counted on. */
  today: () => string;
  /** Told when a sweep in the background fails (the next change sweeps again). */
  onError?: (error: Error) => void;
}

export class HouseholdSweep {
  readonly #options: HouseholdSweepOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number[]> | undefined;
  #closed = false;

  constructor(options: HouseholdSweepOptions) {
    this.#options = options;
  }

  /** Sweeps now (after any sweep under way) and gives the serials revoked. */
  async now(by: string | null = 'coverage change'): Promise<number[]> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#running) await this.#running.catch(() => undefined);
    const run = revokeOutdatedHouseholdStickers(this.#options.db, this.#options.households, this.#options.today(), by);
    this.#running = run;
    try {
      return await run;
    } finally {
      if (this.#running === run) this.#running = undefined;
    }
  }

  /** Sweeps once changes pause for {@link SWEEP_DELAY_MS}; failures go to `onError`. */
  schedule(): void {
    if (this.#closed || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.now().catch((err: Error) => this.#options.onError?.(err));
    }, SWEEP_DELAY_MS);
    this.#timer.unref?.();
  }

  /** Stops scheduling and waits for a sweep under way. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => undefined);
  }
}
