/**
 * Per-trading-day slices of the run's option tables. The strategy marks every open SPX and VIX
 * option on every path every day, always at a whole number of trading days to expiry
 * (t = days/252, instruments/contracts.ts), so for each `days` the 3-D table collapses to a 2-D
 * grid: built on first use from the table itself, memoised, and read with a few multiply–adds —
 * no Black's formula, no transcendental function per lookup. The reference is the table's own
 * price (not the model's exact one); outside their grids the slices return the table's price.
 *
 * SPX (`createSpxDailySlices`, from `SpxOptionTable`). A slice holds the out-of-the-money price
 * per unit spot (the put for k < 0, the call for k ≥ 0) at nodes
 * - in the variance: uniform in y = √s(v), where s(v)² = a·v + b is the table's ATM implied total
 *   variance at v = 0 and v = vMax joined linearly. Dense at low v (dv/dy ∝ s^{3/2}) like the
 *   table's own η = ln(1 + v/v*), as accurate as η here (measured), and it costs a square root
 *   where η costs a logarithm — the per-(v, days) setup is a third of a condor mark;
 * - in the strike: uniform in standardised moneyness z = k/s(v) on the body |z| ≤ 6, uniform in
 *   ln|z| beyond (step 0.05) out to twice the table's own strike reach at v = 0, which covers the
 *   jump tail of one-day options. The body step is 1/32, finer at long expiries so that the
 *   near-money error h²/8·max ∂²P/∂z² ≈ h²/8·0.4·s stays at 1e-5 of spot.
 * Interpolation: cubic (4-point Lagrange) in y, its weights memoised per (v, days) — the four
 * legs of a condor share them — and linear in z (k = 0 and the body/tail joins are nodes, so the
 * kink of the OTM price at the money is never interpolated across). In-the-money prices come
 * from put–call parity, C − P = e^{−qt}(1 − e^k), with e^{−qt} read off the table's own parity,
 * so parity holds to rounding. Values are Float32 (relative rounding 6e-8).
 *
 * VIX (`createVixOptionDailySlices`, from `VixOptionTable`). VIX strikes are whole points, so a
 * slice is exact in the strike and interpolates in the variance only: 256 nodes uniform in
 * u = ln(a·v + c) = 2·ln(spot VIX/100) (the table's variance coordinate, dense at low VIX where
 * short-dated prices bend fastest; a, c read off the table's spot VIX) × integer strikes. It
 * stores the futures F_i and the OTM values o_i(K) (Float32); a lookup returns
 * Σ w_i·o_i + e^{−rh}·Σ w_i·(F_i − K)⁺ for a call ((K − F_i)⁺ for a put), which is exactly the
 * cubic interpolation of the node prices, so put–call parity on the sliced future holds to
 * rounding. Strikes below the VIX floor have o_i = 0 (the table's put is 0 there). The weights
 * depend on v only (all slices share the grid) and are memoised across the layers of a path.
 * From 42 days on, odd nodes are filled by the 4-point midpoint rule on call prices instead of
 * priced by the table (prices are smooth there), halving the build.
 *
 * Accuracy against the table (tests/unit/engine/pricing/daily-slices.test.ts; historical preset,
 * seeded random points, v ∈ [0.002, 1], days 1…280). The tables are piecewise-cubic interpolants,
 * continuous but not smooth across their own nodes; a slice reproduces their smooth parts far
 * more closely than their kinks, which set the figures:
 * - SPX: absolute error ≤ 1.5e-5 of spot (median 2e-8, 99th percentile 6e-6; tested < 2e-5) for
 *   |z| ≤ 6, also for v below 0.002 down to 0 and in the jump tail; OTM prices ≥ 1e-5 of spot
 *   within 4 standard units (condor wings) within 0.5 % (tested < 0.8 %), ≤ 1.4e-4 in implied
 *   vol — about the table's own accuracy against the model (1e-5 of spot, 1e-4 in vol).
 *   Put–call parity to 1e-12.
 * - VIX: absolute error ≤ 1.2e-3 points at 1–2 days to expiry (tested < 2e-3), ≤ 3e-4 from
 *   3 days (tested < 5e-4); largest next to the table's variance nodes at low VIX, median
 *   ~1e-7; ≤ 0.4 % of prices above 0.05 points (tested < 1 %); futures ≤ 1e-5 points. The table
 *   itself is within 5e-3 points of the model.
 * Size and build per slice (2-core machine, warm; `npx tsx src/cli/bench-slices.ts`): SPX
 * 48 × 510–860 nodes, 95–165 KB, 5–8 ms; VIX 256 × (200 − floor) strikes, 192 KB, each strike
 * column priced on its first use (256 table prices, half of them from 42 days on: ~50 µs), so a
 * run that touches a few dozen strikes of an expiry spends 1–2 ms on it. A run holds only the
 * slices its expiries touch.
 *
 * Within a slice prices are continuous in v and k (tested); where a query leaves the slice (v
 * above its vMax, |z| beyond its strike range) the switch to the table's price jumps by at most
 * the slice's error at that edge.
 *
 * Lookups allocate nothing: state lives in fields (as in spx-option-table.ts), and each lookup is
 * one `priceInto` loop over a path's legs that reads its inputs from and writes its prices to typed
 * arrays (no doubles boxed across calls); `price` is that loop for one option.
 */

