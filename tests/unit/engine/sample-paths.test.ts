import { describe, expect, it } from 'vitest';
import { samplePaths } from '../../../src/engine/simulate.ts';
import { createPathOutcomes } from '../../../src/engine/stats/path-outcomes.ts';

/** Outcomes of paths with these hedged P&Ls (condor P&L the same, no breach), first path 100. */
function outcomesWith(hedged: number[]) {
  const outcomes = createPathOutcomes({
    firstPath: 100,
    pathCount: hedged.length,
    days: 252,
    layerNames: [],
  });
  outcomes.hedged.pnl.set(hedged);
  outcomes.condorOnly.pnl.set(hedged);
  return outcomes;
}

/** The reference: indices ordered by (value, index), the one at rank ⌊(n − 1)/2⌋. */
function referenceMedian(values: number[]): number {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  return order[Math.floor((values.length - 1) / 2)];
}

describe('samplePaths', () => {
  it('picks the median path of the hedged book by its global index (odd count)', () => {
    const sampled = samplePaths(outcomesWith([5, -3, 9, 1, 7]));
    expect(sampled.find((s) => s.role === 'median')).toMatchObject({ path: 100, hedgedPnl: 5 });
  });

  it('takes the lower middle for an even count, as the type-1 median', () => {
    const sampled = samplePaths(outcomesWith([4, 1, 3, 2]));
    expect(sampled.find((s) => s.role === 'median')?.path).toBe(100 + 3);
  });

  it('breaks ties in the median value by path index, as ordering by (value, index) does', () => {
    for (const values of [
      [2, 2, 2, 2, 2],
      [1, 2, 2, 0, 2, 3, 2],
      [0, -0, 0, -0],
      [5, 5, 1, 5, 9, 5, 5, 0],
    ]) {
      const median = samplePaths(outcomesWith(values)).find((s) => s.role === 'median');
      expect(median?.path).toBe(100 + referenceMedian(values));
    }
  });

  it('picks the worst and best hedged paths', () => {
    const sampled = samplePaths(outcomesWith([5, -3, 9, 1, 7]));
    expect(sampled.find((s) => s.role === 'worst')?.path).toBe(101);
    expect(sampled.find((s) => s.role === 'best')?.path).toBe(102);
  });
});
