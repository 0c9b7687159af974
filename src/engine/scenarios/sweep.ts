/**
 * Threshold sweep: vary one rule parameter of a config over a grid and compare the hedged book's
 * outcome at each grid point. Every point runs with the same seed, so the market paths are
 * identical across points (common random numbers, Glasserman 2004 §4.2): differences between
 * points are the rule's effect, not sampling noise. Choosing the best-looking point on one set of
 * paths still overfits to those paths (selection bias, the "winner's curse"), so the chosen value
 * is re-run on a new seed (`outOfSampleSeed`) and the two compared (`compareOutOfSample`).
 *
 * Pure data in, data out: which fields are sweepable (`sweepParameters`), the grid, the config at
 * a grid point (validated), a point's summary and the choice of the best point. Units are the
 * config's (schema.ts): fractions, VIX points, calendar days; the app formats them.
 */
import type { SimulationConfig, TriggerCondition } from '../config/schema.ts';
import { validateConfig, type ConfigValidation } from '../config/validate.ts';
import type { SimulationResult } from '../simulate.ts';

/**
 * The unit of a sweepable parameter: 'fraction' (0.02 = 2 %; shown as a percent), 'delta' (|Δ|,
 * 0.16 = 16Δ), 'multiple' (× cost or × credit), 'VIX points', 'RSI' (0–100 scale) or
 * 'calendar days'.
 */
export type SweepUnit = 'VIX points' | 'RSI' | 'fraction' | 'delta' | 'multiple' | 'calendar days';

/** A rule parameter that a sweep can vary. */
export interface SweepParameter {
  /** Field path into the config, e.g. `layers[1].trigger.conditions[0].value`. */
  path: string;
  /** In plain words, e.g. "Layer 2 (Calls at VIX 20): VIX ≥ threshold". */
  label: string;
  /** What it belongs to: the condor or a hedge layer (index into `config.layers`, else null). */
  layer: number | null;
  unit: SweepUnit;
  /** Valid range of the field (the schema's, narrowed by the cross-field rules where known). */
  min: number;
  max: number;
  /** The schema wants a whole number. */
  integer: boolean;
  /** The field's value in the config now. */
  value: number;
}

/** Labels and units of the trigger conditions that carry a value. */
const CONDITION_PARAMETERS: Partial<
  Record<TriggerCondition['kind'], { words: string; unit: SweepUnit; min: number; max: number }>
> = {
  'vix-at-least': { words: 'VIX ≥ threshold', unit: 'VIX points', min: 5, max: 150 },
  'vix-below': { words: 'VIX < threshold', unit: 'VIX points', min: 5, max: 150 },
  'future-at-least': {
    words: 'front VIX future ≥ threshold',
    unit: 'VIX points',
    min: 5,
    max: 150,
  },
  'future-below': { words: 'front VIX future < threshold', unit: 'VIX points', min: 5, max: 150 },
  'contango-at-least': { words: 'contango ≥ threshold', unit: 'fraction', min: -0.5, max: 1 },
  'rsi-below': { words: 'SPX RSI(14) < threshold', unit: 'RSI', min: 1, max: 99 },
  'drawdown-at-least': {
    words: 'SPX drawdown ≥ threshold',
    unit: 'fraction',
    min: 0.001,
    max: 0.9,
  },
};

/** Days a layer must be held before its roll date (validate.ts: at least a week below its dte). */
const ROLL_GAP_DAYS = 7;

/**
 * The sweepable rule parameters of a config, in the order a picker lists them: for each enabled
 * hedge layer its trigger thresholds, take-profit level and multiple (when set), size (when sized
 * by % of capital) and roll DTE (when set); then the condor's short strike (delta or % OTM),
 * profit target and stop multiple (when set). Switched-off (null) rules and disabled layers are
 * left out: sweeping them would change what the rule is, not its level. Ranges are the schema's,
 * with the size capped at the per-layer cap unless the layer allows more, and the roll DTE kept a
 * week below the layer's tenor; `configAt` validates whatever remains.
 */
