/**
 * `@cakupan/core/lite`: the rules a web page needs, with no dependency (no zod, no region tables),
 * so that its bundle stays small: the coverage legend's bands, month-ends and the trend's,
 * today in a time zone, dates and numbers as Indonesian or English writes them, region
 * containment and levels, RT/RW labels and the default target. The same functions as the main
 * entry's.
 *
 * @packageDocumentation
 */
export { COVERAGE_BANDS, type CoverageBand, coverageBand, NO_COVERAGE_BAND } from './coverage/bands.js';
export { DEFAULT_TARGET_PERCENT, DEFAULT_TARGET_SOURCE } from './coverage/target.js';
export { TREND_MONTHS, lastCompleteMonth, monthEnd, previousMonthEnd, monthEndsBetween, trendMonthEnds } from './date/monthEnd.js';
export { DEFAULT_TIME_ZONE, todayIn, isTimeZone } from './date/todayIn.js';
export { type Language, MONTH_NAMES, formatLongDate, formatMonth } from './date/monthName.js';
export { formatCount, formatPercent, formatTarget, formatPoints, formatSigned } from './format/formatNumber.js';
export { SEGMENTS, type Segment } from './participant/segments.js';
export { REGION_LEVELS, type RegionLevel } from './region/levels.js';
export { isWithinRegion, isBelowRegion, childLevelOf, isLevelBelow } from './region/isWithinRegion.js';
export { levelOfCode, lineageOf } from './region/levelOfCode.js';
export { formatRtRw, formatUnit, householdLabel, isHouseholdLabelOf } from './region/unitLabel.js';
export { bareGovernmentName, governmentOf, headOfRegionTitle, isKota, levelWordWithin, mapAreaOf, regionWord, villageKindOf } from './region/regionWords.js';
export { isHeadOfFamily } from './household/familyRole.js';
export { isWorkingOccupation, NOT_WORKING_OCCUPATION_CODES, type Occupation, OCCUPATIONS, parseOccupation } from './occupation/occupation.js';
export { quoteCsvField } from './csv/quoteCsvField.js';
export { csvCell, csvLine } from './csv/csvCell.js';
