import { describe, expect, it } from 'vitest';
import type { Complex } from '../../../../src/engine/math/complex.ts';
import { integrateGL } from '../../../../src/engine/math/gauss-legendre.ts';
import { normPdf } from '../../../../src/engine/math/normal.ts';
import { blackScholes } from '../../../../src/engine/pricing/black-scholes.ts';
import {
  hestonCharacteristicFunction,
  hestonLogCfTerms,
  type HestonDynamics,
  type HestonJumps,
} from '../../../../src/engine/pricing/heston-characteristic.ts';
import {
  expectedIntegratedVariance,
  hestonPrice,
  hestonPriceCos,
  type HestonPriceInput,
} from '../../../../src/engine/pricing/heston-price.ts';

// Alan Lewis' reference prices and the Bates/Merton vectors are checked in
// pricing-vectors-spx.test.ts; this file checks identities, limits and an independent Monte Carlo.

const HESTON: HestonDynamics = { kappa: 2, theta: 0.048, sigma: 0.6, rho: -0.72 };
const BATES_JUMPS: HestonJumps = { intensity: 2, meanLog: -0.05, sdLog: 0.05 };
const SVCJ_JUMPS: HestonJumps = { ...BATES_JUMPS, varianceMean: 0.05 };
const MODELS: [string, HestonDynamics][] = [
  ['Heston', HESTON],
  ['Bates', { ...HESTON, jumps: BATES_JUMPS }],
  ['SVCJ', { ...HESTON, jumps: SVCJ_JUMPS }],
];
const market = { spot: 100, rate: 0.03, dividendYield: 0.01, v0: 0.03 };
const input = (
  dynamics: HestonDynamics,
  over: Partial<HestonPriceInput> = {},
): HestonPriceInput => ({
  type: 'call',
  strike: 100,
  time: 0.5,
  ...market,
  ...dynamics,
  ...over,
});

const cAbs = (z: Complex) => Math.hypot(z.re, z.im);

describe('Heston/Bates/SVCJ characteristic function of X = ln(S_t/F_t)', () => {
  it.each(MODELS)('%s: φ(0) = 1 and φ(−i) = 1 (the forward is a martingale) to 1e-13', (_, dyn) => {
    for (const time of [0.01, 1, 30]) {
      for (const u of [
        { re: 0, im: 0 },
        { re: 0, im: -1 },
      ]) {
        const phi = hestonCharacteristicFunction({ ...dyn, v0: 0.03, time, u });
        expect(cAbs({ re: phi.re - 1, im: phi.im })).toBeLessThan(1e-13);
      }
    }
  });

  it('with σ = 0 and no jumps X is Gaussian: ln φ(u) = −(iu + u²)·E[∫v]/2 (1e-13 relative)', () => {
    const dyn = { ...HESTON, sigma: 0 };
    for (const time of [0.01, 1, 10]) {
      const w = expectedIntegratedVariance(dyn, 0.09, time);
      for (const u of [0.5, 3, 20]) {
        const t = hestonLogCfTerms(dyn, { re: u, im: 0 }, time);
        const l = {
          re: t.constant.re + 0.09 * t.varianceCoefficient.re,
          im: t.constant.im + 0.09 * t.varianceCoefficient.im,
        };
        expect(Math.abs(l.re + (u * u * w) / 2)).toBeLessThan(1e-13 * (u * u * w));
        expect(Math.abs(l.im + (u * w) / 2)).toBeLessThan(1e-13 * (u * w));
      }
    }
  });

  // I(u,t) = ∫₀ᵗ ds/(1 − μ_v D(u,s)) by 200 panels × 20 Gauss–Legendre nodes (converged to
  // ~1e-14 on these ranges) against the closed form inside the jump-arrival term λψ_J(u)I(u,t).
  it.each([
    [0.3, 0],
    [3, -0.5],
    [30, 0],
    [200, -0.5],
    [5, -1],
  ])(
    'the closed-form variance-jump integral matches quadrature at u = %d%+di (1e-11 relative)',
    (re, im) => {
      const u = { re, im };
      const muV = SVCJ_JUMPS.varianceMean!;
      for (const time of [0.01, 0.1, 1]) {
        const dOf = (s: number) => hestonLogCfTerms(HESTON, u, s).varianceCoefficient;
        const part = (s: number, which: 're' | 'im') => {
          const d = dOf(s);
          const den = { re: 1 - muV * d.re, im: -muV * d.im };
          const m = den.re * den.re + den.im * den.im;
          return which === 're' ? den.re / m : -den.im / m;
        };
        let iRe = 0;
        let iIm = 0;
        const panels = 200;
        for (let j = 0; j < panels; j++) {
          const a = (time * j) / panels;
          const b = (time * (j + 1)) / panels;
          iRe += integrateGL((s) => part(s, 're'), a, b, 20);
          iIm += integrateGL((s) => part(s, 'im'), a, b, 20);
        }
        // λψ_J(u)·I with ψ_J(u) = exp(iuμ_J − u²s_J²/2).
        const { intensity, meanLog, sdLog } = SVCJ_JUMPS;
        const eRe = -im * meanLog - 0.5 * sdLog * sdLog * (re * re - im * im);
        const eIm = re * meanLog - sdLog * sdLog * re * im;
        const psi = { re: Math.exp(eRe) * Math.cos(eIm), im: Math.exp(eRe) * Math.sin(eIm) };
        const expected = {
          re: intensity * (psi.re * iRe - psi.im * iIm),
          im: intensity * (psi.re * iIm + psi.im * iRe),
        };
        const got = hestonLogCfTerms({ ...HESTON, jumps: SVCJ_JUMPS }, u, time).jumpArrival;
        expect(cAbs({ re: got.re - expected.re, im: got.im - expected.im })).toBeLessThan(
          1e-11 * cAbs(expected),
        );
      }
    },
  );
});

