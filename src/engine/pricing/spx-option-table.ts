/**
 * A table of SPX option prices under the model's risk-neutral (Q) dynamics — Heston with Bates
 * price jumps and SVCJ variance jumps — over (instantaneous variance v, log-moneyness k = ln(K/F),
 * time to expiry t), built once per run and interpolated per path and day.
 *
 * Homogeneity: the Q law of X = ln(S_t/F_t) does not depend on S, so price/S is a function of
 * (v, k, t) alone and one table serves every spot: call/S = e^{−qt}·E[(e^X − e^k)⁺].
 *
 * What is tabulated, and why. We store the Black implied total standard deviation divided by the
 * model's diffusive scale, r = σ_imp√t / s(v,t), with s² = E[∫₀ᵗ v ds] (closed form). Implied
 * volatility is smooth in all three coordinates (no kink at the money, unlike the price or the
 * out-of-the-money value), and converting back through Black's formula keeps the *relative*
 * accuracy of deep out-of-the-money prices, whose error is vega × (vol error) with a tiny vega.
 * Dividing by s makes r ≈ 1 everywhere, so the surface is nearly flat in v and t.
 *
 * Coordinates, each uniform. Time: ln t (equal relative resolution from a day to years).
 * Variance: η = ln(1 + v/v*(t)) / ln(1 + vMax/v*(t)) ∈ [0, 1], v*(t) = β(t)/α(t) + 1e-4 where
 * E[∫₀ᵗ v ds] = α(t)·v + β(t); below v* (≈ κθt/2 for short t) the initial variance stops
 * dominating the integrated variance, and that is where prices change fastest in v — a √v grid
 * put a whole one-day smile transition inside its first cell (errors ~5e-5·S), this one resolves
 * it. Strike: ξ ∈ [−1, 1] with
 *   k = s·z₀·sinh(A(s)·ξ),   A(s) = asinh(Z(s)/z₀),   Z(s) = √(12² + (R/s)²),
 * linear in standardised moneyness k/s near the money and logarithmic in the wings. Every node
 * covers ±12 standard units; where s is small (short expiries, low variance) the range stretches
 * to the jump tail, R = |μ_J| + 6 s_J in log-moneyness, because there the out-of-the-money prices
 * are set by crash jumps far outside the diffusive body. Interpolation: 4-point Lagrange (cubic)
 * in each coordinate, error O(h⁴).
 *
 * Build: for each (v, t) node, out-of-the-money prices at all its strikes come from one COS
 * expansion (Fang & Oosterlee 2008; `cosPutValues`): one characteristic-function value per
 * frequency serves every strike. The law of X is split by whether a jump occurs before t: with
 * probability e^{−λt} there is none and X is pure Heston (narrow when v·t is small); otherwise
 * φ₁ = φ₀·(e^{λψ_J I} − 1)/(e^{λt} − 1) is spread by the jump. Each part gets its own COS range
 * from its cumulants, so a one-day Heston core and a wide jump tail are both resolved with
 * modest numbers of terms; the series stops when a bound on the remaining terms is below 1e-12.
 * Implied volatilities are then inverted strike by strike from the money outward. Where an
 * out-of-the-money value is below the COS noise floor (1e-10 of the forward) its implied
 * volatility carries no information; the last reliable r inward is carried outward (an absolute
 * price error below 1e-10·S).
 *
 * Out-of-range queries: v beyond the grid, k beyond the ξ range and t outside [tMin, tMax] use r
 * from the nearest edge of the grid but the query's own s(v,t), k and t in Black's formula, so
 * prices stay continuous, within the no-arbitrage bounds and tend to the intrinsic value as
 * t → 0. v < 0 is treated as 0; t ≤ 0 returns the intrinsic value.
 *
 * Accuracy (tests, default grid, 1 day – 1 year, v ∈ [0, 1.5], strikes −5…+3 standard units):
 * about 1e-5 of spot in price and 1e-4 in implied vol for realistic parameter sets. Degenerate
 * dynamics with κθ = 0 (v absorbed near 0, an extremely peaked law) are priced without NaN but
 * only to ~1e-3.
 */

