/**
 * `@cakupan/core/synthetic`: a deterministic synthetic Kota Bogor for demos, tests and benchmarks.
 *
 * @packageDocumentation
 */
export { generateCity, type GenerateCityOptions, type SyntheticCity } from './synthetic/generateCity.js';
