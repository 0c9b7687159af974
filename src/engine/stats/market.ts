/**
 * The market statistics of DESIGN §8 — one definition for the 1990–2026 history and for simulated
 * paths. A {@link MarketStatsAccumulator} streams many paths one day at a time (structure of
 * arrays); {@link marketStatsFromSeries} runs one historical series through the same accumulator.
 *
 * Definitions (day t = 0 … N, r_t = ln S_t − ln S_{t−1} for t ≥ 1; statistics pool all paths):
 * - VIX level statistics over days 0 … N (history: every day of the window); quantiles type 7 from
 *   a histogram with 0.01-point bins on 0 … 250 (error ≤ 0.005 points, exact for data quoted to
 *   0.01 — see histogram.ts).
 * - corr(r_t, VIX_t − VIX_{t−1}): Pearson, over t = 1 … N.
 * - SPX realised vol: 100·√(252·mean r_t²) — root mean square, not demeaned (history: 18.06 %;
 *   the demeaned sample sd gives 18.05 %).
 * - VRP: mean over t = 0 … N−21 of VIX_t − RV_{t+1…t+21}, RV = 100·√(252/21·Σ r²) over the next
 *   21 daily returns (history: 4.08; with the demeaned sample sd it would be 4.03, which does not
 *   round to §8's 4.1).
 * - Half-life of ln VIX: pooled OLS of Δln VIX_t on ln VIX_{t−1} (with intercept), φ = 1 + slope,
 *   half-life = −ln 2 / ln φ trading days; NaN unless 0 < φ < 1.
 * - Skew √n·M3/M2^{3/2} and kurtosis n·M4/M2² of daily log returns: moment ratios, kurtosis plain
 *   (normal = 3), not excess (history: 13.86; excess would be 10.86).
 * - 21-day log returns: overlapping windows ln S_t − ln S_{t−21}, t = 21 … N; 1 % and 5 % type-7
 *   quantiles from 1e-4 bins on −2 … +1 (error ≤ 5e-5). Non-overlapping windows would give −11.7 %
 *   for the 1 % quantile instead of §8's −13.2 %.
 * - SPX mean log return: 252·mean r_t (price only, annualised).
 * - VIX3M − VIX, VIX6M − VIX: means over the days where both are present (NaN = missing, e.g.
 *   history before 2009); inverted share: fraction of those days with VIX > VIX3M.
 * - VIX log-change vol: √252 · sample sd (divisor n − 1) of Δln VIX_t, t = 1 … N.
 * - VVIX mean: mean of the VVIX values given (a subsample of days is fine; NaN = missing).
 * The "history reproduces DESIGN §8" test checks each figure (tests/unit/cli/history-data.test.ts).
 */
import { TRADING_DAYS_PER_YEAR } from '../model/market-params.ts';
import { Histogram, type HistogramGrid, type HistogramState } from './histogram.ts';
import { CoMoments, Moments, type CoMomentsState, type MomentsState } from './moments.ts';

/** Length of the windows for forward realised vol and for the 21-day return quantiles. */
export const MARKET_WINDOW_DAYS = 21;
/** VIX level histogram: 0.01-point bins centred on 0, 0.01, …, 250 (VIX is quoted to 0.01). */
export const VIX_HISTOGRAM_GRID: HistogramGrid = { lo: 0, hi: 250, width: 0.01 };
/** 21-day log-return histogram: 1e-4 bins centred on −2 … +1 (−86 % … +172 %). */
export const RETURN_21D_HISTOGRAM_GRID: HistogramGrid = { lo: -2, hi: 1, width: 1e-4 };

/**
 * The simulated- or historical-market statistics of DESIGN §7/§8. Units: VIX-like levels and
 * differences in vol points (20 = 20 %), `spxRealizedVol` and `vrpPoints` in vol points, returns
 * and shares as fractions, half-life in trading days. NaN means no observation fed that figure
 * (e.g. no VIX3M given, fewer than 22 days for the VRP).
 */
