/**
 * The path explorer's math (issue 7, item 1): which events a replayed day shows, the y extent of a
 * panel, SVG paths of series with gaps (the condor's strikes are null while no condor is open, RSI
 * and MACD during their warm-up), the contango/backwardation bands between the 30- and 60-day VIX
 * futures (crossings interpolated so the two bands meet), the day's readout text and the panels'
 * data tables. Pure functions, no DOM; the components in src/components/explore render what these
 * return (Layer Cake's split of D3 math and Svelte markup). Nothing here returns NaN: missing
 * values print "—" (src/lib/format.ts) and missing points leave a gap in a line.
 *
 *
 * The explorer has one input shape, {@link ExplorerInput} (paths with their events, daily series
 * and, for a historical replay, the date of each day): `explorerInputFromResult` adapts the sampled
 * paths of a simulation, `explorerInputFromReplay` the one path of `replay` (src/engine/replay.ts).
 * With dates, days read as dates (x axis by month, readouts, tables); without, as "Day n".
 *
 * Tested in tests/unit/lib/charts/explorer.test.ts.
 */
import { area, line } from 'd3-shape';
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import type {
  PathDetail,
  PathSeries,
  ReplayResult,
  SampledPathRole,
  SimulationResult,
  StrategyEvent,
} from '../../engine/index.ts';
import { formatMoney, formatNumber, formatPercent } from '../format.ts';
import { linearTicks, niceLinear, tickCount, type AxisUnit, type Tick } from './axis.ts';
import { px, type LegendSwatch, type PlotFrame } from './layout.ts';
import type { DataTable } from './table.ts';

/** An event of an explored path; a replayed path's events carry their ISO date. */
export type ExplorerEvent = StrategyEvent & { date?: string };

/** One path the explorer can show. */
export interface ExplorerPath {
  /** Unique among the input's paths (a keyed list). */
  key: string;
  /** The choice's label: "Median path (#12: condor alone $1,200, with layers $900)". */
  label: string;
  /** The path in a sentence, lower case: "median path", "replayed path". */
  name: string;
  events: readonly ExplorerEvent[];
  series: PathSeries;
  /** ISO date of each day (day 0 first) for a historical replay; absent for simulated paths. */
  dates?: readonly string[];
}

/** What the path explorer shows: its paths, the capital (shares in sentences) and layer names. */
export interface ExplorerInput {
  paths: ExplorerPath[];
  capital: number;
  /** Names of the enabled layers, in the order of `series.layerPnl`. */
  layerNames: string[];
}

/**
 * The explorer's input from a simulation: each sampled path (median, worst, best, breached) that
 * has its detail in `pathDetails` (matched by path index; by position when none matches), labelled
 * with its role, index and both books' final P&L. No details, no paths.
 */
export function explorerInputFromResult(
  result: Pick<SimulationResult, 'sampledPaths' | 'pathDetails' | 'layers' | 'capital'>,
): ExplorerInput {
  const details = result.pathDetails ?? [];
  const paths: ExplorerPath[] = [];
  result.sampledPaths.forEach((p, i) => {
    const detail = details.find((d) => d.path === p.path) ?? details[i];
    if (!detail) return;
    paths.push({
      key: `${p.role}-${p.path}`,
      label:
        `${roleLabel(p.role)} (#${p.path}: condor alone ${formatMoney(p.condorPnl)}, ` +
        `with layers ${formatMoney(p.hedgedPnl)})`,
      name: roleLabel(p.role).toLowerCase(),
      events: detail.events,
      series: detail.series,
    });
  });
  return { paths, capital: result.capital, layerNames: result.layers.map((l) => l.name) };
}

/** A path the user asked for by its index (a run's `simulatePathDetail`), as an explorer choice. */
export function explorerPathFromDetail(detail: PathDetail): ExplorerPath {
  const last = lastDay(detail.series);
  return {
    key: `index-${detail.path}`,
    label:
      `Path #${detail.path} (condor alone ${formatMoney(detail.series.condorPnl[last])}, ` +
      `with layers ${formatMoney(detail.series.hedgedPnl[last])})`,
    name: `path #${detail.path}`,
    events: detail.events,
    series: detail.series,
  };
}

/** The explorer's input from a historical replay: its one path, with dates and dated events. */
export function explorerInputFromReplay(
  result: Pick<ReplayResult, 'events' | 'series' | 'layers' | 'capital' | 'replay'>,
): ExplorerInput {
  const { from, to } = result.replay;
  return {
    paths: [
      {
        key: `replay-${from}-${to}`,
        label: `Replayed history, ${from} to ${to}`,
        name: 'replayed path',
        events: result.events,
        series: result.series,
        dates: result.series.dates,
      },
    ],
    capital: result.capital,
    layerNames: result.layers.map((l) => l.name),
  };
}

