/**
 * The main-thread worker pool: shards a run into blocks of paths, runs them on simulation workers
 * (workers/simulation.worker.ts), streams throttled progress and partial results, merges off the
 * main thread, cancels, and survives a crashed worker.
 *
 * Reproducibility: shards follow the engine's chunk grid (`planShards`) and path i always draws
 * from the random stream (seed, i), so the result is identical for any number of workers.
 *
 * Worker-bridge pattern after Squoosh (src/client/lazy-app/worker-bridge): the caller's
 * AbortSignal terminates the busy workers, and because a Comlink call on a terminated worker never
 * settles, the pool rejects the run itself with an AbortError. The pool talks to workers through
 * the small `PoolWorker` interface, so its logic is tested in Node with a fake worker factory
 * (tests/unit/lib/compute/pool.test.ts); the Comlink adapter is src/lib/compute/simulation-worker.ts.
 *
 * A historical replay (`replay`: the rules on one observed SPX/VIX series) is a job like a run: the
 * pool does one job at a time, so a replay cancels a run in flight and a run cancels a replay
 * (each rejects with an AbortError). A replay takes ~0.2 s for half a year of days, plus the
 * market's pricing tables (~0.3 s) unless the worker has them warm; waiting for a 10 s run to end
 * would be the worse surprise, and the page's main run is restarted with one click.
 */
import {
  formatConfigError,
  InvalidConfigError,
  CHUNK_PATHS,
  planShards,
  validateConfig,
  type MarketConfig,
  type MergeOptions,
  type PathDetail,
  type ReplayResult,
  type ReplaySeries,
  type SimulationConfig,
  type SimulationProgress,
  type SimulationRange,
  type SimulationResult,
  type SimulationShard,
} from '../../engine/index.ts';

/** What the pool calls on a worker: the worker's API with every result a promise. */
export interface WorkerApi {
  /** Builds and caches the pricing tables of `market` (warm-up before Run is pressed). */
  prepare(market: MarketConfig): Promise<void>;
  runShard(
    config: SimulationConfig,
    range: SimulationRange,
    onProgress?: (progress: SimulationProgress) => void,
  ): Promise<SimulationShard>;
  /**
   * Merges shards into a result. The shards are lent, not copied (transferred to the worker and
   * back in the reply): copying tens of MB would block the main thread for 50–300 ms.
   */
  merge(
    config: SimulationConfig,
    shards: SimulationShard[],
    options?: MergeOptions,
  ): Promise<MergeReply>;
  pathDetail(config: SimulationConfig, path: number): Promise<PathDetail>;
  /** Replays a validated config on an observed series (the engine's `replay`, tables cached). */
  replay(config: SimulationConfig, series: ReplaySeries): Promise<ReplayResult>;
  /** Test hook: the worker throws an uncaught error soon after (its 'error' event follows). */
  crash(): Promise<void>;
}

/** A merge's result, with the lent shards handed back. */
export interface MergeReply {
  result: SimulationResult;
  shards: SimulationShard[];
}

/** One worker as the pool sees it. */
export interface PoolWorker {
  readonly api: WorkerApi;
  /** Registers a listener for the worker's uncaught errors (its 'error' events). */
  onError(listener: (message: string) => void): void;
  /** Stops the worker at once; its pending calls never settle (the pool rejects them). */
  terminate(): void;
}

/** Creates a worker (the browser's is `createSimulationWorker`; tests pass fakes). */
export type WorkerFactory = () => PoolWorker;

export interface SimulationPoolOptions {
  createWorker: WorkerFactory;
  /** Number of workers; default `defaultPoolSize()`, clamped to 1…MAX_POOL_SIZE. */
  size?: number;
  /** Test hook (`?crashTest=1`): crash the worker that reports the next run's first progress. */
  crashTest?: boolean;
  /**
   * The first partial merge waits this long after the start, milliseconds, and each later one
   * twice as long after the previous as the one before (750, 1,500, 3,000 ms…). Default 750: a
   * result is on screen within about a second, and a run has a handful of partials whatever its
   * length — each costs a merge on a worker and a render on the main thread, which on two cores
   * compete with the simulation (measured on 10,000 paths, 2 workers: partials every 750 ms and on
   * every idle worker made the run 3.0 s instead of 2.3 s). No partial is merged once no more
   * shards are unfinished than there are workers: the final result is then one shard away, and a
   * partial would be drawn only to be replaced.
   */
  minPartialIntervalMs?: number;
  /** Least time between two progress reports, milliseconds (default 100: ≤ 10 per second). */
  progressIntervalMs?: number;
  /** Clock, milliseconds (tests inject one). */
  now?: () => number;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Path-steps done and in all (throttled; the last call has done === total). */
  onProgress?: (done: number, total: number) => void;
  /** A result over the first `result.paths` paths, as shards finish (never the final result). */
  onPartial?: (result: SimulationResult) => void;
  /** A message for the user, e.g. that a crashed worker was replaced. */
  onWarning?: (message: string) => void;
}