export interface MarketStats {
  vixMean: number;
  vixMedian: number;
  vixQ05: number;
  vixQ95: number;
  vixQ99: number;
  corrSpxReturnVixChange: number;
  /** Annualised, percent: 100·√(252·mean r²). */
  spxRealizedVol: number;
  /** mean(VIX_t − RV_{t+1…t+21}), vol points. */
  vrpPoints: number;
  logVixHalfLifeDays: number;
  /** Plain (non-excess) kurtosis of daily log returns. */
  spxDailyKurtosis: number;
  spxDailySkew: number;
  /** 1 % quantile of overlapping 21-day log returns (fraction). */
  spx21dQ01: number;
  /** 5 % quantile of overlapping 21-day log returns (fraction). */
  spx21dQ05: number;
  /** 252 · mean daily log return (fraction). */
  spxMeanLogReturn: number;
  vix3mMinusVix: number;
  vix6mMinusVix: number;
  /** Fraction of days with VIX > VIX3M. */
  vixInvertedShare: number;
  /** √252 · sd(Δ ln VIX), a fraction (1.08 = 108 %). */
  vixLogChangeVol: number;
  vvixMean: number;
}

/** One simulated day across the paths of a block; arrays are indexed by path within the block. */
export interface MarketDayObservation {
  /** SPX log return of this day; must be finite. */
  logReturn: Float64Array;
  /** VIX at the close of this day, vol points; must be finite and > 0. */
  vix: Float64Array;
  /** VIX3M, vol points; omitted or NaN = missing. */
  vix3m?: Float64Array;
  /** VIX6M, vol points; omitted or NaN = missing. */
  vix6m?: Float64Array;
  /** VVIX, vol points; may be given on a subsample of days only; NaN = missing. */
  vvix?: Float64Array;
}

/** Day-0 state: the observation without a return. */
export type MarketInitialObservation = Omit<MarketDayObservation, 'logReturn'>;

/** Mergeable part of a {@link MarketStatsAccumulator} as plain data (structured-clone safe). */
export interface MarketStatsState {
  returns: MomentsState;
  returnVixChange: CoMomentsState;
  logVixAr: CoMomentsState;
  vixSum: number;
  vixCount: number;
  vixHistogram: HistogramState;
  return21Histogram: HistogramState;
  vrpVixSum: number;
  vrpRvSum: number;
  vrpCount: number;
  vix3mDiffSum: number;
  vix3mCount: number;
  invertedCount: number;
  vix6mDiffSum: number;
  vix6mCount: number;
  vvixSum: number;
  vvixCount: number;
}

const RV_SCALE = 100 * Math.sqrt(TRADING_DAYS_PER_YEAR / MARKET_WINDOW_DAYS);

/**
 * Streaming accumulator of {@link MarketStats} over a block of paths stepped day by day.
 * Call `observeInitial` once with day 0, then `observe` once per day 1 … N; `merge` combines
 * blocks of other paths (the same days); `result` may be called at any time.
 *
 * Memory: per path a 21-day ring of returns plus 4 doubles (200 bytes/path) and two histograms
 * (55,002 doubles) — never paths × days. Per path and day `observe` costs one log, one sqrt and
 * two histogram increments; all moments are reduced per day as shifted block sums and merged
 * with Pébay's formulas (moments.ts), so 25 M samples keep full precision.
 *
 * Input contract: `logReturn` and `vix` must be finite (vix > 0) for every path and day. A
 * violation throws a RangeError (DESIGN §10: report, never propagate NaN) and leaves the
 * accumulator unusable — every later call throws too. vix3m/vix6m/vvix may be NaN or omitted
 * (missing); each statistic uses the days where its inputs are present.
 *
 * Tested: a hand-made 2-path series against direct batch formulas, merge(a, b) = one accumulator
 * over all paths, state round trip, and history against DESIGN §8 (tests/unit/engine/stats,
 * tests/unit/cli/history-data.test.ts).
 */
