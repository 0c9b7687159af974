/**
 * Characteristic function of the log price in the Heston (1993) model, with optional Bates (1996)
 * log-normal price jumps and the simultaneous exponential variance jumps of the SVCJ model
 * (Duffie, Pan & Singleton 2000; Eraker 2004) with independent jump sizes (ρ_J = 0).
 *
 * Under Q, with F_t = S₀·e^{(r−q)t} the forward and X = ln(S_t/F_t):
 *   dX = (−λk̄ − v/2) dt + √v dW₁ + J dN,          J ~ N(μ_J, s_J²),  k̄ = e^{μ_J + s_J²/2} − 1
 *   dv = κ(θ − v) dt + σ√v dW₂ + Z dN,             Z ~ Exp(mean μ_v),  d⟨W₁,W₂⟩ = ρ dt
 * and the characteristic function is exponential-affine in v₀:
 *   ln E[e^{iuX}] = C(u,t) + D(u,t)·v₀ − iuλk̄t + λ(ψ_J(u)·I(u,t) − t),
 * with ψ_J(u) = e^{iuμ_J − u²s_J²/2}, I(u,t) = ∫₀ᵗ ds / (1 − μ_v·D(u,s)) (I = t without variance
 * jumps, the Bates case), and C, D in the "little Heston trap" form of Albrecher, Mayer, Schoutens
 * & Tistaert (2007), which stays on the principal branch of the logarithm for every
 * maturity:
 *   β = κ − ρσiu,  d = √(β² + σ²(iu + u²)) (Re d ≥ 0),  g = (β − d)/(β + d),
 *   D = (β − d)/σ² · (1 − e^{−dt})/(1 − g·e^{−dt}),
 *   C = κθ/σ² · [(β − d)t − 2 ln((1 − g·e^{−dt})/(1 − g))].
 * We evaluate β − d as −σ²(iu + u²)/(β + d) and the logarithm as a log1p difference, so the
 * formulas stay exact as σ → 0 (the Black–Scholes and Merton-76 limits) instead of dividing
 * rounding noise by σ².
 *
 * The variance-jump integral has a closed form (the DPS transform, re-derived): with
 * a = (β − d)/σ², A = 1 − μ_v a, y = e^{−dt} and z = (g − μ_v a)/A,
 *   I = t/A − μ_v a (1 − g)/(A² d) · [ln(1 − z y) − ln(1 − z)]/z,
 * where the logarithm is taken on the continuous branch ln(1 − μ_v D(u,t)) + ln(1 − g y) −
 * ln(1 − g) (each factor keeps a positive real part along s ∈ [0, t]). Tested against
 * Gauss–Legendre quadrature of the defining integral.
 *
 * Valid for u in the strip −1 ≤ Im u ≤ 0 used by the pricing formulas (u real for COS, u − i/2 for
 * Lewis, u = −i for the martingale check φ(−i) = 1).
 */

import type { Complex } from '../math/complex.ts';
import { cAdd, cAddReal, cExp, cScale } from '../math/complex.ts';

/** Jump part of the Q dynamics (same names as JumpParams in model/market-params.ts). */
export interface HestonJumps {
  /** λ: jumps per year (≥ 0). */
  intensity: number;
  /** μ_J: mean log price jump. */
  meanLog: number;
  /** s_J: standard deviation of the log price jump (≥ 0). */
  sdLog: number;
  /** μ_v: mean of the simultaneous exponential variance jump (≥ 0); 0 or absent is Bates. */
  varianceMean?: number;
}

/** Q-dynamics of the variance (and jumps) that the characteristic function depends on. */
export interface HestonDynamics {
  /** κ: mean-reversion speed of v (per year). */
  kappa: number;
  /** θ: long-run variance. */
  theta: number;
  /** σ: volatility of variance (≥ 0; 0 gives deterministic variance). */
  sigma: number;
  /** ρ: correlation of price and variance shocks. */
  rho: number;
  jumps?: HestonJumps;
}

