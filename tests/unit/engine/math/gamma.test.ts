import { describe, expect, it } from 'vitest';
import { logGamma, regularizedGamma } from '../../../../src/engine/math/gamma.ts';
import { erfc } from '../../../../src/engine/math/normal.ts';

describe('log-gamma and the regularised incomplete gamma functions', () => {
  it.each([1, 2, 5, 10, 20, 50])('ln Γ(%d) = ln((n−1)!) to 1e-13 relative', (n) => {
    let factorial = 0;
    for (let i = 2; i < n; i++) factorial += Math.log(i);
    expect(Math.abs(logGamma(n) - factorial)).toBeLessThan(1e-13 * Math.max(1, factorial));
  });

  it('ln Γ(½) = ln √π and ln Γ(0.1) (reflection branch) to 1e-14', () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    // Γ(0.1) = 9.513507698668731836 (A&S table 6.1)
    expect(logGamma(0.1)).toBeCloseTo(Math.log(9.513507698668732), 13);
  });

  it.each([0.1, 0.7, 1.5, 3, 8, 30])(
    'P(1, x) = 1 − e^{−x} and Q(1, x) = e^{−x} at x = %d (1e-14 relative)',
    (x) => {
      const { p, q } = regularizedGamma(1, x);
      expect(Math.abs(p - -Math.expm1(-x))).toBeLessThan(1e-14 * Math.max(p, 1e-300) + 1e-16);
      expect(Math.abs(q - Math.exp(-x)) / Math.exp(-x)).toBeLessThan(1e-13);
    },
  );

  it.each([0.01, 0.3, 1, 4, 12])(
    'Q(½, x) = erfc(√x) at x = %d (1e-13 relative, both branches)',
    (x) => {
      const { q } = regularizedGamma(0.5, x);
      const want = erfc(Math.sqrt(x));
      expect(Math.abs(q - want) / want).toBeLessThan(1e-13);
    },
  );

  it('P + Q = 1 and P increases in x, decreases in a', () => {
    for (const a of [0.2, 1.7, 25, 400]) {
      let last = 0;
      for (const x of [0.05 * a, 0.5 * a, a, 1.5 * a, 3 * a]) {
        const { p, q } = regularizedGamma(a, x);
        expect(Math.abs(p + q - 1)).toBeLessThan(1e-13);
        expect(p).toBeGreaterThanOrEqual(last);
        last = p;
        expect(regularizedGamma(a + 1, x).p).toBeLessThanOrEqual(p);
      }
    }
  });

  it('edge cases: x = 0, x = ∞, a = 0 (point mass at 0); negative inputs throw', () => {
    expect(regularizedGamma(2, 0)).toEqual({ p: 0, q: 1 });
    expect(regularizedGamma(2, Infinity)).toEqual({ p: 1, q: 0 });
    expect(regularizedGamma(0, 3)).toEqual({ p: 1, q: 0 });
    expect(() => regularizedGamma(-1, 1)).toThrow(RangeError);
    expect(() => regularizedGamma(1, -1)).toThrow(RangeError);
  });
});
