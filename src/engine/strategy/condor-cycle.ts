/**
 * The condor cycle (DESIGN §3), the core trade held to its rules, for every path of a block
 * (structure of arrays; one condor open at a time per path):
 *
 * - Entry: 'every-n-days' on days 0, N, 2N, … when no condor is open; 'after-close' on day 0 and
 *   the day after the previous condor closed. No entry on the last day of the horizon. Strikes by
 *   delta (smile-consistent, delta-strike-cache.ts) or % OTM; wings by width or by delta; expiry
 *   `dte` calendar days out (tradingDaysForDte). Contracts = ⌊budget / max loss per contract⌋,
 *   max loss = (widest wing − credit)·100, budget = riskPctOfCapital·capital (starting capital:
 *   no compounding) but never more than the condor book's equity then (capital + its P&L so far):
 *   an account cannot put up collateral it no longer has, so a book that has lost its capital
 *   stops opening condors instead of losing more than it holds. A condor whose credit is not
 *   positive or that buys no contract is not opened.
 * - Exits, checked each day on the model mid in this order: expiry (cash-settled at the SPX close,
 *   no fill costs); profit target (cost to close ≤ (1 − target)·credit); stop (cost to close −
 *   credit ≥ multiple·credit); close at N DTE (trading days left ≤ tradingDaysForDte(N)).
 * - Fills: each of the four legs pays slippage and commission (fills.ts).
 * - Breach: a path is flagged when a condor closes (exit, stop or expiry) with the SPX beyond one of
 *   its short strikes: the condor lost on a move through its range, not on a rise in volatility.
 *
 * Accounting per path, dollars: `cash` (credits − debits − costs, from 0), `value` (the open
 * condor's mark, −cost to close·100·n), `realised` (closed trades at mid), `costs`; so
 * cash + value = realised + unrealised − costs (tested on every path).
 */
import type { CondorConfig } from '../config/schema.ts';
import { CONTRACT_MULTIPLIER, tradingDaysForDte } from '../instruments/contracts.ts';
import type { DeltaStrikeCache } from '../instruments/delta-strike-cache.ts';
import { contractsForRisk, type CondorStrikes } from '../instruments/iron-condor.ts';
import { nearestStrike } from '../instruments/contracts.ts';
import { TRADING_DAYS_PER_YEAR, CALENDAR_DAYS_PER_YEAR } from '../model/market-params.ts';
import type { EventReason, EventSink, StrategyEventKind } from './events.ts';
import { legSlippage, type FillCosts } from './fills.ts';
import type { MarketSignals } from './market-signals.ts';
import type { StrategyMarks } from './strategy-marks.ts';
import type { OptionType } from '../pricing/black-scholes.ts';

const M = CONTRACT_MULTIPLIER['spx-option'];
const LEGS = 4;
/** The legs in the order the book keeps their marks: long put, short put, short call, long call. */
const LEG_TYPES: readonly OptionType[] = ['put', 'put', 'call', 'call'];

export interface CondorBookOptions {
  pathCount: number;
  condor: CondorConfig;
  costs: FillCosts;
  capital: number;
  horizonDays: number;
  marks: StrategyMarks;
  strikes: DeltaStrikeCache;
}

/** Calendar days for a number of trading days (for event display). */
export const calendarDays = (tradingDays: number): number =>
  Math.round((tradingDays * CALENDAR_DAYS_PER_YEAR) / TRADING_DAYS_PER_YEAR);

/**
 * The strikes of a condor opened `days` trading days from expiry at (spot, v), by the config's rules
 * (module comment), or null when the rules give no condor: short strikes that meet or cross, or a
 * long put below the lowest strike. Shared by the runner and the opening book (opening-book.ts).
 */
export function condorStrikesAt(
  c: CondorConfig,
  strikeCache: DeltaStrikeCache,
  spot: number,
  v: number,
  days: number,
): CondorStrikes | null {
  let shortPut: number;
  let shortCall: number;
  if (c.strikeRule === 'delta') {
    shortPut = strikeCache.strike('put', c.shortDelta, spot, v, days);
    shortCall = strikeCache.strike('call', c.shortDelta, spot, v, days);
  } else {
    shortPut = nearestStrike('spx-option', spot * (1 - c.shortOtm));
    shortCall = nearestStrike('spx-option', spot * (1 + c.shortOtm));
  }
  if (shortPut >= shortCall) return null;
  let longPut: number;
  let longCall: number;
  if (c.wingRule === 'delta') {
    longPut = strikeCache.strike('put', c.wingDelta, spot, v, days);
    longCall = strikeCache.strike('call', c.wingDelta, spot, v, days);
  } else {
    const width = Math.max(Math.round(c.wingWidth / 5) * 5, 5);
    longPut = shortPut - width;
    longCall = shortCall + width;
  }
  // A wing must be strictly beyond its short strike (delta wings can collapse onto it).
  if (longPut >= shortPut) longPut = shortPut - 5;
  if (longCall <= shortCall) longCall = shortCall + 5;
  if (longPut < 5) return null;
  return { longPut, shortPut, shortCall, longCall };
}

