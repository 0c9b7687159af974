/**
 * RunState (src/lib/state/run.svelte.ts) with an injected fake pool: the status machine, partial
 * results, cancel, errors, warnings, the config snapshot and the elapsed-time clock.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  defaultConfig,
  InvalidConfigError,
  type SimulationResult,
} from '../../../../src/engine/index.ts';
import type { RunOptions, WarmUpResult } from '../../../../src/lib/compute/pool.ts';
import { RunState, type RunPool } from '../../../../src/lib/state/run.svelte.ts';

/** A stand-in result: RunState only stores it (the pool tests check real results). */
const result = (paths: number) => ({ paths }) as unknown as SimulationResult;

interface PendingRun {
  config: unknown;
  options: RunOptions;
  resolve(result: SimulationResult): void;
  reject(error: unknown): void;
}

function fakePool() {
  const runs: PendingRun[] = [];
  const prepared: unknown[] = [];
  const pool: RunPool = {
    run: (config, options) =>
      new Promise<SimulationResult>((resolve, reject) => {
        runs.push({ config, options, resolve, reject });
        options.signal?.addEventListener('abort', () =>
          reject(new DOMException('Run cancelled', 'AbortError')),
        );
      }),
    prepare: (config) => void prepared.push(config),
    dispose: () => undefined,
  };
  return { pool, runs, prepared };
}

const CONFIG = { ...defaultConfig(), paths: 1000 };

afterEach(() => {
  vi.useRealTimers();
});

