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
  it('gives the reasons cakupan writes itself as stored', () => {
    expect(revocationReasonText('replaced by serial 9', 'en')).toBe('replaced by serial 9');
  });
});
