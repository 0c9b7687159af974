/**
 * The worker pool's logic (src/lib/compute/pool.ts) with a fake worker factory: each fake runs the
 * real engine in-process, asynchronously, with a structured clone at the "thread" boundary (typed
 * arrays moved, as Comlink.transfer does), so sharding, merging and the result are the real ones.
 * Tests steer a fake through `before` (hold a call, reject it, or fire the worker's error event).
 *
 * Reference: `simulate(config)` on one thread. Because path i draws from stream (seed, i) and shards
 * sit on the engine's chunk grid, the pool's result must equal it exactly (toEqual, no tolerance).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import {
  buildPricingTables,
  CHUNK_PATHS,
  defaultConfig,
  InvalidConfigError,
  mergeShards,
  parseReplayCsv,
  planShards,
  replay,
  simulate,
  simulatePathDetail,
  simulateShard,
  type ReplaySeries,
  type SimulationConfig,
  type SimulationProgress,
  type SimulationRange,
  type SimulationResult,
} from '../../../../src/engine/index.ts';
import {
  defaultPoolSize,
  MAX_SHARD_CHUNKS,
  PARTIAL_BOOTSTRAP_RESAMPLES,
  poolOptionsFromSearch,
  SimulationPool,
  type PoolWorker,
  type SimulationPoolOptions,
  type WarmUpResult,
  type WorkerApi,
  WARM_UP_PATHS,
} from '../../../../src/lib/compute/pool.ts';
import { transferablesOf } from '../../../../src/lib/compute/transferables.ts';

/** Small but real: 3 shards on the 1,024-path chunk grid (1024, 1024, 452), 21 trading days. */
const CONFIG: SimulationConfig = { ...defaultConfig(), paths: 2500, horizonDays: 21, seed: 7 };
const TABLES = buildPricingTables(CONFIG.market);
const REFERENCE = simulate(CONFIG, { tables: TABLES });
/** The run each worker warms up with (`prepare`): the same config on WARM_UP_PATHS paths. */
const WARM_UP = simulate({ ...CONFIG, paths: WARM_UP_PATHS }, { tables: TABLES });
const RANGES = planShards(CONFIG.paths, Number.POSITIVE_INFINITY);
const CRASH_WARNING = 'A worker crashed (boom); it was replaced and its share of the paths re-run.';

/** Crossing a thread: a structured clone; `move` transfers the typed arrays (sender's detach). */
function cross<T>(value: T, move = false): T {
  return structuredClone(value, move ? { transfer: transferablesOf(value) } : undefined);
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const never = () => new Promise<never>(() => undefined);

interface Call {
  kind: keyof WorkerApi;
  args: unknown[];
  onProgress?: (progress: SimulationProgress) => void;
}

interface Behaviour {
  /** Runs before each call's work: return a promise to hold the call, throw to reject it. */
  before?: (worker: FakeWorker, call: Call) => Promise<void> | void;
}

class FakeWorker implements PoolWorker {
  readonly calls: Call[] = [];
  terminated = false;
  readonly #listeners: ((message: string) => void)[] = [];

  constructor(readonly behaviour: Behaviour) {}

  /** The worker's 'error' event (an uncaught error in a real worker). */
  fail(message: string): void {
    for (const listener of this.#listeners) listener(message);
  }

  onError(listener: (message: string) => void): void {
    this.#listeners.push(listener);
  }

  terminate(): void {
    this.terminated = true;
  }

  readonly api: WorkerApi = {
    prepare: (market) => this.#call({ kind: 'prepare', args: [market] }, () => undefined),
    runShard: (config, range, onProgress) =>
      this.#call({ kind: 'runShard', args: [config, range], onProgress }, async () => {
        const events: SimulationProgress[] = [];
        const shard = simulateShard(cross(config), cross(range), TABLES, (p) => events.push(p));
        // Progress arrives asynchronously, as Comlink's proxied calls do.
        for (const p of events) {
          await tick();
          if (this.terminated) return never();
          onProgress?.(p);
        }
        return cross(shard, true);
      }),
    merge: (config, shards, options) => {
      // Transferred when posted: the caller's typed arrays are detached from here on.
      const lent = cross(shards, true);
      return this.#call({ kind: 'merge', args: [config, lent] }, () =>
        cross({ result: mergeShards(cross(config), lent, options), shards: lent }, true),
      );
    },
    pathDetail: (config, path) =>
      this.#call({ kind: 'pathDetail', args: [config, path] }, () =>
        cross(simulatePathDetail(cross(config), path, TABLES)),
      ),
    replay: (config, series) =>
      this.#call({ kind: 'replay', args: [config, series] }, () =>
        cross(replay(cross(config), cross(series), { tables: TABLES })),
      ),
    crash: () =>
      this.#call({ kind: 'crash', args: [] }, () => {
        setTimeout(() => this.fail('crash test'));
      }),
  };

  async #call<T>(call: Call, work: () => T | Promise<T>): Promise<T> {
    this.calls.push(call);
    await tick();
    await this.behaviour.before?.(this, call);
    // A terminated worker's calls never settle (PITFALLS, Workers and Comlink).
    if (this.terminated) return never();
    const value = await work();
    if (this.terminated) return never();
    return value;
  }
}

