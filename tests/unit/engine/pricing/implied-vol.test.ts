import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { black76, blackScholes } from '../../../../src/engine/pricing/black-scholes.ts';
import {
  impliedTotalStdDev,
  impliedVol,
  impliedVolBlack76,
} from '../../../../src/engine/pricing/implied-vol.ts';

const rate = 0.03;
const dividendYield = 0.02;
const spot = 100;

const times = [1 / 365, 1 / 52, 0.25, 1, 5];
const vols = [0.01, 0.05, 0.2, 0.5, 1, 2, 5];
/** Strikes at ±z standard deviations from the forward, capped at |ln(K/F)| ≤ 4 (K/F ∈ [0.018, 55]). */
const zs = [-6, -3, -2, -1, -0.5, -0.1, 0, 0.1, 0.5, 1, 2, 3, 6];

describe('impliedVol (Black–Scholes–Merton)', () => {
  // The inversion is as accurate as the price allows: a rounding error ε·(F + K) in the price is
  // an error ε·(F + K)/vega in the vol. Where vega/(F + K) ≥ 1e-6 that is < 1e-9; we ask 1e-10
  // (the normalised-Black core is evaluated with less cancellation than that bound).
  it.each(times)(
    'round-trips every strike and vol at T = %d (1e-10 in vol where vega/(F+K) ≥ 1e-6)',
    (time) => {
      const forward = spot * Math.exp((rate - dividendYield) * time);
      for (const vol of vols) {
        for (const z of zs) {
          const k = Math.max(-4, Math.min(4, z * vol * Math.sqrt(time)));
          const strike = forward * Math.exp(k);
          for (const type of ['call', 'put'] as const) {
            const bs = blackScholes({ type, spot, strike, time, rate, dividendYield, vol });
            const iv = impliedVol({
              type,
              price: bs.price,
              spot,
              strike,
              time,
              rate,
              dividendYield,
            });
            expect(iv, `${type} K=${strike} σ=${vol}`).toBeDefined();
            if (bs.vega / (forward + strike) >= 1e-6) {
              expect(Math.abs(iv! - vol), `${type} K=${strike} σ=${vol}`).toBeLessThan(1e-10);
            }
            // Always: the vol reproduces the price to rounding.
            const back = blackScholes({ type, spot, strike, time, rate, dividendYield, vol: iv! });
            expect(Math.abs(back.price - bs.price)).toBeLessThan(1e-13 * (forward + strike));
          }
        }
      }
    },
  );

  it('never returns NaN or undefined strictly inside the bounds, and reproduces the price (1e-12 × (F+K))', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: 1e-4, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('call' as const, 'put' as const),
        (s, strike, time, fraction, type) => {
          const forward = s * Math.exp((rate - dividendYield) * time);
          const discount = Math.exp(-rate * time);
          const lower =
            discount * Math.max(type === 'call' ? forward - strike : strike - forward, 0);
          const upper = type === 'call' ? s * Math.exp(-dividendYield * time) : strike * discount;
          const price = lower + fraction * (upper - lower);
          // Within rounding (1e-14 relative) of the upper bound a price is "at" the bound.
          if (!(price > lower && price < upper * (1 - 1e-14))) return;
          const iv = impliedVol({ type, price, spot: s, strike, time, rate, dividendYield });
          expect(iv).toBeDefined();
          expect(Number.isFinite(iv!) && iv! >= 0).toBe(true);
          // 0 only when the time value is at the rounding level of the price.
          const back = blackScholes({ type, spot: s, strike, time, rate, dividendYield, vol: iv! });
          expect(Math.abs(back.price - price)).toBeLessThan(1e-12 * (forward + strike));
        },
      ),
      { seed: 20240611, numRuns: 2000 },
    );
  });

  it('returns 0 at the intrinsic value and undefined outside the bounds or at expiry', () => {
    const x = { spot, strike: 90, time: 0.5, rate: 0, dividendYield: 0 };
    // 10 − (F − K) is 0 only up to rounding here: a time value at the rounding level inverts to 0.
    expect(impliedVol({ ...x, type: 'call', price: 10 })).toBe(0);
    expect(impliedVol({ ...x, type: 'call', price: 9.99 })).toBeUndefined();
    expect(impliedVol({ ...x, type: 'call', price: 100 })).toBeUndefined();
    expect(impliedVol({ ...x, type: 'call', price: 120 })).toBeUndefined();
    expect(impliedVol({ ...x, type: 'put', price: -1 })).toBeUndefined();
    expect(impliedVol({ ...x, type: 'put', price: 90 })).toBeUndefined();
    expect(impliedVol({ ...x, time: 0, type: 'put', price: 1 })).toBeUndefined();
  });

  it('inverts a price of 1e-300 (far out of the money) to a finite positive vol', () => {
    const iv = impliedVol({
      type: 'call',
      price: 1e-300,
      spot,
      strike: 150,
      time: 0.1,
      rate,
      dividendYield,
    });
    expect(iv).toBeGreaterThan(0);
    expect(Number.isFinite(iv!)).toBe(true);
  });

  it.each([
    ['price', { price: Number.NaN }],
    ['spot', { spot: 0 }],
    ['strike', { strike: -5 }],
    ['time', { time: -1 }],
    ['rate', { rate: Infinity }],
  ])('throws a RangeError naming %s', (field, over) => {
    const x = { type: 'call' as const, price: 5, spot, strike: 100, time: 1, rate, dividendYield };
    expect(() => impliedVol({ ...x, ...over })).toThrow(RangeError);
    expect(() => impliedVol({ ...x, ...over })).toThrow(field);
  });
});

describe('impliedVolBlack76', () => {
  it.each([0.1, 0.5, 1.2, 3])(
    'round-trips Black-76 prices on a VIX-like forward at σ = %d (1e-10 in vol where vega is not tiny)',
    (vol) => {
      const forward = 20;
      for (const time of [7 / 365, 30 / 365, 0.5]) {
        for (const strike of [10, 15, 20, 25, 40]) {
          for (const type of ['call', 'put'] as const) {
            const price = black76({ type, forward, strike, time, rate, vol });
            const iv = impliedVolBlack76({ type, price, forward, strike, time, rate });
            const vega = forward * Math.exp(-rate * time) * Math.sqrt(time) * 0.4;
            const d1 =
              Math.log(forward / strike) / (vol * Math.sqrt(time)) + 0.5 * vol * Math.sqrt(time);
            expect(iv).toBeDefined();
            if ((vega * Math.exp(-0.5 * d1 * d1)) / (forward + strike) >= 1e-6) {
              expect(Math.abs(iv! - vol)).toBeLessThan(1e-10);
            }
          }
        }
      }
    },
  );

  it('throws a RangeError naming forward for a non-positive forward', () => {
    expect(() =>
      impliedVolBlack76({ type: 'call', price: 1, forward: -1, strike: 20, time: 1, rate }),
    ).toThrow('forward');
  });
});

describe('impliedTotalStdDev', () => {
  it('gives the same answer from any starting guess (0.001, 0.3, 30)', () => {
    const price = 0.0123;
    const answers = [0.001, 0.3, 30].map((guess) => impliedTotalStdDev('put', -0.1, price, guess));
    for (const a of answers) expect(Math.abs(a! - answers[0]!)).toBeLessThan(1e-14);
  });
});
