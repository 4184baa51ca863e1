#!/usr/bin/env node
/**
 * Entry point: reads the configuration, loads (or in development creates) the signing key, and
 * listens. `pnpm start` at the repository root runs this with embedded defaults.
 */
import { join } from 'node:path';
import { openStore } from '@cakupan/store';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { fileSerials, MAX_SERIAL, storeSerials } from './serials.js';
import { loadKeyRing } from './signing/keys.js';
import { importSampleCity, SAMPLE_DIR } from './sampleCity.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const { keyRing, created } = loadKeyRing({ dataDir: config.dataDir, keyFile: config.signingKeyFile, create: config.env !== 'production' });
  // the counter file of the serials issued before the register (it also keeps a second process off this DATA_DIR)
  const legacySerials = fileSerials(config.dataDir);
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: join(config.dataDir, 'store'), warmCoverage: true }).catch((err: Error) => {
    legacySerials.close();
    throw new Error(`cannot open the monitoring store (${config.databaseUrl ? 'DATABASE_URL' : join(config.dataDir, 'store')}): ${err.message}`);
  });
  // serials come from the register's sequence, above every serial the counter file issued
  await store.stickers.serialsAbove(MAX_SERIAL - legacySerials.remaining());
  // an empty store gets the sample city, so that the dashboard shows figures at once
  const sampled = config.sampleCity && (await importSampleCity(store));
  const app = await buildApp({ config, keyRing, serials: storeSerials(store.stickers), store });
  app.addHook('onClose', async () => {
    legacySerials.close();
    await store.close();
  });
  await app.listen({ port: config.port, host: config.host });
  const base = config.publicBaseUrl;
  const lines = [
    '',
    `cakupan print service on http://${config.host}:${config.port} (verification URLs: ${base}/v/…)`,
    `  dashboard: ${base}/   OpenAPI: ${base}/openapi.json   docs: ${base}/docs`,
    `  signing key id ${keyRing.signingKeyId.toString('hex')}${created ? ` (new development key in ${config.dataDir})` : ''}`,
  ];
  if (sampled) lines.push(`  the store was empty: imported the synthetic sample city (${SAMPLE_DIR}); SAMPLE_CITY=off to start empty`);
  if (config.devApiKey) {
    lines.push(`  development API key: ${config.devApiKey}`, `  (kept in ${config.dataDir}/dev-api-key; set API_KEYS to use your own)`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      // stop accepting, let running answers finish for up to 10 s, then cut what is left
      const cut = setTimeout(() => app.server.closeAllConnections(), 10_000);
      cut.unref();
      void app.close().then(() => process.exit(0));
    });
  }
}

main().catch((err: Error) => {
  process.stderr.write(`cakupan print service: ${err.message}\n`);
  process.exit(1);
});
