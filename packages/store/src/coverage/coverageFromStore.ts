/**
 * Coverage from the store, with exactly the semantics of core's `computeCoverage`: the stored
 * records are read back in their files' order and fed to core's `CoverageAccumulator`, so every
 * rule (eligibility on the date, accounts active on the date, segment precedence, duplicates,
 * rejections) is core's, never a second copy in SQL.
 */
import { CoverageAccumulator, type CoveragePolicyInput, type CoverageReport, type RegionLevel } from '@cakupan/core';
import type { Db } from '../db/db.js';

/** Rows read from the database per round trip. */
const PAGE = 50_000;

export interface CoverageFromStoreOptions {
  asOf: string;
  levels?: readonly RegionLevel[];
  policy?: CoveragePolicyInput;
}

/**
 * The coverage report of the stored register and accounts on `asOf`. Rejections carry the
 * record's line in its import as `ref`.
 */
export async function coverageFromStore(db: Db, options: CoverageFromStoreOptions): Promise<CoverageReport> {
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>('select count(*)::int as n from residents');
  const accumulator = new CoverageAccumulator({
    asOf: options.asOf,
    ...(options.levels && { levels: options.levels }),
    ...(options.policy && { policy: options.policy }),
    expectedResidents: n,
  });
  // accounts first (in the order they were last imported), then residents in file order
  await pages(db, 'select kpj, nik, segment, status, registered_on, ended_on, line from participants where kpj > $1 order by kpj limit $2', 'kpj', '', (r) =>
    accumulator.addParticipant(withoutNulls({ nik: r.nik, segment: r.segment, status: r.status, registeredOn: r.registered_on, endedOn: r.ended_on, ref: r.line })),
  );
  await pages(db, 'select line, nik, birth_date, sex, village_code, rw, rt from residents where line > $1 order by line limit $2', 'line', 0, (r) =>
    accumulator.addResident(withoutNulls({ nik: r.nik, birthDate: r.birth_date, sex: r.sex, villageCode: r.village_code, rw: r.rw, rt: r.rt, ref: r.line })),
  );
  return accumulator.report();
}

/** Keyset pagination over `sql` (which takes the last key and a limit). */
async function pages(db: Db, sql: string, key: string, start: unknown, each: (row: Record<string, unknown>) => void): Promise<void> {
  let last = start;
  for (;;) {
    const rows = await db.query(sql, [last, PAGE]);
    for (const row of rows) each(row);
    if (rows.length < PAGE) return;
    last = rows[rows.length - 1]![key];
  }
}

/** A record without the fields the export left empty (as the CSV reader gives them). */
function withoutNulls(record: Record<string, unknown>): Record<string, unknown> {
  for (const k of Object.keys(record)) if (record[k] === null || record[k] === undefined) delete record[k];
  return record;
}
