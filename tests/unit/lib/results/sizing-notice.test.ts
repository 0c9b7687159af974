import { describe, expect, it } from 'vitest';
import {
  defaultConfig,
  defaultHedgeLayer,
  simulate,
  strategyPreset,
  type HedgeLayerConfig,
  type SimulationConfig,
  type SimulationResult,
} from '../../../../src/engine/index.ts';
import {
  condorSizingNotice,
  condorWingNotice,
  layerSizingNotices,
} from '../../../../src/lib/results/sizing-notice.ts';

/** condor-only on 200 paths × 21 days, with the condor's risk budget at `riskPct` of capital. */
function run(riskPct: number) {
  const base = strategyPreset('condor-only');
  const config: SimulationConfig = {
    ...base,
    paths: 200,
    horizonDays: 21,
    condor: { ...base.condor, riskPctOfCapital: riskPct },
  };
  return { config, result: simulate(config) };
}

describe('condorSizingNotice', () => {
  it('is null when the condor traded', () => {
    const { config, result } = run(0.2);
    expect(result.condorTradesPerPath).toBeGreaterThan(0);
    expect(condorSizingNotice(result, config)).toBeNull();
  });

  it('says one contract risks more than the budget, with both figures, when none could be sized', () => {
    // One default condor contract risks ~$3,900 on day 0; 1 % of $100,000 is $1,000.
    const { config, result } = run(0.01);
    expect(result.condorTradesPerPath).toBe(0);
    const condor = result.openingBook.positions.find((p) => p.instrument === 'iron-condor');
    const risk = Math.round(condor?.riskPerContract ?? NaN).toLocaleString('en-US');
    const notice = condorSizingNotice(result, config) ?? '';
    expect(notice).toMatch(/^No condor was opened on any path: on day 0 one contract risks /);
    expect(notice).toContain(`$${risk}`);
    expect(notice).toContain('more than its budget of $1,000 (1.0 % of $100,000 capital)');
    expect(notice).toContain('Raise “Capital at risk per condor”');
  });

  it('says the credit does not cover the slippage when no contract can be sized at all', () => {
    const { config, result } = run(0.01);
    const book = structuredClone(result.openingBook);
    const condor = book.positions.find((p) => p.instrument === 'iron-condor');
    if (condor) condor.riskPerContract = null;
    expect(condorSizingNotice({ ...result, openingBook: book }, config)).toMatch(
      /credit does not cover the entry slippage/,
    );
  });

  it('stays general for a stored result from before the opening book carried its sizing', () => {
    const { config, result } = run(0.01);
    const book = structuredClone(result.openingBook);
    for (const p of book.positions) delete (p as Partial<typeof p>).riskPerContract;
    expect(condorSizingNotice({ ...result, openingBook: book }, config)).toMatch(
      /^No condor was opened on any path: its sizing gave zero contracts\./,
    );
  });
});

/** A layer that would open on day 0 whatever the market ('always'), with `overrides`. */
function layer(name: string, overrides: Partial<HedgeLayerConfig>): HedgeLayerConfig {
  return {
    ...defaultHedgeLayer({ name }),
    trigger: { combine: 'any', conditions: [{ kind: 'always' }] },
    ...overrides,
  };
}

/**
 * condor-only plus layers that cannot be sized at 1 % of $100,000 (a long VIX future risks half
 * the future × 1000 ≈ $9,500; a short SPX put its strike × 100 ≈ $600,000; a short VIX put
 * 10 % below the future its strike × 100 ≈ $1,500), a long 20Δ SPX put held to the 2.5 % cap
 * (premium × 100 ≈ $5,600), a fixed count of 0, one whose trigger never fires in 21 days (VIX ≥
 * 150) and one that trades: 200 paths × 21 days, run once.
 */
const layerRun = (() => {
  let run: { config: SimulationConfig; result: SimulationResult } | undefined;
  return () => {
    if (run) return run;
    const base = strategyPreset('condor-only');
    const config: SimulationConfig = {
      ...base,
      paths: 200,
      horizonDays: 21,
      layers: [
        layer('Long VIX future', { instrument: 'vix-future' }),
        layer('Short SPX put', {
          instrument: 'spx-put',
          side: 'short',
          strikeRule: 'percent-otm',
          strikeValue: 0.05,
        }),
        layer('Long 20Δ SPX put', {
          instrument: 'spx-put',
          strikeRule: 'delta',
          strikeValue: 0.2,
          sizing: 'contracts',
          contracts: 1,
        }),
        layer('Short VIX put', { instrument: 'vix-put', side: 'short', strikeValue: 0.1 }),
        layer('No contracts', { sizing: 'contracts', contracts: 0 }),
        layer('Calls at VIX 150', {
          trigger: { combine: 'any', conditions: [{ kind: 'vix-at-least', value: 150 }] },
        }),
        layer('Calls always', {}),
      ],
    };
    run = { config, result: simulate(config) };
    return run;
  };
})();

function position(result: SimulationResult, name: string) {
  const p = result.openingBook.positions.find((q) => q.name === name);
  if (p === undefined) throw new Error(`no opening position '${name}'`);
  return p;
}

function tradedShare(result: SimulationResult, name: string) {
  return result.layers.find((l) => l.name === name)?.tradedShare;
}

