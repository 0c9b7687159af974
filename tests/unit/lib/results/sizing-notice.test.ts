import { describe, expect, it } from 'vitest';
import { simulate, strategyPreset, type SimulationConfig } from '../../../../src/engine/index.ts';
import { condorSizingNotice } from '../../../../src/lib/results/sizing-notice.ts';

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
