/**
 * Implied volatility: the σ at which Black–Scholes–Merton (or Black-76) reproduces a given price.
 *
 * Method. The price is reduced to the normalised out-of-the-money value of Jäckel ("Let's be
 * rational", Wilmott 2015): with x = −|ln(F/K)| ≤ 0 and total standard deviation s = σ√T,
 *   b(x, s) = e^{x/2}·Φ(x/s + s/2) − e^{−x/2}·Φ(x/s − s/2),   0 < b < e^{x/2},
 * which is the time value of either option divided by √(F·K) (the in-the-money option's time
 * value equals the out-of-the-money option's value by put–call parity). b increases in s and
 * ln b is concave in s (checked numerically), so Newton's method on f(s) = ln b(s) − ln β converges monotonically from
 * any point left of the root and never overshoots it; we safeguard it with a bracket and fall back
 * to bisection (or doubling while no upper bound is known) whenever a step leaves the bracket or is
 * not finite. The log objective keeps tiny prices (deep out of the money, short expiry) as well
 * conditioned as at-the-money ones. Starting points: the small-s asymptotic b ≈ e^{−x²/(2s²)}·…
 * gives s₀ = |x|/√(−2 ln β) (left of the root) below the inflection point s_c = √(2|x|), and s_c
 * itself above it.
 */

import type { OptionType } from './black-scholes.ts';
import { requireFinite, requireNonNegative, requirePositive } from './black-scholes.ts';
import { normCdf } from '../math/normal.ts';

const INV_SQRT_2PI = 0.3989422804014327;
const MAX_ITERATIONS = 200;

export interface ImpliedVolInput {
  type: OptionType;
  /** Observed option price (same units as spot and strike). */
  price: number;
  /** Spot price S (> 0). */
  spot: number;
  /** Strike K (> 0). */
  strike: number;
  /** Time to expiry T in years (≥ 0). */
  time: number;
  /** Risk-free rate r, continuous, annual. */
  rate: number;
  /** Dividend yield q, continuous, annual. */
  dividendYield: number;
}

export interface ImpliedVolBlack76Input {
  type: OptionType;
  /** Observed option price. */
  price: number;
  /** Forward (futures) price F (> 0). */
  forward: number;
  /** Strike K (> 0). */
  strike: number;
  /** Time to expiry T in years (≥ 0). */
  time: number;
  /** Risk-free rate r used to discount the payoff. */
  rate: number;
}

/** Jäckel's normalised out-of-the-money Black price b(x, s) for x ≤ 0, s > 0. */
function normalizedOtm(x: number, s: number): number {
  const h = x / s;
  const t = 0.5 * s;
  return Math.exp(0.5 * x) * normCdf(h + t) - Math.exp(-0.5 * x) * normCdf(h - t);
}

/** ∂b/∂s = φ(d₁)·e^{x/2} = exp(−(x²/s² + s²/4)/2)/√(2π). */
function normalizedVega(x: number, s: number): number {
  const h = x / s;
  const t = 0.5 * s;
  return INV_SQRT_2PI * Math.exp(-0.5 * (h * h + t * t));
}

/**
 * The total standard deviation s = σ√T at which the forward-normalised, undiscounted Black price
 * of the option equals `normalizedPrice` = price/(discount·F). Returns 0 when the price equals
 * the intrinsic value to rounding, and `undefined` when it lies outside the no-arbitrage bounds
 * (intrinsic, upper) with upper = 1 for a call and e^k for a put (k = ln(K/F)).
 *
 * `guess` (optional, > 0) is a starting point, e.g. the neighbouring strike's answer when a
 * whole smile is inverted; the result does not depend on it beyond rounding.
 */
export function impliedTotalStdDev(
  type: OptionType,
  logMoneyness: number,
  normalizedPrice: number,
  guess?: number,
): number | undefined {
  const k = logMoneyness;
  const intrinsic = Math.max(type === 'call' ? -Math.expm1(k) : Math.expm1(k), 0);
  const timeValue = normalizedPrice - intrinsic;
  // A time value within rounding of an in-the-money option's intrinsic value carries no
  // volatility information (it would invert to an arbitrary vol of a few per cent), and the
  // normalisation itself (k = ln(K/F) carries an absolute error ~ε, so 1 − e^k one of ~ε·e^k)
  // may push a price just above the bound to just below it.
  const roundoff = intrinsic > 0 ? 4 * Number.EPSILON * Math.max(1, Math.exp(k)) : 0;
  if (!(timeValue >= -roundoff)) return undefined;
  if (timeValue <= roundoff) return 0;
  const x = -Math.abs(k);
  const beta = timeValue * Math.exp(-0.5 * k);
  const upper = Math.exp(0.5 * x);
  if (!(beta < upper)) return undefined;
  return solveNormalized(x, beta, guess);
}

