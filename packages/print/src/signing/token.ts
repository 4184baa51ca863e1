/**
 * Sticker tokens: the signed, compact payload behind a sticker's QR code (`<base>/v/<token>`).
 *
 * Binary layout, version 1 (then a 64-byte Ed25519 signature over all of it; base64url):
 *
 * | bytes | field |
 * |---|---|
 * | 0 | version (1) |
 * | 1–4 | key id |
 * | 5 | bit 0: kind (0 employer, 1 household); bit 1: registered; bits 2–7: reason (index) |
 * | 6–7 | issued on, days since 2020-01-01 |
 * | 8–9 | valid until (inclusive), days since 2020-01-01 |
 * | 10–13 | serial number |
 * | 14–18 | village code as a 10-digit number (0: none) |
 * | 19–20, 21–22 | RW, RT (0: none) |
 * | 23 | label length L, then L bytes of UTF-8: employer name or household label |
 *
 * No personal data: no NIK, no KK, no birth date — only what the sticker itself shows.
 */
import type { StickerReason } from '@cakupan/core';
import type { KeyRing } from './keys.js';

const VERSION = 1;
const HEADER = 24;
const SIGNATURE = 64;
const EPOCH_DAY = Date.UTC(2020, 0, 1) / 86400000;
const REASONS: readonly StickerReason[] = [
  'employer_registered',
  'employer_without_npp',
  'employer_inactive',
  'employer_status_unknown',
  'household_all_covered',
  'household_no_eligible_members',
  'household_not_all_covered',
];

/** What a token says. */
export interface StickerClaims {
  kind: 'employer' | 'household';
  registered: boolean;
  reason: StickerReason;
  /** ISO dates. */
  issuedOn: string;
  validUntil: string;
  serial: number;
  /** Dotted village code, if any. */
  villageCode?: string | undefined;
  rw?: number | undefined;
  rt?: number | undefined;
  /** Employer name or household label, possibly shortened to fit the QR code. */
  label: string;
}

/** The largest label, in UTF-8 bytes, that keeps a token within `maxTokenChars`. */
export function maxLabelBytes(maxTokenChars: number): number {
  return Math.min(255, Math.floor((maxTokenChars * 3) / 4) - HEADER - SIGNATURE);
}

/**
 * Encodes and signs claims. A label longer than `maxLabelBytes` UTF-8 bytes is cut at a character
 * boundary and ends with `…`.
 *
 * @throws {RangeError} when dates are outside 2020-01-01 … 2199-06-06, the serial is not a 32-bit
 *   unsigned integer, or RW/RT are out of range
 */
export function signStickerToken(claims: StickerClaims, keyRing: KeyRing, maxLabel = 255): string {
  const label = fitUtf8(claims.label, Math.min(255, maxLabel));
  const payload = Buffer.alloc(HEADER + label.length);
  payload[0] = VERSION;
  keyRing.signingKeyId.copy(payload, 1);
  const reason = REASONS.indexOf(claims.reason);
  if (reason < 0) throw new RangeError(`unknown reason ${claims.reason}`);
  payload[5] = (claims.kind === 'household' ? 1 : 0) | (claims.registered ? 2 : 0) | (reason << 2);
  payload.writeUInt16BE(toDay(claims.issuedOn), 6);
  payload.writeUInt16BE(toDay(claims.validUntil), 8);
  if (!Number.isInteger(claims.serial) || claims.serial < 0 || claims.serial > 0xffffffff) throw new RangeError('serial must be a 32-bit unsigned integer');
  payload.writeUInt32BE(claims.serial, 10);
  const village = claims.villageCode ? Number(claims.villageCode.replaceAll('.', '')) : 0;
  payload.writeUIntBE(village, 14, 5);
  payload.writeUInt16BE(unit(claims.rw), 19);
  payload.writeUInt16BE(unit(claims.rt), 21);
  payload[23] = label.length;
  label.copy(payload, HEADER);
  return Buffer.concat([payload, keyRing.sign(payload)]).toString('base64url');
}

