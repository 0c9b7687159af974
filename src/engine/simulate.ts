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
import { CALENDAR_DAYS_PER_YEAR } from './model/market-params.ts';
import { SvcjPathBlock, type MarketShock } from './model/svcj-paths.ts';
import { vixCoefficients } from './pricing/vix-index.ts';
import { createVixCurveTable, createVvixTable } from './pricing/vix-tables.ts';
import { MarketStatsAccumulator, type MarketStats, type MarketStatsState } from './stats/market.ts';

/** Months ahead of the reported average VIX futures curve (DESIGN §8 / issue: 1 to 8 months). */
export const CURVE_MONTHS = [1, 2, 3, 4, 5, 6, 7, 8] as const;
/** VVIX and the futures curve are sampled every this many days (they are slow-moving averages). */
export const CURVE_SAMPLE_EVERY_DAYS = 5;
/** Longest futures horizon the tables cover, years (hedge layers buy up to ~13 months out). */
export const MAX_CURVE_HORIZON_YEARS = 400 / CALENDAR_DAYS_PER_YEAR;

export interface PricingTables {
  vixCurve: ReturnType<typeof createVixCurveTable>;
  vvix: ReturnType<typeof createVvixTable>;
}

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
}

/** What one shard returns: plain data, structured-clone safe (crosses the worker boundary). */
export interface SimulationShard extends SimulationRange {
  chunks: ChunkSummary[];
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

export interface SimulationResult {
  paths: number;
  seed: number;
  horizonDays: number;
  market: MarketStatsReport;
  vixCurve: AverageVixCurve;
}

export interface SimulateOptions {
  onProgress?: (progress: SimulationProgress) => void;
  /** Prebuilt tables (a pool builds them once per run); built here if absent. */
  tables?: PricingTables;
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
  const q = {
    kappa: market.kappaQ,
    theta: market.thetaQ,
    sigma: market.sigma,
    jumps: market.jumps,
  };
  return {
    vixCurve: createVixCurveTable({ ...q, maxHorizonYears: MAX_CURVE_HORIZON_YEARS }),
    vvix: createVvixTable({ ...q, rate: market.rate }),
  };
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
export const CHUNK_PATHS = 2048;

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
 * chunk of the global grid at a time, and returns each chunk's mergeable statistics. Memory is
 * O(CHUNK_PATHS), independent of the horizon and of the shard size.
 */
export function simulateShard(
  config: SimulationConfig,
  range: SimulationRange,
  tables: PricingTables,
  onProgress?: (progress: SimulationProgress) => void,
): SimulationShard {
  const end = range.firstPath + range.pathCount;
  const total = range.pathCount * config.horizonDays;
  const chunks: ChunkSummary[] = [];
  let doneBefore = 0;
  for (let first = range.firstPath; first < end;) {
    const next = Math.min(end, (Math.floor(first / CHUNK_PATHS) + 1) * CHUNK_PATHS);
    const done = doneBefore;
    chunks.push(
      simulateChunk(config, { firstPath: first, pathCount: next - first }, tables, (d) =>
        onProgress?.({ done: done + d, total }),
      ),
    );
    doneBefore += (next - first) * config.horizonDays;
    first = next;
  }
  return { ...range, chunks };
}

function simulateChunk(
  config: SimulationConfig,
  range: SimulationRange,
  tables: PricingTables,
  onProgress: (done: number) => void,
): ChunkSummary {
  const { market } = config;
  const n = range.pathCount;
  const block = new SvcjPathBlock({
    params: market,
    measure: 'P',
    seed: config.seed,
    firstPath: range.firstPath,
    pathCount: n,
    shocks: blockShocks(config),
  });
  const q = { kappa: market.kappaQ, theta: market.thetaQ, jumps: market.jumps };
  const c30 = vixCoefficients(q);
  const c93 = vixCoefficients({ ...q, tau: 93 / CALENDAR_DAYS_PER_YEAR });
  const c182 = vixCoefficients({ ...q, tau: 182 / CALENDAR_DAYS_PER_YEAR });
  const vix = new Float64Array(n);
  const vix3m = new Float64Array(n);
  const vix6m = new Float64Array(n);
  const vvix = new Float64Array(n);
  const curveSlices = CURVE_MONTHS.map((m) => tables.vixCurve.slice(m / 12));
  const curveSums = CURVE_MONTHS.map(() => 0);
  let curveSpotSum = 0;
  let curveCount = 0;

  const fillVix = () => {
    const v = block.variance;
    for (let i = 0; i < n; i++) {
      const vi = v[i];
      vix[i] = 100 * Math.sqrt(c30.a * vi + c30.c);
      vix3m[i] = 100 * Math.sqrt(c93.a * vi + c93.c);
      vix6m[i] = 100 * Math.sqrt(c182.a * vi + c182.c);
    }
  };
  const sampleCurve = () => {
    const v = block.variance;
    for (let i = 0; i < n; i++) {
      const vi = v[i];
      vvix[i] = tables.vvix.vvix(vi);
      curveSpotSum += vix[i];
      for (let m = 0; m < curveSlices.length; m++) curveSums[m] += curveSlices[m].future(vi);
    }
    curveCount += n;
  };

  const stats = new MarketStatsAccumulator({ pathCount: n });
  fillVix();
  sampleCurve();
  stats.observeInitial({ vix, vix3m, vix6m, vvix });
  const reportEvery = Math.max(1, Math.floor(config.horizonDays / 20));
  for (let day = 1; day <= config.horizonDays; day++) {
    block.step();
    fillVix();
    const sampled = day % CURVE_SAMPLE_EVERY_DAYS === 0;
    if (sampled) sampleCurve();
    stats.observe({
      logReturn: block.logReturn,
      vix,
      vix3m,
      vix6m,
      vvix: sampled ? vvix : undefined,
    });
    if (day % reportEvery === 0 || day === config.horizonDays) onProgress(n * day);
  }
  return { ...range, market: stats.state(), curveSums, curveSpotSum, curveCount };
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

function availableStats(stats: MarketStats): MarketStatsReport {
  const report = {} as MarketStatsReport;
  for (const key of Object.keys(stats) as (keyof MarketStats)[]) {
    report[key] = Number.isFinite(stats[key]) ? stats[key] : null;
  }
  return report;
}

/** Combines shards (any split of the paths) into the result, merging chunks in path order. */
export function mergeShards(
  config: SimulationConfig,
  shards: readonly SimulationShard[],
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
  return {
    paths,
    seed: config.seed,
    horizonDays: config.horizonDays,
    market: availableStats(market.result()),
    vixCurve: {
      months: [...CURVE_MONTHS],
      future: curveSums.map((s) => s / curveCount),
      spot: curveSpotSum / curveCount,
    },
  };
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
  return mergeShards(config, [shard]);
}
