/**
 * Chart geometry shared by every results chart: the plot frame inside the SVG (margins for axes,
 * the in-SVG legend and label rows), the legend's wrapping into rows, and greedy placement of
 * direct labels into rows so they never overlap. Pure functions, no DOM: the components render
 * what these return (Layer Cake's split of D3 math and Svelte markup).
 *
 * Sizes are CSS pixels of the SVG's viewBox; the components set the viewBox to the container's
 * width, so 12 px text stays 12 px on a phone and a laptop alike (relatively larger on the phone),
 * and fewer ticks are drawn on narrow charts.
 */

/** Width used when the container cannot be measured (tests, server-side rendering). */
export const DEFAULT_CHART_WIDTH = 640;
/** Narrowest width laid out; narrower containers scale the SVG down through its viewBox. */
export const MIN_CHART_WIDTH = 280;
/** Below this width (px) a chart uses its compact layout: fewer ticks, tighter margins. */
export const COMPACT_WIDTH = 480;
/** Font size of tick labels, legend and direct labels, px. */
export const FONT_SIZE = 12;
/** Height of one legend or label row, px. */
export const ROW_HEIGHT = 18;

/** Average advance of one character of the UI font at {@link FONT_SIZE}, px (a safe over-estimate). */
const CHAR_WIDTH = FONT_SIZE * 0.6;

/** The plot area of a chart inside its SVG. */
/** A plot area: its left/top corner and size, px. */
export interface PlotArea {
  left: number;
  top: number;
  innerWidth: number;
  innerHeight: number;
}

export interface PlotFrame extends PlotArea {
  /** Whole SVG, px. */
  width: number;
  height: number;
  compact: boolean;
}

/**
 * A usable chart width: the measured one when it is a finite positive number (at least
 * {@link MIN_CHART_WIDTH}), else {@link DEFAULT_CHART_WIDTH}. Rounded to whole pixels so that a
 * sub-pixel resize does not recompute every path.
 */
export function chartWidth(measured: number | null | undefined): number {
  if (typeof measured !== 'number' || !Number.isFinite(measured) || measured <= 0)
    return DEFAULT_CHART_WIDTH;
  return Math.max(MIN_CHART_WIDTH, Math.round(measured));
}

/** Whether a chart of this width uses the compact (phone) layout. */
export function isCompact(width: number): boolean {
  return width < COMPACT_WIDTH;
}

/**
 * The plot frame of a chart `width` px wide: the plot height is `aspect` × width clamped to
 * [minPlotHeight, maxPlotHeight] (or `plotHeight`), and `topExtra` (legend and label rows) is added above it.
 * Margins leave room for y tick labels (left), x ticks and the x axis title (bottom).
 */
export function plotFrame(options: {
  width: number;
  topExtra?: number;
  aspect?: number;
  minPlotHeight?: number;
  maxPlotHeight?: number;
  /** Plot height, px, when the content decides it (overrides aspect and its bounds). */
  plotHeight?: number;
  /** Left margin, px (default 64): y tick labels and the y axis title. */
  left?: number;
  right?: number;
}): PlotFrame {
  const { width, topExtra = 0, aspect = 0.45, minPlotHeight = 200, maxPlotHeight = 300 } = options;
  const compact = isCompact(width);
  const left = options.left ?? 64;
  // Room for half of the last x tick label ("$20k", "7,400"), which is centred on the plot's edge.
  const right = options.right ?? (compact ? 20 : 24);
  const bottom = 44;
  const top = 8 + topExtra;
  const innerWidth = Math.max(40, width - left - right);
  const innerHeight = Math.round(
    options.plotHeight ?? clamp(width * aspect, minPlotHeight, maxPlotHeight),
  );
  return { width, height: top + innerHeight + bottom, left, top, innerWidth, innerHeight, compact };
}

/** Estimated rendered width of a text at {@link FONT_SIZE}, px. */
export function textWidth(text: string): number {
  return text.length * CHAR_WIDTH;
}

/** What a legend entry shows next to its label. */
export type LegendSwatch =
  | 'bar'
  | 'hatch'
  | 'outline'
  | 'band'
  | 'band-outer'
  | 'line'
  | 'dashed'
  | 'dotted'
  | 'dash-dot'
  | 'long-dash';

/** A legend entry before layout; `tone` is the CSS class that colours it (e.g. 'condor'). */
export interface LegendSpec {
  label: string;
  swatch: LegendSwatch;
  tone: string;
}

/** A legend entry placed at (x, y): the swatch's left edge and the row's vertical centre. */
export interface LegendItem extends LegendSpec {
  x: number;
  y: number;
}

