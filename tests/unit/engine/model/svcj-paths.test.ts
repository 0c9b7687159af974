import { describe, expect, it } from 'vitest';
import type { MarketParams } from '../../../../src/engine/model/market-params.ts';
import { hestonPrice } from '../../../../src/engine/pricing/heston-price.ts';
import {
  SvcjPathBlock,
  varianceForMarketVix,
  type Measure,
  type PathBlockOptions,
} from '../../../../src/engine/model/svcj-paths.ts';

const NO_JUMPS = { intensity: 0, meanLog: 0, sdLog: 0, varianceMean: 0 };
const SVCJ_JUMPS = { intensity: 0.8, meanLog: -0.04, sdLog: 0.05, varianceMean: 0.02 };

/** Default-like market: κ_Q θ_Q = κ_P θ_P, strong leverage, rare crash jumps with variance jumps. */
const BASE: MarketParams = {
  spot: 5000,
  v0: 0.03,
  rate: 0.04,
  dividendYield: 0.015,
  equityRiskPremium: 0.03,
  equityRiskPremiumPerVariance: 2,
  equityRiskPremiumMaxVariance: Infinity,
  kappaP: 3,
  thetaP: 0.03,
  kappaQ: 1.8,
  thetaQ: 0.05,
  sigma: 0.7,
  rho: -0.75,
  jumps: SVCJ_JUMPS,
};

function withParams(changes: Partial<MarketParams>): MarketParams {
  return { ...BASE, ...changes };
}

function run(options: Omit<PathBlockOptions, 'firstPath'> & { firstPath?: number }, steps: number) {
  const block = new SvcjPathBlock({ firstPath: 0, ...options });
  for (let k = 0; k < steps; k++) block.step();
  return block;
}

/** Sample mean and its standard error. */
function meanAndSe(xs: ArrayLike<number>): { mean: number; se: number } {
  const n = xs.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += xs[i];
  mean /= n;
  let m2 = 0;
  for (let i = 0; i < n; i++) m2 += (xs[i] - mean) ** 2;
  return { mean, se: Math.sqrt(m2 / (n - 1) / n) };
}

/** Sample variance and its standard error √((m₄ − s⁴)/n). */
function varianceAndSe(xs: ArrayLike<number>): { variance: number; se: number } {
  const n = xs.length;
  const { mean } = meanAndSe(xs);
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d2 = (xs[i] - mean) ** 2;
    m2 += d2;
    m4 += d2 * d2;
  }
  const s2 = m2 / n;
  return { variance: m2 / (n - 1), se: Math.sqrt((m4 / n - s2 * s2) / n) };
}

/** Exact mean of v_T for CIR with compound-Poisson Exp(μ_v) jumps: θ' + (v0 − θ')e^{−κT}. */
function expectedVariance(p: MarketParams, measure: Measure, years: number): number {
  const kappa = measure === 'P' ? p.kappaP : p.kappaQ;
  const theta = measure === 'P' ? p.thetaP : p.thetaQ;
  const thetaPrime = theta + (p.jumps.intensity * p.jumps.varianceMean) / kappa;
  return thetaPrime + (p.v0 - thetaPrime) * Math.exp(-kappa * years);
}

/** VIX from the variance, the forward formula of DESIGN §2 with the jump term (vol points). */
function vixOf(p: MarketParams, v: number): number {
  const tau = 30 / 365;
  const a = (1 - Math.exp(-p.kappaQ * tau)) / (p.kappaQ * tau);
  const { intensity, meanLog, sdLog, varianceMean } = p.jumps;
  const thetaPrime = p.thetaQ + (intensity * varianceMean) / p.kappaQ;
  const kBar = Math.exp(meanLog + (sdLog * sdLog) / 2) - 1;
  return 100 * Math.sqrt(a * v + (1 - a) * thetaPrime + 2 * intensity * (kBar - meanLog));
}

