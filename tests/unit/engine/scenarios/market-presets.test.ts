import { describe, expect, it } from 'vitest';
import { configForMarketPreset } from '../../../../src/engine/config/defaults.ts';
import { validateConfig } from '../../../../src/engine/config/validate.ts';
import { hestonVix } from '../../../../src/engine/pricing/vix-index.ts';
import {
  MARKET_PRESET_NAMES,
  marketPreset,
} from '../../../../src/engine/scenarios/market-presets.ts';
import { simulate } from '../../../../src/engine/simulate.ts';

describe('market presets', () => {
  it.each(MARKET_PRESET_NAMES)('%s gives a valid config that simulates without NaN', (name) => {
    const config = { ...configForMarketPreset(name), paths: 50, horizonDays: 80 };
    const validation = validateConfig(config);
    expect(validation.ok ? [] : validation.errors).toEqual([]);
    const result = simulate(config);
    for (const value of Object.values(result.market)) {
      expect(value === null || Number.isFinite(value)).toBe(true);
    }
  });

  it.each([
    ['historical', 17.6],
    ['calm', 11],
    ['crash-2008', 25.7],
    ['volmageddon-2018', 11.1],
    ['covid-2020', 13.7],
  ] as const)('%s starts at VIX %d (1e-9)', (name, vix) => {
    const { market } = marketPreset(name);
    const start = hestonVix({
      v: market.v0,
      kappa: market.kappaQ,
      theta: market.thetaQ,
      jumps: market.jumps,
    });
    expect(start).toBeCloseTo(vix, 9);
  });

  it('replays a shock: Volmageddon reaches VIX 37.3 on its shock day on every path', () => {
    const config = { ...configForMarketPreset('volmageddon-2018'), paths: 20, horizonDays: 7 };
    expect(simulate(config).market.vixQ99).toBeGreaterThanOrEqual(37.2);
  });

  it('hands out fresh copies: mutating one preset leaves the next untouched', () => {
    marketPreset('historical').market.jumps.intensity = 99;
    expect(marketPreset('historical').market.jumps.intensity).not.toBe(99);
  });
});
