/**
 * One entry point for a simulation run: `simulateShard` runs a range of paths (a worker's share),
 * `mergeShards` combines shards into the result, `simulate` does both on one thread (CLI, tests).
 *
 * Reproducibility: path i always draws from the random stream (seed, i) (rng.ts), and every
 * statistic is a mergeable sum or histogram, so the result does not depend on how the paths are
 * split into shards — up to floating-point summation order in the merged moments, which
 * `mergeShards` fixes by merging in path order.
 *
 * The market is simulated under P (model/svcj-paths.ts); VIX, VIX3M, VIX6M and the VIX futures
 * curve are Q-expectations given each path's variance (pricing/vix-*.ts), built into tables once
 * per run (`buildPricingTables`) and shared by all shards.
 */
import type { SimulationConfig } from './config/schema.ts';
import { formatConfigError, validateConfig } from './config/validate.ts';
import type { MarketParams } from './model/market-params.ts';
import { SvcjPathBlock, type MarketShock } from './model/svcj-paths.ts';
import type { MarketStats, MarketStatsState } from './stats/market.ts';
import { MarketStatsAccumulator } from './stats/market.ts';
import { claimsCheck, type Claim } from './stats/claims.ts';
import { FanChartAccumulator, type FanChartState } from './stats/fan-chart.ts';
import {
  calmVsStress,
  pairedDifference,
  pnlHistogram,
  summarizeBook,
  summarizeLayers,
  type BookSummary,
  type CalmVsStress,
  type LayerSummary,
  type PairedDifference,
  type PnlHistogram,
} from './stats/outcomes.ts';
import { concatPathOutcomes, type PathOutcomes } from './stats/path-outcomes.ts';
import {
  CURVE_MONTHS,
  fanDays,
  runStrategyBlock,
  type FanObserver,
  type PathSeries,
} from './strategy/run-strategy.ts';
import type { StrategyEvent } from './strategy/events.ts';
import { openingBook, type OpeningBook } from './strategy/opening-book.ts';
import { buildStrategyTables, type StrategyTables } from './strategy/strategy-tables.ts';

export { CURVE_MONTHS, CURVE_SAMPLE_EVERY_DAYS } from './strategy/run-strategy.ts';

/** The run's pricing tables (strategy/strategy-tables.ts). */
export type PricingTables = StrategyTables;

export interface SimulationRange {
  firstPath: number;
  pathCount: number;
}

export interface SimulationProgress {
  /** Path-steps done in this shard so far. */
  done: number;
  /** Path-steps of the shard. */
  total: number;
}

/** The mergeable summary of one chunk of paths (see CHUNK_PATHS). */
export interface ChunkSummary extends SimulationRange {
  market: MarketStatsState;
  /** Σ over sampled path-days of the futures price m months ahead, per entry of CURVE_MONTHS. */
  curveSums: number[];
  /** Σ of spot VIX over the same sampled path-days. */
  curveSpotSum: number;
  curveCount: number;
  /** Per-path outcomes of the strategy (typed arrays; transferable). */
  outcomes: PathOutcomes;
}

/** What one shard returns: plain data, structured-clone safe (crosses the worker boundary). */
export interface SimulationShard extends SimulationRange {
  chunks: ChunkSummary[];
  /** Per-day histograms of the shard's paths (integer counts: merging is exact). */
  fans: FanChartsState;
  /** The day-0 book (the same for every path; computed by the shard that holds path 0). */
  openingBook?: OpeningBook;
}

/** The four fan charts' states: SPX log return, VIX, and each book's P&L / capital. */
export interface FanChartsState {
  spxLogReturn: FanChartState;
  vix: FanChartState;
  condorPnlFraction: FanChartState;
  hedgedPnlFraction: FanChartState;
}

type FanName = keyof FanChartsState;
const FAN_NAMES: readonly FanName[] = [
  'spxLogReturn',
  'vix',
  'condorPnlFraction',
  'hedgedPnlFraction',
];

