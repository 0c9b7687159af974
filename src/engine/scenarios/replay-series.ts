/**
 * A replay series: one observed SPX/VIX daily history (dates, SPX closes, VIX closes) that the
 * strategy runs on instead of simulated paths (model/replay-path.ts). Users bring their own file —
 * the app ships no market data — so everything here is input validation (DESIGN §10): a bad file is
 * refused with ONE line naming the spreadsheet row (header = row 1) and the column, and nothing of
 * it is used.
 *
 * Format: CSV with a header row holding the columns `date`, `spx`, `vix` (any case, any order;
 * other columns are ignored), ISO dates (YYYY-MM-DD) strictly increasing, SPX closes > 0 and VIX
 * closes in points (20 means 20 %) within 5 … 200. Cells may be double-quoted (RFC 4180, "" for a
 * quote inside); CRLF, CR or LF line ends and a UTF-8 byte-order mark are accepted; blank rows at
 * the end are ignored.
 *
 * Limits, from the real daily history (SPX 1970–2026, Cboe VIX 1990–2026, 9,131 common days):
 * - Calendar gap between consecutive rows at most {@link REPLAY_MAX_GAP_DAYS} = 10 days. A regular
 *   weekend plus holiday is ≤ 4 days; the longest gaps in the data are 7 days (2001-09-10 →
 *   2001-09-17, the exchanges closed 4 trading days after 9/11) and 5 days (2006-12-29 → 2007-01-03,
 *   New Year plus President Ford's funeral; 2012-10-26 → 2012-10-31, Hurricane Sandy). Ten allows
 *   the worst such closure (4 trading days) next to a holiday weekend — Friday close, Monday
 *   holiday, Tuesday–Friday closed, reopen Monday: 10 days — while a gap of two weeks (missing
 *   rows in the file) is refused. Gaps of 5–10 days pass with a warning.
 * - VIX 5 … 200: the record close is 82.69 (2020-03-16) and the lowest 9.14 (2017-11-03); the
 *   range refuses percents-as-fractions (0.2) and swapped columns without refusing any real day.
 * - At most {@link REPLAY_MAX_ROWS} = 20,000 data rows (79 years of trading days) and
 *   {@link REPLAY_MAX_CHARS} characters, so a wrong file cannot stall a browser tab.
 */

/** An observed daily SPX/VIX series, one entry per trading day, dates ascending. */
export interface ReplaySeries {
  /** ISO dates (YYYY-MM-DD), strictly increasing. */
  dates: string[];
  /** SPX closes (index points, > 0). */
  spx: Float64Array;
  /** VIX closes in points (20 means 20 %), within 5 … 200. */
  vix: Float64Array;
}

/**
 * Outcome of {@link parseReplayCsv} and {@link replaySeriesFromColumns}: the series with
 * warnings (unusual but accepted input: ignored columns, closure-length gaps, huge daily moves), or
 * one error line.
 */
export type ReplaySeriesResult =
  { ok: true; series: ReplaySeries; warnings: string[] } | { ok: false; error: string };

/** Fewest data rows: a replay needs a day and the next one. */
export const REPLAY_MIN_ROWS = 2;
/** Most data rows accepted (≈ 79 years of trading days). */
export const REPLAY_MAX_ROWS = 20_000;
/** Most characters in a file: 20,000 rows of up to 200 characters (OHLC exports are ≈ 60). */
export const REPLAY_MAX_CHARS = 4_000_000;
/** Largest calendar gap between consecutive rows, in days (see the module comment). */
export const REPLAY_MAX_GAP_DAYS = 10;
/** Calendar gaps above this (a regular weekend plus a holiday) and up to the maximum warn. */
export const REPLAY_USUAL_GAP_DAYS = 4;
/** Lowest VIX accepted, in points (history's lowest close is 9.14). */
export const REPLAY_VIX_MIN = 5;
/** Highest VIX accepted, in points (history's highest close is 82.69). */
export const REPLAY_VIX_MAX = 200;
/**
 * A daily |ln(S_t/S_{t−1})| above this warns (−22 % or +28 %): the worst day since 1970 is
 * 1987-10-19 at ln = −0.229, so a bigger move is more likely a typo or a units mix-up.
 */
export const REPLAY_WARN_LOG_MOVE = 0.25;
/** Warnings listed at most; the rest are counted in one last line. */
const MAX_WARNINGS = 20;

const REQUIRED_COLUMNS = ['date', 'spx', 'vix'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number];

/**
 * Parses and validates a replay CSV (format and limits in the module comment).
 *
 * Rows are checked top to bottom and, within a row, in the order date, spx, vix; the first problem
 * is the error, e.g. `row 17, column spx: "abc" is not a number`. File-level problems (size,
 * header, row count) come first and name row 1 when it is the header's fault.
 *
 * Tested (tests/unit/engine/scenarios/replay-series.test.ts): every error message exactly, a good
 * file, CRLF/CR/BOM, quoting, column order and case, trailing blank rows, the warnings, three real
 * slices of the real history (2007–09, 2017–18, 2019–20; test data, not shipped) that must parse without error or warning, and
 * all 9,131 SPX/VIX days of 1990–2026, whose only warnings are the three closures above.
 */
