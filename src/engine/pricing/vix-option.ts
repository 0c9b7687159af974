/**
 * European VIX options under the SVCJ/Heston model: e^{−rh}·E_Q[(VIX_{t+h} − K)⁺ | v_t = v] and the
 * put. VIX options settle on the VIX at expiry, whose expectation is the VIX future of that expiry
 * (vix-future.ts), so put–call parity reads C − P = e^{−rh}(F − K).
 *
 * Method. VIX_h = g(v_h) = 100·√(a v_h + c) is increasing in v_h, so with x* = g⁻¹(K)
 *   E[(g(v_h) − K)⁺] = ∫_{x*}^∞ g'(x)·P(v_h > x) dx,   E[(K − g(v_h))⁺] = ∫_0^{x*} g'(x)·P(v_h ≤ x) dx.
 * The law of v_h comes from its characteristic function (variance-transform.ts) by the Fourier-
 * cosine (COS) expansion of Fang & Oosterlee (2008) on [lo, hi]. The density of v_h behaves like
 * x^{δ−1} at 0 (δ = 2κθ/σ², often < 1), which would make a cosine series converge slowly, so the
 * leading terms of the transform at u → ∞ are split off first: writing z = 1/(1 + uβ),
 *   E[e^{−u v_h}] = (1 + uβ)^{−δ}·G(z),  G(z) = e^{−m₀/β}e^{(m₀/β)z}·(jump factor), m₀ = v e^{−κh},
 * and the Taylor coefficients G_0 … G_7 of G at z = 0 give a mixture Σ_j G_j·Gamma(δ + j, β) (for
 * the CIR part alone: the first terms of the noncentral χ² Poisson–Gamma mixture, Johnson–Kotz
 * ch. 29; the jump factor adds signed corrections, see `gammaWeights`). The remainder's density is
 * then ~x^{δ+J−1} at 0 and its cosine coefficients decay fast; the series is truncated adaptively
 * once the neglected terms' effect on a price falls below the tolerance (typically 30–200 terms;
 * more at horizons of days with variance jumps, where the law is narrow next to the jump range).
 * The survival function and density of the whole law are summed on a uniform grid by one FFT
 * (remainder) plus incomplete gamma functions (mixture), and integrated against g' with cubic
 * Hermite cells (exact end slopes) into cumulative call/put integrals, so one build prices every
 * strike in O(1). Next to 0, where the Gamma(δ) density is singular, the mixture's put integral is
 * computed exactly instead (Gauss–Legendre after y = x*·t^r, which removes the y^{δ−1} singularity).
 *
 * The out-of-the-money side (call for K ≥ F, put below) is integrated; the other side follows
 * from parity with the transform-based future, so parity holds to rounding.
 *
 * Tested against the noncentral χ² route (no variance jumps: ∫ g'(x)·P(χ'² > x/c₀) dx), nested
 * Monte Carlo with exact sampling, with and without variance jumps (3 standard errors), parity, and
 * the convergence of the expansion in the number of terms.
 */

import type { OptionType } from './black-scholes.ts';
import { cExp, cLog, cMul, cScale, cSub, complex } from '../math/complex.ts';
import { fftInPlace } from '../math/fft.ts';
import { gaussLegendre } from '../math/gauss-legendre.ts';
import { logGamma, regularizedGamma } from '../math/gamma.ts';
import { createVarianceTransform, expectedSqrt } from './variance-transform.ts';
import type { VixFutureInput } from './vix-future.ts';
import { hestonVix, vixCoefficients } from './vix-index.ts';

/** Inputs of `vixOption`. */
export interface VixOptionInput extends VixFutureInput {
  type: OptionType;
  /** Strike in vol points (> 0; 0 gives the forward for a call). */
  strike: number;
  /** r, continuous, annual: the payoff is discounted over `horizon` (default 0). */
  rate?: number;
}

/** Accuracy settings of a smile build. */
export interface VixSmileAccuracy {
  /** Target absolute error of a price in vol points (default 1e-9). */
  tolerance?: number;
  /** Cap on the number of cosine terms (default 8192). */
  maxTerms?: number;
}

