/**
 * Threshold sweep chart: x = the swept parameter's value, y = dollars. Three series over the grid
 * points — the hedged book's mean P&L, its CVaR95 (mean loss in the worst 5 % of paths, drawn as
 * a positive loss) and the hedge cost (condor alone − hedged, mean of the paired difference) —
 * each point with an error bar of ± 1.96 standard errors (a 95 % interval for that point alone).
 * Series differ by dash and marker shape as well as colour.
 *
 * Parameter values are shown in display units: fractions and deltas ×100 ("2.5 %", "16Δ"), the
 * rest as they are. D3 computes scales, ticks and paths; the component renders them.
 */
import { bisectCenter } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { SweepPoint, SweepUnit } from '../../engine/index.ts';
import { formatMoney, formatNumber } from '../format.ts';
import { linearTicks, niceLinear, tickCount, type Tick } from './axis.ts';
import {
  legendLayout,
  plotFrame,
  px,
  type LegendItem,
  type LegendSwatch,
  type PlotFrame,
} from './layout.ts';
import type { DataTable } from './table.ts';

/** z of a two-sided 95 % normal interval: the error bars span ± Z95 standard errors. */
export const Z95 = 1.96;

export type SweepSeriesKey = 'mean' | 'cvar95' | 'hedgeCost';
export type SweepMarker = 'circle' | 'square' | 'triangle';

/** The three series in drawing order, with legend label, tone class, dash and marker. */
export const SWEEP_SERIES: readonly {
  key: SweepSeriesKey;
  label: string;
  /** CSS class that colours the series (the component maps it to a theme colour). */
  tone: string;
  swatch: LegendSwatch;
  marker: SweepMarker;
}[] = [
  { key: 'mean', label: 'Mean P&L', tone: 'sweep-mean', swatch: 'line', marker: 'circle' },
  { key: 'cvar95', label: 'CVaR95 (loss)', tone: 'sweep-cvar', swatch: 'dashed', marker: 'square' },
  {
    key: 'hedgeCost',
    label: 'Hedge cost',
    tone: 'sweep-cost',
    swatch: 'dotted',
    marker: 'triangle',
  },
];

const STD_ERR_KEY = {
  mean: 'meanStdErr',
  cvar95: 'cvar95StdErr',
  hedgeCost: 'hedgeCostStdErr',
} as const satisfies Record<SweepSeriesKey, keyof SweepPoint>;

/** A parameter value in display units (fractions and deltas ×100). */
export function displayValue(value: number, unit: SweepUnit): number {
  return unit === 'fraction' || unit === 'delta' ? value * 100 : value;
}

/** An engine value from display units (the inverse of {@link displayValue}). */
export function engineValue(display: number, unit: SweepUnit): number {
  return unit === 'fraction' || unit === 'delta' ? +(display / 100).toPrecision(12) : display;
}

/** The unit as written after a number or in an axis title. */
export function unitText(unit: SweepUnit): string {
  switch (unit) {
    case 'VIX points':
      return 'VIX points';
    case 'RSI':
      return 'RSI';
    case 'fraction':
      return '%';
    case 'delta':
      return 'Δ (delta × 100)';
    case 'multiple':
      return '×';
    case 'calendar days':
      return 'calendar days';
  }
}

/** Up to `decimals` decimals, trailing zeros dropped: 25 → "25", 0.125 → "0.13". */
function short(x: number, decimals = 2): string {
  const text = formatNumber(x, decimals);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/**
 * A parameter value for readouts, tables and the picker: "25 VIX points", "2.5 %", "16Δ", "3×",
 * "14 days", "RSI 30"; "—" when not finite.
 */
export function formatSweepValue(value: number | null | undefined, unit: SweepUnit): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  const x = short(displayValue(value, unit));
  switch (unit) {
    case 'VIX points':
      return `${x} VIX points`;
    case 'RSI':
      return `RSI ${x}`;
    case 'fraction':
      return `${x} %`;
    case 'delta':
      return `${x}Δ`;
    case 'multiple':
      return `${x}×`;
    case 'calendar days':
      return `${x} days`;
  }
}

/** One grid point: the parameter value (engine units) and its figures. */
export interface SweepChartInput {
  value: number;
  point: SweepPoint;
}

/** One drawn point of a series: centre and error bar ends, px (null ends without an SE). */
export interface SweepMark {
  index: number;
  x: number;
  y: number;
  lo: number | null;
  hi: number | null;
}

export interface SweepSeries {
  key: SweepSeriesKey;
  label: string;
  tone: string;
  marker: SweepMarker;
  /** Dash class for the connecting line ('' for solid). */
  dash: string;
  /** The connecting line through the defined points ('' with none). */
  path: string;
  marks: SweepMark[];
}

