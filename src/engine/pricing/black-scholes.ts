/**
 * Black–Scholes–Merton (1973) European option prices and greeks with a continuous dividend yield,
 * Black (1976) prices on a forward, and the discounting helpers they share.
 *
 * Model: under Q, dS/S = (r − q) dt + σ dW, so ln(S_T/F) ~ N(−σ²T/2, σ²T) with the forward
 * F = S·e^{(r−q)T}. Call = e^{−rT}(F·Φ(d₁) − K·Φ(d₂)), d₁,₂ = (ln(F/K) ± σ²T/2)/(σ√T); the put by the
 * mirror formula (Hull, "Options, Futures and Other Derivatives", ch. 15 and 19 for the greeks).
 * Rates and yields are continuously compounded and annual; time is in years.
 */

import { normCdf, normPdf } from '../math/normal.ts';

/** Option side. */
export type OptionType = 'call' | 'put';

export interface BlackScholesInput {
  type: OptionType;
  /** Spot price S (> 0). */
  spot: number;
  /** Strike K (> 0). */
  strike: number;
  /** Time to expiry T in years (≥ 0). */
  time: number;
  /** Risk-free rate r, continuous, annual (may be negative). */
  rate: number;
  /** Dividend yield q, continuous, annual (may be negative). */
  dividendYield: number;
  /** Volatility σ, annualised fraction (≥ 0). */
  vol: number;
}

export interface BlackScholesResult {
  /** Option value. */
  price: number;
  /** ∂price/∂S. */
  delta: number;
  /** ∂²price/∂S². */
  gamma: number;
  /** ∂price/∂σ per 1.00 change of σ (not per vol point). */
  vega: number;
  /** ∂price/∂t per year as calendar time passes (= −∂price/∂T; negative for a long call). */
  theta: number;
  /** ∂price/∂r per 1.00 change of r. */
  rho: number;
}

export interface Black76Input {
  type: OptionType;
  /** Forward (or futures) price F (> 0). */
  forward: number;
  /** Strike K (> 0). */
  strike: number;
  /** Time to expiry T in years (≥ 0). */
  time: number;
  /** Risk-free rate r used to discount the payoff, continuous, annual. */
  rate: number;
  /** Volatility of the forward, annualised fraction (≥ 0). */
  vol: number;
}

/** Throws a RangeError naming `field` unless `value` is a finite number. */
export function requireFinite(field: string, value: number): void {
  if (!Number.isFinite(value))
    throw new RangeError(`${field} must be a finite number, got ${value}`);
}

/** Throws a RangeError naming `field` unless `value` is finite and > 0. */
export function requirePositive(field: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0))
    throw new RangeError(`${field} must be a finite number > 0, got ${value}`);
}

/** Throws a RangeError naming `field` unless `value` is finite and ≥ 0. */
export function requireNonNegative(field: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0))
    throw new RangeError(`${field} must be a finite number ≥ 0, got ${value}`);
}

/** e^{−rate·time}: the value today of 1 paid at `time` years (continuous compounding). */
export function discountFactor({ rate, time }: { rate: number; time: number }): number {
  return Math.exp(-rate * time);
}

/** The forward price F = S·e^{(r−q)T} of a stock paying a continuous dividend yield. */
export function forwardPrice({
  spot,
  rate,
  dividendYield,
  time,
}: {
  spot: number;
  rate: number;
  dividendYield: number;
  time: number;
}): number {
  return spot * Math.exp((rate - dividendYield) * time);
}

/**
 * The undiscounted Black price in units of the forward, E[(e^X − e^k)⁺] (call) or E[(e^k − e^X)⁺]
 * (put), with X ~ N(−Σ²/2, Σ²), k = ln(K/F) the log-moneyness and Σ = σ√T the total standard
 * deviation. Σ = 0 gives the intrinsic value. Positional arguments because the SPX option table
 * calls it on every lookup; it does not validate.
 */
export function normalizedBlackPrice(
  type: OptionType,
  logMoneyness: number,
  totalStdDev: number,
): number {
  const k = logMoneyness;
  if (!(totalStdDev > 0)) {
    return Math.max(type === 'call' ? -Math.expm1(k) : Math.expm1(k), 0);
  }
  const d1 = -k / totalStdDev + 0.5 * totalStdDev;
  const d2 = d1 - totalStdDev;
  return type === 'call'
    ? normCdf(d1) - Math.exp(k) * normCdf(d2)
    : Math.exp(k) * normCdf(-d2) - normCdf(-d1);
}

