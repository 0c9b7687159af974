import { describe, expect, it } from 'vitest';
import {
  CONTRACT_MULTIPLIER,
  STRIKE_STEP,
  bidAskSpread,
  nearestStrike,
  tradingDaysForDte,
  yearsToExpiry,
  type ContractKind,
} from '../../../../src/engine/instruments/contracts.ts';

describe('contract terms', () => {
  it('multipliers are the exchange specs: SPX options 100, VIX options 100, VIX futures 1000', () => {
    expect(CONTRACT_MULTIPLIER).toEqual({
      'spx-option': 100,
      'vix-option': 100,
      'vix-future': 1000,
    });
  });

  it('strike grids: SPX 5 points, VIX options 1 point', () => {
    expect(STRIKE_STEP['spx-option']).toBe(5);
    expect(STRIKE_STEP['vix-option']).toBe(1);
  });

  it.each<[ContractKind, number, number]>([
    ['spx-option', 0, 0.1],
    ['spx-option', 2, 0.1],
    ['spx-option', 5, 0.1],
    ['spx-option', 10, 0.2],
    ['spx-option', 50, 1],
    ['spx-option', 250, 5],
    ['spx-option', 400, 5],
    ['spx-option', -3, 0.1],
    ['spx-option', Number.NaN, 0.1],
    ['vix-option', 0.3, 0.05],
    ['vix-option', 1, 0.05],
    ['vix-option', 4, 0.2],
    ['vix-option', 20, 1],
    ['vix-future', 18.35, 0.05],
    ['vix-future', 60, 0.05],
  ])('bid–ask spread proxy of %s at price %s is %s points', (kind, price, spread) => {
    expect(bidAskSpread(kind, price)).toBeCloseTo(spread, 12);
  });

  it.each<[ContractKind, number, number]>([
    ['spx-option', 6812.4, 6810],
    ['spx-option', 6812.5, 6815],
    ['spx-option', 6460, 6460],
    ['spx-option', 2, 5],
    ['vix-option', 18.4, 18],
    ['vix-option', 18.5, 19],
    ['vix-option', 0.2, 1],
    ['vix-future', 18.37, 18.37],
  ])('nearest %s strike to %s is %s', (kind, strike, expected) => {
    expect(nearestStrike(kind, strike)).toBe(expected);
  });

  it.each([
    [0, 0],
    [1, 1],
    [7, 5],
    [30, 21],
    [45, 31],
    [90, 62],
    [365, 252],
  ])('%s calendar DTE is round(DTE·252/365) = %s trading days', (dte, days) => {
    expect(tradingDaysForDte(dte)).toBe(days);
  });

  it('a negative or non-finite DTE is a RangeError naming dte', () => {
    expect(() => tradingDaysForDte(-1)).toThrow(/dte/);
    expect(() => tradingDaysForDte(Number.NaN)).toThrow(/dte/);
  });

  it.each([
    [31, 0, 31 / 252],
    [31, 30, 1 / 252],
    [31, 31, 0],
    [31, 40, 0],
  ])('expiry day %s seen on day %s is %s years away (trading-day clock)', (expiry, day, years) => {
    expect(yearsToExpiry(expiry, day)).toBe(years);
  });
});
