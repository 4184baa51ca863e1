/**
 * The participant segments of BPJS Ketenagakerjaan: **PU** (penerima upah, wage earners
 * registered through an employer), **BPU** (bukan penerima upah, informal and self-employed
 * workers), **JAKON** (jasa konstruksi, construction project workers) and **PMI** (pekerja migran
 * Indonesia, migrant workers). No dependency: the page's bundle takes it from `core/lite`.
 */

/**
 * Participant segments, in the order reports list them.
 *
 * @example
 * SEGMENTS.includes('BPU') // true
 */
export const SEGMENTS = ['PU', 'BPU', 'JAKON', 'PMI'] as const;
/** A participant segment. */
export type Segment = (typeof SEGMENTS)[number];