/**
 * A day in words: "day 20 of 63", or with dates "2020-03-16 (day 50 of 124)". A day without a
 * date (outside `dates`) falls back to the day number.
 */
export function dayPhrase(day: number, last: number, dates?: readonly string[]): string {
  const date = dates?.[day];
  return date ? `${date} (day ${day} of ${last})` : `day ${day} of ${last}`;
}

/** A day as a label: "Day 20", or its date "2020-03-16" when there are dates. */
export function dayLabel(day: number, dates?: readonly string[]): string {
  return dates?.[day] ?? `Day ${day}`;
}

/** A series value: a number, or null where it is not defined (no condor, indicator warm-up). */
export type SeriesValue = number | null;

/** A line of an explorer panel: its legend label, daily values (null: gap), colour and dash. */
export interface PanelLine {
  label: string;
  values: readonly SeriesValue[];
  /** CSS colour class of ChartFrame: 'condor', 'hedged', 'market' or 'neutral'. */
  tone: string;
  swatch: LegendSwatch;
}

/** True for a finite number (null, NaN and ±Infinity are gaps). */
export function isValue(v: SeriesValue | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Days a series covers: day 0 (the start) to `series.spx.length − 1`. */
export function lastDay(series: Pick<PathSeries, 'spx'>): number {
  return Math.max(0, series.spx.length - 1);
}

/** A day clamped to [0, last] and rounded to a whole day (a non-finite day gives 0). */
export function clampDay(day: number, last: number): number {
  if (!Number.isFinite(day)) return 0;
  return Math.min(Math.max(0, last), Math.max(0, Math.round(day)));
}

/**
 * The events a replay shows on `day`: every event up to and including the day, in the engine's
 * order (by day, then as recorded), each marked `current` when it happened on the day itself.
 */
export function eventsUpTo<E extends Pick<StrategyEvent, 'day'>>(
  events: readonly E[],
  day: number,
): { event: E; index: number; current: boolean }[] {
  const shown: { event: E; index: number; current: boolean }[] = [];
  events.forEach((event, index) => {
    if (event.day <= day) shown.push({ event, index, current: event.day === day });
  });
  return shown;
}

/**
 * Smallest and largest finite value over all `series` (nulls and non-finite values skipped), as
 * the y domain of a panel; `include` values (e.g. 0 for a P&L panel, 30 and 70 for RSI) are
 * always inside it. [0, 1] when there is no finite value at all.
 */
export function seriesExtent(
  series: readonly (readonly SeriesValue[])[],
  include: readonly number[] = [],
): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const values of [...series, include]) {
    for (const v of values) {
      if (!isValue(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/**
 * The SVG path of a daily series (x = day), broken at missing values; '' when fewer than one point
 * is defined. A single defined point between gaps is drawn as a zero-length segment "Mx,yZ" by d3
 * and is not visible; the readout still shows its value.
 */
export function seriesPath(options: {
  values: readonly SeriesValue[];
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
}): string {
  const { values, x, y } = options;
  const generator = line<SeriesValue>()
    .defined((v) => isValue(v))
    .x((_, i) => px(x(i)))
    .y((v) => px(y(v as number)));
  return generator(values as SeriesValue[]) ?? '';
}

/** One point of the futures curve: a (possibly fractional) day and the two futures. */
interface CurvePoint {
  day: number;
  front: number;
  second: number;
}

/**
 * The futures curve as points with each crossing inserted: where front − second changes sign
 * between two days, the linear interpolation's zero is added, so the contango band (second ≥
 * front) and the backwardation band (front > second) meet exactly at the crossing. Days with a
 * missing future are gaps.
 */
export function curvePoints(
  front: readonly SeriesValue[],
  second: readonly SeriesValue[],
): (CurvePoint | null)[] {
  const points: (CurvePoint | null)[] = [];
  const n = Math.min(front.length, second.length);
  for (let i = 0; i < n; i++) {
    const f = front[i];
    const s = second[i];
    if (!isValue(f) || !isValue(s)) {
      points.push(null);
      continue;
    }
    const previous = points.at(-1);
    if (previous) {
      const d0 = previous.front - previous.second;
      const d1 = f - s;
      if ((d0 > 0 && d1 < 0) || (d0 < 0 && d1 > 0)) {
        const t = d0 / (d0 - d1);
        const level = previous.front + t * (f - previous.front);
        points.push({ day: previous.day + t * (i - previous.day), front: level, second: level });
      }
    }
    points.push({ day: i, front: f, second: s });
  }
  return points;
}

/**
 * The two shaded bands between the 30-day (front) and 60-day (second) VIX futures: `contango`
 * where second ≥ front (the usual upward curve) and `backwardation` where front > second (the
 * stressed, inverted curve). SVG area paths, '' when a band is empty.
 */
export function curveBands(options: {
  front: readonly SeriesValue[];
  second: readonly SeriesValue[];
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
}): { contango: string; backwardation: string } {
  const { x, y } = options;
  const points = curvePoints(options.front, options.second);
  const band = (holds: (p: CurvePoint) => boolean): string =>
    area<CurvePoint | null>()
      .defined((p) => p !== null && holds(p))
      .x((p) => px(x((p as CurvePoint).day)))
      .y0((p) => px(y((p as CurvePoint).front)))
      .y1((p) => px(y((p as CurvePoint).second)))(points) ?? '';
  return {
    contango: band((p) => p.second >= p.front),
    backwardation: band((p) => p.front >= p.second),
  };
}

/** The curve's shape on a day, in words: "contango", "backwardation", "flat" or "—". */
export function curveShape(front: SeriesValue, second: SeriesValue): string {
  if (!isValue(front) || !isValue(second)) return '—';
  if (second > front) return 'contango';
  if (front > second) return 'backwardation';
  return 'flat';
}

/** "Median path", "Worst path", "Best path", "A breached path". */
export function roleLabel(role: SampledPathRole): string {
  switch (role) {
    case 'median':
      return 'Median path';
    case 'worst':
      return 'Worst path';
    case 'best':
      return 'Best path';
    case 'breached':
      return 'A breached path';
  }
}

/** The next day of a replay, or null at the last day (Play stops there). */
export function nextDay(day: number, last: number): number | null {
  return day < last ? day + 1 : null;
}

const DASH = '—';

function points(v: SeriesValue | undefined, decimals: number): string {
  return isValue(v) ? formatNumber(v, decimals) : DASH;
}

/** "6,400/6,750" of two strikes, or "none open" when no condor is open. */
function pair(a: SeriesValue | undefined, b: SeriesValue | undefined): string {
  return isValue(a) && isValue(b) ? `${formatNumber(a, 0)}/${formatNumber(b, 0)}` : 'none open';
}

/** The readout of each panel on one day (plain text, "—" for what is not defined). */
export interface DayReadout {
  spx: string;
  vix: string;
  indicators: string;
  book: string;
}

/**
 * The day's values as text for each panel: SPX with its drawdown and the condor's short strikes
 * and wings; VIX, the two futures and the curve's shape; RSI, MACD and its signal line; the
 * condor's, the hedged book's and each layer's P&L so far. A day outside the series prints "—".
 */
export function dayReadout(options: {
  series: PathSeries;
  day: number;
  layerNames: readonly string[];
  /** Dates of the days (a replay): each readout starts with the date instead of "Day d". */
  dates?: readonly string[];
}): DayReadout {
  const { series: s, day: d, layerNames } = options;
  const when = dayLabel(d, options.dates);
  const drawdown = s.drawdown[d];
  const spx =
    `${when}: SPX ${points(s.spx[d], 0)}, ` +
    `${isValue(drawdown) ? formatPercent(drawdown) : DASH} below its high; ` +
    `short strikes ${pair(s.shortPut[d], s.shortCall[d])}` +
    (isValue(s.longPut[d]) ? `, wings ${pair(s.longPut[d], s.longCall[d])}` : '') +
    '.';
  const vix =
    `${when}: VIX ${points(s.vix[d], 1)}; 30-day future ${points(s.future1[d], 1)}, ` +
    `60-day future ${points(s.future2[d], 1)} (${curveShape(s.future1[d], s.future2[d])}).`;
  const indicators =
    `${when}: RSI ${isValue(s.rsi[d]) ? formatNumber(s.rsi[d], 1) : 'not yet defined'}; ` +
    `MACD ${isValue(s.macd[d]) ? formatNumber(s.macd[d], 2) : 'not yet defined'}, ` +
    `signal ${isValue(s.macdSignal[d]) ? formatNumber(s.macdSignal[d], 2) : 'not yet defined'}.`;
  const layers = layerNames.map(
    (name, i) => `layer '${name}' ${formatMoney(s.layerPnl[i]?.[d] ?? null)}`,
  );
  const book =
    `${when}: condor alone ${formatMoney(s.condorPnl[d] ?? null)}, ` +
    `condor + layers ${formatMoney(s.hedgedPnl[d] ?? null)}` +
    (layers.length > 0 ? `; ${layers.join(', ')}` : '') +
    '.';
  return { spx, vix, indicators, book };
}

/** A column of a panel's data table: its heading, the values by day and their decimals. */
export interface TableColumn {
  heading: string;
  values: readonly SeriesValue[];
  /** 'money' prints dollars, else a number with `decimals` decimals. */
  format: 'money' | number;
}

/**
 * A panel's data table: one row per day (row heading "Day d", or the date with `dates`), one
 * column per series, "—" where a value is missing. The same numbers the panel draws.
 */
export function panelTable(options: {
  caption: string;
  columns: readonly TableColumn[];
  days: number;
  dates?: readonly string[];
}): DataTable {
  const { caption, columns, days, dates } = options;
  const rows: string[][] = [];
  for (let d = 0; d < days; d++) {
    rows.push([
      dayLabel(d, dates),
      ...columns.map((c) => {
        const v = c.values[d];
        if (!isValue(v)) return DASH;
        return c.format === 'money' ? formatMoney(v) : formatNumber(v, c.format);
      }),
    ]);
  }
  return { caption, columns: [dates ? 'Date' : 'Day', ...columns.map((c) => c.heading)], rows };
}

/** A panel's scales and ticks inside its plot frame. */
export interface PanelScales {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  xTicks: Tick[];
  yTicks: Tick[];
}

/**
 * Scales of an explorer panel: x maps days 0 … `last` exactly onto the plot's width (not "nice",
 * so the last day sits on the right edge; a one-day series still gets a unit-wide domain), y is a
 * nice linear scale over `domain` (axis.ts `niceLinear`, which widens a flat or empty domain).
 * Ticks about every 80 px across and 40 px up; with `dates`, the x ticks are {@link dateTicks}.
 */
export function panelScales(options: {
  frame: PlotFrame;
  last: number;
  domain: readonly [number, number];
  unit: AxisUnit;
  dates?: readonly string[];
}): PanelScales {
  const { frame, last, domain, unit, dates } = options;
  const x = scaleLinear()
    .domain([0, Math.max(1, last)])
    .range([frame.left, frame.left + frame.innerWidth]);
  const yCount = tickCount(frame.innerHeight, 40);
  const y = niceLinear({
    domain,
    range: [frame.top + frame.innerHeight, frame.top],
    ticks: yCount,
  });
  const xCount = tickCount(frame.innerWidth, 80);
  return {
    x,
    y,
    xTicks: dates
      ? dateTicks({ dates: dates.slice(0, last + 1), x, count: xCount })
      : linearTicks({ scale: x, count: xCount, unit: 'days' }).filter(
          (t) => Number.isInteger(t.value) && t.value <= last,
        ),
    yTicks: linearTicks({ scale: y, count: yCount, unit }),
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Month steps for date ticks: every 1, 2, 3, 6 months, then whole years. */
const MONTH_STEPS = [1, 2, 3, 6, 12, 24, 60, 120, 240, 600];

/**
 * X ticks of a dated series (x = day index): the first trading day of a month, every k-th
 * calendar month (k from 1, 2, 3, 6, 12, 24 … months, the smallest giving at most `count` ticks),
 * labelled "Mar 2020" (or "2020" when k ≥ 12). A series within one or two months, which has fewer
 * than two month starts, gets up to `count` evenly spaced days labelled with their ISO date.
 * Dates are taken as ISO text (YYYY-MM-DD, as `parseReplayCsv` guarantees); no locale is used.
 */
export function dateTicks(options: {
  dates: readonly string[];
  x: ScaleLinear<number, number>;
  count: number;
}): Tick[] {
  const { dates, x } = options;
  const count = Math.max(2, Math.floor(options.count));
  const monthOf = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;
  const starts: { day: number; month: number }[] = [];
  for (let i = 1; i < dates.length; i++) {
    const month = monthOf(dates[i]);
    if (month !== monthOf(dates[i - 1])) starts.push({ day: i, month });
  }
  const tick = (day: number, label: string): Tick => ({
    value: day,
    position: px(x(day)),
    label,
  });
  if (starts.length < 2) {
    const last = dates.length - 1;
    const days = last < 1 ? [0] : [...new Set(x.ticks(Math.min(count, 3)).map(Math.round))];
    return days.filter((d) => d >= 0 && d <= last).map((d) => tick(d, dates[d]));
  }
  const fits = (k: number) => {
    const n = starts.filter((s) => s.month % k === 0).length;
    return n >= 1 && n <= count;
  };
  const step = MONTH_STEPS.find(fits);
  if (step === undefined) return [tick(starts[0].day, dates[starts[0].day])];
  return starts
    .filter((s) => s.month % step === 0)
    .map((s) => {
      const year = Math.floor(s.month / 12);
      return tick(s.day, step >= 12 ? String(year) : `${MONTHS[s.month % 12]} ${year}`);
    });
}
