import { describe, expect, it } from 'vitest';
import { fftInPlace } from '../../../../src/engine/math/fft.ts';

function naiveDft(re: number[], im: number[], sign: 1 | -1): [number[], number[]] {
  const n = re.length;
  const outRe: number[] = [];
  const outIm: number[] = [];
  for (let j = 0; j < n; j++) {
    let sr = 0;
    let si = 0;
    for (let k = 0; k < n; k++) {
      const angle = (sign * 2 * Math.PI * j * k) / n;
      sr += re[k] * Math.cos(angle) - im[k] * Math.sin(angle);
      si += re[k] * Math.sin(angle) + im[k] * Math.cos(angle);
    }
    outRe.push(sr);
    outIm.push(si);
  }
  return [outRe, outIm];
}

describe('radix-2 FFT', () => {
  it.each([1, 2, 8, 64, 256])(
    'matches the O(n²) DFT for n = %d, both signs (1e-12 relative)',
    (n) => {
      const re = Array.from({ length: n }, (_, k) => Math.sin(1.3 * k + 0.2) + 0.1 * k);
      const im = Array.from({ length: n }, (_, k) => Math.cos(0.7 * k * k));
      for (const sign of [1, -1] as const) {
        const [wantRe, wantIm] = naiveDft(re, im, sign);
        const gotRe = Float64Array.from(re);
        const gotIm = Float64Array.from(im);
        fftInPlace(gotRe, gotIm, sign);
        const scale = Math.max(1, ...wantRe.map(Math.abs), ...wantIm.map(Math.abs));
        for (let j = 0; j < n; j++) {
          expect(Math.abs(gotRe[j] - wantRe[j])).toBeLessThan(1e-12 * scale);
          expect(Math.abs(gotIm[j] - wantIm[j])).toBeLessThan(1e-12 * scale);
        }
      }
    },
  );

  it('forward then inverse returns n·x', () => {
    const re = Float64Array.from([1, -2, 3.5, 0, 7, 1e-3, -4, 2]);
    const im = Float64Array.from([0, 1, 0, -1, 2, 0, 0, 5]);
    const r = Float64Array.from(re);
    const i = Float64Array.from(im);
    fftInPlace(r, i, -1);
    fftInPlace(r, i, 1);
    for (let k = 0; k < re.length; k++) {
      expect(r[k] / 8).toBeCloseTo(re[k], 13);
      expect(i[k] / 8).toBeCloseTo(im[k], 13);
    }
  });

  it('rejects lengths that are not powers of two', () => {
    expect(() => fftInPlace(new Float64Array(6), new Float64Array(6), 1)).toThrow(RangeError);
  });
});
