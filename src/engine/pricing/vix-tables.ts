/**
 * Tables of VIX futures, VVIX and VIX option prices, built once per simulation run from the Q
 * parameters and queried in O(1) per path and day.
 *
 * Grids are uniform in transformed coordinates so a lookup is index arithmetic: the variance in
 * u = ln(a v + c) = 2·ln(spot VIX/100) (dense at low VIX, where futures, VVIX and smiles bend most;
 * v from 0 to `maxVariance`, default 2, i.e. VIX ≈ 130 for typical parameters), the horizon in
 * ln(1 + h/0.05) (futures) or √h (options; both dense at short expiries) and, for options, the
 * standardised moneyness y = ln((K − f)/(F − f))/(σ_ATM·√h) of a Black-76 model displaced by the
 * VIX floor f = 100√c. Interpolation is 4-point Lagrange (cubic) in each coordinate, tensor
 * product; the error is O(Δ⁴) and measured against direct evaluation in the tests (seeded random
 * off-grid points; the bounds are in the test names).
 *
 * Outside the grid every coordinate is clamped to its range (v > maxVariance is priced as
 * maxVariance; horizons beyond the maximum as the maximum; option moneyness beyond the y range
 * keeps the edge implied vol), so no query returns NaN or Infinity.
 */

import type { HestonJumps } from './heston-characteristic.ts';
import type { OptionType } from './black-scholes.ts';
import { normalizedBlackPrice } from './black-scholes.ts';
import { impliedTotalStdDev } from './implied-vol.ts';
import { vixFuture } from './vix-future.ts';
import { hestonVix, vixCoefficients } from './vix-index.ts';
import { createVixSmile } from './vix-option.ts';
import { vvixBlack76 } from './vvix.ts';

/** The Q parameters every table needs. */
export interface VixTableParams {
  kappa: number;
  theta: number;
  sigma: number;
  jumps?: HestonJumps;
  /** Largest variance on the grid (default 2). */
  maxVariance?: number;
}

/** Futures curve table inputs. */
export interface VixCurveTableInput extends VixTableParams {
  /** Longest horizon on the grid, years (> 0). */
  maxHorizonYears: number;
  /** VIX window τ (default 30/365). */
  tau?: number;
}

export interface VixCurveTable {
  /** E_Q[VIX_{t+h} | v_t = v] in points; h in years (h = 0 gives the spot VIX). */
  future(v: number, horizonYears: number): number;
  /**
   * The curve at one horizon as a fast function of v: on a simulated day every path asks for the
   * same expiries, so the horizon part of the interpolation is done once here and each path pays
   * one square root and a linear interpolation on a dense √v grid (SLICE_NODES nodes). Error
   * against `future` < 0.002 points (tested).
   */
  slice(horizonYears: number): VixCurveSlice;
}

/** The futures price at a fixed horizon as a function of the instantaneous variance. */
export interface VixCurveSlice {
  readonly horizonYears: number;
  future(v: number): number;
}

/**
 * A curve slice: linear in √v on SLICE_NODES nodes (plus a copy of the last). A class, not one
 * closure per slice: a loop over several slices then calls one method (monomorphic), which V8
 * inlines; through closures the call was megamorphic and each price a boxed heap number.
 */
class CurveSlice implements VixCurveSlice {
  private readonly last = SLICE_NODES - 1;

  constructor(
    readonly horizonYears: number,
    private readonly nodes: Float64Array,
    private readonly inverseStep: number,
  ) {}

  future(v: number): number {
    let x = Math.sqrt(v > 0 ? v : 0) * this.inverseStep;
    if (!(x < this.last)) x = this.last;
    const i = x | 0;
    const w = x - i;
    const nodes = this.nodes;
    return nodes[i] + w * (nodes[i + 1] - nodes[i]);
  }
}

export interface VvixTable {
  /** Model VVIX (Black-76 ATM implied vol of the 30-day VIX option, points) at variance v. */
  vvix(v: number): number;
}

/** Option table inputs. */
export interface VixOptionTableInput extends VixTableParams {
  maxHorizonYears: number;
  /** r for discounting (default 0). */
  rate?: number;
  /** A curve table of the same parameters to share (built here when absent). */
  curve?: VixCurveTable;
}