export function sweepParameters(config: SimulationConfig): SweepParameter[] {
  const out: SweepParameter[] = [];
  config.layers.forEach((layer, i) => {
    if (!layer.enabled) return;
    const who = `Layer ${i + 1} (${layer.name})`;
    const base = `layers[${i}]`;
    const counts = new Map<string, number>();
    for (const c of layer.trigger.conditions) counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1);
    layer.trigger.conditions.forEach((condition, c) => {
      const spec = CONDITION_PARAMETERS[condition.kind];
      if (!spec || !('value' in condition)) return;
      const repeat = (counts.get(condition.kind) ?? 0) > 1 ? ` (condition ${c + 1})` : '';
      out.push({
        path: `${base}.trigger.conditions[${c}].value`,
        label: `${who}: ${spec.words}${repeat}`,
        layer: i,
        unit: spec.unit,
        min: spec.min,
        max: spec.max,
        integer: false,
        value: condition.value,
      });
    });
    if (layer.takeProfit.vixAtLeast !== null)
      out.push({
        path: `${base}.takeProfit.vixAtLeast`,
        label: `${who}: take profit when VIX ≥ level`,
        layer: i,
        unit: 'VIX points',
        min: 5,
        max: 150,
        integer: false,
        value: layer.takeProfit.vixAtLeast,
      });
    if (layer.takeProfit.valueMultiple !== null)
      out.push({
        path: `${base}.takeProfit.valueMultiple`,
        label: `${who}: take profit at a multiple of cost`,
        layer: i,
        unit: 'multiple',
        min: 1.01,
        max: 100,
        integer: false,
        value: layer.takeProfit.valueMultiple,
      });
    if (layer.sizing === 'pct-of-capital')
      out.push({
        path: `${base}.sizePctOfCapital`,
        label: `${who}: size, share of capital`,
        layer: i,
        unit: 'fraction',
        min: 0,
        max: layer.allowOverCap ? 0.25 : config.layerCapPctOfCapital,
        integer: false,
        value: layer.sizePctOfCapital,
      });
    if (layer.roll.atDte !== null)
      out.push({
        path: `${base}.roll.atDte`,
        label: `${who}: roll at days to expiry`,
        layer: i,
        unit: 'calendar days',
        min: 0,
        max: Math.max(0, layer.dte - ROLL_GAP_DAYS),
        integer: true,
        value: layer.roll.atDte,
      });
  });
  const c = config.condor;
  if (c.strikeRule === 'delta')
    out.push({
      path: 'condor.shortDelta',
      label: 'Condor: short-strike delta',
      layer: null,
      unit: 'delta',
      min: 0.01,
      max: 0.5,
      integer: false,
      value: c.shortDelta,
    });
  else
    out.push({
      path: 'condor.shortOtm',
      label: 'Condor: short strikes, distance out of the money',
      layer: null,
      unit: 'fraction',
      min: 0.005,
      max: 0.5,
      integer: false,
      value: c.shortOtm,
    });
  if (c.profitTarget !== null)
    out.push({
      path: 'condor.profitTarget',
      label: 'Condor: profit target, share of the credit',
      layer: null,
      unit: 'fraction',
      min: 0.01,
      max: 1,
      integer: false,
      value: c.profitTarget,
    });
  if (c.stopLossMultiple !== null)
    out.push({
      path: 'condor.stopLossMultiple',
      label: 'Condor: stop loss, multiple of the credit',
      layer: null,
      unit: 'multiple',
      min: 0.1,
      max: 20,
      integer: false,
      value: c.stopLossMultiple,
    });
  return out;
}

/** Fewest and most points of a sweep grid. */
export const SWEEP_MIN_STEPS = 2;
export const SWEEP_MAX_STEPS = 11;

/** 12 significant digits: 0.1 + 0.2 prints as 0.3, while no grid spacing a person types is lost. */
const tidy = (x: number): number => +x.toPrecision(12);

