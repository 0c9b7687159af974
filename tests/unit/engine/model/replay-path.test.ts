import { describe, expect, it } from 'vitest';
import type { MarketParams } from '../../../../src/engine/model/market-params.ts';
import { ReplayPathBlock } from '../../../../src/engine/model/replay-path.ts';
import { varianceForMarketVix } from '../../../../src/engine/model/svcj-paths.ts';
import { hestonVix, vixCoefficients } from '../../../../src/engine/pricing/vix-index.ts';
import { marketPreset } from '../../../../src/engine/scenarios/market-presets.ts';
import {
  parseReplayCsv,
  type ReplaySeries,
} from '../../../../src/engine/scenarios/replay-series.ts';
import { hasHistoryData, resolveDataDir } from '../../../../src/cli/history-data.ts';
import { historySliceCsv } from '../../../fixtures/history-slice.ts';

const PARAMS: MarketParams = marketPreset('historical').market;
/** VIX = 100·√(a·v + c) of the historical preset; its floor 100·√c is ≈ 11.8. */
const { a: A, c: C } = vixCoefficients({
  kappa: PARAMS.kappaQ,
  theta: PARAMS.thetaQ,
  jumps: PARAMS.jumps,
});

function series(dates: string[], spx: number[], vix: number[]): ReplaySeries {
  return { dates, spx: Float64Array.from(spx), vix: Float64Array.from(vix) };
}

/** The model VIX (points) at variance v under the preset's Q parameters. */
function modelVix(v: number): number {
  return hestonVix({ v, kappa: PARAMS.kappaQ, theta: PARAMS.thetaQ, jumps: PARAMS.jumps });
}

// 9–12 March 2020 (SPX and VIX closes from shared/data): all four VIX closes are above the floor.
const DATES = ['2020-03-09', '2020-03-10', '2020-03-11', '2020-03-12'];
const SPX = [2746.56, 2882.23, 2741.38, 2480.64];
const VIX = [54.46, 47.3, 53.9, 75.47];
const MARCH_2020 = series(DATES, SPX, VIX);

/** The block's state after each step (day 0 first). */
function walk(block: ReplayPathBlock) {
  const states = [];
  for (;;) {
    states.push({
      day: block.day,
      date: block.date,
      logSpot: block.logSpot[0],
      logReturn: block.logReturn[0],
      variance: block.variance[0],
      vix: block.vix[0],
      clampedDays: block.clampedDays,
    });
    if (block.day === block.horizonDays) return states;
    block.step();
  }
}

describe('ReplayPathBlock on a 4-row series', () => {
  it('is one path with horizonDays = rows − 1, starting on the first row', () => {
    const block = new ReplayPathBlock({ series: MARCH_2020, params: PARAMS });
    expect(block.pathCount).toBe(1);
    expect(block.horizonDays).toBe(3);
    expect(block.day).toBe(0);
    expect(block.date).toBe('2020-03-09');
    expect(block.logReturn[0]).toBe(0);
  });

  it('walks the rows day by day: date, observed VIX, ln S and ln(S_t / S_{t−1})', () => {
    const states = walk(new ReplayPathBlock({ series: MARCH_2020, params: PARAMS }));
    expect(states.map((s) => [s.day, s.date, s.vix])).toEqual(DATES.map((d, t) => [t, d, VIX[t]]));
    // Reference: difference of logs of the closes; 1e-13 is a few ulps of ln S ≈ 8.
    states.forEach((s, t) => {
      expect(s.logSpot).toBeCloseTo(Math.log(SPX[t]), 13);
      const expected = t === 0 ? 0 : Math.log(SPX[t]) - Math.log(SPX[t - 1]);
      expect(Math.abs(s.logReturn - expected)).toBeLessThan(1e-13);
    });
  });

  it('sets the variance of each day to ((VIX/100)² − c)/a, the inverse of the model VIX', () => {
    const states = walk(new ReplayPathBlock({ series: MARCH_2020, params: PARAMS }));
    states.forEach((s, t) => {
      const expected = ((VIX[t] / 100) ** 2 - C) / A;
      expect(Math.abs(s.variance - expected)).toBeLessThan(1e-15 * expected);
      expect(s.variance).toBe(varianceForMarketVix(PARAMS, VIX[t]));
      expect(s.clampedDays).toBe(0);
    });
  });

  it('implies variances that give back the observed VIX through hestonVix within 1e-9', () => {
    const states = walk(new ReplayPathBlock({ series: MARCH_2020, params: PARAMS }));
    for (const s of states) expect(Math.abs(modelVix(s.variance) - s.vix)).toBeLessThan(1e-9);
  });

  it('updates the same arrays in place (the runner keeps references to them)', () => {
    const block = new ReplayPathBlock({ series: MARCH_2020, params: PARAMS });
    const arrays = [block.logSpot, block.variance, block.logReturn, block.vix];
    block.step();
    arrays.forEach((array, k) =>
      expect(array).toBe([block.logSpot, block.variance, block.logReturn, block.vix][k]),
    );
  });

  it('throws when stepped past the last row and keeps the last state', () => {
    const block = new ReplayPathBlock({ series: MARCH_2020, params: PARAMS });
    for (let t = 0; t < 3; t++) block.step();
    expect(() => block.step()).toThrow(
      'replay series ends on 2020-03-12 (day 3): cannot step past it',
    );
    expect([block.day, block.date, block.vix[0]]).toEqual([3, '2020-03-12', 75.47]);
  });

  it('ignores params.spot and params.v0: the first row is the starting state', () => {
    const other = { ...PARAMS, spot: 1, v0: 0.5 };
    const a = walk(new ReplayPathBlock({ series: MARCH_2020, params: PARAMS }));
    const b = walk(new ReplayPathBlock({ series: MARCH_2020, params: other }));
    expect(b).toEqual(a);
  });
});

