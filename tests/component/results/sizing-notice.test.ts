/**
 * The results dashboard says plainly when the condor never traded (its sizing gave zero
 * contracts), instead of showing flat charts that look like a strategy that earned nothing.
 */
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ResultsDashboard from '../../../src/components/results/ResultsDashboard.svelte';
import { simulate, strategyPreset, type SimulationConfig } from '../../../src/engine/index.ts';

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