function fakePool(options: Omit<SimulationPoolOptions, 'createWorker'> & Behaviour = {}): {
  pool: SimulationPool;
  workers: FakeWorker[];
} {
  const workers: FakeWorker[] = [];
  const { before, ...poolOptions } = options;
  const pool = new SimulationPool({
    size: 2,
    ...poolOptions,
    createWorker: () => {
      const worker = new FakeWorker({ before });
      workers.push(worker);
      return worker;
    },
  });
  return { pool, workers };
}

const callsOf = (workers: FakeWorker[], kind: Call['kind']) =>
  workers.flatMap((w) => w.calls.filter((c) => c.kind === kind));

const rangeOf = (call: Call) => call.args[1] as SimulationRange;

/** Resolves once `predicate` holds (polled on macrotask turns; the fakes run on them too). */
async function until(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !predicate(); i++) await tick();
  if (!predicate()) throw new Error('condition not reached');
}

describe('pool size', () => {
  it.each([
    [undefined, 1],
    [0, 1],
    [1, 1],
    [2, 2],
    [3.7, 3],
    [16, 8],
  ])('defaultPoolSize(hardwareConcurrency %s) is %i: at least 1, at most 8', (cores, size) => {
    expect(defaultPoolSize(cores)).toBe(size);
  });

  it.each([
    ['', { crashTest: false }],
    ['?workers=2', { size: 2, crashTest: false }],
    ['?workers=1&crashTest=1', { size: 1, crashTest: true }],
    ['?workers=0', { crashTest: false }],
    ['?workers=9', { crashTest: false }],
    ['?workers=2.5', { crashTest: false }],
    ['?workers=two', { crashTest: false }],
    ['?crashTest=true', { crashTest: false }],
  ])('poolOptionsFromSearch(%j) is %j', (search, options) => {
    expect(poolOptionsFromSearch(search)).toEqual(options);
  });
});

