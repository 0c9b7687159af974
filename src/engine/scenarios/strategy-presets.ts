/**
 * Strategy presets: complete configs (condor + hedge layers) that a learner picks from a list and a
 * run can be named by. Each starts from a market preset's default config (config/defaults.ts) and
 * sets the condor and the layers; the market is left as the market preset made it.
 *
 * Sources (each preset's `source` says which, and what is simplified):
 * - the ALVH methodology text (the "seed") as summarised in DESIGN.md §3: a loyal SPX iron condor
 *   plus ordered VIX layers that switch on at rising VIX / backwardation / weak RSI, different
 *   tenors ("time shifting"), each layer capped at 2–3 % of capital. The seed gives the shape, not
 *   the numbers: thresholds, tenors and strikes here are illustrative choices within its ranges.
 *   Its "4/4/2" hedge split is ambiguous and gets one preset per reading.
 * - Cboe S&P 500 Iron Condor Index (CNDR) methodology: monthly, sell ≈20Δ SPX put and call, buy
 *   ≈5Δ wings, hold to expiry, over a Treasury-bill account.
 * - Cboe VIX Tail Hedge Index (VXTH) methodology: S&P 500 plus one-month 30Δ VIX calls bought at
 *   each monthly roll, weighted by the VIX future: 0 % at ≤ 15, 1 % for 15–30, 0.5 % for 30–50,
 *   0 % above 50.
 *
 * Units as in config/schema.ts: fractions of capital, VIX levels in points, DTE in calendar days.
 * Every layer stays within the default per-layer cap (2.5 % of capital), so each preset is valid
 * for every market preset (tests/unit/engine/scenarios/strategy-presets.test.ts).
 */
import { configForMarketPreset } from '../config/defaults.ts';
import type {
  CondorConfig,
  HedgeLayerConfig,
  SimulationConfig,
  TriggerCondition,
} from '../config/schema.ts';
import type { MarketPresetName } from './market-presets.ts';

/** The strategy presets, in the order the app lists them. */
export const STRATEGY_PRESET_NAMES = [
  'alvh-example',
  'split-442-contracts',
  'split-442-notional',
  'split-442-budget',
  'condor-only',
  'cndr-style',
  'vxth-style',
  'always-on-calls',
] as const;

export type StrategyPresetName = (typeof STRATEGY_PRESET_NAMES)[number];

/** What the app shows about a strategy preset: plain sentences for a learner. */
export interface StrategyPresetInfo {
  name: StrategyPresetName;
  /** A short label for a list. */
  title: string;
  /** What the strategy does and what to look for, in a few sentences. */
  summary: string;
  /** The document the preset follows and what the simulator simplifies. */
  source: string;
}

/** Options of `strategyPreset`. */
export interface StrategyPresetOptions {
  /** The market preset to start from; 'historical' when absent. */
  market?: MarketPresetName;
}

/** The methodology's ambiguous hedge split, near / mid / far layer. */
const SPLIT_442 = [4, 4, 2] as const;
/** Tenors of the three 4/4/2 layers, calendar days (the "~30/110/220 DTE" reading). */
const SPLIT_TENORS_DTE = [30, 110, 220] as const;
/** The 4/4/2 split read as fractions of the condor's notional (4 %, 4 %, 2 %). */
const SPLIT_NOTIONAL_SHARES = [0.04, 0.04, 0.02] as const;
/** The 4/4/2 split read as shares of one hedge budget (40 %, 40 %, 20 %). */
const SPLIT_BUDGET_SHARES = [0.4, 0.4, 0.2] as const;
/**
 * The one hedge budget of the 'split-442-budget' reading: 5 % of capital at risk across the three
 * layers. The largest budget whose 40 % slices stay under the 2.5 % per-layer cap is 6.25 %; 5 %
 * is a round figure below it.
 */
const HEDGE_BUDGET_PCT_OF_CAPITAL = 0.05;

const always = (): TriggerCondition => ({ kind: 'always' });

const anyOf = (...conditions: TriggerCondition[]): HedgeLayerConfig['trigger'] => ({
  combine: 'any',
  conditions,
});

const allOf = (...conditions: TriggerCondition[]): HedgeLayerConfig['trigger'] => ({
  combine: 'all',
  conditions,
});

/** The fields a preset layer must state; the rest default to a plain long VIX call. */
type LayerSpec = Pick<
  HedgeLayerConfig,
  'name' | 'dte' | 'strikeValue' | 'sizePctOfCapital' | 'trigger'
