import { describe, expect, it } from 'vitest';
import {
  condorBreakEvens,
  condorCredit,
  condorMaxLoss,
  condorMaxProfit,
  condorPnlAtExpiry,
  contractsForRisk,
  ironCondor,
  markIronCondor,
  selectCondorStrikes,
  spxOptionDelta,
  spxStrikeForDelta,
  type CondorStrikes,
} from '../../../../src/engine/instruments/iron-condor.ts';
import { expiryProfile, payoffAtExpiry } from '../../../../src/engine/instruments/legs.ts';
import { markSpxOption } from '../../../../src/engine/instruments/marks.ts';
import { createSpxOptionTable } from '../../../../src/engine/pricing/spx-option-table.ts';
import { blackScholes } from '../../../../src/engine/pricing/black-scholes.ts';
import { SVCJ_MARKET } from './fixtures.ts';

const market = SVCJ_MARKET;
const table = createSpxOptionTable({ params: market, maxTimeYears: 1 });
const S = market.spot;
const deltaMarket = {
  spot: S,
  rate: market.rate,
  dividendYield: market.dividendYield,
  table,
};

// A hand-computed condor: 6400/6500 put wing, 7000/7100 call wing, 30 points credit, 2 contracts.
const strikes: CondorStrikes = { longPut: 6400, shortPut: 6500, shortCall: 7000, longCall: 7100 };
const credit = 30;
const contracts = 2;

describe('iron condor at expiry (hand-computed: 6400/6500/7000/7100, credit 30, 2 contracts)', () => {
  it('break-evens are short put − credit = 6470 and short call + credit = 7030', () => {
    expect(condorBreakEvens({ strikes, credit })).toEqual({ lower: 6470, upper: 7030 });
  });

  it('max profit = credit·100·n = $6,000; max loss = (width − credit)·100·n = $14,000', () => {
    expect(condorMaxProfit({ credit, contracts })).toBe(6000);
    expect(condorMaxLoss({ strikes, credit, contracts })).toBe(14000);
  });

  it.each([
    ['far below the long put', 5000, -14000],
    ['at the long put', 6400, -14000],
    ['inside the put wing', 6450, (30 - 50) * 200],
    ['at the lower break-even', 6470, 0],
    ['at the short put', 6500, 6000],
    ['in the body', 6750, 6000],
    ['at the short call', 7000, 6000],
    ['at the upper break-even', 7030, 0],
    ['inside the call wing', 7080, (30 - 80) * 200],
    ['at the long call', 7100, -14000],
    ['far above the long call', 9000, -14000],
  ])('P&L %s (SPX %s) is $%s', (_, spot, pnl) => {
    expect(condorPnlAtExpiry({ strikes, credit, contracts, spot })).toBe(pnl);
  });

  it('max loss uses the widest wing: 100-point put wing, 50-point call wing, credit 20 → (100 − 20)·100 per contract', () => {
    const uneven = { longPut: 6400, shortPut: 6500, shortCall: 7000, longCall: 7050 };
    expect(condorMaxLoss({ strikes: uneven, credit: 20, contracts: 1 })).toBe(8000);
    expect(condorPnlAtExpiry({ strikes: uneven, credit: 20, contracts: 1, spot: 8000 })).toBe(
      -3000,
    );
  });

  it('the four legs are long put +n, short put −n, short call −n, long call +n, and their payoff + credit is the P&L', () => {
    const legs = ironCondor({ strikes, contracts, expiryDay: 31 });
    expect(legs.map((l) => [l.kind, l.type, l.strike, l.quantity, l.expiryDay])).toEqual([
      ['spx-option', 'put', 6400, 2, 31],
      ['spx-option', 'put', 6500, -2, 31],
      ['spx-option', 'call', 7000, -2, 31],
      ['spx-option', 'call', 7100, 2, 31],
    ]);
    for (let spot = 6000; spot <= 7500; spot += 10) {
      const payoff = legs.reduce((sum, leg) => sum + payoffAtExpiry(leg, spot), 0);
      expect(payoff + credit * 100 * contracts).toBeCloseTo(
        condorPnlAtExpiry({ strikes, credit, contracts, spot }),
        9,
      );
    }
  });

  it('the generic expiry profile of the legs agrees with the closed forms', () => {
    const legs = ironCondor({ strikes, contracts, expiryDay: 31 });
    const profile = expiryProfile({ legs, entryCost: -credit * 100 * contracts });
    expect(profile.breakEvens).toEqual([6470, 7030]);
    expect(profile.maxProfit).toBe(6000);
    expect(profile.maxLoss).toBe(14000);
  });

  it('ironCondor rejects fractional contracts and strikes out of order', () => {
    expect(() => ironCondor({ strikes, contracts: 1.5, expiryDay: 31 })).toThrow(/contracts/);
    expect(() =>
      ironCondor({ strikes: { ...strikes, shortCall: 6450 }, contracts: 1, expiryDay: 31 }),
    ).toThrow(/strikes/);
  });
});

