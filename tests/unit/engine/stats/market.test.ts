import { describe, expect, it } from 'vitest';
import {
  MarketStatsAccumulator,
  marketStatsFromSeries,
  type MarketStats,
} from '../../../../src/engine/stats/market.ts';

/** One path of daily data: r[t] for t = 1 … N (r[0] unused), levels for t = 0 … N. */
interface PathData {
  r: number[];
  vix: number[];
  vix3m: number[];
  vix6m: number[];
  /** undefined = not given that day (the simulation's subsample), NaN = missing. */
  vvix: (number | undefined)[];
}

/** A hand-made 2-path, 40-day series: smooth, positive VIX, some inverted and missing days. */
function handMadePaths(): PathData[] {
  const days = 40;
  return [0, 1].map((p) => {
    const t = Array.from({ length: days + 1 }, (_, i) => i);
    return {
      r: t.map((i) =>
        i === 0
          ? 0
          : 0.012 * Math.sin(0.9 * i + 1.7 * p) + 0.004 * Math.cos(2.3 * i * (p + 1)) - 0.001,
      ),
      vix: t.map((i) => 20 + 6 * Math.sin(0.35 * i + p) + 2 * Math.cos(1.1 * i)),
      vix3m: t.map((i) =>
        p === 0 && i < 5
          ? Number.NaN
          : 20 +
            6 * Math.sin(0.35 * i + p) +
            2 * Math.cos(1.1 * i) +
            1.5 +
            2 * Math.sin(0.5 * i + p),
      ),
      vix6m: t.map((i) =>
        p === 1 && i === 10
          ? Number.NaN
          : 23 + 6 * Math.sin(0.35 * i + p) + 2 * Math.cos(1.1 * i) + Math.cos(0.2 * i),
      ),
      vvix: t.map((i) =>
        i % 4 !== 0 ? undefined : i === 8 && p === 0 ? Number.NaN : 90 + 10 * Math.sin(i + p),
      ),
    };
  });
}

/** Seeded paths: log-VIX AR(1) with returns correlated to its shocks. */
function seededPaths(seed: number, count: number, days: number): PathData[] {
  let a = seed;
  const u = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const z = () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  return Array.from({ length: count }, () => {
    const d: PathData = { r: [0], vix: [], vix3m: [], vix6m: [], vvix: [] };
    let lv = Math.log(15 + 10 * u());
    for (let t = 0; t <= days; t++) {
      if (t > 0) {
        const e = z();
        lv += 0.02 * (Math.log(19) - lv) + 0.07 * e;
        d.r.push(0.0003 - 0.01 * (0.75 * e + 0.66 * z()));
      }
      const vix = Math.exp(lv);
      d.vix.push(vix);
      d.vix3m.push(19 + 0.6 * (vix - 19) + 1.5);
      d.vix6m.push(20 + 0.4 * (vix - 19) + 2);
      d.vvix.push(t % 3 === 0 ? 80 + vix : undefined);
    }
    return d;
  });
}

