/**
 * Everything a run prices with, built once per run from the market's Q side and shared read-only
 * by all paths (and, in the app, built once per worker): the VIX futures curve and VVIX tables
 * (market statistics), the SPX option surface and VIX option table (instrument marks), the strategy
 * marks and the delta strike cache. Building takes a few hundred ms, dominated by the SPX surface.
 */
import {
  createDeltaStrikeCache,
  type DeltaStrikeCache,
} from '../instruments/delta-strike-cache.ts';
import { createInstrumentPricing, type InstrumentPricing } from '../instruments/pricing-context.ts';
import {
  createVixDeltaStrikeCache,
  type VixDeltaStrikeCache,
} from '../instruments/vix-positions.ts';
import { CALENDAR_DAYS_PER_YEAR, type MarketParams } from '../model/market-params.ts';
import {
  createVixCurveTable,
  createVvixTable,
  type VixCurveTable,
  type VvixTable,
} from '../pricing/vix-tables.ts';
import { createStrategyMarks, type StrategyMarks } from './strategy-marks.ts';

/** Longest tenor the tables cover, years: the schema's longest layer tenor, 400 calendar days. */
export const MAX_TENOR_YEARS = 400 / CALENDAR_DAYS_PER_YEAR;

export interface StrategyTables {
  vixCurve: VixCurveTable;
  vvix: VvixTable;
  instruments: InstrumentPricing;
  marks: StrategyMarks;
  strikes: DeltaStrikeCache;
  /**
   * Starting guesses of the VIX delta rule, shared by every block of the run (optional: without
   * it each hedge layer keeps its own, rebuilt per block; the strikes are the same either way).
   */
  vixDeltaStrikes?: VixDeltaStrikeCache;
}

/** Builds the run's tables (module comment). @throws RangeError for invalid market parameters. */
export function buildStrategyTables(market: MarketParams): StrategyTables {
  const q = {
    kappa: market.kappaQ,
    theta: market.thetaQ,
    sigma: market.sigma,
    jumps: market.jumps,
  };
  const vixCurve = createVixCurveTable({ ...q, maxHorizonYears: MAX_TENOR_YEARS });
  const instruments = createInstrumentPricing({ market, maxTimeYears: MAX_TENOR_YEARS, vixCurve });
  return {
    vixCurve,
    vvix: createVvixTable({ ...q, rate: market.rate }),
    instruments,
    marks: createStrategyMarks(instruments),
    strikes: createDeltaStrikeCache({
      table: instruments.spx,
      rate: market.rate,
      dividendYield: market.dividendYield,
    }),
    vixDeltaStrikes: createVixDeltaStrikeCache(),
  };
}
