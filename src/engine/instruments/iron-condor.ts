/**
 * The short SPX iron condor, the core trade (DESIGN §3): sell an out-of-the-money put and call,
 * buy a put further down and a call further up ("wings"), all on one expiry, for a net credit.
 *
 * At expiry the P&L per condor is credit − (put-spread loss) − (call-spread loss), in SPX points ×
 * 100 per contract: the full credit between the short strikes, zero at short put − credit and short
 * call + credit (the break-evens), and the maximum loss (widest wing − credit) below the long put or
 * above the long call.
 *
 * Strikes: by delta, each short strike is the 5-point strike whose Black–Scholes delta, computed
 * with the model's own implied volatility at that strike (the table's smile, so the skew moves the
 * put further out than a flat-vol delta would), is closest to the target; or by a distance from
 * spot in per cent. Delta is the spot delta with the dividend yield, Δ_call = e^{−qt}Φ(d₁),
 * Δ_put = −e^{−qt}Φ(−d₁), d₁ = (ln(F/K) + σ²t/2)/(σ√t), F = S·e^{(r−q)t} (Hull, ch. 19).
 */

import { normCdf } from '../math/normal.ts';
import type { OptionType } from '../pricing/black-scholes.ts';
import type { SpxOptionTable } from '../pricing/spx-option-table.ts';
import { CONTRACT_MULTIPLIER, STRIKE_STEP, nearestStrike } from './contracts.ts';
import type { OptionLeg } from './legs.ts';
import { markSpxOption } from './marks.ts';

/** The four strikes of an iron condor, SPX points, longPut ≤ shortPut ≤ shortCall ≤ longCall. */
export interface CondorStrikes {
  readonly longPut: number;
  readonly shortPut: number;
  readonly shortCall: number;
  readonly longCall: number;
}

/** How the short strikes are chosen. */
export type CondorStrikeRule = 'delta' | 'percent-otm';

/** The model state and market inputs a delta needs. */
export interface SpxDeltaMarket {
  /** SPX level (> 0). */
  spot: number;
  /** Instantaneous variance of the path (≥ 0). */
  v: number;
  /** Time to expiry, years (> 0). */
  timeYears: number;
  /** r, continuous, annual. */
  rate: number;
  /** q, continuous, annual. */
  dividendYield: number;
  /** The run's SPX option table (its implied volatility is used). */
  table: SpxOptionTable;
}

export interface SelectCondorStrikesInput extends SpxDeltaMarket {
  rule: CondorStrikeRule;
  /** Target |Δ| of each short strike for rule 'delta', in (0, 1) (0.16 = 16Δ). */
  shortDelta: number;
  /** Distance of each short strike from spot for rule 'percent-otm', a fraction ≥ 0. */
  shortOtm: number;
  /** Distance from each short strike to its wing, SPX points (> 0). */
  wingWidth: number;
}

const SPX_STEP = STRIKE_STEP['spx-option'];
const SPX_MULTIPLIER = CONTRACT_MULTIPLIER['spx-option'];
/** Bisection steps for the continuous delta root (halves a bracket of a few units each time). */
const DELTA_BISECTIONS = 60;
/** Half-width of the log-moneyness bracket in ATM total standard deviations (and at least 0.5). */
const DELTA_BRACKET_STD_DEVS = 12;

function checkMarket({ spot, v, timeYears }: SpxDeltaMarket): void {
  if (!(spot > 0) || !Number.isFinite(spot))
    throw new RangeError(`spot must be a finite number > 0, got ${spot}`);
  if (!(v >= 0) || !Number.isFinite(v))
    throw new RangeError(`v must be a finite number ≥ 0, got ${v}`);
  if (!(timeYears > 0) || !Number.isFinite(timeYears))
    throw new RangeError(`timeYears must be a finite number > 0, got ${timeYears}`);
}

