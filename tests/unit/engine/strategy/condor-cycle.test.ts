/**
 * Specification tests of the condor cycle (src/engine/strategy/condor-cycle.ts): strikes by delta
 * and by % OTM, wings, contract count, the exits (profit target, stop, close at N DTE, expiry) on
 * hand-made SPX/VIX series, entry schedules and the breach flag.
 *
 * Clock: the default condor (35 DTE, close at 7 DTE) lives round(35·252/365) = 24 trading days and
 * closes when round(7·252/365) = 5 are left, i.e. on day 19 after an entry on day 0.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CondorConfig } from '../../../../src/engine/config/schema.ts';
import {
  bidAskSpread,
  nearestStrike,
  tradingDaysForDte,
} from '../../../../src/engine/instruments/contracts.ts';
import { spxOptionDelta } from '../../../../src/engine/instruments/iron-condor.ts';
import { TRADING_DAYS_PER_YEAR } from '../../../../src/engine/model/market-params.ts';
import type { OptionType } from '../../../../src/engine/pricing/black-scholes.ts';
import { createRng } from '../../../../src/engine/rng.ts';
import { CondorBook } from '../../../../src/engine/strategy/condor-cycle.ts';
import type { StrategyEvent } from '../../../../src/engine/strategy/events.ts';
import type { FillCosts } from '../../../../src/engine/strategy/fills.ts';
import { MarketSignals } from '../../../../src/engine/strategy/market-signals.ts';
import type { StrategyTables } from '../../../../src/engine/strategy/strategy-tables.ts';
import {
  HISTORICAL,
  NO_COSTS,
  eventsOf,
  handSeries,
  historicalTables,
  historicalVariance,
  runOnSeries,
  runSimulated,
  steps,
  strategyConfig,
} from '../../../fixtures/strategy-fixtures.ts';
import { strategyPreset } from '../../../../src/engine/scenarios/strategy-presets.ts';
import { buildPricingTables } from '../../../../src/engine/simulate.ts';

let tables: StrategyTables;
beforeAll(() => {
  tables = historicalTables();
});

const DEFAULT_COSTS: FillCosts = { commissionPerContract: 1.1, slippageFraction: 0.1 };
const CAPITAL = 100_000;
const TENOR = tradingDaysForDte(35); // 24

/** A condor config: the default's fields with changes. */
const condorConfig = (changes: Partial<CondorConfig> = {}): CondorConfig => ({
  ...strategyConfig().condor,
  ...changes,
});

/**
 * Opens condors on day 0 of `states.length` paths at the given spots and variances by calling the
 * book directly (no market run), and returns the book.
 */
function openOn(
  states: readonly { spot: number; v: number }[],
  condor: CondorConfig,
  costs: FillCosts = DEFAULT_COSTS,
): CondorBook {
  const n = states.length;
  const book = new CondorBook({
    pathCount: n,
    condor,
    costs,
    capital: CAPITAL,
    horizonDays: 100,
    marks: tables.marks,
    strikes: tables.strikes,
  });
  const s = new MarketSignals(n);
  s.day = 0;
  states.forEach((state, i) => {
    s.spot[i] = state.spot;
    s.logSpot[i] = Math.log(state.spot);
    s.variance[i] = state.v;
    s.vix[i] = 20;
  });
  for (let i = 0; i < n; i++) book.update(i, s);
  return book;
}

/** Random day-0 states: SPX 2,000–9,000, variance 0.003–0.3 (VIX ≈ 12–60). */
function randomStates(count: number, seed: number) {
  const rng = createRng(seed, 0);
  return Array.from({ length: count }, () => ({
    spot: 2000 + 7000 * rng.uniform(),
    v: 0.003 + 0.297 * rng.uniform() ** 2,
  }));
}

/** |Δ| of an SPX option with the run's smile, `days` trading days out (the book's own rule). */
function absDelta(type: OptionType, strike: number, spot: number, v: number, days = TENOR): number {
  return Math.abs(
    spxOptionDelta({
      type,
      strike,
      spot,
      v,
      timeYears: days / TRADING_DAYS_PER_YEAR,
      rate: HISTORICAL.rate,
      dividendYield: HISTORICAL.dividendYield,
      table: tables.instruments.spx,
    }),
  );
}

