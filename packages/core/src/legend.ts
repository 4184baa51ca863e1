/**
 * `@cakupan/core/legend`: the coverage legend's fixed bands alone, with no dependency, for a page
 * that colours figures the way the reports do without loading the rest of core.
 *
 * @packageDocumentation
 */
export { COVERAGE_BANDS, type CoverageBand, coverageBand, NO_COVERAGE_BAND } from './coverage/bands.js';
