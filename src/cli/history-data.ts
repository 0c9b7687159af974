/**
 * Reads the market history in shared/data (DESIGN §8, shared/data/README.md) and cuts the windows
 * §8 uses: (a) SPX/VIX common days 1990-01-02 … 2026-04-10 (9,131 rows); (b) VIX/VIX3M/VIX6M
 * common days 2009-09-18 … 2026-04-24 (4,175 rows); (c) VVIX from 2007 (4,856 rows; earlier rows
 * contain glitches). Node only: used by tests and the calibration script, never by the app.
 *
 * The data directory is $ALVH_DATA_DIR, or else `<repo>/../shared/data`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { marketStatsFromSeries, type MarketStats } from '../engine/stats/market.ts';

/** A daily series: ISO dates ascending and one value per date. */
export interface DatedSeries {
  dates: string[];
  values: Float64Array;
}

/** The §8 windows, each with its dates and aligned values. */
export interface HistoryWindows {
  /** (a) SPX and VIX closes on their common days. */
  spxVix: { dates: string[]; spxClose: Float64Array; vix: Float64Array };
  /** (b) VIX, VIX3M and VIX6M closes on their common days. */
  termStructure: { dates: string[]; vix: Float64Array; vix3m: Float64Array; vix6m: Float64Array };
  /** (c) VVIX from {@link VVIX_START} with the VIX of the same days. */
  vvix: { dates: string[]; vix: Float64Array; vvix: Float64Array };
}

/** First date of the VVIX window: rows before 2007 contain glitches (shared/data/README.md). */
export const VVIX_START = '2007-01-01';

/** File names in the data directory. */
export const HISTORY_FILES = {
  spx: 'spx-daily.csv',
  vix: 'vix-daily.csv',
  vix3m: 'vix3m-daily.csv',
  vix6m: 'vix6m-daily.csv',
  vvix: 'vvix-daily.csv',
} as const;

/** $ALVH_DATA_DIR if set, else `<repo>/../shared/data` resolved from this file. */
export function resolveDataDir(): string {
  const fromEnv = process.env.ALVH_DATA_DIR;
  return fromEnv ? fromEnv : fileURLToPath(new URL('../../../shared/data/', import.meta.url));
}

/** True if every history file exists in the data directory. */
export function hasHistoryData(options: { dataDir?: string } = {}): boolean {
  const dir = options.dataDir ?? resolveDataDir();
  return Object.values(HISTORY_FILES).every((f) => existsSync(join(dir, f)));
}

/**
 * Parses a daily CSV: a header row whose first column is the date; the value is the `close`
 * column (any case; OHLC files) or, in a two-column file, the second column (VVIX). Dates must be
 * ISO (YYYY-MM-DD) and strictly ascending; values finite and > 0. Blank lines are skipped; CRLF
 * is accepted. Throws with the line number on anything else.
 */
export function parseDailyCsv(options: { text: string; name?: string }): DatedSeries {
  const name = options.name ?? 'csv';
  const lines = options.text.split(/\r?\n/);
  const header = lines[0].split(',').map((h) => h.trim().toLowerCase());
  let col = header.indexOf('close');
  if (col < 0 && header.length === 2) col = 1;
  if (col < 1) throw new Error(`${name}: no close column in header "${lines[0]}"`);
  const dates: string[] = [];
  const values: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const cells = line.split(',');
    const date = cells[0];
    const value = Number(cells[col]);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`${name}:${i + 1}: bad date "${date}"`);
    if (!(value > 0 && value < Infinity) || cells[col].trim() === '') {
      throw new Error(`${name}:${i + 1}: bad value "${cells[col]}"`);
    }
    if (dates.length > 0 && date <= dates[dates.length - 1]) {
      throw new Error(`${name}:${i + 1}: date ${date} not after ${dates[dates.length - 1]}`);
    }
    dates.push(date);
    values.push(value);
  }
  return { dates, values: Float64Array.from(values) };
}

/** Reads and parses one file of the data directory (see {@link parseDailyCsv}). */
export function readDailyCsv(options: { file: string; dataDir?: string }): DatedSeries {
  const path = join(options.dataDir ?? resolveDataDir(), options.file);
  return parseDailyCsv({ text: readFileSync(path, 'utf8'), name: options.file });
}

/**
 * Inner join of ascending series on their dates: the dates present in all of them, with each
 * series' values on those dates (same order as `series`).
 */
export function joinByDate(series: readonly DatedSeries[]): {
  dates: string[];
  values: Float64Array[];
} {
  const index = series.map((s) => new Map(s.dates.map((d, i) => [d, i])));
  const dates = series[0].dates.filter((d) => index.every((m) => m.has(d)));
  const values = series.map((s, k) => Float64Array.from(dates, (d) => s.values[index[k].get(d)!]));
  return { dates, values };
}

/** Loads the five files and cuts the §8 windows (a), (b), (c). */
export function loadHistoryWindows(options: { dataDir?: string } = {}): HistoryWindows {
  const read = (file: string) => readDailyCsv({ file, dataDir: options.dataDir });
  const spx = read(HISTORY_FILES.spx);
  const vix = read(HISTORY_FILES.vix);
  const vix3m = read(HISTORY_FILES.vix3m);
  const vix6m = read(HISTORY_FILES.vix6m);
  const vvixAll = read(HISTORY_FILES.vvix);
  const start = vvixAll.dates.findIndex((d) => d >= VVIX_START);
  const vvix: DatedSeries = {
    dates: vvixAll.dates.slice(start),
    values: vvixAll.values.slice(start),
  };
  const a = joinByDate([spx, vix]);
  const b = joinByDate([vix, vix3m, vix6m]);
  const c = joinByDate([vvix, vix]);
  return {
    spxVix: { dates: a.dates, spxClose: a.values[0], vix: a.values[1] },
    termStructure: { dates: b.dates, vix: b.values[0], vix3m: b.values[1], vix6m: b.values[2] },
    vvix: { dates: c.dates, vix: c.values[1], vvix: c.values[0] },
  };
}

/**
 * The §8 statistics of history, each from its window: SPX/VIX figures from (a), VIX3M/VIX6M
 * figures from (b), the VVIX mean from (c); all through `marketStatsFromSeries`, i.e. the same
 * accumulator and definitions as the simulated market.
 */
export function historyMarketStats(options: { dataDir?: string } = {}): MarketStats {
  const w = loadHistoryWindows(options);
  const spxVix = marketStatsFromSeries({ spxClose: w.spxVix.spxClose, vix: w.spxVix.vix });
  const terms = marketStatsFromSeries(w.termStructure);
  const vvix = marketStatsFromSeries(w.vvix);
  return {
    ...spxVix,
    vix3mMinusVix: terms.vix3mMinusVix,
    vix6mMinusVix: terms.vix6mMinusVix,
    vixInvertedShare: terms.vixInvertedShare,
    vvixMean: vvix.vvixMean,
  };
}
