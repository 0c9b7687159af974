/**
 * Path generator for the SVCJ market of `market-params.ts` (Heston variance with simultaneous
 * log-normal price jumps and exponential variance jumps), under P or Q, one day per step, all paths
 * of a block per step, structure of arrays.
 *
 * Discretisation (Andersen 2008, "Simple and efficient simulation of the Heston stochastic
 * volatility model", J. Comput. Finance 11(3)):
 * - Variance: the Quadratic-Exponential (QE) scheme with ψ_c = 1.5. It matches the exact
 *   CIR conditional mean and variance in every step, so E[v_T] and Var[v_T] of the diffusion are
 *   exact whatever the step.
 * - Log price: the central scheme of eq. (33) with γ₁ = γ₂ = ½ (K0 … K4), with K0 replaced per
 *   path by the martingale-corrected K0* of §4.2 (from the moment generating function of each
 *   branch), so that E[e^{ΔX} | X_t, v_t] equals the drift factor exactly. If the correction's
 *   existence condition fails (A ≥ 1/(2a), resp. A ≥ β) that path-step falls back to the plain K0;
 *   this needs steps of years with a strongly positive ρ (the tests reach it with 5-year steps,
 *   ρ = 0.9, σ = 2), never daily steps.
 * - Jumps: a Poisson(λΔ) count per step; each jump adds N(μ_J, s_J²) to ln S and Exp(μ_v) to v at
 *   the end of the step, after the QE move. Because a jump entering at the end of the step has not
 *   decayed for the rest of it, E[v] with variance jumps is exact only to O(Δ): the exact mean
 *   reverts to θ' = θ + λμ_v/κ, the scheme's per-step mean has an excess of λμ_v(Δ − (1 − e^{−κΔ})/κ)
 *   ≈ λμ_vκΔ²/2 (relative error ≈ κΔ/2 of the jump part, 1 % for κ = 5 and daily steps). For the
 *   same reason a variance jump feeds the price diffusion only from the next step: the integrated
 *   variance up to T is short by ≈ λμ_vΔ/(2κ)·(1 − e^{−κT}) (≈ 2e-5 for λ = 0.8, μ_v = 0.02, κ = 1.8,
 *   T = 0.5: 0.1 % of ∫v, well inside Monte Carlo noise for option prices).
 * - Drift of ln S per step: under Q (r − q − λk̄)Δ, k̄ = e^{μ_J + s_J²/2} − 1, which with the
 *   martingale correction and the compound-Poisson identity E[e^{ΣJ}] = e^{λΔk̄} makes
 *   E[S_{t+Δ}/S_t] = e^{(r−q)Δ} exactly in the discrete scheme. Under P the drift adds
 *   (ERP + η·v̄)Δ with v̄ = ½(v_t + v_{t+Δ}), the γ-weighted (trapezoid) average of the variance over
 *   the step before jumps, the same weights the scheme uses for ∫v dt.
 *
 * Random numbers: path i owns the stream (seed, i) of `rng.ts`, so a path's values do not depend on
 * the block it is simulated in. Per path and step the draws come in this order: one uniform for the
 * variance (the normal of the quadratic branch is its inverse CDF, the exponential branch uses it
 * directly: one draw either way), one normal for the price, then — only if λ > 0 — one uniform for
 * the jump count, then per jump one normal (price jump) and one uniform (variance jump, drawn even
 * when μ_v = 0 so that turning variance jumps on keeps the price path).
 */
import { normInv } from '../math/normal.ts';
import { varianceForVix } from '../pricing/vix-index.ts';
import { Rng, pathStreams, poissonInverseCdf, type PathRngStates } from '../rng.ts';
import { TRADING_DAYS_PER_YEAR, type MarketParams } from './market-params.ts';

/** P: the real-world measure the simulated market follows; Q: the pricing measure. */
export type Measure = 'P' | 'Q';

