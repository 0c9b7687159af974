/**
 * The stress test panel (src/components/results/StressComparison.svelte) with a fake pool that
 * runs the engine in the test ('alvh-example' with its layers, 160 paths, 30 days, Covid shocks on
 * days 5, 15 and 20): it shows both runs side by side for both books, the sentences with the
 * engine's numbers, the overlaid chart; cancel; custom-field messages; no NaN on screen.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import StressComparison from '../../../src/components/results/StressComparison.svelte';
import {
  simulate,
  strategyPreset,
  stressEffects,
  stressedConfig,
  type SimulationConfig,
  type SimulationResult,
} from '../../../src/engine/index.ts';
import type { RunOptions } from '../../../src/lib/compute/pool.ts';
import { formatWithError } from '../../../src/lib/format.ts';
import { ConfigState } from '../../../src/lib/state/config.svelte.ts';
import { RunState, type RunPool } from '../../../src/lib/state/run.svelte.ts';

const CONFIG: SimulationConfig = {
  ...strategyPreset('alvh-example'),
  paths: 160,
  horizonDays: 30,
  seed: 3,
};
const simulated = new Map<string, SimulationResult>();
const simulateOnce = (config: SimulationConfig) => {
  const key = JSON.stringify(config);
  const hit = simulated.get(key) ?? simulate(config, { details: false });
  simulated.set(key, hit);
  return hit;
};

/** A pool that simulates each config (or, with `hold`, waits until aborted). */
function pool(options: { hold?: boolean } = {}) {
  const calls: SimulationConfig[] = [];
  const p: RunPool = {
    run: (config: unknown, o: RunOptions) =>
      new Promise<SimulationResult>((resolve, reject) => {
        calls.push(config as SimulationConfig);
        o.signal?.addEventListener('abort', () =>
          reject(new DOMException('Run cancelled', 'AbortError')),
        );
        if (!options.hold) setTimeout(() => resolve(simulateOnce(config as SimulationConfig)), 0);
      }),
    prepare: () => undefined,
    dispose: () => undefined,
  };
  return { pool: p, calls };
}

function setup(options: { hold?: boolean } = {}) {
  const { pool: p, calls } = pool(options);
  const state = new ConfigState(CONFIG);
  const run = new RunState({ pool: p });
  render(StressComparison, { props: { state, run } });
  const section = screen.getByRole('region', { name: 'Stress test' });
  return { section, calls, state, run };
}

const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