/**
 * One panel of the chart. CVaR95 (tens of thousands of dollars) gets a panel of its own above the
 * mean P&L and hedge cost (hundreds): on one shared axis the smaller figures' changes from value
 * to value would be flattened to a few pixels.
 */
export interface SweepPanel {
  key: 'risk' | 'return';
  /** The y axis title with its unit. */
  yTitle: string;
  /** Plot area of the panel, px (x extent: the frame's). */
  top: number;
  innerHeight: number;
  yTicks: Tick[];
  /** y (px) of $0 when it is inside the panel, else null. */
  zeroY: number | null;
  series: SweepSeries[];
}

export interface SweepChartModel {
  frame: PlotFrame;
  /** x (px) of each grid point, in input order. */
  pointX: number[];
  xTicks: Tick[];
  /** Top: CVaR95; bottom: mean P&L and hedge cost (which also carries the x axis). */
  panels: [SweepPanel, SweepPanel];
  legend: LegendItem[];
  /** x (px) of the chosen value, or null. */
  chosenX: number | null;
  empty: boolean;
}

const dashClass = (swatch: LegendSwatch): string =>
  swatch === 'dashed' ? 'dash-dashed' : swatch === 'dotted' ? 'dash-dotted' : '';

/** Vertical space between the two panels, px (the top panel's own x axis line sits in it). */
const PANEL_GAP = 24;

/**
 * Geometry of the sweep chart (module comment): two panels on a shared x axis — CVaR95 on top,
 * mean P&L and hedge cost below ({@link SweepPanel}). The x domain spans the grid values (display
 * units) with 4 % padding on each side so end markers and bars are not clipped; each panel's y
 * domain spans its points ± 1.96 SE (and $0 in the lower panel, where the sign matters), niced.
 * Null figures leave a gap in their series, never NaN. Tested on hand-made points
 * (tests/unit/lib/charts/sweep.test.ts).
 */
export function sweepChartModel(options: {
  points: readonly SweepChartInput[];
  unit: SweepUnit;
  width: number;
  /** Index of the chosen point (marked with a vertical line), if any. */
  chosen?: number | null;
}): SweepChartModel {
  const { points, unit, width, chosen = null } = options;
  const provisional = plotFrame({ width });
  const legend = legendLayout({
    items: SWEEP_SERIES.map((s) => ({ label: s.label, swatch: s.swatch, tone: s.tone })),
    left: provisional.left,
    maxWidth: provisional.innerWidth,
  });
  const panelHeight = Math.round(Math.min(170, Math.max(120, width * 0.22)));
  const frame = plotFrame({
    width,
    topExtra: legend.height + 4,
    plotHeight: 2 * panelHeight + PANEL_GAP,
  });

  const xs = points.map((p) => displayValue(p.value, unit));
  const empty = points.every((p) => SWEEP_SERIES.every((s) => p.point[s.key] === null));
  let lo = xs.length ? Math.min(...xs) : 0;
  let hi = xs.length ? Math.max(...xs) : 1;
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.04;
  const xScale = scaleLinear()
    .domain([lo - pad, hi + pad])
    .range([frame.left, frame.left + frame.innerWidth]);
  const xCount = tickCount(frame.innerWidth, frame.compact ? 60 : 80);
  const x = (v: number) => px(xScale(v));
  const xFormat = xScale.tickFormat(xCount, ',~f');
  const xTicks: Tick[] = xScale
    .ticks(xCount)
    .map((value) => ({ value, position: x(value), label: xFormat(value) }));
  const pointX = xs.map(x);

  const panel = (
    key: SweepPanel['key'],
    keys: readonly SweepSeriesKey[],
    top: number,
    yTitle: string,
  ): SweepPanel => {
    const specs = SWEEP_SERIES.filter((s) => keys.includes(s.key));
    const ys: number[] = key === 'return' ? [0] : [];
    for (const p of points)
      for (const s of specs) {
        const v = p.point[s.key];
        if (v === null) continue;
        const se = p.point[STD_ERR_KEY[s.key]] ?? 0;
        ys.push(v - Z95 * se, v + Z95 * se);
      }
    const yCount = tickCount(panelHeight, 40);
    const yScale = niceLinear({
      domain: ys.length ? [Math.min(...ys), Math.max(...ys)] : [0, 1],
      range: [top + panelHeight, top],
      ticks: yCount,
    });
    const y = (v: number) => px(yScale(v));
    const series: SweepSeries[] = specs.map((s) => {
      const marks: SweepMark[] = [];
      points.forEach((p, index) => {
        const v = p.point[s.key];
        if (v === null) return;
        const se = p.point[STD_ERR_KEY[s.key]];
        marks.push({
          index,
          x: pointX[index],
          y: y(v),
          lo: se === null ? null : y(v - Z95 * se),
          hi: se === null ? null : y(v + Z95 * se),
        });
      });
      const path =
        line<SweepMark>()
          .x((m) => m.x)
          .y((m) => m.y)
          .digits(1)(marks) ?? '';
      return {
        key: s.key,
        label: s.label,
        tone: s.tone,
        marker: s.marker,
        dash: dashClass(s.swatch),
        path,
        marks,
      };
    });
    const [yLo, yHi] = yScale.domain();
    return {
      key,
      yTitle,
      top,
      innerHeight: panelHeight,
      yTicks: linearTicks({ scale: yScale, count: yCount, unit: 'dollars' }),
      zeroY: yLo <= 0 && yHi >= 0 ? y(0) : null,
      series,
    };
  };

  return {
    frame,
    pointX,
    xTicks,
    panels: [
      panel('risk', ['cvar95'], frame.top, 'CVaR95 ($)'),
      panel('return', ['mean', 'hedgeCost'], frame.top + panelHeight + PANEL_GAP, 'Mean, cost ($)'),
    ],
    legend: legend.items,
    chosenX: chosen !== null && pointX[chosen] !== undefined ? pointX[chosen] : null,
    empty,
  };
}

