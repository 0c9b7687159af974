import { describe, expect, it } from 'vitest';
import { gaussLegendre } from '../../../../src/engine/math/gauss-legendre.ts';
import { noncentralChi2Tails } from '../../../../src/engine/pricing/noncentral-chi2.ts';
import { vixFuture } from '../../../../src/engine/pricing/vix-future.ts';
import { hestonVix, vixCoefficients } from '../../../../src/engine/pricing/vix-index.ts';
import { createVixSmile, vixOption } from '../../../../src/engine/pricing/vix-option.ts';
import { createRng, meanAndError, sampleVariance } from './exact-variance-sampler.ts';

const base = { kappa: 5, theta: 0.04, sigma: 0.7 };
const jumps = { intensity: 1, meanLog: -0.05, sdLog: 0.05, varianceMean: 0.05 };

/** ∫_lower^upper f by composite 16-point Gauss–Legendre after x = lower + (upper − lower)·t⁴. */
function integrate(f: (x: number) => number, lower: number, upper: number, panels = 200): number {
  const { nodes, weights } = gaussLegendre(16);
  const span = upper - lower;
  let sum = 0;
  for (let p = 0; p < panels; p++) {
    for (let i = 0; i < nodes.length; i++) {
      const t = (p + 0.5 * (nodes[i] + 1)) / panels;
      sum += (weights[i] / (2 * panels)) * f(lower + span * t ** 4) * 4 * span * t ** 3;
    }
  }
  return sum;
}

/**
 * The noncentral χ² route (no variance jumps): with x* = g⁻¹(K),
 * call = ∫_{x*}^∞ g'(x)·P(v_h > x) dx and put = ∫_0^{x*} g'(x)·P(v_h ≤ x) dx.
 */
function chiSquareRoute(
  v: number,
  kappa: number,
  theta: number,
  sigma: number,
  horizon: number,
  strike: number,
): { call: number; put: number } {
  const { a, c } = vixCoefficients({ kappa, theta });
  const e = Math.exp(-kappa * horizon);
  const c0 = (sigma * sigma * (1 - e)) / (4 * kappa);
  const df = (4 * kappa * theta) / (sigma * sigma);
  const ncp = (v * e) / c0;
  const slope = (x: number): number => (50 * a) / Math.sqrt(a * x + c);
  const xStar = ((strike / 100) ** 2 - c) / a;
  const upper = c0 * (df + ncp + 60 * Math.sqrt(2 * (df + 2 * ncp)) + 200);
  const call = integrate((x) => slope(x) * noncentralChi2Tails(x / c0, df, ncp).sf, xStar, upper);
  const put = integrate((x) => slope(x) * noncentralChi2Tails(x / c0, df, ncp).cdf, 0, xStar);
  return { call, put };
}

