import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/engine/rng.ts';
import {
  claimsCheck,
  formatMoney,
  formatNumber,
  formatPercent,
  type Claim,
  type ClaimId,
} from '../../../../src/engine/stats/claims.ts';
import {
  pairedDifference,
  summarizeBook,
  type BookSummary,
  type Estimate,
  type PairedDifference,
} from '../../../../src/engine/stats/outcomes.ts';
import {
  createPathOutcomes,
  type PathOutcomes,
} from '../../../../src/engine/stats/path-outcomes.ts';

/** A book summary with round numbers; tests override the fields a claim reads. */
function book(overrides: Partial<BookSummary> = {}): BookSummary {
  return {
    paths: 10_000,
    mean: 5000,
    meanStdErr: 100,
    median: 6000,
    medianStdErr: 80,
    stdev: 10_000,
    stdevStdErr: 70,
    probProfit: 0.8,
    probProfitStdErr: 0.004,
    var95: 9000,
    var95StdErr: 200,
    cvar95: 12_300,
    cvar95StdErr: 300,
    var99: 15_000,
    var99StdErr: 400,
    cvar99: 18_000,
    cvar99StdErr: 500,
    maxDrawdownMedian: 4000,
    maxDrawdownMedianStdErr: 50,
    maxDrawdownP95: 11_000,
    maxDrawdownP95StdErr: 150,
    beta: 0.25,
    betaStdErr: 0.01,
    sharpe: 0.5,
    sharpeStdErr: 0.01,
    sortino: 0.6,
    sortinoStdErr: 0.02,
    returnOnCapitalAtRisk: 0.1,
    returnOnCapitalAtRiskStdErr: 0.002,
    ...overrides,
  };
}

const NONE: Estimate = { estimate: null, stdErr: null };

function difference(overrides: Partial<PairedDifference> = {}): PairedDifference {
  return {
    paths: 10_000,
    resamples: 200,
    seed: 1,
    mean: { estimate: -1200, stdErr: 150 },
    median: NONE,
    probProfit: NONE,
    var95: NONE,
    cvar95: { estimate: -4200, stdErr: 600 },
    var99: NONE,
    cvar99: NONE,
    maxDrawdownMedian: { estimate: -500, stdErr: 40 },
    maxDrawdownP95: NONE,
    beta: { estimate: -0.13, stdErr: 0.01 },
    absBeta: { estimate: -0.13, stdErr: 0.01 },
    ...overrides,
  };
}

/**
 * Outcomes of n paths with one layer whose hedged P&L differs from the condor's on every path;
 * `breached` marks paths 0 … breached − 1, of which the first `hedgedPositive` end positive
 * hedged and the first `condorPositive` end positive for the condor alone.
 */
function outcomes(options: {
  n: number;
  breached: number;
  hedgedPositive: number;
  condorPositive: number;
  layers?: string[];
}): PathOutcomes {
  const { n, breached, hedgedPositive, condorPositive, layers = ['vix calls'] } = options;
  const o = createPathOutcomes({ firstPath: 0, pathCount: n, days: 252, layerNames: layers });
  for (let i = 0; i < n; i++) {
    o.breached[i] = i < breached ? 1 : 0;
    o.condorOnly.pnl[i] = i < breached ? (i < condorPositive ? 100 : -5000) : 1000;
    o.hedged.pnl[i] = i < breached ? (i < hedgedPositive ? 50 : -3000) : 900;
  }
  return o;
}

const SOME_BREACHES = outcomes({
  n: 1000,
  breached: 400,
  hedgedPositive: 300,
  condorPositive: 100,
});

function check(options: {
  c?: BookSummary;
  h?: BookSummary;
  d?: PairedDifference;
  o?: PathOutcomes;
  capital?: number;
}): Record<ClaimId, Claim> {
  const claims = claimsCheck({
    condorOnly: options.c ?? book(),
    hedged: options.h ?? book({ cvar95: 8100, maxDrawdownMedian: 3500, beta: 0.12, mean: 3800 }),
    difference: options.d ?? difference(),
    outcomes: options.o ?? SOME_BREACHES,
    capital: options.capital,
  });
  return Object.fromEntries(claims.map((c) => [c.id, c])) as Record<ClaimId, Claim>;
}

