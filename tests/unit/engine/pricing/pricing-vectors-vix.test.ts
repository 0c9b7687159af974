import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cirMoments, noncentralChi2Cdf } from '../../../../src/engine/pricing/noncentral-chi2.ts';
import { vixFuture } from '../../../../src/engine/pricing/vix-future.ts';
import { hestonVix } from '../../../../src/engine/pricing/vix-index.ts';
import { vvixLogContract } from '../../../../src/engine/pricing/vvix.ts';

// Every VIX-side vector of shared/reference/pricing-vectors.json, each within its own
// `tolerance_suggested`: Healy (2025) Table 1 VIX futures and log-contract VVIX (published to one
// decimal), closed-form VIX spot values, noncentral χ² CDF values and CIR transition moments.
const path = fileURLToPath(
  new URL('../../../../../shared/reference/pricing-vectors.json', import.meta.url),
);
const available = existsSync(path);

interface Vector {
  model: string;
  inputs: Record<string, number | string>;
  expected: number | { mean: number; variance: number };
  tolerance_suggested: number;
  source: string;
}

const vectors: Vector[] = available ? JSON.parse(readFileSync(path, 'utf8')) : [];
const byModel = (model: string): [string, Vector][] =>
  vectors.filter((x) => x.model === model).map((x) => [JSON.stringify(x.inputs), x]);
const num = (x: number | string): number => Number(x);

describe.skipIf(!available)(
  `VIX reference vectors${available ? '' : ` (SKIPPED: ${path} missing)`}`,
  () => {
    it('the file holds the expected number of VIX-side vectors (4 + 1 + 6 + 6 + 7 + 2)', () => {
      const counts = [
        'heston_vix_spot',
        'bates_vix_spot',
        'heston_vix_future',
        'heston_vvix_log_contract',
        'noncentral_chi2_cdf',
        'cir_transition_moments',
      ].map((m) => byModel(m).length);
      expect(counts).toEqual([4, 1, 6, 6, 7, 2]);
    });

    it.each(byModel('heston_vix_spot'))('heston_vix_spot %s (closed form, tol 1e-10)', (_, x) => {
      const { v, kappa, theta, tau } = x.inputs;
      const vix = hestonVix({ v: num(v), kappa: num(kappa), theta: num(theta), tau: num(tau) });
      expect(Math.abs(vix - (x.expected as number))).toBeLessThanOrEqual(x.tolerance_suggested);
    });

    it.each(byModel('bates_vix_spot'))(
      'bates_vix_spot %s (log-contract jump term, not E[QV]; tol 1e-8)',
      (_, x) => {
        const i = x.inputs;
        const vix = hestonVix({
          v: num(i.v),
          kappa: num(i.kappa),
          theta: num(i.theta),
          tau: num(i.tau),
          jumps: {
            intensity: num(i.jump_intensity),
            meanLog: num(i.mean_log_jump),
            sdLog: num(i.log_jump_vol),
            varianceMean: 0,
          },
        });
        expect(Math.abs(vix - (x.expected as number))).toBeLessThanOrEqual(x.tolerance_suggested);
      },
    );

    it.each(byModel('heston_vix_future'))(
      'heston_vix_future %s (Healy 2025 Table 1, published to 1 decimal, tol 0.06)',
      (_, x) => {
        const i = x.inputs;
        const future = vixFuture({
          v: num(i.v0),
          kappa: num(i.kappa),
          theta: num(i.theta),
          sigma: num(i.sigma),
          horizon: num(i.T_future),
          tau: num(i.tau_vix),
        });
        expect(Math.abs(future - (x.expected as number))).toBeLessThanOrEqual(
          x.tolerance_suggested,
        );
      },
    );

    it.each(byModel('heston_vvix_log_contract'))(
      'heston_vvix_log_contract %s (Healy 2025 Table 1, published to 1 decimal, tol 0.15)',
      (_, x) => {
        const i = x.inputs;
        const vvix = vvixLogContract({
          v: num(i.v0),
          kappa: num(i.kappa),
          theta: num(i.theta),
          sigma: num(i.sigma),
          horizon: num(i.T),
          tau: num(i.tau_vix),
        });
        expect(Math.abs(vvix - (x.expected as number))).toBeLessThanOrEqual(x.tolerance_suggested);
      },
    );

    it.each(byModel('noncentral_chi2_cdf'))('noncentral_chi2_cdf %s (tol 1e-12)', (_, x) => {
      const { x: at, df, ncp } = x.inputs;
      const cdf = noncentralChi2Cdf(num(at), num(df), num(ncp));
      expect(Math.abs(cdf - (x.expected as number))).toBeLessThanOrEqual(x.tolerance_suggested);
    });

    it.each(byModel('cir_transition_moments'))('cir_transition_moments %s (tol 1e-12)', (_, x) => {
      const i = x.inputs;
      const got = cirMoments({
        v0: num(i.v0),
        kappa: num(i.kappa),
        theta: num(i.theta),
        sigma: num(i.sigma),
        time: num(i.T),
      });
      const want = x.expected as { mean: number; variance: number };
      expect(Math.abs(got.mean - want.mean)).toBeLessThanOrEqual(x.tolerance_suggested);
      expect(Math.abs(got.variance - want.variance)).toBeLessThanOrEqual(x.tolerance_suggested);
    });
  },
);
