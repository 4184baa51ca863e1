import { describe, expect, it } from 'vitest';
import { containsBirthDate } from './containsBirthDate.js';

describe('containsBirthDate', () => {
  it.each(['Budi lahir 17-05-1990', '17/5/1990', 'Siti 1990-05-17', 'Rumah 05.17.1990', 'Siti, lahir 17 Mei 1990', 'TTL: Bogor, 3 Agustus 1985', 'born 5 June 2001', 'Ani (lhr 1 Des. 1999)'])(
    'finds the birth date in %j',
    (text) => {
      expect(containsBirthDate(text)).toBe(true);
    },
  );

  it.each(['Toko 17 Agustus 1945', 'Universitas 17 Agustus 1945', 'RT 005/RW 003 no. 2', 'Jl. Pajajaran No. 12-14', 'CV Maju Jaya 2017', '32-45-1990', 'Toko 1990-2020', 'Ruko 12/14'])('lets %j through', (text) => {
    expect(containsBirthDate(text)).toBe(false);
  });
});
