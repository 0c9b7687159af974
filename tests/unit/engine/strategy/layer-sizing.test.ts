/**
 * Specification tests of hedge-layer sizing (src/engine/strategy/layer-sizing.ts) and of the
 * per-layer cap (DESIGN §3: each layer capped at 2–3 % of capital, default 2.5 %): the risk per
 * contract of every instrument and side by hand, the contract count, and a property test on
 * simulated runs that no layer ever risks more than the cap at entry unless allowOverCap.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HedgeLayerConfig, SimulationConfig } from '../../../../src/engine/config/schema.ts';
import { validateConfig } from '../../../../src/engine/config/validate.ts';
import { tradingDaysForDte } from '../../../../src/engine/instruments/contracts.ts';
import type {
  LayerInstrument,
  PositionSide,
} from '../../../../src/engine/instruments/vix-positions.ts';
import {
  layerContracts,
  layerRiskPerContract,
  type LayerContractsInput,
} from '../../../../src/engine/strategy/layer-sizing.ts';
import type { StrategyTables } from '../../../../src/engine/strategy/strategy-tables.ts';
import {
  NO_COSTS,
  eventsOf,
  handSeries,
  historicalTables,
  historicalVariance,
  layerConfig,
  runOnSeries,
  runSimulated,
  strategyConfig,
} from '../../../fixtures/strategy-fixtures.ts';

/** Relative tolerance of hand-computed dollar figures: a few ulps of the arithmetic. */
const REL = 1e-12;

describe('layerRiskPerContract: dollars at risk per contract, by hand', () => {
  const cases: {
    name: string;
    instrument: LayerInstrument;
    side: PositionSide;
    strike?: number;
    upperStrike?: number;
    mid: number;
    slippage: number;
    commission: number;
    future?: number;
    multiplier: number;
    expected: number;
  }[] = [
    // Long options: the premium paid, (p + s)·M + c.
    {
      name: 'long VIX call: (2 + 0.05)·100 + 1.1',
      instrument: 'vix-call',
      side: 'long',
      mid: 2,
      slippage: 0.05,
      commission: 1.1,
      multiplier: 100,
      expected: 206.1,
    },
    {
      name: 'long VIX put: (1 + 0.05)·100 + 0',
      instrument: 'vix-put',
      side: 'long',
      mid: 1,
      slippage: 0.05,
      commission: 0,
      multiplier: 100,
      expected: 105,
    },
    {
      name: 'long VIX call spread: (1.5 + 0.1)·100 + 2.2',
      instrument: 'vix-call-spread',
      side: 'long',
      strike: 20,
      upperStrike: 25,
      mid: 1.5,
      slippage: 0.1,
      commission: 2.2,
      multiplier: 100,
      expected: 162.2,
    },
    {
      name: 'long SPX put: (30 + 0.6)·100 + 1.1',
      instrument: 'spx-put',
      side: 'long',
      strike: 6000,
      mid: 30,
      slippage: 0.6,
      commission: 1.1,
      multiplier: 100,
      expected: 3061.1,
    },
    // Short defined-risk positions: what is lost at the worst expiry, net of the credit (p − s).
    {
      name: 'short VIX call spread: (25 − 20 − (1.5 − 0.1))·100 + 2.2',
      instrument: 'vix-call-spread',
      side: 'short',
      strike: 20,
      upperStrike: 25,
      mid: 1.5,
      slippage: 0.1,
      commission: 2.2,
      multiplier: 100,
      expected: 362.2,
    },
    {
      name: 'short VIX put: (15 − (0.8 − 0.05))·100 + 1.1',
      instrument: 'vix-put',
      side: 'short',
      strike: 15,
      mid: 0.8,
      slippage: 0.05,
      commission: 1.1,
      multiplier: 100,
      expected: 1426.1,
    },
    {
      name: 'short SPX put: (6000 − (20 − 0.4))·100 + 1.1',
      instrument: 'spx-put',
      side: 'short',
      strike: 6000,
      mid: 20,
      slippage: 0.4,
      commission: 1.1,
      multiplier: 100,
      expected: 598_041.1,
    },
    // Short VIX call: the loss at a stressed future max(2F, K + F), (max(2F, K + F) − K − credit)·M + c.
    {
      name: 'short VIX call: (max(40, 48) − 28 − (0.5 − 0.05))·100 + 1.1',
      instrument: 'vix-call',
      side: 'short',
      strike: 28,
      future: 20,
      mid: 0.5,
      slippage: 0.05,
      commission: 1.1,
      multiplier: 100,
      expected: 1956.1,
    },
    // Futures: the loss if the future halved (long) or doubled (short), plus costs.
    {
      name: 'long VIX future: (20/2 + 0.05)·1000 + 1.1',
      instrument: 'vix-future',
      side: 'long',
      mid: 20,
      future: 20,
      slippage: 0.05,
      commission: 1.1,
      multiplier: 1000,
      expected: 10_051.1,
    },
    {
      name: 'short VIX future: (20 + 0.05)·1000 + 1.1',
      instrument: 'vix-future',
      side: 'short',
      mid: 20,
      future: 20,
      slippage: 0.05,
      commission: 1.1,
      multiplier: 1000,
      expected: 20_051.1,
    },
    // Floors: a position never counts as risk-free.
    {
      name: 'short VIX call beyond twice the future: stressed to K + F, (65 − 45 − 0.45)·100 + 1.1',
      instrument: 'vix-call',
      side: 'short',
      strike: 45,
      future: 20,
      mid: 0.5,
      slippage: 0.05,
      commission: 1.1,
      multiplier: 100,
      expected: 1956.1,
    },
    {
      name: 'short call spread with credit ≥ width and no commission: floored at 1e-9',
      instrument: 'vix-call-spread',
      side: 'short',
      strike: 20,
      upperStrike: 21,
      mid: 1.2,
      slippage: 0,
      commission: 0,
      multiplier: 100,
      expected: 1e-9,
    },
  ];

  it.each(cases)('$name', (c) => {
    const risk = layerRiskPerContract({
      instrument: c.instrument,
      side: c.side,
      strike: c.strike ?? 20,
      upperStrike: c.upperStrike ?? c.strike ?? 20,
      mid: c.mid,
      slippage: c.slippage,
      commission: c.commission,
      matchingFuture: c.future ?? 20,
      multiplier: c.multiplier,
    });
    expect(Math.abs(risk - c.expected)).toBeLessThanOrEqual(REL * c.expected);
  });
});

