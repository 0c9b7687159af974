// ConfigState outside components: validation as the config changes, raw-text input errors,
// presets, layer and shock list operations with their keys, the κθ coupling.
import { describe, expect, it } from 'vitest';
import {
  configForMarketPreset,
  marketPreset,
  strategyPreset,
  validateConfig,
} from '../../../../src/engine/index.ts';
import {
  ConfigState,
  MAX_CONDITIONS,
  MAX_LAYERS,
  MAX_SHOCKS,
  TRIGGER_DEFAULT_VALUES,
  copyName,
  defaultCondition,
  parseConfigPath,
} from '../../../../src/lib/state/config.svelte.ts';

const names = (state: ConfigState) => state.config.layers.map((l) => l.name);

/** Every number in a config, with its path (to check that no NaN got in). */
function numbers(x: unknown, path = ''): [string, number][] {
  if (typeof x === 'number') return [[path, x]];
  if (Array.isArray(x)) return x.flatMap((item, i) => numbers(item, `${path}[${i}]`));
  if (typeof x === 'object' && x !== null)
    return Object.entries(x).flatMap(([k, v]) => numbers(v, path ? `${path}.${k}` : k));
  return [];
}

describe('validation follows the config', () => {
  it('starts valid on the default config', () => {
    const state = new ConfigState();
    expect(state.isValid).toBe(true);
    expect(state.firstError).toBeNull();
    expect(state.validConfig).not.toBeNull();
  });

  it('reports an out-of-range field by its path with the range, and clears it when fixed', () => {
    const state = new ConfigState();
    state.set('market.rho', 1.5);
    expect(state.isValid).toBe(false);
    expect(state.errorFor('market.rho')).toBe('must be between -1 and 1');
    expect(state.firstError).toBe('market.rho: must be between -1 and 1');
    expect(state.validConfig).toBeNull();
    state.set('market.rho', -0.5);
    expect(state.errorFor('market.rho')).toBeUndefined();
    expect(state.isValid).toBe(true);
  });

  it('names nested list paths like the engine (layers[i].trigger.conditions[j].value)', () => {
    const state = new ConfigState(strategyPreset('alvh-example'));
    state.set('layers[1].trigger.conditions[0].value', 200);
    expect(state.errorFor('layers[1].trigger.conditions[0].value')).toBe(
      'must be between 5 and 150',
    );
  });

  it('reports a layer above the cap with its name', () => {
    const state = new ConfigState(strategyPreset('alvh-example'));
    state.set('layers[1].sizePctOfCapital', 0.03);
    expect(state.errorFor('layers[1].sizePctOfCapital')).toContain("layer 'Calls at VIX 20'");
    state.set('layers[1].allowOverCap', true);
    expect(state.errorFor('layers[1].sizePctOfCapital')).toBeUndefined();
  });

  it('joins several messages for one path', () => {
    const state = new ConfigState(strategyPreset('alvh-example'));
    state.set('layers[2].name', 'Calls at VIX 20');
    expect(state.errorFor('layers[2].name')).toBe("'Calls at VIX 20' is already used by layers[1]");
  });
});

describe('text that is not a number', () => {
  it('marks the field invalid while the config keeps its last good value', () => {
    const state = new ConfigState();
    const before = state.config.market.rho;
    state.setInputError('market.rho', 'must be a number');
    expect(state.config.market.rho).toBe(before);
    expect(state.validation.ok).toBe(true);
    expect(state.isValid).toBe(false);
    expect(state.validConfig).toBeNull();
    expect(state.firstError).toBe('market.rho: must be a number');
    state.setInputError('market.rho', null);
    expect(state.isValid).toBe(true);
  });

  it('shows the input message instead of the engine message for the same path', () => {
    const state = new ConfigState();
    state.set('seed', -1);
    state.setInputError('seed', 'must be a number');
    expect(state.errorFor('seed')).toBe('must be a number');
    expect(state.errors.filter((e) => e.path === 'seed')).toHaveLength(1);
  });

  it('is forgotten when the config is replaced', () => {
    const state = new ConfigState();
    state.setInputError('seed', 'must be a number');
    const revision = state.revision;
    state.replace(defaultConfig());
    expect(state.isValid).toBe(true);
    expect(state.revision).toBe(revision + 1);
  });
});

function defaultConfig() {
  return configForMarketPreset('historical');
}

