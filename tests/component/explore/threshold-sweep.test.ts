// Threshold sweep panel: the parameters of the config in plain words, field messages naming the
// range, and — with a fake pool that answers from the config — a sweep on one seed (common random
// numbers), the chart, the overfitting warning, the out-of-sample check on a new seed, "Use this
// value", a parameter that disappears, and a sweep stopped by another run.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it } from 'vitest';
import ThresholdSweep from '../../../src/components/explore/ThresholdSweep.svelte';
import {
  strategyPreset,
  type SimulationConfig,
  type SimulationResult,
} from '../../../src/engine/index.ts';
import { abortError, type RunOptions } from '../../../src/lib/compute/pool.ts';
import { ConfigState } from '../../../src/lib/state/config.svelte.ts';
import { RunState, type RunPool } from '../../../src/lib/state/run.svelte.ts';

const TRIGGER = 'layers[1].trigger.conditions[0].value';

/**
 * A hand-made result that depends on the swept trigger and the seed: the hedged mean rises with
 * the trigger, CVaR95 is lowest at VIX 25 on seed 1 and flatter on other seeds.
 */
function fixtureResult(config: SimulationConfig): SimulationResult {
  const condition = config.layers[1]?.trigger.conditions[0];
  const x = condition && 'value' in condition ? condition.value : 20;
  const cvar = config.seed === 1 ? 20_000 + 40 * (x - 25) ** 2 : 20_100 + 10 * (x - 25) ** 2;
  return {
    hedged: { mean: 100 * x - 2000, meanStdErr: 150, cvar95: cvar, cvar95StdErr: 600 },
    difference: { mean: { estimate: -(40 - x) * 20, stdErr: 30 } },
  } as unknown as SimulationResult;
}

class FakePool implements RunPool {
  calls: SimulationConfig[] = [];
  /** When set, the next run rejects with this error. */
  failNext: unknown = null;
  async run(config: unknown, options: RunOptions): Promise<SimulationResult> {
    const c = config as SimulationConfig;
    this.calls.push(c);
    options.onProgress?.(1, 1);
    await Promise.resolve();
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = null;
      throw error;
    }
    return fixtureResult(c);
  }
  prepare(): void {}
  dispose(): void {}
}

function setup(config: SimulationConfig = strategyPreset('alvh-example')) {
  const state = new ConfigState(config);
  const pool = new FakePool();
  const run = new RunState({ pool });
  render(ThresholdSweep, { props: { state, run } });
  return { state, pool, run };
}

const section = () => screen.getByRole('region', { name: 'Threshold sweep' });
const picker = () => screen.getByLabelText('Parameter') as HTMLSelectElement;
const field = (name: RegExp) => screen.getByLabelText(name) as HTMLInputElement;
const type = (input: HTMLElement, value: string) => fireEvent.input(input, { target: { value } });
const runButton = () => screen.getByRole('button', { name: 'Run sweep' }) as HTMLButtonElement;

