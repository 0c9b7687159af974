/**
 * Minimal complex arithmetic for characteristic functions and transforms. Plain immutable
 * `{ re, im }` values: clear to read in formulas; table builders call these a few hundred
 * thousand times per run, which is cheap next to the path simulation.
 */

export interface Complex {
  readonly re: number;
  readonly im: number;
}

export const complex = (re: number, im = 0): Complex => ({ re, im });
export const cAdd = (a: Complex, b: Complex): Complex => ({ re: a.re + b.re, im: a.im + b.im });
export const cSub = (a: Complex, b: Complex): Complex => ({ re: a.re - b.re, im: a.im - b.im });
export const cMul = (a: Complex, b: Complex): Complex => ({
  re: a.re * b.re - a.im * b.im,
  im: a.re * b.im + a.im * b.re,
});
export const cScale = (a: Complex, s: number): Complex => ({ re: a.re * s, im: a.im * s });
export const cAddReal = (a: Complex, s: number): Complex => ({ re: a.re + s, im: a.im });

/** a / b, Smith's algorithm (avoids overflow when |b| is large or small). */
export function cDiv(a: Complex, b: Complex): Complex {
  if (Math.abs(b.re) >= Math.abs(b.im)) {
    const r = b.im / b.re;
    const d = b.re + b.im * r;
    return { re: (a.re + a.im * r) / d, im: (a.im - a.re * r) / d };
  }
  const r = b.re / b.im;
  const d = b.re * r + b.im;
  return { re: (a.re * r + a.im) / d, im: (a.im * r - a.re) / d };
}

export function cExp(a: Complex): Complex {
  const m = Math.exp(a.re);
  return { re: m * Math.cos(a.im), im: m * Math.sin(a.im) };
}

/** Principal logarithm (branch cut on the negative real axis). */
export function cLog(a: Complex): Complex {
  return { re: Math.log(Math.hypot(a.re, a.im)), im: Math.atan2(a.im, a.re) };
}

/** Principal square root (Re ≥ 0). */
export function cSqrt(a: Complex): Complex {
  const m = Math.hypot(a.re, a.im);
  const re = Math.sqrt(0.5 * (m + a.re));
  const im = Math.sqrt(0.5 * (m - a.re));
  return { re, im: a.im < 0 ? -im : im };
}

export const cAbs = (a: Complex): number => Math.hypot(a.re, a.im);
