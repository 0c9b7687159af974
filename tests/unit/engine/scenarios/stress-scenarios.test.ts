import { describe, expect, it } from 'vitest';
import { configForMarketPreset, defaultConfig } from '../../../../src/engine/config/defaults.ts';
import { validateConfig } from '../../../../src/engine/config/validate.ts';
import {
  MARKET_PRESET_NAMES,
  marketPreset,
} from '../../../../src/engine/scenarios/market-presets.ts';
import {
  customStressShocks,
  SPX_CLOSE_2022_01_03,
  SPX_CLOSE_2022_10_12,
  STRESS_SCENARIO_NAMES,
  stressEffects,
  stressedConfig,
  stressScenario,
  validateCustomStress,
  type CustomStress,
} from '../../../../src/engine/scenarios/stress-scenarios.ts';
import { simulate } from '../../../../src/engine/simulate.ts';

const errorsOf = (config: unknown) => {
  const v = validateConfig(config);
  return v.ok ? [] : v.errors;
};

describe('named stress scenarios', () => {
  it.each(STRESS_SCENARIO_NAMES)('%s on the default config gives a valid config', (name) => {
    const { config, added, beyondHorizon } = stressedConfig({
      config: defaultConfig(),
      scenario: { kind: 'named', name },
    });
    expect(errorsOf(config)).toEqual([]);
    expect(added).toEqual(stressScenario(name).shocks);
    expect(beyondHorizon).toEqual([]);
  });

  it.each(MARKET_PRESET_NAMES.flatMap((m) => STRESS_SCENARIO_NAMES.map((s) => [m, s] as const)))(
    'on the %s market, %s with the market kept validates',
    (market, name) => {
      const { config } = stressedConfig({
        config: configForMarketPreset(market),
        scenario: { kind: 'named', name },
        regime: 'keep',
      });
      expect(errorsOf(config)).toEqual([]);
    },
  );

  it.each([
    ['crash-2008', 'crash-2008'],
    ['volmageddon-2018', 'volmageddon-2018'],
    ['covid-2020', 'covid-2020'],
  ] as const)('%s reuses the shocks of the %s market preset', (name, preset) => {
    const shocks = marketPreset(preset).shocks;
    expect(stressScenario(name).shocks).toEqual(shocks);
    expect(stressScenario(name).regime).toBe(preset);
  });

  it('bear-2022: the ten gaps compound to the 2022 fall, 3577.03 / 4796.56 (1e-12)', () => {
    const { shocks } = stressScenario('bear-2022');
    expect(shocks).toHaveLength(10);
    const factor = shocks.reduce((f, s) => f * (1 + (s.spxGap ?? 0)), 1);
    expect(factor).toBeCloseTo(SPX_CLOSE_2022_10_12 / SPX_CLOSE_2022_01_03, 12);
    expect(1 - factor).toBeCloseTo(0.254, 3);
  });

  it('bear-2022: each gap is moderate (−2 % to −4 %) and the VIX is set below the 2022 peak close 36.45', () => {
    for (const s of stressScenario('bear-2022').shocks) {
      expect(s.spxGap).toBeGreaterThan(-0.04);
      expect(s.spxGap).toBeLessThan(-0.02);
      expect(s.vixTo).toBeGreaterThanOrEqual(19);
      expect(s.vixTo).toBeLessThan(36.45);
    }
  });

  it('bear-2022 replayed with almost no noise falls by the compounded gaps (σ, jumps and drift near 0)', () => {
    // A near-deterministic market: variance 1e-4 (1 % vol), no jumps, no drift terms, VIX levels
    // left out. The median SPX after 200 days is spot × Π(1 + gap) up to the diffusion's median
    // drift −½v·t ≈ −0.004 % and the fan chart's resolution (one bin); tolerance 0.5 % + one bin
    // (measured: 0.09 % off).
    const base = defaultConfig();
    const kappa = 4;
    const theta = 0.0001;
    const market = {
      ...base.market,
      v0: 0.0001,
      rate: 0,
      dividendYield: 0,
      equityRiskPremium: 0,
      equityRiskPremiumPerVariance: 0,
      kappaP: kappa,
      thetaP: theta,
      kappaQ: kappa,
      thetaQ: theta,
      sigma: 0.01,
      jumps: { intensity: 0, meanLog: 0, sdLog: 0, varianceMean: 0 },
    };
    const { config } = stressedConfig({
      config: { ...base, market, paths: 40, horizonDays: 200 },
      scenario: { kind: 'named', name: 'bear-2022' },
    });
    const bear = { ...config, shocks: config.shocks.map((s) => ({ ...s, vixTo: null })) };
    expect(errorsOf(bear)).toEqual([]);
    const result = simulate(bear, { details: false });
    const { probs, quantiles, days, resolution } = result.fanCharts.spx;
    expect(days.at(-1)).toBe(200);
    const medianEnd = quantiles[probs.indexOf(0.5)]?.at(-1) ?? NaN;
    const expected = market.spot * (SPX_CLOSE_2022_10_12 / SPX_CLOSE_2022_01_03);
    expect(Math.abs(medianEnd - expected)).toBeLessThan(0.005 * expected + resolution);
  });

  it('vix-spike: the VIX jumps to about 41 while the SPX gap is between −1 % and −2 %', () => {
    const [shock] = stressScenario('vix-spike').shocks;
    expect(shock.spxGap).toBeLessThan(-0.01);
    expect(shock.spxGap).toBeGreaterThan(-0.02);
    expect(shock.vixTo).toBeGreaterThan(40);
  });
});

