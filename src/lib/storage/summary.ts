/**
 * The summary a session keeps of its run: the headline figures of both books with their Monte
 * Carlo standard errors, the paired differences (hedged − condor alone) and the claims' verdicts —
 * a few hundred bytes, never the raw paths, histograms or fan charts (DESIGN §6). Enough to list a
 * session and to compare two side by side; the full result is recomputed from the config (same
 * seed + same config ⇒ identical numbers).
 */
import * as v from 'valibot';
import type { BookSummary, ClaimVerdict, SimulationResult } from '../../engine/index.ts';
import { finiteOrNull, issueLines } from './validation.ts';

/** The book figures kept, each with its standard error (BookSummary's `…StdErr`). */
export const HEADLINE_FIGURES = [
  'mean',
  'median',
  'stdev',
  'probProfit',
  'var95',
  'cvar95',
  'var99',
  'cvar99',
  'maxDrawdownMedian',
  'maxDrawdownP95',
  'beta',
  'sharpe',
  'sortino',
  'returnOnCapitalAtRisk',
] as const;

/** The paired differences kept (PairedDifference's estimates). */
export const DIFFERENCE_FIGURES = [
  'mean',
  'median',
  'probProfit',
  'var95',
  'cvar95',
  'var99',
  'cvar99',
  'maxDrawdownMedian',
  'maxDrawdownP95',
  'beta',
  'absBeta',
] as const;

export type HeadlineFigure = (typeof HEADLINE_FIGURES)[number];
export type DifferenceFigure = (typeof DIFFERENCE_FIGURES)[number];

/** A figure and one standard error; null when the run could not estimate it. */
export interface SummaryEstimate {
  estimate: number | null;
  stdErr: number | null;
}

/** A claim's outcome, without its sentence (the app rewrites sentences from the numbers). */
export interface SummaryClaim {
  id: string;
  verdict: ClaimVerdict;
  estimate: number | null;
  stdErr: number | null;
}

/** Headline figures of a run (dollars, fractions and betas as in BookSummary). */
export interface SessionSummary {
  paths: number;
  seed: number;
  horizonDays: number;
  capital: number;
  condorOnly: Record<HeadlineFigure, SummaryEstimate>;
  hedged: Record<HeadlineFigure, SummaryEstimate>;
  difference: Record<DifferenceFigure, SummaryEstimate>;
  claims: SummaryClaim[];
}

const estimateSchema = v.object({
  estimate: finiteOrNull,
  stdErr: v.nullable(
    v.pipe(
      v.number('must be a finite number at least 0, or null'),
      v.finite('must be a finite number at least 0, or null'),
      v.minValue(0, 'must be a finite number at least 0, or null'),
    ),
    null,
  ),
});

const figures = <const K extends readonly string[]>(keys: K) =>
  v.object(
    Object.fromEntries(keys.map((key) => [key, estimateSchema])) as {
      [P in K[number]]: typeof estimateSchema;
    },
    'must be an object of figures',
  );

const count = (min: number) =>
  v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number'),
    v.minValue(min, `must be at least ${min}`),
  );

/** The schema a summary must pass when stored, read back or imported (unknown keys dropped). */
export const summarySchema = v.object(
  {
    paths: count(1),
    seed: count(0),
    horizonDays: count(1),
    capital: v.pipe(
      v.number('must be a number'),
      v.finite('must be a finite number'),
      v.minValue(0, 'must be at least 0'),
    ),
    condorOnly: figures(HEADLINE_FIGURES),
    hedged: figures(HEADLINE_FIGURES),
    difference: figures(DIFFERENCE_FIGURES),
    claims: v.pipe(
      v.array(
        v.object({
          id: v.pipe(
            v.string('must be text'),
            v.minLength(1, 'must not be empty'),
            v.maxLength(60, 'must be at most 60 characters'),
          ),
          verdict: v.picklist(
            ['supported', 'not supported', 'unclear'],
            "must be 'supported', 'not supported' or 'unclear'",
          ),
          estimate: finiteOrNull,
          stdErr: finiteOrNull,
        }),
        'must be a list',
      ),
      v.maxLength(50, 'must have at most 50 claims'),
    ),
  },
  'must be an object',
);

/** A checked summary (null: none) or the problems, each naming its field. */
export type SummaryCheck =
  { ok: true; summary: SessionSummary | null } | { ok: false; problems: string[] };

/**
 * Checks a summary (null is fine: a session saved before a run). Problems name the field under
 * `prefix`, e.g. `summary.hedged.mean.stdErr: must be a finite number at least 0, or null`.
 */
export function checkSummary(input: unknown, prefix = 'summary'): SummaryCheck {
  if (input === null || input === undefined) return { ok: true, summary: null };
  const parsed = v.safeParse(summarySchema, input);
  return parsed.success
    ? { ok: true, summary: parsed.output }
    : { ok: false, problems: issueLines(parsed.issues, prefix) };
}

const finite = (x: number | null | undefined): number | null =>
  typeof x === 'number' && Number.isFinite(x) ? x : null;

const bookFigures = (book: BookSummary): Record<HeadlineFigure, SummaryEstimate> =>
  Object.fromEntries(
    HEADLINE_FIGURES.map((key) => [
      key,
      { estimate: finite(book[key]), stdErr: finite(book[`${key}StdErr`]) },
    ]),
  ) as Record<HeadlineFigure, SummaryEstimate>;

/**
 * The summary of a result: plain data, every number finite or null (a NaN from a bug never
 * reaches storage). Pure; tested on a result fixture in tests/unit/lib/storage/summary.test.ts.
 */
export function summarizeResult(result: SimulationResult): SessionSummary {
  return {
    paths: result.paths,
    seed: result.seed,
    horizonDays: result.horizonDays,
    capital: result.capital,
    condorOnly: bookFigures(result.condorOnly),
    hedged: bookFigures(result.hedged),
    difference: Object.fromEntries(
      DIFFERENCE_FIGURES.map((key) => [
        key,
        {
          estimate: finite(result.difference[key].estimate),
          stdErr: finite(result.difference[key].stdErr),
        },
      ]),
    ) as Record<DifferenceFigure, SummaryEstimate>,
    claims: result.claims.map((claim) => ({
      id: claim.id,
      verdict: claim.verdict,
      estimate: finite(claim.estimate),
      stdErr: finite(claim.stdErr),
    })),
  };
}
