import { describe, expect, it } from 'vitest';
import type { LayerReport } from '../../../../src/engine/index.ts';
import {
  attributionGroupAt,
  attributionModel,
  attributionReadout,
  attributionTable,
  truncate,
} from '../../../../src/lib/charts/attribution.ts';
import { textWidth } from '../../../../src/lib/charts/layout.ts';
import { pixelOf, PX_TOLERANCE } from './ticks.ts';

function layer(overrides: Partial<LayerReport> = {}): LayerReport {
  return {
    name: 'Calls at VIX 20',
    meanPnl: -835,
    meanPnlStdErr: 114,
    meanCost: 3797,
    meanCostStdErr: 93,
    meanPayoff: 2962,
    meanPayoffStdErr: 165,
    triggersPerPath: 1.16,
    rollsPerPath: 0.78,
    takeProfitsPerPath: 0.37,
    tradedShare: 0.912,
    tradedShareStdErr: 0.012,
    funding: 'trading-capital',
    ...overrides,
  };
}

const layers = [
  layer({ name: 'Short-vol base', meanPnl: 7, meanCost: 5, meanPayoff: 12 }),
  layer(),
  layer({ name: 'Budget calls', funding: 'external-budget', meanPnl: null, meanPnlStdErr: null }),
];

describe('attributionModel', () => {
  it('starts every bar at zero and ends it at the scaled value', () => {
    const m = attributionModel({ layers, width: 640 });
    const zero = pixelOf(0, m.xTicks);
    expect(Math.abs(m.zeroX - zero)).toBeLessThanOrEqual(PX_TOLERANCE);
    for (const bar of m.groups.flatMap((g) => g.bars)) {
      const end = pixelOf(bar.value, m.xTicks);
      const [from, to] = bar.value < 0 ? [bar.x + bar.width, bar.x] : [bar.x, bar.x + bar.width];
      // x and width are each rounded to 0.1 px, so their sum may be off by two roundings.
      expect(Math.abs(from - zero)).toBeLessThanOrEqual(2 * PX_TOLERANCE);
      expect(Math.abs(to - end)).toBeLessThanOrEqual(2 * PX_TOLERANCE);
    }
  });

  it('spans each whisker from value − 1 SE to value + 1 SE', () => {
    const m = attributionModel({ layers, width: 640 });
    const pnl = m.groups[1].bars.find((b) => b.measure === 'pnl')!;
    expect(Math.abs(pnl.errLo! - pixelOf(-835 - 114, m.xTicks))).toBeLessThanOrEqual(PX_TOLERANCE);
    expect(Math.abs(pnl.errHi! - pixelOf(-835 + 114, m.xTicks))).toBeLessThanOrEqual(PX_TOLERANCE);
  });

  it('draws no bar for a figure the engine reports as null', () => {
    const m = attributionModel({ layers, width: 640 });
    expect(m.groups[2].bars.map((b) => b.measure)).toEqual(['cost', 'payoff']);
  });

  it('names a layer paid from an external budget as such', () => {
    expect(attributionModel({ layers, width: 640 }).groups[2].name).toBe(
      'Budget calls (external budget)',
    );
  });

  it.each([320, 390, 640, 1280])('keeps every value label inside a %s px chart', (width) => {
    const m = attributionModel({ layers, width });
    for (const bar of m.groups.flatMap((g) => g.bars)) {
      const w = textWidth(bar.label);
      const [start, end] =
        bar.anchor === 'end' ? [bar.labelX - w, bar.labelX] : [bar.labelX, bar.labelX + w];
      expect(start).toBeGreaterThanOrEqual(0);
      expect(end).toBeLessThanOrEqual(width);
    }
  });

  it('stacks the groups, and finds the group under a point', () => {
    const m = attributionModel({ layers, width: 640 });
    expect(m.groups[1].top).toBe(m.groups[0].bottom);
    expect(attributionGroupAt(m, (m.groups[1].top + m.groups[1].bottom) / 2)).toBe(1);
    expect(attributionGroupAt(m, m.groups[2].bottom + 1)).toBeNull();
  });

  it('is empty without layers', () => {
    const m = attributionModel({ layers: [], width: 640 });
    expect(m.empty).toBe(true);
    expect(m.groups).toEqual([]);
  });
});

describe('truncate', () => {
  it.each([
    ['Short', 100, 'Short'],
    ['Calls at VIX 25 or backwardation', 100, 'Calls at VIX…'],
  ])('%s in %s px → %s', (text, width, expected) => {
    expect(truncate(text, width)).toBe(expected);
    expect(textWidth(truncate(text, width))).toBeLessThanOrEqual(width);
  });
});

describe('readout and table', () => {
  it('reads a layer as its three means with standard errors', () => {
    expect(attributionReadout(layers, 1)).toBe(
      'Calls at VIX 20: mean cost $3,797 ± $93, mean payoff $2,962 ± $165, mean P&L −$835 ± $114 per path; traded on 91.2 % of paths',
    );
  });

  it('tabulates every figure, with a dash for a missing one', () => {
    const t = attributionTable({ layers, caption: 'c' });
    expect(t.columns).toHaveLength(9);
    expect(t.rows[2]).toEqual([
      'Budget calls',
      '$3,797 ± $93',
      '$2,962 ± $165',
      '—',
      '1.16',
      '0.78',
      '0.37',
      '91.2 % ± 1.2 %',
      'external budget',
    ]);
  });
});