describe('SvcjPathBlock under Q: the discounted price is a martingale (E[e^{−(r−q)T} S_T] = S₀, 3 SE)', () => {
  it.each([
    ['no jumps, daily steps', NO_JUMPS, 252],
    ['SVCJ jumps, daily steps', SVCJ_JUMPS, 252],
    ['SVCJ jumps, quarterly steps', SVCJ_JUMPS, 4],
  ])('%s (20,000 paths, 1 year)', (_name, jumps, stepsPerYear) => {
    const params = withParams({ jumps });
    const block = run(
      { params, measure: 'Q', seed: 11, pathCount: 20_000, stepsPerYear },
      stepsPerYear,
    );
    const growth = Math.exp(-(params.rate - params.dividendYield));
    const { mean, se } = meanAndSe(block.logSpot.map((x) => growth * Math.exp(x)));
    expect(Math.abs(mean - params.spot)).toBeLessThan(3 * se);
  });

  it('stays a martingale with yearly steps over 5 years, where the plain K0 is off by 6 SE (1e6 paths)', () => {
    // σ = 1, ρ = −0.9, κ = 0.5: with the uncorrected K0 of eq. (33) this run gives E[S_T] = 100.159
    // (SE 0.026); Andersen's K0* (§4.2) removes the bias.
    const params: MarketParams = {
      ...withParams({ jumps: NO_JUMPS, rate: 0, dividendYield: 0, spot: 100, v0: 0.04 }),
      ...{ kappaQ: 0.5, thetaQ: 0.04, sigma: 1, rho: -0.9 },
    };
    const block = run({ params, measure: 'Q', seed: 1, pathCount: 1_000_000, stepsPerYear: 1 }, 5);
    const { mean, se } = meanAndSe(block.logSpot.map(Math.exp));
    expect(Math.abs(mean - 100)).toBeLessThan(3 * se);
  });
});

describe('variance: the QE step reproduces the CIR moments', () => {
  it.each([
    ['P', 'no jumps', NO_JUMPS],
    ['Q', 'no jumps', NO_JUMPS],
    ['P', 'SVCJ jumps', SVCJ_JUMPS],
    ['Q', 'SVCJ jumps', SVCJ_JUMPS],
  ] as [Measure, string, MarketParams['jumps']][])(
    "under %s with %s, E[v_T] = θ' + (v0 − θ')e^{−κT} after 1 year (θ' = θ + λμ_v/κ; 3 SE, 20,000 paths)",
    (measure, _name, jumps) => {
      // With variance jumps the scheme is exact only to O(Δ): the excess is ≈ λμ_vΔ/2 ≈ 3e-5 here,
      // a fiftieth of the standard error.
      const params = withParams({ jumps, v0: 0.06 });
      const block = run({ params, measure, seed: 5, pathCount: 20_000 }, 252);
      const { mean, se } = meanAndSe(block.variance);
      expect(Math.abs(mean - expectedVariance(params, measure, 1))).toBeLessThan(3 * se);
    },
  );

  it('matches the reference CIR transition moments (v0 = 0.02, κ = 1.5, θ = 0.04, σ = 0.5, T = 0.5)', () => {
    // pricing-vectors.json, "cir_transition_moments": mean 0.030552668945179707,
    // variance 0.001758778157529951 (exact formulas of Andersen 2008 §2). 3 SE, 40,000 paths.
    const params = withParams({
      v0: 0.02,
      kappaQ: 1.5,
      thetaQ: 0.04,
      sigma: 0.5,
      jumps: NO_JUMPS,
    });
    const block = run({ params, measure: 'Q', seed: 8, pathCount: 40_000 }, 126);
    const m = meanAndSe(block.variance);
    const s = varianceAndSe(block.variance);
    expect(Math.abs(m.mean - 0.030552668945179707)).toBeLessThan(3 * m.se);
    expect(Math.abs(s.variance - 0.001758778157529951)).toBeLessThan(3 * s.se);
  });

  it.each([
    ['quadratic branch only', 0.04, 0.4],
    ['exponential branch on ~78 % of steps (v0 small, σ large)', 0.002, 1.5],
  ])('Var[v_T] equals the exact CIR variance, %s (3 SE, 40,000 paths, 1 year)', (_n, v0, sigma) => {
    const kappa = 2;
    const theta = 0.04;
    const params = withParams({ v0, sigma, kappaP: kappa, thetaP: theta, jumps: NO_JUMPS });
    const block = run({ params, measure: 'P', seed: 9, pathCount: 40_000 }, 252);
    const e = Math.exp(-kappa);
    const exact =
      (v0 * sigma * sigma * e * (1 - e)) / kappa +
      (theta * sigma * sigma * (1 - e) ** 2) / (2 * kappa);
    const { variance, se } = varianceAndSe(block.variance);
    expect(Math.abs(variance - exact)).toBeLessThan(3 * se);
  });
});

