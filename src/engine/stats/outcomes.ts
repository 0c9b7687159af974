/**
 * Outcome statistics of a strategy run (DESIGN §4, §7): one book's summary with Monte Carlo
 * standard errors, a common-edge P&L histogram, paired hedged − condor-alone differences, per-layer
 * attribution, and the hedge's cost in calm paths vs its payoff in stress paths. Input: the
 * per-path scalars of stats/path-outcomes.ts (one number per path, never whole paths).
 *
 * Definitions (n paths, P&L x_i in dollars, losses L_i = −x_i; every SE treats paths as i.i.d.):
 * - Quantiles: Hyndman & Fan (1996) type 7 (R's default): h = (n − 1)·p, interpolate linearly
 *   between the 0-based order statistics x₍⌊h⌋₎ and x₍⌊h⌋+1₎.
 * - VaR_α = −q₇(1 − α) of P&L (a loss is positive).
 * - CVaR_α (expected shortfall): the mean loss of the worst m = n(1 − α) paths, the boundary path
 *   weighted by the fractional part of m — the estimator of Acerbi & Tasche (2002, "On the coherence
 *   of expected shortfall", J. Banking & Finance 26, eq. 3.5), equal to the Rockafellar–Uryasev
 *   (2002) form v + Σ(L_i − v)⁺ / m with v the type-1 empirical quantile of the losses. It never
 *   exceeds the largest loss.
 * - Standard errors. Mean: s/√n. Quantiles (median, VaR, drawdown quantiles): distribution-free,
 *   from the order-statistic confidence interval (Conover 1999, "Practical Nonparametric
 *   Statistics", §3.2): the sample quantiles at p ∓ 1.96·√(p(1 − p)/n) bracket the p-quantile
 *   with ~95 % confidence, SE = their distance / (2·1.96). CVaR: the asymptotic variance of Manistre & Hancock
 *   (2005, "Variance of the CTE estimator", North American Actuarial Journal 9(2)),
 *   [Var(L | L ≥ v) + α(CVaR − v)²] / (n(1 − α)), computed as the sample variance of the influence
 *   values (L_i − v)⁺ / (1 − α) over n. Smooth statistics (stdev, Sharpe, Sortino, beta): the delta
 *   method, i.e. SE = sd(ψ_i)/√n for the influence value ψ_i of each path (for the Sharpe ratio this
 *   is the non-normal formula of Mertens 2002 / Opdyke 2007, "Comparing Sharpe ratios", J. Asset
 *   Management 8). Paired differences of quantiles: a seeded bootstrap over paths (Efron &
 *   Tibshirani 1993, ch. 6) that resamples both books with the same path indices.
 * - Beta: the pooled OLS slope (with intercept) of the book's daily return y (change in marked
 *   equity / capital) on the SPX daily log return x over all path-days, from the per-path sums;
 *   its SE is the delta method over independent paths (a cluster-robust SE with paths as clusters,
 *   Liang & Zeger 1986), so days within a path may be correlated.
 * - Sharpe and Sortino: of the horizon return r_i = pnl_i / capital, annualised by √(252 / horizon
 *   days). No risk-free rate is subtracted: the engine credits no interest on cash, so the book's
 *   return is already an excess over holding cash at zero. Sortino's downside deviation is
 *   √(mean min(r_i, 0)²) (target 0, divisor n; Sortino & Price 1994).
 *
 * Every output is a finite number or null (undefined, e.g. an SE from one path): no NaN reaches a
 * chart or a session. Non-finite inputs are refused with a RangeError.
 */
import { createRng } from '../rng.ts';
import type { BookOutcomes, LayerOutcomes, PathOutcomes } from './path-outcomes.ts';

/** Trading days per year, for annualising Sharpe and Sortino. */
const TRADING_DAYS_PER_YEAR = 252;
/** 2^-32, to map a 32-bit integer to [0, 1). */
const TWO_POW_MINUS_32 = 2 ** -32;
/** Two-sided 95 % normal quantile: the half-width of the order-statistic interval in SEs. */
const Z95 = 1.959963984540054;
/** Paths whose SPX drawdown reaches this fraction count as stress paths (10 % = a correction). */
export const STRESS_SPX_DRAWDOWN = 0.1;
/** Paths whose VIX closes at or above this level (points) count as stress paths. */
export const STRESS_MAX_VIX = 30;
/** Default number of bootstrap resamples for paired quantile differences (SE noise ≈ 1/√(2·200) = 5 %). */
export const BOOTSTRAP_RESAMPLES = 200;
/** Fixed bootstrap seed, so the same run always reports the same SEs. */
export const BOOTSTRAP_SEED = 20240917;

/** A value with its Monte Carlo standard error; null where undefined (e.g. no paths, one path). */
export interface Estimate {
  estimate: number | null;
  stdErr: number | null;
}

/**
 * Statistics of one book (condor alone or condor + layers) over the paths. Dollars for P&L,
 * VaR/CVaR (losses positive) and drawdowns; fractions for probabilities and returns; Sharpe and
 * Sortino annualised. Every `…StdErr` is a one-standard-error Monte Carlo uncertainty.
 */
