/**
 * MACD, the moving average convergence-divergence of Gerald Appel (late 1970s; G. Appel,
 * "Technical Analysis: Power Tools for Active Investors", 2005) with its signal line and
 * histogram, computed incrementally for every path of a block, one close per path per day (structure of
 * arrays, no allocation per update).
 *
 * - EMA_n with α = 2/(n + 1), seeded with the simple mean of its first n inputs (the convention of
 *   StockCharts' ChartSchool and most charting packages; seeding with the first value instead
 *   would change the first few dozen days). With SMA seeding the EMA of a linear ramp
 *   x_t = a + b·t is exactly x_t − b(n − 1)/2 from its seed on, so on a ramp MACD(f, s) is exactly
 *   b(s − f)/2 (7b for 12/26) from day s on and the histogram is 0 — the tests use this.
 * - MACD line = EMA_fast(close) − EMA_slow(close); signal = EMA_signal(MACD line), seeded with the
 *   mean of the first `signalPeriod` MACD values; histogram = MACD − signal. Units: index points,
 *   like the closes.
 * - Crosses: each day the histogram is defined, a path is "above" (histogram ≥ 0) or "below"
 *   (histogram < 0). A bearish cross is a move from above to below (MACD line falls under the
 *   signal line), a bullish cross a move from below to above, so a histogram that reaches exactly
 *   0 from below counts as a bullish cross and one that touches 0 from above and turns up again is
 *   no cross. The two kinds therefore alternate on every path, and a constant series (histogram
 *   identically 0) never crosses.
 */
import { checkDaySeries, checkPathCount } from './input-checks.ts';

/** Appel's standard fast EMA length, 12 days. */
export const DEFAULT_MACD_FAST_PERIOD = 12;
/** Appel's standard slow EMA length, 26 days. */
export const DEFAULT_MACD_SLOW_PERIOD = 26;
/** Appel's standard signal EMA length, 9 days. */
export const DEFAULT_MACD_SIGNAL_PERIOD = 9;

/** Options of {@link MacdIndicator}. */
export interface MacdOptions {
  /** Paths per block, an integer ≥ 0; the arrays given to `update` may be longer. */
  pathCount: number;
  /** Fast EMA length in days, an integer ≥ 1; default 12. */
  fastPeriod?: number;
  /** Slow EMA length in days, an integer > fastPeriod; default 26. */
  slowPeriod?: number;
  /** Signal EMA length in days, an integer ≥ 1; default 9. */
  signalPeriod?: number;
}

/**
 * MACD(fast, slow, signal) of every path of a block, fed one close per path per day.
 *
 * Warm-up (s = slowPeriod, g = signalPeriod; 26 and 9 by default):
 * - `macd` is NaN before update s (26) and defined from it on;
 * - `signal` and `histogram` are NaN before update s + g − 1 (34) and defined from it on; `ready`
 *   becomes true then (`warmUpUpdates` = s + g − 1);
 * - `bullishCross` / `bearishCross` are 0 up to and including update s + g − 1 (a cross needs two
 *   histogram values), so the first possible cross is on update s + g (35). On later updates a
 *   flag is 1 exactly on the update where the cross happens and 0 on every other.
 * All paths share the day count, so readiness is the same for all of them.
 *
 * Tested (tests/unit/engine/indicators/macd.test.ts): a batch computation with arrays of EMAs on
 * several paths at once to 1e-12, the warm-up lengths, a constant series (all 0, no cross), the
 * exact ramp value b(s − f)/2, and the cross days after a step in the closes against their closed
 * form.
 */
export class MacdIndicator {
  readonly pathCount: number;
  readonly fastPeriod: number;
  readonly slowPeriod: number;
  readonly signalPeriod: number;
  /** Number of updates after which `signal` and `histogram` are defined: slow + signal − 1. */
  readonly warmUpUpdates: number;
  /** MACD line per path: EMA_fast − EMA_slow of the closes; NaN before update slowPeriod. */
  readonly macd: Float64Array;
  /** Signal line per path: EMA_signal of the MACD line; NaN during the warm-up. */
  readonly signal: Float64Array;
  /** MACD − signal per path; NaN during the warm-up. */
  readonly histogram: Float64Array;
  /** 1 on the update where the MACD line crosses up to or above the signal line, else 0. */
  readonly bullishCross: Uint8Array;
  /** 1 on the update where the MACD line crosses below the signal line, else 0. */
  readonly bearishCross: Uint8Array;
  private updates = 0;
  private readonly alphaFast: number;
  private readonly alphaSlow: number;
  private readonly alphaSignal: number;
  /** EMA_fast per path; the running sum of closes while it is being seeded. */
  private readonly emaFast: Float64Array;
  /** EMA_slow per path; the running sum of closes while it is being seeded. */
  private readonly emaSlow: Float64Array;
  /** Running sum of the MACD values per path while the signal EMA is being seeded. */
  private readonly signalSeedSum: Float64Array;

