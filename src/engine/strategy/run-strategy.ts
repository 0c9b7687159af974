/**
 * Runs the strategy on a block of paths, day by day (DESIGN §3–§4): the market source steps every
 * path one trading day; the day's signals (SPX, variance, VIX, the 30/60-day VIX futures,
 * indicators) are filled; the condor book and then the layers, in order, apply their rules and mark
 * their positions; then each book's equity is recorded (drawdowns, daily returns for beta) and
 * the market statistics of §8 are accumulated. Nothing is kept per day except for the one path of
 * a detail run (`record`).
 *
 * Two books share one condor: "condor alone" is the condor's P&L, "hedged" the condor's plus every
 * layer's. Layers never change the condor. A layer's funding ('external-budget') changes only how
 * its spending is reported, not the hedged book's P&L.
 *
 * Order within a day: exits before entries, the condor before the layers, layer k before layer
 * k + 1 (so a "roll the next layer forward" request of layer k acts on layer k + 1 the same day).
 */
import type { SimulationConfig } from '../config/schema.ts';
import type { MarketPathSource } from '../model/market-path-source.ts';
import { CALENDAR_DAYS_PER_YEAR } from '../model/market-params.ts';
import { vixCoefficients } from '../pricing/vix-index.ts';
import type { VixCurveSlice } from '../pricing/vix-tables.ts';
import { MarketStatsAccumulator, type MarketStatsState } from '../stats/market.ts';
import { createPathOutcomes, type PathOutcomes } from '../stats/path-outcomes.ts';
import { CondorBook } from './condor-cycle.ts';
import type { EventSink, StrategyEvent } from './events.ts';
import { HedgeLayer } from './hedge-layer.ts';
import { FRONT_FUTURE_DAYS, MarketSignals, SECOND_FUTURE_DAYS } from './market-signals.ts';
import type { StrategyTables } from './strategy-tables.ts';

/** Months ahead of the reported average VIX futures curve (1 to 8 months). */
export const CURVE_MONTHS = [1, 2, 3, 4, 5, 6, 7, 8] as const;
/** VVIX and the average futures curve are sampled every this many days (slow-moving averages). */
export const CURVE_SAMPLE_EVERY_DAYS = 5;

/**
 * Per-day series of one path (a detail run), each of length horizonDays + 1 (day 0 first), plain
 * arrays (JSON-safe). `null` marks a value that is not defined on that day: an indicator still
 * warming up, or the strikes on a day without an open condor — never NaN.
 */
export interface PathSeries {
  spx: number[];
  vix: number[];
  /** Constant-maturity 30- and 60-day VIX futures. */
  future1: number[];
  future2: number[];
  /** RSI(14), MACD line and signal line (null during warm-up); SPX drawdown from its peak. */
  rsi: (number | null)[];
  macd: (number | null)[];
  macdSignal: (number | null)[];
  drawdown: number[];
  /** The open condor's strikes (null when none is open). */
  longPut: (number | null)[];
  shortPut: (number | null)[];
  shortCall: (number | null)[];
  longCall: (number | null)[];
  /** P&L so far of the condor alone and of the hedged book, dollars. */
  condorPnl: number[];
  hedgedPnl: number[];
  /** Each layer's P&L so far, dollars (config order, enabled layers). */
  layerPnl: number[][];
}

/** Fan-chart observations: called on sampled days with per-path values of the block. */
export interface FanObserver {
  observe(
    day: number,
    values: {
      spxLogReturn: Float64Array;
      vix: Float64Array;
      condorPnlFraction: Float64Array;
      hedgedPnlFraction: Float64Array;
    },
    count: number,
  ): void;
}

export interface BlockRunOptions {
  config: SimulationConfig;
  /** Market paths, at day 0; the runner steps it `config.horizonDays` times. */
  source: MarketPathSource;
  /** Global index of the block's first path (for the outcomes). */
  firstPath: number;
  tables: StrategyTables;
  /** Observed VIX per path, updated by the source (replay); default: the model VIX of the variance. */
  observedVix?: Float64Array;
  /** Record the events and series of path 0 of the block. */
  record?: boolean;
  fans?: FanObserver;
  onProgress?: (pathDaysDone: number) => void;
  /** Called at the end with the books (tests check the accounting identity on every path). */
  inspect?: (books: { condor: CondorBook; layers: HedgeLayer[] }) => void;
}