describe('stressedConfig', () => {
  const base = () => ({ ...configForMarketPreset('historical'), paths: 64, horizonDays: 30 });

  it('keeps the seed, size, strategy and costs, and adds the shocks to the config’s own', () => {
    const config = {
      ...base(),
      shocks: [{ day: 2, spxGap: 0.01, vixTo: null }],
    };
    const out = stressedConfig({ config, scenario: { kind: 'named', name: 'vix-spike' } });
    expect(out.config.seed).toBe(config.seed);
    expect(out.config.condor).toEqual(config.condor);
    expect(out.config.costs).toEqual(config.costs);
    expect(out.config.market).toEqual(config.market);
    expect(out.config.shocks).toEqual([
      { day: 2, spxGap: 0.01, vixTo: null },
      { day: 21, spxGap: -0.0153, vixTo: 40.95 },
    ]);
    expect(config.shocks).toHaveLength(1);
  });

  it('puts in the scenario’s regime by default and keeps the market with regime "keep"', () => {
    const config = base();
    const scenario = { kind: 'named', name: 'crash-2008' } as const;
    expect(stressedConfig({ config, scenario }).config.market).toEqual(
      marketPreset('crash-2008').market,
    );
    expect(stressedConfig({ config, scenario }).regime).toBe('crash-2008');
    const kept = stressedConfig({ config, scenario, regime: 'keep' });
    expect(kept.config.market).toEqual(config.market);
    expect(kept.regime).toBeNull();
  });

  it('leaves out shocks after the horizon and shocks the base already has', () => {
    const config = { ...configForMarketPreset('covid-2020'), horizonDays: 16 };
    const out = stressedConfig({ config, scenario: { kind: 'named', name: 'covid-2020' } });
    expect(out.beyondHorizon.map((s) => s.day)).toEqual([20]);
    expect(out.alreadyInBase.map((s) => s.day)).toEqual([5, 15]);
    expect(out.added).toEqual([]);
    expect(out.config.shocks).toEqual(config.shocks.filter((s) => s.day <= 20));
  });

  it('turns a custom stress into shocks (one shock when gap and spike share a day)', () => {
    const stress: CustomStress = { spxGap: -0.1, gapDay: 5, vixTo: 50, vixDay: 5 };
    expect(customStressShocks(stress)).toEqual([{ day: 5, spxGap: -0.1, vixTo: 50 }]);
    expect(customStressShocks({ ...stress, vixDay: 3 })).toEqual([
      { day: 3, spxGap: null, vixTo: 50 },
      { day: 5, spxGap: -0.1, vixTo: null },
    ]);
    const out = stressedConfig({ config: base(), scenario: { kind: 'custom', stress } });
    expect(errorsOf(out.config)).toEqual([]);
  });
});

