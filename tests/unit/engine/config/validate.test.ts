import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../../src/engine/config/defaults.ts';
import { formatConfigError, validateConfig } from '../../../../src/engine/config/validate.ts';
import { simulate } from '../../../../src/engine/simulate.ts';

type Mutable = Record<string, unknown>;

/** The default config with one field (dot path, [n] for array items) set to `value`, or deleted. */
function withField(path: string, value: unknown, remove = false): unknown {
  const config = structuredClone(defaultConfig()) as unknown as Mutable;
  const keys = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  let node = config;
  for (const key of keys.slice(0, -1)) node = node[key] as Mutable;
  const last = keys[keys.length - 1];
  if (remove) delete node[last];
  else node[last] = value;
  return config;
}

function errorsOf(input: unknown): string[] {
  const result = validateConfig(input);
  return result.ok ? [] : result.errors.map(formatConfigError);
}

const layer = {
  name: 'Tail calls',
  enabled: true,
  instrument: 'vix-call',
  side: 'long',
  dte: 60,
  strikeRule: 'percent-otm',
  strikeValue: 0.3,
  spreadWidth: 10,
  sizePctOfCapital: 0.02,
  allowOverCap: false,
  trigger: { combine: 'all', conditions: [{ kind: 'vix-at-least', value: 25 }] },
  roll: { atDte: 20, nextLayerOnMacdBearish: false },
  takeProfit: { vixAtLeast: 40, valueMultiple: 3 },
  cooldownDays: 5,
  funding: 'trading-capital',
};

describe('validateConfig', () => {
  it('accepts the default config unchanged', () => {
    const result = validateConfig(defaultConfig());
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.config).toEqual(defaultConfig());
  });

  it.each([
    ['market.rho', 1.5, 'market.rho: must be between -1 and 1'],
    ['market.rho', '0.5', 'market.rho: must be a number'],
    ['market.rho', Number.NaN, 'market.rho: must be a number'],
    ['market.sigma', Number.POSITIVE_INFINITY, 'market.sigma: must be a finite number'],
    ['market.kappaP', 0, 'market.kappaP: must be between 0.01 and 50'],
    ['market.jumps.intensity', -1, 'market.jumps.intensity: must be between 0 and 50'],
    ['paths', 10.5, 'paths: must be a whole number between 1 and 1000000'],
    ['paths', 0, 'paths: must be a whole number between 1 and 1000000'],
    ['seed', -1, 'seed: must be a whole number between 0 and 4294967295'],
    ['horizonDays', null, 'horizonDays: must be a number'],
    ['condor.shortDelta', 0.7, 'condor.shortDelta: must be between 0.01 and 0.5'],
    ['condor.entry', 'weekly', "condor.entry: must be one of 'every-n-days', 'after-close'"],
    ['costs.slippageFraction', 2, 'costs.slippageFraction: must be between 0 and 1'],
    ['version', 99, 'version: 99 is newer than this app supports (2); update the app'],
    ['version', 0, 'version: must be a whole number from 1 to 2'],
    ['version', '1', 'version: must be a whole number from 1 to 2'],
  ])('rejects %s = %s with "%s"', (path, value, message) => {
    expect(errorsOf(withField(path, value))).toContain(message);
  });

  it('names a missing field', () => {
    expect(errorsOf(withField('market.thetaQ', undefined, true))).toContain(
      'market.thetaQ: is missing',
    );
  });

  it('names an unknown extra field', () => {
    expect(errorsOf(withField('market.volOfVol', 0.5))).toContain(
      'market.volOfVol: is not a known field',
    );
  });

  it('rejects a non-object with one message', () => {
    for (const input of [null, 42, 'config', [], undefined]) {
      expect(errorsOf(input)).toEqual(['config must be an object']);
    }
  });

  it('requires κ_Q·θ_Q = κ_P·θ_P and says which θ_Q would satisfy it', () => {
    const config = defaultConfig();
    config.market.thetaQ *= 1.1;
    const errors = errorsOf(config);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^market\.thetaQ: must equal kappaP·thetaP\/kappaQ = /);
  });

  it('rejects a layer above the per-layer cap, naming the layer, unless allowOverCap is set', () => {
    const config = defaultConfig();
    config.layers = [{ ...layer, sizePctOfCapital: 0.03 }] as typeof config.layers;
    expect(errorsOf(config)).toEqual([
      "layers[0].sizePctOfCapital: layer 'Tail calls' risks 3 % of capital, above the per-layer cap of 2.5 % (set allowOverCap to allow it)",
    ]);
    config.layers[0].allowOverCap = true;
    expect(validateConfig(config).ok).toBe(true);
  });

  it('reports the path of a bad trigger condition inside a layer', () => {
    const config = defaultConfig() as unknown as Mutable;
    config.layers = [
      { ...layer, trigger: { combine: 'all', conditions: [{ kind: 'rsi-below', value: 120 }] } },
    ];
    expect(errorsOf(config)).toContain(
      'layers[0].trigger.conditions[0].value: must be between 1 and 99',
    );
  });

  it.each([
    [{ strikeRule: 'delta', strikeValue: 1.5 }, 'must be a delta between 0 and 1'],
    [{ strikeRule: 'delta', strikeValue: 0 }, 'must be a delta between 0 and 1'],
    [{ instrument: 'spx-put', strikeValue: 1 }, 'must be below 1'],
    [{ instrument: 'vix-put', strikeValue: 1.2 }, 'must be below 1'],
  ])('rejects a strike value the strike rule cannot use: %j', (change, message) => {
    const config = defaultConfig() as unknown as Mutable;
    config.layers = [{ ...layer, ...change }];
    expect(errorsOf(config).join('; ')).toContain(`layers[0].strikeValue: ${message}`);
  });

  it('rejects a roll date less than a week (5 trading days) below the tenor, else it churns', () => {
    const config = defaultConfig() as unknown as Mutable;
    // 30 DTE = 21 trading days; 24 DTE = 17 (rolls after 4 days: refused); 23 DTE = 16 (5 days).
    config.layers = [{ ...layer, dte: 30, roll: { atDte: 24, nextLayerOnMacdBearish: false } }];
    expect(errorsOf(config).join('; ')).toContain('layers[0].roll.atDte: must be at least a week');
    config.layers = [{ ...layer, dte: 30, roll: { atDte: 23, nextLayerOnMacdBearish: false } }];
    expect(validateConfig(config).ok).toBe(true);
  });

  it('rejects duplicate layer names', () => {
    const config = defaultConfig() as unknown as Mutable;
    config.layers = [layer, { ...layer }];
    expect(errorsOf(config)).toContain("layers[1].name: 'Tail calls' is already used by layers[0]");
  });

  it('rejects a shock beyond the horizon', () => {
    const config = defaultConfig();
    config.horizonDays = 20;
    config.shocks = [{ day: 30, spxGap: -0.1, vixTo: null }];
    expect(errorsOf(config)).toContain('shocks[0].day: must be within the horizon (1 to 20)');
  });

  it('never throws on arbitrary JSON and returns either a config or named errors (fast-check)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        const result = validateConfig(input);
        if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws when any one field of a valid config is replaced by arbitrary JSON (fast-check)', () => {
    const paths = [
      'seed',
      'paths',
      'market.rho',
      'market.jumps',
      'condor',
      'layers',
      'costs.commissionPerContract',
      'shocks',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, value) => {
        const result = validateConfig(withField(path, value));
        if (!result.ok) for (const e of result.errors) expect(typeof e.message).toBe('string');
      }),
      { numRuns: 500 },
    );
  });
});