describe('formatters', () => {
  it.each([
    [12_300, '$12,300'],
    [-4200.4, '−$4,200'],
    [1_234_567.89, '$1,234,568'],
    [999.5, '$1,000'],
    [12.5, '$12.50'],
    [-0.001, '$0.00'],
    [0, '$0.00'],
  ])('formatMoney(%s) = %s', (x, text) => {
    expect(formatMoney(x)).toBe(text);
  });

  it('formatMoney keeps the precision it is given, for an SE next to its estimate', () => {
    expect(formatMoney(6.04, 0)).toBe('$6');
    expect(formatMoney(1234.5, 2)).toBe('$1,234.50');
  });

  it.each([
    [0.123, '12.3 %'],
    [-0.05, '−5.0 %'],
    [1, '100.0 %'],
    [-0.00001, '0.0 %'],
  ])('formatPercent(%s) = %s', (x, text) => {
    expect(formatPercent(x)).toBe(text);
  });

  it.each([
    [0.25, 2, '0.25'],
    [-0.125, 3, '−0.125'],
    [12345.678, 1, '12,345.7'],
  ])('formatNumber(%s, %s) = %s', (x, d, text) => {
    expect(formatNumber(x, d)).toBe(text);
  });
});

describe('claimsCheck', () => {
  it('returns the five claims in order, as plain JSON data', () => {
    const claims = claimsCheck({
      condorOnly: book(),
      hedged: book(),
      difference: difference(),
      outcomes: SOME_BREACHES,
    });
    expect(claims.map((c) => c.id)).toEqual([
      'cuts-cvar95',
      'cuts-max-drawdown',
      'breached-ends-positive',
      'flatter-beta',
      'cost-in-mean',
    ]);
    expect(JSON.parse(JSON.stringify(claims))).toEqual(claims);
  });

  it('states the CVaR95 cut in words with its numbers and one standard error', () => {
    expect(check({})['cuts-cvar95']).toMatchObject({
      verdict: 'supported',
      estimate: -4200,
      stdErr: 600,
      unit: 'dollars',
      sentence:
        'The hedge cut the average loss in the worst 5 % of paths (CVaR95) from $12,300 to ' +
        '$8,100, a reduction of $4,200 ± $600 (one standard error).',
    });
  });

  // |estimate| > 2 SE decides by sign; |estimate| ≤ 2 SE (the boundary included) is unclear.
  it.each([
    [-4200, 600, 'supported'],
    [4200, 600, 'not supported'],
    [-1000, 600, 'unclear'],
    [-1200, 600, 'unclear'],
    [-1201, 600, 'supported'],
    [-4200, null, 'unclear'],
  ] as const)('judges a CVaR95 change of %s ± %s as %s', (estimate, stdErr, verdict) => {
    const claim = check({ d: difference({ cvar95: { estimate, stdErr } }) })['cuts-cvar95'];
    expect(claim.verdict).toBe(verdict);
  });

  it('says when a change is too small to tell', () => {
    const claim = check({
      h: book({ maxDrawdownMedian: 3990 }),
      d: difference({ maxDrawdownMedian: { estimate: -10, stdErr: 40 } }),
    })['cuts-max-drawdown'];
    expect(claim.verdict).toBe('unclear');
    expect(claim.sentence).toContain('from $4,000 to $3,990');
    expect(claim.sentence).toContain('−$10.00 ± $40.00 (one standard error)');
    expect(claim.sentence).toContain('within two standard errors of zero');
  });

  it('compares how often breached paths end positive, with the count and paired SE', () => {
    // 400 breached paths: hedged positive on 300, condor on 100; the per-path difference
    // 1[h > 0] − 1[c > 0] is 1 on 200 paths and 0 on 200: mean 0.5, SE √(0.25·400/399/400).
    const claim = check({})['breached-ends-positive'];
    const se = Math.sqrt((0.25 * 400) / 399 / 400);
    expect(claim.verdict).toBe('supported');
    expect(claim.estimate).toBeCloseTo(0.5, 12);
    expect(claim.stdErr).toBeCloseTo(se, 12);
    expect(claim.unit).toBe('fraction');
    expect(claim.details).toMatchObject({
      breachedPaths: 400,
      hedgedPositiveShare: 0.75,
      condorOnlyPositiveShare: 0.25,
    });
    expect(claim.details.hedgedPositiveShareStdErr).toBeCloseTo(Math.sqrt((0.75 * 0.25) / 400), 12);
    expect(claim.sentence).toBe(
      "Of the 400 paths (40.0 % of all) where the SPX closed beyond one of the condor's short " +
        'strikes, the hedged book ended positive in 75.0 % ± 2.2 % and the condor alone in ' +
        '25.0 % ± 2.2 %: the hedge rescued more of them, by 50.0 ± 2.5 percentage points ' +
        '(one standard error).',
    );
  });

  it('calls a breached-path difference within two SEs unclear (4 breached paths)', () => {
    // d = [1, 1, 0, 0]: mean 0.5, sample variance 1/3, SE √(1/12) = 0.289; 0.5 ≤ 2·0.289.
    const o = outcomes({ n: 10, breached: 4, hedgedPositive: 3, condorPositive: 1 });
    const claim = check({ o })['breached-ends-positive'];
    expect(claim.stdErr).toBeCloseTo(Math.sqrt(1 / 12), 12);
    expect(claim.verdict).toBe('unclear');
  });

  it('says so when no path breached the condor', () => {
    const o = outcomes({ n: 50, breached: 0, hedgedPositive: 0, condorPositive: 0 });
    const claim = check({ o })['breached-ends-positive'];
    expect(claim).toMatchObject({ verdict: 'unclear', estimate: null, stdErr: null });
    expect(claim.sentence).toBe(
      "No path breached the condor's short strikes in this run (0 of 50 paths), so this claim " +
        'cannot be tested.',
    );
  });

  it('compares the sizes of the betas and explains what a beta means', () => {
    const claim = check({})['flatter-beta'];
    expect(claim).toMatchObject({ verdict: 'supported', estimate: -0.13, unit: 'beta' });
    expect(claim.sentence).toBe(
      "The hedged book's beta to the SPX is 0.12 ± 0.01 against 0.25 ± 0.01 for the condor " +
        'alone (a beta of 0.25 means the book gains or loses about 0.25 % of its capital when ' +
        'the SPX moves 1 %): closer to zero by 0.13 ± 0.01 (one standard error).',
    );
  });

  it('reports a beta that is further from zero as not supported', () => {
    const claim = check({ d: difference({ absBeta: { estimate: 0.05, stdErr: 0.01 } }) })[
      'flatter-beta'
    ];
    expect(claim.verdict).toBe('not supported');
  });

  it('states the cost in mean P&L, also as a share of capital when given', () => {
    const claim = check({ capital: 100_000 })['cost-in-mean'];
    expect(claim).toMatchObject({ verdict: 'supported', estimate: -1200, stdErr: 150 });
    expect(claim.details.costShareOfCapital).toBeCloseTo(0.012, 12);
    expect(claim.sentence).toBe(
      'The hedge cost $1,200 ± $150 (one standard error) in mean P&L over the 252-day horizon ' +
        '(1.2 % of capital): the mean fell from $5,000 for the condor alone to $3,800 with the hedge.',
    );
  });

  it('reports a hedge that raised the mean as costing nothing (not supported)', () => {
    const claim = check({ d: difference({ mean: { estimate: 400, stdErr: 100 } }) })[
      'cost-in-mean'
    ];
    expect(claim.verdict).toBe('not supported');
    expect(claim.sentence).toContain('cost nothing');
  });

  it.each([
    [
      'no layers',
      outcomes({ n: 20, breached: 5, hedgedPositive: 2, condorPositive: 2, layers: [] }),
    ],
    [
      'layers that never changed a path',
      (() => {
        const o = outcomes({ n: 20, breached: 5, hedgedPositive: 2, condorPositive: 2 });
        o.hedged.pnl.set(o.condorOnly.pnl);
        return o;
      })(),
    ],
  ])('says there is no hedge to test with %s', (_, o) => {
    const claims = claimsCheck({
      condorOnly: book(),
      hedged: book(),
      difference: difference(),
      outcomes: o,
    });
    expect(claims).toHaveLength(5);
    for (const c of claims) {
      expect(c).toMatchObject({ verdict: 'unclear', estimate: null, stdErr: null });
      expect(c.sentence).toMatch(/^There is no hedge to test/);
    }
  });

  it('reads the claims off a seeded run where the hedge trims the loss tail at a cost', () => {
    // Condor: P&L 3000 − 2000·e^{0.6z}; hedge: pays 0.5·(loss beyond 2,000) and costs 300 a path.
    const n = 4000;
    const rng = createRng(41, 0);
    const o = createPathOutcomes({ firstPath: 0, pathCount: n, days: 5, layerNames: ['calls'] });
    for (let i = 0; i < n; i++) {
      const c = 3000 - 2000 * Math.exp(0.6 * rng.normal());
      o.condorOnly.pnl[i] = c;
      o.hedged.pnl[i] = c - 300 + 0.5 * Math.max(0, -2000 - c);
      o.condorOnly.maxDrawdown[i] = Math.max(0, -c) + 500;
      o.hedged.maxDrawdown[i] = Math.max(0, -o.hedged.pnl[i]) + 400;
      o.breached[i] = c < -2000 ? 1 : 0;
      for (let d = 0; d < 5; d++) {
        const x = 0.01 * rng.normal();
        const y = 0.3 * x + 0.001 * rng.normal();
        o.spxDailySum[i] += x;
        o.spxDailySumSq[i] += x * x;
        o.condorOnly.dailySum[i] += y;
        o.condorOnly.dailyCrossSpx[i] += x * y;
        o.hedged.dailySum[i] += 0.8 * y;
        o.hedged.dailyCrossSpx[i] += 0.8 * x * y;
      }
    }
    const common = {
      spxDailySum: o.spxDailySum,
      spxDailySumSq: o.spxDailySumSq,
      days: 5,
      capital: 100_000,
      capitalAtRisk: 10_000,
      horizonDays: 21,
    };
    const c = summarizeBook({ book: o.condorOnly, ...common });
    const h = summarizeBook({ book: o.hedged, ...common });
    const d = pairedDifference({ outcomes: o, resamples: 100 });
    const claims = claimsCheck({ condorOnly: c, hedged: h, difference: d, outcomes: o });
    const byId = Object.fromEntries(claims.map((x) => [x.id, x]));
    expect(byId['cuts-cvar95']).toMatchObject({
      verdict: 'supported',
      estimate: d.cvar95.estimate,
    });
    expect(byId['cuts-max-drawdown']).toMatchObject({
      verdict: 'supported',
      estimate: d.maxDrawdownMedian.estimate,
    });
    // Breached paths lose more than 2,000 either way: neither book ends positive on them.
    expect(byId['breached-ends-positive']).toMatchObject({ verdict: 'unclear', estimate: 0 });
    expect(byId['flatter-beta']).toMatchObject({
      verdict: 'supported',
      estimate: d.absBeta.estimate,
    });
    expect(byId['cost-in-mean'].verdict).toBe('supported');
    expect(byId['cost-in-mean'].estimate).toBe(d.mean.estimate);
  });
});
