import { describe, expect, it } from 'vitest';
import { TermStructureIndicator } from '../../../../src/engine/indicators/term-structure.ts';

describe('TermStructureIndicator', () => {
  const curves = [
    { name: 'contango', front: 18, second: 19.5, slope: 1.5, backwardation: 0, contango: 1.5 / 18 },
    { name: 'backwardation', front: 35, second: 30, slope: -5, backwardation: 1, contango: -1 / 7 },
    { name: 'a flat curve', front: 20, second: 20, slope: 0, backwardation: 0, contango: 0 },
    { name: 'a barely inverted curve', front: 20.01, second: 20, slope: -0.01, backwardation: 1 },
  ];

  it.each(curves)('reads $name on one path among several', (curve) => {
    const indicator = new TermStructureIndicator({ pathCount: curves.length });
    indicator.update(
      Float64Array.from(curves, (c) => c.front),
      Float64Array.from(curves, (c) => c.second),
    );
    const i = curves.indexOf(curve);
    // One subtraction / division of two-decimal quotes: a few ulps of 35.
    expect(Math.abs(indicator.slope[i] - curve.slope)).toBeLessThanOrEqual(1e-13);
    expect(indicator.backwardation[i]).toBe(curve.backwardation);
    const contango = curve.contango ?? curve.second / curve.front - 1;
    expect(Math.abs(indicator.contango[i] - contango)).toBeLessThanOrEqual(1e-15);
  });

  it('follows a curve that inverts and recovers day by day, per path', () => {
    const days = [
      { front: [18, 22], second: [19, 23], flags: [0, 0] },
      { front: [25, 22], second: [24.5, 23], flags: [1, 0] },
      { front: [30, 40], second: [27, 33], flags: [1, 1] },
      { front: [19, 40], second: [20, 33], flags: [0, 1] },
    ];
    const indicator = new TermStructureIndicator({ pathCount: 2 });
    for (const day of days) {
      indicator.update(Float64Array.from(day.front), Float64Array.from(day.second));
      expect(Array.from(indicator.backwardation)).toEqual(day.flags);
      expect(Array.from(indicator.slope)).toEqual(day.second.map((f2, i) => f2 - day.front[i]));
    }
    expect(indicator.updateCount).toBe(days.length);
  });

  it('is NaN with no backwardation flag before the first update', () => {
    const indicator = new TermStructureIndicator({ pathCount: 3 });
    expect(indicator.ready).toBe(false);
    for (let i = 0; i < 3; i++) {
      expect(indicator.slope[i]).toBeNaN();
      expect(indicator.contango[i]).toBeNaN();
      expect(indicator.backwardation[i]).toBe(0);
    }
  });

  it.each([
    { front: 0, second: 20 },
    { front: 20, second: -1 },
    { front: Number.NaN, second: 20 },
    { front: 20, second: Infinity },
  ])('rejects front $front, second $second before changing any state', ({ front, second }) => {
    const indicator = new TermStructureIndicator({ pathCount: 2 });
    indicator.update(Float64Array.of(20, 30), Float64Array.of(21, 28));
    expect(() => indicator.update(Float64Array.of(18, front), Float64Array.of(19, second))).toThrow(
      RangeError,
    );
    expect(Array.from(indicator.backwardation)).toEqual([0, 1]);
    expect(indicator.slope[0]).toBe(1);
    expect(indicator.updateCount).toBe(1);
  });

  it('rejects short input arrays and a bad path count', () => {
    const indicator = new TermStructureIndicator({ pathCount: 2 });
    expect(() => indicator.update(new Float64Array(2).fill(20), new Float64Array(1))).toThrow(
      RangeError,
    );
    expect(() => new TermStructureIndicator({ pathCount: 0.5 })).toThrow(RangeError);
  });
});
