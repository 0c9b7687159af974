/**
 * DashboardRehearsal (src/components/results/DashboardRehearsal.svelte): the page draws the
 * workers' warm-up result once, invisibly, so that the first real result runs warm code. It must
 * draw the real charts, show nothing to anyone, and say when it is done.
 */
import { render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import DashboardRehearsal from '../../../src/components/results/DashboardRehearsal.svelte';
import { strategyPreset } from '../../../src/engine/index.ts';
import { SAMPLE_RUN, sampleResult } from '../../fixtures/sample-result.ts';

const config = { ...strategyPreset(SAMPLE_RUN.preset), ...SAMPLE_RUN };

describe('DashboardRehearsal', () => {
  it('draws the dashboard’s charts out of sight and out of the accessibility tree', async () => {
    const ondone = vi.fn();
    const { container } = render(DashboardRehearsal, {
      props: { result: sampleResult(), config, ondone },
    });
    await waitFor(() => expect(ondone).toHaveBeenCalled());
    const rehearsal = container.querySelector('.rehearsal') as HTMLElement;
    expect(rehearsal.getAttribute('aria-hidden')).toBe('true');
    expect(rehearsal.hasAttribute('inert')).toBe(true);
    // The charts are really drawn (that is the point) …
    expect(rehearsal.querySelectorAll('svg[role="img"]').length).toBeGreaterThanOrEqual(8);
    // … but no role query, and so no screen reader, finds them.
    expect(screen.queryAllByRole('img')).toEqual([]);
    expect(screen.queryAllByRole('button')).toEqual([]);
  });

  it('calls ondone once', async () => {
    const ondone = vi.fn();
    render(DashboardRehearsal, { props: { result: sampleResult(), config, ondone } });
    await waitFor(() => expect(ondone).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(ondone).toHaveBeenCalledTimes(1);
  });
});