describe('layerContracts', () => {
  const base: LayerContractsInput = {
    sizing: 'pct-of-capital',
    sizePctOfCapital: 0.02,
    contracts: 1,
    allowOverCap: false,
    capital: 100_000,
    capPctOfCapital: 0.025,
    riskPerContract: 206.1,
  };
  const cases: { name: string; input: Partial<LayerContractsInput>; expected: number }[] = [
    { name: "'pct-of-capital': ⌊0.02·100,000 / 206.1⌋ = ⌊9.70⌋ = 9", input: {}, expected: 9 },
    {
      name: "'pct-of-capital' on an exact ratio: 2,000 / 200 = 10",
      input: { riskPerContract: 200 },
      expected: 10,
    },
    {
      name: "'pct-of-capital' ignores the contracts field",
      input: { contracts: 500 },
      expected: 9,
    },
    {
      name: "'contracts' below the cap: 5 (cap allows ⌊2,500 / 206.1⌋ = 12)",
      input: { sizing: 'contracts', contracts: 5 },
      expected: 5,
    },
    {
      name: "'contracts' above the cap: 100 cut to 12",
      input: { sizing: 'contracts', contracts: 100 },
      expected: 12,
    },
    {
      name: "'contracts' with allowOverCap: 100, not cut",
      input: { sizing: 'contracts', contracts: 100, allowOverCap: true },
      expected: 100,
    },
    { name: 'a risk that is not > 0 buys nothing', input: { riskPerContract: 0 }, expected: 0 },
    { name: 'a NaN risk buys nothing', input: { riskPerContract: Number.NaN }, expected: 0 },
    { name: 'size 0 buys nothing', input: { sizePctOfCapital: 0 }, expected: 0 },
  ];

  it.each(cases)('$name', ({ input, expected }) => {
    expect(layerContracts({ ...base, ...input })).toBe(expected);
  });

  it('buys the most contracts within the budget (property: n·risk ≤ budget < (n + 1)·risk)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.025, noNaN: true }),
        fc.double({ min: 1000, max: 1e8, noNaN: true }),
        fc.double({ min: 0.01, max: 1e6, noNaN: true }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.boolean(),
        (pct, capital, risk, count, byCount) => {
          const input: LayerContractsInput = {
            ...base,
            sizing: byCount ? 'contracts' : 'pct-of-capital',
            sizePctOfCapital: pct,
            contracts: count,
            capital,
            riskPerContract: risk,
          };
          const n = layerContracts(input);
          const budget = (byCount ? base.capPctOfCapital : pct) * capital;
          expect(Number.isInteger(n) && n >= 0).toBe(true);
          // The 1e-9 slack is contractsForRisk's: a ratio a hair below a whole number rounds up.
          expect(n * risk).toBeLessThanOrEqual(budget * (1 + 1e-9));
          if (!byCount || n < count) expect((n + 1) * risk).toBeGreaterThan(budget);
          if (byCount) expect(n).toBeLessThanOrEqual(count);
        },
      ),
      { numRuns: 300, seed: 3 },
    );
  });

  it("a 'pct-of-capital' size above the cap is a validation error unless allowOverCap", () => {
    const over = (allowOverCap: boolean) =>
      validateConfig(
        strategyConfig({ layers: [layerConfig({ sizePctOfCapital: 0.03, allowOverCap })] }),
      );
    const refused = over(false);
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.errors.map((e) => e.path)).toContain('layers[0].sizePctOfCapital');
    expect(over(true).ok).toBe(true);
  });
});

