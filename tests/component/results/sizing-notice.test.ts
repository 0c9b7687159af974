/**
 * The results dashboard says plainly when the condor or a hedge layer never traded because its
 * sizing gave zero contracts, instead of showing flat charts that look like a strategy that
 * earned nothing.
 */
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ResultsDashboard from '../../../src/components/results/ResultsDashboard.svelte';
import {
  defaultHedgeLayer,
  simulate,
  strategyPreset,
  type SimulationConfig,
} from '../../../src/engine/index.ts';

function run(riskPct: number) {
  const base = strategyPreset('condor-only');
  const config: SimulationConfig = {
    ...base,
    paths: 100,
    horizonDays: 21,
    condor: { ...base.condor, riskPctOfCapital: riskPct },
  };
  return { config, result: simulate(config) };
}

describe('ResultsDashboard: a condor that never traded', () => {
  it('shows a note with what one contract risks and the budget', () => {
    const { config, result } = run(0.01);
    render(ResultsDashboard, { props: { result, config } });
    const note = screen.getByRole('note');
    expect(note.textContent).toMatch(
      /^No condor was opened on any path: on day 0 one contract risks \$[\d,]+ /,
    );
    expect(note.textContent).toContain('more than its budget of $1,000');
  });

  it('shows no note for a partial result (the rest may still trade) or when the condor traded', () => {
    const zero = run(0.01);
    const { unmount } = render(ResultsDashboard, { props: { ...zero, partial: true } });
    expect(screen.queryByRole('note')).toBeNull();
    unmount();
    render(ResultsDashboard, { props: run(0.2) });
    expect(screen.queryByRole('note')).toBeNull();
  });
});

/** condor-only (it trades) plus a long VIX future at 1 % of capital (one contract risks ~$9,500)
 *  and calls whose trigger never fires (VIX ≥ 150): 100 paths × 21 days. */
function runWithLayers() {
  const base = strategyPreset('condor-only');
  const config: SimulationConfig = {
    ...base,
    paths: 100,
    horizonDays: 21,
    layers: [
      {
        ...defaultHedgeLayer({ name: 'Long VIX future' }),
        instrument: 'vix-future',
        trigger: { combine: 'any', conditions: [{ kind: 'always' }] },
      },
      defaultHedgeLayer({ name: 'Calls at VIX 150', vixAtLeast: 150 }),
    ],
  };
  return { config, result: simulate(config) };
}

describe('ResultsDashboard: a hedge layer that never traded', () => {
  const run = runWithLayers();

  it('shows one note for the layer its sizing kept out, none for the one its trigger kept out', () => {
    render(ResultsDashboard, { props: run });
    const notes = screen.getAllByRole('note').map((n) => n.textContent);
    expect(notes).toEqual([
      expect.stringMatching(
        /^“Long VIX future” never traded: one contract risks \$[\d,]+ on day 0, more than its budget of \$1,000 \(1\.0 % of \$100,000 capital\)\./,
      ),
    ]);
  });

  it('shows no layer note for a partial result (the rest of the paths may still trade)', () => {
    render(ResultsDashboard, { props: { ...run, partial: true } });
    expect(screen.queryAllByRole('note')).toEqual([]);
  });
});

describe('ResultsDashboard: delta wings that fell inside the short strikes', () => {
  it('says the wings were set 5 points out (5 % OTM shorts, 30Δ wings)', () => {
    const base = strategyPreset('condor-only');
    const config: SimulationConfig = {
      ...base,
      paths: 100,
      horizonDays: 21,
      condor: {
        ...base.condor,
        strikeRule: 'percent-otm',
        shortOtm: 0.05,
        wingRule: 'delta',
        wingDelta: 0.3,
      },
    };
    render(ResultsDashboard, { props: { config, result: simulate(config) } });
    expect(screen.getByRole('note').textContent).toMatch(
      /^On day 0 the 30Δ wings fall on or inside the condor's short strikes, so both wings were set 5 points out/,
    );
  });
});
