import { describe, expect, it } from 'vitest';
import {
  markSpxOption,
  markVixFuture,
  markVixOption,
} from '../../../../src/engine/instruments/marks.ts';
import { createInstrumentPricing } from '../../../../src/engine/instruments/pricing-context.ts';
import { black76 } from '../../../../src/engine/pricing/black-scholes.ts';
import { hestonPrice } from '../../../../src/engine/pricing/heston-price.ts';
import { impliedVolBlack76 } from '../../../../src/engine/pricing/implied-vol.ts';
import { vixFuture } from '../../../../src/engine/pricing/vix-future.ts';
import { hestonVix, varianceForVix } from '../../../../src/engine/pricing/vix-index.ts';
import { vixOption } from '../../../../src/engine/pricing/vix-option.ts';
import { createRng } from '../../../../src/engine/rng.ts';
import { CONTANGO_MARKET, SVCJ_MARKET } from './fixtures.ts';

const market = SVCJ_MARKET;
const pricing = createInstrumentPricing({ market, maxTimeYears: 1 });
const q = { kappa: market.kappaQ, theta: market.thetaQ, sigma: market.sigma, jumps: market.jumps };
const S = market.spot;

describe('SPX option marks', () => {
  it('agree with hestonPrice (SVCJ) to 1e-5·S, the table interpolation error, over v, moneyness 0.85–1.08 and 5 days–6 months', () => {
    // A wiring error (spot vs forward, time units, per-unit-spot scaling) would be orders larger.
    let worst = 0;
    for (const v of [0.01, 0.026, 0.06, 0.15]) {
      for (const t of [5 / 252, 21 / 252, 31 / 252, 0.5]) {
        for (const m of [0.85, 0.93, 0.97, 1, 1.03, 1.08]) {
          const strike = S * m;
          const type = m < 1 ? 'put' : 'call';
          const exact = hestonPrice({
            type,
            spot: S,
            strike,
            time: t,
            rate: market.rate,
            dividendYield: market.dividendYield,
            v0: v,
            kappa: market.kappaQ,
            theta: market.thetaQ,
            sigma: market.sigma,
            rho: market.rho,
            jumps: market.jumps,
          });
          worst = Math.max(
            worst,
            Math.abs(markSpxOption(pricing.spx, type, strike, S, v, t) - exact),
          );
        }
      }
    }
    expect(worst).toBeLessThan(1e-5 * S);
  });

  it('put–call parity C − P = e^{−qt}S − e^{−rt}K holds to 1e-9·S (call and put share one interpolated implied vol, so only rounding remains; 200 seeded points)', () => {
    const rng = createRng(71, 0);
    let worst = 0;
    for (let i = 0; i < 200; i++) {
      const spot = S * (0.7 + 0.6 * rng.uniform());
      const strike = S * (0.7 + 0.6 * rng.uniform());
      const v = 0.3 * rng.uniform();
      const t = (1 + 251 * rng.uniform()) / 252;
      const c = markSpxOption(pricing.spx, 'call', strike, spot, v, t);
      const p = markSpxOption(pricing.spx, 'put', strike, spot, v, t);
      const parity =
        Math.exp(-market.dividendYield * t) * spot - Math.exp(-market.rate * t) * strike;
      worst = Math.max(worst, Math.abs(c - p - parity));
    }
    expect(worst).toBeLessThan(1e-9 * S);
  });

  it.each([
    ['call', 6700, 6800, 100],
    ['call', 6800, 6800, 0],
    ['call', 6900, 6800, 0],
    ['put', 6900, 6800, 100],
    ['put', 6800, 6800, 0],
    ['put', 6700, 6800, 0],
  ] as const)(
    'at expiry (t ≤ 0) a %s struck at %s with SPX at %s is worth its intrinsic %s',
    (type, k, s, x) => {
      expect(markSpxOption(pricing.spx, type, k, s, 0.04, 0)).toBe(x);
      expect(markSpxOption(pricing.spx, type, k, s, 0.04, -1 / 252)).toBe(x);
    },
  );

  it.each([
    ['put', 6300],
    ['put', 6700],
    ['call', 6900],
    ['call', 7200],
  ] as const)(
    'vega > 0: a %s struck at %s gains value as v rises at fixed spot and time',
    (type, strike) => {
      const t = 31 / 252;
      let previous = 0;
      for (const v of [0.005, 0.01, 0.02, 0.04, 0.08, 0.16]) {
        const mark = markSpxOption(pricing.spx, type, strike, S, v, t);
        expect(mark).toBeGreaterThan(previous);
        previous = mark;
      }
    },
  );
});

