/**
 * Delivery lists (*daftar antar stiker*): for the officers who put stickers up, each sticker in force
 * of a place — serial, label, colour, whether it is up already — with where it goes: a household's
 * head (*kepala keluarga*) and address as the civil register holds them, an employer's name and
 * address. Personal data, for officers with `field:delivery-list` only: never on a sticker, in a
 * QR code or on a public page.
 */
import { isHeadOfFamily } from '@cakupan/core';
import type { Db } from '../db/db.js';
import { householdIdOf, householdSecret } from '../households/householdNumbers.js';

/** One sticker to deliver. */
export interface DeliveryStop {
  serial: number;
  kind: 'household' | 'employer';
  /** As printed: `RT 005/RW 003 no. 2`, or the employer's name. */
  label: string;
  registered: boolean;
  rw: number | null;
  rt: number | null;
  /** Put up already (an installation is recorded). */
  installed: boolean;
  /** The household's head (`null`: the register names none) and address; the employer's name and address. */
  name: string | null;
  address: string | null;
  /** For an employer: its id (to record a visit). */
  employerId: string | null;
}

/** What a delivery list is of: a village, RW or RT (dotted), and optionally one requisition's stickers. */
export interface DeliveryListQuery {
  villageCode: string;
  rw?: number | undefined;
  rt?: number | undefined;
  /** The register's source of the stickers (`requisition 12`); default every sticker in force of the place. */
  source?: string | undefined;
}

/** The stickers in force of a place, by RW, RT, kind and serial, with where each goes. */
export async function deliveryList(db: Db, q: DeliveryListQuery): Promise<DeliveryStop[]> {
  const params: unknown[] = [q.villageCode];
  let where = 's.village_code = $1 and s.revoked_at is null';
  if (q.rw !== undefined) where += ` and s.rw = $${params.push(q.rw)}`;
  if (q.rt !== undefined) where += ` and s.rt = $${params.push(q.rt)}`;
  if (q.source !== undefined) where += ` and s.source = $${params.push(q.source)}`;
  const stickers = await db.query<{ serial: number; kind: 'household' | 'employer'; subject_id: string | null; label: string; registered: boolean; rw: number | null; rt: number | null; installed: boolean; name: string | null; address: string | null }>(
    `select s.serial::float8 as serial, s.kind, s.subject_id, s.label, s.registered, s.rw, s.rt,
            exists (select 1 from installations i where i.serial = s.serial) as installed, e.name, e.address
     from stickers s left join employers e on s.kind = 'employer' and e.id = s.subject_id
     where ${where}
     order by s.rw nulls first, s.rt nulls first, s.kind desc, s.serial`,
    params,
  );
  const households = stickers.some((s) => s.kind === 'household' && s.subject_id !== null) ? await householdContacts(db, q.villageCode) : new Map<string, Contact>();
  return stickers.map((s) => {
    const contact = s.kind === 'household' && s.subject_id !== null ? households.get(s.subject_id) : undefined;
    return {
      serial: s.serial,
      kind: s.kind,
      label: s.label,
      registered: s.registered,
      rw: s.rw,
      rt: s.rt,
      installed: s.installed,
      name: s.kind === 'employer' ? (s.name ?? s.label) : (contact?.head ?? null),
      address: s.kind === 'employer' ? s.address : (contact?.address ?? null),
      employerId: s.kind === 'employer' ? s.subject_id : null,
    };
  });
}

interface Contact {
  head: string | null;
  address: string | null;
}

/** Each household of a village (by its id), with its head's name and its address (the head's, else the first member's with one). */
async function householdContacts(db: Db, villageCode: string): Promise<Map<string, Contact>> {
  const secret = await householdSecret(db);
  const rows = await db.query<{ family_number: string | null; name: string | null; address: string | null; family_role: string | null }>(
    `select family_number, name, address, family_role from residents where replace(village_code, '.', '') = $1 and family_number is not null order by import_id, line`,
    [villageCode.replaceAll('.', '')],
  );
  const byKk = new Map<string, Contact>();
  for (const r of rows) {
    const kk = r.family_number!.trim();
    if (kk === '') continue;
    let c = byKk.get(kk);
    if (c === undefined) byKk.set(kk, (c = { head: null, address: null }));
    const head = isHeadOfFamily(r.family_role);
    if (head && c.head === null) c.head = r.name?.trim() || null;
    if (r.address?.trim() && (c.address === null || head)) c.address = r.address.trim();
  }
  return new Map([...byKk].map(([kk, c]) => [householdIdOf(secret, kk), c]));
}
