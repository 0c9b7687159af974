/**
 * A hedge layer (DESIGN §3, "the motion") for every path of a block, structure of arrays. Each day,
 * in this order:
 * 1. An open position that has reached expiry settles (VIX options on VIX_T — the expiring future —
 *    futures on VIX_T, the SPX put on the SPX; no fill costs). With a roll rule (any N, 0 included)
 *    and the trigger still firing, a new position opens the same day (a 'roll').
 * 2. Take-profit: spot VIX ≥ `takeProfit.vixAtLeast`, or the position's value ≥ k × its entry value
 *    (`valueMultiple` k; a short position: its cost to close ≤ entry / k). Closes at mid − costs.
 * 3. Roll at N DTE: when trading days left ≤ tradingDaysForDte(N), close; if the trigger still
 *    fires, open a new position at the layer's tenor at once (a 'roll'), otherwise the layer is out
 *    (an 'exit', reason 'trigger-off'). On the last day of the horizon nothing rolls: the
 *    position is only marked.
 * 4. "Roll the next layer forward": while this layer is open (since an earlier day) and
 *    `roll.nextLayerOnMacdBearish`, a MACD bearish cross asks the next layer to open now, early,
 *    at its own (longer) tenor, whatever its own trigger says (`update` returns the request; the
 *    runner passes it on). A layer opened by such a request does not pass it on the same day: one
 *    cross moves one layer forward, not the whole ladder.
 * 5. A layer with no position, not cooling down, opens one when its trigger fires (or when asked
 *    to roll forward). After any close except a roll the layer waits `cooldownDays` full days.
 *    Nothing opens on the last day of the horizon, nor — by an opening, a roll or a roll forward —
 *    while its VIX take-profit already holds (spot VIX ≥ takeProfit.vixAtLeast): the position
 *    would be sold the next day, and buying and selling the spike again every cooldown only pays
 *    the spread (a review found layers re-bought and sold weekly through the 2008 regime).
 *
 * Size: layer-sizing.ts (the per-layer cap). Strikes: vix-positions.ts `layerStrikes` (% OTM of
 * the matching future, or delta). Money per path, dollars: `cash` (flows incl. costs, from 0),
 * `value` (options: ±mark·M·n; futures: ±(F − entry)·M·n, no cash at entry), `realised` (at mid),
 * `costs`, and `spent` (premiums paid + costs: what the layer cost, for attribution).
 */
import type { HedgeLayerConfig } from '../config/schema.ts';
import { CONTRACT_MULTIPLIER, tradingDaysForDte } from '../instruments/contracts.ts';
import {
  createVixDeltaStrikeCache,
  layerBreakEven,
  layerContractKind,
  layerStrikes,
  type LayerPosition,
  type VixDeltaStrikeCache,
} from '../instruments/vix-positions.ts';
import { TRADING_DAYS_PER_YEAR } from '../model/market-params.ts';
import { calendarDays } from './condor-cycle.ts';
import type { EventReason, EventSink, StrategyEventKind } from './events.ts';
import { legSlippage, type FillCosts } from './fills.ts';
import { layerContracts, layerRiskPerContract } from './layer-sizing.ts';
import type { MarketSignals } from './market-signals.ts';
import type { PathMarket, StrategyMarks } from './strategy-marks.ts';
import type { OptionType } from '../pricing/black-scholes.ts';
import { readTrigger, triggerFired } from './triggers.ts';

export interface HedgeLayerOptions {
  pathCount: number;
  layer: HedgeLayerConfig;
  costs: FillCosts;
  capital: number;
  capPctOfCapital: number;
  horizonDays: number;
  marks: StrategyMarks;
  /** Shared VIX delta-strike guesses (strategy-tables.ts); default: the layer's own. */
  vixDeltaStrikes?: VixDeltaStrikeCache;
}