/** Smile-consistent delta at log-moneyness k = ln(K/F) (module comment). */
function deltaAt(type: OptionType, k: number, m: SpxDeltaMarket): number {
  const s = m.table.impliedVol(m.v, k, m.timeYears) * Math.sqrt(m.timeYears);
  const growth = Math.exp(-m.dividendYield * m.timeYears);
  if (!(s > 0)) {
    const inTheMoney = type === 'call' ? k < 0 : k > 0;
    return (type === 'call' ? 1 : -1) * growth * (inTheMoney ? 1 : k === 0 ? 0.5 : 0);
  }
  const d1 = -k / s + 0.5 * s;
  return type === 'call' ? growth * normCdf(d1) : -growth * normCdf(-d1);
}

const logMoneyness = (strike: number, m: SpxDeltaMarket): number =>
  Math.log(strike / m.spot) - (m.rate - m.dividendYield) * m.timeYears;

/**
 * Black–Scholes delta of an SPX option computed with the model's implied volatility at its strike
 * (module comment): ∂price/∂spot per unit, in [−1, 1].
 *
 * Tested against `blackScholes` with the table's implied vol (iron-condor.test.ts).
 *
 * @throws RangeError for spot ≤ 0, v < 0, timeYears ≤ 0 or non-finite inputs.
 */
export function spxOptionDelta(
  input: SpxDeltaMarket & { type: OptionType; strike: number },
): number {
  checkMarket(input);
  if (!(input.strike > 0)) throw new RangeError(`strike must be > 0, got ${input.strike}`);
  return deltaAt(input.type, logMoneyness(input.strike, input), input);
}

/**
 * The 5-point SPX strike whose |Δ| (smile-consistent, `spxOptionDelta`) is closest to `delta`.
 *
 * Method: bisection in log-moneyness for the continuous strike where |Δ| = delta (|Δ_put| rises and
 * |Δ_call| falls with the strike), bracketed by ±max(0.5, 12 × the ATM total standard deviation);
 * then, of the two grid strikes around it, the one whose |Δ| is nearer the target. So |Δ| misses
 * the target by at most half the change of |Δ| over one strike step. A target beyond the bracket
 * gives its end strike.
 *
 * Tested: the miss bound at several targets, expiries and variances (iron-condor.test.ts).
 *
 * @throws RangeError for delta outside (0, 1) or an invalid market (see `spxOptionDelta`).
 */
export function spxStrikeForDelta(
  input: SpxDeltaMarket & { type: OptionType; delta: number },
): number {
  checkMarket(input);
  const { type, delta } = input;
  if (!(delta > 0 && delta < 1)) throw new RangeError(`delta must be in (0, 1), got ${delta}`);
  const atm = input.table.impliedVol(input.v, 0, input.timeYears) * Math.sqrt(input.timeYears);
  const reach = Math.max(0.5, DELTA_BRACKET_STD_DEVS * atm);
  // f(k) = |Δ(k)| − delta rises with k for a put, falls for a call.
  const sign = type === 'put' ? 1 : -1;
  const f = (k: number): number => sign * (Math.abs(deltaAt(type, k, input)) - delta);
  let lo = -reach;
  let hi = reach;
  if (f(lo) >= 0) hi = lo;
  else if (f(hi) <= 0) lo = hi;
  for (let i = 0; i < DELTA_BISECTIONS && hi - lo > 0; i++) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  const forward = input.spot * Math.exp((input.rate - input.dividendYield) * input.timeYears);
  const continuous = forward * Math.exp(0.5 * (lo + hi));
  const below = Math.max(Math.floor(continuous / SPX_STEP) * SPX_STEP, SPX_STEP);
  const above = below + SPX_STEP;
  const miss = (strike: number): number =>
    Math.abs(Math.abs(deltaAt(type, logMoneyness(strike, input), input)) - delta);
  return miss(above) < miss(below) ? above : below;
}

