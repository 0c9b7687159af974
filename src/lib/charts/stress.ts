/**
 * The stress comparison's chart data: one series of a base run's terminal P&L histogram and the
 * same series of the shocked run's, put on common bins so that `histogramOverlay` can overlay them.
 *
 * The engine bins each run on its own 'nice' edges (a width of 1, 2, 2.5 or 5 × 10^k, edges on
 * multiples of it: stats/outcomes.ts). Two such grids share a coarser one: the smallest multiple W
 * of the larger width that the smaller width divides. Every old bin [e, e + w) then lies inside
 * exactly one new bin [⌊e/W⌋·W, …), so counts move whole — no splitting, no interpolation — and
 * under/overflow stay as they were (their bounds are the old range's, now inside the new one).
 */
import type { PnlHistogram } from '../../engine/index.ts';

/** Largest multiple of the wider bin tried before giving up on exact alignment (see below). */
const MAX_MULTIPLE = 40;

/**
 * The common bin width of two widths: the least W = n·max(a, b) (n = 1…40) that is an integer
 * multiple of min(a, b) within a relative 1e-9; for nice widths n ≤ 10 always works (e.g. 2,000
 * and 2,500 → 10,000). Returns null when no such n exists (then {@link commonHistogram} falls back
 * to the wider width and assigns each old bin by its midpoint).
 */
export function commonBinWidth(a: number, b: number): number | null {
  const hi = Math.max(a, b);
  const lo = Math.min(a, b);
  if (!(lo > 0) || !Number.isFinite(hi)) return null;
  for (let n = 1; n <= MAX_MULTIPLE; n++) {
    const ratio = (n * hi) / lo;
    if (Math.abs(ratio - Math.round(ratio)) < 1e-9 * ratio) return n * hi;
  }
  return null;
}

/**
 * Series `series` of each histogram on common edges: the result has one series per input, in
 * input order (e.g. [base, shocked]). Histograms with no bins contribute only their under- and
 * overflow. Paths are preserved: Σ counts + underflow + overflow of each output series equals that
 * of its input series. Tested: conservation, exact re-binning of aligned grids, and identity when
 * both grids are the same (tests/unit/lib/charts/stress.test.ts).
 */
export function commonHistogram(options: {
  histograms: readonly PnlHistogram[];
  series: number;
}): PnlHistogram {
  const { histograms, series } = options;
  const withBins = histograms.filter((h) => h.edges.length >= 2 && h.binWidth !== null);
  const under = histograms.map((h) => h.underflow[series] ?? 0);
  const over = histograms.map((h) => h.overflow[series] ?? 0);
  if (withBins.length === 0)
    return {
      edges: [],
      binWidth: null,
      counts: histograms.map(() => []),
      underflow: under,
      overflow: over,
    };
  let width = withBins[0].binWidth ?? 1;
  let exact = true;
  for (const h of withBins.slice(1)) {
    const w = commonBinWidth(width, h.binWidth ?? width);
    if (w === null) {
      exact = false;
      width = Math.max(width, h.binWidth ?? width);
    } else width = w;
  }
  const lo = Math.min(...withBins.map((h) => h.edges[0]));
  const hi = Math.max(...withBins.map((h) => h.edges[h.edges.length - 1]));
  const first = Math.floor(lo / width + 1e-9);
  const last = Math.max(first + 1, Math.ceil(hi / width - 1e-9));
  const edges = Array.from({ length: last - first + 1 }, (_, k) => (first + k) * width);
  const bins = edges.length - 1;
  const counts = histograms.map((h) => {
    const out = new Array<number>(bins).fill(0);
    const c = h.counts[series] ?? [];
    for (let k = 0; k + 1 < h.edges.length; k++) {
      const n = c[k] ?? 0;
      if (n === 0) continue;
      // Aligned grids: the old bin's left edge (nudged inside) decides; otherwise its midpoint.
      const at = exact ? h.edges[k] + 1e-9 * width : (h.edges[k] + h.edges[k + 1]) / 2;
      const j = Math.min(bins - 1, Math.max(0, Math.floor(at / width) - first));
      out[j] += n;
    }
    return out;
  });
  return { edges, binWidth: width, counts, underflow: under, overflow: over };
}

/** The two series of the stress chart: labels and the CSS class that colours each. */
export const STRESS_SERIES = [
  { key: 'base', label: 'Base', tone: 'neutral' },
  { key: 'shocked', label: 'Shocked', tone: 'shocked' },
] as const;

/** Paths in one series of a histogram: its bins plus under- and overflow. */
export function histogramPaths(h: PnlHistogram, series: number): number {
  return (
    (h.counts[series] ?? []).reduce((a, b) => a + b, 0) +
    (h.underflow[series] ?? 0) +
    (h.overflow[series] ?? 0)
  );
}
