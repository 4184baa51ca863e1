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

describe('the formats the offices send', () => {
  const P_HEAD = 'nik,kpj,segment,status,registered_on,ended_on';
  it('reads DD-MM-YYYY, DD/MM/YYYY, month names and Excel serials, and NIKs written with dots or spaces', async () => {
    const text = [
      HEAD,
      '3271011705900001,3271010000000001,A,07-06-1995,male,3271011001,003,005',
      '3271 0117 0590 0002,3271.0100.0000.0001,B,07/06/1995,male,32.71.01.1001,003,005',
      '3271011705900003,,C,7 Juni 1995,male,3271011001,003,005',
      '3271011705900004,,D,07 JUN 1995,male,3271011001,003,005',
      '3271011705900005,,E,34857,male,3271011001,003,005',
      '3271011705900006,,F,25/12/1990,male,3271011001,003,005', // says the slashes are day first
    ].join('\n');
    const r = await readResidentsCsv(file(text));
    expect(r.rejected).toEqual([]);
    expect(r.records.map((x) => x.birthDate)).toEqual([...Array(5).fill('1995-06-07'), '1990-12-25']);
    expect(r.records.map((x) => x.ref)).toEqual([2, 3, 4, 5, 6, 7]); // in the file's order
    expect(r.records[1]).toMatchObject({ nik: '3271011705900002', familyNumber: '3271010000000001' });
  });

  it('reads an ambiguous column in the one order that makes every date real, and reports it when none does', async () => {
    const dayFirst = await readParticipantsCsv(file(`${P_HEAD}\n3271011705900001,1,PU,aktif,03/04/2017,\n3271011705900002,2,PU,aktif,25/04/2017,\n`));
    expect(dayFirst.records.map((x) => [x.ref, x.registeredOn])).toEqual([[2, '2017-04-03'], [3, '2017-04-25']]);
    const monthFirst = await readParticipantsCsv(file(`${P_HEAD}\n3271011705900001,1,PU,aktif,03/04/2017,\n3271011705900002,2,PU,aktif,04/25/2017,\n`));
    expect(monthFirst.records.map((x) => x.registeredOn)).toEqual(['2017-03-04', '2017-04-25']);
    const undecided = await readParticipantsCsv(file(`${P_HEAD}\n3271011705900001,1,PU,aktif,03/04/2017,\n`));
    expect(undecided.records).toEqual([]);
    expect(undecided.rejected).toEqual([{ line: 2, column: 'registered_on', code: 'ambiguous_date', message: expect.stringMatching(/day first \(2017-04-03\) or month first \(2017-03-04\)/), path: [] }]);
    const told = await readParticipantsCsv(file(`${P_HEAD}\n3271011705900001,1,PU,aktif,03/04/2017,\n`), { dateOrder: 'mdy' });
    expect(told.records[0]!.registeredOn).toBe('2017-03-04');
    const both = await readParticipantsCsv(file(`${P_HEAD}\n3271011705900001,1,PU,aktif,25/04/2017,\n3271011705900002,2,PU,aktif,04/25/2017,\n`));
    expect(both.rejected).toEqual([{ line: 3, column: 'registered_on', code: 'invalid_registered_on', message: expect.stringMatching(/"04\/25\/2017" is not a real date as DD-MM-YYYY or DD\/MM\/YYYY, day first/), path: [] }]);
  });

  it("reads BPJS's segment names, and says when a spreadsheet turned a NIK into a number", async () => {
    const r = await readParticipantsCsv(
      file(`NO_KPJ,NIK,SEGMEN,STATUS_KEPESERTAAN\n1,3271011705900001,Penerima Upah,AKTIF\n2,3271011705900002,Bukan Penerima Upah,Non Aktif\n3,3271011705900003,Jasa Konstruksi,aktif\n4,3271011705900004,Pekerja Migran Indonesia,aktif\n5,3.27101E+15,PU,aktif\n`),
    );
    expect(r.records.map((x) => [x.kpj, x.segment, x.status])).toEqual([['1', 'PU', 'AKTIF'], ['2', 'BPU', 'Non Aktif'], ['3', 'JAKON', 'aktif'], ['4', 'PMI', 'aktif']]);
    expect(r.rejected).toEqual([{ line: 6, column: 'NIK', code: 'spreadsheet_number', message: expect.stringMatching(/turned into a number by a spreadsheet/), path: [] }]);
    expect(r.rejected[0]!.message).not.toContain('3.27101');
  });

  it('recognises a SIAK header without the preset, and an OpenSID export of one desa given its code', async () => {
    const siak = await readResidentsCsv(file('NIK,NO_KK,TGL_LHR,NO_PROP,NO_KAB,NO_KEC,NO_KEL,NO_RW,NO_RT\n3271011705900001,,07-06-1995,32,71,1,1001,3,5\n'));
    expect(siak.records[0]).toMatchObject({ birthDate: '1995-06-07', villageCode: '3271011001' });
    const opensidHead = 'No,No. KK,NIK,Nama,Alamat,Dusun,RW,RT,Jenis Kelamin,Tanggal Lahir';
    const opensid = `${opensidHead}\n1,3271010000000001,3271011705900001,A,Jl,MANGSIT,003,004,LAKI-LAKI,07 Juni 1995\n`;
    await expect(readResidentsCsv(file(opensid))).rejects.toThrow(/OpenSID export is of one desa/);
    const r = await readResidentsCsv(file(opensid), { villageCode: '3271011001' });
    expect(r.records[0]).toMatchObject({ nik: '3271011705900001', familyNumber: '3271010000000001', birthDate: '1995-06-07', villageCode: '3271011001', rw: '003', rt: '004', sex: 'LAKI-LAKI' });
  });

  it('rejects a row holding a NUL character, naming its column', async () => {
    const r = await readParticipantsCsv(file(`${P_HEAD}\n3271011705900001,1,PU,aktif,,\n3271011705900002,2,P\u0000U,aktif,,\n`));
    expect(r.records.map((x) => x.ref)).toEqual([2]);
    expect(r.rejected).toEqual([{ line: 3, column: 'segment', code: 'invalid_value', message: 'segment holds a NUL character (a binary or damaged file?)', path: [] }]);
  });

  it('names the column as the file names it in the messages of core', async () => {
    const residents = file('NIK,TANGGAL_LAHIR,KODE_DESA,RW,RT\n3271011705900001,2017-02-30,3271011001,1,1\n');
    const participants = file(`${P_HEAD}\n`);
    const report = await coverageFromCsv({ residents, participants, asOf: '2017-12-31' });
    expect(report.rejected.residents).toEqual([{ line: 2, column: 'TANGGAL_LAHIR', code: 'invalid_birth_date', message: 'TANGGAL_LAHIR must be a real calendar date as YYYY-MM-DD', path: [] }]);
  });
});