import { TRADING_DAYS_PER_YEAR } from '../model/market-params.ts';
import type { OptionType } from './black-scholes.ts';
import type { SpxOptionTable } from './spx-option-table.ts';
import type { VixOptionTable } from './vix-tables.ts';

export interface SpxDailySlicesOptions {
  /** The run's SPX option table; every slice node is one `table.price`. */
  table: SpxOptionTable;
  /** Largest days to expiry served from slices (integer ≥ 1); larger ones use the table. */
  maxDays: number;
  /** Largest variance on the slices; larger v use the table. Default: the table's own vMax. */
  maxVariance?: number;
  /** Variance nodes (uniform in √s(v), ≥ 4); default 48. */
  varianceNodes?: number;
  /** Half-width of the uniform body in standardised moneyness z = k/s; default 6. */
  bodyWidth?: number;
  /**
   * Largest step in z on the body; default 1/32. Slices whose s(vMax) exceeds 0.2 (from about
   * 10 days) use a finer one, so that the near-money error stays ~1e-5 of spot; the step is
   * rounded so that ±bodyWidth are nodes.
   */
  bodyStep?: number;
  /** Step in ln|z| in the tails; default 0.05. */
  tailStep?: number;
}

/** Fast per-trading-day SPX option prices (see the module comment). */
export interface SpxDailySlices {
  /**
   * Option price per unit spot, the same quantity as `table.price(type, v, k, days/252)`:
   * k = ln(K/F) with the table's forward (`table.logMoneyness`), v the instantaneous variance
   * (v < 0 is priced as 0, like the table). `days` is a whole number of trading days to expiry;
   * integers 1…maxDays with v ≤ maxVariance and k inside the slice's strike range use the slice
   * (built on first use), anything else — days ≤ 0 (the intrinsic value), non-integer days,
   * larger v or |k| — is passed to `table.price` unchanged, which also throws its RangeError for
   * NaN v or non-finite k.
   */
  price(type: OptionType, v: number, logMoneyness: number, days: number): number;
  /**
   * `price` of several options at one (v, days) — out[k] = price(types[k], v, logMoneyness[k],
   * days) for k < out.length — written into `out` rather than returned: a double returned from a
   * call V8 does not inline is boxed on the heap, and a condor's four daily marks were most of
   * the strategy's garbage.
   */
  priceInto(
    types: readonly OptionType[],
    v: number,
    logMoneyness: Float64Array,
    days: number,
    out: Float64Array,
  ): void;
  /** Bytes of the typed arrays of the slice for `days` (built if needed); 0 if not sliced. */
  sliceBytes(days: number): number;
  readonly maxDays: number;
}

export interface VixOptionDailySlicesOptions {
  /** The run's VIX option table (and its futures curve). */
  table: VixOptionTable;
  /** Largest days to expiry served from slices (integer ≥ 1); larger ones use the table. */
  maxDays: number;
  /** Largest variance on the slices; larger v use the table. Default 1.5. */
  maxVariance?: number;
  /** Variance nodes (u = ln(a·v + c) uniform, ≥ 4); default 256. */
  varianceNodes?: number;
  /** Largest integer strike on the slices (points); larger strikes use the table. Default 200. */
  maxStrike?: number;
}