describe('log price under P', () => {
  it('has mean log return (r − q + ERP − λk̄ + λμ_J)T + (η − ½)∫E[v_t]dt (3 SE, 20,000 paths, 1 year)', () => {
    const params = withParams({ equityRiskPremiumPerVariance: 4, v0: 0.05 });
    const block = run({ params, measure: 'P', seed: 21, pathCount: 20_000 }, 252);
    const { rate, dividendYield, equityRiskPremium, kappaP, thetaP, v0 } = params;
    const { intensity, meanLog, sdLog, varianceMean } = params.jumps;
    const kBar = Math.exp(meanLog + (sdLog * sdLog) / 2) - 1;
    const thetaPrime = thetaP + (intensity * varianceMean) / kappaP;
    const integratedVariance = thetaPrime + ((v0 - thetaPrime) * (1 - Math.exp(-kappaP))) / kappaP;
    const expected =
      rate -
      dividendYield +
      equityRiskPremium -
      intensity * kBar +
      intensity * meanLog +
      (params.equityRiskPremiumPerVariance - 0.5) * integratedVariance;
    const { mean, se } = meanAndSe(block.logSpot.map((x) => x - Math.log(params.spot)));
    expect(Math.abs(mean - expected)).toBeLessThan(3 * se);
  });

  it('takes the premium η·v at min(v, v̄): with v held far above v̄ the drift gains η·v̄ (3 SE)', () => {
    // σ small and v0 = θ_P = 0.09 keep v within a few % of 0.09 > v̄ = 0.04, no jumps: the mean
    // log return over one year is r − q + ERP + η·v̄ − ½∫E[v]dt = r − q + ERP + η·v̄ − ½·0.09.
    const params = withParams({
      v0: 0.09,
      thetaP: 0.09,
      thetaQ: 0.09,
      kappaQ: 3,
      sigma: 0.05,
      jumps: NO_JUMPS,
      equityRiskPremiumPerVariance: 6,
      equityRiskPremiumMaxVariance: 0.04,
    });
    const block = run({ params, measure: 'P', seed: 23, pathCount: 20_000 }, 252);
    const expected =
      params.rate - params.dividendYield + params.equityRiskPremium + 6 * 0.04 - 0.5 * 0.09;
    const { mean, se } = meanAndSe(block.logSpot.map((x) => x - Math.log(params.spot)));
    expect(Math.abs(mean - expected)).toBeLessThan(3 * se);
    // Uncapped the drift would be 6 · 0.05 = 0.3 higher: hundreds of SEs away.
    expect(0.3 / se).toBeGreaterThan(100);
  });

  it('a cap above every variance reached changes nothing: the same paths bit for bit', () => {
    const capped = run(
      {
        params: withParams({ equityRiskPremiumMaxVariance: 50 }),
        measure: 'P',
        seed: 9,
        pathCount: 500,
      },
      63,
    );
    const uncapped = run({ params: BASE, measure: 'P', seed: 9, pathCount: 500 }, 63);
    expect(Array.from(capped.logSpot)).toEqual(Array.from(uncapped.logSpot));
  });

  it('jumps on a share 1 − e^{−λΔ} of path-steps (4 SE, 20,000 paths × 20 steps)', () => {
    const params = withParams({ jumps: { ...SVCJ_JUMPS, intensity: 5 } });
    const block = new SvcjPathBlock({
      params,
      measure: 'P',
      seed: 4,
      firstPath: 0,
      pathCount: 20_000,
    });
    let jumps = 0;
    for (let k = 0; k < 20; k++) {
      block.step();
      for (const j of block.jumped) jumps += j;
    }
    const n = 20_000 * 20;
    const p = 1 - Math.exp(-5 / 252);
    expect(Math.abs(jumps / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
  });
});

describe('European call from Q-paths against the Heston reference price', () => {
  // Alan Lewis's reference values (pricing-vectors.json, model "heston"): S = 100, r = 0.01,
  // q = 0.02, T = 1, v0 = 0.04, κ = 4, θ = 0.25, σ = 1, ρ = −0.5. The QE bias at daily steps is of
  // order 0.02 (a 400,000-path run gave −0.018 ± 0.044 at K = 100), far below 3 SE ≈ 0.4.
  const params: MarketParams = {
    spot: 100,
    v0: 0.04,
    rate: 0.01,
    dividendYield: 0.02,
    equityRiskPremium: 0,
    equityRiskPremiumPerVariance: 0,
    equityRiskPremiumMaxVariance: Infinity,
    kappaP: 4,
    thetaP: 0.25,
    kappaQ: 4,
    thetaQ: 0.25,
    sigma: 1,
    rho: -0.5,
    jumps: NO_JUMPS,
  };
  let spots: Float64Array | undefined;
  const terminalSpots = () =>
    (spots ??= run({ params, measure: 'Q', seed: 31, pathCount: 40_000 }, 252).logSpot.map(
      Math.exp,
    ));

  it.each([
    [80, 26.774758743998856],
    [100, 16.070154917028834],
    [120, 9.024913483457835],
  ])('strike %d: Lewis price %f within 3 SE (40,000 paths)', (strike, reference) => {
    const discount = Math.exp(-params.rate);
    const { mean, se } = meanAndSe(terminalSpots().map((s) => discount * Math.max(s - strike, 0)));
    expect(Math.abs(mean - reference)).toBeLessThan(3 * se);
  });
});

describe('European options from SVCJ Q-paths against the closed form (hestonPrice, Lewis integral)', () => {
  // Default-like SVCJ market, T = 0.5. The scheme's O(Δ) jump-timing bias shifts ∫v by
  // ≈ λμ_vΔ/(2κ) ≈ 2e-5 (0.1 % of ∫v, ~0.15 on the ATM price), far below 3 SE ≈ 4.
  let spots: Float64Array | undefined;
  const terminalSpots = () =>
    (spots ??= run({ params: BASE, measure: 'Q', seed: 41, pathCount: 60_000 }, 126).logSpot.map(
      Math.exp,
    ));

  it.each([
    ['put', 4000],
    ['put', 4500],
    ['call', 5000],
    ['call', 5500],
  ] as const)('%s %d within 3 SE (60,000 paths, 126 daily steps)', (type, strike) => {
    const { rate, dividendYield, v0, kappaQ, thetaQ, sigma, rho, jumps } = BASE;
    const reference = hestonPrice({
      type,
      spot: BASE.spot,
      strike,
      time: 0.5,
      rate,
      dividendYield,
      v0,
      kappa: kappaQ,
      theta: thetaQ,
      sigma,
      rho,
      jumps,
    });
    const discount = Math.exp(-rate * 0.5);
    const payoff = (s: number) => Math.max(type === 'call' ? s - strike : strike - s, 0);
    const { mean, se } = meanAndSe(terminalSpots().map((s) => discount * payoff(s)));
    expect(Math.abs(mean - reference)).toBeLessThan(3 * se);
  });
});

describe('determinism', () => {
  const params = withParams({ jumps: { ...SVCJ_JUMPS, intensity: 20 } });

  it('gives identical arrays for the same seed', () => {
    const a = run({ params, measure: 'P', seed: 77, pathCount: 200 }, 30);
    const b = run({ params, measure: 'P', seed: 77, pathCount: 200 }, 30);
    expect(b.logSpot).toEqual(a.logSpot);
    expect(b.variance).toEqual(a.variance);
    expect(b.logReturn).toEqual(a.logReturn);
    expect(b.jumped).toEqual(a.jumped);
  });

  it.each([
    ['one block of 1000', [1000]],
    ['two blocks of 500', [500, 500]],
    ['seven unequal blocks', [1, 99, 250, 3, 400, 200, 47]],
  ])('gives the same per-path values after 60 steps for %s', (_name, sizes) => {
    const reference = run({ params, measure: 'P', seed: 2024, pathCount: 1000 }, 60);
    const logSpot = new Float64Array(1000);
    const variance = new Float64Array(1000);
    let first = 0;
    for (const size of sizes) {
      const block = run(
        { params, measure: 'P', seed: 2024, firstPath: first, pathCount: size },
        60,
      );
      logSpot.set(block.logSpot, first);
      variance.set(block.variance, first);
      first += size;
    }
    expect(logSpot).toEqual(reference.logSpot);
    expect(variance).toEqual(reference.variance);
  });

  it('gives different paths for different seeds', () => {
    const a = run({ params, measure: 'P', seed: 1, pathCount: 10 }, 5);
    const b = run({ params, measure: 'P', seed: 2, pathCount: 10 }, 5);
    expect(b.logSpot).not.toEqual(a.logSpot);
  });

  it.each([
    [
      'default-like parameters',
      BASE,
      [8.542699637405931, 8.52633557037631, 8.550130061390941],
      [0.014804713982071286, 0.02529774693429853, 0.010943306847643712],
    ],
    [
      'frequent jumps (λ = 100/yr: 6 jumps in these 15 path-steps, guards the jump draws)',
      withParams({ jumps: { ...SVCJ_JUMPS, intensity: 100 } }),
      [8.406010334573613, 8.515103648170422, 8.436049655812052],
      [0.040939654359607384, 0.08808710921117842, 0.026838630248241933],
    ],
  ])(
    'golden values: first 3 paths after 5 steps, seed 20240601, %s (1e-12)',
    (_name, params, logSpot, variance) => {
      const block = run({ params, measure: 'P', seed: 20240601, pathCount: 3 }, 5);
      for (let i = 0; i < 3; i++) {
        expect(Math.abs(block.logSpot[i] - logSpot[i])).toBeLessThan(1e-12);
        expect(Math.abs(block.variance[i] - variance[i])).toBeLessThan(1e-12);
      }
    },
  );
});

describe('robustness: no NaN and no negative variance, P and Q (2,000 paths)', () => {
  it.each([
    [
      'σ = 2, κ = 0.1, v0 = 0 (ψ ≫ 1.5)',
      withParams({ sigma: 2, kappaP: 0.1, kappaQ: 0.1, v0: 0 }),
      252,
      252,
    ],
    [
      '5-year steps, σ = 2, ρ = +0.9, κ = 3, θ = 0.2 (A ≥ β: the plain-K0 fallback on every step)',
      withParams({ sigma: 2, rho: 0.9, kappaP: 3, kappaQ: 3, thetaP: 0.2, thetaQ: 0.2 }),
      0.2,
      5,
    ],
    ['σ = 0 (deterministic variance)', withParams({ sigma: 0 }), 252, 252],
    ['κ = 0', withParams({ kappaP: 0, kappaQ: 0 }), 252, 252],
    ['θ = 0 and v0 = 0', withParams({ thetaP: 0, thetaQ: 0, v0: 0, jumps: NO_JUMPS }), 252, 252],
    [
      'violent jumps (λ = 50/yr, μ_v = 0.5, s_J = 0.3)',
      withParams({ jumps: { intensity: 50, meanLog: -0.1, sdLog: 0.3, varianceMean: 0.5 } }),
      252,
      252,
    ],
  ])('%s', (_name, params, stepsPerYear, steps) => {
    let firstBad: string | undefined;
    for (const measure of ['P', 'Q'] as const) {
      const block = new SvcjPathBlock({
        params,
        measure,
        seed: 3,
        firstPath: 0,
        pathCount: 2000,
        stepsPerYear,
      });
      for (let k = 0; k < steps; k++) {
        block.step();
        for (let i = 0; i < block.pathCount && !firstBad; i++) {
          const { logSpot, variance, logReturn } = block;
          if (!(Number.isFinite(logSpot[i]) && Number.isFinite(logReturn[i]) && variance[i] >= 0))
            firstBad = `${measure} path ${i} day ${block.day}: ln S = ${logSpot[i]}, v = ${variance[i]}`;
        }
      }
    }
    expect(firstBad).toBeUndefined();
  });

  it.each([
    ['v0', { v0: -0.01 }],
    ['sigma', { sigma: Number.NaN }],
    ['rho', { rho: 1.5 }],
    ['spot', { spot: 0 }],
    ['jumps.intensity', { jumps: { ...SVCJ_JUMPS, intensity: -1 } }],
  ] as [string, Partial<MarketParams>][])(
    'rejects a bad %s with a RangeError naming it',
    (name, change) => {
      expect(
        () =>
          new SvcjPathBlock({
            params: withParams(change),
            measure: 'P',
            seed: 1,
            firstPath: 0,
            pathCount: 1,
          }),
      ).toThrow(name);
    },
  );
});

describe('shocks', () => {
  it("a −10 % gap on day 5 adds exactly ln 0.9 to that step's log return and nothing else changes", () => {
    const options = { params: BASE, measure: 'P' as const, seed: 12, firstPath: 0, pathCount: 500 };
    const plain = new SvcjPathBlock(options);
    const shocked = new SvcjPathBlock({ ...options, shocks: [{ day: 5, spxGap: -0.1 }] });
    for (let k = 0; k < 8; k++) {
      plain.step();
      shocked.step();
      for (let i = 0; i < 500; i++) {
        const diff = shocked.logReturn[i] - plain.logReturn[i];
        expect(Math.abs(diff - (k === 5 ? Math.log(0.9) : 0))).toBeLessThan(1e-14);
        expect(shocked.variance[i]).toBe(plain.variance[i]);
      }
    }
    for (let i = 0; i < 500; i++)
      expect(Math.abs(shocked.logSpot[i] - plain.logSpot[i] - Math.log(0.9))).toBeLessThan(1e-12);
  });

  it.each([45, 12])(
    'vixTo = %d sets every path to that VIX at the close of the shocked step',
    (vix) => {
      const block = new SvcjPathBlock({
        params: BASE,
        measure: 'P',
        seed: 13,
        firstPath: 0,
        pathCount: 100,
        shocks: [{ day: 2, vixTo: vix }],
      });
      for (let k = 0; k < 3; k++) block.step();
      for (const v of block.variance) expect(vixOf(BASE, v)).toBeCloseTo(vix, 10);
      block.step();
      expect(block.variance.some((v) => Math.abs(vixOf(BASE, v) - vix) > 0.01)).toBe(true);
    },
  );

  it('varianceForMarketVix inverts the VIX formula and refuses levels below the v = 0 floor', () => {
    expect(vixOf(BASE, varianceForMarketVix(BASE, 30))).toBeCloseTo(30, 12);
    const floor = vixOf(BASE, 0);
    expect(varianceForMarketVix(BASE, floor + 1e-9)).toBeGreaterThanOrEqual(0);
    expect(() => varianceForMarketVix(BASE, floor - 0.01)).toThrow(RangeError);
    expect(
      () =>
        new SvcjPathBlock({
          params: BASE,
          measure: 'Q',
          seed: 1,
          firstPath: 0,
          pathCount: 1,
          shocks: [{ day: 0, vixTo: 1 }],
        }),
    ).toThrow('VIX level 1');
  });

  it('rejects a gap of −100 % or worse', () => {
    expect(
      () =>
        new SvcjPathBlock({
          params: BASE,
          measure: 'Q',
          seed: 1,
          firstPath: 0,
          pathCount: 1,
          shocks: [{ day: 0, spxGap: -1 }],
        }),
    ).toThrow(RangeError);
  });
});