describe('presets', () => {
  it('applies a strategy preset on a market preset as the whole config', () => {
    const state = new ConfigState();
    state.set('seed', 99);
    state.applyStrategyPreset('vxth-style', 'crash-2008');
    expect(state.config).toEqual(strategyPreset('vxth-style', { market: 'crash-2008' }));
    expect(state.strategyPresetName).toBe('vxth-style');
    expect(state.marketPresetName).toBe('crash-2008');
  });

  it('applies a strategy preset alone: condor and layers change, market, size, seed and costs stay', () => {
    const state = new ConfigState();
    state.applyMarketPreset('covid-2020');
    state.set('seed', 99);
    state.set('paths', 500);
    state.set('costs.slippageFraction', 0.3);
    state.applyStrategyPreset('cndr-style');
    const preset = strategyPreset('cndr-style');
    expect(state.config.condor).toEqual(preset.condor);
    expect(state.config.layers).toEqual(preset.layers);
    expect(state.config.preset).toBe('cndr-style');
    expect(state.config.market).toEqual(marketPreset('covid-2020').market);
    expect(state.config.shocks).toHaveLength(3);
    expect([state.config.seed, state.config.paths, state.config.costs.slippageFraction]).toEqual([
      99, 500, 0.3,
    ]);
  });

  it('applies a market preset: market and shocks change, condor and layers stay', () => {
    const state = new ConfigState(strategyPreset('alvh-example'));
    state.set('condor.dte', 40);
    state.applyMarketPreset('crash-2008');
    const preset = marketPreset('crash-2008');
    expect(state.config.market).toEqual(preset.market);
    expect(state.config.shocks).toEqual(preset.shocks);
    expect(state.config.condor.dte).toBe(40);
    expect(names(state)).toEqual(names(new ConfigState(strategyPreset('alvh-example'))));
  });

  it("names the presets the config matches, and 'custom' after an edit", () => {
    const state = new ConfigState(strategyPreset('alvh-example', { market: 'calm' }));
    expect([state.strategyPresetName, state.marketPresetName]).toEqual(['alvh-example', 'calm']);
    state.set('layers[0].cooldownDays', 3);
    state.set('market.sigma', 0.7);
    expect([state.strategyPresetName, state.marketPresetName]).toEqual(['custom', 'custom']);
  });

  it('gives every combination of presets a valid config', () => {
    const state = new ConfigState();
    for (const market of ['historical', 'calm', 'crash-2008'] as const) {
      state.applyMarketPreset(market);
      state.applyStrategyPreset('split-442-budget');
      expect(state.firstError).toBeNull();
    }
  });
});

describe('layer operations', () => {
  it('adds a valid layer with a fresh name, up to the engine maximum', () => {
    const state = new ConfigState();
    for (let i = 0; i < MAX_LAYERS; i++) expect(state.addLayer()).toBe(i);
    expect(state.addLayer()).toBe(-1);
    expect(new Set(names(state)).size).toBe(MAX_LAYERS);
    expect(state.isValid).toBe(true);
  });

  it('uses the engine maximum of layers (one more is rejected by validateConfig)', () => {
    const state = new ConfigState();
    for (let i = 0; i < MAX_LAYERS; i++) state.addLayer();
    const config = structuredClone(state.validConfig!);
    config.layers.push({ ...config.layers[0], name: 'one more' });
    const result = validateConfig(config);
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(['layers']);
  });

  it('removes a layer and its key', () => {
    const state = new ConfigState(strategyPreset('alvh-example'));
    const keys = [0, 1, 2, 3].map((i) => state.layerKey(i));
    state.removeLayer(1);
    expect(names(state)).toEqual([
      'Short-vol base',
      'Calls at VIX 25 or backwardation',
      'Calls at VIX 30 or weak RSI',
    ]);
    expect([0, 1, 2].map((i) => state.layerKey(i))).toEqual([keys[0], keys[2], keys[3]]);
  });

  it('moves a layer with its key, and refuses to move past either end', () => {
    const state = new ConfigState(strategyPreset('alvh-example'));
    const keys = [0, 1, 2, 3].map((i) => state.layerKey(i));
    expect(state.moveLayer(2, -1)).toBe(true);
    expect(names(state).slice(1, 3)).toEqual([
      'Calls at VIX 25 or backwardation',
      'Calls at VIX 20',
    ]);
    expect([0, 1, 2, 3].map((i) => state.layerKey(i))).toEqual([
      keys[0],
      keys[2],
      keys[1],
      keys[3],
    ]);
    const before = names(state);
    expect(state.moveLayer(0, -1)).toBe(false);
    expect(state.moveLayer(3, 1)).toBe(false);
    expect(names(state)).toEqual(before);
  });

  it('duplicates a layer after itself as a deep copy with a unique name', () => {
    const state = new ConfigState(strategyPreset('alvh-example'));
    expect(state.duplicateLayer(1)).toBe(2);
    expect(names(state)[2]).toBe('Calls at VIX 20 copy');
    expect(state.duplicateLayer(1)).toBe(2);
    expect(names(state).slice(1, 4)).toEqual([
      'Calls at VIX 20',
      'Calls at VIX 20 copy 2',
      'Calls at VIX 20 copy',
    ]);
    state.set('layers[2].trigger.conditions[0].value', 22);
    expect(state.config.layers[1].trigger.conditions[0]).toEqual({
      kind: 'vix-at-least',
      value: 20,
    });
    expect(state.isValid).toBe(true);
  });

  it.each([
    ['Calls', [], 'Calls copy'],
    ['Calls', ['Calls copy'], 'Calls copy 2'],
    ['Calls copy', ['Calls copy'], 'Calls copy 2'],
    ['Calls copy 2', ['Calls copy', 'Calls copy 2'], 'Calls copy 3'],
    ['x'.repeat(40), [], `${'x'.repeat(35)} copy`],
  ])('copyName(%j) with %j taken is %j', (name, taken, expected) => {
    expect(copyName(name, taken)).toBe(expected);
    expect(expected.length).toBeLessThanOrEqual(40);
  });
});

