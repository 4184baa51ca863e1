import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CsvFormatError, readParticipantsCsv, readResidentsCsv } from './readCsv.js';
import { coverageFromCsv } from './coverageFromCsv.js';

const dir = mkdtempSync(join(tmpdir(), 'cakupan-csv-'));
let n = 0;
const file = (text: string | Buffer) => {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, text);
  return path;
};
const HEAD = 'nik,kk,name,birth_date,sex,village_code,rw,rt';
const row = (nik: string, extra = '') => `${nik},3271010000000001,${extra || 'Warga'},1990-05-17,male,3271011001,003,005`;

describe('reading CSV exports', () => {
  it('accepts a BOM, CRLF line ends and quoted fields with commas, quotes and line breaks', async () => {
    const text = `\uFEFF${HEAD}\r\n${row('3271011705900001', '"Siti, S.Pd"')}\r\n${row('3271011705900002', '"Nur\'aini ""Neng"""')}\r\n${row('3271011705900003', '"two\nlines"')}\r\n${row('3271011705900004')}\r\n`;
    const r = await readResidentsCsv(file(text));
    expect(r.read).toBe(4);
    expect(r.rejected).toEqual([]);
    expect(r.records.map((x) => x.name)).toEqual(['Siti, S.Pd', 'Nur\'aini "Neng"', 'two\nlines', 'Warga']);
    // line numbers count the header and the line break inside the quoted field
    expect(r.records.map((x) => x.ref)).toEqual([2, 3, 4, 6]);
    expect(r.records[0]).toMatchObject({ nik: '3271011705900001', villageCode: '3271011001', rw: '003', rt: '005', birthDate: '1990-05-17' });
  });

  it('reads semicolon-delimited files, and from a stream', async () => {
    const text = `${HEAD.replaceAll(',', ';')}\n${row('3271011705900001', 'Siti, S.Pd').replaceAll(',', ';').replace('Siti; S.Pd', '"Siti, S.Pd"')}\n`;
    const r = await readResidentsCsv(file(text));
    expect(r.records[0]).toMatchObject({ name: 'Siti, S.Pd', rt: '005' });
    const s = await readResidentsCsv(Readable.from([`${HEAD}\n`, `${row('3271011705900001')}\n`]));
    expect(s.records).toHaveLength(1);
  });

  it('matches headers case-insensitively, in any order, and renames columns on request', async () => {
    const r = await readParticipantsCsv(file('STATUS,Segment,NO_NIK\naktif,PU,3271011705900001\n'), { columns: { nik: 'no_nik' } });
    expect(r.records[0]).toMatchObject({ nik: '3271011705900001', segment: 'PU', status: 'aktif' });
    await expect(readParticipantsCsv(file('nik,segment\n1,PU\n'))).rejects.toThrow(/column status is missing/);
    await expect(readParticipantsCsv(file('nik,segment,status\n'), { columns: { kelurahan: 'x' } })).rejects.toThrow(/unknown column kelurahan/);
  });

  it('reports rows with the wrong number of fields by line, keeping the rest', async () => {
    const r = await readResidentsCsv(file(`${HEAD}\n${row('3271011705900001')}\n1,2,3\n${row('3271011705900002')}\n`));
    expect(r.read).toBe(3);
    expect(r.records).toHaveLength(2);
    expect(r.rejected).toEqual([{ line: 3, column: '*', code: 'wrong_field_count', message: expect.stringMatching(/3 fields/), path: [] }]);
  });

  it('reads the SIAK export: split village code, DD-MM-YYYY dates, sex as 1/2 or words', async () => {
    const siak = [
      'NIK,NO_KK,NAMA_LGKP,TGL_LHR,JENIS_KLMIN,NO_PROP,NO_KAB,NO_KEC,NO_KEL,NO_RW,NO_RT',
      '3271011705900001,3271010000000001,SITI AMINAH,17-05-1990,2,32,71,1,1001,3,5',
      '3271011705900002,3271010000000001,BUDI,17-05-1990,LAKI-LAKI,32,71,01,1001,003,005',
      '3271011705900003,3271010000000001,ANI,30-02-1990,PEREMPUAN,32,71,01,1001,003,005',
    ].join('\n');
    const r = await readResidentsCsv(file(siak), { preset: 'siak' });
    expect(r.records[0]).toMatchObject({ nik: '3271011705900001', birthDate: '1990-05-17', sex: 'female', villageCode: '3271011001', rw: '3', rt: '5' });
    expect(r.records[1]).toMatchObject({ sex: 'LAKI-LAKI', villageCode: '3271011001' });
    expect(r.rejected).toEqual([{ line: 4, column: 'TGL_LHR', code: 'invalid_birth_date', message: expect.any(String), path: [] }]);
  });

  it('fails clearly for a missing or empty file', async () => {
    await expect(readResidentsCsv(join(dir, 'nope.csv'))).rejects.toThrow(CsvFormatError);
    await expect(readResidentsCsv(join(dir, 'nope.csv'))).rejects.toThrow(/no such file/);
    await expect(readResidentsCsv(file(''))).rejects.toThrow(/empty/);
  });
});

describe('coverageFromCsv', () => {
  it('accounts for every row: used or rejected with line, column and reason', async () => {
    const residents = file(
      [
        HEAD,
        row('3271011705900001'), // covered
        row('3271011705900001'), // duplicate
        '3271011705900003,,,2017-02-30,,3271011001,003,005', // impossible date
        '3271011705900004,,,,,3271011001,003,005', // no birth date: from the NIK
        '3271011705900005,,,1990-05-17,,3271011001,0,005', // RT 0
        'x,y', // wrong field count
      ].join('\n'),
    );
    const participants = file('nik,segment,status,registered_on\n3271011705900001,PU,aktif,2015-01-01\n3271011705900004,BPU,aktif,2017-13-01\n');
    const r = await coverageFromCsv({ residents, participants, asOf: '2017-12-31', levels: ['village'] });
    expect(r.records.residents).toEqual({ read: 6, used: 2, rejected: 4 });
    expect(r.records.participants).toEqual({ read: 2, used: 1, rejected: 1 });
    expect(r.rejected.residents.map((x) => [x.line, x.column, x.code])).toEqual([
      [3, 'nik', 'duplicate_nik'],
      [4, 'birth_date', 'invalid_birth_date'],
      [6, 'rw', 'invalid_rw'],
      [7, '*', 'wrong_field_count'],
    ]);
    expect(r.rejected.participants).toEqual([{ line: 3, column: 'registered_on', code: 'invalid_registered_on', message: expect.any(String), path: [] }]);
    expect(r.regions[0]).toMatchObject({ code: '32.71.01.1001', name: 'Batu Tulis', eligible: 2, covered: 1 });
    expect(r.linkage.birthDatesFromNik).toBe(1);
    // no personal data in the rejections
    expect(JSON.stringify(r.rejected)).not.toMatch(/\d{16}/);
  });
});