/**
 * Fan-chart grids. One bin is 0.25 % of the SPX (log return 0.0025), 0.25 VIX points and 0.25 % of
 * capital ($250 on $100,000). Values beyond a grid are counted at its edge, and each reported
 * chart gives the share of the paths that were, day by day (FanChart.outOfRangeShare).
 *
 * Ranges, against every strategy preset × market preset (2,000 paths × 252 days, the presets'
 * seed, values before any clipping): SPX log return −3.32 … +1.02 (the crash presets: covid-2020's
 * 1 % quantile is −1.52; with the uncapped drift premium η·v of a custom market, crash-2008 rose
 * to +1.64), VIX 11.0 … 98.3, P&L / capital −1.16 … +3.65 (a condor sized at 100 % of capital
 * loses all of it in a crash and layers can add to the loss; 'split-442-notional' in 'crash-2008'
 * gains up to 3.6× capital, its 95 % quantile 2.3×). Longer horizons and custom markets can go
 * beyond: the share is then reported, never hidden.
 *
 * Memory per shard (and per transfer): Σ (bins + 2) × at most 253 sampled days × 4 bytes =
 * (2402 + 602 + 2402 + 2402) × 1012 = 7,901,696 bytes ≈ 7.9 MB of counts.
 */
export const FAN_GRIDS: Readonly<
  Record<keyof FanChartsState, { lo: number; hi: number; bins: number }>
> = {
  spxLogReturn: { lo: -4, hi: 2, bins: 2400 },
  vix: { lo: 0, hi: 150, bins: 600 },
  condorPnlFraction: { lo: -2, hi: 4, bins: 2400 },
  hedgedPnlFraction: { lo: -2, hi: 4, bins: 2400 },
};

/**
 * A shard's four fan-chart accumulators, fed by the runner on each sampled day. A class, not an
 * object literal: a literal's `observe` would be a new function per shard, and the runner's
 * optimised code, specialised on the first one, was thrown away (deoptimised) on every call after.
 */
class ShardFans implements FanObserver {
  readonly spxLogReturn: FanChartAccumulator;
  readonly vix: FanChartAccumulator;
  readonly condorPnlFraction: FanChartAccumulator;
  readonly hedgedPnlFraction: FanChartAccumulator;
  readonly #index: Map<number, number>;

  constructor(horizonDays: number) {
    const days = fanDays(horizonDays);
    this.#index = new Map(days.map((d, j) => [d, j]));
    const make = (name: FanName) => new FanChartAccumulator({ days, ...FAN_GRIDS[name] });
    this.spxLogReturn = make('spxLogReturn');
    this.vix = make('vix');
    this.condorPnlFraction = make('condorPnlFraction');
    this.hedgedPnlFraction = make('hedgedPnlFraction');
  }

  observe(day: number, values: Record<FanName, Float64Array>, count: number): void {
    const j = this.#index.get(day);
    if (j === undefined) return;
    for (const name of FAN_NAMES) this[name].observe(j, values[name], count);
  }
}

/** Average VIX futures curve of the simulated market (Q prices along P paths). */
export interface AverageVixCurve {
  months: number[];
  /** Mean futures price (points) m months ahead, averaged over sampled days and paths. */
  future: number[];
  /** Mean spot VIX over the same days. */
  spot: number;
}

/**
 * Market statistics as reported: a figure that the run cannot define (e.g. the 21-day statistics
 * of a 10-day horizon) is null, never NaN, so it survives JSON and never reaches a chart as NaN.
 */
export type MarketStatsReport = { [K in keyof MarketStats]: number | null };