/** Lets the fake pool's promises and Svelte's updates settle. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await tick();
}

async function sweepTrigger(pool: FakePool) {
  await fireEvent.change(picker(), { target: { value: TRIGGER } });
  await type(field(/^From/), '20');
  await type(field(/^To/), '30');
  await type(field(/^Steps/), '3');
  await type(field(/^Paths per point/), '1000');
  await fireEvent.click(runButton());
  await settle();
  return pool.calls.map((c) => [c.seed, c.paths, c.layers[1].trigger.conditions[0]]);
}

describe('ThresholdSweep', () => {
  it("lists the config's rule parameters in plain words, starting with the layers", () => {
    setup();
    expect(section()).toBeTruthy();
    const options = [...picker().options].map((o) => o.textContent);
    expect(options).toContain('Layer 2 (Calls at VIX 20): VIX ≥ threshold (now 20 VIX points)');
    expect(options).toContain('Condor: short-strike delta (now 16Δ)');
    expect(options[0]).toMatch(/^Layer 1 \(Short-vol base\)/);
  });

  it('offers only the condor rules, and says so, when there are no layers', () => {
    setup(strategyPreset('condor-only'));
    expect([...picker().options].every((o) => o.textContent?.startsWith('Condor:'))).toBe(true);
    expect(screen.getByText(/only the condor's rules can be swept/)).toBeTruthy();
  });

  it('names the field and its range for an invalid end, and disables Run sweep with the reason', async () => {
    setup();
    await fireEvent.change(picker(), { target: { value: TRIGGER } });
    await type(field(/^From/), '200');
    expect(
      screen.getAllByText('From: must be between 5 and 150 VIX points.').length,
    ).toBeGreaterThan(0);
    expect(runButton().disabled).toBe(true);
    await type(field(/^From/), '30');
    await type(field(/^To/), '20');
    expect(screen.getAllByText('To: must be above From (30 VIX points).').length).toBeGreaterThan(
      0,
    );
    await type(field(/^Steps/), '12');
    expect(screen.getByText('Steps: must be a whole number between 2 and 11.')).toBeTruthy();
  });

  it('runs every grid value on the same seed and draws the chart with the warning', async () => {
    const { pool } = setup();
    expect(await sweepTrigger(pool)).toEqual([
      [1, 1000, { kind: 'vix-at-least', value: 20 }],
      [1, 1000, { kind: 'vix-at-least', value: 25 }],
      [1, 1000, { kind: 'vix-at-least', value: 30 }],
    ]);
    expect(screen.getByRole('img', { name: /Threshold sweep of Layer 2/ })).toBeTruthy();
    expect(screen.getByText(/Beware of overfitting/)).toBeTruthy();
    expect(screen.getByText(/known much more precisely than the bars/)).toBeTruthy();
    // Lowest CVaR95 on seed 1 is at VIX 25.
    expect(screen.getByText('25 VIX points', { selector: 'strong' })).toBeTruthy();
  });

  it('checks the chosen value and a reference on a new seed and compares them', async () => {
    const { pool } = setup();
    await sweepTrigger(pool);
    pool.calls = [];
    await fireEvent.click(screen.getByRole('button', { name: 'Check out of sample' }));
    await settle();
    // Chosen 25; the reference is the value nearest the setting (20).
    expect(pool.calls.map((c) => [c.seed, c.layers[1].trigger.conditions[0]])).toEqual([
      [2, { kind: 'vix-at-least', value: 25 }],
      [2, { kind: 'vix-at-least', value: 20 }],
    ]);
    const table = screen.getByRole('table');
    expect(within(table).getByText(/seed 1.*seed 2/s)).toBeTruthy();
    // CVaR at 20 vs 25: in sample 21,000 vs 20,000 (advantage $1,000); new seed 20,350 vs 20,100.
    expect(
      screen.getByText(
        "On the sweep's paths 25 VIX points beat 20 VIX points by $1,000 of CVaR95 (a smaller loss); on new paths by $250. Only about 25 % of the advantage survived.",
      ),
    ).toBeTruthy();
  });

  it('compares with the runner-up when the chosen value is the current setting', async () => {
    const { pool, state } = setup();
    state.set(TRIGGER, 24);
    await tick();
    await fireEvent.change(picker(), { target: { value: TRIGGER } });
    await type(field(/^From/), '16');
    await type(field(/^To/), '36');
    await type(field(/^Steps/), '6');
    await fireEvent.click(runButton());
    await settle();
    pool.calls = [];
    await fireEvent.click(screen.getByRole('button', { name: 'Check out of sample' }));
    await settle();
    // Grid 16, 20, …, 36; CVaR95 on seed 1 is lowest at 24 (the setting), then at 28 — not 20,
    // which is as near the setting as 28.
    expect(pool.calls.map((c) => c.layers[1].trigger.conditions[0])).toEqual([
      { kind: 'vix-at-least', value: 24 },
      { kind: 'vix-at-least', value: 28 },
    ]);
  });

  it('drops a check made for the other criterion when the criterion changes', async () => {
    const { pool } = setup();
    await sweepTrigger(pool);
    await fireEvent.click(screen.getByRole('button', { name: 'Check out of sample' }));
    await settle();
    expect(screen.queryByText(/Only about 25 % of the advantage survived/)).toBeTruthy();
    await fireEvent.click(screen.getByRole('radio', { name: 'the highest mean P&L' }));
    await settle();
    expect(screen.queryByText(/of the advantage survived/)).toBeNull();
  });

  it('neither checks nor applies the chosen value once the settings changed', async () => {
    const { pool, state } = setup();
    await sweepTrigger(pool);
    state.set('capital', 150_000);
    await settle();
    expect(section().textContent).toContain('This sweep was run on earlier settings');
    const check = screen.getByRole('button', { name: 'Check out of sample' }) as HTMLButtonElement;
    const use = screen.getByRole('button', { name: 'Use this value' }) as HTMLButtonElement;
    expect(check.disabled).toBe(true);
    expect(use.disabled).toBe(true);
  });

  it('is disabled, with the reason, while another job holds the workers', async () => {
    const { run } = setup();
    const release = run.occupy('the stress test');
    await settle();
    expect(runButton().disabled).toBe(true);
    expect(section().textContent).toContain('The stress test is running; wait for it to finish.');
    release();
    await settle();
    expect(runButton().disabled).toBe(false);
  });

  it('applies the chosen value to the settings', async () => {
    const { pool, state } = setup();
    await sweepTrigger(pool);
    await fireEvent.click(screen.getByRole('button', { name: 'Use this value' }));
    expect(state.numberAt(TRIGGER)).toBe(25);
    expect(
      screen.getByText(/Set Layer 2 \(Calls at VIX 20\): VIX ≥ threshold to 25 VIX points/),
    ).toBeTruthy();
  });

  it('resets the picker with a message when the picked parameter leaves the settings', async () => {
    const { state } = setup();
    await fireEvent.change(picker(), { target: { value: TRIGGER } });
    state.removeLayer(1);
    await tick();
    expect(
      screen.getByText(
        /“Layer 2 \(Calls at VIX 20\): VIX ≥ threshold” is no longer in the settings/,
      ),
    ).toBeTruthy();
    expect(picker().value).toBe('layers[0].trigger.conditions[0].value');
  });

  it('reports a sweep stopped by another run as stopped, not as a crash', async () => {
    const { pool } = setup();
    pool.failNext = abortError();
    await sweepTrigger(pool);
    expect(screen.getByText(/The sweep stopped: another simulation started/)).toBeTruthy();
    expect(runButton().disabled).toBe(false);
  });
});