import { CALENDAR_DAYS_PER_YEAR, type MarketParams } from '../model/market-params.ts';
import { normalizedBlackPrice, requirePositive, type OptionType } from './black-scholes.ts';
import {
  CF_TERMS_LENGTH,
  hestonLogCfTermsInto,
  type HestonDynamics,
} from './heston-characteristic.ts';
import { cosPutValues, cosRange, expectedIntegratedVariance } from './heston-price.ts';
import { impliedTotalStdDev } from './implied-vol.ts';

export interface SpxOptionTableOptions {
  /** Market parameters; the Q side is used: kappaQ, thetaQ, sigma, rho, jumps, rate, dividendYield. */
  params: MarketParams;
  /** Longest time to expiry covered (years, > minTimeYears). */
  maxTimeYears: number;
  /** Shortest time to expiry covered (years); default one calendar day, 1/365. */
  minTimeYears?: number;
  /** Largest instantaneous variance covered; default 1.5 (122 % volatility). */
  maxVariance?: number;
  /** Nodes in the variance coordinate η (module comment); default 16. */
  varianceNodes?: number;
  /** Nodes in ln t; default 18. */
  timeNodes?: number;
  /** Nodes in ξ (odd, so one sits at the money); default 33. */
  strikeNodes?: number;
  /** Cap on COS terms per part of the distribution; default 2048. */
  maxCosTerms?: number;
}

/** Grid coordinates, exposed for tests and display. */
export interface SpxOptionTableGrid {
  /** Variance nodes: variances[l·nv + i] is node i at time node l (η uniform). */
  readonly variances: Float64Array;
  /** Time nodes in years (ln t uniform). */
  readonly times: Float64Array;
  /** ξ nodes in [−1, 1]. */
  readonly xi: Float64Array;
  /** The strike of node ξ at variance v and time t: ln(K/F). */
  logMoneynessAt(v: number, xi: number, t: number): number;
  /** COS terms summed over all nodes and parts (a measure of build work). */
  readonly cosTermsUsed: number;
}

export interface SpxOptionTable {
  /**
   * Option price per unit spot (price/S) for log-moneyness k = ln(K/F), F = S·e^{(r−q)t}, at
   * instantaneous variance v and time to expiry t (years). Never NaN for finite inputs; see the
   * module comment for out-of-range queries.
   * @throws RangeError if v or t is NaN or k is not finite.
   */
  price(type: OptionType, v: number, logMoneyness: number, timeYears: number): number;
  /**
   * The model's Black–Scholes implied volatility (annualised fraction) at (v, k, t), interpolated
   * from the table (for display). Times below the grid use the shortest tabulated expiry.
   */
  impliedVol(v: number, logMoneyness: number, timeYears: number): number;
  /** ln(K/F) for a strike and spot at time to expiry t: ln(K/S) − (r − q)t. */
  logMoneyness(spot: number, strike: number, timeYears: number): number;
  readonly grid: SpxOptionTableGrid;
}

/** OTM values below this (in units of the forward) are COS noise, not information. */
const NOISE_FLOOR = 1e-10;
/** Standardised moneyness k/s covered at every node, jumps or not. */
const BODY_COVERAGE = 12;
/** Log-moneyness reach of the jump tail beyond the mean jump, in jump standard deviations. */
const JUMP_COVERAGE = 6;
/** Width in k/s of the near-linear centre of the strike map. */
const Z0 = 1;
/** Added to v* in the variance coordinate so that θ = 0 cannot make it degenerate. */
const V_FLOOR = 1e-4;
/** COS range half-width in units of √(c₂ + √c₄) (the L = 10 of Fang & Oosterlee 2008). */
const COS_WIDTH = 10;
/**
 * Stop a COS series once the bound on the remaining terms, |φ(u_n)|·4/((b − a)u_n²)·n (put
 * coefficients decay like 1/u²), is below this, in forward-normalised price units.
 */
const COS_TAIL = 1e-12;
const MIN_COS_TERMS = 16;

/**
 * Builds the price table for the Q dynamics of `params` (see the module comment for the method
 * and the out-of-range conventions).
 *
 * Cost and accuracy with the defaults and the historical preset (maxTimeYears = 1) are measured
 * in tests/unit/engine/pricing/spx-option-table.test.ts: build time reported (tens of ms), errors
 * against `hestonPrice` at seeded random off-grid points asserted there. A lookup costs roughly
 * two Black–Scholes evaluations.
 *
 * @throws RangeError naming the option for a non-positive or inconsistent grid.
 */
