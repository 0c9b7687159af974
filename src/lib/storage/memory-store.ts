/**
 * The in-memory fallback: the same `StorageBackend` as IndexedDB, for when the browser has no
 * usable IndexedDB (private modes, sandboxed iframes, a newer version open in another tab, a
 * timeout) and for embed mode. Data lives as long as the tab.
 *
 * It mimics what the repository relies on in IndexedDB: values are structured-cloned on the way in
 * and out (no shared references, and a value IndexedDB could not store fails here too), the
 * session key is the in-line `id`, entries come back in key order, and a write plan is all or
 * nothing. Tested through the same repository tests as IndexedDB (tests/unit/lib/storage/).
 */
import type {
  DraftWrites,
  SessionWrites,
  StorageBackend,
  StoredDrafts,
  StoredEntry,
} from './backend.ts';
import { StorageError, toStorageError } from './errors.ts';
import type { DraftSlot } from './schema.ts';

/** Order of IndexedDB keys that this app can produce: numbers before strings, then by value. */
function compareKeys(a: IDBValidKey, b: IDBValidKey): number {
  const rank = (k: IDBValidKey) => (typeof k === 'number' ? 0 : typeof k === 'string' ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function inlineKey(value: unknown): string | number {
  const id =
    typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  if (typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id))) return id;
  throw new StorageError('invalid', 'A session record needs an id (text) to be stored.');
}

/** A fresh, empty in-memory back end. */
export function createMemoryBackend(): StorageBackend {
  const sessions = new Map<string | number, unknown>();
  const drafts = new Map<DraftSlot, unknown>();

  const entries = (): StoredEntry[] =>
    [...sessions.entries()]
      .sort(([a], [b]) => compareKeys(a, b))
      .map(([key, value]) => ({ key, value: structuredClone(value) }));

  return {
    mode: 'memory',

    async readSessions() {
      return entries();
    },

    async readSession(key) {
      if (typeof key !== 'string' && typeof key !== 'number') return undefined;
      return sessions.has(key) ? { key, value: structuredClone(sessions.get(key)) } : undefined;
    },

    async writeSessions<T>(plan: (entries: StoredEntry[]) => SessionWrites<T>): Promise<T> {
      try {
        const writes = plan(entries());
        // Clone and key everything before touching the map, so a bad value writes nothing.
        const puts = (writes.put ?? []).map(
          (value) => [inlineKey(value), structuredClone(value)] as const,
        );
        for (const key of writes.delete ?? []) {
          if (typeof key === 'string' || typeof key === 'number') sessions.delete(key);
        }
        for (const [key, value] of puts) sessions.set(key, value);
        return writes.result;
      } catch (error) {
        throw toStorageError(error);
      }
    },

    async readDrafts() {
      return {
        current: structuredClone(drafts.get('current')),
        previous: structuredClone(drafts.get('previous')),
      };
    },

    async writeDrafts(plan: (drafts: StoredDrafts) => DraftWrites) {
      try {
        const writes = plan(await this.readDrafts());
        const slots = Object.entries(writes) as [DraftSlot, DraftWrites[DraftSlot]][];
        const cloned = slots.map(
          ([slot, value]) => [slot, value ? structuredClone(value) : value] as const,
        );
        for (const [slot, value] of cloned) {
          if (value === null) drafts.delete(slot);
          else if (value !== undefined) drafts.set(slot, value);
        }
      } catch (error) {
        throw toStorageError(error);
      }
    },
  };
}