export interface VixOptionTable {
  /**
   * e^{−r·h}·E_Q[(VIX_{t+h} − K)⁺] (call) or the put, points, like `vixOption`: discounted at the
   * table's rate. h = 0 gives the intrinsic value on the spot VIX.
   */
  price(type: OptionType, v: number, horizonYears: number, strike: number): number;
  /** The VIX future used for the moneyness (the curve table of the same parameters). */
  future(v: number, horizonYears: number): number;
}

const DEFAULT_MAX_VARIANCE = 2;
/** Nodes of a curve slice, uniform in √v (linear interpolation error ~ h²/8·F'' < 0.002 pts). */
const SLICE_NODES = 1025;
/** Memoised slices kept per curve table (8 KB each). */
const MAX_CACHED_SLICES = 512;
const CURVE_Z_NODES = 41;
const CURVE_H_SCALE = 0.05;
const CURVE_H_NODES_PER_UNIT = 16;
const VVIX_Z_NODES = 41;
const OPTION_Z_NODES = 21;
const OPTION_S_NODES = 14;
const OPTION_Y_NODES = 45;
const OPTION_Y_MIN = -6;
const OPTION_Y_MAX = 5;
/** Shortest option expiry on the grid; shorter ones use its implied vol (→ intrinsic as h → 0). */
const OPTION_MIN_HORIZON = 1 / 365;
/** Smile accuracy (points) for option nodes: far below the interpolation error. */
const OPTION_SMILE_TOLERANCE = 1e-5;
/** Normalised OTM prices below this are not inverted (their implied vol is noise). */
const MIN_NORMALIZED_PRICE = 1e-12;

/** One uniform axis: node i at start + i·step, n ≥ 4 nodes. */
interface Axis {
  readonly start: number;
  readonly step: number;
  readonly n: number;
}

function axis(start: number, end: number, n: number): Axis {
  return { start, step: (end - start) / (n - 1), n };
}

const nodeAt = (ax: Axis, i: number): number => ax.start + i * ax.step;

/**
 * First node and the 4 Lagrange weights of the cubic through nodes i0…i0+3 at x (clamped to the
 * axis), written into `out` (length 4); returns i0.
 */
function stencil(ax: Axis, x: number, out: Float64Array): number {
  const last = ax.n - 1;
  let pos = (x - ax.start) / ax.step;
  if (!(pos > 0)) pos = 0;
  if (pos > last) pos = last;
  const i0 = Math.min(Math.max(Math.floor(pos) - 1, 0), ax.n - 4);
  const s = pos - i0;
  const s1 = s - 1;
  const s2 = s - 2;
  const s3 = s - 3;
  out[0] = (-s1 * s2 * s3) / 6;
  out[1] = (s * s2 * s3) / 2;
  out[2] = (-s * s1 * s3) / 2;
  out[3] = (s * s1 * s2) / 6;
  return i0;
}

function checkParams(params: VixTableParams): number {
  const maxVariance = params.maxVariance ?? DEFAULT_MAX_VARIANCE;
  if (!(maxVariance > 0) || !Number.isFinite(maxVariance))
    throw new RangeError(`maxVariance must be finite and > 0, got ${maxVariance}`);
  return maxVariance;
}

function checkHorizon(maxHorizonYears: number): void {
  if (!(maxHorizonYears > 0) || !Number.isFinite(maxHorizonYears))
    throw new RangeError(`maxHorizonYears must be finite and > 0, got ${maxHorizonYears}`);
}

/** Clamps a query coordinate that may be NaN to a finite default. */
const finiteOr = (x: number, fallback: number): number => (Number.isFinite(x) ? x : fallback);

/**
 * A variance axis uniform in u = ln(a v + c) = 2·ln(spot VIX/100), v from 0 to maxVariance: VVIX
 * and VIX-option smiles change fastest at low VIX (the vol of the VIX peaks near a·v ≈ c), where
 * this axis is densest.
 */
