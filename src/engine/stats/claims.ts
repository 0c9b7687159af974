/**
 * Claims check (DESIGN §4): the methodology's claims about the hedge layers, tested on the run's
 * own paths, each with its number, its Monte Carlo standard error and a sentence a learner can
 * read. The claims are data (the summary's `claims`); the app only displays them.
 *
 * Claims: (a) the hedge cuts CVaR95; (b) it cuts the median max drawdown; (c) of the paths where
 * the condor was breached, the hedged book ends positive more often than the condor alone; (d)
 * the hedged book's beta to the SPX is flatter; (e) what the hedge costs in mean P&L.
 *
 * Verdict rule: an estimate within two standard errors of zero (|estimate| ≤ 2·SE, ~95 %
 * two-sided) is 'unclear'; otherwise 'supported' or 'not supported' by its sign. For (e),
 * 'supported' means the hedge has a cost (the mean falls), which the methodology accepts as the
 * price of protection; 'not supported' means the hedged mean was higher. All differences are
 * hedged − condorOnly over the same paths, with the paired SEs of stats/outcomes.ts.
 *
 * Numbers are formatted here, without the platform's locale, so the sentences are the same on
 * every machine: money as $12,300 (whole dollars from $100 up, cents below), shares as 12.3 %.
 */
import type { BookSummary, Estimate, PairedDifference } from './outcomes.ts';
import type { PathOutcomes } from './path-outcomes.ts';

/** Estimates within this many standard errors of zero are 'unclear'. */
export const CLAIM_SIGNIFICANCE_SE = 2;

/** Identifiers of the claims, in the order {@link claimsCheck} returns them. */
export type ClaimId =
  'cuts-cvar95' | 'cuts-max-drawdown' | 'breached-ends-positive' | 'flatter-beta' | 'cost-in-mean';

/** Outcome of testing one claim on the run. */
export type ClaimVerdict = 'supported' | 'not supported' | 'unclear';

/** Unit of a claim's estimate: dollars, a fraction (0.12 = 12 percentage points), or a beta. */
export type ClaimUnit = 'dollars' | 'fraction' | 'beta';

/** One tested claim (plain JSON data; numbers finite or null). */
export interface Claim {
  id: ClaimId;
  /** The claim as a question, in plain words. */
  question: string;
  verdict: ClaimVerdict;
  /** The tested difference (hedged − condorOnly, see each claim); null if it cannot be tested. */
  estimate: number | null;
  /** One Monte Carlo standard error of the estimate. */
  stdErr: number | null;
  unit: ClaimUnit;
  /** The answer in words, with the numbers and their uncertainty. */
  sentence: string;
  /** The figures behind the sentence (e.g. the two books' values), for tables and tooltips. */
  details: Record<string, number | null>;
}

/** Inputs of {@link claimsCheck}. */
export interface ClaimsCheckOptions {
  condorOnly: BookSummary;
  hedged: BookSummary;
  /** pairedDifference({ outcomes }) of the same run. */
  difference: PairedDifference;
  outcomes: PathOutcomes;
  /** Starting capital, dollars: if given, the mean cost is also stated as a share of it. */
  capital?: number;
}

/**
 * Tests the five claims on a run. With no hedge to test — no layers, or hedged and condor-alone
 * outcomes identical on every path — every claim is 'unclear' with a sentence that says so. A
 * claim whose estimate or SE is missing (e.g. beta with an SPX that never moved, one path) is
 * 'unclear' too. Tested with hand-built outcomes for each verdict, the no-hedge case, the
 * no-breach case, and the exact sentences of a worked example (tests/unit/engine/stats).
 */