/**
 * Strikes of an iron condor.
 *
 * - 'delta': short put and short call from `spxStrikeForDelta` at |Δ| = shortDelta.
 * - 'percent-otm': short put at spot·(1 − shortOtm), short call at spot·(1 + shortOtm), each
 *   rounded to the nearest 5-point strike.
 *
 * If the short strikes cross (short put above short call, possible for |Δ| near ½ because of the
 * e^{−qt} factor and the skew) both are set to the strike nearest the forward: an iron butterfly.
 * The wings are wingWidth rounded to the 5-point grid (at least one step) away from the shorts,
 * so a width that is a multiple of 5 is kept exactly; a long put is never below one step.
 *
 * Tested: delta targets met to half a strike step, wings exactly wingWidth, percent rule by hand
 * (iron-condor.test.ts).
 *
 * @throws RangeError for an invalid rule value, wingWidth ≤ 0 or an invalid market.
 */
export function selectCondorStrikes(input: SelectCondorStrikesInput): CondorStrikes {
  checkMarket(input);
  const { rule, spot, wingWidth } = input;
  if (!(wingWidth > 0) || !Number.isFinite(wingWidth))
    throw new RangeError(`wingWidth must be a finite number > 0, got ${wingWidth}`);
  let shortPut: number;
  let shortCall: number;
  if (rule === 'delta') {
    shortPut = spxStrikeForDelta({ ...input, type: 'put', delta: input.shortDelta });
    shortCall = spxStrikeForDelta({ ...input, type: 'call', delta: input.shortDelta });
  } else if (rule === 'percent-otm') {
    const otm = input.shortOtm;
    if (!(otm >= 0 && otm < 1)) throw new RangeError(`shortOtm must be in [0, 1), got ${otm}`);
    shortPut = nearestStrike('spx-option', spot * (1 - otm));
    shortCall = nearestStrike('spx-option', spot * (1 + otm));
  } else {
    throw new RangeError(`rule must be 'delta' or 'percent-otm', got ${String(rule)}`);
  }
  if (shortPut > shortCall) {
    const forward = spot * Math.exp((input.rate - input.dividendYield) * input.timeYears);
    shortPut = shortCall = nearestStrike('spx-option', forward);
  }
  const width = Math.max(Math.round(wingWidth / SPX_STEP) * SPX_STEP, SPX_STEP);
  return {
    longPut: Math.max(shortPut - width, SPX_STEP),
    shortPut,
    shortCall,
    longCall: shortCall + width,
  };
}

/**
 * The four legs of a short iron condor of `contracts` contracts (integer ≥ 0), in the order long
 * put (+n), short put (−n), short call (−n), long call (+n).
 *
 * @throws RangeError for contracts that are not a whole number ≥ 0 or strikes out of order.
 */
export function ironCondor({
  strikes,
  contracts,
  expiryDay,
}: {
  strikes: CondorStrikes;
  contracts: number;
  expiryDay: number;
}): OptionLeg[] {
  if (!(Number.isInteger(contracts) && contracts >= 0))
    throw new RangeError(`contracts must be a whole number ≥ 0, got ${contracts}`);
  const { longPut, shortPut, shortCall, longCall } = strikes;
  if (!(longPut > 0 && longPut <= shortPut && shortPut <= shortCall && shortCall <= longCall))
    throw new RangeError(
      `strikes must satisfy 0 < longPut ≤ shortPut ≤ shortCall ≤ longCall, got ${longPut}, ${shortPut}, ${shortCall}, ${longCall}`,
    );
  const leg = (type: OptionType, strike: number, quantity: number): OptionLeg => ({
    kind: 'spx-option',
    type,
    strike,
    quantity,
    expiryDay,
  });
  return [
    leg('put', longPut, contracts),
    leg('put', shortPut, -contracts),
    leg('call', shortCall, -contracts),
    leg('call', longCall, contracts),
  ];
}

/**
 * Model cost to close one short iron condor, SPX points per unit: P(shortPut) − P(longPut) +
 * C(shortCall) − C(longCall) from `markSpxOption` (≥ 0 up to the table's error; the intrinsic
 * spread values at t ≤ 0). Its P&L since entry is (credit − this) × 100 × contracts. Rises with v:
 * the condor is short vega. Scalar and allocation-free for the daily marks.
 *
 * Tested: equals the sum of the leg marks, short vega, expiry value (iron-condor.test.ts).
 */
