/**
 * Participant events: an account registered, ended, or its status changed, keyed by KPJ (the
 * participant card number), applied in one transaction the moment they arrive — coverage reads
 * reflect them as soon as `applyParticipantEvent` resolves. Idempotent by the sender's `eventId`:
 * an event the same sender sent before changes nothing. Every event is kept (who, when, what).
 */
import { accountStatusSchema, CakupanError, isoDateSchema, nikSchema, nppSchema, segmentSchema } from '@cakupan/core';
import { z } from 'zod';
import { ACCOUNT_FACT_COLUMNS, accountFactValues } from '../coverage/factColumns.js';
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

/** Who may do what with an event. */
export interface ApplyEventOptions {
  /** Whether a `registered` event may move a held KPJ to another NIK (an administrator's). Default false: 409. */
  mayChangeNik?: boolean;
}

/**
 * Applies one event. Returns `applied: false` when the same sender applied an event with its id
 * before (ids are the sender's own: another sender's event with the same id is another event).
 *
 * @throws {CakupanError} `invalid_value` for an `ended` or `status_changed` event of a KPJ the store
 *   does not hold (nothing is kept of such an event)
 */
export async function applyParticipantEvent(db: Db, event: ParticipantEvent, apiKeyLabel?: string, options: ApplyEventOptions = {}): Promise<{ applied: boolean }> {
  return db.transaction(async (tx) => {
    const kept = await tx.query(
      `insert into participant_events (sender, event_id, kpj, npp, type, occurred_on, payload, api_key_label) values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (sender, event_id) do nothing returning event_id`,
      [apiKeyLabel ?? '', event.eventId, 'kpj' in event ? event.kpj : null, 'npp' in event ? event.npp : null, event.type, event.occurredOn, JSON.stringify(event), apiKeyLabel ?? null],
    );
    if (kept.length === 0) return { applied: false };
    if (event.type === 'registered' && !options.mayChangeNik) {
      const [held] = await tx.query<{ nik: string | null }>('select nik from participants where kpj = $1', [event.kpj]);
      if (held && held.nik !== null && held.nik !== event.nik) {
        // thrown inside the transaction: the event is not kept either
        throw new CakupanError({ code: 'conflict', message: `KPJ ${event.kpj} is another person’s account: only an administrator moves an account to another NIK`, path: ['kpj'] });
      }
    }
    if (event.type === 'employer_status_changed') {
      const employers = await tx.query('update employers set status = $2, updated_at = now() where npp = $1 returning id', [event.npp, event.status === 'active' ? 'aktif' : 'nonaktif']);
      if (employers.length === 0) throw new CakupanError({ code: 'invalid_value', message: `no employer with NPP ${event.npp} in the store`, path: ['npp'] });
      return { applied: true };
    }
    // the store's event counter moves with the account; the account's facts (migration 022) are
    // core's of the row as it now stands. No upsert (ON CONFLICT) and no update that changes the
    // NIK in place: on a sharded store the account then moves to its NIK's shard (src/db/shards.ts)
    const version = 'with version as (update store_versions set events = events + 1 returning events)';
    let changed: Account[];
    if (event.type === 'registered') {
      const [held] = await tx.query<Pick<Account, 'employer_npp' | 'line' | 'import_id'>>('delete from participants where kpj = $1 returning employer_npp, line, import_id', [event.kpj]);
      const account = { kpj: event.kpj, nik: event.nik, segment: event.segment, status: event.status ?? 'active', registered_on: event.occurredOn, ended_on: null };
      changed = await tx.query<Account>(
        `${version}
         insert into participants (kpj, nik, segment, status, registered_on, ended_on, employer_npp, line, import_id, event_id, event_version, ${ACCOUNT_FACT_COLUMNS.join(', ')})
         select $1, $2, $3, $4, $5, null, $6, $7, $8, $9, version.events, ${ACCOUNT_FACT_COLUMNS.map((_, i) => `$${i + 10}`).join(', ')} from version
         returning ${ACCOUNT}`,
        [account.kpj, account.nik, account.segment, account.status, account.registered_on, held?.employer_npp ?? null, held?.line ?? null, held?.import_id ?? null, event.eventId, ...accountFactValues(recordOf(account))],
      );
    } else {
      const [column, value] = event.type === 'ended' ? ['ended_on', event.occurredOn] : ['status', event.status];
      changed = await tx.query<Account>(
        `${version} update participants set ${column} = $2, event_id = $3, event_version = (select events from version), updated_at = now() where kpj = $1 returning ${ACCOUNT}`,
        [event.kpj, value, event.eventId],
      );
      if (changed[0] !== undefined) {
        await tx.query(`update participants set ${ACCOUNT_FACT_COLUMNS.map((c, i) => `${c} = $${i + 2}`).join(', ')} where kpj = $1`, [event.kpj, ...accountFactValues(recordOf(changed[0]))]);
      }
    }
    if (changed.length === 0) {
      // thrown inside the transaction: the event is not kept either
      throw new CakupanError({ code: 'invalid_value', message: `no participant account with kpj ${event.kpj} in the store`, path: ['kpj'] });
    }
    return { applied: true };
  });
}

type Account = { kpj: string; nik: string | null; segment: string | null; status: string | null; registered_on: string | null; ended_on: string | null; employer_npp: string | null; line: number | null; import_id: string | null };
const ACCOUNT = 'kpj, nik, segment, status, registered_on, ended_on';

/** An account's row as the record core reads (as the coverage cache reads it). */
function recordOf(a: Pick<Account, 'nik' | 'segment' | 'status' | 'registered_on' | 'ended_on'>): Record<string, unknown> {
  return { nik: a.nik ?? undefined, segment: a.segment ?? undefined, status: a.status ?? undefined, registeredOn: a.registered_on ?? undefined, endedOn: a.ended_on ?? undefined };
}

/** The events of one account, oldest first. */
export function participantEvents(db: Db, kpjValue: string): Promise<{ eventId: string; type: string; occurredOn: string; receivedAt: string }[]> {
  return db.query(
    `select event_id as "eventId", type, occurred_on as "occurredOn", received_at::text as "receivedAt" from participant_events where kpj = $1 order by received_at, event_id`,
    [kpjValue],
  );
}

/**
 * The villages (as stored) an event touches: where the person of its NIK lives and, when its KPJ
 * is held already, where the account's person lives; for an employer event, every employer with
 * its NPP. `null` for a person the register does not have. A key of a region may send the event
 * only when it holds every one of them.
 */
export async function villagesOfEvent(db: Db, event: ParticipantEvent): Promise<(string | null)[]> {
  if (event.type === 'employer_status_changed') {
    const employers = await db.query<{ village_code: string | null }>('select distinct village_code from employers where npp = $1', [event.npp]);
    return employers.map((e) => e.village_code);
  }
  const ofNik = async (nik: string) => (await db.query<{ village_code: string | null }>('select village_code from residents where nik = $1 limit 1', [nik]))[0]?.village_code ?? null;
  const held = await db.query<{ nik: string | null }>('select nik from participants where kpj = $1', [event.kpj]);
  const villages: (string | null)[] = [];
  if (event.type === 'registered') villages.push(await ofNik(event.nik));
  for (const account of held) if (account.nik !== null && (event.type !== 'registered' || account.nik !== event.nik)) villages.push(await ofNik(account.nik));
  if (event.type !== 'registered' && held.length === 0) villages.push(null);
  return villages;
}