describe('VIX option and futures marks', () => {
  it('VIX options agree with vixOption to 0.005 points (the option table’s tested bound) at ±20 % around the future, 1 week–1 year', () => {
    let worst = 0;
    for (const v of [0.01, 0.03, 0.1]) {
      for (const h of [5 / 252, 0.1, 0.25, 1]) {
        const forward = vixFuture({ ...q, v, horizon: h });
        for (const m of [0.8, 1, 1.2]) {
          const strike = forward * m;
          const type = m < 1 ? 'put' : 'call';
          const exact = vixOption({ ...q, v, horizon: h, strike, type, rate: market.rate });
          worst = Math.max(
            worst,
            Math.abs(markVixOption(pricing.vixOptions, type, strike, v, h) - exact),
          );
        }
      }
    }
    expect(worst).toBeLessThan(0.005);
  });

  it('VIX put–call parity on the future C − P = e^{−rh}(F − K) holds to 1e-9 points (one interpolated vol for both; 200 seeded points)', () => {
    const rng = createRng(72, 0);
    let worst = 0;
    for (let i = 0; i < 200; i++) {
      const v = 0.01 + 0.5 * rng.uniform();
      const h = (1 + 251 * rng.uniform()) / 252;
      const strike = 10 + 40 * rng.uniform();
      const forward = markVixFuture(pricing.vixCurve, v, h);
      const c = markVixOption(pricing.vixOptions, 'call', strike, v, h);
      const p = markVixOption(pricing.vixOptions, 'put', strike, v, h);
      worst = Math.max(worst, Math.abs(c - p - Math.exp(-market.rate * h) * (forward - strike)));
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it('VIX futures marks agree with vixFuture to 0.0005 points (the curve table’s tested bound) and settle at the spot VIX', () => {
    for (const v of [0.01, 0.03, 0.1, 0.4]) {
      for (const h of [1 / 252, 0.1, 0.5, 1]) {
        expect(
          Math.abs(markVixFuture(pricing.vixCurve, v, h) - vixFuture({ ...q, v, horizon: h })),
        ).toBeLessThan(5e-4);
      }
      const spot = hestonVix({ ...q, v });
      expect(markVixFuture(pricing.vixCurve, v, 0)).toBeCloseTo(spot, 9);
      expect(markVixFuture(pricing.vixCurve, v, -0.01)).toBeCloseTo(spot, 9);
    }
  });

  it.each([
    ['call', 20, 25],
    ['call', 20, 20],
    ['call', 20, 15],
    ['put', 20, 15],
    ['put', 20, 25],
  ] as const)(
    'at expiry a VIX %s struck at %s with VIX_T = %s is worth max(±(VIX_T − K), 0)',
    (type, strike, vixT) => {
      const v = varianceForVix({ ...q, vix: vixT });
      const intrinsic = Math.max(type === 'call' ? vixT - strike : strike - vixT, 0);
      expect(markVixOption(pricing.vixOptions, type, strike, v, 0)).toBeCloseTo(intrinsic, 9);
    },
  );
});

describe('VIX options settle on the VIX future of their expiry, not spot VIX', () => {
  const c = CONTANGO_MARKET;
  const contango = createInstrumentPricing({ market: c, maxTimeYears: 0.5 });
  const cq = { kappa: c.kappaQ, theta: c.thetaQ, sigma: c.sigma };
  const v = c.v0;
  const h = 0.25;
  const strike = 18;
  const call = markVixOption(contango.vixOptions, 'call', strike, v, h);
  const forward = markVixFuture(contango.vixCurve, v, h);

  it('the setting: spot VIX 15 and a 3-month future of 19.08 (steep contango)', () => {
    expect(markVixFuture(contango.vixCurve, v, 0)).toBeCloseTo(15, 9);
    expect(forward).toBeCloseTo(19.08, 2);
  });

  it('a 3-month call struck at 18 is worth more than its intrinsic value on spot, max(15 − 18, 0) = 0, and at least the discounted intrinsic on the future e^{−rh}(F − K) (Jensen: E[VIX_T] = F)', () => {
    expect(call).toBeGreaterThan(0);
    expect(call).toBeGreaterThanOrEqual(Math.exp(-c.rate * h) * (forward - strike));
  });

  it('it matches the exact model price (vixOption) to 0.005 points', () => {
    const exact = vixOption({ ...cq, v, horizon: h, strike, type: 'call', rate: c.rate });
    expect(Math.abs(call - exact)).toBeLessThan(0.005);
  });

  it('it is close to Black-76 on the future with the model’s at-the-money vol (within vega × 1 vol point ≈ 0.04), and far from Black-76 on spot VIX', () => {
    const atmPrice = vixOption({
      ...cq,
      v,
      horizon: h,
      strike: forward,
      type: 'call',
      rate: c.rate,
    });
    const atmVol = impliedVolBlack76({
      type: 'call',
      price: atmPrice,
      forward,
      strike: forward,
      time: h,
      rate: c.rate,
    });
    expect(atmVol).toBeDefined();
    const onFuture = black76({
      type: 'call',
      forward,
      strike,
      time: h,
      rate: c.rate,
      vol: atmVol!,
    });
    const onSpot = black76({
      type: 'call',
      forward: 15,
      strike,
      time: h,
      rate: c.rate,
      vol: atmVol!,
    });
    // Vega of Black-76 here ≈ e^{−rh}F·φ(d₁)·√h ≈ 3.7 per unit vol: 1 vol point of smile ≈ 0.04.
    expect(Math.abs(call - onFuture)).toBeLessThan(0.04);
    expect(call - onSpot).toBeGreaterThan(1.5);
  });

  it('at expiry the same call is worth max(VIX_T − 18, 0): 0 at VIX_T = 15, 7 at VIX_T = 25', () => {
    expect(markVixOption(contango.vixOptions, 'call', strike, v, 0)).toBe(0);
    const v25 = varianceForVix({ ...cq, vix: 25 });
    expect(markVixOption(contango.vixOptions, 'call', strike, v25, 0)).toBeCloseTo(7, 9);
  });
});
