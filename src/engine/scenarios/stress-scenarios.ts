/**
 * Stress scenarios: named sets of deterministic shocks (gap the SPX, set the VIX, on given trading
 * days) and a custom one, applied on top of a config so that a "shocked" run can be set beside the
 * "base" run.
 *
 * What base and shocked mean (the contract the app shows):
 * - base = the config exactly as given (its own market and its own shocks, if any);
 * - shocked = the same config — same seed, paths, horizon, condor, layers, costs — with the
 *   scenario's shocks added to its shocks, and, only when the scenario states a regime and the
 *   caller asks for it (`regime: 'scenario'`, the default), the market of that regime (starting
 *   VIX, long-run variance) in place of the config's market.
 * Because the seed is the same, both runs draw the same random numbers (common random numbers):
 * with the config's market kept, shocked − base is the effect of the shocks alone; with the
 * scenario's regime it is the effect of regime and shocks together.
 *
 * The shocks of 2008, 2018 and 2020 are those of the market presets (market-presets.ts, which
 * quote the closes). The two others are built here from the S&P 500 and Cboe VIX daily closes:
 * - bear-2022: SPX 4796.56 on 2022-01-03 to 3577.03 on 2022-10-12 (−25.4 %), VIX peak close 36.45
 *   on 2022-03-07; over those 196 sessions the VIX closed between 20 and 35 on 173 and above 35 on
 *   2. The scenario spreads the fall over ten equal gaps of −2.89 % on the trading days 20, 40, …,
 *   180 and 195 after 2022-01-03 (a moderate down day: 2022 had 23 sessions down more than 2 %),
 *   each setting the VIX to its close of that day (19.3 … 33.6). The gaps alone compound exactly
 *   to the documented fall; the model's own drift and noise come on top of them, and its drift
 *   grows with variance (ERP + η·v, market-params.ts), so a market held at VIX 20–34 claws part
 *   of the fall back: on the 'alvh-example' preset (2,048 paths, 252 days, seed 1) the median SPX
 *   ends 11 % below the base run's (6,610 against 7,423 from 6,800), not 25 %.
 * - vix-spike: 2010-05-07, the day after the Flash Crash: SPX −1.53 % (1128.15 → 1110.88) while
 *   the VIX closed at 40.95 (from 32.80). (2018-02-05 is not such a day: SPX −4.1 %; nor is
 *   2024-08-05: SPX −3.0 %, VIX 38.57.)
 *
 * Timing as in the config (schema.ts): a shock's `day` is the 1-based trading day at whose open it
 * hits. Several shocks on one day apply in list order (gaps compound, the last VIX level wins).
 */
import type { MarketShockConfig, SimulationConfig } from '../config/schema.ts';
import type { Estimate } from '../stats/outcomes.ts';
import type { SimulationResult } from '../simulate.ts';
import { marketPreset, type MarketPresetName } from './market-presets.ts';

/** The named stress scenarios (the app also offers 'custom'). */
export type StressScenarioName =
  'crash-2008' | 'volmageddon-2018' | 'covid-2020' | 'bear-2022' | 'vix-spike';

export interface StressScenario {
  name: StressScenarioName;
  label: string;
  /** One line for the picker: what happens. */
  description: string;
  /** Where the numbers come from (dates and closes). */
  source: string;
  /** The shocks, config units (1-based day, gap as a fraction, VIX in points). */
  shocks: MarketShockConfig[];
  /** The market preset whose regime the episode had, or null: the scenario keeps any market. */
  regime: MarketPresetName | null;
}

/** SPX close 2022-01-03 (the record close that started the 2022 bear market). */
export const SPX_CLOSE_2022_01_03 = 4796.56;
/** SPX close 2022-10-12 (the 2022 low close). */
export const SPX_CLOSE_2022_10_12 = 3577.03;
/** Number of equal gaps the 2022 bear is split into. */
const BEAR_GAPS = 10;
/** One bear gap: the ten compound to 3577.03 / 4796.56 − 1 = −25.4 %. */
const BEAR_GAP = Math.pow(SPX_CLOSE_2022_10_12 / SPX_CLOSE_2022_01_03, 1 / BEAR_GAPS) - 1;
/**
 * Trading days after 2022-01-03 and the VIX close on each (vix-daily.csv): 2022-02-01 21.96,
 * 03-02 30.74, 03-30 19.33, 04-28 29.99, 05-26 27.50, 06-27 26.95, 07-26 24.69, 08-23 24.11,
 * 09-21 27.99, 10-12 33.57.
 */
