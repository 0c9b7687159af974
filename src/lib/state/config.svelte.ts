/**
 * The config being edited: one `SimulationConfig` in engine units (fractions, not percents), its
 * validation by the engine's `validateConfig` on every change, and the edits the controls make
 * (presets, layer and shock lists, trigger conditions, the κ_Q·θ_Q = κ_P·θ_P coupling).
 *
 * Text that is not a number (while typing "" or "-"): the input keeps the raw text and reports it
 * here with `setInputError`; the config keeps its last good value, and the field counts as
 * invalid — `errors`, `isValid`, `firstError` and `validConfig` include it — so Run stays disabled
 * with the reason until the text is a number again. Never NaN in the config (tested in
 * tests/unit/lib/state/config.test.ts and the NumberField component tests).
 *
 * Lists (layers, shocks) carry stable keys beside the config (`layerKey`, `shockKey`) so keyed
 * `{#each}` blocks move a card with its layer; the keys are not part of the config.
 */
import { SvelteMap } from 'svelte/reactivity';
import {
  MARKET_PRESET_NAMES,
  STRATEGY_PRESET_NAMES,
  defaultConfig,
  defaultHedgeLayer,
  formatConfigError,
  marketPreset,
  strategyPreset,
  validateConfig,
  type ConfigError,
  type ConfigValidation,
  type HedgeLayerConfig,
  type MarketPresetName,
  type MarketShockConfig,
  type SimulationConfig,
  type StrategyPresetName,
  type TriggerCondition,
} from '../../engine/index.ts';

/** Most hedge layers a config may have (config/schema.ts `layers` maxLength). */
export const MAX_LAYERS = 8;
/** Most conditions in one trigger (config/schema.ts `triggerSchema` maxLength). */
export const MAX_CONDITIONS = 8;
/** Most stress shocks (config/schema.ts `shocks` maxLength). */
export const MAX_SHOCKS = 20;
/** Longest layer name (config/schema.ts `layerSchema.name`). */
export const MAX_LAYER_NAME = 40;

export type TriggerKind = TriggerCondition['kind'];

/**
 * The value a condition gets when its kind is chosen (units as in config/schema.ts: VIX in points,
 * contango and drawdown as fractions); kinds without a value are absent.
 */
export const TRIGGER_DEFAULT_VALUES: Partial<Record<TriggerKind, number>> = {
  'vix-at-least': 25,
  'vix-below': 20,
  'future-at-least': 25,
  'future-below': 20,
  'contango-at-least': 0.05,
  'rsi-below': 30,
  'drawdown-at-least': 0.1,
};

/** A condition of `kind` with its default value. */
export function defaultCondition(kind: TriggerKind): TriggerCondition {
  const value = TRIGGER_DEFAULT_VALUES[kind];
  return (value === undefined ? { kind } : { kind, value }) as TriggerCondition;
}

type PathKey = string | number;

/** `layers[1].trigger.conditions[0].value` → ['layers', 1, 'trigger', 'conditions', 0, 'value']. */
export function parseConfigPath(path: string): PathKey[] {
  const keys: PathKey[] = [];
  for (const part of path.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) throw new Error(`bad config path '${path}'`);
    if (match[1]) keys.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) keys.push(Number(index[1]));
  }
  return keys;
}

/**
 * A deep copy with no proxies. `$state.snapshot` alone returns its argument unchanged in Svelte's
 * server build (the unit tests run there), so clone as well.
 */
function plainCopy<T>(x: T): T {
  return structuredClone($state.snapshot(x)) as T;
}

function isObject(x: unknown): x is Record<PathKey, unknown> {
  return typeof x === 'object' && x !== null;
}

/** Structural equality of plain data (numbers, strings, booleans, null, arrays, objects). */
function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (!isObject(a) || !isObject(b) || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && sameData(a[key], b[key]));
}

/** "Calls copy", "Calls copy 2", …: the first name not in `taken`, at most MAX_LAYER_NAME long. */
export function copyName(name: string, taken: readonly string[]): string {
  const base = name.replace(/ copy(?: \d+)?$/, '');
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' copy' : ` copy ${n}`;
    const candidate = base.slice(0, MAX_LAYER_NAME - suffix.length).trimEnd() + suffix;
    if (!taken.includes(candidate)) return candidate;
  }
}

