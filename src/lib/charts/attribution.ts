/**
 * Per-layer attribution: for each hedge layer, horizontal bars of its mean cost (premiums,
 * commissions and slippage spent), mean payoff (what its positions returned) and mean P&L
 * (payoff − cost) per path, each with a ±1 standard-error whisker (the engine's SE of the mean,
 * stats/outcomes.ts `summarizeLayers`). Bars are grouped by layer under the layer's name, so long
 * names read on a phone; the value is printed at the end of each bar.
 *
 * The x domain covers 0, every bar and whisker, and room for the value labels, so nothing is
 * clipped. A figure the engine reports as null (no paths) has no bar.
 */
import type { LayerReport } from '../../engine/index.ts';
import { formatMoney, formatNumber, formatPercent, formatWithError } from '../format.ts';
import { linearTicks, niceLinear, tickCount, type Tick } from './axis.ts';
import {
  legendLayout,
  plotFrame,
  px,
  ROW_HEIGHT,
  textWidth,
  type LegendItem,
  type LegendSwatch,
  type PlotFrame,
} from './layout.ts';
import type { DataTable } from './table.ts';

export type AttributionMeasure = 'cost' | 'payoff' | 'pnl';

/** The three bars of a layer, in drawing order, with their legend labels and swatches. */
export const ATTRIBUTION_MEASURES: readonly {
  key: AttributionMeasure;
  label: string;
  swatch: LegendSwatch;
}[] = [
  { key: 'cost', label: 'Mean cost', swatch: 'hatch' },
  { key: 'payoff', label: 'Mean payoff', swatch: 'outline' },
  { key: 'pnl', label: 'Mean P&L', swatch: 'bar' },
];

/** One bar with its whisker and value label. */
export interface AttributionBar {
  layer: number;
  measure: AttributionMeasure;
  value: number;
  stdErr: number | null;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Whisker ends (px): value ∓ 1 SE; null without an SE. */
  errLo: number | null;
  errHi: number | null;
  label: string;
  labelX: number;
  anchor: 'start' | 'end';
}

/** One layer's group: its name above its bars. */
export interface AttributionGroup {
  index: number;
  name: string;
  /** The name as printed: shortened with "…" when wider than the chart. */
  shortName: string;
  /** Baseline of the name. */
  labelY: number;
  /** Vertical extent of the group (hover target), px. */
  top: number;
  bottom: number;
  bars: AttributionBar[];
}

export interface AttributionModel {
  frame: PlotFrame;
  groups: AttributionGroup[];
  xTicks: Tick[];
  /** x of the zero line, px. */
  zeroX: number;
  legend: LegendItem[];
  empty: boolean;
}

const BAR_HEIGHT = 13;
const BAR_GAP = 3;
const GROUP_GAP = 12;
const LABEL_GAP = 5;

function measureValue(layer: LayerReport, m: AttributionMeasure): [number | null, number | null] {
  switch (m) {
    case 'cost':
      return [layer.meanCost, layer.meanCostStdErr];
    case 'payoff':
      return [layer.meanPayoff, layer.meanPayoffStdErr];
    case 'pnl':
      return [layer.meanPnl, layer.meanPnlStdErr];
  }
}

function finiteOrNull(x: number | null): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

/** Shortens `text` with "…" to at most `maxWidth` px (estimated, layout.ts `textWidth`). */
export function truncate(text: string, maxWidth: number): string {
  if (textWidth(text) <= maxWidth) return text;
  const keep = Math.max(1, Math.floor(maxWidth / textWidth('x')) - 1);
  return `${text.slice(0, keep).trimEnd()}…`;
}

/**
 * Geometry of the attribution chart (module comment). With no layers the model is `empty`.
 * Tested: bars start at zero and end at the scaled value, whiskers span ±1 SE, labels stay inside
 * the SVG, null figures have no bar (tests/unit/lib/charts/attribution.test.ts).
 */