/** Undiscounted VIX option prices at one (v, horizon), every strike in O(1) after the build. */
export interface VixSmile {
  /** The VIX future of this expiry, E[VIX_h] (points). */
  readonly forward: number;
  /** The horizon in years. */
  readonly horizon: number;
  /** Cosine terms used (diagnostics). */
  readonly terms: number;
  /** E[(VIX_h − K)⁺], undiscounted. */
  call(strike: number): number;
  /** E[(K − VIX_h)⁺], undiscounted. */
  put(strike: number): number;
}

const DEFAULT_TOLERANCE = 1e-9;
const DEFAULT_MAX_TERMS = 8192;
/** The per-term truncation estimate understates the error ~50× (calibrated by the tests). */
const TOLERANCE_SAFETY = 0.01;
/** Consecutive negligible cosine terms required before the series is cut. */
const QUIET_RUN = 16;
const MIN_TERMS = 32;
/** Right end of the expansion interval: mean + this many sd (or scales of the Gamma/jump tails). */
const SD_SPAN = 12;
const SCALE_SPAN = 30;
/** At most this many Gamma components are split off; each must keep |G_j| ≤ GAMMA_WEIGHT_CAP. */
const GAMMA_TERMS = 8;
const GAMMA_WEIGHT_CAP = 4;
/** Gauss–Legendre nodes for the Gamma mixture's payoff integral near 0 (fine / coarse tolerance). */
const GAMMA_NODES_FINE = 48;
const GAMMA_NODES_COARSE = 20;
/**
 * Grid cells for the cumulative payoff integrals: at least GRID_MIN (GRID_MIN_FINE when the
 * tolerance is below FINE_TOLERANCE: with 256 cells and 20 Gauss–Legendre nodes the Gamma mixture's
 * integration error is ~3e-6 points), and GRID_PER_TERM per cosine term.
 */
const GRID_MIN = 256;
const GRID_MIN_FINE = 2048;
const FINE_TOLERANCE = 1e-5;
const GRID_PER_TERM = 4;
const GRID_PER_TERM_COARSE = 2;
/**
 * Next to 0 the Gamma mixture (density ~x^{δ−1}) is integrated exactly rather than on the grid: over
 * at least this many cells and NEAR_ZERO_SCALES·β (where the singular derivatives have decayed).
 */
const NEAR_ZERO_CELLS = 8;
const NEAR_ZERO_SCALES = 3;

/** Intrinsic-value smile: the law of VIX_h is a point mass at `level`. */
function degenerateSmile(level: number, horizon: number): VixSmile {
  return {
    forward: level,
    horizon,
    terms: 0,
    call: (strike) => Math.max(level - strike, 0),
    put: (strike) => Math.max(strike - level, 0),
  };
}

/**
 * Taylor coefficients G_0…G_{J−1} of G(z) = (1 + uβ)^δ·E[e^{−u v_h}] in z = 1/(1 + uβ), so that
 * E[e^{−u v_h}] = Σ_j G_j (1 + uβ)^{−δ−j}: a mixture of Gamma(δ + j, β) laws. ln G is explicit:
 *   ln G = −m₀/β + ln P(J = 0) + (m₀/β) z + Σ_{n≥1} (−1)^{n+1}/n · (λβm/b')·Σ_{i<n} α₁^i α₂^{n−1−i} zⁿ
 * with b' = β + μ_v e, α₁ = β/b' − 1, α₂ = β/μ_v − 1 (from the jump factor
 * ((1 + ub')/(1 + uμ_v))^p written in z), and G = exp(ln G) by the power-series recurrence
 * n G_n = Σ_k k H_k G_{n−k}. Without variance jumps G_j = e^{−m₀/β}(m₀/β)^j/j!, the Poisson weights
 * of the noncentral χ² mixture. The series in z converges on the unit disk only when μ_v is not
 * small next to β; terms stop once a coefficient exceeds GAMMA_WEIGHT_CAP (the split stays exact:
 * whatever is not split off stays in the cosine-expanded remainder).
 */
