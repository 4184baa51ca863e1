/**
 * The columns that keep core's date-free facts beside each stored record (migration 022), and
 * their values: written by whatever writes the record (an import, an event), filled in for rows
 * stored before, read by the coverage SQL (`coverageSql.ts`) and by a sharded store's placement
 * (`bucket`, core's `nikBucket`).
 */
import { accountFacts, nikBucket, residentFacts, SEGMENTS } from '@cakupan/core';
import type { Db } from '../db/db.js';

/** The fact columns of `residents` (and `residents_history`), in the order of {@link residentFactValues}. */
export const RESIDENT_FACT_COLUMNS = ['bucket', 'nik_month_day', 'nik_yy', 'birth_day', 'unit_village', 'unit_rw', 'unit_rt', 'work', 'birth_mismatch', 'usable'] as const;

/** The fact columns of `participants` (and `participants_history`), in the order of {@link accountFactValues}. */
export const ACCOUNT_FACT_COLUMNS = ['bucket', 'nik_month_day', 'nik_yy', 'segment_code', 'active_status', 'registered_day', 'ended_day', 'usable'] as const;

/** The values of {@link RESIDENT_FACT_COLUMNS} for a resident as core reads it from the register. */
export function residentFactValues(record: { nik?: unknown }): unknown[] {
  const bucket = nikBucket(typeof record.nik === 'string' ? record.nik : null);
  const f = residentFacts(record);
  if (f === null) return [bucket, null, null, null, null, null, null, null, null, false];
  return [bucket, f.nikMonthDay, f.nikYear, f.birth, f.villageCode, f.rw, f.rt, f.work, f.birthMismatch, true];
}

/** The values of {@link ACCOUNT_FACT_COLUMNS} for an account as core reads it. */
export function accountFactValues(record: { nik?: unknown }): unknown[] {
  const bucket = nikBucket(typeof record.nik === 'string' ? record.nik : null);
  const f = accountFacts(record);
  if (f === null) return [bucket, null, null, null, null, null, null, false];
  return [bucket, f.nikMonthDay, f.nikYear, SEGMENTS.indexOf(f.segment), f.active, f.registeredOn, f.endedOn, true];
}

const BATCH = 5_000;

/** A table with fact columns: its key (column and type), the columns core reads, its facts. */
type Table = { name: string; key: readonly (readonly [string, string])[]; columns: readonly string[]; facts: readonly string[]; values: (row: Record<string, string | null>) => unknown[] };

const present = (v: string | null | undefined) => (v === null ? undefined : v);
const residentRecord = (r: Record<string, string | null>) => ({ nik: present(r.nik), birthDate: present(r.birth_date), sex: present(r.sex), villageCode: present(r.village_code), rw: present(r.rw), rt: present(r.rt), occupation: present(r.occupation) });
const accountRecord = (r: Record<string, string | null>) => ({ nik: present(r.nik), segment: present(r.segment), status: present(r.status), registeredOn: present(r.registered_on), endedOn: present(r.ended_on) });

const TABLES: Table[] = [
  ...(['residents', 'residents_history'] as const).map((name) => ({
    name,
    key: name === 'residents' ? [['import_id', 'bigint'], ['line', 'integer']] as const : [['removed_by', 'bigint'], ['import_id', 'bigint'], ['line', 'integer']] as const,
    columns: ['nik', 'birth_date', 'sex', 'village_code', 'rw', 'rt', 'occupation'],
    facts: RESIDENT_FACT_COLUMNS,
    values: (r: Record<string, string | null>) => residentFactValues(residentRecord(r)),
  })),
  ...(['participants', 'participants_history'] as const).map((name) => ({
    name,
    key: name === 'participants' ? [['kpj', 'text']] as const : [['replaced_by', 'bigint'], ['kpj', 'text']] as const,
    columns: ['nik', 'segment', 'status', 'registered_on', 'ended_on'],
    facts: ACCOUNT_FACT_COLUMNS,
    values: (r: Record<string, string | null>) => accountFactValues(accountRecord(r)),
  })),
];

/**
 * Writes the facts of every stored row that has none (`usable is null`: stored before migration
 * 022), a batch at a time, each batch in its own transaction. Returns how many rows it filled.
 */
export async function fillMissingFacts(db: Db): Promise<number> {
  let filled = 0;
  for (const t of TABLES) {
    for (;;) {
      const rows = await db.query<Record<string, string | null>>(
        `select ${[...t.key.map(([k]) => k), ...t.columns].map((c) => `${c}::text as ${c}`).join(', ')} from ${t.name} where usable is null limit ${BATCH}`,
      );
      if (rows.length === 0) break;
      const values = rows.map((r) => t.values(r));
      const keyArrays = t.key.map(([k]) => rows.map((r) => r[k]));
      const factArrays = t.facts.map((_, i) => values.map((v) => (v[i] === null || v[i] === undefined ? null : String(v[i]))));
      const names = [...t.key.map(([k]) => k), ...t.facts.map((_, i) => `f${i}`)];
      const types = [...t.key.map(([, type]) => type), ...t.facts.map(factType)];
      await db.transaction(async (tx) => {
        await tx.query(
          `update ${t.name} t set ${t.facts.map((c, i) => `${c} = v.f${i}`).join(', ')}
           from unnest(${names.map((_, i) => `$${i + 1}::${types[i]}[]`).join(', ')}) as v(${names.join(', ')})
           where ${t.key.map(([k]) => `t.${k} = v.${k}`).join(' and ')}`,
          [...keyArrays, ...factArrays],
        );
      });
      filled += rows.length;
    }
  }
  return filled;
}

function factType(column: string): string {
  if (column === 'usable' || column === 'birth_mismatch' || column === 'active_status') return 'boolean';
  if (column === 'unit_village') return 'text';
  if (column === 'birth_day' || column === 'registered_day' || column === 'ended_day') return 'integer';
  return 'smallint';
}