export interface BookSummary {
  paths: number;
  mean: number;
  meanStdErr: number | null;
  median: number;
  medianStdErr: number | null;
  /** Sample standard deviation (divisor n − 1); null with one path. */
  stdev: number | null;
  stdevStdErr: number | null;
  /** Share of paths with P&L > 0. */
  probProfit: number;
  probProfitStdErr: number | null;
  var95: number;
  var95StdErr: number | null;
  cvar95: number;
  cvar95StdErr: number | null;
  var99: number;
  var99StdErr: number | null;
  cvar99: number;
  cvar99StdErr: number | null;
  maxDrawdownMedian: number;
  maxDrawdownMedianStdErr: number | null;
  /** 95 % quantile of the path's max drawdown (type 7), dollars. */
  maxDrawdownP95: number;
  maxDrawdownP95StdErr: number | null;
  /** Pooled OLS slope of daily book return on SPX daily log return; null if the SPX never moved. */
  beta: number | null;
  betaStdErr: number | null;
  sharpe: number | null;
  sharpeStdErr: number | null;
  sortino: number | null;
  sortinoStdErr: number | null;
  /** mean / capitalAtRisk (a fraction over the horizon); null if capitalAtRisk ≤ 0. */
  returnOnCapitalAtRisk: number | null;
  returnOnCapitalAtRiskStdErr: number | null;
}

/** Inputs of {@link summarizeBook}. */
export interface SummarizeBookOptions {
  book: BookOutcomes;
  /** Per path Σ_d x_d of SPX daily log returns (PathOutcomes.spxDailySum). */
  spxDailySum: Float64Array;
  /** Per path Σ_d x_d². */
  spxDailySumSq: Float64Array;
  /** Daily terms in each path's sums (PathOutcomes.days), integer ≥ 1. */
  days: number;
  /** Starting capital, dollars > 0 (returns are P&L / capital). */
  capital: number;
  /** Capital at risk, dollars (the condor's max loss budget); ≤ 0 gives a null return on it. */
  capitalAtRisk: number;
  /** Horizon in trading days (> 0), for annualising Sharpe and Sortino. */
  horizonDays: number;
}

/**
 * Summary statistics of one book with their standard errors (definitions, estimators and
 * references in the module comment).
 *
 * Tested on hand-computed cases (type-7 quantiles, Acerbi–Tasche CVaR, pooled beta), against
 * direct computations on seeded samples, and each SE against the spread of the statistic over
 * 200 repeated seeded samples (tests/unit/engine/stats/outcomes.test.ts).
 *
 * @throws RangeError with no paths, arrays of different lengths, a non-finite value, capital ≤ 0,
 *   days not a positive integer or horizonDays ≤ 0.
 */
export function summarizeBook(options: SummarizeBookOptions): BookSummary {
  const { book, spxDailySum, spxDailySumSq, days, capital, capitalAtRisk, horizonDays } = options;
  const n = book.pnl.length;
  if (n === 0) throw new RangeError('summarizeBook: no paths');
  if (!(capital > 0) || !Number.isFinite(capital))
    throw new RangeError(`summarizeBook: capital must be > 0, got ${capital}`);
  if (!(horizonDays > 0) || !Number.isFinite(horizonDays))
    throw new RangeError(`summarizeBook: horizonDays must be > 0, got ${horizonDays}`);
  checkDays(days);
  checkBook(book, n, 'book');
  checkFinite(spxDailySum, n, 'spxDailySum');
  checkFinite(spxDailySumSq, n, 'spxDailySumSq');
  if (!Number.isFinite(capitalAtRisk))
    throw new RangeError(`summarizeBook: capitalAtRisk must be finite, got ${capitalAtRisk}`);

  const pnl = book.pnl;
  const sorted = sortedCopy(pnl);
  const mean = meanOf(pnl);
  const sd = sampleSd(pnl, mean);
  const meanStdErr = sd === null ? null : sd / Math.sqrt(n);

  let profitable = 0;
  for (let i = 0; i < n; i++) if (pnl[i] > 0) profitable++;
  const probProfit = profitable / n;

  const tail95 = tailStats(sorted, 0.95);
  const tail99 = tailStats(sorted, 0.99);
  const ddSorted = sortedCopy(book.maxDrawdown);
  const beta = betaInfluence(book, spxDailySum, spxDailySumSq, days);
  const ratios = ratioStats(pnl, capital, horizonDays);
  const hasCapitalAtRisk = capitalAtRisk > 0;

  return {
    paths: n,
    mean,
    meanStdErr,
    median: quantileSorted(sorted, 0.5),
    medianStdErr: quantileStdErr(sorted, 0.5),
    stdev: sd,
    stdevStdErr: sd === null || sd === 0 ? null : stdevStdErr(pnl, mean, sd),
    probProfit,
    probProfitStdErr: n < 2 ? null : Math.sqrt((probProfit * (1 - probProfit)) / n),
    var95: -quantileSorted(sorted, 0.05),
    var95StdErr: quantileStdErr(sorted, 0.05),
    cvar95: tail95.cvar,
    cvar95StdErr: influenceStdErr(cvarInfluence(pnl, tail95.threshold, 0.95)),
    var99: -quantileSorted(sorted, 0.01),
    var99StdErr: quantileStdErr(sorted, 0.01),
    cvar99: tail99.cvar,
    cvar99StdErr: influenceStdErr(cvarInfluence(pnl, tail99.threshold, 0.99)),
    maxDrawdownMedian: quantileSorted(ddSorted, 0.5),
    maxDrawdownMedianStdErr: quantileStdErr(ddSorted, 0.5),
    maxDrawdownP95: quantileSorted(ddSorted, 0.95),
    maxDrawdownP95StdErr: quantileStdErr(ddSorted, 0.95),
    beta: beta === null ? null : finiteOrNull(beta.beta),
    betaStdErr: beta === null ? null : influenceStdErr(beta.psi),
    sharpe: ratios.sharpe,
    sharpeStdErr: ratios.sharpeStdErr,
    sortino: ratios.sortino,
    sortinoStdErr: ratios.sortinoStdErr,
    returnOnCapitalAtRisk: hasCapitalAtRisk ? mean / capitalAtRisk : null,
    returnOnCapitalAtRiskStdErr:
      hasCapitalAtRisk && meanStdErr !== null ? meanStdErr / capitalAtRisk : null,
  };
}

