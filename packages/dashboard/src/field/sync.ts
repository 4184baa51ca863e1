/**
 * Sending the records kept on the phone, oldest first, each once (the service applies a record's
 * `clientId` once, so a record sent again after a lost answer changes nothing). A record the service
 * refuses is kept with the reason and shown — a revoked sticker with its replacement, another
 * officer's record of the same sticker beside this one's — never dropped. Sending stops at the
 * first sign that it cannot go on (no connection, the service unavailable, the session ended) and
 * starts again from the same place.
 */
import { ApiError, postJson } from '../api.js';
import { type FieldDb, type FieldRecord, queuedRecords, updateRecord } from './fieldDb.js';

export interface SyncOutcome {
  sent: number;
  /** Why sending stopped before the end: no connection (or the service unavailable), or the session ended. */
  stopped: 'offline' | 'signed-out' | null;
}

interface Installed {
  repeated: boolean;
  installations: { recordedBy: string }[];
}

/** Sends every queued record; `me` is the officer's username (to tell others' records of the same sticker). */
export async function syncRecords(db: FieldDb, me: string, onEach?: (record: FieldRecord) => void): Promise<SyncOutcome> {
  let sent = 0;
  for (const record of await queuedRecords(db)) {
    let change: Partial<FieldRecord>;
    try {
      if (record.kind === 'installation') {
        const answer = await postJson<Installed>(`/v1/stickers/${record.serial}/installations`, { ...record.body, clientId: record.clientId });
        const others = [...new Set(answer.installations.map((i) => i.recordedBy).filter((by) => by !== me))];
        change = { state: 'synced', others };
      } else {
        await postJson(`/v1/employers/${encodeURIComponent(record.employerId!)}/visits`, { ...record.body, clientId: record.clientId });
        change = { state: 'synced' };
      }
    } catch (err) {
      if (!(err instanceof ApiError)) return { sent, stopped: 'offline' }; // fetch failed: no connection
      if (err.status === 401) return { sent, stopped: 'signed-out' };
      if (err.status === 0 || err.status === 408 || err.status === 429 || err.status >= 500) return { sent, stopped: 'offline' };
      const replacement = /put up sticker (\d+) instead/.exec(err.message);
      change = err.status === 409 ? { state: 'conflict', message: err.message, replacement: replacement ? Number(replacement[1]) : null } : { state: 'rejected', message: err.message };
    }
    await updateRecord(db, record.clientId, change);
    sent++;
    onEach?.({ ...record, ...change });
  }
  return { sent, stopped: null };
}
