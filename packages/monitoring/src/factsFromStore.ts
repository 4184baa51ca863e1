/**
 * Green only when the store says so: the subjects of a sticker request with their facts — an
 * employer's name, place, NPP and status — taken from what the store holds, never from the
 * request. A household has no identity the request could name, so a household sticker comes
 * from the store's own count (`stickerBatch`), not from a request.
 */
import { type Issue, isWithinRegion } from '@cakupan/core';
import { statusOf, type Subject } from '@cakupan/print';
import type { Store } from '@cakupan/store';
import { type EmployerSubject, employerSubject } from './employerSubject.js';

/** Why a request's subjects cannot be printed from the store. */
export type StoreFactsProblem =
  /** A household sent in the request: its members are counted by the store, by region. */
  | 'household'
  /** An employer the store does not hold, or holds outside the caller's scope (answered alike). */
  | 'unknown_employer'
  /** The request says an employer is registered (or not) and the store says otherwise. */
  | 'disagrees'
  /** An employer as the store holds it cannot be printed (its stored name holds a NIK, say). */
  | 'unprintable';

export type StoreFacts = { ok: true; subjects: Subject[] } | { ok: false; problem: StoreFactsProblem; issues: Issue[] };

/**
 * The subjects of a request as the store holds them, for a caller confined to `scope` (null: the
 * whole store). The request's NPP and status, when given, must tell the same colour as the store's.
 *
 * @example
 * const facts = await factsFromStore(store, [{ kind: 'employer', id: '9120000000901', name: 'CV Batu Tulis', villageCode: '32.71.01.1001', npp: '00000001', status: 'aktif' }], null);
 * facts.ok || facts.problem //=> 'disagrees' when the store holds no NPP for it
 */
export async function factsFromStore(store: Pick<Store, 'employersByIds'>, subjects: readonly Subject[], scope: string | null): Promise<StoreFacts> {
  const households = subjects.flatMap((s, i) => (s.kind === 'household' ? [i] : []));
  if (households.length > 0) {
    return {
      ok: false,
      problem: 'household',
      issues: households.slice(0, 10).map((i) => ({
        code: 'invalid_value',
        path: ['subjects', i],
        message: 'a household’s sticker is printed from the store’s count of its members: POST /v1/stickers/batch with its village, RW or RT',
      })),
    };
  }
  const employers = subjects as readonly EmployerSubject[];
  const stored = await store.employersByIds([...new Set(employers.map((e) => e.id))]);
  const unknown: Issue[] = [];
  const disagree: Issue[] = [];
  const unprintable: Issue[] = [];
  const out: Subject[] = [];
  employers.forEach((asked, i) => {
    const row = stored.get(asked.id);
    if (!row || (scope !== null && !isWithinRegion(row.villageCode, scope))) {
      unknown.push({ code: 'invalid_value', path: ['subjects', i, 'id'], message: `no employer ${asked.id} in the store` });
      return;
    }
    const printable = employerSubject(row);
    if (!printable.ok) {
      unprintable.push({ code: 'invalid_value', path: ['subjects', i, 'id'], message: `employer ${asked.id} as the store holds it cannot be printed: ${printable.reason}` });
      return;
    }
    if (asked.npp != null || asked.status != null) {
      const claimed = statusOf(asked).status;
      const held = statusOf(printable.subject).status;
      if (claimed !== held) {
        disagree.push({ code: 'conflict', path: ['subjects', i, asked.npp != null ? 'npp' : 'status'], message: `employer ${asked.id} is ${held} in the store, not ${claimed}: its sticker says what the store holds` });
        return;
      }
    }
    out.push(printable.subject);
  });
  if (unknown.length > 0) return { ok: false, problem: 'unknown_employer', issues: unknown.slice(0, 10) };
  if (disagree.length > 0) return { ok: false, problem: 'disagrees', issues: disagree.slice(0, 10) };
  if (unprintable.length > 0) return { ok: false, problem: 'unprintable', issues: unprintable.slice(0, 10) };
  return { ok: true, subjects: out };
}
