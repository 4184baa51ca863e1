/**
 * @cakupan/print — what cakupan prints, with no web server in it: green/red QR sticker PDFs
 * (subjects read from JSON or CSV bodies, signed verification tokens, QR codes, print-ready pages,
 * render threads) and the monthly report's PDF. print-service serves it over HTTP; any program
 * can call it.
 *
 * @packageDocumentation
 */
export { createKeyRing, generateSigningKeyPem, loadKeyRing, keyIdOf, type KeyRing, type Ed25519Jwk } from './signing/keys.js';
export { signStickerToken, verifyStickerToken, maxLabelBytes, type StickerClaims, type VerifiedToken, type TokenProblem } from './signing/token.js';
export { memorySerials, storeSerials, reserveSerials, MAX_SERIAL, type SerialSource } from './serials.js';
export { encodeQr, type QrSymbol, type QrErrorCorrection, type EncodeQrOptions } from './qr/encodeQr.js';
export { createStickerPdf, type PreparedSticker, type StickerPdf, type StickerPdfOptions, COLOURS } from './pdf/renderStickers.js';
export { qrModuleMm } from './pdf/drawSticker.js';
export { TEXT, formatSerial, type Language } from './pdf/i18n.js';
export { unprintableCharacters, describeCharacters } from './pdf/fonts.js';
export { prepareSticker, labelBudget, statusOf, villageAndDistrictNames, householdName, QR_MAX_VERSION, type StickerJob } from './stickers/prepareSticker.js';
export { planStickerJob, trimSize, StickerRenderer, type StickerJobContext, type StickerJobPlan } from './stickers/stickerJob.js';
export { RenderPool, PoolBusyError, BATCH, REGISTER_GROUP, type RenderPoolOptions, type RegisterBatch } from './render/renderPool.js';
export { RENDER_NICENESS } from './render/protocol.js';
export {
  subjectSchema,
  employerSubjectSchema,
  householdSubjectSchema,
  stickerRequestSchema,
  stickerOptionsSchema,
  stickerQuerySchema,
  printedText,
  SIZE_PRESETS,
  PAPER_SIZES,
  type Subject,
  type StickerOptions,
} from './stickers/schemas.js';
export { readStickerJson, type JsonParse, type StickerJsonBody } from './stickers/jsonBody.js';
export { readEmployerSubjects, csvLocation } from './stickers/csv.js';
export { StickerInputError } from './stickers/inputError.js';
export { renderMonthlyReport } from './reports/monthlyReport.js';
export type { MonthlyReportData } from './reports/monthlyReportData.js';
export { reportNarrative } from './reports/narrative.js';
export { renderDeliveryList, type DeliveryListData, type DeliveryListRow } from './reports/deliveryList.js';