export function createSpxOptionTable(options: SpxOptionTableOptions): SpxOptionTable {
  const { params } = options;
  const tMin = options.minTimeYears ?? 1 / CALENDAR_DAYS_PER_YEAR;
  const tMax = options.maxTimeYears;
  const vMax = options.maxVariance ?? 1.5;
  const nv = options.varianceNodes ?? 16;
  const nt = options.timeNodes ?? 18;
  const nk = options.strikeNodes ?? 33;
  const maxTerms = options.maxCosTerms ?? 2048;
  requirePositive('minTimeYears', tMin);
  requirePositive('maxTimeYears', tMax);
  if (!(tMax > tMin))
    throw new RangeError(`maxTimeYears must exceed minTimeYears (${tMin}), got ${tMax}`);
  requirePositive('maxVariance', vMax);
  for (const [name, n] of [
    ['varianceNodes', nv],
    ['timeNodes', nt],
    ['strikeNodes', nk],
    ['maxCosTerms', maxTerms],
  ] as const) {
    if (!(Number.isInteger(n) && n >= 4))
      throw new RangeError(`${name} must be an integer ≥ 4, got ${n}`);
  }
  const geometry = new TableGeometry(params, tMin, tMax, vMax, nv, nt, nk);
  const { ratio, termsUsed } = buildRatios(geometry, maxTerms);
  return new SpxOptionTableLookup(geometry, ratio, termsUsed);
}

/** The coordinate maps shared by the build and the lookups (module comment). */
class TableGeometry {
  readonly dynamics: HestonDynamics;
  readonly dividendYield: number;
  readonly carry: number;
  readonly lambda: number;
  readonly jumpReach: number;
  readonly stepEta: number;
  readonly lnTMin: number;
  readonly stepLnT: number;
  readonly stepXi: number;
  readonly times: Float64Array;
  readonly xi: Float64Array;

  constructor(
    params: MarketParams,
    readonly tMin: number,
    tMax: number,
    readonly vMax: number,
    readonly nv: number,
    readonly nt: number,
    readonly nk: number,
  ) {
    const jumps = params.jumps;
    this.dynamics = {
      kappa: params.kappaQ,
      theta: params.thetaQ,
      sigma: params.sigma,
      rho: params.rho,
      jumps,
    };
    this.dividendYield = params.dividendYield;
    this.carry = params.rate - params.dividendYield;
    this.lambda = jumps.intensity > 0 ? jumps.intensity : 0;
    this.jumpReach = this.lambda > 0 ? Math.abs(jumps.meanLog) + JUMP_COVERAGE * jumps.sdLog : 0;
    this.stepEta = 1 / (nv - 1);
    this.lnTMin = Math.log(tMin);
    this.stepLnT = (Math.log(tMax) - this.lnTMin) / (nt - 1);
    this.times = new Float64Array(nt);
    for (let l = 0; l < nt; l++) this.times[l] = Math.exp(this.lnTMin + l * this.stepLnT);
    this.stepXi = 2 / (nk - 1);
    this.xi = new Float64Array(nk);
    for (let j = 0; j < nk; j++) this.xi[j] = -1 + j * this.stepXi;
  }

  /** E[∫₀ᵗ v ds] = α(t)·v + β(t); returns [α, β]. */
  integratedVarianceCoefficients(t: number): [number, number] {
    const beta = expectedIntegratedVariance(this.dynamics, 0, t);
    return [expectedIntegratedVariance(this.dynamics, 1, t) - beta, beta];
  }

  /**
   * v*(t) = β/α + V_FLOOR of the variance coordinate η = ln(1 + v/v*)/ln(1 + vMax/v*) ∈ [0, 1]:
   * below v* the initial variance stops mattering for the integrated variance (≈ κθt/2 for short
   * t), which is where prices change fastest in v.
   */
  varianceShift(alpha: number, beta: number): number {
    return Math.max(beta, 0) / alpha + V_FLOOR;
  }

  /** s = √(E[∫v]), floored so that v = 0 with θ = 0 cannot divide by zero. */
  scale(alpha: number, beta: number, v: number): number {
    return Math.sqrt(Math.max(alpha * v + beta, 1e-24));
  }

