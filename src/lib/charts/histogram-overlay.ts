/**
 * Overlaid histograms of two or more series on common bins (the engine's `PnlHistogram`: terminal
 * P&L or maximum drawdown, condor alone vs condor + layers), with vertical markers such as VaR and
 * CVaR. Returns plain geometry: bars, a step outline per series, ticks, placed marker labels and
 * the legend; the Svelte components draw it.
 *
 * Heights are the share of each series' paths in the bin (count / paths, under- and overflow
 * included in the paths), so series of different sizes compare and the y axis reads "% of paths".
 * The x domain spans the bin edges and every marker, so a marker outside the bins is still drawn.
 * Marker labels sit in rows above the plot, placed first-fit (layout.ts `assignRows`), so they
 * never overlap each other or the bars.
 */
import { line } from 'd3-shape';
import type { PnlHistogram } from '../../engine/index.ts';
import {
  formatValue,
  linearTicks,
  niceLinear,
  tickCount,
  type AxisUnit,
  type Tick,
} from './axis.ts';
import {
  assignRows,
  legendLayout,
  plotFrame,
  px,
  ROW_HEIGHT,
  textWidth,
  type LegendItem,
  type LegendSpec,
  type PlotFrame,
} from './layout.ts';
import type { DataTable } from './table.ts';

/** A vertical marker at an x value (e.g. −VaR of one series). */
export interface HistogramMarkerSpec {
  /** Index of the series it belongs to (its colour). */
  series: number;
  /** Direct label printed above the plot, e.g. "VaR 95 % alone". */
  label: string;
  /** Position on the x axis, in the axis unit. */
  value: number;
  /** Line style: the second cue besides colour (e.g. VaR solid, CVaR dashed). */
  style: 'solid' | 'dashed';
}

/** Inputs of {@link histogramOverlay}. */
export interface HistogramOverlayOptions {
  histogram: PnlHistogram;
  /** One label per series (legend, readout, table). */
  seriesLabels: readonly string[];
  /** CSS class per series (colour), default 'condor', 'hedged'. */
  seriesTones?: readonly string[];
  markers?: readonly HistogramMarkerSpec[];
  /** Legend entries after the series' own (e.g. the marker line styles). */
  legendExtras?: readonly LegendSpec[];
  /** SVG width, px. */
  width: number;
  /** Unit of the x axis (the histogram's values). */
  unit: AxisUnit;
}

/** One bin with every series' count and share, and its horizontal extent in px. */
export interface HistogramBin {
  index: number;
  lo: number;
  hi: number;
  counts: number[];
  /** counts / paths of the series. */
  shares: number[];
  x0: number;
  x1: number;
}

