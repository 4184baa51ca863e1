/**
 * `@cakupan/core/legend`: the coverage legend's fixed bands alone, with no dependency (also part
 * of `@cakupan/core/lite`).
 *
 * @packageDocumentation
 */
export { COVERAGE_BANDS, type CoverageBand, coverageBand, NO_COVERAGE_BAND } from './coverage/bands.js';
