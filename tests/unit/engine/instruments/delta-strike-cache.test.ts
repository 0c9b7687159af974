/**
 * Specification tests of the delta strike cache (src/engine/instruments/delta-strike-cache.ts): it
 * must choose the same 5-point SPX strike as the exact `spxStrikeForDelta` (bisection on the
 * smile-consistent delta) on nearly every state, and never a strike more than one step away.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createDeltaStrikeCache,
  type DeltaStrikeCache,
} from '../../../../src/engine/instruments/delta-strike-cache.ts';
import { spxStrikeForDelta } from '../../../../src/engine/instruments/iron-condor.ts';
import { TRADING_DAYS_PER_YEAR } from '../../../../src/engine/model/market-params.ts';
import type { OptionType } from '../../../../src/engine/pricing/black-scholes.ts';
import { createRng } from '../../../../src/engine/rng.ts';
import type { StrategyTables } from '../../../../src/engine/strategy/strategy-tables.ts';
import { HISTORICAL, historicalTables } from '../../../fixtures/strategy-fixtures.ts';

let tables: StrategyTables;
let cache: DeltaStrikeCache;
beforeAll(() => {
  tables = historicalTables();
  // A fresh cache (not the tables' own), so its root tables are built by this file's queries.
  cache = createDeltaStrikeCache({
    table: tables.instruments.spx,
    rate: HISTORICAL.rate,
    dividendYield: HISTORICAL.dividendYield,
  });
});

interface State {
  type: OptionType;
  delta: number;
  spot: number;
  v: number;
  days: number;
}

/**
 * Random states over the brief's ranges: v 0.003 … 0.5 (VIX ≈ 12 … 75, uniform in √v so the calm
 * end is well covered), days 3 … 60, |Δ| 0.05 … 0.30 (a few fixed targets, as configs use, plus
 * random ones), SPX 1,000 … 9,000, puts and calls.
 */
function randomStates(count: number, seed: number): State[] {
  const rng = createRng(seed, 0);
  const targets = [0.05, 0.1, 0.16, 0.2, 0.25, 0.3];
  return Array.from({ length: count }, (_, j) => {
    const sqrtV = Math.sqrt(0.003) + (Math.sqrt(0.5) - Math.sqrt(0.003)) * rng.uniform();
    return {
      type: rng.uniform() < 0.5 ? 'put' : 'call',
      delta:
        j % 2 === 0
          ? targets[Math.floor(rng.uniform() * targets.length)]
          : 0.05 + 0.25 * rng.uniform(),
      spot: 1000 + 8000 * rng.uniform(),
      v: sqrtV * sqrtV,
      days: 3 + Math.floor(58 * rng.uniform()),
    };
  });
}

const exact = (s: State) =>
  spxStrikeForDelta({
    type: s.type,
    delta: s.delta,
    spot: s.spot,
    v: s.v,
    timeYears: s.days / TRADING_DAYS_PER_YEAR,
    rate: HISTORICAL.rate,
    dividendYield: HISTORICAL.dividendYield,
    table: tables.instruments.spx,
  });

describe('createDeltaStrikeCache', () => {
  it('gives the strike of spxStrikeForDelta on ≥ 99 % of 500 random states, never more than 5 points off', () => {
    const states = randomStates(500, 2024);
    let same = 0;
    let worst = 0;
    for (const s of states) {
      const k = cache.strike(s.type, s.delta, s.spot, s.v, s.days);
      const reference = exact(s);
      if (k === reference) same++;
      worst = Math.max(worst, Math.abs(k - reference));
      expect(k % 5).toBe(0);
    }
    expect(same / states.length).toBeGreaterThanOrEqual(0.99);
    expect(worst).toBeLessThanOrEqual(5);
  });

  it('stays within one step of the exact search at spots far from the index level (homogeneity)', () => {
    // The root is tabulated in ln(K/F) per (type, Δ, days) only, so any spot reuses it.
    for (const spot of [50, 333.3, 12_345]) {
      const s: State = { type: 'put', delta: 0.16, spot, v: 0.04, days: 24 };
      const k = cache.strike(s.type, s.delta, s.spot, s.v, s.days);
      expect(Math.abs(k - exact(s))).toBeLessThanOrEqual(5);
    }
  });

  it('stays within one step of the exact search beyond its variance table (v = 2 > V_MAX = 1.5)', () => {
    const s: State = { type: 'put', delta: 0.16, spot: 6800, v: 2, days: 24 };
    expect(
      Math.abs(cache.strike(s.type, s.delta, s.spot, s.v, s.days) - exact(s)),
    ).toBeLessThanOrEqual(5);
  });

  const invalid: { name: string; args: Parameters<DeltaStrikeCache['strike']> }[] = [
    { name: 'delta 0', args: ['put', 0, 6800, 0.04, 24] },
    { name: 'delta 1', args: ['call', 1, 6800, 0.04, 24] },
    { name: 'days 0', args: ['put', 0.16, 6800, 0.04, 0] },
    { name: 'spot 0', args: ['put', 0.16, 0, 0.04, 24] },
    { name: 'negative variance', args: ['put', 0.16, 6800, -0.01, 24] },
    { name: 'NaN variance', args: ['put', 0.16, 6800, Number.NaN, 24] },
  ];
  it.each(invalid)('throws RangeError for $name', ({ args }) => {
    expect(() => cache.strike(...args)).toThrow(RangeError);
  });
});
