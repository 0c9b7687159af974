import { describe, expect, it } from 'vitest';
import { expiryProfile } from '../../../../src/engine/instruments/legs.ts';
import { markVixFuture, markVixOption } from '../../../../src/engine/instruments/marks.ts';
import { createInstrumentPricing } from '../../../../src/engine/instruments/pricing-context.ts';
import {
  layerBreakEven,
  layerEntryValue,
  layerLegs,
  layerMaxProfitLoss,
  layerPnlAtExpiry,
  layerStrikes,
  markLayerUnit,
  createVixDeltaStrikeCache,
  openLayerPosition,
  vixOptionDelta,
  vixOptionStrike,
  type LayerPosition,
} from '../../../../src/engine/instruments/vix-positions.ts';
import { black76 } from '../../../../src/engine/pricing/black-scholes.ts';
import { impliedVolBlack76 } from '../../../../src/engine/pricing/implied-vol.ts';
import { hestonVix, varianceForVix } from '../../../../src/engine/pricing/vix-index.ts';
import { SVCJ_MARKET } from './fixtures.ts';

const position = (
  p: Partial<LayerPosition> & Pick<LayerPosition, 'instrument'>,
): LayerPosition => ({
  side: 'long',
  contracts: 1,
  expiryDay: 42,
  strike: 0,
  upperStrike: p.strike ?? 0,
  entryPrice: 0,
  ...p,
});

// Hand-computed expiry outcomes. Each row: position, break-even, max profit, max loss (null =
// unlimited), and [underlying, P&L] pairs covering in, at and out of the money.
const cases: [string, LayerPosition, number, number | null, number | null, [number, number][]][] = [
  [
    'long 10 VIX 20 calls at 2.5',
    position({ instrument: 'vix-call', strike: 20, contracts: 10, entryPrice: 2.5 }),
    22.5,
    null,
    2500,
    [
      [15, -2500],
      [20, -2500],
      [22.5, 0],
      [30, 7500],
    ],
  ],
  [
    'short 10 VIX 20 calls at 2.5',
    position({ instrument: 'vix-call', side: 'short', strike: 20, contracts: 10, entryPrice: 2.5 }),
    22.5,
    2500,
    null,
    [
      [15, 2500],
      [20, 2500],
      [22.5, 0],
      [30, -7500],
    ],
  ],
  [
    'long 5 VIX 18 puts at 1.2',
    position({ instrument: 'vix-put', strike: 18, contracts: 5, entryPrice: 1.2 }),
    16.8,
    (18 - 1.2) * 500,
    600,
    [
      [14, 1400],
      [16.8, 0],
      [18, -600],
      [25, -600],
    ],
  ],
  [
    'short 5 VIX 18 puts at 1.2',
    position({ instrument: 'vix-put', side: 'short', strike: 18, contracts: 5, entryPrice: 1.2 }),
    16.8,
    600,
    (18 - 1.2) * 500,
    [
      [14, -1400],
      [16.8, 0],
      [18, 600],
      [25, 600],
    ],
  ],
  [
    'long 10 VIX 20/30 call spreads at 2',
    position({
      instrument: 'vix-call-spread',
      strike: 20,
      upperStrike: 30,
      contracts: 10,
      entryPrice: 2,
    }),
    22,
    8000,
    2000,
    [
      [15, -2000],
      [20, -2000],
      [22, 0],
      [25, 3000],
      [30, 8000],
      [50, 8000],
    ],
  ],
  [
    'short 10 VIX 20/30 call spreads at 2',
    position({
      instrument: 'vix-call-spread',
      side: 'short',
      strike: 20,
      upperStrike: 30,
      contracts: 10,
      entryPrice: 2,
    }),
    22,
    2000,
    8000,
    [
      [15, 2000],
      [22, 0],
      [25, -3000],
      [50, -8000],
    ],
  ],
  [
    'long 2 VIX futures at 19.5',
    position({ instrument: 'vix-future', contracts: 2, entryPrice: 19.5 }),
    19.5,
    null,
    39000,
    [
      [15, -9000],
      [19.5, 0],
      [25, 11000],
    ],
  ],
  [
    'short 2 VIX futures at 19.5',
    position({ instrument: 'vix-future', side: 'short', contracts: 2, entryPrice: 19.5 }),
    19.5,
    39000,
    null,
    [
      [15, 9000],
      [19.5, 0],
      [25, -11000],
    ],
  ],
  [
    'long 1 SPX 6200 put at 40',
    position({ instrument: 'spx-put', strike: 6200, entryPrice: 40 }),
    6160,
    (6200 - 40) * 100,
    4000,
    [
      [6000, 16000],
      [6160, 0],
      [6200, -4000],
      [7000, -4000],
    ],
  ],
];

