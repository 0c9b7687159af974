/**
 * Fill costs (DESIGN §3): every fill pays a commission per contract and per leg, and a slippage of
 * `slippageFraction` × the bid–ask spread proxy of each leg (contracts.ts `bidAskSpread`) against
 * the model mid. Buying pays mid + slippage, selling receives mid − slippage. Cash settlement at
 * expiry is free (no fill: the index or VIX_T sets the value).
 */
import { bidAskSpread, type ContractKind } from '../instruments/contracts.ts';

/** The run's cost settings (config `costs`). */
export interface FillCosts {
  commissionPerContract: number;
  slippageFraction: number;
}

/** Slippage in index points per unit for one leg quoted at `mid`. */
export function legSlippage(costs: FillCosts, kind: ContractKind, mid: number): number {
  return costs.slippageFraction * bidAskSpread(kind, mid);
}
