/**
 * StressState (src/lib/state/stress.svelte.ts) with a fake pool: base then shocked, reuse of the
 * main run's result, progress, cancel (by the user or by another run) and errors.
 */
import { describe, expect, it } from 'vitest';
import {
  defaultConfig,
  simulate,
  stressedConfig,
  type SimulationConfig,
  type SimulationResult,
} from '../../../../src/engine/index.ts';
import type { RunOptions } from '../../../../src/lib/compute/pool.ts';
import type { RunPool } from '../../../../src/lib/state/run.svelte.ts';
import { StressState, type StressRunSource } from '../../../../src/lib/state/stress.svelte.ts';

const BASE: SimulationConfig = { ...defaultConfig(), paths: 32, horizonDays: 25 };
const SHOCKED = stressedConfig({
  config: BASE,
  scenario: { kind: 'named', name: 'covid-2020' },
  regime: 'keep',
}).config;

interface PendingRun {
  config: SimulationConfig;
  options: RunOptions;
  resolve(): void;
  reject(error: unknown): void;
}

/** Small simulations, memoised by config: several tests resolve the same two runs. */
const simulated = new Map<string, SimulationResult>();
function simulateOnce(config: SimulationConfig): SimulationResult {
  const key = JSON.stringify(config);
  let result = simulated.get(key);
  if (!result) {
    result = simulate(config, { details: false });
    simulated.set(key, result);
  }
  return result;
}

/** A pool whose runs wait until the test resolves them with a real (small) simulation. */
function fakePool() {
  const runs: PendingRun[] = [];
  const pool: RunPool = {
    run: (config, options) =>
      new Promise<SimulationResult>((resolve, reject) => {
        const c = config as SimulationConfig;
        runs.push({
          config: c,
          options,
          resolve: () => resolve(simulateOnce(c)),
          reject,
        });
        options.signal?.addEventListener('abort', () =>
          reject(new DOMException('Run cancelled', 'AbortError')),
        );
      }),
    prepare: () => undefined,
    dispose: () => undefined,
  };
  return { pool, runs };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

function source(pool: RunPool, over: Partial<StressRunSource> = {}): StressRunSource {
  return { pool, status: 'idle', result: null, partial: false, config: null, ...over };
}

describe('StressState', () => {
  it('runs the base config, then the shocked one, with progress 0 → ½ → 1', async () => {
    const { pool, runs } = fakePool();
    const state = new StressState(source(pool));
    const done = state.start({ base: BASE, shocked: SHOCKED, label: 'Covid' });
    expect(state.status).toBe('running');
    expect(state.phase).toBe('base');
    expect(runs).toHaveLength(1);
    expect(runs[0].config.shocks).toEqual([]);
    runs[0].options.onProgress?.(1, 2);
    expect(state.progress).toBeCloseTo(0.25, 12);
    runs[0].resolve();
    await tick();
    expect(state.phase).toBe('shocked');
    expect(runs).toHaveLength(2);
    expect(runs[1].config.shocks.map((s) => s.day)).toEqual([5, 15, 20]);
    runs[1].options.onProgress?.(1, 2);
    expect(state.progress).toBeCloseTo(0.75, 12);
    runs[1].resolve();
    await done;
    expect(state.status).toBe('done');
    expect(state.progress).toBe(1);
    expect(state.reusedBase).toBe(false);
    expect(state.summary?.effects).toHaveLength(8);
  });

  it('reuses the main run’s complete result of the same config as the base (one run only)', async () => {
    const { pool, runs } = fakePool();
    const mainResult = simulateOnce(BASE);
    const state = new StressState(
      source(pool, { status: 'done', result: mainResult, config: structuredClone(BASE) }),
    );
    const done = state.start({ base: BASE, shocked: SHOCKED, label: 'Covid' });
    await tick();
    expect(runs).toHaveLength(1);
    expect(runs[0].config.shocks).toHaveLength(3);
    runs[0].resolve();
    await done;
    expect(state.reusedBase).toBe(true);
    expect(state.base).toBe(mainResult);
  });

  it.each([
    ['a partial main result', { status: 'done', partial: true }],
    ['a main result of other settings', { status: 'done', config: { ...BASE, seed: 2 } }],
    ['a main run still running', { status: 'running' }],
  ] as const)('does not reuse %s', async (_, over) => {
    const { pool, runs } = fakePool();
    const state = new StressState(
      source(pool, { result: simulateOnce(BASE), config: BASE, ...over }),
    );
    void state.start({ base: BASE, shocked: SHOCKED, label: 'Covid' });
    await tick();
    expect(state.phase).toBe('base');
    expect(runs[0].config.shocks).toEqual([]);
    state.cancel();
  });

  it('cancel stops the run in flight and says so', async () => {
    const { pool, runs } = fakePool();
    const state = new StressState(source(pool));
    const done = state.start({ base: BASE, shocked: SHOCKED, label: 'Covid' });
    state.cancel();
    await done;
    expect(state.status).toBe('cancelled');
    expect(state.message).toBe('Stress test cancelled.');
    expect(runs[0].options.signal?.aborted).toBe(true);
    expect(state.base).toBeNull();
  });

  it('an AbortError from another run on the pool ends as cancelled with the reason', async () => {
    const { pool, runs } = fakePool();
    const state = new StressState(source(pool));
    const done = state.start({ base: BASE, shocked: SHOCKED, label: 'Covid' });
    runs[0].reject(new DOMException('Run replaced', 'AbortError'));
    await done;
    expect(state.status).toBe('cancelled');
    expect(state.message).toBe('Stress test cancelled: another run started on the same workers.');
  });

  it('reports a failed run and an invalid shocked config as errors, naming the problem', async () => {
    const { pool, runs } = fakePool();
    const state = new StressState(source(pool));
    const done = state.start({ base: BASE, shocked: SHOCKED, label: 'Covid' });
    runs[0].reject(new Error('worker crashed'));
    await done;
    expect(state.status).toBe('error');
    expect(state.message).toBe('The stress test failed: worker crashed');

    await state.start({
      base: BASE,
      shocked: { ...SHOCKED, shocks: [{ day: 99, spxGap: -0.1, vixTo: null }] },
      label: 'Custom',
    });
    expect(state.status).toBe('error');
    expect(state.message).toBe(
      'The shocked settings are not valid: shocks[0].day: must be within the horizon (1 to 25)',
    );
  });
});