/** An entry quote (HedgeLayer.quoteEntry): per unit of the long instrument unless said. */
export interface LayerEntryQuote {
  strike: number;
  /** The spread's upper strike (NaN for other instruments). */
  upperStrike: number;
  /** Trading days to expiry. */
  days: number;
  mid: number;
  slippage: number;
  /** Commission per contract, dollars (all legs). */
  commission: number;
  /** Dollars at risk per contract (layer-sizing.ts). */
  riskPerContract: number;
  contracts: number;
}

export class HedgeLayer {
  readonly config: HedgeLayerConfig;
  readonly pathCount: number;
  readonly open: Uint8Array;
  readonly contracts: Float64Array;
  readonly strike: Float64Array;
  readonly upperStrike: Float64Array;
  readonly expiryDay: Int32Array;
  /** Mid per unit of the long instrument at entry. */
  readonly entryPrice: Float64Array;
  readonly entryCosts: Float64Array;
  /** First day the layer may open again after a close. */
  readonly cooldownUntil: Int32Array;
  readonly cash: Float64Array;
  readonly value: Float64Array;
  readonly realised: Float64Array;
  readonly costs: Float64Array;
  readonly spent: Float64Array;
  readonly triggers: Uint32Array;
  readonly rolls: Uint32Array;
  readonly takeProfits: Uint32Array;
  /** Largest risk at entry of any position opened on the path, dollars (the cap's subject). */
  readonly maxRiskAtEntry: Float64Array;
  private readonly sign: number;
  /** Dollars per point per contract (100 for options, 1000 for futures). */
  readonly multiplier: number;
  private readonly legs: number;
  /** The option legs' types, strikes and marks of `unit` (scratch; a spread's upper leg second). */
  private readonly legTypes: readonly OptionType[];
  private readonly legStrikes = new Float64Array(2);
  private readonly legMarks: Float64Array;
  private readonly tenorDays: number;
  private readonly rollAtDays: number;
  private readonly fill: FillCosts;
  private readonly capital: number;
  private readonly cap: number;
  private readonly horizonDays: number;
  private readonly marks: StrategyMarks;
  /** The VIX delta rule's walk is most of an opening's cost without it (vix-positions.ts). */
  private readonly vixDeltaStrikes: VixDeltaStrikeCache;

  constructor(options: HedgeLayerOptions) {
    const n = options.pathCount;
    const layer = options.layer;
    this.config = layer;
    this.pathCount = n;
    this.open = new Uint8Array(n);
    this.contracts = new Float64Array(n);
    this.strike = new Float64Array(n);
    this.upperStrike = new Float64Array(n);
    this.expiryDay = new Int32Array(n);
    this.entryPrice = new Float64Array(n);
    this.entryCosts = new Float64Array(n);
    this.cooldownUntil = new Int32Array(n);
    this.cash = new Float64Array(n);
    this.value = new Float64Array(n);
    this.realised = new Float64Array(n);
    this.costs = new Float64Array(n);
    this.spent = new Float64Array(n);
    this.triggers = new Uint32Array(n);
    this.rolls = new Uint32Array(n);
    this.takeProfits = new Uint32Array(n);
    this.maxRiskAtEntry = new Float64Array(n);
    this.sign = layer.side === 'long' ? 1 : -1;
    this.multiplier = CONTRACT_MULTIPLIER[layerContractKind(layer.instrument)];
    this.legs = layer.instrument === 'vix-call-spread' ? 2 : 1;
    this.legTypes =
      layer.instrument === 'vix-put' ? ['put'] : this.legs === 2 ? ['call', 'call'] : ['call'];
    this.legMarks = new Float64Array(this.legs);
    this.tenorDays = Math.max(1, tradingDaysForDte(layer.dte));
    this.rollAtDays = layer.roll.atDte === null ? -1 : tradingDaysForDte(layer.roll.atDte);
    this.fill = options.costs;
    this.capital = options.capital;
    this.cap = options.capPctOfCapital;
    this.horizonDays = options.horizonDays;
    this.marks = options.marks;
    this.vixDeltaStrikes = options.vixDeltaStrikes ?? createVixDeltaStrikeCache();
  }

