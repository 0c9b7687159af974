/**
 * Specification tests of the strategy runner (src/engine/strategy/run-strategy.ts) and of the
 * simulation entry points that drive it (src/engine/simulate.ts): the accounting identity of every
 * book on every path, events as a complete cash ledger, bit-for-bit determinism across shards and
 * for a re-simulated path, and the pricing sanity check P = Q ⇒ no edge (with the variance risk
 * premium of the default market as the counter-case).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SimulationConfig } from '../../../../src/engine/config/schema.ts';
import type { MarketParams } from '../../../../src/engine/model/market-params.ts';
import {
  CHUNK_PATHS,
  planShards,
  simulatePathDetail,
  simulateShard,
} from '../../../../src/engine/simulate.ts';
import {
  concatPathOutcomes,
  type PathOutcomes,
} from '../../../../src/engine/stats/path-outcomes.ts';
import type { CondorBook } from '../../../../src/engine/strategy/condor-cycle.ts';
import type { HedgeLayer } from '../../../../src/engine/strategy/hedge-layer.ts';
import {
  buildStrategyTables,
  type StrategyTables,
} from '../../../../src/engine/strategy/strategy-tables.ts';
import {
  HISTORICAL,
  NO_COSTS,
  historicalTables,
  layerConfig,
  runSimulated,
  strategyConfig,
} from '../../../fixtures/strategy-fixtures.ts';

let tables: StrategyTables;
beforeAll(() => {
  tables = historicalTables();
});

/**
 * A config that exercises every rule: all five instruments, both sides, rolls, take-profits,
 * cooldowns, roll-forward, indicator triggers. Capital $1M so that a VIX future (≈ $9,000 of risk)
 * fits in 2.5 %.
 */
function busyConfig(overrides: Partial<SimulationConfig> = {}): SimulationConfig {
  return {
    ...strategyConfig({
      capital: 1_000_000,
      horizonDays: 126,
      seed: 17,
      layers: [
        layerConfig({
          name: 'short-vol',
          side: 'short',
          dte: 35,
          strikeValue: 0.5,
          sizePctOfCapital: 0.02,
          trigger: { combine: 'all', conditions: [{ kind: 'vix-below', value: 20 }] },
          roll: { atDte: 7, nextLayerOnMacdBearish: true },
          takeProfit: { vixAtLeast: 25, valueMultiple: 4 },
          cooldownDays: 5,
        }),
        layerConfig({
          name: 'calls',
          dte: 45,
          strikeValue: 0.3,
          sizePctOfCapital: 0.02,
          trigger: {
            combine: 'any',
            conditions: [{ kind: 'vix-at-least', value: 18 }, { kind: 'backwardation' }],
          },
          roll: { atDte: 14, nextLayerOnMacdBearish: true },
          takeProfit: { vixAtLeast: 35, valueMultiple: 2 },
          cooldownDays: 3,
        }),
        layerConfig({
          name: 'spread',
          instrument: 'vix-call-spread',
          dte: 90,
          strikeRule: 'delta',
          strikeValue: 0.3,
          spreadWidth: 5,
          trigger: { combine: 'all', conditions: [{ kind: 'rsi-below', value: 45 }] },
          roll: { atDte: 30, nextLayerOnMacdBearish: false },
        }),
        layerConfig({
          name: 'future',
          instrument: 'vix-future',
          dte: 60,
          sizePctOfCapital: 0.025,
          trigger: { combine: 'all', conditions: [{ kind: 'drawdown-at-least', value: 0.03 }] },
          takeProfit: { vixAtLeast: 30, valueMultiple: null },
        }),
        layerConfig({
          name: 'short-put',
          instrument: 'vix-put',
          side: 'short',
          dte: 30,
          strikeValue: 0.05,
          sizePctOfCapital: 0.01,
          trigger: { combine: 'all', conditions: [{ kind: 'contango-at-least', value: 0.02 }] },
        }),
        layerConfig({
          name: 'spx-puts',
          instrument: 'spx-put',
          dte: 90,
          strikeRule: 'delta',
          strikeValue: 0.2,
          sizePctOfCapital: 0.01,
          roll: { atDte: 30, nextLayerOnMacdBearish: false },
          takeProfit: { vixAtLeast: null, valueMultiple: 3 },
        }),
      ],
    }),
    ...overrides,
  };
}

/** |a − b| within `rel` of the scale of the terms (dollars), at least of one dollar. */
function expectClose(a: number, b: number, scale: number, rel = 1e-6) {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(1, scale));
}

