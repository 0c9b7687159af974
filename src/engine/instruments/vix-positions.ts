/**
 * The instruments of the hedge layers (DESIGN §3): a VIX call, a VIX put, a VIX call spread (long
 * K₁, short K₂ = K₁ + width), a VIX future, each long or short, and an SPX put "for comparison"
 * (SPX option legs like the condor's). A position is plain data: instrument, side, contracts,
 * expiry, strikes and the entry price per unit of the long position.
 *
 * Strike rules, applied when the layer opens with time to expiry h:
 * - 'percent-otm' of the matching future F = F(t, t + h), the VIX future of the option's expiry on
 *   which it settles: K = F·(1 + x) for calls (and the long strike of a call spread), F·(1 − x) for
 *   puts, rounded to the 1-point grid; for the SPX put, K = S·(1 − x) on the 5-point grid.
 * - 'delta': the grid strike whose |Δ| is closest to the target. For VIX options Δ is the Black-76
 *   delta on the future, e^{−rh}Φ(d₁) (call) or −e^{−rh}Φ(−d₁) (put), with the Black-76 implied
 *   volatility of the option table's price at that strike (Black 1976; Hull ch. 18); for the SPX
 *   put, the smile-consistent delta of iron-condor.ts.
 *
 * At expiry (underlying = VIX_T for VIX instruments, the SPX for the SPX put; p = entry price):
 *   long call         break-even K + p,    max loss p,   max profit unlimited
 *   long put          break-even K − p,    max loss p,   max profit K − p (VIX → 0)
 *   long call spread  break-even K₁ + p,   max loss p,   max profit (K₂ − K₁) − p
 *   long future       break-even p,        max loss p (VIX → 0), max profit unlimited
 * times multiplier × contracts; a short position has the same break-even and swaps profit and
 * loss. The model's VIX never goes below its floor 100√c, so "VIX → 0" is an upper bound.
 */

import { normCdf } from '../math/normal.ts';
import type { OptionType } from '../pricing/black-scholes.ts';
import { impliedTotalStdDev } from '../pricing/implied-vol.ts';
import type { VixOptionTable } from '../pricing/vix-tables.ts';
import { CONTRACT_MULTIPLIER, STRIKE_STEP, nearestStrike, type ContractKind } from './contracts.ts';
import { spxStrikeForDelta } from './iron-condor.ts';
import { payoffAtExpiry, type Leg } from './legs.ts';
import { markSpxOption, markVixFuture, markVixOption } from './marks.ts';
import type { InstrumentPricing } from './pricing-context.ts';

/** A hedge layer's instrument (the config's `layers[].instrument`). */
export type LayerInstrument = 'vix-call' | 'vix-put' | 'vix-call-spread' | 'vix-future' | 'spx-put';

/** Long buys the instrument, short sells it. */
export type PositionSide = 'long' | 'short';

/** How a layer's strike is chosen (module comment). */
export type LayerStrikeRule = 'percent-otm' | 'delta';

/** An open (or planned) layer position, plain data. */
export interface LayerPosition {
  readonly instrument: LayerInstrument;
  readonly side: PositionSide;
  /** Contracts, a whole number ≥ 0. */
  readonly contracts: number;
  /** Simulation trading day of expiry. */
  readonly expiryDay: number;
  /** Strike, index points (the long strike K₁ of a call spread; 0 for a future). */
  readonly strike: number;
  /** The short strike K₂ of a call spread; equal to `strike` for every other instrument. */
  readonly upperStrike: number;
  /**
   * Entry price per unit of the long instrument, index points: the premium of an option, the net
   * debit C(K₁) − C(K₂) of a call spread, the futures price of a future.
   */
  readonly entryPrice: number;
}

const VIX_STEP = STRIKE_STEP['vix-option'];
/** Largest number of 1-point steps a VIX delta search walks from the money. */
const MAX_VIX_STRIKE_STEPS = 1000;

/** The contract family of an instrument's legs. */
export function layerContractKind(instrument: LayerInstrument): ContractKind {
  return instrument === 'spx-put'
    ? 'spx-option'
    : instrument === 'vix-future'
      ? 'vix-future'
      : 'vix-option';
}

/** Inputs of the VIX option strike rules. */
export interface VixOptionMarket {
  /** Instantaneous variance of the path (≥ 0). */
  v: number;
  /** Time to the option's expiry, years (> 0). */
  horizonYears: number;
  /** The run's VIX option table (with its futures curve). */
  optionTable: VixOptionTable;
  /** r used by the table to discount (the delta carries e^{−rh}). */
  rate: number;
}