  /** @throws RangeError for a pathCount or period that is not an integer in its range. */
  constructor(options: MacdOptions) {
    const {
      pathCount,
      fastPeriod = DEFAULT_MACD_FAST_PERIOD,
      slowPeriod = DEFAULT_MACD_SLOW_PERIOD,
      signalPeriod = DEFAULT_MACD_SIGNAL_PERIOD,
    } = options;
    checkPathCount(pathCount);
    if (!Number.isInteger(fastPeriod) || fastPeriod < 1)
      throw new RangeError(`fastPeriod must be an integer ≥ 1, got ${fastPeriod}`);
    if (!Number.isInteger(slowPeriod) || slowPeriod <= fastPeriod)
      throw new RangeError(
        `slowPeriod must be an integer > fastPeriod (${fastPeriod}), got ${slowPeriod}`,
      );
    if (!Number.isInteger(signalPeriod) || signalPeriod < 1)
      throw new RangeError(`signalPeriod must be an integer ≥ 1, got ${signalPeriod}`);
    this.pathCount = pathCount;
    this.fastPeriod = fastPeriod;
    this.slowPeriod = slowPeriod;
    this.signalPeriod = signalPeriod;
    this.warmUpUpdates = slowPeriod + signalPeriod - 1;
    this.alphaFast = 2 / (fastPeriod + 1);
    this.alphaSlow = 2 / (slowPeriod + 1);
    this.alphaSignal = 2 / (signalPeriod + 1);
    this.macd = new Float64Array(pathCount).fill(Number.NaN);
    this.signal = new Float64Array(pathCount).fill(Number.NaN);
    this.histogram = new Float64Array(pathCount).fill(Number.NaN);
    this.bullishCross = new Uint8Array(pathCount);
    this.bearishCross = new Uint8Array(pathCount);
    this.emaFast = new Float64Array(pathCount);
    this.emaSlow = new Float64Array(pathCount);
    this.signalSeedSum = new Float64Array(pathCount);
  }

  /** Updates fed so far. */
  get updateCount(): number {
    return this.updates;
  }

  /** True once `signal` and `histogram` are defined (after `warmUpUpdates` updates). */
  get ready(): boolean {
    return this.updates >= this.warmUpUpdates;
  }

  /**
   * Feed one day's closes, `close[i]` for path i (finite levels).
   *
   * @throws RangeError if `close` is shorter than pathCount or holds a non-finite value; the
   *   indicator is checked before it changes, so it stays as it was and usable.
   */
  update(close: Float64Array): void {
    const p = this.pathCount;
    checkDaySeries('close', close, p);
    const day = ++this.updates;
    if (day > this.warmUpUpdates) this.updateSteady(close);
    else this.updateWarmUp(close, day);
  }

  /** All EMAs past their seeds: the daily case, without the warm-up branches. */
  private updateSteady(close: Float64Array): void {
    const p = this.pathCount;
    const emaFast = this.emaFast;
    const emaSlow = this.emaSlow;
    const macd = this.macd;
    const signal = this.signal;
    const histogram = this.histogram;
    const bullish = this.bullishCross;
    const bearish = this.bearishCross;
    const aF = this.alphaFast;
    const bF = 1 - aF;
    const aS = this.alphaSlow;
    const bS = 1 - aS;
    const aG = this.alphaSignal;
    const bG = 1 - aG;
    for (let i = 0; i < p; i++) {
      const c = close[i];
      const ef = aF * c + bF * emaFast[i];
      const es = aS * c + bS * emaSlow[i];
      emaFast[i] = ef;
      emaSlow[i] = es;
      const m = ef - es;
      const sig = aG * m + bG * signal[i];
      macd[i] = m;
      signal[i] = sig;
      const h = m - sig;
      // The previous histogram tells the side of the previous day. Booleans as 0/1 numbers keep
      // this branch-free: the sign differs from path to path, and a branch on it was mispredicted
      // often enough to double the cost of the update.
      const wasBelow = +(histogram[i] < 0);
      const nowBelow = +(h < 0);
      histogram[i] = h;
      bearish[i] = nowBelow & ~wasBelow;
      bullish[i] = wasBelow & ~nowBelow;
    }
  }

  /**
   * Updates 1 … warmUpUpdates. Each EMA is summing its seed, dividing the seed sum, or recurring;
   * the phase is the same for every path, so the branches inside the loop are loop-invariant.
   */
  private updateWarmUp(close: Float64Array, day: number): void {
    const p = this.pathCount;
    const f = this.fastPeriod;
    const s = this.slowPeriod;
    const g = this.signalPeriod;
    const emaFast = this.emaFast;
    const emaSlow = this.emaSlow;
    const aF = this.alphaFast;
    const bF = 1 - aF;
    const aS = this.alphaSlow;
    const bS = 1 - aS;
    const fastSum = day < f;
    const fastSeed = day === f;
    if (day < s) {
      for (let i = 0; i < p; i++) {
        const c = close[i];
        emaSlow[i] += c;
        if (fastSum) emaFast[i] += c;
        else if (fastSeed) emaFast[i] = (emaFast[i] + c) / f;
        else emaFast[i] = aF * c + bF * emaFast[i];
      }
      return;
    }
    const macd = this.macd;
    const signal = this.signal;
    const histogram = this.histogram;
    const seedSum = this.signalSeedSum;
    const slowSeed = day === s;
    // MACD values so far, this one included; the signal is seeded on the g-th, the last warm-up day.
    const signalSeed = day - s + 1 === g;
    for (let i = 0; i < p; i++) {
      const c = close[i];
      // slowPeriod > fastPeriod, so the fast EMA is past its seed here.
      const ef = aF * c + bF * emaFast[i];
      const es = slowSeed ? (emaSlow[i] + c) / s : aS * c + bS * emaSlow[i];
      emaFast[i] = ef;
      emaSlow[i] = es;
      const m = ef - es;
      macd[i] = m;
      if (signalSeed) {
        const sig = (seedSum[i] + m) / g;
        signal[i] = sig;
        histogram[i] = m - sig;
      } else {
        seedSum[i] += m;
      }
    }
  }
}
