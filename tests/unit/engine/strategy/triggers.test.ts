/**
 * Specification tests of the hedge-layer triggers (src/engine/strategy/triggers.ts): each condition
 * kind fires on exactly the expected days of a hand-made series, AND/OR combination, and the
 * indicator warm-ups (RSI(14) needs 15 closes, MACD(12,26,9) crosses need 35). The market is fed
 * straight into `MarketSignals` (the runner's own structure), one close per day.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TriggerCondition } from '../../../../src/engine/config/schema.ts';
import { MarketSignals } from '../../../../src/engine/strategy/market-signals.ts';
import {
  conditionHolds,
  readTrigger,
  triggerFired,
  type Trigger,
} from '../../../../src/engine/strategy/triggers.ts';

/** One day of a hand-made market; omitted fields keep a calm default (SPX 4000, VIX 20, contango). */
interface Day {
  spx?: number;
  vix?: number;
  /** Front and second-month futures. */
  f1?: number;
  f2?: number;
}

/** Feeds the days to a one-path MarketSignals and calls `onDay` after each day's update. */
function replay(days: readonly Day[], onDay: (s: MarketSignals, day: number) => void): void {
  const s = new MarketSignals(1);
  days.forEach((d, t) => {
    s.day = t;
    s.spot[0] = d.spx ?? 4000;
    s.vix[0] = d.vix ?? 20;
    s.future1[0] = d.f1 ?? 21;
    s.future2[0] = d.f2 ?? 22;
    s.updateIndicators();
    onDay(s, t);
  });
}

/** The days on which a trigger fires on path 0. */
function firingDays(trigger: Trigger, days: readonly Day[]): number[] {
  const fired: number[] = [];
  replay(days, (s, t) => {
    if (triggerFired(trigger, s, 0)) fired.push(t);
  });
  return fired;
}

const only = (condition: TriggerCondition): Trigger => ({
  combine: 'all',
  conditions: [condition],
});

/** A strictly falling SPX: every change is a loss, so RSI = 0 from its first defined value. */
const falling = (n: number): Day[] => Array.from({ length: n }, (_, t) => ({ spx: 4000 - 10 * t }));

/**
 * A convex rise (4000 + t²/2) with a 10 % drop on day 50. While the rise accelerates the MACD line
 * stays above its lagging signal line (histogram > 0 from its first value, day 33); the drop pulls
 * the fast EMA down by (2/13 − 2/27)·Δ ≈ 0.08·Δ more than the slow one, so the line falls below
 * the signal on day 50, and crosses back up (bullish) on day 60.
 */
const riseThenDrop = (n: number): Day[] =>
  Array.from({ length: n }, (_, t) => ({ spx: (4000 + 0.5 * t * t) * (t >= 50 ? 0.9 : 1) }));