function logVixAxis(
  kappa: number,
  theta: number,
  jumps: HestonJumps | undefined,
  maxVariance: number,
  nodes: number,
): { axis: Axis; coordinate(v: number): number; variance(u: number): number } {
  const { a, c } = vixCoefficients({ kappa, theta, jumps });
  const coordinate = (v: number): number => Math.log(a * v + c);
  return {
    axis: axis(coordinate(0), coordinate(maxVariance), nodes),
    coordinate,
    variance: (u) => Math.max((Math.exp(u) - c) / a, 0),
  };
}

/**
 * The VIX futures curve over (v, horizon): 41 variance nodes × ~50 horizon nodes from 0 to
 * `maxHorizonYears` (one year), each a `vixFuture`; the table holds F − spot VIX, so horizon 0
 * returns the exact spot VIX. Build ~20 ms warm (~50 ms on a cold start) for a one-year table.
 * Tested against `vixFuture` at seeded random off-grid points (error bound in the test name).
 *
 * @throws RangeError for invalid parameters.
 */
export function createVixCurveTable(input: VixCurveTableInput): VixCurveTable {
  const maxVariance = checkParams(input);
  checkHorizon(input.maxHorizonYears);
  const { kappa, theta, sigma, jumps, tau } = input;
  // The table holds F − spot VIX (exact at h = 0, smooth), the spot part is added back exactly.
  const coefficients = vixCoefficients({ kappa, theta, jumps, tau });
  const level = logVixAxis(kappa, theta, jumps, maxVariance, CURVE_Z_NODES);
  const zAxis = level.axis;
  // Horizon axis in η = ln(1 + h/h₀): fine over the first weeks, where F − spot bends fastest (the
  // law of v_h is then far from Gaussian in relative terms), coarser towards a year.
  const toEta = (h: number): number => Math.log1p(h / CURVE_H_SCALE);
  const hNodes = Math.max(8, Math.ceil(toEta(input.maxHorizonYears) * CURVE_H_NODES_PER_UNIT) + 1);
  const hAxis = axis(0, toEta(input.maxHorizonYears), hNodes);
  const values = new Float64Array(zAxis.n * hAxis.n);
  for (let i = 0; i < zAxis.n; i++) {
    const v = level.variance(nodeAt(zAxis, i));
    const spot = 100 * Math.sqrt(coefficients.a * v + coefficients.c);
    for (let j = 0; j < hAxis.n; j++) {
      const horizon = CURVE_H_SCALE * Math.expm1(nodeAt(hAxis, j));
      values[i * hAxis.n + j] = vixFuture({ v, kappa, theta, sigma, horizon, jumps, tau }) - spot;
    }
  }
  const wz = new Float64Array(4);
  const wh = new Float64Array(4);
  // Slices are memoised: every chunk of paths asks for the same trading-day horizons.
  const slices = new Map<number, VixCurveSlice>();
  return {
    future(v, horizonYears) {
      const variance = Math.min(Math.max(finiteOr(v, 0), 0), maxVariance);
      const iz = stencil(zAxis, level.coordinate(variance), wz);
      const ih = stencil(hAxis, toEta(Math.max(finiteOr(horizonYears, 0), 0)), wh);
      let sum = 0;
      for (let a = 0; a < 4; a++) {
        const row = (iz + a) * hAxis.n + ih;
        sum +=
          wz[a] *
          (wh[0] * values[row] +
            wh[1] * values[row + 1] +
            wh[2] * values[row + 2] +
            wh[3] * values[row + 3]);
      }
      return 100 * Math.sqrt(coefficients.a * variance + coefficients.c) + sum;
    },
    slice(horizonYears) {
      const cached = slices.get(horizonYears);
      if (cached) return cached;
      if (slices.size >= MAX_CACHED_SLICES) slices.clear();
      const nodes = new Float64Array(SLICE_NODES + 1);
      const rootMax = Math.sqrt(maxVariance);
      const step = rootMax / (SLICE_NODES - 1);
      for (let i = 0; i < SLICE_NODES; i++) nodes[i] = this.future((i * step) ** 2, horizonYears);
      nodes[SLICE_NODES] = nodes[SLICE_NODES - 1];
      const slice = new CurveSlice(horizonYears, nodes, 1 / step);
      slices.set(horizonYears, slice);
      return slice;
    },
  };
}

