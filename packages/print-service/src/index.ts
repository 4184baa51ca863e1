/**
 * @cakupan/print-service: the Fastify app factory (`buildApp`) and its configuration, for
 * embedding and tests. What it prints comes from `@cakupan/print`, what it monitors from
 * `@cakupan/monitoring` and `@cakupan/store`.
 */
export { buildApp, type BuildAppOptions } from './app.js';
export { loadConfig, envSchema, type Config } from './config.js';
export { fileSerials, SerialStoreError } from './serials/fileSerials.js';
export { importSampleCity, SAMPLE_AS_OF, SAMPLE_DIR } from './sampleCity.js';
