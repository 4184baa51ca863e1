/**
 * Approving a sticker requisition: its region's subjects and their colours as the store holds
 * them now (the batch's), frozen with the approval — what the print shop later prints, whatever
 * changes in between (a change of colour after printing is the register's sweep to revoke).
 */
import { statusOf, type Subject, subjectSchema } from '@cakupan/print';
import type { Requisition, Store } from '@cakupan/store';
import { parseRegionCode } from '@cakupan/core';
import { stickerBatch } from './stickerBatch.js';

/** Why a requisition cannot be approved as it stands. */
export class NothingToPrintError extends Error {
  override readonly name = 'NothingToPrintError';
}

/**
 * Freezes a requisition's subjects from the store on `asOf` and approves it by `by`.
 *
 * @throws {NothingToPrintError} when its region holds none of its kind, or more than `max`
 * @example
 * await approveRequisition(store, requisition, 'city.officer', { asOf: '2017-12-31', max: 50_000 });
 */
export async function approveRequisition(
  store: Pick<Store, 'households' | 'employers' | 'requisitions'>,
  requisition: Requisition,
  by: string,
  options: { asOf: string; max: number },
): Promise<Requisition> {
  const parsed = parseRegionCode(requisition.regionCode);
  if (!parsed.success) throw new NothingToPrintError(`requisition ${requisition.id} names no region`);
  const level = parsed.data.level as 'village' | 'rw' | 'rt';
  const batch = await stickerBatch(store, { region: { code: requisition.regionCode, level }, kind: requisition.kind, status: 'all', asOf: options.asOf, max: options.max });
  if (batch.subjects.length === 0) throw new NothingToPrintError(`no ${requisition.kind === 'employer' ? 'employers' : 'households'} to print in ${requisition.regionCode}`);
  if (batch.subjects.length > options.max) throw new NothingToPrintError(`${batch.subjects.length} stickers in ${requisition.regionCode}: more than ${options.max}; request an RW or RT at a time`);
  const green = batch.subjects.filter((s) => statusOf(s).status === 'registered').length;
  return store.requisitions.approve(requisition.id, by, { subjects: [...batch.subjects], subjectIds: batch.householdIds ? [...batch.householdIds] : null, green, red: batch.subjects.length - green });
}

/**
 * How many of a requisition's frozen stickers would now print another colour (or are no longer
 * in the store): printing them would put up a sticker the store contradicts.
 *
 * @example
 * if ((await changedSinceApproval(store, requisition, frozen, '2017-12-31')) > 0) reopen(requisition)
 */
export async function changedSinceApproval(
  store: Pick<Store, 'households' | 'employers'>,
  requisition: Requisition,
  frozen: { subjects: unknown[]; subjectIds: string[] | null },
  asOf: string,
): Promise<number> {
  const parsed = parseRegionCode(requisition.regionCode);
  if (!parsed.success) return frozen.subjects.length;
  const now = await stickerBatch(store, { region: { code: requisition.regionCode, level: parsed.data.level as 'village' | 'rw' | 'rt' }, kind: requisition.kind, status: 'all', asOf, max: Number.MAX_SAFE_INTEGER });
  const keyOf = (s: Subject, i: number, ids: readonly string[] | null | undefined) => (s.kind === 'employer' ? `e:${s.id}` : `h:${ids?.[i] ?? s.label}`);
  const colours = new Map(now.subjects.map((s, i) => [keyOf(s, i, now.householdIds), statusOf(s).status]));
  return frozenSubjectsOf(frozen).filter((s, i) => colours.get(keyOf(s, i, frozen.subjectIds)) !== statusOf(s).status).length;
}

/** A frozen requisition's subjects, checked again as the sticker job takes them. */
export function frozenSubjectsOf(frozen: { subjects: unknown[] }): Subject[] {
  return frozen.subjects.map((s) => subjectSchema.parse(s));
}
