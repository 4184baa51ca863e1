/**
 * The monitoring use-cases: plain functions from the store and core to data, for the service's
 * routes and the CLI alike. No HTTP in them: "not found" is `undefined`, the caller answers.
 */
export { accountsKnownTo, dataDate, REGISTER_STALE_DAYS, registerIsStale } from './dataDate.js';
export { changeBetween, regionOverview, type OverviewChange, type OverviewFigures, type RegionOverview } from './regionOverview.js';
export { regionQuality, type QualityCounts, type RegionQualityReport } from './regionQuality.js';
export { type MonthlyReportContext, monthlyReportData, reportNumber } from './monthlyReportData.js';
export { DashboardPrefetch, dashboardDates, PREFETCH_DELAY_MS, type DashboardPrefetchOptions } from './dashboardPrefetch.js';
export { regionPage } from './regionPage.js';
export { factsFromStore, type StoreFacts, type StoreFactsProblem } from './factsFromStore.js';
export { stickerBatch, type BatchStatus, type StickerBatch, type StickerBatchOptions } from './stickerBatch.js';
export { approveRequisition, changedSinceApproval, frozenSubjectsOf, NothingToPrintError } from './approveRequisition.js';
