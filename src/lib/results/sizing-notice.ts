/**
 * Why a run's condor never traded, in words a learner can act on. A condor is sized by its risk
 * budget (capital × "Capital at risk per condor") over what one contract can lose; when one
 * contract already risks more (wide delta wings on a high SPX), every entry rounds to zero
 * contracts and the whole result is a flat line — which must not look like a strategy that
 * simply earned nothing.
 */
import type { SimulationConfig, SimulationResult } from '../../engine/index.ts';
import { formatMoney, formatPercent } from '../format.ts';

/** The notice for a finished result whose condor opened on no path, else null. */
export function condorSizingNotice(
  result: Pick<SimulationResult, 'condorTradesPerPath' | 'openingBook'>,
  config: Pick<SimulationConfig, 'capital' | 'condor'>,
): string | null {
  if (result.condorTradesPerPath > 0) return null;
  const condor = result.openingBook.positions.find((p) => p.instrument === 'iron-condor');
  const fix =
    'Raise “Capital at risk per condor” or the capital, or bring the wings closer, and run again.';
  if (condor === undefined)
    return 'No condor was opened on any path: no strikes met the strike rules on day 0.';
  if (condor.contracts > 0) return 'No condor was opened on any path.';
  // Sessions stored before the opening book carried the sizing have no riskPerContract.
  const risk = condor.riskPerContract as number | null | undefined;
  if (risk === undefined)
    return `No condor was opened on any path: its sizing gave zero contracts. ${fix}`;
  if (risk === null)
    return 'No condor was opened on any path: on day 0 its credit does not cover the entry slippage. Lower the slippage or choose closer short strikes.';
  const budget = condor.riskBudget ?? config.condor.riskPctOfCapital * config.capital;
  return (
    `No condor was opened on any path: on day 0 one contract risks ${formatMoney(risk)} ` +
    `(the widest wing less the credit, × 100), more than its budget of ${formatMoney(budget)} ` +
    `(${formatPercent(config.condor.riskPctOfCapital)} of ${formatMoney(config.capital)} capital), ` +
    `so every entry rounds to zero contracts. ${fix}`
  );
}
