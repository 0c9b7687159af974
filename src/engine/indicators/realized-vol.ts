/**
 * Trailing n-day realised volatility of every path of a block, fed one daily log return per path
 * per day (structure of arrays, no allocation per update).
 *
 * RV_t = 100·√(252/n · Σ r²) over the last n log returns r_{t−n+1} … r_t: root mean square, not
 * demeaned, annualised with TRADING_DAYS_PER_YEAR, in vol points (18 means 18 %). This is the
 * definition of stats/market.ts (its forward 21-day RV of the VRP and `spxRealizedVol`), kept in
 * points so a rule can compare it with the VIX, which the engine quotes in points too (DESIGN §7).
 * Log returns are the input, not closes, because the path generator already produces them
 * (`SvcjPathBlock.logReturn`, gap shocks included): no log per path per day.
 *
 * Σ r² is kept as a running sum over a ring of the last n returns (add the new square, subtract
 * the one leaving). A plain running sum would carry the rounding error of a past crash's squares
 * into the calm windows after it, and √ magnifies that near 0: a window of zero returns after a
 * 20 % day would read ~1e-7 points instead of 0. So the sum is compensated: each addition's exact
 * rounding error (Knuth's TwoSum, TAOCP vol. 2 §4.2.2) is carried in a second array, and the
 * value uses their sum. After N updates the error of Σ r² is ≲ ε·Σ + 2N²ε²·max Σ (ε = 2^−52; for
 * ten years of days < 1e-24 of the largest window sum), and a sum a few ulps below 0 counts as 0:
 * the value is never NaN and matches the direct window sum to ~1e-13 points even after a crash.
 */
import { TRADING_DAYS_PER_YEAR } from '../model/market-params.ts';
import { MARKET_WINDOW_DAYS } from '../stats/market.ts';
import { checkDaySeries, checkPathCount } from './input-checks.ts';

/** Default window: 21 trading days (about a month), the window of stats/market.ts's RV. */
export const DEFAULT_REALIZED_VOL_WINDOW = MARKET_WINDOW_DAYS;

/** Options of {@link RealizedVolIndicator}. */
export interface RealizedVolOptions {
  /** Paths per block, an integer ≥ 0; the arrays given to `update` may be longer. */
  pathCount: number;
  /** n, the number of daily log returns in the window, an integer ≥ 1; default 21. */
  window?: number;
}

/**
 * n-day realised volatility (vol points, annualised) of every path of a block.
 *
 * Warm-up: `value` is NaN until the n-th `update` (the first with a full window) and finite and
 * ≥ 0 from it on (`ready`, `warmUpUpdates` = n). All paths share the day count, so readiness is
 * the same for all of them. Memory: n + 2 doubles per path.
 *
 * Tested (tests/unit/engine/indicators/realized-vol.test.ts): hand-computed values on a 3-day
 * window, a direct batch computation over many ring wrap-arounds on several paths at once to
 * 1e-12, the warm-up length, and windows of zero returns after large ones (≥ 0 within the error
 * bound above, never NaN).
 */
export class RealizedVolIndicator {
  readonly pathCount: number;
  readonly window: number;
  /** Number of updates after which `value` is defined: the window length n. */
  readonly warmUpUpdates: number;
  /** Realised vol per path over the last n returns, vol points; NaN during the warm-up. */
  readonly value: Float64Array;
  private updates = 0;
  /** 100·√(252/n). */
  private readonly scale: number;
  /** The last n returns, slot-major: ring[slot·pathCount + path], slot = (update − 1) mod n. */
  private readonly ring: Float64Array;
  /** Σ r² over the ring per path, rounded; sumSq + sumSqError is the compensated sum. */
  private readonly sumSq: Float64Array;
  /** Accumulated rounding error of sumSq per path (compensation term). */
  private readonly sumSqError: Float64Array;

  /** @throws RangeError for a pathCount or window that is not an integer in its range. */
  constructor(options: RealizedVolOptions) {
    const { pathCount, window = DEFAULT_REALIZED_VOL_WINDOW } = options;
    checkPathCount(pathCount);
    if (!Number.isInteger(window) || window < 1)
      throw new RangeError(`window must be an integer ≥ 1, got ${window}`);
    this.pathCount = pathCount;
    this.window = window;
    this.warmUpUpdates = window;
    this.scale = 100 * Math.sqrt(TRADING_DAYS_PER_YEAR / window);
    this.value = new Float64Array(pathCount).fill(Number.NaN);
    this.ring = new Float64Array(window * pathCount);
    this.sumSq = new Float64Array(pathCount);
    this.sumSqError = new Float64Array(pathCount);
  }

  /** Updates fed so far. */
  get updateCount(): number {
    return this.updates;
  }

  /** True once `value` holds the realised vol of every path (after `warmUpUpdates` updates). */
  get ready(): boolean {
    return this.updates >= this.warmUpUpdates;
  }

  /**
   * Feed one day's log returns, `logReturn[i]` = ln(S_t/S_{t−1}) for path i.
   *
   * @throws RangeError if `logReturn` is shorter than pathCount or holds a non-finite value; the
   *   indicator is checked before it changes, so it stays as it was and usable.
   */
  update(logReturn: Float64Array): void {
    const p = this.pathCount;
    checkDaySeries('logReturn', logReturn, p);
    const n = this.window;
    const day = ++this.updates;
    const slot = (day - 1) % n;
    const base = slot * p;
    const ring = this.ring;
    const sumSq = this.sumSq;
    const sumSqError = this.sumSqError;
    for (let i = 0; i < p; i++) {
      const r = logReturn[i];
      const old = ring[base + i];
      ring[base + i] = r;
      // s + r² − old² as two TwoSums, their exact rounding errors added to the error term.
      const s = sumSq[i];
      const add = r * r;
      const t = s + add;
      const tv = t - s;
      const sub = -old * old;
      const u = t + sub;
      const uv = u - t;
      sumSq[i] = u;
      sumSqError[i] += s - (t - tv) + (add - tv) + (t - (u - uv) + (sub - uv));
    }
    if (day < n) return;
    const value = this.value;
    const scale = this.scale;
    for (let i = 0; i < p; i++) {
      const q = sumSq[i] + sumSqError[i];
      value[i] = scale * Math.sqrt(q > 0 ? q : 0);
    }
  }
}
