import { describe, expect, it } from 'vitest';
import {
  pnlAtExpiry,
  type OpeningBook,
  type OpeningPosition,
} from '../../../../src/engine/index.ts';
import {
  payoffDomain,
  payoffGrid,
  payoffModel,
  payoffPanelAt,
  payoffReadout,
  payoffTable,
  SIDE_BY_SIDE_WIDTH,
} from '../../../../src/lib/charts/payoff.ts';
import { pixelOf, PX_TOLERANCE } from './ticks.ts';

/**
 * A hand-made book: 5 iron condors 6350/6400/7085/7135 for a 10-point credit (break-evens 6390
 * and 7095, max profit $5,000, max loss (50 − 10) × 100 × 5 = $20,000), 21 long VIX 25 calls at
 * 0.90 (break-even 25.9) and one long VIX future at 18 (break-even 18).
 */
const condor: OpeningPosition = {
  name: 'condor',
  instrument: 'iron-condor',
  side: 'short',
  underlying: 'spx',
  contracts: 5,
  legs: [
    { kind: 'spx-option', type: 'put', strike: 6350, quantity: 5, expiryDay: 24 },
    { kind: 'spx-option', type: 'put', strike: 6400, quantity: -5, expiryDay: 24 },
    { kind: 'spx-option', type: 'call', strike: 7085, quantity: -5, expiryDay: 24 },
    { kind: 'spx-option', type: 'call', strike: 7135, quantity: 5, expiryDay: 24 },
  ],
  entryCost: -5000,
  entryPrice: 10,
  expiryDays: 24,
  breakEvens: [6390, 7095],
  maxProfit: 5000,
  maxLoss: 20000,
  riskPerContract: 4000,
  riskBudget: 20000,
};
const calls: OpeningPosition = {
  name: 'Calls at VIX 20',
  instrument: 'vix-call',
  side: 'long',
  underlying: 'vix',
  contracts: 21,
  legs: [{ kind: 'vix-option', type: 'call', strike: 25, quantity: 21, expiryDay: 31 }],
  entryCost: 1890,
  entryPrice: 0.9,
  expiryDays: 31,
  breakEvens: [25.9],
  maxProfit: null,
  maxLoss: 1890,
  riskPerContract: 90,
  riskBudget: 2000,
};
const future: OpeningPosition = {
  name: 'Long future',
  instrument: 'vix-future',
  side: 'long',
  underlying: 'vix',
  contracts: 1,
  legs: [{ kind: 'vix-future', quantity: 1, expiryDay: 42 }],
  entryCost: 18000,
  entryPrice: 18,
  expiryDays: 42,
  breakEvens: [18],
  maxProfit: null,
  maxLoss: 18000,
  riskPerContract: 18000,
  riskBudget: null,
};
const book: OpeningBook = {
  spot: 6800,
  vix: 17.6,
  future1: 18.5,
  positions: [condor, calls, future],
};

describe('payoffGrid', () => {
  it.each([
    ['equal steps from lo to hi', { lo: 0, hi: 10, steps: 5 }, [0, 2, 4, 6, 8, 10]],
    [
      'kinks inside the range are added',
      { lo: 0, hi: 10, steps: 5, kinks: [3, 4] },
      [0, 2, 3, 4, 6, 8, 10],
    ],
    [
      'kinks outside or on the ends are not',
      { lo: 0, hi: 10, steps: 5, kinks: [-1, 0, 10, 12] },
      [0, 2, 4, 6, 8, 10],
    ],
    [
      'a kink on a grid point appears once',
      { lo: 0, hi: 10, steps: 5, kinks: [2, 2] },
      [0, 2, 4, 6, 8, 10],
    ],
  ])('%s', (_, options, expected) => {
    expect(payoffGrid(options)).toEqual(expected);
  });
});

describe('payoffDomain', () => {
  it('spans the SPX, strikes and break-evens with a margin of max(4 % of spot, 30 % of the span)', () => {
    // min 6350, max 7135: margin max(272, 235.5) = 272.
    expect(payoffDomain({ underlying: 'spx', positions: [condor], level: 6800 })).toEqual([
      6078, 7407,
    ]);
  });

  it('spans the VIX from 0.6× the lowest to 1.6× the highest level', () => {
    // lowest: VIX 17.6 → 10.56; highest: break-even 25.9 → 41.44.
    expect(payoffDomain({ underlying: 'vix', positions: [calls, future], level: 17.6 })).toEqual([
      10, 42,
    ]);
  });

  it('keeps a range at least 1 wide when the level is 0 and there are no strikes', () => {
    const flat: OpeningPosition = { ...future, breakEvens: [] };
    expect(payoffDomain({ underlying: 'vix', positions: [flat], level: 0 })).toEqual([0, 1]);
  });
});

