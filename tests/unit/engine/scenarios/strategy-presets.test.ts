import { describe, expect, it } from 'vitest';
import { configForMarketPreset } from '../../../../src/engine/config/defaults.ts';
import type { HedgeLayerConfig } from '../../../../src/engine/config/schema.ts';
import { validateConfig } from '../../../../src/engine/config/validate.ts';
import { MARKET_PRESET_NAMES } from '../../../../src/engine/scenarios/market-presets.ts';
import {
  STRATEGY_PRESET_NAMES,
  isStrategyPresetName,
  strategyPreset,
  strategyPresetInfo,
  type StrategyPresetName,
} from '../../../../src/engine/scenarios/strategy-presets.ts';
import { buildPricingTables } from '../../../../src/engine/simulate.ts';
import { openingBook } from '../../../../src/engine/strategy/opening-book.ts';

/** The default per-layer cap (DESIGN §3: 2–3 %, default 2.5 %). */
const DEFAULT_CAP = 0.025;

const everyPair = STRATEGY_PRESET_NAMES.flatMap((name) =>
  MARKET_PRESET_NAMES.map((market) => [name, market] as const),
);

/** The document each preset's source must name (a Record, so a new preset must be added here). */
const SOURCE_DOCUMENT: Record<StrategyPresetName, RegExp> = {
  'alvh-example': /ALVH methodology .*DESIGN\.md §3/,
  'split-442-contracts': /ALVH methodology .*DESIGN\.md §3/,
  'split-442-notional': /ALVH methodology .*DESIGN\.md §3/,
  'split-442-budget': /ALVH methodology .*DESIGN\.md §3/,
  'condor-only': /DESIGN\.md §3/,
  'cndr-style': /Iron Condor Index \(CNDR\) methodology/,
  'vxth-style': /VIX Tail Hedge Index \(VXTH\) methodology/,
  'always-on-calls': /VIX Tail Hedge Index \(VXTH\) methodology/,
};

const triggerKinds = (layer: HedgeLayerConfig) => layer.trigger.conditions.map((c) => c.kind);