/** A new layer (the engine's defaultHedgeLayer), sized under the cap and triggered at the kind's default. */
function newLayer(name: string, capPctOfCapital: number): HedgeLayerConfig {
  return defaultHedgeLayer({
    name,
    capPctOfCapital,
    vixAtLeast: TRIGGER_DEFAULT_VALUES['vix-at-least'],
  });
}

interface PresetStrategy {
  name: StrategyPresetName;
  condor: SimulationConfig['condor'];
  layers: SimulationConfig['layers'];
}

// Built once: a preset's condor and layers do not depend on the market preset.
let presetStrategies: PresetStrategy[] | undefined;
function strategies(): PresetStrategy[] {
  presetStrategies ??= STRATEGY_PRESET_NAMES.map((name) => {
    const { condor, layers } = strategyPreset(name);
    return { name, condor, layers };
  });
  return presetStrategies;
}

let presetMarkets:
  | { name: MarketPresetName; market: SimulationConfig['market']; shocks: MarketShockConfig[] }[]
  | undefined;
function markets() {
  presetMarkets ??= MARKET_PRESET_NAMES.map((name) => {
    const { market, shocks } = marketPreset(name);
    return { name, market, shocks };
  });
  return presetMarkets;
}

/** Keys for a keyed `{#each}` over a list that the state reorders. Plain data, not reactive. */
class ListKeys {
  #keys: number[] = [];
  #next = 0;
  reset(): void {
    this.#keys = [];
  }
  at(i: number): number {
    while (this.#keys.length <= i) this.#keys.push(this.#next++);
    return this.#keys[i];
  }
  insert(i: number): void {
    this.at(Math.max(i - 1, 0));
    this.#keys.splice(i, 0, this.#next++);
  }
  remove(i: number): void {
    this.at(i);
    this.#keys.splice(i, 1);
  }
  move(from: number, to: number): void {
    this.at(Math.max(from, to));
    const [key] = this.#keys.splice(from, 1);
    this.#keys.splice(to, 0, key);
  }
}

/**
 * The edited config and its validation. Create one per app (share it through a prop or context);
 * every control takes it as `state`.
 */
export class ConfigState {
  /** The config in engine units. Edit it through the methods so couplings and list keys hold. */
  config = $state<SimulationConfig>(defaultConfig());
  /**
   * Bumped when the config is replaced wholesale (presets, `replace`): inputs drop the raw text
   * they were holding, since it no longer describes the field.
   */
  revision = $state(0);
  /** Keep κ_Q·θ_Q = κ_P·θ_P: editing κ_P, θ_P or κ_Q sets θ_Q; editing θ_Q sets κ_Q. */
  keepDriftMatched = $state(true);

  /** The engine's verdict on the config as it is now. */
  validation: ConfigValidation = $derived(validateConfig($state.snapshot(this.config)));

  /** Text typed into a number input that is not a number, by field path. */
  #inputErrors = new SvelteMap<string, string>();

