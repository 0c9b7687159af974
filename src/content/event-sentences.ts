/**
 * One plain sentence, with its numbers, for each event of a sampled path (issue 7's path explorer):
 * "Layer 'Calls at VIX 20' switched on: VIX 31.2 ≥ 30 and the curve in backwardation; bought 3 VIX
 * 35 calls, 64 DTE, for $1,950 = 1.9 % of capital."
 *
 * The event's fields are those of src/engine/strategy/events.ts; which kind goes with which reason
 * follows condor-cycle.ts and hedge-layer.ts (a 'roll' is two events on one day: the close, with a
 * P&L, and the new position, with none). A combination the engine does not emit still gets a
 * sensible sentence. Numbers use src/lib/format.ts (fixed en-US, U+2212 minus), never "NaN": a
 * missing or non-finite value prints "—", an indicator that is not defined yet "not yet defined".
 * Layer names are user text and come back as they are: the result is a plain string for a text
 * node, never HTML. Tested sentence by sentence in tests/unit/content/event-sentences.test.ts.
 */
import type { StrategyEvent } from '../engine/strategy/events.ts';
import type { ConditionReading } from '../engine/strategy/triggers.ts';
import { formatMoney, formatNumber, formatPercent } from '../lib/format.ts';

/** What {@link explainEvent} needs beside the event. */
export interface EventContext {
  /** The run's capital, dollars (the "= 1.9 % of capital" part). */
  capital: number;
}

const DASH = '—';

/** A level with as few decimals as it needs (up to `decimals`): 35 → "35", 32.5 → "32.5". */
function level(x: number | null | undefined, decimals = 2): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) return DASH;
  const text = formatNumber(x, decimals);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** A fraction as a percent with as few decimals as it needs: 0.05 → "5 %", 0.075 → "7.5 %". */
function percentLevel(fraction: number): string {
  if (!Number.isFinite(fraction)) return DASH;
  return `${level(fraction * 100, 2)} %`;
}

/** "+$1,980" / "−$1,500" / "$0". */
function signedMoney(x: number | null): string {
  const text = formatMoney(x);
  return x !== null && Number.isFinite(x) && Number(x.toFixed(0)) > 0 ? `+${text}` : text;
}

/**
 * A share of capital as a percent that never reads "0.0 %" for an amount that is not zero: one
 * decimal from 0.05 % up ("1.9 %"), two below ("0.02 %"), "under 0.01 %" below that (the money
 * beside it carries the sign), "0 %" for exactly zero. `signed` puts "+" before a positive share.
 */
function sharePercent(fraction: number, signed = false): string {
  if (!Number.isFinite(fraction)) return DASH;
  if (fraction === 0) return '0 %';
  const percent = fraction * 100;
  const decimals = Number(percent.toFixed(1)) !== 0 ? 1 : Number(percent.toFixed(2)) !== 0 ? 2 : 0;
  if (decimals === 0) return 'under 0.01 %';
  const text = formatPercent(fraction, decimals);
  return signed && fraction > 0 ? `+${text}` : text;
}

/** x / capital, NaN (printed "—") for a capital that is not a positive number. */
function share(x: number, capital: number): number {
  return capital > 0 ? x / capital : Number.NaN;
}

/** One condition reading in words ("RSI 27.4 < 30"); flags read as phrases. */
export function describeCondition(reading: ConditionReading): string {
  const { kind, threshold, observed, holds } = reading;
  const t = threshold ?? Number.NaN;
  switch (kind) {
    case 'always':
      return 'always on';
    case 'backwardation':
      return observed === null
        ? 'the curve’s shape not yet defined'
        : holds
          ? 'the curve in backwardation'
          : 'the curve not in backwardation';
    case 'macd-bearish-cross':
      return observed === null
        ? 'MACD not yet defined'
        : holds
          ? 'MACD crossed below its signal line'
          : 'no MACD bearish cross';
    case 'vix-at-least':
    case 'vix-below':
    case 'future-at-least':
    case 'future-below':
    case 'rsi-below': {
      const name = kind === 'rsi-below' ? 'RSI' : kind.startsWith('vix') ? 'VIX' : 'front future';
      if (observed === null) return `${name} not yet defined`;
      return `${name} ${formatNumber(observed, 1)} ${observed >= t ? '≥' : '<'} ${level(t)}`;
    }
    case 'contango-at-least':
      if (observed === null) return 'contango not yet defined';
      return `contango ${formatPercent(observed)} ${observed >= t ? '≥' : '<'} ${percentLevel(t)}`;
    case 'drawdown-at-least':
      if (observed === null) return 'SPX drawdown not yet defined';
      if (observed <= 0) return 'SPX at its peak';
      return `SPX ${formatPercent(observed)} below its peak (${observed >= t ? '≥' : '<'} ${percentLevel(t)})`;
  }
}

/** The readings that held, joined with "and" ("" when none did). */
function conditionsThatHeld(readings: readonly ConditionReading[] | undefined): string {
  return (readings ?? [])
    .filter((r) => r.holds)
    .map(describeCondition)
    .join(' and ');
}

