/**
 * Test helper: where a value lands on a linear axis, read back from the axis's own ticks (the
 * first and last, whose positions are rounded to 0.1 px), so tests check geometry against the
 * drawn axis rather than against the scale the code under test built.
 */
import type { Tick } from '../../../../src/lib/charts/axis.ts';

export function pixelOf(value: number, ticks: readonly Tick[]): number {
  const a = ticks[0];
  const b = ticks[ticks.length - 1];
  return a.position + ((value - a.value) * (b.position - a.position)) / (b.value - a.value);
}

/** Tolerance for positions derived from 0.1 px-rounded ticks and 0.1 px-rounded marks, px. */
export const PX_TOLERANCE = 0.15;
