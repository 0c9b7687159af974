/**
 * The fan charts of a run (simulate.ts): the grids (FAN_GRIDS) hold the 5–95 % quantiles of the
 * strategy presets in their most extreme markets, a value beyond a grid is reported per day as a
 * share of the paths (`outOfRangeShare`) instead of passing for a quantile, and `resolution` is the
 * widest bin that holds a reported quantile.
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/engine/config/defaults.ts';
import type { SimulationConfig } from '../../../src/engine/config/schema.ts';
import type { MarketPresetName } from '../../../src/engine/scenarios/market-presets.ts';
import {
  strategyPreset,
  type StrategyPresetName,
} from '../../../src/engine/scenarios/strategy-presets.ts';
import {
  buildPricingTables,
  FAN_GRIDS,
  simulate,
  simulatePathDetail,
  type FanChart,
  type SimulationResult,
} from '../../../src/engine/simulate.ts';

type FanKey = keyof SimulationResult['fanCharts'];

/** Each reported chart's grid in display units (monotone increasing transforms). */
function gridOf(result: SimulationResult, spot: number): Record<FanKey, [number, number]> {
  const g = FAN_GRIDS;
  const c = result.capital;
  return {
    spx: [spot * Math.exp(g.spxLogReturn.lo), spot * Math.exp(g.spxLogReturn.hi)],
    vix: [g.vix.lo, g.vix.hi],
    condorPnl: [g.condorPnlFraction.lo * c, g.condorPnlFraction.hi * c],
    hedgedPnl: [g.hedgedPnlFraction.lo * c, g.hedgedPnlFraction.hi * c],
  };
}

const quantile = (chart: FanChart, p: number, j: number) =>
  chart.quantiles[chart.probs.indexOf(p)][j] as number;

describe('fan charts: values beyond the grid', () => {
  // −50 % gaps on days 11, 12, … while the SPX stays well inside the grid (log return > lo + 0.2),
  // then one gap on the next day that lands the SPX exactly on the grid's lower edge lo: the paths
  // whose diffusion so far was negative end beyond it, about half of them. (With lo = −4: five
  // −50 % gaps to −3.47, then −41 % on day 16.)
  const { lo: edge } = FAN_GRIDS.spxLogReturn;
  const full = Math.floor((-edge - 0.2) / Math.LN2);
  const lastGapDay = 11 + full;
  const base = defaultConfig();
  const config: SimulationConfig = {
    ...base,
    paths: 100,
    horizonDays: lastGapDay + 8,
    seed: 5,
    shocks: [
      ...Array.from({ length: full }, (_, k) => ({ day: 11 + k, spxGap: -0.5, vixTo: null })),
      { day: lastGapDay, spxGap: Math.expm1(edge + full * Math.LN2), vixTo: null },
    ],
  };
  const result = simulate(config, { details: false });
  const spx = result.fanCharts.spx;
  const lo = config.market.spot * Math.exp(FAN_GRIDS.spxLogReturn.lo);

  it('reports, per day, exactly the share of paths whose SPX lay beyond the grid', () => {
    // Reference: each path re-run alone (bit-identical to the run), its log return per day.
    const tables = buildPricingTables(config.market);
    const beyond = spx.days.map(() => 0);
    for (let path = 0; path < config.paths; path++) {
      const s = simulatePathDetail(config, path, tables).series.spx;
      spx.days.forEach((d, j) => {
        const r = Math.log(s[d] / s[0]);
        if (r < FAN_GRIDS.spxLogReturn.lo || r > FAN_GRIDS.spxLogReturn.hi) beyond[j]++;
      });
    }
    expect(spx.outOfRangeShare).toEqual(beyond.map((n) => n / config.paths));
    // The case is not vacuous: 0 before the last gap, strictly between 0 and 1 on its day.
    expect(beyond.slice(0, lastGapDay).every((n) => n === 0)).toBe(true);
    expect(beyond[lastGapDay]).toBeGreaterThan(0);
    expect(beyond[lastGapDay]).toBeLessThan(config.paths);
  });

  it('draws a quantile whose rank falls among them at the grid edge', () => {
    const j = spx.days.indexOf(lastGapDay);
    const share = spx.outOfRangeShare![j];
    // The 5 % quantile is among the clipped paths when more than 5 % of them are beyond.
    expect(share).toBeGreaterThan(0.05);
    expect(quantile(spx, 0.05, j)).toBeCloseTo(lo, 6);
  });

  it('gives every chart a finite share in [0, 1] per day, 0 where nothing is clipped', () => {
    for (const chart of Object.values(result.fanCharts)) {
      expect(chart.outOfRangeShare).toHaveLength(chart.days.length);
      for (const share of chart.outOfRangeShare!) {
        expect(Number.isFinite(share)).toBe(true);
        expect(share).toBeGreaterThanOrEqual(0);
        expect(share).toBeLessThanOrEqual(1);
      }
    }
    // The VIX stays on its grid (0 … 150) on every day of this run.
    expect(result.fanCharts.vix.outOfRangeShare!.every((s) => s === 0)).toBe(true);
  });
});

