// pdfkit ignores back-pressure; the job must wait for a slow reader instead of buffering the PDF.
import { describe, expect, it } from 'vitest';
import { createKeyRing, generateSigningKeyPem } from '../src/signing/keys.js';
import { memorySerials } from '../src/serials.js';
import { startStickerJob } from '../src/stickers/stickerJob.js';
import { stickerOptionsSchema, subjectSchema } from '../src/stickers/schemas.js';
import { employer } from './helpers.js';

describe('sticker job streaming', () => {
  it('stops drawing while the reader does not read, and finishes when it does', async () => {
    const subjects = Array.from({ length: 1500 }, (_, i) => subjectSchema.parse(employer({ id: String(i), name: `Usaha ${i}` })));
    const job = startStickerJob(subjects, stickerOptionsSchema.parse({}), {
      keyRing: createKeyRing(generateSigningKeyPem()),
      serials: memorySerials(),
      publicBaseUrl: 'http://127.0.0.1:3000',
      today: '2026-11-23',
      defaultIssuer: 'Pemerintah Kota Bogor',
      defaultValidDays: 365,
      highWaterMark: 256 * 1024,
    });
    const stream = job.stream as NodeJS.ReadableStream & { readableLength: number };
    await new Promise((r) => setTimeout(r, 1500));
    // nobody read: at most the high-water mark plus one page is buffered, not the whole job
    const buffered = stream.readableLength;
    expect(buffered).toBeGreaterThan(256 * 1024);
    expect(buffered).toBeLessThan(256 * 1024 + 64 * 1024);
    let total = 0;
    for await (const chunk of stream) total += (chunk as Buffer).length;
    expect(total).toBeGreaterThan(buffered);
    expect(total).toBeGreaterThan(2 * 1024 * 1024);
    expect(total / 1500).toBeGreaterThan(1000); // every page came out
  });
});
