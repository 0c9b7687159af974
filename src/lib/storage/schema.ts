/**
 * The IndexedDB schema of the app, as a TypeScript type (idb's `DBSchema`, after the idb README
 * "TypeScript" section), and its ordered upgrade blocks.
 *
 * Two version numbers, on purpose:
 * - `DB_VERSION` is the database's layout (object stores, indexes). Raising it runs the
 *   `if (oldVersion < n)` blocks of `upgradeDatabase` in order, so a database of any earlier
 *   version reaches the current layout in one open.
 * - `SESSION_SCHEMA_VERSION` is the shape of one stored record (`schemaVersion` field). Records
 *   are migrated when read (sessions.ts, draft.ts), so an upgrade block never has to rewrite every
 *   record, and a record that a newer app wrote is reported as damaged, not misread.
 * The config inside a record has its own `version`, migrated by the engine's `validateConfig`.
 *
 * Adding version 2: bump DB_VERSION, add `if (oldVersion < 2) { … }` below the v1 block, add a
 * v2 entry to DB_FIXTURES in tests/unit/lib/storage/fixtures.ts (a database built by hand with raw
 * IndexedDB as v1 left it), and the migration test opens it with this code.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { SimulationConfig } from '../../engine/index.ts';
import type { SessionSummary } from './summary.ts';

/** Name of the IndexedDB database (one per origin). */
export const DB_NAME = 'alvh-simulator';

/** Current database layout version (see the upgrade blocks below). */
export const DB_VERSION = 1;

/** Current shape of a stored session or draft record (`schemaVersion`). */
export const SESSION_SCHEMA_VERSION = 1;

/** A saved session as stored (plain data; times in ms since the Unix epoch, UTC). */
export interface SessionRecord {
  /** Random UUID, the object store key. */
  id: string;
  /** User text, 1–100 characters, trimmed; rendered as text, never as HTML. */
  name: string;
  config: SimulationConfig;
  /** Headline figures of the run with their standard errors; null if never run. */
  summary: SessionSummary | null;
  createdAt: number;
  updatedAt: number;
  schemaVersion: number;
}

/** The two draft slots: what is on screen, and what a share link replaced. */
export type DraftSlot = 'current' | 'previous';

/** The autosaved working draft. `config` may be out of range (it is what was on screen). */
export interface DraftRecord {
  config: unknown;
  savedAt: number;
  schemaVersion: number;
}

/** The database schema. Values are what this code writes; reads are validated as `unknown`. */
export interface AlvhDB extends DBSchema {
  /** Saved sessions, keyed by `id` (in-line key). */
  sessions: { key: string; value: SessionRecord };
  /** The working draft and the previous one, keyed by slot (out-of-line key). */
  drafts: { key: DraftSlot; value: DraftRecord };
}

/** The store names of every layout, for the open transaction of an upgrade. */
export type AlvhStoreName = StoreNames<AlvhDB>;

/**
 * Brings a database from `oldVersion` (0 = new) to DB_VERSION. Runs inside the `versionchange`
 * transaction; blocks are ordered and each assumes the layout the previous ones left.
 */
export function upgradeDatabase(
  db: IDBPDatabase<AlvhDB>,
  oldVersion: number,
  _transaction: IDBPTransaction<AlvhDB, AlvhStoreName[], 'versionchange'>,
): void {
  if (oldVersion < 1) {
    // Listing sorts in memory, so no index: a damaged record missing `updatedAt` would be left
    // out of an index and so vanish from the list.
    db.createObjectStore('sessions', { keyPath: 'id' });
    db.createObjectStore('drafts');
  }
}

/** One step of a record migration: turns a record of `schemaVersion` `from` into `from + 1`. */
export interface RecordMigration {
  from: number;
  migrate: (old: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * Session record migrations, in order (empty: version 1 is the first shape). Add
 * `{ from: 1, migrate }` with SESSION_SCHEMA_VERSION = 2, and a v1 record fixture in
 * tests/unit/lib/storage/fixtures.ts.
 */
export const SESSION_RECORD_MIGRATIONS: readonly RecordMigration[] = [];

/** Draft record migrations, as for sessions. */
export const DRAFT_RECORD_MIGRATIONS: readonly RecordMigration[] = [];

export type RecordMigrationOutcome =
  { ok: true; value: Record<string, unknown> } | { ok: false; reason: string };

/**
 * Brings a stored record up to SESSION_SCHEMA_VERSION with `migrations` (pure; input untouched).
 * A record from a newer app, or with no usable `schemaVersion`, is refused with a reason.
 */
export function migrateRecord(
  record: Record<string, unknown>,
  migrations: readonly RecordMigration[],
): RecordMigrationOutcome {
  const version = record.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return {
      ok: false,
      reason: `schemaVersion must be a whole number from 1 to ${SESSION_SCHEMA_VERSION}`,
    };
  }
  if (version > SESSION_SCHEMA_VERSION) {
    return {
      ok: false,
      reason: `it was saved by a newer version of the simulator (record version ${version}; this one reads up to ${SESSION_SCHEMA_VERSION}): reload to update`,
    };
  }
  let value = record;
  for (let from = version; from < SESSION_SCHEMA_VERSION; from++) {
    const step = migrations.find((m) => m.from === from);
    if (!step) return { ok: false, reason: `no migration from record version ${from}` };
    value = { ...step.migrate(value), schemaVersion: from + 1 };
  }
  return { ok: true, value };
}
