/**
 * What each number field of the config shows: label, unit, range (engine units, the same as
 * src/engine/config/schema.ts), whether it is shown ×100, and what a blank means for the optional
 * ones. The engine stays the judge (`validateConfig`); these ranges are hints, and
 * tests/component/controls/field-specs.test.ts checks that they match what the engine accepts.
 *
 * Paths use `[]` for any list index: `layers[].dte` describes `layers[2].dte`.
 */
import type { TriggerKind } from '../../lib/state/config.svelte.ts';

export interface FieldSpec {
  label: string;
  /** Smallest and largest accepted value, engine units. */
  min: number;
  max: number;
  /** Unit after the input ("%", "days", "pts"). */
  unit?: string;
  /** The input shows ×100 (fractions as percent, |Δ| as delta points). */
  percent?: boolean;
  /** The engine wants a whole number. */
  integer?: boolean;
  /** Arrow-key step, display units. */
  step?: number;
  /** For an optional field: what a blank input means ("no target"). */
  blank?: string;
  /** One sentence under the field. */
  help?: string;
}

export const FIELD_SPECS = {
  seed: {
    label: 'Seed',
    min: 0,
    max: 4294967295,
    integer: true,
    step: 1,
    help: 'The same seed and config give the same numbers, whatever the number of workers.',
  },
  paths: { label: 'Paths', min: 1, max: 1_000_000, integer: true, step: 1000 },
  horizonDays: {
    label: 'Horizon',
    unit: 'trading days',
    min: 1,
    max: 5040,
    integer: true,
    step: 21,
  },
  capital: { label: 'Capital', unit: '$', min: 1000, max: 1e10, step: 10_000 },
  layerCapPctOfCapital: {
    label: 'Per-layer cap',
    unit: '% of capital',
    percent: true,
    min: 0.005,
    max: 0.05,
    step: 0.1,
    help: 'A layer sized above the cap is an error unless it allows it.',
  },
  'costs.commissionPerContract': {
    label: 'Commission',
    unit: '$ per contract',
    min: 0,
    max: 100,
    step: 0.1,
  },
  'costs.slippageFraction': {
    label: 'Slippage',
    unit: '% of the bid–ask spread',
    percent: true,
    min: 0,
    max: 1,
    step: 5,
    help: 'Paid on every fill; 50 % crosses to the far side of every leg.',
  },

  'market.spot': { label: 'SPX at the start', unit: 'pts', min: 1, max: 1e6, step: 10 },
  'market.v0': {
    label: 'v₀ (starting variance)',
    min: 0,
    max: 4,
    step: 0.001,
    help: 'Instantaneous variance: 0.04 is 20 % volatility.',
  },
  'market.rate': {
    label: 'Risk-free rate r',
    unit: '%/yr',
    percent: true,
    min: -0.05,
    max: 0.25,
    step: 0.25,
  },
  'market.dividendYield': {
    label: 'Dividend yield q',
    unit: '%/yr',
    percent: true,
    min: 0,
    max: 0.2,
    step: 0.1,
  },
  'market.equityRiskPremium': {
    label: 'Equity risk premium (constant part)',
    unit: '%/yr',
    percent: true,
    min: -0.5,
    max: 0.5,
    step: 0.5,
  },
  'market.equityRiskPremiumPerVariance': {
    label: 'η (premium per unit of variance)',
    min: -20,
    max: 20,
    step: 0.1,
    help: 'The real-world drift gains η·v: the premium grows in turbulent markets.',
  },
  'market.equityRiskPremiumMaxVariance': {
    label: 'v̄ (variance where the premium stops growing)',
    min: 0.001,
    max: 4,
    step: 0.01,
    help: 'The premium is η·min(v, v̄). 0.15 ≈ VIX 45. Without a cap every VIX spike made the SPX rally.',
  },
  'market.kappaP': { label: 'κ_P (mean reversion)', unit: '/yr', min: 0.01, max: 50, step: 0.1 },
  'market.thetaP': { label: 'θ_P (long-run variance)', min: 0.0001, max: 2, step: 0.001 },
  'market.kappaQ': { label: 'κ_Q (mean reversion)', unit: '/yr', min: 0.01, max: 50, step: 0.1 },
  'market.thetaQ': { label: 'θ_Q (long-run variance)', min: 0.0001, max: 2, step: 0.001 },
  'market.sigma': { label: 'σ (volatility of variance)', min: 0.01, max: 5, step: 0.01 },
  'market.rho': {
    label: 'ρ (price–variance correlation)',
    min: -1,
    max: 1,
    step: 0.01,
    help: 'Negative: variance rises when SPX falls.',
  },
  'market.jumps.intensity': {
    label: 'λ (price jumps)',
    unit: 'per year',
    min: 0,
    max: 50,
    step: 0.1,
    help: '0 turns jumps off.',
  },
  'market.jumps.meanLog': {
    label: 'μ_J (mean log jump)',
    unit: '%',
    percent: true,
    min: -0.5,
    max: 0.5,
    step: 0.5,
  },
  'market.jumps.sdLog': {
    label: 's_J (sd of the log jump)',
    unit: '%',
    percent: true,
    min: 0,
    max: 0.5,
    step: 0.5,
  },
  'market.jumps.varianceMean': {
    label: 'μ_v (mean variance jump)',
    min: 0,
    max: 1,
    step: 0.005,
    help: 'Exponential jump of v at each price jump, in variance units; 0 gives Bates.',
  },

  'condor.entryEveryDays': {
    label: 'Open every',
    unit: 'trading days',
    min: 1,
    max: 252,
    integer: true,
    step: 1,
  },
  'condor.dte': {
    label: 'Days to expiry at entry',
    unit: 'calendar days',
    min: 1,
    max: 365,
    integer: true,
    step: 1,
  },
  'condor.shortDelta': {
    label: 'Short strikes',
    unit: 'Δ',
    percent: true,
    min: 0.01,
    max: 0.5,
    step: 1,
  },
  'condor.shortOtm': {
    label: 'Short strikes',
    unit: '% out of the money',
    percent: true,
    min: 0.005,
    max: 0.5,
    step: 0.5,
  },
  'condor.wingWidth': { label: 'Wing width', unit: 'SPX pts', min: 1, max: 2000, step: 5 },
  'condor.wingDelta': {
    label: 'Long strikes (wings)',
    unit: 'Δ',
    percent: true,
    min: 0.005,
    max: 0.5,
    step: 0.5,
  },
  'condor.riskPctOfCapital': {
    label: 'Capital at risk per condor',
    unit: '% of capital',
    percent: true,
    min: 0.001,
    max: 1,
    step: 1,
    help: 'The maximum loss (width − credit) per condor; sets the contract count.',
  },
  'condor.profitTarget': {
    label: 'Profit target',
    unit: '% of the credit',
    percent: true,
    min: 0.01,
    max: 1,
    step: 5,
    blank: 'no target',
  },
  'condor.stopLossMultiple': {
    label: 'Stop loss',
    unit: '× the credit',
    min: 0.1,
    max: 20,
    step: 0.25,
    blank: 'no stop',
  },
  'condor.closeAtDte': {
    label: 'Close at',
    unit: 'days to expiry',
    min: 0,
    max: 365,
    integer: true,
    step: 1,
    blank: 'hold to expiry',
  },

  'layers[].dte': {
    label: 'Tenor',
    unit: 'days to expiry',
    min: 1,
    max: 400,
    integer: true,
    step: 5,
  },
  'layers[].strikeValue': {
    label: 'Strike',
    unit: '% out of the money',
    percent: true,
    min: -0.5,
    max: 3,
    step: 5,
  },
  'layers[].spreadWidth': {
    label: 'Spread width',
    unit: 'VIX pts',
    min: 0.5,
    max: 100,
    step: 1,
  },
  'layers[].sizePctOfCapital': {
    label: 'Size',
    unit: '% of capital',
    percent: true,
    min: 0,
    max: 0.25,
    step: 0.1,
  },
  'layers[].contracts': {
    label: 'Contracts',
    min: 0,
    max: 10_000,
    integer: true,
    step: 1,
    help: 'Still held to the per-layer cap at entry unless the layer allows more.',
  },
  'layers[].roll.atDte': {
    label: 'Roll at',
    unit: 'days to expiry',
    min: 0,
    max: 400,
    integer: true,
    step: 1,
    blank: 'hold to expiry',
  },
  'layers[].takeProfit.vixAtLeast': {
    label: 'Take profit when VIX reaches',
    unit: 'pts',
    min: 5,
    max: 150,
    step: 1,
    blank: 'off',
  },
  'layers[].takeProfit.valueMultiple': {
    label: 'Take profit at',
    unit: '× cost',
    min: 1.01,
    max: 100,
    step: 0.5,
    blank: 'off',
  },
  'layers[].cooldownDays': {
    label: 'Cooldown',
    unit: 'trading days',
    min: 0,
    max: 252,
    integer: true,
    step: 1,
    help: 'Days after an exit before the layer may open again.',
  },

  'shocks[].day': { label: 'Day', unit: 'trading day', min: 1, max: 5040, integer: true, step: 1 },
  'shocks[].spxGap': {
    label: 'SPX gap',
    unit: '%',
    percent: true,
    min: -0.5,
    max: 0.5,
    step: 1,
    blank: 'no gap',
  },
  'shocks[].vixTo': {
    label: 'VIX jumps to',
    unit: 'pts',
    min: 5,
    max: 150,
    step: 1,
    blank: 'no VIX jump',
  },
} satisfies Record<string, FieldSpec>;

