/**
 * VIX futures under the SVCJ/Heston model: F(t, t + h) = E_Q[VIX_{t+h} | v_t = v].
 *
 * VIX_T = 100·√X with X = a·v_T + c (vix-index.ts), so F = 100·E[√X]. This is NOT √E[VIX_T²]:
 * by Jensen the latter is an upper bound, and the gap (the convexity correction, ~0.5–2 vol points
 * at 1–6 months) is what makes VIX futures trade below the "forward VIX" (PITFALLS.md).
 * E[√X] comes from the Laplace transform of v_T (variance-transform.ts):
 *   E[e^{−sX}] = e^{−sc}·E[e^{−(sa) v_T}],
 *   E[√X] = (2√π)⁻¹ ∫₀^∞ (1 − E[e^{−sX}]) s^{−3/2} ds,
 * integrated by the trapezoid rule in ln s (see `expectedSqrt`). This is the transform route of
 * Healy (2025, "Heston vol-of-vol and the VVIX", §3), extended to exponential variance jumps.
 */

import type { HestonJumps } from './heston-characteristic.ts';
import { createVarianceTransform, expectedSqrt } from './variance-transform.ts';
import { hestonVix, vixCoefficients } from './vix-index.ts';

/** Inputs of the VIX futures functions. */
export interface VixFutureInput {
  /** Instantaneous variance now, v ≥ 0. */
  v: number;
  /** κ_Q ≥ 0. */
  kappa: number;
  /** θ_Q ≥ 0. */
  theta: number;
  /** σ ≥ 0, volatility of variance. */
  sigma: number;
  /** Time to the future's expiry in years, ≥ 0. */
  horizon: number;
  /** Optional SVCJ jumps (variance jumps change the law of v_T; price jumps add to c). */
  jumps?: HestonJumps;
  /** VIX window τ in years (default 30/365). */
  tau?: number;
}

function checkHorizon(horizon: number): void {
  if (!(horizon >= 0) || !Number.isFinite(horizon))
    throw new RangeError(`horizon must be finite and ≥ 0, got ${horizon}`);
}

/**
 * E_Q[VIX_{t+horizon} | v_t = v] in vol points. horizon = 0 returns hestonVix(v) exactly.
 *
 * Accuracy ~1e-12 relative (trapezoid error e^{−π²/h}; halving the step changes the result by
 * < 1e-13). Tested against Healy (2025) Table 1 (the shared `heston_vix_future` vectors, published
 * to 1 decimal), a direct quadrature against the noncentral χ² law, nested Monte Carlo with exact
 * CIR (+ jump) sampling within 3 standard errors, the convexity bound √E[VIX²], and the limits
 * horizon → 0 and → ∞ (the stationary Gamma law).
 *
 * @throws RangeError for negative or non-finite inputs.
 */
export function vixFuture(input: VixFutureInput): number {
  const { v, kappa, theta, sigma, horizon, jumps, tau } = input;
  checkHorizon(horizon);
  if (horizon === 0) return hestonVix({ v, kappa, theta, jumps, tau });
  if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`v must be finite and ≥ 0, got ${v}`);
  const { a, c } = vixCoefficients({ kappa, theta, jumps, tau });
  const law = createVarianceTransform({ kappa, theta, sigma, jumps }, horizon);
  const mean = a * law.mean(v) + c;
  return 100 * expectedSqrt((s) => -s * c + law.logLaplace(v, s * a), mean);
}

/**
 * E_Q[VIX²_{t+horizon} | v_t = v] in points² — closed form 100²·(a·E[v_T] + c). Its square root
 * is the convexity upper bound of the VIX future.
 *
 * @throws RangeError for negative or non-finite inputs.
 */
export function expectedVixSquared(input: VixFutureInput): number {
  const { v, kappa, theta, sigma, horizon, jumps, tau } = input;
  checkHorizon(horizon);
  const { a, c } = vixCoefficients({ kappa, theta, jumps, tau });
  const law = createVarianceTransform({ kappa, theta, sigma, jumps }, horizon);
  return 1e4 * (a * law.mean(v) + c);
}
