/**
 * Fan charts: per-day quantile bands of a simulated quantity (SPX, VIX, portfolio value) from the
 * engine's streamed `FanChart` (per-day type-7 quantiles 5/25/50/75/95 %, DESIGN §4). The outer
 * band spans 5–95 %, the inner one 25–75 %, and a line follows the median. Two series (condor
 * alone vs condor + layers) can share the axes; the second is drawn with dashed edges so the two
 * differ without colour.
 *
 * Days without a value (null quantiles) leave a gap (d3-shape `defined`), never a NaN.
 *
 * The engine's quantiles come from histograms on a fixed range; values beyond it are counted at
 * its edge, so a quantile among them is drawn at the edge. `fanClippingNote` says so when it
 * happened (`FanChart.outOfRangeShare`; a chart without the field, from before it existed, reads as
 * no clipping).
 */
import { bisectCenter } from 'd3-array';
import { area, line } from 'd3-shape';
import type { FanChart } from '../../engine/index.ts';
import { formatPercent } from '../format.ts';
import {
  formatValue,
  linearTicks,
  niceLinear,
  tickCount,
  type AxisUnit,
  type Tick,
} from './axis.ts';
import {
  legendLayout,
  plotFrame,
  px,
  type LegendItem,
  type LegendSpec,
  type PlotFrame,
} from './layout.ts';
import type { DataTable } from './table.ts';

/** The quantile levels a fan chart draws, in order. */
export const FAN_PROBS = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

/** One day's quantiles (null where the chart has no value or lacks that level). */
export interface QuantileBandRow {
  day: number;
  q05: number | null;
  q25: number | null;
  q50: number | null;
  q75: number | null;
  q95: number | null;
}

const KEYS = ['q05', 'q25', 'q50', 'q75', 'q95'] as const;

/**
 * The chart's per-day 5/25/50/75/95 % quantiles plus `offset` (e.g. capital + P&L = portfolio
 * value). Levels are matched to `chart.probs` within 1e-9; a level the chart lacks, a null or a
 * non-finite quantile gives null. Tested on hand-made charts (tests/unit/lib/charts/fan.test.ts).
 */
export function quantileBands(chart: FanChart, offset = 0): QuantileBandRow[] {
  const rowOf = FAN_PROBS.map((p) => chart.probs.findIndex((q) => Math.abs(q - p) < 1e-9));
  return chart.days.map((day, j) => {
    const at = (k: number): number | null => {
      const row = rowOf[k] < 0 ? undefined : chart.quantiles[rowOf[k]];
      const x = row?.[j];
      return typeof x === 'number' && Number.isFinite(x) ? x + offset : null;
    };
    return { day, q05: at(0), q25: at(1), q50: at(2), q75: at(3), q95: at(4) };
  });
}

/** One series to draw. */
export interface FanSeriesSpec {
  label: string;
  chart: FanChart;
  /** Added to every quantile (default 0). */
  offset?: number;
  /** CSS class that colours it: 'condor', 'hedged' or 'market'. */
  tone: string;
}

/** A drawn series: SVG paths of its bands, median and band edges ('' when nothing to draw). */
export interface FanSeries {
  label: string;
  tone: string;
  /** Second and later series are drawn dashed. */
  dashed: boolean;
  rows: QuantileBandRow[];
  outer: string;
  inner: string;
  median: string;
  /** Lines along the band edges 5, 25, 75 and 95 % (drawn when series overlap). */
  edges: string[];
}

export interface FanModel {
  frame: PlotFrame;
  days: number[];
  /** x (px) of each day. */
  dayX: number[];
  xTicks: Tick[];
  yTicks: Tick[];
  series: FanSeries[];
  legend: LegendItem[];
  /** Maps a value to its y (px), for the hover cursor's dots. */
  y: (value: number) => number;
  empty: boolean;
}

/**
 * Geometry of a fan chart with one or more series on common axes (module comment). The y domain
 * spans every series' 5–95 % band (niced); the x domain the days. With no finite quantile at all
 * the chart is `empty`. Tested: bands stack in quantile order (5 % lowest), gaps at null days,
 * nearest-day lookup (tests/unit/lib/charts/fan.test.ts).
 */