describe('accounting identity on every path (300 simulated paths × 126 days, costs on)', () => {
  let run: {
    result: ReturnType<typeof runSimulated>['result'];
    condor: CondorBook;
    layers: HedgeLayer[];
  };
  beforeAll(() => {
    run = runSimulated({ config: busyConfig(), tables, pathCount: 300, record: true });
  });

  it('exercises every rule somewhere (the identity is not checked on idle books)', () => {
    const o = run.result.outcomes;
    const sum = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0);
    expect(sum(o.condorTrades)).toBeGreaterThan(300);
    for (const layer of o.layers) expect(sum(layer.triggers) + sum(layer.rolls)).toBeGreaterThan(0);
    expect(sum(o.layers.flatMap((l) => Array.from(l.rolls)))).toBeGreaterThan(0);
    expect(sum(o.layers.flatMap((l) => Array.from(l.takeProfits)))).toBeGreaterThan(0);
  });

  it('condor: cash + value = realised + unrealised − costs (1e-6 relative)', () => {
    const c = run.condor;
    for (let i = 0; i < c.pathCount; i++) {
      const scale =
        Math.abs(c.cash[i]) + Math.abs(c.value[i]) + Math.abs(c.realised[i]) + c.costs[i];
      expectClose(c.cash[i] + c.value[i], c.realised[i] + c.unrealised(i) - c.costs[i], scale);
    }
  });

  it('each layer: cash + value = realised + unrealised − costs (1e-6 relative)', () => {
    for (const layer of run.layers) {
      for (let i = 0; i < layer.pathCount; i++) {
        const scale =
          Math.abs(layer.cash[i]) +
          Math.abs(layer.value[i]) +
          Math.abs(layer.realised[i]) +
          layer.costs[i];
        expectClose(
          layer.cash[i] + layer.value[i],
          layer.realised[i] + layer.unrealised(i) - layer.costs[i],
          scale,
        );
      }
    }
  });

  it('outcomes: condor pnl = its cash + value; hedged pnl = condor pnl + Σ layer pnl (1e-6 relative)', () => {
    const o = run.result.outcomes;
    for (let i = 0; i < o.pathCount; i++) {
      expectClose(
        o.condorOnly.pnl[i],
        run.condor.cash[i] + run.condor.value[i],
        Math.abs(o.condorOnly.pnl[i]),
      );
      let sum = o.condorOnly.pnl[i];
      let scale = Math.abs(sum);
      o.layers.forEach((layer, k) => {
        expectClose(
          layer.pnl[i],
          run.layers[k].cash[i] + run.layers[k].value[i],
          Math.abs(layer.pnl[i]),
        );
        sum += layer.pnl[i];
        scale += Math.abs(layer.pnl[i]);
      });
      expectClose(o.hedged.pnl[i], sum, scale);
    }
  });

  it("path 0's events are a complete cash ledger: Σ cashFlow = each book's cash, Σ costs = its costs", () => {
    const events = run.result.events ?? [];
    const books: [string, { cash: Float64Array; costs: Float64Array }][] = [
      ['condor', run.condor],
      ...run.layers.map((l) => [l.config.name, l] as [string, HedgeLayer]),
    ];
    for (const [name, book] of books) {
      const own = events.filter((e) => e.layer === name);
      const cash = own.reduce((s, e) => s + e.cashFlow, 0);
      const costs = own.reduce((s, e) => s + e.costs, 0);
      expectClose(
        cash,
        book.cash[0],
        own.reduce((s, e) => s + Math.abs(e.cashFlow), 0),
        1e-9,
      );
      expectClose(costs, book.costs[0], costs, 1e-9);
    }
  });

  it("every closing event's trade P&L: Σ pnl over closes = realised − costs of the closed trades", () => {
    const events = run.result.events ?? [];
    for (const layer of run.layers) {
      const own = events.filter((e) => e.layer === layer.config.name);
      const closedPnl = own.filter((e) => e.pnl !== null).reduce((s, e) => s + (e.pnl ?? 0), 0);
      // Open position at the end: its entry costs are in `costs` but not in any closed trade.
      const openEntryCosts = layer.open[0] ? layer.entryCosts[0] : 0;
      const scale = own.reduce((s, e) => s + Math.abs(e.cashFlow) + e.costs, 0);
      expectClose(closedPnl, layer.realised[0] - (layer.costs[0] - openEntryCosts), scale, 1e-9);
    }
  });
});

/** Every per-path array of the outcomes, by name, for bit-for-bit comparison. */
function outcomeArrays(o: PathOutcomes): [string, ArrayBufferView][] {
  const arrays: [string, ArrayBufferView][] = [];
  for (const book of ['condorOnly', 'hedged'] as const) {
    for (const [key, a] of Object.entries(o[book]))
      arrays.push([`${book}.${key}`, a as ArrayBufferView]);
  }
  o.layers.forEach((layer) => {
    for (const [key, a] of Object.entries(layer))
      if (key !== 'name') arrays.push([`${layer.name}.${key}`, a as ArrayBufferView]);
  });
  for (const key of [
    'spxLogReturn',
    'spxDailySum',
    'spxDailySumSq',
    'spxMaxDrawdown',
    'maxVix',
    'breached',
    'condorTrades',
  ] as const) {
    arrays.push([key, o[key]]);
  }
  return arrays;
}

const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

