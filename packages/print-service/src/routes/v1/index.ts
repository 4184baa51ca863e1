/**
 * Every `/v1` route group that needs an API key, in one explicit list: each group's folder holds
 * its handlers; their schemas are `@cakupan/contract`'s; the work is the libraries' (`@cakupan/print`,
 * `@cakupan/monitoring`, `@cakupan/store`, `@cakupan/core`).
 */
import { memorySerials, type KeyRing, type RenderPool, type SerialSource, storeSerials } from '@cakupan/print';
import type { Store } from '@cakupan/store';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import { accountRoutes } from './accounts/index.js';
import { apiKeyRoutes } from './api-keys/index.js';
import { auditRoutes } from './audit/index.js';
import { coverageRoutes } from './coverage/index.js';
import { employerRoutes } from './employers/index.js';
import { eventRoutes } from './events/index.js';
import { importRoutes } from './imports/index.js';
import { meRoutes } from './me/index.js';
import { overviewRoutes } from './overview/index.js';
import { qualityRoutes } from './quality/index.js';
import { regionRoutes } from './regions/index.js';
import { reportRoutes } from './reports/index.js';
import { stickerRoutes } from './stickers/index.js';
import { registerRoutes } from './stickers/register.js';
import { requisitionRoutes } from './requisitions/index.js';
import { fieldRoutes } from './field/index.js';
import { deliveryListRoutes } from './field/deliveryList.js';
import { registrationHelpRoutes } from './regions/registrationHelp.js';
import { regionSettingsRoutes } from './regions/settings.js';
import { boundaryRoutes } from './regions/boundaries.js';
import type { RegionalSettings } from '../../regions/regionalSettings.js';

export interface V1Options {
  config: Config;
  keyRing: KeyRing;
  serials?: SerialSource | undefined;
  store?: Store | undefined;
  today: () => string;
  renderPool: () => RenderPool;
  /** Called after a stored key changed, so that this service uses it at once. */
  keysChanged: () => Promise<void>;
  /** The settings in force per region. */
  settings: RegionalSettings;
}

export async function v1Routes(app: FastifyInstance, opts: V1Options): Promise<void> {
  const { config, store, today } = opts;
  const upload = { uploadLimit: config.uploadLimit, uploadTimeoutMs: config.deadlines.uploadMs };
  await app.register(stickerRoutes, {
    keyRing: opts.keyRing,
    serials: opts.serials ?? (store ? storeSerials(store.stickers) : memorySerials()),
    store,
    publicBaseUrl: config.publicBaseUrl,
    settings: opts.settings,
    validDays: config.validDays,
    maxStickers: config.maxStickers,
    today,
    pool: opts.renderPool,
    uploadTimeoutMs: config.deadlines.uploadMs,
  });
  await app.register(coverageRoutes, { ...upload, maxRecords: config.maxCoverageRecords, store });
  await app.register(regionRoutes);
  await app.register(regionSettingsRoutes, { store, settings: opts.settings });
  if (!store) return;
  await app.register(importRoutes, { store, ...upload });
  await app.register(eventRoutes, { store });
  await app.register(employerRoutes, { store });
  await app.register(registerRoutes, { store });
  await app.register(auditRoutes, { store });
  await app.register(overviewRoutes, { store, today });
  await app.register(qualityRoutes, { store, today });
  await app.register(meRoutes, { store, today });
  await app.register(reportRoutes, { store, today, settings: opts.settings });
  await app.register(apiKeyRoutes, { store, changed: opts.keysChanged });
  await app.register(accountRoutes, { store });
  await app.register(fieldRoutes, { store });
  await app.register(deliveryListRoutes, { store, today });
  await app.register(registrationHelpRoutes, { store });
  await app.register(requisitionRoutes, { store, today, maxStickers: config.maxStickers, settings: opts.settings });
  await app.register(boundaryRoutes, { store, uploadLimit: config.uploadLimit });
}