function solveNormalized(x: number, beta: number, guess?: number): number {
  const logBeta = Math.log(beta);
  const sc = Math.sqrt(-2 * x);
  let s: number;
  if (guess !== undefined && guess > 0 && Number.isFinite(guess)) {
    s = guess;
  } else if (x < 0 && beta < normalizedOtm(x, sc)) {
    s = -x / Math.sqrt(-2 * logBeta);
  } else {
    // At the money b = 2Φ(s/2) − 1 ≈ s/√(2π) for small s (Brenner–Subrahmanyam).
    s = x < 0 ? sc : Math.max(beta / INV_SQRT_2PI, 1e-8);
  }
  let lo = 0;
  let hi = Infinity;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const b = normalizedOtm(x, s);
    const f = Math.log(b) - logBeta;
    if (f === 0) return s;
    if (f < 0) lo = s;
    else hi = s;
    // Newton step on ln b: Δs = −f·b/b′.
    const step = (-f * b) / normalizedVega(x, s);
    let next = s + step;
    if (!(next > lo && next < hi)) {
      next = hi === Infinity ? Math.max(2 * s, 1e-8) : 0.5 * (lo + hi);
    }
    if (Math.abs(next - s) <= 4e-16 * next || (hi - lo <= 4e-16 * hi && hi < Infinity)) {
      return next;
    }
    s = next;
  }
  return s;
}

function impliedFromForward(
  type: OptionType,
  price: number,
  forward: number,
  strike: number,
  time: number,
  discount: number,
): number | undefined {
  if (time === 0) return undefined;
  const stdDev = impliedTotalStdDev(type, Math.log(strike / forward), price / (discount * forward));
  return stdDev === undefined ? undefined : stdDev / Math.sqrt(time);
}

/**
 * Black–Scholes–Merton implied volatility (annualised fraction) of a European option price.
 *
 * Never NaN for a price strictly inside the no-arbitrage bounds: for a call
 * e^{−rT}(F − K)⁺ < price < S·e^{−qT}, for a put e^{−rT}(K − F)⁺ < price < K·e^{−rT}. Returns 0
 * when the price equals the lower bound to rounding (or is so small that price/F underflows), and
 * `undefined` when it is below the lower bound, at or above the upper bound (to rounding: a
 * price within a few ulps of the upper bound has no finite vol), or when time = 0 (no volatility
 * information at expiry).
 * Accuracy: the vol reproduces the price to within rounding; it is within 1e-10 of the true vol
 * whenever the normalised vega is not tiny (tested by round trips over deep in/out of the money,
 * vols 0.01–5 and expiries from 1 day to 5 years).
 *
 * @throws RangeError naming the field for NaN/infinite inputs, spot or strike not > 0, negative
 * time.
 */
export function impliedVol(input: ImpliedVolInput): number | undefined {
  const { type, price, spot, strike, time, rate, dividendYield } = input;
  if (type !== 'call' && type !== 'put')
    throw new RangeError(`type must be 'call' or 'put', got ${String(type)}`);
  requireFinite('price', price);
  requirePositive('spot', spot);
  requirePositive('strike', strike);
  requireNonNegative('time', time);
  requireFinite('rate', rate);
  requireFinite('dividendYield', dividendYield);
  const forward = spot * Math.exp((rate - dividendYield) * time);
  return impliedFromForward(type, price, forward, strike, time, Math.exp(-rate * time));
}

/**
 * Black-76 implied volatility (annualised fraction) of an option on a forward/futures price F,
 * discounted at `rate`. Bounds: call e^{−rT}(F − K)⁺ < price < e^{−rT}F, put
 * e^{−rT}(K − F)⁺ < price < e^{−rT}K; same return conventions and accuracy as `impliedVol`.
 *
 * @throws RangeError naming the field for NaN/infinite inputs, forward or strike not > 0,
 * negative time.
 */
export function impliedVolBlack76(input: ImpliedVolBlack76Input): number | undefined {
  const { type, price, forward, strike, time, rate } = input;
  if (type !== 'call' && type !== 'put')
    throw new RangeError(`type must be 'call' or 'put', got ${String(type)}`);
  requireFinite('price', price);
  requirePositive('forward', forward);
  requirePositive('strike', strike);
  requireNonNegative('time', time);
  requireFinite('rate', rate);
  return impliedFromForward(type, price, forward, strike, time, Math.exp(-rate * time));
}
