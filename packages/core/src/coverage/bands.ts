/**
 * The coverage legend: fixed bands of the coverage ratio with their colours, the same on the
 * dashboard's tables, map and RT grid and in the monthly report, so that a colour means one thing
 * everywhere. Sequential (light = low, dark = high) and told apart without colour vision too: the
 * band's label is printed beside each figure.
 */

/** One band of the legend. */
export interface CoverageBand {
  /** Lowest ratio in the band (inclusive), 0–1. */
  readonly from: number;
  /** Ratio the band stops below (exclusive); `Infinity` for the last one. */
  readonly to: number;
  /** Fill colour, `#rrggbb`. */
  readonly fill: string;
  /** Text colour on that fill with a contrast of at least 4.5:1 (WCAG AA). */
  readonly ink: string;
  /** Label of the range, e.g. `20–35 %`. */
  readonly label: string;
}

/**
 * The bands, low to high: under 10 %, 10–20 %, 20–35 %, 35–50 %, 50 % and more. Kota Bogor stood
 * near 16 % in 2017 and reported 49 % in 2024; the bands split that range.
 */
export const COVERAGE_BANDS: readonly CoverageBand[] = Object.freeze([
  { from: 0, to: 0.1, fill: '#ffffcc', ink: '#1a1a1a', label: '< 10 %' },
  { from: 0.1, to: 0.2, fill: '#c2e699', ink: '#1a1a1a', label: '10–20 %' },
  { from: 0.2, to: 0.35, fill: '#78c679', ink: '#1a1a1a', label: '20–35 %' },
  { from: 0.35, to: 0.5, fill: '#238443', ink: '#ffffff', label: '35–50 %' },
  { from: 0.5, to: Number.POSITIVE_INFINITY, fill: '#004529', ink: '#ffffff', label: '50–100 %' },
].map((b) => Object.freeze(b)));

/** The colours of a region where nobody is eligible (no ratio). */
export const NO_COVERAGE_BAND: CoverageBand = Object.freeze({ from: Number.NaN, to: Number.NaN, fill: '#d9d9d9', ink: '#1a1a1a', label: '—' });

/**
 * The legend band of a coverage ratio.
 *
 * @param ratio - covered / eligible (0–1), or `null` when nobody is eligible
 * @returns the band; {@link NO_COVERAGE_BAND} for `null` or a value that is not a number
 * @example
 * coverageBand(0.16).label; // '10–20 %'
 * coverageBand(null).fill;  // '#d9d9d9'
 */
export function coverageBand(ratio: number | null): CoverageBand {
  if (ratio === null || !Number.isFinite(ratio)) return NO_COVERAGE_BAND;
  return COVERAGE_BANDS.find((b) => ratio < b.to) ?? COVERAGE_BANDS[COVERAGE_BANDS.length - 1]!;
}