  /** A(s) of the strike map k = s·z₀·sinh(A(s)·ξ). */
  stretch(s: number): number {
    const reach = this.jumpReach / s;
    return Math.asinh(Math.sqrt(BODY_COVERAGE * BODY_COVERAGE + reach * reach) / Z0);
  }
}

/** r = σ_imp√t/s at every node; ratio[(l·nv + i)·nk + j] is (times[l], η_i, xi[j]). */
function buildRatios(
  geometry: TableGeometry,
  maxTerms: number,
): { ratio: Float64Array; termsUsed: number } {
  const { nv, nt, nk, times, xi, stepEta, vMax } = geometry;
  const ratio = new Float64Array(nt * nv * nk);
  const nodePricer = createNodePricer(geometry.dynamics, geometry.lambda, maxTerms);
  const strikes = new Float64Array(nk);
  const puts = new Float64Array(nk);
  const center = (nk - 1) >> 1;
  for (let l = 0; l < nt; l++) {
    const t = times[l];
    const [alpha, beta] = geometry.integratedVarianceCoefficients(t);
    const shift = geometry.varianceShift(alpha, beta);
    for (let i = 0; i < nv; i++) {
      const v = shift * Math.expm1(i * stepEta * Math.log1p(vMax / shift));
      const s = geometry.scale(alpha, beta, v);
      const stretch = geometry.stretch(s);
      for (let j = 0; j < nk; j++) strikes[j] = s * Z0 * Math.sinh(stretch * xi[j]);
      strikes[center] = 0;
      nodePricer.putValues(v, t, s, strikes, puts);
      const base = (l * nv + i) * nk;
      // A NaN value only comes from a nearly deterministic law (κθ ≈ 0 and v ≈ 0 at a one-day
      // expiry: the COS interval collapses); the diffusive Black price (r = 1) stands in for it.
      if (puts.some((p) => Number.isNaN(p))) {
        ratio.fill(1, base, base + nk);
        continue;
      }
      // Invert from the money outward, each strike starting from its neighbour's answer; past
      // the first value under the noise floor, carry the last reliable ratio.
      for (const direction of [-1, 1]) {
        let last = 1;
        let guess: number | undefined;
        for (let j = center; j >= 0 && j < nk; j += direction) {
          const k = strikes[j];
          const otm = k < 0 ? puts[j] : puts[j] + 1 - Math.exp(k);
          const stdDev =
            otm > NOISE_FLOOR
              ? impliedTotalStdDev(k < 0 ? 'put' : 'call', k, otm, guess)
              : undefined;
          if (stdDev === undefined || !(stdDev > 0)) {
            for (let jj = j; jj >= 0 && jj < nk; jj += direction) ratio[base + jj] = last;
            break;
          }
          last = stdDev / s;
          guess = stdDev;
          ratio[base + j] = last;
        }
      }
    }
  }
  return { ratio, termsUsed: nodePricer.termsUsed() };
}

/**
 * Lookups into the built table. Everything that depends on t alone, or on (v, t), is memoised for
 * the last t and the last (v, t) — a simulation prices all legs of a path on a day at one (v, t),
 * and all paths on a day at one t. The memo changes no result. Plain fields rather than closure
 * variables, because V8 keeps those in registers and this is the hot path of the strategy.
 */
class SpxOptionTableLookup implements SpxOptionTable {
  readonly grid: SpxOptionTableGrid;
  private readonly g: TableGeometry;
  private readonly ratio: Float64Array;
  private memoT = NaN;
  private alpha = NaN;
  private beta = NaN;
  private shift = NaN;
  private etaScale = NaN;
  private posT = NaN;
  private discount = NaN;
  private memoV = NaN;
  private memoVT = NaN;
  private scale = NaN;
  private stretch = NaN;
  /** Products of the t and v Lagrange weights, and the offsets of their 16 table rows. */
  private readonly rowWeights = new Float64Array(16);
  private readonly rowOffsets = new Int32Array(16);
  private readonly weights = new Float64Array(4);
  private readonly weightsT = new Float64Array(4);

