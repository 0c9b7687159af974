/**
 * How many contracts a hedge layer opens (DESIGN §3: size as % of capital at risk, each layer capped
 * at 2–3 % of capital).
 *
 * Risk per contract at entry, dollars (M = multiplier, p = mid, s = slippage per unit, c =
 * commissions per contract over all legs):
 * - long option, long call spread, long SPX put: what can be lost, the premium paid (p + s)·M + c;
 * - short call spread: (K₂ − K₁ − (p − s))·M + c; short VIX put or SPX put: (K − (p − s))·M + c;
 * - short VIX call (no defined maximum): the loss if the matching VIX future doubled, or — for a
 *   strike above the future — rose above the strike by its own level: (max(2F, K + F) − K −
 *   (p − s))·M + c. The VIX more than doubled in days in Feb 2018 and Mar 2020, so this is a
 *   stress margin, not a bound;
 * - VIX future: the loss if the future halved (long) or doubled (short), F·M/2 or F·M, plus costs.
 * Each is floored at the costs c (a position never counts as risk-free).
 *
 * Contracts: 'pct-of-capital' → ⌊sizePctOfCapital·capital / risk⌋; 'contracts' → the fixed count,
 * cut to ⌊cap·capital / risk⌋ unless allowOverCap. So, unless allowed, no layer ever risks more than
 * the cap at entry (property-tested).
 */
import { contractsForRisk } from '../instruments/iron-condor.ts';
import type { LayerInstrument, PositionSide } from '../instruments/vix-positions.ts';

export interface LayerRiskInput {
  instrument: LayerInstrument;
  side: PositionSide;
  strike: number;
  upperStrike: number;
  /** Mid per unit of the long instrument (premium, spread debit or futures price). */
  mid: number;
  /** Slippage per unit over all legs. */
  slippage: number;
  /** Commissions per contract over all legs, dollars. */
  commission: number;
  /** The matching VIX future (the option's expiry), points. */
  matchingFuture: number;
  /** Contract multiplier. */
  multiplier: number;
}

/** Dollars at risk per contract (module comment); > 0. */
export function layerRiskPerContract(input: LayerRiskInput): number {
  const {
    instrument,
    side,
    strike,
    upperStrike,
    mid,
    slippage,
    commission,
    matchingFuture: f,
  } = input;
  const m = input.multiplier;
  let points: number;
  if (instrument === 'vix-future') {
    points = side === 'long' ? 0.5 * f : f;
    points += slippage;
  } else if (side === 'long') {
    points = mid + slippage;
  } else {
    const credit = mid - slippage;
    switch (instrument) {
      case 'vix-call-spread':
        points = upperStrike - strike - credit;
        break;
      case 'vix-put':
      case 'spx-put':
        points = strike - credit;
        break;
      case 'vix-call':
        points = Math.max(2 * f, strike + f) - strike - credit;
        break;
    }
  }
  const dollars = points * m + commission;
  return dollars > commission ? dollars : Math.max(commission, 1e-9);
}

export interface LayerContractsInput {
  sizing: 'pct-of-capital' | 'contracts';
  sizePctOfCapital: number;
  contracts: number;
  allowOverCap: boolean;
  capital: number;
  /** Per-layer cap, a fraction of capital. */
  capPctOfCapital: number;
  riskPerContract: number;
}

/** Contracts to open (module comment), a whole number ≥ 0. */
export function layerContracts(input: LayerContractsInput): number {
  const { capital, riskPerContract } = input;
  if (input.sizing === 'pct-of-capital')
    return contractsForRisk(input.sizePctOfCapital * capital, riskPerContract);
  if (input.allowOverCap) return input.contracts;
  return Math.min(
    input.contracts,
    contractsForRisk(input.capPctOfCapital * capital, riskPerContract),
  );
}
