import { REGION_LEVELS } from '@cakupan/core';
import { describe, expect, it } from 'vitest';
import { HELP, LEVELS } from './help.js';

describe('the help texts', () => {
  it('name core’s region levels, written out so that --help loads nothing', () => {
    expect(LEVELS).toBe(REGION_LEVELS.join(','));
    expect(HELP.coverage).toContain(`--level LIST          comma-separated levels of ${REGION_LEVELS.join(',')}`);
  });
});