/** Fast per-trading-day VIX option and futures prices (see the module comment). */
export interface VixOptionDailySlices {
  /**
   * e^{−r·h}·E_Q[(VIX_h − K)⁺] (call) or the put, points, h = days/252: the same as
   * `table.price(type, v, days/252, strike)`. Sliced for integer days 1…maxDays, v ≤ maxVariance
   * (v < 0 as 0) and strikes that are whole points up to maxStrike, or any strike from 1 up to
   * the VIX floor (where the table's call is e^{−rh}(F − K) and its put 0); anything else —
   * days ≤ 0 (intrinsic on the spot VIX), fractional strikes, NaN — is passed to the table.
   */
  price(type: OptionType, v: number, days: number, strike: number): number;
  /**
   * `price` of several options of one path — out[k] = price(types[k], variance[i], days,
   * strikes[k]) for k < out.length — reading v from the array and writing the prices into `out`:
   * doubles passed to or returned from a call V8 does not inline are boxed on the heap, and a
   * layer's daily marks were much of the strategy's garbage.
   */
  priceInto(
    types: readonly OptionType[],
    variance: Float64Array,
    i: number,
    days: number,
    strikes: Float64Array,
    out: Float64Array,
  ): void;
  /** E_Q[VIX_h | v], points: `table.future(v, days/252)` on the same slices and fallbacks. */
  future(v: number, days: number): number;
  /** Bytes of the typed arrays of the slice for `days` (built if needed); 0 if not sliced. */
  sliceBytes(days: number): number;
  readonly maxDays: number;
}

/** The slice's strike range reaches this multiple of the table's reach at v = 0. */
const SPX_TAIL_REACH = 2;
/** Target near-money error of the strike interpolation, per unit spot (sets the body step). */
const SPX_NEAR_MONEY_ERROR = 1e-5;
const SIXTH = 1 / 6;

/**
 * The four-point Lagrange (cubic) stencil at a fractional node position: the first node i0 and
 * the weights of nodes i0 … i0 + 3, placed so that the position lies in the middle interval where
 * it can (clamped to the first and last four nodes at the ends). Both lookups interpolate their
 * variance axis with it.
 */
class CubicStencil {
  i0 = 0;
  w0 = 0;
  w1 = 0;
  w2 = 0;
  w3 = 0;

  /** Places the stencil at position p (in node units) on a grid of n ≥ 4 nodes. */
  place(p: number, n: number): void {
    let i = Math.floor(p) - 1;
    if (i < 0) i = 0;
    else if (i > n - 4) i = n - 4;
    const x = p - i;
    const x1 = x - 1;
    const x2 = x - 2;
    const x3 = x - 3;
    this.w0 = -x1 * x2 * x3 * SIXTH;
    this.w1 = x * x2 * x3 * 0.5;
    this.w2 = -x * x1 * x3 * 0.5;
    this.w3 = x * x1 * x2 * SIXTH;
    this.i0 = i;
  }
}
/** VIX OTM values (points) below this end the scan outwards: the rest are stored as 0. */
const VIX_OTM_CUTOFF = 1e-12;
/** VIX slices from this many days on price every other variance node from the table. */
const VIX_FILL_DAYS = 42;

function checkMaxDays(maxDays: number): void {
  if (!(Number.isInteger(maxDays) && maxDays >= 1))
    throw new RangeError(`maxDays must be an integer ≥ 1, got ${maxDays}`);
}

function checkNodes(name: string, n: number): void {
  if (!(Number.isInteger(n) && n >= 4))
    throw new RangeError(`${name} must be an integer ≥ 4, got ${n}`);
}

function checkPositive(name: string, x: number): void {
  if (!(Number.isFinite(x) && x > 0))
    throw new RangeError(`${name} must be a finite number > 0, got ${x}`);
}

/** True for the days a slice serves: integers 1…maxDays. */
function isSliceDay(days: number, maxDays: number): boolean {
  return Number.isInteger(days) && days >= 1 && days <= maxDays;
}

/**
 * Builds lazily memoised SPX slices over `table` (module comment: method, accuracy, size).
 *
 * Tested against `table.price` at seeded random points (absolute and OTM-relative bounds, also
 * below v = 0.002 and in the jump tail), for put–call parity, continuity in k and v across
 * cells, the fallbacks, lazy building and memo independence
 * (tests/unit/engine/pricing/daily-slices.test.ts).
 *
 * @throws RangeError for a non-integer or non-positive maxDays, fewer than 4 nodes or a
 * non-positive width or step.
 */
