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

  it('makes qrcode’s symbol at every version and level, with data filling each version to its edge', () => {
    for (const ecl of ['L', 'M', 'Q', 'H'] as const) {
      for (let version = 1; version <= 40; version++) {
        // the most bytes this version holds at this level, and a few less (pad codewords, terminator)
        const capacity = QRCode.create([{ data: Buffer.from('0'), mode: 'byte' }], { version, errorCorrectionLevel: ecl }).modules.size;
        expect(capacity).toBe(17 + 4 * version);
        const holds = (n: number) => {
          try {
            QRCode.create([{ data: Buffer.alloc(n, 0x61), mode: 'byte' }], { version, errorCorrectionLevel: ecl });
            return true;
          } catch {
            return false;
          }
        };
        let most = 1;
        let over = 3000;
        while (over - most > 1) {
          const mid = (most + over) >> 1;
          if (holds(mid)) most = mid;
          else over = mid;
        }
        for (const n of [most, most - 1, most - 3].filter((x) => x > 0)) {
          const bytes = createHash('sha512').update(`${ecl}${version}/${n}`).digest();
          const data = Buffer.alloc(n).map((_, i) => bytes[i % bytes.length]! ^ i);
          const ours = encodeQr(data, { errorCorrection: ecl });
          const ref = QRCode.create([{ data, mode: 'byte' }], { errorCorrectionLevel: ecl });
          expect([ours.version, ours.mask], `${ecl} ${n} bytes`).toEqual([ref.version, ref.maskPattern]);
          expect(Buffer.from(ours.modules).equals(Buffer.from(ref.modules.data)), `${ecl} ${n} bytes`).toBe(true);
        }
      }
    }
  });

  it('refuses data beyond the allowed version', () => {
    expect(() => encodeQr('x'.repeat(300), { maxVersion: 10 })).toThrow(RangeError);
    expect(encodeQr('x'.repeat(200), { maxVersion: 10 }).version).toBeLessThanOrEqual(10);
  });
});
