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

type TypedArray = Float64Array | Uint32Array | Uint8Array;
type ArraySchema = Record<string, new (length: number) => TypedArray>;
/** The per-path arrays a schema describes, field by field. */
type ArraysOf<S extends ArraySchema> = { [K in keyof S]: InstanceType<S[K]> };

// The per-path arrays of each record, by field and element type: allocation and concatenation both
// follow these lists, so a new field is declared once (and the interfaces above check the shape).
const BOOK_ARRAYS = {
  pnl: Float64Array,
  maxDrawdown: Float64Array,
  dailySum: Float64Array,
  dailySumSq: Float64Array,
  dailyCrossSpx: Float64Array,
} satisfies ArraySchema;
const LAYER_ARRAYS = {
  pnl: Float64Array,
  cost: Float64Array,
  triggers: Uint32Array,
  rolls: Uint32Array,
  takeProfits: Uint32Array,
} satisfies ArraySchema;
const PATH_ARRAYS = {
  spxLogReturn: Float64Array,
  spxDailySum: Float64Array,
  spxDailySumSq: Float64Array,
  spxMaxDrawdown: Float64Array,
  maxVix: Float64Array,
  breached: Uint8Array,
  condorTrades: Uint32Array,
} satisfies ArraySchema;

function allocate<S extends ArraySchema>(schema: S, n: number): ArraysOf<S> {
  const out: Record<string, TypedArray> = {};
  for (const [field, Make] of Object.entries(schema)) out[field] = new Make(n);
  return out as ArraysOf<S>;
}

/** Each field's arrays of `parts` end to end, in order. */
function concatenate<S extends ArraySchema>(
  schema: S,
  parts: readonly { readonly [K in keyof S]: ArrayLike<number> }[],
): ArraysOf<S> {
  const first = Object.keys(schema)[0];
  const total = parts.reduce((n, p) => n + p[first].length, 0);
  const out = allocate(schema, total);
  for (const field of Object.keys(schema) as (keyof S)[]) {
    let at = 0;
    for (const p of parts) {
      out[field].set(p[field], at);
      at += p[field].length;
    }
  }
  return out;
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
    condorOnly: allocate(BOOK_ARRAYS, n),
    hedged: allocate(BOOK_ARRAYS, n),
    layers: layerNames.map((name) => ({ name, ...allocate(LAYER_ARRAYS, n) })),
    ...allocate(PATH_ARRAYS, n),
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
    condorOnly: concatenate(
      BOOK_ARRAYS,
      sorted.map((p) => p.condorOnly),
    ),
    hedged: concatenate(
      BOOK_ARRAYS,
      sorted.map((p) => p.hedged),
    ),
    layers: first.layers.map((layer, i) => ({
      name: layer.name,
      ...concatenate(
        LAYER_ARRAYS,
        sorted.map((p) => p.layers[i]),
      ),
    })),
    ...concatenate(PATH_ARRAYS, sorted),
  };
}