function checkVixMarket({ v, horizonYears }: VixOptionMarket): void {
  if (!(v >= 0) || !Number.isFinite(v))
    throw new RangeError(`v must be a finite number ≥ 0, got ${v}`);
  if (!(horizonYears > 0) || !Number.isFinite(horizonYears))
    throw new RangeError(`horizonYears must be a finite number > 0, got ${horizonYears}`);
}

/** Black-76 delta on the future at `strike` with the table price's implied vol (module comment). */
function vixDeltaAt(type: OptionType, strike: number, forward: number, m: VixOptionMarket): number {
  const discount = Math.exp(-m.rate * m.horizonYears);
  const k = Math.log(strike / forward);
  const price = m.optionTable.price(type, m.v, m.horizonYears, strike);
  const s = impliedTotalStdDev(type, k, price / (discount * forward)) ?? 0;
  if (!(s > 0)) {
    const inTheMoney = type === 'call' ? k < 0 : k > 0;
    return (type === 'call' ? discount : -discount) * (inTheMoney ? 1 : 0);
  }
  const d1 = -k / s + 0.5 * s;
  return type === 'call' ? discount * normCdf(d1) : -discount * normCdf(-d1);
}

/**
 * Black-76 delta (per unit, with respect to the future) of a VIX option at `strike`, using the
 * Black-76 implied volatility of the option table's price; 0 or ±e^{−rh} where that price carries
 * no time value.
 *
 * Tested against `black76` finite differences at the implied vol (vix-positions.test.ts).
 *
 * @throws RangeError for v < 0, horizonYears ≤ 0 or strike ≤ 0.
 */
export function vixOptionDelta(
  input: VixOptionMarket & { type: OptionType; strike: number },
): number {
  checkVixMarket(input);
  if (!(input.strike > 0)) throw new RangeError(`strike must be > 0, got ${input.strike}`);
  const forward = input.optionTable.future(input.v, input.horizonYears);
  return vixDeltaAt(input.type, input.strike, forward, input);
}

/**
 * Strike of a VIX option by rule (module comment), on the 1-point grid (≥ 1).
 *
 * 'percent-otm': value x is the fraction out of the money of the future (negative is in the money).
 * 'delta': value is the target |Δ| in (0, 1); the search walks the grid from the strike nearest
 * the future towards the target and returns the strike of the last two whose |Δ| is nearer, so
 * the miss is at most half the change of |Δ| over one point.
 *
 * Tested: percent rule by hand, delta rule miss bound (vix-positions.test.ts).
 *
 * @throws RangeError for an unknown rule, a delta outside (0, 1), x ≤ −1, or an invalid market.
 */
export function vixOptionStrike(
  input: VixOptionMarket & {
    type: OptionType;
    rule: LayerStrikeRule;
    value: number;
    /**
     * Delta rule only: a grid strike to start the walk from instead of the one nearest the future
     * (a guess near the answer, e.g. from `createVixDeltaStrikeCache`). Where |Δ| is monotone in
     * the strike — always, for the model's smiles — the walk ends on the same pair of strikes and
     * the answer is the same; it just takes a step or two instead of one per point of moneyness.
     */
    startStrike?: number;
  },
): number {
  checkVixMarket(input);
  const { type, rule, value } = input;
  const forward = input.optionTable.future(input.v, input.horizonYears);
  if (rule === 'percent-otm') {
    if (!(value > -1) || !Number.isFinite(value))
      throw new RangeError(`percent-otm value must be finite and > −1, got ${value}`);
    return nearestStrike('vix-option', forward * (type === 'call' ? 1 + value : 1 - value));
  }
  if (rule !== 'delta')
    throw new RangeError(`rule must be 'percent-otm' or 'delta', got ${String(rule)}`);
  if (!(value > 0 && value < 1)) throw new RangeError(`delta must be in (0, 1), got ${value}`);
  const miss = (strike: number): number =>
    Math.abs(vixDeltaAt(type, strike, forward, input)) - value;
  // |Δ| falls with the strike for a call and rises for a put: step towards the target.
  const start = input.startStrike;
  let strike =
    start !== undefined && start >= VIX_STEP && Number.isInteger(start / VIX_STEP)
      ? start
      : nearestStrike('vix-option', forward);
  const towardsTarget = (m: number): number => ((type === 'call') === m > 0 ? VIX_STEP : -VIX_STEP);
  // Each miss is a table price and an implied-vol inversion: the last two are kept, not recomputed.
  let missStrike = miss(strike);
  const direction = towardsTarget(missStrike);
  let previous = strike;
  let missPrevious = missStrike;
  for (let i = 0; i < MAX_VIX_STRIKE_STEPS; i++) {
    const next = strike + direction;
    if (next < VIX_STEP) break;
    previous = strike;
    missPrevious = missStrike;
    strike = next;
    missStrike = miss(strike);
    if (towardsTarget(missStrike) !== direction) break;
  }
  return Math.abs(missPrevious) < Math.abs(missStrike) ? previous : strike;
}

