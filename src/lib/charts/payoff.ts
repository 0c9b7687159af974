/**
 * Payoff-at-expiry diagram of the opening book (`SimulationResult.openingBook`): the P&L at expiry
 * of the condor and of each hedge layer as a function of its underlying, with break-evens marked.
 * SPX positions (the condor, an SPX-put layer) share a panel with an SPX axis, VIX positions (VIX
 * options and futures, settled on VIX_T) a panel with a VIX axis; side by side on a wide chart,
 * stacked on a narrow one.
 *
 * Curves are exact: each is the engine's own `pnlAtExpiry` on a grid of the underlying that
 * includes every strike, and the P&L is linear between strikes, so straight segments between grid
 * points draw it without error. Positions expire on different days, so the diagram draws each
 * position's own expiry profile and no sum across them.
 */
import { line } from 'd3-shape';
import { pnlAtExpiry, type OpeningBook, type OpeningPosition } from '../../engine/index.ts';
import { formatMoney, formatNumber } from '../format.ts';
import { axisTitle, formatValue, linearTicks, niceLinear, tickCount, type Tick } from './axis.ts';
import {
  assignRows,
  clamp,
  legendLayout,
  plotFrame,
  px,
  ROW_HEIGHT,
  textWidth,
  type LegendItem,
  type LegendSwatch,
} from './layout.ts';
import type { DataTable } from './table.ts';

export type PayoffUnderlying = 'spx' | 'vix';

/** Grid points per panel between the domain's ends (strikes are added on top). */
export const PAYOFF_GRID_STEPS = 120;
/** Panels sit side by side from this chart width (px) up. */
export const SIDE_BY_SIDE_WIDTH = 760;
/** Line styles the layers cycle through (the condor is solid); the second cue besides colour. */
export const LAYER_DASHES: readonly LegendSwatch[] = ['dashed', 'dotted', 'dash-dot', 'long-dash'];

/**
 * Sorted distinct levels for a payoff curve: `steps` + 1 equally spaced points from lo to hi, plus
 * every kink (strike) strictly inside (lo, hi). Tested: ends included, kinks included, sorted and
 * distinct (tests/unit/lib/charts/payoff.test.ts).
 */
export function payoffGrid(options: {
  lo: number;
  hi: number;
  steps: number;
  kinks?: readonly number[];
}): number[] {
  const { lo, hi, steps, kinks = [] } = options;
  const n = Math.max(1, Math.round(steps));
  const xs = Array.from({ length: n + 1 }, (_, k) => (k === n ? hi : lo + ((hi - lo) * k) / n));
  for (const k of kinks) if (k > lo && k < hi) xs.push(k);
  xs.sort((a, b) => a - b);
  return xs.filter((x, i) => i === 0 || x !== xs[i - 1]);
}

/** Strikes of a position's option legs (futures have none). */
export function positionStrikes(p: OpeningPosition): number[] {
  return p.legs.flatMap((leg) => (leg.kind === 'vix-future' ? [] : [leg.strike]));
}

/**
 * The underlying's range for a panel: it spans today's level, every strike and break-even, with
 * room on both sides. SPX: a margin of max(4 % of spot, 30 % of the span). VIX: from 0.6× the
 * lowest to 1.6× the highest of those levels (at least 0), since VIX spikes are what the layers
 * are for. The range is at least 1 wide. Tested on hand-made books (payoff.test.ts).
 */
export function payoffDomain(options: {
  underlying: PayoffUnderlying;
  positions: readonly OpeningPosition[];
  level: number;
}): [number, number] {
  const { underlying, positions, level } = options;
  const points = [
    level,
    ...positions.flatMap((p) => [...positionStrikes(p), ...p.breakEvens]),
  ].filter((x) => Number.isFinite(x));
  const min = Math.min(...points);
  const max = Math.max(...points);
  const pad = Math.max(0.04 * level, 0.3 * (max - min));
  const [lo, hi] =
    underlying === 'spx'
      ? [Math.floor(min - pad), Math.ceil(max + pad)]
      : [Math.floor(0.6 * min), Math.ceil(1.6 * max)];
  // A level of 0 with no strikes would leave no range at all.
  return [Math.max(0, lo), Math.max(Math.max(0, lo) + 1, hi)];
}