  /** Every problem: unreadable inputs first (their config value is stale), then the engine's. */
  errors: ConfigError[] = $derived.by(() => {
    const typed = [...this.#inputErrors].map(([path, message]) => ({ path, message }));
    const engine = this.validation.ok ? [] : this.validation.errors;
    return [...typed, ...engine.filter((e) => !this.#inputErrors.has(e.path))];
  });

  /** Field path → message (several messages on one path are joined with "; "). */
  errorsByPath: ReadonlyMap<string, string> = $derived.by(() => {
    const unique = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) === i);
    const paths = unique(this.errors.map((e) => e.path));
    const messagesOf = (path: string) =>
      unique(this.errors.filter((e) => e.path === path).map((e) => e.message)).join('; ');
    // A new Map per derivation, never mutated afterwards: nothing for SvelteMap to track.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    return new Map(paths.map((path) => [path, messagesOf(path)]));
  });

  /** Whether the config can run: the engine accepts it and every input holds a number. */
  isValid = $derived(this.validation.ok && this.#inputErrors.size === 0);

  /** The first problem as one line (`market.rho: must be between -1 and 1`), or null when valid. */
  firstError: string | null = $derived(
    this.errors.length ? formatConfigError(this.errors[0]) : null,
  );

  /** The validated config (the engine's parsed output) when it can run, else null. */
  validConfig: SimulationConfig | null = $derived(
    this.validation.ok && this.#inputErrors.size === 0 ? this.validation.config : null,
  );

  /** The market preset whose market and shocks the config has exactly, or 'custom'. */
  marketPresetName: MarketPresetName | 'custom' = $derived.by(() => {
    const { market, shocks } = this.config;
    const match = markets().find((p) => sameData(p.market, market) && sameData(p.shocks, shocks));
    return match?.name ?? 'custom';
  });

  /** The strategy preset whose condor and layers the config has exactly, or 'custom'. */
  strategyPresetName: StrategyPresetName | 'custom' = $derived.by(() => {
    const { condor, layers } = this.config;
    const match = strategies().find(
      (p) => sameData(p.condor, condor) && sameData(p.layers, layers),
    );
    return match?.name ?? 'custom';
  });

  #layerKeys = new ListKeys();
  #shockKeys = new ListKeys();

  constructor(initial?: SimulationConfig) {
    if (initial) this.config = plainCopy(initial);
  }

  /** The message for a field path, or undefined. */
  errorFor(path: string): string | undefined {
    return this.errorsByPath.get(path);
  }

  /** Replaces the whole config (share links, sessions, imports — validate them first). */
  replace(config: SimulationConfig): void {
    this.config = plainCopy(config);
    this.#replaced();
  }

  /**
   * Applies a strategy preset. With `market`, the whole config becomes that preset on that market
   * preset (`strategyPreset(name, { market })`); without, only the condor, the layers and the
   * preset name change, and the market, shocks, size, seed, capital, cap and costs stay.
   */
  applyStrategyPreset(name: StrategyPresetName, market?: MarketPresetName): void {
    const preset = strategyPreset(name, market ? { market } : {});
    if (market) {
      this.config = preset;
    } else {
      this.config.preset = preset.preset;
      this.config.condor = preset.condor;
      this.config.layers = preset.layers;
    }
    this.#replaced();
  }

  /** Applies a market preset: replaces the market and the shocks, keeps everything else. */
  applyMarketPreset(name: MarketPresetName): void {
    const { market, shocks } = marketPreset(name);
    this.config.market = market;
    this.config.shocks = shocks;
    this.#replaced();
  }

  /** The value at a field path (undefined if there is none). */
  valueAt(path: string): unknown {
    let node: unknown = this.config;
    for (const key of parseConfigPath(path)) {
      if (!isObject(node)) return undefined;
      node = node[key];
    }
    return node;
  }

  /** The number (or null) at a field path; null for anything else. */
  numberAt(path: string): number | null {
    const value = this.valueAt(path);
    return typeof value === 'number' ? value : null;
  }

  /**
   * Sets the value at a field path (engine units), then applies the κθ coupling when a variance
   * drift field changed and `keepDriftMatched` is on.
   *
   * @throws Error when the path does not lead to an existing object (a programming error).
   */
  set(path: string, value: unknown): void {
    const keys = parseConfigPath(path);
    const last = keys.pop();
    let node: unknown = this.config;
    for (const key of keys) node = isObject(node) ? node[key] : undefined;
    if (!isObject(node) || last === undefined) throw new Error(`no field at '${path}'`);
    node[last] = value;
    if (this.keepDriftMatched) this.#matchDrift(path);
  }

  /** Turns the κθ coupling on (θ_Q is set from κ_P·θ_P/κ_Q at once) or off. */
  setKeepDriftMatched(on: boolean): void {
    this.keepDriftMatched = on;
    if (on) this.#matchDrift('market.kappaQ');
  }

  /** Records (or, with null, clears) text at `path` that is not a number. */
  setInputError(path: string, message: string | null): void {
    if (message === null) this.#inputErrors.delete(path);
    else this.#inputErrors.set(path, message);
  }

  /** Adds a default layer at the end; returns its index, or -1 at the maximum. */
  addLayer(): number {
    const layers = this.config.layers;
    if (layers.length >= MAX_LAYERS) return -1;
    const taken = layers.map((l) => l.name);
    let n = layers.length + 1;
    while (taken.includes(`Layer ${n}`)) n++;
    layers.push(newLayer(`Layer ${n}`, this.config.layerCapPctOfCapital));
    this.#layerKeys.insert(layers.length - 1);
    return layers.length - 1;
  }

  /** Removes layer `i` (no-op when out of range). */
  removeLayer(i: number): void {
    if (!this.#hasLayer(i)) return;
    this.config.layers.splice(i, 1);
    this.#layerKeys.remove(i);
  }

  /** Moves layer `i` by `delta` places; returns false (and changes nothing) past either end. */
  moveLayer(i: number, delta: number): boolean {
    const to = i + delta;
    if (!this.#hasLayer(i) || !this.#hasLayer(to) || delta === 0) return false;
    const layers = this.config.layers;
    const [layer] = layers.splice(i, 1);
    layers.splice(to, 0, layer);
    this.#layerKeys.move(i, to);
    return true;
  }

  /** Inserts a copy of layer `i` after it, named "… copy" ("… copy 2", …); returns its index or -1. */
  duplicateLayer(i: number): number {
    const layers = this.config.layers;
    if (!this.#hasLayer(i) || layers.length >= MAX_LAYERS) return -1;
    const copy = plainCopy(layers[i]);
    copy.name = copyName(
      copy.name,
      layers.map((l) => l.name),
    );
    layers.splice(i + 1, 0, copy);
    this.#layerKeys.insert(i + 1);
    return i + 1;
  }

  /** Stable key of layer `i` for keyed each blocks. */
  layerKey(i: number): number {
    return this.#layerKeys.at(i);
  }

  /** Adds a condition (VIX ≥ 25) to layer `i`'s trigger; false at the maximum. */
  addCondition(i: number): boolean {
    if (!this.#hasLayer(i)) return false;
    const conditions = this.config.layers[i].trigger.conditions;
    if (conditions.length >= MAX_CONDITIONS) return false;
    conditions.push(defaultCondition('vix-at-least'));
    return true;
  }

  /** Removes condition `c` of layer `i`'s trigger (a trigger keeps at least one). */
  removeCondition(i: number, c: number): boolean {
    if (!this.#hasLayer(i)) return false;
    const conditions = this.config.layers[i].trigger.conditions;
    if (conditions.length <= 1 || c < 0 || c >= conditions.length) return false;
    conditions.splice(c, 1);
    return true;
  }

  /** Changes the kind of condition `c` of layer `i`; the value becomes the kind's default. */
  setConditionKind(i: number, c: number, kind: TriggerKind): void {
    if (!this.#hasLayer(i)) return;
    const conditions = this.config.layers[i].trigger.conditions;
    if (c < 0 || c >= conditions.length || conditions[c].kind === kind) return;
    conditions[c] = defaultCondition(kind);
  }

  /** Adds a shock (a 5 % SPX gap on day 1); returns its index, or -1 at the maximum. */
  addShock(): number {
    const shocks = this.config.shocks;
    if (shocks.length >= MAX_SHOCKS) return -1;
    shocks.push({ day: 1, spxGap: -0.05, vixTo: null });
    this.#shockKeys.insert(shocks.length - 1);
    return shocks.length - 1;
  }

  /** Removes shock `i` (no-op when out of range). */
  removeShock(i: number): void {
    if (i < 0 || i >= this.config.shocks.length) return;
    this.config.shocks.splice(i, 1);
    this.#shockKeys.remove(i);
  }

  /** Stable key of shock `i`. */
  shockKey(i: number): number {
    return this.#shockKeys.at(i);
  }

  #hasLayer(i: number): boolean {
    return Number.isInteger(i) && i >= 0 && i < this.config.layers.length;
  }

  #replaced(): void {
    this.#layerKeys.reset();
    this.#shockKeys.reset();
    this.#inputErrors.clear();
    this.revision++;
  }

  #matchDrift(path: string): void {
    const m = this.config.market;
    const driftP = m.kappaP * m.thetaP;
    // A value that would leave the range of the other field (0 or ∞) is not propagated: the
    // edited field's own range error says what is wrong.
    if (path === 'market.kappaP' || path === 'market.thetaP' || path === 'market.kappaQ') {
      const thetaQ = driftP / m.kappaQ;
      if (Number.isFinite(thetaQ) && thetaQ > 0) m.thetaQ = thetaQ;
    } else if (path === 'market.thetaQ') {
      const kappaQ = driftP / m.thetaQ;
      if (Number.isFinite(kappaQ) && kappaQ > 0) m.kappaQ = kappaQ;
    }
  }
}