/**
 * `steps` evenly spaced values from `from` to `to`, both ends included exactly (`to` may be below
 * `from`: the grid then descends). With `integer`, values are rounded to whole numbers and
 * repeats dropped, so the grid may have fewer points than `steps`. Tested: endpoints, spacing,
 * rounding (tests/unit/engine/scenarios/sweep.test.ts).
 *
 * @throws RangeError when `from` or `to` is not finite or `steps` is not a whole number in
 *   [SWEEP_MIN_STEPS, SWEEP_MAX_STEPS].
 */
export function sweepGrid(options: {
  from: number;
  to: number;
  steps: number;
  integer?: boolean;
}): number[] {
  const { from, to, steps, integer = false } = options;
  if (!Number.isFinite(from) || !Number.isFinite(to))
    throw new RangeError('sweepGrid: from and to must be finite numbers');
  if (!Number.isInteger(steps) || steps < SWEEP_MIN_STEPS || steps > SWEEP_MAX_STEPS)
    throw new RangeError(
      `sweepGrid: steps must be a whole number between ${SWEEP_MIN_STEPS} and ${SWEEP_MAX_STEPS}`,
    );
  const values: number[] = [];
  for (let k = 0; k < steps; k++) {
    const x = k === steps - 1 ? to : tidy(from + ((to - from) * k) / (steps - 1));
    const value = integer ? Math.round(x) : x;
    if (!values.includes(value)) values.push(value);
  }
  return values;
}

type PathKey = string | number;

function parsePath(path: string): PathKey[] | null {
  const keys: PathKey[] = [];
  for (const part of path.split('.')) {
    const match = /^([A-Za-z]\w*)((?:\[\d+\])*)$/.exec(part);
    if (!match) return null;
    keys.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) keys.push(Number(index[1]));
  }
  return keys;
}

function isObject(x: unknown): x is Record<PathKey, unknown> {
  return typeof x === 'object' && x !== null;
}

/**
 * A copy of `config` with the field at `parameter.path` set to `value`, validated with
 * `validateConfig` (so a value out of range, or one that breaks a cross-field rule, comes back as
 * `{ ok: false, errors }` naming the field). The input is not changed. A path that does not lead
 * to an existing number field (e.g. a layer the user has since removed) is an error on that path.
 * Tested: exactly one field differs; out-of-range values are refused.
 */
export function configAt(options: {
  config: SimulationConfig;
  parameter: Pick<SweepParameter, 'path'>;
  value: number;
}): ConfigValidation {
  const { config, parameter, value } = options;
  const missing: ConfigValidation = {
    ok: false,
    errors: [{ path: parameter.path, message: 'is not a field of this config any more' }],
  };
  const keys = parsePath(parameter.path);
  if (!keys || keys.length === 0) return missing;
  // Configs are plain JSON data (they cross workers, links and files as such).
  const copy = JSON.parse(JSON.stringify(config)) as unknown;
  let node: unknown = copy;
  for (const key of keys.slice(0, -1)) node = isObject(node) ? node[key] : undefined;
  const last = keys[keys.length - 1];
  if (!isObject(node) || !Object.hasOwn(node, last)) return missing;
  const current = node[last];
  if (typeof current !== 'number' && current !== null) return missing;
  node[last] = value;
  return validateConfig(copy);
}

/** The hedged book's figures at one grid point, dollars, each with its one-SE Monte Carlo error. */
export interface SweepPoint {
  /** Mean terminal P&L of the hedged book (condor + layers). */
  mean: number | null;
  meanStdErr: number | null;
  /** CVaR95 of the hedged book: the mean loss in the worst 5 % of paths (a loss is positive). */
  cvar95: number | null;
  cvar95StdErr: number | null;
  /**
   * What the layers cost in mean P&L: condor alone − hedged, the mean of the per-path paired
   * difference (positive: the layers cost money on average; negative: they earned). Its SE uses
   * the pairing (both books see the same paths), so it is much smaller than either book's SE.
   */
  hedgeCost: number | null;
  hedgeCostStdErr: number | null;
}

