/**
 * Coverage of the eligible population by BPJS Ketenagakerjaan, rolled up
 * province → city → district → village → RW → RT: the one-call facade over
 * {@link CoverageAccumulator}. The policy (`policy.ts`), the report (`report.ts`) and the
 * accumulator (`accumulator.ts`) live beside it.
 */
import type { CalendarDateInput } from '../date/calendarDate.js';
import type { RegionLevel } from '../region/region.js';
import { CoverageAccumulator } from './accumulator.js';
import type { CoveragePolicyInput } from './policy.js';
import type { ParticipantRecord, ResidentRecord } from './records.js';
import { requireIterable } from './rejection.js';
import type { CoverageReport } from './report.js';

/** Options of {@link computeCoverage}. */
export interface ComputeCoverageOptions {
  /** The reference date (required): ages, account activity and NIK centuries are taken on this date. */
  asOf: CalendarDateInput;
  /**
   * Residents from the population register, as {@link ResidentRecord}s (an array or any iterable,
   * read once). Anything is accepted: what is not a valid record comes back in `rejected`.
   */
  residents: Iterable<unknown>;
  /** Participant accounts, as {@link ParticipantRecord}s; anything else is rejected likewise. */
  participants: Iterable<unknown>;
  /** Levels to report. Default: all six, `province` to `rt`. */
  levels?: readonly RegionLevel[];
  policy?: CoveragePolicyInput;
}

/**
 * Computes coverage: how many eligible residents (18+ on `asOf` by default) hold at least one
 * active BPJS Ketenagakerjaan account, per region down to RT.
 *
 * Rules:
 * - a person is covered when they are an eligible resident with at least one account active on
 *   `asOf` (see `isAccountActive`); persons are counted once however many accounts they hold;
 * - each covered person has one primary segment by `policy.segmentPrecedence` (PU > JAKON > PMI >
 *   BPU), so `bySegment` adds up to `covered`;
 * - ratios are computed from summed counts, never averaged;
 * - workers 18+: of the eligible residents whose register records an occupation
 *   (`occupationKnown`), those whose occupation counts as working (`workers`, see
 *   `isWorkingOccupation`) and the covered among them (`coveredWorkers`, `workerRatio`); all 0 and
 *   `null` for a register without occupations. The headline stays `ratio`, of all residents 18+;
 * - an invalid record is never dropped silently: it comes back in `rejected` with its index,
 *   field and reason. Of several residents with one NIK, the first valid one is used and later
 *   ones are rejected as `duplicate_nik`. A resident without a birth date takes the NIK's.
 *
 * Limits: memory grows with the number of distinct participant NIKs, resident NIKs and
 * neighbourhoods (RTs), not with the ages or the number of accounts per person. The inputs are
 * read once and may be iterables (generators) rather than arrays.
 *
 * @throws {RangeError} for invalid options (`asOf` not a real date, an unknown level, a bad policy)
 * @throws {TypeError} when `residents` or `participants` is not iterable
 * @example
 * const report = computeCoverage({
 *   asOf: '2017-12-31',
 *   residents: [{ nik: '3271010101900001', birthDate: '1990-01-01', villageCode: '3271011001', rw: 3, rt: 5 }],
 *   participants: [{ nik: '3271010101900001', segment: 'PU', status: 'aktif' }],
 *   levels: ['village'],
 * });
 * report.regions[0] // { level: 'village', code: '32.71.01.1001', name: 'Batu Tulis', eligible: 1, covered: 1, ratio: 1, … }
 */
export function computeCoverage(options: ComputeCoverageOptions): CoverageReport {
  if (typeof options !== 'object' || options === null) throw new TypeError('computeCoverage expects an options object');
  requireIterable(options.residents, 'residents');
  requireIterable(options.participants, 'participants');
  const accumulator = new CoverageAccumulator({
    ...options,
    expectedResidents: Array.isArray(options.residents) ? options.residents.length : undefined,
  });
  for (const record of options.participants) accumulator.addParticipant(record);
  for (const record of options.residents) accumulator.addResident(record);
  return accumulator.report();
}