export function createSpxDailySlices(options: SpxDailySlicesOptions): SpxDailySlices {
  const { table, maxDays } = options;
  checkMaxDays(maxDays);
  const variances = table.grid.variances;
  const maxVariance = options.maxVariance ?? variances[variances.length - 1];
  const nv = options.varianceNodes ?? 48;
  const bodyWidth = options.bodyWidth ?? 6;
  const bodyStep = options.bodyStep ?? 1 / 32;
  const tailStep = options.tailStep ?? 0.05;
  checkPositive('maxVariance', maxVariance);
  checkNodes('varianceNodes', nv);
  checkPositive('bodyWidth', bodyWidth);
  checkPositive('bodyStep', bodyStep);
  checkPositive('tailStep', tailStep);
  return new SpxSliceLookup(table, maxDays, maxVariance, nv, bodyWidth, bodyStep, tailStep);
}

/**
 * One SPX slice: OTM price per unit spot at (strike node j, variance node i) in values[j·nv + i]
 * (a stencil's four variance nodes are adjacent in memory), followed by a copy of the last strike
 * node's column, so that a linear stencil at the last node stays inside the array.
 */
interface SpxSlice {
  readonly values: Float32Array;
  /** Variance nodes (the column length). */
  readonly nv: number;
  /** Strike nodes: lower tail 0…lowerJoin, body lowerJoin…upperJoin (centre at k = 0), upper tail. */
  readonly lowerJoin: number;
  readonly center: number;
  readonly upperJoin: number;
  /** Last strike node (positions run from 0 to last). */
  readonly last: number;
  readonly body: number;
  readonly invBody: number;
  readonly invBodyStep: number;
  readonly invTailStep: number;
  /** s² = scaleA·v + scaleB. */
  readonly scaleA: number;
  readonly scaleB: number;
  /** e^{−qt}, from the table's own parity. */
  readonly discount: number;
  /** Variance position = (√s(v) − varianceOrigin)·varianceScale. */
  readonly varianceOrigin: number;
  readonly varianceScale: number;
}

/** "No slice": body −1 and last −1 make every strike position −1, i.e. the table's price. */
const NO_SLICE: SpxSlice = {
  values: new Float32Array(0),
  nv: 0,
  lowerJoin: 0,
  center: 0,
  upperJoin: 0,
  last: -1,
  body: -1,
  invBody: 1,
  invBodyStep: 0,
  invTailStep: 0,
  scaleA: 0,
  scaleB: 0,
  discount: 0,
  varianceOrigin: 0,
  varianceScale: 0,
};

class SpxSliceLookup implements SpxDailySlices {
  private readonly slices: (SpxSlice | undefined)[];
  private memoV = NaN;
  private memoDays = NaN;
  /** The slice for the memoised (v, days), or NO_SLICE when they go to the table. */
  private current: SpxSlice = NO_SLICE;
  private invScale = 0;
  /** First of the four variance nodes of the stencil, and their weights. */
  private readonly stencil = new CubicStencil();

  constructor(
    private readonly table: SpxOptionTable,
    readonly maxDays: number,
    private readonly maxVariance: number,
    private readonly nv: number,
    private readonly bodyWidth: number,
    private readonly maxBodyStep: number,
    private readonly tailStep: number,
  ) {
    this.slices = new Array<SpxSlice | undefined>(maxDays + 1).fill(undefined);
  }

  /** `price`'s one option, through `priceInto` (a single implementation of the lookup). */
  private readonly oneType: OptionType[] = ['call'];
  private readonly oneMoneyness = new Float64Array(1);
  private readonly onePrice = new Float64Array(1);

  price(type: OptionType, v: number, logMoneyness: number, days: number): number {
    this.oneType[0] = type;
    this.oneMoneyness[0] = logMoneyness;
    this.priceInto(this.oneType, v, this.oneMoneyness, days, this.onePrice);
    return this.onePrice[0];
  }

