/**
 * The HTTP API's contract: every route's request and answer schemas (zod), from which the service
 * validates, answers and generates its OpenAPI, and by which the dashboard's client is typed.
 */
export { errorResponseSchema, fieldIssueSchema, ISSUE_STATUS, REASONS, statusOfIssues, type ErrorResponse } from './errors.js';
export { dateField, decimalField, formatQuery, idField, optionalRegionQuery, pageLimit, regionField, serialField, tableFormatQuery } from './query.js';
export { csvAnswer, pdfAnswer, XLSX_MEDIA_TYPE, xlsxAnswer } from './binary.js';
export * from './v1/figures.js';
export * from './v1/coverage.js';
export * from './v1/employers.js';
export * from './v1/events.js';
export * from './v1/imports.js';
export * from './v1/overview.js';
export * from './v1/quality.js';
export * from './v1/me.js';
export * from './v1/reports.js';
export * from './v1/apiKeys.js';
export * from './v1/stickers.js';
export * from './v1/verification.js';
export * from './v1/roles.js';
export * from './v1/accounts.js';
export * from './v1/requisitions.js';
export * from './v1/field.js';
export * from './v1/registrationHelp.js';
export * from './v1/regionSettings.js';
