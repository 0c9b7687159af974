/**
 * The marks the strategy needs, by whole trading days to expiry (the strategy's clock:
 * t = days/252, contracts.ts): SPX options on the model surface, VIX options and futures on the
 * model curve. `days ≤ 0` is the settlement value: SPX options their intrinsic value at the SPX,
 * VIX options their intrinsic value on VIX_T (they settle on the expiring future, which equals
 * VIX_T; marks.ts), futures VIX_T.
 *
 * Built on the run's tables (`createStrategyMarks`); the per-day slice caches of
 * pricing/daily-slices.ts make the daily marks fast.
 */
import type { OptionType } from '../pricing/black-scholes.ts';
import { TRADING_DAYS_PER_YEAR } from '../model/market-params.ts';
import { markSpxOption, markVixFuture, markVixOption } from '../instruments/marks.ts';
import type { InstrumentPricing } from '../instruments/pricing-context.ts';

/** Unit marks in index points (dollars = multiplier × contracts × mark). */
export interface StrategyMarks {
  readonly pricing: InstrumentPricing;
  spxOption(type: OptionType, strike: number, spot: number, v: number, days: number): number;
  vixOption(type: OptionType, strike: number, v: number, days: number): number;
  vixFuture(v: number, days: number): number;
}

/** Marks straight from the run's tables (the reference the faster marks are tested against). */
export function createStrategyMarks(pricing: InstrumentPricing): StrategyMarks {
  const year = TRADING_DAYS_PER_YEAR;
  return {
    pricing,
    spxOption: (type, strike, spot, v, days) =>
      markSpxOption(pricing.spx, type, strike, spot, v, days > 0 ? days / year : 0),
    vixOption: (type, strike, v, days) =>
      markVixOption(pricing.vixOptions, type, strike, v, days > 0 ? days / year : 0),
    vixFuture: (v, days) => markVixFuture(pricing.vixCurve, v, days > 0 ? days / year : 0),
  };
}