/** √v nodes of each VIX delta-strike guess table (√v from 0 to √VIX_GUESS_V_MAX). */
const VIX_GUESS_NODES = 129;
/** Largest variance of the guess tables (122 % volatility); beyond it the walk starts at the money. */
const VIX_GUESS_V_MAX = 1.5;

/** Memoised starting strikes for VIX delta searches (`createVixDeltaStrikeCache`). */
export interface VixDeltaStrikeCache {
  /** `vixOptionStrike` with rule 'delta', its walk started from a memoised guess. */
  strike(input: VixOptionMarket & { type: OptionType; delta: number }): number;
}

/**
 * A cache that makes the VIX delta rule cheap for a strategy opening many positions at the same
 * tenor and target. The walk of `vixOptionStrike` steps one point at a time from the money (each
 * step a table price and an implied-vol inversion: ~10 steps for a 25-delta call); here it starts
 * at a guess: per (type, target, horizon, table), the exact answers at √v nodes (computed on first
 * use, each a pure function of its node) interpolated linearly in √v and rounded to the grid. The
 * guess depends only on the inputs, never on earlier calls, so results do not depend on the order
 * of calls (shard splits); and since |Δ| is monotone in the strike the walk ends on the same
 * strike as from the money.
 *
 * Tested: equal to `vixOptionStrike` on random states (vix-positions.test.ts).
 */
export function createVixDeltaStrikeCache(): VixDeltaStrikeCache {
  const guesses = new Map<string, { table: VixOptionTable; nodes: Float64Array }>();
  const du = Math.sqrt(VIX_GUESS_V_MAX) / (VIX_GUESS_NODES - 1);
  return {
    strike(input) {
      const { type, delta, v, horizonYears, optionTable, rate } = input;
      const exact = (vNode: number, startStrike?: number): number =>
        vixOptionStrike({
          type,
          rule: 'delta',
          value: delta,
          v: vNode,
          horizonYears,
          optionTable,
          rate,
          ...(startStrike === undefined ? {} : { startStrike }),
        });
      if (!(v >= 0 && v <= VIX_GUESS_V_MAX)) return exact(v); // also throws for bad v
      const key = `${type}|${delta}|${horizonYears}|${rate}`;
      let entry = guesses.get(key);
      if (entry === undefined || entry.table !== optionTable) {
        entry = { table: optionTable, nodes: new Float64Array(VIX_GUESS_NODES).fill(Number.NaN) };
        guesses.set(key, entry);
      }
      const nodes = entry.nodes;
      const x = Math.sqrt(v) / du;
      const j = Math.min(Math.floor(x), VIX_GUESS_NODES - 2);
      if (Number.isNaN(nodes[j])) nodes[j] = exact((j * du) ** 2);
      if (Number.isNaN(nodes[j + 1])) nodes[j + 1] = exact(((j + 1) * du) ** 2);
      const w = x - j;
      const guess = Math.round(((1 - w) * nodes[j] + w * nodes[j + 1]) / VIX_STEP) * VIX_STEP;
      return exact(v, Math.max(guess, VIX_STEP));
    },
  };
}

/** Inputs of `layerStrikes`. */
export interface LayerStrikesInput {
  instrument: LayerInstrument;
  rule: LayerStrikeRule;
  /** % OTM as a fraction, or target |Δ| (the config's `strikeValue`). */
  value: number;
  /** Call spread width K₂ − K₁ in VIX points, rounded to the 1-point grid (at least 1). */
  spreadWidth: number;
  /** SPX level (for the SPX put). */
  spot: number;
  /** Instantaneous variance of the path. */
  v: number;
  /** Time to expiry, years (> 0). */
  timeYears: number;
  pricing: InstrumentPricing;
  /** Optional: VIX delta strikes through this cache (same strikes, faster; see its comment). */
  vixDeltaStrikes?: VixDeltaStrikeCache;
}