export class MarketStatsAccumulator {
  readonly pathCount: number;
  private day = -1;
  /** Set when a day had invalid inputs: the state is then partly updated and unusable. */
  private failure: string | undefined;
  private readonly returns = new Moments();
  private readonly returnVixChange = new CoMoments();
  /** x = ln VIX_{t−1}, y = Δ ln VIX_t. */
  private readonly logVixAr = new CoMoments();
  private vixSum = 0;
  private vixCount = 0;
  private readonly vixHistogram = new Histogram(VIX_HISTOGRAM_GRID);
  private readonly return21Histogram = new Histogram(RETURN_21D_HISTOGRAM_GRID);
  private vrpVixSum = 0;
  private vrpRvSum = 0;
  private vrpCount = 0;
  private vix3mDiffSum = 0;
  private vix3mCount = 0;
  private invertedCount = 0;
  private vix6mDiffSum = 0;
  private vix6mCount = 0;
  private vvixSum = 0;
  private vvixCount = 0;
  // Per-path state.
  private readonly prevVix: Float64Array;
  private readonly prevLogVix: Float64Array;
  /** Ring of the last 21 returns, slot-major: ring[(t mod 21)·pathCount + path]. */
  private readonly returnRing: Float64Array;
  private readonly windowSum: Float64Array;
  private readonly windowSumSq: Float64Array;
  /** VIX total over paths of the last 21 days (slot t mod 21), for the VRP pairs. */
  private readonly dayVixTotal = new Float64Array(MARKET_WINDOW_DAYS);

  /** @param options.pathCount paths per block (≥ 0); observation arrays may be longer. */
  constructor(options: { pathCount: number }) {
    const p = options.pathCount;
    if (!Number.isInteger(p) || p < 0)
      throw new RangeError(`pathCount must be an integer ≥ 0, got ${p}`);
    this.pathCount = p;
    this.prevVix = new Float64Array(p);
    this.prevLogVix = new Float64Array(p);
    this.returnRing = new Float64Array(MARKET_WINDOW_DAYS * p);
    this.windowSum = new Float64Array(p);
    this.windowSumSq = new Float64Array(p);
  }

  /** An accumulator holding serialised aggregates (pathCount 0: it merges and reports only). */
  static fromState(state: MarketStatsState): MarketStatsAccumulator {
    const acc = new MarketStatsAccumulator({ pathCount: 0 });
    acc.mergeState(state);
    return acc;
  }

  /** Day 0: the VIX (and optionally VIX3M/VIX6M/VVIX) before the first return. */
  observeInitial(initial: Float64Array | MarketInitialObservation): void {
    if (this.day >= 0) throw new Error('observeInitial: already called');
    const obs = ArrayBuffer.isView(initial) ? { vix: initial } : initial;
    const p = this.pathCount;
    const v = obs.vix;
    this.checkUsable(undefined, v);
    let total = 0;
    let logTotal = 0;
    const hist = this.vixHistogram;
    for (let i = 0; i < p; i++) {
      const vi = v[i];
      this.prevVix[i] = vi;
      const lv = Math.log(vi);
      this.prevLogVix[i] = lv;
      total += vi;
      logTotal += lv;
      hist.add(vi);
    }
    this.checkSums(total + logTotal);
    this.vixSum += total;
    this.vixCount += p;
    this.dayVixTotal[0] = total;
    this.observeExtras(obs);
    this.day = 0;
  }

