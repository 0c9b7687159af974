/**
 * Result exports: a CSV table of the summary (both books with standard errors, layers, claims) and a
 * JSON document that carries the config with its seed, so a run can be reproduced exactly.
 *
 * CSV: RFC 4180 quoting; text cells that begin with = + - @ (or a tab / carriage return) are
 * prefixed with an apostrophe so a spreadsheet does not run them as formulas (OWASP, "CSV
 * Injection"); numbers are written as plain numbers (a leading minus is not escaped).
 */
import type { SimulationConfig, SimulationResult } from '../../engine/index.ts';

/** Version of the exported JSON document. */
export const RESULT_EXPORT_VERSION = 1;

type Cell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: numbers as is (empty if not finite), text escaped and quoted when needed. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows → CSV text with CRLF line ends. */
export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const BOOK_FIELDS = [
  ['mean', 'Mean P&L ($)'],
  ['median', 'Median P&L ($)'],
  ['stdev', 'Standard deviation ($)'],
  ['probProfit', 'Probability of profit'],
  ['var95', 'VaR 95 % ($, loss)'],
  ['cvar95', 'CVaR 95 % ($, loss)'],
  ['var99', 'VaR 99 % ($, loss)'],
  ['cvar99', 'CVaR 99 % ($, loss)'],
  ['maxDrawdownMedian', 'Median max drawdown ($)'],
  ['maxDrawdownP95', '95th percentile max drawdown ($)'],
  ['beta', 'Beta to the SPX'],
  ['sharpe', 'Sharpe ratio (annualised)'],
  ['sortino', 'Sortino ratio (annualised)'],
  ['returnOnCapitalAtRisk', 'Return on capital at risk'],
] as const;

/** The summary as CSV rows (see the module comment). */
export function resultCsv(config: SimulationConfig, result: SimulationResult): string {
  const rows: Cell[][] = [
    ['ALVH Simulator result'],
    ['seed', result.seed],
    ['paths', result.paths],
    ['horizon (trading days)', result.horizonDays],
    ['capital ($)', result.capital],
    ['preset', config.preset],
    [],
    ['statistic', 'condor alone', 'standard error', 'condor + layers', 'standard error'],
  ];
  for (const [key, label] of BOOK_FIELDS) {
    const se = `${key}StdErr` as const;
    rows.push([
      label,
      result.condorOnly[key],
      result.condorOnly[se],
      result.hedged[key],
      result.hedged[se],
    ]);
  }
  rows.push(
    [],
    [
      'layer',
      'funding',
      'mean P&L ($)',
      'standard error',
      'mean cost ($)',
      'standard error',
      'triggers per path',
      'rolls per path',
      'take-profits per path',
    ],
  );
  for (const layer of result.layers) {
    rows.push([
      layer.name,
      layer.funding,
      layer.meanPnl,
      layer.meanPnlStdErr,
      layer.meanCost,
      layer.meanCostStdErr,
      layer.triggersPerPath,
      layer.rollsPerPath,
      layer.takeProfitsPerPath,
    ]);
  }
  rows.push([], ['claim', 'verdict', 'estimate', 'standard error', 'in words']);
  for (const claim of result.claims) {
    rows.push([claim.question, claim.verdict, claim.estimate, claim.stdErr, claim.sentence]);
  }
  return toCsv(rows);
}

/** The JSON export: format, version, the config (seed included) and the result without path series. */
export function resultJson(config: SimulationConfig, result: SimulationResult): string {
  const { pathDetails, ...summary } = result;
  return JSON.stringify(
    {
      format: 'alvh-simulator-result',
      version: RESULT_EXPORT_VERSION,
      config,
      result: summary,
      sampledPathEvents: (pathDetails ?? []).map((d) => ({ path: d.path, events: d.events })),
    },
    null,
    2,
  );
}
