/**
 * Why a run's condor or one of its hedge layers never traded, in words a learner can act on. A
 * condor is sized by its risk budget (capital × "Capital at risk per condor") over what one
 * contract can lose; when one contract already risks more (wide delta wings on a high SPX), every
 * entry rounds to zero contracts and the whole result is a flat line — which must not look like a
 * strategy that simply earned nothing. Hedge layers are sized the same way (layer-sizing.ts: a
 * share of capital, or a fixed count held to the per-layer cap), and a layer whose one contract
 * costs more than its budget (a VIX future, a short SPX put) never opens and only shows "traded on
 * 0 % of paths".
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

/**
 * One notice per enabled hedge layer that never traded on any path because of its sizing: its
 * attribution says it never opened (`tradedShare` 0 — no trigger or roll opened a position and it
 * spent nothing; the engine counts a trigger only when a position opens) and its day-0 entry in
 * the opening book sized to zero contracts, with one contract risking more than its budget (a
 * share of capital, or for a fixed count the per-layer cap). The advice follows the rule that
 * bound: raise the size while it is below the cap, otherwise a cheaper instrument or strike.
 *
 * A layer that sized to one contract or more on day 0 but never traded is not listed: its trigger
 * never fired (or fired only when it could not open), which in a short run may simply be the
 * market, not a mistake. Results stored before the opening book carried the sizing (no
 * `riskPerContract`) get a general sentence without figures. Layers are matched by name (unique,
 * validate.ts), in the order of `result.layers`.
 *
 * Tested on real small runs (tests/unit/lib/results/sizing-notice.test.ts): a long VIX future, a
 * short SPX put, a long 20Δ SPX put held to the cap, a short VIX put, and a layer whose trigger
 * never fires (no notice).
 */
export function layerSizingNotices(
  result: Pick<SimulationResult, 'layers' | 'openingBook'>,
  config: Pick<SimulationConfig, 'capital' | 'layerCapPctOfCapital' | 'layers'>,
): string[] {
  const notices: string[] = [];
  for (const summary of result.layers) {
    if (!neverTraded(summary)) continue;
    const layer = config.layers.find((l) => l.enabled && l.name === summary.name);
    const position = result.openingBook.positions.find(
      (p) => p.instrument !== 'iron-condor' && p.name === summary.name,
    );
    if (layer === undefined || position === undefined || position.contracts > 0) continue;
    const notice = layerNotice(layer, position, config);
    if (notice !== null) notices.push(notice);
  }
  return notices;
}

type LayerSummaryLike = SimulationResult['layers'][number];
type HedgeLayer = SimulationConfig['layers'][number];
type Position = SimulationResult['openingBook']['positions'][number];

/** No position ever opened on any path (stored results may predate `tradedShare`). */
function neverTraded(summary: LayerSummaryLike): boolean {
  const share = summary.tradedShare as number | null | undefined;
  if (share !== undefined) return share === 0;
  return summary.triggersPerPath === 0 && summary.rollsPerPath === 0;
}

function layerNotice(
  layer: HedgeLayer,
  position: Position,
  config: Pick<SimulationConfig, 'capital' | 'layerCapPctOfCapital'>,
): string | null {
  const name = `“${layer.name}” never traded`;
  const capPct = formatPercent(config.layerCapPctOfCapital);
  const capital = formatMoney(config.capital);
  const fixedCount = layer.sizing === 'contracts';
  if (fixedCount && layer.contracts === 0)
    return `${name}: its fixed count is 0 contracts. Set a count of at least 1.`;
  // Sessions stored before the opening book carried the sizing have no riskPerContract.
  const risk = position.riskPerContract as number | null | undefined;
  if (risk === undefined)
    return `${name}: its sizing gave zero contracts on day 0. Raise its size or the capital, or choose a cheaper instrument or strike.`;
  if (risk === null)
    return `${name}: no contract can be sized on day 0. Choose a different instrument or strike.`;
  const cap = config.layerCapPctOfCapital * config.capital;
  const costs = `one contract risks ${formatMoney(risk)} on day 0`;
  if (fixedCount) {
    // A fixed count is held to the per-layer cap (riskBudget null: allowed over it).
    if (layer.allowOverCap || position.riskBudget === null) return null;
    const budget = position.riskBudget ?? cap;
    if (!(risk > budget)) return null;
    return (
      `${name}: ${costs}, more than the per-layer cap of ${formatMoney(budget)} ` +
      `(${capPct} of ${capital} capital) that even a fixed count is held to. ` +
      'Choose a cheaper instrument or strike, raise the per-layer cap or the capital, ' +
      'or allow this layer over the cap.'
    );
  }
  const budget = position.riskBudget ?? layer.sizePctOfCapital * config.capital;
  if (!(risk > budget)) return null;
  const fix = layer.allowOverCap
    ? 'Raise its size, or choose a cheaper instrument or strike.'
    : risk > cap
      ? `Even the ${capPct} per-layer cap (${formatMoney(cap)}) would not buy one contract: choose a cheaper instrument or strike, or raise the capital.`
      : `Raise its size (up to the ${capPct} cap), or choose a cheaper instrument or strike.`;
  return (
    `${name}: ${costs}, more than its budget of ${formatMoney(budget)} ` +
    `(${formatPercent(layer.sizePctOfCapital)} of ${capital} capital). ${fix}`
  );
}

/**
 * The notice for a condor whose delta wings fell on or inside its short strikes on day 0 and were
 * set 5 points out (opening book `forcedWings`): with % OTM shorts and a wing delta above the
 * shorts' own delta the traded condor is far narrower — and sized to far more contracts — than its
 * settings read. Null otherwise, and for results stored before the field existed. The day-0 book
 * is one state; later entries at other variances may differ, which the notice says.
 */
export function condorWingNotice(
  result: Pick<SimulationResult, 'openingBook'>,
  config: Pick<SimulationConfig, 'condor'>,
): string | null {
  const condor = result.openingBook.positions.find((p) => p.instrument === 'iron-condor');
  const sides = condor?.forcedWings ?? [];
  if (sides.length === 0) return null;
  const which = sides.length === 2 ? 'both wings' : `the ${sides[0]} wing`;
  const delta = Math.round(config.condor.wingDelta * 100);
  return (
    `On day 0 the ${delta}Δ ${sides.length === 2 ? 'wings fall' : 'wing falls'} on or inside the ` +
    `condor's short strikes, so ${which} ${sides.length === 2 ? 'were' : 'was'} set 5 points out: ` +
    'a much narrower condor, sized to more contracts, than the settings suggest (later entries ' +
    'may differ as volatility moves). Use a smaller wing delta than the short strikes have, or ' +
    'the width rule.'
  );
}
