/**
 * Model VVIX: the implied volatility of VIX options, in vol points (95 means 95 %).
 *
 * - `vvixBlack76`: the Black-76 implied vol of the 30-day at-the-money VIX call struck at the VIX
 *   future of that expiry — the definition DESIGN §7 uses for `vvixMean`, and the quantity the
 *   VVIX tracks at the money.
 * - `vvixLogContract`: the log-contract approximation of the CBOE VVIX used by Healy (2025,
 *   "Heston vol-of-vol and the VVIX"): the VVIX replicates the log contract on the VIX future, so
 *     VVIX² ≈ (2/T)·(ln F − E[ln VIX_T])·100²,  F = E[VIX_T],
 *   with E[ln VIX_T] = ln 100 + ½E[ln X] (X = VIX_T²/100²) from the Laplace transform by Frullani's
 *   integral (variance-transform.ts `expectedLog`). Under a lognormal VIX both equal the Black vol;
 *   in the model they differ by a few points (the log contract weighs the whole smile).
 */

import type { HestonJumps } from './heston-characteristic.ts';
import { impliedVolBlack76 } from './implied-vol.ts';
import { createVarianceTransform, expectedLog } from './variance-transform.ts';
import { vixFuture } from './vix-future.ts';
import { VIX_TAU, vixCoefficients } from './vix-index.ts';
import { createVixSmile } from './vix-option.ts';

/** Inputs of `vvixBlack76`. */
export interface VvixBlack76Input {
  /** Instantaneous variance now, v ≥ 0. */
  v: number;
  kappa: number;
  theta: number;
  sigma: number;
  jumps?: HestonJumps;
  /** r (continuous, annual): cancels at the money; kept for the Black-76 call signature. */
  rate?: number;
  /** Option expiry in years (default 30/365). */
  horizon?: number;
  /** Price accuracy of the ATM option in points (default 1e-9; the VVIX table uses 1e-5). */
  tolerance?: number;
}

/** Inputs of `vvixLogContract`. */
export interface VvixLogContractInput {
  v: number;
  kappa: number;
  theta: number;
  sigma: number;
  /** Option expiry T in years (Healy uses 30/365). */
  horizon: number;
  /** VIX window τ (default 30/365). */
  tau?: number;
  jumps?: HestonJumps;
}

/**
 * Black-76 implied vol (points) of the ATM VIX call: F = vixFuture(v, T), price = vixOption(call,
 * strike F), inverted with `impliedVolBlack76` (at the money the inversion is also explicit:
 * σ = (2/√T)·Φ⁻¹((1 + C/F)/2), used as a cross-check in the tests).
 *
 * Typical values for κ = 5, θ = 0.04, σ = 0.7 are 79–124 for v from 0.01 to 0.2 (75–105 with
 * variance jumps λ = 1, μ_v = 0.05; see the tests); Monte Carlo checks of the underlying option
 * price are in vix-option's tests. Returns 0 if the ATM price cannot be inverted (it always lies
 * inside the Black-76 bounds for a non-degenerate law; a point mass has zero vol).
 *
 * @throws RangeError for invalid model inputs (see vixOption).
 */
export function vvixBlack76(input: VvixBlack76Input): number {
  const { v, kappa, theta, sigma, jumps } = input;
  const rate = input.rate ?? 0;
  const horizon = input.horizon ?? VIX_TAU;
  if (!(horizon > 0)) throw new RangeError(`horizon must be > 0, got ${horizon}`);
  const smile = createVixSmile(
    { v, kappa, theta, sigma, jumps, horizon },
    { tolerance: input.tolerance },
  );
  const forward = smile.forward;
  const price = Math.exp(-rate * horizon) * smile.call(forward);
  const vol = impliedVolBlack76({
    type: 'call',
    price,
    forward,
    strike: forward,
    time: horizon,
    rate,
  });
  return 100 * (vol ?? 0);
}

/**
 * Healy's log-contract VVIX (points) for expiry `horizon`, from E[VIX_T] and E[ln VIX_T] under the
 * transform of v_T. Tested against Healy (2025) Table 1 (the shared `heston_vvix_log_contract`
 * vectors, published to 1 decimal) and by Monte Carlo.
 *
 * @throws RangeError for negative or non-finite inputs or horizon ≤ 0.
 */
export function vvixLogContract(input: VvixLogContractInput): number {
  const { v, kappa, theta, sigma, horizon, tau, jumps } = input;
  if (!(horizon > 0) || !Number.isFinite(horizon))
    throw new RangeError(`horizon must be finite and > 0, got ${horizon}`);
  const { a, c } = vixCoefficients({ kappa, theta, jumps, tau });
  const law = createVarianceTransform({ kappa, theta, sigma, jumps }, horizon);
  const meanX = a * law.mean(v) + c;
  const forward = vixFuture({ v, kappa, theta, sigma, horizon, jumps, tau });
  const meanLogX = expectedLog((s) => -s * c + law.logLaplace(v, s * a), meanX);
  const logGap = Math.log(forward / 100) - 0.5 * meanLogX;
  return 100 * Math.sqrt(Math.max(0, (2 / horizon) * logGap));
}