  // Every leg in one loop, its state read from and its price written to arrays: a call per leg
  // boxed its arguments and result (doubles crossing a call V8 does not inline), and a condor's
  // daily marks were most of the strategy's garbage. The tails go through a small function, and
  // "no slice" is a sentinel whose positions are all −1 (the table's price).
  priceInto(
    types: readonly OptionType[],
    v: number,
    logMoneyness: Float64Array,
    days: number,
    out: Float64Array,
  ): void {
    if (v !== this.memoV || days !== this.memoDays) this.prepare(v, days);
    const sl = this.current;
    const values = sl.values;
    const nv = sl.nv;
    const body = sl.body;
    const { i0, w0, w1, w2, w3 } = this.stencil;
    const invScale = this.invScale;
    for (let k = 0; k < out.length; k++) {
      const m = logMoneyness[k];
      const z = m * invScale;
      const p = z <= body && z >= -body ? sl.center + z * sl.invBodyStep : tailPosition(sl, z);
      if (!(p >= 0)) {
        out[k] = this.table.price(types[k], v, m, days / TRADING_DAYS_PER_YEAR);
        continue;
      }
      // Linear in the strike (k = 0 and the body/tail joins are nodes; a padding column follows
      // the last node), cubic in the variance.
      const j = Math.floor(p);
      const r0 = j * nv + i0;
      const r1 = r0 + nv;
      const c0 = w0 * values[r0] + w1 * values[r0 + 1] + w2 * values[r0 + 2] + w3 * values[r0 + 3];
      const c1 = w0 * values[r1] + w1 * values[r1 + 1] + w2 * values[r1 + 2] + w3 * values[r1 + 3];
      // The cubic in v may undershoot 0 by rounding-sized amounts where prices vanish.
      const otm = Math.max(c0 + (p - j) * (c1 - c0), 0);
      // Stored: the put for k < 0, the call for k ≥ 0. In the money, C − P = e^{−qt}(1 − e^k)
      // adds e^{−qt}·|e^k − 1| to the OTM price.
      out[k] = (types[k] === 'call' ? m < 0 : m > 0)
        ? otm + sl.discount * Math.abs(Math.expm1(m))
        : otm;
    }
  }

  sliceBytes(days: number): number {
    if (!isSliceDay(days, this.maxDays)) return 0;
    return (this.slices[days] ?? this.build(days)).values.byteLength;
  }

  /** Sets the memo for (v, days): the slice, 1/s(v) and the variance stencil. */
  private prepare(v: number, days: number): void {
    this.memoV = v;
    this.memoDays = days;
    this.current = NO_SLICE;
    if (!isSliceDay(days, this.maxDays)) return;
    if (!(v <= this.maxVariance)) return; // also NaN, for which the table throws
    const vq = v > 0 ? v : 0;
    const sl = this.slices[days] ?? this.build(days);
    this.current = sl;
    const scale = Math.sqrt(sl.scaleA * vq + sl.scaleB);
    this.invScale = 1 / scale;
    const p = (Math.sqrt(scale) - sl.varianceOrigin) * sl.varianceScale;
    this.stencil.place(p, this.nv);
  }