export function claimsCheck(options: ClaimsCheckOptions): Claim[] {
  const { condorOnly: c, hedged: h, difference: d, outcomes, capital } = options;
  const noHedge = noHedgeReason(outcomes);
  const claims: Claim[] = [
    cvarClaim(c, h, d.cvar95),
    drawdownClaim(c, h, d.maxDrawdownMedian),
    breachedClaim(outcomes),
    betaClaim(c, h, d.absBeta),
    costClaim(c, h, d.mean, outcomes.days, capital),
  ];
  if (noHedge === null) return claims;
  return claims.map((claim) => ({
    ...claim,
    verdict: 'unclear',
    estimate: null,
    stdErr: null,
    sentence: noHedge,
    details: {},
  }));
}

/**
 * Formats dollars without locale: −$12,300. `decimals` defaults to 0 from $100 up and 2 below
 * ($12.35); pass the decimals of the figure an uncertainty belongs to, so "$4,200 ± $6" does not
 * become "$4,200 ± $6.04".
 */
export function formatMoney(x: number, decimals?: 0 | 2): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  const d = decimals ?? moneyDecimals(x);
  const text = groupThousands(d === 0 ? Math.round(abs).toString() : abs.toFixed(2));
  // −0 and values that round to zero carry no sign.
  const zero = Number(text.replace(/,/g, '')) === 0;
  return `${x < 0 && !zero ? '−' : ''}$${text}`;
}

/** Formats a fraction as a percentage with one decimal: 0.123 → "12.3 %". */
export function formatPercent(fraction: number, decimals = 1): string {
  if (!Number.isFinite(fraction)) return String(fraction);
  const text = Math.abs(fraction * 100).toFixed(decimals);
  const zero = Number(text) === 0;
  return `${fraction < 0 && !zero ? '−' : ''}${text} %`;
}

/** Formats a plain number with fixed decimals and a real minus sign: −0.25. */
export function formatNumber(x: number, decimals = 2): string {
  if (!Number.isFinite(x)) return String(x);
  const text = Math.abs(x).toFixed(decimals);
  const zero = Number(text) === 0;
  return `${x < 0 && !zero ? '−' : ''}${groupThousands(text)}`;
}

// ---------------------------------------------------------------------------------------------
// Internals

/** Whole dollars from $100 up, cents below. */
function moneyDecimals(x: number): 0 | 2 {
  return Math.abs(x) >= 100 ? 0 : 2;
}

/** Money ± its SE at the estimate's precision, with "(one standard error)". */
function moneyPm(x: number, se: number): string {
  const d = moneyDecimals(x);
  return `${formatMoney(x, d)} ± ${formatMoney(se, d)} ${ONE_SE}`;
}

