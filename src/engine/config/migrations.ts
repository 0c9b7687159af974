/**
 * Config migrations: each entry turns version n into n + 1. Share links, sessions and files made by
 * older versions of the app pass through here before validation, so they keep working.
 *
 * Version 1 is the first published shape. When the shape changes: bump CONFIG_VERSION in
 * schema.ts, add `{ from: n, migrate }` here, and test that a config of the old shape migrates
 * and validates (tests/unit/engine/config/migrations.test.ts).
 */
import { CONFIG_VERSION } from './schema.ts';

export interface ConfigMigration {
  from: number;
  migrate: (old: Record<string, unknown>) => Record<string, unknown>;
}

export const migrations: readonly ConfigMigration[] = [
  {
    // Version 2 caps the drift premium η·v at a variance v̄ (model/market-params.ts). A version-1
    // market gets the historical preset's cap as it was when version 2 shipped (a migration is
    // frozen: later preset changes must not move old links). Without a cap, every VIX spike pulled
    // the SPX up by ~90 % of expected log return; the same link now shows the corrected model.
    // Version 2 also requires condor.shortOtm ≥ 0.005 (at 0 no condor could open): a version-1
    // value below it is raised to it (it only matters under the 'percent-otm' rule).
    from: 1,
    migrate: (old) => {
      const next = { ...old };
      const market = old.market;
      if (isPlainObject(market)) next.market = { ...market, equityRiskPremiumMaxVariance: 0.15 };
      const condor = old.condor;
      if (isPlainObject(condor) && typeof condor.shortOtm === 'number' && condor.shortOtm < 0.005)
        next.condor = { ...condor, shortOtm: 0.005 };
      return next;
    },
  },
];

/** A plain object (not null, not an array): what a config and its sections must be. */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export type MigrationOutcome =
  { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

/** Brings a config object of any supported version up to CONFIG_VERSION (pure; input untouched). */
export function migrateConfig(input: Record<string, unknown>): MigrationOutcome {
  const version = input.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, message: `must be a whole number from 1 to ${CONFIG_VERSION}` };
  }
  if (version > CONFIG_VERSION) {
    return {
      ok: false,
      message: `${version} is newer than this app supports (${CONFIG_VERSION}); update the app`,
    };
  }
  let value = input;
  for (let from = version; from < CONFIG_VERSION; from++) {
    const step = migrations.find((m) => m.from === from);
    if (!step) return { ok: false, message: `no migration from version ${from}` };
    value = { ...step.migrate(value), version: from + 1 };
  }
  return { ok: true, value };
}