/**
 * Black–Scholes–Merton price and greeks of a European option on a stock with continuous dividend
 * yield.
 *
 * Edge cases: with time = 0 or vol = 0 the option is worth the discounted payoff on the
 * deterministic forward, e^{−rT}·(F − K)⁺ (call), and the greeks are their limits: Φ(d₁) becomes
 * the step 1{F > K} (½ when F = K exactly), vega and gamma vanish away from the money. At the
 * singular point F = K the limiting gamma (and, at expiry, theta's diffusion part) is infinite; we
 * return gamma = 0 and theta without the diffusion part there, so no NaN or Infinity escapes.
 *
 * @throws RangeError naming the field when spot or strike are not > 0, time or vol are negative,
 * or any input is NaN or infinite.
 *
 * Tested against Haug's (1998) tables as used in QuantLib's test suite and Hull's worked examples
 * (shared/reference/pricing-vectors.json), put–call parity, and the greeks against central finite
 * differences of the price.
 */
export function blackScholes(input: BlackScholesInput): BlackScholesResult {
  const { type, spot, strike, time, rate, dividendYield, vol } = input;
  if (type !== 'call' && type !== 'put')
    throw new RangeError(`type must be 'call' or 'put', got ${String(type)}`);
  requirePositive('spot', spot);
  requirePositive('strike', strike);
  requireNonNegative('time', time);
  requireFinite('rate', rate);
  requireFinite('dividendYield', dividendYield);
  requireNonNegative('vol', vol);

  const dq = Math.exp(-dividendYield * time);
  const dr = Math.exp(-rate * time);
  const sqrtT = Math.sqrt(time);
  const stdDev = vol * sqrtT;
  const sign = type === 'call' ? 1 : -1;

  // n1 = Φ(±d₁), n2 = Φ(±d₂), pdf = φ(d₁)/(σ√T) with their σ√T → 0 limits.
  let n1: number;
  let n2: number;
  let pdf1: number;
  let gammaTerm: number;
  if (stdDev > 0) {
    const d1 = (Math.log(spot / strike) + (rate - dividendYield) * time) / stdDev + 0.5 * stdDev;
    const d2 = d1 - stdDev;
    n1 = normCdf(sign * d1);
    n2 = normCdf(sign * d2);
    pdf1 = normPdf(d1);
    gammaTerm = pdf1 / stdDev;
  } else {
    const moneyness = spot * dq - strike * dr;
    const step = moneyness > 0 ? 1 : moneyness < 0 ? 0 : 0.5;
    n1 = sign > 0 ? step : 1 - step;
    n2 = n1;
    pdf1 = moneyness === 0 ? normPdf(0) : 0;
    gammaTerm = 0;
  }

  const price = sign * (spot * dq * n1 - strike * dr * n2);
  const delta = sign * dq * n1;
  const gamma = (dq * gammaTerm) / spot;
  const vega = spot * dq * pdf1 * sqrtT;
  const diffusionTheta = sqrtT > 0 ? (-spot * dq * pdf1 * vol) / (2 * sqrtT) : 0;
  const theta = diffusionTheta + sign * (dividendYield * spot * dq * n1 - rate * strike * dr * n2);
  const rho = sign * strike * time * dr * n2;
  return { price: Math.max(price, 0), delta, gamma, vega, theta, rho };
}

/**
 * Black (1976) price of a European option on a forward or futures price F, discounted at `rate`:
 * e^{−rT}·(F·Φ(d₁) − K·Φ(d₂)) for a call. Used for VIX options on the VIX future. time = 0 or
 * vol = 0 give the discounted intrinsic value e^{−rT}(F − K)⁺.
 *
 * @throws RangeError naming the field for forward or strike not > 0, negative time or vol, or any
 * NaN/infinite input.
 *
 * Tested against blackScholes with q = r (the same formula) and by implied-vol round trips.
 */
export function black76(input: Black76Input): number {
  const { type, forward, strike, time, rate, vol } = input;
  if (type !== 'call' && type !== 'put')
    throw new RangeError(`type must be 'call' or 'put', got ${String(type)}`);
  requirePositive('forward', forward);
  requirePositive('strike', strike);
  requireNonNegative('time', time);
  requireFinite('rate', rate);
  requireNonNegative('vol', vol);
  const discount = Math.exp(-rate * time);
  const stdDev = vol * Math.sqrt(time);
  if (!(stdDev > 0))
    return discount * Math.max(type === 'call' ? forward - strike : strike - forward, 0);
  return discount * forward * normalizedBlackPrice(type, Math.log(strike / forward), stdDev);
}