/** Cost to close one condor (points) from the run's marks: the book's credit at entry. */
function condorMark(strikes: readonly number[], spot: number, v: number, days: number): number {
  const [lp, sp, sc, lc] = strikes;
  const m = tables.marks;
  return (
    m.spxOption('put', sp, spot, v, days) -
    m.spxOption('put', lp, spot, v, days) +
    m.spxOption('call', sc, spot, v, days) -
    m.spxOption('call', lc, spot, v, days)
  );
}

/** Dollar figures agree to this relative tolerance (sums of a few products). */
const close = (actual: number, expected: number, rel = 1e-12) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));

describe('strikes', () => {
  it('short strikes by delta meet the 16Δ target to half a strike step, on 200 random states', () => {
    const states = randomStates(200, 7);
    const book = openOn(states, condorConfig({ shortDelta: 0.16 }));
    let opened = 0;
    states.forEach(({ spot, v }, i) => {
      if (!book.open[i]) return;
      opened++;
      for (const [type, k] of [
        ['put', book.shortPut[i]],
        ['call', book.shortCall[i]],
      ] as const) {
        const miss = (strike: number) => Math.abs(absDelta(type, strike, spot, v) - 0.16);
        const below = absDelta(type, k - 5, spot, v);
        const at = absDelta(type, k, spot, v);
        const above = absDelta(type, k + 5, spot, v);
        // Half the change of |Δ| over one 5-point step (spxStrikeForDelta's bound) …
        expect(miss(k)).toBeLessThanOrEqual(
          0.5 * Math.max(Math.abs(at - below), Math.abs(above - at)) + 1e-12,
        );
        // … and no neighbouring strike is nearer the target.
        expect(miss(k)).toBeLessThanOrEqual(miss(k - 5) + 1e-12);
        expect(miss(k)).toBeLessThanOrEqual(miss(k + 5) + 1e-12);
      }
    });
    expect(opened).toBeGreaterThan(190);
  });

  it.each([
    { wingWidth: 50, expected: 50 },
    { wingWidth: 75, expected: 75 },
    { wingWidth: 52, expected: 50 },
    { wingWidth: 1, expected: 5 },
  ])(
    'wings are wingWidth $wingWidth on the 5-point grid ($expected) beyond each short strike',
    ({ wingWidth, expected }) => {
      const states = randomStates(20, 8);
      const book = openOn(states, condorConfig({ wingWidth }));
      for (let i = 0; i < states.length; i++) {
        if (!book.open[i]) continue;
        expect(book.shortPut[i] - book.longPut[i]).toBe(expected);
        expect(book.longCall[i] - book.shortCall[i]).toBe(expected);
      }
    },
  );

  it('percent-OTM strikes: 5 % from SPX 6800 gives 6460 / 7140 (nearest 5-point strikes)', () => {
    const book = openOn(
      [{ spot: 6800, v: historicalVariance(17.6) }],
      condorConfig({ strikeRule: 'percent-otm', shortOtm: 0.05 }),
    );
    expect([book.longPut[0], book.shortPut[0], book.shortCall[0], book.longCall[0]]).toEqual([
      6410, 6460, 7140, 7190,
    ]);
    const odd = openOn(
      [{ spot: 4321, v: 0.03 }],
      condorConfig({ strikeRule: 'percent-otm', shortOtm: 0.07 }),
    );
    expect([odd.shortPut[0], odd.shortCall[0]]).toEqual([
      nearestStrike('spx-option', 4321 * 0.93),
      nearestStrike('spx-option', 4321 * 1.07),
    ]);
  });
});