  constructor(geometry: TableGeometry, ratio: Float64Array, termsUsed: number) {
    this.g = geometry;
    this.ratio = ratio;
    const { nv, nt, times, xi, stepEta, vMax } = geometry;
    const variances = new Float64Array(nt * nv);
    for (let l = 0; l < nt; l++) {
      const [alpha, beta] = geometry.integratedVarianceCoefficients(times[l]);
      const shift = geometry.varianceShift(alpha, beta);
      for (let i = 0; i < nv; i++)
        variances[l * nv + i] = shift * Math.expm1(i * stepEta * Math.log1p(vMax / shift));
    }
    this.grid = {
      variances,
      times,
      xi,
      cosTermsUsed: termsUsed,
      logMoneynessAt: (v, xiNode, t) => {
        const [alpha, beta] = geometry.integratedVarianceCoefficients(t);
        const s = geometry.scale(alpha, beta, v);
        return s * Z0 * Math.sinh(geometry.stretch(s) * xiNode);
      },
    };
  }

  price(type: OptionType, v: number, logMoneyness: number, timeYears: number): number {
    checkArgs(v, logMoneyness, timeYears);
    if (!(timeYears > 0)) return normalizedBlackPrice(type, logMoneyness, 0);
    const stdDev = this.totalStdDev(v > 0 ? v : 0, logMoneyness, timeYears);
    return this.discount * normalizedBlackPrice(type, logMoneyness, stdDev);
  }

  impliedVol(v: number, logMoneyness: number, timeYears: number): number {
    checkArgs(v, logMoneyness, timeYears);
    const t = timeYears > this.g.tMin ? timeYears : this.g.tMin;
    return this.totalStdDev(v > 0 ? v : 0, logMoneyness, t) / Math.sqrt(t);
  }

  logMoneyness(spot: number, strike: number, timeYears: number): number {
    return Math.log(strike / spot) - this.g.carry * timeYears;
  }

  /** σ_imp√t at (v ≥ 0, k, t > 0). */
  private totalStdDev(v: number, k: number, t: number): number {
    if (t !== this.memoT) this.setTime(t);
    if (v !== this.memoV || t !== this.memoVT) this.setVariance(v, t);
    const g = this.g;
    const xiQ = Math.asinh(k / (Z0 * this.scale)) / this.stretch;
    const pk = clamp((xiQ + 1) / g.stepXi, g.nk - 1);
    const ik = stencilStart(pk, g.nk);
    const w = this.weights;
    lagrange4(pk - ik, w);
    const k0 = w[0];
    const k1 = w[1];
    const k2 = w[2];
    const k3 = w[3];
    const ratio = this.ratio;
    const offsets = this.rowOffsets;
    const rowWeights = this.rowWeights;
    let sum = 0;
    for (let m = 0; m < 16; m++) {
      const o = offsets[m] + ik;
      sum +=
        rowWeights[m] * (k0 * ratio[o] + k1 * ratio[o + 1] + k2 * ratio[o + 2] + k3 * ratio[o + 3]);
    }
    return sum * this.scale;
  }

  private setTime(t: number): void {
    const g = this.g;
    this.memoT = t;
    const [alpha, beta] = g.integratedVarianceCoefficients(t);
    this.alpha = alpha;
    this.beta = beta;
    this.shift = g.varianceShift(alpha, beta);
    this.etaScale = 1 / (g.stepEta * Math.log1p(g.vMax / this.shift));
    this.posT = clamp((Math.log(t) - g.lnTMin) / g.stepLnT, g.nt - 1);
    this.discount = Math.exp(-g.dividendYield * t);
    this.memoV = NaN;
  }

  private setVariance(v: number, t: number): void {
    const g = this.g;
    this.memoV = v;
    this.memoVT = t;
    this.scale = g.scale(this.alpha, this.beta, v);
    this.stretch = g.stretch(this.scale);
    const posV = clamp(Math.log1p(v / this.shift) * this.etaScale, g.nv - 1);
    const iv = stencilStart(posV, g.nv);
    const it = stencilStart(this.posT, g.nt);
    const wv = this.weights;
    const wt = this.weightsT;
    lagrange4(posV - iv, wv);
    lagrange4(this.posT - it, wt);
    for (let a = 0; a < 4; a++) {
      for (let b = 0; b < 4; b++) {
        this.rowWeights[4 * a + b] = wt[a] * wv[b];
        this.rowOffsets[4 * a + b] = ((it + a) * g.nv + iv + b) * g.nk;
      }
    }
  }
}

function checkArgs(v: number, k: number, t: number): void {
  if (Number.isNaN(v) || Number.isNaN(t) || !Number.isFinite(k))
    throw new RangeError(
      `SPX option table: v and t must be numbers and k finite, got v=${v}, k=${k}, t=${t}`,
    );
}

