/**
 * Drawdown of the SPX from its running peak for every path of a block, fed one level per path per
 * day (structure of arrays, no allocation per update).
 *
 * DD_t = 1 − S_t / max(S_0, …, S_t): a fraction in [0, 1) (0.1 = 10 % below the peak, the unit of
 * the config's `drawdown-at-least` trigger). The peak includes the first level fed, so the caller
 * feeds the starting level (day 0) as the first update: a path that only falls from its start is
 * in drawdown from day 1.
 */
import { checkDaySeries, checkPathCount } from './input-checks.ts';

/** Options of {@link DrawdownIndicator}. */
export interface DrawdownOptions {
  /** Paths per block, an integer ≥ 0; the arrays given to `update` may be longer. */
  pathCount: number;
}

/**
 * Drawdown from the running peak of every path of a block.
 *
 * Warm-up: `value` and `peak` are NaN before the first `update` and defined from it on (`ready`,
 * `warmUpUpdates` = 1); the first update sets the peak to that level, so its drawdown is 0.
 *
 * Tested (tests/unit/engine/indicators/drawdown.test.ts): hand-computed drawdowns on several paths
 * at once (new peaks, recoveries, a start that is the peak), a direct batch computation to 1e-12,
 * and the rejection of non-positive levels.
 */
export class DrawdownIndicator {
  readonly pathCount: number;
  /** Number of updates after which `value` is defined: 1. */
  readonly warmUpUpdates = 1;
  /** 1 − S/peak per path, a fraction in [0, 1); NaN before the first update. */
  readonly value: Float64Array;
  /** Running maximum of the levels fed, per path (index points); NaN before the first update. */
  readonly peak: Float64Array;
  private updates = 0;

  /** @throws RangeError for a pathCount that is not an integer ≥ 0. */
  constructor(options: DrawdownOptions) {
    const { pathCount } = options;
    checkPathCount(pathCount);
    this.pathCount = pathCount;
    this.value = new Float64Array(pathCount).fill(Number.NaN);
    this.peak = new Float64Array(pathCount).fill(Number.NaN);
  }

  /** Updates fed so far. */
  get updateCount(): number {
    return this.updates;
  }

  /** True once `value` holds the drawdown of every path (after the first update). */
  get ready(): boolean {
    return this.updates >= this.warmUpUpdates;
  }

  /**
   * Feed one day's levels, `level[i]` = S_t of path i (finite and > 0); the first call is the
   * starting level.
   *
   * @throws RangeError if `level` is shorter than pathCount or holds a value that is not finite
   *   and positive; the indicator is checked before it changes, so it stays as it was and usable.
   */
  update(level: Float64Array): void {
    const p = this.pathCount;
    checkDaySeries('level', level, p, true);
    const peak = this.peak;
    const value = this.value;
    if (++this.updates === 1) {
      for (let i = 0; i < p; i++) {
        peak[i] = level[i];
        value[i] = 0;
      }
      return;
    }
    for (let i = 0; i < p; i++) {
      const s = level[i];
      const m = peak[i];
      if (s >= m) {
        peak[i] = s;
        value[i] = 0;
      } else {
        value[i] = 1 - s / m;
      }
    }
  }
}
