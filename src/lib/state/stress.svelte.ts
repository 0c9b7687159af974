/**
 * The stress comparison's state: runs the base config, then the shocked one (engine
 * `stressedConfig`: same seed, the scenario's shocks added), on the page's shared worker pool
 * (`run.pool.run`), with progress, cancel and errors, and keeps both results for the panel.
 *
 * The base run is skipped when the main run already holds a complete result of exactly the
 * config on screen: same config and seed give the same numbers, so re-running it would only cost
 * time. The pool runs one config at a time; a main run started while a stress run is in flight
 * rejects it with an AbortError, which ends here as 'cancelled' with a message that says why.
 */
import {
  stressEffects,
  validateConfig,
  formatConfigError,
  type SimulationConfig,
  type SimulationResult,
  type StressComparisonSummary,
} from '../../engine/index.ts';
import { isAbortError } from '../compute/pool.ts';
import type { RunPool, RunStatus } from './run.svelte.ts';
import { sameConfig } from './sessions.svelte.ts';

/** What StressState needs of the page's RunState (RunState has it; tests pass plain objects). */
export interface StressRunSource {
  readonly pool: RunPool;
  readonly status: RunStatus;
  readonly result: SimulationResult | null;
  readonly partial: boolean;
  readonly config: SimulationConfig | null;
  /** Marks the workers as taken (RunState.occupy); a fake may leave it out. */
  occupy?(what: string): () => void;
}

export type StressStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';
/** Which of the two runs is in flight. */
export type StressPhase = 'base' | 'shocked';

/** Inputs of {@link StressState.start}. */
export interface StressStartOptions {
  /** The base config: the settings on screen, valid. */
  base: SimulationConfig;
  /** The shocked config (`stressedConfig(...).config`); validated here. */
  shocked: SimulationConfig;
  /** Name of the scenario, kept with the results for the sentences (e.g. "Covid crash (2020)"). */
  label: string;
}

export class StressState {
  status = $state<StressStatus>('idle');
  phase = $state<StressPhase | null>(null);
  /** Share of the whole comparison done, 0…1 (the base run is the first half unless reused). */
  progress = $state(0);
  /** Whether the base result came from the main run instead of a run of its own. */
  reusedBase = $state(false);
  base = $state.raw<SimulationResult | null>(null);
  shocked = $state.raw<SimulationResult | null>(null);
  /** Label of the scenario of the results on screen. */
  label = $state('');
  /** The base config of the comparison on screen (the settings it was run with). */
  baseConfig = $state.raw<SimulationConfig | null>(null);
  #release: (() => void) | null = null;
  /** Why the last comparison stopped (cancelled or failed), for the user; null otherwise. */
  message = $state<string | null>(null);

  /** shocked − base per book and statistic and the hedge's value in each run (when done). */
  readonly summary: StressComparisonSummary | null = $derived(
    this.status === 'done' && this.base && this.shocked
      ? stressEffects({ base: this.base, shocked: this.shocked })
      : null,
  );
  readonly running = $derived(this.status === 'running');

  readonly #run: StressRunSource;
  #controller: AbortController | null = null;
  #id = 0;

  constructor(run: StressRunSource) {
    this.#run = run;
  }

  /**
   * Runs the comparison (a run in flight is cancelled first). Resolves when it ends, whatever the
   * outcome; never rejects. An invalid shocked config ends in 'error' with its first problem.
   */
  async start(options: StressStartOptions): Promise<void> {
    this.cancel();
    const id = ++this.#id;
    const current = () => id === this.#id;
    const controller = new AbortController();
    this.#controller = controller;
    this.status = 'running';
    this.message = null;
    this.progress = 0;
    this.base = null;
    this.shocked = null;
    this.label = options.label;
    this.baseConfig = options.base;
    this.#release = this.#run.occupy?.('the stress test') ?? null;
    const shockedCheck = validateConfig(options.shocked);
    if (!shockedCheck.ok) {
      this.#end(
        'error',
        `The shocked settings are not valid: ${formatConfigError(shockedCheck.errors[0])}`,
      );
      return;
    }
    const main = this.#run;
    const reuse =
      main.status === 'done' &&
      !main.partial &&
      main.result !== null &&
      sameConfig(main.config, options.base);
    this.reusedBase = reuse;
    const half = reuse ? 0 : 0.5;
    try {
      let base: SimulationResult;
      if (reuse && main.result) {
        base = main.result;
      } else {
        this.phase = 'base';
        base = await main.pool.run(plain(options.base), {
          signal: controller.signal,
          onProgress: (done, total) => {
            if (current() && total > 0) this.progress = (half * done) / total;
          },
        });
        if (!current()) return;
      }
      this.base = base;
      this.phase = 'shocked';
      this.progress = half;
      const shocked = await main.pool.run(plain(shockedCheck.config), {
        signal: controller.signal,
        onProgress: (done, total) => {
          if (current() && total > 0) this.progress = half + ((1 - half) * done) / total;
        },
      });
      if (!current()) return;
      this.shocked = shocked;
      this.progress = 1;
      this.#end('done', null);
    } catch (error) {
      if (!current()) return;
      if (isAbortError(error)) {
        this.#end(
          'cancelled',
          controller.signal.aborted
            ? 'Stress test cancelled.'
            : 'Stress test cancelled: another run started on the same workers.',
        );
      } else {
        this.#end(
          'error',
          `The stress test failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }

  /** Cancels the comparison in flight; nothing when idle. */
  cancel(): void {
    if (this.status !== 'running') return;
    const controller = this.#controller;
    this.#id++;
    this.#end('cancelled', 'Stress test cancelled.');
    controller?.abort();
  }

  #end(status: Exclude<StressStatus, 'idle' | 'running'>, message: string | null): void {
    this.#release?.();
    this.#release = null;
    this.status = status;
    this.phase = null;
    this.message = message;
    this.#controller = null;
  }
}

/** A plain copy to cross to the workers (configs from the form may be rune proxies). */
function plain<T>(value: T): T {
  return $state.snapshot(value) as T;
}
