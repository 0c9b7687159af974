import { describe, expect, it } from 'vitest';
import {
  axisTitle,
  formatValue,
  linearTicks,
  niceLinear,
  tickCount,
  type AxisUnit,
} from '../../../../src/lib/charts/axis.ts';

describe('linearTicks', () => {
  it.each([
    [
      'dollars',
      [-46_000, 18_000],
      8,
      ['−$50k', '−$40k', '−$30k', '−$20k', '−$10k', '$0', '$10k', '$20k'],
    ],
    ['dollars', [-1500, 4500], 6, ['−$2k', '−$1k', '$0', '$1k', '$2k', '$3k', '$4k', '$5k']],
    ['dollars', [-1000, 1500], 5, ['−$1,000', '−$500', '$0', '$500', '$1,000', '$1,500']],
    ['dollars', [0, 400], 4, ['$0', '$100', '$200', '$300', '$400']],
    ['dollars', [95_000, 115_000], 4, ['$95k', '$100k', '$105k', '$110k', '$115k']],
    [
      'index points',
      [6010, 7420],
      6,
      ['6,000', '6,200', '6,400', '6,600', '6,800', '7,000', '7,200', '7,400', '7,600'],
    ],
    ['VIX points', [10, 53], 5, ['10', '20', '30', '40', '50', '60']],
    ['share', [0, 0.19], 5, ['0 %', '5 %', '10 %', '15 %', '20 %']],
    ['share', [0, 0.012], 4, ['0 %', '0.2 %', '0.4 %', '0.6 %', '0.8 %', '1 %', '1.2 %']],
    ['days', [0, 63], 8, ['0', '10', '20', '30', '40', '50', '60', '70']],
  ] as const)('%s over %j with about %s ticks: %j', (unit, domain, count, labels) => {
    const scale = niceLinear({ domain, range: [0, 100], ticks: count });
    expect(linearTicks({ scale, count, unit: unit as AxisUnit }).map((t) => t.label)).toEqual(
      labels,
    );
  });

  it('places each tick at its scaled value, rounded to 0.1 px', () => {
    const scale = niceLinear({ domain: [0, 3], range: [10, 110], ticks: 3 });
    const ticks = linearTicks({ scale, count: 3, unit: 'days' });
    expect(ticks.map((t) => [t.value, t.position])).toEqual([
      [0, 10],
      [1, 43.3],
      [2, 76.7],
      [3, 110],
    ]);
  });
});

describe('niceLinear', () => {
  it.each([
    ['a degenerate domain is widened by one each way', [5, 5], [4, 6]],
    ['a reversed domain is put in order', [10, 0], [0, 10]],
    ['a non-finite end falls back to [0, 1]', [Number.NaN, 3], [0, 1]],
    ['ends are extended to nice values', [0.3, 9.7], [0, 10]],
  ] as const)('%s', (_, domain, expected) => {
    expect(niceLinear({ domain, range: [0, 1], ticks: 5 }).domain()).toEqual(expected);
  });
});

describe('tickCount', () => {
  it.each([
    [560, 80, 7],
    [300, 80, 3],
    [50, 80, 2],
  ])('%s px at %s px spacing → %s ticks', (length, spacing, count) => {
    expect(tickCount(length, spacing)).toBe(count);
  });
});

describe('formatValue and axisTitle', () => {
  it.each([
    [-12_345.6, 'dollars', '−$12,346'],
    [6812.4, 'index points', '6,812'],
    [21.44, 'VIX points', '21.4'],
    [0.1234, 'share', '12.3 %'],
    [21, 'days', 'day 21'],
    [Number.NaN, 'dollars', '—'],
    [null, 'VIX points', '—'],
    [Number.POSITIVE_INFINITY, 'days', '—'],
  ] as const)('formatValue(%s, %s) = %s', (value, unit, expected) => {
    expect(formatValue(value, unit)).toBe(expected);
  });

  it.each([
    ['dollars', 'P&L ($)'],
    ['share', 'P&L (% of paths)'],
    ['days', 'P&L (trading days)'],
  ] as const)('names the unit %s', (unit, expected) => {
    expect(axisTitle('P&L', unit)).toBe(expected);
  });
});
