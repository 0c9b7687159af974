/**
 * Slope of the VIX futures curve between the front and the second month for every path of a
 * block, fed the two futures prices per path per day (structure of arrays, no allocation per
 * update). The caller supplies the prices (e.g. from the model's VIX futures table); this module
 * only compares them.
 *
 * - slope = F₂ − F₁ in vol points (positive: contango, the usual state; negative: backwardation);
 * - backwardation = 1 when F₁ > F₂ strictly, else 0 (a flat curve is not backwardation);
 * - contango = F₂/F₁ − 1, a fraction (0.05: the second month 5 % above the front), the usual
 *   relative measure of how steep the roll-down is; negative in backwardation.
 */
import { checkDaySeries, checkPathCount } from './input-checks.ts';

/** Options of {@link TermStructureIndicator}. */
export interface TermStructureOptions {
  /** Paths per block, an integer ≥ 0; the arrays given to `update` may be longer. */
  pathCount: number;
}

/**
 * Front/second-month VIX futures slope, backwardation flag and relative contango per path.
 *
 * Warm-up: `slope` and `contango` are NaN and `backwardation` 0 before the first `update`; every
 * update sets all three from that day's prices alone (`ready` after 1 update, `warmUpUpdates` = 1).
 *
 * Tested (tests/unit/engine/indicators/term-structure.test.ts): hand-made contango, backwardation
 * and flat curves on several paths at once, a curve that inverts and recovers day by day, and the
 * rejection of non-positive prices.
 */
export class TermStructureIndicator {
  readonly pathCount: number;
  /** Number of updates after which the values are defined: 1. */
  readonly warmUpUpdates = 1;
  /** F₂ − F₁ per path, vol points; NaN before the first update. */
  readonly slope: Float64Array;
  /** 1 where F₁ > F₂ (backwardation), else 0. */
  readonly backwardation: Uint8Array;
  /** F₂/F₁ − 1 per path, a fraction; NaN before the first update. */
  readonly contango: Float64Array;
  private updates = 0;

  /** @throws RangeError for a pathCount that is not an integer ≥ 0. */
  constructor(options: TermStructureOptions) {
    const { pathCount } = options;
    checkPathCount(pathCount);
    this.pathCount = pathCount;
    this.slope = new Float64Array(pathCount).fill(Number.NaN);
    this.backwardation = new Uint8Array(pathCount);
    this.contango = new Float64Array(pathCount).fill(Number.NaN);
  }

  /** Updates fed so far. */
  get updateCount(): number {
    return this.updates;
  }

  /** True once the values are defined (after the first update). */
  get ready(): boolean {
    return this.updates >= this.warmUpUpdates;
  }

  /**
   * Feed one day's futures prices: `front[i]` = F₁ (nearest expiry) and `second[i]` = F₂ (next
   * expiry) of path i, vol points, finite and > 0.
   *
   * @throws RangeError if an array is shorter than pathCount or holds a value that is not finite
   *   and positive; the indicator is checked before it changes, so it stays as it was and usable.
   */
  update(front: Float64Array, second: Float64Array): void {
    const p = this.pathCount;
    checkDaySeries('front', front, p, true);
    checkDaySeries('second', second, p, true);
    const slope = this.slope;
    const backwardation = this.backwardation;
    const contango = this.contango;
    for (let i = 0; i < p; i++) {
      const f1 = front[i];
      const f2 = second[i];
      slope[i] = f2 - f1;
      backwardation[i] = +(f1 > f2);
      contango[i] = f2 / f1 - 1;
    }
    this.updates++;
  }
}