/** A worker's warm-up run: its config (the one prepared, WARM_UP_PATHS paths) and result. */
export interface WarmUpResult {
  config: SimulationConfig;
  result: SimulationResult;
}

/** Options of {@link SimulationPool.replay}. */
export interface ReplayOptions {
  signal?: AbortSignal;
}

/** Most workers a pool starts (more rarely helps a browser tab and costs memory). */
export const MAX_POOL_SIZE = 8;

/**
 * Paths of the warm-up block a worker runs once, before its first run (see `prepare`). 512 × the
 * horizon is ~0.5 s of a cold worker's time after the page loads; it also builds the price slices a
 * typical run reads. Measured in Chromium (ALVH example, 10,000 paths, one worker, three runs
 * each): 3.04–3.10 s from Run to the result after a 512-path warm-up, 3.30–3.44 s after 64 paths.
 */
export const WARM_UP_PATHS = 512;

/**
 * Bootstrap resamples of a partial result's quantile differences (the final result uses the
 * engine's 200): the bootstrap is most of a large merge, and a partial is replaced within seconds.
 * 50 resamples put ~10 % of noise on those SEs instead of ~5 % (1/√(2B)).
 */
export const PARTIAL_BOOTSTRAP_RESAMPLES = 50;

/** Shards per worker: small enough to balance the load and to stream partial results. */
export const SHARDS_PER_WORKER = 4;

/**
 * Most chunks (CHUNK_PATHS paths each) in one shard. A run ends when its slowest worker ends, up
 * to a shard after the others, and its first partial result waits for the first shard: with four
 * shards per worker, a 100,000-path run on two workers had shards of 12 chunks (~3 s each in
 * Chromium, up to 8 s on a loaded machine, where one worker once waited 1.9 s for the other at
 * the end), and its first result came 3.6–4.9 s after Run; with shards of 4 chunks, 1.4–1.5 s.
 */
export const MAX_SHARD_CHUNKS = 4;

/** How many shards a run of `paths` paths is cut into on `workers` workers. */
export function shardCount(paths: number, workers: number): number {
  return Math.max(workers * SHARDS_PER_WORKER, Math.ceil(paths / (CHUNK_PATHS * MAX_SHARD_CHUNKS)));
}

/** clamp(n, 1, MAX_POOL_SIZE) of a whole number; non-numbers give 1. */
export function clampPoolSize(n: number): number {
  if (!Number.isFinite(n)) return 1;
  return Math.min(MAX_POOL_SIZE, Math.max(1, Math.floor(n)));
}

/** Pool size from `navigator.hardwareConcurrency` (1 when unknown), at most MAX_POOL_SIZE. */
export function defaultPoolSize(
  hardwareConcurrency: number | undefined = (
    globalThis as { navigator?: { hardwareConcurrency?: number } }
  ).navigator?.hardwareConcurrency,
): number {
  return clampPoolSize(hardwareConcurrency ?? 1);
}

/**
 * The pool's test and tuning switches from a page's query string: `?workers=N` (a whole number
 * 1…8; anything else is ignored) and `?crashTest=1`.
 */
export function poolOptionsFromSearch(search: string): { size?: number; crashTest: boolean } {
  const params = new URLSearchParams(search);
  const workers = params.get('workers');
  const n = workers !== null && /^\d+$/.test(workers) ? Number(workers) : NaN;
  return {
    ...(n >= 1 && n <= MAX_POOL_SIZE ? { size: n } : {}),
    crashTest: params.get('crashTest') === '1',
  };
}

/** The rejection of a cancelled run (a DOMException named AbortError, as fetch uses). */
export function abortError(): DOMException {
  return new DOMException('Run cancelled', 'AbortError');
}

