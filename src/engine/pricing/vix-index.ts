/**
 * The VIX index (and VIX3M, VIX6M) as a function of the instantaneous variance under Q.
 *
 * The CBOE VIX is the price of the τ-day log contract: VIX² = −(2/τ)·E_Q[ln(S_{t+τ}/F_t)]·100²
 * (CBOE VIX white paper; Demeterfi, Derman, Kamal & Zou 1999). For the SVCJ model of
 * market-params.ts (variance jumps Z ~ Exp(μ_v) and log-normal price jumps J ~ N(μ_J, s_J²) at rate
 * λ) this is
 *   VIX²/100² = (1/τ)∫₀^τ E[v_s] ds + 2λ(E[e^J] − 1 − E[J])
 *             = a·v + (1 − a)·θ' + 2λ(k̄ − μ_J),   a = (1 − e^{−κτ})/(κτ),  θ' = θ + λμ_v/κ,
 * with k̄ = e^{μ_J + s_J²/2} − 1 (Zhang & Zhu 2006 for Heston; Healy 2025 eq. 4). Without jumps it is
 * the Heston formula of DESIGN §2. The jump term is the log contract's, not the expected quadratic
 * variation λE[J²]: the two VIX definitions differ when there are price jumps.
 *
 * So VIX = 100·√(a v + c) with c = (1 − a)θ + λμ_vτ·g(κτ) + 2λ(k̄ − μ_J), g(x) = (x − 1 + e^{−x})/x²
 * (the λμ_v/κ of θ' rewritten so that κ → 0 has no special case).
 */

import type { HestonJumps } from './heston-characteristic.ts';
import { CALENDAR_DAYS_PER_YEAR } from '../model/market-params.ts';

/** τ of the VIX: 30 calendar days (CBOE). */
export const VIX_TAU = 30 / CALENDAR_DAYS_PER_YEAR;
/** τ of the VIX3M (93 calendar days). */
export const VIX3M_TAU = 93 / CALENDAR_DAYS_PER_YEAR;
/** τ of the VIX6M (182 calendar days). */
export const VIX6M_TAU = 182 / CALENDAR_DAYS_PER_YEAR;

/** Inputs of `vixCoefficients`. */
export interface VixCoefficientsInput {
  /** κ_Q ≥ 0 (per year). */
  kappa: number;
  /** θ_Q ≥ 0 (variance, a fraction: 0.04 is 20 % vol). */
  theta: number;
  /**
   * Optional jumps: price jumps (Bates, DESIGN §7's `{ intensity, meanLog, sdLog }`) and, with
   * `varianceMean` > 0, variance jumps (SVCJ); zero intensity turns them off.
   */
  jumps?: HestonJumps;
  /** Window τ in years (default 30/365, the VIX; 93/365 and 182/365 give VIX3M and VIX6M). */
  tau?: number;
}

/** VIX = 100·√(a·v + c). */
export interface VixCoefficients {
  readonly a: number;
  readonly c: number;
}

/** Inputs of `hestonVix`: the coefficients' inputs plus the instantaneous variance v ≥ 0. */
export interface HestonVixInput extends VixCoefficientsInput {
  v: number;
}

function checkNonNegative(name: string, value: number): void {
  if (!(value >= 0) || !Number.isFinite(value))
    throw new RangeError(`${name} must be finite and ≥ 0, got ${value}`);
}

/** (1 − e^{−x})/x and (x − 1 + e^{−x})/x², with their series near 0. */
function averagingFactors(x: number): { a: number; g: number } {
  if (x < 1e-4) return { a: 1 - x / 2 + (x * x) / 6, g: 0.5 - x / 6 + (x * x) / 24 };
  return { a: -Math.expm1(-x) / x, g: (x + Math.expm1(-x)) / (x * x) };
}

/**
 * The coefficients a, c of VIX = 100·√(a v + c) for the given Q parameters and window τ, so a
 * simulation loop computes the index with one multiply-add and a square root.
 *
 * @throws RangeError when κ, θ, τ or the jump intensity / variance mean / sdLog are negative or not
 * finite.
 */
export function vixCoefficients(input: VixCoefficientsInput): VixCoefficients {
  const { kappa, theta, jumps } = input;
  const tau = input.tau ?? VIX_TAU;
  checkNonNegative('kappa', kappa);
  checkNonNegative('theta', theta);
  checkNonNegative('tau', tau);
  const { a, g } = averagingFactors(kappa * tau);
  let c = (1 - a) * theta;
  if (jumps) {
    // Checked even at zero intensity: a negative one must not pass as "no jumps".
    checkNonNegative('jumps.intensity', jumps.intensity);
    const muV = jumps.varianceMean ?? 0;
    checkNonNegative('jumps.varianceMean', muV);
    checkNonNegative('jumps.sdLog', jumps.sdLog);
    if (!Number.isFinite(jumps.meanLog))
      throw new RangeError(`jumps.meanLog must be finite, got ${jumps.meanLog}`);
    const lambda = jumps.intensity;
    const muJ = jumps.meanLog;
    const kbarMinusMu = Math.expm1(muJ + 0.5 * jumps.sdLog * jumps.sdLog) - muJ;
    if (lambda > 0) c += lambda * muV * tau * g + 2 * lambda * kbarMinusMu;
  }
  return { a, c };
}

/**
 * The model VIX (or VIX3M/VIX6M with `tau`) in vol points (20 means 20 %) at instantaneous
 * variance v, from the log-contract definition above.
 *
 * Tested against the shared reference vectors `heston_vix_spot` (1e-10) and `bates_vix_spot`
 * (1e-8), and against the time average of the CIR mean it is built from.
 *
 * @throws RangeError for negative or non-finite inputs.
 */
export function hestonVix(input: HestonVixInput): number {
  checkNonNegative('v', input.v);
  const { a, c } = vixCoefficients(input);
  return 100 * Math.sqrt(a * input.v + c);
}

/**
 * The instantaneous variance v at which the VIX (window τ) equals `vix` points: the inverse of
 * `hestonVix`, v = ((vix/100)² − c)/a. Used to start a preset at a given VIX and by VIX shocks.
 *
 * Tested: hestonVix(varianceForVix(x)) = x to 1e-12 and the floor (tests/unit/engine/pricing/vix-index.test.ts).
 *
 * @throws RangeError if `vix` is not finite or below the floor 100·√c (the VIX at v = 0), which
 *   no variance can reach.
 */
export function varianceForVix(input: VixCoefficientsInput & { vix: number }): number {
  const { a, c } = vixCoefficients(input);
  const level = (input.vix / 100) ** 2;
  if (!Number.isFinite(input.vix) || input.vix < 0 || level < c) {
    throw new RangeError(
      `VIX level ${input.vix} is below what the model can reach at v = 0 (${(100 * Math.sqrt(c)).toFixed(2)})`,
    );
  }
  return Math.max(0, (level - c) / a);
}