  /** Mid per unit of the long instrument with `days` trading days left (≤ 0: settlement). */
  private unit(i: number, s: PathMarket, days: number): number {
    const mk = this.marks;
    switch (this.config.instrument) {
      case 'vix-call':
      case 'vix-put':
      case 'vix-call-spread': {
        // The legs' marks through arrays (strategy-marks.ts: no boxed doubles per mark).
        const k = this.legStrikes;
        k[0] = this.strike[i];
        k[1] = this.upperStrike[i];
        const out = this.legMarks;
        mk.vixOptionsInto(this.legTypes, k, s, i, days, out);
        return out.length === 2 ? out[0] - out[1] : out[0];
      }
      case 'vix-future':
        return mk.vixFuture(s.variance[i], days);
      case 'spx-put':
        return mk.spxOption('put', this.strike[i], s.spot[i], s.variance[i], days);
    }
  }

  /**
   * Slippage per unit over the legs at the current marks; `mid` is `unit` at the same state, which
   * is the one leg's mark for every instrument but the call spread (so it is not priced twice).
   */
  private slippage(i: number, v: number, days: number, mid: number): number {
    const mk = this.marks;
    const f = this.fill;
    switch (this.config.instrument) {
      case 'vix-call':
      case 'vix-put':
        return legSlippage(f, 'vix-option', mid);
      case 'vix-call-spread':
        return (
          legSlippage(f, 'vix-option', mk.vixOption('call', this.strike[i], v, days)) +
          legSlippage(f, 'vix-option', mk.vixOption('call', this.upperStrike[i], v, days))
        );
      case 'vix-future':
        return legSlippage(f, 'vix-future', mid);
      case 'spx-put':
        return legSlippage(f, 'spx-option', mid);
    }
  }

  private positionValue(i: number, mark: number): number {
    const n = this.contracts[i] * this.multiplier;
    return this.config.instrument === 'vix-future'
      ? this.sign * (mark - this.entryPrice[i]) * n
      : this.sign * mark * n;
  }

  /**
   * Applies the day's rules on path i (module comment) and sets `value[i]`. `rollForward`: the
   * previous layer asks this one to open now. Returns true when this layer asks the next one to
   * roll forward.
   */
  update(i: number, s: MarketSignals, rollForward: boolean, sink?: EventSink): boolean {
    const d = s.day;
    const layer = this.config;
    const wasOpen = this.open[i] === 1;
    if (this.open[i]) {
      const daysLeft = this.expiryDay[i] - d;
      if (daysLeft <= 0) {
        this.close(i, s, this.unit(i, s, 0), false, 'expiry', 'expiry', sink);
        const rolls =
          this.rollAtDays >= 0 &&
          d < this.horizonDays &&
          !this.takeProfitHolds(i, s) &&
          triggerFired(layer.trigger, s, i);
        if (rolls && this.openPosition(i, s, 'roll', 'roll', sink)) this.rolls[i]++;
        else this.cooldownUntil[i] = d + layer.cooldownDays + 1;
      } else {
        const mark = this.unit(i, s, daysLeft);
        const tp = layer.takeProfit;
        const entry = this.entryPrice[i];
        const valueHit =
          tp.valueMultiple !== null &&
          (this.sign > 0 ? mark >= tp.valueMultiple * entry : mark <= entry / tp.valueMultiple);
        if (tp.vixAtLeast !== null && s.vix[i] >= tp.vixAtLeast) {
          this.close(i, s, mark, true, 'takeProfit', 'take-profit-vix', sink);
          this.takeProfits[i]++;
          this.cooldownUntil[i] = d + layer.cooldownDays + 1;
        } else if (valueHit) {
          this.close(i, s, mark, true, 'takeProfit', 'take-profit-value', sink);
          this.takeProfits[i]++;
          this.cooldownUntil[i] = d + layer.cooldownDays + 1;
        } else if (daysLeft <= this.rollAtDays && d < this.horizonDays) {
          if (triggerFired(layer.trigger, s, i)) {
            this.close(i, s, mark, true, 'roll', 'roll', sink);
            if (this.openPosition(i, s, 'roll', 'roll', sink)) this.rolls[i]++;
            else this.cooldownUntil[i] = d + layer.cooldownDays + 1;
          } else {
            this.close(i, s, mark, true, 'exit', 'trigger-off', sink);
            this.cooldownUntil[i] = d + layer.cooldownDays + 1;
          }
        } else {
          this.value[i] = this.positionValue(i, mark);
        }
      }
    }
    if (
      !this.open[i] &&
      d < this.horizonDays &&
      d >= this.cooldownUntil[i] &&
      !this.takeProfitHolds(i, s)
    ) {
      if (triggerFired(layer.trigger, s, i)) {
        if (this.openPosition(i, s, 'trigger', 'trigger', sink)) this.triggers[i]++;
      } else if (rollForward) {
        if (this.openPosition(i, s, 'roll', 'rolled-forward', sink)) this.rolls[i]++;
      }
    }
    return (
      wasOpen &&
      this.open[i] === 1 &&
      layer.roll.nextLayerOnMacdBearish &&
      s.macd.bearishCross[i] === 1
    );
  }