/** A drawn bar (bins with a zero count have none). */
export interface HistogramBar {
  bin: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface HistogramSeries {
  index: number;
  label: string;
  tone: string;
  /** Paths of the series (bins + underflow + overflow). */
  paths: number;
  underflow: number;
  overflow: number;
  bars: HistogramBar[];
  /** SVG path of the histogram's outline (a step line along the bar tops), '' with no bins. */
  outline: string;
}

/** A marker with its line position and its label's anchor point. */
export interface PlacedMarker extends HistogramMarkerSpec {
  tone: string;
  x: number;
  labelX: number;
  /** Baseline of the label text. */
  labelY: number;
  anchor: 'start' | 'end';
  /** Top of the marker line (just below its label). */
  lineTop: number;
}

/** Everything a histogram component draws. */
export interface HistogramOverlayModel {
  frame: PlotFrame;
  /** True when the histogram has no bins (no paths): draw the frame and a "no data" note. */
  empty: boolean;
  bins: HistogramBin[];
  series: HistogramSeries[];
  xTicks: Tick[];
  yTicks: Tick[];
  /** Pixel y of share 0 (the x axis line). */
  baseline: number;
  markers: PlacedMarker[];
  legend: LegendItem[];
}

const DEFAULT_TONES = ['condor', 'hedged'];
const LABEL_GAP = 4;

/**
 * Geometry of overlaid histograms (module comment). Edge cases: no bins gives `empty` with a unit
 * x domain; a series with no paths has zero shares; markers with a non-finite value are dropped.
 *
 * Tested table-driven: bar extents equal the scaled bin edges, heights the shares, the outline
 * passes through every bar top, markers land at the scaled value, marker labels never overlap
 * (tests/unit/lib/charts/histogram-overlay.test.ts).
 *
 * @throws RangeError when seriesLabels and the histogram's series differ in number.
 */
export function histogramOverlay(options: HistogramOverlayOptions): HistogramOverlayModel {
  const { histogram, seriesLabels, width, unit } = options;
  const tones = options.seriesTones ?? DEFAULT_TONES;
  const markerSpecs = (options.markers ?? []).filter((m) => Number.isFinite(m.value));
  const nSeries = histogram.counts.length;
  if (seriesLabels.length !== nSeries)
    throw new RangeError(
      `histogramOverlay: ${seriesLabels.length} labels for ${nSeries} series in the histogram`,
    );
  const edges = histogram.edges;
  const empty = edges.length < 2;

  // Legend first: its height (and the marker rows) decide where the plot starts.
  const provisional = plotFrame({ width });
  const legendSpecs: LegendSpec[] = [
    ...seriesLabels.map((label, s) => ({
      label,
      swatch: s === 0 ? ('bar' as const) : ('hatch' as const),
      tone: tones[s] ?? 'neutral',
    })),
    ...(options.legendExtras ?? []),
  ];
  const legend = legendLayout({
    items: legendSpecs,
    left: provisional.left,
    maxWidth: provisional.innerWidth,
  });

  const values = empty ? [0, 1] : [edges[0], edges[edges.length - 1]];
  for (const m of markerSpecs) values.push(m.value);
  // The x axis is the same in the final frame: only the top margin changes below.
  const xCount = tickCount(provisional.innerWidth, provisional.compact ? 80 : 90);
  const xScale = niceLinear({
    domain: [Math.min(...values), Math.max(...values)],
    range: [provisional.left, provisional.left + provisional.innerWidth],
    ticks: xCount,
  });

  // Marker labels: left of their line when there is room (losses sit on the left), else right.
  const extents = markerSpecs.map((m) => {
    const x = xScale(m.value);
    const w = textWidth(m.label);
    return x - LABEL_GAP - w >= 0
      ? { start: x - LABEL_GAP - w, end: x, anchor: 'end' as const, x }
      : { start: x, end: x + LABEL_GAP + w, anchor: 'start' as const, x };
  });
  const { rows, count: markerRows } = assignRows(extents, 6);

  const topExtra = legend.height + markerRows * ROW_HEIGHT + (legend.height > 0 ? 4 : 0);
  const frame = plotFrame({ width, topExtra });
  const baseline = frame.top + frame.innerHeight;

  const paths = histogram.counts.map(
    (c, s) =>
      c.reduce((a, b) => a + b, 0) + (histogram.underflow[s] ?? 0) + (histogram.overflow[s] ?? 0),
  );
  const bins: HistogramBin[] = empty
    ? []
    : edges.slice(0, -1).map((lo, k) => {
        const counts = histogram.counts.map((c) => c[k] ?? 0);
        return {
          index: k,
          lo,
          hi: edges[k + 1],
          counts,
          shares: counts.map((n, s) => (paths[s] > 0 ? n / paths[s] : 0)),
          x0: px(xScale(lo)),
          x1: px(xScale(edges[k + 1])),
        };
      });
  const maxShare = Math.max(0, ...bins.flatMap((b) => b.shares));
  const yCount = tickCount(frame.innerHeight, 50);
  const yScale = niceLinear({
    domain: [0, maxShare > 0 ? maxShare : 0.1],
    range: [baseline, frame.top],
    ticks: yCount,
  });
  const yTicks = linearTicks({ scale: yScale, count: yCount, unit: 'share' });
  const xTicks = linearTicks({ scale: xScale, count: xCount, unit });

  const outlineOf = line<[number, number]>().digits(1);
  const series: HistogramSeries[] = histogram.counts.map((_, s) => {
    const bars: HistogramBar[] = [];
    const vertices: [number, number][] = [];
    for (const b of bins) {
      const y = px(yScale(b.shares[s]));
      if (b.counts[s] > 0) {
        // A 1 px gap between neighbouring bars, unless the bars are too thin to spare it.
        const gap = b.x1 - b.x0 > 4 ? 1 : 0;
        bars.push({
          bin: b.index,
          x: b.x0,
          y,
          width: px(b.x1 - b.x0 - gap),
          height: px(baseline - y),
        });
      }
      if (vertices.length === 0) vertices.push([b.x0, baseline]);
      vertices.push([b.x0, y], [b.x1, y]);
    }
    if (bins.length > 0) vertices.push([bins[bins.length - 1].x1, baseline]);
    return {
      index: s,
      label: seriesLabels[s],
      tone: tones[s] ?? 'neutral',
      paths: paths[s],
      underflow: histogram.underflow[s] ?? 0,
      overflow: histogram.overflow[s] ?? 0,
      bars,
      outline: vertices.length > 0 ? (outlineOf(vertices) ?? '') : '',
    };
  });

  const labelBandTop = frame.top - markerRows * ROW_HEIGHT;
  const markers: PlacedMarker[] = markerSpecs.map((m, i) => {
    const e = extents[i];
    const labelY = labelBandTop + rows[i] * ROW_HEIGHT + ROW_HEIGHT - 5;
    return {
      ...m,
      tone: tones[m.series] ?? 'neutral',
      x: px(e.x),
      labelX: px(e.anchor === 'end' ? e.x - LABEL_GAP : e.x + LABEL_GAP),
      labelY: px(labelY),
      anchor: e.anchor,
      lineTop: px(labelBandTop + rows[i] * ROW_HEIGHT + 2),
    };
  });

  return {
    frame,
    empty,
    bins,
    series,
    xTicks,
    yTicks,
    baseline: px(baseline),
    markers,
    legend: legend.items,
  };
}

/**
 * The bin under a pointer at x (px), or null outside the bins. Points on a shared edge belong to
 * the bin on the right, as values do (bin k is [e_k, e_k+1)).
 */
export function histogramBinAt(model: HistogramOverlayModel, x: number): number | null {
  const { bins } = model;
  if (bins.length === 0 || x < bins[0].x0 || x > bins[bins.length - 1].x1) return null;
  for (let k = bins.length - 1; k >= 0; k--) if (x >= bins[k].x0) return k;
  return 0;
}

/** "−$12,000 to −$10,000" — a bin's range in the axis unit. */
export function binRange(bin: Pick<HistogramBin, 'lo' | 'hi'>, unit: AxisUnit): string {
  return `${formatValue(bin.lo, unit)} to ${formatValue(bin.hi, unit)}`;
}

/**
 * The hover readout of bin `index`: its range, then each series' share and count, e.g.
 * "−$12,000 to −$10,000: Condor alone 3.2 % (19 paths); Condor + layers 2.2 % (13 paths)".
 */
export function histogramReadout(
  model: HistogramOverlayModel,
  index: number,
  unit: AxisUnit,
): string {
  const bin = model.bins[index];
  if (bin === undefined) return '';
  const parts = model.series.map(
    (s) =>
      `${s.label} ${formatValue(bin.shares[s.index], 'share')} (${bin.counts[s.index]} ${
        bin.counts[s.index] === 1 ? 'path' : 'paths'
      })`,
  );
  return `${binRange(bin, unit)}: ${parts.join('; ')}`;
}

/**
 * The data table: one row per bin (range, then each series' count of paths), plus a row for the
 * paths below the first edge and above the last one when there are any.
 */
export function histogramTable(options: {
  model: HistogramOverlayModel;
  /** Heading of the first column, e.g. "Terminal P&L ($)". */
  binHeading: string;
  caption: string;
  unit: AxisUnit;
}): DataTable {
  const { model, binHeading, caption, unit } = options;
  const columns = [binHeading, ...model.series.map((s) => `${s.label} (paths)`)];
  const rows = model.bins.map((b) => [binRange(b, unit), ...b.counts.map(String)]);
  const first = model.bins[0];
  const last = model.bins[model.bins.length - 1];
  if (first && model.series.some((s) => s.underflow > 0))
    rows.unshift([
      `below ${formatValue(first.lo, unit)}`,
      ...model.series.map((s) => String(s.underflow)),
    ]);
  if (last && model.series.some((s) => s.overflow > 0))
    rows.push([
      `above ${formatValue(last.hi, unit)}`,
      ...model.series.map((s) => String(s.overflow)),
    ]);
  return { caption, columns, rows };
}
