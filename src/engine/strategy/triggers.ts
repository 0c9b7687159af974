/**
 * A hedge layer's activation trigger (DESIGN §3): conditions on the day's market, combined with
 * AND ('all') or OR ('any'):
 *   always               true
 *   vix-at-least x       spot VIX ≥ x            vix-below x        spot VIX < x
 *   future-at-least x    front future ≥ x        future-below x     front future < x
 *   backwardation        front future > second future
 *   contango-at-least x  second / front − 1 ≥ x
 *   rsi-below y          RSI(14) of the SPX < y
 *   macd-bearish-cross   MACD(12,26,9) crossed below its signal line today (an event, one day)
 *   drawdown-at-least z  SPX ≥ z below its running peak (a fraction)
 * An indicator that is not yet defined (RSI before 15 closes, MACD before 35) makes its condition
 * false: a rule that needs it cannot fire during the warm-up.
 */
import type { TriggerCondition } from '../config/schema.ts';
import type { MarketSignals } from './market-signals.ts';

/** The trigger of a layer (config `layers[].trigger`). */
export interface Trigger {
  combine: 'all' | 'any';
  conditions: readonly TriggerCondition[];
}

/** Whether one condition holds on path i (module comment). Scalar, allocation-free. */
export function conditionHolds(condition: TriggerCondition, s: MarketSignals, i: number): boolean {
  switch (condition.kind) {
    case 'always':
      return true;
    case 'vix-at-least':
      return s.vix[i] >= condition.value;
    case 'vix-below':
      return s.vix[i] < condition.value;
    case 'future-at-least':
      return s.future1[i] >= condition.value;
    case 'future-below':
      return s.future1[i] < condition.value;
    case 'backwardation':
      return s.termStructure.backwardation[i] === 1;
    case 'contango-at-least':
      return s.termStructure.contango[i] >= condition.value;
    case 'rsi-below':
      return s.rsi.ready && s.rsi.value[i] < condition.value;
    case 'macd-bearish-cross':
      return s.macd.bearishCross[i] === 1;
    case 'drawdown-at-least':
      return s.drawdown.value[i] >= condition.value;
  }
}

/**
 * Whether a trigger fires on path i today: all conditions hold ('all') or at least one ('any').
 *
 * Tested on hand-made series: each condition fires on exactly the expected days, AND/OR
 * (tests/unit/engine/strategy/triggers.test.ts).
 */
export function triggerFired(trigger: Trigger, s: MarketSignals, i: number): boolean {
  const { conditions } = trigger;
  if (trigger.combine === 'all') {
    for (let c = 0; c < conditions.length; c++)
      if (!conditionHolds(conditions[c], s, i)) return false;
    return true;
  }
  for (let c = 0; c < conditions.length; c++) if (conditionHolds(conditions[c], s, i)) return true;
  return false;
}

/** What a condition observed on path i, for event explanations ("VIX 31.2 ≥ 30"). */
export interface ConditionReading {
  kind: TriggerCondition['kind'];
  /** The rule's threshold (null for conditions without one). */
  threshold: number | null;
  /** The observed value (null for 'always'; 1/0 for flags). */
  observed: number | null;
  holds: boolean;
}

/** Readings of every condition of a trigger on path i (for sampled-path events only). */
export function readTrigger(trigger: Trigger, s: MarketSignals, i: number): ConditionReading[] {
  return trigger.conditions.map((condition) => {
    const threshold = 'value' in condition ? condition.value : null;
    let observed: number | null;
    switch (condition.kind) {
      case 'always':
        observed = null;
        break;
      case 'vix-at-least':
      case 'vix-below':
        observed = s.vix[i];
        break;
      case 'future-at-least':
      case 'future-below':
        observed = s.future1[i];
        break;
      case 'backwardation':
        observed = s.termStructure.backwardation[i];
        break;
      case 'contango-at-least':
        observed = s.termStructure.contango[i];
        break;
      case 'rsi-below':
        observed = s.rsi.ready ? s.rsi.value[i] : null;
        break;
      case 'macd-bearish-cross':
        observed = s.macd.bearishCross[i];
        break;
      case 'drawdown-at-least':
        observed = s.drawdown.value[i];
        break;
    }
    if (observed !== null && !Number.isFinite(observed)) observed = null;
    return { kind: condition.kind, threshold, observed, holds: conditionHolds(condition, s, i) };
  });
}
