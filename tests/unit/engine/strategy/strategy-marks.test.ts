import { describe, expect, it } from 'vitest';
import { createInstrumentPricing } from '../../../../src/engine/instruments/pricing-context.ts';
import {
  createStrategyMarks,
  createTableStrategyMarks,
} from '../../../../src/engine/strategy/strategy-marks.ts';
import { SVCJ_MARKET } from '../instruments/fixtures.ts';

// spxOptionFromLogs takes k = ln K − ln S − (r − q)t instead of ln(K/S) − (r − q)t: the two
// differ by a few ulps of k, and a price per unit spot moves by at most |∂P/∂k| ≤ 1 per unit k,
// so marks agree to ~1e-15 of spot; 1e-9 points at S = 5000 leaves room for the slices' linear
// interpolation in k, which is no steeper.
const TOLERANCE = 1e-9;

describe('strategy marks: SPX options from logarithms', () => {
  const pricing = createInstrumentPricing({ market: SVCJ_MARKET, maxTimeYears: 0.2 });
  const spot = 5000;
  const cases = [
    ['put', 4500, 0.01, 1],
    ['put', 4900, 0.04, 24],
    ['call', 5200, 0.02, 10],
    ['call', 4800, 0.09, 30],
    ['put', 5300, 0.03, 5],
    // Beyond the slices' maxDays (0.2·252 → 51): the table, with its own carry.
    ['call', 5100, 0.02, 60],
  ] as const;

  it.each([
    ['slices', createStrategyMarks(pricing)],
    ['tables', createTableStrategyMarks(pricing)],
  ] as const)('%s: equal to spxOption with the strike itself (1e-9 points)', (_, marks) => {
    const lnS = Math.log(spot);
    for (const [type, strike, v, days] of cases) {
      const direct = marks.spxOption(type, strike, spot, v, days);
      const fromLogs = marks.spxOptionFromLogs(type, Math.log(strike), lnS, spot, v, days);
      expect(direct).toBeGreaterThan(0);
      expect(Math.abs(fromLogs - direct)).toBeLessThan(TOLERANCE);
    }
  });
});