describe.each(cases)('%s', (_, pos, breakEven, maxProfit, maxLoss, outcomes) => {
  it(`break-even at expiry is ${breakEven} (underlying points) and the P&L there is 0`, () => {
    expect(layerBreakEven(pos)).toBeCloseTo(breakEven, 12);
    expect(layerPnlAtExpiry(pos, layerBreakEven(pos))).toBeCloseTo(0, 8);
  });

  it(`max profit ${maxProfit ?? 'unlimited'}, max loss ${maxLoss ?? 'unlimited'} (dollars)`, () => {
    const extremes = layerMaxProfitLoss(pos);
    if (maxProfit === null) expect(extremes.maxProfit).toBeNull();
    else expect(extremes.maxProfit).toBeCloseTo(maxProfit, 8);
    if (maxLoss === null) expect(extremes.maxLoss).toBeNull();
    else expect(extremes.maxLoss).toBeCloseTo(maxLoss, 8);
  });

  it.each(outcomes)('P&L at expiry with the underlying at %s is %s dollars', (underlying, pnl) => {
    expect(layerPnlAtExpiry(pos, underlying)).toBeCloseTo(pnl, 8);
  });

  it('the generic expiry profile of its legs gives the same break-even and extremes', () => {
    const profile = expiryProfile({ legs: layerLegs(pos), entryCost: layerEntryValue(pos) });
    expect(profile.breakEvens).toHaveLength(1);
    expect(profile.breakEvens[0]).toBeCloseTo(breakEven, 9);
    const extremes = layerMaxProfitLoss(pos);
    for (const key of ['maxProfit', 'maxLoss'] as const) {
      if (extremes[key] === null) expect(profile[key]).toBeNull();
      else expect(profile[key]).toBeCloseTo(extremes[key]!, 8);
    }
  });
});

describe('layer legs', () => {
  it('a long call spread is +n at K₁ and −n at K₂; short flips both; the SPX put is an spx-option leg', () => {
    const spread = position({
      instrument: 'vix-call-spread',
      strike: 20,
      upperStrike: 25,
      contracts: 3,
    });
    expect(
      layerLegs(spread).map((l) => [
        l.kind,
        'type' in l ? l.type : '',
        'strike' in l ? l.strike : 0,
        l.quantity,
      ]),
    ).toEqual([
      ['vix-option', 'call', 20, 3],
      ['vix-option', 'call', 25, -3],
    ]);
    expect(layerLegs({ ...spread, side: 'short' }).map((l) => l.quantity)).toEqual([-3, 3]);
    expect(layerLegs(position({ instrument: 'spx-put', strike: 6200 }))[0]).toEqual({
      kind: 'spx-option',
      type: 'put',
      strike: 6200,
      quantity: 1,
      expiryDay: 42,
    });
    expect(layerLegs(position({ instrument: 'vix-future', side: 'short', contracts: 4 }))).toEqual([
      { kind: 'vix-future', quantity: -4, expiryDay: 42 },
    ]);
  });
});

