import { describe, expect, it } from 'vitest';
import { MacdIndicator } from '../../../../src/engine/indicators/macd.ts';

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

/** Series with many crosses, one per path: noisy cycles of different periods, a random walk. */
function testSeries(days: number): number[][] {
  const u = uniforms(11);
  const walk = [100];
  for (let t = 1; t < days; t++) walk.push(walk[t - 1] + 3 * (u() - 0.5));
  return [
    Array.from({ length: days }, (_, t) => 100 + 8 * Math.sin(t / 7) + 2 * (u() - 0.5)),
    Array.from({ length: days }, (_, t) => 4000 + 150 * Math.sin(t / 13) + 40 * Math.cos(t / 3)),
    Array.from({ length: days }, (_, t) => 20 + 0.05 * t + 3 * Math.sin(t / 5)),
    walk,
  ];
}

/** EMA with α = 2/(n + 1) seeded with the mean of the first n values; NaN before. */
function emaBatch(xs: number[], n: number): number[] {
  const alpha = 2 / (n + 1);
  const out: number[] = xs.map(() => Number.NaN);
  if (xs.length < n) return out;
  out[n - 1] = xs.slice(0, n).reduce((a, b) => a + b, 0) / n;
  for (let t = n; t < xs.length; t++) out[t] = alpha * xs[t] + (1 - alpha) * out[t - 1];
  return out;
}

interface MacdSeries {
  macd: number[];
  signal: number[];
  histogram: number[];
  bullish: number[];
  bearish: number[];
}

/** MACD(f, s, g) by arrays of EMAs; crosses by the side rule (above: histogram ≥ 0). */
function macdBatch(closes: number[], f: number, s: number, g: number): MacdSeries {
  const fast = emaBatch(closes, f);
  const slow = emaBatch(closes, s);
  const macd = closes.map((_, t) => (t >= s - 1 ? fast[t] - slow[t] : Number.NaN));
  const signalTail = emaBatch(macd.slice(s - 1), g);
  const signal = closes.map((_, t) => (t >= s - 1 ? signalTail[t - (s - 1)] : Number.NaN));
  const histogram = macd.map((m, t) => m - signal[t]);
  const bullish = closes.map(() => 0);
  const bearish = closes.map(() => 0);
  for (let t = 1; t < closes.length; t++) {
    if (Number.isNaN(histogram[t - 1])) continue;
    const wasBelow = histogram[t - 1] < 0;
    const isBelow = histogram[t] < 0;
    if (!wasBelow && isBelow) bearish[t] = 1;
    if (wasBelow && !isBelow) bullish[t] = 1;
  }
  return { macd, signal, histogram, bullish, bearish };
}

/** Feeds every path's series; returns per path the arrays the indicator exposed each day. */
function runMacd(
  series: number[][],
  periods: { fastPeriod?: number; slowPeriod?: number; signalPeriod?: number } = {},
): { indicator: MacdIndicator; paths: MacdSeries[] } {
  const indicator = new MacdIndicator({ pathCount: series.length, ...periods });
  const paths: MacdSeries[] = series.map(() => ({
    macd: [],
    signal: [],
    histogram: [],
    bullish: [],
    bearish: [],
  }));
  const close = new Float64Array(series.length);
  for (let t = 0; t < series[0].length; t++) {
    series.forEach((xs, i) => (close[i] = xs[t]));
    indicator.update(close);
    paths.forEach((out, i) => {
      out.macd.push(indicator.macd[i]);
      out.signal.push(indicator.signal[i]);
      out.histogram.push(indicator.histogram[i]);
      out.bullish.push(indicator.bullishCross[i]);
      out.bearish.push(indicator.bearishCross[i]);
    });
  }
  return { indicator, paths };
}

function expectClose(actual: number[], reference: number[], tolerance: number): void {
  expect(actual).toHaveLength(reference.length);
  reference.forEach((r, t) => {
    if (Number.isNaN(r)) expect(actual[t]).toBeNaN();
    else expect(Math.abs(actual[t] - r)).toBeLessThanOrEqual(tolerance);
  });
}

/** Days (1-based update numbers) on which a flag is 1. */
function flagDays(flags: number[]): number[] {
  return flags.flatMap((f, t) => (f === 1 ? [t + 1] : []));
}

