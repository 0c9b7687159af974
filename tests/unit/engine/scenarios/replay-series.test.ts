import { describe, expect, it } from 'vitest';
import {
  parseReplayCsv,
  REPLAY_MAX_CHARS,
  REPLAY_MAX_ROWS,
  replaySeriesFromColumns,
  type ReplaySeriesResult,
} from '../../../../src/engine/scenarios/replay-series.ts';
import { hasHistoryData, resolveDataDir } from '../../../../src/cli/history-data.ts';
import { historySliceCsv } from '../../../fixtures/history-slice.ts';

/** Lines joined with LF. */
function csv(...lines: string[]): string {
  return lines.join('\n');
}

/** The error of a result that must be a failure. */
function errorOf(result: ReplaySeriesResult): string {
  if (result.ok) throw new Error('expected an error, got a series');
  return result.error;
}

/** The series and warnings of a result that must succeed. */
function okOf(result: ReplaySeriesResult) {
  if (!result.ok) throw new Error(`expected a series, got: ${result.error}`);
  return result;
}

/** ISO date `k` days after 1970-01-01. */
function isoDay(k: number): string {
  return new Date(k * 86_400_000).toISOString().slice(0, 10);
}

/** A valid file with `rows` consecutive calendar days from 1970-01-01. */
function daysCsv(rows: number): string {
  const lines = ['date,spx,vix'];
  for (let k = 0; k < rows; k++) lines.push(`${isoDay(k)},100,20`);
  return lines.join('\n');
}

// Three days of March 2020 (SPX and VIX closes from shared/data).
const HEADER = 'date,spx,vix';
const ROW_A = '2020-03-09,2746.56,54.46';
const ROW_B = '2020-03-10,2882.23,47.3';
const ROW_C = '2020-03-11,2741.38,53.9';
const GOOD = csv(HEADER, ROW_A, ROW_B, ROW_C);