describe('SimulationPool.run', { timeout: 10_000 }, () => {
  it('shards the paths on the chunk grid into size × 4 shards, each path once', async () => {
    const config = { ...CONFIG, paths: 12_000, horizonDays: 2 };
    const { pool, workers } = fakePool({ size: 1 });
    await pool.run(config);
    const ranges = callsOf(workers, 'runShard')
      .map(rangeOf)
      .sort((a, b) => a.firstPath - b.firstPath);
    expect(ranges).toEqual(planShards(12_000, 4));
    expect(ranges).toHaveLength(4);
  });

  it('cuts a large run into more shards, none of more than MAX_SHARD_CHUNKS chunks', async () => {
    const config = { ...CONFIG, paths: 40_000, horizonDays: 2 };
    const { pool, workers } = fakePool({ size: 2 });
    await pool.run(config);
    const ranges = callsOf(workers, 'runShard')
      .map(rangeOf)
      .sort((a, b) => a.firstPath - b.firstPath);
    // 40 chunks (39 full, one of 64 paths): 10 shards of 4 chunks, not 8 of 5.
    expect(ranges).toEqual(planShards(40_000, 10));
    expect(Math.max(...ranges.map((r) => r.pathCount))).toBe(MAX_SHARD_CHUNKS * CHUNK_PATHS);
  });

  it.each([1, 2, 3])(
    'with %i worker(s) resolves with exactly the single-thread result, path details included',
    async (size) => {
      const { pool } = fakePool({ size });
      await expect(pool.run(CONFIG)).resolves.toEqual(REFERENCE);
    },
  );

  it('streams partial results over growing prefixes of the paths, each exact for its prefix', async () => {
    const partials: SimulationResult[] = [];
    const { pool } = fakePool({ size: 1, minPartialIntervalMs: 0 });
    await pool.run(CONFIG, { onPartial: (r) => partials.push(r) });
    // One worker, no interval: a partial after each shard while more than one shard is unfinished
    // (then the final merge is one shard away).
    expect(partials.map((r) => r.paths)).toEqual([1024]);
    for (const partial of partials) {
      const exact = simulate(
        { ...CONFIG, paths: partial.paths },
        { tables: TABLES, details: false },
      );
      // Everything but the bootstrap SEs of the quantile differences, which a partial estimates
      // from fewer resamples (the point estimates do not depend on the bootstrap).
      expect({ ...partial, difference: null }).toEqual({ ...exact, difference: null });
      expect(partial.difference.resamples).toBe(PARTIAL_BOOTSTRAP_RESAMPLES);
      for (const key of ['median', 'var95', 'var99', 'cvar95', 'mean', 'beta'] as const)
        expect(partial.difference[key].estimate).toBe(exact.difference[key].estimate);
      expect(partial.difference.cvar95).toEqual(exact.difference.cvar95); // delta method, exact
    }
  });

  it('gives the final result the full bootstrap (200 resamples)', async () => {
    const { pool } = fakePool({ size: 1, minPartialIntervalMs: 0 });
    const result = await pool.run(CONFIG);
    expect(result.difference.resamples).toBe(200);
  });

  it('rejects an invalid config with its messages and never calls a worker', async () => {
    const { pool, workers } = fakePool();
    const run = pool.run({ ...CONFIG, paths: 0 });
    await expect(run).rejects.toBeInstanceOf(InvalidConfigError);
    await expect(run).rejects.toMatchObject({ errors: [expect.stringMatching(/^paths: /)] });
    expect(workers.flatMap((w) => w.calls)).toEqual([]);
  });

  it('rejects at once with an AbortError when the signal is already aborted', async () => {
    const { pool, workers } = fakePool();
    const run = pool.run(CONFIG, { signal: AbortSignal.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers.flatMap((w) => w.calls)).toEqual([]);
  });
});

describe('SimulationPool cancel', { timeout: 10_000 }, () => {
  it('rejects with an AbortError without waiting for the held calls, terminating busy workers', async () => {
    const { pool, workers } = fakePool({
      before: (_, call) => (call.kind === 'runShard' ? never() : undefined),
    });
    const controller = new AbortController();
    const run = pool.run(CONFIG, { signal: controller.signal });
    await until(() => callsOf(workers, 'runShard').length === 2);
    controller.abort();
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect(error).toMatchObject({ name: 'AbortError', message: 'Run cancelled' });
    expect(workers.slice(0, 2).map((w) => w.terminated)).toEqual([true, true]);
    // Replacements are started at once, so the next run does not wait for new workers.
    expect(workers).toHaveLength(4);
  });

  it('ignores progress that arrives from a cancelled run', async () => {
    const { pool, workers } = fakePool({
      progressIntervalMs: 0,
      before: (_, call) => (call.kind === 'runShard' ? never() : undefined),
    });
    const onProgress = vi.fn();
    const controller = new AbortController();
    const run = pool.run(CONFIG, { signal: controller.signal, onProgress });
    await until(() => callsOf(workers, 'runShard').length === 2);
    controller.abort();
    await run.catch(() => undefined);
    for (const call of callsOf(workers, 'runShard')) call.onProgress?.({ done: 1, total: 2 });
    expect(onProgress).not.toHaveBeenCalled();
  });

  it('a new run cancels the one in flight, and the new run completes exactly', async () => {
    let hold = true;
    const { pool } = fakePool({
      before: (_, call) => (hold && call.kind === 'runShard' ? never() : undefined),
    });
    const first = pool.run(CONFIG);
    await tick();
    hold = false;
    const second = pool.run(CONFIG);
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    await expect(second).resolves.toEqual(REFERENCE);
  });
});

describe('SimulationPool failures', { timeout: 10_000 }, () => {
  it('reports a crashed worker, replaces it and re-runs its shard once', async () => {
    let crashed = false;
    const warnings: string[] = [];
    const { pool, workers } = fakePool({
      before: (worker, call) => {
        if (call.kind !== 'runShard' || crashed) return;
        crashed = true;
        worker.fail('boom');
        return never();
      },
    });
    const result = await pool.run(CONFIG, { onWarning: (w) => warnings.push(w) });
    expect(result).toEqual(REFERENCE);
    expect(warnings).toEqual([CRASH_WARNING]);
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(3);
    const firstRuns = callsOf(workers, 'runShard').filter((c) => rangeOf(c).firstPath === 0);
    expect(firstRuns).toHaveLength(2);
  });

  it('handles a call that rejects like a crash: warning, new worker, shard re-run', async () => {
    let thrown = false;
    const warnings: string[] = [];
    const { pool, workers } = fakePool({
      before: (_, call) => {
        if (call.kind !== 'runShard' || rangeOf(call).firstPath !== 1024 || thrown) return;
        thrown = true;
        throw new Error('boom');
      },
    });
    await expect(pool.run(CONFIG, { onWarning: (w) => warnings.push(w) })).resolves.toEqual(
      REFERENCE,
    );
    expect(warnings).toEqual([CRASH_WARNING]);
    expect(workers.filter((w) => w.terminated)).toHaveLength(1);
  });

  it('rejects the run, naming the paths, when the same shard fails a second time', async () => {
    const warnings: string[] = [];
    const { pool } = fakePool({
      before: (worker, call) => {
        if (call.kind !== 'runShard' || rangeOf(call).firstPath !== 0) return;
        worker.fail('boom');
        return never();
      },
    });
    await expect(pool.run(CONFIG, { onWarning: (w) => warnings.push(w) })).rejects.toThrow(
      'Paths 1–1024 failed twice (boom); the run was stopped.',
    );
    expect(warnings).toEqual([CRASH_WARNING]);
  });

  it('re-runs the shards a crashed partial merge held, and still resolves exactly', async () => {
    let crashed = false;
    const warnings: string[] = [];
    const { pool } = fakePool({
      size: 1,
      minPartialIntervalMs: 0,
      before: (worker, call) => {
        if (call.kind !== 'merge' || crashed) return;
        crashed = true;
        worker.fail('boom');
        return never();
      },
    });
    await expect(pool.run(CONFIG, { onWarning: (w) => warnings.push(w) })).resolves.toEqual(
      REFERENCE,
    );
    expect(warnings).toEqual([
      'A worker crashed (boom) while merging a partial result; it was replaced and the paths it held re-run.',
    ]);
  });

  it('starts the final merge only after a partial merge in flight hands its shards back', async () => {
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    const warnings: string[] = [];
    // Five shards on two workers: a partial is merged while more shards than workers are
    // unfinished, and the other worker finishes the rest meanwhile.
    const config = { ...CONFIG, paths: 5000 };
    const shards = planShards(config.paths, Number.POSITIVE_INFINITY).length;
    expect(shards).toBe(5);
    const { pool, workers } = fakePool({
      minPartialIntervalMs: 0,
      before: (_, call) => {
        if (call.kind !== 'merge' || !first) return;
        first = false;
        return held;
      },
    });
    const run = pool.run(config, { onWarning: (w) => warnings.push(w) });
    await until(() => !first && callsOf(workers, 'runShard').length === shards);
    for (let i = 0; i < 50; i++) await tick(); // the last shards finish meanwhile
    release();
    await expect(run).resolves.toEqual(simulate(config, { tables: TABLES }));
    expect(warnings).toEqual([]);
    expect(callsOf(workers, 'merge')).toHaveLength(2);
  });

  it('crashTest crashes the worker that reports the first progress, once, and the run completes', async () => {
    const warnings: string[] = [];
    const { pool, workers } = fakePool({ crashTest: true });
    await expect(pool.run(CONFIG, { onWarning: (w) => warnings.push(w) })).resolves.toEqual(
      REFERENCE,
    );
    expect(callsOf(workers, 'crash')).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^A worker crashed \(crash test\)/);
  });
});