function gammaWeights(
  m0: number,
  beta: number,
  m: number,
  jumpIntensity: number,
  jumpMean: number,
  decay: number,
  jumpAtom: number,
): Float64Array {
  const ratio = m0 / beta;
  const logG0 = -ratio + Math.log(jumpAtom);
  const hCoeffs = new Float64Array(GAMMA_TERMS);
  hCoeffs[1] = ratio;
  if (jumpIntensity > 0 && jumpMean > 0) {
    const bPrime = beta + jumpMean * decay;
    const scale = (jumpIntensity * beta * m) / bPrime;
    const alpha1 = beta / bPrime - 1;
    const alpha2 = beta / jumpMean - 1;
    for (let n = 1; n < GAMMA_TERMS; n++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += alpha1 ** i * alpha2 ** (n - 1 - i);
      hCoeffs[n] += ((n % 2 === 1 ? 1 : -1) / n) * scale * sum;
    }
  }
  const weights = new Float64Array(GAMMA_TERMS);
  weights[0] = Math.exp(logG0);
  let count = 1;
  for (let n = 1; n < GAMMA_TERMS; n++) {
    let acc = 0;
    for (let k = 1; k <= n; k++) acc += k * hCoeffs[k] * weights[n - k];
    const next = acc / n;
    if (!(Math.abs(next) <= GAMMA_WEIGHT_CAP)) break;
    weights[n] = next;
    count = n + 1;
  }
  return weights.subarray(0, count);
}

/**
 * The mixture Σ_j G_j·Gamma(δ + j, β) (weights may be of either sign): its survival function and
 * density for the payoff grid, and the exact put-side payoff integral near 0, where the Gamma(δ)
 * density's y^{δ−1} singularity defeats polynomial rules on a grid.
 */
interface GammaMixture {
  /** Σ_j G_j. */
  readonly mass: number;
  /** Writes Σ_j G_j·P(Y_j > x) and Σ_j G_j·f_j(x) for x > 0 into out[0], out[1]. */
  tails(x: number, out: Float64Array): void;
  /** Σ_j G_j·E_j[(K − g(Y_j))⁺] at K = g(x*), x* > 0. */
  putBelow(xStar: number): number;
}

function createGammaMixture(
  weights: Float64Array,
  delta: number,
  beta: number,
  g: (x: number) => number,
  nodeCount: number,
): GammaMixture {
  const count = weights.length;
  let mass = 0;
  for (let j = 0; j < count; j++) mass += weights[j];
  const { nodes, weights: glWeights } = gaussLegendre(nodeCount);
  const logGammaDelta = logGamma(delta);
  // Σ_j G_j (y/β)^j Γ(δ)/Γ(δ + j): the mixture density is Gamma(δ, β)'s times this polynomial.
  const polynomial = (yOverBeta: number): number => {
    let term = 1;
    let sum = weights[0];
    for (let j = 1; j < count; j++) {
      term *= yOverBeta / (delta + j - 1);
      sum += weights[j] * term;
    }
    return sum;
  };
  // Substitution y = x*·t^r with r·δ ≥ 3 makes t^{rδ−1} smooth at t = 0.
  const r = Math.min(40, Math.max(1, Math.ceil(3 / delta)));
  return {
    mass,
    tails(x, out) {
      const y = x / beta;
      // Q(δ + j + 1, y) = Q(δ + j, y) + u_{j+1}, u_j = y^{δ+j−1}e^{−y}/Γ(δ + j) = β·density_j.
      let q = regularizedGamma(delta, y).q;
      let u = Math.exp((delta - 1) * Math.log(y) - y - logGammaDelta);
      let survival = weights[0] * q;
      let density = weights[0] * u;
      for (let j = 1; j < count; j++) {
        u *= y / (delta + j - 1);
        q += u;
        survival += weights[j] * q;
        density += weights[j] * u;
      }
      out[0] = survival;
      out[1] = density / beta;
    },
    putBelow(xStar) {
      const strike = g(xStar);
      const logNorm = delta * Math.log(xStar / beta) - logGammaDelta + Math.log(r);
      let sum = 0;
      for (let i = 0; i < nodes.length; i++) {
        const t = 0.5 * (nodes[i] + 1);
        const y = xStar * Math.pow(t, r);
        const density = Math.exp(logNorm + (r * delta - 1) * Math.log(t) - y / beta);
        sum += glWeights[i] * (strike - g(y)) * density * polynomial(y / beta);
      }
      return 0.5 * sum;
    },
  };
}

/** Hermite-cubic integral ∫_0^t p over one unit cell, p from values f0, f1 and slopes d0, d1 (per cell). */
function hermitePartial(t: number, f0: number, d0: number, f1: number, d1: number): number {
  const t2 = t * t;
  const t3 = t2 * t;
  const t4 = t3 * t;
  return (
    f0 * (0.5 * t4 - t3 + t) +
    d0 * (0.25 * t4 - (2 / 3) * t3 + 0.5 * t2) +
    f1 * (-0.5 * t4 + t3) +
    d1 * (0.25 * t4 - t3 / 3)
  );
}