describe('trigger conditions', () => {
  it('adds conditions up to the engine maximum and keeps at least one', () => {
    const state = new ConfigState();
    state.addLayer();
    for (let i = 1; i < MAX_CONDITIONS; i++) expect(state.addCondition(0)).toBe(true);
    expect(state.addCondition(0)).toBe(false);
    expect(state.isValid).toBe(true);
    for (let i = 1; i < MAX_CONDITIONS; i++) expect(state.removeCondition(0, 0)).toBe(true);
    expect(state.removeCondition(0, 0)).toBe(false);
    expect(state.config.layers[0].trigger.conditions).toHaveLength(1);
  });

  it.each(
    Object.keys(TRIGGER_DEFAULT_VALUES).concat(['backwardation', 'macd-bearish-cross', 'always']),
  )("a condition switched to '%s' is valid with its default value", (kind) => {
    const state = new ConfigState();
    state.addLayer();
    state.setConditionKind(0, 0, kind as Parameters<typeof defaultCondition>[0]);
    expect(state.config.layers[0].trigger.conditions[0]).toEqual(
      defaultCondition(kind as Parameters<typeof defaultCondition>[0]),
    );
    expect(state.firstError).toBeNull();
  });
});

describe('shocks', () => {
  it('adds a valid shock up to the engine maximum and removes one with its key', () => {
    const state = new ConfigState();
    for (let i = 0; i < MAX_SHOCKS; i++) expect(state.addShock()).toBe(i);
    expect(state.addShock()).toBe(-1);
    expect(state.isValid).toBe(true);
    const key = state.shockKey(2);
    state.removeShock(1);
    expect(state.shockKey(1)).toBe(key);
    expect(state.config.shocks).toHaveLength(MAX_SHOCKS - 1);
  });
});

describe('κ_Q·θ_Q = κ_P·θ_P', () => {
  const drift = (s: ConfigState, measure: 'P' | 'Q') =>
    measure === 'P'
      ? s.config.market.kappaP * s.config.market.thetaP
      : s.config.market.kappaQ * s.config.market.thetaQ;

  it.each(['market.kappaP', 'market.thetaP', 'market.kappaQ', 'market.thetaQ'])(
    'holds after editing %s while kept equal',
    (path) => {
      const state = new ConfigState();
      state.set(path, 2 * (state.numberAt(path) ?? 0));
      // Relative 1e-12: the coupling divides once; the engine's tolerance is 1e-4.
      expect(Math.abs(drift(state, 'Q') / drift(state, 'P') - 1)).toBeLessThan(1e-12);
      expect(state.isValid).toBe(true);
    },
  );

  it('is not forced when switched off, and the engine then names θ_Q', () => {
    const state = new ConfigState();
    state.setKeepDriftMatched(false);
    state.set('market.kappaQ', 2);
    expect(state.errorFor('market.thetaQ')).toMatch(/^must equal kappaP·thetaP\/kappaQ/);
    state.setKeepDriftMatched(true);
    expect(state.isValid).toBe(true);
  });

  it('leaves θ_Q alone when κ_Q is 0 (no Infinity in the config)', () => {
    const state = new ConfigState();
    const thetaQ = state.config.market.thetaQ;
    state.set('market.kappaQ', 0);
    expect(state.config.market.thetaQ).toBe(thetaQ);
    expect(numbers(state.config).filter(([, x]) => !Number.isFinite(x))).toEqual([]);
    expect(state.errorFor('market.kappaQ')).toBe('must be between 0.01 and 50');
  });
});

describe('paths', () => {
  it.each([
    ['seed', ['seed']],
    ['market.jumps.sdLog', ['market', 'jumps', 'sdLog']],
    ['layers[1].trigger.conditions[0].value', ['layers', 1, 'trigger', 'conditions', 0, 'value']],
    ['shocks[12]', ['shocks', 12]],
  ])('parseConfigPath(%j)', (path, keys) => {
    expect(parseConfigPath(path)).toEqual(keys);
  });

  it('reads values by path and refuses to write where there is no object', () => {
    const state = new ConfigState(strategyPreset('alvh-example'));
    expect(state.valueAt('layers[3].strikeRule')).toBe('delta');
    expect(state.numberAt('layers[3].name')).toBeNull();
    expect(state.valueAt('layers[9].dte')).toBeUndefined();
    expect(() => state.set('layers[9].dte', 5)).toThrow(/no field at 'layers\[9\].dte'/);
  });
});
