/**
 * DESIGN §7 gives jumps as `{ intensity, meanLog, sdLog }` (Bates: price jumps only). The VIX
 * functions of the public API take that object as it is — a missing `varianceMean` means no
 * variance jumps — and price it exactly as the same jumps with `varianceMean: 0`.
 */
import { describe, expect, it } from 'vitest';
import { cirMoments } from '../../../../src/engine/pricing/noncentral-chi2.ts';
import { hestonVix, vixFuture, vixOption } from '../../../../src/engine/index.ts';

const bates = { intensity: 1.9, meanLog: -0.05, sdLog: 0.07 };
const explicit = { ...bates, varianceMean: 0 };
const q = { v: 0.03, kappa: 1.4, theta: 0.06, sigma: 0.6 };

describe('public VIX functions with DESIGN §7’s Bates jumps object', () => {
  it('hestonVix: the same level as with varianceMean 0, and above the no-jump level', () => {
    const level = hestonVix({ ...q, jumps: bates });
    expect(level).toBe(hestonVix({ ...q, jumps: explicit }));
    // Price jumps add 2λ(k̄ − μ_J) to the log-contract variance: the VIX rises.
    expect(level).toBeGreaterThan(hestonVix(q));
  });

  it('vixFuture: the same price as with varianceMean 0', () => {
    const horizon = 60 / 365;
    expect(vixFuture({ ...q, horizon, jumps: bates })).toBe(
      vixFuture({ ...q, horizon, jumps: explicit }),
    );
  });

  it('vixOption: the same call and put as with varianceMean 0', () => {
    for (const type of ['call', 'put'] as const) {
      const input = { ...q, type, horizon: 30 / 365, strike: 20, rate: 0.03 };
      expect(vixOption({ ...input, jumps: bates })).toBe(vixOption({ ...input, jumps: explicit }));
    }
  });

  it('cirMoments: a missing varianceMean adds no jump drift', () => {
    const input = { v0: 0.03, kappa: 1.4, theta: 0.06, sigma: 0.6, time: 0.5 };
    expect(cirMoments({ ...input, jumps: { intensity: 2 } })).toEqual(cirMoments(input));
  });
});

describe('public VIX functions name the bad jump field', () => {
  const price = {
    hestonVix: (jumps: object) => hestonVix({ ...q, jumps } as Parameters<typeof hestonVix>[0]),
    vixFuture: (jumps: object) =>
      vixFuture({ ...q, horizon: 0.2, jumps } as Parameters<typeof vixFuture>[0]),
    vixOption: (jumps: object) =>
      vixOption({
        ...q,
        type: 'call',
        horizon: 0.2,
        strike: 20,
        jumps,
      } as Parameters<typeof vixOption>[0]),
  };
  it.each(Object.entries(price))(
    '%s: a negative intensity is refused, not taken as no jumps',
    (_, f) => {
      expect(() => f({ ...bates, intensity: -1 })).toThrow(
        /^jumps\.intensity must be finite and ≥ 0, got -1$/,
      );
    },
  );
  it.each(Object.entries(price))(
    '%s: a NaN variance mean is named even at zero intensity',
    (_, f) => {
      expect(() => f({ ...bates, intensity: 0, varianceMean: Number.NaN })).toThrow(
        /^jumps\.varianceMean must be finite and ≥ 0, got NaN$/,
      );
    },
  );
});
