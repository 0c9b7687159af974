import { describe, expect, it } from 'vitest';
import { createInstrumentPricing } from '../../../../src/engine/instruments/pricing-context.ts';
import { createSpxOptionTable } from '../../../../src/engine/pricing/spx-option-table.ts';
import {
  createVixCurveTable,
  createVixOptionTable,
} from '../../../../src/engine/pricing/vix-tables.ts';
import { SVCJ_MARKET } from './fixtures.ts';

const market = SVCJ_MARKET;
const q = { kappa: market.kappaQ, theta: market.thetaQ, sigma: market.sigma, jumps: market.jumps };

describe('instrument pricing context', () => {
  const curve = createVixCurveTable({ ...q, maxHorizonYears: 0.5 });
  const pricing = createInstrumentPricing({ market, maxTimeYears: 0.5, vixCurve: curve });

  it('carries the market’s rate, dividend yield and horizon, and reuses a given VIX curve', () => {
    expect(pricing.rate).toBe(market.rate);
    expect(pricing.dividendYield).toBe(market.dividendYield);
    expect(pricing.maxTimeYears).toBe(0.5);
    expect(pricing.vixCurve).toBe(curve);
    expect(pricing.vixOptions.future(0.03, 0.2)).toBe(curve.future(0.03, 0.2));
  });

  it('its tables are the ones built directly from the Q side of the market (identical values)', () => {
    const spx = createSpxOptionTable({ params: market, maxTimeYears: 0.5 });
    const options = createVixOptionTable({ ...q, maxHorizonYears: 0.5, rate: market.rate, curve });
    for (const [v, k, t] of [
      [0.02, -0.05, 0.1],
      [0.05, 0.02, 0.3],
    ]) {
      expect(pricing.spx.price('put', v, k, t)).toBe(spx.price('put', v, k, t));
      expect(pricing.vixOptions.price('call', v, t, 22)).toBe(options.price('call', v, t, 22));
    }
  });

  it('builds its own curve when none is given', () => {
    const own = createInstrumentPricing({ market, maxTimeYears: 0.25 });
    expect(own.vixCurve.future(0.03, 0.2)).toBeCloseTo(curve.future(0.03, 0.2), 3);
  });
});