/** One position's curve in a panel. */
export interface PayoffCurve {
  /** Index in `book.positions`. */
  position: number;
  name: string;
  tone: 'condor' | 'hedged';
  dash: LegendSwatch;
  levels: number[];
  pnl: number[];
  path: string;
}

/** A break-even on the zero line; `label` is null when it would collide with another label. */
export interface BreakEvenMark {
  position: number;
  value: number;
  x: number;
  y: number;
  tone: 'condor' | 'hedged';
  label: string | null;
  labelY: number;
}

/** A vertical reference line (today's level). */
export interface ReferenceLine {
  label: string;
  value: number;
  x: number;
}

export interface PayoffPanel {
  underlying: PayoffUnderlying;
  unit: 'index points' | 'VIX points';
  xTitle: string;
  /** Plot area of the panel inside the SVG, px. */
  left: number;
  top: number;
  innerWidth: number;
  innerHeight: number;
  domain: [number, number];
  xTicks: Tick[];
  yTicks: Tick[];
  zeroY: number;
  curves: PayoffCurve[];
  breakEvens: BreakEvenMark[];
  refs: ReferenceLine[];
  xOf: (level: number) => number;
  yOf: (pnl: number) => number;
  levelOf: (x: number) => number;
}

export interface PayoffModel {
  width: number;
  height: number;
  compact: boolean;
  sideBySide: boolean;
  panels: PayoffPanel[];
  legend: LegendItem[];
}

const PANEL_GAP = 24;

/**
 * Geometry of the payoff diagram (module comment): one panel per underlying that has positions
 * (SPX first), a shared legend naming every position with its line style. Tested: curve values
 * equal `pnlAtExpiry` at every grid level, break-evens sit on the zero line at the scaled level,
 * panels are side by side only on wide charts (tests/unit/lib/charts/payoff.test.ts).
 */
