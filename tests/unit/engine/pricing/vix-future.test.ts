import { describe, expect, it } from 'vitest';
import { gaussLegendre } from '../../../../src/engine/math/gauss-legendre.ts';
import { logGamma } from '../../../../src/engine/math/gamma.ts';
import { noncentralChi2Tails } from '../../../../src/engine/pricing/noncentral-chi2.ts';
import type { Complex } from '../../../../src/engine/math/complex.ts';
import { cAdd, cDiv, cExp, cScale, complex } from '../../../../src/engine/math/complex.ts';
import {
  createVarianceTransform,
  expectedLog,
  expectedSqrt,
} from '../../../../src/engine/pricing/variance-transform.ts';
import { expectedVixSquared, vixFuture } from '../../../../src/engine/pricing/vix-future.ts';
import { createVixSmile } from '../../../../src/engine/pricing/vix-option.ts';
import { VIX_TAU, hestonVix, vixCoefficients } from '../../../../src/engine/pricing/vix-index.ts';
import { createRng, meanAndError, sampleVariance } from './exact-variance-sampler.ts';

const base = { kappa: 5, theta: 0.04, sigma: 0.7 };
const jumps = { intensity: 1, meanLog: -0.05, sdLog: 0.05, varianceMean: 0.05 };

/** ∫_0^X f(x) dx, composite Gauss–Legendre after x = X·t⁴ (smooths x^{δ} behaviour at 0). */
function integrateFromZero(f: (x: number) => number, upper: number, panels = 40): number {
  const { nodes, weights } = gaussLegendre(16);
  let sum = 0;
  for (let p = 0; p < panels; p++) {
    for (let i = 0; i < nodes.length; i++) {
      const t = (p + 0.5 * (nodes[i] + 1)) / panels;
      sum += (weights[i] / (2 * panels)) * f(upper * t ** 4) * 4 * upper * t ** 3;
    }
  }
  return sum;
}