describe('hestonPrice', () => {
  it.each(MODELS)('%s: put–call parity C − P = S e^{−qT} − K e^{−rT} to 1e-10', (_, dyn) => {
    for (const time of [1 / 52, 0.5, 3]) {
      for (const strike of [70, 95, 100, 130]) {
        const call = hestonPrice(input(dyn, { type: 'call', strike, time }));
        const put = hestonPrice(input(dyn, { type: 'put', strike, time }));
        const forwardValue =
          market.spot * Math.exp(-market.dividendYield * time) -
          strike * Math.exp(-market.rate * time);
        expect(Math.abs(call - put - forwardValue)).toBeLessThan(1e-10);
      }
    }
  });

  it('with σ = 0 and v₀ = θ it is Black–Scholes with vol √θ (1e-12 × S)', () => {
    for (const strike of [80, 100, 120]) {
      const h = hestonPrice(input({ ...HESTON, sigma: 0 }, { strike, v0: HESTON.theta }));
      const bs = blackScholes({
        type: 'call',
        strike,
        time: 0.5,
        ...market,
        vol: Math.sqrt(HESTON.theta),
      });
      expect(Math.abs(h - bs.price)).toBeLessThan(1e-12 * market.spot);
    }
  });

  // Small vol-of-vol expansion (from the Riccati equations to first order in σ, v₀ = θ):
  //   C_H = C_BS(√θ) + ρσJ·∂ₓ∂_w C_BS + O(σ²),  J = θ(κT − 1 + e^{−κT})/κ²,
  //   ∂ₓ∂_w C_BS = −S e^{−qT} φ(d₁) d₂ / (2w),  w = θT.
  // The remainder must scale like σ²: ×1/100 when σ shrinks ×10 (±10 %).
  it.each([80, 120])(
    'Heston → BS as σ → 0 at K = %d: the remainder after the O(σ) term is O(σ²)',
    (strike) => {
      const { kappa, theta, rho } = HESTON;
      const time = 0.5;
      const w = theta * time;
      const d1 =
        (Math.log(market.spot / strike) + (market.rate - market.dividendYield) * time) /
          Math.sqrt(w) +
        0.5 * Math.sqrt(w);
      const d2 = d1 - Math.sqrt(w);
      const j = (theta * (kappa * time - 1 + Math.exp(-kappa * time))) / (kappa * kappa);
      const cross =
        (-market.spot * Math.exp(-market.dividendYield * time) * normPdf(d1) * d2) / (2 * w);
      const bs = blackScholes({
        type: 'call',
        strike,
        time,
        ...market,
        vol: Math.sqrt(theta),
      }).price;
      const remainder = (sigma: number) =>
        hestonPrice(input({ ...HESTON, sigma }, { strike, time, v0: theta })) -
        bs -
        rho * sigma * j * cross;
      const first = Math.abs(rho * 0.01 * j * cross);
      expect(first).toBeGreaterThan(1e-3);
      const ratio = remainder(0.01) / remainder(0.001);
      expect(ratio).toBeGreaterThan(90);
      expect(ratio).toBeLessThan(110);
    },
  );

  // The jump part changes the price by at most the probability of a jump, 1 − e^{−λT} ≤ λT, times
  // the payoff range (≤ S), plus the compensator's drift shift λk̄T·S: ≤ 2λT·S.
  it('Bates → Heston as λ → 0: |C_Bates − C_Heston| ≤ 2λT·S at λ = 1e-7', () => {
    const lambda = 1e-7;
    for (const strike of [80, 100, 120]) {
      const heston = hestonPrice(input(HESTON, { strike }));
      const bates = hestonPrice(
        input({ ...HESTON, jumps: { ...BATES_JUMPS, intensity: lambda } }, { strike }),
      );
      expect(Math.abs(bates - heston)).toBeLessThanOrEqual(2 * lambda * 0.5 * market.spot);
    }
  });

  // Variance jumps raise E[∫v] by at most λμ_vT²/2; ∂C/∂W ≤ S/(2√(2πW)) (Black–Scholes in
  // total variance W, W ≥ v₀T here), so to first order |ΔC| ≤ λμ_vT²S/(4√(2πv₀T)).
  it('SVCJ → Bates as μ_v → 0, within the first-order bound λμ_vT²S/(4√(2π v₀T)) at μ_v = 1e-7', () => {
    const muV = 1e-7;
    const time = 0.5;
    const bound =
      (BATES_JUMPS.intensity * muV * time * time * market.spot) /
      (4 * Math.sqrt(2 * Math.PI * market.v0 * time));
    for (const strike of [80, 100, 120]) {
      const bates = hestonPrice(input({ ...HESTON, jumps: BATES_JUMPS }, { strike, time }));
      const svcj = hestonPrice(
        input({ ...HESTON, jumps: { ...BATES_JUMPS, varianceMean: muV } }, { strike, time }),
      );
      expect(svcj).toBeGreaterThan(bates);
      expect(svcj - bates).toBeLessThanOrEqual(bound);
    }
  });

  it.each(MODELS)(
    '%s: the COS method and the Lewis integral agree to 1e-10 × S from 1 week to 30 years',
    (_, dyn) => {
      for (const time of [1 / 52, 0.25, 2, 30]) {
        for (const strike of [60, 90, 100, 115, 150]) {
          const lewis = hestonPrice(input(dyn, { strike, time, type: 'put' }));
          const cos = hestonPriceCos({ ...input(dyn, { strike, time, type: 'put' }), terms: 2048 });
          expect(Math.abs(lewis - cos), `T=${time} K=${strike}`).toBeLessThan(1e-10 * market.spot);
        }
      }
    },
  );

  it('SVCJ prices the forward exactly: a call struck at 1e-6·S is worth S e^{−qT} − K e^{−rT} (1e-10)', () => {
    const strike = 1e-6 * market.spot;
    for (const time of [0.1, 1, 5]) {
      const call = hestonPrice(input({ ...HESTON, jumps: SVCJ_JUMPS }, { strike, time }));
      const expected =
        market.spot * Math.exp(-market.dividendYield * time) -
        strike * Math.exp(-market.rate * time);
      expect(Math.abs(call - expected)).toBeLessThan(1e-10 * market.spot);
    }
  });

  it('at expiry a Heston price is the intrinsic value', () => {
    expect(hestonPrice(input(HESTON, { time: 0, strike: 90 }))).toBe(10);
    expect(hestonPrice(input(HESTON, { time: 0, strike: 90, type: 'put' }))).toBe(0);
  });

  it.each([
    ['v0', { v0: -0.01 }],
    ['rho', { rho: 1.5 }],
    ['sigma', { sigma: Number.NaN }],
    ['jumps.sdLog', { jumps: { intensity: 1, meanLog: 0, sdLog: -1 } }],
    ['jumps.varianceMean', { jumps: { intensity: 1, meanLog: 0, sdLog: 0.1, varianceMean: -1 } }],
  ] as [string, Partial<HestonPriceInput>][])('throws a RangeError naming %s', (field, over) => {
    expect(() => hestonPrice(input(HESTON, over))).toThrow(RangeError);
    expect(() => hestonPrice(input(HESTON, over))).toThrow(field);
  });
});