/** A fan chart as reported: per sampled day, the 5/25/50/75/95 % quantiles in display units. */
export interface FanChart {
  /** Trading days of the samples (0 = the start). */
  days: number[];
  probs: number[];
  /**
   * quantiles[k][j]: the probs[k] quantile on days[j] (null on a day with no value). A quantile
   * whose rank falls among the values beyond the grid (`outOfRangeShare`) is the grid's edge.
   */
  quantiles: (number | null)[][];
  /**
   * The widest histogram bin holding a reported quantile, in the same unit: every quantile inside
   * the grid is within this of the exact one. (The SPX grid is in log return, so its bins widen
   * with the level: the widest is the one that counts.)
   */
  resolution: number;
  unit: 'index points' | 'VIX points' | 'dollars';
  /**
   * outOfRangeShare[j]: the fraction (0 … 1) of the values on days[j] that lay outside the grid
   * (FAN_GRIDS) and were counted at its edge; 0 on a day without values, never NaN. The engine
   * always fills it; results made before it existed lack it, which reads as no clipping.
   */
  outOfRangeShare?: number[];
}

/** Which sampled path, and why it was picked. */
export type SampledPathRole = 'median' | 'worst' | 'best' | 'breached';

export interface SampledPath {
  role: SampledPathRole;
  /** Global path index (re-run it with `simulatePathDetail`). */
  path: number;
  condorPnl: number;
  hedgedPnl: number;
}

export interface LayerReport extends LayerSummary {
  /** Who pays for the layer: 'external-budget' layers are reported apart (`spent` is their budget use). */
  funding: 'trading-capital' | 'external-budget';
}

export interface SimulationResult {
  paths: number;
  seed: number;
  horizonDays: number;
  capital: number;
  /** The condor alone and the condor with its layers (DESIGN §7), dollars, with standard errors. */
  condorOnly: BookSummary;
  hedged: BookSummary;
  /** hedged − condorOnly of the book statistics, with paired standard errors. */
  difference: PairedDifference;
  layers: LayerReport[];
  /** The methodology's claims tested on this run. */
  claims: Claim[];
  calmVsStress: CalmVsStress;
  /** Terminal P&L histograms of the two books on common edges (series 0: condor alone). */
  pnlHistogram: PnlHistogram;
  /** Histograms of each path's maximum drawdown, dollars (series 0: condor alone). */
  drawdownHistogram: PnlHistogram;
  /** The book as it would open on day 0 (payoff-at-expiry diagram). */
  openingBook: OpeningBook;
  fanCharts: {
    spx: FanChart;
    vix: FanChart;
    condorPnl: FanChart;
    hedgedPnl: FanChart;
  };
  /** Condors opened per path (mean) and the share of paths where a short strike was breached. */
  condorTradesPerPath: number;
  breachedShare: number;
  sampledPaths: SampledPath[];
  market: MarketStatsReport;
  vixCurve: AverageVixCurve;
  /** Events and daily series of the sampled paths (`simulate` fills them; shards do not). */
  pathDetails?: PathDetail[];
}

export interface SimulateOptions {
  onProgress?: (progress: SimulationProgress) => void;
  /** Prebuilt tables (a pool builds them once per run); built here if absent. */
  tables?: PricingTables;
  /** Re-run the sampled paths with their events and series (default true). */
  details?: boolean;
}

/** Thrown when a config fails validation; `errors` holds the one-line messages. */
export class InvalidConfigError extends Error {
  constructor(readonly errors: string[]) {
    super(`invalid config: ${errors.join('; ')}`);
    this.name = 'InvalidConfigError';
  }
}

/** Validates or throws InvalidConfigError (the engine's own gate; callers validate earlier). */
export function requireValidConfig(input: unknown): SimulationConfig {
  const result = validateConfig(input);
  if (!result.ok) throw new InvalidConfigError(result.errors.map(formatConfigError));
  return result.config;
}

/** Builds the run's pricing tables from the market's Q side. */
export function buildPricingTables(market: MarketParams): PricingTables {
  return buildStrategyTables(market);
}

