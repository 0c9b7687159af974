/**
 * Fast delta strike selection for the strategy's many entries. `spxStrikeForDelta` bisects the
 * smile-consistent delta in log-moneyness (~60 implied-vol lookups, ~40 µs); a strategy opening a
 * condor every month on 100,000 paths would spend most of its time there.
 *
 * Homogeneity makes the root k*(v, t) = ln(K_* / F) independent of the spot (spx-option-table.ts), and
 * the strategy's times are whole trading days. So for each (type, |Δ|, days) the exact root is
 * computed once on a grid of √v (ROOT_NODES nodes, 0 … √V_MAX) and interpolated (cubic, error
 * ~1e-6 in k, a few hundredths of an index point); the grid strike is then chosen as
 * `spxStrikeForDelta` does — of the two grid strikes around the root, the one whose |Δ| is nearer
 * the target — comparing deltas only when the root lies in the middle half of its step (elsewhere
 * the nearer strike in log-moneyness is that one).
 *
 * Tested against `spxStrikeForDelta` on random states (delta-strike-cache.test.ts).
 */
import { TRADING_DAYS_PER_YEAR } from '../model/market-params.ts';
import type { OptionType } from '../pricing/black-scholes.ts';
import type { SpxOptionTable } from '../pricing/spx-option-table.ts';
import { STRIKE_STEP } from './contracts.ts';
import { spxOptionDelta, spxStrikeForDelta } from './iron-condor.ts';

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

  // The last table used per option type: a strategy asks for the same (type, |Δ|, days) again and
  // again, and building the string key and hashing it cost about a fifth of a lookup.
  let lastPut: { delta: number; days: number; nodes: Float64Array } | undefined;
  let lastCall: { delta: number; days: number; nodes: Float64Array } | undefined;

  function rootTable(type: OptionType, delta: number, days: number): Float64Array {
    const last = type === 'put' ? lastPut : lastCall;
    if (last !== undefined && last.delta === delta && last.days === days) return last.nodes;
    const key = `${type}|${delta}|${days}`;
    let nodes = roots.get(key);
    if (!nodes) {
      const t = days / TRADING_DAYS_PER_YEAR;
      nodes = new Float64Array(ROOT_NODES);
      for (let j = 0; j < ROOT_NODES; j++) nodes[j] = rootAt(type, delta, (j * du) ** 2, t);
      roots.set(key, nodes);
    }
    if (type === 'put') lastPut = { delta, days, nodes };
    else lastCall = { delta, days, nodes };
    return nodes;
  }

  return {
    strike(type, delta, spot, v, days) {
      if (!(delta > 0 && delta < 1)) throw new RangeError(`delta must be in (0, 1), got ${delta}`);
      if (!(days >= 1)) throw new RangeError(`days must be ≥ 1, got ${days}`);
      if (!(spot > 0) || !(v >= 0)) throw new RangeError(`invalid spot ${spot} or variance ${v}`);
      const t = days / TRADING_DAYS_PER_YEAR;
      if (v > V_MAX) {
        // Beyond the root table (volatility above 122 %): the exact search.
        return spxStrikeForDelta({
          type,
          delta,
          spot,
          v,
          timeYears: t,
          rate,
          dividendYield,
          table,
        });
      }
      const nodes = rootTable(type, delta, days);
      // Cubic (4-point Lagrange) interpolation of the root in √v: error far below a strike step.
      const x = Math.min(Math.sqrt(v) / du, ROOT_NODES - 1);
      const j = Math.min(Math.max(Math.floor(x) - 1, 0), ROOT_NODES - 4);
      const w = x - j;
      const k =
        (-nodes[j] * (w - 1) * (w - 2) * (w - 3)) / 6 +
        (nodes[j + 1] * w * (w - 2) * (w - 3)) / 2 -
        (nodes[j + 2] * w * (w - 1) * (w - 3)) / 2 +
        (nodes[j + 3] * w * (w - 1) * (w - 2)) / 6;
      const forward = spot * Math.exp((rate - dividendYield) * t);
      const root = forward * Math.exp(k);
      const below = Math.max(Math.floor(root / STEP) * STEP, STEP);
      // Of the two grid strikes around the root, the one whose |Δ| is nearer the target, as
      // spxStrikeForDelta; far from their midpoint the nearer strike in log-moneyness is that one
      // (|Δ| is smooth and monotone over a 5-point step), so only near it are deltas compared.
      const u = Math.log(root / below) / Math.log((below + STEP) / below);
      if (u < 0.25) return below;
      if (u > 0.75) return below + STEP;
      const missBelow = Math.abs(absDelta(type, below, spot, v, t) - delta);
      const missAbove = Math.abs(absDelta(type, below + STEP, spot, v, t) - delta);
      const best = missAbove < missBelow ? below + STEP : below;
      return best;
    },
  };
}