/** Both workers have run their whole warm-up (its last calls are the sampled paths' details). */
const warmedUp = (workers: FakeWorker[]) =>
  until(() => callsOf(workers, 'pathDetail').length === 2 * WARM_UP.sampledPaths.length);

describe('SimulationPool progress and prepare', { timeout: 10_000 }, () => {
  it('reports progress at most once per 100 ms, non-decreasing, ending with done = total', async () => {
    let clock = 0;
    // Every reading of the clock advances it 30 ms: reports must still be ≥ 100 ms apart.
    const now = () => (clock += 30);
    const reports: { at: number; done: number; total: number }[] = [];
    const { pool } = fakePool({ now, minPartialIntervalMs: 1e12 });
    await pool.run(CONFIG, {
      onProgress: (done, total) => reports.push({ at: clock, done, total }),
    });
    const total = CONFIG.paths * CONFIG.horizonDays;
    expect(reports.length).toBeGreaterThan(1);
    expect(reports.at(-1)).toMatchObject({ done: total, total });
    for (let i = 1; i < reports.length; i++) {
      expect(reports[i].done).toBeGreaterThanOrEqual(reports[i - 1].done);
      if (i < reports.length - 1)
        expect(reports[i].at - reports[i - 1].at).toBeGreaterThanOrEqual(100);
    }
  });

  it('prepare starts the workers; each builds its tables once per market and warms up once', async () => {
    const { pool, workers } = fakePool();
    const kinds = () => workers.map((w) => w.calls.map((c) => c.kind));
    pool.prepare(CONFIG);
    pool.prepare(structuredClone(CONFIG));
    const warmUpOf = (w: FakeWorker) => w.calls.map((c) => c.kind);
    await warmedUp(workers);
    await tick();
    // The warm-up is a whole small run: its shard, the merge and the sampled paths' re-runs.
    const details = WARM_UP.sampledPaths.map(() => 'pathDetail');
    expect(workers.map(warmUpOf)).toEqual([
      ['prepare', 'runShard', 'merge', ...details],
      ['prepare', 'runShard', 'merge', ...details],
    ]);
    const warmUp = callsOf(workers, 'runShard')[0];
    expect(warmUp.args).toEqual([
      { ...CONFIG, paths: WARM_UP_PATHS },
      { firstPath: 0, pathCount: WARM_UP_PATHS },
    ]);
    const market = { ...CONFIG.market, v0: CONFIG.market.v0 * 2 };
    pool.prepare({ ...CONFIG, market });
    await until(() => callsOf(workers, 'prepare').length === 4);
    await tick();
    expect(kinds()).toEqual([
      ['prepare', 'runShard', 'merge', ...details, 'prepare'],
      ['prepare', 'runShard', 'merge', ...details, 'prepare'],
    ]);
  });

  it('hands the first warm-up result, complete with path details, to its listeners once', async () => {
    const { pool, workers } = fakePool();
    const heard: WarmUpResult[] = [];
    pool.onWarmUpResult((w) => heard.push(w));
    pool.prepare(CONFIG);
    await warmedUp(workers);
    await tick();
    expect(heard).toHaveLength(1);
    const [{ config, result }] = heard;
    expect(config).toEqual({ ...CONFIG, paths: WARM_UP_PATHS });
    // The same numbers as the engine's own run of that config (the warm-up is a real run).
    expect(result.paths).toBe(WARM_UP_PATHS);
    expect(result.hedged.mean).toBe(WARM_UP.hedged.mean);
    expect(result.sampledPaths).toEqual(WARM_UP.sampledPaths);
    expect(result.pathDetails).toEqual(WARM_UP.pathDetails);
    // A listener that comes later hears the same result at once.
    const late: WarmUpResult[] = [];
    pool.onWarmUpResult((w) => late.push(w));
    expect(late).toEqual(heard);
  });

  it('a removed warm-up listener hears nothing', async () => {
    const { pool, workers } = fakePool();
    const heard: WarmUpResult[] = [];
    const remove = pool.onWarmUpResult((w) => heard.push(w));
    remove();
    pool.prepare(CONFIG);
    await warmedUp(workers);
    await tick();
    expect(heard).toEqual([]);
  });

  it('prepare ignores an invalid config: nothing reaches a worker', async () => {
    const { pool, workers } = fakePool();
    pool.prepare({ ...CONFIG, paths: -1 });
    await tick();
    expect(workers.flatMap((w) => w.calls)).toEqual([]);
  });

  it('defers a prepare during a run to the run’s end', async () => {
    const { pool, workers } = fakePool();
    const run = pool.run(CONFIG);
    const market = { ...CONFIG.market, v0: CONFIG.market.v0 * 2 };
    pool.prepare({ ...CONFIG, market });
    await until(() => callsOf(workers, 'runShard').length > 0);
    expect(callsOf(workers, 'prepare')).toEqual([]);
    await run;
    expect(callsOf(workers, 'prepare').map((c) => c.args[0])).toEqual([market, market]);
  });

  it('dispose terminates every worker and rejects the run in flight with an AbortError', async () => {
    const { pool, workers } = fakePool({
      before: (_, call) => (call.kind === 'runShard' ? never() : undefined),
    });
    const run = pool.run(CONFIG);
    pool.dispose();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers.every((w) => w.terminated)).toBe(true);
    await expect(pool.run(CONFIG)).rejects.toThrow('disposed');
  });
});

