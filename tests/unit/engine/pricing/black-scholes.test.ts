import { describe, expect, it } from 'vitest';
import { normPdf } from '../../../../src/engine/math/normal.ts';
import {
  black76,
  blackScholes,
  discountFactor,
  forwardPrice,
  type BlackScholesInput,
  type OptionType,
} from '../../../../src/engine/pricing/black-scholes.ts';

// Published prices (Haug's tables, Hull's examples) are checked in pricing-vectors-spx.test.ts;
// this file checks the identities and limits that any correct implementation satisfies.

const base: BlackScholesInput = {
  type: 'call',
  spot: 100,
  strike: 105,
  time: 0.75,
  rate: 0.04,
  dividendYield: 0.015,
  vol: 0.25,
};

const grid: BlackScholesInput[] = [];
for (const strike of [50, 90, 100, 110, 200])
  for (const time of [1 / 365, 0.5, 3])
    for (const vol of [0.05, 0.3, 1.2]) grid.push({ ...base, strike, time, vol });

describe('blackScholes', () => {
  it('calls and puts satisfy put–call parity C − P = S e^{−qT} − K e^{−rT} to 1e-12 × S', () => {
    for (const x of grid) {
      const call = blackScholes({ ...x, type: 'call' }).price;
      const put = blackScholes({ ...x, type: 'put' }).price;
      const forwardValue =
        x.spot * Math.exp(-x.dividendYield * x.time) - x.strike * Math.exp(-x.rate * x.time);
      expect(Math.abs(call - put - forwardValue)).toBeLessThan(1e-12 * x.spot);
    }
  });

  // Central differences: truncation O(h²·f''') plus rounding O(ε·price/h) (O(ε·price/h²) for
  // gamma); with these steps both are below 1e-7 of the greek's scale.
  const cases: [OptionType, number, number, number][] = [
    ['call', 80, 0.25, 0.2],
    ['call', 100, 1, 0.35],
    ['put', 100, 0.1, 0.15],
    ['put', 130, 2, 0.5],
  ];
  it.each(cases)(
    'greeks of a %s K=%d T=%d σ=%d match central finite differences (relative 1e-6)',
    (type, strike, time, vol) => {
      const x = { ...base, type, strike, time, vol };
      const g = blackScholes(x);
      const p = (over: Partial<BlackScholesInput>) => blackScholes({ ...x, ...over }).price;
      const close = (actual: number, expected: number) =>
        expect(Math.abs(actual - expected)).toBeLessThan(1e-6 * (1 + Math.abs(expected)));
      const hS = 1e-4 * x.spot;
      close(g.delta, (p({ spot: x.spot + hS }) - p({ spot: x.spot - hS })) / (2 * hS));
      close(
        g.gamma,
        (p({ spot: x.spot + hS }) - 2 * g.price + p({ spot: x.spot - hS })) / (hS * hS),
      );
      const h = 1e-5;
      close(g.vega, (p({ vol: vol + h }) - p({ vol: vol - h })) / (2 * h));
      close(g.rho, (p({ rate: x.rate + h }) - p({ rate: x.rate - h })) / (2 * h));
      // Theta is the change as calendar time passes: −∂price/∂T.
      close(g.theta, -(p({ time: time + h }) - p({ time: time - h })) / (2 * h));
    },
  );

  it('a long at-the-money call has negative theta and positive vega, gamma and rho', () => {
    const g = blackScholes({ ...base, strike: 100 });
    expect(g.theta).toBeLessThan(0);
    expect(g.vega).toBeGreaterThan(0);
    expect(g.gamma).toBeGreaterThan(0);
    expect(g.rho).toBeGreaterThan(0);
  });

  it.each([
    ['call', 90, 10, 1, 0],
    ['call', 110, 0, 0, 0],
    ['call', 100, 0, 0.5, 0],
    ['put', 110, 10, -1, 0],
    ['put', 90, 0, 0, 0],
  ] as [OptionType, number, number, number, number][])(
    'at expiry a %s K=%d is worth its intrinsic value %d with delta %d and no NaN',
    (type, strike, intrinsic, delta) => {
      const g = blackScholes({ ...base, type, strike, time: 0 });
      expect(g.price).toBeCloseTo(intrinsic, 14);
      expect(g.delta).toBeCloseTo(delta, 15);
      expect(Math.abs(g.vega)).toBe(0);
      expect(Math.abs(g.rho)).toBe(0);
      for (const value of Object.values(g)) expect(Number.isFinite(value)).toBe(true);
    },
  );

  it('with zero volatility the price is the discounted payoff on the forward, e^{−rT}(F − K)⁺', () => {
    const x = { ...base, vol: 0, strike: 95 };
    const g = blackScholes(x);
    const forward = x.spot * Math.exp((x.rate - x.dividendYield) * x.time);
    expect(g.price).toBeCloseTo(Math.exp(-x.rate * x.time) * (forward - x.strike), 13);
    expect(g.delta).toBeCloseTo(Math.exp(-x.dividendYield * x.time), 15);
    expect(g.gamma).toBe(0);
    expect(g.vega).toBe(0);
    expect(blackScholes({ ...x, type: 'put' }).price).toBe(0);
  });

  it('with zero volatility at the forward, vega is its σ → 0 limit S e^{−qT} √T φ(0)', () => {
    const x = { ...base, vol: 0 };
    const atForward = x.spot * Math.exp((x.rate - x.dividendYield) * x.time);
    const g = blackScholes({ ...x, strike: atForward });
    const limit = x.spot * Math.exp(-x.dividendYield * x.time) * Math.sqrt(x.time) * normPdf(0);
    expect(g.vega).toBeCloseTo(limit, 12);
    expect(blackScholes({ ...x, strike: atForward, vol: 1e-9 }).vega).toBeCloseTo(limit, 8);
    for (const value of Object.values(g)) expect(Number.isFinite(value)).toBe(true);
  });

  it('prices are continuous as vol → 0 (vol = 1e-9 vs 0 within 1e-12 away from the money)', () => {
    for (const strike of [80, 120]) {
      for (const type of ['call', 'put'] as const) {
        const zero = blackScholes({ ...base, type, strike, vol: 0 }).price;
        const tiny = blackScholes({ ...base, type, strike, vol: 1e-9 }).price;
        expect(Math.abs(zero - tiny)).toBeLessThan(1e-12);
      }
    }
  });

  it.each([
    ['spot', { spot: -1 }],
    ['spot', { spot: 0 }],
    ['strike', { strike: Number.NaN }],
    ['time', { time: -0.1 }],
    ['vol', { vol: -0.2 }],
    ['rate', { rate: Number.NaN }],
    ['dividendYield', { dividendYield: Infinity }],
  ] as [string, Partial<BlackScholesInput>][])('throws a RangeError naming %s', (field, over) => {
    expect(() => blackScholes({ ...base, ...over })).toThrow(RangeError);
    expect(() => blackScholes({ ...base, ...over })).toThrow(field);
  });

  it('allows negative rates and dividend yields', () => {
    const g = blackScholes({ ...base, rate: -0.005, dividendYield: -0.01 });
    expect(g.price).toBeGreaterThan(0);
  });
});

