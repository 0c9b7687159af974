import { describe, expect, it } from 'vitest';
import { Histogram } from '../../../../src/engine/stats/histogram.ts';

/** Mulberry32: a small seeded generator for test data (the engine's RNG is not needed here). */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normals(seed: number, n: number): number[] {
  const u = mulberry32(seed);
  return Array.from(
    { length: n },
    () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()),
  );
}

/** Hyndman & Fan type 7 on a sorted copy: the reference the histogram approximates. */
function exactType7(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

const PROBS = [0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1];

describe('Histogram', () => {
  it.each([
    [
      'VIX-like log-normal levels',
      { lo: 0, hi: 250, width: 0.01 },
      (z: number) => 18 * Math.exp(0.35 * z),
    ],
    ['21-day log returns', { lo: -2, hi: 1, width: 1e-4 }, (z: number) => 0.005 + 0.05 * z],
  ])(
    'type-7 quantiles of 20,000 seeded %s are within half a bin of the exact ones',
    (_, grid, map) => {
      const xs = normals(7, 20_000).map(map);
      const h = new Histogram(grid);
      for (const x of xs) h.add(x);
      for (const p of PROBS) {
        expect(Math.abs(h.quantile(p) - exactType7(xs, p))).toBeLessThanOrEqual(
          grid.width / 2 + 1e-12,
        );
      }
    },
  );

  it('is exact for data on the bin-centre grid (VIX closes quoted to 0.01)', () => {
    const u = mulberry32(3);
    const xs = Array.from({ length: 5001 }, () => Math.round(1000 + 3000 * u()) / 100);
    const h = new Histogram({ lo: 0, hi: 250, width: 0.01 });
    for (const x of xs) h.add(x);
    const got = h.quantiles(PROBS);
    PROBS.forEach((p, j) => expect(got[j]).toBeCloseTo(exactType7(xs, p), 9));
  });

  it('merging two histograms equals one histogram over all samples', () => {
    const xs = normals(11, 3000);
    const grid = { lo: -5, hi: 5, width: 0.001 };
    const all = new Histogram(grid);
    const a = new Histogram(grid);
    const b = new Histogram(grid);
    xs.forEach((x, i) => {
      all.add(x);
      (i % 3 === 0 ? a : b).add(x);
    });
    a.merge(b);
    expect(a.counts).toEqual(all.counts);
    expect(a.quantiles(PROBS)).toEqual(all.quantiles(PROBS));
  });

  it('round-trips through its trimmed plain-data state', () => {
    const h = new Histogram({ lo: 0, hi: 100, width: 0.5 });
    [10, 10.2, 11, 40, -3, 120, 130].forEach((x) => h.add(x));
    const s = structuredClone(h.state());
    expect(s.offset).toBe(20);
    expect(s.counts.length).toBe(61);
    const back = Histogram.fromState(s);
    expect(back.counts).toEqual(h.counts);
    expect(back.quantiles(PROBS)).toEqual(h.quantiles(PROBS));
  });

  it('counts values outside the range; each side stands for its most extreme value', () => {
    const h = new Histogram({ lo: 0, hi: 10, width: 1 });
    [-7, -2, 5, 12, 30].forEach((x) => h.add(x));
    expect(h.outOfRange()).toBe(4);
    expect(h.total()).toBe(5);
    expect(h.quantile(0)).toBe(-7);
    expect(h.quantile(0.25)).toBe(-7);
    expect(h.quantile(0.5)).toBe(5);
    expect(h.quantile(1)).toBe(30);
  });

  it('ignores NaN, and gives NaN for an empty histogram or p outside [0, 1]', () => {
    const h = new Histogram({ lo: 0, hi: 10, width: 1 });
    h.add(Number.NaN);
    expect(h.total()).toBe(0);
    expect(h.quantile(0.5)).toBeNaN();
    h.add(3);
    expect(h.quantile(0.5)).toBe(3);
    expect(h.quantile(1.5)).toBeNaN();
  });

  it('refuses an empty range, a non-positive width and merges across different grids', () => {
    expect(() => new Histogram({ lo: 1, hi: 1, width: 0.1 })).toThrow(RangeError);
    expect(() => new Histogram({ lo: 0, hi: 1, width: 0 })).toThrow(RangeError);
    const a = new Histogram({ lo: 0, hi: 1, width: 0.1 });
    expect(() => a.merge(new Histogram({ lo: 0, hi: 1, width: 0.01 }))).toThrow(RangeError);
  });
});
