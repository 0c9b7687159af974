/**
 * The state of a simulation run, for the components: status, progress, elapsed time and speed,
 * the result (partial results replace it while shards finish), warnings and the error. It drives
 * the worker pool (src/lib/compute/pool.ts), which it creates lazily in the browser (or takes
 * injected, for tests).
 *
 * Svelte 5 conventions (STYLE.md, PITFALLS.md): the result is large plain data, so it lives in
 * `$state.raw` and is replaced, never mutated; configs cross to the workers as `$state.snapshot`s.
 */
import type {
  PathDetail,
  ReplayResult,
  ReplaySeries,
  SimulationConfig,
  SimulationResult,
} from '../../engine/index.ts';
import { InvalidConfigError } from '../../engine/index.ts';
import {
  isAbortError,
  poolOptionsFromSearch,
  type RunOptions,
  type WarmUpResult,
} from '../compute/pool.ts';
import { createBrowserPool } from '../compute/simulation-worker.ts';

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

/** What RunState needs of a pool (SimulationPool has it; tests inject fakes). */
export interface RunPool {
  run(config: unknown, options: RunOptions): Promise<SimulationResult>;
  prepare(config: unknown): void;
  dispose(): void;
  /** Re-runs one path with its details (SimulationPool.pathDetail; fakes may leave it out). */
  pathDetail?(config: unknown, path: number): Promise<PathDetail>;
  /** The workers' warm-up result, once (SimulationPool.onWarmUpResult; fakes may leave it out). */
  onWarmUpResult?(listener: (warmUp: WarmUpResult) => void): () => void;
  /** Replays a config on an observed series (SimulationPool.replay; fakes may leave it out). */
  replay?(
    config: unknown,
    series: ReplaySeries,
    options: { signal?: AbortSignal },
  ): Promise<ReplayResult>;
}

export interface RunStateOptions {
  /** A pool to use instead of the browser's worker pool (tests). */
  pool?: RunPool;
  /**
   * Workers of the browser pool. When neither this nor `crashTest` is given, both come from the
   * page's query string (`?workers=N`, `?crashTest=1`; see `poolOptionsFromSearch`).
   */
  size?: number;
  /** The pool's crash test: one worker crashes during the next run. */
  crashTest?: boolean;
  /** Clock, milliseconds (tests inject one). */
  now?: () => number;
}

/** How often the elapsed time and speed refresh while running, milliseconds. */
const TICK_MS = 100;

export class RunState {
  status = $state<RunStatus>('idle');
  /** Share of the path-steps done, 0…1 (throttled by the pool to ≤ 10 updates a second). */
  progress = $state(0);
  /** Time since Run, milliseconds (ticks while running; final once the run ends). */
  elapsedMs = $state(0);
  /** Paths simulated per second so far (0 until the first progress). */
  pathsPerSec = $state(0);
  /** The latest result: partial while running, then the full one. */
  result = $state.raw<SimulationResult | null>(null);
  /**
   * The config of `result` (exports and sessions carry it). It differs from `config` while a new
   * run has not yet delivered: the previous result stays on screen until then.
   */
  resultConfig = $state.raw<SimulationConfig | null>(null);
  /** Whether `result` covers only the first `result.paths` paths of the run. */
  partial = $state(false);
  /** The config of the run that produced `result` (or of the run in flight). */
  config = $state.raw<SimulationConfig | null>(null);
  /** Why the last run failed, for the user (null unless status is 'error'). */
  error = $state<string | null>(null);
  /** Messages of the last run that did not stop it (e.g. a replaced worker). */
  warnings = $state<string[]>([]);
  /**
   * The workers' small warm-up run, once it is done (null before): the page draws it off screen
   * once, so that the first real result is drawn by warm code (DashboardRehearsal.svelte).
   */
  warmUp = $state.raw<WarmUpResult | null>(null);
  #warmUpListening = false;

  readonly running = $derived(this.status === 'running');
  /** Jobs on the workers besides the main run ("the stress test", "the threshold sweep"…). */
  #jobs = $state<string[]>([]);
  /**
   * Why the workers cannot take another job now — a run or another job is on them, and starting
   * one would cancel it (the pool runs one at a time) — or null when they are free. Every control
   * that starts a job shows it as its disabled reason.
   */
  readonly workersBusy: string | null = $derived(
    this.status === 'running'
      ? 'a simulation is running'
      : this.#jobs.length > 0
        ? `${this.#jobs[0]} is running`
        : null,
  );

  #pool: RunPool | null;
  readonly #options: RunStateOptions;
  readonly #now: () => number;
  #controller: AbortController | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;
  #startedAt = 0;
  #runId = 0;

  constructor(options: RunStateOptions = {}) {
    this.#options = options;
    this.#pool = options.pool ?? null;
    this.#now = options.now ?? (() => performance.now());
  }

  /**
   * The worker pool, created on first use (so constructing a RunState starts no worker). Batch
   * runners (stress comparison, threshold sweep, replay) share it: one set of workers per page.
   * The pool runs one config at a time — a batch run cancels a main run in flight and vice versa.
   */
  get pool(): RunPool {
    return this.#workers;
  }

