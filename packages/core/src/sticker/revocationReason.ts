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

/**
 * A stored revocation reason in words: a listed reason in `language`, else the text as stored
 * (the reasons cakupan writes itself — a replacement, a changed status — and older revocations).
 *
 * @example
 * revocationReasonText('closed') //=> 'usaha atau tempat sudah tutup'
 * revocationReasonText('misprint', 'en') //=> 'printed in error'
 * revocationReasonText('replaced by serial 9') //=> 'replaced by serial 9'
 */
export function revocationReasonText(stored: string, language: Language = 'id'): string {
  return (REVOCATION_REASONS as readonly string[]).includes(stored) ? REVOCATION_REASON_WORDS[language][stored as RevocationReason] : stored;
}