describe('StressComparison', () => {
  it('runs base then Covid-shocked and shows both books side by side, the sentences and the chart', async () => {
    const { section, calls } = setup();
    expect(within(section).getByRole('heading', { name: 'Stress test' })).toBeTruthy();
    const covid = within(section).getByRole('radio', { name: /Covid crash \(2020\)/ });
    expect((covid as HTMLInputElement).checked).toBe(true);
    await fireEvent.click(within(section).getByRole('checkbox', { name: /episode's market/ }));
    await fireEvent.click(within(section).getByRole('button', { name: 'Run stress test' }));
    await waitFor(() => within(section).getByRole('table', { name: 'Condor alone' }), {
      timeout: 10_000,
    });
    expect(calls).toHaveLength(2);
    expect(calls[0].shocks).toEqual([]);
    expect(calls[1].shocks.map((s) => s.day)).toEqual([5, 15, 20]);
    expect(calls[1].market).toEqual(CONFIG.market);

    const base = simulateOnce(calls[0]);
    const shocked = simulateOnce(calls[1]);
    const summary = stressEffects({ base, shocked });
    for (const [name, book] of [
      ['Condor alone', 'condorOnly'],
      ['Condor + layers', 'hedged'],
    ] as const) {
      const table = within(section).getByRole('table', { name });
      const headers = within(table)
        .getAllByRole('columnheader')
        .map((h) => squash(h.textContent));
      expect(headers).toEqual(['Statistic', 'Base', 'Shocked', "Shock's effect"]);
      const meanRow = within(table).getByRole('row', { name: /Mean P&L/ });
      const cells = within(meanRow)
        .getAllByRole('cell')
        .map((c) => squash(c.textContent));
      expect(cells[0]).toBe(formatWithError(base[book].mean, base[book].meanStdErr, 'money'));
      expect(cells[1]).toBe(formatWithError(shocked[book].mean, shocked[book].meanStdErr, 'money'));
    }
    const text = squash(section.textContent);
    const condorMean = summary.effects.find(
      (e) => e.book === 'condorOnly' && e.statistic === 'mean',
    );
    expect(text).toContain(
      `Under the Covid crash (2020) scenario the condor alone's mean P&L goes from ${formatWithError(condorMean?.base.estimate, condorMean?.base.stdErr, 'money')}`,
    );
    const hedge = summary.hedgeValueShocked;
    expect(text).toContain(
      `${formatWithError(Math.abs(hedge.estimate ?? NaN), hedge.stdErr, 'money')} (condor + layers − condor alone, same paths)`,
    );
    expect(
      within(section).getByRole('img', { name: /base run against the run under/ }),
    ).toBeTruthy();
    expect(text).not.toMatch(/NaN|undefined/);
    expect(within(section).getByRole('status').textContent).toContain('Stress test done');
  });

  it('Cancel stops the run in flight and says so in the status', async () => {
    const { section } = setup({ hold: true });
    await fireEvent.click(within(section).getByRole('button', { name: 'Run stress test' }));
    expect(within(section).getByRole('status').textContent).toContain('Running the base settings');
    await fireEvent.click(within(section).getByRole('button', { name: 'Cancel stress test' }));
    await waitFor(() =>
      expect(within(section).getByRole('status').textContent).toContain('Stress test cancelled.'),
    );
    expect(within(section).queryByRole('table', { name: 'Condor alone' })).toBeNull();
    expect(
      (within(section).getByRole('button', { name: 'Run stress test' }) as HTMLButtonElement)
        .disabled,
    ).toBe(false);
  });

  it('custom: each field names its range when out of it, and Run is disabled with the reason', async () => {
    const { section } = setup();
    await fireEvent.click(within(section).getByRole('radio', { name: /^Custom/ }));
    await fireEvent.input(within(section).getByLabelText('Gap (%)'), { target: { value: '-60' } });
    await fireEvent.input(within(section).getByLabelText('VIX day'), { target: { value: '31' } });
    expect(squash(section.textContent)).toContain('Gap must be between −50 % and 50 %');
    expect(squash(section.textContent)).toContain(
      'VIX day must be a whole number between 1 and 30 (the horizon)',
    );
    const gap = within(section).getByLabelText('Gap (%)');
    expect(gap.getAttribute('aria-invalid')).toBe('true');
    const button = within(section).getByRole('button', {
      name: 'Run stress test',
    }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(squash(section.textContent)).toContain(
      'Stress test disabled: the custom shock has a problem',
    );
    await fireEvent.input(gap, { target: { value: '-10' } });
    await fireEvent.input(within(section).getByLabelText('VIX day'), { target: { value: '5' } });
    expect(button.disabled).toBe(false);
    expect(squash(section.textContent)).toContain(
      'Shocked run adds day 5: SPX −10.0 %, VIX to 45.0',
    );
  });

  it('says why Run is disabled when the shocked settings would be invalid (shocks past the horizon kept out)', () => {
    const { section } = setup();
    // Covid's shocks all fall within 30 days; the 2022 bear's after day 30 are left out.
    const bear = within(section).getByRole('radio', { name: /Slow bear \(2022\)/ });
    return fireEvent.click(bear).then(() => {
      const text = squash(section.textContent);
      expect(text).toContain('Shocked run adds day 20: SPX −2.9 %, VIX to 22.0');
      expect(text).toContain('Left out, after the 30-day horizon: day 40');
      const out = stressedConfig({
        config: CONFIG,
        scenario: { kind: 'named', name: 'bear-2022' },
      });
      expect(out.beyondHorizon).toHaveLength(9);
    });
  });

  it('is disabled, with the reason, while the main simulation runs (it would cancel it)', async () => {
    const { section, run } = setup();
    run.status = 'running';
    await waitFor(() =>
      expect(squash(section.textContent)).toContain(
        'Stress test disabled: a simulation is running; wait for it to finish.',
      ),
    );
    const button = within(section).getByRole('button', { name: 'Run stress test' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
  });
});