export interface BlockRunResult {
  outcomes: PathOutcomes;
  market: MarketStatsState;
  /** Σ over sampled path-days of the futures price m months ahead (CURVE_MONTHS). */
  curveSums: number[];
  curveSpotSum: number;
  curveCount: number;
  /** Path 0's events and series when `record` was set. */
  events?: StrategyEvent[];
  series?: PathSeries;
}

/** Runs the block (module comment). */
export function runStrategyBlock(options: BlockRunOptions): BlockRunResult {
  const { config, source, tables } = options;
  const n = source.pathCount;
  const horizon = config.horizonDays;
  const capital = config.capital;
  const market = config.market;
  const layersConfig = config.layers.filter((l) => l.enabled);
  const outcomes = createPathOutcomes({
    firstPath: options.firstPath,
    pathCount: n,
    days: horizon,
    layerNames: layersConfig.map((l) => l.name),
  });

  const signals = new MarketSignals(n);
  const condor = new CondorBook({
    pathCount: n,
    condor: config.condor,
    costs: config.costs,
    capital,
    horizonDays: horizon,
    marks: tables.marks,
    strikes: tables.strikes,
  });
  const layers = layersConfig.map(
    (layer) =>
      new HedgeLayer({
        pathCount: n,
        layer,
        costs: config.costs,
        capital,
        capPctOfCapital: config.layerCapPctOfCapital,
        horizonDays: horizon,
        marks: tables.marks,
        ...(tables.vixDeltaStrikes ? { vixDeltaStrikes: tables.vixDeltaStrikes } : {}),
      }),
  );

  const q = { kappa: market.kappaQ, theta: market.thetaQ, jumps: market.jumps };
  const c30 = vixCoefficients(q);
  const c93 = vixCoefficients({ ...q, tau: 93 / CALENDAR_DAYS_PER_YEAR });
  const c182 = vixCoefficients({ ...q, tau: 182 / CALENDAR_DAYS_PER_YEAR });
  const vix3m = new Float64Array(n);
  const vix6m = new Float64Array(n);
  const vvix = new Float64Array(n);
  const front: VixCurveSlice = tables.vixCurve.slice(FRONT_FUTURE_DAYS / 252);
  const second: VixCurveSlice = tables.vixCurve.slice(SECOND_FUTURE_DAYS / 252);
  const curveSlices = CURVE_MONTHS.map((m) => tables.vixCurve.slice(m / 12));
  const curveSums = CURVE_MONTHS.map(() => 0);
  let curveSpotSum = 0;
  let curveCount = 0;

  const logSpot0 = new Float64Array(n);
  const condorPrev = new Float64Array(n);
  const hedgedPrev = new Float64Array(n);
  const condorPeak = new Float64Array(n);
  const hedgedPeak = new Float64Array(n);
  const condorFraction = new Float64Array(n);
  const hedgedFraction = new Float64Array(n);
  const spxLogReturn = new Float64Array(n);

  const observedVix = options.observedVix;
  const fillSignals = (day: number) => {
    signals.day = day;
    const v = source.variance;
    const logSpot = source.logSpot;
    for (let i = 0; i < n; i++) {
      const vi = v[i];
      signals.logSpot[i] = logSpot[i];
      signals.spot[i] = Math.exp(logSpot[i]);
      signals.variance[i] = vi;
      signals.logReturn[i] = day === 0 ? 0 : source.logReturn[i];
      signals.vix[i] = observedVix ? observedVix[i] : 100 * Math.sqrt(c30.a * vi + c30.c);
      vix3m[i] = 100 * Math.sqrt(c93.a * vi + c93.c);
      vix6m[i] = 100 * Math.sqrt(c182.a * vi + c182.c);
      signals.future1[i] = front.future(vi);
      signals.future2[i] = second.future(vi);
      if (signals.vix[i] > outcomes.maxVix[i]) outcomes.maxVix[i] = signals.vix[i];
    }
    signals.updateIndicators();
  };
  // One table per loop (each sum still runs over the paths in order): a lookup then inlines into
  // its loop, where its result is not boxed on the heap as a call's would be.
  const sampleCurve = () => {
    const v = source.variance;
    const vvixTable = tables.vvix;
    // A local sum: a double written to a closure variable is a new heap number per write.
    let spotSum = curveSpotSum;
    for (let i = 0; i < n; i++) {
      vvix[i] = vvixTable.vvix(v[i]);
      spotSum += signals.vix[i];
    }
    curveSpotSum = spotSum;
    for (let m = 0; m < curveSlices.length; m++) {
      const slice = curveSlices[m];
      let sum = curveSums[m];
      for (let i = 0; i < n; i++) sum += slice.future(v[i]);
      curveSums[m] = sum;
    }
    curveCount += n;
  };

  const events: StrategyEvent[] | undefined = options.record ? [] : undefined;
  const sink: EventSink | undefined = events ? { push: (e) => events.push(e) } : undefined;
  const series = options.record ? createSeries(horizon + 1, layers.length) : undefined;

  const applyRules = () => {
    for (let i = 0; i < n; i++) {
      const s = i === 0 ? sink : undefined;
      condor.update(i, signals, s);
      let rollForward = false;
      for (let k = 0; k < layers.length; k++) {
        rollForward = layers[k].update(i, signals, rollForward, s);
      }
    }
  };

  const condorOut = outcomes.condorOnly;
  const hedgedOut = outcomes.hedged;
  const recordBooks = (day: number) => {
    const spx = signals.logReturn;
    for (let i = 0; i < n; i++) {
      const c = condor.cash[i] + condor.value[i];
      let h = c;
      for (let k = 0; k < layers.length; k++) h += layers[k].cash[i] + layers[k].value[i];
      if (day > 0) {
        const x = spx[i];
        const yc = (c - condorPrev[i]) / capital;
        const yh = (h - hedgedPrev[i]) / capital;
        condorOut.dailySum[i] += yc;
        condorOut.dailySumSq[i] += yc * yc;
        condorOut.dailyCrossSpx[i] += x * yc;
        hedgedOut.dailySum[i] += yh;
        hedgedOut.dailySumSq[i] += yh * yh;
        hedgedOut.dailyCrossSpx[i] += x * yh;
        outcomes.spxDailySum[i] += x;
        outcomes.spxDailySumSq[i] += x * x;
        condorPrev[i] = c;
        hedgedPrev[i] = h;
      }
      if (c > condorPeak[i]) condorPeak[i] = c;
      if (h > hedgedPeak[i]) hedgedPeak[i] = h;
      if (condorPeak[i] - c > condorOut.maxDrawdown[i])
        condorOut.maxDrawdown[i] = condorPeak[i] - c;
      if (hedgedPeak[i] - h > hedgedOut.maxDrawdown[i])
        hedgedOut.maxDrawdown[i] = hedgedPeak[i] - h;
      condorFraction[i] = c / capital;
      hedgedFraction[i] = h / capital;
      spxLogReturn[i] = signals.logSpot[i] - logSpot0[i];
      const dd = signals.drawdown.value[i];
      if (dd > outcomes.spxMaxDrawdown[i]) outcomes.spxMaxDrawdown[i] = dd;
    }
    if (series) {
      series.spx[day] = signals.spot[0];
      series.vix[day] = signals.vix[0];
      series.future1[day] = signals.future1[0];
      series.future2[day] = signals.future2[0];
      series.rsi[day] = signals.rsi.value[0];
      series.macd[day] = signals.macd.macd[0];
      series.macdSignal[day] = signals.macd.signal[0];
      series.drawdown[day] = signals.drawdown.value[0];
      const open = condor.open[0] === 1;
      series.longPut[day] = open ? condor.longPut[0] : Number.NaN;
      series.shortPut[day] = open ? condor.shortPut[0] : Number.NaN;
      series.shortCall[day] = open ? condor.shortCall[0] : Number.NaN;
      series.longCall[day] = open ? condor.longCall[0] : Number.NaN;
      const c0 = condor.cash[0] + condor.value[0];
      let h0 = c0;
      for (let k = 0; k < layers.length; k++) {
        series.layerPnl[k][day] = layers[k].cash[0] + layers[k].value[0];
        h0 += series.layerPnl[k][day];
      }
      series.condorPnl[day] = c0;
      series.hedgedPnl[day] = h0;
    }
    if (options.fans && (day % fanEvery(horizon) === 0 || day === horizon)) {
      options.fans.observe(
        day,
        {
          spxLogReturn,
          vix: signals.vix,
          condorPnlFraction: condorFraction,
          hedgedPnlFraction: hedgedFraction,
        },
        n,
      );
    }
  };

  const stats = new MarketStatsAccumulator({ pathCount: n });
  fillSignals(0);
  for (let i = 0; i < n; i++) logSpot0[i] = signals.logSpot[i];
  sampleCurve();
  stats.observeInitial({ vix: signals.vix, vix3m, vix6m, vvix });
  applyRules();
  recordBooks(0);
  const reportEvery = Math.max(1, Math.floor(horizon / 20));
  for (let day = 1; day <= horizon; day++) {
    source.step();
    fillSignals(day);
    const sampled = day % CURVE_SAMPLE_EVERY_DAYS === 0;
    if (sampled) sampleCurve();
    stats.observe({
      logReturn: source.logReturn,
      vix: signals.vix,
      vix3m,
      vix6m,
      vvix: sampled ? vvix : undefined,
    });
    applyRules();
    recordBooks(day);
    if (day % reportEvery === 0 || day === horizon) options.onProgress?.(n * day);
  }

  for (let i = 0; i < n; i++) {
    condorOut.pnl[i] = condor.cash[i] + condor.value[i];
    let h = condorOut.pnl[i];
    for (let k = 0; k < layers.length; k++) {
      const layer = layers[k];
      const out = outcomes.layers[k];
      out.pnl[i] = layer.cash[i] + layer.value[i];
      out.cost[i] = layer.spent[i];
      out.triggers[i] = layer.triggers[i];
      out.rolls[i] = layer.rolls[i];
      out.takeProfits[i] = layer.takeProfits[i];
      h += out.pnl[i];
    }
    hedgedOut.pnl[i] = h;
    outcomes.spxLogReturn[i] = spxLogReturn[i];
    outcomes.breached[i] = condor.breached[i];
    outcomes.condorTrades[i] = condor.trades[i];
  }
  options.inspect?.({ condor, layers });
  return {
    outcomes,
    market: stats.state(),
    curveSums,
    curveSpotSum,
    curveCount,
    ...(events ? { events } : {}),
    ...(series ? { series: reportSeries(series) } : {}),
  };
}

