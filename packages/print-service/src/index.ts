/**
 * @cakupan/print-service: the Fastify app factory and its parts, for embedding and tests.
 */
export { buildApp, type BuildAppOptions } from './app.js';
export { loadConfig, envSchema, type Config } from './config.js';
export { createKeyRing, generateSigningKeyPem, loadKeyRing, keyIdOf, type KeyRing } from './signing/keys.js';
export { signStickerToken, verifyStickerToken, type StickerClaims, type VerifiedToken } from './signing/token.js';
export { memorySerials, fileSerials, MAX_SERIAL, SerialStoreError, type SerialSource } from './serials.js';
export { encodeQr, type QrSymbol } from './qr/encodeQr.js';
export { createStickerPdf, type PreparedSticker, type StickerPdfOptions, COLOURS } from './pdf/renderStickers.js';
export { prepareSticker, labelBudget, type StickerJob } from './stickers/prepareSticker.js';
export { planStickerJob, StickerRenderer, type StickerJobContext, type StickerJobPlan } from './stickers/stickerJob.js';
export { RenderPool, PoolBusyError, type RenderPoolOptions, type RegisterBatch } from './render/renderPool.js';
export { unprintableCharacters } from './pdf/fonts.js';
export { subjectSchema, stickerRequestSchema, stickerOptionsSchema, type Subject, type StickerOptions } from './stickers/schemas.js';