let tables: StrategyTables;
beforeAll(() => {
  tables = historicalTables();
});

describe('the per-layer cap on simulated runs (maxRiskAtEntry via inspect)', () => {
  const CAPITAL = 100_000;
  const CAP = 0.025;

  /** Small random layers within the schema: every instrument and side, both sizings, no over-cap. */
  const randomLayer: fc.Arbitrary<HedgeLayerConfig> = fc
    .record({
      instrument: fc.constantFrom<LayerInstrument>(
        'vix-call',
        'vix-put',
        'vix-call-spread',
        'vix-future',
        'spx-put',
      ),
      side: fc.constantFrom<PositionSide>('long', 'short'),
      dte: fc.integer({ min: 5, max: 200 }),
      byDelta: fc.boolean(),
      otm: fc.double({ min: -0.1, max: 0.4, noNaN: true }),
      delta: fc.double({ min: 0.1, max: 0.5, noNaN: true }),
      spreadWidth: fc.double({ min: 1, max: 10, noNaN: true }),
      byCount: fc.boolean(),
      sizePct: fc.double({ min: 0.001, max: CAP, noNaN: true }),
      contracts: fc.integer({ min: 1, max: 10_000 }),
      rollAtDte: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
      vixAtLeast: fc.option(fc.double({ min: 18, max: 40, noNaN: true }), { nil: null }),
      cooldownDays: fc.integer({ min: 0, max: 5 }),
      triggerVix: fc.option(fc.double({ min: 12, max: 25, noNaN: true }), { nil: null }),
    })
    .map((r) =>
      layerConfig({
        name: 'random',
        instrument: r.instrument,
        side: r.side,
        dte: r.dte,
        strikeRule: r.byDelta ? 'delta' : 'percent-otm',
        strikeValue: r.byDelta ? r.delta : r.otm,
        spreadWidth: r.spreadWidth,
        sizing: r.byCount ? 'contracts' : 'pct-of-capital',
        sizePctOfCapital: r.sizePct,
        contracts: r.contracts,
        roll: { atDte: r.rollAtDte, nextLayerOnMacdBearish: false },
        takeProfit: { vixAtLeast: r.vixAtLeast, valueMultiple: null },
        cooldownDays: r.cooldownDays,
        trigger:
          r.triggerVix === null
            ? { combine: 'all', conditions: [{ kind: 'always' }] }
            : { combine: 'all', conditions: [{ kind: 'vix-at-least', value: r.triggerVix }] },
      }),
    );

  it('no layer risks more than 2.5 % of capital at entry on any path (50 random configs)', () => {
    let openings = 0;
    fc.assert(
      fc.property(randomLayer, fc.integer({ min: 1, max: 1000 }), (layer, seed) => {
        const config = strategyConfig({
          layers: [layer],
          horizonDays: 30,
          seed,
          capital: CAPITAL,
          layerCapPctOfCapital: CAP,
        });
        const { layers, result } = runSimulated({ config, tables, pathCount: 24, record: true });
        const book = layers[0];
        for (let i = 0; i < book.pathCount; i++) {
          expect(book.maxRiskAtEntry[i]).toBeLessThanOrEqual(CAP * CAPITAL * (1 + 1e-9));
        }
        // Independently of maxRiskAtEntry: a long option's risk is the cash paid at entry.
        const opened = eventsOf(result.events ?? [], 'random', ['trigger', 'roll']);
        openings += opened.length;
        if (layer.side === 'long' && layer.instrument !== 'vix-future') {
          for (const e of opened)
            expect(-e.cashFlow).toBeLessThanOrEqual(CAP * CAPITAL * (1 + 1e-9));
        }
      }),
      { numRuns: 50, seed: 42 },
    );
    // The property is not vacuous: positions were opened.
    expect(openings).toBeGreaterThan(50);
  });

  it("'contracts' sizing with 10,000 contracts is cut to the cap: n = ⌊2,500 / risk per contract⌋", () => {
    const config = strategyConfig({
      layers: [layerConfig({ name: 'big', sizing: 'contracts', contracts: 10_000 })],
      horizonDays: 30,
    });
    const { result, layers } = runSimulated({ config, tables, pathCount: 16, record: true });
    const opened = eventsOf(result.events ?? [], 'big', ['trigger']);
    expect(opened.length).toBeGreaterThan(0);
    for (const e of opened) {
      // Long VIX call: risk per contract = cash paid per contract (premium + slippage + commission).
      const perContract = -e.cashFlow / e.contracts;
      expect(e.contracts).toBeLessThan(10_000);
      expect(e.contracts * perContract).toBeLessThanOrEqual(CAP * CAPITAL * (1 + 1e-9));
      expect((e.contracts + 1) * perContract).toBeGreaterThan(CAP * CAPITAL);
    }
    for (let i = 0; i < 16; i++)
      expect(layers[0].maxRiskAtEntry[i]).toBeLessThanOrEqual(CAP * CAPITAL);
  });

  it('allowOverCap keeps the 10,000 contracts: risk at entry far above the cap', () => {
    const config = strategyConfig({
      layers: [
        layerConfig({ name: 'big', sizing: 'contracts', contracts: 10_000, allowOverCap: true }),
      ],
      horizonDays: 30,
    });
    const { result, layers } = runSimulated({ config, tables, pathCount: 16, record: true });
    const opened = eventsOf(result.events ?? [], 'big', ['trigger']);
    expect(opened.length).toBeGreaterThan(0);
    for (const e of opened) expect(e.contracts).toBe(10_000);
    for (let i = 0; i < 16; i++)
      expect(layers[0].maxRiskAtEntry[i]).toBeGreaterThan(10 * CAP * CAPITAL);
  });
});