export function attributionModel(options: {
  layers: readonly LayerReport[];
  width: number;
}): AttributionModel {
  const { layers, width } = options;
  const provisional = plotFrame({ width, left: 24 });
  const legend = legendLayout({
    items: ATTRIBUTION_MEASURES.map((m) => ({ label: m.label, swatch: m.swatch, tone: m.key })),
    left: provisional.left,
    maxWidth: provisional.innerWidth,
  });
  const groupHeight = ROW_HEIGHT + 3 * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP;
  const frame = plotFrame({
    width,
    left: 24,
    topExtra: legend.height + 4,
    plotHeight: Math.max(groupHeight, layers.length * groupHeight),
  });

  const items = layers.map((layer) =>
    ATTRIBUTION_MEASURES.map((m) => {
      const [v, se] = measureValue(layer, m.key);
      const value = finiteOrNull(v);
      const stdErr = finiteOrNull(se);
      return { measure: m.key, value, stdErr, label: value === null ? '' : formatMoney(value) };
    }),
  );
  const drawn = items.flat().filter((b) => b.value !== null) as {
    measure: AttributionMeasure;
    value: number;
    stdErr: number | null;
    label: string;
  }[];
  const lo = Math.min(0, ...drawn.map((b) => b.value - Math.abs(b.stdErr ?? 0)));
  const hi = Math.max(0, ...drawn.map((b) => b.value + Math.abs(b.stdErr ?? 0)));
  // Room for the value labels: widen the domain so the longest label on each side fits.
  const labelRoom = (sign: 1 | -1) =>
    Math.max(
      0,
      ...drawn
        .filter((b) => Math.sign(b.value) === sign || (sign === 1 && b.value === 0))
        .map((b) => textWidth(b.label) + LABEL_GAP),
    );
  const roomLeft = labelRoom(-1);
  const roomRight = labelRoom(1);
  const span = hi - lo > 0 ? hi - lo : 1;
  const usable = Math.max(40, frame.innerWidth - roomLeft - roomRight);
  const perPx = span / usable;
  const xCount = tickCount(frame.innerWidth, frame.compact ? 80 : 100);
  const xScale = niceLinear({
    domain: [lo - roomLeft * perPx, hi + roomRight * perPx],
    range: [frame.left, frame.left + frame.innerWidth],
    ticks: xCount,
  });
  const zeroX = px(xScale(0));

  const groups: AttributionGroup[] = layers.map((layer, i) => {
    const top = frame.top + i * groupHeight;
    const name =
      layer.funding === 'external-budget' ? `${layer.name} (external budget)` : layer.name;
    const bars: AttributionBar[] = [];
    items[i].forEach((b, k) => {
      if (b.value === null) return;
      const y = top + ROW_HEIGHT + k * (BAR_HEIGHT + BAR_GAP);
      const xv = px(xScale(b.value));
      const errLo = b.stdErr === null ? null : px(xScale(b.value - Math.abs(b.stdErr)));
      const errHi = b.stdErr === null ? null : px(xScale(b.value + Math.abs(b.stdErr)));
      const negative = b.value < 0;
      const outer = negative ? Math.min(xv, errLo ?? xv) : Math.max(xv, errHi ?? xv);
      bars.push({
        layer: i,
        measure: b.measure,
        value: b.value,
        stdErr: b.stdErr,
        x: Math.min(zeroX, xv),
        y: px(y),
        width: px(Math.abs(xv - zeroX)),
        height: BAR_HEIGHT,
        errLo,
        errHi,
        label: b.label,
        labelX: px(negative ? outer - LABEL_GAP : outer + LABEL_GAP),
        anchor: negative ? 'end' : 'start',
      });
    });
    return {
      index: i,
      name,
      shortName: truncate(name, frame.innerWidth),
      labelY: px(top + ROW_HEIGHT - 5),
      top: px(top),
      bottom: px(top + groupHeight),
      bars,
    };
  });

  return {
    frame,
    groups,
    xTicks: linearTicks({ scale: xScale, count: xCount, unit: 'dollars' }),
    zeroX,
    legend: legend.items,
    empty: layers.length === 0,
  };
}

/** Index of the layer group under y (px), or null outside every group. */
export function attributionGroupAt(model: AttributionModel, y: number): number | null {
  const g = model.groups.find((g) => y >= g.top && y < g.bottom);
  return g === undefined ? null : g.index;
}

/**
 * The hover readout of layer `index`: "Calls at VIX 20: mean cost $3,797 ± $93, mean payoff
 * $2,963 ± $165, mean P&L −$835 ± $114 per path; traded on 91.2 % of paths".
 */
export function attributionReadout(layers: readonly LayerReport[], index: number): string {
  const l = layers[index];
  if (l === undefined) return '';
  const money = (x: number | null, se: number | null) => formatWithError(x, se, 'money');
  return (
    `${l.name}: mean cost ${money(l.meanCost, l.meanCostStdErr)}, mean payoff ` +
    `${money(l.meanPayoff, l.meanPayoffStdErr)}, mean P&L ${money(l.meanPnl, l.meanPnlStdErr)} ` +
    `per path; traded on ${formatPercent(l.tradedShare)} of paths`
  );
}

/** The data table: every figure of the layer report, with its standard error where it has one. */
export function attributionTable(options: {
  layers: readonly LayerReport[];
  caption: string;
}): DataTable {
  const { layers, caption } = options;
  const money = (x: number | null, se: number | null) => formatWithError(x, se, 'money');
  return {
    caption,
    columns: [
      'Layer',
      'Mean cost ($ per path)',
      'Mean payoff ($ per path)',
      'Mean P&L ($ per path)',
      'Triggers per path',
      'Rolls per path',
      'Take-profits per path',
      'Paths where it traded',
      'Funding',
    ],
    rows: layers.map((l) => [
      l.name,
      money(l.meanCost, l.meanCostStdErr),
      money(l.meanPayoff, l.meanPayoffStdErr),
      money(l.meanPnl, l.meanPnlStdErr),
      formatNumber(l.triggersPerPath),
      formatNumber(l.rollsPerPath),
      formatNumber(l.takeProfitsPerPath),
      formatWithError(l.tradedShare, l.tradedShareStdErr, 'percent'),
      l.funding === 'external-budget' ? 'external budget' : 'trading capital',
    ]),
  };
}
