/**
 * The small set of raw operations the repository functions (sessions.ts, draft.ts,
 * export-import.ts) run against, implemented twice: by IndexedDB (database.ts, through idb) and
 * in memory (memory-store.ts, the fallback). Validation, names and times live above this line, so
 * both back ends behave the same by construction.
 *
 * Writes take a synchronous `plan` that sees every stored session (or both drafts) and returns
 * what to write: reading and writing happen in one readwrite transaction, so two tabs saving at
 * once cannot lose each other's sessions or both take the same name, and a plan that throws (or a
 * write that fails, e.g. on quota) writes nothing.
 */
import type { DraftRecord, DraftSlot } from './schema.ts';

/** A stored value with its key, as read (the value is untrusted: validate it). */
export interface StoredEntry {
  key: IDBValidKey;
  value: unknown;
}

/** What a session write plan returns: values to put (in-line key `id`), keys to delete, a result. */
export interface SessionWrites<T> {
  put?: readonly unknown[];
  delete?: readonly IDBValidKey[];
  result: T;
}

/** Both draft slots as read (untrusted). */
export type StoredDrafts = Record<DraftSlot, unknown>;

/** Per slot: a record to write, null to delete, absent to leave as it is. */
export type DraftWrites = Partial<Record<DraftSlot, DraftRecord | null>>;

/** Where data goes: the browser database or this tab's memory. */
export type StorageMode = 'indexeddb' | 'memory';

/** Raw operations; every rejection is a StorageError (errors.ts). */
export interface StorageBackend {
  readonly mode: StorageMode;
  /** Every stored session, in key order. */
  readSessions(): Promise<StoredEntry[]>;
  readSession(key: IDBValidKey): Promise<StoredEntry | undefined>;
  /** Reads every session and applies the plan's writes in the same transaction. */
  writeSessions<T>(plan: (entries: StoredEntry[]) => SessionWrites<T>): Promise<T>;
  readDrafts(): Promise<StoredDrafts>;
  /** Reads both drafts and applies the plan's writes in the same transaction. */
  writeDrafts(plan: (drafts: StoredDrafts) => DraftWrites): Promise<void>;
}
