/**
 * Per-path outcomes of a strategy run: one number per path per quantity, in typed arrays
 * (structure of arrays), written by the strategy runner (strategy/run-strategy.ts) for each chunk
 * of paths and read by the outcome statistics (stats/outcomes.ts, stats/claims.ts).
 *
 * These are scalars per path, never whole paths: 100,000 paths cost a few MB. Chunks are
 * concatenated in path order (`concatPathOutcomes`), so the statistics do not depend on how a run
 * was split over workers.
 *
 * Units: dollars for P&L, cost and drawdowns; fractions for returns and drawdowns of the index;
 * VIX in points. "Daily" sums run over the trading days 1 … horizonDays of the path.
 */

/** One book's outcomes per path: the condor alone, or the condor with the hedge layers. */
export interface BookOutcomes {
  /** Terminal P&L (equity at the horizon − starting capital), dollars. */
  pnl: Float64Array;
  /** Largest peak-to-trough fall of the daily marked equity (peak from the start), dollars ≥ 0. */
  maxDrawdown: Float64Array;
  /** Σ_d y_d, y_d = the day's change in marked equity / capital. */
  dailySum: Float64Array;
  /** Σ_d y_d². */
  dailySumSq: Float64Array;
  /** Σ_d x_d·y_d, x_d = the SPX daily log return (for beta to the SPX). */
  dailyCrossSpx: Float64Array;
}

/** A hedge layer's outcomes per path. */
export interface LayerOutcomes {
  /** The layer's name (config `layers[].name`). */
  name: string;
  /** The layer's P&L over the path (realised + unrealised at the horizon − costs), dollars. */
  pnl: Float64Array;
  /**
   * Money spent on the layer: premiums paid for long options, plus commissions and slippage on
   * every fill, dollars ≥ 0 (premium received by short positions is not netted here).
   */
  cost: Float64Array;
  /** Positions opened because the trigger fired. */
  triggers: Uint32Array;
  /** Rolls (roll at N DTE, and "roll the next layer forward" openings). */
  rolls: Uint32Array;
  /** Take-profit exits. */
  takeProfits: Uint32Array;
}

/** Per-path outcomes of a range of paths. */
export interface PathOutcomes {
  firstPath: number;
  pathCount: number;
  /** Trading days per path (the config's horizonDays): the number of daily terms in the sums. */
  days: number;
  condorOnly: BookOutcomes;
  hedged: BookOutcomes;
  /** Layers in config order (enabled ones only). */
  layers: LayerOutcomes[];
  /** Terminal SPX log return ln(S_T/S_0). */
  spxLogReturn: Float64Array;
  /** Σ_d x_d (SPX daily log returns). */
  spxDailySum: Float64Array;
  /** Σ_d x_d². */
  spxDailySumSq: Float64Array;
  /** Largest SPX drawdown from its running peak (closes), a fraction in [0, 1). */
  spxMaxDrawdown: Float64Array;
  /** Highest VIX close on the path (day 0 included), points. */
  maxVix: Float64Array;
  /** 1 if a condor closed (exit, stop or expiry) with the SPX beyond one of its short strikes. */
  breached: Uint8Array;
  /** Condors opened on the path. */
  condorTrades: Uint32Array;
}

function bookOutcomes(n: number): BookOutcomes {
  return {
    pnl: new Float64Array(n),
    maxDrawdown: new Float64Array(n),
    dailySum: new Float64Array(n),
    dailySumSq: new Float64Array(n),
    dailyCrossSpx: new Float64Array(n),
  };
}

/** Zero-filled outcomes for `pathCount` paths and the named layers. */
export function createPathOutcomes(options: {
  firstPath: number;
  pathCount: number;
  days: number;
  layerNames: readonly string[];
}): PathOutcomes {
  const { firstPath, pathCount: n, days, layerNames } = options;
  return {
    firstPath,
    pathCount: n,
    days,
    condorOnly: bookOutcomes(n),
    hedged: bookOutcomes(n),
    layers: layerNames.map((name) => ({
      name,
      pnl: new Float64Array(n),
      cost: new Float64Array(n),
      triggers: new Uint32Array(n),
      rolls: new Uint32Array(n),
      takeProfits: new Uint32Array(n),
    })),
    spxLogReturn: new Float64Array(n),
    spxDailySum: new Float64Array(n),
    spxDailySumSq: new Float64Array(n),
    spxMaxDrawdown: new Float64Array(n),
    maxVix: new Float64Array(n),
    breached: new Uint8Array(n),
    condorTrades: new Uint32Array(n),
  };
}