/**
 * The sides ('put', 'call') whose delta wing fell on or inside its short strike at (spot, v), so
 * that condorStrikesAt set it 5 points out: with % OTM shorts and a wing delta above the shorts'
 * delta the condor is then far narrower than its settings read. Empty unless wingRule is 'delta'.
 */
export function forcedWingSides(
  c: CondorConfig,
  strikeCache: DeltaStrikeCache,
  spot: number,
  v: number,
  days: number,
  strikes: CondorStrikes,
): ('put' | 'call')[] {
  if (c.wingRule !== 'delta') return [];
  const sides: ('put' | 'call')[] = [];
  if (strikeCache.strike('put', c.wingDelta, spot, v, days) >= strikes.shortPut) sides.push('put');
  if (strikeCache.strike('call', c.wingDelta, spot, v, days) <= strikes.shortCall)
    sides.push('call');
  return sides;
}

/** A condor entry as its sizing sees it: strikes, mid credit and entry slippage per unit (points). */
export interface CondorEntryRisk {
  strikes: CondorStrikes;
  credit: number;
  slippage: number;
  commissionPerContract: number;
}

/**
 * Dollars one condor contract can lose at expiry: (widest wing − credit + slippage)·100 plus the
 * four legs' commissions; null when the credit does not cover the slippage (no entry).
 */
export function condorRiskPerContract(entry: CondorEntryRisk): number | null {
  const { strikes, credit, slippage } = entry;
  if (!(credit > slippage)) return null;
  const widest = Math.max(strikes.shortPut - strikes.longPut, strikes.longCall - strikes.shortCall);
  return (widest - credit + slippage) * M + LEGS * entry.commissionPerContract;
}

/**
 * Contracts a condor's risk budget buys: ⌊budget / risk per contract⌋ (condorRiskPerContract);
 * 0 when the credit does not cover the slippage.
 */
export function condorContracts(options: CondorEntryRisk & { riskBudget: number }): number {
  const risk = condorRiskPerContract(options);
  return risk === null ? 0 : contractsForRisk(options.riskBudget, risk);
}

export class CondorBook {
  readonly pathCount: number;
  readonly open: Uint8Array;
  readonly longPut: Float64Array;
  readonly shortPut: Float64Array;
  readonly shortCall: Float64Array;
  readonly longCall: Float64Array;
  /** ln of the four strikes, set at entry: the daily marks then need one logarithm (ln S), not four. */
  private readonly logLongPut: Float64Array;
  private readonly logShortPut: Float64Array;
  private readonly logShortCall: Float64Array;
  private readonly logLongCall: Float64Array;
  readonly contracts: Float64Array;
  /** Mid credit per unit at entry. */
  readonly credit: Float64Array;
  readonly expiryDay: Int32Array;
  /** Costs paid at entry of the open condor (for its trade P&L). */
  readonly entryCosts: Float64Array;
  readonly nextEntryDay: Int32Array;
  /** Dollars: see the module comment. */
  readonly cash: Float64Array;
  readonly value: Float64Array;
  readonly realised: Float64Array;
  readonly costs: Float64Array;
  readonly breached: Uint8Array;
  readonly trades: Uint32Array;
  private readonly config: CondorConfig;
  private readonly fill: FillCosts;
  private readonly capital: number;
  private readonly horizonDays: number;
  private readonly marks: StrategyMarks;
  private readonly strikeCache: DeltaStrikeCache;
  private readonly tenorDays: number;
  private readonly closeAtDays: number;
  /** The last closeCost's leg marks (long put, short put, short call, long call) and their state. */
  private readonly legs = new Float64Array(LEGS);
  /** The path's ln K per leg, in LEG_TYPES order (scratch of closeCost). */
  private readonly legLogStrikes = new Float64Array(LEGS);
  private legsPath = -1;
  private legsSpot = Number.NaN;
  private legsVariance = Number.NaN;
  private legsDays = Number.NaN;

