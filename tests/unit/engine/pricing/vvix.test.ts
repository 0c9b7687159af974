import { describe, expect, it } from 'vitest';
import { normInv } from '../../../../src/engine/math/normal.ts';
import { VIX_TAU, vixCoefficients } from '../../../../src/engine/pricing/vix-index.ts';
import { createVixSmile } from '../../../../src/engine/pricing/vix-option.ts';
import { vvixBlack76, vvixLogContract } from '../../../../src/engine/pricing/vvix.ts';
import { createRng, sampleVariance } from './exact-variance-sampler.ts';

const base = { kappa: 5, theta: 0.04, sigma: 0.7 };
const jumps = { intensity: 1, meanLog: -0.05, sdLog: 0.05, varianceMean: 0.05 };

describe('model VVIX', () => {
  // At the money Black-76 inverts in closed form: C/F = 2Φ(σ√T/2) − 1.
  it.each([0.01, 0.04, 0.15])(
    'Black-76 VVIX at v = %d equals the explicit ATM inversion (1e-9 points)',
    (v) => {
      for (const j of [undefined, jumps]) {
        const smile = createVixSmile({ v, ...base, jumps: j, horizon: VIX_TAU });
        const ratio = smile.call(smile.forward) / smile.forward;
        const explicit = (100 * 2 * normInv(0.5 * (1 + ratio))) / Math.sqrt(VIX_TAU);
        expect(Math.abs(vvixBlack76({ v, ...base, jumps: j }) - explicit)).toBeLessThan(1e-9);
      }
    },
  );

  it('the discount rate cancels at the money (1e-9)', () => {
    const plain = vvixBlack76({ v: 0.04, ...base, jumps });
    expect(Math.abs(vvixBlack76({ v: 0.04, ...base, jumps, rate: 0.05 }) - plain)).toBeLessThan(
      1e-9,
    );
  });

  // κ = 5, θ = 0.04, σ = 0.7: VVIX 79–124 (Heston) and 75–105 (with the variance jumps above) for
  // v from 0.01 to 0.2; history's VVIX averages 94 (DESIGN §8).
  it.each([0.01, 0.02, 0.04, 0.08, 0.12, 0.2])(
    'v = %d: Black-76 VVIX is in the plausible range 60–150 points, with and without jumps',
    (v) => {
      for (const j of [undefined, jumps]) {
        const vvix = vvixBlack76({ v, ...base, jumps: j });
        expect(vvix).toBeGreaterThan(60);
        expect(vvix).toBeLessThan(150);
      }
    },
  );

  it('rises with the vol of variance σ', () => {
    const at = (sigma: number): number => vvixBlack76({ v: 0.04, kappa: 5, theta: 0.04, sigma });
    expect(at(0.5)).toBeLessThan(at(0.7));
    expect(at(0.7)).toBeLessThan(at(0.9));
  });

  // The log-contract gap q = ln E[VIX_T] − E[ln VIX_T] by exact-sampling Monte Carlo (200k draws,
  // fixed seed); its standard error by the delta method, influence VIX_i/F − ln VIX_i. VVIX² =
  // (2/T)·q·100², so the model's q must lie within 3 SE of the sample's.
  it.each([
    ['Heston', undefined],
    ['SVCJ', jumps],
  ] as const)(
    '%s: log-contract VVIX agrees with Monte Carlo within 3 SE of the log-contract gap',
    (_, j) => {
      const rng = createRng(99);
      const v = 0.05;
      const horizon = VIX_TAU;
      const { a, c } = vixCoefficients({ kappa: base.kappa, theta: base.theta, jumps: j });
      const model = { ...base, jumpIntensity: j?.intensity, jumpMean: j?.varianceMean };
      const n = 200_000;
      const vix = new Float64Array(n);
      for (let i = 0; i < n; i++)
        vix[i] = 100 * Math.sqrt(a * sampleVariance(rng, model, v, horizon) + c);
      let sum = 0;
      let sumLog = 0;
      for (const x of vix) {
        sum += x;
        sumLog += Math.log(x);
      }
      const forward = sum / n;
      const gap = Math.log(forward) - sumLog / n;
      let ss = 0;
      let meanInfluence = 0;
      for (const x of vix) meanInfluence += x / forward - Math.log(x);
      meanInfluence /= n;
      for (const x of vix) ss += (x / forward - Math.log(x) - meanInfluence) ** 2;
      const stdErr = Math.sqrt(ss / (n - 1) / n);
      const modelGap =
        (vvixLogContract({ v, ...base, jumps: j, horizon }) / 100) ** 2 * (horizon / 2);
      expect(Math.abs(modelGap - gap)).toBeLessThan(3 * stdErr);
    },
  );

  it('rejects non-positive horizons', () => {
    expect(() => vvixLogContract({ v: 0.04, ...base, horizon: 0 })).toThrow(RangeError);
    expect(() => vvixBlack76({ v: 0.04, ...base, horizon: -1 })).toThrow(RangeError);
  });
});
