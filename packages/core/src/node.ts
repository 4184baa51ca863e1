/**
 * `@cakupan/core/node`: the Node-only parts of core — streaming CSV ingest of the canonical exports
 * (and the civil registry's SIAK export) and coverage straight from CSV files.
 *
 * @packageDocumentation
 */
export {
  type CsvKind,
  type CsvPreset,
  type CsvRejection,
  type ReadCsvOptions,
  type ReadCsvResult,
  CANONICAL_COLUMNS,
  COLUMN_ALIASES,
  CsvFormatError,
  readCsv,
  readResidentsCsv,
  readParticipantsCsv,
  readEmployersCsv,
} from './node/readCsv.js';
export { coverageFromCsv, type CoverageFromCsvOptions, type CsvCoverageReport, rejectedRows, type RowCounts } from './node/coverageFromCsv.js';
export { writeSyntheticCity, type WriteSyntheticCityResult } from './node/writeSyntheticCity.js';
export { quoteCsvField } from './csv/quoteCsvField.js';