describe('parseReplayCsv refuses a bad file with one line naming the row and column', () => {
  it.each([
    // file level
    ['empty text', '', 'the file is empty: expected a header row date,spx,vix and data rows'],
    [
      'only blank lines',
      '\n  \n\r\n',
      'the file is empty: expected a header row date,spx,vix and data rows',
    ],
    [
      'a missing column',
      csv('date,close,vix', ROW_A, ROW_B),
      'row 1 (header): missing column spx (found: date, close, vix; expected date, spx, vix)',
    ],
    [
      'two missing columns',
      csv('Date,Close', '2020-03-09,2746.56', '2020-03-10,2882.23'),
      'row 1 (header): missing columns spx, vix (found: date, close; expected date, spx, vix)',
    ],
    [
      'a column twice',
      csv('date,spx,vix,SPX', ROW_A, ROW_B),
      'row 1 (header): column spx appears twice',
    ],
    [
      'an open quote in the header',
      csv('"date,spx,vix', ROW_A, ROW_B),
      'row 1 (header): a quote is not closed',
    ],
    [
      'a header and no data',
      csv(HEADER, ''),
      'at least 2 data rows are needed (a day and the next), found none',
    ],
    [
      'one data row',
      csv(HEADER, ROW_A),
      'at least 2 data rows are needed (a day and the next), found 1',
    ],
    // row level
    [
      'a blank row before the end',
      csv(HEADER, ROW_A, '', ROW_B),
      'row 3: blank row (blank rows are allowed only at the end)',
    ],
    [
      'an open quote in a row',
      csv(HEADER, '"2020-03-09,2746.56,54.46', ROW_B),
      'row 2: a quote is not closed',
    ],
    [
      'an unquoted thousands separator',
      csv(HEADER, '2020-03-09,2,746.56,54.46', ROW_B),
      'row 2: 4 cells but the header has 3 (a comma inside a number?)',
    ],
    // date column
    ['an empty date', csv(HEADER, ',2746.56,54.46', ROW_B), 'row 2, column date: missing value'],
    [
      'a US date',
      csv(HEADER, '03/09/2020,2746.56,54.46', ROW_B),
      'row 2, column date: "03/09/2020" is not an ISO date (YYYY-MM-DD)',
    ],
    [
      'a date with a time',
      csv(HEADER, ROW_A, '2020-03-10T16:00,2882.23,47.3'),
      'row 3, column date: "2020-03-10T16:00" is not an ISO date (YYYY-MM-DD)',
    ],
    [
      '29 February of a common year',
      csv(HEADER, '2021-02-29,3800,20', '2021-03-01,3810,20'),
      'row 2, column date: "2021-02-29" is not a calendar date',
    ],
    [
      '29 February 1900 (century, not leap)',
      csv(HEADER, '1900-02-28,10,20', '1900-02-29,10,20'),
      'row 3, column date: "1900-02-29" is not a calendar date',
    ],
    [
      '31 April',
      csv(HEADER, '2020-04-30,2900,34', '2020-04-31,2910,33'),
      'row 3, column date: "2020-04-31" is not a calendar date',
    ],
    [
      'month 13',
      csv(HEADER, '2020-13-01,2900,34', ROW_B),
      'row 2, column date: "2020-13-01" is not a calendar date',
    ],
    [
      'day 00',
      csv(HEADER, '2020-03-00,2900,34', ROW_B),
      'row 2, column date: "2020-03-00" is not a calendar date',
    ],
    [
      'a repeated date',
      csv(HEADER, ROW_A, ROW_A),
      'row 3, column date: 2020-03-09 is not after 2020-03-09 (row 2)',
    ],
    [
      'dates going back',
      csv(HEADER, ROW_B, ROW_A),
      'row 3, column date: 2020-03-09 is not after 2020-03-10 (row 2)',
    ],
    [
      'a gap of 11 calendar days',
      csv(HEADER, ROW_A, '2020-03-20,2304.92,66.04'),
      'row 3, column date: 11 calendar days from 2020-03-09 to 2020-03-20, more than 10 (are rows missing?)',
    ],
    // spx column
    [
      'an empty spx cell',
      csv(HEADER, '2020-03-09,,54.46', ROW_B),
      'row 2, column spx: missing value',
    ],
    [
      'a row with only a date',
      csv(HEADER, ROW_A, '2020-03-10'),
      'row 3, column spx: missing value',
    ],
    [
      'text as spx',
      csv(HEADER, ROW_A, '2020-03-10,abc,47.3'),
      'row 3, column spx: "abc" is not a number',
    ],
    [
      'a hex spx',
      csv(HEADER, '2020-03-09,0x10,54.46', ROW_B),
      'row 2, column spx: "0x10" is not a number',
    ],
    [
      'a quoted spx with a thousands separator',
      csv(HEADER, '2020-03-09,"2,746.56",54.46', ROW_B),
      'row 2, column spx: "2,746.56" is not a number',
    ],
    [
      'spx Infinity',
      csv(HEADER, '2020-03-09,Infinity,54.46', ROW_B),
      'row 2, column spx: "Infinity" is not a number',
    ],
    [
      'an spx that overflows',
      csv(HEADER, '2020-03-09,1e999,54.46', ROW_B),
      'row 2, column spx: "1e999" is not a finite number',
    ],
    ['a zero spx', csv(HEADER, '2020-03-09,0,54.46', ROW_B), 'row 2, column spx: "0" must be > 0'],
    [
      'a negative spx',
      csv(HEADER, ROW_A, '2020-03-10,-5,47.3'),
      'row 3, column spx: "-5" must be > 0',
    ],
    // vix column
    [
      'an empty vix cell',
      csv(HEADER, '2020-03-09,2746.56,', ROW_B),
      'row 2, column vix: missing value',
    ],
    [
      'text as vix',
      csv(HEADER, '2020-03-09,2746.56,n/a', ROW_B),
      'row 2, column vix: "n/a" is not a number',
    ],
    [
      'vix as a fraction',
      csv(HEADER, '2020-03-09,2746.56,0.5446', ROW_B),
      'row 2, column vix: "0.5446" is outside 5 … 200 (VIX in points: 20 means 20 %)',
    ],
    [
      'vix just below 5',
      csv(HEADER, '2020-03-09,2746.56,4.99', ROW_B),
      'row 2, column vix: "4.99" is outside 5 … 200 (VIX in points: 20 means 20 %)',
    ],
    [
      'vix just above 200',
      csv(HEADER, ROW_A, '2020-03-10,2882.23,200.01'),
      'row 3, column vix: "200.01" is outside 5 … 200 (VIX in points: 20 means 20 %)',
    ],
    // which problem is reported
    [
      'the first bad row, not a later one',
      csv(HEADER, ROW_A, '2020-03-10,x,47.3', '2020-03-11,2741.38,y'),
      'row 3, column spx: "x" is not a number',
    ],
    [
      'date before spx before vix within a row',
      csv(HEADER, '2020-02-30,x,y', ROW_B),
      'row 2, column date: "2020-02-30" is not a calendar date',
    ],
    [
      'spx before vix within a row',
      csv(HEADER, '2020-03-09,x,y', ROW_B),
      'row 2, column spx: "x" is not a number',
    ],
    [
      'the column by name when the file orders them differently',
      csv('VIX,Date,SPX', '54.46,2020-03-09,2746.56', '3,2020-03-10,2882.23'),
      'row 3, column vix: "3" is outside 5 … 200 (VIX in points: 20 means 20 %)',
    ],
  ])('%s', (_name, text, expected) => {
    expect(errorOf(parseReplayCsv(text))).toBe(expected);
  });

  it(`refuses more than ${REPLAY_MAX_ROWS} data rows and accepts exactly that many`, () => {
    expect(errorOf(parseReplayCsv(daysCsv(REPLAY_MAX_ROWS + 1)))).toBe(
      'too many rows: 20,001 data rows (at most 20,000)',
    );
    expect(okOf(parseReplayCsv(daysCsv(REPLAY_MAX_ROWS))).series.dates).toHaveLength(
      REPLAY_MAX_ROWS,
    );
  });

  it(`refuses a text longer than ${REPLAY_MAX_CHARS} characters before reading it`, () => {
    const text = GOOD + '\n' + ' '.repeat(REPLAY_MAX_CHARS - GOOD.length);
    expect(text.length).toBe(REPLAY_MAX_CHARS + 1);
    expect(errorOf(parseReplayCsv(text))).toBe(
      'the file is too large: 4,000,001 characters (at most 4,000,000)',
    );
  });
});

