/**
 * Marks: the model value of one unit of a leg (index points; dollars = multiplier × contracts ×
 * mark) from the run's pricing tables, given a path's state on a day.
 *
 * SPX options follow the simulated variance v as well as the spot: the table is the model's
 * Heston/Bates/SVCJ price surface over (v, log-moneyness, time), so a condor's value moves with vol
 * as well as with the index (PITFALLS: pricing at a fixed vol makes hedges look free or useless).
 *
 * VIX options settle on the VIX future of their expiry, not on spot VIX. Before expiry a VIX option
 * is priced on the distribution of VIX_T, whose Q-mean is the future F(t, T) — in a steep contango
 * an out-of-the-money call on a low spot VIX is worth the Black-76 value on the higher future; only
 * at expiry does F(T, T) = VIX_T, and the option is then worth its intrinsic value on VIX_T. VIX
 * futures are marked on the model curve F(t, T) = E_Q[VIX_T | v_t].
 *
 * The strategy engine calls these per path per day, so they take positional numbers, return a
 * number and allocate nothing. Times are years on the trading-day clock (contracts.ts); a time or
 * horizon ≤ 0 means the leg has expired and is worth its intrinsic (settlement) value.
 */

import type { OptionType } from '../pricing/black-scholes.ts';
import type { SpxOptionTable } from '../pricing/spx-option-table.ts';
import type { VixCurveTable, VixOptionTable } from '../pricing/vix-tables.ts';

/**
 * Model price of an SPX option, index points per unit: spot × table.price(type, v, ln(K/F), t),
 * F = spot·e^{(r−q)t} (the table's carry); the intrinsic value max(±(spot − strike), 0) at t ≤ 0.
 * spot and strike > 0.
 *
 * Tested: against `hestonPrice` at the table's accuracy, put–call parity, intrinsic at expiry and
 * vega > 0 (marks.test.ts).
 *
 * @throws RangeError (from the table) if v or timeYears is NaN.
 */
export function markSpxOption(
  table: SpxOptionTable,
  type: OptionType,
  strike: number,
  spot: number,
  v: number,
  timeYears: number,
): number {
  if (!(timeYears > 0)) {
    const x = type === 'call' ? spot - strike : strike - spot;
    return x > 0 ? x : 0;
  }
  return spot * table.price(type, v, table.logMoneyness(spot, strike, timeYears), timeYears);
}

/**
 * Model price of a VIX option, vol points per unit: e^{−r h}·E_Q[(VIX_T − K)⁺ | v] (or the put)
 * from the option table, h = horizonYears to expiry. At h ≤ 0 the intrinsic value on VIX_T, which
 * is the spot VIX of the state (the table's future at horizon 0): the option has settled on the
 * expiring future F(T, T) = VIX_T (module comment).
 *
 * Tested: against `vixOption`, put–call parity on the future, the steep-contango case (worth the
 * value on the future, not on spot) and intrinsic at expiry (marks.test.ts).
 */
export function markVixOption(
  optionTable: VixOptionTable,
  type: OptionType,
  strike: number,
  v: number,
  horizonYears: number,
): number {
  if (!(horizonYears > 0)) {
    const vix = optionTable.future(v, 0);
    const x = type === 'call' ? vix - strike : strike - vix;
    return x > 0 ? x : 0;
  }
  return optionTable.price(type, v, horizonYears, strike);
}

/**
 * Model VIX futures price F(t, T) = E_Q[VIX_T | v_t = v], vol points, h = horizonYears = T − t;
 * h ≤ 0 gives the final settlement value, the spot VIX. Tested against `vixFuture` (marks.test.ts).
 */
export function markVixFuture(curve: VixCurveTable, v: number, horizonYears: number): number {
  return curve.future(v, horizonYears > 0 ? horizonYears : 0);
}
