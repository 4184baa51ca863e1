/**
 * @cakupan/core — typed models and calculations for BPJS Ketenagakerjaan coverage.
 *
 * Runs in Node and browsers: nothing here imports a Node built-in.
 *
 * @packageDocumentation
 */
export { type CalendarDateInput, isoDateSchema } from './date/calendarDate.js';
export { TREND_MONTHS, lastCompleteMonth, monthEnd, previousMonthEnd, monthEndsBetween, trendMonthEnds } from './date/monthEnd.js';
export { DEFAULT_TIME_ZONE, todayIn, isTimeZone } from './date/todayIn.js';
export { type Language, MONTH_NAMES, formatLongDate, formatMonth } from './date/monthName.js';
export { formatCount, formatPercent, formatTarget, formatPoints, formatSigned } from './format/formatNumber.js';
export { quoteCsvField } from './csv/quoteCsvField.js';
export { csvCell, csvLine } from './csv/csvCell.js';
export { isWithinRegion, isBelowRegion, childLevelOf, isLevelBelow } from './region/isWithinRegion.js';
export { levelOfCode, lineageOf } from './region/levelOfCode.js';
export { formatRtRw, formatUnit, householdLabel, isHouseholdLabelOf } from './region/unitLabel.js';
export { defaultRegionSettings, type Logo, REGION_SETTING_FIELDS, type RegionSettingField, type RegionSettings, type ResolvedRegionSettings, resolveRegionSettings, type Signatory } from './region/regionSettings.js';
export { bareGovernmentName, governmentOf, headOfRegionTitle, isKota, levelWordWithin, mapAreaOf, regionWord, villageKindOf } from './region/regionWords.js';
export { isHeadOfFamily } from './household/familyRole.js';
export { isWorkingOccupation, NOT_WORKING_OCCUPATION_CODES, type Occupation, OCCUPATIONS, parseOccupation } from './occupation/occupation.js';
export { DEFAULT_TARGET_PERCENT, DEFAULT_TARGET_SOURCE } from './coverage/target.js';
export { RESIDENT_OUTCOME, type ResidentOutcome, isEligibleOutcome } from './coverage/residentOutcome.js';
export { type DateOrder, type DateText, DATE_FORMATS, dateOrderOf, excelSerialDate, readDateText } from './date/readDateText.js';
export { type IssueCode, type Issue, CakupanError, issue, formatPath, fromZodIssues, ISSUE_CODES } from './issue/issue.js';
export {
  type Sex,
  type NikIssue,
  type NikParts,
  type ParseNikResult,
  type ParseNikOptions,
  parseNik,
  isValidNik,
  nikSchema,
} from './nik/nik.js';
export { ID_NUMBER_DIGITS, containsIdNumber } from './nik/personalData.js';
export { containsBirthDate } from './nik/containsBirthDate.js';
export { NIK_BUCKETS, nikBucket } from './nik/nikBucket.js';
export {
  REGION_LEVELS,
  type RegionLevel,
  regionLevelSchema,
  type Region,
  type RegionIssue,
  type ParseRegionResult,
  parseRegionCode,
  toDottedRegionCode,
  regionName,
  childRegions,
  neighbourhoodCode,
  knownRegions,
  parseUnitNumber,
  unitNumberSchema,
  villageCodeSchema,
  regionCodeSchema,
} from './region/region.js';
export {
  agePolicySchema,
  ageYearsSchema,
  MAX_AGE_YEARS,
  type AgePolicy,
  type AgePolicyInput,
  DEFAULT_MIN_AGE,
  ageOn,
  isEligible,
} from './age/age.js';
export {
  SEGMENTS,
  type Segment,
  segmentSchema,
  PROGRAMS,
  type Program,
  SEGMENT_PROGRAMS,
  DEFAULT_SEGMENT_PRECEDENCE,
  ACCOUNT_STATUSES,
  type AccountStatus,
  accountStatusSchema,
  parseAccountStatus,
  parseSegment,
  SEGMENT_NAMES,
  type AccountActivity,
  isAccountActive,
} from './participant/participant.js';
export {
  residentRecordSchema,
  participantRecordSchema,
  recordRefSchema,
  type ResidentRecord,
  type ParticipantRecord,
  type Rejection,
  type RejectionCode,
  parseSex,
} from './coverage/records.js';
export { coveragePolicySchema, type CoveragePolicy, type CoveragePolicyInput } from './coverage/policy.js';
export { type SegmentCounts, type RegionCoverage, type CoverageLinkage, type RecordCounts, type CoverageReport } from './coverage/report.js';
export { type ComputeCoverageOptions, computeCoverage } from './coverage/computeCoverage.js';
export { CoverageAccumulator, type CoverageAccumulatorOptions } from './coverage/accumulator.js';
export { CoverageIndex, type CoverageIndexOptions, type CoverageIndexReportOptions, type QualityReport, type RegionQuality } from './coverage/coverageIndex.js';
export { mergeCoverage } from './coverage/mergeCoverage.js';
export { type CoverageFromCountsOptions, type NeighbourhoodCounts, coverageFromCounts, qualityFromCounts } from './coverage/fromCounts.js';
export { type AccountFacts, FACTS_CHECKED_ON, type ResidentFacts, accountFacts, eligibleBirthDates, residentFacts } from './coverage/storedFacts.js';
export {
  regionLevelListSchema,
  ageYearsTextSchema,
  coverageTextOptionsSchema,
  type CoverageTextOptions,
} from './coverage/coverageOptions.js';
export {
  coverageRatio,
  aggregateFiguresSchema,
  type AggregateFigures,
  type AggregateCoverage,
  coverageFromAggregates,
} from './coverage/ratio.js';
export { COVERAGE_BANDS, type CoverageBand, coverageBand, NO_COVERAGE_BAND } from './coverage/bands.js';
export {
  employerRecordSchema,
  type EmployerRecord,
  type RegionCompliance,
  type ComplianceReport,
  type ComputeComplianceOptions,
  computeCompliance,
} from './employer/compliance.js';
export {
  type StickerColour,
  type StickerReason,
  type StickerFacts,
  type StickerStatus,
  nppSchema,
  employerStickerFactsSchema,
  householdStickerFactsSchema,
  stickerFactsSchema,
  stickerStatus,
} from './sticker/stickerStatus.js';
export { REVOCATION_REASONS, type RevocationReason, REVOCATION_REASON_WORDS, revocationReasonText } from './sticker/revocationReason.js';
export { BPJS_WEBSITE, howToRegisterLine, type RegistrationHelp, whatsappLink } from './sticker/registrationHelp.js';
export { COVERAGE_CSV_COLUMNS, coverageCells, coverageToCsv } from './coverage/formatCsv.js';