  /** The VIX take-profit holds today: no position opens (module comment, rule 5). */
  private takeProfitHolds(i: number, s: MarketSignals): boolean {
    const level = this.config.takeProfit.vixAtLeast;
    return level !== null && s.vix[i] >= level;
  }

  private close(
    i: number,
    s: MarketSignals,
    mark: number,
    fill: boolean,
    kind: StrategyEventKind,
    reason: EventReason,
    sink?: EventSink,
  ): void {
    const n = this.contracts[i];
    const m = this.multiplier;
    const days = this.expiryDay[i] - s.day;
    // Every fill closes at `mark` = unit(i, spot, v, days) of this same state.
    const slip = fill ? this.slippage(i, s.variance[i], days, mark) : 0;
    const costs = fill ? slip * m * n + this.fill.commissionPerContract * this.legs * n : 0;
    const pnl = this.sign * (mark - this.entryPrice[i]) * m * n;
    const proceeds = this.config.instrument === 'vix-future' ? pnl : this.sign * mark * m * n;
    const cashFlow = proceeds - costs;
    this.cash[i] += cashFlow;
    this.realised[i] += pnl;
    this.costs[i] += costs;
    // What the layer cost includes the exit's fills, not only the entry's.
    this.spent[i] += costs;
    this.value[i] = 0;
    this.open[i] = 0;
    if (sink) {
      sink.push({
        ...this.describe(i, s, kind, reason, Math.max(days, 0), mark),
        cashFlow,
        costs,
        pnl: pnl - costs - this.entryCosts[i],
      });
    }
  }

  /** Opens a position on path i; false if the size rounds to no contract. */
  /**
   * What an entry on path i would be in today's state, by the layer's rules: its strikes (stored on
   * the path), mid per unit, slippage per unit, commission and risk per contract, and the
   * contracts its sizing allows. The opening book (opening-book.ts) shows this quote for day 0.
   */
  quoteEntry(i: number, s: MarketSignals): LayerEntryQuote {
    const layer = this.config;
    const spot = s.spot[i];
    const v = s.variance[i];
    const days = this.tenorDays;
    const { strike, upperStrike } = layerStrikes({
      instrument: layer.instrument,
      rule: layer.strikeRule,
      value: layer.strikeValue,
      spreadWidth: layer.spreadWidth,
      spot,
      v,
      timeYears: days / TRADING_DAYS_PER_YEAR,
      pricing: this.marks.pricing,
      vixDeltaStrikes: this.vixDeltaStrikes,
    });
    this.strike[i] = strike;
    this.upperStrike[i] = upperStrike;
    const mid = this.unit(i, s, days);
    const slippage = this.slippage(i, v, days, mid);
    const commission = this.fill.commissionPerContract * this.legs;
    const riskPerContract = layerRiskPerContract({
      instrument: layer.instrument,
      side: layer.side,
      strike,
      upperStrike,
      mid,
      slippage,
      commission,
      matchingFuture: this.marks.vixFuture(v, days),
      multiplier: this.multiplier,
    });
    const contracts = layerContracts({
      sizing: layer.sizing,
      sizePctOfCapital: layer.sizePctOfCapital,
      contracts: layer.contracts,
      allowOverCap: layer.allowOverCap,
      capital: this.capital,
      capPctOfCapital: this.cap,
      riskPerContract,
    });
    return { strike, upperStrike, days, mid, slippage, commission, riskPerContract, contracts };
  }