/**
 * The pieces of ln φ(u) for X = ln(S_t/F_t):
 *   ln φ(u) = constant + varianceCoefficient·v₀ + jumpDrift + jumpArrival − λt.
 * Splitting them lets a table reuse everything but v₀, and separate the paths with and without
 * jumps: e^{−λt}·exp(constant + varianceCoefficient·v₀ + jumpDrift) is the part of φ on paths
 * with no jump in [0, t].
 */
export interface HestonLogCfTerms {
  /** C(u,t): the pure-Heston term independent of v₀. */
  constant: Complex;
  /** D(u,t): the coefficient of v₀. */
  varianceCoefficient: Complex;
  /** −iuλk̄t: the jump compensator. */
  jumpDrift: Complex;
  /** λ·ψ_J(u)·I(u,t): the jump arrivals (λt when u = 0). */
  jumpArrival: Complex;
  /** λt. */
  jumpIntensityTime: number;
}

/**
 * Layout of the buffer filled by `hestonLogCfTermsInto`: real and imaginary parts of C, D, the
 * jump drift and the jump arrivals.
 */
export const CF_TERMS_LENGTH = 8;

/**
 * Allocation-free core of `hestonLogCfTerms`: writes [Re C, Im C, Re D, Im D, Re drift, Im drift,
 * Re arrivals, Im arrivals] for u = uRe + i·uIm into `out`. The SPX option table calls it a few
 * hundred thousand times per build, so the complex arithmetic is written out on scalars; each
 * block names the formula of the module comment it evaluates.
 */
