/**
 * The noncentral χ² distribution and the moments of the CIR variance transition.
 *
 * Under Q the Heston variance dv = κ(θ − v)dt + σ√v dW is a CIR process; given v_t = v, the law of
 * v_{t+T} is c₀·χ'²(d, λ₀) with c₀ = σ²(1 − e^{−κT})/(4κ), d = 4κθ/σ², λ₀ = v e^{−κT}/c₀
 * (Cox, Ingersoll & Ross 1985, eq. 18; Andersen 2008 §3.1). With exponential variance jumps
 * (mean μ_v, intensity λ) the mean and variance below gain the jump terms; the law itself is then
 * handled through its transform (variance-transform.ts).
 *
 * The distribution function is the Poisson mixture of central χ² laws
 *   P(χ'² ≤ x) = Σ_j e^{−λ₀/2}(λ₀/2)^j/j! · P(d/2 + j, x/2),
 * summed outward from the Poisson mode with the recurrences P(a + 1, y) = P(a, y) − y^a e^{−y}/Γ(a + 1)
 * (and Q(a + 1, y) = Q(a, y) + …), so one incomplete gamma evaluation serves all terms and both
 * tails are returned without cancellation (Johnson, Kotz & Balakrishnan, Continuous Univariate
 * Distributions vol. 2, ch. 29; Ding 1992, Applied Statistics AS 275, sums the same series).
 */

import type { HestonJumps } from './heston-characteristic.ts';
import { logGamma, regularizedGamma } from '../math/gamma.ts';

/** Poisson weights below this (relative to the largest) are dropped: their sum is < 1e-17. */
const WEIGHT_CUTOFF = 1e-18;

/** Both tails of a distribution function at one point. */
export interface Tails {
  /** P(X ≤ x). */
  readonly cdf: number;
  /** P(X > x) = 1 − cdf, accurate when small. */
  readonly sf: number;
}

function checkArgs(x: number, df: number, ncp: number): void {
  if (Number.isNaN(x)) throw new RangeError('noncentral χ²: x is NaN');
  if (!(df > 0) || !Number.isFinite(df))
    throw new RangeError(`noncentral χ²: df must be finite and > 0, got ${df}`);
  if (!(ncp >= 0) || !Number.isFinite(ncp))
    throw new RangeError(`noncentral χ²: ncp must be finite and ≥ 0, got ${ncp}`);
}

/**
 * P(χ'² ≤ x) and P(χ'² > x) for the noncentral χ² law with `df` > 0 degrees of freedom and
 * noncentrality `ncp` ≥ 0 (x ≤ 0 gives cdf 0).
 *
 * Accuracy: ~1e-14 absolute for moderate ncp (tested against the shared reference vectors to
 * 1e-12, against P((Z + √λ)² ≤ x) for df = 1 and against direct quadrature of the density); the
 * work grows like √ncp terms around the Poisson mode.
 *
 * @throws RangeError for df ≤ 0, ncp < 0, NaN or infinite parameters.
 */
