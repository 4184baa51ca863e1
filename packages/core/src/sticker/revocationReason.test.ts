import { describe, expect, it } from 'vitest';
import { REVOCATION_REASON_WORDS, REVOCATION_REASONS, revocationReasonText } from './revocationReason.js';

describe('revocationReasonText', () => {
  it('says every listed reason in both languages', () => {
    for (const reason of REVOCATION_REASONS) {
      expect(revocationReasonText(reason)).toBe(REVOCATION_REASON_WORDS.id[reason]);
      expect(revocationReasonText(reason, 'en')).toBe(REVOCATION_REASON_WORDS.en[reason]);
      expect(REVOCATION_REASON_WORDS.id[reason]).not.toBe(REVOCATION_REASON_WORDS.en[reason]);
    }
  });
  it.each([
    ['replaced by serial 9', 'diganti dengan stiker nomor 9', 'replaced by sticker no. 9'],
    ['status changed after printing: employer_without_npp', 'status pemberi kerja berubah setelah dicetak', 'the employer’s status changed after printing'],
    ['coverage changed after printing: household_partly_covered', 'cakupan rumah tangga berubah setelah dicetak', 'the household’s coverage changed after printing'],
    ['household no longer in the register', 'rumah tangga tidak lagi ada di data kependudukan', 'the household is no longer in the register'],
  ])('says %j, which cakupan writes itself, in the page’s language', (stored, id, en) => {
    expect(revocationReasonText(stored)).toBe(id);
    expect(revocationReasonText(stored, 'en')).toBe(en);
  });
  it('gives any other stored text as it is (older revocations)', () => {
    expect(revocationReasonText('stiker lama')).toBe('stiker lama');
  });
});