/** Common-edge histogram of several P&L series (see {@link pnlHistogram}). */
export interface PnlHistogram {
  /** Bin edges e_0 < … < e_K: bin k is [e_k, e_{k+1}), the last bin also holds e_K. */
  edges: number[];
  /** Width of every bin (a 'nice' number 1, 2, 2.5 or 5 × 10^k), dollars; null with no data. */
  binWidth: number | null;
  /** counts[s][k]: values of series s in bin k. */
  counts: number[][];
  /** Values of each series below e_0. */
  underflow: number[];
  /** Values of each series above e_K. */
  overflow: number[];
}

/** Pooled quantiles that set the histogram's range: outliers beyond them go to under/overflow. */
const HISTOGRAM_RANGE_PROBS = [0.001, 0.999] as const;

/**
 * Histogram of several series (e.g. condor-alone and hedged P&L) on common 'nice' edges, so they
 * can be overlaid. The range runs from the pooled type-7 0.1 % quantile to the 99.9 % quantile,
 * widened outward to multiples of the bin width; values beyond it are counted in `underflow` /
 * `overflow` rather than stretching the axis. The width is the smallest of 1, 2, 2.5, 5 × 10^k
 * that gives at most `bins` bins over that range. If all pooled values in range are equal, one
 * bin of width 1 × 10^k around them is used. Edges are rounded to the width's decimals so they
 * print cleanly.
 *
 * Tested: edges are nice multiples, counts + under/overflow = series lengths, counts equal a
 * direct bin search, outliers do not widen the range.
 *
 * @throws RangeError on a non-finite value or bins < 1.
 */
export function pnlHistogram(options: {
  series: readonly Float64Array[];
  /** Target (maximum) number of bins, default 50. */
  bins?: number;
}): PnlHistogram {
  const { series, bins = 50 } = options;
  if (!(bins >= 1) || !Number.isInteger(bins))
    throw new RangeError(`pnlHistogram: bins must be an integer ≥ 1, got ${bins}`);
  const total = series.reduce((s, x) => s + x.length, 0);
  series.forEach((s, j) => checkFinite(s, s.length, `series[${j}]`));
  const empty = series.map(() => 0);
  if (total === 0)
    return {
      edges: [],
      binWidth: null,
      counts: series.map(() => []),
      underflow: empty,
      overflow: [...empty],
    };

  const pooled = new Float64Array(total);
  let at = 0;
  for (const s of series) {
    pooled.set(s, at);
    at += s.length;
  }
  pooled.sort();
  const qLo = quantileSorted(pooled, HISTOGRAM_RANGE_PROBS[0]);
  const qHi = quantileSorted(pooled, HISTOGRAM_RANGE_PROBS[1]);

  let step: number;
  let first: number;
  let binCount: number;
  if (qHi > qLo) {
    step = niceStep((qHi - qLo) / bins);
    first = Math.floor(qLo / step);
    let last = Math.ceil(qHi / step);
    // Rounding can leave one bin too many (e.g. qLo, qHi just past multiples): widen the step.
    while (last - first > bins) {
      step = niceStep(step * 1.0001);
      first = Math.floor(qLo / step);
      last = Math.ceil(qHi / step);
    }
    binCount = Math.max(1, last - first);
  } else {
    step = 10 ** Math.floor(Math.log10(Math.max(Math.abs(qLo), 1)));
    first = Math.floor(qLo / step);
    binCount = 1;
  }
  const decimals = Math.max(0, 1 - Math.floor(Math.log10(step)));
  const edges = Array.from({ length: binCount + 1 }, (_, k) =>
    Number(((first + k) * step).toFixed(decimals)),
  );
  const lo = edges[0];
  const hi = edges[binCount];

  const counts: number[][] = [];
  const underflow: number[] = [];
  const overflow: number[] = [];
  for (const s of series) {
    const c = new Array<number>(binCount).fill(0);
    let under = 0;
    let over = 0;
    for (let i = 0; i < s.length; i++) {
      const x = s[i];
      if (x < lo) under++;
      else if (x > hi) over++;
      else {
        // The arithmetic guess can be one off near an edge; the printed edges decide.
        let k = Math.min(binCount - 1, Math.floor((x - lo) / step));
        while (k > 0 && x < edges[k]) k--;
        while (k < binCount - 1 && x >= edges[k + 1]) k++;
        c[k]++;
      }
    }
    counts.push(c);
    underflow.push(under);
    overflow.push(over);
  }
  return { edges, binWidth: step, counts, underflow, overflow };
}

/** Hedged − condor-alone differences over the same paths (see {@link pairedDifference}). */
export interface PairedDifference {
  paths: number;
  /** Bootstrap resamples used for the quantile differences. */
  resamples: number;
  /** Bootstrap seed (stream 0 of createRng). */
  seed: number;
  mean: Estimate;
  median: Estimate;
  probProfit: Estimate;
  var95: Estimate;
  cvar95: Estimate;
  var99: Estimate;
  cvar99: Estimate;
  maxDrawdownMedian: Estimate;
  maxDrawdownP95: Estimate;
  beta: Estimate;
  /** |β_hedged| − |β_condor|: negative means the hedged book's beta is flatter. */
  absBeta: Estimate;
}

