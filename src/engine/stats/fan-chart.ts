/**
 * Streaming per-day quantile fan charts (SPX, VIX, portfolio value) in fixed memory: for each
 * sampled day, a histogram of the values across paths on a fixed grid. No path is ever kept; the
 * memory is days × (bins + 2) 32-bit counts (253 days × 2,402 counts ≈ 2.4 MB), whatever the
 * number of paths, and shards merge by integer addition, so any merge order gives identical counts.
 * A state (what a shard sends to be merged) holds each day's span of occupied bins only: a shard's
 * few thousand paths fill a small part of a grid wide enough for a crash, and four full grids were
 * ~8 MB per shard to copy, hold and add.
 *
 * Grid: `bins` equal bins of width w = (hi − lo)/bins; bin k holds [lo + k·w, lo + (k + 1)·w), the
 * last bin also holds hi. Values below lo (or −∞) are counted as underflow, above hi (or +∞) as
 * overflow, and NaN as missing (left out of the quantiles and reported).
 *
 * Quantiles follow Hyndman & Fan (1996) type 7 on the binned data: with N values on the day and
 * h = (N − 1)·p, interpolate linearly between the estimated order statistics of ranks ⌊h⌋ and
 * ⌊h⌋ + 1 (0-based). The c_k values of bin k are taken as evenly spread inside it: the one of rank
 * r (C values below the bin) is placed at lo + w·(k + (r − C + ½)/c_k) — linear interpolation
 * inside the bin. The true order statistic lies in the same bin, so each estimate is off by less
 * than one bin width w, and so is their convex combination: the resolution error is < w as long
 * as both order statistics are inside [lo, hi]. Ranks in the underflow/overflow are clamped to lo
 * or hi (the error is then unbounded; `outOfRange` says how many values there were).
 */

/** Default fan probabilities: the 5–95 % and 25–75 % bands and the median. */
export const DEFAULT_FAN_PROBS: readonly number[] = [0.05, 0.25, 0.5, 0.75, 0.95];

/** Construction options of a {@link FanChartAccumulator}. */
export interface FanChartOptions {
  /** The sampled days (trading-day numbers, for the x axis), one histogram each. */
  days: readonly number[];
  /** Lower edge of the grid (same unit as the values: index points, VIX points, dollars). */
  lo: number;
  /** Upper edge of the grid, > lo. */
  hi: number;
  /** Number of equal bins, an integer ≥ 1. */
  bins: number;
}

/**
 * Plain-data state (structured-clone and transfer safe). A day's bins + 2 slots are [underflow,
 * bin 0, …, bin bins−1, overflow]; the state keeps, for sampled day j, slots firstSlot[j] …
 * firstSlot[j] + slotCount[j] − 1 — from the day's first non-empty slot to its last — and `counts`
 * holds those spans day after day. Every slot outside a day's span is empty.
 */
export interface FanChartState {
  days: number[];
  lo: number;
  hi: number;
  bins: number;
  firstSlot: Uint32Array;
  slotCount: Uint32Array;
  counts: Uint32Array;
  /** NaN values per sampled day. */
  missing: Uint32Array;
}

/** Per-day quantiles of a fan chart (see {@link FanChartAccumulator.quantiles}). */
export interface FanChartQuantiles {
  days: number[];
  probs: number[];
  /**
   * quantiles[k][j]: the probs[k] quantile on days[j] — one series per probability, ready to draw
   * as a line or a band edge; null on a day with no values.
   */
  quantiles: (number | null)[][];
  /** Values counted per day (NaN excluded). */
  count: number[];
  /** Values outside [lo, hi] per day (their ranks are clamped to the edge). */
  outOfRange: number[];
  /** NaN values per day. */
  missing: number[];
  /** The bin width w: the bound on the error of each quantile inside the grid. */
  resolution: number;
}

const MAX_U32 = 0xffffffff;

/**
 * Fixed-memory per-day histograms with type-7 quantiles accurate to one bin width (see the module
 * comment). Feed each sampled day's values across a block of paths with `observe`; combine shards
 * with `merge(state)`.
 *
 * Tested against exact type-7 quantiles of seeded samples (error < one bin width), clamping and
 * counting of out-of-range values, and that merging shards in any order gives the same counts as
 * one accumulator over all values (tests/unit/engine/stats/fan-chart.test.ts).
 */
