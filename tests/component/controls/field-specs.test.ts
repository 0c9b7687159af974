// The ranges the controls show are the ranges the engine accepts: each spec's min and max are
// valid, a step beyond either end gets the engine's range message, and every number in a config
// has a field.
import { describe, expect, it } from 'vitest';
import { strategyPreset, validateConfig } from '../../../src/engine/index.ts';
import {
  FIELD_SPECS,
  TRIGGER_KINDS,
  specPath,
  type FieldSpec,
} from '../../../src/components/controls/field-specs.ts';
import { ConfigState, TRIGGER_DEFAULT_VALUES } from '../../../src/lib/state/config.svelte.ts';

/** A config where every list has an entry: the seed's layers on the 2008 market (two shocks). */
function fullState(): ConfigState {
  const state = new ConfigState(strategyPreset('alvh-example', { market: 'crash-2008' }));
  state.setKeepDriftMatched(false);
  return state;
}

/** The message at `path` after setting it to `value`. */
function messageAfter(path: string, value: number | null, prepare?: (s: ConfigState) => void) {
  const state = fullState();
  prepare?.(state);
  state.set(path, value);
  return state.errorFor(path) ?? '';
}

/** A step beyond `end`: 1 for whole numbers, else a millionth of it (so a spec range that is
 *  narrower than the engine's by more than that fails the test). */
const beyond = (spec: FieldSpec, end: number) =>
  spec.integer ? 1 : Math.max(Math.abs(end), 1e-6) * 1e-6;

interface Case {
  name: string;
  path: string;
  spec: FieldSpec;
  prepare?: (s: ConfigState) => void;
}

const cases: Case[] = [
  ...Object.entries(FIELD_SPECS).map(([name, spec]: [string, FieldSpec]) => ({
    name,
    path: name.replace(/\[\]/g, '[0]'),
    spec,
  })),
  ...TRIGGER_KINDS.filter((k) => k.value).map((k) => ({
    name: `trigger value of '${k.kind}'`,
    path: 'layers[0].trigger.conditions[0].value',
    spec: k.value!,
    prepare: (s: ConfigState) => s.setConditionKind(0, 0, k.kind),
  })),
];

describe.each(cases)('$name', ({ path, spec, prepare }) => {
  it('accepts its min and max (no range message)', () => {
    expect(messageAfter(path, spec.min, prepare)).not.toMatch(/between/);
    expect(messageAfter(path, spec.max, prepare)).not.toMatch(/between/);
  });

  it('gets the range message just outside either end', () => {
    expect(messageAfter(path, spec.min - beyond(spec, spec.min), prepare)).toMatch(/between/);
    expect(messageAfter(path, spec.max + beyond(spec, spec.max), prepare)).toMatch(/between/);
  });

  it(spec.blank === undefined ? 'refuses null' : `accepts blank (${spec.blank})`, () => {
    const message = messageAfter(path, null, prepare);
    if (spec.blank === undefined) expect(message).toBe('must be a number');
    else expect(message).toBe('');
  });
});

describe.each(cases.filter((c) => c.spec.integer))('$name', ({ path, spec, prepare }) => {
  it('asks for a whole number', () => {
    expect(messageAfter(path, spec.min + 0.5, prepare)).toMatch(/whole number/);
  });
});

describe('coverage', () => {
  it('has a field for every number in a config', () => {
    const state = fullState();
    state.set('layers[0].sizing', 'contracts');
    const paths = new Set<string>();
    const walk = (x: unknown, path: string) => {
      if (typeof x === 'number' || x === null) paths.add(specPath(path));
      else if (Array.isArray(x)) x.forEach((item, i) => walk(item, `${path}[${i}]`));
      else if (typeof x === 'object') {
        for (const [k, v] of Object.entries(x)) walk(v, path ? `${path}.${k}` : k);
      }
    };
    walk(state.config, '');
    const covered = new Set([
      ...Object.keys(FIELD_SPECS),
      'version',
      'layers[].trigger.conditions[].value',
    ]);
    expect([...paths].filter((p) => !covered.has(p))).toEqual([]);
  });

  it('lists every trigger kind the engine knows, with a value field exactly when it has a value', () => {
    const config = strategyPreset('alvh-example');
    (config.layers[0].trigger.conditions as unknown[])[0] = { kind: 'no-such-kind' };
    const result = validateConfig(config);
    const message = result.ok ? '' : result.errors[0].message;
    const engineKinds = [...message.matchAll(/'([a-z-]+)'/g)].map((m) => m[1]);
    expect(engineKinds.length).toBeGreaterThan(5);
    expect(TRIGGER_KINDS.map((k) => k.kind).sort()).toEqual(engineKinds.sort());
    for (const k of TRIGGER_KINDS) {
      expect(k.value !== undefined).toBe(TRIGGER_DEFAULT_VALUES[k.kind] !== undefined);
    }
  });
});