  private build(days: number): SpxSlice {
    const { table, maxVariance, nv, bodyWidth, tailStep } = this;
    const t = days / TRADING_DAYS_PER_YEAR;
    // Scale: the table's ATM implied total variance, linear in v between v = 0 and vMax.
    const atm0 = table.impliedVol(0, 0, t);
    const atmMax = table.impliedVol(maxVariance, 0, t);
    const scaleB = Math.max(atm0 * atm0 * t, 1e-14);
    let scaleA = (atmMax * atmMax * t - scaleB) / maxVariance;
    if (!(scaleA > 0)) scaleA = t;
    // e^{−qt} from the table's parity at k = −ln 2, where 1 − e^k = 1/2.
    const half = -Math.LN2;
    const discount = 2 * (table.price('call', 0, half, t) - table.price('put', 0, half, t));
    const varianceOrigin = Math.sqrt(Math.sqrt(scaleB));
    const varianceScale =
      (nv - 1) / (Math.sqrt(Math.sqrt(scaleA * maxVariance + scaleB)) - varianceOrigin);
    // Linear interpolation in z errs by ≤ h²/8·max ∂²f/∂z² ≈ h²/8·0.4·s near the money (the
    // second derivative is s times the density of ln(S_T/F) in standard units): the step
    // shrinks with the largest s on the slice.
    const sMax = Math.sqrt(scaleA * maxVariance + scaleB);
    const step = Math.min(this.maxBodyStep, Math.sqrt(SPX_NEAR_MONEY_ERROR / (0.05 * sMax)));
    const bodyIntervals = Math.max(1, Math.ceil(bodyWidth / step));
    const bodyStep = bodyWidth / bodyIntervals;
    const reach = Math.abs(table.grid.logMoneynessAt(0, 1, t)) / Math.sqrt(scaleB);
    const zMax = Math.max(SPX_TAIL_REACH * reach, 2 * bodyWidth);
    const tailIntervals = Math.max(1, Math.ceil(Math.log(zMax / bodyWidth) / tailStep));
    const lowerJoin = tailIntervals;
    const center = lowerJoin + bodyIntervals;
    const upperJoin = center + bodyIntervals;
    const nodes = upperJoin + tailIntervals + 1;
    const zNodes = new Float64Array(nodes);
    for (let j = 0; j < nodes; j++) {
      zNodes[j] =
        j < lowerJoin
          ? -bodyWidth * Math.exp((lowerJoin - j) * tailStep)
          : j > upperJoin
            ? bodyWidth * Math.exp((j - upperJoin) * tailStep)
            : (j - center) * bodyStep;
    }
    const values = new Float32Array((nodes + 1) * nv);
    for (let i = 0; i < nv; i++) {
      const y = varianceOrigin + i / varianceScale;
      const v = i === 0 ? 0 : i === nv - 1 ? maxVariance : (y * y * y * y - scaleB) / scaleA;
      const s = Math.sqrt(scaleA * v + scaleB);
      for (let j = 0; j < nodes; j++) {
        const z = zNodes[j];
        values[j * nv + i] = table.price(z < 0 ? 'put' : 'call', v, z * s, t);
      }
      values[nodes * nv + i] = values[(nodes - 1) * nv + i];
    }
    const slice: SpxSlice = {
      values,
      nv,
      lowerJoin,
      center,
      upperJoin,
      last: nodes - 1,
      body: bodyWidth,
      invBody: 1 / bodyWidth,
      invBodyStep: 1 / bodyStep,
      invTailStep: 1 / tailStep,
      scaleA,
      scaleB,
      discount,
      varianceOrigin,
      varianceScale,
    };
    this.slices[days] = slice;
    return slice;
  }
}

/**
 * Strike position of a standardised moneyness z beyond the body (ln-spaced nodes), or −1 when z
 * is outside the slice or NaN.
 */
function tailPosition(sl: SpxSlice, z: number): number {
  const p =
    z > 0
      ? sl.upperJoin + Math.log(z * sl.invBody) * sl.invTailStep
      : sl.lowerJoin - Math.log(-z * sl.invBody) * sl.invTailStep;
  return p >= 0 && p <= sl.last ? p : -1;
}

/**
 * Builds lazily memoised VIX option slices over `table` (module comment: method, accuracy,
 * size).
 *
 * Tested against `table.price` and `table.future` at seeded random points, for put–call parity
 * on the sliced future, continuity in v, the fallbacks (fractional strikes, days ≤ 0, v beyond
 * the grid) and memo independence (tests/unit/engine/pricing/daily-slices.test.ts).
 *
 * @throws RangeError for a non-integer or non-positive maxDays or maxStrike, fewer than 4 nodes
 * or a non-positive maxVariance.
 */
export function createVixOptionDailySlices(
  options: VixOptionDailySlicesOptions,
): VixOptionDailySlices {
  const { table, maxDays } = options;
  checkMaxDays(maxDays);
  const maxVariance = options.maxVariance ?? 1.5;
  const nv = options.varianceNodes ?? 256;
  const maxStrike = options.maxStrike ?? 200;
  checkPositive('maxVariance', maxVariance);
  checkNodes('varianceNodes', nv);
  if (!(Number.isInteger(maxStrike) && maxStrike >= 1))
    throw new RangeError(`maxStrike must be an integer ≥ 1, got ${maxStrike}`);
  return new VixSliceLookup(table, maxDays, maxVariance, nv, maxStrike);
}

/**
 * One VIX slice: futures at the variance nodes and OTM values o_i(K) in values[(K − kFirst)·nv + i]
 * (a stencil's four variance nodes are adjacent in memory).
 */