  /** One day (t = 1, 2, …) for every path of the block. */
  observe(obs: MarketDayObservation): void {
    if (this.day < 0) throw new Error('observe: call observeInitial with day 0 first');
    const p = this.pathCount;
    const r = obs.logReturn;
    const v = obs.vix;
    this.checkUsable(r, v);
    const t = this.day + 1;
    const slot = t % MARKET_WINDOW_DAYS;
    const base = slot * p;
    const full = t >= MARKET_WINDOW_DAYS;
    const prevVix = this.prevVix;
    const prevLogVix = this.prevLogVix;
    const ring = this.returnRing;
    const wSum = this.windowSum;
    const wSumSq = this.windowSumSq;
    const vh = this.vixHistogram;
    const vCounts = vh.counts;
    const vLo = vh.lo;
    const vInv = vh.invWidth;
    const vBins = vh.binCount;
    const rh = this.return21Histogram;
    const rCounts = rh.counts;
    const rLo = rh.lo;
    const rInv = rh.invWidth;
    const rBins = rh.binCount;
    // Block shifts from path 0 keep the shifted sums well conditioned (moments.ts).
    const cR = p > 0 ? r[0] : 0;
    const cD = p > 0 ? v[0] - prevVix[0] : 0;
    const cX = p > 0 ? prevLogVix[0] : 0;
    const cL = p > 0 ? Math.log(v[0]) - cX : 0;
    let sA = 0;
    let sA2 = 0;
    let sA3 = 0;
    let sA4 = 0;
    let sB = 0;
    let sBB = 0;
    let sAB = 0;
    let sX = 0;
    let sXX = 0;
    let sC = 0;
    let sCC = 0;
    let sXC = 0;
    let sV = 0;
    let sRv = 0;
    for (let i = 0; i < p; i++) {
      const vi = v[i];
      const lvi = Math.log(vi);
      const plvi = prevLogVix[i];
      const a = r[i] - cR;
      const b = vi - prevVix[i] - cD;
      sB += b;
      sBB += b * b;
      sAB += a * b;
      const x = plvi - cX;
      const c = lvi - plvi - cL;
      sX += x;
      sXX += x * x;
      sC += c;
      sCC += c * c;
      sXC += x * c;
      sV += vi;
      prevVix[i] = vi;
      prevLogVix[i] = lvi;
      const uv = (vi - vLo) * vInv + 0.5;
      if (uv >= 0 && uv < vBins) vCounts[uv | 0]++;
      else vh.addOutOfRange(vi);
    }
    for (let i = 0; i < p; i++) {
      const ri = r[i];
      const a = ri - cR;
      const a2 = a * a;
      sA += a;
      sA2 += a2;
      sA3 += a2 * a;
      sA4 += a2 * a2;
      const old = ring[base + i];
      ring[base + i] = ri;
      const s = wSum[i] + ri - old;
      const q = wSumSq[i] + ri * ri - old * old;
      wSum[i] = s;
      wSumSq[i] = q;
      if (full) {
        const ur = (s - rLo) * rInv + 0.5;
        if (ur >= 0 && ur < rBins) rCounts[ur | 0]++;
        else rh.addOutOfRange(s);
        // Running sums can drift a few ulps below 0 when the window is all zeros.
        sRv += Math.sqrt(q > 0 ? q : 0);
      }
    }
    this.checkSums(sA4 + sV + sC);
    this.returns.addShiftedSums(p, cR, sA, sA2, sA3, sA4);
    this.returnVixChange.addShiftedSums(p, cR, cD, sA, sB, sA2, sBB, sAB);
    this.logVixAr.addShiftedSums(p, cX, cL, sX, sC, sXX, sCC, sXC);
    this.vixSum += sV;
    this.vixCount += p;
    if (full) {
      // The slot still holds the VIX total of day t − 21, the start of the windows ending today.
      this.vrpVixSum += this.dayVixTotal[slot];
      this.vrpRvSum += RV_SCALE * sRv;
      this.vrpCount += p;
    }
    this.dayVixTotal[slot] = sV;
    this.observeExtras(obs);
    this.day = t;
  }

  /** Term structure and VVIX: plain sums over the values present. */
  private observeExtras(obs: MarketInitialObservation): void {
    const p = this.pathCount;
    if (obs.vix3m) {
      const d = sumPresent(obs.vix3m, obs.vix, p);
      this.vix3mDiffSum += d.sum;
      this.vix3mCount += d.count;
      this.invertedCount += d.negative;
    }
    if (obs.vix6m) {
      const d = sumPresent(obs.vix6m, obs.vix, p);
      this.vix6mDiffSum += d.sum;
      this.vix6mCount += d.count;
    }
    if (obs.vvix) {
      const d = sumPresent(obs.vvix, undefined, p);
      this.vvixSum += d.sum;
      this.vvixCount += d.count;
    }
  }

