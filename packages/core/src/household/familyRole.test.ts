import { describe, expect, it } from 'vitest';
import { isHeadOfFamily } from './familyRole.js';

describe('isHeadOfFamily', () => {
  it.each(['KEPALA KELUARGA', 'Kepala  Keluarga', ' kepala keluarga ', '1', '01', 'head'])('%j is the head', (role) => {
    expect(isHeadOfFamily(role)).toBe(true);
  });
  it.each(['ISTRI', 'ANAK', '2', '10', '11', '', 'kepala', null, undefined])('%j is not', (role) => {
    expect(isHeadOfFamily(role)).toBe(false);
  });
});
