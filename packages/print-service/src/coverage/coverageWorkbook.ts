/**
 * Coverage rows as an Excel workbook (.xlsx): core's CSV columns and cells (`COVERAGE_CSV_COLUMNS`,
 * `coverageCells`), counts as numbers and ratios as percentages, for an officer who opens the table
 * in a spreadsheet. Written by SheetJS; text is stored as text, never as a formula, so a region's
 * name cannot run in the reader's spreadsheet. Limits: one sheet; the route's page of rows.
 */
import * as XLSX from '@e965/xlsx';
import { COVERAGE_CSV_COLUMNS, coverageCells, type RegionCoverage } from '@cakupan/core';

const RATIO_COLUMNS = new Set(COVERAGE_CSV_COLUMNS.flatMap((c, i) => (c.endsWith('ratio') ? [i] : [])));

function cell(value: string | number | null, column: number): XLSX.CellObject {
  if (value === null) return { t: 'z' };
  if (typeof value === 'string') return { t: 's', v: value };
  return RATIO_COLUMNS.has(column) ? { t: 'n', v: value, z: '0.00%' } : { t: 'n', v: value };
}

/**
 * The rows as a workbook whose one sheet is named `sheet` (cut to the 31 characters Excel allows,
 * without the characters it forbids).
 *
 * @example
 * coverageWorkbook(report.regions, 'Kota Bogor 2017-12-31') // a Buffer: a zip, starting with PK
 */
export function coverageWorkbook(regions: readonly RegionCoverage[], sheet: string): Buffer {
  const rows: XLSX.CellObject[][] = [COVERAGE_CSV_COLUMNS.map((c) => ({ t: 's', v: c }))];
  for (const r of regions) rows.push(coverageCells(r).map(cell));
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), sheet.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'coverage');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}
