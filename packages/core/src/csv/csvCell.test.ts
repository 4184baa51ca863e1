import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csvCell.js';
import { quoteCsvField } from './quoteCsvField.js';

describe('CSV cells', () => {
  it('quotes what would split a cell', () => {
    expect(quoteCsvField('Siti, S.Pd')).toBe('"Siti, S.Pd"');
    expect(quoteCsvField('a "b"')).toBe('"a ""b"""');
    expect(quoteCsvField('x;y')).toBe('"x;y"');
    expect(quoteCsvField('plain')).toBe('plain');
  });

  it('never lets a spreadsheet run a cell as a formula', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+62 812')).toBe("'+62 812");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('-0.25')).toBe('-0.25');
  });

  it('writes empty cells for missing values and joins a line', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(false)).toBe('false');
    expect(csvLine(['32.71', 'Kota Bogor', null, 0.25])).toBe('32.71,Kota Bogor,,0.25');
  });
});