/** Config shocks (1-based day at whose open the shock hits) → path-block shocks (step index). */
function blockShocks(config: SimulationConfig): MarketShock[] {
  return config.shocks.map((s) => ({
    day: s.day - 1,
    ...(s.spxGap !== null ? { spxGap: s.spxGap } : {}),
    ...(s.vixTo !== null ? { vixTo: s.vixTo } : {}),
  }));
}

/**
 * Paths are simulated and summarised in chunks on a fixed global grid of CHUNK_PATHS paths, and
 * the chunk summaries are merged in path order. Because the grid does not depend on how a run is
 * sharded, the merged result is bit-for-bit the same for any number of workers, provided shard
 * boundaries fall on the grid (`planShards` makes sure). Chunks of a few thousand paths also keep
 * the per-path state inside the CPU cache.
 */
export const CHUNK_PATHS = 1024;

/** Splits `paths` into at most `count` contiguous ranges on the chunk grid, as equal as possible. */
export function planShards(paths: number, count: number): SimulationRange[] {
  const chunks = Math.ceil(paths / CHUNK_PATHS);
  const shards = Math.max(1, Math.min(count, chunks));
  const ranges: SimulationRange[] = [];
  let chunk = 0;
  for (let s = 0; s < shards; s++) {
    const take = Math.floor(chunks / shards) + (s < chunks % shards ? 1 : 0);
    const firstPath = chunk * CHUNK_PATHS;
    const end = Math.min(paths, (chunk + take) * CHUNK_PATHS);
    ranges.push({ firstPath, pathCount: end - firstPath });
    chunk += take;
  }
  return ranges;
}

/**
 * Simulates paths [firstPath, firstPath + pathCount) of a validated config, day by day, one
 * chunk of the global grid at a time, runs the strategy on them and returns each chunk's
 * mergeable statistics and per-path outcomes. Memory is O(paths) scalars, independent of the
 * horizon.
 */
export function simulateShard(
  config: SimulationConfig,
  range: SimulationRange,
  tables: PricingTables,
  onProgress?: (progress: SimulationProgress) => void,
): SimulationShard {
  const fans = new ShardFans(config.horizonDays);
  const end = range.firstPath + range.pathCount;
  const total = range.pathCount * config.horizonDays;
  const chunks: ChunkSummary[] = [];
  let doneBefore = 0;
  for (let first = range.firstPath; first < end;) {
    const next = Math.min(end, (Math.floor(first / CHUNK_PATHS) + 1) * CHUNK_PATHS);
    const done = doneBefore;
    const source = new SvcjPathBlock({
      params: config.market,
      measure: 'P',
      seed: config.seed,
      firstPath: first,
      pathCount: next - first,
      shocks: blockShocks(config),
    });
    const run = runStrategyBlock({
      config,
      source,
      firstPath: first,
      tables,
      fans,
      onProgress: (d) => onProgress?.({ done: done + d, total }),
    });
    chunks.push({
      firstPath: first,
      pathCount: next - first,
      market: run.market,
      curveSums: run.curveSums,
      curveSpotSum: run.curveSpotSum,
      curveCount: run.curveCount,
      outcomes: run.outcomes,
    });
    doneBefore += (next - first) * config.horizonDays;
    first = next;
  }
  return {
    ...range,
    chunks,
    ...(range.firstPath === 0 ? { openingBook: openingBook(config, tables) } : {}),
    fans: {
      spxLogReturn: fans.spxLogReturn.state(),
      vix: fans.vix.state(),
      condorPnlFraction: fans.condorPnlFraction.state(),
      hedgedPnlFraction: fans.hedgedPnlFraction.state(),
    },
  };
}

/** The events and daily series of one path, re-simulated alone (its random stream is its own). */
export interface PathDetail {
  path: number;
  events: StrategyEvent[];
  series: PathSeries;
}

/**
 * Re-runs path `path` of a validated config with recording on. Path i draws from the stream
 * (seed, i) whatever block it is in, so this reproduces the path of the full run exactly (tested).
 */
