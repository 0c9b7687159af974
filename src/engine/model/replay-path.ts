/**
 * One observed market path for the strategy runner: a replayed SPX/VIX daily history
 * (scenarios/replay-series.ts) behind the same `MarketPathSource` interface as the simulated SVCJ
 * paths (svcj-paths.ts), so the same rules run on history.
 *
 * The state per day: ln S from the SPX close; the instantaneous variance v implied from the VIX
 * close by inverting the model's VIX formula under Q (pricing/vix-index.ts:
 * VIX = 100·√(a·v + c), v = ((VIX/100)² − c)/a, with the market's κ_Q, θ_Q and jumps), so option
 * marks, VIX futures and VIX options come from the model at the observed VIX level. Only the level
 * is matched: the observed term structure and skew are not (one variance factor; DESIGN §2).
 *
 * The model cannot produce a VIX below its floor 100·√c (the VIX at v = 0: 11.8 for the historical
 * preset, while real closes reach 9.14). On such days v is set to 0 — the nearest state the model
 * has — and the day is counted in `clampedDays` so a report can say how often it happened.
 *
 * One step is one row of the series (one trading day), whatever the calendar gap between the rows;
 * `params.spot` and `params.v0` are not used (the first row sets the starting state).
 */
import { vixCoefficients } from '../pricing/vix-index.ts';
import { replaySeriesFromColumns, type ReplaySeries } from '../scenarios/replay-series.ts';
import type { MarketParams } from './market-params.ts';
import type { MarketPathSource } from './market-path-source.ts';
import { varianceForMarketVix } from './svcj-paths.ts';

export interface ReplayPathOptions {
  /** The observed history; validated again here with `replaySeriesFromColumns`. */
  series: ReplaySeries;
  /** The market whose Q side (κ_Q, θ_Q, jumps) turns VIX into variance and prices the options. */
  params: MarketParams;
}

/**
 * A single replayed path (pathCount = 1). Day 0 is the first row; `step()` moves to the next row
 * and updates `logSpot`, `variance`, `logReturn` and `vix` in place (the same arrays for the whole
 * run, as the strategy runner keeps references to them).
 *
 * Tested (tests/unit/engine/model/replay-path.test.ts): log returns and variances day by day on a
 * 4-row series; the implied variance gives back the VIX through `hestonVix` within 1e-9; clamping
 * below the floor; stepping past the end; three slices of the real SPX/VIX history (test data only).
 */
export class ReplayPathBlock implements MarketPathSource {
  readonly pathCount = 1;
  /** ln S at the current row's close. */
  readonly logSpot = new Float64Array(1);
  /** v implied from the current row's VIX (0 on clamped days). */
  readonly variance = new Float64Array(1);
  /** ln(S_day / S_{day−1}); 0 on day 0. */
  readonly logReturn = new Float64Array(1);
  /** The observed VIX close of the current row, in points (not the model VIX of a clamped day). */
  readonly vix = new Float64Array(1);
  /** Steps available: rows − 1. */
  readonly horizonDays: number;
  /** The model's VIX at v = 0, in points: closes below it are clamped to v = 0. */
  readonly vixFloor: number;
  /** The validated copy of the series being replayed. */
  readonly series: ReplaySeries;

  private currentDay = 0;
  private clamped = 0;
  private readonly logSpots: Float64Array;
  private readonly logReturns: Float64Array;
  private readonly variances: Float64Array;
  private readonly clampedRows: Uint8Array;

  /**
   * Implies the variance of every row up front (a bad market throws here, not mid-run) and sets
   * day 0 to the first row.
   *
   * @throws RangeError with the validation message for a series that `replaySeriesFromColumns`
   *   refuses, and for Q parameters `vixCoefficients` refuses (negative κ_Q, θ_Q, jump sizes…).
   */
  constructor(options: ReplayPathOptions) {
    const checked = replaySeriesFromColumns(options.series);
    if (!checked.ok) throw new RangeError(`replay series: ${checked.error}`);
    const { series } = checked;
    const { params } = options;
    const { c } = vixCoefficients({
      kappa: params.kappaQ,
      theta: params.thetaQ,
      jumps: params.jumps,
    });
    const rows = series.dates.length;
    this.series = series;
    this.horizonDays = rows - 1;
    this.vixFloor = 100 * Math.sqrt(c);
    this.logSpots = new Float64Array(rows);
    this.logReturns = new Float64Array(rows);
    this.variances = new Float64Array(rows);
    this.clampedRows = new Uint8Array(rows);
    for (let t = 0; t < rows; t++) {
      const vix = series.vix[t];
      this.logSpots[t] = Math.log(series.spx[t]);
      // ln of the ratio, not the difference of logs: no cancellation on small moves.
      if (t > 0) this.logReturns[t] = Math.log(series.spx[t] / series.spx[t - 1]);
      // The same comparison varianceForVix makes before it throws: below the floor, clamp instead.
      if ((vix / 100) ** 2 < c) this.clampedRows[t] = 1;
      else this.variances[t] = varianceForMarketVix(params, vix);
    }
    this.load(0);
  }

  /** Rows stepped so far (0 on the first row). */
  get day(): number {
    return this.currentDay;
  }

  /** ISO date (YYYY-MM-DD) of the current row. */
  get date(): string {
    return this.series.dates[this.currentDay];
  }

  /** Days visited so far (day 0 … `day`) whose VIX was below `vixFloor`, i.e. whose v is 0. */
  get clampedDays(): number {
    return this.clamped;
  }

  /**
   * Moves to the next row.
   *
   * @throws RangeError when the current row is the last (`day === horizonDays`).
   */
  step(): void {
    if (this.currentDay >= this.horizonDays) {
      throw new RangeError(
        `replay series ends on ${this.date} (day ${this.horizonDays}): cannot step past it`,
      );
    }
    this.load(this.currentDay + 1);
  }

  private load(day: number): void {
    this.currentDay = day;
    this.logSpot[0] = this.logSpots[day];
    this.logReturn[0] = this.logReturns[day];
    this.variance[0] = this.variances[day];
    this.vix[0] = this.series.vix[day];
    this.clamped += this.clampedRows[day];
  }
}