function clamp(x: number, max: number): number {
  return x < 0 ? 0 : x > max ? max : x;
}

/** First node of the 4-point stencil around position p on a grid of n ≥ 4 nodes. */
function stencilStart(p: number, n: number): number {
  const i = Math.floor(p) - 1;
  return i < 0 ? 0 : i > n - 4 ? n - 4 : i;
}

/** Lagrange weights of nodes 0, 1, 2, 3 at x ∈ [0, 3]. */
function lagrange4(x: number, w: Float64Array): void {
  const x1 = x - 1;
  const x2 = x - 2;
  const x3 = x - 3;
  w[0] = (-x1 * x2 * x3) / 6;
  w[1] = (x * x2 * x3) / 2;
  w[2] = (-x * x1 * x3) / 2;
  w[3] = (x * x1 * x2) / 6;
}

/**
 * COS pricer of forward-normalised puts at one (v, t) node, with the no-jump / jump split of the
 * module comment. Scratch buffers are reused across nodes.
 */
function createNodePricer(dynamics: HestonDynamics, lambda: number, maxTerms: number) {
  const terms = new Float64Array(CF_TERMS_LENGTH);
  const coefficients = new Float64Array(maxTerms);
  const jumpSecondMoment = dynamics.jumps
    ? dynamics.jumps.meanLog ** 2 + dynamics.jumps.sdLog ** 2
    : 0;
  let jumpPuts = new Float64Array(0);
  let termsUsed = 0;
  const pair = [0, 0];

  /** ln φ of part 0 (no jump before t) or 1 (at least one) at real u, into `pair`. */
  const logCfPart = (part: 0 | 1, v: number, t: number, u: number): void => {
    hestonLogCfTermsInto(dynamics, u, 0, t, terms);
    let re = terms[0] + terms[2] * v + terms[4];
    let im = terms[1] + terms[3] * v + terms[5];
    if (part === 1) {
      // ln[(e^{α} − 1)/(e^{λt} − 1)] with α = λψ_J I; expm1 keeps small λt exact.
      const aRe = terms[6];
      const aIm = terms[7];
      const em = Math.expm1(aRe);
      const sinHalf = Math.sin(0.5 * aIm);
      const numRe = em * Math.cos(aIm) - 2 * sinHalf * sinHalf;
      const numIm = (em + 1) * Math.sin(aIm);
      re += 0.5 * Math.log(numRe * numRe + numIm * numIm) - Math.log(Math.expm1(lambda * t));
      im += Math.atan2(numIm, numRe);
    }
    pair[0] = re;
    pair[1] = im;
  };

  const partPuts = (
    part: 0 | 1,
    v: number,
    t: number,
    scale: number,
    strikes: Float64Array,
    out: Float64Array,
  ): void => {
    const { a, b } = cosRange(
      (u) => {
        logCfPart(part, v, t, u);
        return { re: pair[0], im: pair[1] };
      },
      scale,
      COS_WIDTH,
    );
    const width = b - a;
    const du = Math.PI / width;
    let used = maxTerms;
    for (let m = 0; m < maxTerms; m++) {
      const u = m * du;
      logCfPart(part, v, t, u);
      const modulus = Math.exp(pair[0]);
      coefficients[m] = modulus * Math.cos(pair[1] - u * a);
      if (m >= MIN_COS_TERMS && (modulus * 4 * m) / (width * u * u) < COS_TAIL) {
        used = m + 1;
        break;
      }
    }
    termsUsed += used;
    cosPutValues(coefficients.subarray(0, used), a, b, strikes, out);
  };

  return {
    termsUsed: () => termsUsed,
    putValues(v: number, t: number, scale: number, strikes: Float64Array, out: Float64Array) {
      partPuts(0, v, t, scale, strikes, out);
      if (!(lambda > 0)) return;
      if (jumpPuts.length !== strikes.length) jumpPuts = new Float64Array(strikes.length);
      partPuts(1, v, t, Math.sqrt(jumpSecondMoment + scale * scale), strikes, jumpPuts);
      const noJump = Math.exp(-lambda * t);
      for (let j = 0; j < strikes.length; j++) {
        out[j] = noJump * out[j] + (1 - noJump) * jumpPuts[j];
      }
    },
  };
}