  constructor(options: CondorBookOptions) {
    const n = options.pathCount;
    this.pathCount = n;
    this.open = new Uint8Array(n);
    this.longPut = new Float64Array(n);
    this.shortPut = new Float64Array(n);
    this.shortCall = new Float64Array(n);
    this.longCall = new Float64Array(n);
    this.logLongPut = new Float64Array(n);
    this.logShortPut = new Float64Array(n);
    this.logShortCall = new Float64Array(n);
    this.logLongCall = new Float64Array(n);
    this.contracts = new Float64Array(n);
    this.credit = new Float64Array(n);
    this.expiryDay = new Int32Array(n);
    this.entryCosts = new Float64Array(n);
    this.nextEntryDay = new Int32Array(n);
    this.cash = new Float64Array(n);
    this.value = new Float64Array(n);
    this.realised = new Float64Array(n);
    this.costs = new Float64Array(n);
    this.breached = new Uint8Array(n);
    this.trades = new Uint32Array(n);
    this.config = options.condor;
    this.fill = options.costs;
    this.capital = options.capital;
    this.horizonDays = options.horizonDays;
    this.marks = options.marks;
    this.strikeCache = options.strikes;
    this.tenorDays = Math.max(1, tradingDaysForDte(options.condor.dte));
    this.closeAtDays =
      options.condor.closeAtDte === null ? -1 : tradingDaysForDte(options.condor.closeAtDte);
  }

  /**
   * Cost to close one condor, points per unit, `days` trading days before expiry. Before expiry
   * it keeps the four leg marks (and what they were for), so that `slippage` on the same state —
   * every fill follows a closeCost — reuses them instead of pricing the legs again.
   */
  private closeCost(i: number, s: MarketSignals, days: number): number {
    const mk = this.marks;
    const spot = s.spot[i];
    const v = s.variance[i];
    if (days > 0) {
      const logStrikes = this.legLogStrikes;
      logStrikes[0] = this.logLongPut[i];
      logStrikes[1] = this.logShortPut[i];
      logStrikes[2] = this.logShortCall[i];
      logStrikes[3] = this.logLongCall[i];
      const legs = this.legs;
      mk.spxOptionsFromLogs(LEG_TYPES, logStrikes, s, i, days, legs);
      this.legsPath = i;
      this.legsSpot = spot;
      this.legsVariance = v;
      this.legsDays = days;
      return legs[1] - legs[0] + legs[2] - legs[3];
    }
    return (
      mk.spxOption('put', this.shortPut[i], spot, v, days) -
      mk.spxOption('put', this.longPut[i], spot, v, days) +
      mk.spxOption('call', this.shortCall[i], spot, v, days) -
      mk.spxOption('call', this.longCall[i], spot, v, days)
    );
  }

  /** Slippage per unit over the four legs at the current marks. */
  private slippage(i: number, s: MarketSignals, days: number): number {
    const f = this.fill;
    const spot = s.spot[i];
    const v = s.variance[i];
    if (
      days > 0 &&
      (i !== this.legsPath ||
        spot !== this.legsSpot ||
        v !== this.legsVariance ||
        days !== this.legsDays)
    )
      this.closeCost(i, s, days);
    if (days > 0) {
      const legs = this.legs;
      return (
        legSlippage(f, 'spx-option', legs[0]) +
        legSlippage(f, 'spx-option', legs[1]) +
        legSlippage(f, 'spx-option', legs[2]) +
        legSlippage(f, 'spx-option', legs[3])
      );
    }
    const mk = this.marks;
    return (
      legSlippage(f, 'spx-option', mk.spxOption('put', this.longPut[i], spot, v, days)) +
      legSlippage(f, 'spx-option', mk.spxOption('put', this.shortPut[i], spot, v, days)) +
      legSlippage(f, 'spx-option', mk.spxOption('call', this.shortCall[i], spot, v, days)) +
      legSlippage(f, 'spx-option', mk.spxOption('call', this.longCall[i], spot, v, days))
    );
  }

  /** Applies the day's rules on path i and sets `value[i]` (module comment). */
  update(i: number, s: MarketSignals, sink?: EventSink): void {
    const d = s.day;
    if (this.open[i]) {
      const daysLeft = this.expiryDay[i] - d;
      if (daysLeft <= 0) {
        this.close(i, s, this.closeCost(i, s, 0), false, 'expiry', 'expiry', sink);
      } else {
        const mark = this.closeCost(i, s, daysLeft);
        const credit = this.credit[i];
        const c = this.config;
        if (c.profitTarget !== null && mark <= (1 - c.profitTarget) * credit) {
          this.close(i, s, mark, true, 'exit', 'profit-target', sink);
        } else if (c.stopLossMultiple !== null && mark - credit >= c.stopLossMultiple * credit) {
          this.close(i, s, mark, true, 'stop', 'stop-loss', sink);
        } else if (daysLeft <= this.closeAtDays) {
          this.close(i, s, mark, true, 'exit', 'close-at-dte', sink);
        } else {
          this.value[i] = -mark * M * this.contracts[i];
        }
      }
    }
    if (!this.open[i] && d < this.horizonDays && this.entryDue(i, d)) this.enter(i, s, sink);
  }

