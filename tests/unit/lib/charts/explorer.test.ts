/**
 * The path explorer's math (src/lib/charts/explorer.ts): days, events shown on a day, panel
 * extents, gapped line paths, the contango/backwardation bands with interpolated crossings, the
 * readouts (never NaN) and the data tables. Exact values: the inputs are small hand-made series on
 * identity-like scales, so every coordinate can be worked out by hand.
 */
import { scaleLinear } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import type {
  PathDetail,
  PathSeries,
  ReplayResult,
  SimulationResult,
} from '../../../../src/engine/index.ts';
import {
  clampDay,
  curveBands,
  curvePoints,
  curveShape,
  dateTicks,
  dayLabel,
  dayPhrase,
  dayReadout,
  eventsUpTo,
  explorerInputFromReplay,
  explorerInputFromResult,
  lastDay,
  nextDay,
  panelScales,
  panelTable,
  roleLabel,
  seriesExtent,
  seriesPath,
} from '../../../../src/lib/charts/explorer.ts';
import { plotFrame } from '../../../../src/lib/charts/layout.ts';

/** x: day d → 10·d px; y: value v → v px (so paths read as the data). */
const x = scaleLinear().domain([0, 1]).range([0, 10]);
const y = scaleLinear().domain([0, 1]).range([0, 1]);

describe('days', () => {
  it('a series of n closes covers days 0 … n − 1', () => {
    expect(lastDay({ spx: [1, 2, 3, 4] })).toBe(3);
    expect(lastDay({ spx: [] })).toBe(0);
  });

  it.each([
    [-3, 10, 0],
    [4.4, 10, 4],
    [4.6, 10, 5],
    [12, 10, 10],
    [Number.NaN, 10, 0],
    [Number.POSITIVE_INFINITY, 10, 0],
    [5, 0, 0],
  ])('clampDay(%s, last %s) = %s', (day, last, expected) => {
    expect(clampDay(day, last)).toBe(expected);
  });

  it('nextDay steps by one and stops (null) at the last day', () => {
    expect(nextDay(0, 3)).toBe(1);
    expect(nextDay(2, 3)).toBe(3);
    expect(nextDay(3, 3)).toBeNull();
  });

  it.each([
    ['median', 'Median path'],
    ['worst', 'Worst path'],
    ['best', 'Best path'],
    ['breached', 'A breached path'],
  ] as const)('roleLabel(%s) = %s', (role, label) => {
    expect(roleLabel(role)).toBe(label);
  });
});

describe('eventsUpTo', () => {
  const events = [{ day: 0 }, { day: 0 }, { day: 3 }, { day: 5 }, { day: 5 }];

  it.each([
    [0, [0, 1], [0, 1]],
    [2, [0, 1], []],
    [3, [0, 1, 2], [2]],
    [5, [0, 1, 2, 3, 4], [3, 4]],
    [-1, [], []],
  ])('on day %s shows events %j, of which %j happened that day', (day, shown, current) => {
    const result = eventsUpTo(events, day);
    expect(result.map((r) => r.index)).toEqual(shown);
    expect(result.filter((r) => r.current).map((r) => r.index)).toEqual(current);
    expect(result.every((r) => r.event === events[r.index])).toBe(true);
  });
});

describe('seriesExtent', () => {
  it.each([
    [
      'skips nulls and non-finite values',
      [
        [3, null, 7],
        [Number.NaN, 5],
      ],
      [],
      [3, 7],
    ],
    [
      'spans several series',
      [
        [3, 4],
        [-2, 1],
      ],
      [],
      [-2, 4],
    ],
    ['always includes the guides', [[40, 60]], [30, 70], [30, 70]],
    ['includes zero for a P&L panel', [[200, 900]], [0], [0, 900]],
    ['falls back to [0, 1] with no value at all', [[null, null]], [], [0, 1]],
  ] as const)('%s', (_, series, include, expected) => {
    expect(seriesExtent(series, include)).toEqual(expected);
  });
});

describe('seriesPath', () => {
  it('draws a line through defined days', () => {
    expect(seriesPath({ values: [1, 2, 4], x, y })).toBe('M0,1L10,2L20,4');
  });

  it('breaks the line where a value is missing (no condor open, indicator warm-up)', () => {
    expect(seriesPath({ values: [1, 2, null, null, 5, 6], x, y })).toBe('M0,1L10,2M40,5L50,6');
  });

  it('is empty when nothing is defined', () => {
    expect(seriesPath({ values: [null, null], x, y })).toBe('');
    expect(seriesPath({ values: [], x, y })).toBe('');
  });
});