describe('credit and size', () => {
  it('credit is the model mid of the four legs; contracts = ⌊risk / ((width − credit)·100)⌋ without costs', () => {
    const states = randomStates(100, 9);
    const book = openOn(states, condorConfig({ riskPctOfCapital: 0.2 }), NO_COSTS);
    let opened = 0;
    states.forEach(({ spot, v }, i) => {
      if (!book.open[i]) return;
      opened++;
      const strikes = [book.longPut[i], book.shortPut[i], book.shortCall[i], book.longCall[i]];
      const credit = condorMark(strikes, spot, v, TENOR);
      close(book.credit[i], credit);
      // contractsForRisk counts a ratio within 1e-9 below a whole number as that number.
      const ratio = (0.2 * CAPITAL) / ((50 - credit) * 100);
      expect(book.contracts[i]).toBe(Math.floor(ratio + 1e-9));
      close(book.cash[i], credit * 100 * book.contracts[i]);
    });
    expect(opened).toBeGreaterThan(90);
  });

  it('with costs, max loss per contract adds the slippage of the 4 legs and 4 commissions', () => {
    const states = randomStates(100, 10);
    const book = openOn(states, condorConfig({ riskPctOfCapital: 0.2 }));
    states.forEach(({ spot, v }, i) => {
      if (!book.open[i]) return;
      const strikes = [book.longPut[i], book.shortPut[i], book.shortCall[i], book.longCall[i]];
      const types: OptionType[] = ['put', 'put', 'call', 'call'];
      // Slippage: 0.1 × the SPX spread proxy min(5, max(0.10, 2 % of the mid)) per leg.
      const slip = strikes.reduce(
        (sum, k, j) =>
          sum +
          0.1 * bidAskSpread('spx-option', tables.marks.spxOption(types[j], k, spot, v, TENOR)),
        0,
      );
      const credit = book.credit[i];
      const maxLoss = (50 - credit + slip) * 100 + 4 * 1.1;
      const n = Math.floor((0.2 * CAPITAL) / maxLoss + 1e-9);
      expect(book.contracts[i]).toBe(n);
      close(book.costs[i], slip * 100 * n + 4 * 1.1 * n);
      close(book.cash[i], credit * 100 * n - book.costs[i]);
    });
  });

  it('opens nothing when the risk budget buys no contract (0.1 % of $100,000 < one max loss)', () => {
    const book = openOn(
      [{ spot: 6800, v: historicalVariance(17.6) }],
      condorConfig({ riskPctOfCapital: 0.001 }),
    );
    expect(book.open[0]).toBe(0);
    expect(book.trades[0]).toBe(0);
    expect(book.cash[0]).toBe(0);
  });
});

describe('sizing against the equity left', () => {
  it('a condor sized at 100 % of capital that loses it all opens no further condor', () => {
    // A 2 %-a-day fall through the puts of a condor held to expiry (24 trading days), then flat.
    const spx = [6800, ...Array.from({ length: 59 }, (_, t) => 6800 * 0.98 ** Math.min(t + 1, 20))];
    const vix = 20;
    const run = runCondor(
      { riskPctOfCapital: 1, profitTarget: null, stopLossMultiple: null, closeAtDte: null },
      spx,
      vix,
    );
    const events = eventsOf(run.events, 'condor');
    const entries = events.filter((e) => e.kind === 'entry');
    expect(entries).toHaveLength(1);
    const equity = 100_000 + run.condor.cash[0];
    // It lost nearly all its capital (each contract's maximum), and no more than it had.
    expect(equity).toBeGreaterThanOrEqual(0);
    expect(equity).toBeLessThan(0.1 * 100_000);
  });

  it('later condors are sized on min(risk % × capital, equity): never more than the book holds', () => {
    // cndr-style (100 % of capital, 20Δ/5Δ, held to expiry) through the Covid regime: without the
    // equity limit paths lost up to 3× the capital.
    const base = strategyPreset('cndr-style', { market: 'covid-2020' });
    const config = { ...base, paths: 120, horizonDays: 252, seed: 3 };
    const run = runSimulated({ config, tables: buildPricingTables(config.market) });
    let worst = Infinity;
    for (let i = 0; i < 120; i++) worst = Math.min(worst, run.condor.cash[i] + run.condor.value[i]);
    expect(worst).toBeLessThan(-0.5 * config.capital); // the regime does hurt
    expect(worst).toBeGreaterThanOrEqual(-config.capital * (1 + 1e-9));
  });
});

/** Runs a condor alone on a hand-made series. */
function runCondor(condor: Partial<CondorConfig>, spx: number[] | number, vix: number[] | number) {
  const config = strategyConfig({ condor });
  return runOnSeries({ config, tables, series: handSeries(spx, vix) });
}