/**
 * Builds the undiscounted VIX option prices at one (v, horizon) for all strikes (see the module
 * header for the method). `accuracy.tolerance` is the target absolute error in vol points; tolerances
 * of 1e-5 and above use a coarser grid (~3e-6 points of integration error) for table builds. Tested:
 * prices at tolerances 1e-5, 1e-7, 1e-9 lie within that distance of a 1e-12 build (1 week–1 year,
 * with variance jumps). Cost ~0.2–0.5 ms per build at 1e-5, ~0.5–3 ms at the default 1e-9.
 *
 * @throws RangeError for negative or non-finite inputs, θ = 0 with σ > 0, and σ = 0 with variance
 * jumps (the law then has atoms the cosine expansion cannot represent).
 */
export function createVixSmile(input: VixFutureInput, accuracy: VixSmileAccuracy = {}): VixSmile {
  const { v, kappa, theta, sigma, horizon, jumps, tau } = input;
  if (!(horizon >= 0) || !Number.isFinite(horizon))
    throw new RangeError(`horizon must be finite and ≥ 0, got ${horizon}`);
  if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`v must be finite and ≥ 0, got ${v}`);
  if (horizon === 0) return degenerateSmile(hestonVix({ v, kappa, theta, jumps, tau }), 0);
  const tolerance = (accuracy.tolerance ?? DEFAULT_TOLERANCE) * TOLERANCE_SAFETY;
  const maxTerms = accuracy.maxTerms ?? DEFAULT_MAX_TERMS;

  const { a, c } = vixCoefficients({ kappa, theta, jumps, tau });
  const law = createVarianceTransform({ kappa, theta, sigma, jumps }, horizon);
  const meanV = law.mean(v);
  const sdV = Math.sqrt(law.variance(v));
  const g = (x: number): number => 100 * Math.sqrt(a * x + c);
  const gInverse = (level: number): number => ((level / 100) ** 2 - c) / a;
  const forward = 100 * expectedSqrt((s) => -s * c + law.logLaplace(v, s * a), a * meanV + c);

  if (!(sigma > 0) && law.jumpIntensity > 0)
    throw new RangeError('sigma must be > 0 for VIX options with variance jumps');
  if (sdV <= 1e-12 * Math.max(meanV, 1e-12)) return degenerateSmile(g(meanV), horizon);
  if (sigma > 0 && !(theta > 0)) throw new RangeError('theta must be > 0 for VIX options');

  // Gamma mixture split off the law (none when σ = 0, or when it carries no mass).
  const beta = law.beta;
  const delta = sigma > 0 ? (2 * kappa * theta) / (sigma * sigma) : 0;
  let weights: Float64Array = new Float64Array(0);
  if (beta > 0) {
    weights = gammaWeights(
      v * law.decay,
      beta,
      law.m,
      law.jumpIntensity,
      law.jumpMean,
      law.decay,
      law.jumpAtom,
    );
    let size = 0;
    for (const w of weights) size += Math.abs(w);
    if (size < 1e-15) weights = new Float64Array(0);
  }
  const fine = (accuracy.tolerance ?? DEFAULT_TOLERANCE) < FINE_TOLERANCE;
  const mixture = createGammaMixture(
    weights,
    delta,
    beta,
    g,
    fine ? GAMMA_NODES_FINE : GAMMA_NODES_COARSE,
  );
  const lo = weights.length > 0 ? 0 : Math.max(0, meanV - SD_SPAN * sdV);
  // The split-off Gamma components must also have (numerically) no mass beyond hi, or the
  // remainder's compensating tail would alias into the cosine series: P(Gamma(s) > s + 8√s + 20) <
  // 1e-13 for every shape s used here.
  let mixtureEnd = 0;
  weights.forEach((w, j) => {
    const shape = delta + j;
    if (Math.abs(w) > 1e-16)
      mixtureEnd = Math.max(mixtureEnd, (shape + 8 * Math.sqrt(shape) + 20) * beta);
  });
  const hi = Math.max(
    meanV + Math.max(SD_SPAN * sdV, SCALE_SPAN * beta, SCALE_SPAN * law.jumpMean),
    mixtureEnd,
  );
  const remainderMass = 1 - mixture.mass;
  const span = hi - lo;

  // Cosine coefficients of the remainder density on [lo, hi]: A_k = (2/L)·Re[ψ(ω_k) e^{−iω_k lo}],
  // ψ(ω) = E[e^{iωv}] − Σ_j G_j (1 − iωβ)^{−δ−j}.
  const slopeMax = (50 * a) / Math.sqrt(a * lo + c);
  const coeffs: number[] = [(2 / span) * remainderMass];
  let quiet = 0;
  for (let k = 1; k < maxTerms; k++) {
    const omega = (k * Math.PI) / span;
    let transform = cExp(law.logLaplaceComplex(v, complex(0, -omega)));
    if (weights.length > 0) {
      // z = 1/(1 − iωβ); Σ_j G_j z^j by Horner, times (1 − iωβ)^{−δ} = exp(−δ·ln(1 − iωβ)).
      const logBase = cLog(complex(1, -omega * beta));
      const z = cExp(cScale(logBase, -1));
      let poly = complex(weights[weights.length - 1]);
      for (let j = weights.length - 2; j >= 0; j--) {
        const next = cMul(poly, z);
        poly = complex(next.re + weights[j], next.im);
      }
      transform = cSub(transform, cMul(poly, cExp(cScale(logBase, -delta))));
    }
    const re =
      lo === 0
        ? transform.re
        : transform.re * Math.cos(omega * lo) + transform.im * Math.sin(omega * lo);
    const ak = (2 / span) * re;
    coeffs.push(ak);
    const effect = 2 * Math.abs(ak) * (span / (k * Math.PI)) ** 2 * slopeMax;
    quiet = effect < tolerance ? quiet + 1 : 0;
    if (quiet >= QUIET_RUN && k >= MIN_TERMS) break;
  }
  const terms = coeffs.length;

  // Survival function and density of the remainder on the grid x_j = lo + j·h, j = 0…cells: both
  // series are the real parts of one inverse FFT of length 2·cells (cos(πjk/M) ± sin(πjk/M)).
  let cells = fine ? GRID_MIN_FINE : GRID_MIN;
  while (cells < (fine ? GRID_PER_TERM : GRID_PER_TERM_COARSE) * terms) cells *= 2;
  const h = span / cells;
  const re = new Float64Array(2 * cells);
  const im = new Float64Array(2 * cells);
  re[0] = 0.5 * coeffs[0];
  for (let k = 1; k < terms; k++) {
    re[k] = coeffs[k];
    im[k] = (coeffs[k] * span) / (k * Math.PI);
  }
  fftInPlace(re, im, 1);
  const survival = new Float64Array(cells + 1);
  const density = new Float64Array(cells + 1);
  for (let j = 0; j <= cells; j++) {
    const mirror = j === 0 ? 0 : 2 * cells - j;
    density[j] = 0.5 * (re[j] + re[mirror]);
    const sineSum = 0.5 * (re[mirror] - re[j]);
    survival[j] = 0.5 * coeffs[0] * (hi - (lo + j * h)) - sineSum;
  }

  // The payoff integrands g'·S (calls) and g'·(1 − S) (puts) with their x-derivatives, per cell.
  const slope = new Float64Array(cells + 1);
  const curvature = new Float64Array(cells + 1);
  for (let j = 0; j <= cells; j++) {
    const w = a * (lo + j * h) + c;
    slope[j] = (50 * a) / Math.sqrt(w);
    curvature[j] = (-25 * a * a) / (w * Math.sqrt(w));
  }
  /**
   * ∫ over [x_j, x_j + t·h] of g'·S (up) or g'·(mass − S) (down) for the law whose survival and
   * density on the grid are S and f: cubic Hermite with exact end slopes.
   */
  const cellIntegral = (
    j: number,
    t: number,
    up: boolean,
    mass: number,
    S: Float64Array,
    f: Float64Array,
  ): number => {
    const k = j + 1;
    const sign = up ? 1 : -1;
    const v0 = up ? S[j] : mass - S[j];
    const v1 = up ? S[k] : mass - S[k];
    const d0 = h * (curvature[j] * v0 - sign * slope[j] * f[j]);
    const d1 = h * (curvature[k] * v1 - sign * slope[k] * f[k]);
    return h * hermitePartial(t, slope[j] * v0, d0, slope[k] * v1, d1);
  };

  // Cells below `first` (near 0, where the Gamma mixture is singular) are integrated for the
  // remainder only, the mixture's put there exactly; from `first` on, the grid holds the whole law.
  const first =
    weights.length > 0
      ? Math.min(cells / 2, Math.max(NEAR_ZERO_CELLS, Math.ceil((NEAR_ZERO_SCALES * beta) / h)))
      : 0;
  const nearSurvival = survival.slice(0, first + 1);
  const nearDensity = density.slice(0, first + 1);
  const below = new Float64Array(cells + 1);
  for (let j = 0; j < first; j++)
    below[j + 1] = below[j] + cellIntegral(j, 1, false, remainderMass, nearSurvival, nearDensity);
  if (first > 0) {
    below[first] += mixture.putBelow(lo + first * h);
    const out = new Float64Array(2);
    for (let j = first; j <= cells; j++) {
      mixture.tails(lo + j * h, out);
      survival[j] += out[0];
      density[j] += out[1];
    }
  }
  for (let j = first; j < cells; j++)
    below[j + 1] = below[j] + cellIntegral(j, 1, false, 1, survival, density);
  const above = new Float64Array(cells + 1);
  for (let j = cells - 1; j >= first; j--)
    above[j] = above[j + 1] + cellIntegral(j, 1, true, 1, survival, density);

  const start = lo + first * h;
  const cellOf = (x: number): { j: number; t: number } => {
    const pos = (x - lo) / h;
    const j = Math.min(cells - 1, Math.max(0, Math.floor(pos)));
    return { j, t: pos - j };
  };
  /** E[(K − g(v_h))⁺] at K = g(x*), x* > lo. */
  const putAt = (xStar: number): number => {
    if (xStar >= hi) return below[cells] + (g(xStar) - g(hi));
    const { j, t } = cellOf(xStar);
    if (j >= first) return below[j] + cellIntegral(j, t, false, 1, survival, density);
    const near = cellIntegral(j, t, false, remainderMass, nearSurvival, nearDensity);
    return mixture.putBelow(xStar) + below[j] + near;
  };
  /** E[(g(v_h) − K)⁺] at K = g(x*), x* ≥ start. */
  const callAt = (xStar: number): number => {
    if (xStar >= hi) return 0;
    const { j, t } = cellOf(xStar);
    return above[j] - cellIntegral(j, t, true, 1, survival, density);
  };

  const floor = g(0);
  const otm = (strike: number): { call: number; put: number } => {
    const xStar = gInverse(strike);
    if (strike >= forward && xStar >= start) {
      const call = Math.max(callAt(xStar), 0);
      return { call, put: call - (forward - strike) };
    }
    if (strike <= floor || xStar <= lo) return { call: forward - strike, put: 0 };
    const put = Math.max(putAt(xStar), 0);
    return { call: put + (forward - strike), put };
  };

  return {
    forward,
    horizon,
    terms,
    call: (strike) => otm(strike).call,
    put: (strike) => otm(strike).put,
  };
}

