/**
 * The API's answers the page reads: the contract's own types (`@cakupan/contract`, from which the
 * service validates its answers and writes its OpenAPI). Type imports only: nothing of the contract,
 * zod or the store is bundled.
 */
export type {
  Account,
  Change,
  JobSheet,
  Requisition,
  Role,
  SessionInfo,
  SessionState,
  EmployerRow,
  EmployersPage,
  EmployersQuery,
  Figures,
  ImportConflict,
  ImportPreview,
  ImportRow,
  ImportsPage,
  ImportsQuery,
  Me,
  Overview,
  Quality,
  QualityCounts,
  RegionLineage,
  RegionOnDateQuery,
  RegionRef,
  Series,
  SeriesQuery,
  StoredCoverage,
  StoredCoverageQuery,
} from '@cakupan/contract';