export function payoffModel(options: { book: OpeningBook; width: number }): PayoffModel {
  const { book, width } = options;
  const styled = book.positions.map((p, i) => {
    const layerIndex = book.positions
      .slice(0, i)
      .filter((q) => q.instrument !== 'iron-condor').length;
    const condor = p.instrument === 'iron-condor';
    return {
      p,
      i,
      tone: condor ? ('condor' as const) : ('hedged' as const),
      dash: condor ? ('line' as const) : LAYER_DASHES[layerIndex % LAYER_DASHES.length],
    };
  });
  const groups = (['spx', 'vix'] as const)
    .map((u) => ({ underlying: u, items: styled.filter((s) => s.p.underlying === u) }))
    .filter((g) => g.items.length > 0);

  const sideBySide = groups.length > 1 && width >= SIDE_BY_SIDE_WIDTH;
  const panelWidth = sideBySide ? (width - PANEL_GAP) / 2 : width;
  const whole = plotFrame({ width });
  const legend = legendLayout({
    items: styled.map((s) => ({ label: positionLabel(s.p), swatch: s.dash, tone: s.tone })),
    left: whole.left,
    maxWidth: whole.innerWidth,
  });
  const base = plotFrame({ width: panelWidth, topExtra: 0, aspect: 0.5, maxPlotHeight: 260 });
  const panelHeight = base.height;
  const headTop = legend.height + 4;

  const panels: PayoffPanel[] = groups.map((g, gi) => {
    const originX = sideBySide ? gi * (panelWidth + PANEL_GAP) : 0;
    const originY = headTop + (sideBySide ? 0 : gi * (panelHeight + 8));
    const left = originX + base.left;
    const top = originY + base.top + ROW_HEIGHT; // a row for the reference-line labels
    const innerWidth = base.innerWidth;
    const innerHeight = base.innerHeight - ROW_HEIGHT;
    const level = g.underlying === 'spx' ? book.spot : book.vix;
    const unit = g.underlying === 'spx' ? ('index points' as const) : ('VIX points' as const);
    const domain = payoffDomain({
      underlying: g.underlying,
      positions: g.items.map((s) => s.p),
      level,
    });
    const kinks = g.items.flatMap((s) => positionStrikes(s.p));
    const levels = payoffGrid({ lo: domain[0], hi: domain[1], steps: PAYOFF_GRID_STEPS, kinks });
    const curvesPnl = g.items.map((s) =>
      levels.map((u) => pnlAtExpiry({ legs: s.p.legs, entryCost: s.p.entryCost, underlying: u })),
    );
    const allPnl = curvesPnl.flat().filter((x) => Number.isFinite(x));
    const xCount = tickCount(innerWidth, base.compact ? 70 : 80);
    const yCount = tickCount(innerHeight, 50);
    // Not niced: the curves end at the grid's ends, and the axis should too.
    const xScale = niceLinear({ domain, range: [left, left + innerWidth], ticks: xCount }).domain(
      domain,
    );
    const yScale = niceLinear({
      domain: [Math.min(0, ...allPnl), Math.max(0, ...allPnl)],
      range: [top + innerHeight, top],
      ticks: yCount,
    });
    const xOf = (u: number) => px(xScale(u));
    const yOf = (v: number) => px(yScale(v));
    const toPath = line<number>()
      .x((_, k) => xOf(levels[k]))
      .y((v) => yOf(v))
      .digits(1);

    const curves: PayoffCurve[] = g.items.map((s, k) => ({
      position: s.i,
      name: s.p.name,
      tone: s.tone,
      dash: s.dash,
      levels,
      pnl: curvesPnl[k],
      path: toPath(curvesPnl[k]) ?? '',
    }));

    const zeroY = yOf(0);
    const marks = g.items.flatMap((s) =>
      s.p.breakEvens
        .filter((b) => b >= domain[0] && b <= domain[1])
        .map((b) => ({ position: s.i, value: b, tone: s.tone, x: xOf(b) })),
    );
    const labels = marks.map((m) => formatValue(m.value, unit));
    const { rows } = assignRows(
      marks.map((m, k) => ({
        start: m.x - textWidth(labels[k]) / 2,
        end: m.x + textWidth(labels[k]) / 2,
      })),
      6,
    );
    const breakEvens: BreakEvenMark[] = marks.map((m, k) => ({
      ...m,
      y: zeroY,
      // Two rows of labels at most; the rest are in the readout and the table.
      label: rows[k] < 2 ? labels[k] : null,
      labelY: px(zeroY + (zeroY > top + innerHeight - 40 ? -8 - rows[k] * 14 : 16 + rows[k] * 14)),
    }));

    const refs: ReferenceLine[] = [
      {
        label:
          g.underlying === 'spx'
            ? `SPX now ${formatNumber(level, 0)}`
            : `VIX now ${formatNumber(level, 1)}`,
        value: level,
        x: xOf(level),
      },
    ];

    return {
      underlying: g.underlying,
      unit,
      xTitle: axisTitle(g.underlying === 'spx' ? 'SPX at expiry' : 'VIX at expiry', unit),
      left,
      top,
      innerWidth,
      innerHeight,
      domain,
      xTicks: linearTicks({ scale: xScale, count: xCount, unit }),
      yTicks: linearTicks({ scale: yScale, count: yCount, unit: 'dollars' }),
      zeroY,
      curves,
      breakEvens,
      refs,
      xOf,
      yOf,
      levelOf: (x: number) => clamp(xScale.invert(x), domain[0], domain[1]),
    };
  });

  const rowsOfPanels = sideBySide ? 1 : panels.length;
  return {
    width,
    height: headTop + rowsOfPanels * panelHeight + (rowsOfPanels - 1) * 8,
    compact: base.compact,
    sideBySide,
    panels,
    legend: legend.items,
  };
}

