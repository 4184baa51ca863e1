/**
 * Sending the records kept on the phone, oldest first, up to 100 in one request
 * (`POST /v1/field/records`: a day offline is a few requests, not hundreds of round trips on a slow
 * connection), each applied once by the service (its `clientId`: a record sent again after a lost
 * answer changes nothing). A record the service refuses is kept with the reason and shown — a
 * revoked sticker with its replacement, another officer's record of the same sticker beside this
 * one's — never dropped. Sending stops at the first sign that it cannot go on (no connection, the
 * service unavailable, the session ended) and starts again from the records not yet answered.
 */
import type { z } from 'zod';
import type { fieldRecordSchema, fieldRecordsSchema } from '@cakupan/contract';
import { ApiError, postJson } from '../api.js';
import { type FieldDb, type FieldRecord, queuedRecords, updateRecords } from './fieldDb.js';

export interface SyncOutcome {
  sent: number;
  /** Why sending stopped before the end: no connection (or the service unavailable), or the session ended. */
  stopped: 'offline' | 'signed-out' | null;
}

/** Records in one request (the service's MAX_FIELD_RECORDS). */
export const SYNC_BATCH = 100;

type Sent = z.input<typeof fieldRecordSchema>;
type Result = z.infer<typeof fieldRecordsSchema>['results'][number];

function asSent(r: FieldRecord): Sent {
  return r.kind === 'installation'
    ? ({ kind: 'installation', serial: r.serial!, clientId: r.clientId, ...r.body } as Sent)
    : ({ kind: 'visit', employerId: r.employerId!, clientId: r.clientId, ...r.body } as Sent);
}

/** What the phone keeps of one record's result. */
function changeOf(result: Result, me: string): Partial<FieldRecord> {
  if (result.status === 200 || result.status === 201) {
    return { state: 'synced', others: [...new Set((result.installations ?? []).map((i) => i.recordedBy).filter((by) => by !== me))] };
  }
  if (result.status === 409) return { state: 'conflict', message: result.message, replacement: result.replacement ?? null };
  return { state: 'rejected', message: result.message };
}

/** Sends every queued record; `me` is the officer's username (to tell others' records of the same sticker). */
export async function syncRecords(db: FieldDb, me: string, onEach?: (record: FieldRecord) => void): Promise<SyncOutcome> {
  const queue = await queuedRecords(db);
  let sent = 0;
  for (let i = 0; i < queue.length; i += SYNC_BATCH) {
    const batch = queue.slice(i, i + SYNC_BATCH);
    let results: Result[];
    try {
      ({ results } = await postJson<{ results: Result[] }>('/v1/field/records', { records: batch.map(asSent) }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return { sent, stopped: 'signed-out' };
      // no connection, the service unavailable or busy: the batch waits (a 400 would be the app's own fault: kept, shown, sent again later)
      return { sent, stopped: 'offline' };
    }
    const byId = new Map(batch.map((r) => [r.clientId, r]));
    const changes = results.filter((r) => byId.has(r.clientId)).map((r) => ({ clientId: r.clientId, change: changeOf(r, me) }));
    await updateRecords(db, changes);
    sent += changes.length;
    for (const { clientId, change } of changes) onEach?.({ ...byId.get(clientId)!, ...change });
  }
  return { sent, stopped: null };
}
