/**
 * Seeded, splittable random numbers for the engine: xoshiro128** (Blackman & Vigna 2018,
 * "Scrambled linear pseudorandom number generators", ACM TOMS 47(4), 2021) on 32-bit integers.
 *
 * Reproducibility across workers: every simulated path owns its own stream, keyed by
 * (seed, pathIndex), so a path's numbers do not depend on how paths are split into blocks. The
 * 128-bit state of a stream is derived from the key with a SplitMix-style sequence of the murmur3
 * 32-bit finaliser (Appleby's fmix32): four well-mixed words, where for a fixed seed each word is a
 * bijection of the stream index, so two streams of one seed never share a state.
 *
 * Variates: `uniform` is on the open interval (0, 1) with 2^-32 spacing; `normal` maps ONE uniform
 * through the inverse normal CDF (Wichura AS 241), so every normal consumes exactly one 32-bit
 * draw and there is no hidden spare state; `exponential` is inversion; `poisson` is inversion
 * below mean 30 and Hörmann's PTRS transformed rejection (Hörmann 1993, Insurance: Mathematics
 * and Economics 12) above.
 */
import { normInv } from './math/normal.ts';

/** 2^-32: the spacing of `uniform`. */
const TWO_POW_MINUS_32 = 2.3283064365386963e-10;
/** 2^32 − 1: the largest accepted seed or stream index. */
const MAX_U32 = 0xffffffff;
/** Weyl increment of SplitMix: 2^32 / golden ratio, odd (Steele, Lea & Flood 2014). */
const GOLDEN_GAMMA = 0x9e3779b9;
/** Below this mean the Poisson sampler inverts the CDF (expected cost ~ mean + 1 steps). */
const POISSON_INVERSION_LIMIT = 30;

/**
 * The xoshiro128** states of many paths, structure of arrays: words 4i … 4i+3 are path i's state.
 * Built by {@link pathStreams}; moved in and out of an {@link Rng} with `load` / `store`.
 */
export type PathRngStates = Uint32Array;

/**
 * A xoshiro128** generator. The state lives in four int32 fields so that a hot loop can `load` one
 * path's state from a {@link PathRngStates} array, draw, and `store` it back without allocating.
 *
 * Tested against the reference output of xoshiro128** for the state {1, 2, 3, 4}, with moment tests
 * of every variate (tests/unit/engine/rng.test.ts).
 */
export class Rng {
  // `declare`d, set in the constructor: a class field without a value starts as undefined, and V8
  // then stores a state word that is not a small integer (31 bits in browsers) as a new heap
  // number on every write (see svcj-paths.ts).
  declare s0: number;
  declare s1: number;
  declare s2: number;
  declare s3: number;

  /**
   * A generator with the given state words (each read as a 32-bit integer). The all-zero state is
   * the generator's one fixed point and is rejected. Use {@link createRng} to seed from a key.
   */
  constructor(s0: number, s1: number, s2: number, s3: number) {
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0)
      throw new RangeError('Rng: the all-zero state is not allowed');
  }

  /** The next 32-bit output as an unsigned integer in [0, 2^32 − 1]. */
  nextU32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    let s0 = this.s0;
    let s2 = this.s2 ^ s0;
    let s3 = this.s3 ^ s1;
    this.s1 = s1 ^ s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    this.s0 = s0;
    this.s2 = s2;
    this.s3 = s3;
    return result >>> 0;
  }

  /** Uniform on the open interval (0, 1): (u32 + 0.5)·2^-32, never 0 or 1. */
  uniform(): number {
    return (this.nextU32() + 0.5) * TWO_POW_MINUS_32;
  }

  /**
   * Fills out[0 … count − 1] with the next `count` uniforms, in order (the same values as `count`
   * calls of `uniform`). For hot loops: a double returned by a call that V8 does not inline is
   * boxed on the heap; written into a typed array it is not.
   */
  fillUniforms(out: Float64Array, count: number): void {
    for (let k = 0; k < count; k++) out[k] = (this.nextU32() + 0.5) * TWO_POW_MINUS_32;
  }

  /**
   * Standard normal: `normInv(uniform())`. Exactly one 32-bit draw per normal; |result| ≤ 6.34
   * because the uniform stays 2^-33 away from 0 and 1.
   */
  normal(): number {
    return normInv(this.uniform());
  }

  /** Exponential with the given mean (≥ 0), by inversion: −mean·ln U. One draw. */
  exponential(mean: number): number {
    return -mean * Math.log(this.uniform());
  }

  /**
   * Poisson count with the given mean (≥ 0). Mean < 30: inversion of the CDF, exactly one draw
   * (see {@link poissonInverseCdf}). Mean ≥ 30: PTRS (Hörmann 1993), two draws per trial,
   * acceptance ≈ 0.9. A mean that is negative or not finite gives NaN.
   */
  poisson(mean: number): number {
    if (!(mean >= 0 && mean < Infinity)) return NaN;
    if (mean < POISSON_INVERSION_LIMIT) return poissonInverseCdf(this.uniform(), mean);
    return this.poissonPtrs(mean);
  }

  /** Copy path i's state from `states` (words 4i … 4i+3) into this generator. */
  load(states: PathRngStates, i: number): void {
    const k = 4 * i;
    this.s0 = states[k] | 0;
    this.s1 = states[k + 1] | 0;
    this.s2 = states[k + 2] | 0;
    this.s3 = states[k + 3] | 0;
  }

  /** Write this generator's state into `states` as path i's state. */
  store(states: PathRngStates, i: number): void {
    const k = 4 * i;
    states[k] = this.s0;
    states[k + 1] = this.s1;
    states[k + 2] = this.s2;
    states[k + 3] = this.s3;
  }

  /**
   * PTRS, "transformed rejection with squeeze" (Hörmann 1993, algorithm PTRS), valid for mean ≥ 10;
   * the constants a, b, 1/α and v_r are the paper's.
   */
  private poissonPtrs(mean: number): number {
    const sqrtMean = Math.sqrt(mean);
    const logMean = Math.log(mean);
    const b = 0.931 + 2.53 * sqrtMean;
    const a = -0.059 + 0.02483 * b;
    const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.uniform() - 0.5;
      const v = this.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      const lhs = Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b);
      if (lhs <= -mean + k * logMean - logFactorial(k)) return k;
    }
  }
}

