/**
 * Exact sampling of the risk-neutral variance v_T for the nested Monte Carlo checks of the VIX
 * pricers (test helper, not engine code).
 *
 * - CIR transition: v_T = c₀·χ'²(d, λ₀) with χ'²(d, λ₀) = 2·Gamma(d/2 + N), N ~ Poisson(λ₀/2)
 *   (the Poisson mixture of central χ² laws; Glasserman 2004 §3.4), Gamma by Marsaglia & Tsang (2000).
 * - Exponential variance jumps: the number of jumps on [0, T] is Poisson(λT), their times are
 *   uniform order statistics; exact CIR steps between them and an Exp(μ_v) jump added at each.
 * Uniforms from sfc32 (Doty-Humphrey's small fast counting generator), normals by inversion.
 */

import { normInv } from '../../../../src/engine/math/normal.ts';

export interface Rng {
  uniform(): number;
  normal(): number;
}

/** sfc32 seeded from one integer; uniforms in (0, 1) with 53 random bits. */
export function createRng(seed: number): Rng {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 16; i++) next32();
  const uniform = (): number =>
    ((next32() >>> 5) * 67108864 + (next32() >>> 6) + 0.5) / 9007199254740992;
  return { uniform, normal: () => normInv(uniform()) };
}

/** Gamma(shape, 1), Marsaglia–Tsang; shape < 1 by the u^{1/shape} boost. */
export function sampleGamma(rng: Rng, shape: number): number {
  if (shape < 1) return sampleGamma(rng, shape + 1) * Math.pow(rng.uniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.normal();
    const t = 1 + c * x;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = rng.uniform();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/**
 * Poisson(mean) by sequential inversion; large means are split into a sum of independent Poisson
 * variables of mean ≤ 500 (exact by additivity), keeping e^{−mean} representable.
 */
export function samplePoisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 500) {
    const parts = Math.ceil(mean / 500);
    let total = 0;
    for (let i = 0; i < parts; i++) total += samplePoisson(rng, mean / parts);
    return total;
  }
  const u = rng.uniform();
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  while (cdf < u && k < 100_000) {
    k += 1;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

export interface VarianceModel {
  kappa: number;
  theta: number;
  sigma: number;
  jumpIntensity?: number;
  jumpMean?: number;
}

/** One exact CIR transition over `time` from v. */
export function sampleCir(rng: Rng, model: VarianceModel, v: number, time: number): number {
  if (time <= 0) return v;
  const { kappa, theta, sigma } = model;
  const e = Math.exp(-kappa * time);
  const c0 = (sigma * sigma * (1 - e)) / (4 * kappa);
  const d = (4 * kappa * theta) / (sigma * sigma);
  const ncp = (v * e) / c0;
  const n = samplePoisson(rng, ncp / 2);
  return c0 * 2 * sampleGamma(rng, d / 2 + n);
}

/** v_T given v_0 = v, with exponential variance jumps when the model has them. */
export function sampleVariance(rng: Rng, model: VarianceModel, v: number, time: number): number {
  const lambda = model.jumpIntensity ?? 0;
  const mu = model.jumpMean ?? 0;
  if (!(lambda > 0 && mu > 0)) return sampleCir(rng, model, v, time);
  const count = samplePoisson(rng, lambda * time);
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(rng.uniform() * time);
  times.sort((x, y) => x - y);
  let t = 0;
  let x = v;
  for (const s of times) {
    x = sampleCir(rng, model, x, s - t) - mu * Math.log(rng.uniform());
    t = s;
  }
  return sampleCir(rng, model, x, time - t);
}

/** Sample mean and its standard error. */
export function meanAndError(values: Float64Array): { mean: number; stdErr: number } {
  let sum = 0;
  for (const x of values) sum += x;
  const mean = sum / values.length;
  let ss = 0;
  for (const x of values) ss += (x - mean) * (x - mean);
  return { mean, stdErr: Math.sqrt(ss / (values.length - 1) / values.length) };
}