export function parseReplayCsv(text: string): ReplaySeriesResult {
  if (text.length > REPLAY_MAX_CHARS) {
    return fail(
      `the file is too large: ${count(text.length)} characters (at most ${count(REPLAY_MAX_CHARS)})`,
    );
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(/\r\n|\r|\n/);

  let last = lines.length - 1;
  while (last >= 0 && isBlankLine(lines[last])) last--;
  if (last < 0) return fail('the file is empty: expected a header row date,spx,vix and data rows');

  const header = splitCsvLine(lines[0]);
  if (header === null) return fail('row 1 (header): a quote is not closed');
  const names = header.map((h) => h.trim().toLowerCase());
  const columnIndex = {} as Record<Column, number>;
  const missing: Column[] = [];
  for (const column of REQUIRED_COLUMNS) {
    const first = names.indexOf(column);
    if (first < 0) missing.push(column);
    else if (names.indexOf(column, first + 1) >= 0)
      return fail(`row 1 (header): column ${column} appears twice`);
    columnIndex[column] = first;
  }
  if (missing.length > 0) {
    const found = names.filter((n) => n !== '').join(', ') || 'nothing';
    return fail(
      `row 1 (header): missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ` +
        `(found: ${found}; expected date, spx, vix)`,
    );
  }

  const rowCount = last; // lines 1 … last are the data rows
  const countError = checkRowCount(rowCount);
  if (countError !== null) return fail(countError);

  const validator = new RowValidator(rowCount);
  const ignored = names.filter((n, k) => n !== '' && !Object.values(columnIndex).includes(k));
  if (ignored.length > 0) validator.warn(`columns ignored: ${ignored.join(', ')}`);

  for (let line = 1; line <= last; line++) {
    const row = line + 1;
    if (isBlankLine(lines[line]))
      return fail(`row ${row}: blank row (blank rows are allowed only at the end)`);
    const cells = splitCsvLine(lines[line]);
    if (cells === null) return fail(`row ${row}: a quote is not closed`);
    // Empty trailing cells are harmless; content beyond the header usually means an unquoted
    // thousands separator ("4,012.5") that shifted the columns.
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim() !== '')) {
      return fail(
        `row ${row}: ${cells.length} cells but the header has ${header.length} ` +
          '(a comma inside a number?)',
      );
    }
    const cell = (column: Column) => (cells[columnIndex[column]] ?? '').trim();
    const at = (column: Column) => `row ${row}, column ${column}`;
    const error = validator.check({
      index: line - 1,
      date: cell('date'),
      spx: parseCell(cell('spx')),
      vix: parseCell(cell('vix')),
      show: (column) => `"${cell(column)}"`,
      at,
      previousRow: `row ${row - 1}`,
    });
    if (error !== null) return fail(error);
  }
  return validator.result();
}

/**
 * Validates a series given as columns (for programmatic use: tests, the strategy replay, an app
 * import that parsed the file itself) with the same rules as {@link parseReplayCsv}; locations are
 * array indices, e.g. `spx[16]: -5 must be > 0`. The returned series holds copies of the inputs.
 *
 * Tested with the CSV rules' table in tests/unit/engine/scenarios/replay-series.test.ts.
 */
export function replaySeriesFromColumns(columns: {
  dates: readonly string[];
  spx: ArrayLike<number>;
  vix: ArrayLike<number>;
}): ReplaySeriesResult {
  const { dates, spx, vix } = columns;
  if (dates.length !== spx.length || dates.length !== vix.length) {
    return fail(
      `dates, spx and vix must have the same length, got ${dates.length}, ${spx.length}, ${vix.length}`,
    );
  }
  const countError = checkRowCount(dates.length);
  if (countError !== null) return fail(countError);
  const validator = new RowValidator(dates.length);
  for (let i = 0; i < dates.length; i++) {
    const error = validator.check({
      index: i,
      date: String(dates[i]),
      spx: spx[i],
      vix: vix[i],
      show: (column) => (column === 'date' ? `"${String(dates[i])}"` : String(columns[column][i])),
      at: (column) => `${column === 'date' ? 'dates' : column}[${i}]`,
      previousRow: `index ${i - 1}`,
    });
    if (error !== null) return fail(error);
  }
  return validator.result();
}

/** A decimal number: optional sign, digits with an optional point, optional exponent. */
const NUMBER_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A cell as a number for the validator: undefined if empty, NaN if not a decimal number (Number()
 * alone would accept "0x10", "Infinity" and whitespace-only text).
 */
function parseCell(raw: string): number | undefined {
  if (raw === '') return undefined;
  return NUMBER_PATTERN.test(raw) ? Number(raw) : Number.NaN;
}

/** An integer with thousands separators (20,000), without relying on the host's locale data. */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

function fail(error: string): ReplaySeriesResult {
  return { ok: false, error };
}

function checkRowCount(rows: number): string | null {
  if (rows < REPLAY_MIN_ROWS) {
    return (
      `at least ${REPLAY_MIN_ROWS} data rows are needed (a day and the next), ` +
      `found ${rows === 0 ? 'none' : rows}`
    );
  }
  if (rows > REPLAY_MAX_ROWS) {
    return `too many rows: ${count(rows)} data rows (at most ${count(REPLAY_MAX_ROWS)})`;
  }
  return null;
}