  /** Rejects short arrays and, after a failed day, every later call. */
  private checkUsable(r: Float64Array | undefined, v: Float64Array): void {
    if (this.failure) throw new RangeError(this.failure);
    const p = this.pathCount;
    if (v.length < p || (r && r.length < p)) {
      throw new RangeError(`observation arrays must hold pathCount = ${p} values`);
    }
  }

  /**
   * A non-finite block sum means a non-finite return, a VIX ≤ 0 or a non-finite VIX somewhere in
   * the block. Checking the sums after the loop instead of every input before it saves a pass
   * over the data; the price is that the accumulator is unusable afterwards.
   */
  private checkSums(total: number): void {
    if (!Number.isFinite(total)) {
      this.failure = `day ${this.day + 1}: logReturn must be finite and vix finite and > 0 on every path`;
      throw new RangeError(this.failure);
    }
  }

  /** Adds the aggregates of another accumulator (other paths over the same days). */
  merge(other: MarketStatsAccumulator | MarketStatsState): void {
    this.mergeState(other instanceof MarketStatsAccumulator ? other.state() : other);
  }

  private mergeState(s: MarketStatsState): void {
    this.returns.mergeState(s.returns);
    this.returnVixChange.mergeState(s.returnVixChange);
    this.logVixAr.mergeState(s.logVixAr);
    this.vixSum += s.vixSum;
    this.vixCount += s.vixCount;
    this.vixHistogram.mergeState(s.vixHistogram);
    this.return21Histogram.mergeState(s.return21Histogram);
    this.vrpVixSum += s.vrpVixSum;
    this.vrpRvSum += s.vrpRvSum;
    this.vrpCount += s.vrpCount;
    this.vix3mDiffSum += s.vix3mDiffSum;
    this.vix3mCount += s.vix3mCount;
    this.invertedCount += s.invertedCount;
    this.vix6mDiffSum += s.vix6mDiffSum;
    this.vix6mCount += s.vix6mCount;
    this.vvixSum += s.vvixSum;
    this.vvixCount += s.vvixCount;
  }

  /** Plain-data copy of the mergeable aggregates (per-path windows are not included). */
  state(): MarketStatsState {
    return {
      returns: this.returns.state(),
      returnVixChange: this.returnVixChange.state(),
      logVixAr: this.logVixAr.state(),
      vixSum: this.vixSum,
      vixCount: this.vixCount,
      vixHistogram: this.vixHistogram.state(),
      return21Histogram: this.return21Histogram.state(),
      vrpVixSum: this.vrpVixSum,
      vrpRvSum: this.vrpRvSum,
      vrpCount: this.vrpCount,
      vix3mDiffSum: this.vix3mDiffSum,
      vix3mCount: this.vix3mCount,
      invertedCount: this.invertedCount,
      vix6mDiffSum: this.vix6mDiffSum,
      vix6mCount: this.vix6mCount,
      vvixSum: this.vvixSum,
      vvixCount: this.vvixCount,
    };
  }

  /** The statistics so far (definitions in the module comment). */
  result(): MarketStats {
    const [vixQ05, vixMedian, vixQ95, vixQ99] = this.vixHistogram.quantiles([
      0.05, 0.5, 0.95, 0.99,
    ]);
    const [spx21dQ01, spx21dQ05] = this.return21Histogram.quantiles([0.01, 0.05]);
    const ret = this.returns;
    const phi = 1 + this.logVixAr.slope();
    return {
      vixMean: this.vixSum / this.vixCount,
      vixMedian,
      vixQ05,
      vixQ95,
      vixQ99,
      corrSpxReturnVixChange: this.returnVixChange.correlation(),
      spxRealizedVol: 100 * Math.sqrt(TRADING_DAYS_PER_YEAR * ret.meanSquare()),
      vrpPoints: (this.vrpVixSum - this.vrpRvSum) / this.vrpCount,
      logVixHalfLifeDays: phi > 0 && phi < 1 ? -Math.LN2 / Math.log(phi) : NaN,
      spxDailyKurtosis: ret.kurtosis(),
      spxDailySkew: ret.skewness(),
      spx21dQ01,
      spx21dQ05,
      spxMeanLogReturn: ret.count > 0 ? TRADING_DAYS_PER_YEAR * ret.mean : NaN,
      vix3mMinusVix: this.vix3mDiffSum / this.vix3mCount,
      vix6mMinusVix: this.vix6mDiffSum / this.vix6mCount,
      vixInvertedShare: this.invertedCount / this.vix3mCount,
      vixLogChangeVol: Math.sqrt(TRADING_DAYS_PER_YEAR * this.logVixAr.varianceY(1)),
      vvixMean: this.vvixSum / this.vvixCount,
    };
  }
}