export function simulatePathDetail(
  config: SimulationConfig,
  path: number,
  tables: PricingTables,
): PathDetail {
  const source = new SvcjPathBlock({
    params: config.market,
    measure: 'P',
    seed: config.seed,
    firstPath: path,
    pathCount: 1,
    shocks: blockShocks(config),
  });
  const run = runStrategyBlock({ config, source, firstPath: path, tables, record: true });
  // An event's cash flow is −0 when a worthless condor expires (−mark·M·n with mark 0).
  return withoutNegativeZeros({ path, events: run.events ?? [], series: run.series as PathSeries });
}

/** Throws if any number of the result is NaN or ±Infinity, naming the field (DESIGN §10). */
export function assertFiniteResult(value: unknown, path = 'result'): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new RangeError(`${path} is ${value}: the simulation produced an invalid number`);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => assertFiniteResult(item, `${path}[${i}]`));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) assertFiniteResult(item, `${path}.${key}`);
  }
}

/** Market statistics with undefined figures as null (see MarketStatsReport). */
export function availableMarketStats(stats: MarketStats): MarketStatsReport {
  const report = {} as MarketStatsReport;
  for (const key of Object.keys(stats) as (keyof MarketStats)[]) {
    report[key] = Number.isFinite(stats[key]) ? stats[key] : null;
  }
  return report;
}

/**
 * Capital at risk of each book, dollars: the condor's risk budget; the hedged book adds each
 * trading-capital layer's budget (its size, or the cap for a fixed contract count).
 */
export function capitalAtRisk(config: SimulationConfig): { condorOnly: number; hedged: number } {
  const condorOnly = config.condor.riskPctOfCapital * config.capital;
  let layers = 0;
  for (const layer of config.layers) {
    if (!layer.enabled || layer.funding !== 'trading-capital') continue;
    layers +=
      (layer.sizing === 'pct-of-capital' ? layer.sizePctOfCapital : config.layerCapPctOfCapital) *
      config.capital;
  }
  return { condorOnly, hedged: condorOnly + layers };
}

/**
 * A fan chart in display units from its accumulator; `transform` (grid unit → display unit) is
 * monotone. Tested: the share of out-of-range values per day and the grids against the presets
 * (tests/unit/engine/simulate-fan-charts.test.ts).
 */
function fanChart(
  fan: FanChartAccumulator,
  unit: FanChart['unit'],
  transform: (x: number) => number,
): FanChart {
  const q = fan.quantiles();
  const w = fan.width;
  // Display width of the bin holding grid value x (a value at hi is in the last bin).
  const binWidth = (x: number) => {
    const a = fan.lo + w * Math.min(fan.bins - 1, Math.max(0, Math.floor((x - fan.lo) / w)));
    return Math.abs(transform(a + w) - transform(a));
  };
  let resolution = binWidth(fan.lo);
  for (const row of q.quantiles) {
    for (const x of row) if (x !== null) resolution = Math.max(resolution, binWidth(x));
  }
  return {
    days: q.days,
    probs: q.probs,
    quantiles: q.quantiles.map((row) => row.map((x) => (x === null ? null : transform(x)))),
    resolution,
    unit,
    outOfRangeShare: q.outOfRange.map((n, j) => (q.count[j] > 0 ? n / q.count[j] : 0)),
  };
}

/** Index of the path whose value is nearest the type-1 median (ties: the lowest index). */
function medianPath(values: Float64Array): number {
  // The element at rank m of the order by (value, index), without sorting indices: the median
  // value x, then among the paths worth x the (m − #{values < x})-th by index.
  const m = Math.floor((values.length - 1) / 2);
  const x = Float64Array.from(values).sort()[m];
  let below = 0;
  for (let i = 0; i < values.length; i++) if (values[i] < x) below++;
  let tie = m - below;
  for (let i = 0; i < values.length; i++) if (values[i] === x && tie-- === 0) return i;
  return m;
}