function groupThousands(text: string): string {
  const [whole, frac] = text.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** 'unclear' when the estimate is within two SEs of zero (or missing), else by its sign. */
function verdictOf(e: Estimate, goodSign: -1 | 1): ClaimVerdict {
  if (e.estimate === null || e.stdErr === null) return 'unclear';
  if (Math.abs(e.estimate) <= CLAIM_SIGNIFICANCE_SE * e.stdErr) return 'unclear';
  return Math.sign(e.estimate) === goodSign ? 'supported' : 'not supported';
}

const ONE_SE = '(one standard error)';
const CANNOT_TELL = 'within two standard errors of zero, so this run cannot tell';

/** Why there is nothing to test, or null if the hedge changed the book on some path. */
function noHedgeReason(outcomes: PathOutcomes): string | null {
  if (outcomes.layers.length === 0)
    return 'There is no hedge to test: the run has no hedge layers, so the hedged book is the condor alone.';
  const c = outcomes.condorOnly;
  const h = outcomes.hedged;
  for (let i = 0; i < c.pnl.length; i++) {
    if (c.pnl[i] !== h.pnl[i] || c.maxDrawdown[i] !== h.maxDrawdown[i]) return null;
  }
  return (
    'There is no hedge to test: the hedge layers never changed the outcome of any path ' +
    '(the hedged book ended exactly like the condor alone everywhere).'
  );
}

function missingClaim(
  base: Pick<Claim, 'id' | 'question' | 'unit'>,
  sentence: string,
  details: Record<string, number | null> = {},
): Claim {
  return { ...base, verdict: 'unclear', estimate: null, stdErr: null, sentence, details };
}

function cvarClaim(c: BookSummary, h: BookSummary, e: Estimate): Claim {
  const base = {
    id: 'cuts-cvar95',
    question: 'Does the hedge cut the average loss in the worst 5 % of paths (CVaR95)?',
    unit: 'dollars',
  } as const;
  const details = {
    condorOnly: c.cvar95,
    condorOnlyStdErr: c.cvar95StdErr,
    hedged: h.cvar95,
    hedgedStdErr: h.cvar95StdErr,
  };
  if (e.estimate === null || e.stdErr === null)
    return missingClaim(base, 'The change in CVaR95 could not be estimated.', details);
  const what = 'the average loss in the worst 5 % of paths (CVaR95)';
  const from = `from ${formatMoney(c.cvar95)} to ${formatMoney(h.cvar95)}`;
  const by = moneyPm(Math.abs(e.estimate), e.stdErr);
  const verdict = verdictOf(e, -1);
  const sentence =
    verdict === 'supported'
      ? `The hedge cut ${what} ${from}, a reduction of ${by}.`
      : verdict === 'not supported'
        ? `The hedge did not cut ${what}: it rose ${from}, an increase of ${by}.`
        : `With the hedge, ${what} went ${from}, a change of ${signedMoney(e.estimate)} ± ` +
          `${formatMoney(e.stdErr, moneyDecimals(e.estimate))} ${ONE_SE}: ${CANNOT_TELL} ` +
          'whether the hedge cuts it.';
  return { ...base, verdict, estimate: e.estimate, stdErr: e.stdErr, sentence, details };
}

function drawdownClaim(c: BookSummary, h: BookSummary, e: Estimate): Claim {
  const base = {
    id: 'cuts-max-drawdown',
    question: 'Does the hedge cut the typical (median) maximum drawdown?',
    unit: 'dollars',
  } as const;
  const details = {
    condorOnly: c.maxDrawdownMedian,
    condorOnlyStdErr: c.maxDrawdownMedianStdErr,
    hedged: h.maxDrawdownMedian,
    hedgedStdErr: h.maxDrawdownMedianStdErr,
  };
  if (e.estimate === null || e.stdErr === null)
    return missingClaim(base, 'The change in the median drawdown could not be estimated.', details);
  const what =
    "the median maximum drawdown (a path's largest fall of account value from a previous high)";
  const from = `from ${formatMoney(c.maxDrawdownMedian)} to ${formatMoney(h.maxDrawdownMedian)}`;
  const by = moneyPm(Math.abs(e.estimate), e.stdErr);
  const verdict = verdictOf(e, -1);
  const sentence =
    verdict === 'supported'
      ? `The hedge cut ${what} ${from}, a reduction of ${by}.`
      : verdict === 'not supported'
        ? `The hedge did not cut ${what}: it rose ${from}, an increase of ${by}.`
        : `With the hedge, ${what} went ${from}, a change of ${signedMoney(e.estimate)} ± ` +
          `${formatMoney(e.stdErr, moneyDecimals(e.estimate))} ${ONE_SE}: ${CANNOT_TELL} ` +
          'whether the hedge cuts it.';
  return { ...base, verdict, estimate: e.estimate, stdErr: e.stdErr, sentence, details };
}

/**
 * Claim (c): among breached paths, shares ending positive. The SE of each share is binomial,
 * √(p(1 − p)/n_b); the SE of their difference is that of the mean of the per-path differences
 * 1[hedged > 0] − 1[condor > 0] (paired).
 */
function breachedClaim(outcomes: PathOutcomes): Claim {
  const base = {
    id: 'breached-ends-positive',
    question:
      "When the SPX closed beyond one of the condor's short strikes, how often did the hedged " +
      'book still end positive, compared with the condor alone?',
    unit: 'fraction',
  } as const;
  const n = outcomes.breached.length;
  let nb = 0;
  let hPos = 0;
  let cPos = 0;
  let sumD2 = 0;
  for (let i = 0; i < n; i++) {
    if (outcomes.breached[i] === 0) continue;
    nb++;
    const hp = outcomes.hedged.pnl[i] > 0 ? 1 : 0;
    const cp = outcomes.condorOnly.pnl[i] > 0 ? 1 : 0;
    hPos += hp;
    cPos += cp;
    sumD2 += (hp - cp) * (hp - cp);
  }
  if (nb === 0)
    return missingClaim(
      base,
      `No path breached the condor's short strikes in this run (0 of ${groupThousands(String(n))} ` +
        'paths), so this claim cannot be tested.',
      { breachedPaths: 0 },
    );
  const pH = hPos / nb;
  const pC = cPos / nb;
  const diff = pH - pC;
  const seOf = (p: number) => (nb < 2 ? null : Math.sqrt((p * (1 - p)) / nb));
  // Sample variance of the paired differences, divisor n_b − 1.
  const seDiff = nb < 2 ? null : Math.sqrt(Math.max(0, (sumD2 - nb * diff * diff) / (nb - 1)) / nb);
  const details = {
    breachedPaths: nb,
    breachedShare: nb / n,
    hedgedPositiveShare: pH,
    hedgedPositiveShareStdErr: seOf(pH),
    condorOnlyPositiveShare: pC,
    condorOnlyPositiveShareStdErr: seOf(pC),
  };
  const e = { estimate: diff, stdErr: seDiff };
  const verdict = verdictOf(e, 1);
  const pathsText =
    `Of the ${groupThousands(String(nb))} paths (${formatPercent(nb / n)} of all) where the SPX ` +
    "closed beyond one of the condor's short strikes";
  const shares =
    `the hedged book ended positive in ${formatPercent(pH)}${pm(seOf(pH))} and the condor alone ` +
    `in ${formatPercent(pC)}${pm(seOf(pC))}`;
  const dText = seDiff === null ? '' : `${formatPoints(Math.abs(diff), seDiff)} ${ONE_SE}`;
  const sentence =
    seDiff === null
      ? `${pathsText}, ${shares}; one path is too few to judge the difference.`
      : verdict === 'supported'
        ? `${pathsText}, ${shares}: the hedge rescued more of them, by ${dText}.`
        : verdict === 'not supported'
          ? `${pathsText}, ${shares}: the hedged book ended positive less often, by ${dText}.`
          : `${pathsText}, ${shares}; the difference of ${formatPoints(diff, seDiff)} ` +
            `${ONE_SE} is ${CANNOT_TELL} whether the hedge helps here.`;
  return { ...base, verdict, estimate: diff, stdErr: seDiff, sentence, details };
}

function betaClaim(c: BookSummary, h: BookSummary, e: Estimate): Claim {
  const base = {
    id: 'flatter-beta',
    question: "Is the hedged book's beta to the SPX flatter (closer to zero) than the condor's?",
    unit: 'beta',
  } as const;
  const details = {
    condorOnly: c.beta,
    condorOnlyStdErr: c.betaStdErr,
    hedged: h.beta,
    hedgedStdErr: h.betaStdErr,
  };
  if (c.beta === null || h.beta === null || e.estimate === null || e.stdErr === null)
    return missingClaim(
      base,
      'The beta to the SPX could not be estimated (the SPX did not move, or too few paths).',
      details,
    );
  // Enough decimals to show the smallest SE to one significant digit (2 to 6).
  const ses = [e.stdErr, c.betaStdErr, h.betaStdErr].filter(
    (x): x is number => x !== null && x > 0,
  );
  const dec =
    ses.length === 0 ? 2 : Math.min(6, Math.max(2, -Math.floor(Math.log10(Math.min(...ses)))));
  const f = (x: number) => formatNumber(x, dec);
  const pmBeta = (se: number | null) => (se === null ? '' : ` ± ${f(se)}`);
  const values =
    `The hedged book's beta to the SPX is ${f(h.beta)}${pmBeta(h.betaStdErr)} ` +
    `against ${f(c.beta)}${pmBeta(c.betaStdErr)} for the condor alone`;
  const meaning =
    ` (a beta of ${formatNumber(c.beta)} means the book gains or loses about ` +
    `${formatNumber(Math.abs(c.beta))} % of its capital when the SPX moves 1 %)`;
  const by = `${f(Math.abs(e.estimate))} ± ${f(e.stdErr)} ${ONE_SE}`;
  const verdict = verdictOf(e, -1);
  const sentence =
    verdict === 'supported'
      ? `${values}${meaning}: closer to zero by ${by}.`
      : verdict === 'not supported'
        ? `${values}${meaning}: further from zero by ${by}, so the hedge did not flatten it.`
        : `${values}${meaning}; the difference in size, ${f(e.estimate)} ± ${f(e.stdErr)} ` +
          `${ONE_SE}, is ${CANNOT_TELL} whether the hedge flattens it.`;
  return { ...base, verdict, estimate: e.estimate, stdErr: e.stdErr, sentence, details };
}

function costClaim(
  c: BookSummary,
  h: BookSummary,
  e: Estimate,
  days: number,
  capital: number | undefined,
): Claim {
  const base = {
    id: 'cost-in-mean',
    question: 'What does the hedge cost in mean return?',
    unit: 'dollars',
  } as const;
  const details = {
    condorOnly: c.mean,
    condorOnlyStdErr: c.meanStdErr,
    hedged: h.mean,
    hedgedStdErr: h.meanStdErr,
    costShareOfCapital:
      capital !== undefined && capital > 0 && e.estimate !== null ? -e.estimate / capital : null,
  };
  if (e.estimate === null || e.stdErr === null)
    return missingClaim(base, 'The change in mean P&L could not be estimated.', details);
  const horizon = `over the ${groupThousands(String(days))}-day horizon`;
  const share =
    capital !== undefined && capital > 0
      ? ` (${formatPercent(Math.abs(e.estimate) / capital)} of capital)`
      : '';
  const by = moneyPm(Math.abs(e.estimate), e.stdErr);
  const from = `from ${formatMoney(c.mean)} for the condor alone to ${formatMoney(h.mean)} with the hedge`;
  const verdict = verdictOf(e, -1);
  const sentence =
    verdict === 'supported'
      ? `The hedge cost ${by} in mean P&L ${horizon}${share}: the mean fell ${from}.`
      : verdict === 'not supported'
        ? `The hedge cost nothing in mean P&L ${horizon}: the mean rose ${from}, by ${by}.`
        : `The hedge changed mean P&L ${horizon} by ${signedMoney(e.estimate)} ± ` +
          `${formatMoney(e.stdErr, moneyDecimals(e.estimate))} ${ONE_SE}, ${from}: ` +
          `${CANNOT_TELL} whether it costs anything on average.`;
  return { ...base, verdict, estimate: e.estimate, stdErr: e.stdErr, sentence, details };
}

/** Money with an explicit sign for changes: +$1,200 / −$1,200. */
function signedMoney(x: number): string {
  const text = formatMoney(x);
  return text.startsWith('−') || text === '$0.00' ? text : `+${text}`;
}

/** A difference of fractions and its SE in percentage points: "15.5 ± 0.9 percentage points". */
function formatPoints(x: number, se: number): string {
  return `${formatNumber(x * 100, 1)} ± ${formatNumber(se * 100, 1)} percentage points`;
}

function pm(se: number | null): string {
  return se === null ? '' : ` ± ${formatPercent(se)}`;
}
