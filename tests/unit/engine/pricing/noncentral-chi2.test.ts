import { describe, expect, it } from 'vitest';
import { normCdf, normPdf } from '../../../../src/engine/math/normal.ts';
import {
  cirMoments,
  noncentralChi2Cdf,
  noncentralChi2Tails,
} from '../../../../src/engine/pricing/noncentral-chi2.ts';
import { createVarianceTransform } from '../../../../src/engine/pricing/variance-transform.ts';

describe('noncentral χ² distribution', () => {
  // df = 1: χ'² = (Z + √λ)², so P(χ'² ≤ x) = Φ(√x − √λ) − Φ(−√x − √λ) (exact).
  it.each([
    [0.5, 0.3],
    [2, 1],
    [9, 4],
    [40, 25],
  ])('df = 1 equals P((Z + √λ)² ≤ x) at x = %d, λ = %d (1e-13)', (x, ncp) => {
    const r = Math.sqrt(x);
    const s = Math.sqrt(ncp);
    expect(
      Math.abs(noncentralChi2Cdf(x, 1, ncp) - (normCdf(r - s) - normCdf(-r - s))),
    ).toBeLessThan(1e-13);
  });

  // df = 3: the derivative in λ of the df = 1 case gives the closed form
  // Φ(√x − √λ) − Φ(−√x − √λ) − [φ(√x − √λ) − φ(√x + √λ)]/√λ (Johnson–Kotz ch. 29).
  it.each([
    [2, 1.5],
    [10, 4],
    [0.3, 0.2],
  ])('df = 3 equals its closed form at x = %d, λ = %d (1e-13)', (x, ncp) => {
    const r = Math.sqrt(x);
    const s = Math.sqrt(ncp);
    const want = normCdf(r - s) - normCdf(-r - s) - (normPdf(r - s) - normPdf(r + s)) / s;
    expect(Math.abs(noncentralChi2Cdf(x, 3, ncp) - want)).toBeLessThan(1e-13);
  });

  // SciPy 1.17 stats.ncx2 (Boost's noncentral χ²) at large noncentrality and in a far tail.
  it.each([
    [380, 1.6, 400, 0.3009706016591713],
    [450, 1.6, 400, 0.8846650651023441],
    [0.01, 0.3, 2, 0.178751584831535],
  ])('ncx2.cdf(x = %d, df = %d, ncp = %d) = %d as SciPy (1e-12)', (x, df, ncp, want) => {
    expect(Math.abs(noncentralChi2Cdf(x, df, ncp) - want)).toBeLessThan(1e-12);
  });

  it('the survival function keeps relative precision in the upper tail (SciPy sf 8.96465468514743e-6, 1e-10 relative)', () => {
    const { sf } = noncentralChi2Tails(60, 4, 10);
    expect(Math.abs(sf / 8.96465468514743e-6 - 1)).toBeLessThan(1e-10);
  });

  it('central case: sf of χ²(2) is e^{−x/2} to 1e-14 relative, even at x = 200', () => {
    for (const x of [0.1, 3, 40, 200]) {
      const { sf } = noncentralChi2Tails(x, 2, 0);
      expect(Math.abs(sf / Math.exp(-x / 2) - 1)).toBeLessThan(1e-13);
    }
  });

  it('cdf + sf = 1 and the cdf increases in x; x ≤ 0 gives 0', () => {
    let last = 0;
    for (const x of [0.01, 0.1, 1, 3, 10, 30, 100]) {
      const { cdf, sf } = noncentralChi2Tails(x, 0.7, 12);
      expect(Math.abs(cdf + sf - 1)).toBeLessThan(1e-13);
      expect(cdf).toBeGreaterThan(last);
      last = cdf;
    }
    expect(noncentralChi2Cdf(0, 2, 1)).toBe(0);
    expect(noncentralChi2Cdf(-1, 2, 1)).toBe(0);
  });

  it('rejects df ≤ 0, ncp < 0 and NaN', () => {
    expect(() => noncentralChi2Cdf(1, 0, 1)).toThrow(RangeError);
    expect(() => noncentralChi2Cdf(1, 1, -1)).toThrow(RangeError);
    expect(() => noncentralChi2Cdf(Number.NaN, 1, 1)).toThrow(RangeError);
  });
});

describe('CIR (+ exponential jump) transition moments', () => {
  // The Laplace transform of v_T (variance-transform.ts, derived independently from the Riccati
  // equations) has cumulants −d/du ln φ(0) = mean and d²/du² ln φ(0) = variance; central
  // differences with step 1e-3 are accurate to ~1e-9 relative here.
  it.each([
    [0.02, 1.5, 0.04, 0.5, 0.5, 0, 0],
    [0.09, 5, 0.04, 0.8, 0.1, 0, 0],
    [0.04, 5, 0.04, 0.7, 0.25, 1.2, 0.05],
    [0.01, 0.3, 0.05, 0.4, 2, 0.5, 0.1],
  ])(
    'v0 = %d, κ = %d, θ = %d, σ = %d, T = %d, λ = %d, μ_v = %d: mean (1e-7) and variance (1e-5, second difference) match the transform cumulants',
    (v0, kappa, theta, sigma, time, intensity, varianceMean) => {
      const jumps = { intensity, varianceMean };
      const { mean, variance } = cirMoments({ v0, kappa, theta, sigma, time, jumps });
      const law = createVarianceTransform({ kappa, theta, sigma, jumps }, time);
      const step = 1e-3;
      const f = (u: number): number => law.logLaplace(v0, u);
      const slope = (f(step) - f(-step)) / (2 * step);
      const curvature = (f(step) - 2 * f(0) + f(-step)) / (step * step);
      expect(Math.abs(-slope / mean - 1)).toBeLessThan(1e-7);
      expect(Math.abs(curvature / variance - 1)).toBeLessThan(1e-5);
      expect(Math.abs(law.mean(v0) - mean)).toBeLessThan(1e-15);
      expect(Math.abs(law.variance(v0) - variance)).toBeLessThan(1e-15);
    },
  );

  it('κ = 0 is the limit: mean v0 + λμ_v T, variance σ²T(v0 + λμ_vT/2) + 2λμ_v²T', () => {
    const jumps = { intensity: 0.5, varianceMean: 0.1 };
    const got = cirMoments({ v0: 0.04, kappa: 0, theta: 0.04, sigma: 0.6, time: 2, jumps });
    expect(got.mean).toBeCloseTo(0.04 + 0.1, 15);
    expect(got.variance).toBeCloseTo(0.36 * 2 * (0.04 + 0.05) + 2 * 0.5 * 0.01 * 2, 15);
  });
});