/** True for the rejection of a cancelled run. */
export function isAbortError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'AbortError'
  );
}

function errorMessage(error: unknown): string {
  if (error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error))
    return String((error as { message: unknown }).message);
  return String(error);
}

type TaskKind = 'shard' | 'partial-merge' | 'final-merge' | 'detail';

interface Task {
  job: RunJob;
  kind: TaskKind;
  /** Shard index, prefix length in shards (merges) or sampled-path index (details). */
  index: number;
}

interface Slot {
  worker: PoolWorker;
  task: Task | null;
  alive: boolean;
  /** Key of the market last sent to `prepare`, and whether preparing is still running. */
  preparedKey: string | null;
  preparing: boolean;
  /** Whether the worker has run its warm-up block. */
  warmed: boolean;
}

/**
 * Records a finished task as a User Timing measure, `alvh:<kind> <index> @<worker>` from dispatch to
 * reply (the browser's performance panel shows them; `npm run bench:browser` sums them per worker
 * to tell computing from waiting). Best effort: a clock the Performance API does not share (tests
 * inject one) or a missing API records nothing.
 */
function markTask(task: Task, worker: number, start: number, end: number): void {
  try {
    performance.measure(`alvh:${task.kind} ${task.index} @${worker}`, { start, end });
  } catch {
    // Not recorded: timing is a diagnostic, never a reason to fail a run.
  }
}

/** Drops the previous run's task measures (the timeline keeps one run's). */
function clearTaskMarks(): void {
  try {
    for (const entry of performance.getEntriesByType('measure'))
      if (entry.name.startsWith('alvh:')) performance.clearMeasures(entry.name);
  } catch {
    // Nothing to clear.
  }
}

/** The state of one run. */
interface RunJob {
  config: SimulationConfig;
  options: RunOptions;
  ranges: SimulationRange[];
  /** Finished shards held here (a shard lent to a merge is finished but not held). */
  shards: (SimulationShard | undefined)[];
  finished: boolean[];
  attempts: number[];
  /** Path-steps done per shard (the most any attempt reached: progress never goes back). */
  done: number[];
  /** Shard indices waiting for a worker, in path order. */
  queue: number[];
  /** Leading shards finished (they form the prefix [0, prefix) of the shards). */
  prefix: number;
  /** Prefix of the partial merge in flight or last started. */
  mergedPrefix: number;
  /** A partial merge holds shards [0, mergedPrefix) while it runs. */
  partialInFlight: boolean;
  /** Partial merges started (each doubles the wait before the next). */
  partialCount: number;
  /** Paths of the last partial result delivered. */
  deliveredPaths: number;
  partialsOff: boolean;
  lastPartialAt: number;
  finalStarted: boolean;
  finalAttempts: number;
  final: SimulationResult | null;
  details: (PathDetail | undefined)[];
  detailQueue: number[];
  detailAttempts: number[];
  lastProgressAt: number;
  settled: boolean;
  resolve(result: SimulationResult): void;
  reject(error: unknown): void;
  removeAbortListener(): void;
}

/** A one-off call on one worker: a replay or a path's detail (`#single`). */
interface SingleJob {
  slot: Slot;
  /** What the call does, for the crash message ("the replay", "the path's detail"). */
  what: string;
  settled: boolean;
  reject(error: unknown): void;
  removeAbortListener(): void;
}

/**
 * A pool of simulation workers. Create one per page (workers keep their pricing tables warm);
 * `run` or `replay` one config at a time (a new run or replay cancels the one in flight).
 */
export class SimulationPool {
  readonly size: number;
  readonly #createWorker: WorkerFactory;
  readonly #minPartialIntervalMs: number;
  readonly #progressIntervalMs: number;
  readonly #now: () => number;
  #crashPending: boolean;
  #slots: Slot[] = [];
  #job: RunJob | null = null;
  #single: SingleJob | null = null;
  /** The market to keep warm, its key (JSON), and the warm-up config (same market). */
  #market: MarketConfig | null = null;
  #marketKey: string | null = null;
  #warmUp: SimulationConfig | null = null;
  #disposed = false;
  #warmUpListeners: ((warmUp: WarmUpResult) => void)[] = [];
  #warmUpResult: WarmUpResult | null = null;

