/**
 * The state of a threshold sweep, for the components: the picked parameter and the grid fields
 * (with their validation messages), the sweep run (one grid point after the other on the shared
 * worker pool, every point with the same seed — common random numbers), progress, cancel, and the
 * out-of-sample check (the chosen value and a reference value re-run with a new seed).
 *
 * The pool runs one config at a time: a main Run started while the sweep runs rejects the point in
 * flight with an AbortError, which ends the sweep as cancelled with a message saying why.
 * Results are plain data in `$state.raw`, replaced, never mutated.
 */
import {
  compareOutOfSample,
  configAt,
  formatConfigError,
  outOfSampleSeed,
  pickBest,
  sweepGrid,
  sweepParameters,
  sweepPoint,
  SWEEP_MAX_STEPS,
  SWEEP_MIN_STEPS,
  type OutOfSampleComparison,
  type SimulationConfig,
  type SweepCriterion,
  type SweepParameter,
  type SweepPoint,
} from '../../engine/index.ts';
import { displayValue, engineValue, formatSweepValue, unitText } from '../charts/sweep.ts';
import { isAbortError } from '../compute/pool.ts';
import { capitalize } from '../format.ts';
import type { RunPool } from './run.svelte.ts';
import { sameConfig } from './sessions.svelte.ts';

/** Paths per grid point: default and bounds. */
export const SWEEP_DEFAULT_PATHS = 2000;
export const SWEEP_MIN_PATHS = 100;
export const SWEEP_MAX_PATHS = 20_000;
/** Grid points by default. */
export const SWEEP_DEFAULT_STEPS = 5;

export type SweepStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

/** What the sweep needs of the page's run state (RunState has it; tests pass fakes). */
export interface SweepRunSource {
  pool: RunPool;
  /** Paths per second of the last main run (0 when unknown). */
  pathsPerSec: number;
  /** The config of the last main run (its horizon scales the speed to the sweep's). */
  config: SimulationConfig | null;
  status: string;
  /** Why the workers cannot take another job now (RunState.workersBusy); absent in fakes. */
  workersBusy?: string | null;
  /** Marks the workers as taken (RunState.occupy); absent in fakes. */
  occupy?(what: string): () => void;
}

/** A finished (or partly finished) sweep: its inputs and one point per finished grid value. */
export interface SweepRun {
  parameter: SweepParameter;
  /** The config the sweep varied (with the sweep's paths), before any grid value was applied. */
  base: SimulationConfig;
  values: number[];
  /** Figures of the grid values finished so far, in grid order. */
  points: SweepPoint[];
}

/** The out-of-sample check of a sweep. */
export interface OutOfSampleCheck {
  status: 'running' | 'done' | 'cancelled' | 'error';
  criterion: SweepCriterion;
  /** Index of the chosen and of the reference grid value. */
  chosen: number;
  reference: number;
  /** Seed of the sweep (in sample) and of the re-run (out of sample). */
  seed: number;
  newSeed: number;
  outOfSample: { chosen: SweepPoint | null; reference: SweepPoint | null };
  comparison: OutOfSampleComparison | null;
}

/** Field messages of the sweep form; a field without a message is valid. */
export interface SweepFormErrors {
  parameter?: string;
  from?: string;
  to?: string;
  steps?: string;
  paths?: string;
}

/** Default grid around the current value: ×0.75 to ×1.5, kept inside the range. */
function defaultEnds(p: SweepParameter): { from: number; to: number } {
  const clampTo = (x: number) => Math.min(p.max, Math.max(p.min, x));
  const round = (x: number) => (p.integer ? Math.round(x) : +x.toPrecision(3));
  let from = clampTo(round(p.value * 0.75));
  let to = clampTo(round(p.value * 1.5));
  if (!(to > from)) {
    from = p.min;
    to = p.max;
  }
  return { from: displayValue(from, p.unit), to: displayValue(to, p.unit) };
}

const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
/** Display value rounded for messages: 12 significant digits, trailing zeros dropped. */
const show = (x: number): string => String(+x.toPrecision(12));