export class FanChartAccumulator {
  readonly days: readonly number[];
  readonly lo: number;
  readonly hi: number;
  readonly bins: number;
  /** Bin width (hi − lo)/bins. */
  readonly width: number;
  private readonly invWidth: number;
  private readonly stride: number;
  private readonly counts: Uint32Array;
  private readonly missing: Uint32Array;

  /** @throws RangeError unless lo < hi are finite, bins is an integer ≥ 1 and days is non-empty. */
  constructor(options: FanChartOptions) {
    const { days, lo, hi, bins } = options;
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(hi > lo))
      throw new RangeError(`FanChartAccumulator: needs finite lo < hi, got ${lo}, ${hi}`);
    if (!Number.isInteger(bins) || bins < 1)
      throw new RangeError(`FanChartAccumulator: bins must be an integer ≥ 1, got ${bins}`);
    if (days.length === 0) throw new RangeError('FanChartAccumulator: no sampled days');
    this.days = [...days];
    this.lo = lo;
    this.hi = hi;
    this.bins = bins;
    this.width = (hi - lo) / bins;
    this.invWidth = bins / (hi - lo);
    this.stride = bins + 2;
    this.counts = new Uint32Array(days.length * this.stride);
    this.missing = new Uint32Array(days.length);
  }

  /** Rebuilds an accumulator from `state()` output. */
  static fromState(state: FanChartState): FanChartAccumulator {
    const acc = new FanChartAccumulator(state);
    acc.merge(state);
    return acc;
  }

  /**
   * Counts values[0 … count − 1] (one per path) into the histogram of sampled day `sampleIndex`
   * (an index into `days`, not a day number).
   *
   * @throws RangeError if sampleIndex is not an index of `days` or count exceeds values.length.
   */
  observe(sampleIndex: number, values: Float64Array, count: number = values.length): void {
    if (!Number.isInteger(sampleIndex) || sampleIndex < 0 || sampleIndex >= this.days.length)
      throw new RangeError(`FanChartAccumulator.observe: no sampled day ${sampleIndex}`);
    if (!Number.isInteger(count) || count < 0 || count > values.length)
      throw new RangeError(`FanChartAccumulator.observe: count ${count} out of range`);
    const c = this.counts;
    const base = sampleIndex * this.stride;
    const { lo, hi, bins, invWidth } = this;
    let missing = 0;
    for (let i = 0; i < count; i++) {
      const x = values[i];
      const u = (x - lo) * invWidth;
      if (u >= 0 && u < bins) c[base + 1 + (u | 0)]++;
      else if (x !== x) missing++;
      else if (x < lo) c[base]++;
      else if (x > hi) c[base + bins + 1]++;
      // lo ≤ x ≤ hi but u rounded up to bins (x = hi, or within an ulp of it): the last bin.
      else c[base + bins]++;
    }
    this.missing[sampleIndex] += missing;
  }

  /** Plain-data copy of the counts (for workers and storage): each day's occupied span. */
  state(): FanChartState {
    const nDays = this.days.length;
    const stride = this.stride;
    const c = this.counts;
    const firstSlot = new Uint32Array(nDays);
    const slotCount = new Uint32Array(nDays);
    let total = 0;
    for (let j = 0; j < nDays; j++) {
      const base = j * stride;
      let first = 0;
      while (first < stride && c[base + first] === 0) first++;
      if (first === stride) continue;
      let last = stride - 1;
      while (c[base + last] === 0) last--;
      firstSlot[j] = first;
      slotCount[j] = last - first + 1;
      total += last - first + 1;
    }
    const counts = new Uint32Array(total);
    for (let j = 0, offset = 0; j < nDays; j++) {
      const start = j * stride + firstSlot[j];
      counts.set(c.subarray(start, start + slotCount[j]), offset);
      offset += slotCount[j];
    }
    return {
      days: [...this.days],
      lo: this.lo,
      hi: this.hi,
      bins: this.bins,
      firstSlot,
      slotCount,
      counts,
      missing: this.missing.slice(),
    };
  }

  /**
   * Adds the counts of another accumulator's state: exact integer addition, so the result does
   * not depend on the order in which shards are merged.
   *
   * @throws RangeError if the grid or the days differ, the spans do not fit the grid or the
   *   counts, or a count would exceed 2^32 − 1.
   */
  merge(state: FanChartState): void {
    const nDays = this.days.length;
    if (
      state.lo !== this.lo ||
      state.hi !== this.hi ||
      state.bins !== this.bins ||
      state.days.length !== nDays ||
      state.days.some((d, j) => d !== this.days[j]) ||
      state.firstSlot.length !== nDays ||
      state.slotCount.length !== nDays ||
      state.missing.length !== nDays
    )
      throw new RangeError('FanChartAccumulator.merge: grids or days differ');
    const stride = this.stride;
    let total = 0;
    for (let j = 0; j < nDays; j++) {
      if (state.firstSlot[j] + state.slotCount[j] > stride)
        throw new RangeError(`FanChartAccumulator.merge: day ${j}'s span is outside the grid`);
      total += state.slotCount[j];
    }
    if (total !== state.counts.length)
      throw new RangeError('FanChartAccumulator.merge: the spans do not match the counts');
    const c = this.counts;
    const o = state.counts;
    for (let j = 0, offset = 0; j < nDays; j++) {
      const start = j * stride + state.firstSlot[j];
      const n = state.slotCount[j];
      for (let k = 0; k < n; k++) {
        const s = c[start + k] + o[offset + k];
        if (s > MAX_U32) throw new RangeError('FanChartAccumulator.merge: count overflow');
        c[start + k] = s;
      }
      offset += n;
    }
    for (let j = 0; j < this.missing.length; j++) {
      const s = this.missing[j] + state.missing[j];
      if (s > MAX_U32) throw new RangeError('FanChartAccumulator.merge: count overflow');
      this.missing[j] = s;
    }
  }

  /**
   * Type-7 quantiles per sampled day, to within one bin width (see the module comment).
   * Probabilities outside [0, 1] give null.
   */
  quantiles(probs: readonly number[] = DEFAULT_FAN_PROBS): FanChartQuantiles {
    const nDays = this.days.length;
    const quantiles = probs.map(() => new Array<number | null>(nDays).fill(null));
    const count: number[] = [];
    const outOfRange: number[] = [];
    // Cumulative counts of the day: cum[k] values lie in slots 0 … k − 1 (underflow, bins,
    // overflow), so an order statistic is a binary search instead of a walk over the bins.
    const cum = new Float64Array(this.stride + 1);
    for (let j = 0; j < nDays; j++) {
      const base = j * this.stride;
      for (let k = 0; k < this.stride; k++) cum[k + 1] = cum[k] + this.counts[base + k];
      const n = cum[this.stride];
      count.push(n);
      outOfRange.push(this.counts[base] + this.counts[base + this.bins + 1]);
      if (n === 0) continue;
      for (let q = 0; q < probs.length; q++) {
        const p = probs[q];
        if (!(p >= 0 && p <= 1)) continue;
        const h = (n - 1) * p;
        const r = Math.floor(h);
        const g = h - r;
        const a = this.orderStatistic(cum, r);
        quantiles[q][j] =
          g === 0 ? a : a + g * (this.orderStatistic(cum, Math.min(r + 1, n - 1)) - a);
      }
    }
    return {
      days: [...this.days],
      probs: [...probs],
      quantiles,
      count,
      outOfRange,
      missing: Array.from(this.missing),
      resolution: this.width,
    };
  }

  /**
   * Estimated value of the 0-based order statistic `rank` of a day, from its cumulative counts
   * (`quantiles`): the slot s with cum[s] ≤ rank < cum[s + 1]; slot 0 is the underflow, slot
   * bins + 1 the overflow.
   */
  private orderStatistic(cum: Float64Array, rank: number): number {
    let lo = 0;
    let hi = this.stride - 1;
    // The last slot s with cum[s] ≤ rank (cum[0] = 0 ≤ rank).
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (cum[mid] <= rank) lo = mid;
      else hi = mid - 1;
    }
    if (lo === 0) return this.lo;
    if (lo > this.bins) return this.hi;
    const k = lo - 1;
    const ck = cum[lo + 1] - cum[lo];
    return this.lo + this.width * (k + (rank - cum[lo] + 0.5) / ck);
  }
}
