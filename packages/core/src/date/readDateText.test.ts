import { describe, expect, it } from 'vitest';
import { dateOrderOf, excelSerialDate, readDateText } from './readDateText.js';

const date = (text: string, order?: 'dmy' | 'mdy') => {
  const r = readDateText(text, order);
  return r.ok ? r.date : r.reason;
};

describe('readDateText', () => {
  it('reads the ways the offices write a date', () => {
    for (const text of ['1995-06-07', '07-06-1995', '7.6.1995', '7 Juni 1995', '07 JUN 1995', '7-Jun-1995', '7 June 1995', '34857', '1995-06-07 00:00:00']) {
      expect(date(text), text).toBe('1995-06-07');
    }
    expect(date('07/06/1995', 'dmy')).toBe('1995-06-07');
    expect(date('24 November 2012')).toBe('2012-11-24');
    expect(date('17 Agu 1990')).toBe('1990-08-17');
    expect(date('17 Agustus 1945')).toBe('1945-08-17');
    expect(date('1 Okt 2000')).toBe('2000-10-01');
    expect(date('25 Des 2000')).toBe('2000-12-25');
    expect(date('29 Februari 2000')).toBe('2000-02-29');
  });

  it('refuses dates that are not real, and says when day and month can be swapped', () => {
    for (const text of ['29-02-2001', '31 April 2017', '2017-02-30', '13/13/2017', 'kemarin', '', '7 Juno 1995', '60']) expect(date(text), text).toBe('invalid');
    expect(readDateText('03/04/2017')).toEqual({ ok: false, reason: 'ambiguous', dayFirst: '2017-04-03', monthFirst: '2017-03-04' });
    expect(date('03/04/2017', 'dmy')).toBe('2017-04-03');
    expect(date('03/04/2017', 'mdy')).toBe('2017-03-04');
    expect(date('04/13/2017', 'dmy')).toBe('invalid');
    expect(date('05/05/2017')).toBe('2017-05-05'); // both orders agree
  });

  it('tells the order a date needs', () => {
    expect(dateOrderOf('25-12-2017')).toBe('dmy');
    expect(dateOrderOf('12/25/2017')).toBe('mdy');
    expect(dateOrderOf('03/04/2017')).toBeUndefined();
    expect(dateOrderOf('2017-12-25')).toBeUndefined();
  });

  it('reads Excel serials around the 1900 leap-year bug', () => {
    expect(excelSerialDate(1)).toBe('1900-01-01');
    expect(excelSerialDate(59)).toBe('1900-02-28');
    expect(excelSerialDate(60)).toBeUndefined();
    expect(excelSerialDate(61)).toBe('1900-03-01');
    expect(excelSerialDate(43100)).toBe('2017-12-31');
  });
});
