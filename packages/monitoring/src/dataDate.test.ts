import { describe, expect, it } from 'vitest';
import { dataDate } from './dataDate.js';

const imported = (asOf: string | null) => ({ asOf, importedAt: '2018-01-02 03:04:05+00' });

describe('dataDate', () => {
  it('is the later of the accounts export and the last event day', () => {
    expect(dataDate({ residents: imported('2017-06-30'), participants: imported('2017-12-31'), lastEventAt: null }, '2018-03-01')).toBe('2017-12-31');
    expect(dataDate({ residents: imported('2017-06-30'), participants: imported('2017-12-31'), lastEventAt: '2018-01-15T23:59:00.000Z' }, '2018-03-01')).toBe('2018-01-15');
  });

  it('falls back to the register’s date, then to today', () => {
    expect(dataDate({ residents: imported('2017-06-30'), participants: null, lastEventAt: null }, '2018-03-01')).toBe('2017-06-30');
    expect(dataDate({ residents: null, participants: null, lastEventAt: null }, '2018-03-01')).toBe('2018-03-01');
  });
});
