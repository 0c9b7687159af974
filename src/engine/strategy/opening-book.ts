/**
 * The book as it would open on day 0 — the condor and every enabled layer, whatever its trigger
 * says — with legs, entry prices, contracts, break-evens and maximum profit/loss at expiry: what
 * the app's payoff-at-expiry diagram draws. Day 0 is the same state on every path (spot, v0), so
 * this is one deterministic book. It uses the same strike rules, marks, costs and sizing as the
 * runner: each layer's entry is quoted by HedgeLayer.quoteEntry itself, the condor's by
 * condor-cycle.ts's strike and sizing rules.
 */
import type { SimulationConfig } from '../config/schema.ts';
import { CONTRACT_MULTIPLIER, tradingDaysForDte } from '../instruments/contracts.ts';
import { ironCondor, type CondorStrikes } from '../instruments/iron-condor.ts';
import { expiryProfile, type Leg } from '../instruments/legs.ts';
import {
  layerLegs,
  type LayerInstrument,
  type PositionSide,
} from '../instruments/vix-positions.ts';
import {
  condorContracts,
  condorRiskPerContract,
  condorStrikesAt,
  forcedWingSides,
} from './condor-cycle.ts';
import { legSlippage } from './fills.ts';
import { HedgeLayer } from './hedge-layer.ts';
import { MarketSignals } from './market-signals.ts';
import type { StrategyTables } from './strategy-tables.ts';

/** One position of the opening book. */
export interface OpeningPosition {
  /** 'condor' or the layer's name. */
  name: string;
  instrument: 'iron-condor' | LayerInstrument;
  side: PositionSide;
  /** 'spx' positions settle on the SPX, 'vix' ones on VIX_T. */
  underlying: 'spx' | 'vix';
  contracts: number;
  legs: Leg[];
  /**
   * Net premium paid (+) or received (−) at mid, dollars; for a future its notional (± price ×
   * 1000 × contracts), the value its P&L is measured from — as `pnlAtExpiry` takes it.
   */
  entryCost: number;
  /** Mid per unit: the condor's credit, a layer's long-instrument price. */
  entryPrice: number;
  /** Trading days to expiry at entry. */
  expiryDays: number;
  breakEvens: number[];
  /** Dollars; null when unlimited. */
  maxProfit: number | null;
  maxLoss: number | null;
  /**
   * What one contract risks by the sizing rule (dollars; null when no contract can be sized, e.g.
   * a credit that does not cover its slippage), and the budget the rule divides by it (dollars;
   * null for a fixed count allowed over the cap): with `contracts` 0 they say why nothing opened.
   */
  riskPerContract: number | null;
  riskBudget: number | null;
  /**
   * The condor only: the sides whose delta wing fell on or inside its short strike on day 0 and
   * was set 5 points out (condor-cycle.ts forcedWingSides); absent for layers.
   */
  forcedWings?: ('put' | 'call')[];
}

export interface OpeningBook {
  spot: number;
  vix: number;
  /** The 30-day future the VIX positions' strikes are measured from, points. */
  future1: number;
  positions: OpeningPosition[];
}

/** The day-0 book of a validated config (module comment). */
export function openingBook(config: SimulationConfig, tables: StrategyTables): OpeningBook {
  const { market, condor: c, costs } = config;
  const spot = market.spot;
  const v = market.v0;
  const marks = tables.marks;
  const positions: OpeningPosition[] = [];

  const days = Math.max(1, tradingDaysForDte(c.dte));
  const strikes = condorStrikesAt(c, tables.strikes, spot, v, days);
  if (strikes !== null)
    positions.push({
      ...openingCondor(config, tables, strikes, days),
      forcedWings: forcedWingSides(c, tables.strikes, spot, v, days, strikes),
    });

  // Day 0 as the runner's rules see it (one path); each layer quotes its entry there.
  const day0 = new MarketSignals(1);
  day0.spot[0] = spot;
  day0.logSpot[0] = Math.log(spot);
  day0.variance[0] = v;
  for (const layer of config.layers) {
    if (!layer.enabled) continue;
    const book = new HedgeLayer({
      pathCount: 1,
      layer,
      costs,
      capital: config.capital,
      capPctOfCapital: config.layerCapPctOfCapital,
      horizonDays: config.horizonDays,
      marks,
      ...(tables.vixDeltaStrikes ? { vixDeltaStrikes: tables.vixDeltaStrikes } : {}),
    });
    const quote = book.quoteEntry(0, day0);
    const { strike, upperStrike, days: layerDays, mid, contracts } = quote;
    const sign = layer.side === 'long' ? 1 : -1;
    const legs = layerLegs({
      instrument: layer.instrument,
      side: layer.side,
      contracts,
      expiryDay: layerDays,
      strike,
      upperStrike,
      entryPrice: mid,
    });
    const entryCost = sign * mid * book.multiplier * contracts;
    positions.push({
      name: layer.name,
      instrument: layer.instrument,
      side: layer.side,
      underlying: layer.instrument === 'spx-put' ? 'spx' : 'vix',
      contracts,
      legs,
      entryCost,
      entryPrice: mid,
      expiryDays: layerDays,
      ...expiryProfile({ legs, entryCost }),
      riskPerContract: quote.riskPerContract,
      // layerContracts: a share of capital, or the per-layer cap over a fixed count.
      riskBudget:
        layer.sizing === 'pct-of-capital'
          ? layer.sizePctOfCapital * config.capital
          : layer.allowOverCap
            ? null
            : config.layerCapPctOfCapital * config.capital,
    });
  }
  return {
    spot,
    vix: tables.vixCurve.future(v, 0),
    future1: marks.vixFuture(v, 21),
    positions,
  };
}

/** The condor of the opening book at its strikes, priced and sized as the runner does. */
function openingCondor(
  config: SimulationConfig,
  tables: StrategyTables,
  strikes: CondorStrikes,
  days: number,
): OpeningPosition {
  const { market, costs } = config;
  const { spot, v0: v } = market;
  const { longPut, shortPut, shortCall, longCall } = strikes;
  const price = (type: 'put' | 'call', k: number) => tables.marks.spxOption(type, k, spot, v, days);
  const legPrices = [
    price('put', longPut),
    price('put', shortPut),
    price('call', shortCall),
    price('call', longCall),
  ];
  const credit = legPrices[1] - legPrices[0] + legPrices[2] - legPrices[3];
  const slippage = legPrices.reduce((sum, p) => sum + legSlippage(costs, 'spx-option', p), 0);
  const entry = { strikes, credit, slippage, commissionPerContract: costs.commissionPerContract };
  const riskBudget = config.condor.riskPctOfCapital * config.capital;
  const n = condorContracts({ ...entry, riskBudget });
  const M = CONTRACT_MULTIPLIER['spx-option'];
  const legs = ironCondor({ strikes, contracts: n, expiryDay: days }) as Leg[];
  return {
    name: 'condor',
    instrument: 'iron-condor',
    side: 'short',
    underlying: 'spx',
    contracts: n,
    legs,
    entryCost: -credit * M * n,
    entryPrice: credit,
    expiryDays: days,
    ...expiryProfile({ legs, entryCost: -credit * M * n }),
    riskPerContract: condorRiskPerContract(entry),
    riskBudget,
  };
}