  constructor(options: SimulationPoolOptions) {
    this.size = clampPoolSize(options.size ?? defaultPoolSize());
    this.#createWorker = options.createWorker;
    this.#crashPending = options.crashTest ?? false;
    this.#minPartialIntervalMs = options.minPartialIntervalMs ?? 750;
    this.#progressIntervalMs = options.progressIntervalMs ?? 100;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Workers alive now (they are started by `prepare` or `run`, and replaced when they fail). */
  get workerCount(): number {
    return this.#slots.length;
  }

  /**
   * Starts the workers if needed and readies each for `config`: it builds the pricing tables of
   * the config's market and, once per worker, runs a small warm-up block (WARM_UP_PATHS paths)
   * of the config, so the JavaScript engine has compiled the simulation before Run is pressed
   * (measured in Chromium: the first 2,048-path shard of the ALVH example takes ~1.8 s in a cold
   * worker, ~0.85 s after the warm-up, ~0.7 s fully warm). Call it when the page starts and
   * whenever the config changes: only a changed market rebuilds tables. An invalid config is
   * ignored (it never reaches a worker); during a run, preparing waits for the run's end (a worker
   * keeps one market's tables, and switching mid-run would rebuild them per shard).
   */
  prepare(input: unknown): void {
    if (this.#disposed) return;
    const validation = validateConfig(input);
    if (!validation.ok) return;
    const { config } = validation;
    this.#market = config.market;
    this.#marketKey = JSON.stringify(config.market);
    this.#warmUp = { ...config, paths: WARM_UP_PATHS };
    if (this.#job) return;
    this.#fillSlots();
    for (const slot of this.#slots) this.#prepareSlot(slot);
  }

  /**
   * Runs a config: validates it (an invalid one rejects with InvalidConfigError and never reaches
   * a worker), simulates its shards on the workers, merges, re-runs the sampled paths for their
   * details, and resolves with the result (`pathDetails` filled). Rejects with an AbortError
   * DOMException when `signal` aborts or another run starts, and with an Error naming the paths
   * when a shard fails twice.
   */
  run(input: unknown, options: RunOptions = {}): Promise<SimulationResult> {
    const admitted = this.#admit(input, options.signal);
    if (admitted instanceof Error) return Promise.reject(admitted);
    const config = admitted;
    const ranges = planShards(config.paths, shardCount(config.paths, this.size));
    clearTaskMarks();
    return new Promise<SimulationResult>((resolve, reject) => {
      const onAbort = () => {
        if (this.#job === job) this.#cancel(job);
      };
      const job: RunJob = {
        config,
        options,
        ranges,
        shards: ranges.map(() => undefined),
        finished: ranges.map(() => false),
        attempts: ranges.map(() => 0),
        done: ranges.map(() => 0),
        queue: ranges.map((_, i) => i),
        prefix: 0,
        mergedPrefix: 0,
        partialInFlight: false,
        partialCount: 0,
        deliveredPaths: 0,
        partialsOff: false,
        lastPartialAt: this.#now(),
        finalStarted: false,
        finalAttempts: 0,
        final: null,
        details: [],
        detailQueue: [],
        detailAttempts: [],
        lastProgressAt: -Infinity,
        settled: false,
        resolve,
        reject,
        removeAbortListener: () => options.signal?.removeEventListener('abort', onAbort),
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.#job = job;
      try {
        this.#fillSlots();
        this.#pump();
      } catch (error) {
        this.#fail(job, error);
      }
    });
  }

  /**
   * Replays a config on an observed SPX/VIX series (the engine's `replay`: one recorded path, with
   * the worker's cached pricing tables). Validates the config first (an invalid one rejects with
   * InvalidConfigError and never reaches a worker); the series is the caller's, already parsed
   * (`parseReplayCsv`), and one the engine refuses rejects with the engine's RangeError. Cancels a
   * run or replay in flight (module comment). Runs on one worker, preferring one that holds the
   * market's tables. Rejects with an AbortError when `signal` aborts, another run or replay
   * starts, or the pool is disposed (the busy worker is terminated and replaced), and with an
   * Error when the worker crashes.
   */
  replay(input: unknown, series: ReplaySeries, options: ReplayOptions = {}): Promise<ReplayResult> {
    const config = this.#admit(input, options.signal);
    if (config instanceof Error) return Promise.reject(config);
    return this.#oneOff(config, 'the replay', (api) => api.replay(config, series), options);
  }

  /**
   * Re-runs path `path` of a config with its events and daily series (the engine's
   * `simulatePathDetail`: bit-identical to that path in a full run). Validates the config and the
   * path index first; cancels a run or replay in flight like `replay`, and rejects the same ways.
   */
  pathDetail(input: unknown, path: number, options: ReplayOptions = {}): Promise<PathDetail> {
    const config = this.#admit(input, options.signal, (c) =>
      Number.isInteger(path) && path >= 0 && path < c.paths
        ? null
        : new RangeError(`path must be a whole number from 0 to ${c.paths - 1}, got ${path}`),
    );
    if (config instanceof Error) return Promise.reject(config);
    return this.#oneOff(
      config,
      "the path's detail",
      (api) => api.pathDetail(config, path),
      options,
    );
  }

  /**
   * The checks every job passes before it starts: a live pool, a valid config (else an
   * InvalidConfigError naming the fields; nothing reaches a worker), the job's own check, a signal
   * not yet aborted. An admitted job cancels the one in flight (the pool runs one at a time).
   * Returns the validated config, or the error to reject with.
   */
  #admit(
    input: unknown,
    signal: AbortSignal | undefined,
    check?: (config: SimulationConfig) => Error | null,
  ): SimulationConfig | Error {
    if (this.#disposed) return new Error('the simulation pool was disposed');
    const validation = validateConfig(input);
    if (!validation.ok) return new InvalidConfigError(validation.errors.map(formatConfigError));
    const refused = check?.(validation.config);
    if (refused) return refused;
    if (signal?.aborted) return abortError();
    if (this.#job) this.#cancel(this.#job);
    if (this.#single) this.#cancelSingle(this.#single);
    return validation.config;
  }

  /** Runs one call on one worker as the pool's single job (`replay`, `pathDetail`). */
  #oneOff<T>(
    config: SimulationConfig,
    what: string,
    invoke: (api: WorkerApi) => Promise<T>,
    options: ReplayOptions,
  ): Promise<T> {
    this.#fillSlots();
    const slot = this.#singleSlot(JSON.stringify(config.market));
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        if (this.#single === job) this.#cancelSingle(job);
      };
      const job: SingleJob = {
        slot,
        what,
        settled: false,
        reject,
        removeAbortListener: () => options.signal?.removeEventListener('abort', onAbort),
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.#single = job;
      let call: Promise<T>;
      try {
        call = invoke(slot.worker.api);
      } catch (error) {
        call = Promise.reject(error);
      }
      call.then(
        (result) => {
          if (job.settled) return;
          this.#settleSingle(job);
          resolve(result);
        },
        // The engine's refusal (a RangeError) comes back as a rejection; the worker is fine.
        (error: unknown) => {
          if (job.settled) return;
          this.#settleSingle(job);
          job.reject(error);
        },
      );
    });
  }

  /** Terminates every worker; a run or replay in flight rejects with an AbortError. */
  dispose(): void {
    if (this.#job) this.#cancel(this.#job);
    // Disposed first, so the replay's worker is not replaced only to be terminated below.
    this.#disposed = true;
    if (this.#single) this.#cancelSingle(this.#single);
    for (const slot of this.#slots) {
      slot.alive = false;
      slot.worker.terminate();
    }
    this.#slots = [];
  }

  // ---- workers -------------------------------------------------------------------------------

  #spawn(): Slot {
    const slot: Slot = {
      worker: this.#createWorker(),
      task: null,
      alive: true,
      preparedKey: null,
      preparing: false,
      warmed: false,
    };
    slot.worker.onError((message) => this.#onWorkerFailure(slot, message || 'unknown error'));
    return slot;
  }

  #fillSlots(): void {
    while (this.#slots.length < this.size) this.#slots.push(this.#spawn());
  }

  /**
   * Terminates a worker and puts a fresh one in its place, prepared at once unless the old one
   * failed while preparing (so a warm-up that crashes does not respawn workers in a loop).
   */
  #replace(slot: Slot): void {
    const failedPreparing = slot.preparing;
    slot.alive = false;
    slot.task = null;
    slot.worker.terminate();
    const i = this.#slots.indexOf(slot);
    if (i < 0 || this.#disposed) return;
    const fresh = this.#spawn();
    this.#slots[i] = fresh;
    if (!this.#job && !failedPreparing) this.#prepareSlot(fresh);
  }

  /**
   * Tables for the current market, then the one-off warm-up block. One preparation in flight per
   * worker; a market that changed meanwhile is sent when it ends.
   */
  #prepareSlot(slot: Slot): void {
    const market = this.#market;
    const key = this.#marketKey;
    const warmUp = slot.warmed ? null : this.#warmUp;
    if (!market || !slot.alive || slot.preparing) return;
    if (slot.preparedKey === key && !warmUp) return;
    const tables = slot.preparedKey !== key;
    slot.preparing = true;
    slot.preparedKey = key;
    const { api } = slot.worker;
    const work = async () => {
      if (tables) await api.prepare(market);
      if (warmUp) {
        const shard = await api.runShard(warmUp, { firstPath: 0, pathCount: warmUp.paths });
        // A run ends with a merge and the sampled paths' re-runs: warm those too, or the first
        // run's last ~100 ms run cold code (measured: a second run was 10–15 % faster).
        const { result } = await api.merge(warmUp, [shard]);
        const pathDetails: PathDetail[] = [];
        for (const sampled of result.sampledPaths)
          pathDetails.push(await api.pathDetail(warmUp, sampled.path));
        slot.warmed = true;
        this.#deliverWarmUp({ config: warmUp, result: { ...result, pathDetails } });
      }
    };
    work().then(
      () => {
        slot.preparing = false;
        if (!this.#job) this.#prepareSlot(slot);
      },
      // A failed preparation costs nothing: runShard builds the tables itself. A crash arrives as
      // the worker's 'error' event; the replacement is prepared only by the next `prepare`.
      () => {
        slot.preparing = false;
        slot.preparedKey = null;
      },
    );
  }

  /**
   * Calls `listener` once with the first worker's warm-up result (a small complete run of the
   * config passed to `prepare`, path details included): the page can draw it off screen so that
   * its first real result is drawn by warm code (see DashboardRehearsal.svelte). Returns a
   * function that removes the listener.
   */
  onWarmUpResult(listener: (warmUp: WarmUpResult) => void): () => void {
    if (this.#warmUpResult) {
      listener(this.#warmUpResult);
      return () => undefined;
    }
    this.#warmUpListeners.push(listener);
    return () => {
      this.#warmUpListeners = this.#warmUpListeners.filter((l) => l !== listener);
    };
  }

  #deliverWarmUp(warmUp: WarmUpResult): void {
    if (this.#warmUpResult || this.#disposed) return;
    this.#warmUpResult = warmUp;
    const listeners = this.#warmUpListeners;
    this.#warmUpListeners = [];
    for (const listener of listeners) listener(warmUp);
  }

  // ---- scheduling ----------------------------------------------------------------------------

  #pump(): void {
    const job = this.#job;
    if (!job || job.settled) return;
    for (const slot of this.#slots) {
      if (!slot.alive || slot.task) continue;
      const task = this.#nextTask(job);
      if (!task) return;
      this.#dispatch(slot, task);
    }
  }

  #nextTask(job: RunJob): Task | null {
    // The final merge waits for a partial merge in flight to hand its shards back.
    if (job.prefix === job.ranges.length && !job.finalStarted && !job.partialInFlight) {
      job.finalStarted = true;
      return { job, kind: 'final-merge', index: job.ranges.length };
    }
    if (job.final) {
      const index = job.detailQueue.shift();
      return index === undefined ? null : { job, kind: 'detail', index };
    }
    const partialDue =
      !job.partialsOff &&
      !job.partialInFlight &&
      job.prefix > job.mergedPrefix &&
      job.ranges.length - job.prefix > this.size &&
      this.#now() - job.lastPartialAt >= this.#minPartialIntervalMs * 2 ** job.partialCount;
    if (partialDue) {
      job.partialInFlight = true;
      job.partialCount++;
      job.mergedPrefix = job.prefix;
      job.lastPartialAt = this.#now();
      return { job, kind: 'partial-merge', index: job.prefix };
    }
    const shard = job.queue.shift();
    return shard === undefined ? null : { job, kind: 'shard', index: shard };
  }

  #dispatch(slot: Slot, task: Task): void {
    slot.task = task;
    const { job } = task;
    const dispatchedAt = this.#now();
    let call: Promise<unknown>;
    try {
      call = this.#call(slot, task);
    } catch (error) {
      call = Promise.reject(error);
    }
    call.then(
      (value) => {
        // A reply from a replaced worker or for a finished run is stale (a terminated worker's
        // calls never settle, but one that settled just before terminate may still be queued).
        if (slot.task !== task || job.settled) return;
        slot.task = null;
        markTask(task, this.#slots.indexOf(slot), dispatchedAt, this.#now());
        try {
          this.#complete(task, value);
        } catch (error) {
          this.#fail(job, error);
          return;
        }
        this.#pump();
      },
      (error: unknown) => {
        if (slot.task !== task || job.settled) return;
        this.#onWorkerFailure(slot, errorMessage(error));
      },
    );
  }

  #call(slot: Slot, task: Task): Promise<unknown> {
    const { job } = task;
    const { api } = slot.worker;
    switch (task.kind) {
      case 'shard':
        return api.runShard(job.config, job.ranges[task.index], (p) =>
          this.#onShardProgress(slot, task, p),
        );
      case 'partial-merge':
      case 'final-merge': {
        const shards = job.shards.slice(0, task.index) as SimulationShard[];
        const paths = shards.reduce((n, s) => n + s.pathCount, 0);
        for (let i = 0; i < task.index; i++) job.shards[i] = undefined;
        const options =
          task.kind === 'partial-merge'
            ? { bootstrapResamples: PARTIAL_BOOTSTRAP_RESAMPLES }
            : undefined;
        return api.merge({ ...job.config, paths }, shards, options);
      }
      case 'detail': {
        const sampled = (job.final as SimulationResult).sampledPaths[task.index];
        return api.pathDetail(job.config, sampled.path);
      }
    }
  }

  #complete(task: Task, value: unknown): void {
    const { job } = task;
    switch (task.kind) {
      case 'shard': {
        job.shards[task.index] = value as SimulationShard;
        job.finished[task.index] = true;
        job.done[task.index] = job.ranges[task.index].pathCount * job.config.horizonDays;
        while (job.prefix < job.ranges.length && job.finished[job.prefix]) job.prefix++;
        this.#reportProgress(job, job.prefix === job.ranges.length);
        return;
      }
      case 'partial-merge': {
        const { result, shards } = value as MergeReply;
        shards.forEach((shard, i) => (job.shards[i] = shard));
        job.partialInFlight = false;
        if (!job.finalStarted && result.paths > job.deliveredPaths) {
          job.deliveredPaths = result.paths;
          job.options.onPartial?.(result);
        }
        return;
      }
      case 'final-merge': {
        const { result } = value as MergeReply;
        job.final = result;
        job.details = result.sampledPaths.map(() => undefined);
        job.detailQueue = result.sampledPaths.map((_, i) => i);
        job.detailAttempts = result.sampledPaths.map(() => 0);
        this.#finishIfDone(job);
        return;
      }
      case 'detail': {
        job.details[task.index] = value as PathDetail;
        this.#finishIfDone(job);
        return;
      }
    }
  }

  #finishIfDone(job: RunJob): void {
    if (!job.final || job.details.some((d) => d === undefined)) return;
    this.#settle(job);
    job.resolve({ ...job.final, pathDetails: job.details as PathDetail[] });
  }

  // ---- progress ------------------------------------------------------------------------------

  #onShardProgress(slot: Slot, task: Task, progress: SimulationProgress): void {
    const { job } = task;
    // Late progress: a cancelled or finished run, or a worker that was replaced meanwhile.
    if (job.settled || slot.task !== task || this.#job !== job) return;
    job.done[task.index] = Math.max(job.done[task.index], progress.done);
    if (this.#crashPending) {
      this.#crashPending = false;
      slot.worker.api.crash().catch(() => undefined);
    }
    this.#reportProgress(job, false);
  }

  #reportProgress(job: RunJob, last: boolean): void {
    const now = this.#now();
    if (!last && now - job.lastProgressAt < this.#progressIntervalMs) return;
    job.lastProgressAt = now;
    const total = job.config.paths * job.config.horizonDays;
    const done = job.done.reduce((a, b) => a + b, 0);
    job.options.onProgress?.(Math.min(done, total), total);
  }

  // ---- failures and cancel -------------------------------------------------------------------

  /** A worker's 'error' event, or a call that rejected: replace the worker, retry its task once. */
  #onWorkerFailure(slot: Slot, message: string): void {
    if (!slot.alive) return;
    const single = this.#single;
    if (single?.slot === slot && !single.settled) {
      this.#settleSingle(single);
      this.#replace(slot);
      single.reject(new Error(`The worker crashed during ${single.what} (${message}).`));
      return;
    }
    const task = slot.task;
    const job = this.#job;
    this.#replace(slot);
    if (!job || job.settled) return;
    const warn = (text: string) => job.options.onWarning?.(text);
    if (!task || task.job !== job) {
      warn(`A worker crashed (${message}); it was replaced.`);
    } else if (task.kind === 'shard') {
      job.attempts[task.index]++;
      if (job.attempts[task.index] >= 2) {
        const { firstPath, pathCount } = job.ranges[task.index];
        this.#fail(
          job,
          new Error(
            `Paths ${firstPath + 1}–${firstPath + pathCount} failed twice (${message}); the run was stopped.`,
          ),
        );
        return;
      }
      warn(`A worker crashed (${message}); it was replaced and its share of the paths re-run.`);
      job.queue.unshift(task.index);
    } else if (task.kind === 'partial-merge') {
      // Partial results are a courtesy: stop them for this run rather than risk another crash.
      job.partialInFlight = false;
      job.partialsOff = true;
      this.#requeueLent(job, task.index);
      warn(
        `A worker crashed (${message}) while merging a partial result; it was replaced and the paths it held re-run.`,
      );
    } else if (task.kind === 'final-merge') {
      job.finalAttempts++;
      if (job.finalAttempts >= 2) {
        this.#fail(job, new Error(`Merging the results failed twice (${message}).`));
        return;
      }
      job.finalStarted = false;
      this.#requeueLent(job, task.index);
      warn(
        `A worker crashed (${message}) while merging the results; it was replaced and the paths re-run.`,
      );
    } else {
      job.detailAttempts[task.index]++;
      if (job.detailAttempts[task.index] >= 2) {
        this.#fail(job, new Error(`Replaying a sampled path failed twice (${message}).`));
        return;
      }
      job.detailQueue.unshift(task.index);
      warn(`A worker crashed (${message}); it was replaced and its sampled path re-run.`);
    }
    this.#pump();
  }

  /** Shards lent to a merge that failed are lost with its worker: simulate them again. */
  #requeueLent(job: RunJob, prefix: number): void {
    const lost: number[] = [];
    for (let i = 0; i < prefix; i++) {
      if (job.shards[i] !== undefined) continue;
      job.finished[i] = false;
      job.done[i] = 0;
      lost.push(i);
    }
    job.queue.unshift(...lost);
    job.prefix = Math.min(job.prefix, lost[0] ?? job.prefix);
    job.mergedPrefix = Math.min(job.mergedPrefix, job.prefix);
  }

