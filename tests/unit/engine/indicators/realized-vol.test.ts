import { describe, expect, it } from 'vitest';
import { RealizedVolIndicator } from '../../../../src/engine/indicators/realized-vol.ts';

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

/** Daily log returns of different character, one per path: calm, volatile, a crash, exact zeros. */
function testReturns(days: number): number[][] {
  const u = uniforms(3);
  return [
    Array.from({ length: days }, () => 0.02 * (u() - 0.5)),
    Array.from({ length: days }, () => 0.08 * (u() - 0.5)),
    Array.from({ length: days }, (_, t) =>
      t === 100 ? -0.2 : t > 100 && t < 110 ? 0.05 * (u() - 0.5) : 0.01 * (u() - 0.5),
    ),
    Array.from({ length: days }, (_, t) => (t % 50 < 30 ? 0 : 0.01 * Math.sin(t))),
  ];
}

/** 100·√(252/n · Σ r²) over the n returns ending at each day; NaN before the n-th. */
function realizedVolBatch(returns: number[], n: number): number[] {
  return returns.map((_, t) => {
    if (t < n - 1) return Number.NaN;
    const window = returns.slice(t - n + 1, t + 1);
    return 100 * Math.sqrt((252 / n) * window.reduce((s, r) => s + r * r, 0));
  });
}

function runRealizedVol(
  returns: number[][],
  window?: number,
): { indicator: RealizedVolIndicator; values: number[][] } {
  const indicator = new RealizedVolIndicator({ pathCount: returns.length, window });
  const r = new Float64Array(returns.length);
  const values: number[][] = [];
  for (let t = 0; t < returns[0].length; t++) {
    returns.forEach((xs, i) => (r[i] = xs[t]));
    indicator.update(r);
    values.push(Array.from(indicator.value));
  }
  return { indicator, values };
}

describe('RealizedVolIndicator', () => {
  it('gives hand-computed values on a 3-day window', () => {
    // 100·√(252/3 · Σ r²) = 100·√(84·Σ r²) over the last three returns.
    const returns = [0.01, -0.02, 0.03, 0, 0, 0, 0.05];
    const expected = [
      Number.NaN,
      Number.NaN,
      100 * Math.sqrt(84 * 0.0014),
      100 * Math.sqrt(84 * 0.0013),
      100 * Math.sqrt(84 * 0.0009),
      0,
      100 * Math.sqrt(84 * 0.0025),
    ];
    const { values } = runRealizedVol([returns], 3);
    expected.forEach((e, t) => {
      if (Number.isNaN(e)) expect(values[t][0]).toBeNaN();
      else expect(Math.abs(values[t][0] - e)).toBeLessThanOrEqual(1e-12);
    });
  });

  it.each([21, 5, 1])(
    'matches the batch window sum over many ring wrap-arounds on four paths to 1e-12 (window %i)',
    (window) => {
      const returns = testReturns(400);
      const { values } = runRealizedVol(returns, window);
      returns.forEach((xs, i) => {
        const reference = realizedVolBatch(xs, window);
        reference.forEach((ref, t) => {
          if (Number.isNaN(ref)) expect(values[t][i]).toBeNaN();
          else expect(Math.abs(values[t][i] - ref)).toBeLessThanOrEqual(1e-12);
        });
      });
    },
  );

  it('is NaN for exactly the first window − 1 updates (default window 21)', () => {
    const indicator = new RealizedVolIndicator({ pathCount: 2 });
    expect(indicator.window).toBe(21);
    expect(indicator.warmUpUpdates).toBe(21);
    for (let t = 1; t <= 25; t++) {
      indicator.update(Float64Array.of(0.01, -0.01));
      expect(indicator.ready).toBe(t >= 21);
      for (const v of indicator.value) expect(Number.isNaN(v)).toBe(t < 21);
    }
    // A constant |r| = 1 % gives 100·√252·1 % = 15.87 vol points.
    for (const v of indicator.value) expect(v).toBeCloseTo(Math.sqrt(252), 12);
  });

  it('falls to 0 (never NaN or negative) when zero returns follow large ones', () => {
    const window = 5;
    const crash = [0.2, -0.25, 0.3, 0.1, -0.15, 0.12, -0.3];
    const returns = [...crash, ...Array(3 * window).fill(0)];
    const { values } = runRealizedVol([returns], window);
    // Error of the compensated sum after N updates ≲ ε·Σ + 2N²ε²·max Σ (module comment); Σ = 0.
    const updates = returns.length;
    const maxWindowSumSq = 0.3 ** 2 + 0.25 ** 2 + 0.3 ** 2 + 0.15 ** 2 + 0.12 ** 2;
    const sumSqError = 2 * updates ** 2 * 2 ** -104 * maxWindowSumSq;
    const bound = 100 * Math.sqrt((252 / window) * sumSqError);
    for (let t = crash.length + window - 1; t < returns.length; t++) {
      expect(values[t][0]).toBeGreaterThanOrEqual(0);
      expect(values[t][0]).toBeLessThanOrEqual(bound);
    }
  });

  it('rejects a non-finite return before changing any state', () => {
    const returns = testReturns(50).slice(0, 2);
    const indicator = new RealizedVolIndicator({ pathCount: 2, window: 7 });
    const clean = new RealizedVolIndicator({ pathCount: 2, window: 7 });
    for (let t = 0; t < 50; t++) {
      const r = Float64Array.from(returns, (xs) => xs[t]);
      if (t === 12) {
        const bad = Float64Array.from(r);
        bad[1] = Number.NaN;
        expect(() => indicator.update(bad)).toThrow(RangeError);
      }
      indicator.update(r);
      clean.update(r);
    }
    expect(Array.from(indicator.value)).toEqual(Array.from(clean.value));
  });

  it('rejects a short input array and bad options', () => {
    expect(() => new RealizedVolIndicator({ pathCount: 2 }).update(new Float64Array(1))).toThrow(
      RangeError,
    );
    expect(() => new RealizedVolIndicator({ pathCount: 1, window: 0 })).toThrow(RangeError);
    expect(() => new RealizedVolIndicator({ pathCount: 1.5 })).toThrow(RangeError);
  });
});