const BEAR_DAYS_VIX: readonly (readonly [number, number])[] = [
  [20, 21.96],
  [40, 30.74],
  [60, 19.33],
  [80, 29.99],
  [100, 27.5],
  [120, 26.95],
  [140, 24.69],
  [160, 24.11],
  [180, 27.99],
  [195, 33.57],
];

const presetShocks = (name: MarketPresetName): MarketShockConfig[] =>
  marketPreset(name).shocks.map((s) => ({ day: s.day, spxGap: s.spxGap, vixTo: s.vixTo }));

const scenarios: Record<StressScenarioName, () => StressScenario> = {
  'crash-2008': () => ({
    name: 'crash-2008',
    label: 'Crash (2008)',
    description:
      'Two gaps of about −9 % a month apart with the VIX at 69, from an elevated regime.',
    source: marketPreset('crash-2008').source,
    shocks: presetShocks('crash-2008'),
    regime: 'crash-2008',
  }),
  'volmageddon-2018': () => ({
    name: 'volmageddon-2018',
    label: 'Volmageddon (Feb 2018)',
    description: 'From a calm VIX near 11: SPX −4.1 % and the VIX to 37 in one day.',
    source: marketPreset('volmageddon-2018').source,
    shocks: presetShocks('volmageddon-2018'),
    regime: 'volmageddon-2018',
  }),
  'covid-2020': () => ({
    name: 'covid-2020',
    label: 'Covid crash (2020)',
    description: 'Three gaps in a month (−3.4 %, −7.6 %, −12 %) with the VIX to 25, 54.5 and 82.7.',
    source: marketPreset('covid-2020').source,
    shocks: presetShocks('covid-2020'),
    regime: 'covid-2020',
  }),
  'bear-2022': () => ({
    name: 'bear-2022',
    label: 'Slow bear (2022)',
    description: `Ten gaps of −${(-100 * BEAR_GAP).toFixed(2)} % twenty days apart (−25.4 % in all) with the VIX set between 19 and 34. The model's drift rises with the VIX, so its index claws back part of the fall.`,
    source:
      'SPX 4796.56 on 2022-01-03 to 3577.03 on 2022-10-12; VIX peak close 36.45 on 2022-03-07, between 20 and 35 on 173 of those 196 sessions; the VIX levels are the closes on the shock days.',
    shocks: BEAR_DAYS_VIX.map(([day, vixTo]) => ({ day, spxGap: BEAR_GAP, vixTo })),
    regime: null,
  }),
  'vix-spike': () => ({
    name: 'vix-spike',
    label: 'VIX spike, small SPX fall',
    description: 'On day 21 the VIX jumps to 41 while the SPX falls only 1.5 %.',
    source:
      '2010-05-07, the day after the Flash Crash: SPX 1128.15 → 1110.88 (−1.53 %), VIX close 32.80 → 40.95.',
    shocks: [{ day: 21, spxGap: -0.0153, vixTo: 40.95 }],
    regime: null,
  }),
};

/** The named scenarios in the picker's order. */
export const STRESS_SCENARIO_NAMES = Object.keys(scenarios) as StressScenarioName[];

export function isStressScenarioName(name: string): name is StressScenarioName {
  return Object.hasOwn(scenarios, name);
}

/** A fresh copy of a named scenario (callers may mutate it). */
export function stressScenario(name: StressScenarioName): StressScenario {
  return scenarios[name]();
}

/** A user's shock: gap the SPX on one day and/or set the VIX on one day (config units). */
export interface CustomStress {
  /** SPX gap as a fraction (−0.1 = 10 % down), or null for none. */
  spxGap: number | null;
  /** Trading day (1-based) of the gap. */
  gapDay: number;
  /** VIX level to jump to, points, or null for none. */
  vixTo: number | null;
  /** Trading day (1-based) of the VIX spike. */
  vixDay: number;
}

/** A problem with one field of a custom stress. */
export interface CustomStressError {
  field: keyof CustomStress | '';
  message: string;
}

/** Ranges of the custom fields: the schema's shock ranges (schema.ts `shockSchema`). */
export const CUSTOM_STRESS_LIMITS = {
  spxGap: { min: -0.5, max: 0.5 },
  vixTo: { min: 5, max: 150 },
} as const;

/**
 * Checks a custom stress against the schema's shock ranges and the horizon. Messages name the
 * field and its range in the units the app shows ("Gap must be between −50 % and 50 %"). The VIX
 * floor of the market (the lowest VIX it can reach) is left to `validateConfig`, which knows it.
 * Tested table-driven (tests/unit/engine/scenarios/stress-scenarios.test.ts).
 */
