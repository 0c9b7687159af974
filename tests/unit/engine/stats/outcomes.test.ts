import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../../../src/engine/rng.ts';
import {
  BOOTSTRAP_SEED,
  STRESS_MAX_VIX,
  STRESS_SPX_DRAWDOWN,
  calmVsStress,
  pairedDifference,
  pnlHistogram,
  summarizeBook,
  summarizeLayers,
  type BookSummary,
} from '../../../../src/engine/stats/outcomes.ts';
import {
  createPathOutcomes,
  type BookOutcomes,
  type PathOutcomes,
} from '../../../../src/engine/stats/path-outcomes.ts';

// ---------------------------------------------------------------------------------------------
// Direct reference computations (deliberately plain: sort, sum, divide)

/** Hyndman & Fan type 7 on a sorted copy. */
function type7(values: ArrayLike<number>, p: number): number {
  const s = Array.from(values).sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

/**
 * CVaR as the integral of the empirical loss quantile function over the worst tail of mass
 * 1 − α, divided by 1 − α: loss L₍ᵢ₎ (largest first) covers probabilities [(i−1)/n, i/n).
 */
function cvarByIntegral(pnl: ArrayLike<number>, tail: number): number {
  const losses = Array.from(pnl, (x) => -x).sort((a, b) => b - a);
  const n = losses.length;
  let integral = 0;
  for (let i = 0; i < n; i++) {
    const overlap = Math.max(0, Math.min((i + 1) / n, tail) - i / n);
    integral += losses[i] * overlap;
  }
  return integral / tail;
}

function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

function sd(xs: ArrayLike<number>): number {
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}

/** Outcomes of n paths with every per-path quantity given (days of the sums: `days`). */
function outcomesOf(n: number, days = 1, layerNames: string[] = []): PathOutcomes {
  return createPathOutcomes({ firstPath: 0, pathCount: n, days, layerNames });
}

/**
 * A seeded condor-like sample: P&L = 3000 − 2000·e^{0.6 z} (capped gain, heavy loss tail), max
 * drawdown log-normal, and daily SPX/book returns over `days` days with a path-specific beta
 * 0.3 + 0.2·z, so days within a path are correlated through that beta.
 */
function sampleOutcomes(rng: Rng, n: number, days = 5): PathOutcomes {
  const o = outcomesOf(n, days);
  for (let i = 0; i < n; i++) {
    const z = rng.normal();
    o.condorOnly.pnl[i] = 3000 - 2000 * Math.exp(0.6 * z);
    o.condorOnly.maxDrawdown[i] = 1500 * Math.exp(0.5 * rng.normal());
    const betaPath = 0.3 + 0.2 * rng.normal();
    for (let d = 0; d < days; d++) {
      const x = 0.0003 + 0.01 * rng.normal();
      const y = betaPath * x + 0.002 * rng.normal();
      o.spxDailySum[i] += x;
      o.spxDailySumSq[i] += x * x;
      o.condorOnly.dailySum[i] += y;
      o.condorOnly.dailySumSq[i] += y * y;
      o.condorOnly.dailyCrossSpx[i] += x * y;
    }
  }
  return o;
}

const BOOK_OPTIONS = { capital: 100_000, capitalAtRisk: 10_000, horizonDays: 63 };

function summarize(o: PathOutcomes, book: BookOutcomes = o.condorOnly): BookSummary {
  return summarizeBook({
    book,
    spxDailySum: o.spxDailySum,
    spxDailySumSq: o.spxDailySumSq,
    days: o.days,
    ...BOOK_OPTIONS,
  });
}

/** Every value of a JSON-like tree is a finite number, a string, null or a container of those. */
function allFiniteOrNull(x: unknown): boolean {
  if (x === null || typeof x === 'string') return true;
  if (typeof x === 'number') return Number.isFinite(x);
  if (Array.isArray(x)) return x.every(allFiniteOrNull);
  if (typeof x === 'object') return Object.values(x as object).every(allFiniteOrNull);
  return false;
}

// ---------------------------------------------------------------------------------------------

describe('summarizeBook', () => {
  // 30 paths with P&L −1400, −1300, …, 1500 (x_k = 100k − 1500, k = 1 … 30).
  const hand = outcomesOf(30);
  hand.condorOnly.pnl.set(Array.from({ length: 30 }, (_, k) => 100 * (k + 1) - 1500));
  hand.condorOnly.maxDrawdown.set(Array.from({ length: 30 }, (_, k) => 10 * k));
  const handSummary = summarize(hand);

  const handCases: [keyof BookSummary, number, string][] = [
    // field, hand-computed value, how
    ['mean', 50, '100·15.5 − 1500'],
    ['median', 50, 'h = 14.5: (0 + 100)/2'],
    ['probProfit', 15 / 30, 'P&L 100 … 1500 are > 0; 0 is not'],
    ['var95', 1255, 'h = 29·0.05 = 1.45: −(−1300 + 0.45·100)'],
    ['cvar95', (1400 + 0.5 * 1300) / 1.5, 'm = 1.5: worst loss + half the next, over 1.5'],
    ['var99', 1400 - 0.29 * 100, 'h = 0.29: −(−1400 + 0.29·100)'],
    ['cvar99', 1400, 'm = 0.3 < 1: the worst loss'],
    ['maxDrawdownMedian', 145, 'h = 14.5 of 0, 10, …, 290'],
    ['maxDrawdownP95', 275.5, 'h = 27.55 of 0, 10, …, 290'],
    ['returnOnCapitalAtRisk', 50 / 10_000, 'mean / capital at risk'],
  ];
  it.each(handCases)('gives the hand-computed %s = %s (%s)', (field, expected) => {
    expect(handSummary[field]).toBeCloseTo(expected, 9);
  });

  it('gives the pooled OLS beta of the path-days, computed directly from the daily pairs', () => {
    // Two paths of two days; the slope over the four (x, y) points with intercept.
    const xs = [
      [0.01, -0.02],
      [0.015, 0.005],
    ];
    const ys = [
      [0.004, -0.006],
      [0.001, 0.003],
    ];
    const o = outcomesOf(2, 2);
    for (let i = 0; i < 2; i++) {
      for (let d = 0; d < 2; d++) {
        o.spxDailySum[i] += xs[i][d];
        o.spxDailySumSq[i] += xs[i][d] ** 2;
        o.condorOnly.dailySum[i] += ys[i][d];
        o.condorOnly.dailyCrossSpx[i] += xs[i][d] * ys[i][d];
      }
    }
    const x = xs.flat();
    const y = ys.flat();
    const mx = mean(x);
    const my = mean(y);
    const slope =
      x.reduce((s, xi, k) => s + (xi - mx) * (y[k] - my), 0) /
      x.reduce((s, xi) => s + (xi - mx) ** 2, 0);
    expect(summarize(o).beta).toBeCloseTo(slope, 12);
  });

  it('matches direct computations of every statistic on 5,000 seeded paths', () => {
    const o = sampleOutcomes(createRng(11, 0), 5000);
    const s = summarize(o);
    const pnl = o.condorOnly.pnl;
    const r = Array.from(pnl, (x) => x / BOOK_OPTIONS.capital);
    const annual = Math.sqrt(252 / BOOK_OPTIONS.horizonDays);
    const downside = Math.sqrt(mean(r.map((x) => Math.min(x, 0) ** 2)));
    const expected: [keyof BookSummary, number][] = [
      ['mean', mean(pnl)],
      ['median', type7(pnl, 0.5)],
      ['stdev', sd(pnl)],
      ['probProfit', Array.from(pnl).filter((x) => x > 0).length / pnl.length],
      ['var95', -type7(pnl, 0.05)],
      ['cvar95', cvarByIntegral(pnl, 0.05)],
      ['var99', -type7(pnl, 0.01)],
      ['cvar99', cvarByIntegral(pnl, 0.01)],
      ['maxDrawdownMedian', type7(o.condorOnly.maxDrawdown, 0.5)],
      ['maxDrawdownP95', type7(o.condorOnly.maxDrawdown, 0.95)],
      ['sharpe', (mean(r) / sd(r)) * annual],
      ['sortino', (mean(r) / downside) * annual],
      ['returnOnCapitalAtRisk', mean(pnl) / BOOK_OPTIONS.capitalAtRisk],
      ['meanStdErr', sd(pnl) / Math.sqrt(pnl.length)],
    ];
    for (const [field, value] of expected) {
      // Relative 1e-9: the same sums in a different order agree to ~1e-13.
      expect(s[field] as number, field).toBeCloseTo(
        value,
        9 - Math.ceil(Math.log10(Math.abs(value) + 1)),
      );
    }
  });

  it('puts CVaR at or beyond VaR and the 99 % figures beyond the 95 % ones', () => {
    const s = summarize(sampleOutcomes(createRng(12, 0), 5000));
    expect(s.cvar95).toBeGreaterThanOrEqual(s.var95);
    expect(s.cvar99).toBeGreaterThanOrEqual(s.var99);
    expect(s.var99).toBeGreaterThan(s.var95);
    expect(s.cvar99).toBeGreaterThan(s.cvar95);
  });

  // Each SE against the spread of its statistic over 200 independent seeded samples of 2,000
  // paths: the sd of 200 draws is itself uncertain by ~5 % (1/√(2·199)), more for skewed
  // statistics, so the mean reported SE must match it within 20 %.
  it('reports standard errors that match the spread over 200 repeated samples (within 20 %)', () => {
    const reps = 200;
    const fields = [
      'mean',
      'median',
      'stdev',
      'probProfit',
      'var95',
      'cvar95',
      'var99',
      'cvar99',
      'maxDrawdownMedian',
      'maxDrawdownP95',
      'beta',
      'sharpe',
      'sortino',
      'returnOnCapitalAtRisk',
    ] as const;
    const values = new Map<string, number[]>(fields.map((f) => [f, []]));
    const ses = new Map<string, number[]>(fields.map((f) => [f, []]));
    for (let k = 0; k < reps; k++) {
      const s = summarize(sampleOutcomes(createRng(1000 + k, 0), 2000));
      for (const f of fields) {
        values.get(f)!.push(s[f] as number);
        ses.get(f)!.push(s[`${f}StdErr`] as number);
      }
    }
    const ratios = Object.fromEntries(
      fields.map((f) => [f, mean(ses.get(f)!) / sd(values.get(f)!)]),
    );
    for (const f of fields)
      expect(Math.abs(ratios[f] - 1), `${f}: ratio ${ratios[f]}`).toBeLessThan(0.2);
  });

  it('reports null, never NaN, where a figure is undefined: one path, no spread, no capital at risk', () => {
    const one = outcomesOf(1, 1);
    one.condorOnly.pnl[0] = 100;
    const s = summarizeBook({
      book: one.condorOnly,
      spxDailySum: one.spxDailySum,
      spxDailySumSq: one.spxDailySumSq,
      days: 1,
      capital: 1000,
      capitalAtRisk: 0,
      horizonDays: 21,
    });
    expect(allFiniteOrNull(s)).toBe(true);
    expect(s.mean).toBe(100);
    for (const f of [
      'meanStdErr',
      'stdev',
      'medianStdErr',
      'var95StdErr',
      'cvar95StdErr',
      'beta',
      'betaStdErr',
      'sharpe',
      'sortino',
      'returnOnCapitalAtRisk',
    ] as const)
      expect(s[f], f).toBeNull();
  });

  it('gives no Sharpe or Sortino for constant P&L, and no Sortino without a losing path', () => {
    const o = outcomesOf(10);
    o.condorOnly.pnl.fill(50);
    const flat = summarize(o);
    expect([flat.stdev, flat.sharpe, flat.sortino]).toEqual([0, null, null]);
    o.condorOnly.pnl.set([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    const winning = summarize(o);
    expect(winning.sharpe).not.toBeNull();
    expect(winning.sortino).toBeNull();
  });

  it.each([
    ['no paths', () => outcomesOf(0)],
    [
      'a NaN P&L',
      () => {
        const o = outcomesOf(3);
        o.condorOnly.pnl[1] = NaN;
        return o;
      },
    ],
  ])('refuses %s with a RangeError', (_, make) => {
    expect(() => summarize(make())).toThrow(RangeError);
  });
});

describe('pnlHistogram', () => {
  const rng = createRng(21, 0);
  const a = Float64Array.from({ length: 4000 }, () => 3000 - 2000 * Math.exp(0.6 * rng.normal()));
  const b = Float64Array.from(a, (x) => 0.8 * x + 300);

  it('uses common nice edges within the pooled 0.1 %–99.9 % range and at most `bins` bins', () => {
    const h = pnlHistogram({ series: [a, b], bins: 40 });
    const w = h.binWidth!;
    const mantissa = w / 10 ** Math.floor(Math.log10(w));
    expect([1, 2, 2.5, 5].some((m) => Math.abs(mantissa - m) < 1e-9)).toBe(true);
    for (const e of h.edges) expect(Math.abs(e / w - Math.round(e / w))).toBeLessThan(1e-9);
    const pooled = [...a, ...b];
    expect(h.edges[0]).toBeLessThanOrEqual(type7(pooled, 0.001));
    expect(h.edges[0]).toBeGreaterThan(type7(pooled, 0.001) - w);
    expect(h.edges.at(-1)!).toBeGreaterThanOrEqual(type7(pooled, 0.999));
    expect(h.edges.at(-1)!).toBeLessThan(type7(pooled, 0.999) + w);
    expect(h.edges.length - 1).toBeLessThanOrEqual(40);
  });

  it('counts each series by its edges, with outliers in under/overflow', () => {
    const h = pnlHistogram({ series: [a, b] });
    [a, b].forEach((s, j) => {
      const direct = h.edges.slice(0, -1).map((lo, k) => {
        const hi = h.edges[k + 1];
        const last = k === h.edges.length - 2;
        return Array.from(s).filter((x) => x >= lo && (x < hi || (last && x === hi))).length;
      });
      expect(h.counts[j]).toEqual(direct);
      expect(h.underflow[j]).toBe(Array.from(s).filter((x) => x < h.edges[0]).length);
      expect(h.overflow[j]).toBe(Array.from(s).filter((x) => x > h.edges.at(-1)!).length);
    });
  });

  it('does not stretch the axis for a few extreme values', () => {
    const base = pnlHistogram({ series: [a] });
    const withOutliers = Float64Array.from([...a, -1e9, 1e9]);
    const h = pnlHistogram({ series: [withOutliers] });
    expect(h.binWidth).toBe(base.binWidth);
    expect(h.underflow[0]).toBeGreaterThanOrEqual(1);
    expect(h.overflow[0]).toBeGreaterThanOrEqual(1);
  });

  it('puts a constant series in one bin and returns no edges without data', () => {
    const h = pnlHistogram({ series: [new Float64Array(5).fill(250)] });
    expect(h.counts).toEqual([[5]]);
    expect(h.edges[0]).toBeLessThanOrEqual(250);
    expect(h.edges[1]).toBeGreaterThan(250);
    expect(pnlHistogram({ series: [new Float64Array(0)] })).toMatchObject({
      edges: [],
      binWidth: null,
      counts: [[]],
    });
  });
});

/** Paired outcomes: hedged = 0.6·condor + 700 + noise, so the hedge trims losses at a cost. */
function pairedSample(rng: Rng, n: number): PathOutcomes {
  const o = sampleOutcomes(rng, n);
  for (let i = 0; i < n; i++) {
    o.hedged.pnl[i] = 0.6 * o.condorOnly.pnl[i] + 700 + 300 * rng.normal();
    o.hedged.maxDrawdown[i] = 0.7 * o.condorOnly.maxDrawdown[i] + 100 * Math.abs(rng.normal());
    o.hedged.dailySum[i] = 0.5 * o.condorOnly.dailySum[i];
    o.hedged.dailyCrossSpx[i] = 0.5 * o.condorOnly.dailyCrossSpx[i];
  }
  return o;
}

describe('pairedDifference', () => {
  it('equals the difference of the two books’ summary figures', () => {
    const o = pairedSample(createRng(31, 0), 3000);
    const d = pairedDifference({ outcomes: o });
    const c = summarize(o, o.condorOnly);
    const h = summarize(o, o.hedged);
    for (const f of [
      'mean',
      'median',
      'probProfit',
      'var95',
      'cvar95',
      'var99',
      'cvar99',
      'maxDrawdownMedian',
      'maxDrawdownP95',
      'beta',
    ] as const) {
      expect(d[f].estimate!, f).toBeCloseTo((h[f] as number) - (c[f] as number), 8);
    }
    expect(d.absBeta.estimate!).toBeCloseTo(Math.abs(h.beta!) - Math.abs(c.beta!), 12);
  });

  it('is exactly zero with zero standard errors when the hedged book equals the condor', () => {
    const o = sampleOutcomes(createRng(32, 0), 500);
    o.hedged = o.condorOnly;
    const d = pairedDifference({ outcomes: o, resamples: 20 });
    for (const f of ['mean', 'median', 'var95', 'cvar95', 'maxDrawdownP95', 'beta'] as const)
      expect([d[f].estimate, d[f].stdErr], f).toEqual([0, 0]);
  });

  it('is reproducible: the same outcomes give the same bootstrap SEs', () => {
    const o = pairedSample(createRng(33, 0), 800);
    const first = pairedDifference({ outcomes: o, resamples: 50 });
    expect(pairedDifference({ outcomes: o, resamples: 50 })).toEqual(first);
    expect(first.seed).toBe(BOOTSTRAP_SEED);
  });

  // 200 repeated samples of 1,000 paired paths (bootstrap with 100 resamples each, whose own
  // noise of ~7 % averages out over the repetitions); 20 % as for summarizeBook.
  it('reports paired SEs that match the spread of the differences over 200 repeated samples', () => {
    const fields = [
      'mean',
      'median',
      'probProfit',
      'var95',
      'cvar95',
      'var99',
      'cvar99',
      'maxDrawdownMedian',
      'maxDrawdownP95',
      'beta',
      'absBeta',
    ] as const;
    const values = new Map<string, number[]>(fields.map((f) => [f, []]));
    const ses = new Map<string, number[]>(fields.map((f) => [f, []]));
    for (let k = 0; k < 200; k++) {
      const d = pairedDifference({
        outcomes: pairedSample(createRng(2000 + k, 0), 1000),
        resamples: 100,
      });
      for (const f of fields) {
        values.get(f)!.push(d[f].estimate!);
        ses.get(f)!.push(d[f].stdErr!);
      }
    }
    for (const f of fields) {
      const ratio = mean(ses.get(f)!) / sd(values.get(f)!);

      expect(Math.abs(ratio - 1), `${f}: ratio ${ratio}`).toBeLessThan(0.2);
    }
  });

  it('gains from the pairing: the SE of the mean difference is far below the unpaired one', () => {
    const o = pairedSample(createRng(34, 0), 2000);
    const d = pairedDifference({ outcomes: o, resamples: 20 });
    const c = summarize(o, o.condorOnly);
    const h = summarize(o, o.hedged);
    const unpaired = Math.hypot(c.meanStdErr!, h.meanStdErr!);
    expect(d.mean.stdErr!).toBeLessThan(0.5 * unpaired);
  });
});

describe('summarizeLayers', () => {
  it('gives per-path means, SEs and the share of paths where the layer traded', () => {
    const o = outcomesOf(4, 1, ['vix calls']);
    const l = o.layers[0];
    l.pnl.set([-100, -100, 500, 0]);
    l.cost.set([100, 100, 120, 0]);
    l.triggers.set([1, 1, 2, 0]);
    l.rolls.set([0, 1, 1, 0]);
    l.takeProfits.set([0, 0, 1, 0]);
    const [s] = summarizeLayers(o.layers);
    expect(s).toMatchObject({
      name: 'vix calls',
      meanPnl: 75,
      meanCost: 80,
      meanPayoff: (0 + 0 + 620 + 0) / 4,
      triggersPerPath: 1,
      rollsPerPath: 0.5,
      takeProfitsPerPath: 0.25,
      tradedShare: 0.75,
    });
    expect(s.meanPnlStdErr).toBeCloseTo(sd([-100, -100, 500, 0]) / 2, 12);
    expect(s.tradedShareStdErr).toBeCloseTo(Math.sqrt((0.75 * 0.25) / 4), 12);
  });

  it('returns no entries without layers', () => {
    expect(summarizeLayers([])).toEqual([]);
  });
});

describe('calmVsStress', () => {
  it(`splits at max VIX ≥ ${STRESS_MAX_VIX} or SPX drawdown ≥ ${STRESS_SPX_DRAWDOWN} (both inclusive)`, () => {
    const o = outcomesOf(5, 1, ['hedge']);
    o.maxVix.set([20, 30, 25, 29.99, 45]);
    o.spxMaxDrawdown.set([0.05, 0.02, 0.1, 0.0999, 0.3]);
    o.condorOnly.pnl.set([1000, -5000, -3000, 900, -9000]);
    o.hedged.pnl.set([800, -2000, -2500, 750, -4000]);
    const r = calmVsStress({ outcomes: o });
    // calm: paths 0 and 3 (differences −200, −150); stress: 1, 2, 4 (3000, 500, 5000).
    expect(r.calm).toMatchObject({ paths: 2, share: 0.4, hedgeEffect: -175, condorOnlyMean: 950 });
    expect(r.stress).toMatchObject({
      paths: 3,
      share: 0.6,
      hedgeEffect: 8500 / 3,
      hedgedMean: -8500 / 3,
    });
    expect(r.calm.hedgeEffectStdErr).toBeCloseTo(sd([-200, -150]) / Math.SQRT2, 12);
    expect(r.stress.hedgeEffectStdErr).toBeCloseTo(sd([3000, 500, 5000]) / Math.sqrt(3), 12);
    expect(r.definition).toContain('30');
    expect(r.definition).toContain('10 %');
  });

  it('reports an empty group as nulls, not NaN', () => {
    const o = outcomesOf(3);
    o.maxVix.fill(15);
    const r = calmVsStress({ outcomes: o });
    expect(r.stress).toMatchObject({
      paths: 0,
      share: 0,
      hedgeEffect: null,
      hedgeEffectStdErr: null,
    });
    expect(allFiniteOrNull(r)).toBe(true);
  });
});
