import { describe, expect, it } from 'vitest';
import { Rng, createRng, pathStreams, poissonInverseCdf } from '../../../src/engine/rng.ts';

/** Sample mean, variance (n − 1) and the standardised fourth moment of `xs`. */
function moments(xs: Float64Array): { mean: number; variance: number; kurtosis: number } {
  const n = xs.length;
  let mean = 0;
  for (const x of xs) mean += x;
  mean /= n;
  let m2 = 0;
  let m4 = 0;
  for (const x of xs) {
    const d2 = (x - mean) * (x - mean);
    m2 += d2;
    m4 += d2 * d2;
  }
  return { mean, variance: m2 / (n - 1), kurtosis: m4 / n / ((m2 / n) * (m2 / n)) };
}

function draws(n: number, draw: () => number): Float64Array {
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = draw();
  return xs;
}

function correlation(xs: Float64Array, ys: Float64Array): number {
  const a = moments(xs);
  const b = moments(ys);
  let c = 0;
  for (let i = 0; i < xs.length; i++) c += (xs[i] - a.mean) * (ys[i] - b.mean);
  return c / (xs.length - 1) / Math.sqrt(a.variance * b.variance);
}

describe('xoshiro128** core', () => {
  it('reproduces the reference output of xoshiro128** from the state {1, 2, 3, 4}', () => {
    // Blackman & Vigna's xoshiro128starstar.c next(), compiled with gcc and run from s = {1,2,3,4}.
    // (A sequence quoted in the project brief, …, 2031216768, 1090863109, differs from the 5th value
    // on; the C reference gives the values below, and an independent big-integer transcription agrees.)
    const rng = new Rng(1, 2, 3, 4);
    const expected = [
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597,
      4258142804,
    ];
    expect(expected.map(() => rng.nextU32())).toEqual(expected);
  });

  it('rejects the all-zero state, the one fixed point of the generator', () => {
    expect(() => new Rng(0, 0, 0, 0)).toThrow(RangeError);
  });

  it.each([
    [0, [3572665281, 765806771, 3986940835, 1916394147]],
    [1, [2740617185, 659978312, 4243446171, 2479546096]],
  ])('seed 42, stream %i starts with its pinned golden values', (stream, expected) => {
    const rng = createRng(42, stream);
    expect(expected.map(() => rng.nextU32())).toEqual(expected);
  });
});