> &
  Partial<Omit<HedgeLayerConfig, 'roll' | 'takeProfit'>> & {
    rollAtDte: number | null;
    nextLayerOnMacdBearish?: boolean;
    takeProfitVixAtLeast?: number | null;
    takeProfitValueMultiple?: number | null;
  };

/**
 * A fresh layer: a long VIX call sized by % of capital and paid from trading capital, unless
 * `spec` says otherwise.
 */
function layer(spec: LayerSpec): HedgeLayerConfig {
  const {
    rollAtDte,
    nextLayerOnMacdBearish = false,
    takeProfitVixAtLeast = null,
    takeProfitValueMultiple = null,
    ...fields
  } = spec;
  return {
    enabled: true,
    instrument: 'vix-call',
    side: 'long',
    strikeRule: 'percent-otm',
    // Only read by call spreads; 5 VIX points is a common spread width.
    spreadWidth: 5,
    sizing: 'pct-of-capital',
    contracts: 1,
    allowOverCap: false,
    cooldownDays: 0,
    funding: 'trading-capital',
    ...fields,
    roll: { atDte: rollAtDte, nextLayerOnMacdBearish },
    takeProfit: { vixAtLeast: takeProfitVixAtLeast, valueMultiple: takeProfitValueMultiple },
  };
}

/**
 * The seed's shape: a short-vol layer that earns with the condor while the curve is calm and in
 * contango, then long VIX calls that switch on at VIX 20, at VIX 25 or backwardation, at VIX 30 or
 * a weak RSI, each further out in time than the last.
 */
function alvhExampleLayers(): HedgeLayerConfig[] {
  return [
    layer({
      name: 'Short-vol base',
      side: 'short',
      dte: 35,
      // Strike 50 % above the one-month future (≈ 28 at VIX 17.6): far enough out that a normal
      // month leaves it worthless; its risk (the future doubling) is what the 2 % sizes.
      strikeValue: 0.5,
      sizePctOfCapital: 0.02,
      trigger: allOf({ kind: 'vix-below', value: 20 }, { kind: 'contango-at-least', value: 0.03 }),
      rollAtDte: 7,
      // The thesis is wrong once VIX spikes: the call is bought back at VIX 25 (a stop, not a
      // profit).
      takeProfitVixAtLeast: 25,
      nextLayerOnMacdBearish: true,
      cooldownDays: 10,
    }),
    layer({
      name: 'Calls at VIX 20',
      dte: 45,
      strikeValue: 0.3,
      sizePctOfCapital: 0.02,
      trigger: anyOf({ kind: 'vix-at-least', value: 20 }),
      rollAtDte: 14,
      nextLayerOnMacdBearish: true,
      takeProfitVixAtLeast: 35,
      takeProfitValueMultiple: 3,
      cooldownDays: 5,
    }),
    layer({
      name: 'Calls at VIX 25 or backwardation',
      dte: 90,
      strikeValue: 0.3,
      sizePctOfCapital: 0.02,
      trigger: anyOf({ kind: 'vix-at-least', value: 25 }, { kind: 'backwardation' }),
      rollAtDte: 30,
      nextLayerOnMacdBearish: true,
      takeProfitVixAtLeast: 45,
      takeProfitValueMultiple: 3,
      cooldownDays: 5,
    }),
    layer({
      name: 'Calls at VIX 30 or weak RSI',
      dte: 150,
      strikeRule: 'delta',
      strikeValue: 0.25,
      sizePctOfCapital: 0.015,
      trigger: anyOf({ kind: 'vix-at-least', value: 30 }, { kind: 'rsi-below', value: 30 }),
      rollAtDte: 45,
      takeProfitVixAtLeast: 50,
      takeProfitValueMultiple: 4,
      cooldownDays: 10,
    }),
  ];
}

/** How a 4/4/2 layer is sized: the fields that differ between the three readings. */
type SplitSizing = Pick<HedgeLayerConfig, 'sizing' | 'sizePctOfCapital' | 'contracts'>;

/**
 * The three layers every 4/4/2 reading shares, so the readings differ only in size: long VIX calls
 * at 30, 110 and 220 DTE. The near layer is tactical (on at VIX 20 or backwardation); the mid and
 * far layers are held all the time, because long-dated calls lose value slowly.
 */