/**
 * Differences hedged − condorOnly of the book statistics, with SEs that use the pairing (both
 * books see the same market paths — common random numbers — so the differences are far more
 * precise than the two separate SEs suggest).
 *
 * Methods: mean and P(profit) — the SE of the mean of the per-path differences; CVaR and beta (and
 * |beta|) — the delta method on the per-path difference of the two books' influence values;
 * median, VaR and drawdown quantiles — a bootstrap over paths with the same resampled indices for
 * both books, `resamples` times from `createRng(seed, 0)`, SE = sd of the resampled differences
 * (each resample's quantile is the type-7 quantile of the resample, found by walking the
 * multiplicities in sorted order, so no resample is sorted). 100,000 paths with 200 resamples
 * take 0.3–0.4 s on a 2-core machine.
 *
 * Edge cases: one path gives null SEs; identical books give zero differences with zero SEs.
 * Tested against direct computations and each SE against the spread over repeated seeded samples.
 *
 * @throws RangeError as {@link summarizeBook} on bad outcomes, or resamples < 2.
 */
export function pairedDifference(options: {
  outcomes: PathOutcomes;
  resamples?: number;
  seed?: number;
}): PairedDifference {
  const { outcomes, resamples = BOOTSTRAP_RESAMPLES, seed = BOOTSTRAP_SEED } = options;
  const n = outcomes.condorOnly.pnl.length;
  if (n === 0) throw new RangeError('pairedDifference: no paths');
  if (!Number.isInteger(resamples) || resamples < 2)
    throw new RangeError(`pairedDifference: resamples must be an integer ≥ 2, got ${resamples}`);
  checkDays(outcomes.days);
  checkBook(outcomes.condorOnly, n, 'condorOnly');
  checkBook(outcomes.hedged, n, 'hedged');
  checkFinite(outcomes.spxDailySum, n, 'spxDailySum');
  checkFinite(outcomes.spxDailySumSq, n, 'spxDailySumSq');
  const c = outcomes.condorOnly;
  const h = outcomes.hedged;

  const dPnl = new Float64Array(n);
  const dProfit = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    dPnl[i] = h.pnl[i] - c.pnl[i];
    dProfit[i] = (h.pnl[i] > 0 ? 1 : 0) - (c.pnl[i] > 0 ? 1 : 0);
  }

  // Each series is sorted once, for the CVaRs and for every bootstrap resample.
  const series = {
    cP: sortSeries(c.pnl),
    hP: sortSeries(h.pnl),
    cD: sortSeries(c.maxDrawdown),
    hD: sortSeries(h.maxDrawdown),
  };
  const cvar = (alpha: number): Estimate => {
    const tc = tailStats(series.cP.sorted, alpha);
    const th = tailStats(series.hP.sorted, alpha);
    const psiC = cvarInfluence(c.pnl, tc.threshold, alpha);
    const psiH = cvarInfluence(h.pnl, th.threshold, alpha);
    for (let i = 0; i < n; i++) psiH[i] -= psiC[i];
    return { estimate: th.cvar - tc.cvar, stdErr: influenceStdErr(psiH) };
  };

  const betaC = betaInfluence(c, outcomes.spxDailySum, outcomes.spxDailySumSq, outcomes.days);
  const betaH = betaInfluence(h, outcomes.spxDailySum, outcomes.spxDailySumSq, outcomes.days);
  let beta: Estimate = { estimate: null, stdErr: null };
  let absBeta: Estimate = { estimate: null, stdErr: null };
  if (betaC !== null && betaH !== null) {
    const d = new Float64Array(n);
    const dAbs = new Float64Array(n);
    const sC = Math.sign(betaC.beta);
    const sH = Math.sign(betaH.beta);
    for (let i = 0; i < n; i++) {
      d[i] = betaH.psi[i] - betaC.psi[i];
      dAbs[i] = sH * betaH.psi[i] - sC * betaC.psi[i];
    }
    beta = { estimate: finiteOrNull(betaH.beta - betaC.beta), stdErr: influenceStdErr(d) };
    absBeta = {
      estimate: finiteOrNull(Math.abs(betaH.beta) - Math.abs(betaC.beta)),
      stdErr: influenceStdErr(dAbs),
    };
  }

  const boot = bootstrapQuantileDifferences(series, n, resamples, seed);
  return {
    paths: n,
    resamples,
    seed,
    mean: tidy({ estimate: meanOf(dPnl), stdErr: meanStdErrOf(dPnl) }),
    median: tidy(boot.median),
    probProfit: tidy({ estimate: meanOf(dProfit), stdErr: meanStdErrOf(dProfit) }),
    var95: tidy(boot.var95),
    cvar95: tidy(cvar(0.95)),
    var99: tidy(boot.var99),
    cvar99: tidy(cvar(0.99)),
    maxDrawdownMedian: tidy(boot.maxDrawdownMedian),
    maxDrawdownP95: tidy(boot.maxDrawdownP95),
    beta: tidy(beta),
    absBeta: tidy(absBeta),
  };
}

