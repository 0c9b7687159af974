/**
 * Market parameter sets shared by the instrument tests (fixed here, so a change of the presets
 * does not move these tests).
 */
import type { MarketParams } from '../../../../src/engine/model/market-params.ts';
import { varianceForVix } from '../../../../src/engine/pricing/vix-index.ts';

/** The 'historical' preset's SVCJ parameters at the time of writing; spot VIX 17.6 at v0. */
export const SVCJ_MARKET: MarketParams = {
  spot: 6800,
  v0: 0.02628164108292581,
  rate: 0.025,
  dividendYield: 0.018,
  equityRiskPremium: -0.02,
  equityRiskPremiumPerVariance: 4,
  equityRiskPremiumMaxVariance: Infinity,
  kappaP: 4,
  thetaP: 0.024,
  kappaQ: 2,
  thetaQ: 0.048,
  sigma: 0.6,
  rho: -0.72,
  jumps: { intensity: 0.5, meanLog: -0.05, sdLog: 0.05, varianceMean: 0.03 },
};

/**
 * Heston (no jumps) in steep contango: κ_Q = 4, θ_Q = 0.05 (long-run VIX ≈ 22), σ = 0.5, started
 * at spot VIX 15, where the 3-month future is ≈ 19.08.
 */
export const CONTANGO_MARKET: MarketParams = {
  ...SVCJ_MARKET,
  kappaP: 4,
  thetaP: 0.05,
  kappaQ: 4,
  thetaQ: 0.05,
  sigma: 0.5,
  jumps: { intensity: 0, meanLog: 0, sdLog: 0, varianceMean: 0 },
  v0: varianceForVix({ kappa: 4, theta: 0.05, vix: 15 }),
};