describe('layerSizingNotices', () => {
  const budget = 'more than its budget of $1,000 (1.0 % of $100,000 capital).';
  const capTooSmall =
    'Even the 2.5 % per-layer cap ($2,500) would not buy one contract: choose a cheaper instrument or strike, or raise the capital.';
  it.each([
    ['Long VIX future', budget, capTooSmall],
    ['Short SPX put', budget, capTooSmall],
    [
      'Long 20Δ SPX put',
      'more than the per-layer cap of $2,500 (2.5 % of $100,000 capital) that even a fixed count is held to.',
      'Choose a cheaper instrument or strike, raise the per-layer cap or the capital, or allow this layer over the cap.',
    ],
    [
      'Short VIX put',
      budget,
      'Raise its size (up to the 2.5 % cap), or choose a cheaper instrument or strike.',
    ],
  ])(
    '“%s” never traded: says what one contract risks on day 0, the budget and the fix',
    (name, limit, fix) => {
      const { config, result } = layerRun();
      expect(tradedShare(result, name)).toBe(0);
      const risk = position(result, name).riskPerContract ?? NaN;
      expect(layerSizingNotices(result, config)).toContain(
        `“${name}” never traded: one contract risks $${Math.round(risk).toLocaleString('en-US')} on day 0, ${limit} ${fix}`,
      );
    },
  );

  it('says when a fixed count of 0 contracts is why a layer never traded', () => {
    const { config, result } = layerRun();
    expect(tradedShare(result, 'No contracts')).toBe(0);
    expect(layerSizingNotices(result, config)).toContain(
      '“No contracts” never traded: its fixed count is 0 contracts. Set a count of at least 1.',
    );
  });

  it('gives no sizing notice to a layer whose trigger never fired, nor to one that traded', () => {
    const { config, result } = layerRun();
    // The never-firing layer could be sized on day 0: the trigger, not the size, kept it out.
    expect(tradedShare(result, 'Calls at VIX 150')).toBe(0);
    expect(position(result, 'Calls at VIX 150').contracts).toBeGreaterThan(0);
    expect(tradedShare(result, 'Calls always')).toBeGreaterThan(0);
    const notices = layerSizingNotices(result, config);
    expect(notices).toHaveLength(5);
    expect(notices.filter((n) => n.includes('Calls'))).toEqual([]);
  });

  it('lists the notices in the order of the layers', () => {
    const { config, result } = layerRun();
    expect(layerSizingNotices(result, config).map((n) => n.slice(1, n.indexOf('”')))).toEqual([
      'Long VIX future',
      'Short SPX put',
      'Long 20Δ SPX put',
      'Short VIX put',
      'No contracts',
    ]);
  });

  it('says "no contract can be sized" when the risk per contract is null', () => {
    const { config, result } = layerRun();
    const book = structuredClone(result.openingBook);
    const future = book.positions.find((p) => p.name === 'Long VIX future');
    if (future) future.riskPerContract = null;
    expect(layerSizingNotices({ ...result, openingBook: book }, config)[0]).toBe(
      '“Long VIX future” never traded: no contract can be sized on day 0. Choose a different instrument or strike.',
    );
  });

  it('stays general, without figures, for a stored result from before the book carried its sizing', () => {
    const { config, result } = layerRun();
    const book = structuredClone(result.openingBook);
    for (const p of book.positions) delete (p as Partial<typeof p>).riskPerContract;
    const notices = layerSizingNotices({ ...result, openingBook: book }, config);
    expect(notices[0]).toBe(
      '“Long VIX future” never traded: its sizing gave zero contracts on day 0. Raise its size or the capital, or choose a cheaper instrument or strike.',
    );
    expect(notices.join(' ')).not.toMatch(/\$/);
  });

  it('reads "never traded" from the trigger and roll counts when tradedShare is missing', () => {
    const { config, result } = layerRun();
    const layers = result.layers.map((l) => {
      const copy: Partial<typeof l> = { ...l };
      delete copy.tradedShare;
      return copy as typeof l;
    });
    expect(layerSizingNotices({ ...result, layers }, config)).toEqual(
      layerSizingNotices(result, config),
    );
  });
});

describe('condorWingNotice', () => {
  const book = (forcedWings: ('put' | 'call')[] | undefined) => ({
    openingBook: {
      spot: 6800,
      vix: 17.6,
      future1: 18.6,
      positions: [
        {
          name: 'condor',
          instrument: 'iron-condor' as const,
          side: 'short' as const,
          underlying: 'spx' as const,
          contracts: 40,
          legs: [],
          entryCost: -4000,
          entryPrice: 1,
          expiryDays: 24,
          breakEvens: [],
          maxProfit: 4000,
          maxLoss: 16000,
          riskPerContract: 400,
          riskBudget: 20000,
          ...(forcedWings ? { forcedWings } : {}),
        },
      ],
    },
  });
  const config = { condor: { ...defaultConfig().condor, wingDelta: 0.3 } };

  it('names both wings when both were set 5 points out', () => {
    expect(condorWingNotice(book(['put', 'call']), config)).toBe(
      "On day 0 the 30Δ wings fall on or inside the condor's short strikes, so both wings were set 5 points out: a much narrower condor, sized to more contracts, than the settings suggest (later entries may differ as volatility moves). Use a smaller wing delta than the short strikes have, or the width rule.",
    );
  });

  it('names the one side when one wing was set 5 points out', () => {
    expect(condorWingNotice(book(['call']), config)).toMatch(
      /^On day 0 the 30Δ wing falls on or inside the condor's short strikes, so the call wing was set 5 points out:/,
    );
  });

  it('is null when no wing was forced, or for a result stored before the field existed', () => {
    expect(condorWingNotice(book([]), config)).toBeNull();
    expect(condorWingNotice(book(undefined), config)).toBeNull();
  });
});