describe('expectedIntegratedVariance', () => {
  it('is ∫₀ᵗ E[v_s] ds with E[v_s] = θ* + (v₀ − θ*)e^{−κs}, θ* = θ + λμ_v/κ (1e-13 relative)', () => {
    const dyn = { ...HESTON, jumps: SVCJ_JUMPS };
    const longRun = HESTON.theta + (SVCJ_JUMPS.intensity * SVCJ_JUMPS.varianceMean!) / HESTON.kappa;
    for (const time of [0.01, 1, 7]) {
      const quad = integrateGL(
        (s) => longRun + (0.09 - longRun) * Math.exp(-HESTON.kappa * s),
        0,
        time,
        40,
      );
      expect(Math.abs(expectedIntegratedVariance(dyn, 0.09, time) - quad)).toBeLessThan(
        1e-13 * quad,
      );
    }
  });
});

/**
 * A small SVCJ simulator for the Monte Carlo check: log-Euler with full truncation of v (Lord,
 * Koekkoek & van Dijk 2010), Poisson jump counts per step. The log step is conditionally
 * log-normal with the exact compensator, so E[S_T] = F exactly and S_T is a control variate with
 * a known mean. A coarse path (half the steps) is driven by the same normals and jumps, so the
 * coarse − fine difference estimates the O(Δt) discretisation bias (weak order 1: bias(fine) ≈
 * coarse − fine).
 */
