/**
 * A store holding three governments side by side: Kota Bogor (the sample city, with its
 * boundaries), Kota Depok and Kabupaten Bogor (synthetic residents in their own villages, from the
 * region table), for the tests of regional settings, maps and reports.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { childRegions } from '@cakupan/core';
import { writeSyntheticCity } from '@cakupan/core/node';
import { useAllRegions } from '@cakupan/core/regions';
import type { Store } from '@cakupan/store';
import { importSampleCity } from '../src/sampleCity.js';

export const FIXTURES = join(import.meta.dirname, 'fixtures', 'boundaries');
export const DEPOK = '32.76';
export const KAB_BOGOR = '32.01';

/** The villages of a city or regency, from the whole region table. */
export function villagesOf(city: string): string[] {
  useAllRegions();
  return childRegions(city).flatMap((d) => childRegions(d.code).map((v) => v.code));
}

/** Imports the three into `store` (files written under `dir`); each government's employers keep ids of their own. */
export async function importThreeRegions(store: Store, dir: string): Promise<void> {
  await importSampleCity(store);
  for (const [city, seed] of [[DEPOK, 76], [KAB_BOGOR, 1]] as const) {
    const out = join(dir, city);
    await writeSyntheticCity(out, { adults: 1200, seed, villages: villagesOf(city) });
    // the generator numbers employers from 1 in every city: these get their city's digits
    const employers = join(out, 'employers.csv');
    writeFileSync(employers, readFileSync(employers, 'utf8').replace(/^91200/gm, `9${city.replace('.', '')}`));
    for (const kind of ['residents', 'participants', 'employers'] as const) {
      await store.importCsv({ kind, path: join(out, `${kind}.csv`), fileName: `${kind}.csv`, asOf: '2017-12-31', apiKeyLabel: 'test' });
    }
  }
}

/** A desa of Kabupaten Bogor where the synthetic register (imported from `dir`) has people, dotted. */
export function desaWithResidents(dir: string): string {
  const villages = readFileSync(join(dir, KAB_BOGOR, 'residents.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[5]!);
  const desa = villages.find((v) => v[6] === '2')!;
  return `${desa.slice(0, 2)}.${desa.slice(2, 4)}.${desa.slice(4, 6)}.${desa.slice(6)}`;
}
