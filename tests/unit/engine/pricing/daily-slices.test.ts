import { beforeAll, describe, expect, it } from 'vitest';
import {
  createInstrumentPricing,
  type InstrumentPricing,
} from '../../../../src/engine/instruments/pricing-context.ts';
import type { MarketParams } from '../../../../src/engine/model/market-params.ts';
import type { OptionType } from '../../../../src/engine/pricing/black-scholes.ts';
import {
  createSpxDailySlices,
  createVixOptionDailySlices,
  type SpxDailySlices,
  type VixOptionDailySlices,
} from '../../../../src/engine/pricing/daily-slices.ts';
import type { SpxOptionTable } from '../../../../src/engine/pricing/spx-option-table.ts';
import type { VixOptionTable } from '../../../../src/engine/pricing/vix-tables.ts';
import { marketPreset } from '../../../../src/engine/scenarios/market-presets.ts';

const TRADING_DAYS = 252;
const MAX_DAYS = 280;
/** Expiries across the range the strategy uses, from the last day to over a year. */
const DAYS = [1, 2, 3, 5, 10, 21, 42, 63, 126, 200, 280];

/** Seeded uniforms (mulberry32) for reproducible random query points. */
function uniforms(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The table's ATM total standard deviation at (v, days): the unit of standardised moneyness. */
function atmStdDev(table: SpxOptionTable, v: number, days: number): number {
  const t = days / TRADING_DAYS;
  return table.impliedVol(v, 0, t) * Math.sqrt(t);
}

/** An SPX table that counts its `price` calls (to observe when slices are built). */
function countingSpx(table: SpxOptionTable) {
  const counter = { calls: 0 };
  const wrapped: SpxOptionTable = {
    price: (type, v, k, t) => {
      counter.calls++;
      return table.price(type, v, k, t);
    },
    impliedVol: (v, k, t) => table.impliedVol(v, k, t),
    logMoneyness: (spot, strike, t) => table.logMoneyness(spot, strike, t),
    grid: table.grid,
  };
  return { table: wrapped, counter };
}

function countingVix(table: VixOptionTable) {
  const counter = { calls: 0 };
  const wrapped: VixOptionTable = {
    price: (type, v, h, strike) => {
      counter.calls++;
      return table.price(type, v, h, strike);
    },
    future: (v, h) => table.future(v, h),
  };
  return { table: wrapped, counter };
}

let market: MarketParams;
let pricing: InstrumentPricing;
let spx: SpxDailySlices;
let vix: VixOptionDailySlices;

beforeAll(() => {
  market = marketPreset('historical').market;
  pricing = createInstrumentPricing({ market, maxTimeYears: 400 / 365 });
  spx = createSpxDailySlices({ table: pricing.spx, maxDays: MAX_DAYS });
  vix = createVixOptionDailySlices({ table: pricing.vixOptions, maxDays: MAX_DAYS });
});

describe('SPX daily slices', () => {
  /**
   * Worst differences from `table.price` at seeded random points of one expiry: v ∈ [0.002, 1]
   * (squared uniform, dense at low v like the simulated variance), strikes uniform in
   * z = k/σ_ATM ∈ [−6, 6], both option types; and the worst relative error of OTM prices of
   * at least `minPrice` of spot within 4 standard units.
   */
  function compare(days: number, points: number, seed: number, minPrice: number) {
    const rnd = uniforms(seed);
    const table = pricing.spx;
    const t = days / TRADING_DAYS;
    let abs = 0;
    let rel = 0;
    for (let n = 0; n < points; n++) {
      const v = 0.002 + 0.998 * rnd() ** 2;
      const z = 12 * rnd() - 6;
      const k = z * atmStdDev(table, v, days);
      const type: OptionType = rnd() < 0.5 ? 'call' : 'put';
      abs = Math.max(abs, Math.abs(spx.price(type, v, k, days) - table.price(type, v, k, t)));
      const otm: OptionType = k < 0 ? 'put' : 'call';
      const reference = table.price(otm, v, k, t);
      if (Math.abs(z) <= 4 && reference >= minPrice) {
        rel = Math.max(rel, Math.abs(spx.price(otm, v, k, days) / reference - 1));
      }
    }
    return { abs, rel };
  }

  // Bound: the strike step keeps the near-money error of the linear interpolation ≤ 1e-5
  // (h²/8 × 0.4·s, module comment); the table's own kinks add up to a few 1e-6.
  it.each(DAYS)(
    'days %i: within 2e-5 of spot of table.price over v ∈ [0.002, 1], |z| ≤ 6 (600 seeded points)',
    (days) => {
      const { abs } = compare(days, 600, 1000 + days, 1e-5);
      expect(abs).toBeLessThan(2e-5);
    },
  );

  // The relative error is set by the table's kinks (slope jumps of its cubic pieces) over a
  // strike step: ~h/4 × the jump in ln-price slope (≈ 0.2 per standard unit) ≈ 2e-3.
  it.each(DAYS)(
    'days %i: OTM prices ≥ 1e-5 of spot within 4 standard units (condor wings) are within 0.8 % of the table',
    (days) => {
      const { rel } = compare(days, 600, 2000 + days, 1e-5);
      expect(rel).toBeLessThan(8e-3);
    },
  );

  it('below v = 0.002 (down to 0) prices stay within 2e-5 of spot of the table', () => {
    const rnd = uniforms(7);
    let worst = 0;
    for (const days of DAYS) {
      const t = days / TRADING_DAYS;
      for (let n = 0; n < 200; n++) {
        const v = n === 0 ? 0 : 0.002 * rnd();
        const k = (12 * rnd() - 6) * atmStdDev(pricing.spx, v, days);
        const type: OptionType = k < 0 ? 'put' : 'call';
        worst = Math.max(
          worst,
          Math.abs(spx.price(type, v, k, days) - pricing.spx.price(type, v, k, t)),
        );
      }
    }
    expect(worst).toBeLessThan(2e-5);
  });

  it('covers the jump tail out to the table’s strike reach at 2e-6 of spot (1–5 days, v ≤ 0.05)', () => {
    const rnd = uniforms(8);
    let worst = 0;
    for (const days of [1, 2, 5]) {
      const t = days / TRADING_DAYS;
      for (let n = 0; n < 300; n++) {
        const v = 0.05 * rnd() ** 2;
        const reach = pricing.spx.grid.logMoneynessAt(v, 1, t);
        const k = (rnd() < 0.5 ? -1 : 1) * reach * rnd();
        const type: OptionType = k < 0 ? 'put' : 'call';
        worst = Math.max(
          worst,
          Math.abs(spx.price(type, v, k, days) - pricing.spx.price(type, v, k, t)),
        );
      }
    }
    expect(worst).toBeLessThan(2e-6);
  });

  it('satisfies put–call parity C − P = e^{−qt}(1 − e^k) to 1e-12, q the market’s dividend yield', () => {
    const rnd = uniforms(9);
    for (const days of DAYS) {
      const discount = Math.exp((-market.dividendYield * days) / TRADING_DAYS);
      for (let n = 0; n < 50; n++) {
        const v = rnd();
        const k = (8 * rnd() - 4) * atmStdDev(pricing.spx, v, days);
        const parity = spx.price('call', v, k, days) - spx.price('put', v, k, days);
        expect(Math.abs(parity - discount * -Math.expm1(k))).toBeLessThan(1e-12);
      }
    }
  });

  // A price per unit spot has |∂P/∂k| ≤ e^k (the discounted probability of finishing in the
  // money, times e^k): across a fine scan no step may exceed that, so a jump at a cell boundary,
  // the money, or a body/tail join (any size above e^k·δ) would show.
  it.each([1, 21, 126])(
    'days %i: prices are continuous in k across cells, the money and the body/tail joins (steps ≤ e^k·δ, δ = 2e-5 standard units, ±9 units)',
    (days) => {
      const s = atmStdDev(pricing.spx, 0.04, days);
      const delta = 2e-5 * s;
      let excess = 0;
      for (const type of ['call', 'put'] as const) {
        let previous = spx.price(type, 0.04, -9 * s, days);
        for (let k = -9 * s + delta; k < 9 * s; k += delta) {
          const price = spx.price(type, 0.04, k, days);
          excess = Math.max(excess, Math.abs(price - previous) - Math.exp(k) * delta);
          previous = price;
        }
      }
      expect(excess).toBeLessThanOrEqual(1e-12);
    },
  );

  // |∂P/∂v| = vega·∂σ√t/∂v ≤ 0.4·∂s/∂v ≈ 0.2·t/s: below 2 per unit variance here (21 days,
  // v ≥ 0.002), so a step above 2·δ is a discontinuity across variance cells.
  it('prices are continuous in v across variance cells (steps ≤ 2·δ over a δ = 1e-6 scan of [0.002, 1])', () => {
    const days = 21;
    for (const [type, z] of [
      ['put', -1.5],
      ['put', 0],
      ['call', 1],
    ] as const) {
      const k = z * atmStdDev(pricing.spx, 0.04, days);
      let previous = spx.price(type, 0.002, k, days);
      let worst = 0;
      for (let v = 0.002 + 1e-6; v <= 1; v += 1e-6) {
        const price = spx.price(type, v, k, days);
        worst = Math.max(worst, Math.abs(price - previous));
        previous = price;
      }
      expect(worst).toBeLessThanOrEqual(2e-6);
    }
  });

  it.each([
    ['days 0 (expired: intrinsic)', 0.04, -0.02, 0],
    ['negative days', 0.04, 0.02, -3],
    ['fractional days', 0.04, -0.02, 2.5],
    ['days beyond maxDays', 0.04, -0.02, MAX_DAYS + 1],
    ['v beyond the table’s vMax', 2, -0.02, 21],
    ['k beyond the slice’s strike range', 0.04, -5, 1],
  ])('passes %s to table.price unchanged', (_name, v, k, days) => {
    for (const type of ['call', 'put'] as const) {
      expect(spx.price(type, v, k, days)).toBe(pricing.spx.price(type, v, k, days / TRADING_DAYS));
    }
  });

  it('prices v < 0 as v = 0, like the table', () => {
    expect(spx.price('put', -0.01, -0.01, 5)).toBe(spx.price('put', 0, -0.01, 5));
  });

  it('throws the table’s RangeError for NaN v or a non-finite k instead of returning NaN', () => {
    expect(() => spx.price('call', Number.NaN, 0, 5)).toThrow(RangeError);
    expect(() => spx.price('call', 0.04, Number.NaN, 5)).toThrow(RangeError);
    expect(() => spx.price('call', 0.04, Number.POSITIVE_INFINITY, 5)).toThrow(RangeError);
  });

  it('gives the same answer whatever was queried before (the memo changes nothing)', () => {
    const first = spx.price('put', 0.03, -0.04, 17);
    spx.price('call', 0.5, 0.1, 3);
    spx.price('put', 0.03, -0.04, 18);
    spx.price('put', 0.031, -0.04, 17);
    expect(spx.price('put', 0.03, -0.04, 17)).toBe(first);
  });

  it('builds a slice on first use only, once per days, and nothing before', () => {
    const { table, counter } = countingSpx(pricing.spx);
    const slices = createSpxDailySlices({ table, maxDays: MAX_DAYS });
    expect(counter.calls).toBe(0);
    slices.price('call', 0.04, 0.01, 10);
    const built = counter.calls;
    expect(built).toBeGreaterThan(1000);
    slices.price('put', 0.09, -0.03, 10);
    slices.price('call', 0.01, 0.02, 10);
    expect(counter.calls).toBe(built);
    slices.price('call', 0.04, 0.01, 11);
    expect(counter.calls).toBeGreaterThan(built);
  });

  it('priceInto gives exactly price per leg: body, tails, in the money, beyond the slice', () => {
    const rnd = uniforms(41);
    const types: OptionType[] = ['put', 'put', 'call', 'call', 'put', 'call'];
    const out = new Float64Array(types.length);
    const k = new Float64Array(types.length);
    for (let n = 0; n < 300; n++) {
      const days = n % 7 === 0 ? MAX_DAYS + 5 : DAYS[n % DAYS.length];
      // Mostly on the grid; some variances above it (the table's price then).
      const v = n % 11 === 0 ? 3 : 0.002 + 0.998 * rnd() ** 2;
      const s = atmStdDev(pricing.spx, Math.min(v, 1), Math.min(days, MAX_DAYS));
      // Condor-like legs, a deep tail on each side, and legs in the money.
      const zs = [-2.5, -1, 1, 2.5, -40 * rnd(), 40 * rnd()];
      for (let j = 0; j < k.length; j++) k[j] = zs[j] * s * (n % 3 === 0 ? -1 : 1);
      spx.priceInto(types, v, k, days, out);
      for (let j = 0; j < types.length; j++)
        expect(out[j], `leg ${j}, v ${v}, days ${days}`).toBe(spx.price(types[j], v, k[j], days));
    }
  });

  it('each slice holds at most 200 KB', () => {
    for (const days of DAYS) expect(spx.sliceBytes(days)).toBeLessThanOrEqual(200 * 1024);
    expect(spx.sliceBytes(0)).toBe(0);
  });

  it('rejects a non-integer maxDays and fewer than 4 variance nodes', () => {
    expect(() => createSpxDailySlices({ table: pricing.spx, maxDays: 2.5 })).toThrow(RangeError);
    expect(() => createSpxDailySlices({ table: pricing.spx, maxDays: 0 })).toThrow(RangeError);
    expect(() =>
      createSpxDailySlices({ table: pricing.spx, maxDays: 10, varianceNodes: 3 }),
    ).toThrow(RangeError);
  });
});

describe('VIX option daily slices', () => {
  /**
   * Worst differences from `table.price` at seeded random points of one expiry: v ∈ [0.002, 1]
   * (squared uniform), whole-point strikes 0.5–1.5 × the future, both types; absolute, and
   * relative for prices of at least 0.05 points.
   */
  function compare(days: number, points: number, seed: number) {
    const rnd = uniforms(seed);
    const table = pricing.vixOptions;
    const h = days / TRADING_DAYS;
    let abs = 0;
    let rel = 0;
    for (let n = 0; n < points; n++) {
      const v = 0.002 + 0.998 * rnd() ** 2;
      const strike = Math.max(1, Math.round(table.future(v, h) * (0.5 + rnd())));
      const type: OptionType = rnd() < 0.5 ? 'call' : 'put';
      const reference = table.price(type, v, h, strike);
      const error = Math.abs(vix.price(type, v, days, strike) - reference);
      abs = Math.max(abs, error);
      if (reference >= 0.05) rel = Math.max(rel, error / reference);
    }
    return { abs, rel };
  }

  // Bounds: cubic interpolation in u over 256 nodes resolves the smooth parts to < 1e-6 points;
  // the table's own kinks (its 21 variance nodes) cost O(h × slope jump), largest at the
  // shortest expiries where the smile is sharpest: measured up to 1.2e-3 at 1 day, 3e-4 from 3.
  it.each(DAYS.map((days) => [days, days <= 2 ? 2e-3 : 5e-4]))(
    'days %i: within %s points of table.price over v ∈ [0.002, 1], strikes 0.5–1.5 × F (600 seeded points)',
    (days, bound) => {
      expect(compare(days, 600, 3000 + days).abs).toBeLessThan(bound);
    },
  );

  it.each(DAYS)('days %i: prices of at least 0.05 points are within 1 % of the table', (days) => {
    expect(compare(days, 600, 4000 + days).rel).toBeLessThan(0.01);
  });

  it('futures are within 1e-5 points of table.future over v ∈ [0, 1.5]', () => {
    const rnd = uniforms(10);
    let worst = 0;
    for (const days of DAYS) {
      const h = days / TRADING_DAYS;
      for (let n = 0; n < 300; n++) {
        const v = 1.5 * rnd() ** 2;
        worst = Math.max(worst, Math.abs(vix.future(v, days) - pricing.vixOptions.future(v, h)));
      }
    }
    expect(worst).toBeLessThan(1e-5);
  });

  it('satisfies put–call parity C − P = e^{−rh}(F − K) on its own future to 1e-9, r the market’s rate', () => {
    const rnd = uniforms(11);
    for (const days of DAYS) {
      const discount = Math.exp((-market.rate * days) / TRADING_DAYS);
      for (let n = 0; n < 50; n++) {
        const v = rnd();
        const strike = 1 + Math.floor(rnd() * 150);
        const parity = vix.price('call', v, days, strike) - vix.price('put', v, days, strike);
        expect(Math.abs(parity - discount * (vix.future(v, days) - strike))).toBeLessThan(1e-9);
      }
    }
  });

  it('below the VIX floor a put is worth 0 and a call e^{−rh}(F − K), like the table', () => {
    const floor = pricing.vixOptions.future(0, 0);
    for (const days of [1, 21, 126]) {
      const discount = Math.exp((-market.rate * days) / TRADING_DAYS);
      for (const strike of [1, 5, Math.floor(floor) - 1]) {
        expect(vix.price('put', 0.04, days, strike)).toBe(0);
        expect(vix.price('call', 0.04, days, strike)).toBeCloseTo(
          discount * (vix.future(0.04, days) - strike),
          12,
        );
      }
    }
  });

  // A jump of size J at a cell boundary makes one step of a fine scan differ from the table's
  // step by ≈ J; elsewhere steps differ by (slope difference)·δ, under 20·δ (the table's own
  // kinks included). So no step may differ from the table's by more than 5e-5 points.
  it('prices are continuous in v across variance cells (each step of a δ = 1e-6 scan of [0, 0.3], two thirds of the cells, within 5e-5 points of the table’s)', () => {
    for (const [type, days, strike] of [
      ['call', 1, 16],
      ['put', 5, 14],
      ['call', 63, 30],
    ] as const) {
      const h = days / TRADING_DAYS;
      let previous = vix.price(type, 0, days, strike);
      let previousTable = pricing.vixOptions.price(type, 0, h, strike);
      let worst = 0;
      for (let v = 1e-6; v <= 0.3; v += 1e-6) {
        const price = vix.price(type, v, days, strike);
        const table = pricing.vixOptions.price(type, v, h, strike);
        worst = Math.max(worst, Math.abs(price - previous - (table - previousTable)));
        previous = price;
        previousTable = table;
      }
      expect(worst).toBeLessThanOrEqual(5e-5);
    }
  });

  it.each([
    ['days 0 (expired: intrinsic on the spot VIX)', 0.04, 0, 20],
    ['fractional days', 0.04, 2.5, 20],
    ['days beyond maxDays', 0.04, MAX_DAYS + 1, 20],
    ['v beyond maxVariance', 1.8, 21, 20],
    ['a fractional strike', 0.04, 21, 20.5],
    ['a strike beyond maxStrike', 0.04, 21, 250],
    ['a strike below 1', 0.04, 21, 0.5],
  ])('passes %s to table.price unchanged', (_name, v, days, strike) => {
    for (const type of ['call', 'put'] as const) {
      expect(vix.price(type, v, days, strike)).toBe(
        pricing.vixOptions.price(type, v, days / TRADING_DAYS, strike),
      );
    }
  });

  it.each([
    ['days 0 (the spot VIX)', 0.04, 0],
    ['fractional days', 0.04, 2.5],
    ['days beyond maxDays', 0.04, MAX_DAYS + 1],
    ['v beyond maxVariance', 1.8, 21],
  ])('passes the future at %s to table.future unchanged', (_name, v, days) => {
    expect(vix.future(v, days)).toBe(pricing.vixOptions.future(v, days / TRADING_DAYS));
  });

  it('prices v < 0 as v = 0, like the table', () => {
    expect(vix.price('call', -0.01, 10, 15)).toBe(vix.price('call', 0, 10, 15));
  });

  it('gives the same answer whatever was queried before (the memo changes nothing)', () => {
    const first = vix.price('call', 0.03, 17, 22);
    vix.price('put', 0.5, 3, 40);
    vix.future(0.031, 17);
    vix.price('call', 0.03, 18, 22);
    expect(vix.price('call', 0.03, 17, 22)).toBe(first);
  });

  it('builds a slice and each strike column on first use only, once, and nothing before', () => {
    const { table, counter } = countingVix(pricing.vixOptions);
    const slices = createVixOptionDailySlices({ table, maxDays: MAX_DAYS });
    expect(counter.calls).toBe(0);
    slices.price('call', 0.04, 10, 20);
    const built = counter.calls;
    // The slice's futures and discount plus one column of 256 variance nodes.
    expect(built).toBeGreaterThan(256);
    slices.price('put', 0.09, 10, 20);
    slices.price('call', 0.2, 10, 20);
    slices.future(0.2, 10);
    expect(counter.calls).toBe(built);
    slices.price('put', 0.09, 10, 25);
    const twoColumns = counter.calls;
    expect(twoColumns).toBeGreaterThan(built);
    slices.price('call', 0.04, 10, 25);
    expect(counter.calls).toBe(twoColumns);
    slices.price('call', 0.04, 11, 20);
    expect(counter.calls).toBeGreaterThan(twoColumns);
  });

  it('priceInto gives exactly price per leg: whole strikes, below the floor, fractional, fallbacks', () => {
    const rnd = uniforms(43);
    const types: OptionType[] = ['call', 'call', 'put', 'call', 'put'];
    const out = new Float64Array(types.length);
    const strikes = new Float64Array(types.length);
    const variance = new Float64Array(3);
    for (let n = 0; n < 300; n++) {
      // Expiries on and off the slices (0: settlement; beyond maxDays: the table).
      const days = n % 13 === 0 ? 0 : n % 17 === 0 ? MAX_DAYS + 3 : DAYS[n % DAYS.length];
      variance[1] = n % 19 === 0 ? 2.5 : 0.002 + 0.998 * rnd() ** 2;
      strikes[0] = 15 + Math.floor(30 * rnd());
      strikes[1] = strikes[0] + 5;
      strikes[2] = 5 + Math.floor(10 * rnd()); // below the VIX floor, some of them
      strikes[3] = 20.5; // fractional: the table
      strikes[4] = 250; // above maxStrike: the table
      vix.priceInto(types, variance, 1, days, strikes, out);
      for (let j = 0; j < types.length; j++)
        expect(out[j], `leg ${j}, v ${variance[1]}, days ${days}`).toBe(
          vix.price(types[j], variance[1], days, strikes[j]),
        );
    }
  });

  it('each slice holds at most 200 KB', () => {
    for (const days of DAYS) expect(vix.sliceBytes(days)).toBeLessThanOrEqual(200 * 1024);
    expect(vix.sliceBytes(MAX_DAYS + 1)).toBe(0);
  });

  it('rejects a non-integer maxDays or maxStrike and fewer than 4 variance nodes', () => {
    const table = pricing.vixOptions;
    expect(() => createVixOptionDailySlices({ table, maxDays: 1.5 })).toThrow(RangeError);
    expect(() => createVixOptionDailySlices({ table, maxDays: 10, maxStrike: 99.5 })).toThrow(
      RangeError,
    );
    expect(() => createVixOptionDailySlices({ table, maxDays: 10, varianceNodes: 2 })).toThrow(
      RangeError,
    );
  });
});