const INSTRUMENT_NOUN = {
  'vix-call': ['call', 'calls'],
  'vix-put': ['put', 'puts'],
  'vix-call-spread': ['call spread', 'call spreads'],
  'vix-future': ['VIX future', 'VIX futures'],
  'spx-put': ['put', 'puts'],
  'iron-condor': ['iron condor', 'iron condors'],
} as const satisfies Record<StrategyEvent['instrument'], readonly [string, string]>;

/** "3 VIX 35 calls", "1 VIX 30/40 call spread", "2 SPX 4,200 puts", "3 VIX futures". */
function positionWords(e: StrategyEvent): string {
  const n = e.contracts;
  const [one, many] = INSTRUMENT_NOUN[e.instrument];
  const noun = n === 1 ? one : many;
  const count = level(n, 0);
  switch (e.instrument) {
    case 'vix-call':
    case 'vix-put':
      return `${count} VIX ${level(e.strikes[0])} ${noun}`;
    case 'vix-call-spread':
      return `${count} VIX ${e.strikes.map((k) => level(k)).join('/')} ${noun}`;
    case 'spx-put':
      return `${count} SPX ${level(e.strikes[0])} ${noun}`;
    case 'vix-future':
    case 'iron-condor':
      return `${count} ${noun}`;
  }
}

/** "P&L +$180 = +0.2 % of capital". */
function pnlWords(pnl: number | null, capital: number): string {
  if (pnl === null) return `P&L ${DASH}`;
  return `P&L ${signedMoney(pnl)} = ${sharePercent(share(pnl, capital), true)} of capital`;
}

function isCondor(e: StrategyEvent): boolean {
  return e.instrument === 'iron-condor';
}

/** The condor's strikes: "short strikes 4,500/5,200, wings 4,400/5,300". */
function condorStrikes(e: StrategyEvent): string {
  const [lp, sp, sc, lc] = e.strikes;
  return `short strikes ${level(sp)}/${level(sc)}, wings ${level(lp)}/${level(lc)}`;
}

/** Opening the condor: what was sold, the net credit, break-evens and max loss. */
function condorOpening(e: StrategyEvent, capital: number): string {
  const [lp, sp, sc, lc] = e.strikes;
  const widest = Math.max(sp - lp, lc - sc);
  // Held to expiry beyond a wing, the condor pays the width per unit and keeps the net credit.
  const maxLoss = widest * 100 * e.contracts - e.cashFlow;
  const breakEvens = (e.breakEvens ?? []).map((b) => formatNumber(b, 1)).join(' and ');
  return (
    `sold ${positionWords(e)} (${condorStrikes(e)}), ${level(e.dte, 0)} DTE, ` +
    `for a net credit of ${formatMoney(e.cashFlow)} after ${formatMoney(e.costs)} costs` +
    (breakEvens ? `; break-evens ${breakEvens}` : '') +
    `, max loss ${formatMoney(maxLoss)} = ${sharePercent(share(maxLoss, capital))} of capital`
  );
}

/** Opening a layer: "bought 3 VIX 35 calls, 64 DTE, for $1,950 = 1.9 % of capital". */
function layerOpening(e: StrategyEvent, capital: number): string {
  const verb = e.side === 'long' ? 'bought' : 'sold';
  const what = `${verb} ${positionWords(e)}`;
  if (e.instrument === 'vix-future') {
    return (
      `${what} at ${formatNumber(e.price, 2)}, ${level(e.dte, 0)} DTE, ` +
      `paying no premium and ${formatMoney(e.costs)} in costs`
    );
  }
  // A non-finite cash flow reads "for —" rather than claiming a credit.
  const money =
    e.cashFlow >= 0 ? `collecting ${formatMoney(e.cashFlow)}` : `for ${formatMoney(-e.cashFlow)}`;
  return `${what}, ${level(e.dte, 0)} DTE, ${money} = ${sharePercent(share(Math.abs(e.cashFlow), capital))} of capital`;
}

/** "3 long VIX futures". */
function futuresWords(e: StrategyEvent): string {
  return `${level(e.contracts, 0)} ${e.side} ${e.contracts === 1 ? 'VIX future' : 'VIX futures'}`;
}

/** Money that moved: "received $2,130" / "paid $460". */
function moneyMoved(cashFlow: number): string {
  return cashFlow >= 0 ? `received ${formatMoney(cashFlow)}` : `paid ${formatMoney(-cashFlow)}`;
}

/** Closing before expiry: "sold 3 VIX 35 calls at 7.20 (received $2,130, costs included)". */
function closing(e: StrategyEvent): string {
  if (e.instrument === 'vix-future') {
    return `closed ${futuresWords(e)} at ${formatNumber(e.price, 2)}, settling ${signedMoney(e.cashFlow)} after costs`;
  }
  const verb = e.side === 'long' ? 'sold' : 'bought back';
  return `${verb} ${positionWords(e)} at ${formatNumber(e.price, 2)} (${moneyMoved(e.cashFlow)}, costs included)`;
}