/** Attribution of one hedge layer (see {@link summarizeLayers}). Dollars per path. */
export interface LayerSummary {
  name: string;
  meanPnl: number | null;
  meanPnlStdErr: number | null;
  /** Mean money spent (premiums paid, commissions, slippage). */
  meanCost: number | null;
  meanCostStdErr: number | null;
  /** Mean of pnl + cost: what the layer's positions returned before what was spent on them. */
  meanPayoff: number | null;
  meanPayoffStdErr: number | null;
  triggersPerPath: number | null;
  rollsPerPath: number | null;
  takeProfitsPerPath: number | null;
  /** Share of paths where the layer ever traded: a trigger or roll opened a position, or it spent money. */
  tradedShare: number | null;
  tradedShareStdErr: number | null;
}

/**
 * Per-layer attribution: mean P&L, cost and payoff (pnl + cost) with SEs of the mean, the mean
 * number of triggers, rolls and take-profits per path, and the share of paths where the layer
 * traded (binomial SE). With no paths every figure is null. Tested against direct means.
 *
 * @throws RangeError on arrays of different lengths or non-finite P&L or cost.
 */
export function summarizeLayers(layers: readonly LayerOutcomes[]): LayerSummary[] {
  return layers.map((layer) => {
    const n = layer.pnl.length;
    checkFinite(layer.pnl, n, `${layer.name}.pnl`);
    checkFinite(layer.cost, n, `${layer.name}.cost`);
    for (const [key, a] of [
      ['triggers', layer.triggers],
      ['rolls', layer.rolls],
      ['takeProfits', layer.takeProfits],
    ] as const) {
      if (a.length !== n)
        throw new RangeError(
          `summarizeLayers: ${layer.name}.${key} has ${a.length} paths, not ${n}`,
        );
    }
    const payoff = new Float64Array(n);
    const traded = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      payoff[i] = layer.pnl[i] + layer.cost[i];
      traded[i] = layer.triggers[i] + layer.rolls[i] > 0 || layer.cost[i] > 0 ? 1 : 0;
    }
    const share = n > 0 ? meanOf(traded) : null;
    return {
      name: layer.name,
      meanPnl: n > 0 ? meanOf(layer.pnl) : null,
      meanPnlStdErr: meanStdErrOf(layer.pnl),
      meanCost: n > 0 ? meanOf(layer.cost) : null,
      meanCostStdErr: meanStdErrOf(layer.cost),
      meanPayoff: n > 0 ? meanOf(payoff) : null,
      meanPayoffStdErr: meanStdErrOf(payoff),
      triggersPerPath: n > 0 ? meanOf(layer.triggers) : null,
      rollsPerPath: n > 0 ? meanOf(layer.rolls) : null,
      takeProfitsPerPath: n > 0 ? meanOf(layer.takeProfits) : null,
      tradedShare: share,
      tradedShareStdErr: share === null || n < 2 ? null : Math.sqrt((share * (1 - share)) / n),
    };
  });
}

/** One group of paths (calm or stress) in {@link calmVsStress}. Dollars per path. */
export interface PathGroupSummary {
  paths: number;
  /** Share of all paths in the group, with its binomial SE. */
  share: number | null;
  shareStdErr: number | null;
  condorOnlyMean: number | null;
  hedgedMean: number | null;
  /** Mean of hedged − condorOnly P&L in the group: negative = the hedge's cost, positive = payoff. */
  hedgeEffect: number | null;
  hedgeEffectStdErr: number | null;
}

/** Calm vs stress split of {@link calmVsStress}. */
export interface CalmVsStress {
  /** The definition in words, for display. */
  definition: string;
  maxVixThreshold: number;
  spxDrawdownThreshold: number;
  calm: PathGroupSummary;
  stress: PathGroupSummary;
}

/**
 * The hedge's cost in calm paths and its payoff in stress paths. A path is a stress path if its
 * highest VIX close (day 0 included) is ≥ {@link STRESS_MAX_VIX} or the SPX fell ≥
 * {@link STRESS_SPX_DRAWDOWN} from a running peak of closes; every other path is calm. For each
 * group: its share of paths and the mean of hedged − condorOnly P&L with the SE of that mean
 * (conditional on the group's size). An empty group has null figures. Tested on a hand-built
 * split and against direct means.
 *
 * @throws RangeError on arrays of different lengths or non-finite values.
 */
export function calmVsStress(options: { outcomes: PathOutcomes }): CalmVsStress {
  const { outcomes } = options;
  const n = outcomes.condorOnly.pnl.length;
  checkFinite(outcomes.condorOnly.pnl, n, 'condorOnly.pnl');
  checkFinite(outcomes.hedged.pnl, n, 'hedged.pnl');
  checkFinite(outcomes.maxVix, n, 'maxVix');
  checkFinite(outcomes.spxMaxDrawdown, n, 'spxMaxDrawdown');
  const stress = new Uint8Array(n);
  let stressCount = 0;
  for (let i = 0; i < n; i++) {
    if (outcomes.maxVix[i] >= STRESS_MAX_VIX || outcomes.spxMaxDrawdown[i] >= STRESS_SPX_DRAWDOWN) {
      stress[i] = 1;
      stressCount++;
    }
  }
  const group = (flag: 0 | 1): PathGroupSummary => {
    const m = flag === 1 ? stressCount : n - stressCount;
    const c = new Float64Array(m);
    const h = new Float64Array(m);
    const d = new Float64Array(m);
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (stress[i] !== flag) continue;
      c[k] = outcomes.condorOnly.pnl[i];
      h[k] = outcomes.hedged.pnl[i];
      d[k] = h[k] - c[k];
      k++;
    }
    const share = n > 0 ? m / n : null;
    return {
      paths: m,
      share,
      shareStdErr: share === null || n < 2 ? null : Math.sqrt((share * (1 - share)) / n),
      condorOnlyMean: m > 0 ? meanOf(c) : null,
      hedgedMean: m > 0 ? meanOf(h) : null,
      hedgeEffect: m > 0 ? meanOf(d) : null,
      hedgeEffectStdErr: meanStdErrOf(d),
    };
  };
  return {
    definition:
      `A stress path is one where the VIX closed at or above ${STRESS_MAX_VIX} on some day, or ` +
      `the SPX fell ${STRESS_SPX_DRAWDOWN * 100} % or more from its highest close so far; ` +
      'every other path is calm.',
    maxVixThreshold: STRESS_MAX_VIX,
    spxDrawdownThreshold: STRESS_SPX_DRAWDOWN,
    calm: group(0),
    stress: group(1),
  };
}

