import { describe, expect, it } from 'vitest';
import { expectedVixSquared, vixFuture } from '../../../../src/engine/pricing/vix-future.ts';
import { hestonVix, vixCoefficients } from '../../../../src/engine/pricing/vix-index.ts';
import { vixOption } from '../../../../src/engine/pricing/vix-option.ts';
import {
  createVixCurveTable,
  createVixOptionTable,
  createVvixTable,
} from '../../../../src/engine/pricing/vix-tables.ts';
import { vvixBlack76 } from '../../../../src/engine/pricing/vvix.ts';
import { createRng } from './exact-variance-sampler.ts';

// Two Q parameter sets: SVCJ near the project's defaults, and a Heston set with high vol of vol.
const parameterSets = [
  [
    'SVCJ κ=5 θ=0.04 σ=0.7',
    {
      kappa: 5,
      theta: 0.04,
      sigma: 0.7,
      jumps: { intensity: 1, meanLog: -0.05, sdLog: 0.05, varianceMean: 0.05 },
    },
  ],
  ['Heston κ=3 θ=0.05 σ=0.9', { kappa: 3, theta: 0.05, sigma: 0.9 }],
] as const;

describe.each(parameterSets)('VIX tables, %s', (_, params) => {
  const curve = createVixCurveTable({ ...params, maxHorizonYears: 1 });

  it('futures table max error < 0.0005 vol points vs vixFuture over v ∈ [0.001, 1], horizon ≤ 1y (400 seeded random points)', () => {
    const rng = createRng(11);
    let worst = 0;
    for (let i = 0; i < 400; i++) {
      const v = 0.001 + 0.999 * rng.uniform();
      const horizon = rng.uniform();
      worst = Math.max(
        worst,
        Math.abs(curve.future(v, horizon) - vixFuture({ ...params, v, horizon })),
      );
    }
    expect(worst).toBeLessThan(0.0005);
  });

  it('futures table: horizon 0 is the spot VIX (1e-9) and queries outside the grid clamp, never NaN', () => {
    for (const v of [0.003, 0.05, 0.7]) {
      expect(Math.abs(curve.future(v, 0) - hestonVix({ ...params, v }))).toBeLessThan(1e-9);
    }
    expect(curve.future(5, 3)).toBe(curve.future(2, 1));
    expect(curve.future(-1, -1)).toBe(curve.future(0, 0));
    expect(Number.isFinite(curve.future(Number.NaN, Number.NaN))).toBe(true);
  });

  it('VVIX table max error < 0.002 points vs vvixBlack76 over v ∈ [0.001, 1] (60 seeded random points)', () => {
    const table = createVvixTable(params);
    const rng = createRng(12);
    let worst = 0;
    for (let i = 0; i < 60; i++) {
      const v = 0.001 + 0.999 * rng.uniform();
      worst = Math.max(worst, Math.abs(table.vvix(v) - vvixBlack76({ ...params, v })));
    }
    expect(worst).toBeLessThan(0.002);
    expect(Number.isFinite(table.vvix(Number.NaN))).toBe(true);
  });

  it('a curve slice at a fixed horizon is within 0.002 vol points of the table over v ∈ [0, 2] (2,000 seeded points per horizon)', () => {
    const rng = createRng(12);
    for (const horizon of [0, 5 / 365, 30 / 365, 0.25, 1]) {
      const slice = curve.slice(horizon);
      let worst = 0;
      for (let i = 0; i < 2000; i++) {
        const v = 2 * rng.uniform() ** 2;
        worst = Math.max(worst, Math.abs(slice.future(v) - curve.future(v, horizon)));
      }
      expect(worst).toBeLessThan(0.002);
    }
  });

  it('a curve slice clamps v outside the grid like the table (v < 0 → 0, v > 2 → 2), never NaN', () => {
    const slice = curve.slice(0.25);
    expect(slice.future(-1)).toBeCloseTo(curve.future(0, 0.25), 9);
    expect(slice.future(50)).toBeCloseTo(curve.future(2, 0.25), 9);
    expect(Number.isNaN(slice.future(Number.NaN))).toBe(false);
  });

  describe('option table', () => {
    const table = createVixOptionTable({ ...params, maxHorizonYears: 1, curve, rate: 0.03 });

    it('max error < 0.005 points and < 0.5 % of prices above 0.05 vs vixOption, v ∈ [0.001, 1], 1 day ≤ h ≤ 1y, ln(K/F) ∈ [−√h, 1.5√h] (300 seeded random points)', () => {
      const rng = createRng(13);
      let worst = 0;
      let worstRelative = 0;
      for (let i = 0; i < 300; i++) {
        const v = 0.001 + 0.999 * rng.uniform();
        const horizon = 1 / 365 + (1 - 1 / 365) * rng.uniform();
        const forward = vixFuture({ ...params, v, horizon });
        const strike = forward * Math.exp((2.5 * rng.uniform() - 1) * Math.sqrt(horizon));
        const type = strike > forward ? 'call' : 'put';
        const direct = vixOption({ ...params, v, horizon, strike, type, rate: 0.03 });
        const error = Math.abs(table.price(type, v, horizon, strike) - direct);
        worst = Math.max(worst, error);
        if (direct > 0.05) worstRelative = Math.max(worstRelative, error / direct);
      }
      expect(worst).toBeLessThan(0.005);
      expect(worstRelative).toBeLessThan(0.005);
    });

    // Carr–Madan (1998): for X ≥ 0 with forward F, E[X²] = F² + 2∫₀^F P(K) dK + 2∫_F^∞ C(K) dK
    // (undiscounted prices). The strip of the table's OTM prices must give the closed form
    // E_Q[VIX²_h] = 100²·(a·E[v_h] + c). Bound: the table's price error (≤ 0.005 points, the test
    // above) over the strip's width W adds ≤ 2·0.005·W points²; the trapezoid (step 0.01) and
    // the truncated call tail (C(K_max) < 1e-4) add far less.
    it('its strip of OTM prices reproduces the closed-form E_Q[VIX²] within 2·0.005 × the strip width', () => {
      const rate = 0.03;
      for (const v of [0.02, 0.05, 0.15]) {
        for (const horizon of [0.1, 0.5]) {
          const forward = table.future(v, horizon);
          const floor = 100 * Math.sqrt(vixCoefficients(params).c);
          const growth = Math.exp(rate * horizon);
          const otm = (k: number) =>
            growth * table.price(k < forward ? 'put' : 'call', v, horizon, k);
          let kMax = forward;
          while (otm(kMax) > 1e-4) kMax += 1;
          const step = 0.01;
          let strip = 0;
          const lo = Math.max(floor, 0);
          const n = Math.ceil((kMax - lo) / step);
          for (let i = 0; i <= n; i++) {
            const k = lo + ((kMax - lo) * i) / n;
            strip += (i === 0 || i === n ? 0.5 : 1) * otm(k);
          }
          strip *= (kMax - lo) / n;
          const fromTable = forward * forward + 2 * strip;
          const closedForm = expectedVixSquared({ ...params, v, horizon });
          expect(Math.abs(fromTable - closedForm)).toBeLessThan(2 * 0.005 * (kMax - lo));
        }
      }
    });

    it('horizon 0 is intrinsic on the spot VIX; strikes at or below the VIX floor give a zero put and a forward call', () => {
      const spot = hestonVix({ ...params, v: 0.05 });
      expect(table.price('call', 0.05, 0, 15)).toBeCloseTo(Math.max(spot - 15, 0), 12);
      expect(table.price('put', 0.05, 0, 30)).toBeCloseTo(Math.max(30 - spot, 0), 12);
      const floor = 100 * Math.sqrt(vixCoefficients(params).c);
      const forward = table.future(0.05, 0.2);
      expect(table.price('put', 0.05, 0.2, 0.9 * floor)).toBe(0);
      expect(table.price('call', 0.05, 0.2, 0.9 * floor)).toBeCloseTo(
        Math.exp(-0.03 * 0.2) * (forward - 0.9 * floor),
        12,
      );
    });

    it('as the horizon shrinks below 1 day prices tend to intrinsic on the curve future', () => {
      const forward = table.future(0.04, 1e-6);
      expect(Math.abs(table.price('call', 0.04, 1e-6, forward - 2) - 2)).toBeLessThan(1e-3);
      expect(table.price('call', 0.04, 1e-6, forward + 2)).toBeLessThan(1e-6);
    });

    it('put–call parity holds in the table (1e-9) and out-of-range queries stay finite', () => {
      for (const [v, h, k] of [
        [0.04, 0.1, 18],
        [0.3, 0.7, 45],
        [3, 2, 400],
        [0, 1e-4, 1],
        [Number.NaN, 0.1, 20],
      ]) {
        const call = table.price('call', v, h, k);
        const put = table.price('put', v, h, k);
        expect(Number.isFinite(call) && Number.isFinite(put)).toBe(true);
        if (Number.isFinite(v)) {
          const forward = table.future(v, h);
          expect(Math.abs(call - put - Math.exp(-0.03 * h) * (forward - k))).toBeLessThan(1e-9);
        }
      }
    });
  });
});

describe('VIX table inputs', () => {
  it('reject a non-positive horizon or variance range', () => {
    const params = { kappa: 5, theta: 0.04, sigma: 0.7 };
    expect(() => createVixCurveTable({ ...params, maxHorizonYears: 0 })).toThrow(RangeError);
    expect(() => createVixOptionTable({ ...params, maxHorizonYears: -1 })).toThrow(RangeError);
    expect(() => createVvixTable({ ...params, maxVariance: 0 })).toThrow(RangeError);
  });
});