describe('parseReplayCsv reads a good file', () => {
  it('returns the dates and closes of every row, without warnings', () => {
    const { series, warnings } = okOf(parseReplayCsv(GOOD));
    expect(series.dates).toEqual(['2020-03-09', '2020-03-10', '2020-03-11']);
    expect([...series.spx]).toEqual([2746.56, 2882.23, 2741.38]);
    expect([...series.vix]).toEqual([54.46, 47.3, 53.9]);
    expect(warnings).toEqual([]);
  });

  it.each([
    ['CRLF line ends', GOOD.replaceAll('\n', '\r\n')],
    ['CR line ends', GOOD.replaceAll('\n', '\r')],
    ['a byte-order mark', '\uFEFF' + GOOD],
    ['a BOM and CRLF with a final line end', '\uFEFF' + GOOD.replaceAll('\n', '\r\n') + '\r\n'],
    ['blank and empty-cell rows at the end', GOOD + '\n\n   \n,,\n'],
    [
      'spaces around cells',
      csv(' Date , SPX ,VIX ', ` ${ROW_A.replaceAll(',', ' , ')} `, ROW_B, ROW_C),
    ],
    ['quoted cells', csv('"date","spx","vix"', '"2020-03-09","2746.56","54.46"', ROW_B, ROW_C)],
    ['exponent notation', csv(HEADER, '2020-03-09,2.74656e3,5.446E1', ROW_B, ROW_C)],
    ['an empty trailing cell', csv(HEADER, ROW_A + ',', ROW_B, ROW_C)],
  ])('with %s', (_name, text) => {
    const { series } = okOf(parseReplayCsv(text));
    expect(series.dates).toEqual(['2020-03-09', '2020-03-10', '2020-03-11']);
    expect([...series.spx]).toEqual([2746.56, 2882.23, 2741.38]);
    expect([...series.vix]).toEqual([54.46, 47.3, 53.9]);
  });

  it('finds the columns by name in any order and case, and names the ignored ones', () => {
    const text = csv(
      'Volume,VIX,Open,DATE,Spx',
      '1,54.46,2800,2020-03-09,2746.56',
      '2,47.3,2813.48,2020-03-10,2882.23',
    );
    const { series, warnings } = okOf(parseReplayCsv(text));
    expect(series.dates).toEqual(['2020-03-09', '2020-03-10']);
    expect([...series.spx]).toEqual([2746.56, 2882.23]);
    expect([...series.vix]).toEqual([54.46, 47.3]);
    expect(warnings).toEqual(['columns ignored: volume, open']);
  });

  it.each([
    ['VIX 5', '5'],
    ['VIX 200', '200'],
  ])('accepts the edge of the VIX range: %s', (_name, vix) => {
    expect(parseReplayCsv(csv(HEADER, `2020-03-09,2746.56,${vix}`, ROW_B)).ok).toBe(true);
  });

  it.each([
    ['29 February of a leap year', csv(HEADER, '2020-02-28,3000,40', '2020-02-29,3000,40')],
    [
      '29 February 2000 (divisible by 400)',
      csv(HEADER, '2000-02-28,1300,23', '2000-02-29,1300,23'),
    ],
    ['a year before 100 (not read as 19xx)', csv(HEADER, '0050-12-31,1,20', '0051-01-01,1,20')],
  ])('accepts %s', (_name, text) => {
    expect(parseReplayCsv(text).ok).toBe(true);
  });
});