function splitLayers(sizes: readonly [SplitSizing, SplitSizing, SplitSizing]): HedgeLayerConfig[] {
  const [nearDte, midDte, farDte] = SPLIT_TENORS_DTE;
  return [
    layer({
      name: `Near calls (${nearDte} DTE)`,
      dte: nearDte,
      strikeValue: 0.25,
      ...sizes[0],
      trigger: anyOf({ kind: 'vix-at-least', value: 20 }, { kind: 'backwardation' }),
      rollAtDte: 7,
      takeProfitVixAtLeast: 40,
      takeProfitValueMultiple: 3,
      cooldownDays: 5,
    }),
    layer({
      name: `Mid calls (${midDte} DTE)`,
      dte: midDte,
      strikeValue: 0.4,
      ...sizes[1],
      trigger: anyOf(always()),
      rollAtDte: 30,
      takeProfitVixAtLeast: 45,
      takeProfitValueMultiple: 3,
      cooldownDays: 5,
    }),
    layer({
      name: `Far calls (${farDte} DTE)`,
      dte: farDte,
      strikeValue: 0.5,
      ...sizes[2],
      trigger: anyOf(always()),
      rollAtDte: 60,
      takeProfitVixAtLeast: 50,
      takeProfitValueMultiple: 4,
      cooldownDays: 5,
    }),
  ];
}

const pctOfCapital = (sizePctOfCapital: number): SplitSizing => ({
  sizing: 'pct-of-capital',
  sizePctOfCapital,
  contracts: 1,
});

/** Maps the three 4/4/2 numbers through `f`, keeping the tuple type. */
function mapSplit<T>(split: readonly [number, number, number], f: (x: number) => T): [T, T, T] {
  return [f(split[0]), f(split[1]), f(split[2])];
}

/** A VXTH weight bucket: one-month 30Δ VIX calls while the front future is in [from, to). */
function vxthBucket(from: number, to: number, weight: number): HedgeLayerConfig {
  return layer({
    name: `VXTH ${+(100 * weight).toFixed(2)} % (future ${from}–${to})`,
    dte: 30,
    strikeRule: 'delta',
    strikeValue: 0.3,
    sizePctOfCapital: weight,
    trigger: allOf({ kind: 'future-at-least', value: from }, { kind: 'future-below', value: to }),
    rollAtDte: 0,
  });
}

/** The CNDR condor: monthly, 20Δ short strikes, 5Δ wings, held to cash-settled expiry. */
function cndrCondor(): CondorConfig {
  return {
    entry: 'after-close',
    // Used only if entry is switched to 'every-n-days': one month of trading days.
    entryEveryDays: 21,
    // Third Fridays are 28 or 35 days apart; 30 is the monthly average.
    dte: 30,
    strikeRule: 'delta',
    shortDelta: 0.2,
    shortOtm: 0.05,
    wingRule: 'delta',
    // Used only if wingRule is switched to 'width': the 20Δ-to-5Δ distance 30 days out on the
    // historical market at its start (VIX 17.6, SPX 6,800) is 395 points for the puts and 345 for
    // the calls (spxStrikeForDelta).
    wingWidth: 400,
    wingDelta: 0.05,
    // The index is fully collateralised: the whole capital backs the condor's maximum loss. One
    // 20Δ/5Δ contract risks ~$34,000 at SPX 6,800, so the default 10 % ($10,000 of $100,000)
    // would size every entry to zero contracts.
    riskPctOfCapital: 1,
    profitTarget: null,
    stopLossMultiple: null,
    closeAtDte: null,
  };
}

interface PresetDefinition {
  title: string;
  summary: string;
  source: string;
  /** Sets the condor and the layers on a fresh market-preset config (`base`). */
  build: (base: SimulationConfig) => Pick<SimulationConfig, 'condor' | 'layers'>;
}

const SEED = 'The ALVH methodology text (the seed), as summarised in DESIGN.md §3';
const SPLIT_SOURCE = `${SEED}: its "4/4/2" hedge split does not say 4 of what. The three split presets share layers (long VIX calls at 30/110/220 DTE, 25/40/50 % above the matching VIX future) and differ only in size.`;