function simulateSvcj(paths: number, steps: number, seed: number, strikes: number[]) {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0; // mulberry32
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  let spare = 0;
  let hasSpare = false;
  const normal = () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    const r = Math.sqrt(-2 * Math.log(uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = r * Math.sin(angle);
    hasSpare = true;
    return r * Math.cos(angle);
  };
  const { kappa, theta, sigma, rho } = HESTON;
  const { intensity, meanLog, sdLog, varianceMean } = SVCJ_JUMPS;
  const { spot, rate, dividendYield, v0 } = market;
  const time = 0.5;
  const dt = time / steps;
  const kBar = Math.expm1(meanLog + 0.5 * sdLog * sdLog);
  const drift = rate - dividendYield - intensity * kBar;
  const rhoBar = Math.sqrt(1 - rho * rho);
  const noJump = Math.exp(-intensity * dt);
  const step = (
    x: number,
    v: number,
    h: number,
    z1: number,
    z2: number,
    jx: number,
    jv: number,
  ) => {
    const vp = v > 0 ? v : 0;
    const sv = Math.sqrt(vp * h);
    return [
      x + (drift - 0.5 * vp) * h + sv * z1 + jx,
      v + kappa * (theta - vp) * h + sigma * sv * (rho * z1 + rhoBar * z2) + jv,
    ];
  };
  const n = strikes.length;
  const acc = {
    x: 0,
    xx: 0,
    y: new Float64Array(n),
    yy: new Float64Array(n),
    xy: new Float64Array(n),
    d: new Float64Array(n),
    dd: new Float64Array(n),
  };
  for (let p = 0; p < paths; p++) {
    let [xf, vf, xc, vc] = [0, v0, 0, v0];
    for (let m = 0; m < steps; m += 2) {
      let [z1c, z2c, jxc, jvc] = [0, 0, 0, 0];
      for (let half = 0; half < 2; half++) {
        const z1 = normal();
        const z2 = normal();
        let count = 0;
        const u = uniform();
        for (let prob = noJump, cum = noJump; u > cum && count < 20;) {
          count++;
          prob *= (intensity * dt) / count;
          cum += prob;
        }
        let jx = 0;
        let jv = 0;
        for (let j = 0; j < count; j++) {
          jx += meanLog + sdLog * normal();
          jv -= varianceMean! * Math.log(uniform());
        }
        [xf, vf] = step(xf, vf, dt, z1, z2, jx, jv);
        z1c += z1;
        z2c += z2;
        jxc += jx;
        jvc += jv;
      }
      [xc, vc] = step(xc, vc, 2 * dt, z1c / Math.SQRT2, z2c / Math.SQRT2, jxc, jvc);
    }
    const sf = spot * Math.exp(xf);
    const sc = spot * Math.exp(xc);
    acc.x += sf;
    acc.xx += sf * sf;
    for (let k = 0; k < n; k++) {
      const yf = Math.max(sf - strikes[k], 0);
      const yc = Math.max(sc - strikes[k], 0);
      acc.y[k] += yf;
      acc.yy[k] += yf * yf;
      acc.xy[k] += sf * yf;
      acc.d[k] += yc - yf;
      acc.dd[k] += (yc - yf) ** 2;
    }
  }
  const discount = Math.exp(-rate * time);
  const forward = spot * Math.exp((rate - dividendYield) * time);
  const mx = acc.x / paths;
  const vx = acc.xx / paths - mx * mx;
  return strikes.map((_, k) => {
    const my = acc.y[k] / paths;
    const vy = acc.yy[k] / paths - my * my;
    const cxy = acc.xy[k] / paths - mx * my;
    const md = acc.d[k] / paths;
    return {
      price: discount * (my - (cxy / vx) * (mx - forward)),
      stdErr: discount * Math.sqrt((vy - (cxy * cxy) / vx) / paths),
      bias: discount * md,
      biasStdErr: discount * Math.sqrt((acc.dd[k] / paths - md * md) / paths),
    };
  });
}

describe('SVCJ against Monte Carlo', () => {
  // 100,000 paths, 200 steps over T = 0.5, fixed seed. Tolerance: 3 SE of the control-variate
  // estimate plus the discretisation allowance |coarse − fine| + 3 SE of that difference.
  const strikes = [85, 100, 115];
  let mc: ReturnType<typeof simulateSvcj> | undefined;
  const results = () => (mc ??= simulateSvcj(100_000, 200, 20240611, strikes));
  it.each(strikes.map((k, i) => [k, i]))(
    'the call at K = %d matches the Euler full-truncation simulation within 3 SE + discretisation allowance',
    (strike, i) => {
      const model = hestonPrice(input({ ...HESTON, jumps: SVCJ_JUMPS }, { strike }));
      const bates = hestonPrice(input({ ...HESTON, jumps: BATES_JUMPS }, { strike }));
      const { price, stdErr, bias, biasStdErr } = results()[i];
      const tolerance = 3 * stdErr + Math.abs(bias) + 3 * biasStdErr;
      expect(Math.abs(price - model)).toBeLessThan(tolerance);
      // The check has power: the variance jumps move the price by far more than the tolerance.
      expect(Math.abs(model - bates)).toBeGreaterThan(5 * tolerance);
    },
  );
});
