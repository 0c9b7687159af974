/**
 * Number formatting at the edge of the app: money, percents and numbers with their Monte Carlo
 * uncertainty. Fixed en-US conventions (thin grouping by comma) so output does not depend on the
 * machine's locale, and never "NaN": a missing or non-finite value prints as an em dash.
 */

const DASH = '—';

function isNumber(x: number | null | undefined): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/**
 * One Intl.NumberFormat per number of decimals: `toLocaleString` with options builds a new
 * formatter on every call, which made formatting the charts' data tables the slowest part of
 * drawing a result.
 */
const formatters = new Map<number, Intl.NumberFormat>();

function grouped(x: number, decimals: number): string {
  let format = formatters.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    formatters.set(decimals, format);
  }
  return format.format(Math.abs(x));
}

/** $12,300 / −$4,200 (U+2212 minus); `decimals` default 0. */
export function formatMoney(x: number | null | undefined, decimals = 0): string {
  if (!isNumber(x)) return DASH;
  const rounded = Number(x.toFixed(decimals));
  return `${rounded < 0 ? '−' : ''}$${grouped(rounded, decimals)}`;
}

/** A fraction as a percent: 0.123 → 12.3 %. */
export function formatPercent(fraction: number | null | undefined, decimals = 1): string {
  if (!isNumber(fraction)) return DASH;
  const x = Number((fraction * 100).toFixed(decimals));
  return `${x < 0 ? '−' : ''}${grouped(x, decimals)} %`;
}

/** A plain number with grouping: 12,345.68. */
export function formatNumber(x: number | null | undefined, decimals = 2): string {
  if (!isNumber(x)) return DASH;
  const rounded = Number(x.toFixed(decimals));
  return `${rounded < 0 ? '−' : ''}${grouped(rounded, decimals)}`;
}

/** A value with its standard error: "$1,234 ± $56", "12.3 % ± 0.4 %", "0.12 ± 0.01". */
export function formatWithError(
  x: number | null | undefined,
  stdErr: number | null | undefined,
  kind: 'money' | 'percent' | 'number',
  decimals?: number,
): string {
  const f =
    kind === 'money'
      ? (y: number | null | undefined) => formatMoney(y, decimals ?? 0)
      : kind === 'percent'
        ? (y: number | null | undefined) => formatPercent(y, decimals ?? 1)
        : (y: number | null | undefined) => formatNumber(y, decimals ?? 2);
  const value = f(x);
  if (!isNumber(x) || !isNumber(stdErr)) return value;
  return `${value} ± ${f(Math.abs(stdErr))}`;
}

/** The text with its first letter in upper case ("the stress test is running" → "The stress…"). */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