/**
 * Strikes of a layer: { strike, upperStrike } by the rule of the module comment. A future has
 * strike 0; a call spread's upper strike is K₁ + spreadWidth (rounded to the grid, ≥ 1 point).
 *
 * @throws RangeError as `vixOptionStrike` / `spxStrikeForDelta`, or for spreadWidth ≤ 0.
 */
export function layerStrikes(input: LayerStrikesInput): { strike: number; upperStrike: number } {
  const { instrument, rule, value, pricing, v, timeYears } = input;
  if (instrument === 'vix-future') return { strike: 0, upperStrike: 0 };
  if (instrument === 'spx-put') {
    const strike =
      rule === 'delta'
        ? spxStrikeForDelta({
            type: 'put',
            delta: value,
            spot: input.spot,
            v,
            timeYears,
            rate: pricing.rate,
            dividendYield: pricing.dividendYield,
            table: pricing.spx,
          })
        : nearestStrike('spx-option', input.spot * (1 - value));
    return { strike, upperStrike: strike };
  }
  const type = instrument === 'vix-put' ? 'put' : 'call';
  const optionTable = pricing.vixOptions;
  const rate = pricing.rate;
  // Plain literals, not spreads: layers open often enough for object spreads to show in profiles.
  const strike =
    rule === 'delta' && input.vixDeltaStrikes
      ? input.vixDeltaStrikes.strike({
          type,
          delta: value,
          v,
          horizonYears: timeYears,
          optionTable,
          rate,
        })
      : vixOptionStrike({ type, rule, value, v, horizonYears: timeYears, optionTable, rate });
  if (instrument !== 'vix-call-spread') return { strike, upperStrike: strike };
  if (!(input.spreadWidth > 0))
    throw new RangeError(`spreadWidth must be > 0, got ${input.spreadWidth}`);
  const width = Math.max(Math.round(input.spreadWidth / VIX_STEP) * VIX_STEP, VIX_STEP);
  return { strike, upperStrike: strike + width };
}

/**
 * Model value of one unit of the long instrument, index points: VIX call or put `markVixOption`,
 * call spread C(K₁) − C(K₂), future `markVixFuture`, SPX put `markSpxOption` (spot and v of the
 * path). timeYears ≤ 0 gives the settlement value. A position is worth ±multiplier × contracts ×
 * this (+ long, − short). Scalar and allocation-free for the daily marks.
 */
export function markLayerUnit(
  pricing: InstrumentPricing,
  instrument: LayerInstrument,
  strike: number,
  upperStrike: number,
  spot: number,
  v: number,
  timeYears: number,
): number {
  switch (instrument) {
    case 'vix-call':
      return markVixOption(pricing.vixOptions, 'call', strike, v, timeYears);
    case 'vix-put':
      return markVixOption(pricing.vixOptions, 'put', strike, v, timeYears);
    case 'vix-call-spread':
      return (
        markVixOption(pricing.vixOptions, 'call', strike, v, timeYears) -
        markVixOption(pricing.vixOptions, 'call', upperStrike, v, timeYears)
      );
    case 'vix-future':
      return markVixFuture(pricing.vixCurve, v, timeYears);
    case 'spx-put':
      return markSpxOption(pricing.spx, 'put', strike, spot, v, timeYears);
  }
}

/** Inputs of `openLayerPosition`: `layerStrikes` plus side, size and expiry. */
export interface OpenLayerPositionInput extends LayerStrikesInput {
  side: PositionSide;
  /** Contracts, a whole number ≥ 0. */
  contracts: number;
  /** Simulation trading day of expiry. */
  expiryDay: number;
}

/**
 * A layer position opened at the model mid: strikes by rule, entry price = `markLayerUnit` at the
 * opening state. Costs (spread, commission) are the accounting's.
 *
 * @throws RangeError for contracts that are not a whole number ≥ 0, and as `layerStrikes`.
 */
