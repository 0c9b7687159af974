/**
 * Relative Strength Index with Wilder's smoothing (J. W. Wilder, "New Concepts in Technical
 * Trading Systems", 1978), computed incrementally for every path of a block, one close per path
 * per day (structure of arrays, no allocation per update).
 *
 * With changes Δ_t = C_t − C_{t−1}, gains U_t = max(Δ_t, 0) and losses D_t = max(−Δ_t, 0):
 * - the first averages are the simple means of the first n changes (closes 1 … n + 1);
 * - then Wilder's smoothing Ū_t = (Ū_{t−1}·(n − 1) + U_t)/n, the same for D̄ (an EMA with
 *   α = 1/n);
 * - RS = Ū/D̄ and RSI = 100 − 100/(1 + RS), a level in 0 … 100 (not a fraction: it is quoted
 *   this way everywhere, and the config's `rsi-below` trigger uses the same scale).
 * It is computed as 100·Ū/(Ū + D̄), the same value with one division instead of two (a few ulps
 * apart). Edge cases: D̄ = 0 < Ū (only gains) gives 100 and Ū = 0 < D̄ gives 0 by the formula; a
 * flat window, Ū = D̄ = 0, gives 50 by definition, so the value is never NaN after the warm-up.
 */
import { checkDaySeries, checkPathCount } from './input-checks.ts';

/** Wilder's period, 14 days (Wilder 1978). */
export const DEFAULT_RSI_PERIOD = 14;

/** Options of {@link RsiIndicator}. */
export interface RsiOptions {
  /** Paths per block, an integer ≥ 0; the arrays given to `update` may be longer. */
  pathCount: number;
  /** n, the number of daily changes averaged, an integer ≥ 1; default 14. */
  period?: number;
}

/**
 * RSI(n) of every path of a block, fed one close per path per day.
 *
 * Warm-up: `value` is NaN until the (n + 1)-th `update` (the (n + 1)-th close, the first with n
 * changes behind it); that update and every later one give a finite value in [0, 100] on every
 * path (`ready` becomes true, `warmUpUpdates` = n + 1). All paths share the day count, so readiness
 * is the same for all of them.
 *
 * Tested (tests/unit/engine/indicators/rsi.test.ts): StockCharts' ChartSchool worked example to
 * 0.01, a direct batch recursion on several paths at once to 1e-12, the warm-up length, and the
 * all-gain / all-loss / flat edge cases.
 */
export class RsiIndicator {
  readonly pathCount: number;
  readonly period: number;
  /** Number of updates after which `value` is defined: period + 1. */
  readonly warmUpUpdates: number;
  /** RSI per path on the last update, 0 … 100; NaN during the warm-up. */
  readonly value: Float64Array;
  private updates = 0;
  private readonly prevClose: Float64Array;
  /** Ū per path; the running sum of gains during the warm-up. */
  private readonly avgGain: Float64Array;
  /** D̄ per path; the running sum of losses during the warm-up. */
  private readonly avgLoss: Float64Array;

  /** @throws RangeError for a pathCount or period that is not an integer in its range. */
  constructor(options: RsiOptions) {
    const { pathCount, period = DEFAULT_RSI_PERIOD } = options;
    checkPathCount(pathCount);
    if (!Number.isInteger(period) || period < 1)
      throw new RangeError(`period must be an integer ≥ 1, got ${period}`);
    this.pathCount = pathCount;
    this.period = period;
    this.warmUpUpdates = period + 1;
    this.value = new Float64Array(pathCount).fill(Number.NaN);
    this.prevClose = new Float64Array(pathCount);
    this.avgGain = new Float64Array(pathCount);
    this.avgLoss = new Float64Array(pathCount);
  }

  /** Updates fed so far. */
  get updateCount(): number {
    return this.updates;
  }

  /** True once `value` holds the RSI of every path (after `warmUpUpdates` updates). */
  get ready(): boolean {
    return this.updates >= this.warmUpUpdates;
  }

  /**
   * Feed one day's closes, `close[i]` for path i (any positive or negative finite level: only the
   * differences matter).
   *
   * @throws RangeError if `close` is shorter than pathCount or holds a non-finite value; the
   *   indicator is checked before it changes, so it stays as it was and usable.
   */
  update(close: Float64Array): void {
    const p = this.pathCount;
    checkDaySeries('close', close, p);
    const n = this.period;
    const day = ++this.updates;
    const prevClose = this.prevClose;
    const avgGain = this.avgGain;
    const avgLoss = this.avgLoss;
    const value = this.value;
    if (day === 1) {
      for (let i = 0; i < p; i++) prevClose[i] = close[i];
      return;
    }
    if (day <= n) {
      for (let i = 0; i < p; i++) {
        const c = close[i];
        const change = c - prevClose[i];
        prevClose[i] = c;
        const size = Math.abs(change);
        avgGain[i] += 0.5 * (size + change);
        avgLoss[i] += 0.5 * (size - change);
      }
      return;
    }
    // On the seeding day the averages hold the sums of the first n − 1 changes, later the averages:
    // both cases are (A·k + current)/n, with k = 1 or n − 1.
    const k = day === n + 1 ? 1 : n - 1;
    const invN = 1 / n;
    for (let i = 0; i < p; i++) {
      const c = close[i];
      const change = c - prevClose[i];
      prevClose[i] = c;
      // U = ½(|Δ| + Δ) and D = ½(|Δ| − Δ) are exact and branch-free: a branch on the sign of Δ
      // is mispredicted half the time across paths and doubled the cost.
      const size = Math.abs(change);
      const g = (avgGain[i] * k + 0.5 * (size + change)) * invN;
      const l = (avgLoss[i] * k + 0.5 * (size - change)) * invN;
      avgGain[i] = g;
      avgLoss[i] = l;
      // 100·Ū/(Ū + D̄) is 100 − 100/(1 + RS) rearranged, with one division instead of two; it
      // gives 100 for D̄ = 0 < Ū and 0 for Ū = 0 < D̄ by itself, 0/0 only for a flat window, and
      // Ū/(Ū + D̄) ≤ 1 survives rounding, so the value never leaves [0, 100].
      const sum = g + l;
      value[i] = sum > 0 ? 100 * (g / sum) : 50;
    }
  }
}