describe('strike rules and entry on the model', () => {
  const market = SVCJ_MARKET;
  const pricing = createInstrumentPricing({ market, maxTimeYears: 1 });
  const q = { kappa: market.kappaQ, theta: market.thetaQ, jumps: market.jumps };
  const v = market.v0;
  const h = 63 / 252;
  const vixMarket = { v, horizonYears: h, optionTable: pricing.vixOptions, rate: market.rate };
  const forward = markVixFuture(pricing.vixCurve, v, h);

  it('percent-otm: calls at round(F·(1 + x)), puts at round(F·(1 − x)) of the matching future', () => {
    expect(vixOptionStrike({ ...vixMarket, type: 'call', rule: 'percent-otm', value: 0.3 })).toBe(
      Math.round(forward * 1.3),
    );
    expect(vixOptionStrike({ ...vixMarket, type: 'put', rule: 'percent-otm', value: 0.1 })).toBe(
      Math.round(forward * 0.9),
    );
  });

  it('call spread: K₂ = K₁ + width on the 1-point grid; future: no strike; SPX put: 5-point grid below spot', () => {
    const base = { rule: 'percent-otm' as const, value: 0.2, spot: 6800, v, timeYears: h, pricing };
    expect(layerStrikes({ ...base, instrument: 'vix-call-spread', spreadWidth: 10 })).toEqual({
      strike: Math.round(forward * 1.2),
      upperStrike: Math.round(forward * 1.2) + 10,
    });
    expect(
      layerStrikes({ ...base, instrument: 'vix-call-spread', spreadWidth: 0.5 }).upperStrike,
    ).toBe(Math.round(forward * 1.2) + 1);
    expect(layerStrikes({ ...base, instrument: 'vix-future', spreadWidth: 5 })).toEqual({
      strike: 0,
      upperStrike: 0,
    });
    expect(
      layerStrikes({ ...base, instrument: 'spx-put', value: 0.1, spreadWidth: 5 }).strike,
    ).toBe(6120);
  });

  it('the VIX delta is the Black-76 delta on the future at the table’s implied vol (central difference, 1e-6)', () => {
    const discount = Math.exp(-market.rate * h);
    for (const [type, strike] of [
      ['call', 25],
      ['put', 16],
    ] as const) {
      const price = markVixOption(pricing.vixOptions, type, strike, v, h);
      const vol = impliedVolBlack76({ type, price, forward, strike, time: h, rate: market.rate })!;
      const b = (f: number): number =>
        black76({ type, forward: f, strike, time: h, rate: market.rate, vol });
      const bump = 1e-4;
      const difference = (b(forward + bump) - b(forward - bump)) / (2 * bump);
      expect(Math.abs(vixOptionDelta({ ...vixMarket, type, strike }) - difference)).toBeLessThan(
        1e-6,
      );
      expect(Math.abs(vixOptionDelta({ ...vixMarket, type, strike }))).toBeLessThan(discount);
    }
  });

  it.each([
    ['call', 0.1],
    ['call', 0.2],
    ['call', 0.3],
    ['call', 0.5],
    ['put', 0.2],
    ['put', 0.4],
  ] as const)(
    'delta rule: the VIX %s at |Δ| = %s misses by at most half the |Δ| change over one 1-point step',
    (type, target) => {
      const strike = vixOptionStrike({ ...vixMarket, type, rule: 'delta', value: target });
      const delta = (k: number): number =>
        Math.abs(vixOptionDelta({ ...vixMarket, type, strike: k }));
      const step = Math.max(
        Math.abs(delta(strike + 1) - delta(strike)),
        Math.abs(delta(strike) - delta(strike - 1)),
      );
      expect(Number.isInteger(strike)).toBe(true);
      expect(Math.abs(delta(strike) - target)).toBeLessThanOrEqual(0.5 * step);
    },
  );

  it.each([
    ['call', 0.25, 150],
    ['call', 0.1, 21],
    ['put', 0.3, 63],
  ] as const)(
    'delta rule: a walk started far from the answer, or from the cache’s guess, ends on the same strike as from the money (VIX %s, |Δ| %s, %s days)',
    (type, delta, days) => {
      // Seeded states over the model's range of v (VIX ~12 to ~95), each query twice in
      // different orders: the guesses must not depend on earlier calls (shard splits).
      const horizonYears = days / 252;
      const states = Array.from({ length: 24 }, (_, j) => 0.0005 + ((j * 7919) % 24) * 0.03);
      const cache = createVixDeltaStrikeCache();
      const base = { horizonYears, optionTable: pricing.vixOptions, rate: market.rate };
      for (const vs of [states, [...states].reverse()]) {
        for (const vj of vs) {
          const fromMoney = vixOptionStrike({ ...base, v: vj, type, rule: 'delta', value: delta });
          for (const startStrike of [1, fromMoney + 40]) {
            expect(
              vixOptionStrike({ ...base, v: vj, type, rule: 'delta', value: delta, startStrike }),
            ).toBe(fromMoney);
          }
          expect(cache.strike({ ...base, v: vj, type, delta })).toBe(fromMoney);
        }
      }
    },
  );

  it('opening prices at the model mid: call spread C(K₁) − C(K₂), future F, and the marks settle at expiry', () => {
    const opened = openLayerPosition({
      instrument: 'vix-call-spread',
      side: 'long',
      contracts: 7,
      expiryDay: 63,
      rule: 'percent-otm',
      value: 0.2,
      spreadWidth: 10,
      spot: 6800,
      v,
      timeYears: h,
      pricing,
    });
    expect(opened.entryPrice).toBe(
      markVixOption(pricing.vixOptions, 'call', opened.strike, v, h) -
        markVixOption(pricing.vixOptions, 'call', opened.upperStrike, v, h),
    );
    expect(opened.entryPrice).toBeGreaterThan(0);
    expect(opened.entryPrice).toBeLessThan(10);
    expect(layerEntryValue(opened)).toBeCloseTo(opened.entryPrice * 700, 9);

    const future = openLayerPosition({
      instrument: 'vix-future',
      side: 'short',
      contracts: 1,
      expiryDay: 63,
      rule: 'percent-otm',
      value: 0,
      spreadWidth: 1,
      spot: 6800,
      v,
      timeYears: h,
      pricing,
    });
    expect(future.entryPrice).toBe(forward);
    expect(layerEntryValue(future)).toBeCloseTo(-1000 * forward, 9);

    // At expiry (time 0) the unit marks are the settlement values on VIX_T = 30.
    const v30 = varianceForVix({ ...q, vix: 30 });
    expect(hestonVix({ ...q, v: v30 })).toBeCloseTo(30, 9);
    const unit = (instrument: LayerPosition['instrument'], k: number, k2: number): number =>
      markLayerUnit(pricing, instrument, k, k2, 6000, v30, 0);
    expect(unit('vix-call-spread', 20, 25)).toBeCloseTo(5, 9);
    expect(unit('vix-call-spread', 28, 35)).toBeCloseTo(2, 9);
    expect(unit('vix-call', 25, 25)).toBeCloseTo(5, 9);
    expect(unit('vix-put', 35, 35)).toBeCloseTo(5, 9);
    expect(unit('vix-future', 0, 0)).toBeCloseTo(30, 9);
    expect(unit('spx-put', 6200, 6200)).toBe(200);
  });

  it('invalid inputs are RangeErrors naming the field', () => {
    expect(() =>
      vixOptionStrike({ ...vixMarket, type: 'call', rule: 'delta', value: 1.5 }),
    ).toThrow(/delta/);
    expect(() =>
      vixOptionStrike({ ...vixMarket, horizonYears: 0, type: 'call', rule: 'delta', value: 0.3 }),
    ).toThrow(/horizonYears/);
    expect(() =>
      openLayerPosition({
        instrument: 'vix-call',
        side: 'long',
        contracts: -1,
        expiryDay: 63,
        rule: 'percent-otm',
        value: 0.2,
        spreadWidth: 10,
        spot: 6800,
        v,
        timeYears: h,
        pricing,
      }),
    ).toThrow(/contracts/);
  });
});