/** The first day in 1 … TENOR − 1 on which `hit(mark)` holds for the condor opened on day 0. */
function firstDay(
  entry: StrategyEvent,
  spx: readonly number[],
  vix: readonly number[],
  hit: (mark: number) => boolean,
): number {
  for (let d = 1; d < TENOR; d++) {
    if (hit(condorMark(entry.strikes, spx[d], historicalVariance(vix[d]), TENOR - d))) return d;
  }
  return -1;
}

const summary = (events: readonly StrategyEvent[]) => events.map((e) => [e.day, e.kind, e.reason]);

describe('exits on hand-made series', () => {
  it('profit target 50 %: a flat market lets theta bring the cost to close to half the credit', () => {
    const spx = steps([6800, 30]);
    const vix = steps([17.6, 30]);
    const run = runCondor(
      { profitTarget: 0.5, stopLossMultiple: null, closeAtDte: null },
      spx,
      vix,
    );
    const [entry, exit] = eventsOf(run.events, 'condor');
    // Reference: the first day the marked cost to close is ≤ (1 − 0.5)·credit.
    const expected = firstDay(entry, spx, vix, (m) => m <= 0.5 * entry.price);
    expect(expected).toBeGreaterThan(1);
    expect([exit.day, exit.kind, exit.reason]).toEqual([expected, 'exit', 'profit-target']);
    close(
      exit.price,
      condorMark(entry.strikes, 6800, historicalVariance(17.6), TENOR - expected),
      1e-9,
    );
    close(exit.cashFlow, -exit.price * 100 * exit.contracts - exit.costs);
    expect(exit.costs).toBeGreaterThan(0);
  });

  it('stop at 2× credit: a crash (−2 %/day, VIX to 45) closes on the first day the loss reaches it', () => {
    const spx = [6800, ...Array.from({ length: 29 }, (_, t) => 6800 * 0.98 ** (t + 1))];
    const vix = [17.6, ...Array.from({ length: 29 }, (_, t) => Math.min(45, 18 + 2 * (t + 1)))];
    const run = runCondor({ profitTarget: 0.5, stopLossMultiple: 2, closeAtDte: null }, spx, vix);
    const [entry, exit] = eventsOf(run.events, 'condor');
    const expected = firstDay(entry, spx, vix, (m) => m - entry.price >= 2 * entry.price);
    expect(expected).toBeGreaterThan(1);
    expect([exit.day, exit.kind, exit.reason]).toEqual([expected, 'stop', 'stop-loss']);
    // The loss at the stop is at least 2× the credit, before costs.
    expect((exit.price - entry.price) * 100 * exit.contracts).toBeGreaterThanOrEqual(
      2 * entry.price * 100 * exit.contracts,
    );
  });

  it('close at 7 DTE: on day 24 − 5 = 19 when no other exit applies', () => {
    const run = runCondor(
      { profitTarget: null, stopLossMultiple: null, closeAtDte: 7 },
      steps([6800, 25]),
      17.6,
    );
    expect(summary(eventsOf(run.events, 'condor'))).toEqual([
      [0, 'entry', 'scheduled'],
      [19, 'exit', 'close-at-dte'],
      [20, 'entry', 'scheduled'],
    ]);
  });

  it('events carry the configured DTEs: 35 at the entry and 7 at the close at 7 DTE', () => {
    const run = runCondor(
      { dte: 35, profitTarget: null, stopLossMultiple: null, closeAtDte: 7 },
      steps([6800, 25]),
      17.6,
    );
    const [entry, exit] = eventsOf(run.events, 'condor');
    expect([entry.dte, exit.dte]).toEqual([35, 7]);
  });

  it.each([
    { name: 'SPX between the short strikes keeps the whole credit', spxT: 6800 },
    { name: 'SPX 20 points below the short put', spxT: -20 },
    { name: 'SPX below the long put loses the whole wing', spxT: 6000 },
    { name: 'SPX above the long call loses the whole wing', spxT: 7600 },
  ])(
    'held to expiry (day 24), it settles at intrinsic value with no fill costs: $name',
    ({ spxT }) => {
      const hold = { profitTarget: null, stopLossMultiple: null, closeAtDte: null };
      // First run finds the strikes; the path then moves to the settlement level on days 21–24.
      const flat = runCondor(hold, steps([6800, 25]), 17.6);
      const [lp, sp, sc, lc] = eventsOf(flat.events, 'condor')[0].strikes;
      const sT = spxT > 0 ? spxT : sp + spxT;
      const spx = [...steps([6800, 21]), sT, sT, sT, sT];
      const run = runCondor(hold, spx, 17.6);
      const [entry, expiry] = eventsOf(run.events, 'condor');
      expect(entry.strikes).toEqual([lp, sp, sc, lc]);
      expect([expiry.day, expiry.kind, expiry.reason]).toEqual([24, 'expiry', 'expiry']);
      const intrinsic =
        Math.max(sp - sT, 0) - Math.max(lp - sT, 0) + Math.max(sT - sc, 0) - Math.max(sT - lc, 0);
      const n = entry.contracts;
      expect(expiry.costs).toBe(0);
      // The replay's SPX is exp(ln S): a few ulps off the close, so the intrinsic to 1e-12·S.
      expect(Math.abs(expiry.price - intrinsic)).toBeLessThanOrEqual(1e-12 * sT);
      close(expiry.cashFlow, -intrinsic * 100 * n);
      close(expiry.pnl ?? NaN, (entry.price - intrinsic) * 100 * n - entry.costs);
    },
  );
});

