import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../../src/lib/export/results.ts';

describe('CSV export', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+1 212 555', "'+1 212 555"],
    ['-cmd', "'-cmd"],
    ['@import', "'@import"],
    ['Calls at VIX 20', 'Calls at VIX 20'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
  ])('escapes the text cell %j as %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('writes numbers as numbers, a negative one without escaping, and non-finite ones empty', () => {
    expect(csvCell(-1234.5)).toBe('-1234.5');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(null)).toBe('');
  });

  it('joins rows with CRLF', () => {
    expect(
      toCsv([
        ['a', 1],
        ['b', -2],
      ]),
    ).toBe('a,1\r\nb,-2\r\n');
  });
});
