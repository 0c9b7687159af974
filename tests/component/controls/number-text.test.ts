// The text ↔ number edge of the number inputs (pure functions; no component needed).
import { describe, expect, it } from 'vitest';
import {
  displayMessage,
  formatNumberForInput,
  parseNumberText,
  rangeText,
  stepNumber,
} from '../../../src/components/controls/number-text.ts';

describe('parseNumberText', () => {
  it.each([
    ['2.5', {}, 2.5],
    ['2.5', { percent: true }, 0.025],
    ['-0.95', {}, -0.95],
    ['\u22120.95', {}, -0.95],
    ['10,000', {}, 10_000],
    [' 7 ', {}, 7],
    ['7%', { percent: true }, 0.07],
    ['.5', {}, 0.5],
    ['5.', {}, 5],
    ['1e3', {}, 1000],
    ['', { nullable: true }, null],
  ])('%j with %j is %j', (text, options, value) => {
    expect(parseNumberText(text, options)).toEqual({ ok: true, value });
  });

  it.each(['', '-', '.', 'abc', '0x10', 'Infinity', 'NaN', '1e', '2..5', '--1'])(
    '%j is not a number',
    (text) => {
      expect(parseNumberText(text)).toEqual({ ok: false, message: 'must be a number' });
    },
  );

  it('refuses a finite-looking text that overflows', () => {
    expect(parseNumberText('1e999')).toEqual({ ok: false, message: 'must be a finite number' });
  });
});

describe('formatNumberForInput', () => {
  it.each([
    [0.025, { percent: true }, '2.5'],
    [0.07, { percent: true }, '7'],
    [-0.95, {}, '-0.95'],
    [4294967295, {}, '4294967295'],
    [0.021045334567, {}, '0.021045335'],
    [null, { nullable: true }, ''],
    [Number.NaN, {}, ''],
    [Number.POSITIVE_INFINITY, {}, ''],
  ])('%j with %j shows %j', (value, options, text) => {
    expect(formatNumberForInput(value, options)).toBe(text);
  });

  // Every percent a user can type with up to 4 decimals comes back as typed.
  it.each(['0.1', '2.5', '12.34', '33.3333', '99.99', '-7.25'])(
    'percent %s survives parse then format',
    (text) => {
      const parsed = parseNumberText(text, { percent: true });
      expect(parsed.ok && formatNumberForInput(parsed.value, { percent: true })).toBe(text);
    },
  );
});

describe('messages and hints in display units', () => {
  it('rewrites the engine range of a percent field', () => {
    expect(displayMessage('must be between 0.005 and 0.05', true, '%')).toBe(
      'must be between 0.5 % and 5 %',
    );
    expect(displayMessage('must be between -0.5 and 3', true, 'Δ')).toBe(
      'must be between -50 Δ and 300 Δ',
    );
  });

  it('leaves other messages and plain fields alone', () => {
    expect(displayMessage('must be between -1 and 1')).toBe('must be between -1 and 1');
    expect(displayMessage("layer 'A' risks 3 % of capital", true, '%')).toBe(
      "layer 'A' risks 3 % of capital",
    );
  });

  it('writes a range hint', () => {
    expect(rangeText(0.001, 1, true, '%')).toBe('0.1 to 100 %');
    expect(rangeText(-1, 1)).toBe('-1 to 1');
    expect(rangeText(1000, 1e10)).toBe('1000 to 10,000,000,000');
  });
});

describe('stepNumber', () => {
  it.each([
    [0.025, 0.1, 1, { percent: true }, 0.026],
    [0.025, 0.1, -1, { percent: true }, 0.024],
    [-0.95, 0.01, 1, {}, -0.94],
    [0.3, 0.1, 1, {}, 0.4],
    [null, 1, 1, { nullable: true }, 1],
  ] as const)('%j %s step %s (%j) → %j', (value, step, direction, options, expected) => {
    expect(stepNumber(value, step, direction, options)).toBe(expected);
  });
});