describe('each trigger condition fires on exactly the expected days', () => {
  const cases: { name: string; condition: TriggerCondition; days: Day[]; expected: number[] }[] = [
    {
      name: 'always: every day',
      condition: { kind: 'always' },
      days: [{}, {}, {}, {}],
      expected: [0, 1, 2, 3],
    },
    {
      name: 'vix-at-least 30: VIX ≥ 30, the threshold included',
      condition: { kind: 'vix-at-least', value: 30 },
      days: [{ vix: 20 }, { vix: 29.99 }, { vix: 30 }, { vix: 35 }, { vix: 25 }],
      expected: [2, 3],
    },
    {
      name: 'vix-below 20: VIX < 20, the threshold excluded',
      condition: { kind: 'vix-below', value: 20 },
      days: [{ vix: 19.99 }, { vix: 20 }, { vix: 25 }, { vix: 12 }],
      expected: [0, 3],
    },
    {
      name: 'future-at-least 25: the front future ≥ 25 (spot VIX ignored)',
      condition: { kind: 'future-at-least', value: 25 },
      days: [{ f1: 24.9, vix: 40 }, { f1: 25, f2: 26 }, { f1: 30, f2: 28, vix: 12 }, { f1: 20 }],
      expected: [1, 2],
    },
    {
      name: 'future-below 20: the front future < 20',
      condition: { kind: 'future-below', value: 20 },
      days: [{ f1: 19 }, { f1: 20 }, { f1: 21 }, { f1: 15, vix: 40 }],
      expected: [0, 3],
    },
    {
      name: 'backwardation: front future > second future strictly (flat is not)',
      condition: { kind: 'backwardation' },
      days: [
        { f1: 20, f2: 22 },
        { f1: 22, f2: 22 },
        { f1: 25, f2: 23 },
        { f1: 30, f2: 24 },
        { f1: 21, f2: 22 },
      ],
      expected: [2, 3],
    },
    {
      name: 'contango-at-least 0.05: second / front − 1 ≥ 5 %',
      condition: { kind: 'contango-at-least', value: 0.05 },
      days: [
        { f1: 20, f2: 21.2 },
        { f1: 20, f2: 20.8 },
        { f1: 20, f2: 18 },
        { f1: 10, f2: 11 },
      ],
      expected: [0, 3],
    },
    {
      // Peaks 100 then 110 then 120; drawdowns 0, 0, 9.1 %, 10.9 %, 9.5 %, 0, 10.8 %.
      name: 'drawdown-at-least 0.1: SPX ≥ 10 % below its running peak (day 0 included)',
      condition: { kind: 'drawdown-at-least', value: 0.1 },
      days: [100, 110, 100, 98, 99.5, 120, 107].map((spx) => ({ spx })),
      expected: [3, 6],
    },
    {
      name: 'rsi-below 30: from the 15th close of a falling SPX (RSI 0), never before',
      condition: { kind: 'rsi-below', value: 30 },
      days: falling(20),
      expected: [14, 15, 16, 17, 18, 19],
    },
    {
      name: 'rsi-below 99: never on a rising SPX (RSI 100)',
      condition: { kind: 'rsi-below', value: 99 },
      days: Array.from({ length: 20 }, (_, t) => ({ spx: 4000 + t })),
      expected: [],
    },
    {
      name: 'macd-bearish-cross: only on the day of the cross (an event, not a state)',
      condition: { kind: 'macd-bearish-cross' },
      days: riseThenDrop(80),
      expected: [50],
    },
  ];

  it.each(cases)('$name', ({ condition, days, expected }) => {
    expect(firingDays(only(condition), days)).toEqual(expected);
  });

  it('evaluates each path of a block on its own values (3 paths at once = 3 runs alone)', () => {
    const paths: Day[][] = [
      riseThenDrop(60),
      falling(60),
      Array.from({ length: 60 }, (_, t) => ({ vix: 15 + t })),
    ];
    const trigger: Trigger = {
      combine: 'any',
      conditions: [
        { kind: 'macd-bearish-cross' },
        { kind: 'rsi-below', value: 10 },
        { kind: 'vix-at-least', value: 50 },
      ],
    };
    const alone = paths.map((days) => firingDays(trigger, days));
    const together: number[][] = [[], [], []];
    const s = new MarketSignals(3);
    for (let t = 0; t < 60; t++) {
      paths.forEach((days, i) => {
        s.spot[i] = days[t].spx ?? 4000;
        s.vix[i] = days[t].vix ?? 20;
        s.future1[i] = 21;
        s.future2[i] = 22;
      });
      s.updateIndicators();
      for (let i = 0; i < 3; i++) if (triggerFired(trigger, s, i)) together[i].push(t);
    }
    expect(together).toEqual(alone);
    // And the paths did fire: the cross, RSI 0 from day 14, VIX ≥ 50 from day 35.
    expect(alone[0]).toEqual([50]);
    expect(alone[1][0]).toBe(14);
    expect(alone[2][0]).toBe(35);
  });
});