export function validateCustomStress(options: {
  stress: CustomStress;
  horizonDays: number;
}): CustomStressError[] {
  const { stress, horizonDays } = options;
  const errors: CustomStressError[] = [];
  const dayError = (field: 'gapDay' | 'vixDay', label: string, day: number) => {
    if (!(Number.isInteger(day) && day >= 1 && day <= horizonDays))
      errors.push({
        field,
        message: `${label} must be a whole number between 1 and ${horizonDays} (the horizon)`,
      });
  };
  const { spxGap, vixTo } = stress;
  if (spxGap !== null) {
    const { min, max } = CUSTOM_STRESS_LIMITS.spxGap;
    if (!(Number.isFinite(spxGap) && spxGap >= min && spxGap <= max))
      errors.push({
        field: 'spxGap',
        message: `Gap must be between −${-100 * min} % and ${100 * max} %`,
      });
    dayError('gapDay', 'Gap day', stress.gapDay);
  }
  if (vixTo !== null) {
    const { min, max } = CUSTOM_STRESS_LIMITS.vixTo;
    if (!(Number.isFinite(vixTo) && vixTo >= min && vixTo <= max))
      errors.push({ field: 'vixTo', message: `VIX level must be between ${min} and ${max}` });
    dayError('vixDay', 'VIX day', stress.vixDay);
  }
  if (spxGap === null && vixTo === null)
    errors.push({ field: '', message: 'Set a gap, a VIX level, or both' });
  return errors;
}

/** The shocks of a custom stress (one on the same day if both fall on it). */
export function customStressShocks(stress: CustomStress): MarketShockConfig[] {
  const { spxGap, vixTo, gapDay, vixDay } = stress;
  if (spxGap !== null && vixTo !== null && gapDay === vixDay)
    return [{ day: gapDay, spxGap, vixTo }];
  const shocks: MarketShockConfig[] = [];
  if (spxGap !== null) shocks.push({ day: gapDay, spxGap, vixTo: null });
  if (vixTo !== null) shocks.push({ day: vixDay, spxGap: null, vixTo });
  return shocks.sort((a, b) => a.day - b.day);
}

/** What to stress with: a named scenario or the user's custom shocks. */
export type StressChoice =
  { kind: 'named'; name: StressScenarioName } | { kind: 'custom'; stress: CustomStress };

/** The shocked config and what was done to get it. */
export interface StressedConfig {
  /** The config to run shocked (not yet validated: pass it to `validateConfig`). */
  config: SimulationConfig;
  /** Shocks added to the config's own. */
  added: MarketShockConfig[];
  /** Scenario shocks left out because they fall after the horizon. */
  beyondHorizon: MarketShockConfig[];
  /** Scenario shocks left out because the config already has the same shock. */
  alreadyInBase: MarketShockConfig[];
  /** The market preset whose regime replaced the config's market, or null. */
  regime: MarketPresetName | null;
}

const sameShock = (a: MarketShockConfig, b: MarketShockConfig) =>
  a.day === b.day && a.spxGap === b.spxGap && a.vixTo === b.vixTo;

/**
 * The config to run shocked (module comment: base = `config` as given; shocked = the same with the
 * scenario's shocks added, same seed). Pure; `config` is not modified.
 *
 * - `regime`: 'scenario' (default) puts the market of the scenario's regime in place of the
 *   config's market when the scenario states one (2008, 2018, 2020); 'keep' keeps the config's
 *   market, so shocked − base is the effect of the shocks alone.
 * - Shocks after `config.horizonDays` are left out (`beyondHorizon`); a shock identical to one the
 *   config already has is not added twice (`alreadyInBase`).
 * - The result may still be invalid (e.g. more than 20 shocks in all, or a VIX level below the
 *   floor of the market): validate it before running.
 *
 * Tested: every named scenario on the default config and on each market preset validates
 * (tests/unit/engine/scenarios/stress-scenarios.test.ts).
 */