describe('curvePoints and curveBands', () => {
  it('inserts the crossing where front − second changes sign (linear interpolation)', () => {
    // front − second: −2 on day 0, +2 on day 1 → zero half-way, both futures at 21.
    const points = curvePoints([20, 22], [22, 20]);
    expect(points).toEqual([
      { day: 0, front: 20, second: 22 },
      { day: 0.5, front: 21, second: 21 },
      { day: 1, front: 22, second: 20 },
    ]);
  });

  it('adds no point when the curve only touches flat', () => {
    expect(curvePoints([20, 21, 22], [22, 21, 23])).toHaveLength(3);
  });

  it('leaves a gap for a missing future', () => {
    expect(curvePoints([20, null, 22], [21, 21, 23])).toEqual([
      { day: 0, front: 20, second: 21 },
      null,
      { day: 2, front: 22, second: 23 },
    ]);
  });

  it('shades contango where second ≥ front and backwardation where front ≥ second, meeting at the crossing', () => {
    const { contango, backwardation } = curveBands({ front: [20, 22], second: [22, 20], x, y });
    // Contango band: day 0 (20 → 22) to the crossing at day 0.5 (21); back along the front.
    expect(contango).toBe('M0,22L5,21L5,21L0,20Z');
    expect(backwardation).toBe('M5,21L10,20L10,22L5,21Z');
  });

  it('has an empty backwardation band for a curve in contango throughout', () => {
    const { contango, backwardation } = curveBands({ front: [20, 21], second: [22, 23], x, y });
    expect(contango).not.toBe('');
    expect(backwardation).toBe('');
  });

  it.each([
    [20, 22, 'contango'],
    [22, 20, 'backwardation'],
    [21, 21, 'flat'],
    [null, 21, '—'],
  ] as const)('curveShape(front %s, second %s) = %s', (front, second, shape) => {
    expect(curveShape(front, second)).toBe(shape);
  });
});

describe('panelScales', () => {
  const frame = plotFrame({ width: 640, plotHeight: 120 });

  it('maps day 0 and the last day onto the plot edges exactly', () => {
    const s = panelScales({ frame, last: 63, domain: [10, 40], unit: 'VIX points' });
    expect(s.x(0)).toBe(frame.left);
    expect(s.x(63)).toBe(frame.left + frame.innerWidth);
  });

  it('puts the y domain inside a nice scale, bottom to top', () => {
    const s = panelScales({ frame, last: 63, domain: [12.3, 38.9], unit: 'VIX points' });
    const [lo, hi] = s.y.domain();
    expect(lo).toBeLessThanOrEqual(12.3);
    expect(hi).toBeGreaterThanOrEqual(38.9);
    expect(s.y(lo)).toBe(frame.top + frame.innerHeight);
    expect(s.y(hi)).toBe(frame.top);
  });

  it('labels whole days only, none past the last day', () => {
    const s = panelScales({ frame, last: 3, domain: [0, 1], unit: 'index points' });
    expect(s.xTicks.map((t) => t.value)).toEqual([0, 1, 2, 3]);
  });

  it('gives a one-day series a unit-wide x domain (no division by zero)', () => {
    const s = panelScales({ frame, last: 0, domain: [5, 5], unit: 'dollars' });
    expect(s.x.domain()).toEqual([0, 1]);
    expect(Number.isFinite(s.y(5))).toBe(true);
  });
});

/** A three-day series with no condor on day 0, RSI and MACD not yet defined. */
function series(): PathSeries {
  return {
    spx: [6400, 6350.4, 6500],
    vix: [18.04, 21.26, 17],
    future1: [19, 21, 18],
    future2: [20, 20.5, 18],
    rsi: [null, null, 41.23],
    macd: [null, null, -3.456],
    macdSignal: [null, null, null],
    drawdown: [0, 0.00775, 0],
    longPut: [null, 6100, 6100],
    shortPut: [null, 6200, 6200],
    shortCall: [null, 6600, 6600],
    longCall: [null, 6700, 6700],
    condorPnl: [0, -120.4, 310],
    hedgedPnl: [0, -80, 290],
    layerPnl: [
      [0, 40.4, -20],
      [0, 0, 0],
    ],
  };
}

