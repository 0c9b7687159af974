import { describe, expect, it } from 'vitest';
import { DrawdownIndicator } from '../../../../src/engine/indicators/drawdown.ts';

/** Feeds every path's levels day by day; returns values[day][path]. */
function runDrawdown(levels: number[][]): { indicator: DrawdownIndicator; values: number[][] } {
  const indicator = new DrawdownIndicator({ pathCount: levels.length });
  const s = new Float64Array(levels.length);
  const values: number[][] = [];
  for (let t = 0; t < levels[0].length; t++) {
    levels.forEach((xs, i) => (s[i] = xs[t]));
    indicator.update(s);
    values.push(Array.from(indicator.value));
  }
  return { indicator, values };
}

describe('DrawdownIndicator', () => {
  it('gives hand-computed drawdowns on three paths at once', () => {
    const paths = [
      // New peaks, a 10 % and a 50 % drawdown, full recoveries.
      { levels: [100, 110, 99, 121, 60.5, 121, 130], expected: [0, 0, 0.1, 0, 0.5, 0, 0] },
      // The start is the peak: a path that only falls is in drawdown from day 1.
      { levels: [100, 90, 80, 95, 100, 101, 50.5], expected: [0, 0.1, 0.2, 0.05, 0, 0, 0.5] },
      { levels: [50, 50, 50, 50, 50, 50, 50], expected: [0, 0, 0, 0, 0, 0, 0] },
    ];
    const { values } = runDrawdown(paths.map((p) => p.levels));
    paths.forEach((p, i) =>
      // 1 − S/peak: one rounded division and one subtraction, each ≤ ε = 2.2e-16.
      p.expected.forEach((e, t) => expect(Math.abs(values[t][i] - e)).toBeLessThanOrEqual(1e-15)),
    );
  });

  it('matches 1 − S/max(prefix) on random walks to 1e-12', () => {
    let a = 5;
    const u = () => (a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 4294967296;
    const days = 500;
    const levels = [0.01, 0.02, 0.04].map((vol) => {
      const xs = [1000];
      for (let t = 1; t < days; t++) xs.push(xs[t - 1] * Math.exp(vol * (u() - 0.5)));
      return xs;
    });
    const { values, indicator } = runDrawdown(levels);
    levels.forEach((xs, i) => {
      xs.forEach((s, t) => {
        const peak = Math.max(...xs.slice(0, t + 1));
        expect(Math.abs(values[t][i] - (1 - s / peak))).toBeLessThanOrEqual(1e-12);
      });
      expect(indicator.peak[i]).toBe(Math.max(...xs));
    });
  });

  it('is NaN before the first update and 0 on it', () => {
    const indicator = new DrawdownIndicator({ pathCount: 2 });
    expect(indicator.ready).toBe(false);
    for (const v of indicator.value) expect(v).toBeNaN();
    indicator.update(Float64Array.of(5000, 4000));
    expect(indicator.ready).toBe(true);
    expect(Array.from(indicator.value)).toEqual([0, 0]);
    expect(Array.from(indicator.peak)).toEqual([5000, 4000]);
  });

  it.each([0, -1, Number.NaN, Infinity])(
    'rejects a level of %s before changing any state',
    (bad) => {
      const indicator = new DrawdownIndicator({ pathCount: 2 });
      indicator.update(Float64Array.of(100, 100));
      expect(() => indicator.update(Float64Array.of(90, bad))).toThrow(RangeError);
      expect(indicator.updateCount).toBe(1);
      indicator.update(Float64Array.of(90, 80));
      expect(indicator.value[0]).toBeCloseTo(0.1, 15);
      expect(indicator.value[1]).toBeCloseTo(0.2, 15);
    },
  );

  it('rejects a short input array and a bad path count', () => {
    expect(() => new DrawdownIndicator({ pathCount: 2 }).update(new Float64Array(1))).toThrow(
      RangeError,
    );
    expect(() => new DrawdownIndicator({ pathCount: -2 })).toThrow(RangeError);
  });
});