describe('parseReplayCsv warns about unusual but possible data', () => {
  it('warns of a 5–10 day gap (a market closure) and accepts 10 days', () => {
    const text = csv(
      HEADER,
      '2001-09-10,1092.54,31.84',
      '2001-09-17,1038.77,41.76', // 9/11: exchanges closed 4 trading days
      '2001-09-27,1018.61,35.72', // 10 days: the largest gap accepted
    );
    expect(okOf(parseReplayCsv(text)).warnings).toEqual([
      'row 3, column date: 7 calendar days from 2001-09-10 to 2001-09-17',
      'row 4, column date: 10 calendar days from 2001-09-17 to 2001-09-27',
    ]);
  });

  it('does not warn of a holiday weekend (4 days)', () => {
    const text = csv(HEADER, '2020-04-09,2789.82,41.67', '2020-04-13,2761.63,41.17');
    expect(okOf(parseReplayCsv(text)).warnings).toEqual([]);
  });

  it('warns of a daily move beyond ln 0.25 but not of the 1987 crash (ln −0.229)', () => {
    const text = csv(
      HEADER,
      '1990-10-16,282.7,20',
      '1990-10-19,224.84,30', // −20.5 %, Black Monday's size
      '1990-10-22,2248.4,30', // ×10: a units slip
    );
    expect(okOf(parseReplayCsv(text)).warnings).toEqual([
      'row 4, column spx: 224.84 to 2248.4 is a 900.0 % move in one day',
    ]);
  });

  it('lists at most 20 warnings and counts the rest', () => {
    const lines = [HEADER];
    for (let k = 0; k < 26; k++) lines.push(`${isoDay(7 * k)},100,20`); // 25 weekly gaps
    const { warnings } = okOf(parseReplayCsv(lines.join('\n')));
    expect(warnings).toHaveLength(21);
    expect(warnings[0]).toBe('row 3, column date: 7 calendar days from 1970-01-01 to 1970-01-08');
    expect(warnings[20]).toBe('… and 5 more warnings');
  });
});