export function noncentralChi2Tails(x: number, df: number, ncp: number): Tails {
  checkArgs(x, df, ncp);
  if (x <= 0) return { cdf: 0, sf: 1 };
  if (x === Infinity) return { cdf: 1, sf: 0 };
  const y = 0.5 * x;
  const h = 0.5 * ncp;
  const a0 = 0.5 * df;
  if (h === 0) {
    const g = regularizedGamma(a0, y);
    return { cdf: g.p, sf: g.q };
  }
  const j0 = Math.floor(h);
  const w0 = Math.exp(-h + j0 * Math.log(h) - logGamma(j0 + 1));
  const aMode = a0 + j0;
  const gMode = regularizedGamma(aMode, y);
  // t(a) = y^a e^{−y} / Γ(a + 1): the step between P(a, y) and P(a + 1, y).
  const tMode = Math.exp(aMode * Math.log(y) - y - logGamma(aMode + 1));
  let cdf = w0 * gMode.p;
  let sf = w0 * gMode.q;

  // Upward from the mode: j = j0 + 1, j0 + 2, …
  let w = w0;
  let p = gMode.p;
  let q = gMode.q;
  let t = tMode;
  let a = aMode;
  for (let j = j0 + 1; ; j++) {
    p = Math.max(p - t, 0);
    q = q + t;
    t *= y / (a + 1);
    a += 1;
    w *= h / j;
    cdf += w * p;
    sf += w * q;
    if (w < WEIGHT_CUTOFF * w0 && j > h) break;
  }

  // Downward from the mode: j = j0 − 1, …, 0. Going down, P(a − 1) = P(a) + t(a − 1).
  w = w0;
  p = gMode.p;
  q = gMode.q;
  t = tMode;
  a = aMode;
  for (let j = j0 - 1; j >= 0; j--) {
    t *= a / y; // t(a − 1) = t(a)·a/y
    a -= 1;
    p = p + t;
    q = Math.max(q - t, 0);
    w *= (j + 1) / h;
    cdf += w * p;
    sf += w * q;
    if (w < WEIGHT_CUTOFF * w0) break;
  }
  return { cdf: Math.min(cdf, 1), sf: Math.min(sf, 1) };
}

/**
 * P(χ'² ≤ x) for the noncentral χ² law (degrees of freedom `df` > 0, noncentrality `ncp` ≥ 0).
 * See `noncentralChi2Tails` for the method, accuracy and errors.
 */
export function noncentralChi2Cdf(x: number, df: number, ncp: number): number {
  return noncentralChi2Tails(x, df, ncp).cdf;
}

/** Inputs of the CIR (+ exponential jumps) transition moments; times in years. */
export interface CirMomentsInput {
  /** Variance at the start, v₀ ≥ 0. */
  v0: number;
  /** Mean-reversion speed κ ≥ 0 (κ = 0 is handled as the limit). */
  kappa: number;
  /** Long-run variance θ ≥ 0 (excluding the jump contribution). */
  theta: number;
  /** Volatility of variance σ ≥ 0. */
  sigma: number;
  /** Horizon T ≥ 0 in years. */
  time: number;
  /** Optional variance jumps: `intensity` λ and `varianceMean` μ_v are used. */
  jumps?: Pick<HestonJumps, 'intensity' | 'varianceMean'>;
}

/**
 * Mean and variance of v_T given v_0 for dv = κ(θ − v)dt + σ√v dW + Z dN, Z ~ Exp(mean μ_v),
 * N Poisson(λ). With e = e^{−κT}, m = (1 − e)/κ (= T at κ = 0):
 *   mean     = v₀e + θ(1 − e) + λμ_v m
 *   variance = σ² m [v₀ e + (θ(1 − e) + λμ_v m)/2] + 2λμ_v²·(1 − e²)/(2κ)
 * (no jumps: Andersen 2008 eq. 17; the jump terms solve d Var/dt = −2κ Var + σ² E[v_t] + λE[Z²]).
 * Tested against the shared reference vectors (1e-12) and by Monte Carlo in the VIX tests.
 */
export function cirMoments(input: CirMomentsInput): { mean: number; variance: number } {
  const { v0, kappa, theta, sigma, time, jumps } = input;
  const e = Math.exp(-kappa * time);
  const m = kappa > 0 ? -Math.expm1(-kappa * time) / kappa : time;
  const m2 = kappa > 0 ? -Math.expm1(-2 * kappa * time) / (2 * kappa) : time;
  const muV = jumps?.varianceMean ?? 0;
  const jumpDrift = jumps ? jumps.intensity * muV : 0;
  const jumpSecond = jumps ? 2 * jumps.intensity * muV * muV : 0;
  const reverted = theta * (1 - e) + jumpDrift * m;
  const mean = v0 * e + reverted;
  const variance = sigma * sigma * m * (v0 * e + 0.5 * reverted) + jumpSecond * m2;
  return { mean, variance };
}