/**
 * A deterministic stress applied to every path of a block.
 *
 * Timing: a shock with `day` = d acts at the close of the step that takes the block from day d to
 * day d + 1 (the step run while `block.day === d`), after that step's diffusion and jumps. So the
 * gap is part of that step's `logReturn`, and after the step the VIX of every path is exactly
 * `vixTo`.
 */
export interface MarketShock {
  /** The value of `block.day` when the shocked step starts (integer ≥ 0). */
  day: number;
  /** Gap of the SPX as a fraction: −0.1 multiplies S by 0.9. Must be > −1. */
  spxGap?: number;
  /** VIX level in vol points (20 means 20 %) that every path jumps to; see {@link varianceForMarketVix}. */
  vixTo?: number;
}

export interface PathBlockOptions {
  params: MarketParams;
  measure: Measure;
  /** Simulation seed, an integer in 0 … 2^32 − 1. */
  seed: number;
  /** Global index of the first path of this block: path i uses the random stream (seed, i). */
  firstPath: number;
  pathCount: number;
  /** Steps per year; default TRADING_DAYS_PER_YEAR (252), Δ = 1/stepsPerYear. */
  stepsPerYear?: number;
  shocks?: readonly MarketShock[];
}

/** Andersen's switching threshold ψ_c between the quadratic and the exponential branch. */
const PSI_CRITICAL = 1.5;

/**
 * A block of SVCJ paths advanced one step at a time. `logSpot`, `variance`, `logReturn` and
 * `jumped` hold one entry per path of the block and are overwritten by every `step()`; the arrays
 * are allocated once, `step()` allocates nothing.
 *
 * Tested (tests/unit/engine/model/svcj-paths.test.ts): Q-martingale of the discounted price with and
 * without jumps, E[v_T] and Var[v_T] against the exact CIR moments (with jumps: θ'), the P mean log
 * return, a Heston call price, identical paths for any split into blocks, no NaN or negative
 * variance under extreme parameters, golden values, and the shocks.
 */
export class SvcjPathBlock {
  // Fields set in the constructor are `declare`d: a class field without a value starts as
  // undefined, after which V8 keeps the numbers it holds boxed and untyped, and a double that meets
  // one of them in a branch is boxed on the heap too (per path-step).
  /** ln S per path on the current day. */
  declare readonly logSpot: Float64Array;
  /** Instantaneous variance v per path on the current day (after that day's jumps and shocks). */
  declare readonly variance: Float64Array;
  /** ln(S_t / S_{t−1}) of the last step, gap shocks included; 0 before the first step. */
  declare readonly logReturn: Float64Array;
  /** 1 if at least one jump happened in the last step, else 0. */
  declare readonly jumped: Uint8Array;
  /** Steps taken so far. */
  day = 0;

  declare readonly pathCount: number;
  declare readonly measure: Measure;
  /** Δ in years. */
  declare readonly dt: number;

  /** Shocks resolved at construction: the log gap and the variance that gives the VIX level. */
  declare private readonly shocks: readonly {
    day: number;
    logGap: number;
    variance: number | undefined;
  }[];
  declare private readonly rngStates: PathRngStates;
  private readonly rng = new Rng(1, 0, 0, 0);
  /** Scratch: one path's first uniforms of a step (see `step`). */
  private readonly draws = new Float64Array(3);

  // Per-block constants of the QE step: m = c1 + c2·v, s² = c3·v + c4.
  declare private readonly c1: number;
  declare private readonly c2: number;
  declare private readonly c3: number;
  declare private readonly c4: number;
  // Log-price scheme (Andersen eq. 33, γ₁ = γ₂ = ½) and its martingale-correction pieces.
  declare private readonly k0: number;
  declare private readonly k1: number;
  declare private readonly k2: number;
  declare private readonly k3: number;
  declare private readonly k4: number;
  /** A = K2 + ½K4 (Andersen §4.2). */
  declare private readonly corrA: number;
  /** K1 + ½K3: K0* = −ln E[e^{A v_{t+Δ}}] − (K1 + ½K3) v_t. */
  declare private readonly k1HalfK3: number;
  /** Drift of ln S per step without the η·v̄ part. */
  declare private readonly driftDt: number;
  /** ½ηΔ under P, 0 under Q: the drift gains ½ηΔ(v_t + v_{t+Δ}). */
  declare private readonly etaHalfDt: number;
  /** v̄: the premium η·v is taken at min(v, v̄) (market-params.ts). */
  declare private readonly etaMaxV: number;
  /** λΔ, the mean number of jumps per step, and e^{−λΔ}, the probability of none. */
  declare private readonly jumpMeanCount: number;
  declare private readonly noJumpProb: number;
  declare private readonly jumpMeanLog: number;
  declare private readonly jumpSdLog: number;
  declare private readonly jumpVarianceMean: number;

