/**
 * Historical replay (issue: "run the same rules on a given SPX/VIX daily series"): one path, the
 * observed SPX and VIX closes, day by day through the same strategy runner as the simulation. The
 * variance state of each day is implied from the observed VIX under the config's Q parameters
 * (model/replay-path.ts; closes below the model's VIX floor map to v = 0 and are counted), and every
 * option and future is marked by the model at that state. The config's own paths, seed, horizon and
 * shocks are ignored: the series sets them.
 */
import type { SimulationConfig } from './config/schema.ts';
import { ReplayPathBlock } from './model/replay-path.ts';
import type { ReplaySeries } from './scenarios/replay-series.ts';
import {
  availableMarketStats,
  buildPricingTables,
  requireValidConfig,
  summarizeOutcomes,
  withoutNegativeZeros,
  type MarketStatsReport,
  type PricingTables,
} from './simulate.ts';
import { MarketStatsAccumulator } from './stats/market.ts';
import type { StrategyEvent } from './strategy/events.ts';
import { openingBook, type OpeningBook } from './strategy/opening-book.ts';
import { runStrategyBlock, type PathSeries } from './strategy/run-strategy.ts';

/** An event with the date of its day. */
export type DatedEvent = StrategyEvent & { date: string };

export type ReplayResult = ReturnType<typeof summarizeOutcomes> & {
  openingBook: OpeningBook;
  paths: 1;
  horizonDays: number;
  capital: number;
  replay: {
    from: string;
    to: string;
    rows: number;
    /** Days whose VIX was below the model's floor (variance set to 0). */
    clampedDays: number;
    vixFloor: number;
  };
  market: MarketStatsReport;
  events: DatedEvent[];
  series: PathSeries & { dates: string[] };
};

/**
 * Replays a validated-or-not config on an observed series. Throws InvalidConfigError for an invalid
 * config and RangeError for an invalid series (replay-series.ts messages).
 */
export function replay(
  input: unknown,
  series: ReplaySeries,
  options: { tables?: PricingTables } = {},
): ReplayResult {
  const base = requireValidConfig(input);
  const source = new ReplayPathBlock({ series, params: base.market });
  const config: SimulationConfig = {
    ...base,
    paths: 1,
    horizonDays: source.horizonDays,
    shocks: [],
  };
  const tables = options.tables ?? buildPricingTables(config.market);
  const run = runStrategyBlock({
    config,
    source,
    firstPath: 0,
    tables,
    observedVix: source.vix,
    record: true,
  });
  const market = new MarketStatsAccumulator({ pathCount: 0 });
  market.merge(run.market);
  const dates = source.series.dates;
  // Plain data without −0 (a worthless condor's expiry books a cash flow of −0), as simulate's.
  return withoutNegativeZeros({
    paths: 1,
    horizonDays: config.horizonDays,
    capital: config.capital,
    ...summarizeOutcomes(config, run.outcomes),
    openingBook: openingBook(config, tables),
    replay: {
      from: dates[0],
      to: dates[dates.length - 1],
      rows: dates.length,
      clampedDays: source.clampedDays,
      vixFloor: source.vixFloor,
    },
    market: availableMarketStats(market.result()),
    events: (run.events ?? []).map((e) => ({ ...e, date: dates[e.day] })),
    series: { ...(run.series as PathSeries), dates: [...dates] },
  });
}