/**
 * Model VVIX over v: 41 variance nodes, each `vvixBlack76` (30-day ATM Black-76 vol). Tested against
 * direct evaluation at seeded random points (bound in the test name).
 *
 * @throws RangeError for invalid parameters.
 */
export function createVvixTable(input: VixTableParams & { rate?: number }): VvixTable {
  const maxVariance = checkParams(input);
  const { kappa, theta, sigma, jumps, rate } = input;
  const level = logVixAxis(kappa, theta, jumps, maxVariance, VVIX_Z_NODES);
  const values = new Float64Array(level.axis.n);
  for (let i = 0; i < level.axis.n; i++) {
    const v = level.variance(nodeAt(level.axis, i));
    values[i] = vvixBlack76({ v, kappa, theta, sigma, jumps, rate, tolerance: 1e-5 });
  }
  const wz = new Float64Array(4);
  return {
    vvix(v) {
      const iz = stencil(level.axis, level.coordinate(Math.max(finiteOr(v, 0), 0)), wz);
      return (
        wz[0] * values[iz] +
        wz[1] * values[iz + 1] +
        wz[2] * values[iz + 2] +
        wz[3] * values[iz + 3]
      );
    },
  };
}

/**
 * VIX option prices over (v, horizon, strike). Nodes: 21 in ln(a v + c) × 14 in √h (1 day … max) ×
 * 45 in y = ln((K − f)/(F − f))/(σ_ATM√h) ∈ [−6, 5], f = 100√c the VIX floor (VIX_h ≥ f since
 * v_h ≥ 0). Each (v, h) column is one `createVixSmile` build (tolerance 1e-5 points), inverted to the
 * total standard deviation of Black-76 on F − f with strike K − f (out-of-the-money side), so
 * interpolation keeps the relative accuracy of out-of-the-money prices and a put struck at the
 * floor is worth exactly 0. Nodes whose OTM price is below 1e-12 of the shifted forward take the
 * neighbouring node's vol. A query interpolates σ_ATM(v, h), then the vol at (v, h, y), and prices
 * on the curve table's future; expiries under 1 day use the 1-day vol (→ intrinsic as h → 0).
 * Build ~80 ms warm (~100–250 ms on a cold start) for a one-year table, sharing `curve`.
 *
 * Tested against `vixOption` at seeded random off-grid points (bounds in the test names).
 *
 * @throws RangeError for invalid parameters.
 */
