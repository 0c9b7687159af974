/**
 * The reality targets of DESIGN §8: each market statistic with its tolerance for the simulated
 * `historical` market. The history value itself is computed from shared/data by
 * history-data.ts, never copied here. Used by the reality test and `npm run -s calibrate`.
 */
import type { MarketStats } from '../engine/stats/market.ts';

export type Tolerance =
  | { kind: 'absolute'; within: number }
  | { kind: 'range'; min: number; max: number }
  | { kind: 'above'; min: number }
  | { kind: 'below'; max: number };

export interface MarketTarget {
  field: keyof MarketStats;
  label: string;
  tolerance: Tolerance;
}

const abs = (within: number): Tolerance => ({ kind: 'absolute', within });

/** The 19 rows of DESIGN §8, in its order. */
export const MARKET_TARGETS: readonly MarketTarget[] = [
  { field: 'vixMean', label: 'VIX mean', tolerance: abs(2) },
  { field: 'vixMedian', label: 'VIX median', tolerance: abs(2) },
  { field: 'vixQ05', label: 'VIX 5 % quantile', tolerance: abs(2) },
  { field: 'vixQ95', label: 'VIX 95 % quantile', tolerance: abs(4) },
  { field: 'vixQ99', label: 'VIX 99 % quantile', tolerance: abs(8) },
  {
    field: 'corrSpxReturnVixChange',
    label: 'corr(SPX log return, VIX change)',
    tolerance: abs(0.08),
  },
  { field: 'spxRealizedVol', label: 'SPX realised vol (%)', tolerance: abs(2.5) },
  { field: 'vrpPoints', label: 'VIX − next-21d realised vol (pts)', tolerance: abs(1.5) },
  {
    field: 'logVixHalfLifeDays',
    label: 'half-life of log VIX (days)',
    tolerance: { kind: 'range', min: 20, max: 60 },
  },
  { field: 'spxDailyKurtosis', label: 'daily SPX kurtosis', tolerance: { kind: 'above', min: 6 } },
  { field: 'spxDailySkew', label: 'daily SPX skew', tolerance: { kind: 'below', max: 0 } },
  { field: 'spx21dQ01', label: '21-day SPX log return 1 % quantile', tolerance: abs(0.03) },
  { field: 'spx21dQ05', label: '21-day SPX log return 5 % quantile', tolerance: abs(0.02) },
  { field: 'spxMeanLogReturn', label: 'SPX mean log return (annual)', tolerance: abs(0.03) },
  { field: 'vix3mMinusVix', label: 'VIX3M − VIX (pts)', tolerance: abs(0.5) },
  { field: 'vix6mMinusVix', label: 'VIX6M − VIX (pts)', tolerance: abs(0.8) },
  { field: 'vixInvertedShare', label: 'share of days VIX > VIX3M', tolerance: abs(0.03) },
  { field: 'vixLogChangeVol', label: 'VIX log-change vol (annual)', tolerance: abs(0.15) },
  { field: 'vvixMean', label: 'VVIX (30d ATM VIX option IV)', tolerance: abs(15) },
];

/** True if `model` meets the target around `history`. */
export function meetsTarget(target: MarketTarget, history: number, model: number): boolean {
  const t = target.tolerance;
  if (!Number.isFinite(model)) return false;
  switch (t.kind) {
    case 'absolute':
      return Math.abs(model - history) <= t.within;
    case 'range':
      return model >= t.min && model <= t.max;
    case 'above':
      return model > t.min;
    case 'below':
      return model < t.max;
  }
}

/** The tolerance as printed in DESIGN §8 (e.g. "±2", "20–60", "> 6"). */
export function describeTolerance(t: Tolerance): string {
  switch (t.kind) {
    case 'absolute':
      return `±${t.within}`;
    case 'range':
      return `${t.min}–${t.max}`;
    case 'above':
      return `> ${t.min}`;
    case 'below':
      return `< ${t.max}`;
  }
}

/**
 * How far inside its tolerance a model value is: 0 at the target, 1 at the edge (>1 outside).
 * For one-sided targets, 0 when comfortably inside. Used by the calibration's objective.
 */
export function targetDistance(target: MarketTarget, history: number, model: number): number {
  const t = target.tolerance;
  if (!Number.isFinite(model)) return 1e6;
  switch (t.kind) {
    case 'absolute':
      return Math.abs(model - history) / t.within;
    case 'range': {
      const mid = (t.min + t.max) / 2;
      return Math.abs(model - mid) / ((t.max - t.min) / 2);
    }
    case 'above':
      return model > t.min ? 0 : 1 + (t.min - model);
    case 'below':
      return model < t.max ? 0 : 1 + (model - t.max);
  }
}
