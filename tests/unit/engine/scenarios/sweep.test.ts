/**
 * Threshold sweep (src/engine/scenarios/sweep.ts): the sweepable parameters of a config, the grid,
 * the config at a grid point, a point's figures, the best point, and — on real small runs — that
 * the same seed gives common random numbers (the condor alone is identical at every point, and a
 * higher VIX trigger makes the layer trade no more often).
 */
import { describe, expect, it } from 'vitest';
import {
  compareOutOfSample,
  configAt,
  defaultConfig,
  defaultHedgeLayer,
  outOfSampleSeed,
  pickBest,
  simulate,
  strategyPreset,
  sweepGrid,
  sweepParameters,
  sweepPoint,
  type HedgeLayerConfig,
  type SimulationConfig,
  type SweepPoint,
} from '../../../../src/engine/index.ts';

function callLayer(threshold: number): HedgeLayerConfig {
  return {
    ...defaultHedgeLayer({ name: 'Calls', vixAtLeast: threshold }),
    sizePctOfCapital: 0.02,
    takeProfit: { vixAtLeast: 35, valueMultiple: 3 },
  };
}

/** 300 paths over 60 trading days (about 0.4 s a run here). */
function smallConfig(): SimulationConfig {
  return { ...defaultConfig(), paths: 300, horizonDays: 60, seed: 3, layers: [callLayer(20)] };
}

/** Every leaf path (`a.b[0].c`) where two plain-data values differ. */
function differences(a: unknown, b: unknown, at = ''): string[] {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null)
    return Object.is(a, b) ? [] : [at];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((k) =>
    differences(
      (a as Record<string, unknown>)[k],
      (b as Record<string, unknown>)[k],
      Array.isArray(a) ? `${at}[${k}]` : at ? `${at}.${k}` : k,
    ),
  );
}

describe('sweepParameters', () => {
  it('lists the layer rules and the condor rules of a one-layer config, in plain words', () => {
    const params = sweepParameters(smallConfig());
    expect(params.map((p) => [p.path, p.label, p.unit, p.value])).toEqual([
      [
        'layers[0].trigger.conditions[0].value',
        'Layer 1 (Calls): VIX ≥ threshold',
        'VIX points',
        20,
      ],
      [
        'layers[0].takeProfit.vixAtLeast',
        'Layer 1 (Calls): take profit when VIX ≥ level',
        'VIX points',
        35,
      ],
      [
        'layers[0].takeProfit.valueMultiple',
        'Layer 1 (Calls): take profit at a multiple of cost',
        'multiple',
        3,
      ],
      ['layers[0].sizePctOfCapital', 'Layer 1 (Calls): size, share of capital', 'fraction', 0.02],
      ['layers[0].roll.atDte', 'Layer 1 (Calls): roll at days to expiry', 'calendar days', 14],
      ['condor.shortDelta', 'Condor: short-strike delta', 'delta', 0.16],
      ['condor.profitTarget', 'Condor: profit target, share of the credit', 'fraction', 0.5],
      ['condor.stopLossMultiple', 'Condor: stop loss, multiple of the credit', 'multiple', 2],
    ]);
  });

  it('offers only the condor rules when there are no layers', () => {
    const params = sweepParameters(defaultConfig());
    expect(params.every((p) => p.layer === null)).toBe(true);
    expect(params.map((p) => p.path)).toEqual([
      'condor.shortDelta',
      'condor.profitTarget',
      'condor.stopLossMultiple',
    ]);
  });

  it('caps a layer size at the per-layer cap and keeps the roll a week below the tenor', () => {
    const params = sweepParameters(smallConfig());
    expect(params.find((p) => p.path.endsWith('sizePctOfCapital'))?.max).toBe(0.025);
    expect(params.find((p) => p.path.endsWith('roll.atDte'))?.max).toBe(45 - 7);
  });

  it('gives every parameter of every strategy preset a range that holds its current value', () => {
    const presets = ['alvh-example', 'split-442-contracts', 'vxth-style'] as const;
    for (const name of presets)
      for (const p of sweepParameters(strategyPreset(name))) {
        expect(p.value, p.path).toBeGreaterThanOrEqual(p.min);
        expect(p.value, p.path).toBeLessThanOrEqual(p.max);
      }
  });
});

describe('sweepGrid', () => {
  it.each([
    { from: 20, to: 40, steps: 5, want: [20, 25, 30, 35, 40] },
    { from: 0.1, to: 0.3, steps: 3, want: [0.1, 0.2, 0.3] },
    { from: 40, to: 20, steps: 3, want: [40, 30, 20] },
    { from: 1, to: 2, steps: 2, want: [1, 2] },
  ])('$from to $to in $steps steps', ({ from, to, steps, want }) => {
    expect(sweepGrid({ from, to, steps })).toEqual(want);
  });

  it('rounds whole-number grids and drops repeats', () => {
    expect(sweepGrid({ from: 7, to: 9, steps: 5, integer: true })).toEqual([7, 8, 9]);
  });

  it.each([1, 12, 2.5, Number.NaN])('refuses %s steps', (steps) => {
    expect(() => sweepGrid({ from: 1, to: 2, steps })).toThrow(RangeError);
  });
});

