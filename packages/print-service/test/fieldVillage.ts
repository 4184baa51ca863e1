/**
 * A small village for the field tests (Kelurahan Cikaret, 32.71.01.1008), with what a delivery list
 * needs: households with their heads and addresses (SIAK's place in the family), a household of a
 * child only (no sticker), one covered household, and an unregistered employer with its address.
 * Invented people.
 */
import type { Store } from '@cakupan/store';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIELD_VILLAGE = '3271011008';
export const FIELD_TODAY = '2026-12-03';
export const RESIDENTS_HEADER = 'nik,kk,name,birth_date,sex,village_code,rw,rt,address,stat_hbkel';
// RT 001/RW 002: Siti's household (she and her husband are covered: green), Budi's, and a household of a child only;
// RT 003/RW 002: Dewi's
export const RESIDENT = {
  siti: `3271015503800001,3271010000000001,Siti Aminah,1980-03-15,female,${FIELD_VILLAGE},002,001,Jl. Melati No. 4,KEPALA KELUARGA`,
  ahmad: `3271011204780001,3271010000000001,Ahmad Fauzi,1978-04-12,male,${FIELD_VILLAGE},002,001,Jl. Melati No. 4,SUAMI`,
  budi: `3271010101750001,3271010000000002,Budi Santoso,1975-01-01,male,${FIELD_VILLAGE},002,001,Gg. Kenanga 7,1`,
  child: `3271011006150001,3271010000000003,Rina Anak,2015-06-10,female,${FIELD_VILLAGE},002,001,Jl. Mawar 2,ANAK`,
  dewi: `3271015208900001,3271010000000004,Dewi Lestari,1990-08-12,female,${FIELD_VILLAGE},002,003,Jl. Anggrek 9,KEPALA KELUARGA`,
  eko: `3271010303850001,3271010000000005,Eko Prasetyo,1985-03-03,male,${FIELD_VILLAGE},002,001,Jl. Dahlia 1,KEPALA KELUARGA`,
} as const;
export const EMPLOYER_ID = '9120000000099';

/** Imports one export into `store` from text (written to `dir`). */
export async function importText(store: Store, dir: string, kind: 'residents' | 'participants' | 'employers', csv: string): Promise<void> {
  const path = join(dir, `${kind}-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(path, csv);
  await store.importCsv({ kind, path, fileName: `${kind}.csv`, asOf: FIELD_TODAY, apiKeyLabel: 'test', maxRemovedShare: 1, maxChangedShare: 1 });
}

/** The village's register, accounts and employer. */
export async function importFieldVillage(store: Store, dir: string): Promise<void> {
  await importText(store, dir, 'residents', [RESIDENTS_HEADER, RESIDENT.siti, RESIDENT.ahmad, RESIDENT.budi, RESIDENT.child, RESIDENT.dewi, ''].join('\n'));
  await importText(store, dir, 'participants', 'nik,kpj,segment,status,registered_on\n3271015503800001,12345678901,PU,aktif,2020-01-01\n3271011204780001,12345678902,BPU,aktif,2021-05-01\n');
  await importText(store, dir, 'employers', `id,name,village_code,rw,rt,npp,status,alamat\n${EMPLOYER_ID},Toko Sumber Rejeki,${FIELD_VILLAGE},2,1,,,Jl. Raya Tajur 88\n`);
}