describe('dayReadout', () => {
  it('reads a day before the condor opens and the indicators are defined', () => {
    const r = dayReadout({ series: series(), day: 0, layerNames: ['Base', 'Calls'] });
    expect(r.spx).toBe('Day 0: SPX 6,400, 0.0 % below its high; short strikes none open.');
    expect(r.vix).toBe('Day 0: VIX 18.0; 30-day future 19.0, 60-day future 20.0 (contango).');
    expect(r.indicators).toBe(
      'Day 0: RSI not yet defined; MACD not yet defined, signal not yet defined.',
    );
    expect(r.book).toBe(
      "Day 0: condor alone $0, condor + layers $0; layer 'Base' $0, layer 'Calls' $0.",
    );
  });

  it('reads the strikes, the curve in backwardation and the layers’ P&L', () => {
    const r = dayReadout({ series: series(), day: 1, layerNames: ['Base', 'Calls'] });
    expect(r.spx).toBe(
      'Day 1: SPX 6,350, 0.8 % below its high; short strikes 6,200/6,600, wings 6,100/6,700.',
    );
    expect(r.vix).toBe('Day 1: VIX 21.3; 30-day future 21.0, 60-day future 20.5 (backwardation).');
    expect(r.book).toBe(
      "Day 1: condor alone −$120, condor + layers −$80; layer 'Base' $40, layer 'Calls' $0.",
    );
  });

  it('prints RSI and MACD once defined, and a missing signal as not yet defined', () => {
    const r = dayReadout({ series: series(), day: 2, layerNames: [] });
    expect(r.indicators).toBe('Day 2: RSI 41.2; MACD −3.46, signal not yet defined.');
    expect(r.book).toBe('Day 2: condor alone $310, condor + layers $290.');
  });

  it('prints "—", never NaN, for a day outside the series', () => {
    const r = dayReadout({ series: series(), day: 9, layerNames: ['Base', 'Calls'] });
    for (const text of Object.values(r)) expect(text).not.toMatch(/NaN|undefined/);
    expect(r.spx).toContain('SPX —');
  });
});

describe('panelTable', () => {
  it('has a row per day, a column per series and "—" for missing values', () => {
    const s = series();
    const table = panelTable({
      caption: 'SPX by day',
      columns: [
        { heading: 'SPX', values: s.spx, format: 0 },
        { heading: 'short put', values: s.shortPut, format: 0 },
        { heading: 'condor', values: s.condorPnl, format: 'money' },
      ],
      days: 3,
    });
    expect(table.columns).toEqual(['Day', 'SPX', 'short put', 'condor']);
    expect(table.rows).toEqual([
      ['Day 0', '6,400', '—', '$0'],
      ['Day 1', '6,350', '6,200', '−$120'],
      ['Day 2', '6,500', '6,200', '$310'],
    ]);
  });
});

describe('dated days (historical replay)', () => {
  const dates = ['2020-03-13', '2020-03-16', '2020-03-17'];

  it.each([
    [1, undefined, 'day 1 of 2', 'Day 1'],
    [1, dates, '2020-03-16 (day 1 of 2)', '2020-03-16'],
    [7, dates, 'day 7 of 2', 'Day 7'],
  ])('day %s with dates %j reads "%s" and labels "%s"', (day, d, phrase, label) => {
    expect(dayPhrase(day, 2, d)).toBe(phrase);
    expect(dayLabel(day, d)).toBe(label);
  });

  it('a dated readout starts with the date instead of "Day d"', () => {
    const r = dayReadout({ series: series(), day: 1, layerNames: [], dates });
    expect(r.spx.startsWith('2020-03-16: SPX 6,350,')).toBe(true);
    expect(r.vix.startsWith('2020-03-16: VIX 21.3;')).toBe(true);
    expect(r.book).toBe('2020-03-16: condor alone −$120, condor + layers −$80.');
  });

  it('a dated table has a Date column with the dates as row headings', () => {
    const table = panelTable({
      caption: 'SPX by day',
      columns: [{ heading: 'SPX', values: series().spx, format: 0 }],
      days: 3,
      dates,
    });
    expect(table.columns).toEqual(['Date', 'SPX']);
    expect(table.rows.map((r) => r[0])).toEqual(dates);
  });
});

