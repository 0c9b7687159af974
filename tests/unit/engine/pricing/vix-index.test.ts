import { describe, expect, it } from 'vitest';
import { integrateGL } from '../../../../src/engine/math/gauss-legendre.ts';
import {
  VIX3M_TAU,
  VIX6M_TAU,
  VIX_TAU,
  hestonVix,
  vixCoefficients,
  varianceForVix,
} from '../../../../src/engine/pricing/vix-index.ts';

const jumps = { intensity: 0.8, meanLog: -0.08, sdLog: 0.12, varianceMean: 0.03 };

describe('VIX index from the instantaneous variance', () => {
  it('the windows are 30, 93 and 182 calendar days', () => {
    expect(VIX_TAU).toBe(30 / 365);
    expect(VIX3M_TAU).toBe(93 / 365);
    expect(VIX6M_TAU).toBe(182 / 365);
  });

  // Definition: VIX²/100² = (1/τ)∫₀^τ E[v_s] ds + 2λ(E[e^J] − 1 − E[J]), E[v_s] = θ' + (v − θ')e^{−κs},
  // θ' = θ + λμ_v/κ; integrated here by 20-point Gauss–Legendre (exact to rounding for this integrand).
  it.each([
    [0.02, 3, 0.05, VIX_TAU],
    [0.2, 5, 0.04, VIX_TAU],
    [0.04, 1.2, 0.06, VIX3M_TAU],
    [0.01, 6, 0.035, VIX6M_TAU],
  ])(
    'v = %d, κ = %d, θ = %d, τ = %d: matches the time average of E[v_s] plus the jump term (1e-12)',
    (v, kappa, theta, tau) => {
      const thetaPrime = theta + (jumps.intensity * jumps.varianceMean) / kappa;
      const average =
        integrateGL((s) => thetaPrime + (v - thetaPrime) * Math.exp(-kappa * s), 0, tau, 20) / tau;
      const kbar = Math.exp(jumps.meanLog + 0.5 * jumps.sdLog ** 2) - 1;
      const jumpTerm = 2 * jumps.intensity * (kbar - jumps.meanLog);
      const want = 100 * Math.sqrt(average + jumpTerm);
      expect(Math.abs(hestonVix({ v, kappa, theta, jumps, tau }) - want)).toBeLessThan(1e-12);
    },
  );

  it('vixCoefficients give the same level as hestonVix: 100·√(a v + c) (1e-13)', () => {
    for (const v of [0, 0.01, 0.09, 1.5]) {
      const { a, c } = vixCoefficients({ kappa: 4, theta: 0.05, jumps, tau: VIX3M_TAU });
      const direct = hestonVix({ v, kappa: 4, theta: 0.05, jumps, tau: VIX3M_TAU });
      expect(Math.abs(100 * Math.sqrt(a * v + c) - direct)).toBeLessThan(1e-13);
    }
  });

  it("at v = θ' with no price jumps the term structure is flat at 100·√θ' (1e-12)", () => {
    const varianceOnly = { ...jumps, meanLog: 0, sdLog: 0 };
    const kappa = 2.5;
    const thetaPrime = 0.04 + (jumps.intensity * jumps.varianceMean) / kappa;
    for (const tau of [VIX_TAU, VIX3M_TAU, VIX6M_TAU, 3]) {
      const vix = hestonVix({ v: thetaPrime, kappa, theta: 0.04, jumps: varianceOnly, tau });
      expect(Math.abs(vix - 100 * Math.sqrt(thetaPrime))).toBeLessThan(1e-12);
    }
  });

  it('below θ the curve is in contango (VIX < VIX3M < VIX6M), above it in backwardation', () => {
    const at = (v: number, tau: number): number => hestonVix({ v, kappa: 3, theta: 0.05, tau });
    expect(at(0.02, VIX_TAU)).toBeLessThan(at(0.02, VIX3M_TAU));
    expect(at(0.02, VIX3M_TAU)).toBeLessThan(at(0.02, VIX6M_TAU));
    expect(at(0.2, VIX_TAU)).toBeGreaterThan(at(0.2, VIX3M_TAU));
  });

  it('κ → 0 is continuous (κ = 1e-9 vs κ = 0 within 1e-9), and τ = 0 gives √(v + price-jump term)', () => {
    const near = hestonVix({ v: 0.03, kappa: 1e-9, theta: 0.04, jumps });
    const at = hestonVix({ v: 0.03, kappa: 0, theta: 0.04, jumps });
    expect(Math.abs(near - at)).toBeLessThan(1e-9);
    const noJumps = hestonVix({ v: 0.0625, kappa: 5, theta: 0.04, tau: 0 });
    expect(noJumps).toBeCloseTo(25, 12);
  });

  it('rejects negative or non-finite inputs', () => {
    expect(() => hestonVix({ v: -0.01, kappa: 1, theta: 0.04 })).toThrow(RangeError);
    expect(() => hestonVix({ v: 0.01, kappa: -1, theta: 0.04 })).toThrow(RangeError);
    expect(() => hestonVix({ v: 0.01, kappa: 1, theta: Number.NaN })).toThrow(RangeError);
    expect(() => vixCoefficients({ kappa: 1, theta: 0.04, tau: -1 })).toThrow(RangeError);
    expect(() =>
      vixCoefficients({ kappa: 1, theta: 0.04, jumps: { ...jumps, varianceMean: -1 } }),
    ).toThrow(RangeError);
  });
});

describe('varianceForVix', () => {
  const q = {
    kappa: 3,
    theta: 0.05,
    jumps: { intensity: 0.8, meanLog: -0.05, sdLog: 0.06, varianceMean: 0.03 },
  };

  it.each([12, 20, 45, 80])('inverts hestonVix at VIX %d (1e-12)', (vix) => {
    expect(hestonVix({ ...q, v: varianceForVix({ ...q, vix }) })).toBeCloseTo(vix, 12);
  });

  it('refuses a level below the floor, the VIX at v = 0', () => {
    const floor = hestonVix({ ...q, v: 0 });
    expect(varianceForVix({ ...q, vix: floor })).toBeCloseTo(0, 15);
    expect(() => varianceForVix({ ...q, vix: floor - 0.01 })).toThrow(
      /below what the model can reach/,
    );
  });
});
