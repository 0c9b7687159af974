/**
 * The results charts rendered from the seeded sample result (tests/fixtures/sample-result.ts):
 * each is an <svg role="img"> with an accessible name, has a working "Show data table" toggle and
 * a keyboard/pointer readout, never prints NaN, fits a phone, and matches its committed SVG
 * snapshot (tests/component/__snapshots__/charts/, numbers rounded to 0.1).
 */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import type { Component } from 'svelte';
import { describe, expect, it } from 'vitest';
import DrawdownHistogram from '../../../src/components/charts/DrawdownHistogram.svelte';
import FanChart from '../../../src/components/charts/FanChart.svelte';
import LayerAttribution from '../../../src/components/charts/LayerAttribution.svelte';
import PayoffDiagram from '../../../src/components/charts/PayoffDiagram.svelte';
import PnlHistogram from '../../../src/components/charts/PnlHistogram.svelte';
import { formatMoney } from '../../../src/lib/format.ts';
import { sampleResult } from '../../fixtures/sample-result.ts';
import { expectSvgSnapshot } from './svg-snapshot.ts';

const r = sampleResult();
const HINT = 'Point at the chart, or focus it and use the arrow keys, to read the values.';

interface ChartCase {
  name: string;
  component: Component<Record<string, unknown>>;
  props: Record<string, unknown>;
  /** Start of the SVG's accessible name. */
  accessibleName: RegExp;
  /** Keys pressed on the focused chart, and what the readout then says. */
  keys: string[];
  readout: RegExp | string;
}

// The cases hold components with different props; each case's props match its component.
const chart = (c: unknown) => c as Component<Record<string, unknown>>;
const books = { condorOnly: r.condorOnly, hedged: r.hedged, horizonDays: r.horizonDays };
const range = (edges: number[]) => `${formatMoney(edges[0])} to ${formatMoney(edges[1])}: `;
const condor = r.openingBook.positions[0];

