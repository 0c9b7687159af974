/**
 * `validateConfig`: the one gate every config passes (forms, share links, sessions, files, CLI).
 * It migrates older versions, checks types and ranges with the schema, then the rules that tie
 * fields together. Errors name their field path (`market.rho`, `layers[1].sizePctOfCapital`) and
 * the allowed range, so a form can put each message next to its field. It never throws.
 */
import * as v from 'valibot';
import { tradingDaysForDte } from '../instruments/contracts.ts';
import { vixCoefficients } from '../pricing/vix-index.ts';
import { isPlainObject, migrateConfig } from './migrations.ts';
import { configSchema, type SimulationConfig } from './schema.ts';

export interface ConfigError {
  /** Field path, e.g. `market.rho` or `layers[0].trigger.conditions[1].value`; '' for the whole config. */
  path: string;
  message: string;
}

export type ConfigValidation =
  { ok: true; config: SimulationConfig } | { ok: false; errors: ConfigError[] };

/** Trading days a layer position is held at least before its roll date (else it churns daily). */
const MIN_HOLD_TRADING_DAYS = 5;

/** Relative tolerance of the κ_Q·θ_Q = κ_P·θ_P constraint (forms round to ~6 digits). */
const DRIFT_MATCH_TOLERANCE = 1e-4;

/** Formats an error as one line: `market.rho: must be between -1 and 1`. */
export function formatConfigError(error: ConfigError): string {
  return error.path ? `${error.path}: ${error.message}` : error.message;
}

function issuePath(issue: v.BaseIssue<unknown>): string {
  let path = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    if (typeof key === 'number') path += `[${key}]`;
    else path += path ? `.${String(key)}` : String(key);
  }
  return path;
}

function issueMessage(issue: v.BaseIssue<unknown>): string {
  // strictObject reports an unknown key as an issue on that key with expected 'never'.
  if (issue.type === 'strict_object' && issue.expected === 'never') return 'is not a known field';
  if (issue.received === 'undefined' && issue.kind === 'schema') return 'is missing';
  return issue.message;
}

function crossFieldErrors(config: SimulationConfig): ConfigError[] {
  const errors: ConfigError[] = [];
  const m = config.market;
  const driftP = m.kappaP * m.thetaP;
  const driftQ = m.kappaQ * m.thetaQ;
  if (Math.abs(driftQ - driftP) > DRIFT_MATCH_TOLERANCE * driftP) {
    errors.push({
      path: 'market.thetaQ',
      message: `must equal kappaP·thetaP/kappaQ = ${+(driftP / m.kappaQ).toPrecision(6)} (the market price of volatility risk keeps κθ the same under P and Q)`,
    });
  }
  config.layers.forEach((layer, i) => {
    if (
      layer.sizing === 'pct-of-capital' &&
      layer.sizePctOfCapital > config.layerCapPctOfCapital &&
      !layer.allowOverCap
    ) {
      const pct = (x: number) => `${+(100 * x).toPrecision(4)} %`;
      errors.push({
        path: `layers[${i}].sizePctOfCapital`,
        message: `layer '${layer.name}' risks ${pct(layer.sizePctOfCapital)} of capital, above the per-layer cap of ${pct(config.layerCapPctOfCapital)} (set allowOverCap to allow it)`,
      });
    }
    if (
      layer.roll.atDte !== null &&
      tradingDaysForDte(layer.roll.atDte) > tradingDaysForDte(layer.dte) - MIN_HOLD_TRADING_DAYS
    ) {
      errors.push({
        path: `layers[${i}].roll.atDte`,
        message: `must be at least a week below the layer's dte (${layer.dte}), so that a position is held ${MIN_HOLD_TRADING_DAYS} trading days before it rolls`,
      });
    }
    if (layer.instrument !== 'vix-future') {
      if (layer.strikeRule === 'delta' && !(layer.strikeValue > 0 && layer.strikeValue < 1)) {
        errors.push({
          path: `layers[${i}].strikeValue`,
          message: `must be a delta between 0 and 1 (exclusive) when strikeRule is 'delta', e.g. 0.3 for 30Δ`,
        });
      } else if (
        layer.strikeRule === 'percent-otm' &&
        (layer.instrument === 'vix-put' || layer.instrument === 'spx-put') &&
        layer.strikeValue >= 1
      ) {
        errors.push({
          path: `layers[${i}].strikeValue`,
          message: 'must be below 1 (100 % below the future or spot) for a put',
        });
      }
    }
    const clash = config.layers.findIndex((other) => other.name === layer.name);
    if (clash !== i) {
      errors.push({
        path: `layers[${i}].name`,
        message: `'${layer.name}' is already used by layers[${clash}]`,
      });
    }
  });
  const vixFloor =
    100 * Math.sqrt(vixCoefficients({ kappa: m.kappaQ, theta: m.thetaQ, jumps: m.jumps }).c);
  config.shocks.forEach((shock, i) => {
    if (shock.vixTo !== null && shock.vixTo < vixFloor) {
      errors.push({
        path: `shocks[${i}].vixTo`,
        message: `must be at least ${vixFloor.toFixed(2)}, the lowest VIX this market can reach (variance 0)`,
      });
    }
    if (shock.day > config.horizonDays) {
      errors.push({
        path: `shocks[${i}].day`,
        message: `must be within the horizon (1 to ${config.horizonDays})`,
      });
    }
    if (shock.spxGap === null && shock.vixTo === null) {
      errors.push({ path: `shocks[${i}]`, message: 'must set spxGap or vixTo' });
    }
  });
  const c = config.condor;
  if (c.closeAtDte !== null && c.closeAtDte >= c.dte) {
    errors.push({ path: 'condor.closeAtDte', message: `must be below condor.dte (${c.dte})` });
  }
  if (c.strikeRule === 'delta' && c.wingRule === 'delta' && c.wingDelta >= c.shortDelta) {
    errors.push({
      path: 'condor.wingDelta',
      message: `must be below condor.shortDelta (${c.shortDelta}): the wings are further out than the short strikes`,
    });
  }
  return errors;
}

/**
 * Validates (and migrates) any input. Returns the typed config or every error found, each naming
 * its field. Pure; never throws, whatever the input (tested with fast-check).
 */
export function validateConfig(input: unknown): ConfigValidation {
  if (!isPlainObject(input))
    return { ok: false, errors: [{ path: '', message: 'config must be an object' }] };
  const migrated = migrateConfig(input);
  if (!migrated.ok) return { ok: false, errors: [{ path: 'version', message: migrated.message }] };
  const parsed = v.safeParse(configSchema, migrated.value, { abortPipeEarly: true });
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.issues.map((issue) => ({
        path: issuePath(issue),
        message: issueMessage(issue),
      })),
    };
  }
  const errors = crossFieldErrors(parsed.output);
  return errors.length ? { ok: false, errors } : { ok: true, config: parsed.output };
}
