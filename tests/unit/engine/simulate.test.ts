import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/engine/config/defaults.ts';
import type { SimulationConfig } from '../../../src/engine/config/schema.ts';
import { validateConfig } from '../../../src/engine/config/validate.ts';
import {
  assertFiniteResult,
  buildPricingTables,
  CHUNK_PATHS,
  InvalidConfigError,
  mergeShards,
  planShards,
  simulate,
  simulateShard,
} from '../../../src/engine/simulate.ts';

function smallConfig(overrides: Partial<SimulationConfig> = {}): SimulationConfig {
  return { ...defaultConfig(), paths: 400, horizonDays: 60, seed: 11, ...overrides };
}

function runSharded(config: SimulationConfig, workers: number) {
  const tables = buildPricingTables(config.market);
  const shards = planShards(config.paths, workers).map((range) =>
    simulateShard(config, range, tables),
  );
  return mergeShards(config, shards.reverse());
}

describe('simulate', () => {
  it('returns the summary contract of DESIGN §7 with every market statistic', () => {
    const result = simulate(smallConfig());
    expect(result.paths).toBe(400);
    expect(result.seed).toBe(11);
    expect(result.horizonDays).toBe(60);
    expect(Object.keys(result.market).sort()).toEqual(
      [
        'vixMean',
        'vixMedian',
        'vixQ05',
        'vixQ95',
        'vixQ99',
        'corrSpxReturnVixChange',
        'spxRealizedVol',
        'vrpPoints',
        'logVixHalfLifeDays',
        'spxDailyKurtosis',
        'spxDailySkew',
        'spx21dQ01',
        'spx21dQ05',
        'spxMeanLogReturn',
        'vix3mMinusVix',
        'vix6mMinusVix',
        'vixInvertedShare',
        'vixLogChangeVol',
        'vvixMean',
      ].sort(),
    );
    for (const value of Object.values(result.market)) expect(Number.isFinite(value)).toBe(true);
  });

  it('gives identical numbers for the same config and seed', () => {
    expect(simulate(smallConfig())).toEqual(simulate(smallConfig()));
  });

  it('gives different numbers for another seed', () => {
    expect(simulate(smallConfig({ seed: 12 })).market.vixMean).not.toBe(
      simulate(smallConfig()).market.vixMean,
    );
  });

  it('gives bit-identical results on 1, 2 or 7 workers (shards on the chunk grid)', () => {
    const config = smallConfig({ paths: 3 * CHUNK_PATHS + 123, horizonDays: 25 });
    const one = runSharded(config, 1);
    expect(runSharded(config, 2)).toEqual(one);
    expect(runSharded(config, 7)).toEqual(one);
    expect(simulate(config, { details: false })).toEqual(one);
  });

  it('plans shards on the chunk grid covering every path once', () => {
    for (const [paths, workers] of [
      [1, 4],
      [CHUNK_PATHS, 2],
      [10 * CHUNK_PATHS + 5, 3],
      [100_000, 8],
    ]) {
      const ranges = planShards(paths, workers);
      expect(ranges.length).toBeLessThanOrEqual(workers);
      let next = 0;
      for (const r of ranges) {
        expect(r.firstPath).toBe(next);
        expect(r.firstPath % CHUNK_PATHS).toBe(0);
        next += r.pathCount;
      }
      expect(next).toBe(paths);
    }
  });

  it('refuses to merge shards with missing paths', () => {
    const config = smallConfig({ paths: 2 * CHUNK_PATHS, horizonDays: 5 });
    const tables = buildPricingTables(config.market);
    const [, second] = planShards(config.paths, 2).map((r) => simulateShard(config, r, tables));
    expect(() => mergeShards(config, [second])).toThrow(
      new RegExp(`paths 0…${CHUNK_PATHS - 1} are missing`),
    );
  });

  it('reports progress that rises to the total number of path-steps', () => {
    const seen: number[] = [];
    simulate(smallConfig(), { onProgress: (p) => seen.push(p.done / p.total) });
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.every((x, i) => i === 0 || x >= seen[i - 1])).toBe(true);
    expect(seen.at(-1)).toBe(1);
  });

  it('reports statistics a short horizon cannot define as null, never NaN', () => {
    const result = simulate(smallConfig({ horizonDays: 5 }));
    expect(result.market.vrpPoints).toBeNull();
    expect(result.market.spx21dQ01).toBeNull();
    expect(result.market.vixMean).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('throws InvalidConfigError naming the field for an invalid config', () => {
    const bad = { ...smallConfig(), paths: -5 };
    expect(() => simulate(bad)).toThrow(InvalidConfigError);
    expect(() => simulate(bad)).toThrow(/paths: must be a whole number between 1 and 1000000/);
  });

  it('applies a config shock on its day: a −20 % gap shows as the day’s worst 21-day return', () => {
    const calm = simulate(smallConfig({ paths: 200, horizonDays: 40 }));
    const shocked = simulate(
      smallConfig({ paths: 200, horizonDays: 40, shocks: [{ day: 10, spxGap: -0.2, vixTo: 60 }] }),
    );
    expect(shocked.market.spx21dQ01!).toBeLessThan(calm.market.spx21dQ01! + Math.log(0.8) + 0.05);
    expect(shocked.market.vixQ99!).toBeGreaterThan(50);
  });

  it('never yields NaN or Infinity for any valid market (fast-check over the schema ranges)', () => {
    const market = fc.record({
      v0: fc.double({ min: 0, max: 4, noNaN: true }),
      kappaP: fc.double({ min: 0.01, max: 50, noNaN: true }),
      thetaP: fc.double({ min: 0.0001, max: 2, noNaN: true }),
      kappaQ: fc.double({ min: 0.01, max: 50, noNaN: true }),
      sigma: fc.double({ min: 0.01, max: 5, noNaN: true }),
      rho: fc.double({ min: -1, max: 1, noNaN: true }),
      equityRiskPremiumPerVariance: fc.double({ min: -20, max: 20, noNaN: true }),
      intensity: fc.double({ min: 0, max: 50, noNaN: true }),
      meanLog: fc.double({ min: -0.5, max: 0.5, noNaN: true }),
      sdLog: fc.double({ min: 0, max: 0.5, noNaN: true }),
      varianceMean: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(market, fc.integer({ min: 0, max: 2 ** 32 - 1 }), (m, seed) => {
        const base = defaultConfig();
        const config = {
          ...base,
          seed,
          paths: 40,
          horizonDays: 30,
          market: {
            ...base.market,
            v0: m.v0,
            kappaP: m.kappaP,
            thetaP: m.thetaP,
            kappaQ: m.kappaQ,
            thetaQ: (m.kappaP * m.thetaP) / m.kappaQ,
            sigma: m.sigma,
            rho: m.rho,
            equityRiskPremiumPerVariance: m.equityRiskPremiumPerVariance,
            jumps: {
              intensity: m.intensity,
              meanLog: m.meanLog,
              sdLog: m.sdLog,
              varianceMean: m.varianceMean,
            },
          },
        };
        const validation = validateConfig(config);
        fc.pre(validation.ok);
        const result = simulate(config);
        for (const value of Object.values(result.market)) {
          if (value !== null) expect(Number.isFinite(value)).toBe(true);
        }
        expect(() => assertFiniteResult(result)).not.toThrow();
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 60) },
    );
  });
});