/** The panel under the point (x, y), px, or null. */
export function payoffPanelAt(model: PayoffModel, x: number, y: number): number | null {
  const k = model.panels.findIndex(
    (p) =>
      x >= p.left - 8 &&
      x <= p.left + p.innerWidth + 8 &&
      y >= p.top - ROW_HEIGHT &&
      y <= p.top + p.innerHeight + 44,
  );
  return k < 0 ? null : k;
}

/** Display name of a position: the condor is "Iron condor", a layer its name. */
export function positionLabel(p: OpeningPosition): string {
  return p.instrument === 'iron-condor' ? 'Iron condor' : p.name;
}

/**
 * Each position's P&L at expiry at `level` of the panel's underlying, exact (`pnlAtExpiry`), in
 * the panel's curve order.
 */
export function payoffValuesAt(options: {
  book: OpeningBook;
  panel: PayoffPanel;
  level: number;
}): { position: number; pnl: number }[] {
  const { book, panel, level } = options;
  return panel.curves.map((c) => {
    const pos = book.positions[c.position];
    return {
      position: c.position,
      pnl: pnlAtExpiry({ legs: pos.legs, entryCost: pos.entryCost, underlying: level }),
    };
  });
}

/**
 * The readout at `level` of panel `panel`: each position's P&L there, e.g. "SPX 6,500 at expiry:
 * Iron condor $5,736".
 */
export function payoffReadout(options: {
  book: OpeningBook;
  model: PayoffModel;
  panel: number;
  level: number;
}): string {
  const { book, model, level } = options;
  const panel = model.panels[options.panel];
  if (panel === undefined) return '';
  const name = panel.underlying === 'spx' ? 'SPX' : 'VIX';
  const parts = payoffValuesAt({ book, panel, level }).map(
    (v) => `${positionLabel(book.positions[v.position])} ${formatMoney(v.pnl)}`,
  );
  return `${name} ${formatValue(level, panel.unit)} at expiry: ${parts.join('; ')}`;
}

const INSTRUMENT_NAMES: Record<OpeningPosition['instrument'], string> = {
  'iron-condor': 'iron condor',
  'vix-call': 'VIX call',
  'vix-put': 'VIX put',
  'vix-call-spread': 'VIX call spread',
  'vix-future': 'VIX future',
  'spx-put': 'SPX put',
};

/** The data table: each position's terms and its expiry profile. */
export function payoffTable(options: { book: OpeningBook; caption: string }): DataTable {
  const { book, caption } = options;
  return {
    caption,
    columns: [
      'Position',
      'Instrument',
      'Contracts',
      'Strikes',
      'Entry ($, paid + / received −)',
      'Expires (trading days)',
      'Break-evens',
      'Max profit ($)',
      'Max loss ($)',
    ],
    rows: book.positions.map((p) => {
      const unit = p.underlying === 'spx' ? ('index points' as const) : ('VIX points' as const);
      const strikes = positionStrikes(p);
      return [
        positionLabel(p),
        `${p.side} ${INSTRUMENT_NAMES[p.instrument]}`,
        String(p.contracts),
        strikes.length > 0 ? strikes.map((k) => formatValue(k, unit)).join(' / ') : '—',
        formatMoney(p.entryCost),
        String(p.expiryDays),
        p.breakEvens.length > 0 ? p.breakEvens.map((b) => formatValue(b, unit)).join(', ') : 'none',
        p.maxProfit === null ? 'unlimited' : formatMoney(p.maxProfit),
        p.maxLoss === null ? 'unlimited' : formatMoney(p.maxLoss),
      ];
    }),
  };
}