describe('strike selection', () => {
  it('the delta is Black–Scholes delta at the model’s implied vol for that strike (1e-12)', () => {
    const t = 31 / 252;
    for (const [type, strike] of [
      ['put', 6300],
      ['call', 7100],
    ] as const) {
      const k = Math.log(strike / S) - (market.rate - market.dividendYield) * t;
      const vol = table.impliedVol(market.v0, k, t);
      const bs = blackScholes({
        type,
        spot: S,
        strike,
        time: t,
        rate: market.rate,
        dividendYield: market.dividendYield,
        vol,
      });
      const delta = spxOptionDelta({ ...deltaMarket, type, strike, v: market.v0, timeYears: t });
      expect(Math.abs(delta - bs.delta)).toBeLessThan(1e-12);
    }
  });

  const cases = [0.1, 0.16, 0.25].flatMap((target) =>
    [21 / 252, 31 / 252, 0.25].flatMap((t) =>
      [market.v0, 0.08].map((v) => [target, t, v] as const),
    ),
  );

  it.each(cases)(
    'delta rule, |Δ| = %s at t = %s, v = %s: each short strike misses the target by at most half the |Δ| change over one 5-point step',
    (target, t, v) => {
      const chosen = selectCondorStrikes({
        ...deltaMarket,
        rule: 'delta',
        shortDelta: target,
        shortOtm: 0,
        wingWidth: 50,
        v,
        timeYears: t,
      });
      for (const [type, strike] of [
        ['put', chosen.shortPut],
        ['call', chosen.shortCall],
      ] as const) {
        expect(strike % 5).toBe(0);
        const delta = (k: number): number =>
          Math.abs(spxOptionDelta({ ...deltaMarket, type, strike: k, v, timeYears: t }));
        const step = Math.max(
          Math.abs(delta(strike + 5) - delta(strike)),
          Math.abs(delta(strike) - delta(strike - 5)),
        );
        expect(Math.abs(delta(strike) - target)).toBeLessThanOrEqual(0.5 * step);
      }
      expect(chosen.shortPut).toBeLessThan(S);
      expect(chosen.shortCall).toBeGreaterThan(S);
      expect(chosen.shortPut - chosen.longPut).toBe(50);
      expect(chosen.longCall - chosen.shortCall).toBe(50);
    },
  );

  it('the skew puts the 16Δ put further from spot than the 16Δ call (smile-consistent delta)', () => {
    const chosen = selectCondorStrikes({
      ...deltaMarket,
      rule: 'delta',
      shortDelta: 0.16,
      shortOtm: 0,
      wingWidth: 100,
      v: market.v0,
      timeYears: 31 / 252,
    });
    expect(S - chosen.shortPut).toBeGreaterThan(chosen.shortCall - S);
  });

  it.each([
    [6800, 0.05, 100, { longPut: 6360, shortPut: 6460, shortCall: 7140, longCall: 7240 }],
    [6812, 0.03, 50, { longPut: 6560, shortPut: 6610, shortCall: 7015, longCall: 7065 }],
    [6800, 0.05, 73, { longPut: 6385, shortPut: 6460, shortCall: 7140, longCall: 7215 }],
  ])(
    'percent-otm rule: spot %s, %s OTM, wing %s → %o (5-point grid; wing rounded to it)',
    (spot, shortOtm, wingWidth, expected) => {
      const chosen = selectCondorStrikes({
        ...deltaMarket,
        spot,
        rule: 'percent-otm',
        shortDelta: 0.16,
        shortOtm,
        wingWidth,
        v: market.v0,
        timeYears: 31 / 252,
      });
      expect(chosen).toEqual(expected);
    },
  );

  it('a put target beyond reach is a RangeError naming delta', () => {
    expect(() =>
      spxStrikeForDelta({ ...deltaMarket, type: 'put', delta: 1.2, v: 0.04, timeYears: 0.1 }),
    ).toThrow(/delta/);
  });
});

describe('condor marks', () => {
  const t = 31 / 252;
  const chosen = selectCondorStrikes({
    ...deltaMarket,
    rule: 'delta',
    shortDelta: 0.16,
    shortOtm: 0,
    wingWidth: 50,
    v: market.v0,
    timeYears: t,
  });
  const { longPut, shortPut, shortCall, longCall } = chosen;

  it('the credit is the short legs’ marks minus the long legs’, positive and below the wing width', () => {
    const value = condorCredit({ strikes: chosen, spot: S, v: market.v0, timeYears: t, table });
    const legs =
      markSpxOption(table, 'put', shortPut, S, market.v0, t) -
      markSpxOption(table, 'put', longPut, S, market.v0, t) +
      markSpxOption(table, 'call', shortCall, S, market.v0, t) -
      markSpxOption(table, 'call', longCall, S, market.v0, t);
    expect(value).toBe(legs);
    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThan(50);
  });

  it('short vega: at fixed spot and time the cost to close rises with v', () => {
    let previous = 0;
    for (const v of [0.005, 0.01, 0.02, 0.04, 0.08]) {
      const cost = markIronCondor(table, longPut, shortPut, shortCall, longCall, S, v, t);
      expect(cost).toBeGreaterThan(previous);
      previous = cost;
    }
  });

  it('at expiry the cost to close is the intrinsic value of the breached spread', () => {
    const mark = (spot: number): number =>
      markIronCondor(table, longPut, shortPut, shortCall, longCall, spot, 0.04, 0);
    expect(mark(S)).toBe(0);
    expect(mark(shortPut - 20)).toBe(20);
    expect(mark(longPut - 100)).toBe(50);
    expect(mark(shortCall + 30)).toBe(30);
  });
});

describe('contracts for a capital at risk', () => {
  it.each([
    [10000, 7000, 1],
    [14000, 7000, 2],
    [13999, 7000, 1],
    [660, (5 - 1.7) * 100, 2],
    [6999, 7000, 0],
    [0, 7000, 0],
    [-100, 7000, 0],
    [10000, 0, 0],
    [10000, -50, 0],
    [10000, Number.NaN, 0],
    [Number.POSITIVE_INFINITY, 7000, 0],
  ])('⌊%s / %s⌋ → %s contracts', (capital, maxLoss, n) => {
    expect(contractsForRisk(capital, maxLoss)).toBe(n);
  });
});