export function fanModel(options: {
  series: readonly FanSeriesSpec[];
  width: number;
  unit: AxisUnit;
}): FanModel {
  const { series: specs, width, unit } = options;
  const provisional = plotFrame({ width });
  const legendSpecs: LegendSpec[] =
    specs.length === 1
      ? [
          { label: 'Median', swatch: 'line', tone: specs[0].tone },
          { label: '25–75 % of paths', swatch: 'band', tone: specs[0].tone },
          { label: '5–95 % of paths', swatch: 'band-outer', tone: specs[0].tone },
        ]
      : specs.map((s, i) => ({
          label: s.label,
          swatch: i === 0 ? 'line' : 'dashed',
          tone: s.tone,
        }));
  const legend = legendLayout({
    items: legendSpecs,
    left: provisional.left,
    maxWidth: provisional.innerWidth,
  });
  const frame = plotFrame({ width, topExtra: legend.height + 4 });

  const rowsBySeries = specs.map((s) => quantileBands(s.chart, s.offset ?? 0));
  const days = specs[0]?.chart.days ?? [];
  const finite = rowsBySeries.flatMap((rows) =>
    rows.flatMap((r) => KEYS.map((k) => r[k]).filter((x): x is number => x !== null)),
  );
  const empty = finite.length === 0;
  const xCount = tickCount(frame.innerWidth, frame.compact ? 70 : 80);
  const yCount = tickCount(frame.innerHeight, 50);
  // Not niced: the bands end on the last day, and so does the axis.
  const xDomain: [number, number] = days.length > 1 ? [days[0], days[days.length - 1]] : [0, 1];
  const xScale = niceLinear({
    domain: xDomain,
    range: [frame.left, frame.left + frame.innerWidth],
    ticks: xCount,
  }).domain(xDomain);
  const yScale = niceLinear({
    domain: empty ? [0, 1] : [Math.min(...finite), Math.max(...finite)],
    range: [frame.top + frame.innerHeight, frame.top],
    ticks: yCount,
  });
  const x = (day: number) => px(xScale(day));
  const y = (value: number) => px(yScale(value));

  const band = (lo: (typeof KEYS)[number], hi: (typeof KEYS)[number]) =>
    area<QuantileBandRow>()
      .defined((r) => r[lo] !== null && r[hi] !== null)
      .x((r) => x(r.day))
      .y0((r) => y(r[lo] as number))
      .y1((r) => y(r[hi] as number))
      .digits(1);
  const path = (key: (typeof KEYS)[number]) =>
    line<QuantileBandRow>()
      .defined((r) => r[key] !== null)
      .x((r) => x(r.day))
      .y((r) => y(r[key] as number))
      .digits(1);

  const series: FanSeries[] = specs.map((s, i) => {
    const rows = rowsBySeries[i];
    return {
      label: s.label,
      tone: s.tone,
      dashed: i > 0,
      rows,
      outer: band('q05', 'q95')(rows) ?? '',
      inner: band('q25', 'q75')(rows) ?? '',
      median: path('q50')(rows) ?? '',
      edges: (['q05', 'q25', 'q75', 'q95'] as const).map((k) => path(k)(rows) ?? ''),
    };
  });

  return {
    frame,
    days,
    dayX: days.map(x),
    xTicks: linearTicks({ scale: xScale, count: xCount, unit: 'days' }),
    yTicks: linearTicks({ scale: yScale, count: yCount, unit }),
    series,
    legend: legend.items,
    y,
    empty,
  };
}

/** Index of the sampled day nearest to x (px), or null with no days. */
export function fanIndexAt(model: FanModel, x: number): number | null {
  if (model.dayX.length === 0) return null;
  return bisectCenter(model.dayX, x);
}

/**
 * The hover readout of day `index`: per series its median, 25–75 % and 5–95 % ranges, e.g.
 * "Day 21: median 6,812 (25–75 %: 6,650 to 6,960; 5–95 %: 6,410 to 7,120)". Series are named when
 * there are several.
 */
export function fanReadout(model: FanModel, index: number, unit: AxisUnit): string {
  const day = model.days[index];
  if (day === undefined) return '';
  const f = (v: number | null) => formatValue(v, unit);
  const parts = model.series.map((s) => {
    const r = s.rows[index];
    const text = `median ${f(r.q50)} (25–75 %: ${f(r.q25)} to ${f(r.q75)}; 5–95 %: ${f(r.q05)} to ${f(r.q95)})`;
    return model.series.length > 1 ? `${s.label} ${text}` : text;
  });
  return `Day ${day}: ${parts.join('; ')}`;
}

/** The data table: one row per sampled day, the five quantiles of each series. */
export function fanTable(options: { model: FanModel; caption: string; unit: AxisUnit }): DataTable {
  const { model, caption, unit } = options;
  const levels = ['5 %', '25 %', 'median', '75 %', '95 %'];
  const columns = [
    'Trading day',
    ...model.series.flatMap((s) =>
      levels.map((l) => (model.series.length > 1 ? `${s.label}: ${l}` : l)),
    ),
  ];
  const rows = model.days.map((day, j) => [
    String(day),
    ...model.series.flatMap((s) => KEYS.map((k) => formatValue(s.rows[j][k], unit))),
  ]);
  return { caption, columns, rows };
}

/**
 * The largest share (0 … 1) of a chart's paths beyond its range on any day: 0 when the chart has
 * no `outOfRangeShare` (results from before it existed) or every share is 0; non-finite or
 * negative entries are ignored. Tested in tests/unit/lib/charts/fan.test.ts.
 */
export function maxOutOfRangeShare(chart: FanChart): number {
  let max = 0;
  for (const share of chart.outOfRangeShare ?? []) {
    if (Number.isFinite(share) && share > max) max = share;
  }
  return Math.min(1, max);
}

/** A share as the note words it: "up to 3.2 %", or "fewer than 0.1 %" when it rounds to 0.0 %. */
function shareText(share: number): string {
  return share * 100 < 0.05 ? 'fewer than 0.1 %' : `up to ${formatPercent(share)}`;
}

/**
 * The note shown under a fan chart when, on some day, paths of a series lay beyond the range the
 * engine's histograms cover (their quantiles are then drawn at the range's edge), e.g. "Beyond the
 * chart's range on some days: up to 3.2 % of paths (their quantiles are drawn at the edge)."; with
 * several series, each affected one is named. '' when no share is above 0.
 * Tested in tests/unit/lib/charts/fan.test.ts.
 */
export function fanClippingNote(series: readonly FanSeriesSpec[]): string {
  const clipped = series
    .map((s) => ({ label: s.label, share: maxOutOfRangeShare(s.chart) }))
    .filter((s) => s.share > 0);
  if (clipped.length === 0) return '';
  const amounts =
    series.length === 1
      ? `${shareText(clipped[0].share)} of paths`
      : clipped
          .map((s, i) => `${shareText(s.share)}${i === 0 ? ' of paths' : ''} for ${s.label}`)
          .join(' and ');
  return `Beyond the chart's range on some days: ${amounts} (their quantiles are drawn at the edge).`;
}