/** Fan charts sample every this many days: about 252 points whatever the horizon. */
export function fanEvery(horizonDays: number): number {
  return Math.max(1, Math.ceil(horizonDays / 252));
}

/** The sampled days of the fan charts: 0, e, 2e, … and the last day. */
export function fanDays(horizonDays: number): number[] {
  const every = fanEvery(horizonDays);
  const days: number[] = [];
  for (let d = 0; d <= horizonDays; d += every) days.push(d);
  if (days[days.length - 1] !== horizonDays) days.push(horizonDays);
  return days;
}

type SeriesArrays = {
  [K in keyof PathSeries]: K extends 'layerPnl' ? Float64Array[] : Float64Array;
};

function createSeries(length: number, layerCount: number): SeriesArrays {
  const f = () => new Float64Array(length);
  return {
    spx: f(),
    vix: f(),
    future1: f(),
    future2: f(),
    rsi: f(),
    macd: f(),
    macdSignal: f(),
    drawdown: f(),
    longPut: f(),
    shortPut: f(),
    shortCall: f(),
    longCall: f(),
    condorPnl: f(),
    hedgedPnl: f(),
    layerPnl: Array.from({ length: layerCount }, f),
  };
}

const orNull = (a: Float64Array): (number | null)[] =>
  Array.from(a, (x) => (Number.isFinite(x) ? x : null));

function reportSeries(s: SeriesArrays): PathSeries {
  return {
    spx: Array.from(s.spx),
    vix: Array.from(s.vix),
    future1: Array.from(s.future1),
    future2: Array.from(s.future2),
    rsi: orNull(s.rsi),
    macd: orNull(s.macd),
    macdSignal: orNull(s.macdSignal),
    drawdown: Array.from(s.drawdown),
    longPut: orNull(s.longPut),
    shortPut: orNull(s.shortPut),
    shortCall: orNull(s.shortCall),
    longCall: orNull(s.longCall),
    condorPnl: Array.from(s.condorPnl),
    hedgedPnl: Array.from(s.hedgedPnl),
    layerPnl: s.layerPnl.map((a) => Array.from(a)),
  };
}
