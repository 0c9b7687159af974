import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeCondition, explainEvent } from '../../../src/content/event-sentences.ts';
import { parseReplayCsv, replay, strategyPreset } from '../../../src/engine/index.ts';
import type { StrategyEvent } from '../../../src/engine/strategy/events.ts';
import type { ConditionReading } from '../../../src/engine/strategy/triggers.ts';

// Hand-made events: the money fields follow the engine's conventions (events.ts: cashFlow
// + received / − paid, costs included; pnl null on openings), the expected sentences are written
// out by hand from those numbers. Capital $100,000, so $1,000 = 1.0 % of capital.
const CAPITAL = 100_000;

/** A condor of 2 contracts, strikes 4,400/4,500/5,200/5,300, credit 17.10 per unit. */
function condor(overrides: Partial<StrategyEvent>): StrategyEvent {
  return {
    day: 0,
    kind: 'entry',
    layer: 'condor',
    reason: 'scheduled',
    instrument: 'iron-condor',
    side: 'short',
    contracts: 2,
    strikes: [4400, 4500, 5200, 5300],
    dte: 45,
    spx: 4850.2,
    vix: 16.2,
    price: 17.1,
    cashFlow: 3380,
    costs: 40,
    pnl: null,
    breakEvens: [4482.9, 5217.1],
    ...overrides,
  };
}

/** A long layer of 3 VIX 35 calls. */
function layer(overrides: Partial<StrategyEvent>): StrategyEvent {
  return {
    day: 30,
    kind: 'trigger',
    layer: 'Calls at VIX 20',
    reason: 'trigger',
    instrument: 'vix-call',
    side: 'long',
    contracts: 3,
    strikes: [35],
    dte: 64,
    spx: 4100,
    vix: 31.2,
    price: 6.45,
    cashFlow: -1950,
    costs: 15,
    pnl: null,
    breakEvens: [41.5],
    ...overrides,
  };
}

function reading(
  kind: ConditionReading['kind'],
  threshold: number | null,
  observed: number | null,
  holds: boolean,
): ConditionReading {
  return { kind, threshold, observed, holds };
}

describe('explainEvent: the condor', () => {
  it.each<[string, StrategyEvent, string]>([
    [
      'entry on schedule',
      condor({}),
      'The condor opened on schedule (SPX 4,850.2, VIX 16.2); sold 2 iron condors (short strikes 4,500/5,200, wings 4,400/5,300), 45 DTE, for a net credit of $3,380 after $40 costs; break-evens 4,482.9 and 5,217.1, max loss $16,620 = 16.6 % of capital.',
    ],
    [
      'exit at the profit target',
      condor({
        kind: 'exit',
        reason: 'profit-target',
        dte: 20,
        spx: 4900,
        vix: 14.1,
        price: 8.55,
        cashFlow: -1750,
        pnl: 1630,
      }),
      'The condor reached its profit target with 20 DTE left (SPX 4,900.0, VIX 14.1); bought back 2 iron condors at 8.55 (paid $1,750, costs included); P&L +$1,630 = +1.6 % of capital.',
    ],
    [
      'stop loss',
      condor({
        kind: 'stop',
        reason: 'stop-loss',
        dte: 12,
        spx: 4520.5,
        vix: 34.5,
        price: 51.3,
        cashFlow: -10_300,
        pnl: -6920,
      }),
      'The condor hit its stop loss with 12 DTE left (SPX 4,520.5, VIX 34.5); bought back 2 iron condors at 51.30 (paid $10,300, costs included); P&L −$6,920 = −6.9 % of capital.',
    ],
    [
      'close at N DTE',
      condor({
        kind: 'exit',
        reason: 'close-at-dte',
        dte: 21,
        spx: 4870,
        vix: 15,
        price: 6,
        cashFlow: -1240,
        pnl: 2140,
      }),
      'The condor closed at its close-at-DTE rule with 21 DTE left (SPX 4,870.0, VIX 15.0); bought back 2 iron condors at 6.00 (paid $1,240, costs included); P&L +$2,140 = +2.1 % of capital.',
    ],
    [
      'expiry inside the short strikes',
      condor({
        kind: 'expiry',
        reason: 'expiry',
        dte: 0,
        spx: 4950,
        vix: 13.5,
        price: 0,
        cashFlow: 0,
        costs: 0,
        pnl: 3380,
      }),
      'The condor expired with the SPX at 4,950.0, between the short strikes 4,500 and 5,200; 2 iron condors expired worthless; P&L +$3,380 = +3.4 % of capital.',
    ],
    [
      'expiry below the short put',
      condor({
        kind: 'expiry',
        reason: 'expiry',
        dte: 0,
        spx: 4450,
        vix: 28,
        price: 50,
        cashFlow: -10_000,
        costs: 0,
        pnl: -6620,
      }),
      'The condor expired with the SPX at 4,450.0, below the short put 4,500; 2 iron condors settled at 50.00 (paid $10,000); P&L −$6,620 = −6.6 % of capital.',
    ],
  ])('%s', (_name, event, expected) => {
    expect(explainEvent(event, { capital: CAPITAL })).toBe(expected);
  });

  it.each([
    [4300, 'below both put strikes (4,400)'],
    [4450, 'below the short put 4,500'],
    [4500, 'between the short strikes 4,500 and 5,200'],
    [5200, 'between the short strikes 4,500 and 5,200'],
    [5250, 'above the short call 5,200'],
    [5400, 'above both call strikes (5,300)'],
  ])('at expiry, SPX %s is placed %s', (spx, place) => {
    const event = condor({ kind: 'expiry', reason: 'expiry', spx, dte: 0, pnl: 0 });
    expect(explainEvent(event, { capital: CAPITAL })).toContain(`, ${place}; `);
  });
});

