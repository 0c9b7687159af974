/**
 * Parameters of the SPX/VIX market: Heston stochastic variance with simultaneous log-normal price
 * jumps and exponential variance jumps (SVCJ: Duffie, Pan & Singleton 2000; Eraker 2004), with
 * separate real-world (P) and risk-neutral (Q) variance drifts.
 *
 * Under P (what the simulated paths follow):
 *   d ln S = (r − q + ERP + η·min(v, v̄) − λ·k̄ − v/2) dt + √v dW₁ + J dN,
 *                                                      J ~ N(μ_J, s_J²), k̄ = E[e^J] − 1
 *   dv     = κ_P (θ_P − v) dt + σ √v dW₂ + Z dN,                    Z ~ Exp(mean μ_v)
 *   d⟨W₁, W₂⟩ = ρ dt
 * Under Q (what options, VIX and VIX futures are priced with): the same with ERP = η = 0 and
 * κ_Q, θ_Q in place of κ_P, θ_P, where κ_Q·θ_Q = κ_P·θ_P (a market price of volatility risk
 * proportional to v, Heston 1993 eq. 6). Jump intensity and jump sizes are the same under P and Q
 * (no separate jump risk premium).
 *
 * All quantities are fractions and annualised: v = 0.04 is 20 % volatility; ERP = 0.05 is 5 %/yr.
 * `equityRiskPremiumPerVariance` is η: the drift gains η·v (Heston 1993), up to the variance v̄ =
 * `equityRiskPremiumMaxVariance`. Why the cap: with the calibrated η ≈ 6 the premium at a crash's
 * variance (v ≈ 0.5, VIX ≈ 70) is ~300 %/yr, and because v decays with a half-life of ~2 months
 * every VIX spike added ~+90 % of expected log return: the 2008 and Covid scenarios ended the year
 * with the SPX more than doubled. Above v̄ the premium stays at ERP + η·v̄.
 */
export interface JumpParams {
  /** λ: jumps per year. 0 turns jumps off. */
  intensity: number;
  /** μ_J: mean of the log price jump. */
  meanLog: number;
  /** s_J: standard deviation of the log price jump. */
  sdLog: number;
  /** μ_v: mean of the simultaneous exponential variance jump; 0 gives Bates (price jumps only). */
  varianceMean: number;
}

export interface MarketParams {
  /** SPX level at day 0. */
  spot: number;
  /** Instantaneous variance at day 0. */
  v0: number;
  /** r, continuously compounded, annual. */
  rate: number;
  /** q, continuous, annual. */
  dividendYield: number;
  /** Constant part of the P-drift premium over r − q (annual). */
  equityRiskPremium: number;
  /** η: premium per unit variance, the P-drift gains η·min(v, v̄). */
  equityRiskPremiumPerVariance: number;
  /** v̄: the variance above which the premium stops growing (module comment; Infinity: no cap). */
  equityRiskPremiumMaxVariance: number;
  kappaP: number;
  thetaP: number;
  kappaQ: number;
  thetaQ: number;
  /** σ: volatility of variance (shared by P and Q). */
  sigma: number;
  /** ρ: correlation of price and variance shocks. */
  rho: number;
  jumps: JumpParams;
}

/** Trading days per year of the simulation calendar. */
export const TRADING_DAYS_PER_YEAR = 252;
/** Calendar days per year used by VIX-style horizons (τ = 30/365). */
export const CALENDAR_DAYS_PER_YEAR = 365;