it('the shard ranges of the fixture are the three chunks the tests name', () => {
  expect(RANGES).toEqual([
    { firstPath: 0, pathCount: 1024 },
    { firstPath: 1024, pathCount: 1024 },
    { firstPath: 2048, pathCount: 452 },
  ]);
});

describe('SimulationPool.replay', { timeout: 10_000 }, () => {
  // Half a year of real closes (tests/fixtures/replay, cut from shared/data).
  const parsed = parseReplayCsv(
    readFileSync(new URL('../../../fixtures/replay/spx-vix-2020-h1.csv', import.meta.url), 'utf8'),
  );
  if (!parsed.ok) throw new Error(parsed.error);
  const SERIES: ReplaySeries = parsed.series;
  const REPLAYED = replay(CONFIG, SERIES, { tables: TABLES });
  const holdReplay: Behaviour['before'] = (_, call) =>
    call.kind === 'replay' ? never() : undefined;

  it('resolves with exactly the engine’s replay, from one call on one worker', async () => {
    const { pool, workers } = fakePool();
    await expect(pool.replay(CONFIG, SERIES)).resolves.toEqual(REPLAYED);
    expect(callsOf(workers, 'replay')).toHaveLength(1);
    expect(REPLAYED.replay).toMatchObject({ from: '2020-01-02', to: '2020-06-30', rows: 125 });
  });

  it('rejects an invalid config with its messages and never calls a worker', async () => {
    const { pool, workers } = fakePool();
    const error = await pool.replay({ ...CONFIG, capital: -1 }, SERIES).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect(callsOf(workers, 'replay')).toEqual([]);
  });

  it('rejects at once with an AbortError when the signal is already aborted', async () => {
    const { pool, workers } = fakePool();
    const controller = new AbortController();
    controller.abort();
    await expect(pool.replay(CONFIG, SERIES, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(callsOf(workers, 'replay')).toEqual([]);
  });

  it('on abort rejects with an AbortError without waiting, and replaces the busy worker', async () => {
    const { pool, workers } = fakePool({ before: holdReplay });
    const controller = new AbortController();
    const pending = pool.replay(CONFIG, SERIES, { signal: controller.signal });
    await until(() => callsOf(workers, 'replay').length === 1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    const busy = workers.find((w) => w.calls.some((c) => c.kind === 'replay'));
    expect(busy?.terminated).toBe(true);
    expect(workers.filter((w) => !w.terminated)).toHaveLength(2);
  });

  it('cancels a run in flight (AbortError), then replays exactly', async () => {
    const { pool, workers } = fakePool({
      before: (_, call) => (call.kind === 'runShard' ? never() : undefined),
    });
    const run = pool.run(CONFIG);
    await until(() => callsOf(workers, 'runShard').length === 2);
    const replayed = pool.replay(CONFIG, SERIES);
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    await expect(replayed).resolves.toEqual(REPLAYED);
  });

  it('is cancelled by a run (AbortError), and the run completes exactly', async () => {
    const { pool, workers } = fakePool({ before: holdReplay });
    const replayed = pool.replay(CONFIG, SERIES);
    await until(() => callsOf(workers, 'replay').length === 1);
    const run = pool.run(CONFIG);
    await expect(replayed).rejects.toMatchObject({ name: 'AbortError' });
    await expect(run).resolves.toEqual(REFERENCE);
  });

  it('a second replay cancels the first', async () => {
    let hold = true;
    const { pool, workers } = fakePool({
      before: (_, call) => (hold && call.kind === 'replay' ? never() : undefined),
    });
    const first = pool.replay(CONFIG, SERIES);
    await until(() => callsOf(workers, 'replay').length === 1);
    hold = false;
    const second = pool.replay(CONFIG, SERIES);
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    await expect(second).resolves.toEqual(REPLAYED);
  });

  it('rejects with an Error naming the crash, and replaces the worker, when it crashes', async () => {
    const { pool, workers } = fakePool({
      before: (worker, call) => {
        if (call.kind !== 'replay') return;
        worker.fail('boom');
        return never();
      },
    });
    await expect(pool.replay(CONFIG, SERIES)).rejects.toThrow(
      'The worker crashed during the replay (boom).',
    );
    expect(workers.filter((w) => w.terminated)).toHaveLength(1);
    expect(workers.filter((w) => !w.terminated)).toHaveLength(2);
  });

  it('passes the engine’s refusal through and keeps the worker', async () => {
    const { pool, workers } = fakePool({
      before: (_, call) => {
        if (call.kind === 'replay') throw new RangeError('spx[3]: -5 must be > 0');
      },
    });
    await expect(pool.replay(CONFIG, SERIES)).rejects.toThrow('spx[3]: -5 must be > 0');
    expect(workers.some((w) => w.terminated)).toBe(false);
  });

  it('dispose rejects a replay in flight with an AbortError and terminates every worker', async () => {
    const { pool, workers } = fakePool({ before: holdReplay });
    const replayed = pool.replay(CONFIG, SERIES);
    pool.dispose();
    await expect(replayed).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers.every((w) => w.terminated)).toBe(true);
    expect(workers).toHaveLength(2);
  });
});

describe('SimulationPool.pathDetail', { timeout: 10_000 }, () => {
  it('resolves with exactly the engine’s detail of that path (bit-identical to the run)', async () => {
    const { pool, workers } = fakePool();
    const detail = await pool.pathDetail(CONFIG, 1234);
    expect(detail).toEqual(simulatePathDetail(CONFIG, 1234, TABLES));
    expect(callsOf(workers, 'pathDetail')).toHaveLength(1);
  });

  it.each([-1, 2500, 1.5, Number.NaN])(
    'rejects path %s (outside 0 … paths − 1) without calling a worker',
    async (path) => {
      const { pool, workers } = fakePool();
      await expect(pool.pathDetail(CONFIG, path)).rejects.toThrow(/from 0 to 2499/);
      expect(callsOf(workers, 'pathDetail')).toEqual([]);
    },
  );

  it('rejects an invalid config with its messages and never calls a worker', async () => {
    const { pool, workers } = fakePool();
    const error = await pool.pathDetail({ ...CONFIG, capital: -1 }, 0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect(callsOf(workers, 'pathDetail')).toEqual([]);
  });

  it('names the path’s detail when its worker crashes, and replaces the worker', async () => {
    const { pool, workers } = fakePool({
      before: (worker, call) => {
        if (call.kind !== 'pathDetail') return;
        worker.fail('boom');
        return never();
      },
    });
    await expect(pool.pathDetail(CONFIG, 3)).rejects.toThrow(
      "The worker crashed during the path's detail (boom).",
    );
    expect(workers.filter((w) => !w.terminated)).toHaveLength(2);
  });
});