export function hestonLogCfTermsInto(
  dynamics: HestonDynamics,
  uRe: number,
  uIm: number,
  time: number,
  out: Float64Array,
): void {
  const { kappa, theta, sigma, rho, jumps } = dynamics;
  const t = time;
  const s2 = sigma * sigma;
  // iu = (−uIm, uRe); u² ; q = iu + u².
  const u2Re = uRe * uRe - uIm * uIm;
  const u2Im = 2 * uRe * uIm;
  const qRe = -uIm + u2Re;
  const qIm = uRe + u2Im;
  // β = κ − ρσ·iu.
  const bRe = kappa + rho * sigma * uIm;
  const bIm = -rho * sigma * uRe;
  // d = √(β² + σ²q), principal root, computed without cancellation in either half.
  const zRe = bRe * bRe - bIm * bIm + s2 * qRe;
  const zIm = 2 * bRe * bIm + s2 * qIm;
  const zAbs = Math.sqrt(zRe * zRe + zIm * zIm);
  let dRe: number;
  let dIm: number;
  if (zRe >= 0) {
    dRe = Math.sqrt(0.5 * (zAbs + zRe));
    dIm = dRe > 0 ? zIm / (2 * dRe) : 0;
  } else {
    const im = Math.sqrt(0.5 * (zAbs - zRe));
    dIm = zIm < 0 ? -im : im;
    dRe = zIm / (2 * dIm);
  }
  // a = (β − d)/σ² = −q/(β + d);  γ = g/σ² = a/(β + d);  g = σ²γ.
  const pRe = bRe + dRe;
  const pIm = bIm + dIm;
  const pAbs2 = pRe * pRe + pIm * pIm;
  // β + d = 0 only at u = 0 with κ = 0, where q = 0 and the limits are a = γ = 0.
  const inv = pAbs2 > 0 ? 1 / pAbs2 : 0;
  const aRe = -(qRe * pRe + qIm * pIm) * inv;
  const aIm = -(qIm * pRe - qRe * pIm) * inv;
  const gammaRe = (aRe * pRe + aIm * pIm) * inv;
  const gammaIm = (aIm * pRe - aRe * pIm) * inv;
  const gRe = s2 * gammaRe;
  const gIm = s2 * gammaIm;
  // y = e^{−dt}.
  const yMod = Math.exp(-dRe * t);
  const yRe = yMod * Math.cos(dIm * t);
  const yIm = -yMod * Math.sin(dIm * t);
  // D = a(1 − y)/(1 − g y).
  const gyRe = gRe * yRe - gIm * yIm;
  const gyIm = gRe * yIm + gIm * yRe;
  const nRe = aRe * (1 - yRe) + aIm * yIm;
  const nIm = aIm * (1 - yRe) - aRe * yIm;
  const mRe = 1 - gyRe;
  const mIm = -gyIm;
  const mAbs2 = mRe * mRe + mIm * mIm;
  const DRe = (nRe * mRe + nIm * mIm) / mAbs2;
  const DIm = (nIm * mRe - nRe * mIm) / mAbs2;
  // ℓ = [ln(1 − g y) − ln(1 − g)]/g, by its series Σ gⁿ⁻¹(1 − yⁿ)/n when |g| is tiny (the next
  // term is O(|g|²) < 1e-14 relative).
  let lRe: number;
  let lIm: number;
  if (gRe * gRe + gIm * gIm < 1e-14) {
    const hRe = 1 + 0.5 * (gRe * (1 + yRe) - gIm * yIm);
    const hIm = 0.5 * (gRe * yIm + gIm * (1 + yRe));
    lRe = (1 - yRe) * hRe + yIm * hIm;
    lIm = (1 - yRe) * hIm - yIm * hRe;
  } else {
    const logDiffRe = log1pRe(-gyRe, -gyIm) - log1pRe(-gRe, -gIm);
    const logDiffIm = Math.atan2(-gyIm, 1 - gyRe) - Math.atan2(-gIm, 1 - gRe);
    const gAbs2 = gRe * gRe + gIm * gIm;
    lRe = (logDiffRe * gRe + logDiffIm * gIm) / gAbs2;
    lIm = (logDiffIm * gRe - logDiffRe * gIm) / gAbs2;
  }
  // C = κθ (a t − 2γℓ).
  const kt = kappa * theta;
  out[0] = kt * (aRe * t - 2 * (gammaRe * lRe - gammaIm * lIm));
  out[1] = kt * (aIm * t - 2 * (gammaRe * lIm + gammaIm * lRe));
  out[2] = DRe;
  out[3] = DIm;

  const lambda = jumps ? jumps.intensity : 0;
  if (!jumps || !(lambda > 0)) {
    out[4] = 0;
    out[5] = 0;
    out[6] = 0;
    out[7] = 0;
    return;
  }
  const { meanLog, sdLog } = jumps;
  const muV = jumps.varianceMean ?? 0;
  // −iuλk̄t.
  const driftScale = -lambda * Math.expm1(meanLog + 0.5 * sdLog * sdLog) * t;
  out[4] = -uIm * driftScale;
  out[5] = uRe * driftScale;
  // ψ_J(u) = exp(iuμ_J − u²s_J²/2).
  const half = 0.5 * sdLog * sdLog;
  const eRe = -uIm * meanLog - half * u2Re;
  const eIm = uRe * meanLog - half * u2Im;
  const psiMod = Math.exp(eRe);
  const psiRe = psiMod * Math.cos(eIm);
  const psiIm = psiMod * Math.sin(eIm);
  let iRe = t;
  let iIm = 0;
  if (muV > 0) {
    // I = t/A − μ_v a(1 − g)/(A² d) · Λ,  A = 1 − μ_v a,  z = (g − μ_v a)/A,
    // Λ = [ln(1 − z y) − ln(1 − z)]/z on the branch ln(1 − μ_v D) + ln(1 − g y) − ln(1 − g).
    const maRe = muV * aRe;
    const maIm = muV * aIm;
    const ARe = 1 - maRe;
    const AIm = -maIm;
    const AAbs2 = ARe * ARe + AIm * AIm;
    const wRe = gRe - maRe;
    const wIm = gIm - maIm;
    const zzRe = (wRe * ARe + wIm * AIm) / AAbs2;
    const zzIm = (wIm * ARe - wRe * AIm) / AAbs2;
    let LRe: number;
    let LIm: number;
    if (zzRe * zzRe + zzIm * zzIm < 1e-14) {
      const hRe = 1 + 0.5 * (zzRe * (1 + yRe) - zzIm * yIm);
      const hIm = 0.5 * (zzRe * yIm + zzIm * (1 + yRe));
      LRe = (1 - yRe) * hRe + yIm * hIm;
      LIm = (1 - yRe) * hIm - yIm * hRe;
    } else {
      const xRe = 1 - muV * DRe;
      const xIm = -muV * DIm;
      // ln(1 − g y) − ln(1 − g) = g·ℓ, already computed for C.
      const logRe = 0.5 * Math.log(xRe * xRe + xIm * xIm) + (gRe * lRe - gIm * lIm);
      const logIm = Math.atan2(xIm, xRe) + (gRe * lIm + gIm * lRe);
      const zAbs2 = zzRe * zzRe + zzIm * zzIm;
      LRe = (logRe * zzRe + logIm * zzIm) / zAbs2;
      LIm = (logIm * zzRe - logRe * zzIm) / zAbs2;
    }
    // coefficient = μ_v a (1 − g) / (A² d).
    const c1Re = maRe * (1 - gRe) + maIm * gIm;
    const c1Im = maIm * (1 - gRe) - maRe * gIm;
    const A2Re = ARe * ARe - AIm * AIm;
    const A2Im = 2 * ARe * AIm;
    const c2Re = A2Re * dRe - A2Im * dIm;
    const c2Im = A2Re * dIm + A2Im * dRe;
    // d = 0 only where a = 0 too (u = 0 with κ = 0); the term then vanishes.
    const c2Abs2 = c2Re * c2Re + c2Im * c2Im;
    const cInv = c2Abs2 > 0 ? 1 / c2Abs2 : 0;
    const coRe = (c1Re * c2Re + c1Im * c2Im) * cInv;
    const coIm = (c1Im * c2Re - c1Re * c2Im) * cInv;
    iRe = (t * ARe) / AAbs2 - (coRe * LRe - coIm * LIm);
    iIm = (-t * AIm) / AAbs2 - (coRe * LIm + coIm * LRe);
  }
  out[6] = lambda * (psiRe * iRe - psiIm * iIm);
  out[7] = lambda * (psiRe * iIm + psiIm * iRe);
}

