/**
 * An employer as the store holds it, as a sticker's subject: the one mapping from the store's row
 * to what `@cakupan/print` draws, for the batch and for a request printed from the store alike.
 */
import { employerSubjectSchema, type Subject } from '@cakupan/print';
import type { EmployerRow } from '@cakupan/store';

/** A sticker subject that is an employer. */
export type EmployerSubject = Extract<Subject, { kind: 'employer' }>;

/**
 * The sticker subject of a stored employer, or why it cannot be printed (the first issue's
 * message: a stored name holding a NIK, say).
 *
 * @example
 * employerSubject({ id: '9120000000901', name: 'CV Batu Tulis', villageCode: '32.71.01.1001', rw: 3, rt: 5, npp: '15070955', status: 'aktif', … })
 * //=> { ok: true, subject: { kind: 'employer', id: '9120000000901', name: 'CV Batu Tulis', … } }
 */
export function employerSubject(row: Pick<EmployerRow, 'id' | 'name' | 'villageCode' | 'rw' | 'rt' | 'npp' | 'status'>): { ok: true; subject: EmployerSubject } | { ok: false; reason: string } {
  const parsed = employerSubjectSchema.safeParse({
    kind: 'employer',
    id: row.id,
    name: row.name,
    villageCode: row.villageCode,
    rw: row.rw ?? undefined,
    rt: row.rt ?? undefined,
    npp: row.npp ?? undefined,
    status: row.status ?? undefined,
  });
  return parsed.success ? { ok: true, subject: parsed.data } : { ok: false, reason: parsed.error.issues[0]!.message };
}
