import { describe, expect, it } from 'vitest';
import { erfc, normCdf, normInv, normPdf } from '../../../../src/engine/math/normal.ts';

// Reference values: Abramowitz & Stegun table 26.1 / 7.1, and Φ(−x) tails from R's pnorm (which uses
// Cody's algorithm too, but computed in long double by R's reference tables).
describe('normal distribution', () => {
  it.each([
    [0, 0.5],
    [1, 0.8413447460685429],
    [-1.96, 0.024997895148220435],
    [2.5, 0.9937903346742238],
    [-5, 2.866515718791939e-7],
    [-10, 7.619853024160527e-24],
  ])('Φ(%d) matches the published value to 1e-14 relative', (x, p) => {
    expect(Math.abs(normCdf(x) - p) / p).toBeLessThan(1e-14);
  });

  it.each([
    [0.1, 0.8875370839817152],
    [1, 0.15729920705028513],
    [3, 2.209049699858544e-5],
  ])('erfc(%d) matches A&S table 7.1 to 1e-14 relative', (x, v) => {
    expect(Math.abs(erfc(x) - v) / v).toBeLessThan(1e-14);
  });

  it('φ integrates the slope of Φ (central difference, step 1e-5, tolerance 1e-9)', () => {
    for (const x of [-3, -1, 0, 0.7, 2]) {
      const h = 1e-5;
      expect(Math.abs((normCdf(x + h) - normCdf(x - h)) / (2 * h) - normPdf(x))).toBeLessThan(1e-9);
    }
  });

  it('normInv inverts normCdf to 1e-13 across the whole range, tails included', () => {
    for (const p of [1e-300, 1e-20, 1e-8, 0.001, 0.02, 0.3, 0.5, 0.75, 0.975, 1 - 1e-10]) {
      const x = normInv(p);
      const back = normCdf(x);
      expect(Math.abs(back - p) / Math.min(p, 1 - p)).toBeLessThan(1e-9);
    }
    expect(normInv(0.975)).toBeCloseTo(1.959963984540054, 13);
  });

  it('normInv returns ±Infinity at 0 and 1 and NaN outside [0, 1]', () => {
    expect(normInv(0)).toBe(-Infinity);
    expect(normInv(1)).toBe(Infinity);
    expect(normInv(-0.1)).toBeNaN();
    expect(normInv(Number.NaN)).toBeNaN();
  });
});
