/**
 * Option and futures legs as plain data, their payoff at expiry, and the expiry profile
 * (break-evens, maximum profit and loss) of any position built from legs on one underlying.
 *
 * A leg holds its terms only (QuantLib's split of instrument and pricing engine); what it is worth
 * before expiry is in marks.ts. Quantities are signed contracts, + long and − short. Values are in
 * dollars: multiplier × quantity × unit value (contracts.ts).
 *
 * Settlement: SPX options are cash-settled on the SPX. VIX options and VIX futures are cash-settled
 * on the same final settlement value of the VIX; the model takes it to be the VIX at expiry, which
 * is also the value of the expiring future, F(T, T) = VIX_T. So `underlying` is the SPX level for
 * SPX legs and the VIX level (points) at expiry for VIX legs.
 *
 * A future's payoff is its settlement value multiplier × quantity × VIX_T, on the same footing as
 * an option's: a position's P&L at expiry is payoff − entry value, where the entry value of a
 * future is multiplier × quantity × its entry price (no cash changes hands at entry, but the daily
 * variation margin adds up to exactly that difference).
 */

import type { OptionType } from '../pricing/black-scholes.ts';
import { CONTRACT_MULTIPLIER } from './contracts.ts';

/** The option contract families. */
export type OptionKind = 'spx-option' | 'vix-option';

/** One option leg. */
export interface OptionLeg {
  readonly kind: OptionKind;
  readonly type: OptionType;
  /** Strike, index points (> 0). */
  readonly strike: number;
  /** Signed contracts: + long, − short. */
  readonly quantity: number;
  /** Simulation trading day on which the leg expires and settles. */
  readonly expiryDay: number;
}

/** One VIX futures leg. */
export interface FutureLeg {
  readonly kind: 'vix-future';
  /** Signed contracts: + long, − short. */
  readonly quantity: number;
  /** Simulation trading day of the final settlement. */
  readonly expiryDay: number;
}

export type Leg = OptionLeg | FutureLeg;

/** Break-evens and extreme outcomes of a position held to expiry. */
export interface ExpiryProfile {
  /** Underlying levels ≥ 0 at which the P&L at expiry is zero, ascending. */
  breakEvens: number[];
  /** Largest P&L at expiry, dollars; null when unbounded (rises without limit). */
  maxProfit: number | null;
  /** Largest loss at expiry as a positive number of dollars; null when unbounded. */
  maxLoss: number | null;
}

/**
 * Payoff of one unit at expiry, index points: max(underlying − strike, 0) for a call,
 * max(strike − underlying, 0) for a put. Scalar, allocation-free.
 */
export function intrinsicValue(type: OptionType, strike: number, underlying: number): number {
  const x = type === 'call' ? underlying - strike : strike - underlying;
  return x > 0 ? x : 0;
}

/**
 * Dollar value of a leg whose unit price is `unitPrice` (index points): multiplier × quantity ×
 * unitPrice. For an option that is what was paid (+) or received (−) at that price; for a future it
 * is the notional the P&L is measured against.
 */
export function legValue(leg: Leg, unitPrice: number): number {
  return CONTRACT_MULTIPLIER[leg.kind] * leg.quantity * unitPrice;
}

/**
 * Settlement value of a leg at expiry in dollars: multiplier × quantity × intrinsic value for an
 * option, multiplier × quantity × underlying for a future. `underlying` is the SPX level for SPX
 * options and the VIX at expiry (= the expiring future) for VIX options and futures.
 *
 * Tested table-driven against hand-computed cases: each kind, long and short, in, at and out of
 * the money (legs.test.ts).
 */
export function payoffAtExpiry(leg: Leg, underlying: number): number {
  const unit =
    leg.kind === 'vix-future' ? underlying : intrinsicValue(leg.type, leg.strike, underlying);
  // + 0 turns the −0 of a short leg out of the money into 0.
  return CONTRACT_MULTIPLIER[leg.kind] * leg.quantity * unit + 0;
}

/**
 * P&L at expiry in dollars of legs on one underlying bought for `entryCost` dollars (net debit +,
 * net credit −; for futures the entry value of `legValue`): Σ payoffAtExpiry − entryCost.
 */
export function pnlAtExpiry({
  legs,
  entryCost,
  underlying,
}: {
  legs: readonly Leg[];
  entryCost: number;
  underlying: number;
}): number {
  let sum = -entryCost;
  for (const leg of legs) sum += payoffAtExpiry(leg, underlying);
  return sum;
}

/**
 * Break-evens, maximum profit and maximum loss at expiry of legs on one underlying (all SPX or all
 * VIX) entered for `entryCost` dollars, over underlying levels in [0, ∞).
 *
 * Method: the P&L is piecewise linear with kinks at the strikes, so it is evaluated at 0 and at each
 * strike, and its slope beyond the last strike is Σ multiplier × quantity over calls and futures.
 * Extremes are at those points or unbounded along the last ray; break-evens are the zeros of the
 * linear pieces (a piece that is zero throughout contributes both ends). The level 0 bounds the
 * downside of the underlying; the model's VIX never falls below its floor 100√c, so for VIX puts the
 * reported maximum profit is an upper bound.
 *
 * Works for any combination of legs (e.g. for a payoff diagram); the tests check it against the
 * closed forms of every layer instrument and of the iron condor (vix-positions.test.ts,
 * iron-condor.test.ts) and against hand-computed strangles and single options (legs.test.ts).
 */
export function expiryProfile({
  legs,
  entryCost,
}: {
  legs: readonly Leg[];
  entryCost: number;
}): ExpiryProfile {
  const points = [0];
  for (const leg of legs) if (leg.kind !== 'vix-future' && leg.strike > 0) points.push(leg.strike);
  points.sort((a, b) => a - b);
  const xs = points.filter((x, i) => i === 0 || x !== points[i - 1]);
  const pnl = xs.map((underlying) => pnlAtExpiry({ legs, entryCost, underlying }));
  let slope = 0;
  for (const leg of legs) {
    if (leg.kind === 'vix-future' || leg.type === 'call')
      slope += CONTRACT_MULTIPLIER[leg.kind] * leg.quantity;
  }

  const breakEvens: number[] = [];
  const add = (x: number): void => {
    if (breakEvens.length === 0 || breakEvens[breakEvens.length - 1] !== x) breakEvens.push(x);
  };
  for (let i = 0; i < xs.length; i++) {
    if (pnl[i] === 0) add(xs[i]);
    if (i + 1 < xs.length && pnl[i] * pnl[i + 1] < 0)
      add(xs[i] - (pnl[i] * (xs[i + 1] - xs[i])) / (pnl[i + 1] - pnl[i]));
  }
  const last = xs.length - 1;
  if (pnl[last] * slope < 0) add(xs[last] - pnl[last] / slope);

  const best = Math.max(...pnl);
  const worst = Math.min(...pnl);
  return {
    breakEvens,
    maxProfit: slope > 0 ? null : best,
    maxLoss: slope < 0 ? null : -worst,
  };
}
