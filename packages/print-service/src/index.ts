/**
 * @cakupan/print-service: the Fastify app factory and its parts, for embedding and tests.
 */
export { buildApp, type BuildAppOptions } from './app.js';
export { loadConfig, envSchema, type Config, todayIn } from './config.js';
export { createKeyRing, generateSigningKeyPem, loadKeyRing, keyIdOf, type KeyRing } from './signing/keys.js';
export { signStickerToken, verifyStickerToken, type StickerClaims, type VerifiedToken } from './signing/token.js';
export { memorySerials, fileSerials, type SerialSource } from './serials.js';
export { encodeQr, type QrSymbol } from './qr/encodeQr.js';
export { createStickerPdf, type PreparedSticker, type StickerPdfOptions, COLOURS } from './pdf/renderStickers.js';
export { prepareSticker, labelBudget, type StickerJob } from './stickers/prepareSticker.js';
export { startStickerJob, type StickerJobContext } from './stickers/stickerJob.js';
export { subjectSchema, stickerRequestSchema, stickerOptionsSchema, type Subject, type StickerOptions } from './stickers/schemas.js';