const cases: ChartCase[] = [
  {
    name: 'pnl-histogram',
    component: chart(PnlHistogram),
    props: { histogram: r.pnlHistogram, ...books },
    accessibleName: /^Histogram of terminal P&L after 63 trading days over 600 paths/,
    keys: ['ArrowRight'],
    readout: `${range(r.pnlHistogram.edges)}Condor alone`,
  },
  {
    name: 'drawdown-histogram',
    component: chart(DrawdownHistogram),
    props: { histogram: r.drawdownHistogram, ...books },
    accessibleName: /^Histogram of the maximum drawdown of each path over 63 trading days/,
    keys: ['ArrowRight'],
    readout: `${range(r.drawdownHistogram.edges)}Condor alone`,
  },
  {
    name: 'fan-spx',
    component: chart(FanChart),
    props: { fans: r.fanCharts, variable: 'spx' },
    accessibleName: /^Fan chart of the SPX over 63 trading days/,
    keys: ['End'],
    readout: /^Day 63: median [\d,]+ \(25–75 %: [\d,]+ to [\d,]+; 5–95 %: [\d,]+ to [\d,]+\)$/,
  },
  {
    name: 'fan-vix',
    component: chart(FanChart),
    props: { fans: r.fanCharts, variable: 'vix' },
    accessibleName: /^Fan chart of the VIX over 63 trading days/,
    keys: ['ArrowRight', 'ArrowRight'],
    readout: /^Day 1: median \d+\.\d \(/,
  },
  {
    name: 'fan-portfolio',
    component: chart(FanChart),
    props: { fans: r.fanCharts, variable: 'portfolio', capital: r.capital },
    accessibleName: /^Fan chart of the portfolio value over 63 trading days/,
    keys: ['Home'],
    readout: /^Day 0: Condor alone median \$\d+,\d{3} \(.*\); Condor \+ layers median \$\d/,
  },
  {
    name: 'layer-attribution',
    component: chart(LayerAttribution),
    props: { layers: r.layers, paths: r.paths },
    accessibleName:
      /^Bar chart of the mean cost, mean payoff and mean P&L per path of each of the 4 hedge layers/,
    keys: ['ArrowDown', 'ArrowDown'],
    readout: `${r.layers[1].name}: mean cost ${formatMoney(r.layers[1].meanCost)} ± `,
  },
  {
    name: 'payoff-diagram',
    component: chart(PayoffDiagram),
    props: { book: r.openingBook },
    accessibleName: /^Payoff diagram: profit or loss at expiry of the iron condor against the SPX/,
    // At today's SPX, between the short strikes, the condor keeps its whole credit.
    keys: ['ArrowRight'],
    readout: `SPX 6,800 at expiry: Iron condor ${formatMoney(-condor.entryCost)}`,
  },
];

function renderCase(c: ChartCase, width = 640) {
  const view = render(c.component, { props: { ...c.props, width } });
  const svg = view.container.querySelector('svg[role="img"]') as SVGSVGElement;
  const readout = view.container.querySelector('.readout') as HTMLElement;
  return { ...view, svg, readout };
}

describe.each(cases)('$name', (c) => {
  it('is an image with an accessible name, a title and a focus stop', () => {
    const { svg } = renderCase(c);
    expect(screen.getByRole('img', { name: c.accessibleName })).toBe(svg);
    expect(svg.querySelector('title')?.textContent).toBeTruthy();
    expect(svg.getAttribute('tabindex')).toBe('0');
  });

  it('shows and hides its data table', async () => {
    const { container } = renderCase(c);
    const toggle = screen.getByRole('button', { name: 'Show data table' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(container.querySelector('table')).toBeNull();

    await fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.textContent?.trim()).toBe('Hide data table');
    const table = screen.getByRole('table');
    expect(document.getElementById(toggle.getAttribute('aria-controls')!)?.contains(table)).toBe(
      true,
    );
    expect(table.querySelector('caption')?.textContent?.length).toBeGreaterThan(20);
    expect(within(table).getAllByRole('row').length).toBeGreaterThan(1);

    await fireEvent.click(toggle);
    expect(container.querySelector('table')).toBeNull();
  });

  it('offers SVG and PNG downloads', () => {
    renderCase(c);
    expect(screen.getByRole('button', { name: 'Download SVG' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Download PNG' })).toBeTruthy();
  });

  it('moves a readout with the keyboard and clears it with Escape', async () => {
    const { svg, readout } = renderCase(c);
    expect(readout.getAttribute('aria-live')).toBe('polite');
    expect(readout.textContent?.trim()).toBe(HINT);
    for (const key of c.keys) await fireEvent.keyDown(svg, { key });
    const text = readout.textContent?.trim() ?? '';
    if (typeof c.readout === 'string') expect(text.startsWith(c.readout)).toBe(true);
    else expect(text).toMatch(c.readout);
    await fireEvent.keyDown(svg, { key: 'Escape' });
    expect(readout.textContent?.trim()).toBe(HINT);
  });

  it.each([390, 640, 1280])('prints no NaN, Infinity or undefined at %s px', (width) => {
    const { container } = renderCase(c, width);
    expect(container.innerHTML).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('scales to a phone: its viewBox is the container width', () => {
    const { svg } = renderCase(c, 390);
    expect(svg.getAttribute('viewBox')).toMatch(/^0 0 390 \d+(\.\d+)?$/);
  });

  it('matches its SVG snapshot', async () => {
    const { svg } = renderCase(c);
    await expectSvgSnapshot(svg, c.name);
  });
});

describe('histogram details', () => {
  const pnl = cases[0];

  it('draws fewer x ticks on a phone than on a laptop', () => {
    const ticks = (width: number) => {
      const { svg, unmount } = renderCase(pnl, width);
      const n = svg.querySelectorAll('.axes text.tick-label[text-anchor="middle"]').length;
      unmount();
      return n;
    };
    expect(ticks(390)).toBeLessThanOrEqual(5);
    expect(ticks(1280)).toBeGreaterThan(ticks(390));
  });

  it('reads the bin under the pointer', async () => {
    const { svg, readout } = renderCase(pnl);
    const [, , w, h] = svg.getAttribute('viewBox')!.split(' ').map(Number);
    // Laid out at half size: client coordinates are half the viewBox's.
    svg.getBoundingClientRect = () => DOMRect.fromRect({ x: 0, y: 0, width: w / 2, height: h / 2 });
    const zero = [...svg.querySelectorAll('text.tick-label')].find((t) => t.textContent === '$0')!;
    const x = Number(zero.getAttribute('x'));
    await fireEvent.pointerMove(svg, { clientX: (x + 2) / 2, clientY: h / 4 });
    expect(readout.textContent?.trim()).toMatch(/^\$0 to \$[\d,]+: Condor alone/);
    await fireEvent.pointerLeave(svg);
    expect(readout.textContent?.trim()).toBe(HINT);
  });

  it('marks VaR and CVaR of both books, labelled', () => {
    const { svg } = renderCase(pnl);
    const labels = [...svg.querySelectorAll('text.toned')].map((t) => t.textContent);
    expect(labels.sort()).toEqual(['CVaR + layers', 'CVaR alone', 'VaR + layers', 'VaR alone']);
  });

  it('says so when there are no paths', () => {
    const empty = {
      edges: [],
      binWidth: null,
      counts: [[], []],
      underflow: [0, 0],
      overflow: [0, 0],
    };
    const { container } = render(PnlHistogram, { props: { ...books, histogram: empty } });
    expect(container.textContent).toContain('No paths to show');
    expect(container.innerHTML).not.toMatch(/NaN|Infinity/);
  });
});

describe('layer attribution without layers', () => {
  it('says the strategy has none', () => {
    const { container } = render(LayerAttribution, { props: { layers: [], paths: 600 } });
    expect(container.textContent).toContain('This strategy has no hedge layers');
  });
});