describe('the transform of v_T and the integrals E[√X], E[ln X] built on it', () => {
  // Affine structure: ln E[e^{−u v_T}] = A(T) − B(T)·v with B the CIR Riccati solution
  // B(s) = u e^{−κs}/(1 + uσ²(1 − e^{−κs})/(2κ)) and A(T) = ∫₀ᵀ [−κθB(s) + λ(1/(1 + μ_v B(s)) − 1)] ds,
  // integrated here by composite Gauss–Legendre (converged to ~1e-14), at real and complex u.
  it.each([
    [3, 0],
    [40, 0],
    [0, -25],
    [7, -300],
    [0, 1e4],
  ])('u = %d + %di: the closed form equals the integrated Riccati equations (1e-12)', (re, im) => {
    const [kappa, theta, sigma, time, v] = [5, 0.04, 0.7, 0.5, 0.05];
    for (const varianceMean of [0.02, 0.049, 0.1]) {
      const jumpsHere = { intensity: 1, varianceMean };
      const u = complex(re, im);
      const B = (s: number): Complex => {
        const e = Math.exp(-kappa * s);
        const beta = (sigma * sigma * (1 - e)) / (2 * kappa);
        return cDiv(cScale(u, e), cAdd(complex(1), cScale(u, beta)));
      };
      // s = T·t⁴ resolves the boundary layer of B near s = 0 when |u| is large.
      const { nodes, weights } = gaussLegendre(32);
      const panels = 16;
      let A = complex(0);
      for (let p = 0; p < panels; p++) {
        for (let i = 0; i < nodes.length; i++) {
          const t = (p + 0.5 * (nodes[i] + 1)) / panels;
          const b = B(time * t ** 4);
          const jump = cAdd(
            cDiv(complex(1), cAdd(complex(1), cScale(b, varianceMean))),
            complex(-1),
          );
          const integrand = cAdd(cScale(b, -kappa * theta), jump);
          A = cAdd(A, cScale(integrand, (weights[i] / (2 * panels)) * 4 * time * t ** 3));
        }
      }
      const want = cAdd(A, cScale(B(time), -v));
      const law = createVarianceTransform({ kappa, theta, sigma, jumps: jumpsHere }, time);
      const got = law.logLaplaceComplex(v, u);
      expect(Math.hypot(got.re - want.re, got.im - want.im)).toBeLessThan(1e-12);
      if (im === 0) expect(Math.abs(law.logLaplace(v, re) - want.re)).toBeLessThan(1e-12);
      // The characteristic function is bounded by 1 on the imaginary axis.
      if (re === 0) expect(Math.hypot(cExp(got).re, cExp(got).im)).toBeLessThanOrEqual(1);
    }
  });

  // Y ~ Gamma(k, β): E[√Y] = √β·Γ(k + ½)/Γ(k); E[ln Y] = ψ(k) + ln β with ψ(1) = −γ, ψ(2) = 1 − γ.
  it.each([0.3, 1, 2.5, 40])(
    'E[√Y] for Y ~ Gamma(%d, 0.02) matches √β Γ(k+½)/Γ(k) (1e-13 relative)',
    (k) => {
      const beta = 0.02;
      const got = expectedSqrt((s) => -k * Math.log1p(s * beta), k * beta);
      const want = Math.sqrt(beta) * Math.exp(logGamma(k + 0.5) - logGamma(k));
      expect(Math.abs(got / want - 1)).toBeLessThan(1e-13);
    },
  );

  it('E[ln Y] for Y ~ Gamma(1, β) and Gamma(2, β) is ψ(k) + ln β (1e-13)', () => {
    const euler = 0.5772156649015329;
    const beta = 0.05;
    expect(
      Math.abs(expectedLog((s) => -Math.log1p(s * beta), beta) - (Math.log(beta) - euler)),
    ).toBeLessThan(1e-13);
    expect(
      Math.abs(
        expectedLog((s) => -2 * Math.log1p(s * beta), 2 * beta) - (Math.log(beta) + 1 - euler),
      ),
    ).toBeLessThan(1e-13);
  });

  it('a point mass: E[√x] = √x and E[ln x] = ln x (1e-14)', () => {
    expect(expectedSqrt((s) => -s * 0.09, 0.09)).toBeCloseTo(0.3, 14);
    expect(expectedLog((s) => -s * 0.09, 0.09)).toBeCloseTo(Math.log(0.09), 13);
  });
});