/** Settling at expiry (no fill costs): "3 VIX 35 calls settled at 2.10 (received $630)". */
function settling(e: StrategyEvent): string {
  if (e.instrument === 'vix-future') {
    return `${futuresWords(e)} settled at ${formatNumber(e.price, 2)}, ${signedMoney(e.cashFlow)}`;
  }
  if (e.price === 0) return `${positionWords(e)} expired worthless`;
  return `${positionWords(e)} settled at ${formatNumber(e.price, 2)} (${moneyMoved(e.cashFlow)})`;
}

/** Where the SPX ended against the condor's strikes at expiry. */
function condorExpiryPlace(e: StrategyEvent): string {
  const [lp, sp, sc, lc] = e.strikes;
  const s = e.spx;
  if (s < lp) return `below both put strikes (${level(lp)})`;
  if (s < sp) return `below the short put ${level(sp)}`;
  if (s > lc) return `above both call strikes (${level(lc)})`;
  if (s > sc) return `above the short call ${level(sc)}`;
  return `between the short strikes ${level(sp)} and ${level(sc)}`;
}

/** Subject of the sentence: "The condor" or "Layer 'name'". */
function subject(e: StrategyEvent): string {
  return isCondor(e) ? 'The condor' : `Layer '${e.layer}'`;
}

/** Conditions after a colon, or nothing when none are recorded as holding. */
function withConditions(head: string, e: StrategyEvent): string {
  const held = conditionsThatHeld(e.conditions);
  return held ? `${head}: ${held}` : head;
}

/** The first part of the sentence, by reason (and opening vs closing for a roll). */
function head(e: StrategyEvent): string {
  const who = subject(e);
  const market = `SPX ${formatNumber(e.spx, 1)}, VIX ${formatNumber(e.vix, 1)}`;
  const left = `${level(e.dte, 0)} DTE left`;
  const opening = e.pnl === null;
  switch (e.reason) {
    case 'scheduled':
      return `${who} opened on schedule (${market})`;
    case 'trigger':
      return withConditions(`${who} switched on`, e);
    case 'rolled-forward':
      return `${who} was rolled forward early by a MACD bearish cross while the layer before it was open`;
    case 'roll':
      return opening
        ? withConditions(`${who} rolled into a new position, its trigger still firing`, e)
        : `${who} rolled with ${left} (VIX ${formatNumber(e.vix, 1)})`;
    case 'profit-target':
      return `${who} reached its profit target with ${left} (${market})`;
    case 'stop-loss':
      return `${who} hit its stop loss with ${left} (${market})`;
    case 'close-at-dte':
      return `${who} closed at its close-at-DTE rule with ${left} (${market})`;
    case 'expiry':
      return isCondor(e)
        ? `${who} expired with the SPX at ${formatNumber(e.spx, 1)}, ${condorExpiryPlace(e)}`
        : `${who} expired (VIX ${formatNumber(e.vix, 1)})`;
    case 'trigger-off':
      return `${who} closed with ${left} because its trigger no longer fires (VIX ${formatNumber(e.vix, 1)})`;
    case 'take-profit-vix':
      return `${who} took profit with VIX at ${formatNumber(e.vix, 1)}, at or above its take-profit level`;
    case 'take-profit-value':
      return `${who} took profit: the position reached its take-profit multiple (VIX ${formatNumber(e.vix, 1)})`;
  }
}

/** The trade part of the sentence: what was bought, sold or settled, and for how much. */
function trade(e: StrategyEvent, capital: number): string {
  if (e.pnl === null) return isCondor(e) ? condorOpening(e, capital) : layerOpening(e, capital);
  const done = e.reason === 'expiry' ? settling(e) : closing(e);
  return `${done}; ${pnlWords(e.pnl, capital)}`;
}

/**
 * One plain sentence for a sampled path's event, with its numbers: money as $1,950, shares of
 * `capital` as 1.9 % (a tiny share as 0.02 % or "under 0.01 %", never "0.0 %"), VIX and indicator readings to 0.1, strikes as they are (35, 32.5, 4,500).
 * An opening (pnl null) says what was opened and what it cost or collected (the condor also its
 * break-evens and max loss = width × 100 × contracts − net credit); a closing says what was closed
 * or settled and the trade's P&L. A trigger or roll lists the conditions that held ("VIX 31.2 ≥ 30
 * and the curve in backwardation"; an undefined indicator reads "not yet defined"). With a `date`,
 * the sentence starts "On 2020-03-16, …". A capital that is not positive prints "—" for shares.
 *
 * Tested: an exact sentence for each kind, reason, instrument and side
 * (tests/unit/content/event-sentences.test.ts).
 */
export function explainEvent(
  event: StrategyEvent & { date?: string },
  context: EventContext,
): string {
  const sentence = `${head(event)}; ${trade(event, context.capital)}.`;
  if (!event.date) return sentence;
  // Both subjects ("The condor", "Layer 'x'") start with a capital that is not part of a name.
  return `On ${event.date}, ${sentence[0].toLowerCase()}${sentence.slice(1)}`;
}
