import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  blackScholes,
  type BlackScholesResult,
  type OptionType,
} from '../../../../src/engine/pricing/black-scholes.ts';
import { hestonPrice } from '../../../../src/engine/pricing/heston-price.ts';

// Every SPX-side vector of shared/reference/pricing-vectors.json, each within its own
// `tolerance_suggested`: Black–Scholes–Merton (Haug's tables via QuantLib, Hull's examples), Alan
// Lewis' 50-digit Heston prices, Merton-76 jump-diffusion (QuantLib-corrected Haug values) and
// Bates (XploRe's coarse-FFT example values).
const path = fileURLToPath(
  new URL('../../../../../shared/reference/pricing-vectors.json', import.meta.url),
);
const available = existsSync(path);

interface Vector {
  model: string;
  inputs: Record<string, number | string>;
  expected: number;
  tolerance_suggested: number;
  source: string;
}

const vectors: Vector[] = available ? JSON.parse(readFileSync(path, 'utf8')) : [];
const MERTON = 'merton76_jump_diffusion (= Bates with sigma_v->0)';
const byModel = (model: string): [string, Vector][] =>
  vectors.filter((x) => x.model === model).map((x) => [JSON.stringify(x.inputs), x]);
const num = (x: number | string): number => Number(x);

let passed = 0;
const check = (actual: number, x: Vector) => {
  expect(Math.abs(actual - x.expected)).toBeLessThanOrEqual(x.tolerance_suggested);
  passed++;
};

/**
 * Merton (1976, eq. 19) as an independent series: given n jumps the price is Black–Scholes with
 * vol σ_n² = σ² + nδ²/T and a forward that grows at r_n = r − λk̄ + n ln(1 + k̄)/T
 * (1 + k̄ = e^{μ_J + δ²/2}); discounting that term at r instead of r_n turns the Poisson(λT)
 * weights into Poisson(λ'T) weights, λ' = λ(1 + k̄).
 */
function mertonSeries(i: Record<string, number | string>): number {
  const [spot, strike, rate, q, time] = [i.S, i.K, i.r, i.q, i.T].map(num);
  const [vol, lambda, mu, delta] = [
    i.diffusion_vol,
    i.jump_intensity,
    i.mean_log_jump,
    i.log_jump_vol,
  ].map(num);
  const onePlusK = Math.exp(mu + 0.5 * delta * delta);
  const lambdaPrime = lambda * onePlusK;
  let weight = Math.exp(-lambdaPrime * time);
  let sum = 0;
  for (let n = 0; n < 200; n++) {
    if (n > 0) weight *= (lambdaPrime * time) / n;
    const price = blackScholes({
      type: i.type as OptionType,
      spot,
      strike,
      time,
      rate: rate - lambda * (onePlusK - 1) + (n * Math.log(onePlusK)) / time,
      dividendYield: q,
      vol: Math.sqrt(vol * vol + (n * delta * delta) / time),
    }).price;
    sum += weight * price;
    if (n > lambdaPrime * time && weight * spot < 1e-17) break;
  }
  return sum;
}

describe.skipIf(!available)(
  `SPX reference vectors${available ? '' : ` (SKIPPED: ${path} missing)`}`,
  () => {
    afterAll(() => {
      console.log(`pricing-vectors-spx: ${passed} SPX-side reference checks passed`);
    });

    it('the file holds 47 Black–Scholes–Merton, 14 Heston, 10 Merton-76 and 3 Bates vectors', () => {
      const counts = ['black_scholes_merton', 'heston', MERTON, 'bates'].map(
        (m) => byModel(m).length,
      );
      expect(counts).toEqual([47, 14, 10, 3]);
    });

    it.each(byModel('black_scholes_merton'))('black_scholes_merton %s', (_, x) => {
      const i = x.inputs;
      const result = blackScholes({
        type: i.type as OptionType,
        spot: num(i.S),
        strike: num(i.K),
        time: num(i.T),
        rate: num(i.r),
        dividendYield: num(i.q),
        vol: num(i.vol),
      });
      // Every quantity a vector may ask for; an unknown one fails the test rather than passing.
      const quantity = (i.quantity ?? 'price') as keyof BlackScholesResult;
      expect(['price', 'delta', 'gamma', 'vega', 'theta', 'rho']).toContain(quantity);
      check(result[quantity], x);
    });

    it.each(byModel('heston'))('heston %s (Lewis integral)', (_, x) => {
      const i = x.inputs;
      const price = hestonPrice({
        type: i.type as OptionType,
        spot: num(i.S),
        strike: num(i.K),
        time: num(i.T),
        rate: num(i.r),
        dividendYield: num(i.q),
        v0: num(i.v0),
        kappa: num(i.kappa),
        theta: num(i.theta),
        sigma: num(i.sigma),
        rho: num(i.rho),
      });
      check(price, x);
    });

    it.each(byModel(MERTON))(
      'merton76 %s (Bates with σ_v = 0 and v₀ = θ = σ², and the Merton series to 1e-10)',
      (_, x) => {
        const i = x.inputs;
        const variance = num(i.diffusion_vol) ** 2;
        const price = hestonPrice({
          type: i.type as OptionType,
          spot: num(i.S),
          strike: num(i.K),
          time: num(i.T),
          rate: num(i.r),
          dividendYield: num(i.q),
          v0: variance,
          kappa: 1,
          theta: variance,
          sigma: 0,
          rho: 0,
          jumps: {
            intensity: num(i.jump_intensity),
            meanLog: num(i.mean_log_jump),
            sdLog: num(i.log_jump_vol),
          },
        });
        expect(Math.abs(price - mertonSeries(i))).toBeLessThan(1e-10);
        check(price, x);
      },
    );

    it.each(byModel('bates'))('bates %s (published from a coarse FFT, tol 0.02)', (_, x) => {
      const i = x.inputs;
      const price = hestonPrice({
        type: i.type as OptionType,
        spot: num(i.S),
        strike: num(i.K),
        time: num(i.T),
        rate: num(i.r),
        dividendYield: num(i.q),
        v0: num(i.v0),
        kappa: num(i.kappa),
        theta: num(i.theta),
        sigma: num(i.sigma),
        rho: num(i.rho),
        jumps: {
          intensity: num(i.jump_intensity),
          meanLog: num(i.mean_log_jump),
          sdLog: num(i.log_jump_vol),
        },
      });
      check(price, x);
    });
  },
);
