/**
 * Why a sticker is revoked by hand: one of a fixed list, never free text — the reason is shown on
 * the public verification page, so what a caller types must not reach it. An officer's own words
 * go in an internal note (the audit log), never shown publicly.
 */
import type { Language } from '../date/monthName.js';

/** The reasons an officer may give for revoking a sticker by hand. */
export const REVOCATION_REASONS = ['closed', 'moved', 'damaged', 'lost', 'misprint', 'data_corrected'] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

/** Each reason in words, as the verification page says it. */
export const REVOCATION_REASON_WORDS: Readonly<Record<Language, Readonly<Record<RevocationReason, string>>>> = {
  id: {
    closed: 'usaha atau tempat sudah tutup',
    moved: 'pindah alamat',
    damaged: 'stiker rusak',
    lost: 'stiker hilang',
    misprint: 'salah cetak',
    data_corrected: 'data diperbaiki',
  },
  en: {
    closed: 'the business or premises has closed',
    moved: 'moved to another address',
    damaged: 'the sticker was damaged',
    lost: 'the sticker was lost',
    misprint: 'printed in error',
    data_corrected: 'its data were corrected',
  },
};

/** The reasons cakupan writes itself, as stored (English, for the register and the API), and in words. */
const SYSTEM_REASONS: readonly { pattern: RegExp; words: Readonly<Record<Language, (m: RegExpExecArray) => string>> }[] = [
  { pattern: /^replaced by serial (\d+)$/, words: { id: (m) => `diganti dengan stiker nomor ${m[1]}`, en: (m) => `replaced by sticker no. ${m[1]}` } },
  { pattern: /^status changed after printing: /, words: { id: () => 'status pemberi kerja berubah setelah dicetak', en: () => 'the employer’s status changed after printing' } },
  { pattern: /^coverage changed after printing: /, words: { id: () => 'cakupan rumah tangga berubah setelah dicetak', en: () => 'the household’s coverage changed after printing' } },
  { pattern: /^household no longer in the register$/, words: { id: () => 'rumah tangga tidak lagi ada di data kependudukan', en: () => 'the household is no longer in the register' } },
];

/**
 * A stored revocation reason in words: a listed reason, or one cakupan wrote itself (a
 * replacement, a changed status or coverage), in `language`; anything else (older revocations) as
 * stored.
 *
 * @example
 * revocationReasonText('closed') //=> 'usaha atau tempat sudah tutup'
 * revocationReasonText('misprint', 'en') //=> 'printed in error'
 * revocationReasonText('replaced by serial 9') //=> 'diganti dengan stiker nomor 9'
 */
export function revocationReasonText(stored: string, language: Language = 'id'): string {
  if ((REVOCATION_REASONS as readonly string[]).includes(stored)) return REVOCATION_REASON_WORDS[language][stored as RevocationReason];
  for (const { pattern, words } of SYSTEM_REASONS) {
    const m = pattern.exec(stored);
    if (m) return words[language](m);
  }
  return stored;
}
