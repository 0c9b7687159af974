import { describe, expect, it } from 'vitest';
import { RsiIndicator } from '../../../../src/engine/indicators/rsi.ts';

/**
 * StockCharts ChartSchool, "Relative Strength Index (RSI)", the cs-rsi spreadsheet: its closes to
 * four decimals (the article's table prints them rounded to two: 44.34, 44.09, …) and its 14-day
 * RSI from the 15th close on, printed to two decimals.
 */
const STOCKCHARTS_CLOSES = [
  44.3389, 44.0902, 44.1497, 43.6124, 44.2779, 44.8284, 45.0848, 45.4245, 45.8406, 46.0826, 45.8931,
  46.0328, 45.614, 46.282, 46.282, 46.0028, 46.0328, 46.4116, 46.2222, 45.6439, 46.2122, 46.2521,
  45.7137, 46.4515, 45.7835, 45.3548, 44.0288, 44.1783, 44.2181, 44.5672, 43.4205, 42.6628, 43.1314,
];
const STOCKCHARTS_RSI = [
  70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06, 62.38, 54.71, 50.42, 39.99, 41.46,
  41.87, 45.46, 37.3, 33.08, 37.77,
];

/** Deterministic uniform(0, 1) source (mulberry32) for test series. */
function uniforms(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Series of different character, one per path: random walks, a trend, flat stretches, a crash. */
function testSeries(days: number): number[][] {
  const u = uniforms(7);
  const walk = (start: number, step: number) => {
    const xs = [start];
    for (let t = 1; t < days; t++) xs.push(xs[t - 1] + step * (u() - 0.5));
    return xs;
  };
  return [
    walk(100, 2),
    walk(4000, 60),
    Array.from({ length: days }, (_, t) => 50 + 0.3 * t + 2 * Math.sin(0.7 * t)),
    Array.from({ length: days }, (_, t) => (t < 20 ? 80 : t < 40 ? 80 - 0.5 * (t - 20) : 70)),
    Array.from({ length: days }, (_, t) => (t % 9 < 3 ? 30 : 30 + (t % 9))),
  ];
}

/** Textbook RSI over one series (Wilder 1978): NaN until the (n + 1)-th close. */
function rsiBatch(closes: number[], n: number): number[] {
  const changes = closes.slice(1).map((c, k) => c - closes[k]);
  const gains = changes.map((d) => Math.max(d, 0));
  const losses = changes.map((d) => Math.max(-d, 0));
  const rsi = (g: number, l: number) => (l === 0 ? (g === 0 ? 50 : 100) : 100 - 100 / (1 + g / l));
  const out: number[] = closes.map(() => Number.NaN);
  if (changes.length < n) return out;
  let avgGain = gains.slice(0, n).reduce((a, b) => a + b, 0) / n;
  let avgLoss = losses.slice(0, n).reduce((a, b) => a + b, 0) / n;
  out[n] = rsi(avgGain, avgLoss);
  for (let t = n + 1; t < closes.length; t++) {
    avgGain = (avgGain * (n - 1) + gains[t - 1]) / n;
    avgLoss = (avgLoss * (n - 1) + losses[t - 1]) / n;
    out[t] = rsi(avgGain, avgLoss);
  }
  return out;
}

/** Feeds every path's series day by day; returns values[day][path]. */
function runRsi(series: number[][], period?: number): { rsi: RsiIndicator; values: number[][] } {
  const rsi = new RsiIndicator({ pathCount: series.length, period });
  const close = new Float64Array(series.length);
  const values: number[][] = [];
  for (let t = 0; t < series[0].length; t++) {
    series.forEach((xs, i) => (close[i] = xs[t]));
    rsi.update(close);
    values.push(Array.from(rsi.value));
  }
  return { rsi, values };
}

describe('RsiIndicator', () => {
  it("reproduces StockCharts' worked example to the printed 0.01", () => {
    const { values } = runRsi([STOCKCHARTS_CLOSES]);
    const computed = values.slice(14).map((v) => v[0]);
    expect(computed).toHaveLength(STOCKCHARTS_RSI.length);
    // Printed to two decimals: the exact value is within 0.005 of the printed one.
    computed.forEach((v, k) => expect(Math.abs(v - STOCKCHARTS_RSI[k])).toBeLessThanOrEqual(0.005));
  });

  it('gives 100·Σgains/(Σgains + Σlosses) at the first value, by hand on the two-decimal closes', () => {
    // The article's rounded closes: gains sum to 3.34 and losses to 1.40 over the first 14 changes,
    // so the first RSI is 70.46 (not the spreadsheet's 70.53, which uses the four-decimal closes).
    const rounded = STOCKCHARTS_CLOSES.slice(0, 15).map((c) => Math.round(c * 100) / 100);
    const { values } = runRsi([rounded]);
    expect(values[14][0]).toBeCloseTo((100 * 3.34) / (3.34 + 1.4), 10);
  });

  it.each([14, 5, 1])(
    'matches the batch recursion on five paths at once to 1e-12 (period %i)',
    (period) => {
      const series = testSeries(120);
      const { values } = runRsi(series, period);
      series.forEach((xs, i) => {
        const reference = rsiBatch(xs, period);
        values.forEach((day, t) => {
          if (Number.isNaN(reference[t])) expect(day[i]).toBeNaN();
          else expect(Math.abs(day[i] - reference[t])).toBeLessThanOrEqual(1e-12);
        });
      });
    },
  );

  it.each([14, 5, 1])('is NaN for exactly the first period updates (period %i)', (period) => {
    const rsi = new RsiIndicator({ pathCount: 2, period });
    expect(rsi.warmUpUpdates).toBe(period + 1);
    const close = new Float64Array(2);
    for (let t = 1; t <= period + 3; t++) {
      close[0] = 100 + Math.sin(t);
      close[1] = 50 - Math.cos(t);
      rsi.update(close);
      const ready = t >= period + 1;
      expect(rsi.ready).toBe(ready);
      expect(rsi.updateCount).toBe(t);
      for (const v of rsi.value) expect(Number.isNaN(v)).toBe(!ready);
    }
  });

  it.each([
    { name: 'only gains', closes: (t: number) => 100 + t, expected: 100 },
    { name: 'only losses', closes: (t: number) => 100 - t, expected: 0 },
    { name: 'a flat series', closes: () => 100, expected: 50 },
    { name: 'flat, then one rise', closes: (t: number) => (t < 25 ? 100 : 101), expected: 100 },
    { name: 'flat, then one fall', closes: (t: number) => (t < 25 ? 100 : 99), expected: 0 },
  ])('gives $expected for $name and is never NaN after the warm-up', ({ closes, expected }) => {
    const days = 40;
    const { values } = runRsi([Array.from({ length: days }, (_, t) => closes(t))]);
    for (let t = 14; t < days; t++) expect(Number.isNaN(values[t][0])).toBe(false);
    expect(values[days - 1][0]).toBe(expected);
  });

  it('rejects a non-finite close before changing any state', () => {
    const series = testSeries(30).slice(0, 2);
    const rsi = new RsiIndicator({ pathCount: 2 });
    const clean = new RsiIndicator({ pathCount: 2 });
    for (let t = 0; t < 30; t++) {
      const close = Float64Array.from(series, (xs) => xs[t]);
      if (t === 20) {
        const bad = Float64Array.from(close);
        bad[1] = Number.NaN;
        expect(() => rsi.update(bad)).toThrow(RangeError);
        bad[1] = Infinity;
        expect(() => rsi.update(bad)).toThrow(RangeError);
      }
      rsi.update(close);
      clean.update(close);
    }
    expect(rsi.updateCount).toBe(30);
    expect(Array.from(rsi.value)).toEqual(Array.from(clean.value));
  });

  it('rejects a short input array and bad options', () => {
    expect(() => new RsiIndicator({ pathCount: 3 }).update(new Float64Array(2))).toThrow(
      RangeError,
    );
    expect(() => new RsiIndicator({ pathCount: -1 })).toThrow(RangeError);
    expect(() => new RsiIndicator({ pathCount: 1, period: 0 })).toThrow(RangeError);
    expect(() => new RsiIndicator({ pathCount: 1, period: 2.5 })).toThrow(RangeError);
  });
});
