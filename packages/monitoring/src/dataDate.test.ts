import { describe, expect, it } from 'vitest';
import { accountsKnownTo, dataDate, registerIsStale } from './dataDate.js';

const imported = (asOf: string | null) => ({ asOf, importedAt: '2018-01-02 03:04:05+00' });

describe('dataDate', () => {
  it('is the accounts export’s date, whatever events arrive later', () => {
    expect(dataDate({ residents: imported('2017-06-30'), participants: imported('2017-12-31'), lastEventAt: null }, '2018-03-01')).toBe('2017-12-31');
    // an event received nine years on does not age the 2017 register to 2026
    expect(dataDate({ residents: imported('2017-06-30'), participants: imported('2017-12-31'), lastEventAt: '2026-12-02T01:00:00.000Z' }, '2026-12-02')).toBe('2017-12-31');
  });

  it('falls back to the register’s date, then to today', () => {
    expect(dataDate({ residents: imported('2017-06-30'), participants: null, lastEventAt: '2026-12-02T01:00:00.000Z' }, '2026-12-02')).toBe('2017-06-30');
    expect(dataDate({ residents: null, participants: null, lastEventAt: null }, '2018-03-01')).toBe('2018-03-01');
  });
});

describe('accountsKnownTo', () => {
  it('is moved by events', () => {
    expect(accountsKnownTo({ residents: null, participants: imported('2017-12-31'), lastEventAt: '2018-01-15T23:59:00.000Z' })).toBe('2018-01-15');
    expect(accountsKnownTo({ residents: null, participants: imported('2017-12-31'), lastEventAt: null })).toBe('2017-12-31');
    expect(accountsKnownTo({ residents: imported('2017-06-30'), participants: null, lastEventAt: null })).toBeNull();
  });
});

describe('registerIsStale', () => {
  it('warns past a year after the register’s date', () => {
    const asOf = { residents: imported('2017-12-31'), participants: null, lastEventAt: null };
    expect(registerIsStale(asOf, '2018-12-31')).toBe(false);
    expect(registerIsStale(asOf, '2019-01-01')).toBe(true);
    expect(registerIsStale({ residents: null, participants: null, lastEventAt: null }, '2030-01-01')).toBe(false);
  });
});
