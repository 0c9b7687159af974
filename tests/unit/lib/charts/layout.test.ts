import { describe, expect, it } from 'vitest';
import {
  assignRows,
  chartWidth,
  DEFAULT_CHART_WIDTH,
  legendLayout,
  plotFrame,
  ROW_HEIGHT,
  stepIndex,
  textWidth,
  toViewBox,
} from '../../../../src/lib/charts/layout.ts';

describe('chartWidth', () => {
  it.each([
    [undefined, DEFAULT_CHART_WIDTH],
    [null, DEFAULT_CHART_WIDTH],
    [0, DEFAULT_CHART_WIDTH],
    [Number.NaN, DEFAULT_CHART_WIDTH],
    [-5, DEFAULT_CHART_WIDTH],
    [100, 280],
    [390.4, 390],
    [1280, 1280],
  ])('a measured width of %s lays out at %s px', (measured, expected) => {
    expect(chartWidth(measured)).toBe(expected);
  });
});

describe('plotFrame', () => {
  it.each([
    // width, plot height = clamp(0.45 × width, 200, 300), compact below 480 px
    [390, 200, true],
    [640, 288, false],
    [1280, 300, false],
  ])('at %s px the plot is %s px tall (compact: %s)', (width, innerHeight, compact) => {
    const f = plotFrame({ width });
    expect(f.innerHeight).toBe(innerHeight);
    expect(f.compact).toBe(compact);
    expect(f.left + f.innerWidth).toBeLessThan(width);
    expect(f.height).toBe(f.top + f.innerHeight + 44);
  });

  it('adds the legend and label rows above the plot', () => {
    expect(plotFrame({ width: 640, topExtra: 40 }).top - plotFrame({ width: 640 }).top).toBe(40);
  });

  it('takes the plot height from the content when given', () => {
    expect(plotFrame({ width: 640, plotHeight: 512 }).innerHeight).toBe(512);
  });
});

describe('legendLayout', () => {
  const item = (label: string) => ({ label, swatch: 'line' as const, tone: 'condor' });

  it('puts entries on one row when they fit', () => {
    const { items, height } = legendLayout({
      items: [item('A'), item('B')],
      left: 10,
      maxWidth: 500,
    });
    expect(items.map((i) => i.y)).toEqual([ROW_HEIGHT / 2, ROW_HEIGHT / 2]);
    expect(items[0].x).toBe(10);
    expect(items[1].x).toBeGreaterThan(10 + textWidth('A'));
    expect(height).toBe(ROW_HEIGHT);
  });

  it('wraps to a new row at the left edge when the next entry would overflow', () => {
    const long = 'x'.repeat(30); // 30 × 7.2 px + swatch ≈ 242 px per entry
    const { items, height } = legendLayout({
      items: [item(long), item(long), item(long)],
      left: 0,
      maxWidth: 500,
    });
    expect(items.map((i) => [i.x, i.y])).toEqual([
      [0, 9],
      [items[1].x, 9],
      [0, 27],
    ]);
    expect(height).toBe(2 * ROW_HEIGHT);
  });

  it('gives an entry wider than the row a row of its own', () => {
    const { items } = legendLayout({
      items: [item('x'.repeat(100)), item('y')],
      left: 0,
      maxWidth: 200,
    });
    expect(items.map((i) => i.y)).toEqual([9, 27]);
  });

  it('has no height without entries', () => {
    expect(legendLayout({ items: [], left: 0, maxWidth: 100 }).height).toBe(0);
  });
});

describe('assignRows', () => {
  it.each([
    [
      'disjoint labels share a row',
      [
        [0, 10],
        [20, 30],
      ],
      [0, 0],
      1,
    ],
    [
      'overlapping labels take two rows',
      [
        [0, 10],
        [5, 15],
      ],
      [0, 1],
      2,
    ],
    [
      'a label closer than the gap moves down',
      [
        [0, 10],
        [12, 20],
      ],
      [0, 1],
      2,
    ],
    [
      'a freed row is reused',
      [
        [0, 10],
        [5, 15],
        [20, 30],
      ],
      [0, 1, 0],
      2,
    ],
    [
      'rows follow the input order, not the sorted one',
      [
        [20, 30],
        [0, 25],
      ],
      [1, 0],
      2,
    ],
  ])('%s', (_, extents, rows, count) => {
    const input = extents.map(([start, end]) => ({ start, end }));
    expect(assignRows(input, 4)).toEqual({ rows, count });
  });
});

describe('toViewBox', () => {
  it('scales client coordinates to the viewBox', () => {
    const p = toViewBox({
      clientX: 110,
      clientY: 70,
      box: { left: 10, top: 20, width: 320, height: 200 },
      viewWidth: 640,
      viewHeight: 400,
    });
    expect(p).toEqual({ x: 200, y: 100 });
  });

  it('gives null for a box that is not laid out', () => {
    const box = { left: 0, top: 0, width: 0, height: 0 };
    expect(toViewBox({ clientX: 1, clientY: 1, box, viewWidth: 640, viewHeight: 400 })).toBeNull();
  });
});

describe('stepIndex', () => {
  it.each([
    ['ArrowRight', null, 'horizontal', 0],
    ['ArrowLeft', null, 'horizontal', 9],
    ['ArrowRight', 3, 'horizontal', 4],
    ['ArrowRight', 9, 'horizontal', 9],
    ['ArrowLeft', 0, 'horizontal', 0],
    ['PageUp', 3, 'horizontal', 9],
    ['PageDown', 3, 'horizontal', 0],
    ['Home', 5, 'horizontal', 0],
    ['End', 5, 'horizontal', 9],
    ['ArrowDown', 3, 'vertical', 4],
    ['ArrowUp', 3, 'vertical', 2],
    ['ArrowDown', 3, 'horizontal', undefined],
    ['a', 3, 'horizontal', undefined],
  ] as const)('%s from %s (%s, 10 items) → %s', (key, index, orientation, expected) => {
    expect(stepIndex({ key, index, count: 10, orientation })).toBe(expected);
  });

  it('handles nothing when there are no items', () => {
    expect(stepIndex({ key: 'ArrowRight', index: null, count: 0 })).toBeUndefined();
  });
});