describe('VIX options', () => {
  it.each([
    [0.04, 5, 0.04, 0.7, 30 / 365],
    [0.02, 5, 0.04, 0.7, 0.5],
    [0.15, 3, 0.05, 0.9, 0.1],
    [0.0397, 4.6705, 0.0696, 2.064, 30 / 365],
    [0.04, 5, 0.04, 0.7, 3 / 365],
  ])(
    'v = %d, κ = %d, θ = %d, σ = %d, h = %d: calls and puts at 0.8F, F, 1.3F equal the noncentral χ² route (1e-8 points)',
    (v, kappa, theta, sigma, horizon) => {
      const smile = createVixSmile({ v, kappa, theta, sigma, horizon });
      for (const m of [0.8, 1, 1.3]) {
        const strike = m * smile.forward;
        const want = chiSquareRoute(v, kappa, theta, sigma, horizon, strike);
        expect(Math.abs(smile.call(strike) - want.call)).toBeLessThan(1e-8);
        expect(Math.abs(smile.put(strike) - want.put)).toBeLessThan(1e-8);
      }
    },
  );

  it('put–call parity: C − P = e^{−rh}(F − K) to 1e-9, with F the transform-based future', () => {
    for (const j of [undefined, jumps]) {
      const input = { v: 0.06, ...base, horizon: 0.2, jumps: j, rate: 0.04 };
      const forward = vixFuture(input);
      for (const strike of [12, 18, forward, 25, 40]) {
        const call = vixOption({ ...input, type: 'call', strike });
        const put = vixOption({ ...input, type: 'put', strike });
        expect(Math.abs(call - put - Math.exp(-0.04 * 0.2) * (forward - strike))).toBeLessThan(
          1e-9,
        );
      }
    }
  });

  // Nested Monte Carlo with exact sampling of v_h (see exact-variance-sampler.ts); 200k draws with a
  // fixed seed; every price within 3 standard errors. Puts below F are integrated directly, those
  // above F come from parity, calls the other way round: both sides are checked.
  it.each([
    ['Heston, 1 month', 0.04, 30 / 365, undefined],
    ['Heston, 4 months, high v', 0.12, 1 / 3, undefined],
    ['SVCJ, 1 month', 0.04, 30 / 365, jumps],
    ['SVCJ, 6 months, low v', 0.015, 0.5, jumps],
  ] as const)(
    '%s: calls and puts at 0.8F, F, 1.3F within 3 SE of exact-sampling Monte Carlo (200k)',
    (_, v, horizon, j) => {
      const rng = createRng(777);
      const { a, c } = vixCoefficients({ kappa: base.kappa, theta: base.theta, jumps: j });
      const model = { ...base, jumpIntensity: j?.intensity, jumpMean: j?.varianceMean };
      const n = 200_000;
      const vix = new Float64Array(n);
      for (let i = 0; i < n; i++)
        vix[i] = 100 * Math.sqrt(a * sampleVariance(rng, model, v, horizon) + c);
      const smile = createVixSmile({ v, ...base, horizon, jumps: j });
      for (const m of [0.8, 1, 1.3]) {
        const strike = m * smile.forward;
        const calls = vix.map((x) => Math.max(x - strike, 0));
        const puts = vix.map((x) => Math.max(strike - x, 0));
        const mcCall = meanAndError(calls);
        const mcPut = meanAndError(puts);
        expect(Math.abs(smile.call(strike) - mcCall.mean)).toBeLessThan(3 * mcCall.stdErr);
        expect(Math.abs(smile.put(strike) - mcPut.mean)).toBeLessThan(3 * mcPut.stdErr);
      }
    },
  );

  it.each([1e-5, 1e-7, 1e-9])(
    'accuracy setting %d: prices within that many points of a 1e-12 build (with jumps, 1 week … 1 year)',
    (tolerance) => {
      for (const horizon of [7 / 365, 30 / 365, 0.25, 1]) {
        const input = { v: 0.05, ...base, horizon, jumps };
        const coarse = createVixSmile(input, { tolerance });
        const fine = createVixSmile(input, { tolerance: 1e-12 });
        for (const m of [0.7, 0.9, 1, 1.2, 1.6, 2.5]) {
          const strike = m * fine.forward;
          expect(Math.abs(coarse.call(strike) - fine.call(strike))).toBeLessThan(tolerance);
        }
      }
    },
  );

  it('calls decrease and are convex in the strike; 0 ≤ put ≤ K', () => {
    const smile = createVixSmile({ v: 0.03, ...base, horizon: 0.15, jumps });
    let last = Infinity;
    const strikes = Array.from({ length: 40 }, (_, i) => 10 + i);
    const calls = strikes.map((k) => smile.call(k));
    for (let i = 0; i < strikes.length; i++) {
      expect(calls[i]).toBeLessThan(last);
      last = calls[i];
      const put = smile.put(strikes[i]);
      expect(put).toBeGreaterThanOrEqual(0);
      expect(put).toBeLessThanOrEqual(strikes[i]);
      if (i > 0 && i < strikes.length - 1)
        expect(calls[i - 1] - 2 * calls[i] + calls[i + 1]).toBeGreaterThan(-1e-9);
    }
  });

  it('edge cases: horizon 0 is intrinsic on spot; strikes at or below the floor 100√c; σ = 0 is deterministic', () => {
    const spot = hestonVix({ v: 0.05, kappa: 5, theta: 0.04, jumps });
    expect(vixOption({ type: 'call', v: 0.05, ...base, jumps, horizon: 0, strike: 20 })).toBe(
      Math.max(spot - 20, 0),
    );
    expect(vixOption({ type: 'put', v: 0.05, ...base, jumps, horizon: 0, strike: 30 })).toBe(
      Math.max(30 - spot, 0),
    );
    const { c } = vixCoefficients({ kappa: 5, theta: 0.04, jumps });
    const floor = 100 * Math.sqrt(c);
    const input = { v: 0.05, ...base, jumps, horizon: 0.1 };
    expect(vixOption({ ...input, type: 'put', strike: floor * 0.99 })).toBe(0);
    expect(vixOption({ ...input, type: 'call', strike: floor * 0.99 })).toBeCloseTo(
      vixFuture(input) - floor * 0.99,
      12,
    );
    expect(vixOption({ ...input, type: 'call', strike: 0 })).toBeCloseTo(vixFuture(input), 12);
    const flat = { v: 0.09, kappa: 2, theta: 0.04, sigma: 0, horizon: 0.5 };
    const level = vixFuture(flat);
    expect(vixOption({ ...flat, type: 'call', strike: level - 1 })).toBeCloseTo(1, 12);
  });

  it('rejects bad inputs: type, negative strike, NaN rate, σ = 0 with variance jumps', () => {
    const input = { v: 0.04, ...base, horizon: 0.1, strike: 20 };
    expect(() => vixOption({ ...input, type: 'straddle' as 'call' })).toThrow(RangeError);
    expect(() => vixOption({ ...input, type: 'call', strike: -1 })).toThrow(RangeError);
    expect(() => vixOption({ ...input, type: 'call', rate: Number.NaN })).toThrow(RangeError);
    expect(() => vixOption({ ...input, type: 'call', sigma: 0, jumps })).toThrow(RangeError);
  });
});
