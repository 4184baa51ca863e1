import type { RegisterWord } from '@cakupan/store';
import { describe, expect, it } from 'vitest';
import { revocationLookup } from './revocationLookup.js';

/** A register whose queries answer when told, recording what each asked. */
function register(revoked: Record<number, RegisterWord>) {
  const queries: number[][] = [];
  const pending: (() => void)[] = [];
  return {
    queries,
    answer: () => pending.shift()?.(),
    revocationsOf: (serials: readonly number[]) =>
      new Promise<Map<number, RegisterWord>>((resolve) => {
        queries.push([...serials]);
        pending.push(() => resolve(new Map(serials.filter((s) => revoked[s]).map((s) => [s, revoked[s]!]))));
      }),
  };
}

describe('revocationLookup', () => {
  it('asks a lone serial at once, and the serials asked meanwhile together in the next query', async () => {
    const word: RegisterWord = { revocation: { revokedAt: '2026-12-01 10:00:00+00', reason: 'replaced by serial 9' }, facts: 'store' };
    const r = register({ 7: word });
    const lookup = revocationLookup(r);
    const first = lookup(1);
    expect(r.queries).toEqual([[1]]);
    const later = [lookup(7), lookup(8), lookup(7)];
    expect(r.queries).toHaveLength(1); // waiting for the first answer
    r.answer();
    expect(await first).toBeUndefined();
    await Promise.resolve();
    expect(r.queries[1]).toEqual([7, 8]);
    r.answer();
    expect(await Promise.all(later)).toEqual([word, undefined, word]);
  });

  it('fails every waiter of a failed query, and asks again afterwards', async () => {
    let fail = true;
    const lookup = revocationLookup({ revocationsOf: async () => (fail ? Promise.reject(new Error('restarting')) : new Map()) });
    await expect(lookup(1)).rejects.toThrow('restarting');
    fail = false;
    await expect(lookup(1)).resolves.toBeUndefined();
  });

  it('refuses at once beyond the serials it lets wait', async () => {
    const r = register({});
    const lookup = revocationLookup(r, 2);
    void lookup(1); // asked
    void lookup(2);
    void lookup(3); // two waiting
    await expect(lookup(4)).rejects.toThrow('2 serials already wait for the register');
  });
});
