import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { coverageFromCsv } from './coverageFromCsv.js';
import { readParticipantsCsv, readResidentsCsv } from './readCsv.js';

const dir = mkdtempSync(join(tmpdir(), 'cakupan-xlsx-'));
let n = 0;
/** A workbook of sheets (arrays of rows), written by SheetJS as Excel writes it (shared strings or not). */
function workbook(sheets: Record<string, unknown[][]>, sst = true): string {
  const book = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), name);
  const path = join(dir, `w${n++}.xlsx`);
  writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx', bookSST: sst }));
  return path;
}
const csv = (text: string) => {
  const path = join(dir, `c${n++}.csv`);
  writeFileSync(path, text);
  return path;
};

describe('Excel workbooks', () => {
  const head = ['nik', 'kk', 'name', 'birth_date', 'sex', 'village_code', 'rw', 'rt'];
  it.each([[true], [false]])('reads the first sheet as the CSV reader reads the same rows (shared strings: %s)', async (sst) => {
    const rows = [
      head,
      ['3271011705900001', '3271010000000001', 'Siti, S.Pd', '1990-05-17', 'P', '3271011001', '003', '005'],
      [],
      ['3271011705900002', '', 'Budi', 34857, 'L', 3271011001, 3, 5], // an Excel date serial, numbers for codes
      ['3271011705900003', '', 'Ani', '7 Juni 1995', 'P', '3271011001', '3', '5'],
    ];
    const fromXlsx = await readResidentsCsv(workbook({ Penduduk: rows }, sst), { sourceName: 'penduduk.xlsx' });
    expect(fromXlsx.rejected).toEqual([]);
    expect(fromXlsx.records.map((r) => [r.ref, r.birthDate, r.villageCode, r.rw])).toEqual([
      [2, '1990-05-17', '3271011001', '003'],
      [4, '1995-06-07', '3271011001', '3'], // line = the sheet's row: the empty row 3 counts
      [5, '1995-06-07', '3271011001', '3'],
    ]);
    expect(fromXlsx.records[0]!.name).toBe('Siti, S.Pd');
  });

  it('reads a sheet by name, says which sheets there are, and rejects a NIK Excel made a number', async () => {
    const path = workbook({ Ringkasan: [['total'], [1]], Peserta: [['NIK', 'KPJ', 'SEGMEN', 'STATUS'], [3271011705900001, '90000000001', 'Penerima Upah', 'AKTIF'], ['3271011705900002', 90000000002, 'BPU', 'aktif']] });
    const r = await readParticipantsCsv(path, { sheet: 'Peserta' });
    expect(r.records.map((x) => [x.ref, x.kpj, x.segment])).toEqual([[3, '90000000002', 'BPU']]);
    expect(r.rejected).toEqual([{ line: 2, column: 'NIK', code: 'spreadsheet_number', message: expect.stringMatching(/turned into a number by a spreadsheet/), path: [] }]);
    await expect(readParticipantsCsv(path, { sheet: 'Lembar1', sourceName: 'peserta.xlsx' })).rejects.toThrow('peserta.xlsx: no sheet named "Lembar1"; its sheets are Ringkasan, Peserta');
    await expect(readParticipantsCsv(path)).rejects.toThrow(/column nik is missing/); // the first sheet
  });

  it('gives the same coverage as the CSV of the same rows', async () => {
    const residents = [head, ...Array.from({ length: 40 }, (_, i) => [`32710117059${String(i + 1).padStart(5, '0')}`, '', `W${i}`, `17-05-19${60 + i}`, 'L', '3271011001', String(1 + (i % 3)), String(1 + (i % 5))])];
    const participants = [['nik', 'kpj', 'segment', 'status', 'registered_on'], ...Array.from({ length: 20 }, (_, i) => [`32710117059${String(i * 2 + 1).padStart(5, '0')}`, `9${String(i).padStart(10, '0')}`, 'PU', 'aktif', '13/02/2010'])];
    const asCsv = (rows: string[][], sep: string) => csv(rows.map((r) => r.join(sep)).join('\n') + '\n');
    const fromCsv = await coverageFromCsv({ residents: asCsv(residents, ','), participants: asCsv(participants, ';'), asOf: '2017-12-31' });
    const fromXlsx = await coverageFromCsv({ residents: workbook({ a: residents }), participants: workbook({ b: participants }), asOf: '2017-12-31' });
    expect(fromXlsx.regions).toEqual(fromCsv.regions);
    expect(fromXlsx.totals.covered).toBe(20);
  });

  it('refuses a zip that is not a workbook, clearly', async () => {
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['x']]), 'a');
    const ods = join(dir, 'x.ods');
    writeFileSync(ods, XLSX.write(book, { type: 'buffer', bookType: 'ods' }));
    await expect(readResidentsCsv(ods)).rejects.toThrow(/not an Excel workbook \(\.xlsx\) with a sheet/);
  });
});