describe('VIX futures', () => {
  // Independent route without variance jumps: E[g(v_T)] = g(0) + ∫ g'(x)·P(v_T > x) dx with the
  // noncentral χ² law of v_T, integrated by quadrature.
  it.each([
    [0.04, 5, 0.04, 0.7, 30 / 365],
    [0.01, 3, 0.06, 0.9, 0.25],
    [0.25, 6, 0.035, 0.6, 0.5],
    [0.0397, 4.6705, 0.0696, 2.064, 30 / 365],
  ])(
    'v = %d, κ = %d, θ = %d, σ = %d, h = %d: equals the noncentral χ² quadrature (1e-9 points)',
    (v, kappa, theta, sigma, horizon) => {
      const { a, c } = vixCoefficients({ kappa, theta });
      const e = Math.exp(-kappa * horizon);
      const c0 = (sigma * sigma * (1 - e)) / (4 * kappa);
      const df = (4 * kappa * theta) / (sigma * sigma);
      const ncp = (v * e) / c0;
      const upper = c0 * (df + ncp + 60 * Math.sqrt(2 * (df + 2 * ncp)) + 200);
      const integral = integrateFromZero(
        (x) => ((50 * a) / Math.sqrt(a * x + c)) * noncentralChi2Tails(x / c0, df, ncp).sf,
        upper,
      );
      const want = 100 * Math.sqrt(c) + integral;
      expect(Math.abs(vixFuture({ v, kappa, theta, sigma, horizon }) - want)).toBeLessThan(1e-9);
    },
  );

  it('is below √E[VIX²] (convexity); the gap is 0.5–2 points for σ = 0.5–0.8 at 1–6 months (κ = 5, v = θ = 0.04) and grows with σ and horizon', () => {
    const gap = (sigma: number, horizon: number): number => {
      const x = { v: 0.04, kappa: 5, theta: 0.04, sigma, horizon };
      return Math.sqrt(expectedVixSquared(x)) - vixFuture(x);
    };
    const sigmas = [0.5, 0.65, 0.8];
    const horizons = [1 / 12, 1 / 4, 1 / 2];
    for (const sigma of sigmas) {
      for (const horizon of horizons) {
        expect(gap(sigma, horizon)).toBeGreaterThan(0.5);
        expect(gap(sigma, horizon)).toBeLessThan(2);
      }
    }
    for (const horizon of horizons)
      for (let i = 1; i < sigmas.length; i++)
        expect(gap(sigmas[i], horizon)).toBeGreaterThan(gap(sigmas[i - 1], horizon));
    for (const sigma of sigmas)
      for (let i = 1; i < horizons.length; i++)
        expect(gap(sigma, horizons[i])).toBeGreaterThan(gap(sigma, horizons[i - 1]));
  });

  it('with variance jumps it is still below √E[VIX²], and jumps raise both', () => {
    const x = { v: 0.04, ...base, horizon: 0.25 };
    const withJumps = { ...x, jumps };
    expect(vixFuture(withJumps)).toBeLessThan(Math.sqrt(expectedVixSquared(withJumps)));
    expect(vixFuture(withJumps)).toBeGreaterThan(vixFuture(x));
  });

  it('horizon 0 returns the spot VIX exactly, and 1 minute later is within 1e-3 points of it', () => {
    for (const v of [0.005, 0.04, 0.5]) {
      const spot = hestonVix({ v, kappa: 5, theta: 0.04, jumps });
      expect(vixFuture({ v, ...base, jumps, horizon: 0 })).toBe(spot);
      const minute = 1 / (365 * 24 * 60);
      expect(Math.abs(vixFuture({ v, ...base, jumps, horizon: minute }) - spot)).toBeLessThan(1e-3);
    }
  });

  it('horizon → ∞ (CIR): tends to E[100√(aY + c)] under the stationary law Y ~ Gamma(2κθ/σ², σ²/(2κ)) (1e-9)', () => {
    const { kappa, theta, sigma } = base;
    const { a, c } = vixCoefficients({ kappa, theta });
    const shape = (2 * kappa * theta) / (sigma * sigma);
    const scale = (sigma * sigma) / (2 * kappa);
    // E[g(Y)] = g(0) + ∫ g'(x)·P(Y > x) dx; P(Y > x) from the central χ² (ncp = 0) survival.
    const integral = integrateFromZero(
      (x) =>
        ((50 * a) / Math.sqrt(a * x + c)) * noncentralChi2Tails((2 * x) / scale, 2 * shape, 0).sf,
      scale * (shape + 200),
    );
    const stationary = 100 * Math.sqrt(c) + integral;
    for (const v of [0.01, 0.3]) {
      expect(Math.abs(vixFuture({ v, ...base, horizon: 12 }) - stationary)).toBeLessThan(1e-9);
    }
  });

  it('horizon → ∞ with jumps: forgets v (v = 0.01 and 0.3 agree at 12 years, and 12 vs 24 years, to 1e-9)', () => {
    const at = (v: number, horizon: number): number => vixFuture({ v, ...base, jumps, horizon });
    expect(Math.abs(at(0.01, 12) - at(0.3, 12))).toBeLessThan(1e-9);
    expect(Math.abs(at(0.04, 12) - at(0.04, 24))).toBeLessThan(1e-9);
  });

  // Nested Monte Carlo, exact sampling of v_T (Poisson–Gamma CIR transition; Poisson jump count,
  // uniform jump times, exact CIR between jumps); 200k draws, seed fixed, tolerance 3 standard errors.
  it.each([
    ['Heston, v = 0.04, 1 month', 0.04, 30 / 365, undefined],
    ['Heston, v = 0.15, 3 months', 0.15, 0.25, undefined],
    ['SVCJ, v = 0.04, 1 month', 0.04, 30 / 365, jumps],
    ['SVCJ, v = 0.02, 6 months', 0.02, 0.5, jumps],
  ] as const)(
    '%s: vixFuture and E[VIX²] within 3 SE of exact-sampling Monte Carlo (200k)',
    (_, v, horizon, j) => {
      const rng = createRng(20260425);
      const { a, c } = vixCoefficients({ kappa: base.kappa, theta: base.theta, jumps: j });
      const model = { ...base, jumpIntensity: j?.intensity, jumpMean: j?.varianceMean };
      const n = 200_000;
      const vix = new Float64Array(n);
      const vix2 = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const x = a * sampleVariance(rng, model, v, horizon) + c;
        vix[i] = 100 * Math.sqrt(x);
        vix2[i] = 1e4 * x;
      }
      const mc = meanAndError(vix);
      const mc2 = meanAndError(vix2);
      const input = { v, ...base, horizon, jumps: j };
      expect(Math.abs(vixFuture(input) - mc.mean)).toBeLessThan(3 * mc.stdErr);
      expect(Math.abs(expectedVixSquared(input) - mc2.mean)).toBeLessThan(3 * mc2.stdErr);
    },
  );

  it('τ selects the VIX3M future; defaults are 30/365', () => {
    const one = vixFuture({ v: 0.02, ...base, horizon: 0.1 });
    expect(vixFuture({ v: 0.02, ...base, horizon: 0.1, tau: VIX_TAU })).toBe(one);
    expect(vixFuture({ v: 0.02, ...base, horizon: 0.1, tau: 93 / 365 })).toBeGreaterThan(one);
  });

  it('rejects negative horizons, variances and parameters', () => {
    expect(() => vixFuture({ v: 0.04, ...base, horizon: -1 })).toThrow(RangeError);
    expect(() => vixFuture({ v: -0.04, ...base, horizon: 1 })).toThrow(RangeError);
    expect(() => vixFuture({ v: 0.04, ...base, sigma: -1, horizon: 1 })).toThrow(RangeError);
    expect(() => vixFuture({ v: 0.04, ...base, horizon: Number.NaN })).toThrow(RangeError);
  });
});

