/**
 * What the field app keeps on the phone, in IndexedDB (through `idb`): the officer signed in, the
 * delivery list last fetched (it names heads of household: deleted at sign-out), and the records
 * made — each with its own id (`clientId`), so that sending one again is applied once — with what
 * the service answered when they were sent.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { DeliveryList } from '@cakupan/contract';

/** An installation or a visit recorded on the phone, and what came of sending it. */
export interface FieldRecord {
  clientId: string;
  kind: 'installation' | 'visit';
  /** The sticker put up (installation). */
  serial?: number;
  /** The employer visited (visit), and its name for the list of records. */
  employerId?: string;
  employerName?: string;
  body: Record<string, unknown>;
  createdAt: string;
  state: 'queued' | 'synced' | 'conflict' | 'rejected';
  /** The service's word: a conflict's reason (revoked, and the replacement), a refusal's. */
  message?: string;
  /** Other officers who recorded the same sticker (both records are kept). */
  others?: string[];
  replacement?: number | null;
}

/** The officer signed in on this phone (no secret: the session cookie is the browser's own). */
export interface FieldPerson {
  username: string;
  name: string;
  role: string;
  scope: string | null;
}

interface FieldSchema extends DBSchema {
  records: { key: string; value: FieldRecord; indexes: { byState: string; byCreated: string } };
  lists: { key: string; value: { region: string; fetchedAt: string; list: DeliveryList } };
  meta: { key: string; value: unknown };
}

export type FieldDb = IDBPDatabase<FieldSchema>;

/** Opens (or makes) the phone's database. */
export function openFieldDb(name = 'cakupan-lapangan'): Promise<FieldDb> {
  return openDB<FieldSchema>(name, 1, {
    upgrade(db) {
      const records = db.createObjectStore('records', { keyPath: 'clientId' });
      records.createIndex('byState', 'state');
      records.createIndex('byCreated', 'createdAt');
      db.createObjectStore('lists', { keyPath: 'region' });
      db.createObjectStore('meta');
    },
  });
}

/** A new record's id: random, 22 characters of `[A-Za-z0-9_-]` (the API's clientId). */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function addRecord(db: FieldDb, record: Omit<FieldRecord, 'clientId' | 'createdAt' | 'state'>): Promise<FieldRecord> {
  const made: FieldRecord = { ...record, clientId: newClientId(), createdAt: new Date().toISOString(), state: 'queued' };
  await db.put('records', made);
  return made;
}

/** Every record, oldest first. */
export function allRecords(db: FieldDb): Promise<FieldRecord[]> {
  return db.getAllFromIndex('records', 'byCreated');
}

/** The records still to send, oldest first. */
export async function queuedRecords(db: FieldDb): Promise<FieldRecord[]> {
  return (await db.getAllFromIndex('records', 'byState', 'queued')).sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}

/** Keeps what the service answered of several records, in one transaction. */
export async function updateRecords(db: FieldDb, changes: readonly { clientId: string; change: Partial<FieldRecord> }[]): Promise<void> {
  const tx = db.transaction('records', 'readwrite');
  for (const { clientId, change } of changes) {
    const found = await tx.store.get(clientId);
    if (found) await tx.store.put({ ...found, ...change });
  }
  await tx.done;
}

export async function saveList(db: FieldDb, list: DeliveryList): Promise<void> {
  await db.put('lists', { region: 'current', fetchedAt: new Date().toISOString(), list });
}

export async function loadList(db: FieldDb): Promise<{ fetchedAt: string; list: DeliveryList } | undefined> {
  return db.get('lists', 'current');
}

export async function savePerson(db: FieldDb, person: FieldPerson | null): Promise<void> {
  if (person === null) await db.delete('meta', 'person');
  else await db.put('meta', person, 'person');
}

export async function loadPerson(db: FieldDb): Promise<FieldPerson | undefined> {
  return (await db.get('meta', 'person')) as FieldPerson | undefined;
}

/** Deletes everything the phone keeps (sign-out: the list names people). */
export async function forgetAll(db: FieldDb): Promise<void> {
  const tx = db.transaction(['records', 'lists', 'meta'], 'readwrite');
  await Promise.all([tx.objectStore('records').clear(), tx.objectStore('lists').clear(), tx.objectStore('meta').clear(), tx.done]);
}