/** One row to check: the date text, the parsed numbers (undefined: empty cell; NaN: not a number). */
interface RowInput {
  index: number;
  date: string;
  spx: number | undefined;
  vix: number | undefined;
  /** The cell as the user wrote it, for messages. */
  show: (column: Column) => string;
  /** The location prefix of a message: "row 17, column spx" or "spx[15]". */
  at: (column: Column) => string;
  /** How to name the previous row in messages. */
  previousRow: string;
}

/** Checks rows in order (calendar dates, ranges, order, gaps), fills the series, collects warnings. */
class RowValidator {
  private readonly dates: string[] = [];
  private readonly spx: Float64Array;
  private readonly vix: Float64Array;
  private readonly warnings: string[] = [];
  private extraWarnings = 0;
  private previousDay = 0;

  constructor(rows: number) {
    this.spx = new Float64Array(rows);
    this.vix = new Float64Array(rows);
  }

  warn(message: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(message);
    else this.extraWarnings++;
  }

  /** The first problem of the row as one line, or null (the row is stored). */
  check(row: RowInput): string | null {
    const { index, at, show } = row;
    if (row.date === '') return `${at('date')}: missing value`;
    const day = dayNumber(row.date);
    if (day === 'format') return `${at('date')}: ${show('date')} is not an ISO date (YYYY-MM-DD)`;
    if (day === 'calendar') return `${at('date')}: ${show('date')} is not a calendar date`;
    if (index > 0) {
      const previous = this.dates[index - 1];
      if (day <= this.previousDay)
        return `${at('date')}: ${row.date} is not after ${previous} (${row.previousRow})`;
      const gap = day - this.previousDay;
      if (gap > REPLAY_MAX_GAP_DAYS) {
        return (
          `${at('date')}: ${gap} calendar days from ${previous} to ${row.date}, ` +
          `more than ${REPLAY_MAX_GAP_DAYS} (are rows missing?)`
        );
      }
      if (gap > REPLAY_USUAL_GAP_DAYS)
        this.warn(`${at('date')}: ${gap} calendar days from ${previous} to ${row.date}`);
    }

    const spx = row.spx;
    if (spx === undefined) return `${at('spx')}: missing value`;
    if (Number.isNaN(spx)) return `${at('spx')}: ${show('spx')} is not a number`;
    if (!Number.isFinite(spx)) return `${at('spx')}: ${show('spx')} is not a finite number`;
    if (!(spx > 0)) return `${at('spx')}: ${show('spx')} must be > 0`;

    const vix = row.vix;
    if (vix === undefined) return `${at('vix')}: missing value`;
    if (Number.isNaN(vix)) return `${at('vix')}: ${show('vix')} is not a number`;
    if (!(vix >= REPLAY_VIX_MIN && vix <= REPLAY_VIX_MAX)) {
      return (
        `${at('vix')}: ${show('vix')} is outside ${REPLAY_VIX_MIN} … ${REPLAY_VIX_MAX} ` +
        '(VIX in points: 20 means 20 %)'
      );
    }

    if (index > 0) {
      const before = this.spx[index - 1];
      if (Math.abs(Math.log(spx / before)) > REPLAY_WARN_LOG_MOVE) {
        const move = (100 * (spx / before - 1)).toFixed(1);
        this.warn(`${at('spx')}: ${before} to ${spx} is a ${move} % move in one day`);
      }
    }
    this.dates.push(row.date);
    this.spx[index] = spx;
    this.vix[index] = vix;
    this.previousDay = day;
    return null;
  }

  result(): ReplaySeriesResult {
    const warnings = [...this.warnings];
    if (this.extraWarnings > 0) warnings.push(`… and ${this.extraWarnings} more warnings`);
    return { ok: true, series: { dates: this.dates, spx: this.spx, vix: this.vix }, warnings };
  }
}

/**
 * Days since 1970-01-01 of an ISO date (proleptic Gregorian; Hinnant's days_from_civil, which
 * unlike Date.UTC does not map years 0–99 to 1900–1999), or why the text is not one.
 */
function dayNumber(text: string): number | 'format' | 'calendar' {
  const match = ISO_DATE_PATTERN.exec(text);
  if (match === null) return 'format';
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return 'calendar';
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whitespace only, or only empty cells (spreadsheets export empty rows as ",,"). */
function isBlankLine(line: string): boolean {
  return /^[\s,]*$/.test(line);
}

/**
 * Splits one CSV line into cells (RFC 4180 quoting within the line: "a,b" is one cell, "" is a
 * quote). Returns null if a quote is not closed. Cells are not trimmed.
 */
function splitCsvLine(line: string): string[] | null {
  if (!line.includes('"')) return line.split(',');
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let k = 0; k < line.length; k++) {
    const ch = line[k];
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (line[k + 1] === '"') {
        cell += '"';
        k++;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  if (quoted) return null;
  cells.push(cell);
  return cells;
}