describe('a short VIX call struck beyond twice its future (the doubling stress cannot reach it)', () => {
  /** Short 30-DTE VIX calls 100 % out of the money of their future, 2.5 % of $100,000. */
  const naked = layerConfig({
    name: 'naked',
    side: 'short',
    dte: 30,
    strikeValue: 1,
    sizePctOfCapital: 0.025,
  });
  /** VIX 18 for five days, then a spike to 40 and 60 (March 2020 went from 14 to 82). */
  const spike = [18, 18, 18, 18, 18, 40, 60];
  const run = (costs: SimulationConfig['costs']) =>
    runOnSeries({
      config: strategyConfig({ layers: [naked], costs }),
      tables,
      series: handSeries(6800, spike),
    });

  it('precondition: its strike is at least twice the matching 21-day future', () => {
    const [open] = eventsOf(run(NO_COSTS).events, 'naked');
    const future = tables.marks.vixFuture(historicalVariance(18), tradingDaysForDte(30));
    expect(open.strikes[0]).toBeGreaterThanOrEqual(2 * future);
  });

  // Regression: the doubling stress alone (max(2F − K, 0)) counted a call struck beyond 2F as
  // riskless and sized ~10¹² contracts; the stress is now max(2F, K + F).
  it('with zero costs it is not sized as riskless: ≤ 10,000 contracts, a spike to 60 loses < the capital', () => {
    const r = run(NO_COSTS);
    const [open] = eventsOf(r.events, 'naked');
    expect(open.contracts).toBeLessThanOrEqual(10_000);
    expect(-r.result.outcomes.layers[0].pnl[0]).toBeLessThan(100_000);
  });

  it('with the default costs a spike to 60 loses less than the whole capital', () => {
    const r = run(strategyConfig().costs);
    expect(-r.result.outcomes.layers[0].pnl[0]).toBeLessThan(100_000);
  });
});