describe('payoffModel', () => {
  const model = payoffModel({ book, width: 640 });
  const [spx, vix] = model.panels;

  it('puts SPX positions on an SPX panel and VIX positions on a VIX panel', () => {
    expect(model.panels.map((p) => [p.underlying, p.curves.map((c) => c.position)])).toEqual([
      ['spx', [0]],
      ['vix', [1, 2]],
    ]);
  });

  it('draws each curve with the engine’s pnlAtExpiry at every grid level', () => {
    for (const panel of model.panels)
      for (const c of panel.curves) {
        const p = book.positions[c.position];
        c.levels.forEach((u, k) =>
          expect(c.pnl[k]).toBe(
            pnlAtExpiry({ legs: p.legs, entryCost: p.entryCost, underlying: u }),
          ),
        );
        expect(c.path.match(/[ML]/g)?.length).toBe(c.levels.length);
      }
  });

  it.each([
    // panel, position, level (a strike or an end of the grid), hand-computed P&L at expiry ($)
    [0, 0, 7085, 5000],
    [0, 0, 6400, 5000],
    [0, 0, 6350, -20000],
    [0, 0, 7407, -20000],
    [1, 1, 25, -1890],
    [1, 1, 42, 21 * 100 * (42 - 25) - 1890],
    [1, 2, 42, (42 - 18) * 1000],
  ])('panel %s, position %s at %s: P&L %s', (panel, position, level, expected) => {
    const c = model.panels[panel].curves.find((x) => x.position === position)!;
    const k = c.levels.indexOf(level);
    expect(k).toBeGreaterThanOrEqual(0);
    expect(c.pnl[k]).toBeCloseTo(expected, 9);
  });

  it('marks each break-even on the zero line at its scaled level', () => {
    expect(spx.breakEvens.map((b) => b.value)).toEqual([6390, 7095]);
    expect(vix.breakEvens.map((b) => b.value)).toEqual([25.9, 18]);
    for (const p of model.panels)
      for (const b of p.breakEvens) {
        expect(b.y).toBe(p.zeroY);
        expect(Math.abs(b.x - pixelOf(b.value, p.xTicks))).toBeLessThanOrEqual(PX_TOLERANCE);
      }
    expect(Math.abs(spx.zeroY - pixelOf(0, spx.yTicks))).toBeLessThanOrEqual(PX_TOLERANCE);
  });

  it.each([
    [390, false],
    [640, false],
    [SIDE_BY_SIDE_WIDTH, true],
    [1280, true],
  ])('at %s px the panels are side by side: %s', (width, sideBySide) => {
    const m = payoffModel({ book, width });
    expect(m.sideBySide).toBe(sideBySide);
    const [a, b] = m.panels;
    if (sideBySide) expect(b.left).toBeGreaterThan(a.left + a.innerWidth);
    else expect(b.top).toBeGreaterThan(a.top + a.innerHeight);
    expect(Math.max(...m.panels.map((p) => p.left + p.innerWidth))).toBeLessThanOrEqual(width);
  });

  it('has only an SPX panel when the book has no VIX positions', () => {
    const m = payoffModel({ book: { ...book, positions: [condor] }, width: 1280 });
    expect(m.panels.map((p) => p.underlying)).toEqual(['spx']);
    expect(m.sideBySide).toBe(false);
  });

  it('tells positions apart by line style as well as colour', () => {
    expect(model.legend.map((l) => [l.label, l.swatch, l.tone])).toEqual([
      ['Iron condor', 'line', 'condor'],
      ['Calls at VIX 20', 'dashed', 'hedged'],
      ['Long future', 'dotted', 'hedged'],
    ]);
  });

  it('finds the panel under a point and the level under x', () => {
    expect(payoffPanelAt(model, spx.left + 10, spx.top + 10)).toBe(0);
    expect(payoffPanelAt(model, vix.left + 10, vix.top + 10)).toBe(1);
    expect(spx.levelOf(spx.xOf(6800))).toBeCloseTo(6800, 0);
    expect(spx.levelOf(-100)).toBe(spx.domain[0]);
  });
});

describe('readout and table', () => {
  it('reads every position’s P&L at the cursor level', () => {
    const model = payoffModel({ book, width: 640 });
    expect(payoffReadout({ book, model, panel: 0, level: 6800 })).toBe(
      'SPX 6,800 at expiry: Iron condor $5,000',
    );
    expect(payoffReadout({ book, model, panel: 1, level: 30 })).toBe(
      'VIX 30.0 at expiry: Calls at VIX 20 $8,610; Long future $12,000',
    );
  });

  it('tabulates each position’s terms and expiry profile', () => {
    const t = payoffTable({ book, caption: 'c' });
    expect(t.rows).toEqual([
      [
        'Iron condor',
        'short iron condor',
        '5',
        '6,350 / 6,400 / 7,085 / 7,135',
        '−$5,000',
        '24',
        '6,390, 7,095',
        '$5,000',
        '$20,000',
      ],
      [
        'Calls at VIX 20',
        'long VIX call',
        '21',
        '25.0',
        '$1,890',
        '31',
        '25.9',
        'unlimited',
        '$1,890',
      ],
      ['Long future', 'long VIX future', '1', '—', '$18,000', '42', '18.0', 'unlimited', '$18,000'],
    ]);
  });
});
