/**
 * @cakupan/store — the monitoring store: the imported exports, their history, and coverage from
 * them. PostgreSQL ≥ 15 when DATABASE_URL is set, else embedded PGlite (no set-up).
 *
 * @packageDocumentation
 */
export { openStore, type OpenStoreOptions, type Store } from './store.js';
export { openDb, type Db, type DbDeadlines, type DbStep, type OwnedDb, type StoreHealth } from './db/db.js';
export { isStorageFull, isStoreUnavailable, StoreUnavailableError } from './db/unavailable.js';
export type { DatabaseHealth } from './db/supervisor.js';
export { migrate, MIGRATIONS_DIR } from './db/migrate.js';
export { takeProcessLock } from './db/processLock.js';
export {
  type CoverageChange,
  type DataAsOf,
  dataAsOf,
  getImport,
  importCsv,
  previewImport,
  ImportConflictError,
  type ImportGuard,
  type ImportPreview,
  type ImportReading,
  listImports,
  importRejectsCsv,
  importRejectsCsvChunks,
  type ImportKind,
  type ImportRecord,
  type ImportResult,
  type ImportCsvOptions,
  type ImportViewer,
  type RegisterChange,
} from './imports/importCsv.js';
export { KEPT_IMPORTS, RevertConflictError, revertImport } from './imports/revert.js';
export { CoverageCache, type CoverageFromStoreOptions, type CoverageShard, type Household } from './coverage/coverageCache.js';
export { DatabaseCoverage } from './coverage/databaseCoverage.js';
export { linkageSql, neighbourhoodCountsSql, type CoverageSqlOptions } from './coverage/coverageSql.js';
export { coverageSeries, MAX_SERIES_CELLS, MAX_SERIES_DATES, SeriesTooLargeError, type SeriesOptions, type SeriesPoint } from './coverage/series.js';
export { listEmployers, employersByIds, complianceFromStore, type EmployerRow, type ListEmployersOptions } from './employers/employers.js';
export { participantEventSchema, type ApplyEventOptions, type ParticipantEvent, applyParticipantEvent, participantEvents, villagesOfEvent } from './events/participantEvents.js';
export { SERIAL_BLOCK, type PrintedSticker, type StickerRecord, listStickers, recordStickers, reserveSerialBlock, revokeSticker, revokedSerials, revocationsOf, MAX_REVOCATION_LOOKUP, type RegisterWord, type Revocation, stickerRecord, audit, auditLog } from './stickers/register.js';
export { type AccountChange, type AccountInfo, LOCKOUT, MIN_PASSWORD_LENGTH, type NewAccount, type PasswordSignIn, type SignedIn } from './accounts/accounts.js';
export { type Installation, type Visit, type VisitOutcome } from './field/fieldWork.js';
export { fieldProgressTotal, type FieldProgressRow } from './field/progress.js';
export { type DeliveryListQuery, type DeliveryStop } from './field/deliveryList.js';
export { type RegionRegistrationHelp } from './regions/registrationHelp.js';
export { type StoredRegionSettings } from './regions/regionSettings.js';
export { type BoundaryVersion } from './regions/boundaries.js';
export { type ApprovedReport, ReportApprovalConflict } from './reports/monthlyReports.js';
export { type JobSheetLine, type Requisition, type RequisitionStatus, type RequisitionViewer, requisitionSource } from './requisitions/requisitions.js';
export { type ApiKeyInfo, apiKeyHash, addApiKey, revokeApiKey, listApiKeys, activeApiKeys } from './keys/apiKeys.js';
