import { describe, expect, it } from 'vitest';
import { CoMoments, Moments } from '../../../../src/engine/stats/moments.ts';

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Skewed, heavy-tailed sample around a large offset: naive Σx² would lose ~12 of 16 digits. */
function sample(seed: number, n: number, offset: number): number[] {
  const u = mulberry32(seed);
  return Array.from({ length: n }, () => {
    const z = Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
    return offset + Math.exp(0.5 * z) - 1;
  });
}

/**
 * Reference: the corrected two-pass algorithm (Chan, Golub & LeVeque 1983, eq. 1.7) — mean from
 * differences to x₀ (exact subtractions near the offset), refined by the mean residual, then
 * central sums.
 */
function twoPass(xs: readonly number[]) {
  const n = xs.length;
  const x0 = xs[0];
  let mean = x0 + xs.reduce((s, x) => s + (x - x0), 0) / n;
  mean += xs.reduce((s, x) => s + (x - mean), 0) / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const x of xs) {
    const d = x - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  return {
    mean,
    variance: m2 / (n - 1),
    skewness: (Math.sqrt(n) * m3) / m2 ** 1.5,
    kurtosis: (n * m4) / (m2 * m2),
  };
}

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

// At a 1e6 offset the mean itself is a double with up to ulp(1e6)/2 = 5.8e-11 of rounding, which
// shifts every deviation alike and moves M3 by ~3·5.8e-11·M2: ~2e-10 relative for this sample, in
// the reference as much as in the accumulator. 1e-9 is above that floor; a formula error or naive
// power sums (which lose ~12 digits here: (1e6/0.6)² ≈ 3e12) fail it by orders of magnitude.
const TOL = 1e-9;

describe('Moments', () => {
  const xs = sample(1, 100_000, 1e6);
  const ref = twoPass(xs);

  it.each([
    ['as one block', (m: Moments) => m.addValues(xs)],
    ['one value at a time', (m: Moments) => xs.forEach((x) => m.add(x))],
    [
      'in blocks of 7',
      (m: Moments) => {
        for (let i = 0; i < xs.length; i += 7) m.addValues(xs.slice(i, i + 7));
      },
    ],
  ])('matches the two-pass formulas at a 1e6 offset when fed %s (1e-9 relative)', (_, feed) => {
    const m = new Moments();
    feed(m);
    expect(m.count).toBe(xs.length);
    expect(relErr(m.mean, ref.mean)).toBeLessThan(1e-14);
    expect(relErr(m.variance(), ref.variance)).toBeLessThan(TOL);
    expect(relErr(m.skewness(), ref.skewness)).toBeLessThan(TOL);
    expect(relErr(m.kurtosis(), ref.kurtosis)).toBeLessThan(TOL);
  });

  it('merge(a, b) equals one accumulator over both sets', () => {
    const a = new Moments();
    const b = new Moments();
    a.addValues(xs.slice(0, 30_000));
    b.addValues(xs.slice(30_000));
    a.merge(b);
    expect(relErr(a.variance(), ref.variance)).toBeLessThan(TOL);
    expect(relErr(a.skewness(), ref.skewness)).toBeLessThan(TOL);
    expect(relErr(a.kurtosis(), ref.kurtosis)).toBeLessThan(TOL);
  });

  it.each([
    // {0, 0, 1}: mean 1/3, M2 = 2/3, M3 = 2/9, M4 = 2/9 → g1 = 1/√2, kurtosis = 3/2.
    [[0, 0, 1], 1 / Math.SQRT2, 1.5],
    // {−1, 1}: symmetric two-point law, kurtosis 1 (the minimum; excess would be −2).
    [[-1, 1], 0, 1],
  ])('skewness and plain (non-excess) kurtosis of %j are the hand values', (values, skew, kurt) => {
    const m = new Moments();
    m.addValues(values);
    expect(m.skewness()).toBeCloseTo(skew, 14);
    expect(m.kurtosis()).toBeCloseTo(kurt, 14);
  });

  it('skips NaN, and reports NaN when there are too few values', () => {
    const m = new Moments();
    m.addValues([Number.NaN, 2]);
    expect(m.count).toBe(1);
    expect(m.variance()).toBeNaN();
    expect(m.variance(0)).toBe(0);
    expect(m.kurtosis()).toBeNaN();
    expect(new Moments().meanSquare()).toBeNaN();
  });

  it('meanSquare is Σx²/n', () => {
    const m = new Moments();
    m.addValues([1, 2, 3, 4]);
    expect(m.meanSquare()).toBeCloseTo(30 / 4, 14);
  });

  it('round-trips through plain data', () => {
    const m = new Moments();
    m.addValues(xs.slice(0, 100));
    expect(Moments.fromState(structuredClone(m.state())).state()).toEqual(m.state());
  });
});

describe('CoMoments', () => {
  const xs = sample(2, 50_000, 3);
  const noise = sample(3, 50_000, 0);
  const ys = xs.map((x, i) => -0.7 * x + noise[i] + 100);

  function direct() {
    const n = xs.length;
    const mx = xs.reduce((s, x) => s + x, 0) / n;
    const my = ys.reduce((s, y) => s + y, 0) / n;
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    for (let i = 0; i < n; i++) {
      sxx += (xs[i] - mx) ** 2;
      syy += (ys[i] - my) ** 2;
      sxy += (xs[i] - mx) * (ys[i] - my);
    }
    return {
      cov: sxy / (n - 1),
      corr: sxy / Math.sqrt(sxx * syy),
      slope: sxy / sxx,
      vy: syy / (n - 1),
    };
  }
  const ref = direct();

  it('covariance, correlation, OLS slope and variances match two-pass formulas (1e-9 relative)', () => {
    const c = new CoMoments();
    c.addValues(xs, ys);
    expect(relErr(c.covariance(), ref.cov)).toBeLessThan(TOL);
    expect(relErr(c.correlation(), ref.corr)).toBeLessThan(TOL);
    expect(relErr(c.slope(), ref.slope)).toBeLessThan(TOL);
    expect(relErr(c.varianceY(), ref.vy)).toBeLessThan(TOL);
  });

  it('merge of shards and pair-by-pair updates equal one block', () => {
    const a = new CoMoments();
    const b = new CoMoments();
    a.addValues(xs.slice(0, 20_000), ys.slice(0, 20_000));
    for (let i = 20_000; i < xs.length; i++) b.add(xs[i], ys[i]);
    a.merge(b);
    expect(a.count).toBe(xs.length);
    expect(relErr(a.correlation(), ref.corr)).toBeLessThan(TOL);
    expect(relErr(a.slope(), ref.slope)).toBeLessThan(TOL);
  });

  it('skips pairs with a NaN and gives NaN correlation without spread', () => {
    const c = new CoMoments();
    c.addValues([1, Number.NaN, 1], [2, 3, 5]);
    expect(c.count).toBe(2);
    expect(c.correlation()).toBeNaN();
    expect(c.slope()).toBeNaN();
  });
});