export function createVixOptionTable(input: VixOptionTableInput): VixOptionTable {
  const maxVariance = checkParams(input);
  checkHorizon(input.maxHorizonYears);
  const { kappa, theta, sigma, jumps } = input;
  const rate = input.rate ?? 0;
  if (!Number.isFinite(rate)) throw new RangeError(`rate must be finite, got ${rate}`);
  const curve = input.curve ?? createVixCurveTable(input);
  const maxHorizon = Math.max(input.maxHorizonYears, OPTION_MIN_HORIZON * 4);
  const level = logVixAxis(kappa, theta, jumps, maxVariance, OPTION_Z_NODES);
  const zAxis = level.axis;
  const sAxis = axis(Math.sqrt(OPTION_MIN_HORIZON), Math.sqrt(maxHorizon), OPTION_S_NODES);
  const yAxis = axis(OPTION_Y_MIN, OPTION_Y_MAX, OPTION_Y_NODES);
  const ny = yAxis.n;
  const atmVol = new Float64Array(zAxis.n * sAxis.n);
  const vols = new Float64Array(zAxis.n * sAxis.n * ny);
  const iAtm = Math.round(-OPTION_Y_MIN / yAxis.step);
  const floor = 100 * Math.sqrt(vixCoefficients({ kappa, theta, jumps }).c);

  for (let i = 0; i < zAxis.n; i++) {
    const v = level.variance(nodeAt(zAxis, i));
    for (let j = 0; j < sAxis.n; j++) {
      const sqrtH = nodeAt(sAxis, j);
      const horizon = sqrtH * sqrtH;
      const smile = createVixSmile(
        { v, kappa, theta, sigma, horizon, jumps },
        { tolerance: OPTION_SMILE_TOLERANCE },
      );
      // Displaced Black-76 on VIX − floor: the VIX never falls below 100√c (v ≥ 0), so a put
      // struck at or below the floor is worth 0 and the shifted law has no hard edge to fit.
      const shiftedForward = smile.forward - floor;
      const invert = (k: number, guess?: number): number | undefined => {
        const strike = floor + shiftedForward * Math.exp(k);
        const type: OptionType = k >= 0 ? 'call' : 'put';
        const normalized =
          (type === 'call' ? smile.call(strike) : smile.put(strike)) / shiftedForward;
        const otm = type === 'call' ? normalized : normalized - (Math.exp(k) - 1);
        if (!(otm > MIN_NORMALIZED_PRICE * Math.max(1, Math.exp(k)))) return undefined;
        return impliedTotalStdDev(type, k, normalized, guess);
      };
      const atm = invert(0) ?? 0;
      const cell = i * sAxis.n + j;
      atmVol[cell] = atm / sqrtH;
      const base = cell * ny;
      vols[base + iAtm] = atm;
      // Outward from the money, so each node starts from its neighbour and unreliable wings copy it.
      for (const direction of [1, -1]) {
        let previous = atm;
        for (let m = iAtm + direction; m >= 0 && m < ny; m += direction) {
          const k = nodeAt(yAxis, m) * atm;
          const total = atm > 0 ? invert(k, previous) : undefined;
          previous = total !== undefined && total > 0 ? total : previous;
          vols[base + m] = previous;
        }
      }
      for (let m = 0; m < ny; m++) vols[base + m] /= sqrtH;
    }
  }

  const wz = new Float64Array(4);
  const ws = new Float64Array(4);
  const wy = new Float64Array(4);
  const interpolate2 = (iz: number, is: number): number => {
    let sum = 0;
    for (let a = 0; a < 4; a++) {
      const row = (iz + a) * sAxis.n + is;
      sum +=
        wz[a] *
        (ws[0] * atmVol[row] +
          ws[1] * atmVol[row + 1] +
          ws[2] * atmVol[row + 2] +
          ws[3] * atmVol[row + 3]);
    }
    return sum;
  };
  const interpolate3 = (iz: number, is: number, iy: number): number => {
    let sum = 0;
    for (let a = 0; a < 4; a++) {
      for (let b = 0; b < 4; b++) {
        const base = ((iz + a) * sAxis.n + (is + b)) * ny + iy;
        sum +=
          wz[a] *
          ws[b] *
          (wy[0] * vols[base] +
            wy[1] * vols[base + 1] +
            wy[2] * vols[base + 2] +
            wy[3] * vols[base + 3]);
      }
    }
    return sum;
  };

  return {
    future: curve.future,
    price(type, v, horizonYears, strike) {
      const variance = Math.max(finiteOr(v, 0), 0);
      const horizon = Math.max(finiteOr(horizonYears, 0), 0);
      const k = Math.max(finiteOr(strike, 0), 0);
      if (horizon === 0) {
        const spot = hestonVix({ v: variance, kappa, theta, jumps });
        return type === 'call' ? Math.max(spot - k, 0) : Math.max(k - spot, 0);
      }
      const discount = Math.exp(-rate * horizon);
      const forward = curve.future(variance, horizon);
      if (k <= floor) return type === 'call' ? discount * (forward - k) : 0;
      const shiftedForward = Math.max(forward - floor, 1e-12);
      const iz = stencil(zAxis, level.coordinate(variance), wz);
      const is = stencil(sAxis, Math.sqrt(Math.max(horizon, OPTION_MIN_HORIZON)), ws);
      const sqrtH = Math.sqrt(Math.max(horizon, OPTION_MIN_HORIZON));
      const logMoneyness = Math.log((k - floor) / shiftedForward);
      const atm = Math.max(interpolate2(iz, is), 1e-6);
      const iy = stencil(yAxis, logMoneyness / (atm * sqrtH), wy);
      const vol = Math.max(interpolate3(iz, is, iy), 0);
      return (
        discount *
        shiftedForward *
        normalizedBlackPrice(type, logMoneyness, vol * Math.sqrt(horizon))
      );
    },
  };
}