describe('dateTicks', () => {
  /** Weekdays from `from` for `n` days (enough for month starts; holidays do not matter here). */
  function weekdays(from: string, n: number): string[] {
    const out: string[] = [];
    for (let t = Date.parse(`${from}T00:00:00Z`); out.length < n; t += 86_400_000) {
      const d = new Date(t);
      if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
    }
    return out;
  }
  const scale = (dates: string[]) =>
    scaleLinear()
      .domain([0, dates.length - 1])
      .range([0, dates.length - 1]);

  it('ticks the first trading day of each month, "Feb 2020" … "Jun 2020", for half a year', () => {
    const dates = weekdays('2020-01-02', 125);
    const ticks = dateTicks({ dates, x: scale(dates), count: 8 });
    expect(ticks.map((t) => t.label)).toEqual([
      'Feb 2020',
      'Mar 2020',
      'Apr 2020',
      'May 2020',
      'Jun 2020',
    ]);
    for (const t of ticks) {
      expect(dates[t.value].slice(8)).toMatch(/^0[1-3]$/);
      expect(dates[t.value - 1].slice(5, 7)).not.toBe(dates[t.value].slice(5, 7));
      expect(t.position).toBe(t.value);
    }
  });

  it('thins to every k-th month on the calendar grid (Jan, Mar, May … for k = 2) when space is short', () => {
    const dates = weekdays('2020-01-02', 125);
    expect(dateTicks({ dates, x: scale(dates), count: 3 }).map((t) => t.label)).toEqual([
      'Mar 2020',
      'May 2020',
    ]);
  });

  it('labels years when a series spans many years', () => {
    const dates = weekdays('2015-06-01', 261 * 6);
    const labels = dateTicks({ dates, x: scale(dates), count: 6 }).map((t) => t.label);
    expect(labels).toEqual(['2016', '2017', '2018', '2019', '2020', '2021']);
  });

  it('a series inside one month gets a few days labelled with their dates', () => {
    const dates = weekdays('2020-03-02', 10);
    const ticks = dateTicks({ dates, x: scale(dates), count: 5 });
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    for (const t of ticks) expect(t.label).toBe(dates[t.value]);
  });
});

describe('explorer input adapters', () => {
  const s = series();
  const detail = (path: number): PathDetail => ({ path, events: [], series: s });

  it('a simulation gives one path per sampled path with a detail, labelled by role', () => {
    const input = explorerInputFromResult({
      capital: 100_000,
      layers: [{ name: 'Base' }, { name: 'Calls' }] as SimulationResult['layers'],
      sampledPaths: [
        { role: 'median', path: 12, condorPnl: 1200, hedgedPnl: 900 },
        { role: 'worst', path: 40, condorPnl: -5000, hedgedPnl: -2500 },
        { role: 'best', path: 99, condorPnl: 3000, hedgedPnl: 2800 },
      ],
      pathDetails: [detail(40), detail(12)],
    });
    expect(input.capital).toBe(100_000);
    expect(input.layerNames).toEqual(['Base', 'Calls']);
    expect(input.paths.map((p) => [p.key, p.label, p.name, p.dates])).toEqual([
      [
        'median-12',
        'Median path (#12: condor alone $1,200, with layers $900)',
        'median path',
        undefined,
      ],
      [
        'worst-40',
        'Worst path (#40: condor alone −$5,000, with layers −$2,500)',
        'worst path',
        undefined,
      ],
    ]);
  });

  it('a replay gives its one path with the dates and dated events', () => {
    const dates = ['2020-03-13', '2020-03-16', '2020-03-17'];
    const event = { day: 1, date: '2020-03-16' } as ReplayResult['events'][number];
    const input = explorerInputFromReplay({
      capital: 50_000,
      layers: [{ name: 'Calls' }] as ReplayResult['layers'],
      events: [event],
      series: { ...s, dates },
      replay: { from: dates[0], to: dates[2], rows: 3, clampedDays: 0, vixFloor: 11.8 },
    });
    expect(input.layerNames).toEqual(['Calls']);
    expect(input.paths).toHaveLength(1);
    expect(input.paths[0]).toMatchObject({
      key: 'replay-2020-03-13-2020-03-17',
      label: 'Replayed history, 2020-03-13 to 2020-03-17',
      name: 'replayed path',
      dates,
      events: [event],
    });
  });
});
