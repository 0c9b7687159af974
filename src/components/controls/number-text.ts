/**
 * Text ↔ number at the edge of the number inputs. The config holds engine units (fractions); a
 * percent field shows ×100 (0.025 ↔ "2.5"). Parsing is strict — plain decimals with an optional
 * exponent, no hex, no "Infinity" — so nothing but a finite number (or null for a blank optional
 * field) reaches the config. Tested in tests/component/controls/number-text.test.ts.
 */

/** Options shared by the helpers. */
export interface NumberTextOptions {
  /** Show ×100 (a fraction as a percent, or |Δ| as delta points). */
  percent?: boolean;
  /** A blank input means null (the rule is off) instead of an error. */
  nullable?: boolean;
}

export type ParsedNumber = { ok: true; value: number | null } | { ok: false; message: string };

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
/** Significant digits shown for a non-integer; enough for every preset value, few enough to read. */
const SHOWN_DIGITS = 8;

/** ×100 without binary noise (0.07 × 100 = 7.000000000000001 → 7). */
function toDisplayUnits(value: number, percent: boolean): number {
  return percent ? Number((value * 100).toPrecision(12)) : value;
}

/** The text an input shows for a config value; '' for null or a non-finite value. */
export function formatNumberForInput(
  value: number | null,
  options: NumberTextOptions = {},
): string {
  if (value === null || !Number.isFinite(value)) return '';
  const shown = toDisplayUnits(value, options.percent ?? false);
  return Number.isInteger(shown) ? String(shown) : String(Number(shown.toPrecision(SHOWN_DIGITS)));
}

/**
 * Parses what the user typed into engine units. Accepts spaces, thousands commas, a Unicode minus
 * and a trailing "%"; a blank is null for a nullable field.
 */
export function parseNumberText(text: string, options: NumberTextOptions = {}): ParsedNumber {
  const cleaned = text
    .replace(/[\s,_]/g, '')
    .replace(/\u2212/g, '-')
    .replace(/%$/, '');
  if (cleaned === '') {
    return options.nullable
      ? { ok: true, value: null }
      : { ok: false, message: 'must be a number' };
  }
  if (!DECIMAL.test(cleaned)) return { ok: false, message: 'must be a number' };
  const typed = Number(cleaned);
  if (!Number.isFinite(typed)) return { ok: false, message: 'must be a finite number' };
  const value = options.percent ? Number((typed / 100).toPrecision(15)) : typed;
  return { ok: true, value };
}

/**
 * "0.1 to 100" style text for a range in display units, with an optional unit ("%"); large
 * numbers are grouped ("1,000 to 10,000,000,000") since nobody types them from a hint.
 */
export function rangeText(min: number, max: number, percent = false, unit = ''): string {
  const f = (x: number) => {
    const text = formatNumberForInput(x, { percent });
    return Math.abs(Number(text)) >= 10_000
      ? Number(text).toLocaleString('en-US', { maximumFractionDigits: 8 })
      : text;
  };
  const suffix = unit ? ` ${unit}` : '';
  return `${f(min)} to ${f(max)}${suffix}`;
}

/**
 * Rewrites the engine's range message ("must be between 0.001 and 1", engine units) into display
 * units ("must be between 0.1 % and 100 %") for a percent field; other messages pass unchanged.
 */
export function displayMessage(message: string, percent = false, unit = ''): string {
  if (!percent) return message;
  const suffix = unit ? ` ${unit}` : '';
  return message.replace(
    /between (-?[\d.]+(?:e[+-]?\d+)?) and (-?[\d.]+(?:e[+-]?\d+)?)/,
    (_all, a: string, b: string) =>
      `between ${formatNumberForInput(Number(a), { percent })}${suffix} and ${formatNumberForInput(Number(b), { percent })}${suffix}`,
  );
}

/**
 * The value one step up (+1) or down (−1) from `value`, in engine units: the step is in display
 * units and the result is rounded to the step's decimals so repeated steps do not drift.
 */
export function stepNumber(
  value: number | null,
  step: number,
  direction: 1 | -1,
  options: NumberTextOptions = {},
): number {
  const percent = options.percent ?? false;
  const shown = value === null ? 0 : toDisplayUnits(value, percent);
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const next = Number((shown + direction * step).toFixed(Math.min(decimals + 2, 12)));
  return percent ? Number((next / 100).toPrecision(15)) : next;
}
