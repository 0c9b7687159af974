/**
 * Events of a sampled path (DESIGN §3): what happened on which day, with the prices and money, so
 * the app can replay a path and explain each event in a sentence.
 */
import type { LayerInstrument, PositionSide } from '../instruments/vix-positions.ts';
import type { ConditionReading } from './triggers.ts';

export type StrategyEventKind =
  'entry' | 'exit' | 'trigger' | 'roll' | 'takeProfit' | 'stop' | 'expiry';

/** Why a position closed or opened, in a word the app can translate into a sentence. */
export type EventReason =
  | 'scheduled'
  | 'trigger'
  | 'rolled-forward'
  | 'roll'
  | 'profit-target'
  | 'stop-loss'
  | 'close-at-dte'
  | 'expiry'
  | 'trigger-off'
  | 'take-profit-vix'
  | 'take-profit-value';

export interface StrategyEvent {
  /** Trading day (0 = the start). */
  day: number;
  kind: StrategyEventKind;
  /** 'condor' or the layer's name. */
  layer: string;
  reason: EventReason;
  instrument: 'iron-condor' | LayerInstrument;
  side: PositionSide;
  contracts: number;
  /** Strikes: the condor's [long put, short put, short call, long call]; a layer's [K] or [K₁, K₂]; [] for a future. */
  strikes: number[];
  /**
   * Calendar days to expiry at the event: the configured DTE at an entry, and at a roll or close
   * "at N DTE" that N; otherwise the trading days left × 365/252, rounded (the engine's clock is
   * trading days, so a round trip through it can move a calendar figure by a day).
   */
  dte: number;
  /** SPX and VIX closes of the day. */
  spx: number;
  vix: number;
  /** Mid price per unit (condor: cost to close = credit at entry; layer: the long instrument's value). */
  price: number;
  /** Cash moved by the event, dollars (+ received, − paid), costs included; futures: the settled P&L. */
  cashFlow: number;
  /** Commissions and slippage of the event, dollars ≥ 0. */
  costs: number;
  /** Trade P&L on a closing event (entry and exit costs included), dollars; null on openings. */
  pnl: number | null;
  /** For a trigger or roll: what each condition observed. */
  conditions?: ConditionReading[];
  /** The position's break-even(s) at expiry (condor: [lower, upper]; layer: [one]). */
  breakEvens?: number[];
}

/** Collects events of one path (only sampled paths record: the runner passes no recorder otherwise). */
export interface EventSink {
  push(event: StrategyEvent): void;
}