describe('seeding and streams', () => {
  it.each([0, 1, 2 ** 31, 2 ** 32 - 1])('accepts seed %d', (seed) => {
    expect(() => createRng(seed, 0)).not.toThrow();
  });

  it.each([-1, 2 ** 32, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'rejects seed %d with a RangeError naming the value',
    (seed) => {
      expect(() => createRng(seed, 0)).toThrow(RangeError);
      expect(() => createRng(seed, 0)).toThrow(String(seed));
      expect(() => pathStreams(seed, 0, 1)).toThrow(String(seed));
    },
  );

  it('rejects a block whose last path index exceeds 2^32 − 1', () => {
    expect(() => pathStreams(1, 2 ** 32 - 2, 3)).toThrow(RangeError);
    expect(() => pathStreams(1, 2 ** 32 - 2, 2)).not.toThrow();
  });

  it('gives path i of pathStreams the same sequence as createRng(seed, firstPath + i)', () => {
    const states = pathStreams(7, 1000, 5);
    const fromBlock = new Rng(1, 0, 0, 0);
    for (let i = 0; i < 5; i++) {
      fromBlock.load(states, i);
      const direct = createRng(7, 1000 + i);
      for (let k = 0; k < 20; k++) expect(fromBlock.nextU32()).toBe(direct.nextU32());
    }
  });

  it('continues the same sequence after a store/load round trip through the state array', () => {
    const states = pathStreams(3, 0, 2);
    const reference = new Rng(1, 0, 0, 0);
    reference.load(states, 1);
    const expected = draws(10, () => reference.nextU32());

    const rng = new Rng(1, 0, 0, 0);
    rng.load(states, 1);
    const head = draws(4, () => rng.nextU32());
    rng.store(states, 1);
    const other = createRng(99, 99);
    other.load(states, 1);
    const tail = draws(6, () => other.nextU32());
    expect([...head, ...tail]).toEqual([...expected]);
  });

  const n = 100_000;
  it(`two streams of one seed are uncorrelated (|corr| < 4/√n, n = ${n})`, () => {
    const a = createRng(42, 0);
    const b = createRng(42, 1);
    expect(
      Math.abs(
        correlation(
          draws(n, () => a.normal()),
          draws(n, () => b.normal()),
        ),
      ),
    ).toBeLessThan(4 / Math.sqrt(n));
  });

  it(`stream s of two adjacent seeds are uncorrelated (|corr| < 4/√n, n = ${n})`, () => {
    const a = createRng(42, 5);
    const b = createRng(43, 5);
    expect(
      Math.abs(
        correlation(
          draws(n, () => a.normal()),
          draws(n, () => b.normal()),
        ),
      ),
    ).toBeLessThan(4 / Math.sqrt(n));
  });

  it.each([0, 1, 9])(
    `draw number %i of adjacent path streams is uncorrelated across ${n} paths (|corr| < 4/√n)`,
    (drawIndex) => {
      // What the path generator relies on: path i and path i + 1 see unrelated numbers on each day.
      const states = pathStreams(42, 0, n + 1);
      const rng = new Rng(1, 0, 0, 0);
      const xs = new Float64Array(n + 1);
      for (let i = 0; i <= n; i++) {
        rng.load(states, i);
        for (let k = 0; k < drawIndex; k++) rng.nextU32();
        xs[i] = rng.normal();
      }
      expect(Math.abs(correlation(xs.subarray(0, n), xs.subarray(1)))).toBeLessThan(
        4 / Math.sqrt(n),
      );
    },
  );
});

describe('variates (1e6 draws unless stated, tolerances 4 standard errors)', () => {
  const n = 1_000_000;

  it('uniform lies in the open interval (0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = createRng(1, 0);
    const xs = draws(n, () => rng.uniform());
    expect(Math.min(...xs.subarray(0, 100_000))).toBeGreaterThan(0);
    expect(Math.max(...xs.subarray(0, 100_000))).toBeLessThan(1);
    const { mean, variance } = moments(xs);
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    // Var of the sample variance ≈ (μ₄ − σ⁴)/n = (1/80 − 1/144)/n = 1/(180 n).
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(4 * Math.sqrt(1 / 180 / n));
  });

  it('uniform maps the extreme 32-bit outputs 2^-33 inside the interval', () => {
    expect(new Rng(0, 0, 0, 1).uniform()).toBe(2 ** -33);
    const allOnes = new Rng(1, 0, 0, 0);
    allOnes.nextU32 = () => 0xffffffff;
    expect(allOnes.uniform()).toBe(1 - 2 ** -33);
  });

  it('normal has mean 0, variance 1 and kurtosis 3', () => {
    const rng = createRng(2, 0);
    const { mean, variance, kurtosis } = moments(draws(n, () => rng.normal()));
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    expect(Math.abs(kurtosis - 3)).toBeLessThan(4 * Math.sqrt(24 / n));
  });

  it('fillUniforms writes the same values, in order, as that many uniform() calls', () => {
    const a = createRng(7, 3);
    const b = createRng(7, 3);
    const out = new Float64Array(5).fill(-1);
    a.fillUniforms(out, 4);
    expect(Array.from(out)).toEqual([b.uniform(), b.uniform(), b.uniform(), b.uniform(), -1]);
    expect(a.uniform()).toBe(b.uniform());
  });

  it('normal consumes exactly one 32-bit draw', () => {
    const a = createRng(5, 5);
    const b = createRng(5, 5);
    for (let k = 0; k < 1000; k++) a.normal();
    for (let k = 0; k < 1000; k++) b.nextU32();
    expect(a.nextU32()).toBe(b.nextU32());
  });

  it.each([0.25, 3])('exponential(%d) has that mean (SE = mean/√n)', (mean) => {
    const rng = createRng(3, 0);
    const m = moments(draws(n, () => rng.exponential(mean)));
    expect(Math.abs(m.mean - mean)).toBeLessThan((4 * mean) / Math.sqrt(n));
  });

  it.each([0.01, 0.5, 3, 40])(
    'poisson(%d) has mean and variance equal to its mean (2e5 draws)',
    (lambda) => {
      const m = 200_000;
      const rng = createRng(4, 0);
      const xs = draws(m, () => rng.poisson(lambda));
      const { mean, variance } = moments(xs);
      expect(xs.every((k) => Number.isInteger(k) && k >= 0)).toBe(true);
      expect(Math.abs(mean - lambda)).toBeLessThan(4 * Math.sqrt(lambda / m));
      // Var of the sample variance ≈ (μ₄ − σ⁴)/n with the Poisson μ₄ = λ + 3λ².
      expect(Math.abs(variance - lambda)).toBeLessThan(
        4 * Math.sqrt((lambda + 2 * lambda * lambda) / m),
      );
    },
  );

  it.each([
    [3, 0, Math.exp(-3)],
    [3, 3, (Math.exp(-3) * 27) / 6],
    [40, 40, Math.exp(40 * Math.log(40) - 40 - 110.32063971475738)], // ln 40! = 110.3206…
    [40, 30, Math.exp(30 * Math.log(40) - 40 - 74.65823634883017)], // ln 30! = 74.6582…
  ])(
    'poisson(%d) hits k = %d with probability %f (inversion and PTRS, 2e5 draws)',
    (lambda, k, p) => {
      const m = 200_000;
      const rng = createRng(6, 0);
      let hits = 0;
      for (let i = 0; i < m; i++) if (rng.poisson(lambda) === k) hits++;
      expect(Math.abs(hits / m - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / m));
    },
  );

  it('poisson(0) is 0 and a negative or infinite mean gives NaN', () => {
    const rng = createRng(1, 1);
    expect(rng.poisson(0)).toBe(0);
    expect(rng.poisson(-1)).toBeNaN();
    expect(rng.poisson(Infinity)).toBeNaN();
  });

  it('poissonInverseCdf returns the smallest k with P(N ≤ k) ≥ u', () => {
    const mean = 0.02;
    const p0 = Math.exp(-mean);
    const p1 = p0 * mean;
    expect(poissonInverseCdf(p0 * (1 - 1e-12), mean)).toBe(0);
    expect(poissonInverseCdf(p0 * (1 + 1e-12), mean)).toBe(1);
    expect(poissonInverseCdf((p0 + p1) * (1 + 1e-12), mean)).toBe(2);
  });
});