export function openLayerPosition(input: OpenLayerPositionInput): LayerPosition {
  const { instrument, side, contracts, expiryDay, pricing, spot, v, timeYears } = input;
  if (!(Number.isInteger(contracts) && contracts >= 0))
    throw new RangeError(`contracts must be a whole number ≥ 0, got ${contracts}`);
  const { strike, upperStrike } = layerStrikes(input);
  const entryPrice = markLayerUnit(pricing, instrument, strike, upperStrike, spot, v, timeYears);
  return { instrument, side, contracts, expiryDay, strike, upperStrike, entryPrice };
}

/**
 * The legs of a layer position: one leg (two for a call spread: +n at K₁, −n at K₂ when long),
 * quantities negated for a short position. The SPX put is an 'spx-option' leg like the condor's.
 */
export function layerLegs(position: LayerPosition): Leg[] {
  const { instrument, expiryDay } = position;
  const n = position.side === 'long' ? position.contracts : -position.contracts;
  switch (instrument) {
    case 'vix-future':
      return [{ kind: 'vix-future', quantity: n, expiryDay }];
    case 'vix-call-spread':
      return [
        { kind: 'vix-option', type: 'call', strike: position.strike, quantity: n, expiryDay },
        { kind: 'vix-option', type: 'call', strike: position.upperStrike, quantity: -n, expiryDay },
      ];
    default:
      return [
        {
          kind: instrument === 'spx-put' ? 'spx-option' : 'vix-option',
          type: instrument === 'vix-call' ? 'call' : 'put',
          strike: position.strike,
          quantity: n,
          expiryDay,
        },
      ];
  }
}

/** ±1 for long / short. */
const sideSign = (side: PositionSide): number => (side === 'long' ? 1 : -1);

/**
 * Dollar value of the position at its entry price: ± multiplier × contracts × entryPrice. For an
 * option that is the premium paid (+, long) or received (−, short); for a future it is the
 * notional its P&L is measured from (no cash moves at entry).
 */
export function layerEntryValue(position: LayerPosition): number {
  return (
    sideSign(position.side) *
    CONTRACT_MULTIPLIER[layerContractKind(position.instrument)] *
    position.contracts *
    position.entryPrice
  );
}

/**
 * P&L at expiry in dollars with the underlying settling at `underlying` (VIX_T, or the SPX for the
 * SPX put): Σ leg payoffs − `layerEntryValue`.
 *
 * Tested table-driven by hand for every instrument, long and short (vix-positions.test.ts).
 */
export function layerPnlAtExpiry(position: LayerPosition, underlying: number): number {
  let sum = -layerEntryValue(position);
  for (const leg of layerLegs(position)) sum += payoffAtExpiry(leg, underlying);
  return sum;
}

/**
 * Break-even at expiry in the underlying's points (VIX points for VIX instruments, each layer its
 * own): call K + p, put K − p, call spread K₁ + p, future p, SPX put K − p; the same for long and
 * short. Meaningful while it lies in the payoff's sloped range (e.g. p below a spread's width).
 *
 * Tested: zero P&L at the break-even, hand-computed cases, agreement with `expiryProfile`.
 */
export function layerBreakEven(position: LayerPosition): number {
  const { instrument, strike, entryPrice } = position;
  switch (instrument) {
    case 'vix-call':
    case 'vix-call-spread':
      return strike + entryPrice;
    case 'vix-put':
    case 'spx-put':
      return strike - entryPrice;
    case 'vix-future':
      return entryPrice;
  }
}

/**
 * Maximum profit and maximum loss at expiry in dollars (the loss as a positive number), null when
 * unlimited: the table of the module comment × multiplier × contracts.
 *
 * Tested: hand-computed cases and agreement with `expiryProfile` of the legs (vix-positions.test.ts).
 */
export function layerMaxProfitLoss(position: LayerPosition): {
  maxProfit: number | null;
  maxLoss: number | null;
} {
  const { instrument, strike, upperStrike, entryPrice: p } = position;
  const scale = CONTRACT_MULTIPLIER[layerContractKind(instrument)] * position.contracts;
  let upside: number | null;
  switch (instrument) {
    case 'vix-call':
    case 'vix-future':
      upside = null;
      break;
    case 'vix-put':
    case 'spx-put':
      upside = (strike - p) * scale;
      break;
    case 'vix-call-spread':
      upside = (upperStrike - strike - p) * scale;
      break;
  }
  const downside = p * scale;
  return position.side === 'long'
    ? { maxProfit: upside, maxLoss: downside }
    : { maxProfit: downside, maxLoss: upside };
}