/**
 * e^{−rate·horizon}·E_Q[(VIX_{t+horizon} − K)⁺ | v_t = v] (call) or the put, in vol points.
 * horizon = 0 gives the intrinsic value on the spot VIX; a strike at or below the VIX floor
 * 100·√c gives a worthless put and a call worth the discounted (F − K).
 *
 * Accuracy: ~1e-9 points (default tolerance; see `createVixSmile`). One evaluation builds the
 * whole smile (~0.5–3 ms); price many strikes at one (v, horizon) with `createVixSmile`.
 *
 * @throws RangeError for negative or non-finite inputs, or σ = 0 with variance jumps.
 */
export function vixOption(input: VixOptionInput): number {
  const { type, strike } = input;
  const rate = input.rate ?? 0;
  if (type !== 'call' && type !== 'put')
    throw new RangeError(`type must be 'call' or 'put', got ${String(type)}`);
  if (!(strike >= 0) || !Number.isFinite(strike))
    throw new RangeError(`strike must be finite and ≥ 0, got ${strike}`);
  if (!Number.isFinite(rate)) throw new RangeError(`rate must be finite, got ${rate}`);
  const smile = createVixSmile(input);
  const undiscounted = type === 'call' ? smile.call(strike) : smile.put(strike);
  return Math.exp(-rate * input.horizon) * undiscounted;
}
