#!/usr/bin/env node
/**
 * Entry point: reads the configuration, loads (or in development creates) the signing key, and
 * listens. `pnpm start` at the repository root runs this with embedded defaults.
 */
import { MAX_SERIAL, storeSerials, loadKeyRing } from '@cakupan/print';
import { fileSerials } from './serials/fileSerials.js';
import { join } from 'node:path';
import { openStore } from '@cakupan/store';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { importSampleCity, SAMPLE_DIR } from './sampleCity.js';
import { developmentAccount } from './devAccount.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const { keyRing, created } = loadKeyRing({ dataDir: config.dataDir, keyFile: config.signingKeyFile, create: config.env !== 'production' });
  // the counter file of the serials issued before the register (it also keeps a second process off this DATA_DIR)
  const legacySerials = fileSerials(config.dataDir);
  // the store's background work (the household sticker sweep after events) reports to the app's log once it exists
  let backgroundError = (task: string, err: Error) => console.error(`${task} failed: ${err.message}`);
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    shards: config.databaseShards,
    coverageEngine: config.coverageEngine,
    dataDir: join(config.dataDir, 'store'),
    warmCoverage: true,
    timeZone: config.timeZone,
    onBackgroundError: (task, err) => backgroundError(task, err),
  }).catch((err: Error) => {
    legacySerials.close();
    throw new Error(`cannot open the monitoring store (${config.databaseUrl ? 'DATABASE_URL' : join(config.dataDir, 'store')}): ${err.message}`);
  });
  // serials come from the register's sequence, above every serial the counter file issued
  await store.stickers.serialsAbove(MAX_SERIAL - legacySerials.remaining());
  // an empty store gets the sample city, so that the dashboard shows figures at once
  const sampled = config.sampleCity && (await importSampleCity(store));
  // in development, an administrator to sign in to the dashboard with
  const devAccount = config.env === 'production' ? undefined : await developmentAccount(store, config.dataDir);
  const app = await buildApp({ config, keyRing, serials: storeSerials(store.stickers), store });
  backgroundError = (task, err) => app.log.error({ error: err.message }, `${task} failed`);
  app.addHook('onClose', async () => {
    legacySerials.close();
    await store.close();
  });
  await app.listen({ port: config.port, host: config.host });
  // before anything is printed (whoever waits for the address may signal at once): SIGINT (Ctrl-C,
  // which reaches every process of the group, pnpm's forwarding it once more) and SIGTERM: stop
  // accepting, let running answers finish for up to 10 s, cut what is left, close the store (its
  // database process) and the render threads, exit 0. A repeated signal changes nothing.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const cut = setTimeout(() => app.server.closeAllConnections(), 10_000);
    cut.unref();
    app.close().then(
      () => process.exit(0),
      (err: Error) => {
        process.stderr.write(`cakupan print service: stopped, but closing did not finish cleanly: ${err.message}\n`);
        process.exit(0);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // `--stop-with-parent` (the root `pnpm start`): stop when the process that started this one
  // ends — pnpm 10 answers a SIGTERM by killing the script's shell without telling its child
  if (process.argv.includes('--stop-with-parent')) {
    const parent = process.ppid;
    setInterval(() => process.ppid !== parent && stop(), 500).unref();
  }
  const base = config.publicBaseUrl;
  const lines = [
    '',
    `cakupan print service on http://${config.host}:${config.port} (verification URLs: ${base}/v/…)`,
    `  dashboard: ${base}/   OpenAPI: ${base}/openapi.json   docs: ${base}/docs`,
    `  signing key id ${keyRing.signingKeyId.toString('hex')}${created ? ` (new development key in ${config.dataDir})` : ''}`,
  ];
  if (sampled) lines.push(`  the store was empty: imported the synthetic sample city (${SAMPLE_DIR}); SAMPLE_CITY=off to start empty`);
  if (devAccount) lines.push(`  dashboard sign-in (development): ${devAccount.username} / ${devAccount.password}   (kept in ${config.dataDir}/dev-admin-password)`);
  if (config.devApiKey) {
    lines.push(`  development API key: ${config.devApiKey}`, `  (kept in ${config.dataDir}/dev-api-key; set API_KEYS to use your own)`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

/** The one line a failed start prints: what went wrong and, where it helps, what to set. */
function startFailure(err: Error & { code?: string; port?: number; address?: string; syscall?: string; path?: string }): string {
  if (err.code === 'EADDRINUSE') return `port ${err.port ?? ''} on ${err.address ?? 'this host'} is already in use by another program: set PORT to a free port (e.g. PORT=3001), or HOST to another address`;
  if (err.code === 'EADDRNOTAVAIL') return `cannot listen on ${err.address ?? 'HOST'}: it is not an address of this machine; set HOST (e.g. HOST=127.0.0.1)`;
  if (err.code === 'EACCES' && err.syscall === 'listen') return `not allowed to listen on port ${err.port ?? ''}: set PORT to 1024 or above`;
  const why = { EROFS: 'the file system is read-only', EACCES: 'permission denied', EPERM: 'not permitted', ENOSPC: 'the disk is full', EDQUOT: 'the disk quota is used up' }[err.code ?? ''];
  if (why && err.path) return `cannot write ${err.path}: ${why}. The data folder (DATA_DIR) must be a writable folder with free space`;
  return err.message;
}

main().catch((err: Error) => {
  process.stderr.write(`cakupan print service: ${startFailure(err)}\n`);
  process.exit(1);
});
