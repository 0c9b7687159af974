/**
 * The simulation config: one versioned shape carried by the CLI, share links, sessions and exports
 * (DESIGN §7). Every field has a type, a unit and a range; the messages name the range so that
 * `validateConfig` can report `market.rho: must be between -1 and 1`.
 *
 * Units: fractions, annualised (0.2 not 20 %), except VIX levels in points (30 = VIX 30), SPX
 * strikes and wing widths in index points, money in dollars, durations in trading days unless a
 * name says calendar days (`dte` counts calendar days to expiry, like the market does).
 */
import * as v from 'valibot';

/** Current config version; older versions are migrated in `migrations.ts`. */
export const CONFIG_VERSION = 2;

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : String(+x.toPrecision(6)));

/** A finite number in [min, max]; the message names the range. */
export function numberIn(min: number, max: number) {
  const message = `must be between ${fmt(min)} and ${fmt(max)}`;
  return v.pipe(
    v.number('must be a number'),
    v.finite('must be a finite number'),
    v.minValue(min, message),
    v.maxValue(max, message),
  );
}

/** An integer in [min, max]. */
export function integerIn(min: number, max: number) {
  const message = `must be a whole number between ${fmt(min)} and ${fmt(max)}`;
  return v.pipe(
    v.number('must be a number'),
    v.integer(message),
    v.minValue(min, message),
    v.maxValue(max, message),
  );
}

/** A number that is either in range or null (the rule is switched off). */
const optionalNumberIn = (min: number, max: number) => v.nullable(numberIn(min, max));

const picklist = <const T extends readonly [string, ...string[]]>(options: T) =>
  v.picklist(options, `must be one of ${options.map((o) => `'${o}'`).join(', ')}`);

const strict = <const T extends v.ObjectEntries>(entries: T) =>
  v.strictObject(entries, 'must be an object with the documented fields only');

export const jumpsSchema = strict({
  /** λ, jumps per year. */
  intensity: numberIn(0, 50),
  /** μ_J, mean log jump. */
  meanLog: numberIn(-0.5, 0.5),
  /** s_J, sd of the log jump. */
  sdLog: numberIn(0, 0.5),
  /** μ_v, mean exponential variance jump (0 = Bates). */
  varianceMean: numberIn(0, 1),
});

export const marketSchema = strict({
  spot: numberIn(1, 1e6),
  v0: numberIn(0, 4),
  rate: numberIn(-0.05, 0.25),
  dividendYield: numberIn(0, 0.2),
  equityRiskPremium: numberIn(-0.5, 0.5),
  equityRiskPremiumPerVariance: numberIn(-20, 20),
  /** v̄: the drift premium is η·min(v, v̄) (model/market-params.ts). New in version 2. */
  equityRiskPremiumMaxVariance: numberIn(0.001, 4),
  kappaP: numberIn(0.01, 50),
  thetaP: numberIn(0.0001, 2),
  kappaQ: numberIn(0.01, 50),
  thetaQ: numberIn(0.0001, 2),
  sigma: numberIn(0.01, 5),
  rho: numberIn(-1, 1),
  jumps: jumpsSchema,
});

export const condorSchema = strict({
  /** 'every-n-days': open a new condor every `entryEveryDays` trading days (if none is open);
   *  'after-close': open the next one the day after the previous closes. */
  entry: picklist(['every-n-days', 'after-close']),
  entryEveryDays: integerIn(1, 252),
  /** Calendar days to expiry at entry. */
  dte: integerIn(1, 365),
  strikeRule: picklist(['delta', 'percent-otm']),
  /** Short-strike |Δ| when strikeRule = 'delta' (0.16 = 16Δ). */
  shortDelta: numberIn(0.01, 0.5),
  /**
   * Short-strike distance from spot when strikeRule = 'percent-otm' (0.05 = 5 % OTM). Above 0: at
   * 0 both shorts are the same strike and no condor ever opens (condorStrikesAt); 0.5 % is 25+
   * points at an SPX above 5,000, several 5-point strikes apart.
   */
  shortOtm: numberIn(0.005, 0.5),
  /** How the long strikes (wings) are chosen: a fixed width in points, or by |Δ|. */
  wingRule: v.optional(picklist(['width', 'delta']), 'width'),
  /** Distance between short and long strikes on each side, SPX points (wingRule 'width'). */
  wingWidth: numberIn(1, 2000),
  /** Long-strike |Δ| when wingRule = 'delta' (0.05 = 5Δ wings); below shortDelta. */
  wingDelta: v.optional(numberIn(0.005, 0.5), 0.05),
  /** Fraction of capital put at risk (max loss) per condor; sets the contract count. */
  riskPctOfCapital: numberIn(0.001, 1),
  /** Take profit at this fraction of the credit (0.5 = 50 %); null = no target. */
  profitTarget: optionalNumberIn(0.01, 1),
  /** Stop when the loss reaches this multiple of the credit; null = no stop. */
  stopLossMultiple: optionalNumberIn(0.1, 20),
  /** Close at this many calendar days to expiry; null = hold to cash-settled expiry. */
  closeAtDte: v.nullable(integerIn(0, 365)),
});

