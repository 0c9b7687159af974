/**
 * Everything a rule can read about the market on a day, per path (structure of arrays): the SPX,
 * the variance, spot VIX, the constant-maturity one- and two-month VIX futures and the indicators
 * computed from them (DESIGN §3). The strategy runner fills it after each market step; triggers
 * and the books only read it.
 *
 * "Front" and "second month" are constant-maturity futures 21 and 42 trading days out (30 and 60
 * calendar days): simulated days carry no exchange calendar, so the listed monthly expiries (whose
 * maturities shrink day by day and jump at each roll) are replaced by their smooth equivalent.
 *
 * Not simulated, and so not available to rules: A/D line, CPI, FOMC and other macro inputs the
 * methodology mentions (DESIGN §3).
 */
import { DrawdownIndicator } from '../indicators/drawdown.ts';
import { MacdIndicator } from '../indicators/macd.ts';
import { RsiIndicator } from '../indicators/rsi.ts';
import { TermStructureIndicator } from '../indicators/term-structure.ts';

/** Trading days to the constant-maturity front-month future (30 calendar days). */
export const FRONT_FUTURE_DAYS = 21;
/** Trading days to the constant-maturity second-month future (60 calendar days). */
export const SECOND_FUTURE_DAYS = 42;

/** The market as the rules see it on the current day. */
export class MarketSignals {
  readonly pathCount: number;
  /** Trading day of the values (0 = the start). */
  day = 0;
  /** SPX close. */
  readonly spot: Float64Array;
  /** ln(SPX close): the model's own state (marks take logs of spot; one per path-day is enough). */
  readonly logSpot: Float64Array;
  /** Instantaneous variance v. */
  readonly variance: Float64Array;
  /** Spot VIX, points. */
  readonly vix: Float64Array;
  /** Front-month (30-day constant-maturity) VIX future, points. */
  readonly future1: Float64Array;
  /** Second-month (60-day) VIX future, points. */
  readonly future2: Float64Array;
  /** SPX daily log return of the day (0 on day 0). */
  readonly logReturn: Float64Array;
  readonly rsi: RsiIndicator;
  readonly macd: MacdIndicator;
  readonly drawdown: DrawdownIndicator;
  readonly termStructure: TermStructureIndicator;

  constructor(pathCount: number) {
    this.pathCount = pathCount;
    this.spot = new Float64Array(pathCount);
    this.logSpot = new Float64Array(pathCount);
    this.variance = new Float64Array(pathCount);
    this.vix = new Float64Array(pathCount);
    this.future1 = new Float64Array(pathCount);
    this.future2 = new Float64Array(pathCount);
    this.logReturn = new Float64Array(pathCount);
    this.rsi = new RsiIndicator({ pathCount });
    this.macd = new MacdIndicator({ pathCount });
    this.drawdown = new DrawdownIndicator({ pathCount });
    this.termStructure = new TermStructureIndicator({ pathCount });
  }

  /** Feeds the indicators the day's closes (after spot, vix and futures are set). */
  updateIndicators(): void {
    this.rsi.update(this.spot);
    this.macd.update(this.spot);
    this.drawdown.update(this.spot);
    this.termStructure.update(this.future1, this.future2);
  }
}