/** Width of a legend swatch plus the gap to its label, px. */
export const LEGEND_SWATCH_WIDTH = 26;
const LEGEND_GAP = 16;

/**
 * Lays legend entries out left to right from `left`, wrapping to a new row when the next entry
 * would pass `left + maxWidth`. Returns the placed entries and the legend's height (rows ×
 * {@link ROW_HEIGHT}; 0 with no entries). An entry wider than a row gets a row of its own.
 */
export function legendLayout(options: {
  items: readonly LegendSpec[];
  left: number;
  maxWidth: number;
  top?: number;
}): { items: LegendItem[]; height: number } {
  const { items, left, maxWidth, top = 0 } = options;
  const placed: LegendItem[] = [];
  let row = 0;
  let x = left;
  for (const item of items) {
    const w = LEGEND_SWATCH_WIDTH + textWidth(item.label);
    if (x > left && x + w > left + maxWidth) {
      row++;
      x = left;
    }
    placed.push({ ...item, x: px(x), y: px(top + row * ROW_HEIGHT + ROW_HEIGHT / 2) });
    x += w + LEGEND_GAP;
  }
  return { items: placed, height: items.length === 0 ? 0 : (row + 1) * ROW_HEIGHT };
}

/**
 * Greedy interval placement: each label (its horizontal extent [start, end], px) goes to the first
 * row whose last label ends at least `gap` px before it starts; labels are taken in order of
 * `start`. Returns the row of each label in input order and the number of rows used. This is the
 * first-fit interval scheduling used for timeline labels; it is optimal in rows for intervals
 * sorted by start (interval graph colouring).
 */
export function assignRows(
  extents: readonly { start: number; end: number }[],
  gap = 4,
): { rows: number[]; count: number } {
  const order = extents.map((_, i) => i).sort((a, b) => extents[a].start - extents[b].start);
  const rowEnds: number[] = [];
  const rows = new Array<number>(extents.length).fill(0);
  for (const i of order) {
    const { start, end } = extents[i];
    let r = rowEnds.findIndex((e) => e + gap <= start);
    if (r < 0) {
      r = rowEnds.length;
      rowEnds.push(end);
    } else rowEnds[r] = end;
    rows[i] = r;
  }
  return { rows, count: rowEnds.length };
}

/** Rounds to 0.1 px: enough for any screen, and keeps the markup (and snapshots) short. */
export function px(x: number): number {
  return Math.round(x * 10) / 10;
}

export function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/**
 * A pointer position in the SVG's viewBox coordinates, from client coordinates and the SVG's
 * on-screen box (the SVG is scaled to its container). Null when the box has no size (not laid
 * out, e.g. in tests without layout).
 */
export function toViewBox(options: {
  clientX: number;
  clientY: number;
  box: { left: number; top: number; width: number; height: number };
  viewWidth: number;
  viewHeight: number;
}): { x: number; y: number } | null {
  const { clientX, clientY, box, viewWidth, viewHeight } = options;
  if (!(box.width > 0) || !(box.height > 0)) return null;
  return {
    x: ((clientX - box.left) * viewWidth) / box.width,
    y: ((clientY - box.top) * viewHeight) / box.height,
  };
}

/**
 * The cursor's next index after a key press on a focused chart, or undefined for a key the chart
 * does not handle. Along the chart's axis (→/← for 'horizontal', ↓/↑ for 'vertical') one step,
 * PageUp/PageDown ten, Home/End the ends; from no cursor (null) the first step lands on the first
 * (or with End the last) item. Tested table-driven (tests/unit/lib/charts/layout.test.ts).
 */
export function stepIndex(options: {
  key: string;
  index: number | null;
  count: number;
  orientation?: 'horizontal' | 'vertical';
}): number | undefined {
  const { key, index, count, orientation = 'horizontal' } = options;
  if (count <= 0) return undefined;
  const next = orientation === 'horizontal' ? 'ArrowRight' : 'ArrowDown';
  const prev = orientation === 'horizontal' ? 'ArrowLeft' : 'ArrowUp';
  const last = count - 1;
  const from = (step: number) =>
    index === null ? (step > 0 ? 0 : last) : clamp(index + step, 0, last);
  switch (key) {
    case next:
      return from(1);
    case prev:
      return from(-1);
    case 'PageDown':
      return orientation === 'horizontal' ? from(-10) : from(10);
    case 'PageUp':
      return orientation === 'horizontal' ? from(10) : from(-10);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return undefined;
  }
}
