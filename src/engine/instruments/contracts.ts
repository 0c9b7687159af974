/**
 * Contract terms of the traded instruments: multipliers, strike grids, the bid–ask proxies used for
 * slippage, and the expiry calendar (calendar-day DTE → trading days → years).
 *
 * Multipliers are the exchanges' contract specifications: SPX options $100 × the index (Cboe, "SPX
 * Options Product Specifications"), VIX options $100 × the VIX (Cboe, "VIX Options Product
 * Specifications"), VIX futures $1,000 × the VIX (Cboe Futures Exchange, "VX Futures Contract
 * Specifications"). VIX options and the VX future of the same expiry share one final settlement
 * value (the Special Opening Quotation of the VIX on the expiration Wednesday), which is why a VIX
 * option is priced on the VIX future of its expiry, not on spot VIX (marks.ts).
 *
 * Bid–ask spreads are not simulated; the proxies below are assumptions of this project, chosen to
 * be of the order seen on liquid listed contracts and bounded below by the exchanges' minimum price
 * increments (SPX options: 0.05 below 3.00 and 0.10 above; VX futures: 0.05). They are full spreads
 * in index points; the strategy pays a configurable fraction of one per fill.
 *
 * Time: the simulation steps trading days (252 a year) while the market quotes days to expiry
 * (DTE) in calendar days. A DTE becomes round(DTE·252/365) trading days, and pricing uses time to
 * expiry = remaining trading days / 252: the model's variance accrues per simulated (trading) day,
 * so that is the clock on which the Q dynamics integrate, and an option then loses its time value
 * exactly on its last simulated day.
 */

import { CALENDAR_DAYS_PER_YEAR, TRADING_DAYS_PER_YEAR } from '../model/market-params.ts';

/** The contract families the strategy trades. */
export type ContractKind = 'spx-option' | 'vix-option' | 'vix-future';

/**
 * Dollars per index point per contract (sources in the module comment). A position's dollar value
 * is multiplier × signed contracts × unit price.
 */
export const CONTRACT_MULTIPLIER: Readonly<Record<ContractKind, number>> = {
  'spx-option': 100,
  'vix-option': 100,
  'vix-future': 1000,
};

/**
 * Strike spacing in index points. SPX: 5 points, the standard spacing of listed SPX strikes near
 * the money. VIX options: 1 point. The exchange also lists half-point VIX strikes at low VIX
 * levels; a 1-point grid everywhere keeps strike rules simple and moves a break-even by at most
 * half a point. VIX futures have no strike (0).
 */
export const STRIKE_STEP: Readonly<Record<ContractKind, number>> = {
  'spx-option': 5,
  'vix-option': 1,
  'vix-future': 0,
};

/**
 * SPX option spread proxy: max(0.10, 2 % of the price), capped at 5 points (assumption: quoted
 * SPX spreads of liquid monthly options priced 5–50 points are typically 1–3 % of the price).
 */
const SPX_SPREAD = { min: 0.1, fraction: 0.02, max: 5 } as const;
/** VIX option spread proxy: max(0.05, 5 % of the price) (assumption). */
const VIX_OPTION_SPREAD = { min: 0.05, fraction: 0.05 } as const;
/** VIX future spread proxy: one 0.05 tick (CFE VX minimum increment). */
const VIX_FUTURE_SPREAD = 0.05;

/**
 * The full bid–ask spread proxy (index points) of a contract quoted at `price` (index points,
 * the mid): SPX option min(5, max(0.10, 0.02·price)); VIX option max(0.05, 0.05·price); VIX future
 * 0.05. Assumptions, see the module comment. Negative or NaN prices are treated as 0 (the minimum
 * spread). Scalar and allocation-free: the strategy calls it on every fill.
 *
 * Tested table-driven at the floors, in the proportional range and at the cap (contracts.test.ts).
 */
export function bidAskSpread(kind: ContractKind, price: number): number {
  const p = price > 0 ? price : 0;
  if (kind === 'spx-option') {
    const spread = SPX_SPREAD.fraction * p;
    return spread < SPX_SPREAD.min
      ? SPX_SPREAD.min
      : spread > SPX_SPREAD.max
        ? SPX_SPREAD.max
        : spread;
  }
  if (kind === 'vix-option') {
    const spread = VIX_OPTION_SPREAD.fraction * p;
    return spread < VIX_OPTION_SPREAD.min ? VIX_OPTION_SPREAD.min : spread;
  }
  return VIX_FUTURE_SPREAD;
}

/**
 * The strike on the grid of `kind` nearest to `strike` (ties round up), never below one grid step
 * (a strike of 0 has no log-moneyness). For 'vix-future' (no strike) the input is returned.
 *
 * Tested table-driven (contracts.test.ts).
 */
export function nearestStrike(kind: ContractKind, strike: number): number {
  const step = STRIKE_STEP[kind];
  if (!(step > 0)) return strike;
  const rounded = Math.round(strike / step) * step;
  return rounded > step ? rounded : step;
}

/**
 * Trading days until expiry for a calendar-day DTE: round(dte·252/365), so 30 DTE → 21 and
 * 45 DTE → 31 trading days. Tested table-driven (contracts.test.ts).
 *
 * @throws RangeError if dte is negative or not finite.
 */
export function tradingDaysForDte(dte: number): number {
  if (!(dte >= 0) || !Number.isFinite(dte))
    throw new RangeError(`dte must be a finite number ≥ 0, got ${dte}`);
  return Math.round((dte * TRADING_DAYS_PER_YEAR) / CALENDAR_DAYS_PER_YEAR);
}

/**
 * Time to expiry in years on the trading-day clock: max(expiryDay − day, 0)/252, both in simulation
 * trading days. 0 on and after the expiry day. Scalar: called per path and day. Tested in
 * contracts.test.ts.
 */
export function yearsToExpiry(expiryDay: number, day: number): number {
  const remaining = expiryDay - day;
  return remaining > 0 ? remaining / TRADING_DAYS_PER_YEAR : 0;
}
