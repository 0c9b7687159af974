/**
 * Config migrations: each entry turns version n into n + 1. Share links, sessions and files made by
 * older versions of the app pass through here before validation, so they keep working.
 *
 * Version 1 is the first published shape; the list is empty until the shape changes. When it
 * does: bump CONFIG_VERSION in schema.ts, add `{ from: 1, migrate }` here, and add a fixture of the
 * old shape to tests/fixtures/configs/ with a test that it migrates and validates.
 */
import { CONFIG_VERSION } from './schema.ts';

export interface ConfigMigration {
  from: number;
  migrate: (old: Record<string, unknown>) => Record<string, unknown>;
}

export const migrations: readonly ConfigMigration[] = [];

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