/**
 * Sum, count and count of negatives of x[i] − y[i] (or x[i] without y) over i < p, skipping NaN
 * (missing). The first pass assumes nothing is missing — the simulated case — and is branch-free;
 * only a NaN total sends it to the pass that checks each value.
 */
function sumPresent(
  x: Float64Array,
  y: Float64Array | undefined,
  p: number,
): { sum: number; count: number; negative: number } {
  let sum = 0;
  let negative = 0;
  for (let i = 0; i < p; i++) {
    const d = y ? x[i] - y[i] : x[i];
    sum += d;
    negative += d < 0 ? 1 : 0;
  }
  if (sum === sum) return { sum, count: p, negative };
  sum = 0;
  negative = 0;
  let count = 0;
  for (let i = 0; i < p; i++) {
    const d = y ? x[i] - y[i] : x[i];
    if (d === d) {
      sum += d;
      count++;
      negative += d < 0 ? 1 : 0;
    }
  }
  return { sum, count, negative };
}

/** Fields of {@link MarketStats} that need SPX closes. */
const SPX_FIELDS = [
  'corrSpxReturnVixChange',
  'spxRealizedVol',
  'vrpPoints',
  'spxDailyKurtosis',
  'spxDailySkew',
  'spx21dQ01',
  'spx21dQ05',
  'spxMeanLogReturn',
] as const satisfies readonly (keyof MarketStats)[];

/**
 * {@link MarketStats} of one historical series, through the same accumulator as the simulation
 * (pathCount 1; day 0 is the first row). Arrays are aligned by day. `spxClose` (> 0) and `vix`
 * must be finite on every day; vix3m/vix6m/vvix may hold NaN for missing days. Without
 * `spxClose` the SPX-based fields are NaN (used for the term-structure and VVIX windows, whose
 * days need not have SPX closes).
 */
export function marketStatsFromSeries(series: {
  spxClose?: ArrayLike<number>;
  vix: ArrayLike<number>;
  vix3m?: ArrayLike<number>;
  vix6m?: ArrayLike<number>;
  vvix?: ArrayLike<number>;
}): MarketStats {
  const n = series.vix.length;
  for (const key of ['spxClose', 'vix3m', 'vix6m', 'vvix'] as const) {
    const a = series[key];
    if (a && a.length !== n) throw new RangeError(`${key} has ${a.length} days, vix has ${n}`);
  }
  const acc = new MarketStatsAccumulator({ pathCount: 1 });
  const pick = (a: ArrayLike<number> | undefined, t: number) =>
    a ? Float64Array.of(a[t]) : undefined;
  if (n === 0) return acc.result();
  const spx = series.spxClose;
  acc.observeInitial({
    vix: Float64Array.of(series.vix[0]),
    vix3m: pick(series.vix3m, 0),
    vix6m: pick(series.vix6m, 0),
    vvix: pick(series.vvix, 0),
  });
  for (let t = 1; t < n; t++) {
    acc.observe({
      logReturn: Float64Array.of(spx ? Math.log(spx[t] / spx[t - 1]) : 0),
      vix: Float64Array.of(series.vix[t]),
      vix3m: pick(series.vix3m, t),
      vix6m: pick(series.vix6m, t),
      vvix: pick(series.vvix, t),
    });
  }
  const stats = acc.result();
  if (!spx) for (const key of SPX_FIELDS) stats[key] = NaN;
  return stats;
}
