import { describe, expect, it } from 'vitest';
import type { PnlHistogram } from '../../../../src/engine/index.ts';
import {
  commonBinWidth,
  commonHistogram,
  histogramPaths,
} from '../../../../src/lib/charts/stress.ts';

/** A histogram with one series per counts row on edges lo, lo + w, … */
function hist(lo: number, w: number, counts: number[][], under = 0, over = 0): PnlHistogram {
  const k = counts[0]?.length ?? 0;
  return {
    edges: Array.from({ length: k + 1 }, (_, i) => lo + i * w),
    binWidth: w,
    counts,
    underflow: counts.map(() => under),
    overflow: counts.map(() => over),
  };
}

describe('commonBinWidth', () => {
  it.each([
    [1000, 1000, 1000],
    [1000, 2000, 2000],
    [2000, 2500, 10000],
    [2500, 5000, 5000],
    [200, 5000, 5000],
    [250, 2000, 2000],
    [0.25, 2, 2],
  ])('%d and %d → %d', (a, b, w) => {
    expect(commonBinWidth(a, b)).toBe(w);
    expect(commonBinWidth(b, a)).toBe(w);
  });

  it('is null for a width that is not positive', () => {
    expect(commonBinWidth(0, 100)).toBeNull();
  });
});

describe('commonHistogram', () => {
  it('is the identity (one series per input) when both grids are the same', () => {
    const a = hist(-2000, 1000, [
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const b = hist(-2000, 1000, [
      [7, 8, 9],
      [1, 1, 1],
    ]);
    const out = commonHistogram({ histograms: [a, b], series: 1 });
    expect(out.edges).toEqual([-2000, -1000, 0, 1000]);
    expect(out.counts).toEqual([
      [4, 5, 6],
      [1, 1, 1],
    ]);
  });

  it('moves whole bins into the coarser grid: 1,000-wide bins into 2,000-wide ones', () => {
    const fine = hist(-3000, 1000, [[1, 2, 3, 4]]); // bins −3k, −2k, −1k, 0
    const coarse = hist(-4000, 2000, [[5, 6, 7]]); // bins −4k, −2k, 0
    const out = commonHistogram({ histograms: [fine, coarse], series: 0 });
    expect(out.binWidth).toBe(2000);
    expect(out.edges).toEqual([-4000, -2000, 0, 2000]);
    expect(out.counts).toEqual([
      [1, 5, 4],
      [5, 6, 7],
    ]);
  });

  it('keeps every path of each series (2,000 and 2,500 wide bins, with under- and overflow)', () => {
    const a = hist(-10000, 2000, [[3, 0, 5, 9, 2, 1]], 2, 1);
    const b = hist(-25000, 2500, [[1, 4, 4, 8, 0, 3, 7, 2, 6, 1, 1, 2]], 5, 0);
    const out = commonHistogram({ histograms: [a, b], series: 0 });
    expect(out.binWidth).toBe(10000);
    expect(histogramPaths(out, 0)).toBe(histogramPaths(a, 0));
    expect(histogramPaths(out, 1)).toBe(histogramPaths(b, 0));
    expect(out.underflow).toEqual([2, 5]);
    expect(out.overflow).toEqual([1, 0]);
  });

  it('gives no bins, only under- and overflow, when no input has bins', () => {
    const empty: PnlHistogram = {
      edges: [],
      binWidth: null,
      counts: [[]],
      underflow: [3],
      overflow: [0],
    };
    const out = commonHistogram({ histograms: [empty, empty], series: 0 });
    expect(out.edges).toEqual([]);
    expect(out.counts).toEqual([[], []]);
    expect(out.underflow).toEqual([3, 3]);
  });
});
