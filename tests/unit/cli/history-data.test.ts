import { describe, expect, it } from 'vitest';
import {
  hasHistoryData,
  historyMarketStats,
  joinByDate,
  loadHistoryWindows,
  parseDailyCsv,
  resolveDataDir,
} from '../../../src/cli/history-data.ts';
import type { MarketStats } from '../../../src/engine/stats/market.ts';

describe('parseDailyCsv', () => {
  it('takes the close column of an OHLC file, whatever its case', () => {
    const s = parseDailyCsv({
      text: 'DATE,OPEN,HIGH,LOW,CLOSE\n1990-01-02,17.24,17.3,17.1,17.25\n',
    });
    expect(s.dates).toEqual(['1990-01-02']);
    expect([...s.values]).toEqual([17.25]);
  });

  it('takes the second column of a two-column file, with CRLF and blank lines', () => {
    const s = parseDailyCsv({ text: 'DATE,VVIX\r\n2007-01-03,80.1\r\n\r\n2007-01-04,81.5\r\n' });
    expect(s.dates).toEqual(['2007-01-03', '2007-01-04']);
    expect([...s.values]).toEqual([80.1, 81.5]);
  });

  it.each([
    ['no close column', 'date,open,high\n2000-01-03,1,2\n', /no close column/],
    ['a bad date', 'date,close\n03/01/2000,1\n', /:2: bad date/],
    ['an empty value', 'date,close\n2000-01-03,\n', /:2: bad value/],
    ['a non-positive value', 'date,close\n2000-01-03,0\n', /:2: bad value/],
    ['dates out of order', 'date,close\n2000-01-04,1\n2000-01-03,1\n', /:3: date/],
  ])('refuses %s with the line number', (_, text, message) => {
    expect(() => parseDailyCsv({ text, name: 'x.csv' })).toThrow(message);
  });
});

describe('joinByDate', () => {
  it('keeps the dates present in every series, with each series’ values', () => {
    const a = { dates: ['d1', 'd2', 'd3'], values: Float64Array.of(1, 2, 3) };
    const b = { dates: ['d2', 'd3', 'd4'], values: Float64Array.of(20, 30, 40) };
    const j = joinByDate([a, b]);
    expect(j.dates).toEqual(['d2', 'd3']);
    expect(j.values.map((v) => [...v])).toEqual([
      [2, 3],
      [20, 30],
    ]);
  });
});

const dataDir = resolveDataDir();
const available = hasHistoryData({ dataDir });
const skipNote = available ? '' : ` (SKIPPED: no history CSVs in ${dataDir}; set ALVH_DATA_DIR)`;

describe.skipIf(!available)(`market history in shared/data${skipNote}`, () => {
  it.each([
    ['spxVix', 9131, '1990-01-02', '2026-04-10'],
    ['termStructure', 4175, '2009-09-18', '2026-04-24'],
    ['vvix', 4856, '2007-01-03', '2026-04-24'],
  ] as const)(
    'window %s has %i rows from %s to %s (DESIGN §8, data README)',
    (key, rows, first, last) => {
      const w = loadHistoryWindows({ dataDir })[key];
      expect(w.dates.length).toBe(rows);
      expect(w.dates[0]).toBe(first);
      expect(w.dates[rows - 1]).toBe(last);
    },
  );

  const stats = available ? historyMarketStats({ dataDir }) : undefined;

  // DESIGN §8 history column; tolerance = half a unit of the last printed digit. The histogram
  // quantiles add at most half a bin (0.005 VIX points — and nothing for VIX, quoted to 0.01 and
  // so on the bin centres; 5e-5 for 21-day returns), added where it applies. One exception: §8
  // prints the VIX 99 % quantile as 46.7, while type 7 over the 9,131 days gives 46.776 (the
  // neighbouring order statistics are 46.72 and 46.80; 46.7 is what truncation or the "lower"
  // rule gives), so that row is checked to ±0.1 and its exact value separately below.
  it.each<[keyof MarketStats, number, number]>([
    ['vixMean', 19.5, 0.05],
    ['vixMedian', 17.6, 0.05],
    ['vixQ05', 11.4, 0.05],
    ['vixQ95', 33.0, 0.05],
    ['vixQ99', 46.7, 0.1],
    ['corrSpxReturnVixChange', -0.79, 0.005],
    ['spxRealizedVol', 18.1, 0.05],
    ['vrpPoints', 4.1, 0.05],
    ['logVixHalfLifeDays', 34, 0.5],
    ['spxDailyKurtosis', 13.9, 0.05],
    ['spxDailySkew', -0.36, 0.005],
    ['spx21dQ01', -0.132, 0.0005 + 5e-5],
    ['spx21dQ05', -0.07, 0.0005 + 5e-5],
    ['spxMeanLogReturn', 0.081, 0.0005],
    ['vix3mMinusVix', 1.9, 0.05],
    ['vix6mMinusVix', 3.4, 0.05],
    ['vixInvertedShare', 0.078, 0.0005],
    ['vixLogChangeVol', 1.08, 0.005],
    ['vvixMean', 94, 0.5],
  ])('history reproduces DESIGN §8: %s = %d ± %d', (key, value, tol) => {
    expect(Math.abs(stats![key] - value)).toBeLessThanOrEqual(tol);
  });

  it('VIX quantiles of history equal the exact type-7 values (data on the 0.01 bin centres)', () => {
    const vix = [...loadHistoryWindows({ dataDir }).spxVix.vix].sort((a, b) => a - b);
    const type7 = (p: number) => {
      const h = (vix.length - 1) * p;
      const lo = Math.floor(h);
      return vix[lo] + (h - lo) * (vix[lo + 1] - vix[lo]);
    };
    expect(stats!.vixQ05).toBeCloseTo(type7(0.05), 9);
    expect(stats!.vixMedian).toBeCloseTo(type7(0.5), 9);
    expect(stats!.vixQ95).toBeCloseTo(type7(0.95), 9);
    expect(stats!.vixQ99).toBeCloseTo(46.776, 9);
  });
});
