/**
 * Sweep chart geometry (src/lib/charts/sweep.ts) on hand-made points: markers land on the value,
 * error bars span ± 1.96 SE, the y axis includes $0 and every bar, null figures leave gaps, and
 * the readout and table print the same numbers.
 */
import { describe, expect, it } from 'vitest';
import type { SweepPoint } from '../../../../src/engine/index.ts';
import {
  displayValue,
  engineValue,
  formatSweepValue,
  sweepChartModel,
  sweepIndexAt,
  sweepReadout,
  sweepTable,
  Z95,
} from '../../../../src/lib/charts/sweep.ts';
import { pixelOf, PX_TOLERANCE } from './ticks.ts';

const point = (mean: number | null, cvar95: number, hedgeCost: number): SweepPoint => ({
  mean,
  meanStdErr: 100,
  cvar95,
  cvar95StdErr: 500,
  hedgeCost,
  hedgeCostStdErr: 50,
});

const points = [
  { value: 20, point: point(-500, 20_000, 900) },
  { value: 25, point: point(null, 21_000, 600) },
  { value: 30, point: point(300, 23_000, 200) },
];

describe('sweepChartModel', () => {
  const model = sweepChartModel({ points, unit: 'VIX points', width: 640, chosen: 2 });
  const all = model.panels.flatMap((p) => p.series);
  const series = (key: string) => all.find((s) => s.key === key)!;
  const [risk, ret] = model.panels;

  it('puts each marker at its value on the y axis and ± 1.96 SE at the bar ends', () => {
    const cvar = series('cvar95').marks[2];
    expect(Math.abs(cvar.y - pixelOf(23_000, risk.yTicks))).toBeLessThan(PX_TOLERANCE);
    expect(Math.abs((cvar.hi ?? 0) - pixelOf(23_000 + Z95 * 500, risk.yTicks))).toBeLessThan(
      PX_TOLERANCE,
    );
    expect(Math.abs((cvar.lo ?? 0) - pixelOf(23_000 - Z95 * 500, risk.yTicks))).toBeLessThan(
      PX_TOLERANCE,
    );
    const mean = series('mean').marks[0];
    expect(Math.abs(mean.y - pixelOf(-500, ret.yTicks))).toBeLessThan(PX_TOLERANCE);
  });

  it('gives CVaR95 its own panel above the mean and the cost, which share one with $0', () => {
    expect(risk.series.map((s) => s.key)).toEqual(['cvar95']);
    expect(ret.series.map((s) => s.key)).toEqual(['mean', 'hedgeCost']);
    expect(risk.top + risk.innerHeight).toBeLessThan(ret.top);
    const riskTicks = risk.yTicks.map((t) => t.value);
    expect(Math.min(...riskTicks)).toBeLessThanOrEqual(20_000 - Z95 * 500);
    expect(Math.max(...riskTicks)).toBeGreaterThanOrEqual(23_000 + Z95 * 500);
    const retTicks = ret.yTicks.map((t) => t.value);
    expect(Math.min(...retTicks)).toBeLessThanOrEqual(-500 - Z95 * 100);
    expect(Math.max(...retTicks)).toBeGreaterThanOrEqual(900 + Z95 * 50);
    expect(Math.abs((ret.zeroY ?? 0) - pixelOf(0, ret.yTicks))).toBeLessThan(PX_TOLERANCE);
  });

  it('orders the markers along x by value and marks the chosen point', () => {
    expect(model.pointX[0]).toBeLessThan(model.pointX[1]);
    expect(model.pointX[1]).toBeLessThan(model.pointX[2]);
    expect(model.chosenX).toBe(model.pointX[2]);
  });

  it('leaves a missing figure out of its series (no NaN in the paths)', () => {
    expect(series('mean').marks.map((m) => m.index)).toEqual([0, 2]);
    for (const s of all) expect(s.path).not.toMatch(/NaN/);
  });

  it('finds the nearest grid point to a pointer position, also on a descending grid', () => {
    expect(sweepIndexAt(model, model.pointX[1] + 3)).toBe(1);
    const down = sweepChartModel({ points: [...points].reverse(), unit: 'VIX points', width: 640 });
    expect(sweepIndexAt(down, down.pointX[0])).toBe(0);
  });
});

describe('units', () => {
  it.each([
    { value: 25, unit: 'VIX points' as const, text: '25 VIX points' },
    { value: 0.025, unit: 'fraction' as const, text: '2.5 %' },
    { value: 0.16, unit: 'delta' as const, text: '16Δ' },
    { value: 3, unit: 'multiple' as const, text: '3×' },
    { value: 14, unit: 'calendar days' as const, text: '14 days' },
    { value: 30, unit: 'RSI' as const, text: 'RSI 30' },
    { value: Number.NaN, unit: 'RSI' as const, text: '—' },
  ])('$value in $unit reads "$text"', ({ value, unit, text }) => {
    expect(formatSweepValue(value, unit)).toBe(text);
  });

  it('converts display units back to engine units exactly', () => {
    expect(engineValue(displayValue(0.07, 'fraction'), 'fraction')).toBe(0.07);
    expect(engineValue(16, 'delta')).toBe(0.16);
    expect(engineValue(25, 'VIX points')).toBe(25);
  });
});

describe('readout and table', () => {
  it('reads a point with its 95 % intervals', () => {
    expect(sweepReadout({ points, index: 2, unit: 'VIX points', name: 'VIX ≥ threshold' })).toBe(
      'VIX ≥ threshold = 30 VIX points: mean P&L $300 (95 %: $104 to $496); ' +
        'CVaR95 $23,000 (95 %: $22,020 to $23,980); hedge cost $200 (95 %: $102 to $298)',
    );
  });

  it('tabulates one row per point with ± 1.96 SE', () => {
    const table = sweepTable({ points, unit: 'VIX points', name: 'VIX ≥ threshold', paths: 2000 });
    expect(table.rows[1]).toEqual([
      '25 VIX points',
      '—',
      '± $196',
      '$21,000',
      '± $980',
      '$600',
      '± $98',
    ]);
    expect(table.caption).toContain('2,000 paths per value on the same seed');
  });
});