export class SweepState {
  /** The picked parameter's path and label (both must still match one of the config's). */
  picked = $state<{ path: string; label: string } | null>(null);
  /**
   * Grid ends as typed, display units (fractions and deltas ×100): undefined = not typed (the
   * default around the current value applies), null = a blank or unreadable field.
   */
  from = $state<number | null | undefined>(undefined);
  to = $state<number | null | undefined>(undefined);
  steps = $state<number | null>(SWEEP_DEFAULT_STEPS);
  paths = $state<number | null>(SWEEP_DEFAULT_PATHS);
  criterion = $state<SweepCriterion>('lowest-cvar95');

  status = $state<SweepStatus>('idle');
  /** Grid point in flight (1-based) and its share done, 0…1. */
  pointNumber = $state(0);
  pointProgress = $state(0);
  /** A message for the user about the last sweep or check (cancelled, failed…). */
  message = $state<string | null>(null);
  sweep = $state.raw<SweepRun | null>(null);
  check = $state.raw<OutOfSampleCheck | null>(null);
  /** Path-days per second measured by the last sweep (0 until one ran). */
  pathDaysPerSec = $state(0);

  /** The config's sweepable parameters. */
  readonly parameters: SweepParameter[] = $derived.by(() => sweepParameters(this.#config()));

  /** The parameter in use: the picked one if the config still has it, else the first. */
  readonly parameter: SweepParameter | null = $derived.by(() => {
    const picked = this.picked;
    if (picked) {
      const same = this.parameters.find((p) => p.path === picked.path && p.label === picked.label);
      if (same) return same;
    }
    return this.parameters[0] ?? null;
  });

  /** Set when the picked parameter is gone from the settings (its layer was removed or changed). */
  readonly lostParameter: string | null = $derived.by(() => {
    const picked = this.picked;
    if (!picked) return null;
    const same = this.parameters.some((p) => p.path === picked.path && p.label === picked.label);
    return same ? null : picked.label;
  });

  /** The grid ends shown in the fields: typed values, or defaults around the current value. */
  readonly fromValue: number | null = $derived(
    this.from !== undefined ? this.from : this.parameter ? defaultEnds(this.parameter).from : null,
  );
  readonly toValue: number | null = $derived(
    this.to !== undefined ? this.to : this.parameter ? defaultEnds(this.parameter).to : null,
  );

  readonly errors: SweepFormErrors = $derived.by(() => this.#validate());
  /** Another job on the workers (a run, a stress test…) that starting now would cancel. */
  readonly #othersBusy: string | null = $derived.by(() =>
    this.status === 'running' || this.check?.status === 'running'
      ? null
      : (this.#run.workersBusy ?? null),
  );
  readonly canRun: boolean = $derived.by(
    () =>
      this.status !== 'running' &&
      this.check?.status !== 'running' &&
      this.#othersBusy === null &&
      Object.keys(this.errors).length === 0 &&
      this.#valid() !== null,
  );
  /** Why Run sweep is disabled, for the user; null when it is enabled. */
  readonly disabledReason: string | null = $derived.by(() => {
    if (this.status === 'running') return 'A sweep is running.';
    if (this.check?.status === 'running') return 'The out-of-sample check is running.';
    if (this.#othersBusy) return `${capitalize(this.#othersBusy)}; wait for it to finish.`;
    if (this.#valid() === null)
      return 'The settings have an error: fix it in the settings panel first.';
    const first = Object.values(this.errors)[0];
    return first ?? null;
  });

  readonly running: boolean = $derived(
    this.status === 'running' || this.check?.status === 'running',
  );

  /**
   * The sweep on screen was run with other settings than those on screen now (paths aside: the
   * sweep has its own): its chosen value belongs to them, so it is neither checked nor applied.
   */
  readonly stale: boolean = $derived.by(() => {
    const sweep = this.sweep;
    const valid = this.#valid();
    if (!sweep || this.status === 'running') return false;
    return !valid || !sameConfig({ ...sweep.base, paths: 1 }, { ...valid, paths: 1 });
  });

  /** Estimated seconds for the sweep from the last measured speed, or null when unknown. */
  readonly estimatedSeconds: number | null = $derived.by(() => {
    const config = this.#valid();
    const steps = this.steps;
    const paths = this.paths;
    if (!config || !isNumber(steps) || !isNumber(paths)) return null;
    const pathDays = this.#pathDaysPerSec();
    if (pathDays === null) return null;
    return (steps * paths * config.horizonDays) / pathDays;
  });

  /** Index of the best grid point by the criterion (among finished points), or null. */
  readonly best: number | null = $derived(
    this.sweep && this.sweep.points.length === this.sweep.values.length
      ? pickBest(this.sweep.points, this.criterion)
      : null,
  );

  readonly #config: () => SimulationConfig;
  readonly #valid: () => SimulationConfig | null;
  readonly #run: SweepRunSource;
  readonly #now: () => number;
  #controller: AbortController | null = null;
  #runId = 0;

  constructor(options: {
    /** The edited config (reactive getter, e.g. `() => configState.config`). */
    config: () => SimulationConfig;
    /** The valid config or null (e.g. `() => configState.validConfig`). */
    validConfig: () => SimulationConfig | null;
    run: SweepRunSource;
    now?: () => number;
  }) {
    this.#config = options.config;
    this.#valid = options.validConfig;
    this.#run = options.run;
    this.#now = options.now ?? (() => performance.now());
  }

  /**
   * Chooses the criterion the value is picked by. A check already done answered for the other
   * criterion, so it is dropped: the table and the verdict never mix two answers.
   */
  setCriterion(criterion: SweepCriterion): void {
    if (criterion === this.criterion) return;
    this.criterion = criterion;
    if (this.check && this.check.status !== 'running') this.check = null;
  }

  /** Picks a parameter by path and resets the grid ends to defaults around its value. */
  pick(path: string): void {
    const p = this.parameters.find((q) => q.path === path);
    if (!p) return;
    this.picked = { path: p.path, label: p.label };
    this.from = undefined;
    this.to = undefined;
  }

  /** Sets a grid end as the user typed it (display units; null, undefined or NaN: blank). */
  setFrom(x: number | null | undefined): void {
    this.from = isNumber(x) ? x : null;
  }

  setTo(x: number | null | undefined): void {
    this.to = isNumber(x) ? x : null;
  }

  #pathDaysPerSec(): number | null {
    if (this.pathDaysPerSec > 0) return this.pathDaysPerSec;
    const run = this.#run;
    if (run.status === 'done' && run.pathsPerSec > 0 && run.config)
      return run.pathsPerSec * run.config.horizonDays;
    return null;
  }

  #validate(): SweepFormErrors {
    const errors: SweepFormErrors = {};
    const p = this.parameter;
    if (!p) {
      errors.parameter = 'Parameter: these settings have no rule parameter to sweep.';
      return errors;
    }
    const unit = unitText(p.unit);
    const lo = displayValue(p.min, p.unit);
    const hi = displayValue(p.max, p.unit);
    const range = `${show(lo)} and ${show(hi)} ${unit}`;
    const end = (name: 'From' | 'To', x: number | null): string | undefined => {
      if (x === null) return `${name}: enter a number between ${range}.`;
      if (x < lo || x > hi) return `${name}: must be between ${range}.`;
      if (p.integer && !Number.isInteger(x)) return `${name}: must be a whole number of ${unit}.`;
      const config = this.#valid();
      if (config) {
        const out = configAt({ config, parameter: p, value: engineValue(x, p.unit) });
        if (!out.ok)
          return `${name}: ${show(x)} is not allowed — ${formatConfigError(out.errors[0])}.`;
      }
      return undefined;
    };
    const from = end('From', this.fromValue);
    const to = end('To', this.toValue);
    if (from) errors.from = from;
    if (to) errors.to = to;
    if (!from && !to && (this.fromValue as number) >= (this.toValue as number))
      errors.to = `To: must be above From (${show(this.fromValue as number)} ${unit}).`;
    const steps = this.steps;
    if (
      !isNumber(steps) ||
      !Number.isInteger(steps) ||
      steps < SWEEP_MIN_STEPS ||
      steps > SWEEP_MAX_STEPS
    )
      errors.steps = `Steps: must be a whole number between ${SWEEP_MIN_STEPS} and ${SWEEP_MAX_STEPS}.`;
    const paths = this.paths;
    if (
      !isNumber(paths) ||
      !Number.isInteger(paths) ||
      paths < SWEEP_MIN_PATHS ||
      paths > SWEEP_MAX_PATHS
    )
      errors.paths = `Paths per point: must be a whole number between ${SWEEP_MIN_PATHS.toLocaleString('en-US')} and ${SWEEP_MAX_PATHS.toLocaleString('en-US')}.`;
    return errors;
  }

  /**
   * Runs the sweep on the current valid config: each grid value in turn, all with the config's
   * seed. Resolves when the sweep ends, whatever the outcome; never rejects.
   */
  async start(): Promise<void> {
    const config = this.#valid();
    const p = this.parameter;
    if (!this.canRun || !config || !p) return;
    const base: SimulationConfig = { ...structuredClone(config), paths: this.paths as number };
    const values = sweepGrid({
      from: engineValue(this.fromValue as number, p.unit),
      to: engineValue(this.toValue as number, p.unit),
      steps: this.steps as number,
      integer: p.integer,
    });
    this.#abortInFlight();
    const id = ++this.#runId;
    const controller = new AbortController();
    this.#controller = controller;
    this.sweep = { parameter: p, base, values, points: [] };
    this.check = null;
    this.message = null;
    this.status = 'running';
    const started = this.#now();
    const release = this.#run.occupy?.('the threshold sweep');
    try {
      for (let k = 0; k < values.length; k++) {
        this.pointNumber = k + 1;
        this.pointProgress = 0;
        const point = await this.#runPoint(base, p, values[k], base.seed, controller, id);
        if (id !== this.#runId) return;
        const sweep: SweepRun = this.sweep;
        this.sweep = { ...sweep, points: [...sweep.points, point] };
      }
      const seconds = (this.#now() - started) / 1000;
      if (seconds > 0)
        this.pathDaysPerSec = (values.length * base.paths * base.horizonDays) / seconds;
      this.status = 'done';
    } catch (error) {
      if (id !== this.#runId) return;
      this.#ended(error, 'sweep');
      this.status = isAbortError(error) ? 'cancelled' : 'error';
    } finally {
      release?.();
      if (id === this.#runId) this.#controller = null;
    }
  }

  /**
   * Re-runs the chosen value (the best by the criterion) and a reference value with a new seed
   * (`outOfSampleSeed`), and compares how much better the chosen value looked in sample with how
   * much better it is on the new paths. The reference is the grid value nearest the setting the
   * sweep started from; when that is the chosen value itself, the runner-up by the criterion.
   */
  async checkOutOfSample(): Promise<void> {
    const sweep = this.sweep;
    const chosen = this.best;
    if (!sweep || chosen === null || this.running || this.stale || this.#othersBusy) return;
    const reference = referenceIndex(sweep, chosen, this.criterion);
    if (reference === null) return;
    const seed = sweep.base.seed;
    const newSeed = outOfSampleSeed(seed);
    const id = ++this.#runId;
    const controller = new AbortController();
    this.#controller = controller;
    this.message = null;
    let check: OutOfSampleCheck = {
      status: 'running',
      criterion: this.criterion,
      chosen,
      reference,
      seed,
      newSeed,
      outOfSample: { chosen: null, reference: null },
      comparison: null,
    };
    this.check = check;
    const release = this.#run.occupy?.('the out-of-sample check');
    try {
      this.pointNumber = 1;
      this.pointProgress = 0;
      const a = await this.#runPoint(
        sweep.base,
        sweep.parameter,
        sweep.values[chosen],
        newSeed,
        controller,
        id,
      );
      if (id !== this.#runId) return;
      check = { ...check, outOfSample: { chosen: a, reference: null } };
      this.check = check;
      this.pointNumber = 2;
      this.pointProgress = 0;
      const b = await this.#runPoint(
        sweep.base,
        sweep.parameter,
        sweep.values[reference],
        newSeed,
        controller,
        id,
      );
      if (id !== this.#runId) return;
      this.check = {
        ...check,
        status: 'done',
        outOfSample: { chosen: a, reference: b },
        comparison: compareOutOfSample({
          criterion: check.criterion,
          inSample: { chosen: sweep.points[chosen], reference: sweep.points[reference] },
          outOfSample: { chosen: a, reference: b },
        }),
      };
    } catch (error) {
      if (id !== this.#runId) return;
      this.#ended(error, 'check');
      this.check = { ...check, status: isAbortError(error) ? 'cancelled' : 'error' };
    } finally {
      release?.();
      if (id === this.#runId) this.#controller = null;
    }
  }

  /** Cancels the sweep or check in flight (its points so far stay on the chart). */
  cancel(): void {
    if (!this.running) return;
    const controller = this.#controller;
    this.#runId++;
    this.#controller = null;
    const done = this.sweep?.points.length ?? 0;
    if (this.status === 'running') {
      this.status = 'cancelled';
      this.message = `Sweep cancelled after ${done} of ${this.sweep?.values.length ?? 0} points.`;
    }
    if (this.check?.status === 'running') {
      this.check = { ...this.check, status: 'cancelled' };
      this.message = 'Out-of-sample check cancelled.';
    }
    controller?.abort();
  }

  /**
   * The chosen value as a plain sentence for "Use this value", e.g. "25 VIX points"; null when
   * nothing is chosen or the swept parameter is gone from the settings.
   */
  chosenValue(): { path: string; value: number; text: string } | null {
    const sweep = this.sweep;
    const best = this.best;
    if (!sweep || best === null) return null;
    const p = sweep.parameter;
    const now = this.parameters.find((q) => q.path === p.path && q.label === p.label);
    if (!now) return null;
    const value = sweep.values[best];
    return { path: p.path, value, text: formatSweepValue(value, p.unit) };
  }

  async #runPoint(
    base: SimulationConfig,
    parameter: SweepParameter,
    value: number,
    seed: number,
    controller: AbortController,
    id: number,
  ): Promise<SweepPoint> {
    const out = configAt({ config: { ...base, seed }, parameter, value });
    if (!out.ok)
      throw new Error(
        `${formatSweepValue(value, parameter.unit)}: ${formatConfigError(out.errors[0])}`,
      );
    const result = await this.#run.pool.run(out.config, {
      signal: controller.signal,
      onProgress: (done, total) => {
        if (id === this.#runId) this.pointProgress = total > 0 ? done / total : 0;
      },
    });
    return sweepPoint(result);
  }

  #abortInFlight(): void {
    const controller = this.#controller;
    this.#runId++;
    this.#controller = null;
    controller?.abort();
  }

  #ended(error: unknown, what: 'sweep' | 'check'): void {
    const name = what === 'sweep' ? 'The sweep' : 'The out-of-sample check';
    if (isAbortError(error))
      this.message = `${name} stopped: another simulation started (the workers run one at a time). Run it again when that one has finished.`;
    else this.message = `${name} failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * The reference grid value of the out-of-sample check: the one nearest the value the sweep
 * started from, or — when that is the chosen one — the runner-up by the criterion.
 */
export function referenceIndex(
  sweep: Pick<SweepRun, 'parameter' | 'values' | 'points'>,
  chosen: number,
  criterion: SweepCriterion,
): number | null {
  if (sweep.values.length < 2) return null;
  let nearest = 0;
  sweep.values.forEach((v, i) => {
    if (
      Math.abs(v - sweep.parameter.value) < Math.abs(sweep.values[nearest] - sweep.parameter.value)
    )
      nearest = i;
  });
  if (nearest !== chosen) return nearest;
  const others = sweep.points.map((p, i) =>
    i === chosen ? { ...p, mean: null, cvar95: null } : p,
  );
  return pickBest(others, criterion);
}
