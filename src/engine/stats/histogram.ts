/**
 * Fixed-bin streaming histogram with approximate quantiles, mergeable across shards.
 *
 * Bins are centred on a regular grid: bin k holds [lo + (k − ½)w, lo + (k + ½)w) and stands for
 * its centre lo + k·w, for k = 0 … K−1 with K = round((hi − lo)/w) + 1, so the centres run from lo
 * to hi. Centring (rather than edges on the grid) makes data that are quoted on the grid — VIX
 * closes to 0.01 — land exactly on a centre, so their quantiles come out exact.
 *
 * Quantiles use Hyndman & Fan (1996) type 7 (R's default, numpy "linear"): with N samples and
 * h = (N − 1)·p, interpolate linearly between the order statistics x₍⌊h⌋₎ and x₍⌊h⌋+1₎ (0-based).
 * Each order statistic is replaced by the centre of the bin that holds it, which is within w/2 of
 * it, and the interpolation is a convex combination, so |estimate − exact type-7 quantile| ≤ w/2
 * whenever both order statistics lie inside the binned range. Samples outside it are counted in
 * an underflow/overflow bin represented by the most extreme value seen there (the bound then does
 * not hold; `outOfRange` says how many there were). Memory is K doubles; counts are doubles so
 * merged totals stay exact up to 2^53.
 */

/** Grid of a histogram: centres lo, lo + width, …, hi. */
export interface HistogramGrid {
  /** Centre of the first bin. */
  lo: number;
  /** Centre of the last bin (hi − lo should be a whole number of widths). */
  hi: number;
  /** Bin width w, > 0. */
  width: number;
}

/**
 * Mergeable part of a histogram as plain data (structured-clone safe). `counts` covers bins
 * offset … offset + counts.length − 1 only (zero bins at both ends are trimmed).
 */
export interface HistogramState {
  lo: number;
  width: number;
  binCount: number;
  offset: number;
  counts: Float64Array;
  underflow: number;
  overflow: number;
  /** Smallest value below the range; lo if there is none (kept finite for finiteness checks). */
  underflowMin: number;
  /** Largest value above the range; the last bin centre if there is none. */
  overflowMax: number;
}

/**
 * Streaming histogram on a fixed grid of centred bins, with type-7 quantiles accurate to half a
 * bin width. Hot loops may bin values inline with `lo`, `invWidth`, `binCount` and `counts`
 * (index ⌊(x − lo)·invWidth + ½⌋) and call `addOutOfRange` for the rest, as `add` does.
 *
 * Tested against exact type-7 quantiles of seeded samples (error ≤ w/2), exactness on grid data,
 * merge = one histogram over all samples, and state round trips (tests/unit/engine/stats).
 */
export class Histogram {
  readonly lo: number;
  readonly width: number;
  readonly invWidth: number;
  readonly binCount: number;
  readonly counts: Float64Array;
  underflow = 0;
  overflow = 0;
  underflowMin = Infinity;
  overflowMax = -Infinity;

  constructor(grid: HistogramGrid) {
    const { lo, hi, width } = grid;
    if (!(width > 0) || !(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) {
      throw new RangeError(
        `Histogram grid needs lo < hi and width > 0 (got ${lo}, ${hi}, ${width})`,
      );
    }
    this.lo = lo;
    this.width = width;
    this.invWidth = 1 / width;
    this.binCount = Math.round((hi - lo) / width) + 1;
    this.counts = new Float64Array(this.binCount);
  }

  /** Rebuilds a histogram from `state()` output. */
  static fromState(state: HistogramState): Histogram {
    const h = new Histogram({
      lo: state.lo,
      hi: state.lo + (state.binCount - 1) * state.width,
      width: state.width,
    });
    h.mergeState(state);
    return h;
  }

  /** Adds one sample; NaN is ignored (missing value). */
  add(x: number): void {
    const u = (x - this.lo) * this.invWidth + 0.5;
    if (u >= 0 && u < this.binCount) this.counts[u | 0]++;
    else if (x === x) this.addOutOfRange(x);
  }

  /** Counts a sample that falls outside the binned range (NaN must be filtered by the caller). */
  addOutOfRange(x: number): void {
    if (x < this.lo) {
      this.underflow++;
      if (x < this.underflowMin) this.underflowMin = x;
    } else {
      this.overflow++;
      if (x > this.overflowMax) this.overflowMax = x;
    }
  }

  /** Number of samples counted, in range or not. */
  total(): number {
    let n = this.underflow + this.overflow;
    const c = this.counts;
    for (let k = 0; k < c.length; k++) n += c[k];
    return n;
  }

  /** Samples that fell outside the binned range. */
  outOfRange(): number {
    return this.underflow + this.overflow;
  }

  /**
   * Type-7 quantile at probability p ∈ [0, 1] (see module comment for the method and the w/2
   * error bound). Returns NaN if the histogram is empty or p is outside [0, 1].
   */
  quantile(p: number): number {
    return this.quantiles([p])[0];
  }

  /** Type-7 quantiles at several probabilities in one pass over the bins. */
  quantiles(ps: readonly number[]): number[] {
    const n = this.total();
    const out = new Array<number>(ps.length).fill(NaN);
    if (n === 0) return out;
    for (let j = 0; j < ps.length; j++) {
      const p = ps[j];
      if (!(p >= 0 && p <= 1)) continue;
      const h = (n - 1) * p;
      const below = Math.floor(h);
      const g = h - below;
      const a = this.orderStatistic(below);
      out[j] = g === 0 ? a : a + g * (this.orderStatistic(Math.min(below + 1, n - 1)) - a);
    }
    return out;
  }

  /** Value standing for the order statistic of 0-based rank `rank` (bin centre or extreme). */
  private orderStatistic(rank: number): number {
    if (rank < this.underflow) return this.underflowMin;
    let seen = this.underflow;
    const c = this.counts;
    for (let k = 0; k < c.length; k++) {
      seen += c[k];
      if (rank < seen) return this.lo + k * this.width;
    }
    return this.overflowMax;
  }

  /** Adds the counts of another histogram on the same grid. */
  merge(other: Histogram): void {
    this.mergeState(other.state());
  }

  /** Adds the counts of a serialised histogram on the same grid (throws on a different grid). */
  mergeState(s: HistogramState): void {
    if (s.lo !== this.lo || s.width !== this.width || s.binCount !== this.binCount) {
      throw new RangeError('Histogram.merge: grids differ');
    }
    const c = this.counts;
    for (let k = 0; k < s.counts.length; k++) c[s.offset + k] += s.counts[k];
    this.underflow += s.underflow;
    this.overflow += s.overflow;
    if (s.underflow > 0 && s.underflowMin < this.underflowMin) this.underflowMin = s.underflowMin;
    if (s.overflow > 0 && s.overflowMax > this.overflowMax) this.overflowMax = s.overflowMax;
  }

  /** Plain-data copy of the counts, trimmed to the non-zero bins (for workers and storage). */
  state(): HistogramState {
    const c = this.counts;
    let first = 0;
    while (first < c.length && c[first] === 0) first++;
    let last = c.length - 1;
    while (last >= first && c[last] === 0) last--;
    return {
      lo: this.lo,
      width: this.width,
      binCount: this.binCount,
      offset: first,
      counts: c.slice(first, last + 1),
      underflow: this.underflow,
      overflow: this.overflow,
      underflowMin: this.underflow > 0 ? this.underflowMin : this.lo,
      overflowMax:
        this.overflow > 0 ? this.overflowMax : this.lo + (this.binCount - 1) * this.width,
    };
  }
}
