import { describe, expect, it } from 'vitest';
import {
  expiryProfile,
  intrinsicValue,
  legValue,
  payoffAtExpiry,
  pnlAtExpiry,
  type Leg,
} from '../../../../src/engine/instruments/legs.ts';

const spx = (type: 'call' | 'put', strike: number, quantity: number): Leg => ({
  kind: 'spx-option',
  type,
  strike,
  quantity,
  expiryDay: 21,
});
const vix = (type: 'call' | 'put', strike: number, quantity: number): Leg => ({
  kind: 'vix-option',
  type,
  strike,
  quantity,
  expiryDay: 21,
});
const future = (quantity: number): Leg => ({ kind: 'vix-future', quantity, expiryDay: 21 });

describe('legs', () => {
  // Hand-computed: multiplier × signed contracts × intrinsic (future: × settlement value).
  it.each<[string, Leg, number, number]>([
    ['long 2 SPX 6800 calls, in the money', spx('call', 6800, 2), 6900, 100 * 2 * 100],
    ['long 2 SPX 6800 calls, at the strike', spx('call', 6800, 2), 6800, 0],
    ['long 2 SPX 6800 calls, out of the money', spx('call', 6800, 2), 6700, 0],
    ['short 2 SPX 6800 calls, in the money', spx('call', 6800, -2), 6900, -20000],
    ['short 2 SPX 6800 calls, out of the money', spx('call', 6800, -2), 6700, 0],
    ['long 1 SPX 6500 put, in the money', spx('put', 6500, 1), 6400, 10000],
    ['long 1 SPX 6500 put, at the strike', spx('put', 6500, 1), 6500, 0],
    ['long 1 SPX 6500 put, out of the money', spx('put', 6500, 1), 6600, 0],
    ['short 3 SPX 6500 puts, in the money', spx('put', 6500, -3), 6400, -30000],
    ['short 3 SPX 6500 puts, out of the money', spx('put', 6500, -3), 6600, 0],
    ['long 10 VIX 20 calls, in the money', vix('call', 20, 10), 35, 100 * 10 * 15],
    ['long 10 VIX 20 calls, at the strike', vix('call', 20, 10), 20, 0],
    ['long 10 VIX 20 calls, out of the money', vix('call', 20, 10), 15, 0],
    ['short 10 VIX 20 calls, in the money', vix('call', 20, -10), 35, -15000],
    ['long 5 VIX 15 puts, in the money', vix('put', 15, 5), 12, 100 * 5 * 3],
    ['long 5 VIX 15 puts, at the strike', vix('put', 15, 5), 15, 0],
    ['long 5 VIX 15 puts, out of the money', vix('put', 15, 5), 18, 0],
    ['short 5 VIX 15 puts, in the money', vix('put', 15, -5), 12, -1500],
    ['long 2 VIX futures settling at 25', future(2), 25, 1000 * 2 * 25],
    ['short 1 VIX future settling at 25', future(-1), 25, -25000],
  ])('payoff at expiry: %s', (_, leg, underlying, dollars) => {
    expect(payoffAtExpiry(leg, underlying)).toBe(dollars);
  });

  it.each([
    ['call', 100, 103, 3],
    ['call', 100, 100, 0],
    ['call', 100, 97, 0],
    ['put', 100, 97, 3],
    ['put', 100, 100, 0],
    ['put', 100, 103, 0],
  ] as const)(
    'intrinsic value of a %s struck at %s with the underlying at %s is %s',
    (type, k, s, x) => {
      expect(intrinsicValue(type, k, s)).toBe(x);
    },
  );

  it('leg value is multiplier × signed contracts × unit price', () => {
    expect(legValue(spx('put', 6500, -3), 12.5)).toBe(-3750);
    expect(legValue(vix('call', 20, 10), 1.25)).toBe(1250);
    expect(legValue(future(2), 19.5)).toBe(39000);
  });

  it('P&L at expiry is the payoff minus the entry cost', () => {
    // Long 1 VIX 20 call bought at 2.5 ($250), VIX settles at 30: 1000 − 250.
    expect(pnlAtExpiry({ legs: [vix('call', 20, 1)], entryCost: 250, underlying: 30 })).toBe(750);
    // Long 2 futures entered at 19.5 ($39,000 notional), settling at 25: +11,000.
    expect(pnlAtExpiry({ legs: [future(2)], entryCost: 39000, underlying: 25 })).toBe(11000);
  });

  it('expiry profile of a long call: break-even K + premium, loss capped at the premium, profit unbounded', () => {
    const profile = expiryProfile({ legs: [vix('call', 20, 1)], entryCost: 250 });
    expect(profile.breakEvens).toHaveLength(1);
    expect(profile.breakEvens[0]).toBeCloseTo(22.5, 12);
    expect(profile.maxLoss).toBe(250);
    expect(profile.maxProfit).toBeNull();
  });

  it('expiry profile of a short put: break-even K − premium, profit capped at the premium, loss to K − premium at zero', () => {
    const profile = expiryProfile({ legs: [vix('put', 15, -1)], entryCost: -120 });
    expect(profile.breakEvens[0]).toBeCloseTo(13.8, 12);
    expect(profile.maxProfit).toBe(120);
    expect(profile.maxLoss).toBeCloseTo((15 - 1.2) * 100, 9);
  });

  it('expiry profile of a long strangle has two break-evens and an unbounded upside', () => {
    // Long 6500 put + long 7000 call for 60 points: 6440 and 7060.
    const profile = expiryProfile({
      legs: [spx('put', 6500, 1), spx('call', 7000, 1)],
      entryCost: 6000,
    });
    expect(profile.breakEvens).toEqual([6440, 7060]);
    expect(profile.maxLoss).toBe(6000);
    expect(profile.maxProfit).toBeNull();
  });
});
