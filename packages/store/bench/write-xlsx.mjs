// Writes a CSV export as an Excel workbook (.xlsx) with SheetJS, as Excel stores one: shared
// strings, birth dates as date serials, RW and RT as numbers. For imports.bench.mjs.
// Usage: node write-xlsx.mjs in.csv out.xlsx
import { readFileSync, writeFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';

const [input, output] = process.argv.slice(2);
const lines = readFileSync(input, 'utf8').trim().split('\n');
const header = lines[0].split(',');
const birth = header.indexOf('birth_date');
const rw = header.indexOf('rw');
const rt = header.indexOf('rt');
const serial = (iso) => Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);
const rows = [header];
for (let i = 1; i < lines.length; i++) {
  const cells = lines[i].split(',');
  if (birth >= 0 && /^\d{4}-\d{2}-\d{2}$/.test(cells[birth])) cells[birth] = serial(cells[birth]);
  for (const c of [rw, rt]) if (c >= 0 && /^\d+$/.test(cells[c])) cells[c] = Number(cells[c]);
  rows.push(cells);
}
const book = XLSX.utils.book_new();
XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows, { dense: true }), 'Penduduk');
writeFileSync(output, XLSX.write(book, { type: 'buffer', bookType: 'xlsx', bookSST: true, compression: true }));
