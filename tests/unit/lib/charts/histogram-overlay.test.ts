import { describe, expect, it } from 'vitest';
import type { PnlHistogram } from '../../../../src/engine/index.ts';
import {
  histogramBinAt,
  histogramOverlay,
  histogramReadout,
  histogramTable,
  type HistogramMarkerSpec,
} from '../../../../src/lib/charts/histogram-overlay.ts';
import { textWidth } from '../../../../src/lib/charts/layout.ts';
import { pixelOf, PX_TOLERANCE } from './ticks.ts';

/** Two series on four unit bins; series 1 has one path below the first edge (11 paths). */
const histogram: PnlHistogram = {
  edges: [-2, -1, 0, 1, 2],
  binWidth: 1,
  counts: [
    [1, 2, 3, 4],
    [4, 3, 0, 3],
  ],
  underflow: [0, 1],
  overflow: [0, 0],
};
const labels = ['Condor alone', 'Condor + layers'];

function model(markers: HistogramMarkerSpec[] = [], width = 640) {
  return histogramOverlay({ histogram, seriesLabels: labels, markers, width, unit: 'dollars' });
}

describe('histogramOverlay', () => {
  it('spans each bin from its scaled lower edge to its scaled upper edge', () => {
    const m = model();
    m.bins.forEach((b, k) => {
      expect(Math.abs(b.x0 - pixelOf(histogram.edges[k], m.xTicks))).toBeLessThanOrEqual(
        PX_TOLERANCE,
      );
      expect(Math.abs(b.x1 - pixelOf(histogram.edges[k + 1], m.xTicks))).toBeLessThanOrEqual(
        PX_TOLERANCE,
      );
    });
  });

  it.each([
    // series, bin, share = count / paths of the series (under- and overflow included)
    [0, 0, 1 / 10],
    [0, 3, 4 / 10],
    [1, 0, 4 / 11],
    [1, 3, 3 / 11],
  ])('series %s bin %s: share %s of paths, bar height to match', (s, k, share) => {
    const m = model();
    expect(m.bins[k].shares[s]).toBeCloseTo(share, 12);
    const bar = m.series[s].bars.find((b) => b.bin === k);
    expect(bar).toBeDefined();
    expect(Math.abs(bar!.y - pixelOf(share, m.yTicks))).toBeLessThanOrEqual(PX_TOLERANCE);
    expect(Math.abs(bar!.y + bar!.height - m.baseline)).toBeLessThanOrEqual(PX_TOLERANCE);
  });

  it('draws no bar for an empty bin', () => {
    expect(model().series[1].bars.map((b) => b.bin)).toEqual([0, 1, 3]);
  });

  it('counts every path of a series, including under- and overflow', () => {
    expect(model().series.map((s) => [s.paths, s.underflow, s.overflow])).toEqual([
      [10, 0, 0],
      [11, 1, 0],
    ]);
  });

  it('outlines each series through the top corners of every bin', () => {
    const m = model();
    for (const s of m.series) {
      for (const b of m.bins) {
        const y = pixelOf(b.shares[s.index], m.yTicks);
        const corners = [...s.outline.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((c) => [
          Number(c[1]),
          Number(c[2]),
        ]);
        const has = (x: number) =>
          corners.some(
            ([cx, cy]) => Math.abs(cx - x) <= PX_TOLERANCE && Math.abs(cy - y) <= PX_TOLERANCE,
          );
        expect(has(b.x0) && has(b.x1)).toBe(true);
      }
    }
  });

  it('draws a marker at its scaled value, and widens the axis for one beyond the bins', () => {
    const m = model([
      { series: 0, label: 'VaR alone', value: -1.5, style: 'solid' },
      { series: 1, label: 'Far out', value: 3.5, style: 'dashed' },
    ]);
    expect(Math.abs(m.markers[0].x - pixelOf(-1.5, m.xTicks))).toBeLessThanOrEqual(PX_TOLERANCE);
    expect(Math.abs(m.markers[1].x - pixelOf(3.5, m.xTicks))).toBeLessThanOrEqual(PX_TOLERANCE);
    expect(m.markers[1].x).toBeLessThanOrEqual(m.frame.left + m.frame.innerWidth);
    expect(m.markers.map((k) => k.tone)).toEqual(['condor', 'hedged']);
  });

  it('drops a marker whose value is not finite', () => {
    const m = model([{ series: 0, label: 'bad', value: Number.NaN, style: 'solid' }]);
    expect(m.markers).toEqual([]);
  });

  it.each([320, 390, 640, 1280])('never overlaps marker labels at %s px', (width) => {
    const m = model(
      ['VaR alone', 'CVaR alone', 'VaR + layers', 'CVaR + layers'].map((label, i) => ({
        series: i % 2,
        label,
        value: -1.6 + 0.05 * i,
        style: 'solid' as const,
      })),
      width,
    );
    const extents = m.markers.map((k) => {
      const w = textWidth(k.label);
      const start = k.anchor === 'end' ? k.labelX - w : k.labelX;
      return { start, end: start + w, y: k.labelY };
    });
    for (let i = 0; i < extents.length; i++)
      for (let j = i + 1; j < extents.length; j++) {
        const a = extents[i];
        const b = extents[j];
        const overlap = a.y === b.y && a.start < b.end && b.start < a.end;
        expect(overlap).toBe(false);
      }
    // Labels sit above the plot, so they cannot cover a bar.
    for (const e of extents) expect(e.y).toBeLessThan(m.frame.top);
  });

  it('is empty, with a unit axis, when the histogram has no bins', () => {
    const m = histogramOverlay({
      histogram: {
        edges: [],
        binWidth: null,
        counts: [[], []],
        underflow: [0, 0],
        overflow: [0, 0],
      },
      seriesLabels: labels,
      width: 640,
      unit: 'dollars',
    });
    expect(m.empty).toBe(true);
    expect(m.bins).toEqual([]);
    expect(m.series.map((s) => s.outline)).toEqual(['', '']);
  });

  it('refuses a label count that does not match the series', () => {
    expect(() =>
      histogramOverlay({ histogram, seriesLabels: ['one'], width: 640, unit: 'dollars' }),
    ).toThrow(RangeError);
  });
});

describe('histogramBinAt', () => {
  it.each([
    ['inside bin 1', (b: { x0: number; x1: number }[]) => (b[1].x0 + b[1].x1) / 2, 1],
    ['on the edge between bins 1 and 2 (the right one)', (b: { x0: number }[]) => b[2].x0, 2],
    ['on the last edge', (b: { x1: number }[]) => b[3].x1, 3],
    ['left of the bins', (b: { x0: number }[]) => b[0].x0 - 1, null],
    ['right of the bins', (b: { x1: number }[]) => b[3].x1 + 1, null],
  ])('%s', (_, at, expected) => {
    const m = model();
    expect(histogramBinAt(m, at(m.bins))).toBe(expected);
  });
});

describe('readout and table', () => {
  it('reads a bin as its range and each series share and count', () => {
    expect(histogramReadout(model(), 0, 'dollars')).toBe(
      '−$2 to −$1: Condor alone 10.0 % (1 path); Condor + layers 36.4 % (4 paths)',
    );
  });

  it('lists every bin, with the paths below the first edge in a row of their own', () => {
    const t = histogramTable({
      model: model(),
      binHeading: 'P&L ($)',
      caption: 'c',
      unit: 'dollars',
    });
    expect(t.columns).toEqual(['P&L ($)', 'Condor alone (paths)', 'Condor + layers (paths)']);
    expect(t.rows).toEqual([
      ['below −$2', '0', '1'],
      ['−$2 to −$1', '1', '4'],
      ['−$1 to $0', '2', '3'],
      ['$0 to $1', '3', '0'],
      ['$1 to $2', '4', '3'],
    ]);
  });
});
