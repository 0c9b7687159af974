/**
 * A chart mounted again starts at the width it last had (src/lib/dom/observe-width.ts), instead of
 * drawing at the default width and again when the ResizeObserver reports: the dashboard's charts
 * are mounted by every new run, and each mount drew twice.
 */
import { render } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import FanChart from '../../../src/components/charts/FanChart.svelte';
import { DEFAULT_CHART_WIDTH } from '../../../src/lib/charts/layout.ts';
import { lastWidth } from '../../../src/lib/dom/observe-width.ts';
import { sampleResult } from '../../fixtures/sample-result.ts';

type Callback = (entries: { contentRect: { width: number } }[]) => void;
const original = globalThis.ResizeObserver;

/**
 * A ResizeObserver that reports `width` for every observed element (or never, for null); returns
 * how many elements have been observed so far.
 */
function stubResizeObserver(width: number | null): () => number {
  let observed = 0;
  globalThis.ResizeObserver = class {
    readonly #callback: Callback;
    constructor(callback: Callback) {
      this.#callback = callback;
    }
    observe(): void {
      observed++;
      if (width !== null) this.#callback([{ contentRect: { width } }]);
    }
    unobserve(): void {}
    disconnect(): void {}
  } as unknown as typeof ResizeObserver;
  return () => observed;
}

const viewBoxWidth = (container: HTMLElement) =>
  Number(container.querySelector('svg[role="img"]')?.getAttribute('viewBox')?.split(' ')[2]);

afterEach(() => {
  globalThis.ResizeObserver = original;
});

describe('chart width memory', () => {
  it('a chart never laid out starts at the default width', () => {
    stubResizeObserver(null);
    const { container } = render(FanChart, {
      props: { fans: sampleResult().fanCharts, variable: 'vix' },
    });
    expect(viewBoxWidth(container)).toBe(DEFAULT_CHART_WIDTH);
  });

  it('a chart mounted again starts at its last width, before any resize report', () => {
    const fans = sampleResult().fanCharts;
    stubResizeObserver(517);
    const first = render(FanChart, { props: { fans, variable: 'spx' } });
    expect(viewBoxWidth(first.container)).toBe(517);
    first.unmount();
    expect(lastWidth('SPX over the horizon')).toBe(517);

    stubResizeObserver(null);
    const again = render(FanChart, { props: { fans, variable: 'spx' } });
    expect(viewBoxWidth(again.container)).toBe(517);
  });

  it('remembers widths per chart: another chart keeps its own', () => {
    stubResizeObserver(null);
    const { container } = render(FanChart, {
      props: { fans: sampleResult().fanCharts, variable: 'portfolio', capital: 100_000 },
    });
    expect(viewBoxWidth(container)).toBe(DEFAULT_CHART_WIDTH);
  });

  it('a new result keeps the chart’s ResizeObserver (its title is derived from the result)', async () => {
    const observed = stubResizeObserver(480);
    const fans = sampleResult().fanCharts;
    const view = render(FanChart, { props: { fans, variable: 'portfolio', capital: 100_000 } });
    await view.rerender({ fans: { ...fans }, variable: 'portfolio', capital: 100_000 });
    await view.rerender({ fans: { ...fans }, variable: 'portfolio', capital: 100_000 });
    expect(observed()).toBe(1);
  });
});