/** SVG path of a marker centred at (x, y), about 8 px across. */
export function markerPath(marker: SweepMarker, x: number, y: number): string {
  const r = 4;
  switch (marker) {
    case 'circle':
      return `M${px(x - r)},${px(y)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0Z`;
    case 'square':
      return `M${px(x - r)},${px(y - r)}h${2 * r}v${2 * r}h${-2 * r}Z`;
    case 'triangle':
      return `M${px(x)},${px(y - r - 1)}L${px(x + r + 0.5)},${px(y + r)}L${px(x - r - 0.5)},${px(y + r)}Z`;
  }
}

/** Index of the grid point nearest to x (px), or null with no points. */
export function sweepIndexAt(model: SweepChartModel, x: number): number | null {
  if (model.pointX.length === 0) return null;
  // The grid may descend: search the sorted positions, map back to the input index.
  const order = model.pointX.map((_, i) => i).sort((a, b) => model.pointX[a] - model.pointX[b]);
  const k = bisectCenter(
    order.map((i) => model.pointX[i]),
    x,
  );
  return order[k];
}

/** "$1,234 (95 %: $1,010 to $1,458)" or "$1,234" without an SE; "—" when missing. */
function withInterval(value: number | null, stdErr: number | null): string {
  if (value === null) return '—';
  if (stdErr === null) return formatMoney(value);
  return `${formatMoney(value)} (95 %: ${formatMoney(value - Z95 * stdErr)} to ${formatMoney(value + Z95 * stdErr)})`;
}

/**
 * The hover readout of grid point `index`, e.g. "VIX ≥ threshold = 25 VIX points: mean P&L $120
 * (95 %: −$80 to $320); CVaR95 $27,600 (…); hedge cost $400 (…)".
 */
export function sweepReadout(options: {
  points: readonly SweepChartInput[];
  index: number;
  unit: SweepUnit;
  name: string;
}): string {
  const { points, index, unit, name } = options;
  const p = points[index];
  if (!p) return '';
  const q = p.point;
  return (
    `${name} = ${formatSweepValue(p.value, unit)}: mean P&L ${withInterval(q.mean, q.meanStdErr)}; ` +
    `CVaR95 ${withInterval(q.cvar95, q.cvar95StdErr)}; hedge cost ${withInterval(q.hedgeCost, q.hedgeCostStdErr)}`
  );
}

const plusMinus = (stdErr: number | null): string =>
  stdErr === null ? '—' : `± ${formatMoney(Z95 * stdErr)}`;

/** The data table: one row per grid point, each figure with its ± 1.96 SE half-width. */
export function sweepTable(options: {
  points: readonly SweepChartInput[];
  unit: SweepUnit;
  name: string;
  paths: number;
}): DataTable {
  const { points, unit, name, paths } = options;
  return {
    caption: `${name}: the hedged book (condor + layers) at each value, ${paths.toLocaleString('en-US')} paths per value on the same seed; dollars, ± 1.96 standard errors.`,
    columns: [
      name,
      'Mean P&L',
      'Mean ± 1.96 SE',
      'CVaR95 (loss)',
      'CVaR95 ± 1.96 SE',
      'Hedge cost',
      'Hedge cost ± 1.96 SE',
    ],
    rows: points.map((p) => [
      formatSweepValue(p.value, unit),
      formatMoney(p.point.mean),
      plusMinus(p.point.meanStdErr),
      formatMoney(p.point.cvar95),
      plusMinus(p.point.cvar95StdErr),
      formatMoney(p.point.hedgeCost),
      plusMinus(p.point.hedgeCostStdErr),
    ]),
  };
}