describe('replaySeriesFromColumns', () => {
  const dates = ['2020-03-09', '2020-03-10', '2020-03-11'];
  const spx = [2746.56, 2882.23, 2741.38];
  const vix = [54.46, 47.3, 53.9];

  it('returns copies of valid columns', () => {
    const spxIn = Float64Array.from(spx);
    const { series } = okOf(replaySeriesFromColumns({ dates, spx: spxIn, vix }));
    spxIn[0] = 1;
    expect(series.dates).toEqual(dates);
    expect(series.dates).not.toBe(dates);
    expect([...series.spx]).toEqual(spx);
    expect([...series.vix]).toEqual(vix);
  });

  it.each([
    [
      'columns of different lengths',
      { dates, spx, vix: vix.slice(0, 2) },
      'dates, spx and vix must have the same length, got 3, 3, 2',
    ],
    [
      'a single row',
      { dates: dates.slice(0, 1), spx: spx.slice(0, 1), vix: vix.slice(0, 1) },
      'at least 2 data rows are needed (a day and the next), found 1',
    ],
    [
      'a non-ISO date',
      { dates: ['2020-03-09', '10.3.2020', '2020-03-11'], spx, vix },
      'dates[1]: "10.3.2020" is not an ISO date (YYYY-MM-DD)',
    ],
    [
      'a repeated date',
      { dates: ['2020-03-09', '2020-03-10', '2020-03-10'], spx, vix },
      'dates[2]: 2020-03-10 is not after 2020-03-10 (index 1)',
    ],
    ['a NaN close', { dates, spx: [2746.56, Number.NaN, 1], vix }, 'spx[1]: NaN is not a number'],
    [
      'an infinite close',
      { dates, spx: [Infinity, 1, 1], vix },
      'spx[0]: Infinity is not a finite number',
    ],
    ['a negative close', { dates, spx: [2746.56, 2882.23, -5], vix }, 'spx[2]: -5 must be > 0'],
    [
      'a VIX out of range',
      { dates, spx, vix: [54.46, 0.473, 53.9] },
      'vix[1]: 0.473 is outside 5 … 200 (VIX in points: 20 means 20 %)',
    ],
  ])('refuses %s', (_name, columns, expected) => {
    expect(errorOf(replaySeriesFromColumns(columns))).toBe(expected);
  });
});

// The rules must accept real history: the slices the strategy replay tests use, and the whole of
// 1990–2026, whose only gaps over 4 days are 9/11 (7 days), New Year 2007 with President Ford's
// funeral and Hurricane Sandy in 2012 (5 days each).
const dataDir = resolveDataDir();
const available = hasHistoryData({ dataDir });
const skipNote = available ? '' : ` (SKIPPED: no history CSVs in ${dataDir}; set ALVH_DATA_DIR)`;

describe.skipIf(!available)(`parseReplayCsv on shared/data history${skipNote}`, () => {
  it.each([
    ['Covid crash', '2019-10-01', '2020-06-30'],
    ['global financial crisis', '2007-06-01', '2009-06-30'],
    ['Volmageddon', '2017-10-01', '2018-04-30'],
  ])('parses the %s slice %s … %s with no error and no warning', (_name, from, to) => {
    const text = historySliceCsv({ dataDir, from, to });
    const { series, warnings } = okOf(parseReplayCsv(text));
    expect(series.dates).toHaveLength(text.trim().split('\n').length - 1);
    expect(series.dates[0] >= from && series.dates.at(-1)! <= to).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('parses all of 1990–2026 (9,131 days), warning only of the three closures', () => {
    const text = historySliceCsv({ dataDir, from: '1990-01-01', to: '2026-12-31' });
    const { series, warnings } = okOf(parseReplayCsv(text));
    expect(series.dates).toHaveLength(9131);
    expect(warnings).toEqual([
      'row 2952, column date: 7 calendar days from 2001-09-10 to 2001-09-17',
      'row 4285, column date: 5 calendar days from 2006-12-29 to 2007-01-03',
      'row 5753, column date: 5 calendar days from 2012-10-26 to 2012-10-31',
    ]);
  });
});
