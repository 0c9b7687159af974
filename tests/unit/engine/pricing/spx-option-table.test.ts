import { describe, expect, it } from 'vitest';
import type { MarketParams } from '../../../../src/engine/model/market-params.ts';
import { blackScholes, type OptionType } from '../../../../src/engine/pricing/black-scholes.ts';
import {
  expectedIntegratedVariance,
  hestonPrice,
} from '../../../../src/engine/pricing/heston-price.ts';
import { impliedVol } from '../../../../src/engine/pricing/implied-vol.ts';
import {
  createSpxOptionTable,
  type SpxOptionTable,
} from '../../../../src/engine/pricing/spx-option-table.ts';

/** The `historical` market preset (scenarios/market-presets.ts) when this test was written. */
const HISTORICAL: MarketParams = {
  spot: 6800,
  v0: 0.02,
  rate: 0.025,
  dividendYield: 0.018,
  equityRiskPremium: -0.02,
  equityRiskPremiumPerVariance: 4,
  equityRiskPremiumMaxVariance: Infinity,
  kappaP: 4,
  thetaP: 0.024,
  kappaQ: 2,
  thetaQ: 0.048,
  sigma: 0.6,
  rho: -0.72,
  jumps: { intensity: 0.5, meanLog: -0.05, sdLog: 0.05, varianceMean: 0.03 },
};
const NO_JUMPS = { intensity: 0, meanLog: 0, sdLog: 0, varianceMean: 0 };

/** Direct Lewis-integral price per unit spot at log-moneyness k = ln(K/F). */
function direct(params: MarketParams, type: OptionType, v: number, k: number, t: number) {
  const strike = Math.exp((params.rate - params.dividendYield) * t + k);
  return hestonPrice({
    type,
    spot: 1,
    strike,
    time: t,
    rate: params.rate,
    dividendYield: params.dividendYield,
    v0: v,
    kappa: params.kappaQ,
    theta: params.thetaQ,
    sigma: params.sigma,
    rho: params.rho,
    jumps: params.jumps,
  });
}

function ivOf(params: MarketParams, type: OptionType, price: number, k: number, t: number) {
  const strike = Math.exp((params.rate - params.dividendYield) * t + k);
  const x = {
    type,
    spot: 1,
    strike,
    time: t,
    rate: params.rate,
    dividendYield: params.dividendYield,
  };
  return { vol: impliedVol({ ...x, price }), strike, x };
}