interface VixSlice {
  readonly futures: Float64Array;
  readonly values: Float32Array;
  /** e^{−rh}, from the table's parity. */
  readonly discount: number;
  /** The variance at each node. */
  readonly nodes: Float64Array;
  /** 1 where the strike's column (K − kFirst) has been priced: columns are built on first use. */
  readonly built: Uint8Array;
  readonly days: number;
}

class VixSliceLookup implements VixOptionDailySlices {
  private readonly slices: (VixSlice | undefined)[];
  /** Spot VIX² = 100²·(a·v + c): the variance coordinate u = ln(a·v + c). */
  private readonly a: number;
  private readonly c: number;
  private readonly u0: number;
  private readonly invStep: number;
  /** Strikes below this are under the VIX floor: OTM value 0 at every node. */
  private readonly kFirst: number;
  private readonly nk: number;
  private memoV = NaN;
  /** False when the memoised v goes to the table. */
  private inGrid = false;
  private readonly stencil = new CubicStencil();

  constructor(
    private readonly table: VixOptionTable,
    readonly maxDays: number,
    private readonly maxVariance: number,
    private readonly nv: number,
    private readonly maxStrike: number,
  ) {
    this.slices = new Array<VixSlice | undefined>(maxDays + 1).fill(undefined);
    // The spot VIX is the future at horizon 0; at v = 0 it is the floor 100√c.
    const floor = table.future(0, 0);
    this.c = (floor / 100) ** 2;
    this.a = (table.future(1, 0) / 100) ** 2 - this.c;
    if (!(this.a > 0 && this.c > 0))
      throw new RangeError(`VIX table: spot VIX must rise from a positive floor, got ${floor}`);
    this.u0 = Math.log(this.c);
    this.invStep = (nv - 1) / (Math.log(this.a * maxVariance + this.c) - this.u0);
    this.kFirst = Math.min(Math.max(1, Math.floor(floor)), maxStrike);
    this.nk = maxStrike - this.kFirst + 1;
  }

  /** `price`'s one option, through `priceInto` (a single implementation of the lookup). */
  private readonly oneType: OptionType[] = ['call'];
  private readonly oneVariance = new Float64Array(1);
  private readonly oneStrike = new Float64Array(1);
  private readonly onePrice = new Float64Array(1);

  price(type: OptionType, v: number, days: number, strike: number): number {
    this.oneType[0] = type;
    this.oneVariance[0] = v;
    this.oneStrike[0] = strike;
    this.priceInto(this.oneType, this.oneVariance, 0, days, this.oneStrike, this.onePrice);
    return this.onePrice[0];
  }

  // Every leg of a path in one loop, v read from and the prices written to arrays (no boxed
  // doubles per leg); a slice and a strike's column are built on first use, and what the slices
  // do not cover goes to the table.
  priceInto(
    types: readonly OptionType[],
    variance: Float64Array,
    i: number,
    days: number,
    strikes: Float64Array,
    out: Float64Array,
  ): void {
    const v = variance[i];
    if (v !== this.memoV) this.prepare(v);
    let sl = this.inGrid ? this.slices[days] : undefined;
    if (sl === undefined && this.inGrid && isSliceDay(days, this.maxDays)) sl = this.build(days);
    const st = this.stencil;
    const n = st.i0;
    const w0 = st.w0;
    const w1 = st.w1;
    const w2 = st.w2;
    const w3 = st.w3;
    for (let k = 0; k < out.length; k++) {
      const strike = strikes[k];
      if (
        sl === undefined ||
        !(strike >= 1 && strike <= this.maxStrike) ||
        (strike >= this.kFirst && strike !== Math.floor(strike))
      ) {
        out[k] = this.table.price(types[k], v, days / TRADING_DAYS_PER_YEAR, strike);
        continue;
      }
      if (strike >= this.kFirst && sl.built[strike - this.kFirst] === 0)
        this.buildColumn(sl, strike);
      const r = (strike - this.kFirst) * this.nv + n;
      const values = sl.values;
      // Below the VIX floor every node's OTM value (the put) is 0.
      const otm =
        strike >= this.kFirst
          ? w0 * values[r] + w1 * values[r + 1] + w2 * values[r + 2] + w3 * values[r + 3]
          : 0;
      const f = sl.futures;
      const sign = types[k] === 'call' ? 1 : -1;
      const intrinsic =
        w0 * Math.max(sign * (f[n] - strike), 0) +
        w1 * Math.max(sign * (f[n + 1] - strike), 0) +
        w2 * Math.max(sign * (f[n + 2] - strike), 0) +
        w3 * Math.max(sign * (f[n + 3] - strike), 0);
      out[k] = otm + sl.discount * intrinsic;
    }
  }

