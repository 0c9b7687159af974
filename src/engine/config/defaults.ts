/**
 * The default config: the `historical` market, a 16-delta 35-DTE SPX iron condor, no hedge layers
 * yet (the strategy presets add them), 10,000 paths over one trading year.
 */
import { marketPreset, type MarketPresetName } from '../scenarios/market-presets.ts';
import { CONFIG_VERSION, type HedgeLayerConfig, type SimulationConfig } from './schema.ts';

/** A fresh default config (callers may mutate it). */
export function defaultConfig(): SimulationConfig {
  return configForMarketPreset('historical');
}

/** The default config with the market (and shocks) of a market preset. */
export function configForMarketPreset(name: MarketPresetName): SimulationConfig {
  const preset = marketPreset(name);
  return {
    version: CONFIG_VERSION,
    preset: name,
    seed: 1,
    paths: 10_000,
    horizonDays: 252,
    capital: 100_000,
    layerCapPctOfCapital: 0.025,
    market: preset.market,
    shocks: preset.shocks,
    condor: {
      entry: 'after-close',
      entryEveryDays: 28,
      dte: 35,
      strikeRule: 'delta',
      shortDelta: 0.16,
      shortOtm: 0.05,
      wingRule: 'width',
      wingWidth: 50,
      wingDelta: 0.05,
      riskPctOfCapital: 0.2,
      profitTarget: 0.5,
      stopLossMultiple: 2,
      closeAtDte: 7,
    },
    layers: [],
    // Combination orders on SPX usually fill near the mid: pay a tenth of the quoted spread per leg
    // (0.5 would cross to the far side of every leg on every fill).
    costs: { commissionPerContract: 1.1, slippageFraction: 0.1 },
  };
}

/**
 * The starting hedge layer (the app's "Add layer"): long VIX calls 30 % above the matching VIX
 * future, 45 days to expiry, 1 % of capital (never above `capPctOfCapital`), switched on at VIX ≥
 * `vixAtLeast` (default 25), rolled at 14 days, no take-profit, 5 days of cooldown, paid from the
 * trading capital.
 */
export function defaultHedgeLayer(options: {
  name: string;
  capPctOfCapital?: number;
  vixAtLeast?: number;
}): HedgeLayerConfig {
  return {
    name: options.name,
    enabled: true,
    instrument: 'vix-call',
    side: 'long',
    dte: 45,
    strikeRule: 'percent-otm',
    strikeValue: 0.3,
    spreadWidth: 5,
    sizing: 'pct-of-capital',
    sizePctOfCapital: Math.min(0.01, options.capPctOfCapital ?? 0.025),
    contracts: 1,
    allowOverCap: false,
    trigger: {
      combine: 'any',
      conditions: [{ kind: 'vix-at-least', value: options.vixAtLeast ?? 25 }],
    },
    roll: { atDte: 14, nextLayerOnMacdBearish: false },
    takeProfit: { vixAtLeast: null, valueMultiple: null },
    cooldownDays: 5,
    funding: 'trading-capital',
  };
}
