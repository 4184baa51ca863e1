/**
 * The register's word on scanned stickers, asked together: while one query for revocations is
 * under way, the serials scanned meanwhile wait and go in the next query as one (up to
 * `MAX_REVOCATION_LOOKUP` a query). A lone scan waits for nothing extra; a burst of phones costs
 * the register one query per round trip instead of one per scan — the round trip to the embedded
 * database was most of a verification's cost, and what made it wait behind print jobs' writes.
 * Every answer is still the register's at the time of its query: nothing is kept.
 *
 * Limits: at most `maxWaiting` distinct serials wait (beyond, a lookup fails at once, and the
 * page answers from the signature alone).
 */
import { MAX_REVOCATION_LOOKUP, type RegisterWord, type Store } from '@cakupan/store';

/** Looks up what the register says of one serial (`undefined`: not revoked and printed from the store, or not in the register). */
export type RevocationLookup = (serial: number) => Promise<RegisterWord | undefined>;

/** A lookup that coalesces concurrent serials into one `revocationsOf` query at a time. */
export function revocationLookup(register: Pick<Store['stickers'], 'revocationsOf'>, maxWaiting = 10_000): RevocationLookup {
  type Waiter = { resolve: (r: RegisterWord | undefined) => void; reject: (err: unknown) => void };
  const waiting = new Map<number, Waiter[]>();
  let asking = false;
  const ask = () => {
    if (asking || waiting.size === 0) return;
    asking = true;
    const batch = new Map<number, Waiter[]>();
    for (const [serial, waiters] of waiting) {
      batch.set(serial, waiters);
      waiting.delete(serial);
      if (batch.size === MAX_REVOCATION_LOOKUP) break;
    }
    register
      .revocationsOf([...batch.keys()])
      .then(
        (found) => batch.forEach((waiters, serial) => waiters.forEach((w) => w.resolve(found.get(serial)))),
        (err: unknown) => batch.forEach((waiters) => waiters.forEach((w) => w.reject(err))),
      )
      .finally(() => {
        asking = false;
        ask();
      });
  };
  return (serial) =>
    new Promise((resolve, reject) => {
      const waiters = waiting.get(serial);
      if (waiters) waiters.push({ resolve, reject });
      else if (waiting.size >= maxWaiting) return reject(new Error(`${maxWaiting} serials already wait for the register`));
      else waiting.set(serial, [{ resolve, reject }]);
      ask();
    });
}