describe('determinism', () => {
  const n = 2 * CHUNK_PATHS + 100;
  const config = () =>
    busyConfig({
      paths: n,
      horizonDays: 30,
      layers: busyConfig().layers.slice(0, 3),
      capital: 1_000_000,
    });
  let whole: PathOutcomes;
  beforeAll(() => {
    const shard = simulateShard(config(), { firstPath: 0, pathCount: n }, tables);
    whole = concatPathOutcomes(shard.chunks.map((c) => c.outcomes));
  });

  it(`simulateShard over [0, ${2 * CHUNK_PATHS + 100}) equals the concatenated shards of planShards(n, 3), bit for bit`, () => {
    const ranges = planShards(n, 3);
    expect(ranges.length).toBe(3);
    const parts = ranges.flatMap((r) =>
      simulateShard(config(), r, tables).chunks.map((c) => c.outcomes),
    );
    const sharded = concatPathOutcomes(parts);
    expect(sharded.pathCount).toBe(n);
    const a = outcomeArrays(whole);
    const b = outcomeArrays(sharded);
    expect(b.map(([name]) => name)).toEqual(a.map(([name]) => name));
    a.forEach(([name, array], j) => {
      expect({ name, same: Buffer.compare(bytes(array), bytes(b[j][1])) === 0 }).toEqual({
        name,
        same: true,
      });
    });
  });

  it.each([0, 1, CHUNK_PATHS - 1, CHUNK_PATHS, n - 1])(
    'simulatePathDetail(config, %i) reproduces that path: final P&L of condor, hedged book and each layer, trades',
    (path) => {
      const detail = simulatePathDetail(config(), path, tables);
      const last = config().horizonDays;
      const i = path;
      // The series stores P&L through a fraction of capital (c / capital · capital): exact to an ulp.
      const ulp = (x: number) => 4 * Number.EPSILON * Math.max(1, Math.abs(x));
      expect(Math.abs(detail.series.condorPnl[last] - whole.condorOnly.pnl[i])).toBeLessThanOrEqual(
        ulp(whole.condorOnly.pnl[i]),
      );
      expect(Math.abs(detail.series.hedgedPnl[last] - whole.hedged.pnl[i])).toBeLessThanOrEqual(
        ulp(whole.hedged.pnl[i]),
      );
      whole.layers.forEach((layer, k) =>
        expect(detail.series.layerPnl[k][last]).toBe(layer.pnl[i]),
      );
      const entries = detail.events.filter(
        (e) => e.layer === 'condor' && e.kind === 'entry',
      ).length;
      expect(entries).toBe(whole.condorTrades[i]);
      // The outcome is ln S_T − ln S_0 of the model's log state; the series keeps S = e^{ln S}, so
      // the log of their ratio agrees to a few rounding errors (|ln S| < 10: ~1e-15 absolute).
      expect(
        Math.abs(Math.log(detail.series.spx[last] / detail.series.spx[0]) - whole.spxLogReturn[i]),
      ).toBeLessThan(1e-13);
    },
  );
});

describe('P = Q: no edge without risk premia; the variance risk premium with them', () => {
  const PATHS = 3000;
  const DAYS = 126;

  /** Mean and standard error (sd/√n) of a sample. */
  function meanAndSe(xs: ArrayLike<number>) {
    const n = xs.length;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += xs[i];
    const mean = sum / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (xs[i] - mean) ** 2;
    return { mean, se: Math.sqrt(ss / (n - 1) / n) };
  }

  /** The always-on hedge: 1 % of capital in 45-DTE VIX calls 20 % OTM, rolled at 14 DTE. */
  const hedge = layerConfig({
    name: 'calls',
    dte: 45,
    strikeValue: 0.2,
    roll: { atDte: 14, nextLayerOnMacdBearish: false },
  });

  it('with κ_Q = κ_P, θ_Q = θ_P, r = q = ERP = η = 0 and no costs, condor and hedged mean P&L are 0 within 3 SE', () => {
    const pq: MarketParams = {
      ...HISTORICAL,
      kappaQ: HISTORICAL.kappaP,
      thetaQ: HISTORICAL.thetaP,
      rate: 0,
      dividendYield: 0,
      equityRiskPremium: 0,
      equityRiskPremiumPerVariance: 0,
    };
    const config = strategyConfig({
      market: pq,
      costs: NO_COSTS,
      horizonDays: DAYS,
      layers: [hedge],
      seed: 5,
    });
    const { result } = runSimulated({ config, tables: buildStrategyTables(pq), pathCount: PATHS });
    const condor = meanAndSe(result.outcomes.condorOnly.pnl);
    const hedged = meanAndSe(result.outcomes.hedged.pnl);
    const layer = meanAndSe(result.outcomes.layers[0].pnl);
    expect(Math.abs(condor.mean)).toBeLessThanOrEqual(3 * condor.se);
    expect(Math.abs(hedged.mean)).toBeLessThanOrEqual(3 * hedged.se);
    expect(Math.abs(layer.mean)).toBeLessThanOrEqual(3 * layer.se);
  });

  it('with the default P ≠ Q market and no costs, the condor earns the variance risk premium: mean > 3 SE', () => {
    const config = strategyConfig({ costs: NO_COSTS, horizonDays: DAYS, seed: 5 });
    const { result } = runSimulated({ config, tables, pathCount: PATHS });
    const condor = meanAndSe(result.outcomes.condorOnly.pnl);
    expect(condor.mean).toBeGreaterThan(3 * condor.se);
  });
});