describe('black76', () => {
  it('equals Black–Scholes–Merton on a spot F with q = r (1e-13 × F)', () => {
    for (const x of grid) {
      for (const type of ['call', 'put'] as const) {
        const forward = x.spot;
        const b76 = black76({
          type,
          forward,
          strike: x.strike,
          time: x.time,
          rate: x.rate,
          vol: x.vol,
        });
        const bsm = blackScholes({ ...x, type, dividendYield: x.rate }).price;
        expect(Math.abs(b76 - bsm)).toBeLessThan(1e-13 * forward);
      }
    }
  });

  it('at expiry or zero vol it is the discounted intrinsic value', () => {
    expect(black76({ type: 'call', forward: 20, strike: 18, time: 0, rate: 0.03, vol: 1 })).toBe(2);
    const noVol = black76({ type: 'put', forward: 20, strike: 25, time: 0.5, rate: 0.03, vol: 0 });
    expect(noVol).toBeCloseTo(5 * Math.exp(-0.015), 14);
  });

  it('throws a RangeError naming forward for a non-positive forward', () => {
    expect(() =>
      black76({ type: 'call', forward: 0, strike: 1, time: 1, rate: 0, vol: 1 }),
    ).toThrow('forward');
  });
});

describe('discounting helpers', () => {
  it('discountFactor is e^{−rT} and forwardPrice is S e^{(r−q)T}', () => {
    expect(discountFactor({ rate: 0.05, time: 2 })).toBeCloseTo(Math.exp(-0.1), 15);
    expect(forwardPrice({ spot: 100, rate: 0.05, dividendYield: 0.02, time: 2 })).toBeCloseTo(
      100 * Math.exp(0.06),
      12,
    );
  });
});