describe('E_Q[VIX_T²]: closed form vs the option smile (Carr–Madan static replication)', () => {
  // E[X²] = F² + 2∫₀^∞ min(call(K), put(K)) dK for X ≥ 0 with mean F (Carr & Madan 1998; the
  // minimum is the out-of-the-money option). The variance part E[X²] − F² from the closed form
  // 100²(a·E[v_T] + c) must equal the strip priced by the independent COS route of vix-option.ts.
  // Trapezoid in K with step 0.01 pts: O(h²) with the kink at F, < 1e-6 of the variance; the
  // strip stops where calls are < 1e-12.
  it.each([
    [
      'Heston κ=5 θ=0.04 σ=0.7, 1 month',
      { v: 0.04, kappa: 5, theta: 0.04, sigma: 0.7, horizon: 30 / 365 },
    ],
    [
      'Heston κ=3 θ=0.05 σ=0.9, 6 months',
      { v: 0.02, kappa: 3, theta: 0.05, sigma: 0.9, horizon: 0.5 },
    ],
    [
      'SVCJ κ=4 θ=0.04 σ=0.6, 3 months',
      {
        v: 0.06,
        kappa: 4,
        theta: 0.04,
        sigma: 0.6,
        horizon: 0.25,
        jumps: { intensity: 1.5, meanLog: -0.03, sdLog: 0.06, varianceMean: 0.02 },
      },
    ],
  ])('%s: variance within 1e-6 relative', (_, input) => {
    const smile = createVixSmile(input);
    const forward = smile.forward;
    const h = 0.01;
    let strip = 0;
    for (let i = 1; ; i++) {
      const k = i * h;
      const outOfTheMoney = Math.min(smile.put(k), smile.call(k));
      strip += h * outOfTheMoney;
      if (k > forward && outOfTheMoney < 1e-12) break;
    }
    const closedFormVariance = expectedVixSquared(input) - forward * forward;
    expect(Math.abs(2 * strip - closedFormVariance) / closedFormVariance).toBeLessThan(1e-6);
  });
});