describe('entry schedule', () => {
  // dte 14 → 10 trading days, held to expiry on a flat market.
  const hold = { dte: 14, profitTarget: null, stopLossMultiple: null, closeAtDte: null };
  const entries = (condor: Partial<CondorConfig>) =>
    eventsOf(runCondor({ ...hold, ...condor }, steps([6800, 41]), 17.6).events, 'condor', [
      'entry',
    ]).map((e) => e.day);

  it("'after-close': day 0, then the day after each close (expiries 10, 21, 32)", () => {
    expect(entries({ entry: 'after-close' })).toEqual([0, 11, 22, 33]);
  });

  it("'every-n-days' 7: days 0, 7, 14, … when flat — days 7, 21, 35 are skipped while a condor is open", () => {
    expect(entries({ entry: 'every-n-days', entryEveryDays: 7 })).toEqual([0, 14, 28]);
  });

  it("'every-n-days' 10 with a 10-day condor: reopens on its expiry day; none on the last day (40)", () => {
    expect(entries({ entry: 'every-n-days', entryEveryDays: 10 })).toEqual([0, 10, 20, 30]);
  });
});

describe('breach flag: a condor closed with the SPX beyond a short strike', () => {
  const hold = { profitTarget: null, stopLossMultiple: null, closeAtDte: null };
  const shortPut = () =>
    eventsOf(runCondor(hold, steps([6800, 25]), 17.6).events, 'condor')[0].strikes[1];

  it('is 0 when the condor expires between its short strikes (flat market)', () => {
    const run = runCondor(hold, steps([6800, 25]), 17.6);
    expect(eventsOf(run.events, 'condor', ['expiry'])).toHaveLength(1);
    expect(run.result.outcomes.breached[0]).toBe(0);
  });

  it('is 1 when it expires with the SPX 1 point below the short put', () => {
    const k = shortPut();
    const run = runCondor(hold, [...steps([6800, 24]), k - 1], 17.6);
    expect(run.result.outcomes.breached[0]).toBe(1);
  });

  it('is 0 when the SPX dips below the short put for a day but expires back inside', () => {
    const k = shortPut();
    const run = runCondor(hold, [...steps([6800, 5]), k - 1, ...steps([6800, 19])], 17.6);
    expect(run.result.outcomes.breached[0]).toBe(0);
  });

  it('is 1 when a stop closes the condor with the SPX below the short put', () => {
    const k = shortPut();
    // A gap to 1 point under the short put on day 5, VIX 40: far beyond a 1× credit stop.
    const spx = [...steps([6800, 5]), ...steps([k - 1, 5])];
    const vix = [...steps([17.6, 5]), ...steps([40, 5])];
    const run = runCondor({ ...hold, stopLossMultiple: 1 }, spx, vix);
    expect(summary(eventsOf(run.events, 'condor'))[1]).toEqual([5, 'stop', 'stop-loss']);
    expect(run.result.outcomes.breached[0]).toBe(1);
  });
});
