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

describe('the crash presets fall as their years did (drift premium capped at v̄)', () => {
  // History from the preset's start: 2008-09-12 → day 63 −30 %, day 252 −16 %; 2020-02-14 →
  // day 63 −15 %, day 252 +16 % (shared/data spx-daily.csv). Uncapped, the premium η·v made both
  // scenarios rally: day-63 medians +22 % and +37 %, day-252 +145 % and +128 %. The model need not
  // replay one year: the test asks for a fall at day 63 and no boom by day 252. The median of 400
  // paths has an SE of ~1.5 % of spot here, far below the margins.
  it.each([
    ['crash-2008', 0.95, 1.2],
    ['covid-2020', 0.95, 1.2],
  ] as const)(
    '%s: SPX median below %s× spot at day 63 and below %s× at day 252',
    (name, d63, d252) => {
      const config = { ...configForMarketPreset(name), paths: 400, horizonDays: 252, seed: 11 };
      const result = simulate(config, { details: false });
      const fan = result.fanCharts.spx;
      const median = (day: number) =>
        fan.quantiles[fan.probs.indexOf(0.5)][fan.days.indexOf(day)] ?? NaN;
      const spot = config.market.spot;
      expect(median(63) / spot).toBeLessThan(d63);
      expect(median(252) / spot).toBeLessThan(d252);
    },
  );
});