describe('AND / OR combination', () => {
  // (VIX, front, second): neither, VIX only, backwardation only, both.
  const days: Day[] = [
    { vix: 20, f1: 20, f2: 22 },
    { vix: 26, f1: 20, f2: 22 },
    { vix: 20, f1: 23, f2: 22 },
    { vix: 30, f1: 25, f2: 22 },
  ];
  const conditions: TriggerCondition[] = [
    { kind: 'vix-at-least', value: 25 },
    { kind: 'backwardation' },
  ];

  it("'all' fires only when every condition holds", () => {
    expect(firingDays({ combine: 'all', conditions }, days)).toEqual([3]);
  });

  it("'any' fires when at least one condition holds", () => {
    expect(firingDays({ combine: 'any', conditions }, days)).toEqual([1, 2, 3]);
  });

  it("'all' with a condition in its warm-up is false until the indicator is ready", () => {
    const trigger: Trigger = {
      combine: 'all',
      conditions: [{ kind: 'always' }, { kind: 'rsi-below', value: 99 }],
    };
    expect(firingDays(trigger, falling(16))).toEqual([14, 15]);
  });
});

describe('warm-up: indicator conditions are false before the indicator is ready', () => {
  const closes = fc.array(fc.double({ min: 100, max: 10_000, noNaN: true }), {
    minLength: 40,
    maxLength: 40,
  });

  it('rsi-below (even at 99) never holds on days 0–13, whatever the closes', () => {
    fc.assert(
      fc.property(closes, (spx) => {
        const days = firingDays(
          only({ kind: 'rsi-below', value: 99 }),
          spx.map((x) => ({ spx: x })),
        );
        return days.every((d) => d >= 14);
      }),
      { numRuns: 100, seed: 5 },
    );
  });

  it('macd-bearish-cross never holds on days 0–33, whatever the closes', () => {
    fc.assert(
      fc.property(closes, (spx) => {
        const days = firingDays(
          only({ kind: 'macd-bearish-cross' }),
          spx.map((x) => ({ spx: x })),
        );
        return days.every((d) => d >= 34);
      }),
      { numRuns: 100, seed: 6 },
    );
  });

  it('a 10 % drop on day 20, inside the MACD warm-up, is no cross (none in 60 days)', () => {
    // The MACD line plunges on days 20–30, before the signal line exists (day 33); by day 33 the
    // rise has lifted the histogram above 0 again, so there is no below-after-above day to flag.
    const days = Array.from({ length: 60 }, (_, t) => ({
      spx: (4000 + 0.5 * t * t) * (t >= 20 ? 0.9 : 1),
    }));
    expect(firingDays(only({ kind: 'macd-bearish-cross' }), days)).toEqual([]);
  });
});

describe('readTrigger explains a trigger with what each condition observed', () => {
  it('reports threshold, observed value and holds; RSI is null during its warm-up', () => {
    const trigger: Trigger = {
      combine: 'any',
      conditions: [
        { kind: 'vix-at-least', value: 30 },
        { kind: 'rsi-below', value: 30 },
        { kind: 'backwardation' },
        { kind: 'always' },
      ],
    };
    const readings: ReturnType<typeof readTrigger>[] = [];
    replay([{ vix: 31, f1: 25, f2: 24 }, ...falling(15).slice(1)], (s) =>
      readings.push(readTrigger(trigger, s, 0)),
    );
    expect(readings[0]).toEqual([
      { kind: 'vix-at-least', threshold: 30, observed: 31, holds: true },
      { kind: 'rsi-below', threshold: 30, observed: null, holds: false },
      { kind: 'backwardation', threshold: null, observed: 1, holds: true },
      { kind: 'always', threshold: null, observed: null, holds: true },
    ]);
    // Day 14 (15th close) of a falling SPX: RSI is defined and 0.
    expect(readings[14][1]).toEqual({ kind: 'rsi-below', threshold: 30, observed: 0, holds: true });
  });

  it('agrees with conditionHolds on every condition and day', () => {
    const conditions: TriggerCondition[] = [
      { kind: 'vix-below', value: 22 },
      { kind: 'future-at-least', value: 21 },
      { kind: 'contango-at-least', value: 0.02 },
      { kind: 'drawdown-at-least', value: 0.05 },
      { kind: 'macd-bearish-cross' },
    ];
    replay(
      riseThenDrop(60).map((d, t) => ({ ...d, vix: 15 + (t % 10), f1: 20 + (t % 3), f2: 21 })),
      (s) => {
        const readings = readTrigger({ combine: 'any', conditions }, s, 0);
        readings.forEach((r, c) => expect(r.holds).toBe(conditionHolds(conditions[c], s, 0)));
      },
    );
  });
});
