/**
 * The marks the strategy needs, by whole trading days to expiry (the strategy's clock:
 * t = days/252, contracts.ts): SPX options on the model surface, VIX options and futures on the
 * model curve. `days ≤ 0` is the settlement value: SPX options their intrinsic value at the SPX,
 * VIX options their intrinsic value on VIX_T (they settle on the expiring future, which equals
 * VIX_T; marks.ts), futures VIX_T.
 *
 * `createStrategyMarks` reads the per-trading-day slices of pricing/daily-slices.ts (2-D grids built
 * on first use: ~30–50 ns a lookup against ~200–350 ns for the 3-D tables, within 2e-5 of spot /
 * 2e-3 VIX points (5e-4 from 3 days on) of them); `createTableStrategyMarks` reads the tables directly and is the
 * reference the slices are tested against.
 */
import type { OptionType } from '../pricing/black-scholes.ts';
import { TRADING_DAYS_PER_YEAR } from '../model/market-params.ts';
import { markSpxOption, markVixFuture, markVixOption } from '../instruments/marks.ts';
import type { InstrumentPricing } from '../instruments/pricing-context.ts';
import { createSpxDailySlices, createVixOptionDailySlices } from '../pricing/daily-slices.ts';

/** The per-path market state a mark reads (MarketSignals has it). */
export interface PathMarket {
  readonly spot: Float64Array;
  readonly logSpot: Float64Array;
  readonly variance: Float64Array;
}

/** Unit marks in index points (dollars = multiplier × contracts × mark). */
export interface StrategyMarks {
  readonly pricing: InstrumentPricing;
  spxOption(type: OptionType, strike: number, spot: number, v: number, days: number): number;
  /**
   * `spxOption` for days ≥ 1 from logarithms, for legs marked every day: the caller keeps ln K
   * per leg and takes ln S once per path-day, so a condor's four marks cost one logarithm, not
   * four (k = ln K − ln S − (r − q)t, equal to the table's ln(K/S) − (r − q)t up to rounding).
   * days ≤ 0 (settlement) must go through `spxOption`, which needs the strike itself.
   */
  spxOptionFromLogs(
    type: OptionType,
    logStrike: number,
    logSpot: number,
    spot: number,
    v: number,
    days: number,
  ): number;
  /**
   * `spxOptionFromLogs` for several legs of path i at once (days ≥ 1): out[k] is the mark of an
   * option of type types[k] with ln K = logStrikes[k], for k < out.length, at the path's spot,
   * ln spot and variance in `market`. The state is read from the arrays and the marks written into
   * `out`: doubles passed to or returned from a call V8 does not inline are boxed on the heap, and
   * a condor's daily marks were most of the strategy's garbage.
   */
  spxOptionsFromLogs(
    types: readonly OptionType[],
    logStrikes: Float64Array,
    market: PathMarket,
    i: number,
    days: number,
    out: Float64Array,
  ): void;
  vixOption(type: OptionType, strike: number, v: number, days: number): number;
  /**
   * `vixOption` for several legs of path i at once: out[k] is the mark of an option of type
   * types[k] struck at strikes[k], for k < out.length, at the path's variance in `market`. As
   * `spxOptionsFromLogs`, the state is read from arrays and the marks written into `out` (no
   * boxed doubles across the call).
   */
  vixOptionsInto(
    types: readonly OptionType[],
    strikes: Float64Array,
    market: PathMarket,
    i: number,
    days: number,
    out: Float64Array,
  ): void;
  vixFuture(v: number, days: number): number;
}

/** Marks from per-trading-day slices of the run's tables (module comment). */
export function createStrategyMarks(pricing: InstrumentPricing): StrategyMarks {
  const year = TRADING_DAYS_PER_YEAR;
  const maxDays = Math.max(1, Math.ceil(pricing.maxTimeYears * year));
  const spx = createSpxDailySlices({ table: pricing.spx, maxDays });
  const vix = createVixOptionDailySlices({ table: pricing.vixOptions, maxDays });
  const table = pricing.spx;
  // −(r − q)t per whole trading day: ln(K/F) = ln K − ln S + carry[days].
  const carry = new Float64Array(maxDays + 1);
  for (let d = 0; d <= maxDays; d++) carry[d] = table.logMoneyness(1, 1, d / year);
  // Scratch of spxOptionsFromLogs: the legs' ln(K/F).
  let moneyness = new Float64Array(4);
  return {
    pricing,
    spxOption(type, strike, spot, v, days) {
      if (!(days > 0)) {
        const x = type === 'call' ? spot - strike : strike - spot;
        return x > 0 ? x : 0;
      }
      return spot * spx.price(type, v, table.logMoneyness(spot, strike, days / year), days);
    },
    spxOptionFromLogs(type, logStrike, logSpot, spot, v, days) {
      // A typed array read past its end or at a fractional index is undefined: the table then.
      const shift = carry[days] ?? table.logMoneyness(1, 1, days / year);
      return spot * spx.price(type, v, logStrike - logSpot + shift, days);
    },
    spxOptionsFromLogs(types, logStrikes, market, i, days, out) {
      const shift = carry[days] ?? table.logMoneyness(1, 1, days / year);
      const logSpot = market.logSpot[i];
      if (moneyness.length < out.length) moneyness = new Float64Array(out.length);
      for (let k = 0; k < out.length; k++) moneyness[k] = logStrikes[k] - logSpot + shift;
      spx.priceInto(types, market.variance[i], moneyness, days, out);
      const spot = market.spot[i];
      for (let k = 0; k < out.length; k++) out[k] *= spot;
    },
    vixOption: (type, strike, v, days) => vix.price(type, v, days, strike),
    vixOptionsInto(types, strikes, market, i, days, out) {
      vix.priceInto(types, market.variance, i, days, strikes, out);
    },
    vixFuture: (v, days) => vix.future(v, days > 0 ? days : 0),
  };
}

/** Marks straight from the run's tables (the reference the slices are tested against). */
export function createTableStrategyMarks(pricing: InstrumentPricing): StrategyMarks {
  const year = TRADING_DAYS_PER_YEAR;
  return {
    pricing,
    spxOption: (type, strike, spot, v, days) =>
      markSpxOption(pricing.spx, type, strike, spot, v, days > 0 ? days / year : 0),
    spxOptionFromLogs: (type, logStrike, logSpot, spot, v, days) =>
      spot *
      pricing.spx.price(
        type,
        v,
        logStrike - logSpot + pricing.spx.logMoneyness(1, 1, days / year),
        days / year,
      ),
    spxOptionsFromLogs(types, logStrikes, market, i, days, out) {
      const { spot, logSpot, variance } = market;
      for (let k = 0; k < out.length; k++)
        out[k] = this.spxOptionFromLogs(
          types[k],
          logStrikes[k],
          logSpot[i],
          spot[i],
          variance[i],
          days,
        );
    },
    vixOption: (type, strike, v, days) =>
      markVixOption(pricing.vixOptions, type, strike, v, days > 0 ? days / year : 0),
    vixOptionsInto(types, strikes, market, i, days, out) {
      for (let k = 0; k < out.length; k++)
        out[k] = this.vixOption(types[k], strikes[k], market.variance[i], days);
    },
    vixFuture: (v, days) => markVixFuture(pricing.vixCurve, v, days > 0 ? days / year : 0),
  };
}
