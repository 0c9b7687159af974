/**
 * The pricing tables the instruments are marked with, bundled once per run for the strategy
 * engine: the SPX option surface (pricing/spx-option-table.ts), the VIX futures curve and the VIX
 * option table built on that same curve (pricing/vix-tables.ts), all from the Q side of one
 * MarketParams, plus the rate and dividend yield the strike rules need for deltas.
 *
 * Horizons are years on the trading-day clock (contracts.ts). Building costs a few hundred ms
 * (dominated by the VIX option table); the tables are read-only afterwards and shared by all paths.
 */

import type { MarketParams } from '../model/market-params.ts';
import { createSpxOptionTable, type SpxOptionTable } from '../pricing/spx-option-table.ts';
import {
  createVixCurveTable,
  createVixOptionTable,
  type VixCurveTable,
  type VixOptionTable,
} from '../pricing/vix-tables.ts';

/** The run's instrument pricing. */
export interface InstrumentPricing {
  /** SPX option prices per unit spot over (v, ln(K/F), t). */
  readonly spx: SpxOptionTable;
  /** VIX futures curve F(v, h). */
  readonly vixCurve: VixCurveTable;
  /** VIX option prices over (v, h, K), discounted at `rate`, on `vixCurve`. */
  readonly vixOptions: VixOptionTable;
  /** r, continuous, annual (market.rate). */
  readonly rate: number;
  /** q, continuous, annual (market.dividendYield). */
  readonly dividendYield: number;
  /** Longest time to expiry the tables cover, years; longer queries are clamped by the tables. */
  readonly maxTimeYears: number;
}

export interface InstrumentPricingOptions {
  /** Market parameters; only the Q side and r, q are used. */
  market: MarketParams;
  /** Longest time to expiry to cover, years (> 1/365): the longest condor or layer tenor. */
  maxTimeYears: number;
  /**
   * A VIX curve table of the same Q parameters to reuse (e.g. `PricingTables.vixCurve` of
   * simulate.ts); it must cover `maxTimeYears`. Built here when absent.
   */
  vixCurve?: VixCurveTable;
}

/**
 * Builds the SPX option table, the VIX curve (unless given) and the VIX option table for a market.
 *
 * Tested: the bundled tables agree with tables built directly and with the closed forms at sample
 * points (pricing-context.test.ts).
 *
 * @throws RangeError (from the table builders) for invalid parameters or horizons.
 */
export function createInstrumentPricing(options: InstrumentPricingOptions): InstrumentPricing {
  const { market, maxTimeYears } = options;
  const q = {
    kappa: market.kappaQ,
    theta: market.thetaQ,
    sigma: market.sigma,
    jumps: market.jumps,
  };
  const vixCurve = options.vixCurve ?? createVixCurveTable({ ...q, maxHorizonYears: maxTimeYears });
  return {
    spx: createSpxOptionTable({ params: market, maxTimeYears }),
    vixCurve,
    vixOptions: createVixOptionTable({
      ...q,
      maxHorizonYears: maxTimeYears,
      rate: market.rate,
      curve: vixCurve,
    }),
    rate: market.rate,
    dividendYield: market.dividendYield,
    maxTimeYears,
  };
}