/** The sampled paths: median, worst and best of the hedged book, and a breached one if any. */
export function samplePaths(outcomes: PathOutcomes): SampledPath[] {
  const h = outcomes.hedged.pnl;
  const c = outcomes.condorOnly.pnl;
  const pick = (role: SampledPathRole, local: number): SampledPath => ({
    role,
    path: outcomes.firstPath + local,
    condorPnl: c[local],
    hedgedPnl: h[local],
  });
  let worst = 0;
  let best = 0;
  for (let i = 1; i < h.length; i++) {
    if (h[i] < h[worst]) worst = i;
    if (h[i] > h[best]) best = i;
  }
  const sampled = [pick('median', medianPath(h)), pick('worst', worst), pick('best', best)];
  // The breached path whose condor P&L is the median among breached paths: typical, not extreme.
  const breached: number[] = [];
  for (let i = 0; i < h.length; i++) if (outcomes.breached[i]) breached.push(i);
  if (breached.length > 0) {
    breached.sort((a, b) => c[a] - c[b] || a - b);
    sampled.push(pick('breached', breached[Math.floor((breached.length - 1) / 2)]));
  }
  return sampled;
}

/** The strategy part of a result from the run's per-path outcomes (also used by replay). */
export function summarizeOutcomes(
  config: SimulationConfig,
  outcomes: PathOutcomes,
  options: MergeOptions = {},
) {
  const risk = capitalAtRisk(config);
  const book = (which: 'condorOnly' | 'hedged') =>
    summarizeBook({
      book: outcomes[which],
      spxDailySum: outcomes.spxDailySum,
      spxDailySumSq: outcomes.spxDailySumSq,
      days: outcomes.days,
      capital: config.capital,
      capitalAtRisk: risk[which],
      horizonDays: config.horizonDays,
    });
  const condorOnly = book('condorOnly');
  const hedged = book('hedged');
  const difference = pairedDifference({
    outcomes,
    ...(options.bootstrapResamples !== undefined ? { resamples: options.bootstrapResamples } : {}),
  });
  const enabled = config.layers.filter((l) => l.enabled);
  const layers: LayerReport[] = summarizeLayers(outcomes.layers).map((summary, k) => ({
    ...summary,
    funding: enabled[k].funding,
  }));
  let trades = 0;
  let breached = 0;
  for (let i = 0; i < outcomes.pathCount; i++) {
    trades += outcomes.condorTrades[i];
    breached += outcomes.breached[i];
  }
  return {
    condorOnly,
    hedged,
    difference,
    layers,
    claims: claimsCheck({ condorOnly, hedged, difference, outcomes, capital: config.capital }),
    calmVsStress: calmVsStress({ outcomes }),
    pnlHistogram: pnlHistogram({ series: [outcomes.condorOnly.pnl, outcomes.hedged.pnl] }),
    drawdownHistogram: pnlHistogram({
      series: [outcomes.condorOnly.maxDrawdown, outcomes.hedged.maxDrawdown],
    }),
    condorTradesPerPath: trades / outcomes.pathCount,
    breachedShare: breached / outcomes.pathCount,
    sampledPaths: samplePaths(outcomes),
  };
}

/**
 * Replaces −0 by 0 throughout plain data (arrays and plain objects; typed arrays are returned as
 * they are), so that a result survives a JSON round trip unchanged: JSON writes −0 as 0. Applied to
 * every result, path detail and replay result before it leaves the engine; tested by a recursive
 * scan of each (tests/unit/engine/negative-zero.test.ts).
 */
export function withoutNegativeZeros<T>(value: T): T {
  if (Object.is(value, -0)) return 0 as T;
  if (Array.isArray(value)) return value.map(withoutNegativeZeros) as T;
  if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, withoutNegativeZeros(v)]),
    ) as T;
  }
  return value;
}