describe('strategy presets', () => {
  it.each(everyPair)('%s on the %s market passes validateConfig', (name, market) => {
    const validation = validateConfig(strategyPreset(name, { market }));
    expect(validation.ok ? [] : validation.errors).toEqual([]);
  });

  it('has unique names, all recognised by isStrategyPresetName', () => {
    expect(new Set(STRATEGY_PRESET_NAMES).size).toBe(STRATEGY_PRESET_NAMES.length);
    expect(STRATEGY_PRESET_NAMES.every(isStrategyPresetName)).toBe(true);
    expect(isStrategyPresetName('historical')).toBe(false);
  });

  it.each(STRATEGY_PRESET_NAMES)('%s keeps every layer within the default 2.5 %% cap', (name) => {
    const config = strategyPreset(name);
    expect(config.layerCapPctOfCapital).toBe(DEFAULT_CAP);
    for (const layer of config.layers) {
      expect(layer.sizePctOfCapital).toBeLessThanOrEqual(DEFAULT_CAP);
      expect(layer.allowOverCap).toBe(false);
    }
  });

  it.each(STRATEGY_PRESET_NAMES)('%s names itself and starts from the chosen market', (name) => {
    const config = strategyPreset(name, { market: 'crash-2008' });
    const market = configForMarketPreset('crash-2008');
    expect(config.preset).toBe(name);
    expect(config.market).toEqual(market.market);
    expect(config.shocks).toEqual(market.shocks);
    expect(strategyPreset(name).market).toEqual(configForMarketPreset('historical').market);
  });

  it.each(STRATEGY_PRESET_NAMES)(
    '%s has a title, a summary and a source naming its document',
    (name) => {
      const info = strategyPresetInfo(name);
      expect(info.name).toBe(name);
      expect(info.title.trim()).not.toBe('');
      expect(info.summary.trim()).not.toBe('');
      expect(info.source).toMatch(SOURCE_DOCUMENT[name]);
    },
  );

  it('condor-only has the default condor and no layers, as its summary says', () => {
    const config = strategyPreset('condor-only');
    expect(config.layers).toEqual([]);
    const condor = configForMarketPreset('historical').condor;
    expect(config.condor).toEqual(condor);
    // The summary quotes these numbers; this fails if the defaults move away from them.
    expect(condor).toMatchObject({
      shortDelta: 0.16,
      dte: 35,
      wingWidth: 50,
      riskPctOfCapital: 0.2,
      profitTarget: 0.5,
      stopLossMultiple: 2,
      closeAtDte: 7,
    });
  });

  it('cndr-style sells 20Δ, buys 5Δ wings, holds to expiry, monthly, with no layers', () => {
    const config = strategyPreset('cndr-style');
    expect(config.condor).toMatchObject({
      strikeRule: 'delta',
      shortDelta: 0.2,
      wingRule: 'delta',
      wingDelta: 0.05,
      closeAtDte: null,
      profitTarget: null,
      stopLossMultiple: null,
      entry: 'after-close',
    });
    expect(config.condor.dte).toBeGreaterThanOrEqual(28);
    expect(config.condor.dte).toBeLessThanOrEqual(35);
    expect(config.layers).toEqual([]);
  });

  it('cndr-style is fully collateralised, as the index: the whole capital backs its maximum loss', () => {
    expect(strategyPreset('cndr-style').condor.riskPctOfCapital).toBe(1);
  });

  // A preset whose condor sizes to zero contracts runs, but every path is flat: cndr-style did
  // (one 20Δ/5Δ contract risks ~$34,000; 10 % of $100,000 bought none).
  it.each(MARKET_PRESET_NAMES)(
    'every strategy preset opens a condor on day 0 (%s market)',
    (market) => {
      const tables = buildPricingTables(strategyPreset('condor-only', { market }).market);
      for (const name of STRATEGY_PRESET_NAMES) {
        const book = openingBook(strategyPreset(name, { market }), tables);
        const condor = book.positions.find((p) => p.instrument === 'iron-condor');
        expect(condor?.contracts, name).toBeGreaterThanOrEqual(1);
        // The sizing rule as stated: ⌊budget / risk per contract⌋.
        expect(condor?.contracts, name).toBe(
          Math.floor((condor?.riskBudget ?? NaN) / (condor?.riskPerContract ?? NaN)),
        );
      }
    },
  );

  it('vxth-style buys one-month 30Δ VIX calls: 1 % for future 15–30, 0.5 % for 30–50', () => {
    const layers = strategyPreset('vxth-style').layers;
    expect(layers.map((l) => [l.trigger, l.sizePctOfCapital])).toEqual([
      [
        {
          combine: 'all',
          conditions: [
            { kind: 'future-at-least', value: 15 },
            { kind: 'future-below', value: 30 },
          ],
        },
        0.01,
      ],
      [
        {
          combine: 'all',
          conditions: [
            { kind: 'future-at-least', value: 30 },
            { kind: 'future-below', value: 50 },
          ],
        },
        0.005,
      ],
    ]);
    for (const layer of layers) {
      expect(layer).toMatchObject({
        instrument: 'vix-call',
        side: 'long',
        sizing: 'pct-of-capital',
        strikeRule: 'delta',
        strikeValue: 0.3,
        dte: 30,
        roll: { atDte: 0 },
      });
    }
  });

  it('always-on-calls holds the VXTH calls with the trigger "always" and no buckets', () => {
    const [vxthLayer] = strategyPreset('vxth-style').layers;
    const layers = strategyPreset('always-on-calls').layers;
    expect(layers).toHaveLength(1);
    expect(triggerKinds(layers[0])).toEqual(['always']);
    const { name: _a, trigger: _b, ...calls } = layers[0];
    const { name: _c, trigger: _d, ...vxthCalls } = vxthLayer;
    expect(calls).toEqual(vxthCalls);
  });

  it('alvh-example opens with a short-vol base layer, then long VIX calls on rising VIX, backwardation and weak RSI', () => {
    const layers = strategyPreset('alvh-example').layers;
    expect(layers[0]).toMatchObject({ instrument: 'vix-call', side: 'short' });
    expect(layers.slice(1).every((l) => l.instrument === 'vix-call' && l.side === 'long')).toBe(
      true,
    );
    const thresholds = layers
      .slice(1)
      .map((l) => l.trigger.conditions.find((c) => c.kind === 'vix-at-least'))
      .map((c) => (c && 'value' in c ? c.value : NaN));
    expect(thresholds).toEqual([20, 25, 30]);
    const kinds = layers.flatMap(triggerKinds);
    expect(kinds).toContain('backwardation');
    expect(kinds).toContain('rsi-below');
    // "Time shifting": each long layer further out than the one before.
    const tenors = layers.slice(1).map((l) => l.dte);
    expect(tenors).toEqual([...tenors].sort((a, b) => a - b));
    expect(new Set(tenors).size).toBe(tenors.length);
  });

  describe('the three readings of "4/4/2"', () => {
    const splits: StrategyPresetName[] = [
      'split-442-contracts',
      'split-442-notional',
      'split-442-budget',
    ];

    it.each(splits)('%s has three long VIX call layers at 30/110/220 DTE', (name) => {
      const layers = strategyPreset(name).layers;
      expect(layers.map((l) => l.dte)).toEqual([30, 110, 220]);
      expect(layers.every((l) => l.instrument === 'vix-call' && l.side === 'long')).toBe(true);
    });

    it('the readings differ only in size', () => {
      const withoutSize = (name: StrategyPresetName) =>
        strategyPreset(name).layers.map(
          ({ sizing: _s, sizePctOfCapital: _p, contracts: _c, ...rest }) => rest,
        );
      expect(withoutSize('split-442-notional')).toEqual(withoutSize('split-442-contracts'));
      expect(withoutSize('split-442-budget')).toEqual(withoutSize('split-442-contracts'));
    });

    it('contracts: a fixed 4, 4 and 2 contracts', () => {
      const layers = strategyPreset('split-442-contracts').layers;
      expect(layers.map((l) => [l.sizing, l.contracts])).toEqual([
        ['contracts', 4],
        ['contracts', 4],
        ['contracts', 2],
      ]);
    });

    it('notional: 4 %, 4 %, 2 % held to the 2.5 % cap, so 2.5 %, 2.5 %, 2 % (1e-12)', () => {
      const layers = strategyPreset('split-442-notional').layers;
      expect(layers.every((l) => l.sizing === 'pct-of-capital')).toBe(true);
      const sizes = layers.map((l) => l.sizePctOfCapital);
      [0.025, 0.025, 0.02].forEach((expected, i) => expect(sizes[i]).toBeCloseTo(expected, 12));
    });

    it('budget: 40/40/20 % of a 5 % hedge budget, so 2 %, 2 %, 1 % (1e-12)', () => {
      const layers = strategyPreset('split-442-budget').layers;
      expect(layers.every((l) => l.sizing === 'pct-of-capital')).toBe(true);
      const sizes = layers.map((l) => l.sizePctOfCapital);
      [0.02, 0.02, 0.01].forEach((expected, i) => expect(sizes[i]).toBeCloseTo(expected, 12));
      const total = sizes.reduce((a, b) => a + b, 0);
      expect(total).toBeCloseTo(0.05, 12);
    });
  });

  it('returns a fresh config each call: mutating one leaves the next untouched', () => {
    for (const name of STRATEGY_PRESET_NAMES) {
      const first = strategyPreset(name);
      const pristine = structuredClone(first);
      first.condor.shortDelta = 0.49;
      first.market.jumps.intensity = 49;
      first.shocks.push({ day: 1, spxGap: -0.1, vixTo: null });
      for (const layer of first.layers) {
        layer.trigger.conditions.push({ kind: 'always' });
        layer.roll.atDte = 399;
        layer.takeProfit.vixAtLeast = 149;
      }
      first.layers.length = 0;
      expect(strategyPreset(name)).toEqual(pristine);
    }
  });

  it('refuses an unknown name with the list of known ones', () => {
    expect(() => strategyPreset('nope' as StrategyPresetName)).toThrow(/known: alvh-example/);
    expect(() => strategyPresetInfo('nope' as StrategyPresetName)).toThrow(RangeError);
  });
});