describe('ReplayPathBlock below the model VIX floor', () => {
  it('has the floor 100·√c (≈ 11.8 for the historical preset)', () => {
    const block = new ReplayPathBlock({ series: MARCH_2020, params: PARAMS });
    expect(block.vixFloor).toBe(100 * Math.sqrt(C));
    expect(block.vixFloor).toBeCloseTo(11.81, 2);
  });

  it('clamps the variance to 0, keeps the observed VIX and counts the days', () => {
    // 9.14 is the lowest VIX close in history (2017-11-03); 11.8 sits just below the floor.
    const low = series(DATES, SPX, [20, 9.14, 11.8, 15]);
    const states = walk(new ReplayPathBlock({ series: low, params: PARAMS }));
    expect(states.map((s) => s.clampedDays)).toEqual([0, 1, 2, 2]);
    expect(states[1].variance).toBe(0);
    expect(states[2].variance).toBe(0);
    expect(states.map((s) => s.vix)).toEqual([20, 9.14, 11.8, 15]);
    expect(Math.abs(modelVix(states[3].variance) - 15)).toBeLessThan(1e-9);
  });
});

describe('ReplayPathBlock refuses bad input at construction', () => {
  it.each([
    [
      'a negative close',
      series(DATES, [2746.56, -5, 2741.38, 2480.64], VIX),
      'replay series: spx[1]: -5 must be > 0',
    ],
    [
      'one row',
      series(DATES.slice(0, 1), SPX.slice(0, 1), VIX.slice(0, 1)),
      'replay series: at least 2 data rows are needed (a day and the next), found 1',
    ],
    [
      'dates out of order',
      series([DATES[1], DATES[0], DATES[2], DATES[3]], SPX, VIX),
      'replay series: dates[1]: 2020-03-09 is not after 2020-03-10 (index 0)',
    ],
  ])('%s', (_name, bad, message) => {
    expect(() => new ReplayPathBlock({ series: bad, params: PARAMS })).toThrow(message);
  });

  it('a negative κ_Q', () => {
    expect(
      () => new ReplayPathBlock({ series: MARCH_2020, params: { ...PARAMS, kappaQ: -1 } }),
    ).toThrow(RangeError);
  });
});

// Real history through the same path: every day has a finite variance ≥ 0, the non-clamped days
// give back their VIX, and the clamped days are exactly the closes below the floor.
const dataDir = resolveDataDir();
const available = hasHistoryData({ dataDir });
const skipNote = available ? '' : ` (SKIPPED: no history CSVs in ${dataDir}; set ALVH_DATA_DIR)`;

describe.skipIf(!available)(`ReplayPathBlock on shared/data history${skipNote}`, () => {
  it.each([
    ['Covid crash', '2019-10-01', '2020-06-30'],
    ['global financial crisis', '2007-06-01', '2009-06-30'],
    ['Volmageddon', '2017-10-01', '2018-04-30'],
  ])('replays the %s slice %s … %s', (_name, from, to) => {
    const parsed = parseReplayCsv(historySliceCsv({ dataDir, from, to }));
    if (!parsed.ok) throw new Error(parsed.error);
    const { spx, vix } = parsed.series;
    const block = new ReplayPathBlock({ series: parsed.series, params: PARAMS });
    let sumLogReturn = 0;
    let worstVixError = 0;
    for (;;) {
      const v = block.variance[0];
      expect(v >= 0 && v < Infinity).toBe(true);
      if (block.vix[0] >= block.vixFloor)
        worstVixError = Math.max(worstVixError, Math.abs(modelVix(v) - block.vix[0]));
      if (block.day === block.horizonDays) break;
      block.step();
      sumLogReturn += block.logReturn[0];
    }
    expect(worstVixError).toBeLessThan(1e-9);
    // Σ ln(S_t/S_{t−1}) telescopes to ln(S_T/S_0); 1e-12 allows ~500 roundings of 1e-16 each.
    expect(Math.abs(sumLogReturn - Math.log(spx[spx.length - 1] / spx[0]))).toBeLessThan(1e-12);
    expect(block.clampedDays).toBe(vix.filter((x) => x < block.vixFloor).length);
  });
});
