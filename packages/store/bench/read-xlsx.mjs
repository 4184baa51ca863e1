// Reads a residents workbook and prints {rows, s, peak} as JSON: `cakupan` with core's streaming
// reader, `sheetjs` with SheetJS's readFile and sheet_to_json (the whole workbook in memory).
// For imports.bench.mjs. Usage: node read-xlsx.mjs cakupan|sheetjs file.xlsx
import { readResidentsCsv } from '@cakupan/core/node';
import * as fs from 'node:fs';
import * as XLSX from '@e965/xlsx';

XLSX.set_fs(fs); // SheetJS's ESM build reads files through the fs it is given

const [which, path] = process.argv.slice(2);
const t0 = performance.now();
let rows = 0;
if (which === 'cakupan') {
  await readResidentsCsv(path, { fields: ['nik', 'birthDate', 'sex', 'villageCode', 'rw', 'rt'], onRecord: () => rows++ });
} else {
  const book = XLSX.readFile(path, { dense: true });
  rows = XLSX.utils.sheet_to_json(book.Sheets[book.SheetNames[0]], { header: 1, raw: true }).length - 1;
}
const s = (performance.now() - t0) / 1000;
process.stdout.write(JSON.stringify({ rows, s, peak: process.resourceUsage().maxRSS / 1024 }));
