import { describe, expect, it } from 'vitest';
import type { FanChart } from '../../../../src/engine/index.ts';
import {
  fanClippingNote,
  fanIndexAt,
  fanModel,
  fanReadout,
  fanTable,
  maxOutOfRangeShare,
  quantileBands,
} from '../../../../src/lib/charts/fan.ts';
import { pixelOf, PX_TOLERANCE } from './ticks.ts';

/** Four days; day 2 has no values. Rows: the 5, 25, 50, 75 and 95 % quantiles. */
const chart: FanChart = {
  days: [0, 1, 2, 3],
  probs: [0.05, 0.25, 0.5, 0.75, 0.95],
  quantiles: [
    [100, 90, null, 80],
    [100, 95, null, 90],
    [100, 100, null, 100],
    [100, 105, null, 110],
    [100, 110, null, 120],
  ],
  resolution: 1,
  unit: 'index points',
};

describe('quantileBands', () => {
  it('reads each day’s five quantiles and adds the offset', () => {
    expect(quantileBands(chart, 1000)[1]).toEqual({
      day: 1,
      q05: 1090,
      q25: 1095,
      q50: 1100,
      q75: 1105,
      q95: 1110,
    });
  });

  it('matches levels by probability, whatever their order', () => {
    const shuffled: FanChart = {
      ...chart,
      probs: [0.95, 0.5, 0.05, 0.25, 0.75],
      quantiles: [
        chart.quantiles[4],
        chart.quantiles[2],
        chart.quantiles[0],
        chart.quantiles[1],
        chart.quantiles[3],
      ],
    };
    expect(quantileBands(shuffled)).toEqual(quantileBands(chart));
  });

  it.each([
    // case, chart, day, level
    [
      'a level the chart lacks',
      { ...chart, probs: [0.5], quantiles: [chart.quantiles[2]] },
      0,
      'q05',
    ],
    ['a null quantile', chart, 2, 'q50'],
    [
      'a non-finite quantile',
      { ...chart, quantiles: chart.quantiles.map((r) => r.map(() => Number.NaN)) },
      0,
      'q50',
    ],
  ] as const)('gives null for %s', (_, c, day, key) => {
    expect(quantileBands(c as FanChart)[day][key]).toBeNull();
  });
});

describe('fanModel', () => {
  const one = () =>
    fanModel({
      series: [{ label: 'SPX', chart, tone: 'market' }],
      width: 640,
      unit: 'index points',
    });

  it('places every quantile at its scaled value on the y axis', () => {
    const m = one();
    for (const v of [80, 100, 120])
      expect(Math.abs(m.y(v) - pixelOf(v, m.yTicks))).toBeLessThanOrEqual(PX_TOLERANCE);
    expect(m.y(80)).toBeLessThanOrEqual(m.frame.top + m.frame.innerHeight);
    expect(m.y(120)).toBeGreaterThanOrEqual(m.frame.top);
  });

  it('spans the days exactly, first to last', () => {
    const m = one();
    expect(m.dayX[0]).toBe(m.frame.left);
    expect(m.dayX[3]).toBe(m.frame.left + m.frame.innerWidth);
  });

  it('breaks the median and the bands at a day without values', () => {
    const s = one().series[0];
    for (const d of [s.median, s.inner, s.outer]) expect(d.match(/M/g)?.length).toBe(2);
  });

  it('legends one series by band and two series by name, the second dashed', () => {
    expect(one().legend.map((l) => [l.label, l.swatch])).toEqual([
      ['Median', 'line'],
      ['25–75 % of paths', 'band'],
      ['5–95 % of paths', 'band-outer'],
    ]);
    const two = fanModel({
      series: [
        { label: 'Condor alone', chart, tone: 'condor' },
        { label: 'Condor + layers', chart, tone: 'hedged', offset: 5 },
      ],
      width: 640,
      unit: 'dollars',
    });
    expect(two.legend.map((l) => [l.label, l.swatch, l.tone])).toEqual([
      ['Condor alone', 'line', 'condor'],
      ['Condor + layers', 'dashed', 'hedged'],
    ]);
    expect(two.series.map((s) => s.dashed)).toEqual([false, true]);
    expect(two.series[1].rows[1].q50).toBe(105);
  });

  it('is empty when no day has a value', () => {
    const blank: FanChart = { ...chart, quantiles: chart.quantiles.map((r) => r.map(() => null)) };
    const m = fanModel({
      series: [{ label: 'VIX', chart: blank, tone: 'market' }],
      width: 640,
      unit: 'VIX points',
    });
    expect(m.empty).toBe(true);
    expect(m.series[0].median).toBe('');
  });
});

