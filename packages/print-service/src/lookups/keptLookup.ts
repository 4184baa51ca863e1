/**
 * A look-up in the store for a page that must not wait on it: each answer kept `keepMs` per key (a
 * burst of scans in one street asks once), the store waited for at most `waitMs`; a store that does
 * not answer in time, or fails, gives `fallback` — not kept, so the next call asks again. Limits:
 * at most `maxKept` keys, the oldest forgotten first.
 */

export interface KeptLookup<K, V> {
  /** The answer for `key`: kept, asked, or the fallback. */
  get(key: K): Promise<V>;
  /** Forgets every kept answer (after a change made through this service). */
  forget(): void;
}

export interface KeptLookupOptions<V> {
  waitMs: number;
  keepMs: number;
  maxKept: number;
  /** What a late or failed answer gives. */
  fallback: () => V;
}

/**
 * @example
 * const help = keptLookup((village) => store.registrationHelp.of([village]), { waitMs: 300, keepMs: 60_000, maxKept: 5_000, fallback: () => new Map() });
 */
export function keptLookup<K, V>(ask: (key: K) => Promise<V>, options: KeptLookupOptions<V>): KeptLookup<K, V> {
  const kept = new Map<K, { at: number; value: V }>();
  return {
    async get(key) {
      const hit = kept.get(key);
      if (hit && Date.now() - hit.at < options.keepMs) return hit.value;
      let timer: NodeJS.Timeout | undefined;
      try {
        const late = new Promise<typeof LATE>((resolve) => (timer = setTimeout(resolve, options.waitMs, LATE)));
        const found = await Promise.race([ask(key), late]);
        if (found === LATE) return options.fallback();
        kept.delete(key);
        if (kept.size >= options.maxKept) kept.delete(kept.keys().next().value!);
        kept.set(key, { at: Date.now(), value: found });
        return found;
      } catch {
        return options.fallback();
      } finally {
        clearTimeout(timer);
      }
    },
    forget: () => kept.clear(),
  };
}

const LATE = Symbol('late');
