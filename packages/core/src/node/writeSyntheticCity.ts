/**
 * Writes a synthetic Kota Bogor (see `generateCity`) as the canonical CSV files.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { generateCity, type GenerateCityOptions } from '../synthetic/generateCity.js';
import { quoteCsvField } from '../csv/quoteCsvField.js';
import { CANONICAL_COLUMNS, type CsvKind } from './readCsv.js';

/** Files written and rows in each. */
export interface WriteSyntheticCityResult {
  files: Record<CsvKind, string>;
  rows: Record<CsvKind, number>;
}

/**
 * Generates a city and writes `residents.csv`, `participants.csv` and `employers.csv` into `dir`
 * (created if needed), UTF-8, LF, `,`-delimited, quoted where needed.
 */
export async function writeSyntheticCity(dir: string, options: GenerateCityOptions): Promise<WriteSyntheticCityResult> {
  mkdirSync(dir, { recursive: true });
  const city = generateCity(options);
  const files = { residents: join(dir, 'residents.csv'), participants: join(dir, 'participants.csv'), employers: join(dir, 'employers.csv') };
  await writeCsv(files.residents, 'residents', city.residents as unknown as Record<string, unknown>[]);
  await writeCsv(files.participants, 'participants', city.participants as unknown as Record<string, unknown>[]);
  await writeCsv(files.employers, 'employers', city.employers as unknown as Record<string, unknown>[]);
  return { files, rows: { residents: city.residents.length, participants: city.participants.length, employers: city.employers.length } };
}

const UNWRITTEN = new Set(['address', 'familyRole']);

async function writeCsv(path: string, kind: CsvKind, records: Record<string, unknown>[]): Promise<void> {
  // the columns the generator fills (it writes no addresses nor places in the family)
  const columns = Object.entries(CANONICAL_COLUMNS[kind]).filter(([, field]) => !UNWRITTEN.has(field));
  const out = createWriteStream(path);
  out.write(`${columns.map(([c]) => c).join(',')}\n`);
  let chunk = '';
  for (const r of records) {
    chunk += `${columns.map(([, field]) => field_(r[field])).join(',')}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

function field_(v: unknown): string {
  return v === undefined || v === null ? '' : quoteCsvField(String(v));
}
