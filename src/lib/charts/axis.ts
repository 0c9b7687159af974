/**
 * Axes: linear scales with 'nice' domains, ticks with labels in the axis's unit, axis titles
 * that name the unit, and the precise formatting used by hover readouts and data tables.
 *
 * Ticks come from d3-scale (steps of 1, 2 or 5 × 10^k, d3-array `ticks`), labels from d3-format:
 * dollars in SI form for steps of $1k and up ("−$40k", "$1.5M"; U+2212 minus, as
 * src/lib/format.ts writes) and in full below ("$1,500"), index and VIX points with grouping
 * ("6,800"), shares of paths as "12 %" (the space matches formatPercent). Readouts use
 * src/lib/format.ts, so a missing value prints "—", never NaN.
 */
import { tickStep } from 'd3-array';
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { formatMoney, formatNumber, formatPercent } from '../format.ts';
import { px } from './layout.ts';

/** The units a chart axis can carry. `share` is a fraction of paths (0.12 = 12 %). */
export type AxisUnit = 'dollars' | 'index points' | 'VIX points' | 'share' | 'days';

/** One tick: its value, its position along the axis (px) and its label. */
export interface Tick {
  value: number;
  position: number;
  label: string;
}

/** The unit as written in an axis title, in parentheses after the quantity. */
export function unitLabel(unit: AxisUnit): string {
  switch (unit) {
    case 'dollars':
      return '$';
    case 'index points':
      return 'index points';
    case 'VIX points':
      return 'VIX points';
    case 'share':
      return '% of paths';
    case 'days':
      return 'trading days';
  }
}

/** "Terminal P&L ($)", "VIX (VIX points)": a quantity and its unit. */
export function axisTitle(quantity: string, unit: AxisUnit): string {
  return `${quantity} (${unitLabel(unit)})`;
}

/**
 * How many ticks fit along an axis of `length` px with at least `spacing` px between them
 * (at least 2). d3 treats the count as a hint and picks a nearby 1/2/5 step.
 */
export function tickCount(length: number, spacing: number): number {
  return Math.max(2, Math.floor(length / spacing));
}

/**
 * A linear scale from `domain` to `range`, its domain extended to nice tick values (d3 `nice`).
 * A degenerate domain (lo = hi, or non-finite ends) is widened to [lo − 1, lo + 1] (or [0, 1]) so
 * the scale never divides by zero and no NaN reaches the markup.
 */
export function niceLinear(options: {
  domain: readonly [number, number];
  range: readonly [number, number];
  ticks: number;
}): ScaleLinear<number, number> {
  let [lo, hi] = options.domain;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) [lo, hi] = [0, 1];
  if (lo > hi) [lo, hi] = [hi, lo];
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  return scaleLinear()
    .domain([lo, hi])
    .range([options.range[0], options.range[1]])
    .nice(options.ticks);
}

function specifier(unit: AxisUnit, scale: ScaleLinear<number, number>, count: number): string {
  switch (unit) {
    case 'dollars': {
      const [lo, hi] = scale.domain();
      // SI prefixes read well for steps of $1k and up ("$10k"); finer steps print in full
      // ("$1,500", not "$1.5k" next to "$0.5k").
      return Math.abs(tickStep(lo, hi, count)) >= 1000 ? '$~s' : '$,~f';
    }
    case 'share':
      return '~%';
    case 'index points':
    case 'VIX points':
    case 'days':
      return ',~f';
  }
}

/**
 * Ticks of a linear scale, about `count` of them (d3's `scale.ticks`), with labels in `unit`
 * (module comment) and positions rounded to 0.1 px. Tested table-driven for every unit
 * (tests/unit/lib/charts/axis.test.ts).
 */
export function linearTicks(options: {
  scale: ScaleLinear<number, number>;
  count: number;
  unit: AxisUnit;
}): Tick[] {
  const { scale, count, unit } = options;
  const format = scale.tickFormat(count, specifier(unit, scale, count));
  const label = (value: number): string => {
    // A shared SI prefix would print zero as "$0k".
    if (value === 0) return unit === 'dollars' ? '$0' : unit === 'share' ? '0 %' : '0';
    const text = format(value);
    return unit === 'share' ? text.replace('%', ' %') : text;
  };
  return scale.ticks(count).map((value) => ({
    value,
    position: px(scale(value)),
    label: label(value),
  }));
}

/**
 * A single value in `unit` for readouts and data tables: "$12,300", "6,800", "21.4", "12.3 %",
 * "day 21"; "—" when missing or not finite (src/lib/format.ts).
 */
export function formatValue(value: number | null | undefined, unit: AxisUnit): string {
  switch (unit) {
    case 'dollars':
      return formatMoney(value);
    case 'index points':
      return formatNumber(value, 0);
    case 'VIX points':
      return formatNumber(value, 1);
    case 'share':
      return formatPercent(value, 1);
    case 'days':
      return typeof value === 'number' && Number.isFinite(value) ? `day ${value}` : '—';
  }
}