  /**
   * Sets every path to ln S₀ = ln(spot), v = v0 and seeds path i's stream (seed, firstPath + i).
   *
   * @throws RangeError naming the field for a parameter out of its domain (negative variance, κ, θ,
   *   σ, jump intensity or jump sizes; |ρ| > 1; spot ≤ 0; a non-integer count), for a bad seed, and
   *   for a shock with gap ≤ −1 or a VIX level the model cannot reach (see {@link varianceForMarketVix}).
   */
  constructor(options: PathBlockOptions) {
    const { params, measure, seed, firstPath, pathCount, shocks = [] } = options;
    const stepsPerYear = options.stepsPerYear ?? TRADING_DAYS_PER_YEAR;
    checkParams(params);
    if (!(stepsPerYear > 0 && stepsPerYear < Infinity))
      throw new RangeError(`stepsPerYear must be a positive number, got ${stepsPerYear}`);
    if (measure !== 'P' && measure !== 'Q')
      throw new RangeError(`measure must be 'P' or 'Q', got ${String(measure)}`);
    this.shocks = shocks.map((shock) => resolveShock(params, shock));

    this.measure = measure;
    this.pathCount = pathCount;
    this.rngStates = pathStreams(seed, firstPath, pathCount);
    this.logSpot = new Float64Array(pathCount).fill(Math.log(params.spot));
    this.variance = new Float64Array(pathCount).fill(params.v0);
    this.logReturn = new Float64Array(pathCount);
    this.jumped = new Uint8Array(pathCount);

    const dt = 1 / stepsPerYear;
    this.dt = dt;
    const kappa = measure === 'P' ? params.kappaP : params.kappaQ;
    const theta = measure === 'P' ? params.thetaP : params.thetaQ;
    const { sigma } = params;
    // The exact CIR conditional mean and variance need e^{−κΔ} and (1 − e^{−κΔ})/κ (→ Δ as κ → 0).
    const decay = Math.exp(-kappa * dt);
    const oneMinusDecay = -Math.expm1(-kappa * dt);
    const oneMinusDecayOverKappa = kappa > 0 ? oneMinusDecay / kappa : dt;
    this.c1 = theta * oneMinusDecay;
    this.c2 = decay;
    this.c3 = sigma * sigma * decay * oneMinusDecayOverKappa;
    this.c4 = 0.5 * theta * sigma * sigma * oneMinusDecay * oneMinusDecayOverKappa;

    // With σ = 0 the variance is deterministic and ∫√v dW₁ is normal with variance ∫v whatever ρ:
    // treating ρ as 0 keeps the scheme exact without dividing by σ.
    const rho = sigma > 0 ? params.rho : 0;
    const rhoOverSigma = sigma > 0 ? params.rho / sigma : 0;
    const g = 0.5 * dt * (kappa * rhoOverSigma - 0.5);
    this.k0 = -rhoOverSigma * kappa * theta * dt;
    this.k1 = g - rhoOverSigma;
    this.k2 = g + rhoOverSigma;
    this.k3 = 0.5 * dt * (1 - rho * rho);
    this.k4 = this.k3;
    this.corrA = this.k2 + 0.5 * this.k4;
    this.k1HalfK3 = this.k1 + 0.5 * this.k3;

    const { intensity, meanLog, sdLog, varianceMean } = params.jumps;
    const kBar = Math.expm1(meanLog + 0.5 * sdLog * sdLog);
    const premium = measure === 'P' ? params.equityRiskPremium : 0;
    this.driftDt = (params.rate - params.dividendYield + premium - intensity * kBar) * dt;
    this.etaHalfDt = measure === 'P' ? 0.5 * params.equityRiskPremiumPerVariance * dt : 0;
    this.etaMaxV = params.equityRiskPremiumMaxVariance;
    this.jumpMeanCount = intensity * dt;
    this.noJumpProb = Math.exp(-this.jumpMeanCount);
    this.jumpMeanLog = meanLog;
    this.jumpSdLog = sdLog;
    this.jumpVarianceMean = varianceMean;
  }