describe('fanIndexAt, readout and table', () => {
  it.each([
    ['on day 1', (x: number[]) => x[1], 1],
    ['just right of the midpoint between days 1 and 2', (x: number[]) => (x[1] + x[2]) / 2 + 1, 2],
    ['left of the first day', (x: number[]) => x[0] - 50, 0],
    ['right of the last day', (x: number[]) => x[3] + 50, 3],
  ])('finds the nearest day %s', (_, at, expected) => {
    const m = fanModel({
      series: [{ label: 'SPX', chart, tone: 'market' }],
      width: 640,
      unit: 'index points',
    });
    expect(fanIndexAt(m, at(m.dayX))).toBe(expected);
  });

  it('reads a day as its median and both ranges, naming series when there are two', () => {
    const one = fanModel({
      series: [{ label: 'SPX', chart, tone: 'market' }],
      width: 640,
      unit: 'index points',
    });
    expect(fanReadout(one, 1, 'index points')).toBe(
      'Day 1: median 100 (25–75 %: 95 to 105; 5–95 %: 90 to 110)',
    );
    expect(fanReadout(one, 2, 'index points')).toBe(
      'Day 2: median — (25–75 %: — to —; 5–95 %: — to —)',
    );
    const two = fanModel({
      series: [
        { label: 'A', chart, tone: 'condor' },
        { label: 'B', chart, tone: 'hedged' },
      ],
      width: 640,
      unit: 'dollars',
    });
    expect(fanReadout(two, 0, 'dollars')).toBe(
      'Day 0: A median $100 (25–75 %: $100 to $100; 5–95 %: $100 to $100); B median $100 (25–75 %: $100 to $100; 5–95 %: $100 to $100)',
    );
  });

  it('tabulates one row per day with the five quantiles of each series', () => {
    const m = fanModel({
      series: [{ label: 'SPX', chart, tone: 'market' }],
      width: 640,
      unit: 'index points',
    });
    const t = fanTable({ model: m, caption: 'c', unit: 'index points' });
    expect(t.columns).toEqual(['Trading day', '5 %', '25 %', 'median', '75 %', '95 %']);
    expect(t.rows[3]).toEqual(['3', '80', '90', '100', '110', '120']);
    expect(t.rows[2]).toEqual(['2', '—', '—', '—', '—', '—']);
  });
});

describe('clipping: paths beyond the engine’s range', () => {
  const clipped = (shares: number[]): FanChart => ({ ...chart, outOfRangeShare: shares });

  it.each([
    // case, shares (undefined: a stored result from before the field), largest share
    ['no field (an older result)', undefined, 0],
    ['all zero', [0, 0, 0, 0], 0],
    ['one clipped day', [0, 0.032, 0, 0], 0.032],
    ['the largest of several days', [0.01, 0.2, 0.05, 0], 0.2],
    ['NaN and negative entries ignored', [Number.NaN, -0.5, 0.004, 0], 0.004],
  ] as const)('takes the largest share per day: %s', (_, shares, expected) => {
    const c: FanChart = shares === undefined ? chart : clipped([...shares]);
    expect(maxOutOfRangeShare(c)).toBe(expected);
  });

  it('says nothing when no day is clipped or the field is missing', () => {
    expect(fanClippingNote([{ label: 'SPX', chart, tone: 'market' }])).toBe('');
    expect(fanClippingNote([{ label: 'SPX', chart: clipped([0, 0, 0, 0]), tone: 'market' }])).toBe(
      '',
    );
  });

  it('gives the largest share of one series, rounded to 0.1 %', () => {
    expect(
      fanClippingNote([{ label: 'SPX', chart: clipped([0, 0.0321, 0.01, 0]), tone: 'market' }]),
    ).toBe(
      "Beyond the chart's range on some days: up to 3.2 % of paths (their quantiles are drawn at the edge).",
    );
  });

  it('says "fewer than 0.1 %" for a share that would round to 0.0 %', () => {
    // 1 path in 2,500 = 0.04 %; 1 in 2,000 = 0.05 % rounds up to 0.1 %.
    const note = (share: number) =>
      fanClippingNote([{ label: 'VIX', chart: clipped([0, share, 0, 0]), tone: 'market' }]);
    expect(note(1 / 2500)).toContain(': fewer than 0.1 % of paths (');
    expect(note(1 / 2000)).toContain(': up to 0.1 % of paths (');
  });

  it('names each clipped series when there are several, and only those', () => {
    const both = fanClippingNote([
      { label: 'Condor alone', chart: clipped([0, 0.004, 0, 0]), tone: 'condor' },
      { label: 'Condor + layers', chart: clipped([0, 0.05, 0.125, 0]), tone: 'hedged' },
    ]);
    expect(both).toBe(
      "Beyond the chart's range on some days: up to 0.4 % of paths for Condor alone and up to 12.5 % for Condor + layers (their quantiles are drawn at the edge).",
    );
    const one = fanClippingNote([
      { label: 'Condor alone', chart, tone: 'condor' },
      { label: 'Condor + layers', chart: clipped([0, 0.05, 0, 0]), tone: 'hedged' },
    ]);
    expect(one).toBe(
      "Beyond the chart's range on some days: up to 5.0 % of paths for Condor + layers (their quantiles are drawn at the edge).",
    );
  });
});