function concatArrays<T extends Float64Array | Uint32Array | Uint8Array>(
  parts: readonly T[],
  make: (n: number) => T,
): T {
  const out = make(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const f64 = (n: number) => new Float64Array(n);
const u32 = (n: number) => new Uint32Array(n);
const u8 = (n: number) => new Uint8Array(n);

function concatBooks(books: readonly BookOutcomes[]): BookOutcomes {
  return {
    pnl: concatArrays(
      books.map((b) => b.pnl),
      f64,
    ),
    maxDrawdown: concatArrays(
      books.map((b) => b.maxDrawdown),
      f64,
    ),
    dailySum: concatArrays(
      books.map((b) => b.dailySum),
      f64,
    ),
    dailySumSq: concatArrays(
      books.map((b) => b.dailySumSq),
      f64,
    ),
    dailyCrossSpx: concatArrays(
      books.map((b) => b.dailyCrossSpx),
      f64,
    ),
  };
}

/**
 * Concatenates outcomes of contiguous path ranges, sorted by firstPath.
 *
 * @throws RangeError if the ranges leave a gap or overlap, or disagree on days or layers.
 */
export function concatPathOutcomes(parts: readonly PathOutcomes[]): PathOutcomes {
  if (parts.length === 0) throw new RangeError('concatPathOutcomes: no parts');
  const sorted = [...parts].sort((a, b) => a.firstPath - b.firstPath);
  const first = sorted[0];
  let next = first.firstPath;
  for (const p of sorted) {
    if (p.firstPath !== next)
      throw new RangeError(
        `concatPathOutcomes: paths ${next}…${p.firstPath - 1} missing or repeated`,
      );
    if (p.days !== first.days) throw new RangeError('concatPathOutcomes: parts differ in days');
    if (
      p.layers.length !== first.layers.length ||
      p.layers.some((l, i) => l.name !== first.layers[i].name)
    )
      throw new RangeError('concatPathOutcomes: parts differ in layers');
    next += p.pathCount;
  }
  return {
    firstPath: first.firstPath,
    pathCount: next - first.firstPath,
    days: first.days,
    condorOnly: concatBooks(sorted.map((p) => p.condorOnly)),
    hedged: concatBooks(sorted.map((p) => p.hedged)),
    layers: first.layers.map((layer, i) => ({
      name: layer.name,
      pnl: concatArrays(
        sorted.map((p) => p.layers[i].pnl),
        f64,
      ),
      cost: concatArrays(
        sorted.map((p) => p.layers[i].cost),
        f64,
      ),
      triggers: concatArrays(
        sorted.map((p) => p.layers[i].triggers),
        u32,
      ),
      rolls: concatArrays(
        sorted.map((p) => p.layers[i].rolls),
        u32,
      ),
      takeProfits: concatArrays(
        sorted.map((p) => p.layers[i].takeProfits),
        u32,
      ),
    })),
    spxLogReturn: concatArrays(
      sorted.map((p) => p.spxLogReturn),
      f64,
    ),
    spxDailySum: concatArrays(
      sorted.map((p) => p.spxDailySum),
      f64,
    ),
    spxDailySumSq: concatArrays(
      sorted.map((p) => p.spxDailySumSq),
      f64,
    ),
    spxMaxDrawdown: concatArrays(
      sorted.map((p) => p.spxMaxDrawdown),
      f64,
    ),
    maxVix: concatArrays(
      sorted.map((p) => p.maxVix),
      f64,
    ),
    breached: concatArrays(
      sorted.map((p) => p.breached),
      u8,
    ),
    condorTrades: concatArrays(
      sorted.map((p) => p.condorTrades),
      u32,
    ),
  };
}
