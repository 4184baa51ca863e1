/**
 * What a batch of stickers for a region holds, from the store: its employers as imported (or
 * changed by events), or its households with their members counted by the store on a date.
 */
import type { RegionLevel } from '@cakupan/core';
import { statusOf, type Subject, subjectSchema } from '@cakupan/print';
import type { Store } from '@cakupan/store';
import { employerSubject } from './employerSubject.js';

/** Which of a region's subjects a batch prints. */
export type BatchStatus = 'registered' | 'unregistered' | 'all';

export interface StickerBatchOptions {
  /** A village, RW or RT (dotted). */
  region: { code: string; level: Extract<RegionLevel, 'village' | 'rw' | 'rt'> };
  kind: 'employer' | 'household';
  status: BatchStatus;
  /** The date households are counted on (their members' ages and accounts). */
  asOf: string;
  /** The most stickers the caller prints: reading stops once past it (the batch then has more than `max`). */
  max: number;
}

export interface StickerBatch {
  /** In RW/RT order, as the store lists them. */
  readonly subjects: readonly Subject[];
  /** Stored employers that cannot be printed (a name holding a NIK, say): left out, the rest printed. */
  readonly skipped: readonly { readonly id: string; readonly reason: string }[];
  /** For households, the store's id of each (a keyed hash of its KK, never the KK), beside `subjects`. */
  readonly householdIds?: readonly string[];
  /**
   * Households left out because nobody in them is 18 or over: nobody there to be registered, so no
   * sticker — a green one would say "registered" on a door where nobody is.
   */
  readonly withoutAdults?: number;
}

/**
 * The subjects of a sticker batch for `region`, their facts (NPP and status, members and
 * accounts) from the store alone.
 *
 * A stored employer that cannot be printed is left out and named in `skipped`: one bad row does
 * not stop a village's batch.
 *
 * @example
 * const { subjects } = await stickerBatch(store, { region: { code: '32.71.01.1001', level: 'village' }, kind: 'employer', status: 'unregistered', asOf: '2017-12-31', max: 50_000 });
 */
export async function stickerBatch(store: Pick<Store, 'households' | 'employers'>, options: StickerBatchOptions): Promise<StickerBatch> {
  const { region, kind, status, asOf, max } = options;
  if (!(Number.isInteger(max) && max >= 1)) throw new RangeError(`max must be a positive integer, got ${max}`);
  const wanted = (subject: Subject) => status === 'all' || (statusOf(subject).status === 'registered') === (status === 'registered');
  if (kind === 'household') {
    const subjects: Subject[] = [];
    const householdIds: string[] = [];
    let withoutAdults = 0;
    for (const h of await store.households(region, asOf)) {
      if (h.eligible === 0) {
        withoutAdults++;
        continue;
      }
      const subject = subjectSchema.parse({ kind: 'household', label: h.label, villageCode: h.villageCode, rw: h.rw, rt: h.rt, eligible: h.eligible, covered: h.covered });
      if (!wanted(subject)) continue;
      subjects.push(subject);
      householdIds.push(h.id);
    }
    return { subjects, householdIds, skipped: [], withoutAdults };
  }
  const subjects: Subject[] = [];
  const skipped: { id: string; reason: string }[] = [];
  for (let after: string | undefined; ; ) {
    const page = await store.employers({ region: region.code, limit: 1000, ...(after && { after }) });
    for (const e of page.employers) {
      const printable = employerSubject(e);
      if (!printable.ok) skipped.push({ id: e.id, reason: printable.reason });
      else if (wanted(printable.subject)) subjects.push(printable.subject);
    }
    if (page.next === null || subjects.length > max) break;
    after = page.next;
  }
  return { subjects, skipped };
}
