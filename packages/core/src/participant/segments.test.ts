import { describe, expect, it } from 'vitest';
import { segmentSchema } from './participant.js';
import { SEGMENTS } from './segments.js';

describe('SEGMENTS', () => {
  it('lists the four segments, each accepted by the segment schema', () => {
    expect(SEGMENTS).toEqual(['PU', 'BPU', 'JAKON', 'PMI']);
    for (const s of SEGMENTS) expect(segmentSchema.parse(s.toLowerCase())).toBe(s);
  });
});