const finiteOrNull = (x: number | null | undefined): number | null =>
  typeof x === 'number' && Number.isFinite(x) ? x : null;

/**
 * The figures a sweep charts, from one run's result: the hedged book's mean and CVaR95 and the
 * hedge cost (module `SweepPoint`). A missing or non-finite figure is null, never NaN.
 */
export function sweepPoint(result: Pick<SimulationResult, 'hedged' | 'difference'>): SweepPoint {
  const d = result.difference.mean;
  return {
    mean: finiteOrNull(result.hedged.mean),
    meanStdErr: finiteOrNull(result.hedged.meanStdErr),
    cvar95: finiteOrNull(result.hedged.cvar95),
    cvar95StdErr: finiteOrNull(result.hedged.cvar95StdErr),
    hedgeCost: d.estimate === null ? null : finiteOrNull(-d.estimate),
    hedgeCostStdErr: finiteOrNull(d.stdErr),
  };
}

/** How the best grid point is picked: the lowest hedged CVaR95 or the highest hedged mean. */
export type SweepCriterion = 'lowest-cvar95' | 'highest-mean';

/** The figure a criterion ranks by, signed so that larger is better (null when missing). */
export function criterionScore(point: SweepPoint, criterion: SweepCriterion): number | null {
  if (criterion === 'highest-mean') return point.mean;
  return point.cvar95 === null ? null : -point.cvar95;
}

/**
 * Index of the best point by `criterion`, or null when no point has the figure. Ties go to the
 * first such point (the grid's order). Tested table-driven.
 */
export function pickBest(points: readonly SweepPoint[], criterion: SweepCriterion): number | null {
  let best: number | null = null;
  let bestScore = -Infinity;
  points.forEach((point, i) => {
    const score = criterionScore(point, criterion);
    if (score !== null && (best === null || score > bestScore)) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

/** The seed of the out-of-sample re-run: the next seed (wrapping at 2³² − 1 to 0). */
export function outOfSampleSeed(seed: number): number {
  return seed >= 4294967295 ? 0 : seed + 1;
}

/** In-sample against out-of-sample advantage of a chosen value over a reference value. */
export interface OutOfSampleComparison {
  criterion: SweepCriterion;
  /** How much better the chosen value scored than the reference on the sweep's paths, dollars. */
  inSampleAdvantage: number | null;
  /** The same on the new paths (both re-run with the new seed), dollars. */
  outOfSampleAdvantage: number | null;
  /**
   * outOfSample / inSample advantage: 1 = all of it survived, 0 = none, negative = reversed;
   * null when the in-sample advantage is not positive (nothing to survive) or a figure is missing.
   */
  survivedShare: number | null;
}

/**
 * Compares the chosen value's advantage over a reference value by `criterion` (larger score is
 * better: the mean, or minus CVaR95) on the sweep's paths and on new paths. Both values are run
 * on each seed, so each advantage is a same-paths difference. Tested on hand-made points.
 */
export function compareOutOfSample(options: {
  criterion: SweepCriterion;
  inSample: { chosen: SweepPoint; reference: SweepPoint };
  outOfSample: { chosen: SweepPoint; reference: SweepPoint };
}): OutOfSampleComparison {
  const { criterion, inSample, outOfSample } = options;
  const advantage = (pair: { chosen: SweepPoint; reference: SweepPoint }): number | null => {
    const a = criterionScore(pair.chosen, criterion);
    const b = criterionScore(pair.reference, criterion);
    return a === null || b === null ? null : a - b;
  };
  const inSampleAdvantage = advantage(inSample);
  const outOfSampleAdvantage = advantage(outOfSample);
  const survivedShare =
    inSampleAdvantage !== null && outOfSampleAdvantage !== null && inSampleAdvantage > 0
      ? outOfSampleAdvantage / inSampleAdvantage
      : null;
  return { criterion, inSampleAdvantage, outOfSampleAdvantage, survivedShare };
}