describe('configAt', () => {
  it('changes exactly the swept field and leaves its input alone', () => {
    const config = smallConfig();
    const before = JSON.stringify(config);
    const out = configAt({
      config,
      parameter: { path: 'layers[0].trigger.conditions[0].value' },
      value: 27,
    });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(differences(config, out.config)).toEqual(['layers[0].trigger.conditions[0].value']);
    expect(out.config.layers[0].trigger.conditions[0]).toEqual({ kind: 'vix-at-least', value: 27 });
    expect(JSON.stringify(config)).toBe(before);
  });

  it('refuses a value outside the field range, naming the field', () => {
    const out = configAt({
      config: smallConfig(),
      parameter: { path: 'condor.shortDelta' },
      value: 0.7,
    });
    expect(out).toEqual({
      ok: false,
      errors: [{ path: 'condor.shortDelta', message: 'must be between 0.01 and 0.5' }],
    });
  });

  it('refuses a value that breaks a cross-field rule (size above the per-layer cap)', () => {
    const out = configAt({
      config: smallConfig(),
      parameter: { path: 'layers[0].sizePctOfCapital' },
      value: 0.04,
    });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.errors[0].path).toBe('layers[0].sizePctOfCapital');
  });

  it.each(['layers[3].dte', 'condor.nope', 'layers[0].name', 'bad path!'])(
    "reports a path that leads to no number field ('%s')",
    (path) => {
      const out = configAt({ config: smallConfig(), parameter: { path }, value: 1 });
      expect(out).toEqual({
        ok: false,
        errors: [{ path, message: 'is not a field of this config any more' }],
      });
    },
  );
});

const point = (mean: number | null, cvar95: number | null): SweepPoint => ({
  mean,
  meanStdErr: 1,
  cvar95,
  cvar95StdErr: 1,
  hedgeCost: 0,
  hedgeCostStdErr: 0,
});

describe('pickBest', () => {
  const points = [point(100, 900), point(300, 800), point(300, 1000), point(null, 700)];
  it.each([
    { criterion: 'highest-mean' as const, want: 1 },
    { criterion: 'lowest-cvar95' as const, want: 3 },
  ])('$criterion picks point $want (ties go to the first)', ({ criterion, want }) => {
    expect(pickBest(points, criterion)).toBe(want);
  });

  it('returns null when no point has the figure', () => {
    expect(pickBest([point(null, null)], 'highest-mean')).toBeNull();
    expect(pickBest([], 'lowest-cvar95')).toBeNull();
  });
});

describe('out of sample', () => {
  it('uses the next seed, wrapping at the top of the range', () => {
    expect(outOfSampleSeed(1)).toBe(2);
    expect(outOfSampleSeed(4294967295)).toBe(0);
  });

  it('measures the share of the in-sample advantage that survives on new paths', () => {
    // CVaR 800 vs 1000 in sample (advantage 200); 950 vs 1000 out of sample (advantage 50).
    const out = compareOutOfSample({
      criterion: 'lowest-cvar95',
      inSample: { chosen: point(0, 800), reference: point(0, 1000) },
      outOfSample: { chosen: point(0, 950), reference: point(0, 1000) },
    });
    expect(out).toEqual({
      criterion: 'lowest-cvar95',
      inSampleAdvantage: 200,
      outOfSampleAdvantage: 50,
      survivedShare: 0.25,
    });
  });

  it('has no survived share when the chosen value was not better in sample', () => {
    const out = compareOutOfSample({
      criterion: 'highest-mean',
      inSample: { chosen: point(100, 0), reference: point(100, 0) },
      outOfSample: { chosen: point(90, 0), reference: point(100, 0) },
    });
    expect(out.survivedShare).toBeNull();
    expect(out.outOfSampleAdvantage).toBe(-10);
  });
});

describe('sweep points from real runs with common random numbers', () => {
  const base = smallConfig();
  const parameter = sweepParameters(base)[0];
  const run = (value: number) => {
    const out = configAt({ config: base, parameter, value });
    if (!out.ok) throw new Error(out.errors.map((e) => e.message).join('; '));
    return simulate(out.config, { details: false });
  };
  const low = run(20);
  const high = run(30);

  it('leaves the condor alone bit-for-bit the same at every point (same market paths)', () => {
    expect(high.condorOnly).toEqual(low.condorOnly);
  });

  it('makes the layer trade on no more paths, and trigger no more often, at a higher VIX trigger', () => {
    // Per path: VIX ≥ 30 on a day implies VIX ≥ 20 that day, and both runs see the same days.
    expect(high.layers[0].tradedShare).toBeLessThanOrEqual(low.layers[0].tradedShare ?? 0);
    expect(high.layers[0].triggersPerPath).toBeLessThanOrEqual(low.layers[0].triggersPerPath ?? 0);
    expect(low.layers[0].tradedShare).toBeGreaterThan(0);
  });

  it('reports the hedged mean, CVaR95 and the paired hedge cost', () => {
    const p = sweepPoint(low);
    expect(p.mean).toBe(low.hedged.mean);
    expect(p.cvar95).toBe(low.hedged.cvar95);
    expect(p.hedgeCost).toBeCloseTo(low.condorOnly.mean - low.hedged.mean, 6);
    expect(p.hedgeCostStdErr).toBe(low.difference.mean.stdErr);
    // The paired SE is smaller than the hedged book's own SE: the pairing removes market noise.
    expect(p.hedgeCostStdErr ?? Infinity).toBeLessThan(p.meanStdErr ?? 0);
  });
});