  private openPosition(
    i: number,
    s: MarketSignals,
    kind: StrategyEventKind,
    reason: EventReason,
    sink?: EventSink,
  ): boolean {
    const layer = this.config;
    const quote = this.quoteEntry(i, s);
    const { days, mid, riskPerContract: risk, contracts: n } = quote;
    const slip = quote.slippage;
    const commission = quote.commission;
    const m = this.multiplier;
    if (n === 0 || !(mid > 0)) return false;
    const costs = slip * m * n + commission * n;
    const premium = layer.instrument === 'vix-future' ? 0 : this.sign * mid * m * n;
    const cashFlow = -premium - costs;
    this.open[i] = 1;
    this.contracts[i] = n;
    this.expiryDay[i] = s.day + days;
    this.entryPrice[i] = mid;
    this.entryCosts[i] = costs;
    this.cash[i] += cashFlow;
    this.costs[i] += costs;
    this.spent[i] += (premium > 0 ? premium : 0) + costs;
    this.value[i] = this.positionValue(i, mid);
    const risked = risk * n;
    if (risked > this.maxRiskAtEntry[i]) this.maxRiskAtEntry[i] = risked;
    if (sink) {
      sink.push({
        ...this.describe(i, s, kind, reason, days, mid),
        cashFlow,
        costs,
        pnl: null,
        conditions: readTrigger(layer.trigger, s, i),
      });
    }
    return true;
  }

  private describe(
    i: number,
    s: MarketSignals,
    kind: StrategyEventKind,
    reason: EventReason,
    days: number,
    price: number,
  ) {
    const layer = this.config;
    const position: LayerPosition = {
      instrument: layer.instrument,
      side: layer.side,
      contracts: this.contracts[i],
      expiryDay: this.expiryDay[i],
      strike: this.strike[i],
      upperStrike: this.upperStrike[i],
      entryPrice: this.entryPrice[i],
    };
    return {
      day: s.day,
      kind,
      layer: layer.name,
      reason,
      instrument: layer.instrument,
      side: layer.side,
      contracts: this.contracts[i],
      strikes:
        layer.instrument === 'vix-future'
          ? []
          : layer.instrument === 'vix-call-spread'
            ? [this.strike[i], this.upperStrike[i]]
            : [this.strike[i]],
      // The configured figures where the event is at one (events.ts), not a rounded round trip.
      dte:
        days === this.tenorDays
          ? layer.dte
          : days === this.rollAtDays && layer.roll.atDte !== null && reason === 'roll'
            ? layer.roll.atDte
            : calendarDays(days),
      spx: s.spot[i],
      vix: s.vix[i],
      price,
      breakEvens: [layerBreakEven(position)],
    };
  }

  /** Unrealised P&L of the open position at its last mark, dollars. */
  unrealised(i: number): number {
    if (!this.open[i]) return 0;
    return this.config.instrument === 'vix-future'
      ? this.value[i]
      : this.value[i] - this.sign * this.entryPrice[i] * this.multiplier * this.contracts[i];
  }
}
