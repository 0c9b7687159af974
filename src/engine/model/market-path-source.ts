/**
 * What the strategy runner reads from a market, day by day, for a block of paths: the SVCJ path
 * generator (svcj-paths.ts) provides it for simulated paths, a replayed history (replay-path.ts)
 * for one observed path. Structure of arrays, one entry per path; the arrays are updated in place by
 * `step()`, which advances every path by one trading day.
 */
export interface MarketPathSource {
  readonly pathCount: number;
  /** Trading days stepped so far (0 before the first step). */
  readonly day: number;
  /** ln S of each path at the current close. */
  readonly logSpot: Float64Array;
  /** Instantaneous variance v of each path at the current close (≥ 0). */
  readonly variance: Float64Array;
  /** ln(S_day / S_{day−1}) of the last step (0 before the first step). */
  readonly logReturn: Float64Array;
  /** Advances every path by one trading day. */
  step(): void;
}