  private entryDue(i: number, d: number): boolean {
    return this.config.entry === 'every-n-days'
      ? d % this.config.entryEveryDays === 0
      : d >= this.nextEntryDay[i];
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
    const days = this.expiryDay[i] - s.day;
    if (s.spot[i] < this.shortPut[i] || s.spot[i] > this.shortCall[i]) this.breached[i] = 1;
    const slip = fill ? this.slippage(i, s, days) : 0;
    const costs = fill ? slip * M * n + this.fill.commissionPerContract * LEGS * n : 0;
    const pnl = (this.credit[i] - mark) * M * n;
    // 0 − …: a worthless expiry (mark 0, no costs) gives 0, not −0 (which JSON would not keep).
    const cashFlow = 0 - mark * M * n - costs;
    this.cash[i] += cashFlow;
    this.realised[i] += pnl;
    this.costs[i] += costs;
    this.value[i] = 0;
    this.open[i] = 0;
    this.nextEntryDay[i] = s.day + 1;
    if (sink) {
      sink.push({
        day: s.day,
        kind,
        layer: 'condor',
        reason,
        instrument: 'iron-condor',
        side: 'short',
        contracts: n,
        strikes: [this.longPut[i], this.shortPut[i], this.shortCall[i], this.longCall[i]],
        dte:
          reason === 'close-at-dte' && days === this.closeAtDays && this.config.closeAtDte !== null
            ? this.config.closeAtDte
            : calendarDays(Math.max(days, 0)),
        spx: s.spot[i],
        vix: s.vix[i],
        price: mark,
        cashFlow,
        costs,
        pnl: pnl - costs - this.entryCosts[i],
        breakEvens: [this.shortPut[i] - this.credit[i], this.shortCall[i] + this.credit[i]],
      });
    }
  }

  private enter(i: number, s: MarketSignals, sink?: EventSink): void {
    const c = this.config;
    const spot = s.spot[i];
    const v = s.variance[i];
    const days = this.tenorDays;
    const strikes = condorStrikesAt(c, this.strikeCache, spot, v, days);
    if (strikes === null) return;
    const { longPut, shortPut, shortCall, longCall } = strikes;
    this.longPut[i] = longPut;
    this.shortPut[i] = shortPut;
    this.shortCall[i] = shortCall;
    this.longCall[i] = longCall;
    this.logLongPut[i] = Math.log(longPut);
    this.logShortPut[i] = Math.log(shortPut);
    this.logShortCall[i] = Math.log(shortCall);
    this.logLongCall[i] = Math.log(longCall);
    this.legsPath = -1; // new strikes: the kept leg marks are stale
    const credit = this.closeCost(i, s, days);
    const slip = this.slippage(i, s, days);
    const n = condorContracts({
      strikes,
      credit,
      slippage: slip,
      commissionPerContract: this.fill.commissionPerContract,
      // The book is flat at an entry, so its equity is capital + cash (module comment).
      riskBudget: Math.min(c.riskPctOfCapital * this.capital, this.capital + this.cash[i]),
    });
    if (n === 0) return;
    const costs = slip * M * n + this.fill.commissionPerContract * LEGS * n;
    const cashFlow = credit * M * n - costs;
    this.open[i] = 1;
    this.contracts[i] = n;
    this.credit[i] = credit;
    this.expiryDay[i] = s.day + days;
    this.entryCosts[i] = costs;
    this.cash[i] += cashFlow;
    this.costs[i] += costs;
    this.value[i] = -credit * M * n;
    this.trades[i]++;
    if (sink) {
      sink.push({
        day: s.day,
        kind: 'entry',
        layer: 'condor',
        reason: 'scheduled',
        instrument: 'iron-condor',
        side: 'short',
        contracts: n,
        strikes: [longPut, shortPut, shortCall, longCall],
        dte: c.dte,
        spx: spot,
        vix: s.vix[i],
        price: credit,
        cashFlow,
        costs,
        pnl: null,
        breakEvens: [shortPut - credit, shortCall + credit],
      });
    }
  }

  /** Unrealised P&L of the open condor at its last mark, dollars. */
  unrealised(i: number): number {
    return this.open[i] ? this.value[i] + this.credit[i] * M * this.contracts[i] : 0;
  }
}