/**
 * The Poisson(mean) quantile of u: the smallest k with P(N ≤ k) ≥ u, by summing the probabilities
 * e^{−m} m^k / k! upward. Expected cost ~ mean + 1 steps, so meant for small means (the path
 * generator's daily jump counts have mean ~0.002–0.05 and call it only when u > e^{−m}); it is
 * exact for any mean where e^{−m} does not underflow (m < 700).
 */
export function poissonInverseCdf(u: number, mean: number): number {
  let p = Math.exp(-mean);
  let cdf = p;
  let k = 0;
  // p > 0 stops the loop if u sits above the rounded total mass (cannot happen for u ≤ 1 − 2^-33
  // and mean < 700, kept so a bad input cannot loop forever).
  while (u > cdf && p > 0) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

/**
 * A generator for stream `stream` of seed `seed` (both integers in 0 … 2^32 − 1). Different
 * streams of one seed are independent for simulation purposes (tested: sample correlations within
 * 4/√n); the same key always gives the same sequence.
 *
 * @throws RangeError naming the value if seed or stream is not an integer in 0 … 2^32 − 1.
 */
export function createRng(seed: number, stream: number): Rng {
  checkU32('seed', seed);
  checkU32('stream', stream);
  const states = new Uint32Array(4);
  writeStreamState(states, 0, seed, stream);
  return new Rng(states[0], states[1], states[2], states[3]);
}

/**
 * The generator states of paths `firstPath` … `firstPath + count − 1` for `seed`: path i's stream
 * is (seed, i), so the states of a path are the same whichever block or worker builds them.
 *
 * @throws RangeError naming the value if seed, firstPath or count is out of range (integers; the
 *   last path index must not exceed 2^32 − 1).
 */
export function pathStreams(seed: number, firstPath: number, count: number): PathRngStates {
  checkU32('seed', seed);
  checkU32('firstPath', firstPath);
  if (!Number.isInteger(count) || count < 0 || firstPath + count - 1 > MAX_U32)
    throw new RangeError(
      `pathStreams: count must be an integer ≥ 0 with firstPath + count − 1 ≤ 2^32 − 1, got ${count}`,
    );
  const states = new Uint32Array(4 * count);
  for (let i = 0; i < count; i++) writeStreamState(states, i, seed, firstPath + i);
  return states;
}

/**
 * Key → state. Word k = fmix32((stream + (k+1)·γ) XOR fmix32(seed + (k+1)·γ)). For a fixed seed
 * every step (add, XOR with a constant, fmix32) is a bijection of the stream, so distinct streams get
 * distinct states; the nonlinear fmix32 after the XOR keeps the state difference of two streams
 * from being the same for every seed (xoshiro is linear over GF(2), so that would carry through).
 */
function writeStreamState(states: Uint32Array, i: number, seed: number, stream: number): void {
  let any = 0;
  for (let k = 0; k < 4; k++) {
    const weyl = Math.imul(k + 1, GOLDEN_GAMMA);
    const seedWord = fmix32((seed + weyl) | 0);
    const word = fmix32(((stream + weyl) | 0) ^ seedWord);
    states[4 * i + k] = word;
    any |= word;
  }
  // The all-zero state (probability 2^-128) would be a fixed point; nudge it.
  if (any === 0) states[4 * i] = 1;
}

/** Murmur3's 32-bit finaliser (Appleby, MurmurHash3 `fmix32`): a bijection with full avalanche. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

function checkU32(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > MAX_U32)
    throw new RangeError(`${name} must be an integer in 0 … 2^32 − 1, got ${value}`);
}

/** ln k! for integer k ≥ 0: table below 64, Stirling's series with three terms above (error < 1e-15). */
function logFactorial(k: number): number {
  if (k < LOG_FACTORIALS.length) return LOG_FACTORIALS[k];
  const x = k + 1;
  const ix2 = 1 / (x * x);
  // ln Γ(x) = (x − ½) ln x − x + ½ ln 2π + 1/(12x) − 1/(360x³) + 1/(1260x⁵) − …
  return (
    (x - 0.5) * Math.log(x) - x + 0.9189385332046728 + (1 / 12 - ix2 * (1 / 360 - ix2 / 1260)) / x
  );
}

const LOG_FACTORIALS = (() => {
  const t = new Float64Array(64);
  for (let k = 1; k < t.length; k++) t[k] = t[k - 1] + Math.log(k);
  return t;
})();