export type FieldSpecPath = keyof typeof FIELD_SPECS;

/** `layers[2].dte` → `layers[].dte`. */
export function specPath(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}

/** The spec of a concrete path, or undefined when the field has none (e.g. trigger values). */
export function specFor(path: string): FieldSpec | undefined {
  return (FIELD_SPECS as Record<string, FieldSpec>)[specPath(path)];
}

/** Label and value field of each trigger condition kind, in the order the select lists them. */
export const TRIGGER_KINDS: readonly {
  kind: TriggerKind;
  label: string;
  value?: FieldSpec;
}[] = [
  {
    kind: 'vix-at-least',
    label: 'VIX at least',
    value: { label: 'VIX level', unit: 'pts', min: 5, max: 150, step: 1 },
  },
  {
    kind: 'vix-below',
    label: 'VIX below',
    value: { label: 'VIX level', unit: 'pts', min: 5, max: 150, step: 1 },
  },
  {
    kind: 'future-at-least',
    label: 'Front VIX future at least',
    value: { label: 'Future level', unit: 'pts', min: 5, max: 150, step: 1 },
  },
  {
    kind: 'future-below',
    label: 'Front VIX future below',
    value: { label: 'Future level', unit: 'pts', min: 5, max: 150, step: 1 },
  },
  { kind: 'backwardation', label: 'VIX futures in backwardation' },
  {
    kind: 'contango-at-least',
    label: 'Contango at least',
    value: {
      label: 'Second over front month',
      unit: '%',
      percent: true,
      min: -0.5,
      max: 1,
      step: 1,
    },
  },
  {
    kind: 'rsi-below',
    label: 'SPX RSI(14) below',
    value: { label: 'RSI', min: 1, max: 99, step: 1 },
  },
  { kind: 'macd-bearish-cross', label: 'MACD(12, 26, 9) bearish cross' },
  {
    kind: 'drawdown-at-least',
    label: 'SPX drawdown at least',
    value: {
      label: 'Drawdown',
      unit: '% from the high',
      percent: true,
      min: 0.001,
      max: 0.9,
      step: 1,
    },
  },
  { kind: 'always', label: 'Always' },
];

/** The entry of `kind` in TRIGGER_KINDS. */
export function triggerKind(kind: TriggerKind): (typeof TRIGGER_KINDS)[number] {
  const entry = TRIGGER_KINDS.find((k) => k.kind === kind);
  if (!entry) throw new RangeError(`unknown trigger kind '${kind}'`);
  return entry;
}
