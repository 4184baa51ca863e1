/**
 * From a subject to a sticker ready to draw: its colour from core's `stickerStatus` (the only rule
 * there is), its printed lines, and its signed QR code.
 */
import { formatRtRw, isHouseholdLabelOf, regionName, regionWord, stickerStatus } from '@cakupan/core';
import { encodeQr } from '../qr/encodeQr.js';
import type { KeyRing } from '../signing/keys.js';
import { maxLabelBytes, signStickerToken } from '../signing/token.js';
import type { PreparedSticker } from '../pdf/renderStickers.js';
import { type Language, TEXT } from '../pdf/i18n.js';
import type { Subject } from './schemas.js';

/**
 * The names of a village and of its district (the village's dotted code without its last part),
 * `null` where cakupan does not know them.
 *
 * @example
 * villageAndDistrictNames('32.71.01.1001') //=> ['Batu Tulis', 'Bogor Selatan']
 */
export function villageAndDistrictNames(villageCode: string): readonly [village: string | null, district: string | null] {
  return [regionName(villageCode) ?? null, regionName(villageCode.slice(0, 8)) ?? null];
}

/** QR codes stay at version 10 or less at error-correction level M. */
export const QR_MAX_VERSION = 10;
/** Byte capacity of a version-10 symbol at level M (ISO/IEC 18004 table 7). */
const V10_M_BYTES = 213;

/** What every sticker of one job shares. */
export interface StickerJob {
  keyRing: KeyRing;
  /** Verification URLs are `<publicBaseUrl>/v/<token>`. */
  publicBaseUrl: string;
  issuedOn: string;
  validUntil: string;
  language: Language;
  /**
   * Village and district names by dotted village code, looked up once per job by the thread that
   * plans it (the render workers then need no region table); absent codes are looked up here.
   */
  placeNames?: Readonly<Record<string, readonly [village: string | null, district: string | null]>>;
  /** A red sticker's next step by dotted village code (core's `howToRegisterLine`, in the job's language); absent: none printed. */
  howToRegister?: Readonly<Record<string, string>>;
}

/**
 * The longest label (UTF-8 bytes) a token may carry so that the URL fits QR version 10-M.
 *
 * @throws {RangeError} when the base URL leaves no room for a token
 */
export function labelBudget(publicBaseUrl: string): number {
  const prefix = Buffer.byteLength(`${publicBaseUrl}/v/`);
  const budget = maxLabelBytes(V10_M_BYTES - prefix);
  if (budget < 8) throw new RangeError(`PUBLIC_BASE_URL is too long for a version-10 QR code (${prefix} bytes before the token)`);
  return budget;
}

/** A subject's sticker status: core's `stickerStatus`, the one rule for the colour. */
export function statusOf(subject: Subject): ReturnType<typeof stickerStatus> {
  return subject.kind === 'employer'
    ? stickerStatus({ kind: 'employer', npp: subject.npp ?? undefined, status: subject.status ?? undefined })
    : stickerStatus({ kind: 'household', eligible: subject.eligible, covered: subject.covered });
}

/**
 * Prepares one sticker.
 *
 * @throws {RangeError} when the subject's facts are inconsistent (core's stickerStatus decides)
 */
export function prepareSticker(subject: Subject, serial: number, job: StickerJob, maxLabel: number): PreparedSticker {
  const status = statusOf(subject);
  const t = TEXT[job.language];
  const [village, district] = job.placeNames?.[subject.villageCode] ?? villageAndDistrictNames(subject.villageCode);
  const rtRw = formatRtRw(subject.rt, subject.rw);
  const place: string[] = [];
  if (subject.kind === 'employer' && rtRw) place.push(rtRw);
  place.push(village ? `${regionWord(subject.villageCode, job.language)} ${village}${district ? `, ${district}` : ''}` : `${t.villageCode} ${subject.villageCode}`);
  const token = signStickerToken(
    {
      kind: subject.kind,
      registered: status.status === 'registered',
      reason: status.reason,
      issuedOn: job.issuedOn,
      validUntil: job.validUntil,
      serial,
      villageCode: subject.villageCode,
      rw: subject.rw,
      rt: subject.rt,
      label: subject.kind === 'employer' ? subject.name : subject.label,
    },
    job.keyRing,
    maxLabel,
  );
  return {
    status,
    subject: subject.kind === 'employer' ? subject.name : `${t.household} ${householdName(subject.label, subject.rt, subject.rw)}`,
    place,
    serial,
    issuedOn: job.issuedOn,
    validUntil: job.validUntil,
    qr: encodeQr(`${job.publicBaseUrl}/v/${token}`, { errorCorrection: 'M', maxVersion: QR_MAX_VERSION }),
    ...(status.colour === 'red' && job.howToRegister?.[subject.villageCode] && { howToRegister: job.howToRegister[subject.villageCode] }),
  };
}

/**
 * How a household is named on its sticker: its label when the label names its RT/RW and its rank
 * there (the store's batch labels, "RT 005/RW 003 no. 2": stickers of one RT told apart on paper),
 * else its RT/RW (a client's opaque label such as H-0001 is not printed).
 */
export function householdName(label: string, rt: number | undefined, rw: number | undefined): string {
  const name = isHouseholdLabelOf(label, rt, rw) ? label : formatRtRw(rt, rw);
  // "RT 001", "RW 002" and "no. 1" are not broken across lines
  return name.replace(/ (?=\d)/g, '\u00a0');
}