describe('explainEvent: hedge layers', () => {
  it.each<[string, StrategyEvent, string]>([
    [
      'trigger: long VIX calls (the issue example)',
      layer({
        conditions: [
          reading('vix-at-least', 30, 31.2, true),
          reading('backwardation', null, 1, true),
        ],
      }),
      "Layer 'Calls at VIX 20' switched on: VIX 31.2 ≥ 30 and the curve in backwardation; bought 3 VIX 35 calls, 64 DTE, for $1,950 = 1.9 % of capital.",
    ],
    [
      'trigger (any): long SPX puts, only the conditions that held are named',
      layer({
        layer: 'Puts on a 10 % fall',
        instrument: 'spx-put',
        contracts: 2,
        strikes: [4200],
        dte: 90,
        cashFlow: -2480,
        conditions: [
          reading('rsi-below', 30, null, false),
          reading('drawdown-at-least', 0.1, 0.123, true),
        ],
      }),
      "Layer 'Puts on a 10 % fall' switched on: SPX 12.3 % below its peak (≥ 10 %); bought 2 SPX 4,200 puts, 90 DTE, for $2,480 = 2.5 % of capital.",
    ],
    [
      'trigger: short VIX puts collect a premium',
      layer({
        layer: 'Short puts',
        instrument: 'vix-put',
        side: 'short',
        contracts: 4,
        strikes: [15],
        dte: 30,
        cashFlow: 560,
        conditions: [
          reading('future-at-least', 25, 26.1, true),
          reading('contango-at-least', 0.05, 0.062, true),
        ],
      }),
      "Layer 'Short puts' switched on: front future 26.1 ≥ 25 and contango 6.2 % ≥ 5 %; sold 4 VIX 15 puts, 30 DTE, collecting $560 = 0.6 % of capital.",
    ],
    [
      'trigger: a long VIX future pays no premium',
      layer({
        layer: 'Futures',
        instrument: 'vix-future',
        contracts: 2,
        strikes: [],
        dte: 45,
        price: 22.35,
        costs: 6,
        cashFlow: -6,
        conditions: [
          reading('rsi-below', 30, 27.44, true),
          reading('macd-bearish-cross', null, 1, true),
        ],
      }),
      "Layer 'Futures' switched on: RSI 27.4 < 30 and MACD crossed below its signal line; bought 2 VIX futures at 22.35, 45 DTE, paying no premium and $6 in costs.",
    ],
    [
      'rolled forward: one long call spread',
      layer({
        kind: 'roll',
        reason: 'rolled-forward',
        layer: 'Spread 120d',
        instrument: 'vix-call-spread',
        contracts: 1,
        strikes: [30, 40],
        dte: 120,
        cashFlow: -410,
        conditions: [reading('vix-at-least', 40, 31.2, false)],
      }),
      "Layer 'Spread 120d' was rolled forward early by a MACD bearish cross while the layer before it was open; bought 1 VIX 30/40 call spread, 120 DTE, for $410 = 0.4 % of capital.",
    ],
    [
      'roll: the old position closes',
      layer({
        kind: 'roll',
        reason: 'roll',
        dte: 10,
        vix: 22,
        price: 1.2,
        cashFlow: 345,
        pnl: -1620,
      }),
      "Layer 'Calls at VIX 20' rolled with 10 DTE left (VIX 22.0); sold 3 VIX 35 calls at 1.20 (received $345, costs included); P&L −$1,620 = −1.6 % of capital.",
    ],
    [
      'roll: the new position opens',
      layer({
        kind: 'roll',
        reason: 'roll',
        strikes: [30],
        vix: 22,
        cashFlow: -1500,
        conditions: [reading('vix-at-least', 20, 22, true)],
      }),
      "Layer 'Calls at VIX 20' rolled into a new position, its trigger still firing: VIX 22.0 ≥ 20; bought 3 VIX 30 calls, 64 DTE, for $1,500 = 1.5 % of capital.",
    ],
    [
      'take profit on VIX',
      layer({
        kind: 'takeProfit',
        reason: 'take-profit-vix',
        dte: 40,
        vix: 41.3,
        price: 7.2,
        cashFlow: 2145,
        pnl: 180,
      }),
      "Layer 'Calls at VIX 20' took profit with VIX at 41.3, at or above its take-profit level; sold 3 VIX 35 calls at 7.20 (received $2,145, costs included); P&L +$180 = +0.2 % of capital.",
    ],
    [
      'take profit on value: a short call spread is bought back',
      layer({
        kind: 'takeProfit',
        reason: 'take-profit-value',
        layer: 'Short spread',
        instrument: 'vix-call-spread',
        side: 'short',
        contracts: 2,
        strikes: [30, 40],
        dte: 25,
        vix: 14.2,
        price: 0.5,
        cashFlow: -110,
        pnl: 700,
      }),
      "Layer 'Short spread' took profit: the position reached its take-profit multiple (VIX 14.2); bought back 2 VIX 30/40 call spreads at 0.50 (paid $110, costs included); P&L +$700 = +0.7 % of capital.",
    ],
    [
      'take profit: long VIX futures close',
      layer({
        kind: 'takeProfit',
        reason: 'take-profit-vix',
        layer: 'Futures',
        instrument: 'vix-future',
        contracts: 2,
        strikes: [],
        dte: 20,
        vix: 45.5,
        price: 30.2,
        cashFlow: 15_694,
        pnl: 15_688,
      }),
      "Layer 'Futures' took profit with VIX at 45.5, at or above its take-profit level; closed 2 long VIX futures at 30.20, settling +$15,694 after costs; P&L +$15,688 = +15.7 % of capital.",
    ],
    [
      'exit: the trigger no longer fires at the roll date',
      layer({
        kind: 'exit',
        reason: 'trigger-off',
        dte: 10,
        vix: 17.5,
        price: 0.35,
        cashFlow: 90,
        pnl: -1880,
      }),
      "Layer 'Calls at VIX 20' closed with 10 DTE left because its trigger no longer fires (VIX 17.5); sold 3 VIX 35 calls at 0.35 (received $90, costs included); P&L −$1,880 = −1.9 % of capital.",
    ],
    [
      'expiry: long calls expire worthless',
      layer({
        kind: 'expiry',
        reason: 'expiry',
        dte: 0,
        vix: 18,
        price: 0,
        cashFlow: 0,
        costs: 0,
        pnl: -1965,
      }),
      "Layer 'Calls at VIX 20' expired (VIX 18.0); 3 VIX 35 calls expired worthless; P&L −$1,965 = −2.0 % of capital.",
    ],
    [
      'expiry: short puts settle in the money',
      layer({
        kind: 'expiry',
        reason: 'expiry',
        layer: 'Short puts',
        instrument: 'vix-put',
        side: 'short',
        contracts: 4,
        strikes: [15],
        dte: 0,
        vix: 12.4,
        price: 2.5,
        cashFlow: -1000,
        costs: 0,
        pnl: -440,
      }),
      "Layer 'Short puts' expired (VIX 12.4); 4 VIX 15 puts settled at 2.50 (paid $1,000); P&L −$440 = −0.4 % of capital.",
    ],
    [
      'expiry: one short VIX future settles',
      layer({
        kind: 'expiry',
        reason: 'expiry',
        layer: 'Short future',
        instrument: 'vix-future',
        side: 'short',
        contracts: 1,
        strikes: [],
        dte: 0,
        vix: 18.5,
        price: 19.8,
        cashFlow: 1200,
        costs: 0,
        pnl: 1194,
      }),
      "Layer 'Short future' expired (VIX 18.5); 1 short VIX future settled at 19.80, +$1,200; P&L +$1,194 = +1.2 % of capital.",
    ],
  ])('%s', (_name, event, expected) => {
    expect(explainEvent(event, { capital: CAPITAL })).toBe(expected);
  });

  it('starts with the date when the event has one', () => {
    const event = {
      ...layer({ conditions: [reading('always', null, null, true)] }),
      date: '2020-03-16',
    };
    expect(explainEvent(event, { capital: CAPITAL })).toBe(
      "On 2020-03-16, layer 'Calls at VIX 20' switched on: always on; bought 3 VIX 35 calls, 64 DTE, for $1,950 = 1.9 % of capital.",
    );
  });

  it('returns a user-written layer name as it is, in a plain string', () => {
    const name = `<b>Tom's "hedge"</b>`;
    const text = explainEvent(layer({ layer: name }), { capital: CAPITAL });
    expect(text.startsWith(`Layer '${name}' switched on; bought`)).toBe(true);
  });

  it('never prints NaN: missing numbers print "—", undefined indicators "not yet defined"', () => {
    const event = layer({
      vix: Number.NaN,
      price: Number.NaN,
      cashFlow: Number.NaN,
      conditions: [reading('rsi-below', 30, null, true), reading('vix-at-least', 30, null, true)],
    });
    const text = explainEvent(event, { capital: 0 });
    expect(text).toBe(
      "Layer 'Calls at VIX 20' switched on: RSI not yet defined and VIX not yet defined; bought 3 VIX 35 calls, 64 DTE, for — = — of capital.",
    );
    const closing = explainEvent(
      condor({ kind: 'stop', reason: 'stop-loss', spx: Number.NaN, pnl: Number.NaN }),
      { capital: Number.NaN },
    );
    expect(closing).not.toMatch(/NaN|undefined|Infinity/);
  });
});

