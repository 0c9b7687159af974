/**
 * The session summary (src/lib/storage/summary.ts): the headline figures of a result with their
 * standard errors, nothing else, and never a NaN.
 */
import { describe, expect, it } from 'vitest';
import type { BookSummary, SimulationResult } from '../../../../src/engine/index.ts';
import {
  checkSummary,
  DIFFERENCE_FIGURES,
  HEADLINE_FIGURES,
  summarizeResult,
} from '../../../../src/lib/storage/summary.ts';
import { SUMMARY_V1 } from './fixtures.ts';

/** A book whose every figure is `base + i` and standard error `(base + i) / 100`. */
function book(base: number): BookSummary {
  const entries = HEADLINE_FIGURES.flatMap((key, i) => [
    [key, base + i],
    [`${key}StdErr`, (base + i) / 100],
  ]);
  return { paths: 500, ...Object.fromEntries(entries) } as BookSummary;
}

/** A result with the fields a summary reads, plus bulky ones it must leave out. */
function result(): SimulationResult {
  return {
    paths: 500,
    seed: 7,
    horizonDays: 63,
    capital: 100_000,
    condorOnly: book(100),
    hedged: book(200),
    difference: Object.fromEntries(
      DIFFERENCE_FIGURES.map((key, i) => [key, { estimate: -i, stdErr: i / 10 }]),
    ),
    claims: [
      {
        id: 'cuts-cvar95',
        question: 'Does the hedge cut CVaR?',
        verdict: 'supported',
        estimate: -1200,
        stdErr: 150,
        unit: 'dollars',
        sentence: 'Yes.',
        details: { a: 1 },
      },
    ],
    fanCharts: { spx: { days: new Float64Array(1000) } },
    sampledPaths: [{ spx: new Float64Array(1000) }],
    pnlHistogram: { counts: [new Float64Array(100)] },
  } as unknown as SimulationResult;
}

describe('summarizeResult', () => {
  it('keeps each headline figure with its standard error, for both books', () => {
    const summary = summarizeResult(result());
    expect(summary.condorOnly.mean).toEqual({ estimate: 100, stdErr: 1 });
    expect(summary.hedged.cvar95).toEqual({ estimate: 205, stdErr: 2.05 });
    expect(Object.keys(summary.hedged)).toEqual([...HEADLINE_FIGURES]);
  });

  it('keeps the paired differences and the claims without their sentences', () => {
    const summary = summarizeResult(result());
    expect(summary.difference.cvar95).toEqual({ estimate: -4, stdErr: 0.4 });
    expect(summary.claims).toEqual([
      { id: 'cuts-cvar95', verdict: 'supported', estimate: -1200, stdErr: 150 },
    ]);
  });

  it('leaves out paths, histograms and fan charts', () => {
    const summary = summarizeResult(result());
    expect(Object.keys(summary).sort()).toEqual([
      'capital',
      'claims',
      'condorOnly',
      'difference',
      'hedged',
      'horizonDays',
      'paths',
      'seed',
    ]);
    expect(JSON.stringify(summary).length).toBeLessThan(4000);
  });

  it('turns NaN and infinities into null, so they never reach storage', () => {
    const input = result();
    input.hedged.mean = Number.NaN;
    input.hedged.sharpeStdErr = Number.POSITIVE_INFINITY;
    input.difference.beta = { estimate: Number.NEGATIVE_INFINITY, stdErr: null };
    const summary = summarizeResult(input);
    expect(summary.hedged.mean.estimate).toBeNull();
    expect(summary.hedged.sharpe.stdErr).toBeNull();
    expect(summary.difference.beta).toEqual({ estimate: null, stdErr: null });
    expect(checkSummary(summary)).toEqual({ ok: true, summary });
  });

  it('passes its own validation', () => {
    const summary = summarizeResult(result());
    expect(checkSummary(summary)).toEqual({ ok: true, summary });
  });
});

describe('checkSummary', () => {
  it('accepts null and undefined as "never run"', () => {
    expect(checkSummary(null)).toEqual({ ok: true, summary: null });
    expect(checkSummary(undefined)).toEqual({ ok: true, summary: null });
  });

  it.each([
    ['a missing book', { ...SUMMARY_V1, hedged: undefined }, 'summary.hedged: is missing'],
    [
      'a missing figure',
      { ...SUMMARY_V1, hedged: { ...SUMMARY_V1.hedged, mean: undefined } },
      'summary.hedged.mean: is missing',
    ],
    [
      'a text estimate',
      {
        ...SUMMARY_V1,
        condorOnly: { ...SUMMARY_V1.condorOnly, median: { estimate: '5', stdErr: 1 } },
      },
      'summary.condorOnly.median.estimate',
    ],
    [
      'an unknown verdict',
      { ...SUMMARY_V1, claims: [{ id: 'x', verdict: 'maybe', estimate: null, stdErr: null }] },
      'summary.claims[0].verdict',
    ],
    ['zero paths', { ...SUMMARY_V1, paths: 0 }, 'summary.paths: must be at least 1'],
  ])('refuses %s, naming the field', (_, input, problem) => {
    const checked = checkSummary(input);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.problems.join('\n')).toContain(problem);
  });
});