describe('MacdIndicator', () => {
  it.each([
    { fastPeriod: 12, slowPeriod: 26, signalPeriod: 9 },
    { fastPeriod: 5, slowPeriod: 10, signalPeriod: 4 },
    { fastPeriod: 3, slowPeriod: 6, signalPeriod: 2 },
  ])(
    'matches arrays of EMAs on four paths at once to 1e-12 ($fastPeriod, $slowPeriod, $signalPeriod)',
    (periods) => {
      const series = testSeries(300);
      const { paths } = runMacd(series, periods);
      series.forEach((xs, i) => {
        const ref = macdBatch(xs, periods.fastPeriod, periods.slowPeriod, periods.signalPeriod);
        // Prices up to ~4200: 1e-12 is ~20 ulps of the level, the EMAs' rounding is a few.
        expectClose(paths[i].macd, ref.macd, 1e-12);
        expectClose(paths[i].signal, ref.signal, 1e-12);
        expectClose(paths[i].histogram, ref.histogram, 1e-12);
        expect(paths[i].bullish).toEqual(ref.bullish);
        expect(paths[i].bearish).toEqual(ref.bearish);
        // The series are built to cross several times each way, so the flags are exercised.
        expect(ref.bullish.filter((f) => f === 1).length).toBeGreaterThanOrEqual(3);
        expect(ref.bearish.filter((f) => f === 1).length).toBeGreaterThanOrEqual(3);
      });
    },
  );

  it('has MACD from update 26, signal and histogram from 34, crosses from 35 at the defaults', () => {
    const indicator = new MacdIndicator({ pathCount: 3 });
    expect(indicator.warmUpUpdates).toBe(34);
    const close = new Float64Array(3);
    for (let t = 1; t <= 40; t++) {
      // Alternating closes make the histogram change sign every day once it exists.
      close.fill(t % 2 === 0 ? 110 : 90);
      indicator.update(close);
      expect(indicator.ready).toBe(t >= 34);
      for (let i = 0; i < 3; i++) {
        expect(Number.isNaN(indicator.macd[i])).toBe(t < 26);
        expect(Number.isNaN(indicator.signal[i])).toBe(t < 34);
        expect(Number.isNaN(indicator.histogram[i])).toBe(t < 34);
        const crossed = indicator.bullishCross[i] + indicator.bearishCross[i];
        expect(crossed).toBe(t < 35 ? 0 : 1);
      }
    }
  });

  it('is exactly 0 with no cross on a constant series', () => {
    const { paths } = runMacd([Array(120).fill(4321.5), Array(120).fill(17)]);
    for (const out of paths) {
      expect(out.macd.slice(25).every((m) => m === 0)).toBe(true);
      expect(out.signal.slice(33).every((s) => s === 0)).toBe(true);
      expect(out.histogram.slice(33).every((h) => h === 0)).toBe(true);
      expect(out.bullish.every((f) => f === 0) && out.bearish.every((f) => f === 0)).toBe(true);
    }
  });

  it.each([
    { fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, slope: 0.5 },
    { fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, slope: -0.3 },
    { fastPeriod: 5, slowPeriod: 10, signalPeriod: 4, slope: 2 },
  ])(
    'is exactly slope·(slow − fast)/2 on a linear ramp ($fastPeriod, $slowPeriod; slope $slope)',
    ({ slope, ...periods }) => {
      // SMA-seeded EMA_n of x_t = a + b·t is x_t − b(n − 1)/2 from its seed on (module comment),
      // so MACD = b(s − f)/2 and the signal, an EMA of a constant, equals it: histogram 0.
      const days = 200;
      const ramp = Array.from({ length: days }, (_, t) => 300 + slope * t);
      const { paths } = runMacd([ramp], periods);
      const expected = (slope * (periods.slowPeriod - periods.fastPeriod)) / 2;
      const signalFrom = periods.slowPeriod + periods.signalPeriod - 1;
      // Levels ≤ 700: rounding of the recursions is a few ulps (1.1e-13) of the level.
      for (let t = periods.slowPeriod; t <= days; t++) {
        expect(Math.abs(paths[0].macd[t - 1] - expected)).toBeLessThanOrEqual(1e-11);
        if (t >= signalFrom) {
          expect(Math.abs(paths[0].signal[t - 1] - expected)).toBeLessThanOrEqual(1e-11);
          expect(Math.abs(paths[0].histogram[t - 1])).toBeLessThanOrEqual(1e-11);
        }
      }
    },
  );

  it.each([{ jump: -10 }, { jump: 10 }, { jump: -0.5 }, { jump: 0.5 }])(
    'fires each cross on exactly the closed-form day after a step of $jump at day 41',
    ({ jump }) => {
      // Closes 100 on days 1 … 40, 100 + J from day 41: k days after the step
      //   EMA_n = 100 + J(1 − (1 − α_n)^k), so MACD_k = J(b^k − a^k),
      //   signal_k = α_g J [b(b^k − c^k)/(b − c) − a(a^k − c^k)/(a − c)],
      // a = 1 − α_fast, b = 1 − α_slow, c = 1 − α_signal (the signal is 0 before the step).
      const days = 200;
      const stepDay = 41;
      const a = 1 - 2 / 13;
      const b = 1 - 2 / 27;
      const alphaG = 2 / 10;
      const c = 1 - alphaG;
      const histogram = (k: number) =>
        jump * (b ** k - a ** k) -
        alphaG * jump * ((b * (b ** k - c ** k)) / (b - c) - (a * (a ** k - c ** k)) / (a - c));
      const expectedBullish: number[] = [];
      const expectedBearish: number[] = [];
      let wasBelow = false; // histogram is 0 (above) before the step
      for (let day = stepDay; day <= days; day++) {
        const h = histogram(day - stepDay + 1);
        // Keep the expected days unambiguous against rounding.
        expect(Math.abs(h)).toBeGreaterThan(1e-9);
        const isBelow = h < 0;
        if (!wasBelow && isBelow) expectedBearish.push(day);
        if (wasBelow && !isBelow) expectedBullish.push(day);
        wasBelow = isBelow;
      }
      const closes = Array.from({ length: days }, (_, t) => (t + 1 < stepDay ? 100 : 100 + jump));
      const { paths } = runMacd([closes]);
      expect(flagDays(paths[0].bearish)).toEqual(expectedBearish);
      expect(flagDays(paths[0].bullish)).toEqual(expectedBullish);
      // A fall crosses down on the step day itself and back up once; a rise never starts below,
      // so its only cross is down, when the MACD line decays under its lagging signal.
      if (jump < 0) {
        expect(expectedBearish).toEqual([stepDay]);
        expect(expectedBullish).toHaveLength(1);
      } else {
        expect(expectedBearish).toHaveLength(1);
        expect(expectedBearish[0]).toBeGreaterThan(stepDay);
        expect(expectedBullish).toEqual([]);
      }
    },
  );

  it('rejects a non-finite close before changing any state', () => {
    const series = testSeries(60).slice(0, 2);
    const indicator = new MacdIndicator({ pathCount: 2 });
    const clean = new MacdIndicator({ pathCount: 2 });
    for (let t = 0; t < 60; t++) {
      const close = Float64Array.from(series, (xs) => xs[t]);
      if (t === 40) {
        const bad = Float64Array.from(close);
        bad[0] = -Infinity;
        expect(() => indicator.update(bad)).toThrow(RangeError);
      }
      indicator.update(close);
      clean.update(close);
    }
    expect(Array.from(indicator.histogram)).toEqual(Array.from(clean.histogram));
    expect(indicator.updateCount).toBe(60);
  });

  it('rejects a short input array and bad periods', () => {
    expect(() => new MacdIndicator({ pathCount: 2 }).update(new Float64Array(1))).toThrow(
      RangeError,
    );
    expect(() => new MacdIndicator({ pathCount: 1, fastPeriod: 26, slowPeriod: 26 })).toThrow(
      RangeError,
    );
    expect(() => new MacdIndicator({ pathCount: 1, fastPeriod: 0 })).toThrow(RangeError);
    expect(() => new MacdIndicator({ pathCount: 1, signalPeriod: 1.5 })).toThrow(RangeError);
  });
});
