/**
 * The fan chart's note on clipping: when on some day paths lay beyond the range the engine's
 * histograms cover (`FanChart.outOfRangeShare` > 0), a visible line under the chart gives the
 * largest share; none when every share is 0 or the field is missing (results from before it).
 */
import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import FanChart from '../../../src/components/charts/FanChart.svelte';
import type { FanChart as FanChartData, SimulationResult } from '../../../src/engine/index.ts';

type Fans = SimulationResult['fanCharts'];

/** Three days of a made-up chart around `level`; `shares` is its outOfRangeShare, if any. */
function fan(level: number, unit: FanChartData['unit'], shares?: number[]): FanChartData {
  const q = (d: number) => [level - 2 * d, level - d, level, level + d, level + 2 * d];
  const rows = [q(0), q(1), q(2)];
  return {
    days: [0, 1, 2],
    probs: [0.05, 0.25, 0.5, 0.75, 0.95],
    quantiles: [0, 1, 2, 3, 4].map((k) => rows.map((r) => r[k])),
    resolution: 1,
    unit,
    ...(shares ? { outOfRangeShare: shares } : {}),
  };
}

function fans(shares: Partial<Record<keyof Fans, number[]>> = {}, withField = true): Fans {
  const s = (key: keyof Fans) => (withField ? (shares[key] ?? [0, 0, 0]) : undefined);
  return {
    spx: fan(6800, 'index points', s('spx')),
    vix: fan(20, 'VIX points', s('vix')),
    condorPnl: fan(1000, 'dollars', s('condorPnl')),
    hedgedPnl: fan(800, 'dollars', s('hedgedPnl')),
  };
}

const note = (container: HTMLElement) => container.querySelector('.clipping-note');

describe('FanChart clipping note', () => {
  it('shows the largest share under the chart when some day is clipped', () => {
    const { container } = render(FanChart, {
      props: { fans: fans({ spx: [0, 0.012, 0.032] }), variable: 'spx', width: 640 },
    });
    const p = note(container);
    expect(p?.textContent).toBe(
      "Beyond the chart's range on some days: up to 3.2 % of paths (their quantiles are drawn at the edge).",
    );
    // Under the chart: after the SVG in document order, and visible (not hidden).
    const svg = container.querySelector('svg[role="img"]')!;
    expect(svg.compareDocumentPosition(p!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(p!.closest('[hidden]')).toBeNull();
  });

  it('names the clipped book on the portfolio chart', () => {
    const { container } = render(FanChart, {
      props: {
        fans: fans({ hedgedPnl: [0, 0, 0.25] }),
        variable: 'portfolio',
        capital: 100_000,
        width: 640,
      },
    });
    expect(note(container)?.textContent).toBe(
      "Beyond the chart's range on some days: up to 25.0 % of paths for Condor + layers (their quantiles are drawn at the edge).",
    );
  });

  it('reads only its own variable: a clipped VIX does not mark the SPX chart', () => {
    const { container } = render(FanChart, {
      props: { fans: fans({ vix: [0, 0.5, 0] }), variable: 'spx', width: 640 },
    });
    expect(note(container)).toBeNull();
  });

  it.each([
    ['every share is 0', fans()],
    ['the field is missing (a result from before it)', fans({}, false)],
  ])('shows no note when %s', (_, f) => {
    for (const variable of ['spx', 'vix', 'portfolio'] as const) {
      const { container, unmount } = render(FanChart, {
        props: { fans: f, variable, capital: 100_000, width: 640 },
      });
      expect(note(container)).toBeNull();
      expect(container.textContent).not.toContain('Beyond the chart');
      expect(container.innerHTML).not.toMatch(/NaN|undefined/);
      unmount();
    }
  });
});