  /** Advance every path by one step (Δ years): QE variance, corrected log price, jumps, shocks. */
  step(): void {
    const n = this.pathCount;
    const logSpot = this.logSpot;
    const variance = this.variance;
    const logReturn = this.logReturn;
    const jumped = this.jumped;
    const states = this.rngStates;
    const rng = this.rng;
    // k0 is read from `this` where it is chosen: a local copied before the loop is untyped in the
    // loop's on-stack-replacement code, and a choice between it and a double would box them.
    const { c1, c2, c3, c4, k1, k2, k3, k4, corrA, k1HalfK3, driftDt, etaHalfDt, etaMaxV } = this;
    const hasJumps = this.jumpMeanCount > 0;
    const jumpMeanCount = this.jumpMeanCount;
    const noJumpProb = this.noJumpProb;
    const meanLog = this.jumpMeanLog;
    const sdLog = this.jumpSdLog;
    const varianceMean = this.jumpVarianceMean;

    // Each path's first draws (variance, price, jump count), in the order the step consumes them.
    const u = this.draws;
    const drawn = hasJumps ? 3 : 2;
    for (let i = 0; i < n; i++) {
      rng.load(states, i);
      rng.fillUniforms(u, drawn);
      const v = variance[i];
      const m = c1 + c2 * v;
      const s2 = c3 * v + c4;
      const uVar = u[0];
      let vNext: number;
      let k0Star: number;
      if (!(m > 0)) {
        // θ = 0 and v = 0: the CIR process stays at 0.
        vNext = 0;
        k0Star = this.k0;
      } else {
        const psi = s2 / (m * m);
        if (psi <= PSI_CRITICAL) {
          if (psi > 0) {
            // Quadratic branch: v' = a(b + Z)² with a, b matching the conditional mean and variance.
            const twoOverPsi = 2 / psi;
            const b2 = twoOverPsi - 1 + Math.sqrt(twoOverPsi) * Math.sqrt(twoOverPsi - 1);
            const a = m / (1 + b2);
            const bz = Math.sqrt(b2) + normInv(uVar);
            vNext = a * bz * bz;
            // Noncentral χ²₁ MGF: E[e^{A v'}] = e^{A b² a/(1−2Aa)} / √(1 − 2Aa), needs A < 1/(2a).
            const d = 1 - 2 * corrA * a;
            k0Star = d > 0 ? (-corrA * b2 * a) / d + 0.5 * Math.log(d) - k1HalfK3 * v : this.k0;
          } else {
            // σ = 0: the variance moves to its conditional mean.
            vNext = m;
            k0Star = -corrA * m - k1HalfK3 * v;
          }
        } else {
          // Exponential branch: mass p at 0, exponential tail with rate β (inverse-CDF draw).
          const p = (psi - 1) / (psi + 1);
          const beta = (1 - p) / m;
          vNext = uVar <= p ? 0 : Math.log((1 - p) / (1 - uVar)) / beta;
          // E[e^{A v'}] = p + β(1 − p)/(β − A), needs A < β.
          k0Star =
            corrA < beta
              ? -Math.log(p + (beta * (1 - p)) / (beta - corrA)) - k1HalfK3 * v
              : this.k0;
        }
      }
      const zPrice = normInv(u[1]);
      let dLog =
        driftDt +
        etaHalfDt * (Math.min(v, etaMaxV) + Math.min(vNext, etaMaxV)) +
        k0Star +
        k1 * v +
        k2 * vNext +
        Math.sqrt(k3 * v + k4 * vNext) * zPrice;
      let didJump = 0;
      if (hasJumps) {
        const uCount = u[2];
        if (uCount > noJumpProb) {
          const count = poissonInverseCdf(uCount, jumpMeanCount);
          for (let j = 0; j < count; j++) {
            dLog += meanLog + sdLog * normInv(rng.uniform());
            vNext -= varianceMean * Math.log(rng.uniform());
          }
          didJump = 1;
        }
      }
      logSpot[i] += dLog;
      logReturn[i] = dLog;
      variance[i] = vNext;
      jumped[i] = didJump;
      rng.store(states, i);
    }

    for (const shock of this.shocks) {
      if (shock.day !== this.day) continue;
      if (shock.logGap !== 0) {
        for (let i = 0; i < n; i++) {
          logSpot[i] += shock.logGap;
          logReturn[i] += shock.logGap;
        }
      }
      if (shock.variance !== undefined) variance.fill(shock.variance);
    }
    this.day++;
  }
}