function feed(acc: MarketStatsAccumulator, paths: PathData[]): void {
  const col = (f: (p: PathData) => number) => Float64Array.from(paths, f);
  acc.observeInitial({
    vix: col((p) => p.vix[0]),
    vix3m: col((p) => p.vix3m[0]),
    vix6m: col((p) => p.vix6m[0]),
    vvix: paths[0].vvix[0] === undefined ? undefined : col((p) => p.vvix[0] as number),
  });
  for (let t = 1; t < paths[0].vix.length; t++) {
    acc.observe({
      logReturn: col((p) => p.r[t]),
      vix: col((p) => p.vix[t]),
      vix3m: col((p) => p.vix3m[t]),
      vix6m: col((p) => p.vix6m[t]),
      vvix: paths[0].vvix[t] === undefined ? undefined : col((p) => p.vvix[t] as number),
    });
  }
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
function type7(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * (s[Math.min(lo + 1, s.length - 1)] - s[lo]);
}

/** The §8 definitions written out as direct batch formulas over all path-days. */
function directStats(paths: PathData[]): MarketStats {
  const n = paths[0].vix.length - 1;
  const vix: number[] = [];
  const r: number[] = [];
  const dv: number[] = [];
  const x: number[] = [];
  const dl: number[] = [];
  const r21: number[] = [];
  const vrp: number[] = [];
  const d3: number[] = [];
  const d6: number[] = [];
  const vvix: number[] = [];
  for (const p of paths) {
    for (let t = 0; t <= n; t++) {
      vix.push(p.vix[t]);
      if (!Number.isNaN(p.vix3m[t])) d3.push(p.vix3m[t] - p.vix[t]);
      if (!Number.isNaN(p.vix6m[t])) d6.push(p.vix6m[t] - p.vix[t]);
      const w = p.vvix[t];
      if (w !== undefined && !Number.isNaN(w)) vvix.push(w);
      if (t >= 1) {
        r.push(p.r[t]);
        dv.push(p.vix[t] - p.vix[t - 1]);
        x.push(Math.log(p.vix[t - 1]));
        dl.push(Math.log(p.vix[t]) - Math.log(p.vix[t - 1]));
      }
      if (t >= 21) r21.push(p.r.slice(t - 20, t + 1).reduce((s, v) => s + v, 0));
      if (t <= n - 21) {
        const sq = p.r.slice(t + 1, t + 22).reduce((s, v) => s + v * v, 0);
        vrp.push(p.vix[t] - 100 * Math.sqrt((252 / 21) * sq));
      }
    }
  }
  const central = (xs: number[], k: number) => {
    const m = mean(xs);
    return xs.reduce((s, v) => s + (v - m) ** k, 0);
  };
  const cross = (a: number[], b: number[]) => {
    const ma = mean(a);
    const mb = mean(b);
    return a.reduce((s, v, i) => s + (v - ma) * (b[i] - mb), 0);
  };
  const phi = 1 + cross(x, dl) / central(x, 2);
  const m2 = central(r, 2);
  return {
    vixMean: mean(vix),
    vixMedian: type7(vix, 0.5),
    vixQ05: type7(vix, 0.05),
    vixQ95: type7(vix, 0.95),
    vixQ99: type7(vix, 0.99),
    corrSpxReturnVixChange: cross(r, dv) / Math.sqrt(central(r, 2) * central(dv, 2)),
    spxRealizedVol: 100 * Math.sqrt(252 * mean(r.map((v) => v * v))),
    vrpPoints: mean(vrp),
    logVixHalfLifeDays: -Math.LN2 / Math.log(phi),
    spxDailyKurtosis: (r.length * central(r, 4)) / (m2 * m2),
    spxDailySkew: (Math.sqrt(r.length) * central(r, 3)) / m2 ** 1.5,
    spx21dQ01: type7(r21, 0.01),
    spx21dQ05: type7(r21, 0.05),
    spxMeanLogReturn: 252 * mean(r),
    vix3mMinusVix: mean(d3),
    vix6mMinusVix: mean(d6),
    vixInvertedShare: d3.filter((d) => d < 0).length / d3.length,
    vixLogChangeVol: Math.sqrt((252 * central(dl, 2)) / (dl.length - 1)),
    vvixMean: mean(vvix),
  };
}

// Quantiles come from histograms (≤ half a bin: 0.005 VIX points, 5e-5 in 21-day log return); every
// other figure is the same sum in another order, so 1e-11 relative covers the rounding.
const QUANTILE_TOL: Partial<Record<keyof MarketStats, number>> = {
  vixMedian: 0.005,
  vixQ05: 0.005,
  vixQ95: 0.005,
  vixQ99: 0.005,
  spx21dQ01: 5e-5,
  spx21dQ05: 5e-5,
};

function expectClose(got: MarketStats, want: MarketStats): void {
  for (const key of Object.keys(want) as (keyof MarketStats)[]) {
    const tol = QUANTILE_TOL[key] ?? 1e-11 * Math.abs(want[key]);
    expect(Math.abs(got[key] - want[key]), key).toBeLessThanOrEqual(tol + 1e-15);
  }
}

describe('MarketStatsAccumulator', () => {
  it('reports exactly the 19 §7 fields', () => {
    const acc = new MarketStatsAccumulator({ pathCount: 2 });
    feed(acc, handMadePaths());
    expect(Object.keys(acc.result()).sort()).toEqual(
      [
        'vixMean',
        'vixMedian',
        'vixQ05',
        'vixQ95',
        'vixQ99',
        'corrSpxReturnVixChange',
        'spxRealizedVol',
        'vrpPoints',
        'logVixHalfLifeDays',
        'spxDailyKurtosis',
        'spxDailySkew',
        'spx21dQ01',
        'spx21dQ05',
        'spxMeanLogReturn',
        'vix3mMinusVix',
        'vix6mMinusVix',
        'vixInvertedShare',
        'vixLogChangeVol',
        'vvixMean',
      ].sort(),
    );
  });

  it('a hand-made 2-path, 40-day series gives the direct batch formulas of every statistic', () => {
    const paths = handMadePaths();
    const acc = new MarketStatsAccumulator({ pathCount: 2 });
    feed(acc, paths);
    const want = directStats(paths);
    for (const v of Object.values(want)) expect(Number.isFinite(v)).toBe(true);
    expectClose(acc.result(), want);
  });

  it('seeded 7-path, 300-day data give the direct batch formulas too', () => {
    const paths = seededPaths(5, 7, 300);
    const acc = new MarketStatsAccumulator({ pathCount: 7 });
    feed(acc, paths);
    expectClose(acc.result(), directStats(paths));
  });

  it('merge(a, b) over a 4 + 3 split of the paths equals one accumulator over all 7', () => {
    const paths = seededPaths(9, 7, 120);
    const all = new MarketStatsAccumulator({ pathCount: 7 });
    feed(all, paths);
    const a = new MarketStatsAccumulator({ pathCount: 4 });
    const b = new MarketStatsAccumulator({ pathCount: 3 });
    feed(a, paths.slice(0, 4));
    feed(b, paths.slice(4));
    a.merge(b);
    expectClose(a.result(), all.result());
    // Histograms add count by count, so the quantiles agree exactly.
    const [ra, rall] = [a.result(), all.result()];
    expect([ra.vixQ05, ra.vixQ99, ra.spx21dQ01]).toEqual([
      rall.vixQ05,
      rall.vixQ99,
      rall.spx21dQ01,
    ]);
  });

  it('merges shards sent as plain data (structured clone), as workers do', () => {
    const paths = seededPaths(13, 6, 60);
    const whole = new MarketStatsAccumulator({ pathCount: 6 });
    feed(whole, paths);
    const shards = [paths.slice(0, 2), paths.slice(2)].map((ps) => {
      const acc = new MarketStatsAccumulator({ pathCount: ps.length });
      feed(acc, ps);
      return structuredClone(acc.state());
    });
    const merged = MarketStatsAccumulator.fromState(shards[0]);
    merged.merge(shards[1]);
    expectClose(merged.result(), whole.result());
    expect(MarketStatsAccumulator.fromState(structuredClone(whole.state())).result()).toEqual(
      whole.result(),
    );
  });

  it('serialises to plain data whose numbers are all finite, even with no out-of-range values', () => {
    const acc = new MarketStatsAccumulator({ pathCount: 3 });
    feed(acc, seededPaths(15, 3, 30));
    const numbers: number[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'number') numbers.push(v);
      else if (ArrayBuffer.isView(v)) numbers.push(...(v as Float64Array));
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(acc.state());
    expect(numbers.length).toBeGreaterThan(30);
    expect(numbers.every(Number.isFinite)).toBe(true);
  });

  it('keeps the return moments exact when every path shares a −20 % gap day', () => {
    const paths = seededPaths(17, 50, 60);
    for (const p of paths) p.r[30] += -0.2;
    const acc = new MarketStatsAccumulator({ pathCount: 50 });
    feed(acc, paths);
    const want = directStats(paths);
    const got = acc.result();
    for (const key of ['spxDailyKurtosis', 'spxDailySkew', 'spxRealizedVol'] as const) {
      expect(Math.abs(got[key] / want[key] - 1), key).toBeLessThan(1e-11);
    }
  });

  it('gives NaN for figures nothing fed: no VIX3M, no VVIX, too few days for 21-day windows', () => {
    const acc = new MarketStatsAccumulator({ pathCount: 1 });
    acc.observeInitial(Float64Array.of(20));
    acc.observe({ logReturn: Float64Array.of(0.01), vix: Float64Array.of(19) });
    const s = acc.result();
    for (const key of [
      'vix3mMinusVix',
      'vixInvertedShare',
      'vvixMean',
      'vrpPoints',
      'spx21dQ01',
    ] as const) {
      expect(s[key], key).toBeNaN();
    }
    expect(s.vixMean).toBeCloseTo(19.5, 12);
  });

  it.each([
    ['a NaN return', Number.NaN, 20],
    ['an infinite return', Infinity, 20],
    ['a zero VIX', 0.01, 0],
    ['a negative VIX', 0.01, -3],
    ['a NaN VIX', 0.01, Number.NaN],
  ])('throws a RangeError on %s and refuses every later call', (_, ret, vix) => {
    const acc = new MarketStatsAccumulator({ pathCount: 2 });
    acc.observeInitial(Float64Array.of(20, 21));
    const day = { logReturn: Float64Array.of(0.001, ret), vix: Float64Array.of(20, vix) };
    expect(() => acc.observe(day)).toThrow(RangeError);
    const good = { logReturn: Float64Array.of(0, 0), vix: Float64Array.of(20, 20) };
    expect(() => acc.observe(good)).toThrow(RangeError);
  });

  it('requires day 0 first, once, and arrays holding pathCount values', () => {
    const acc = new MarketStatsAccumulator({ pathCount: 3 });
    const day = { logReturn: new Float64Array(3), vix: Float64Array.of(20, 20, 20) };
    expect(() => acc.observe(day)).toThrow(/observeInitial/);
    expect(() => acc.observeInitial(Float64Array.of(20, 20))).toThrow(RangeError);
    acc.observeInitial(Float64Array.of(20, 20, 20));
    expect(() => acc.observeInitial(Float64Array.of(20, 20, 20))).toThrow(/already/);
    expect(() => new MarketStatsAccumulator({ pathCount: -1 })).toThrow(RangeError);
  });
});

describe('marketStatsFromSeries', () => {
  const path = seededPaths(21, 1, 250)[0];
  const spxClose = path.r.map(
    (_, t) => 4000 * Math.exp(path.r.slice(1, t + 1).reduce((s, v) => s + v, 0)),
  );

  it('runs a historical series through the same accumulator (1 path, day 0 = first row)', () => {
    const acc = new MarketStatsAccumulator({ pathCount: 1 });
    feed(acc, [path]);
    const got = marketStatsFromSeries({
      spxClose,
      vix: path.vix,
      vix3m: path.vix3m,
      vix6m: path.vix6m,
      vvix: path.vvix.map((v) => v ?? Number.NaN),
    });
    expectClose(got, acc.result());
  });

  it('without SPX closes reports the SPX figures as NaN and the VIX figures as usual', () => {
    const got = marketStatsFromSeries({ vix: path.vix, vix3m: path.vix3m });
    const want = directStats([path]);
    for (const key of [
      'spxRealizedVol',
      'vrpPoints',
      'corrSpxReturnVixChange',
      'spx21dQ05',
    ] as const) {
      expect(got[key], key).toBeNaN();
    }
    expect(got.vixMean).toBeCloseTo(want.vixMean, 10);
    expect(got.vix3mMinusVix).toBeCloseTo(want.vix3mMinusVix, 10);
    expect(got.logVixHalfLifeDays).toBeCloseTo(want.logVixHalfLifeDays, 8);
  });

  it('refuses series of different lengths', () => {
    expect(() => marketStatsFromSeries({ vix: [20, 21], vix3m: [22] })).toThrow(RangeError);
  });
});