describe('validateCustomStress', () => {
  const ok: CustomStress = { spxGap: -0.1, gapDay: 5, vixTo: 45, vixDay: 5 };
  it.each([
    [{ spxGap: -0.6 }, 'spxGap', 'Gap must be between −50 % and 50 %'],
    [{ spxGap: Number.NaN }, 'spxGap', 'Gap must be between −50 % and 50 %'],
    [{ gapDay: 0 }, 'gapDay', 'Gap day must be a whole number between 1 and 30 (the horizon)'],
    [{ gapDay: 31 }, 'gapDay', 'Gap day must be a whole number between 1 and 30 (the horizon)'],
    [{ gapDay: 2.5 }, 'gapDay', 'Gap day must be a whole number between 1 and 30 (the horizon)'],
    [{ vixTo: 4 }, 'vixTo', 'VIX level must be between 5 and 150'],
    [{ vixTo: 151 }, 'vixTo', 'VIX level must be between 5 and 150'],
    [{ vixDay: 40 }, 'vixDay', 'VIX day must be a whole number between 1 and 30 (the horizon)'],
    [{ spxGap: null, vixTo: null }, '', 'Set a gap, a VIX level, or both'],
  ] as const)('%o → %s: %s', (change, field, message) => {
    expect(validateCustomStress({ stress: { ...ok, ...change }, horizonDays: 30 })).toEqual([
      { field, message },
    ]);
  });

  it('accepts a gap alone, a spike alone and both; ignores the day of a field left empty', () => {
    expect(validateCustomStress({ stress: ok, horizonDays: 30 })).toEqual([]);
    expect(
      validateCustomStress({ stress: { ...ok, vixTo: null, vixDay: 99 }, horizonDays: 30 }),
    ).toEqual([]);
    expect(
      validateCustomStress({ stress: { ...ok, spxGap: null, gapDay: 0 }, horizonDays: 30 }),
    ).toEqual([]);
  });
});

describe('stressEffects', () => {
  // Two seeded runs of 256 paths over 30 days (common random numbers): the Covid gaps on days 5
  // and 15 must lower the condor's mean P&L and raise its CVaR.
  const config = { ...defaultConfig(), paths: 256, horizonDays: 30 };
  const base = simulate(config, { details: false });
  const shockedConfig = stressedConfig({
    config,
    scenario: { kind: 'named', name: 'covid-2020' },
    regime: 'keep',
  }).config;
  const shocked = simulate(shockedConfig, { details: false });
  const summary = stressEffects({ base, shocked });

  it('gives shocked − base for four statistics of both books, with SE √(se_b² + se_s²)', () => {
    expect(summary.effects).toHaveLength(8);
    const mean = summary.effects.find((e) => e.book === 'condorOnly' && e.statistic === 'mean');
    expect(mean?.base.estimate).toBe(base.condorOnly.mean);
    expect(mean?.effect.estimate).toBeCloseTo(shocked.condorOnly.mean - base.condorOnly.mean, 9);
    expect(mean?.effect.stdErr).toBeCloseTo(
      Math.hypot(base.condorOnly.meanStdErr ?? NaN, shocked.condorOnly.meanStdErr ?? NaN),
      9,
    );
  });

  it('the Covid gaps lower the condor’s mean P&L by more than 3 standard errors', () => {
    const mean = summary.effects.find((e) => e.book === 'condorOnly' && e.statistic === 'mean');
    const { estimate, stdErr } = mean?.effect ?? { estimate: null, stdErr: null };
    expect(estimate).not.toBeNull();
    expect(stdErr).not.toBeNull();
    expect(estimate ?? 0).toBeLessThan(-3 * (stdErr ?? Infinity));
  });

  it('the hedge value is the runs’ own paired difference; with no layers it is 0 in both', () => {
    expect(summary.hedgeValueBase.estimate).toBe(base.difference.mean.estimate);
    expect(summary.hedgeValueShocked.estimate).toBe(shocked.difference.mean.estimate);
    expect(summary.hedgeValueChange.estimate).toBeCloseTo(0, 9);
  });
});