  future(v: number, days: number): number {
    if (v !== this.memoV) this.prepare(v);
    if (!this.inGrid || !isSliceDay(days, this.maxDays))
      return this.table.future(v, days / TRADING_DAYS_PER_YEAR);
    const f = this.sliceFor(days).futures;
    const { i0: i, w0, w1, w2, w3 } = this.stencil;
    return w0 * f[i] + w1 * f[i + 1] + w2 * f[i + 2] + w3 * f[i + 3];
  }

  sliceBytes(days: number): number {
    if (!isSliceDay(days, this.maxDays)) return 0;
    const sl = this.sliceFor(days);
    return sl.values.byteLength + sl.futures.byteLength;
  }

  private sliceFor(days: number): VixSlice {
    return this.slices[days] ?? this.build(days);
  }

  /** Sets the memo for v: the variance stencil, shared by every slice. */
  private prepare(v: number): void {
    this.memoV = v;
    const vq = v > 0 ? v : 0;
    // NaN is priced as v = 0 here, as the table does; +∞ goes to the table, which clamps it.
    this.inGrid = vq <= this.maxVariance;
    if (!this.inGrid) return;
    const p = (Math.log(this.a * vq + this.c) - this.u0) * this.invStep;
    this.stencil.place(p, this.nv);
  }

  private build(days: number): VixSlice {
    const { table, nv, nk, c, a, u0, invStep } = this;
    const h = days / TRADING_DAYS_PER_YEAR;
    const futures = new Float64Array(nv);
    const nodes = new Float64Array(nv);
    for (let i = 0; i < nv; i++) {
      const v =
        i === 0
          ? 0
          : i === nv - 1
            ? this.maxVariance
            : Math.max((Math.exp(u0 + i / invStep) - c) / a, 0);
      nodes[i] = v;
      futures[i] = table.future(v, h);
    }
    // e^{−rh} from the table's parity C − P = e^{−rh}(F − K) at K = F/2.
    const half = 0.5 * futures[0];
    const discount =
      (table.price('call', nodes[0], h, half) - table.price('put', nodes[0], h, half)) / half;
    const slice: VixSlice = {
      futures,
      values: new Float32Array(nv * nk),
      discount,
      nodes,
      built: new Uint8Array(nk),
      days,
    };
    this.slices[days] = slice;
    return slice;
  }

  /**
   * Prices one strike's column of a slice on first use: a run touches a few dozen of the 200
   * strikes, so building columns lazily costs a fraction of a whole slice.
   */
  private buildColumn(slice: VixSlice, strike: number): void {
    const { table, nv, kFirst } = this;
    const { futures, nodes, values, discount } = slice;
    const h = slice.days / TRADING_DAYS_PER_YEAR;
    const r = (strike - kFirst) * nv;
    // From VIX_FILL_DAYS on, prices are smooth enough in u that every other node (the odd ones
    // away from the ends) is filled by the 4-point midpoint rule from the nodes priced by the
    // table, halving the build.
    const fill = slice.days >= VIX_FILL_DAYS;
    for (let i = 0; i < nv; i++) {
      if (fill && i % 2 === 1 && i >= 3 && i + 3 < nv) continue;
      const otm = table.price(strike >= futures[i] ? 'call' : 'put', nodes[i], h, strike);
      values[r + i] = otm < VIX_OTM_CUTOFF ? 0 : otm;
    }
    if (fill) {
      // Interpolate call prices (smooth in v), not OTM values (kinked where F_i crosses K).
      const call = (i: number) => values[r + i] + discount * Math.max(futures[i] - strike, 0);
      for (let i = 3; i + 3 < nv; i += 2) {
        const mid = (9 * (call(i - 1) + call(i + 1)) - call(i - 3) - call(i + 3)) / 16;
        values[r + i] = mid - discount * Math.max(futures[i] - strike, 0);
      }
    }
    slice.built[strike - kFirst] = 1;
  }
}