/** Seeded uniforms (mulberry32) for reproducible random query points. */
function uniforms(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Random off-grid points over the covered domain: √v uniform on [0, √1.5], ln t uniform on
 * [1 day, 1 year], strikes uniform in standard units z ∈ [−5, 3] of s = √E[∫v]; out-of-the-money
 * side of each strike. Compares the table with the direct price and reports the worst errors in
 * price/S and, for options with |Δ| ≥ 0.05, in implied volatility.
 */
function compare(params: MarketParams, table: SpxOptionTable, points: number, seed: number) {
  const rnd = uniforms(seed);
  const dynamics = {
    kappa: params.kappaQ,
    theta: params.thetaQ,
    sigma: params.sigma,
    rho: params.rho,
    jumps: params.jumps,
  };
  let maxPrice = 0;
  let maxVol = 0;
  for (let n = 0; n < points; n++) {
    const v = (rnd() * Math.sqrt(1.5)) ** 2;
    const t = Math.exp(Math.log(1 / 365) + rnd() * Math.log(365));
    const k = (-5 + 8 * rnd()) * Math.sqrt(expectedIntegratedVariance(dynamics, v, t));
    const type: OptionType = k < 0 ? 'put' : 'call';
    const reference = direct(params, type, v, k, t);
    const got = table.price(type, v, k, t);
    maxPrice = Math.max(maxPrice, Math.abs(got - reference));
    const ref = ivOf(params, type, reference, k, t);
    if (ref.vol === undefined) continue;
    if (Math.abs(blackScholes({ ...ref.x, vol: ref.vol }).delta) < 0.05) continue;
    const vol = ivOf(params, type, got, k, t).vol!;
    maxVol = Math.max(maxVol, Math.abs(vol - ref.vol));
  }
  return { maxPrice, maxVol };
}

describe('createSpxOptionTable', () => {
  let historical: SpxOptionTable | undefined;
  const historicalTable = () =>
    (historical ??= createSpxOptionTable({ params: HISTORICAL, maxTimeYears: 1 }));

  it('builds the default grid (16 × 18 × 33, 1 day – 1 year) and reports its build time', () => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      createSpxOptionTable({ params: HISTORICAL, maxTimeYears: 1 });
      times.push(performance.now() - start);
    }
    const table = historicalTable();
    console.log(
      `SPX option table build (historical preset, 1 year): best ${Math.min(...times).toFixed(1)} ms, ` +
        `runs ${times.map((x) => x.toFixed(0)).join('/')} ms, ${table.grid.cosTermsUsed} COS terms`,
    );
    expect(table.grid.times.length).toBe(18);
    expect(table.grid.xi.length).toBe(33);
    expect(table.grid.variances.length).toBe(16 * 18);
  });

  it.each([
    // name, bound on |error| in price/S, bound on |error| in implied vol (|Δ| ≥ 0.05), params
    ['historical SVCJ', 2e-5, 2e-4, HISTORICAL],
    ['pure Heston', 2e-5, 2e-4, { ...HISTORICAL, jumps: NO_JUMPS }],
    [
      'Bates (no variance jumps)',
      2e-5,
      2e-4,
      { ...HISTORICAL, jumps: { ...HISTORICAL.jumps, varianceMean: 0 } },
    ],
    [
      'large jumps (λ 3, μ_J −0.1, s_J 0.1, μ_v 0.1)',
      5e-5,
      1e-3,
      { ...HISTORICAL, jumps: { intensity: 3, meanLog: -0.1, sdLog: 0.1, varianceMean: 0.1 } },
    ],
    [
      'high vol of vol (σ 1, κ 4)',
      3e-5,
      3e-4,
      { ...HISTORICAL, sigma: 1, kappaQ: 4, thetaQ: 0.04 },
    ],
  ] as [string, number, number, MarketParams][])(
    '%s: at 200 seeded off-grid points, price error < %s × spot and vol error < %s',
    (name, priceBound, volBound, params) => {
      const table =
        params === HISTORICAL
          ? historicalTable()
          : createSpxOptionTable({ params, maxTimeYears: 1 });
      const { maxPrice, maxVol } = compare(params, table, 200, 20240611);
      console.log(
        `${name}: max |Δprice/S| ${maxPrice.toExponential(2)}, max |Δvol| ${maxVol.toExponential(2)}`,
      );
      expect(maxPrice).toBeLessThan(priceBound);
      expect(maxVol).toBeLessThan(volBound);
    },
  );

  it('at the grid nodes it reproduces the direct Lewis price to 1e-9 (COS and inversion error only)', () => {
    const table = historicalTable();
    const { variances, times, xi } = table.grid;
    const nv = variances.length / times.length;
    for (const l of [0, 6, 12, 17]) {
      for (const i of [0, 3, 8, 15]) {
        const v = variances[l * nv + i];
        const t = times[l];
        for (const j of [4, 10, 14, 16, 18, 22, 28]) {
          const k = table.grid.logMoneynessAt(v, xi[j], t);
          const type: OptionType = k < 0 ? 'put' : 'call';
          expect(
            Math.abs(table.price(type, v, k, t) - direct(HISTORICAL, type, v, k, t)),
          ).toBeLessThan(1e-9);
        }
      }
    }
  });

  it('satisfies put–call parity C − P = e^{−qt}(1 − e^k) exactly (1e-14)', () => {
    const table = historicalTable();
    for (const [v, k, t] of [
      [0.01, -0.2, 0.1],
      [0.04, 0, 0.5],
      [0.3, 0.15, 0.02],
      [2, -1, 0.9],
    ]) {
      const call = table.price('call', v, k, t);
      const put = table.price('put', v, k, t);
      expect(
        Math.abs(call - put - Math.exp(-HISTORICAL.dividendYield * t) * -Math.expm1(k)),
      ).toBeLessThan(1e-14);
    }
  });

  it('its impliedVol is the Black–Scholes implied vol of its own price (1e-9)', () => {
    const table = historicalTable();
    for (const [v, k, t] of [
      [0.01, -0.05, 30 / 365],
      [0.09, 0.03, 0.25],
    ]) {
      const type: OptionType = k < 0 ? 'put' : 'call';
      const { vol } = ivOf(HISTORICAL, type, table.price(type, v, k, t), k, t);
      expect(Math.abs(table.impliedVol(v, k, t) - vol!)).toBeLessThan(1e-9);
    }
  });

  it('out-of-range queries stay finite and within the no-arbitrage bounds (v < 0, v > vMax, t → 0, t > tMax, |k| large)', () => {
    const table = historicalTable();
    const q = HISTORICAL.dividendYield;
    for (const v of [-0.1, 0, 1e-12, 1.4, 5, 100]) {
      for (const t of [1e-9, 1e-4, 1 / 365, 0.7, 1.5, 30]) {
        for (const k of [-50, -3, -0.3, 0, 0.2, 2, 50]) {
          for (const type of ['call', 'put'] as const) {
            const price = table.price(type, v, k, t);
            const disc = Math.exp(-q * t);
            const intrinsic = disc * Math.max(type === 'call' ? -Math.expm1(k) : Math.expm1(k), 0);
            const upper = type === 'call' ? disc : disc * Math.exp(k);
            expect(Number.isFinite(price), `${type} v=${v} k=${k} t=${t}`).toBe(true);
            expect(price).toBeGreaterThanOrEqual(intrinsic * (1 - 1e-12) - 1e-300);
            expect(price).toBeLessThanOrEqual(upper * (1 + 1e-12));
            expect(Number.isFinite(table.impliedVol(v, k, t))).toBe(true);
          }
        }
      }
    }
  });

  it('at t = 0 a price is the intrinsic value, and it tends there continuously as t → 0', () => {
    const table = historicalTable();
    expect(table.price('call', 0.04, -0.1, 0)).toBeCloseTo(-Math.expm1(-0.1), 15);
    expect(table.price('put', 0.04, -0.1, 0)).toBe(0);
    expect(Math.abs(table.price('put', 0.04, 0.05, 1e-10) - Math.expm1(0.05))).toBeLessThan(1e-9);
  });

  it('is continuous across the edges of the grid (t = tMin, v = vMax) to 1e-9', () => {
    const table = historicalTable();
    const tMin = 1 / 365;
    const below = table.price('put', 0.04, -0.01, tMin * (1 - 1e-9));
    const at = table.price('put', 0.04, -0.01, tMin);
    expect(Math.abs(below - at)).toBeLessThan(1e-9);
    const inside = table.price('call', 1.5 * (1 - 1e-9), 0.1, 0.3);
    const beyond = table.price('call', 1.5 * (1 + 1e-9), 0.1, 0.3);
    expect(Math.abs(inside - beyond)).toBeLessThan(1e-9);
  });

  it('gives the same answer whatever was queried before (the lookup memo changes nothing)', () => {
    const table = historicalTable();
    const first = table.price('put', 0.03, -0.04, 0.1);
    table.price('call', 0.2, 0.1, 0.5);
    table.price('call', 0.03, 0.02, 0.1);
    expect(table.price('put', 0.03, -0.04, 0.1)).toBe(first);
  });

  it('logMoneyness is ln(K/S) − (r − q)t', () => {
    const table = historicalTable();
    expect(table.logMoneyness(6800, 6500, 0.1)).toBeCloseTo(
      Math.log(6500 / 6800) - 0.007 * 0.1,
      15,
    );
  });

  it.each([
    ['maxTimeYears', { maxTimeYears: 0 }],
    ['maxTimeYears', { maxTimeYears: 1 / 1000 }],
    ['varianceNodes', { varianceNodes: 3 }],
    ['strikeNodes', { strikeNodes: 10.5 }],
    ['maxVariance', { maxVariance: -1 }],
  ])('throws a RangeError naming %s for an invalid grid', (field, over) => {
    expect(() => createSpxOptionTable({ params: HISTORICAL, maxTimeYears: 1, ...over })).toThrow(
      field,
    );
  });

  it('throws a RangeError for NaN arguments instead of returning NaN', () => {
    const table = historicalTable();
    expect(() => table.price('call', Number.NaN, 0, 0.1)).toThrow(RangeError);
    expect(() => table.price('call', 0.04, Number.NaN, 0.1)).toThrow(RangeError);
    expect(() => table.price('call', 0.04, 0, Number.NaN)).toThrow(RangeError);
  });
});