  get #workers(): RunPool {
    this.#pool ??= createBrowserPool(this.#poolOptions());
    return this.#pool;
  }

  #poolOptions(): { size?: number; crashTest: boolean } {
    const { size, crashTest } = this.#options;
    if (size === undefined && crashTest === undefined)
      return poolOptionsFromSearch(
        (globalThis as { location?: { search: string } }).location?.search ?? '',
      );
    return { ...(size !== undefined ? { size } : {}), crashTest: crashTest ?? false };
  }

  /**
   * Readies the workers for `config` now (pricing tables of its market, a one-off warm-up), so
   * the next Run starts warm. Call it on start and whenever the config changes: only a changed
   * market rebuilds tables; an invalid config (or null) is ignored; a run in flight defers it.
   */
  prepare(config: SimulationConfig | null): void {
    if (!config) return;
    try {
      const pool = this.#workers;
      pool.prepare(plainCopy(config));
      if (!this.#warmUpListening && pool.onWarmUpResult) {
        this.#warmUpListening = true;
        pool.onWarmUpResult((warmUp) => (this.warmUp = warmUp));
      }
    } catch {
      // No workers in this environment: `run` reports it.
    }
  }

  /**
   * Runs `config` (a snapshot of it: later edits do not affect the run). A run in flight is
   * cancelled first. Resolves when this run ends, whatever the outcome; never rejects.
   */
  async run(config: SimulationConfig): Promise<void> {
    const snapshot = plainCopy(config);
    this.cancel();
    const id = ++this.#runId;
    const controller = new AbortController();
    this.#controller = controller;
    this.status = 'running';
    this.progress = 0;
    this.pathsPerSec = 0;
    this.error = null;
    this.warnings = [];
    this.config = snapshot;
    this.#startClock();
    const current = () => id === this.#runId;
    try {
      const result = await this.#workers.run(snapshot, {
        signal: controller.signal,
        onProgress: (done, total) => {
          if (!current()) return;
          this.progress = total > 0 ? done / total : 0;
          this.#tick();
        },
        onPartial: (partial) => {
          if (!current()) return;
          this.result = partial;
          this.resultConfig = snapshot;
          this.partial = true;
        },
        onWarning: (message) => {
          if (current()) this.warnings = [...this.warnings, message];
        },
      });
      if (!current()) return;
      this.result = result;
      this.resultConfig = snapshot;
      this.partial = false;
      this.progress = 1;
      this.#stop('done');
    } catch (error) {
      if (!current()) return;
      if (isAbortError(error)) {
        this.#stop('cancelled');
      } else {
        this.error = describeError(error);
        this.#stop('error');
      }
    }
  }

  /**
   * Marks the workers as taken by `what` ("the stress test") until the returned release is called
   * (once is enough; later calls do nothing). Batch runners call it around their pool jobs.
   */
  occupy(what: string): () => void {
    this.#jobs = [...this.#jobs, what];
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const i = this.#jobs.indexOf(what);
      if (i >= 0) this.#jobs = [...this.#jobs.slice(0, i), ...this.#jobs.slice(i + 1)];
    };
  }

  /**
   * Path `path` of the result on screen, re-run on a worker with its events and daily series (the
   * path explorer's "Path number"). Rejects when there is no result, the pool cannot, or the index
   * is outside the run. Like any pool job, it cancels a run in flight: call it between runs.
   */
  pathDetail(path: number): Promise<PathDetail> {
    const config = this.resultConfig;
    if (!config) return Promise.reject(new Error('there is no result to take a path from'));
    const pool = this.#workers;
    if (!pool.pathDetail) return Promise.reject(new Error('this pool cannot re-run a path'));
    const release = this.occupy("the path's detail");
    return pool.pathDetail(plainCopy(config), path).finally(release);
  }

  /** Cancels the run in flight (its workers stop within ~100 ms); nothing when idle. */
  cancel(): void {
    if (this.status !== 'running') return;
    const controller = this.#controller;
    // Settle the state now: the pool's rejection arrives a microtask later and is ignored.
    this.#runId++;
    this.#stop('cancelled');
    controller?.abort();
  }

  /** Cancels a run in flight and stops the workers (the page is going away). */
  dispose(): void {
    this.cancel();
    this.#pool?.dispose();
    this.#pool = null;
  }

  #startClock(): void {
    this.#clearTimer();
    this.#startedAt = this.#now();
    this.elapsedMs = 0;
    this.#timer = setInterval(() => this.#tick(), TICK_MS);
  }

  #tick(): void {
    this.elapsedMs = this.#now() - this.#startedAt;
    const paths = this.config?.paths ?? 0;
    this.pathsPerSec = this.elapsedMs > 0 ? (this.progress * paths) / (this.elapsedMs / 1000) : 0;
  }

  #stop(status: Exclude<RunStatus, 'idle' | 'running'>): void {
    this.#tick();
    this.#clearTimer();
    this.#controller = null;
    this.status = status;
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }
}

/**
 * `$state.snapshot` as a function result: Svelte 5.57's server transform turns
 * `const x = $state.snapshot(y)` into `const x = y` (no copy), which the unit tests run.
 */
function plainCopy<T>(value: T): T {
  return $state.snapshot(value) as T;
}

function describeError(error: unknown): string {
  if (error instanceof InvalidConfigError)
    return `The settings are not valid: ${error.errors.join('; ')}`;
  if (error instanceof Error) return error.message;
  return String(error);
}