describe('explainEvent: tiny shares of capital', () => {
  // Capital $100,000: $22 is 0.022 %, which one decimal would print as "0.0 %".
  it.each<[string, number, string]>([
    ['one decimal from 0.05 % up', 1630, 'P&L +$1,630 = +1.6 % of capital.'],
    ['0.06 % rounds to one decimal', 60, 'P&L +$60 = +0.1 % of capital.'],
    ['two decimals below 0.05 %', 49, 'P&L +$49 = +0.05 % of capital.'],
    ['a small gain', 17, 'P&L +$17 = +0.02 % of capital.'],
    ['a small loss', -11, 'P&L −$11 = −0.01 % of capital.'],
    ['under 0.01 %, a gain', 3, 'P&L +$3 = under 0.01 % of capital.'],
    ['under 0.01 %, a loss', -4, 'P&L −$4 = under 0.01 % of capital.'],
    ['exactly zero', 0, 'P&L $0 = 0 % of capital.'],
  ])('%s', (_name, pnl, ending) => {
    const event = layer({ kind: 'takeProfit', reason: 'take-profit-vix', pnl, cashFlow: 100 });
    expect(explainEvent(event, { capital: CAPITAL }).endsWith(`; ${ending}`)).toBe(true);
  });

  it('a tiny premium collected reads in two decimals', () => {
    const event = layer({
      layer: 'Short-vol base',
      side: 'short',
      contracts: 1,
      strikes: [23],
      dte: 35,
      cashFlow: 22,
    });
    expect(explainEvent(event, { capital: CAPITAL })).toBe(
      "Layer 'Short-vol base' switched on; sold 1 VIX 23 call, 35 DTE, collecting $22 = 0.02 % of capital.",
    );
  });
});