// ---------------------------------------------------------------------------------------------
// Internals

function checkDays(days: number): void {
  if (!Number.isInteger(days) || days < 1)
    throw new RangeError(`days must be an integer ≥ 1, got ${days}`);
}

function checkFinite(a: ArrayLike<number>, n: number, name: string): void {
  if (a.length !== n) throw new RangeError(`${name} has ${a.length} paths, not ${n}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(a[i])) throw new RangeError(`${name}[${i}] is not finite (${a[i]})`);
  }
}

function checkBook(book: BookOutcomes, n: number, name: string): void {
  checkFinite(book.pnl, n, `${name}.pnl`);
  checkFinite(book.maxDrawdown, n, `${name}.maxDrawdown`);
  checkFinite(book.dailySum, n, `${name}.dailySum`);
  checkFinite(book.dailyCrossSpx, n, `${name}.dailyCrossSpx`);
}

/** x if finite (−0 as 0, so JSON and equality checks see one zero), else null. */
function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x + 0 : null;
}

/** An estimate with both parts finite or null. */
function tidy(e: { estimate: number | null; stdErr: number | null }): Estimate {
  return {
    estimate: e.estimate === null ? null : finiteOrNull(e.estimate),
    stdErr: e.stdErr === null ? null : finiteOrNull(e.stdErr),
  };
}

function sortedCopy(a: Float64Array): Float64Array {
  return Float64Array.from(a).sort();
}

/**
 * Mean with one refinement pass (the corrected two-pass of Chan, Golub & LeVeque 1983): the mean
 * residual fixes the rounding of the plain sum, so a constant series has exactly its value as
 * mean and exactly zero spread.
 */
function meanOf(a: ArrayLike<number>): number {
  const n = a.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i];
  const m = s / n;
  let r = 0;
  for (let i = 0; i < n; i++) r += a[i] - m;
  return m + r / n;
}

/** Sample sd (divisor n − 1) by two passes; null with fewer than two values. */
function sampleSd(a: ArrayLike<number>, mean: number): number | null {
  const n = a.length;
  if (n < 2) return null;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = a[i] - mean;
    s += d * d;
  }
  return Math.sqrt(s / (n - 1));
}

function meanStdErrOf(a: ArrayLike<number>): number | null {
  const sd = sampleSd(a, a.length > 0 ? meanOf(a) : 0);
  return sd === null ? null : sd / Math.sqrt(a.length);
}

/** Delta-method SE from influence values: sd(ψ)/√n; null with fewer than two paths. */
function influenceStdErr(psi: Float64Array): number | null {
  const se = meanStdErrOf(psi);
  return se === null ? null : finiteOrNull(se);
}

/** Type-7 quantile of sorted values (Hyndman & Fan 1996). */
function quantileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Distribution-free SE of the p-quantile from the order-statistic confidence interval (Conover
 * 1999 §3.2): the number of paths below the true quantile is Binomial(n, p), so the sample
 * quantiles at p ∓ δ, δ = z·√(p(1 − p)/n), z = 1.96, bracket it with ~95 % confidence, and
 * SE = (q₇(p + δ) − q₇(p − δ))/(2z). Using type-7 (interpolated) quantiles at those probabilities
 * rather than whole ranks avoids widening the interval by up to two ranks, which matters in the
 * tails of a few thousand paths. If p − δ < 0 (or p + δ > 1) the interval is one-sided, SE =
 * (q₇(p + δ) − q₇(p))/z; with both ends cut (a handful of paths) the SE is understated.
 */
function quantileStdErr(sorted: Float64Array, p: number): number | null {
  const n = sorted.length;
  if (n < 2) return null;
  const delta = Z95 * Math.sqrt((p * (1 - p)) / n);
  const lo = p - delta;
  const hi = p + delta;
  if (lo >= 0 && hi <= 1)
    return (quantileSorted(sorted, hi) - quantileSorted(sorted, lo)) / (2 * Z95);
  if (hi <= 1) return (quantileSorted(sorted, hi) - quantileSorted(sorted, p)) / Z95;
  if (lo >= 0) return (quantileSorted(sorted, p) - quantileSorted(sorted, lo)) / Z95;
  return (sorted[n - 1] - sorted[0]) / (2 * Z95);
}

/**
 * CVaR_α by Acerbi & Tasche (2002): the mean loss of the worst m = n(1 − α) paths with the
 * boundary path weighted by m − ⌊m⌋ (m < 1 puts all weight on the worst path). `threshold` is the
 * P&L at which the tail is cut (the type-1 quantile: the ⌈m⌉-th smallest), used by the influence
 * values.
 */
function tailStats(sorted: Float64Array, alpha: number): { cvar: number; threshold: number } {
  const n = sorted.length;
  let m = n * (1 - alpha);
  // 100 × (1 − 0.95) is 5.000000000000004 in doubles: snap to the integer it means.
  const nearest = Math.round(m);
  if (Math.abs(m - nearest) < 1e-9 * Math.max(1, m)) m = nearest;
  const whole = Math.floor(m);
  let s = 0;
  for (let i = 0; i < whole; i++) s += sorted[i];
  const frac = m - whole;
  if (whole < n && frac > 0) s += frac * sorted[whole];
  const k = Math.min(n, Math.max(1, Math.ceil(m)));
  // m < 1: the whole weight sits on the worst path.
  const cvar = m < 1 ? -sorted[0] : -s / m;
  return { cvar, threshold: sorted[k - 1] };
}

/**
 * Influence values of CVaR_α (Manistre & Hancock 2005): (L_i − v)⁺/(1 − α) with L = −pnl and
 * v = −threshold; their sample variance / n is the asymptotic variance of the estimator.
 */
function cvarInfluence(pnl: Float64Array, threshold: number, alpha: number): Float64Array {
  const n = pnl.length;
  const psi = new Float64Array(n);
  const scale = 1 / (1 - alpha);
  for (let i = 0; i < n; i++) {
    const excess = threshold - pnl[i];
    psi[i] = excess > 0 ? excess * scale : 0;
  }
  return psi;
}

/** SE of the sample sd by the delta method: ψ_i = ((x_i − x̄)² − s²)/(2s). */
function stdevStdErr(a: Float64Array, mean: number, sd: number): number | null {
  const psi = new Float64Array(a.length);
  const s2 = sd * sd;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - mean;
    psi[i] = (d * d - s2) / (2 * sd);
  }
  return influenceStdErr(psi);
}

/**
 * Pooled OLS slope of y on x over all path-days and its per-path influence values. With per-path
 * means u = (Σx, Σy, Σx², Σxy)/days and their path averages ū: β = (ū₄ − ū₁ū₂)/(ū₃ − ū₁²), and
 * ψ_i = [(u₄ − ū₄) − ū₁(u₂ − ū₂) − ū₂(u₁ − ū₁) − β((u₃ − ū₃) − 2ū₁(u₁ − ū₁))] / (ū₃ − ū₁²),
 * the gradient of β times the path's deviation (delta method). Null if x has no spread.
 */
function betaInfluence(
  book: BookOutcomes,
  spxSum: Float64Array,
  spxSumSq: Float64Array,
  days: number,
): { beta: number; psi: Float64Array } | null {
  const n = book.pnl.length;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let a4 = 0;
  for (let i = 0; i < n; i++) {
    a1 += spxSum[i];
    a2 += book.dailySum[i];
    a3 += spxSumSq[i];
    a4 += book.dailyCrossSpx[i];
  }
  const scale = 1 / (n * days);
  a1 *= scale;
  a2 *= scale;
  a3 *= scale;
  a4 *= scale;
  const den = a3 - a1 * a1;
  // Relative guard: a variance this small next to the mean square is rounding, not spread.
  if (!(den > 1e-12 * a3) || !(den > 0)) return null;
  const beta = (a4 - a1 * a2) / den;
  const psi = new Float64Array(n);
  const inv = 1 / days;
  for (let i = 0; i < n; i++) {
    const d1 = spxSum[i] * inv - a1;
    const d2 = book.dailySum[i] * inv - a2;
    const d3 = spxSumSq[i] * inv - a3;
    const d4 = book.dailyCrossSpx[i] * inv - a4;
    psi[i] = (d4 - a1 * d2 - a2 * d1 - beta * (d3 - 2 * a1 * d1)) / den;
  }
  return { beta, psi };
}

/**
 * Annualised Sharpe (mean/sd of r = pnl/capital) and Sortino (mean/√mean(min(r,0)²)) with
 * delta-method SEs. Sharpe: ψ_i = (r_i − r̄)/s − S((r_i − r̄)² − s²)/(2s²). Sortino with q the
 * mean squared shortfall: ψ_i = (r_i − r̄)/√q − S·(min(r_i,0)² − q)/(2q).
 */
function ratioStats(
  pnl: Float64Array,
  capital: number,
  horizonDays: number,
): {
  sharpe: number | null;
  sharpeStdErr: number | null;
  sortino: number | null;
  sortinoStdErr: number | null;
} {
  const n = pnl.length;
  const annual = Math.sqrt(TRADING_DAYS_PER_YEAR / horizonDays);
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) r[i] = pnl[i] / capital;
  const m = meanOf(r);
  const s = sampleSd(r, m);
  let sharpe: number | null = null;
  let sharpeStdErr: number | null = null;
  if (s !== null && s > 0) {
    const sr = m / s;
    const psi = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const d = r[i] - m;
      psi[i] = d / s - (sr * (d * d - s * s)) / (2 * s * s);
    }
    sharpe = finiteOrNull(sr * annual);
    const se = influenceStdErr(psi);
    sharpeStdErr = se === null ? null : finiteOrNull(se * annual);
  }
  let q = 0;
  for (let i = 0; i < n; i++) if (r[i] < 0) q += r[i] * r[i];
  q /= n;
  let sortino: number | null = null;
  let sortinoStdErr: number | null = null;
  if (q > 0) {
    const dd = Math.sqrt(q);
    const so = m / dd;
    const psi = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const down = r[i] < 0 ? r[i] * r[i] : 0;
      psi[i] = (r[i] - m) / dd - (so * (down - q)) / (2 * q);
    }
    sortino = finiteOrNull(so * annual);
    const se = influenceStdErr(psi);
    sortinoStdErr = se === null ? null : finiteOrNull(se * annual);
  }
  return { sharpe, sharpeStdErr, sortino, sortinoStdErr };
}

/** The smallest of 1, 2, 2.5, 5 × 10^k that is ≥ raw (raw > 0). */
function niceStep(raw: number): number {
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const f of [1, 2, 2.5, 5]) if (f * mag >= raw * (1 - 1e-12)) return f * mag;
  return 10 * mag;
}

/** Path indices in ascending order of value (stable: ties keep path order). */
/** Values sorted ascending, and order[k] = the path whose value is sorted[k]. */
interface SortedSeries {
  sorted: Float64Array;
  order: Uint32Array;
}

/**
 * Sorts a series and finds the path order without a comparator sort (3× faster at 100,000): the
 * native numeric sort, then each path's first position among equal values by binary search, tied
 * paths taking the following positions in path order (a stable argsort).
 */
function sortSeries(values: Float64Array): SortedSeries {
  const n = values.length;
  const sorted = sortedCopy(values);
  const order = new Uint32Array(n);
  const taken = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const x = values[i];
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    order[lo + taken[lo]++] = i;
  }
  return { sorted, order };
}

/**
 * Type-7 p-quantile of the resample in which path i appears w[i] times (Σw = n): the order
 * statistics of ranks ⌊h⌋ and ⌊h⌋ + 1 are found by accumulating multiplicities in sorted order,
 * from whichever end is nearer, so a tail quantile touches only the tail.
 */
function resampleQuantile(s: SortedSeries, w: Uint16Array, n: number, p: number): number {
  const { sorted, order } = s;
  const h = (n - 1) * p;
  const r = Math.floor(h);
  const g = h - r;
  const r2 = Math.min(r + 1, n - 1);
  // Loops with one predictable branch (no test on zero multiplicities): the gathers w[order[k]]
  // then overlap, which makes a median walk ~3× faster than a loop that skips absent paths.
  let a: number;
  let b: number;
  let cum = 0;
  let k = 0;
  if (p <= 0.5) {
    // Sorted position k − 1 holds ranks cum − w … cum − 1 of the resample.
    while (cum <= r) cum += w[order[k++]];
    a = sorted[k - 1];
    while (cum <= r2) cum += w[order[k++]];
    b = sorted[k - 1];
  } else {
    // From the top: the rank n − 1 − j from the bottom is rank j from the top; r2 comes first.
    const t2 = n - 1 - r2;
    const t1 = n - 1 - r;
    k = n;
    while (cum <= t2) cum += w[order[--k]];
    b = sorted[k];
    while (cum <= t1) cum += w[order[--k]];
    a = sorted[k];
  }
  return g === 0 ? a : a + g * (b - a);
}

/** Seeded paired bootstrap of the quantile differences hedged − condorOnly. */
function bootstrapQuantileDifferences(
  series: { cP: SortedSeries; hP: SortedSeries; cD: SortedSeries; hD: SortedSeries },
  n: number,
  resamples: number,
  seed: number,
): {
  median: Estimate;
  var95: Estimate;
  var99: Estimate;
  maxDrawdownMedian: Estimate;
  maxDrawdownP95: Estimate;
} {
  const { cP, hP, cD, hD } = series;
  // [series of the condor, series of the hedged book, probability, sign (VaR = −quantile)]
  const specs: [SortedSeries, SortedSeries, number, number][] = [
    [cP, hP, 0.5, 1],
    [cP, hP, 0.05, -1],
    [cP, hP, 0.01, -1],
    [cD, hD, 0.5, 1],
    [cD, hD, 0.95, 1],
  ];
  const point = specs.map(
    ([sc, sh, p, sign]) => sign * (quantileSorted(sh.sorted, p) - quantileSorted(sc.sorted, p)),
  );
  const est = (j: number, se: number | null): Estimate => ({
    estimate: point[j],
    stdErr: se === null ? null : finiteOrNull(se),
  });
  if (n < 2)
    return {
      median: est(0, null),
      var95: est(1, null),
      var99: est(2, null),
      maxDrawdownMedian: est(3, null),
      maxDrawdownP95: est(4, null),
    };

  const draws = specs.map(() => new Float64Array(resamples));
  const w = new Uint16Array(n);
  const rng = createRng(seed, 0);
  for (let b = 0; b < resamples; b++) {
    w.fill(0);
    // ⌊u·n/2^32⌋ for a 32-bit u: uniform on 0 … n − 1 up to a bias of n/2^32 (< 3e-5 at 100,000).
    for (let i = 0; i < n; i++) w[Math.floor(rng.nextU32() * n * TWO_POW_MINUS_32)]++;
    for (let j = 0; j < specs.length; j++) {
      const [sc, sh, p, sign] = specs[j];
      draws[j][b] = sign * (resampleQuantile(sh, w, n, p) - resampleQuantile(sc, w, n, p));
    }
  }
  const se = draws.map((d) => sampleSd(d, meanOf(d)));
  return {
    median: est(0, se[0]),
    var95: est(1, se[1]),
    var99: est(2, se[2]),
    maxDrawdownMedian: est(3, se[3]),
    maxDrawdownP95: est(4, se[4]),
  };
}