describe('RunState', () => {
  it('goes idle → running → done, with the result, progress 1 and no partial flag', async () => {
    const { pool, runs } = fakePool();
    const state = new RunState({ pool });
    expect(state.status).toBe('idle');
    const done = state.run(CONFIG);
    expect(state.status).toBe('running');
    expect(state.running).toBe(true);
    runs[0].resolve(result(1000));
    await done;
    expect(state).toMatchObject({ status: 'done', progress: 1, partial: false, error: null });
    expect(state.result).toEqual(result(1000));
  });

  it('shows partial results while running, flagged as partial', async () => {
    const { pool, runs } = fakePool();
    const state = new RunState({ pool });
    const done = state.run(CONFIG);
    runs[0].options.onPartial?.(result(400));
    expect(state.result).toEqual(result(400));
    expect(state.partial).toBe(true);
    runs[0].resolve(result(1000));
    await done;
    expect(state.partial).toBe(false);
  });

  it('reports progress as the share of path-steps done', () => {
    const { pool, runs } = fakePool();
    const state = new RunState({ pool });
    void state.run(CONFIG);
    runs[0].options.onProgress?.(250, 1000);
    expect(state.progress).toBe(0.25);
  });

  it('cancel settles at once as cancelled, aborts the pool run and ignores its late messages', async () => {
    const { pool, runs } = fakePool();
    const state = new RunState({ pool });
    const done = state.run(CONFIG);
    state.cancel();
    expect(state.status).toBe('cancelled');
    expect(runs[0].options.signal?.aborted).toBe(true);
    runs[0].options.onProgress?.(900, 1000);
    runs[0].options.onPartial?.(result(900));
    await done;
    expect(state).toMatchObject({ status: 'cancelled', progress: 0, result: null });
  });

  it('a new run cancels the one in flight; only the new one sets the result', async () => {
    const { pool, runs } = fakePool();
    const state = new RunState({ pool });
    const first = state.run(CONFIG);
    const second = state.run({ ...CONFIG, paths: 2000 });
    expect(runs[0].options.signal?.aborted).toBe(true);
    runs[1].resolve(result(2000));
    await Promise.all([first, second]);
    expect(state).toMatchObject({ status: 'done', result: result(2000) });
  });

  it.each([
    [
      new Error('Paths 1–2048 failed twice (boom); the run was stopped.'),
      'Paths 1–2048 failed twice (boom); the run was stopped.',
    ],
    [
      new InvalidConfigError(['paths: must be at least 1']),
      'The settings are not valid: paths: must be at least 1',
    ],
  ])('an error %#ends the run as error with a message for the user', async (error, message) => {
    const { pool, runs } = fakePool();
    const state = new RunState({ pool });
    const done = state.run(CONFIG);
    runs[0].reject(error);
    await done;
    expect(state).toMatchObject({ status: 'error', error: message });
  });

  it('collects warnings of the run and clears them when the next run starts', async () => {
    const { pool, runs } = fakePool();
    const state = new RunState({ pool });
    void state.run(CONFIG);
    runs[0].options.onWarning?.('A worker crashed (x); it was replaced.');
    expect(state.warnings).toEqual(['A worker crashed (x); it was replaced.']);
    void state.run(CONFIG);
    expect(state.warnings).toEqual([]);
  });

  it('hands the pool a snapshot: editing the config afterwards does not reach the run', () => {
    const { pool, runs } = fakePool();
    const state = new RunState({ pool });
    const config = { ...CONFIG };
    void state.run(config);
    config.paths = 5;
    expect((runs[0].config as typeof CONFIG).paths).toBe(1000);
  });

  it('ticks the elapsed time every 100 ms while running and stops when done', async () => {
    vi.useFakeTimers();
    let clock = 0;
    const { pool, runs } = fakePool();
    const state = new RunState({ pool, now: () => clock });
    const done = state.run(CONFIG);
    clock = 250;
    vi.advanceTimersByTime(100);
    expect(state.elapsedMs).toBe(250);
    runs[0].options.onProgress?.(500, 1000);
    // 500 of 1,000 paths in 0.25 s.
    expect(state.pathsPerSec).toBe(2000);
    clock = 400;
    runs[0].resolve(result(1000));
    await done;
    clock = 900;
    vi.advanceTimersByTime(500);
    expect(state.elapsedMs).toBe(400);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('says the workers are busy while a run or another job holds them, and free after', async () => {
    const { pool, runs } = fakePool();
    const state = new RunState({ pool });
    expect(state.workersBusy).toBeNull();
    const release = state.occupy('the stress test');
    expect(state.workersBusy).toBe('the stress test is running');
    release();
    release(); // a second release changes nothing
    expect(state.workersBusy).toBeNull();
    const done = state.run(CONFIG);
    expect(state.workersBusy).toBe('a simulation is running');
    runs[0].resolve({ paths: 1000 } as SimulationResult);
    await done;
    expect(state.workersBusy).toBeNull();
  });

  it('prepare hands the pool a plain copy of the config, and ignores null', () => {
    const { pool, prepared } = fakePool();
    const state = new RunState({ pool });
    state.prepare(null);
    state.prepare(CONFIG);
    expect(prepared).toEqual([CONFIG]);
  });
});

describe('RunState warm-up', () => {
  it('keeps the pool’s warm-up result once the workers have run it, and listens only once', () => {
    const { pool } = fakePool();
    const listeners: ((w: WarmUpResult) => void)[] = [];
    pool.onWarmUpResult = (listener) => {
      listeners.push(listener);
      return () => undefined;
    };
    const state = new RunState({ pool });
    expect(state.warmUp).toBeNull();
    state.prepare(CONFIG);
    state.prepare({ ...CONFIG, seed: 2 });
    expect(listeners).toHaveLength(1);
    const warmUp = { config: { ...CONFIG, paths: 512 }, result: result(512) };
    listeners[0](warmUp);
    expect(state.warmUp).toEqual(warmUp);
  });

  it('needs no warm-up from a pool that offers none', () => {
    const { pool, prepared } = fakePool();
    const state = new RunState({ pool });
    state.prepare(CONFIG);
    expect(prepared).toEqual([CONFIG]);
    expect(state.warmUp).toBeNull();
  });
});