/**
 * The instantaneous variance at which the market's 30-day VIX (under Q) equals `vix` points:
 * `varianceForVix` of pricing/vix-index.ts with the market's Q parameters.
 *
 * @throws RangeError if vix is below the market's floor (its VIX at v = 0).
 */
export function varianceForMarketVix(params: MarketParams, vix: number): number {
  return varianceForVix({ vix, kappa: params.kappaQ, theta: params.thetaQ, jumps: params.jumps });
}

function checkParams(p: MarketParams): void {
  const nonNegative: [string, number][] = [
    ['v0', p.v0],
    ['kappaP', p.kappaP],
    ['thetaP', p.thetaP],
    ['kappaQ', p.kappaQ],
    ['thetaQ', p.thetaQ],
    ['sigma', p.sigma],
    ['jumps.intensity', p.jumps.intensity],
    ['jumps.sdLog', p.jumps.sdLog],
    ['jumps.varianceMean', p.jumps.varianceMean],
  ];
  for (const [name, value] of nonNegative)
    if (!(value >= 0 && value < Infinity))
      throw new RangeError(`${name} must be a finite number ≥ 0, got ${value}`);
  const finite: [string, number][] = [
    ['rate', p.rate],
    ['dividendYield', p.dividendYield],
    ['equityRiskPremium', p.equityRiskPremium],
    ['equityRiskPremiumPerVariance', p.equityRiskPremiumPerVariance],
    ['jumps.meanLog', p.jumps.meanLog],
  ];
  for (const [name, value] of finite)
    if (!Number.isFinite(value)) throw new RangeError(`${name} must be finite, got ${value}`);
  if (!(p.spot > 0 && p.spot < Infinity))
    throw new RangeError(`spot must be a positive number, got ${p.spot}`);
  if (!(Math.abs(p.rho) <= 1)) throw new RangeError(`rho must be in [−1, 1], got ${p.rho}`);
  // +∞ (no cap) is allowed here; configs carry a finite v̄ (schema.ts).
  if (!(p.equityRiskPremiumMaxVariance > 0))
    throw new RangeError(
      `equityRiskPremiumMaxVariance must be > 0, got ${p.equityRiskPremiumMaxVariance}`,
    );
}

function resolveShock(params: MarketParams, shock: MarketShock) {
  if (!(Number.isInteger(shock.day) && shock.day >= 0))
    throw new RangeError(`shock day must be an integer ≥ 0, got ${shock.day}`);
  if (shock.spxGap !== undefined && !(shock.spxGap > -1 && shock.spxGap < Infinity))
    throw new RangeError(`shock spxGap must be a finite fraction > −1, got ${shock.spxGap}`);
  return {
    day: shock.day,
    logGap: shock.spxGap === undefined ? 0 : Math.log1p(shock.spxGap),
    variance: shock.vixTo === undefined ? undefined : varianceForMarketVix(params, shock.vixTo),
  };
}
