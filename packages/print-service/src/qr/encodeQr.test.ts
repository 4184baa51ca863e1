import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { encodeQr } from './encodeQr.js';

describe('encodeQr', () => {
  it('chooses the same mask and modules as qrcode’s own mask selection', () => {
    for (let i = 0; i < 60; i++) {
      // seeded: the same 60 URLs every run, of every length up to the version-10 budget
      const bytes = Buffer.concat(Array.from({ length: 6 }, (_, k) => createHash('sha256').update(`${i}/${k}`).digest())).subarray(0, 20 + (i % 140));
      const text = `https://example.test/v/${bytes.toString('base64url')}`;
      const ours = encodeQr(text);
      const ref = QRCode.create([{ data: Buffer.from(text), mode: 'byte' }], { errorCorrectionLevel: 'M' });
      expect(ours.mask).toBe(ref.maskPattern);
      expect(ours.version).toBe(ref.version);
      expect(Buffer.from(ours.modules).equals(Buffer.from(ref.modules.data))).toBe(true);
    }
  });

  it('refuses data beyond the allowed version', () => {
    expect(() => encodeQr('x'.repeat(300), { maxVersion: 10 })).toThrow(RangeError);
    expect(encodeQr('x'.repeat(200), { maxVersion: 10 }).version).toBeLessThanOrEqual(10);
  });
});