/** Why a token does not verify. */
export type TokenProblem = 'malformed' | 'unknown_key' | 'bad_signature';

/** Result of {@link verifyStickerToken}. */
export type VerifiedToken =
  | { ok: true; keyId: string; claims: StickerClaims }
  | { ok: false; problem: TokenProblem };

/**
 * Decodes a token and checks its signature. Expiry is the caller's to judge (it needs today's
 * date); the claims carry `validUntil`.
 */
export function verifyStickerToken(token: string, keyRing: KeyRing): VerifiedToken {
  if (typeof token !== 'string' || token.length > 1024 || !/^[A-Za-z0-9_-]+$/.test(token)) return { ok: false, problem: 'malformed' };
  const bytes = Buffer.from(token, 'base64url');
  // one spelling per token: base64url's last character may carry unused bits, and a token whose
  // unused bits are not zero (or that has padding) is another spelling of the same bytes
  if (bytes.toString('base64url') !== token) return { ok: false, problem: 'malformed' };
  if (bytes.length < HEADER + SIGNATURE || bytes[0] !== VERSION) return { ok: false, problem: 'malformed' };
  const labelLength = bytes[23]!;
  if (bytes.length !== HEADER + labelLength + SIGNATURE) return { ok: false, problem: 'malformed' };
  const payload = bytes.subarray(0, HEADER + labelLength);
  const keyId = bytes.subarray(1, 5);
  const ok = keyRing.verify(keyId, payload, bytes.subarray(HEADER + labelLength));
  if (ok === undefined) return { ok: false, problem: 'unknown_key' };
  if (!ok) return { ok: false, problem: 'bad_signature' };
  const flags = payload[5]!;
  const reason = REASONS[flags >> 2];
  if (reason === undefined) return { ok: false, problem: 'malformed' };
  const village = payload.readUIntBE(14, 5);
  const digits = String(village).padStart(10, '0');
  const rw = payload.readUInt16BE(19);
  const rt = payload.readUInt16BE(21);
  return {
    ok: true,
    keyId: keyId.toString('hex'),
    claims: {
      kind: flags & 1 ? 'household' : 'employer',
      registered: (flags & 2) !== 0,
      reason,
      issuedOn: fromDay(payload.readUInt16BE(6)),
      validUntil: fromDay(payload.readUInt16BE(8)),
      serial: payload.readUInt32BE(10),
      villageCode: village === 0 ? undefined : `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4, 6)}.${digits.slice(6)}`,
      rw: rw || undefined,
      rt: rt || undefined,
      label: payload.subarray(HEADER).toString('utf8'),
    },
  };
}

function toDay(iso: string): number {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  const day = ms / 86400000 - EPOCH_DAY;
  if (!Number.isInteger(day) || day < 0 || day > 0xffff) throw new RangeError(`date ${iso} is outside what a token can carry`);
  return day;
}

function fromDay(day: number): string {
  return new Date((EPOCH_DAY + day) * 86400000).toISOString().slice(0, 10);
}

function unit(n: number | undefined): number {
  if (n === undefined) return 0;
  if (!Number.isInteger(n) || n < 1 || n > 999) throw new RangeError('RW/RT must be 1–999');
  return n;
}

/** UTF-8 bytes of `text`, cut at a character boundary to at most `max` bytes (with `…` when cut). */
function fitUtf8(text: string, max: number): Buffer {
  const full = Buffer.from(text.normalize('NFC'), 'utf8');
  if (full.length <= max) return full;
  const chars = [...text.normalize('NFC')];
  let out = '';
  for (const ch of chars) {
    if (Buffer.byteLength(`${out}${ch}…`) > max) break;
    out += ch;
  }
  return Buffer.from(`${out.trimEnd()}…`, 'utf8');
}