const definitions: Record<StrategyPresetName, PresetDefinition> = {
  'alvh-example': {
    title: 'ALVH example (seed)',
    summary:
      'The iron condor plus four VIX layers. A small short VIX call earns alongside the condor while VIX is low and the futures curve is in contango, and is bought back if VIX reaches 25. Long VIX calls then switch on in steps: at VIX 20 (45 days), at VIX 25 or an inverted curve (90 days), at VIX 30 or an RSI below 30 (150 days). On a MACD bearish cross the next layer is bought early. Compare it with condor-only to see what the layers cost in calm markets and what they pay in a crash.',
    source: `${SEED}: a short-vol base layer aligned with the thesis, then long VIX call layers at rising VIX, backwardation and weak RSI, on different tenors, each within the 2–3 % per-layer cap. The seed gives the shape, not the numbers: thresholds, tenors, strikes and sizes here are illustrative. Macro inputs it mentions (CPI, FOMC, A/D line) are not simulated.`,
    build: (base) => ({ condor: base.condor, layers: alvhExampleLayers() }),
  },
  'split-442-contracts': {
    title: '4/4/2 as contracts',
    summary:
      'Reads "4/4/2" as a number of contracts: 4 VIX calls at 30 days, 4 at 110 days and 2 at 220 days, whatever they cost. The cost of the hedge then grows with VIX instead of staying a fixed share of capital; a layer whose contracts would cost more than the 2.5 % cap is cut to the cap.',
    source: `${SPLIT_SOURCE} This reading: 4, 4 and 2 contracts at about 30, 110 and 220 DTE.`,
    build: (base) => ({
      condor: base.condor,
      layers: splitLayers(
        mapSplit(SPLIT_442, (contracts) => ({
          sizing: 'contracts',
          // Not used to size a fixed count; set to the cap the count is held to.
          sizePctOfCapital: base.layerCapPctOfCapital,
          contracts,
        })),
      ),
    }),
  },
  'split-442-notional': {
    title: '4/4/2 as % of condor notional',
    summary:
      'Reads "4/4/2" as 4 %, 4 % and 2 % of the money behind the condor (here: the capital). 4 % is above the 2.5 % per-layer cap, so the first two layers are cut to 2.5 % and the split becomes 2.5/2.5/2: the cap, not the 4/4/2, decides the size.',
    source: `${SPLIT_SOURCE} This reading: 4 %, 4 % and 2 % of the condor's notional, taken as the capital that backs the condor, then held to the per-layer cap (4 % → 2.5 %; 2 % stays). Read as the SPX face value of the condor (contracts × 100 × index, many times the capital), every layer would be far above the cap and all three would be cut to 2.5 %.`,
    build: (base) => ({
      condor: base.condor,
      layers: splitLayers(
        mapSplit(SPLIT_NOTIONAL_SHARES, (share) =>
          pctOfCapital(Math.min(share, base.layerCapPctOfCapital)),
        ),
      ),
    }),
  },
  'split-442-budget': {
    title: '4/4/2 as shares of one hedge budget',
    summary:
      'Reads "4/4/2" as 40 %, 40 % and 20 % of one hedge budget of 5 % of capital: 2 %, 2 % and 1 % at risk in the 30-, 110- and 220-day VIX calls. The whole hedge never risks more than the budget, and every layer stays under the cap.',
    source: `${SPLIT_SOURCE} This reading: 40/40/20 % of a hedge budget of 5 % of capital (a choice; the largest budget whose slices fit the 2.5 % cap is 6.25 %). The budget is part of the trading capital here, not a separate pot.`,
    build: (base) => ({
      condor: base.condor,
      layers: splitLayers(
        mapSplit(SPLIT_BUDGET_SHARES, (share) => pctOfCapital(share * HEDGE_BUDGET_PCT_OF_CAPITAL)),
      ),
    }),
  },
  'condor-only': {
    title: 'Condor only',
    summary:
      'The iron condor alone, with no hedge layers: a 16-delta condor with 35 days to expiry and 50-point wings, 20 % of capital at risk, taking profit at half the credit, stopping at twice the credit and closing 7 days before expiry. The baseline every hedged preset is compared with.',
    source:
      "The condor cycle of DESIGN.md §3 (the seed's loyal core trade) with the simulator's default rules; no layers.",
    build: (base) => ({ condor: base.condor, layers: [] }),
  },
  'cndr-style': {
    title: 'CNDR-style condor',
    summary:
      'A monthly SPX iron condor in the style of the Cboe CNDR index: sell the 20-delta put and call, buy the 5-delta put and call as wings, and hold to expiry with no profit target or stop; a new condor opens the day after. No hedge layers. Wider short strikes and delta-chosen wings make the credit and the tail loss bigger than the default condor.',
    source:
      "Cboe S&P 500 Iron Condor Index (CNDR) methodology: monthly SPX options, sell ≈20Δ call and put, buy ≈5Δ call and put, held to expiry and rolled, over a one-month Treasury-bill account. Simplified: 30 calendar days to expiry instead of the third-Friday calendar (28 or 35 days), opened the day after expiry instead of on it, and the collateral is the run's capital: like the index, the whole capital backs the condor's maximum loss (capital at risk per condor 100 %), so it holds ⌊capital / maximum loss per contract⌋ contracts — two on $100,000 at SPX 6,800.",
    build: () => ({ condor: cndrCondor(), layers: [] }),
  },
  'vxth-style': {
    title: 'VXTH-style tail hedge',
    summary:
      'The condor plus one-month 30-delta VIX calls in the style of the Cboe VXTH index: 1 % of capital while the one-month VIX future is between 15 and 30, 0.5 % between 30 and 50, nothing below 15 or above 50. Calls are bought when VIX is moderate, when they are cheap enough to pay off in a spike, and not when the spike has already happened.',
    source:
      'Cboe VIX Tail Hedge Index (VXTH) methodology: S&P 500 plus one-month 30Δ VIX calls bought at each monthly roll, weighted 0 % / 1 % / 0.5 % / 0 % of the portfolio as the VIX future is ≤ 15 / 15–30 / 30–50 / > 50. Simplified: the condor takes the place of the S&P 500 stocks; each weight is its own layer, opened when the 30-day constant-maturity future is in its range (future-at-least / future-below, so the edges are [15, 30) and [30, 50)), with a 30-day tenor and a roll at expiry. The index changes weight only at the monthly roll; here a bucket that becomes true mid-month opens at once, so both can be held until the next roll.',
    build: (base) => ({
      condor: base.condor,
      layers: [vxthBucket(15, 30, 0.01), vxthBucket(30, 50, 0.005)],
    }),
  },
  'always-on-calls': {
    title: 'Always-on VIX calls',
    summary:
      'The condor plus one-month 30-delta VIX calls bought every month with 1 % of capital, whatever VIX is doing. The same calls and size as the VXTH-style preset but without its VIX-level rules: the cost of a hedge that never switches off.',
    source:
      'A contrast case built from DESIGN.md §3 (a hedge layer with the trigger "always") and the 1 % weight and one-month 30Δ calls of the Cboe VIX Tail Hedge Index (VXTH) methodology, without its VIX-future buckets. Rolled at expiry.',
    build: (base) => ({
      condor: base.condor,
      layers: [
        layer({
          name: 'Always-on calls',
          dte: 30,
          strikeRule: 'delta',
          strikeValue: 0.3,
          sizePctOfCapital: 0.01,
          trigger: anyOf(always()),
          rollAtDte: 0,
        }),
      ],
    }),
  },
};

