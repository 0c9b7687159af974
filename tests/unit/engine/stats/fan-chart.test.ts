import { describe, expect, it } from 'vitest';
import { normInv, normPdf } from '../../../../src/engine/math/normal.ts';
import { createRng } from '../../../../src/engine/rng.ts';
import { DEFAULT_FAN_PROBS, FanChartAccumulator } from '../../../../src/engine/stats/fan-chart.ts';

/** Hyndman & Fan type 7 on a sorted copy: the quantile the fan chart approximates. */
function type7(values: ArrayLike<number>, p: number): number {
  const s = Array.from(values).sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

/** Seeded values of day j: SPX-like levels 5000·exp(0.01·√(j+1)·z), a widening fan. */
function dayValues(seed: number, day: number, n: number): Float64Array {
  const rng = createRng(seed, day);
  return Float64Array.from(
    { length: n },
    () => 5000 * Math.exp(0.01 * Math.sqrt(day + 1) * rng.normal()),
  );
}

const DAYS = [0, 5, 21, 63];
const GRID = { lo: 3000, hi: 7000, bins: 400 }; // width 10 index points
const PROBS = [0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1];

describe('FanChartAccumulator', () => {
  it('gives type-7 quantiles within one bin width of the exact ones of the same values', () => {
    const fan = new FanChartAccumulator({ days: DAYS, ...GRID });
    const values = DAYS.map((d) => dayValues(1, d, 20_000));
    values.forEach((v, j) => fan.observe(j, v));
    const q = fan.quantiles(PROBS);
    expect(q.resolution).toBe(10);
    PROBS.forEach((p, k) =>
      DAYS.forEach((_, j) => {
        const exact = type7(values[j], p);
        expect(Math.abs(q.quantiles[k][j]! - exact), `p ${p}, day ${DAYS[j]}`).toBeLessThan(10);
      }),
    );
    expect(q.count).toEqual(DAYS.map(() => 20_000));
    expect(q.outOfRange).toEqual(DAYS.map(() => 0));
  });

  it('estimates population quantiles to within one bin width plus four sampling SEs', () => {
    // N(0, 1) values; SE of the sample p-quantile: √(p(1 − p)/n)/φ(z_p).
    const n = 50_000;
    const rng = createRng(2, 0);
    const values = Float64Array.from({ length: n }, () => rng.normal());
    const fan = new FanChartAccumulator({ days: [1], lo: -6, hi: 6, bins: 240 });
    fan.observe(0, values);
    const q = fan.quantiles();
    DEFAULT_FAN_PROBS.forEach((p, k) => {
      const z = normInv(p);
      const se = Math.sqrt((p * (1 - p)) / n) / normPdf(z);
      expect(Math.abs(q.quantiles[k][0]! - z)).toBeLessThan(fan.width + 4 * se);
    });
  });

  it('is exact for a value repeated in one bin: every rank of a single bin is interpolated inside it', () => {
    const fan = new FanChartAccumulator({ days: [1], lo: 0, hi: 10, bins: 10 });
    fan.observe(0, Float64Array.from([2.5, 2.5, 2.5, 2.5]));
    // Four values spread evenly over [2, 3): ranks 0 … 3 at 2.125, 2.375, 2.625, 2.875.
    expect(fan.quantiles([0, 1 / 3, 0.5, 1]).quantiles.map((s) => s[0])).toEqual([
      2.125, 2.375, 2.5, 2.875,
    ]);
  });

  it('counts values outside the grid, clamps their ranks to the edge, and keeps hi in the last bin', () => {
    const fan = new FanChartAccumulator({ days: [1], lo: 0, hi: 10, bins: 10 });
    fan.observe(0, Float64Array.from([-5, -Infinity, 1.5, 10, 99, Infinity]));
    const q = fan.quantiles([0, 0.5, 1]);
    // Two below, two above; 10 = hi sits in the last bin [9, 10] (estimated at its centre 9.5).
    // Median: h = 2.5, halfway between rank 2 (1.5, alone in [1, 2)) and rank 3 (9.5) → 5.5.
    expect(q.outOfRange).toEqual([4]);
    expect(q.quantiles.map((s) => s[0])).toEqual([0, 5.5, 10]);
  });

  it('leaves NaN out of the quantiles and reports it as missing', () => {
    const fan = new FanChartAccumulator({ days: [1], lo: 0, hi: 10, bins: 10 });
    fan.observe(0, Float64Array.from([NaN, 4.5, NaN]));
    const q = fan.quantiles([0.5]);
    expect([q.count, q.missing, q.quantiles[0]]).toEqual([[1], [2], [4.5]]);
  });

  it('observes only the first `count` values of a reused buffer', () => {
    const fan = new FanChartAccumulator({ days: [1], lo: 0, hi: 10, bins: 10 });
    fan.observe(0, Float64Array.from([1.5, 2.5, 9.5]), 2);
    expect(fan.quantiles([1]).count).toEqual([2]);
  });

  it('gives null on a day with no values and for probabilities outside [0, 1]', () => {
    const fan = new FanChartAccumulator({ days: [1, 2], lo: 0, hi: 10, bins: 10 });
    fan.observe(1, Float64Array.from([3.5]));
    const q = fan.quantiles([0.5, 1.5]);
    expect(q.quantiles).toEqual([
      [null, 3.5],
      [null, null],
    ]);
  });

  it('merges shards into the same counts and quantiles in any order, equal to one accumulator', () => {
    const all = new FanChartAccumulator({ days: DAYS, ...GRID });
    const shards = [0, 1, 2].map(() => new FanChartAccumulator({ days: DAYS, ...GRID }));
    DAYS.forEach((d, j) => {
      const v = dayValues(3, d, 3000);
      all.observe(j, v);
      // Uneven shards: paths 0–499, 500–1999, 2000–2999.
      shards[0].observe(j, v.subarray(0, 500));
      shards[1].observe(j, v.subarray(500, 2000));
      shards[2].observe(j, v.subarray(2000));
    });
    const merged = (order: number[]) => {
      const acc = new FanChartAccumulator({ days: DAYS, ...GRID });
      for (const k of order) acc.merge(structuredClone(shards[k].state()));
      return acc;
    };
    const a = merged([0, 1, 2]);
    const b = merged([2, 0, 1]);
    expect(a.state()).toEqual(all.state());
    expect(b.state()).toEqual(all.state());
    expect(b.quantiles()).toEqual(all.quantiles());
  });

  it('keeps fixed memory: its state never holds more than days × (bins + 2) counts', () => {
    const fan = new FanChartAccumulator({ days: DAYS, ...GRID });
    for (let i = 0; i < 3; i++) DAYS.forEach((d, j) => fan.observe(j, dayValues(4, d, 50_000)));
    // Values outside the grid on every day: each span is then the whole day.
    DAYS.forEach((_, j) => fan.observe(j, Float64Array.of(GRID.lo - 1, GRID.hi + 1)));
    expect(fan.state().counts.length).toBe(DAYS.length * (GRID.bins + 2));
  });

  it('sends only each day’s occupied span: from its first to its last non-empty bin', () => {
    const fan = new FanChartAccumulator({ days: [0, 1, 2], ...GRID }); // bins of 10 points
    fan.observe(0, Float64Array.of(5000, 5005, 5031)); // bins 200 and 203 (slots 201 … 204)
    fan.observe(2, Float64Array.of(2000, 3000)); // underflow and bin 0 (slots 0 … 1)
    const state = fan.state();
    expect(Array.from(state.firstSlot)).toEqual([201, 0, 0]);
    expect(Array.from(state.slotCount)).toEqual([4, 0, 2]);
    expect(Array.from(state.counts)).toEqual([2, 0, 0, 1, 1, 1]);
    expect(FanChartAccumulator.fromState(state).quantiles()).toEqual(fan.quantiles());
  });

  it('round-trips through its plain-data state', () => {
    const fan = new FanChartAccumulator({ days: DAYS, ...GRID });
    DAYS.forEach((d, j) => fan.observe(j, dayValues(5, d, 1000)));
    expect(FanChartAccumulator.fromState(fan.state()).quantiles()).toEqual(fan.quantiles());
  });

  it.each([
    ['another grid', { days: DAYS, lo: 3000, hi: 7000, bins: 200 }],
    ['other days', { days: [0, 5, 21, 64], ...GRID }],
  ])('refuses to merge a state with %s', (_, options) => {
    const fan = new FanChartAccumulator({ days: DAYS, ...GRID });
    expect(() => fan.merge(new FanChartAccumulator(options).state())).toThrow(RangeError);
  });

  it('refuses to merge a state whose spans leave the grid or miss counts', () => {
    const fan = new FanChartAccumulator({ days: [0], ...GRID });
    fan.observe(0, Float64Array.of(5000));
    const state = fan.state();
    const outside = { ...state, firstSlot: Uint32Array.of(GRID.bins + 2) };
    expect(() => fan.merge(outside)).toThrow(/outside the grid/);
    const short = { ...state, counts: new Uint32Array(0) };
    expect(() => fan.merge(short)).toThrow(/do not match/);
  });

  it.each([
    ['lo ≥ hi', { days: [1], lo: 5, hi: 5, bins: 10 }],
    ['fractional bins', { days: [1], lo: 0, hi: 1, bins: 2.5 }],
    ['no days', { days: [], lo: 0, hi: 1, bins: 10 }],
  ])('refuses a bad grid: %s', (_, options) => {
    expect(() => new FanChartAccumulator(options)).toThrow(RangeError);
  });

  it('refuses an observation for a day it does not sample', () => {
    const fan = new FanChartAccumulator({ days: [1], lo: 0, hi: 10, bins: 10 });
    expect(() => fan.observe(1, new Float64Array(1))).toThrow(RangeError);
  });
});