  /** Ends a run's bookkeeping; busy workers of a failed or cancelled run are replaced. */
  #settle(job: RunJob): void {
    job.settled = true;
    job.removeAbortListener();
    for (const slot of [...this.#slots]) if (slot.task?.job === job) this.#replace(slot);
    if (this.#job === job) this.#job = null;
    // The market may have changed during the run (prepare was deferred).
    if (!this.#job) for (const slot of this.#slots) this.#prepareSlot(slot);
  }

  #cancel(job: RunJob): void {
    if (job.settled) return;
    this.#settle(job);
    job.reject(abortError());
  }

  #fail(job: RunJob, error: unknown): void {
    if (job.settled) return;
    this.#settle(job);
    job.reject(error);
  }

  // ---- one-off calls (replay, path detail) --------------------------------------------------

  /** A live worker for a one-off call: with this market's tables and idle if any, else the first. */
  #singleSlot(marketKey: string): Slot {
    const alive = this.#slots.filter((s) => s.alive);
    return (
      alive.find((s) => s.preparedKey === marketKey && !s.preparing) ??
      alive.find((s) => s.preparedKey === marketKey) ??
      alive[0]
    );
  }

  #settleSingle(job: SingleJob): void {
    job.settled = true;
    job.removeAbortListener();
    if (this.#single === job) this.#single = null;
  }

  /** Stops a one-off call: its worker is terminated and replaced (its call would never settle). */
  #cancelSingle(job: SingleJob): void {
    if (job.settled) return;
    this.#settleSingle(job);
    this.#replace(job.slot);
    job.reject(abortError());
  }
}