export function stressedConfig(options: {
  config: SimulationConfig;
  scenario: StressChoice;
  regime?: 'scenario' | 'keep';
}): StressedConfig {
  const { config, scenario, regime = 'scenario' } = options;
  const named = scenario.kind === 'named' ? stressScenario(scenario.name) : null;
  const shocks =
    scenario.kind === 'named' && named ? named.shocks : customStressShocks(customOf(scenario));
  const applied = regime === 'scenario' && named?.regime ? named.regime : null;
  const beyondHorizon = shocks.filter((s) => s.day > config.horizonDays);
  const within = shocks.filter((s) => s.day <= config.horizonDays);
  const alreadyInBase = within.filter((s) => config.shocks.some((own) => sameShock(own, s)));
  const added = within.filter((s) => !config.shocks.some((own) => sameShock(own, s)));
  const market = applied ? marketPreset(applied).market : plainCopy(config.market);
  const next: SimulationConfig = {
    ...plainCopy(config),
    market,
    shocks: [...config.shocks.map((s) => ({ ...s })), ...added.map((s) => ({ ...s }))].sort(
      (a, b) => a.day - b.day,
    ),
  };
  return { config: next, added, beyondHorizon, alreadyInBase, regime: applied };
}

/** A deep copy of plain JSON data (a config has no functions, dates or typed arrays). */
function plainCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function customOf(choice: StressChoice): CustomStress {
  return choice.kind === 'custom'
    ? choice.stress
    : { spxGap: null, gapDay: 1, vixTo: null, vixDay: 1 };
}

/** The statistics compared between the runs, per book. */
export type StressStatistic = 'mean' | 'probProfit' | 'cvar95' | 'maxDrawdownMedian';
export type StressBook = 'condorOnly' | 'hedged';

/** shocked − base of one statistic of one book. */
export interface StressEffect {
  book: StressBook;
  statistic: StressStatistic;
  base: Estimate;
  shocked: Estimate;
  /** shocked − base; its stdErr is √(se_base² + se_shocked²) (see {@link stressEffects}). */
  effect: Estimate;
}

/** The comparison of a base and a shocked run. */
export interface StressComparisonSummary {
  effects: StressEffect[];
  /** hedged − condor alone of the mean P&L in the base run (paired SE from the run). */
  hedgeValueBase: Estimate;
  /** The same in the shocked run. */
  hedgeValueShocked: Estimate;
  /** hedgeValueShocked − hedgeValueBase: what the shock adds to the hedge's value. */
  hedgeValueChange: Estimate;
}

const STATS: readonly StressStatistic[] = ['mean', 'probProfit', 'cvar95', 'maxDrawdownMedian'];
const BOOKS: readonly StressBook[] = ['condorOnly', 'hedged'];

const finite = (x: number | null | undefined): number | null =>
  typeof x === 'number' && Number.isFinite(x) ? x : null;

/** a − b with SE √(se_a² + se_b²); null when either estimate is missing. */
function minus(a: Estimate, b: Estimate): Estimate {
  const ea = finite(a.estimate);
  const eb = finite(b.estimate);
  const sa = finite(a.stdErr);
  const sb = finite(b.stdErr);
  return {
    estimate: ea === null || eb === null ? null : ea - eb,
    stdErr: sa === null || sb === null ? null : Math.hypot(sa, sb),
  };
}

/**
 * shocked − base for mean P&L, P(profit), CVaR95 and the median max drawdown of both books, and
 * the hedge's value (hedged − condor mean P&L, the run's own paired estimate) in each run.
 *
 * Uncertainty: the runs share their random numbers, which correlates their estimates positively,
 * but the results keep no per-path data to pair them; the stdErr of a shocked − base difference is
 * therefore √(se_base² + se_shocked²), the SE for independent runs, an upper bound on the paired
 * one whenever the correlation is positive (conservative). Missing or non-finite inputs give null.
 * Tested on two seeded runs (tests/unit/engine/scenarios/stress-scenarios.test.ts).
 */
export function stressEffects(options: {
  base: SimulationResult;
  shocked: SimulationResult;
}): StressComparisonSummary {
  const { base, shocked } = options;
  const estimate = (r: SimulationResult, book: StressBook, stat: StressStatistic): Estimate => {
    const b = r[book];
    const se = `${stat}StdErr` as const;
    return { estimate: finite(b[stat]), stdErr: finite(b[se]) };
  };
  const effects = BOOKS.flatMap((book) =>
    STATS.map((statistic) => {
      const b = estimate(base, book, statistic);
      const s = estimate(shocked, book, statistic);
      return { book, statistic, base: b, shocked: s, effect: minus(s, b) };
    }),
  );
  const clean = (e: Estimate): Estimate => ({
    estimate: finite(e.estimate),
    stdErr: finite(e.stdErr),
  });
  const hedgeValueBase = clean(base.difference.mean);
  const hedgeValueShocked = clean(shocked.difference.mean);
  return {
    effects,
    hedgeValueBase,
    hedgeValueShocked,
    hedgeValueChange: minus(hedgeValueShocked, hedgeValueBase),
  };
}
