/**
 * In-place iterative radix-2 fast Fourier transform (Cooley–Tukey, decimation in time with
 * bit-reversal permutation; Numerical Recipes §12.2). Used to sum cosine/sine series on uniform
 * grids in O(n log n). Twiddle factors and the bit-reversal permutation are memoised per size and computed directly (not by
 * recurrence) so the error stays ~1e-16·log₂n.
 */

interface Plan {
  cos: Float64Array;
  sin: Float64Array;
  /** Bit-reversed index of each position. */
  reversed: Uint32Array;
}

const plans = new Map<number, Plan>();

function plan(n: number): Plan {
  const hit = plans.get(n);
  if (hit) return hit;
  const cos = new Float64Array(n / 2);
  const sin = new Float64Array(n / 2);
  for (let k = 0; k < n / 2; k++) {
    cos[k] = Math.cos((2 * Math.PI * k) / n);
    sin[k] = Math.sin((2 * Math.PI * k) / n);
  }
  const reversed = new Uint32Array(n);
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    reversed[i] = j;
  }
  const entry = { cos, sin, reversed };
  plans.set(n, entry);
  return entry;
}

/**
 * Overwrites (re, im) with X_j = Σ_k x_k·e^{sign·2πi·jk/n}, n = re.length a power of two;
 * sign = −1 is the forward DFT, +1 the unnormalised inverse.
 *
 * @throws RangeError when the length is not a power of two or the arrays differ in length.
 */
export function fftInPlace(re: Float64Array, im: Float64Array, sign: 1 | -1): void {
  const n = re.length;
  if (n !== im.length || n < 1 || (n & (n - 1)) !== 0)
    throw new RangeError(`fftInPlace: length must be a power of two, got ${n}`);
  const { cos, sin, reversed } = plan(n);
  for (let i = 1; i < n; i++) {
    const j = reversed[i];
    if (i < j) {
      let t = re[i];
      re[i] = re[j];
      re[j] = t;
      t = im[i];
      im[i] = im[j];
      im[j] = t;
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1;
    const stride = n / len;
    for (let k = 0; k < half; k++) {
      const wr = cos[k * stride];
      const wi = sign * sin[k * stride];
      for (let a = k; a < n; a += len) {
        const b = a + half;
        const xr = re[b] * wr - im[b] * wi;
        const xi = re[b] * wi + im[b] * wr;
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
      }
    }
  }
}