/** Whether `name` is a strategy preset name (e.g. a CLI flag or a stored config's `preset`). */
export function isStrategyPresetName(name: string): name is StrategyPresetName {
  return Object.hasOwn(definitions, name);
}

function definitionOf(name: StrategyPresetName): PresetDefinition {
  if (!isStrategyPresetName(name)) {
    throw new RangeError(
      `unknown strategy preset '${String(name)}' (known: ${STRATEGY_PRESET_NAMES.join(', ')})`,
    );
  }
  return definitions[name];
}

/**
 * Title, summary and source of a strategy preset, as the app shows them.
 *
 * Tested: every preset has non-empty text and its source names a document (strategy-presets.test.ts).
 *
 * @throws RangeError for a name that is not in `STRATEGY_PRESET_NAMES`.
 */
export function strategyPresetInfo(name: StrategyPresetName): StrategyPresetInfo {
  const { title, summary, source } = definitionOf(name);
  return { name, title, summary, source };
}

/**
 * A complete config for a strategy preset: the default config of `options.market` (default
 * 'historical'), with `preset` set to `name` and the preset's condor and layers. Returns a fresh
 * object on every call (callers may mutate it).
 *
 * Tested: every preset passes `validateConfig` with every market preset; the shapes the presets
 * promise (CNDR strikes and exits, VXTH buckets, the three 4/4/2 ratios); freshness
 * (strategy-presets.test.ts).
 *
 * @throws RangeError for a name that is not in `STRATEGY_PRESET_NAMES`.
 */
export function strategyPreset(
  name: StrategyPresetName,
  options: StrategyPresetOptions = {},
): SimulationConfig {
  const definition = definitionOf(name);
  const base = configForMarketPreset(options.market ?? 'historical');
  const { condor, layers } = definition.build(base);
  return { ...base, preset: name, condor, layers };
}