export const triggerConditionSchema = v.variant(
  'kind',
  [
    strict({ kind: v.literal('always') }),
    strict({ kind: v.literal('vix-at-least'), value: numberIn(5, 150) }),
    strict({ kind: v.literal('vix-below'), value: numberIn(5, 150) }),
    /** The front-month VIX future (constant maturity, 30 calendar days), points. */
    strict({ kind: v.literal('future-at-least'), value: numberIn(5, 150) }),
    strict({ kind: v.literal('future-below'), value: numberIn(5, 150) }),
    strict({ kind: v.literal('backwardation') }),
    /** Second-month over front-month future minus 1 at least this (0.05 = 5 % contango). */
    strict({ kind: v.literal('contango-at-least'), value: numberIn(-0.5, 1) }),
    strict({ kind: v.literal('rsi-below'), value: numberIn(1, 99) }),
    strict({ kind: v.literal('macd-bearish-cross') }),
    strict({ kind: v.literal('drawdown-at-least'), value: numberIn(0.001, 0.9) }),
  ],
  "must have a kind of 'always', 'vix-at-least', 'vix-below', 'future-at-least', 'future-below', 'backwardation', 'contango-at-least', 'rsi-below', 'macd-bearish-cross' or 'drawdown-at-least'",
);

export const triggerSchema = strict({
  combine: picklist(['all', 'any']),
  conditions: v.pipe(
    v.array(triggerConditionSchema, 'must be a list'),
    v.minLength(1, 'must have at least one condition'),
    v.maxLength(8, 'must have at most 8 conditions'),
  ),
});

export const layerSchema = strict({
  name: v.pipe(
    v.string('must be text'),
    v.trim(),
    v.minLength(1, 'must not be empty'),
    v.maxLength(40, 'must be at most 40 characters'),
  ),
  enabled: v.boolean('must be true or false'),
  instrument: picklist(['vix-call', 'vix-put', 'vix-call-spread', 'vix-future', 'spx-put']),
  side: picklist(['long', 'short']),
  /** Calendar days to expiry when opened ("time shifting": layers use different tenors). */
  dte: integerIn(1, 400),
  strikeRule: picklist(['percent-otm', 'delta']),
  /** % OTM of the matching VIX future (0.1 = strike 10 % above it for calls) or |Δ| (0.3 = 30Δ). */
  strikeValue: numberIn(-0.5, 3),
  /** Width of a call spread in VIX points (ignored by other instruments). */
  spreadWidth: numberIn(0.5, 100),
  /**
   * 'pct-of-capital': as many contracts as `sizePctOfCapital` of capital allows, measured by the
   * position's risk at entry (strategy/layer-sizing.ts); 'contracts': a fixed count, still held
   * to the per-layer cap at entry unless `allowOverCap`.
   */
  sizing: v.optional(picklist(['pct-of-capital', 'contracts']), 'pct-of-capital'),
  /** Capital at risk per position, as a fraction of capital (0.02 = 2 %). */
  sizePctOfCapital: numberIn(0, 0.25),
  /** Contracts per position when sizing = 'contracts'. */
  contracts: v.optional(integerIn(0, 10_000), 1),
  /** Above the per-layer cap is an error unless this is set. */
  allowOverCap: v.boolean('must be true or false'),
  trigger: triggerSchema,
  roll: strict({
    atDte: v.nullable(integerIn(0, 400)),
    /** "Roll the next layer forward": on a MACD bearish cross, open the next layer early. */
    nextLayerOnMacdBearish: v.boolean('must be true or false'),
  }),
  takeProfit: strict({
    vixAtLeast: optionalNumberIn(5, 150),
    valueMultiple: optionalNumberIn(1.01, 100),
  }),
  cooldownDays: integerIn(0, 252),
  funding: picklist(['trading-capital', 'external-budget']),
});

export const shockSchema = strict({
  /** Trading day (1-based) at whose open the shock applies. */
  day: integerIn(1, 5040),
  /** SPX gap as a fraction: −0.1 is a 10 % gap down; null = none. */
  spxGap: optionalNumberIn(-0.5, 0.5),
  /** VIX level to jump to, points; null = none. */
  vixTo: optionalNumberIn(5, 150),
});

export const configSchema = strict({
  version: v.literal(CONFIG_VERSION, `must be ${CONFIG_VERSION}`),
  /** Name of the preset the config started from (informational; optional). */
  preset: v.optional(
    v.pipe(v.string('must be text'), v.maxLength(40, 'must be at most 40 characters')),
    'custom',
  ),
  seed: integerIn(0, 4294967295),
  paths: integerIn(1, 1_000_000),
  horizonDays: integerIn(1, 5040),
  capital: numberIn(1000, 1e10),
  /** Per-layer size cap as a fraction of capital (the methodology's 2–3 %). */
  layerCapPctOfCapital: numberIn(0.005, 0.05),
  market: marketSchema,
  shocks: v.pipe(
    v.array(shockSchema, 'must be a list'),
    v.maxLength(20, 'must have at most 20 shocks'),
  ),
  condor: condorSchema,
  layers: v.pipe(
    v.array(layerSchema, 'must be a list'),
    v.maxLength(8, 'must have at most 8 layers'),
  ),
  costs: strict({
    /** Dollars per contract per fill. */
    commissionPerContract: numberIn(0, 100),
    /** Fraction of the bid–ask proxy paid on every fill (0.5 = half the spread). */
    slippageFraction: numberIn(0, 1),
  }),
});

export type SimulationConfig = v.InferOutput<typeof configSchema>;
export type MarketConfig = v.InferOutput<typeof marketSchema>;
export type CondorConfig = v.InferOutput<typeof condorSchema>;
export type HedgeLayerConfig = v.InferOutput<typeof layerSchema>;
export type TriggerCondition = v.InferOutput<typeof triggerConditionSchema>;
export type MarketShockConfig = v.InferOutput<typeof shockSchema>;
