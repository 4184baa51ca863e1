// The rows of the idn-area-data package (core's devDependency) as [dotted code, name], in code
// order: what the generated region tables must hold.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Papa from 'papaparse';

export function idnRows(): [string, string][] {
  const dir = join(dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json')), 'data');
  const rows: [string, string][] = [];
  for (const file of ['provinces', 'regencies', 'districts', 'villages']) {
    const parsed = Papa.parse<{ code: string; name: string }>(readFileSync(join(dir, `${file}.csv`), 'utf8').trim(), { header: true });
    for (const r of parsed.data) rows.push([r.code, r.name]);
  }
  return rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