function requireOpeningBook(shards: readonly SimulationShard[]): OpeningBook {
  const book = shards.find((s) => s.firstPath === 0)?.openingBook;
  if (!book) throw new RangeError('mergeShards: the shard holding path 0 has no opening book');
  return book;
}

/** Options of `mergeShards`. */
export interface MergeOptions {
  /**
   * Bootstrap resamples of the paired quantile differences (outcomes.ts pairedDifference; default
   * BOOTSTRAP_RESAMPLES = 200, SE noise ≈ 5 %). A partial result may use fewer: the bootstrap is
   * most of a large merge (100,000 paths: ~0.16 s of ~0.5 s), and a partial is superseded
   * within seconds. The result's `difference.resamples` says how many were used.
   */
  bootstrapResamples?: number;
}

/** Combines shards (any split of the paths) into the result, merging chunks in path order. */
export function mergeShards(
  config: SimulationConfig,
  shards: readonly SimulationShard[],
  options: MergeOptions = {},
): SimulationResult {
  const ordered = shards.flatMap((s) => s.chunks).sort((a, b) => a.firstPath - b.firstPath);
  const market = new MarketStatsAccumulator({ pathCount: 0 });
  const curveSums = CURVE_MONTHS.map(() => 0);
  let curveSpotSum = 0;
  let curveCount = 0;
  let paths = 0;
  for (const chunk of ordered) {
    if (chunk.firstPath !== paths) {
      throw new RangeError(
        `mergeShards: paths ${paths}…${chunk.firstPath - 1} are missing or repeated`,
      );
    }
    market.merge(chunk.market);
    chunk.curveSums.forEach((sum, m) => (curveSums[m] += sum));
    curveSpotSum += chunk.curveSpotSum;
    curveCount += chunk.curveCount;
    paths += chunk.pathCount;
  }
  if (paths !== config.paths) {
    throw new RangeError(`mergeShards: the shards hold ${paths} paths, the config ${config.paths}`);
  }
  const fans = Object.fromEntries(
    FAN_NAMES.map((name) => {
      const acc = FanChartAccumulator.fromState(shards[0].fans[name]);
      for (const shard of shards.slice(1)) acc.merge(shard.fans[name]);
      return [name, acc];
    }),
  ) as Record<FanName, FanChartAccumulator>;
  const outcomes = concatPathOutcomes(ordered.map((c) => c.outcomes));
  const spot = config.market.spot;
  const capital = config.capital;
  return withoutNegativeZeros({
    paths,
    seed: config.seed,
    horizonDays: config.horizonDays,
    capital,
    ...summarizeOutcomes(config, outcomes, options),
    openingBook: requireOpeningBook(shards),
    fanCharts: {
      spx: fanChart(fans.spxLogReturn, 'index points', (x) => spot * Math.exp(x)),
      vix: fanChart(fans.vix, 'VIX points', (x) => x),
      condorPnl: fanChart(fans.condorPnlFraction, 'dollars', (x) => x * capital),
      hedgedPnl: fanChart(fans.hedgedPnlFraction, 'dollars', (x) => x * capital),
    },
    market: availableMarketStats(market.result()),
    vixCurve: {
      months: [...CURVE_MONTHS],
      future: curveSums.map((s) => s / curveCount),
      spot: curveSpotSum / curveCount,
    },
  });
}

/**
 * Runs a whole config on this thread: validate, build tables, simulate all paths, merge.
 * Throws InvalidConfigError for an invalid config.
 */
export function simulate(input: unknown, options: SimulateOptions = {}): SimulationResult {
  const config = requireValidConfig(input);
  const tables = options.tables ?? buildPricingTables(config.market);
  const shard = simulateShard(
    config,
    { firstPath: 0, pathCount: config.paths },
    tables,
    options.onProgress,
  );
  const result = mergeShards(config, [shard]);
  if (options.details === false) return result;
  return {
    ...result,
    pathDetails: result.sampledPaths.map((p) => simulatePathDetail(config, p.path, tables)),
  };
}