describe('fan charts: grids and resolution', () => {
  // The pairs nearest an edge of the grids on day 252 among all 8 strategy × 5 market presets
  // (2,000 paths, measured with an unclipped observer): split-442-notional × crash-2008 at the top
  // (95 % quantiles: SPX log return +0.62, hedged P&L +2.26 × capital) and cndr-style × covid-2020
  // at the bottom (5 % quantiles: SPX −0.99, both books' P&L −0.96 × capital). The VIX stays far
  // from its edges (at most 46 on day 252). The margins are wide (SPX −4 … +2; P&L −2 … +4 ×
  // capital), so 300 paths suffice: a 5 % quantile's standard error is about
  // √(0.05·0.95/300)/φ(1.645) ≈ 0.12 of the spread's standard deviation.
  const pairs: [StrategyPresetName, MarketPresetName][] = [
    ['split-442-notional', 'crash-2008'],
    ['cndr-style', 'covid-2020'],
  ];

  it.each(pairs)(
    '%s × %s: the 5th and 95th percentiles of day 252 lie inside every grid',
    (name, market) => {
      const config = { ...strategyPreset(name, { market }), paths: 300, horizonDays: 252 };
      const result = simulate(config, { details: false });
      const grids = gridOf(result, config.market.spot);
      for (const key of Object.keys(grids) as FanKey[]) {
        const chart = result.fanCharts[key];
        const last = chart.days.length - 1;
        expect(chart.days[last]).toBe(252);
        const [lo, hi] = grids[key];
        // Strictly inside: a quantile among values beyond the grid would sit exactly on its edge.
        expect(quantile(chart, 0.05, last), key).toBeGreaterThan(lo);
        expect(quantile(chart, 0.95, last), key).toBeLessThan(hi);
        expect(chart.outOfRangeShare![last], key).toBeLessThan(0.05);
      }
    },
  );

  const config = { ...defaultConfig(), paths: 300, horizonDays: 60 };
  const { fanCharts, capital } = simulate(config, { details: false });

  it('resolves a P&L fan to 0.25 % of capital ($250 on $100,000)', () => {
    const g = FAN_GRIDS.condorPnlFraction;
    const bin = (g.hi - g.lo) / g.bins;
    expect(bin).toBeCloseTo(0.0025, 12);
    expect(fanCharts.condorPnl.resolution).toBeCloseTo(bin * capital, 6);
    expect(fanCharts.hedgedPnl.resolution).toBeCloseTo(bin * capital, 6);
  });

  it('states the SPX resolution as the widest bin holding a quantile (log grid: bins widen up)', () => {
    const { spx } = fanCharts;
    const g = FAN_GRIDS.spxLogReturn;
    const w = (g.hi - g.lo) / g.bins;
    // The bin [a, a + w] (log return) holding quantile x spans x·(1 − e^−w) … x·(e^w − 1) points.
    const top = Math.max(...spx.quantiles.flat().filter((x): x is number => x !== null));
    expect(spx.resolution).toBeGreaterThanOrEqual(top * -Math.expm1(-w) * (1 - 1e-12));
    expect(spx.resolution).toBeLessThanOrEqual(top * Math.expm1(w) * (1 + 1e-12));
  });
});