describe('explainEvent on a real replay (2020-01-02 … 2020-06-30, alvh-example)', () => {
  const parsed = parseReplayCsv(
    readFileSync(new URL('../../fixtures/replay/spx-vix-2020-h1.csv', import.meta.url), 'utf8'),
  );
  if (!parsed.ok) throw new Error(parsed.error);
  const result = replay(strategyPreset('alvh-example'), parsed.series);

  it('every event of every kind reads as one dated sentence with its numbers', () => {
    const kinds = new Set(result.events.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(['entry', 'exit', 'roll', 'stop', 'takeProfit', 'trigger']);
    for (const event of result.events) {
      const text = explainEvent(event, { capital: result.capital });
      expect(text.startsWith(`On ${event.date}, `)).toBe(true);
      expect(text.endsWith('.')).toBe(true);
      expect(text.slice(0, -1)).not.toContain('. ');
      expect(text).toMatch(/\$\d/);
      expect(text).not.toMatch(/NaN|undefined|Infinity|—|0\.0 %/);
    }
  });
});

describe('describeCondition', () => {
  it.each<[ConditionReading, string]>([
    [reading('always', null, null, true), 'always on'],
    [reading('vix-at-least', 30, 31.2, true), 'VIX 31.2 ≥ 30'],
    [reading('vix-at-least', 30, 28.04, false), 'VIX 28.0 < 30'],
    [reading('vix-below', 20, 18.4, true), 'VIX 18.4 < 20'],
    [reading('vix-below', 20, 21, false), 'VIX 21.0 ≥ 20'],
    [reading('future-at-least', 25, 26.1, true), 'front future 26.1 ≥ 25'],
    [reading('future-below', 22.5, 23, false), 'front future 23.0 ≥ 22.5'],
    [reading('backwardation', null, 1, true), 'the curve in backwardation'],
    [reading('backwardation', null, 0, false), 'the curve not in backwardation'],
    [reading('contango-at-least', 0.05, 0.062, true), 'contango 6.2 % ≥ 5 %'],
    [reading('contango-at-least', 0.075, -0.031, false), 'contango −3.1 % < 7.5 %'],
    [reading('rsi-below', 30, 27.4, true), 'RSI 27.4 < 30'],
    [reading('rsi-below', 30, null, false), 'RSI not yet defined'],
    [reading('macd-bearish-cross', null, 1, true), 'MACD crossed below its signal line'],
    [reading('macd-bearish-cross', null, 0, false), 'no MACD bearish cross'],
    [reading('drawdown-at-least', 0.1, 0.123, true), 'SPX 12.3 % below its peak (≥ 10 %)'],
    [reading('drawdown-at-least', 0.1, 0.042, false), 'SPX 4.2 % below its peak (< 10 %)'],
    [reading('drawdown-at-least', 0.1, 0, false), 'SPX at its peak'],
  ])('%o reads "%s"', (r, expected) => {
    expect(describeCondition(r)).toBe(expected);
  });
});