describe('validateConfig: condor strike rules', () => {
  const percentOtm = (shortOtm: number) => {
    const config = defaultConfig();
    config.condor = { ...config.condor, strikeRule: 'percent-otm', shortOtm };
    return config;
  };

  it('rejects shortOtm 0: both short strikes would be the same strike and no condor ever opens', () => {
    expect(errorsOf(percentOtm(0))).toEqual(['condor.shortOtm: must be between 0.005 and 0.5']);
  });

  it('accepts the smallest shortOtm (0.5 %), which still opens a condor with shorts apart', () => {
    const config = percentOtm(0.005);
    expect(validateConfig(config).ok).toBe(true);
    const result = simulate({ ...config, paths: 1, horizonDays: 2 });
    const condor = result.openingBook.positions.find((p) => p.instrument === 'iron-condor');
    expect(condor).toBeDefined();
    const strikes = (condor?.legs ?? []).map((leg) => ('strike' in leg ? leg.strike : NaN));
    // Legs: long put, short put, short call, long call. The shorts are 2 × 0.5 % of spot apart
    // (68 points at the default SPX of 6,800), each rounded to the 5-point grid: within 5 points.
    const apart = strikes[2] - strikes[1];
    expect(Math.abs(apart - 2 * 0.005 * config.market.spot)).toBeLessThanOrEqual(5);
  });
});

describe('validateConfig: shocks', () => {
  it('rejects a VIX shock below the lowest VIX the market can reach (the VIX at variance 0)', () => {
    const config = defaultConfig();
    config.shocks = [{ day: 3, spxGap: null, vixTo: 5 }];
    expect(errorsOf(config)).toEqual([
      expect.stringMatching(
        /^shocks\[0\]\.vixTo: must be at least \d+\.\d\d, the lowest VIX this market can reach/,
      ),
    ]);
  });

  it('rejects a shock that sets neither a gap nor a VIX level', () => {
    const config = defaultConfig();
    config.shocks = [{ day: 3, spxGap: null, vixTo: null }];
    expect(errorsOf(config)).toEqual(['shocks[0]: must set spxGap or vixTo']);
  });
});

describe('defaultConfig', () => {
  it('returns a fresh copy: mutating one config never changes the next', () => {
    const first = defaultConfig();
    first.market.thetaQ = 99;
    first.market.jumps.intensity = 42;
    const second = defaultConfig();
    expect(second.market.thetaQ).not.toBe(99);
    expect(second.market.jumps.intensity).not.toBe(42);
  });
});