/** Re ln(1 + w) for w = (re, im), accurate for small |w|. */
function log1pRe(re: number, im: number): number {
  return 0.5 * Math.log1p(re * (2 + re) + im * im);
}

const scratch = new Float64Array(CF_TERMS_LENGTH);

/**
 * C(u,t), D(u,t) and the jump terms of ln φ(u) (see the module comment), for complex u with
 * −1 ≤ Im u ≤ 0 and t ≥ 0.
 */
export function hestonLogCfTerms(
  dynamics: HestonDynamics,
  u: Complex,
  time: number,
): HestonLogCfTerms {
  hestonLogCfTermsInto(dynamics, u.re, u.im, time, scratch);
  const jumps = dynamics.jumps;
  return {
    constant: { re: scratch[0], im: scratch[1] },
    varianceCoefficient: { re: scratch[2], im: scratch[3] },
    jumpDrift: { re: scratch[4], im: scratch[5] },
    jumpArrival: { re: scratch[6], im: scratch[7] },
    jumpIntensityTime: jumps && jumps.intensity > 0 ? jumps.intensity * time : 0,
  };
}

/** ln φ(u) from its terms for a given v₀. */
export function logCfFromTerms(terms: HestonLogCfTerms, v0: number): Complex {
  return cAddReal(
    cAdd(
      cAdd(terms.constant, cScale(terms.varianceCoefficient, v0)),
      cAdd(terms.jumpDrift, terms.jumpArrival),
    ),
    -terms.jumpIntensityTime,
  );
}

/**
 * φ(u) = E_Q[e^{iuX}], X = ln(S_t/F_t), in the Heston/Bates/SVCJ model started at variance v₀.
 * φ(−i) = 1 (the forward is a martingale) and φ(0) = 1. Multiply by e^{iu ln F_t} for the
 * characteristic function of ln S_t.
 *
 * Tested: martingale and normalisation conditions, the σ → 0 limit (Gaussian with the
 * deterministic integrated variance), the closed-form variance-jump integral against quadrature,
 * and through every Heston/Bates reference price in pricing-vectors.json.
 */
export function hestonCharacteristicFunction(
  input: HestonDynamics & { v0: number; time: number; u: Complex },
): Complex {
  return cExp(logCfFromTerms(hestonLogCfTerms(input, input.u, input.time), input.v0));
}
