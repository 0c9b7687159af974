import { describe, expect, it } from 'vitest';
import {
  formatMoney,
  formatNumber,
  formatPercent,
  formatWithError,
} from '../../../src/lib/format.ts';

describe('format', () => {
  it.each([
    [12300, '$12,300'],
    [-4200.4, '−$4,200'],
    [0.4, '$0'],
    [-0.4, '$0'],
    [Number.NaN, '—'],
    [null, '—'],
    [Infinity, '—'],
  ])('formatMoney(%s) = %s', (x, expected) => {
    expect(formatMoney(x)).toBe(expected);
  });

  it.each([
    [0.123, '12.3 %'],
    [-0.0051, '−0.5 %'],
    [1, '100.0 %'],
    [undefined, '—'],
  ])('formatPercent(%s) = %s', (x, expected) => {
    expect(formatPercent(x)).toBe(expected);
  });

  it('formats plain numbers with grouping and a true minus sign', () => {
    expect(formatNumber(-12345.678)).toBe('−12,345.68');
  });

  it('writes a value with its standard error, or the value alone without one', () => {
    expect(formatWithError(1234.4, 56.2, 'money')).toBe('$1,234 ± $56');
    expect(formatWithError(0.123, 0.004, 'percent')).toBe('12.3 % ± 0.4 %');
    expect(formatWithError(0.12, null, 'number')).toBe('0.12');
    expect(formatWithError(Number.NaN, 1, 'money')).toBe('—');
  });
});