export function markIronCondor(
  table: SpxOptionTable,
  longPut: number,
  shortPut: number,
  shortCall: number,
  longCall: number,
  spot: number,
  v: number,
  timeYears: number,
): number {
  return (
    markSpxOption(table, 'put', shortPut, spot, v, timeYears) -
    markSpxOption(table, 'put', longPut, spot, v, timeYears) +
    markSpxOption(table, 'call', shortCall, spot, v, timeYears) -
    markSpxOption(table, 'call', longCall, spot, v, timeYears)
  );
}

/**
 * The model (mid) credit of one condor at entry, SPX points per unit: `markIronCondor` at the entry
 * state. Bid–ask costs are the accounting's (contracts.ts `bidAskSpread`).
 */
export function condorCredit({
  strikes,
  spot,
  v,
  timeYears,
  table,
}: {
  strikes: CondorStrikes;
  spot: number;
  v: number;
  timeYears: number;
  table: SpxOptionTable;
}): number {
  const { longPut, shortPut, shortCall, longCall } = strikes;
  return markIronCondor(table, longPut, shortPut, shortCall, longCall, spot, v, timeYears);
}

/**
 * Break-evens at expiry, SPX points: lower = shortPut − credit, upper = shortCall + credit (credit
 * in points per unit). Valid while the credit is below each wing's width.
 *
 * Tested: zero P&L at both, hand-computed cases (iron-condor.test.ts).
 */
export function condorBreakEvens({ strikes, credit }: { strikes: CondorStrikes; credit: number }): {
  lower: number;
  upper: number;
} {
  return { lower: strikes.shortPut - credit, upper: strikes.shortCall + credit };
}

/** Maximum profit at expiry, dollars: credit × 100 × contracts (kept when SPX ends between the shorts). */
export function condorMaxProfit({
  credit,
  contracts,
}: {
  credit: number;
  contracts: number;
}): number {
  return credit * SPX_MULTIPLIER * contracts;
}

/**
 * Maximum loss at expiry as a positive number of dollars: (widest wing − credit) × 100 ×
 * contracts, reached below the long put (put wing) or above the long call (call wing).
 */
export function condorMaxLoss({
  strikes,
  credit,
  contracts,
}: {
  strikes: CondorStrikes;
  credit: number;
  contracts: number;
}): number {
  const widest = Math.max(strikes.shortPut - strikes.longPut, strikes.longCall - strikes.shortCall);
  return (widest - credit) * SPX_MULTIPLIER * contracts;
}

/**
 * P&L at expiry in dollars of `contracts` short condors opened for `credit` points, with the SPX
 * settling at `spot`: (credit − put-spread intrinsic − call-spread intrinsic) × 100 × contracts.
 */
export function condorPnlAtExpiry({
  strikes,
  credit,
  contracts,
  spot,
}: {
  strikes: CondorStrikes;
  credit: number;
  contracts: number;
  spot: number;
}): number {
  const { longPut, shortPut, shortCall, longCall } = strikes;
  const putLoss = Math.min(Math.max(shortPut - spot, 0), shortPut - longPut);
  const callLoss = Math.min(Math.max(spot - shortCall, 0), longCall - shortCall);
  return (credit - putLoss - callLoss) * SPX_MULTIPLIER * contracts;
}

/**
 * Contracts a capital at risk buys: ⌊capitalAtRisk / maxLossPerContract⌋, both in dollars, ≥ 0.
 * A ratio within 1e-9 below a whole number counts as that number (so rounding in a max loss such as
 * (5 − 1.7) × 100 does not cost a contract). 0 when either input is not > 0 or not finite: a
 * position without a positive defined risk is not sized by this rule.
 */
export function contractsForRisk(capitalAtRisk: number, maxLossPerContract: number): number {
  if (!(capitalAtRisk > 0 && maxLossPerContract > 0)) return 0;
  const ratio = capitalAtRisk / maxLossPerContract;
  if (!Number.isFinite(ratio)) return 0;
  return Math.floor(ratio + 1e-9);
}
