/**
 * Fast delta strike selection for the strategy's many entries. `spxStrikeForDelta` bisects the
 * smile-consistent delta in log-moneyness (~60 implied-vol lookups, ~40 µs); a strategy opening a
 * condor every month on 100,000 paths would spend most of its time there.
 *
 * Homogeneity makes the root k*(v, t) = ln(K_* / F) independent of the spot (spx-option-table.ts), and
 * the strategy's times are whole trading days. So for each (type, |Δ|, days) the exact root is
 * computed once on a grid of √v (ROOT_NODES nodes, 0 … √V_MAX) and interpolated linearly; the grid
 * strike is then chosen exactly as `spxStrikeForDelta` does — of the grid strikes around the
 * interpolated root, the one whose |Δ| is nearest the target — walking one strike step at a time
 * while that improves, so an interpolation error smaller than a few strike steps cannot change the
 * answer.
 *
 * Tested against `spxStrikeForDelta` on random states (delta-strike-cache.test.ts).
 */
import { TRADING_DAYS_PER_YEAR } from '../model/market-params.ts';
import type { OptionType } from '../pricing/black-scholes.ts';
import type { SpxOptionTable } from '../pricing/spx-option-table.ts';
import { STRIKE_STEP } from './contracts.ts';
import { spxOptionDelta } from './iron-condor.ts';

/** √v nodes of each root table (√v from 0 to √V_MAX). */
const ROOT_NODES = 193;
/** Largest variance tabulated (122 % volatility); beyond it the last node is used. */
const V_MAX = 1.5;
/** Bisection steps for the exact root at a node. */
const BISECTIONS = 50;
const STEP = STRIKE_STEP['spx-option'];

export interface DeltaStrikeCache {
  /**
   * The 5-point SPX strike whose smile-consistent |Δ| is nearest `delta`, for an option `days`
   * trading days (≥ 1) from expiry. Same answer as `spxStrikeForDelta` (module comment).
   */
  strike(type: OptionType, delta: number, spot: number, v: number, days: number): number;
}

export function createDeltaStrikeCache(options: {
  table: SpxOptionTable;
  rate: number;
  dividendYield: number;
}): DeltaStrikeCache {
  const { table, rate, dividendYield } = options;
  const roots = new Map<string, Float64Array>();
  const du = Math.sqrt(V_MAX) / (ROOT_NODES - 1);

  const absDelta = (type: OptionType, strike: number, spot: number, v: number, t: number) =>
    Math.abs(spxOptionDelta({ type, strike, spot, v, timeYears: t, rate, dividendYield, table }));

  function rootAt(type: OptionType, delta: number, v: number, t: number): number {
    // |Δ_put| rises with k, |Δ_call| falls: g(k) = sign·(|Δ(k)| − delta) rises.
    const sign = type === 'put' ? 1 : -1;
    const spot = 1;
    const forward = Math.exp((rate - dividendYield) * t);
    const g = (k: number) => sign * (absDelta(type, forward * Math.exp(k), spot, v, t) - delta);
    const atm = table.impliedVol(v, 0, t) * Math.sqrt(t);
    const reach = Math.max(0.5, 12 * atm);
    let lo = -reach;
    let hi = reach;
    if (g(lo) >= 0) return lo;
    if (g(hi) <= 0) return hi;
    for (let i = 0; i < BISECTIONS; i++) {
      const mid = 0.5 * (lo + hi);
      if (g(mid) < 0) lo = mid;
      else hi = mid;
    }
    return 0.5 * (lo + hi);
  }

  function rootTable(type: OptionType, delta: number, days: number): Float64Array {
    const key = `${type}|${delta}|${days}`;
    let nodes = roots.get(key);
    if (!nodes) {
      const t = days / TRADING_DAYS_PER_YEAR;
      nodes = new Float64Array(ROOT_NODES);
      for (let j = 0; j < ROOT_NODES; j++) nodes[j] = rootAt(type, delta, (j * du) ** 2, t);
      roots.set(key, nodes);
    }
    return nodes;
  }

  return {
    strike(type, delta, spot, v, days) {
      if (!(delta > 0 && delta < 1)) throw new RangeError(`delta must be in (0, 1), got ${delta}`);
      if (!(days >= 1)) throw new RangeError(`days must be ≥ 1, got ${days}`);
      if (!(spot > 0) || !(v >= 0)) throw new RangeError(`invalid spot ${spot} or variance ${v}`);
      const nodes = rootTable(type, delta, days);
      const x = Math.min(Math.sqrt(v) / du, ROOT_NODES - 1);
      const j = Math.min(Math.floor(x), ROOT_NODES - 2);
      const w = x - j;
      const k = nodes[j] + w * (nodes[j + 1] - nodes[j]);
      const t = days / TRADING_DAYS_PER_YEAR;
      const forward = spot * Math.exp((rate - dividendYield) * t);
      const miss = (strike: number) => Math.abs(absDelta(type, strike, spot, v, t) - delta);
      let best = Math.max(Math.floor((forward * Math.exp(k)) / STEP) * STEP, STEP);
      let bestMiss = miss(best);
      const up = miss(best + STEP);
      const direction = up < bestMiss ? STEP : -STEP;
      if (direction > 0) {
        best += STEP;
        bestMiss = up;
      }
      for (;;) {
        const next = best + direction;
        if (next < STEP) break;
        const nextMiss = miss(next);
        if (!(nextMiss < bestMiss)) break;
        best = next;
        bestMiss = nextMiss;
      }
      return best;
    },
  };
}
