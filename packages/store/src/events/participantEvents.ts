/**
 * Participant events: an account registered, ended, or its status changed, keyed by KPJ (the
 * participant card number), applied in one transaction the moment they arrive — coverage reads
 * reflect them as soon as `applyParticipantEvent` resolves. Idempotent by the sender's `eventId`:
 * an event seen before changes nothing. Every event is kept (who, when, what).
 */
import { accountStatusSchema, CakupanError, isoDateSchema, nikSchema, nppSchema, segmentSchema } from '@cakupan/core';
import { z } from 'zod';
import type { Db } from '../db/db.js';

const eventId = z.string().trim().min(1).max(100).describe('The sender’s id of the event: the same id is applied once');
const kpj = z.string().trim().regex(/^[0-9A-Za-z-]{1,32}$/, 'kpj must be the participant card number').describe('KPJ, the participant card number');
const occurredOn = isoDateSchema.describe('When it happened (YYYY-MM-DD): the registration or end date');

/** One participant event. */
export const participantEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('registered'), eventId, kpj, occurredOn, nik: nikSchema, segment: segmentSchema, status: accountStatusSchema.optional() }).strict(),
  z.object({ type: z.literal('ended'), eventId, kpj, occurredOn }).strict(),
  z.object({ type: z.literal('status_changed'), eventId, kpj, occurredOn, status: accountStatusSchema }).strict(),
  z
    .object({ type: z.literal('employer_status_changed'), eventId, npp: nppSchema, occurredOn, status: accountStatusSchema.describe('The employer’s status: active/aktif or inactive/nonaktif (lapsed)') })
    .strict()
    .describe('An employer’s status, by its NPP: a lapsed employer’s green stickers are revoked'),
]);
export type ParticipantEvent = z.output<typeof participantEventSchema>;

/**
 * Applies one event. Returns `applied: false` when an event with its id was applied before.
 *
 * @throws {CakupanError} `invalid_value` for an `ended` or `status_changed` event of a KPJ the store
 *   does not hold (nothing is kept of such an event)
 */
export async function applyParticipantEvent(db: Db, event: ParticipantEvent, apiKeyLabel?: string): Promise<{ applied: boolean }> {
  return db.transaction(async (tx) => {
    const kept = await tx.query(
      `insert into participant_events (event_id, kpj, npp, type, occurred_on, payload, api_key_label) values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (event_id) do nothing returning event_id`,
      [event.eventId, 'kpj' in event ? event.kpj : null, 'npp' in event ? event.npp : null, event.type, event.occurredOn, JSON.stringify(event), apiKeyLabel ?? null],
    );
    if (kept.length === 0) return { applied: false };
    if (event.type === 'employer_status_changed') {
      const employers = await tx.query('update employers set status = $2, updated_at = now() where npp = $1 returning id', [event.npp, event.status === 'active' ? 'aktif' : 'nonaktif']);
      if (employers.length === 0) throw new CakupanError({ code: 'invalid_value', message: `no employer with NPP ${event.npp} in the store`, path: ['npp'] });
      return { applied: true };
    }
    // the store's event counter moves with the account, in the same statement (one round trip to
    // the embedded database's process instead of two): the coverage index reads which accounts
    // changed since the counter it last saw
    const version = 'with version as (update store_versions set events = events + 1 returning events)';
    let changed: unknown[];
    if (event.type === 'registered') {
      changed = await tx.query(
        `${version}
         insert into participants (kpj, nik, segment, status, registered_on, ended_on, event_id, event_version)
         select $1, $2, $3, $4, $5, null, $6, version.events from version
         on conflict (kpj) do update set nik = excluded.nik, segment = excluded.segment, status = excluded.status,
           registered_on = excluded.registered_on, ended_on = null, event_id = excluded.event_id, event_version = excluded.event_version, updated_at = now()
         returning kpj`,
        [event.kpj, event.nik, event.segment, event.status ?? 'active', event.occurredOn, event.eventId],
      );
    } else if (event.type === 'ended') {
      changed = await tx.query(
        `${version} update participants set ended_on = $2, event_id = $3, event_version = (select events from version), updated_at = now() where kpj = $1 returning kpj`,
        [event.kpj, event.occurredOn, event.eventId],
      );
    } else {
      changed = await tx.query(
        `${version} update participants set status = $2, event_id = $3, event_version = (select events from version), updated_at = now() where kpj = $1 returning kpj`,
        [event.kpj, event.status, event.eventId],
      );
    }
    if (changed.length === 0) {
      // thrown inside the transaction: the event is not kept either
      throw new CakupanError({ code: 'invalid_value', message: `no participant account with kpj ${event.kpj} in the store`, path: ['kpj'] });
    }
    return { applied: true };
  });
}

/** The events of one account, oldest first. */
export function participantEvents(db: Db, kpjValue: string): Promise<{ eventId: string; type: string; occurredOn: string; receivedAt: string }[]> {
  return db.query(
    `select event_id as "eventId", type, occurred_on as "occurredOn", received_at::text as "receivedAt" from participant_events where kpj = $1 order by received_at, event_id`,
    [kpjValue],
  );
}

/**
 * The village (as stored) where the person of an event lives: by the event's NIK, or by the NIK of
 * the account its KPJ names; `null` when the register does not have them.
 */
export async function villageOfEvent(db: Db, event: ParticipantEvent): Promise<string | null> {
  if (event.type === 'employer_status_changed') {
    const employers = await db.query<{ village_code: string | null }>('select village_code from employers where npp = $1 limit 1', [event.npp]);
    return employers[0]?.village_code ?? null;
  }
  const rows =
    event.type === 'registered'
      ? await db.query<{ village_code: string | null }>('select village_code from residents where nik = $1 limit 1', [event.nik])
      : await db.query<{ village_code: string | null }>('select r.village_code from participants p join residents r on r.nik = p.nik where p.kpj = $1 limit 1', [event.kpj]);
  return rows[0]?.village_code ?? null;
}
