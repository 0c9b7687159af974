/**
 * Opening the database, and everything that can stop it: the one place that decides whether this
 * tab stores in IndexedDB or in memory, and tells the UI why.
 *
 * - Lazy and memoised: nothing touches IndexedDB until the first repository call, and every call
 *   shares one connection (idb README; a second `open` per call would race upgrades).
 * - `blocking` (another tab opens a newer version, or deletes the database): this connection
 *   closes at once, so that tab's upgrade is not blocked, and the storage switches to memory with
 *   reason 'upgraded-elsewhere' — the UI says "reload".
 * - `blocked` (an older tab keeps its connection open), an open that does not finish within
 *   `openTimeoutMs`, IndexedDB missing, or throwing SecurityError on access (private modes,
 *   sandboxed iframes), a database newer than this code (VersionError), an abnormal close: each
 *   falls back to the in-memory store with a reason and a message. A connection that opens after
 *   the fallback was chosen is closed, so data never splits between two stores mid-session.
 *
 * idb's `openDB` reads the global `indexedDB`; this module opens through an injected factory
 * instead (same steps as idb's openDB, then `wrap`), so each test gets its own fake-indexeddb
 * `IDBFactory` and the missing / throwing cases can be tested (tests/unit/lib/storage/database.test.ts).
 */
import { wrap, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type {
  DraftWrites,
  SessionWrites,
  StorageBackend,
  StoredDrafts,
  StoredEntry,
} from './backend.ts';
import { toStorageError } from './errors.ts';
import { createMemoryBackend } from './memory-store.ts';
import {
  DB_NAME,
  DB_VERSION,
  upgradeDatabase,
  type AlvhDB,
  type AlvhStoreName,
  type DraftRecord,
  type SessionRecord,
} from './schema.ts';

/**
 * Why this tab stores in memory:
 * - 'disabled': asked to (embed mode);
 * - 'unsupported': no IndexedDB in this browser or mode;
 * - 'security': the browser refused access (SecurityError: private mode, sandboxed iframe);
 * - 'blocked': another tab holds an older version open and did not close it;
 * - 'timeout': the open did not finish in time;
 * - 'version': the stored database is newer than this code (a newer tab upgraded it);
 * - 'upgraded-elsewhere': this connection was closed for another tab's upgrade or delete;
 * - 'terminated': the browser closed the connection (storage cleared, disk error);
 * - 'open-failed': any other open error.
 */
export type FallbackReason =
  | 'disabled'
  | 'unsupported'
  | 'security'
  | 'blocked'
  | 'timeout'
  | 'version'
  | 'upgraded-elsewhere'
  | 'terminated'
  | 'open-failed';

/** Where this tab stores now; `message` is a sentence for the UI. */
export type StorageStatus =
  | { mode: 'unopened' }
  | { mode: 'indexeddb' }
  | { mode: 'memory'; reason: FallbackReason; message: string };

export type StorageStatusListener = (status: StorageStatus) => void;

/** Default time allowed for the open, ms (a first open with an upgrade takes ~10–100 ms). */
export const DEFAULT_OPEN_TIMEOUT_MS = 5000;

const KEEP =
  'Until then, sessions and the draft are kept in this tab only: export sessions to keep them.';

/** The sentence shown for each fallback reason (`detail`: the browser's own message, if any). */
export function fallbackMessage(reason: FallbackReason, detail = ''): string {
  const why = detail ? ` (${detail})` : '';
  switch (reason) {
    case 'disabled':
      return 'Saving is off here: nothing is stored in the browser.';
    case 'unsupported':
      return `This browser offers no database here (private browsing?)${why}. Sessions and the draft are kept in this tab only and are lost when it closes: export sessions to keep them.`;
    case 'security':
      return `The browser refused storage access (private browsing or an embedded frame)${why}. Sessions and the draft are kept in this tab only and are lost when it closes: export sessions to keep them.`;
    case 'blocked':
      return `Another tab of the simulator is using an older version of its storage. Close or reload the other tabs, then reload this one. ${KEEP}`;
    case 'timeout':
      return `The browser database did not open in time. Reload the page to try again. ${KEEP}`;
    case 'version':
      return `A newer version of the simulator has updated its storage in another tab. Reload this page to use it. ${KEEP}`;
    case 'upgraded-elsewhere':
      return `The simulator was updated or its data cleared in another tab. Reload this page to keep saving. ${KEEP}`;
    case 'terminated':
      return `The browser closed the database${why}. Reload the page to keep saving. ${KEEP}`;
    case 'open-failed':
      return `The browser database could not be opened${why}. ${KEEP}`;
  }
}

/** A storage handle: the repository functions take it as their first argument. */
export interface AlvhStorage {
  /** The back end to use now: opens IndexedDB on the first call, or the memory fallback. */
  backend(): Promise<StorageBackend>;
  /** The in-memory store: the fallback, and where a draft goes if a write to IndexedDB fails. */
  readonly memory: StorageBackend;
  status(): StorageStatus;
  /** Calls `listener` on every status change; returns the unsubscribe function. */
  subscribe(listener: StorageStatusListener): () => void;
  /** Clock for record times, ms since the epoch. */
  now(): number;
  /** A new session id. */
  newId(): string;
  /** Closes the connection (tests, page teardown); the next call opens again. */
  close(): void;
}

export interface CreateStorageOptions {
  /**
   * The IndexedDB factory. Absent: `globalThis.indexedDB`, read inside a try (it throws
   * SecurityError in some sandboxes). null: none, as in a browser without IndexedDB.
   */
  indexedDB?: IDBFactory | null;
  /** Never touch IndexedDB (embed mode: sandboxed iframes throw, and nothing should persist). */
  memoryOnly?: boolean;
  /** Database name; default DB_NAME. */
  name?: string;
  /** Time allowed for the open before falling back, ms; default DEFAULT_OPEN_TIMEOUT_MS. */
  openTimeoutMs?: number;
  now?: () => number;
  newId?: () => string;
  onStatusChange?: StorageStatusListener;
}

/** A random (version 4) UUID; works outside secure contexts, where `randomUUID` is missing. */
export function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Marks a promise's rejection as handled (it is still awaited, or deliberately dropped). */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** The IndexedDB back end over an open connection. */
function indexedDbBackend(db: IDBPDatabase<AlvhDB>): StorageBackend {
  const begin = <M extends IDBTransactionMode>(store: 'sessions' | 'drafts', mode: M) => {
    try {
      const tx = db.transaction(store, mode);
      quiet(tx.done);
      return tx;
    } catch (error) {
      throw toStorageError(error);
    }
  };
  const abort = (tx: { abort(): void }) => {
    try {
      tx.abort();
    } catch {
      // Already committed or aborted: nothing to undo.
    }
  };

  return {
    mode: 'indexeddb',

    async readSessions(): Promise<StoredEntry[]> {
      const tx = begin('sessions', 'readonly');
      try {
        const [keys, values] = await Promise.all([
          tx.store.getAllKeys(),
          tx.store.getAll(),
          tx.done,
        ]);
        return keys.map((key, i) => ({ key, value: values[i] as unknown }));
      } catch (error) {
        throw toStorageError(error);
      }
    },

    async readSession(key: IDBValidKey): Promise<StoredEntry | undefined> {
      const tx = begin('sessions', 'readonly');
      try {
        const [value] = await Promise.all([tx.store.get(key as string), tx.done]);
        return value === undefined ? undefined : { key, value: value as unknown };
      } catch (error) {
        throw toStorageError(error);
      }
    },

    async writeSessions<T>(plan: (entries: StoredEntry[]) => SessionWrites<T>): Promise<T> {
      const tx = begin('sessions', 'readwrite');
      try {
        const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
        const writes = plan(keys.map((key, i) => ({ key, value: values[i] as unknown })));
        const requests: Promise<unknown>[] = [];
        for (const key of writes.delete ?? []) requests.push(quiet(tx.store.delete(key as string)));
        for (const value of writes.put ?? [])
          requests.push(quiet(tx.store.put(value as SessionRecord)));
        await Promise.all([...requests, tx.done]);
        return writes.result;
      } catch (error) {
        abort(tx);
        throw toStorageError(error);
      }
    },

    async readDrafts(): Promise<StoredDrafts> {
      const tx = begin('drafts', 'readonly');
      try {
        const [current, previous] = await Promise.all([
          tx.store.get('current'),
          tx.store.get('previous'),
          tx.done,
        ]);
        return { current: current as unknown, previous: previous as unknown };
      } catch (error) {
        throw toStorageError(error);
      }
    },

    async writeDrafts(plan: (drafts: StoredDrafts) => DraftWrites): Promise<void> {
      const tx = begin('drafts', 'readwrite');
      try {
        const [current, previous] = await Promise.all([
          tx.store.get('current'),
          tx.store.get('previous'),
        ]);
        const writes = plan({ current: current as unknown, previous: previous as unknown });
        const requests: Promise<unknown>[] = [];
        for (const slot of ['current', 'previous'] as const) {
          const value: DraftRecord | null | undefined = writes[slot];
          if (value === null) requests.push(quiet(tx.store.delete(slot)));
          else if (value !== undefined) requests.push(quiet(tx.store.put(value, slot)));
        }
        await Promise.all([...requests, tx.done]);
      } catch (error) {
        abort(tx);
        throw toStorageError(error);
      }
    },
  };
}

function errorName(error: unknown): string {
  const name =
    typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? name : '';
}

function errorDetail(error: unknown): string {
  const message =
    typeof error === 'object' && error !== null
      ? (error as { message?: unknown }).message
      : undefined;
  return typeof message === 'string' && message ? message : errorName(error);
}

/** The fallback reason for an error thrown or reported while opening. */
function openFailureReason(error: unknown): FallbackReason {
  switch (errorName(error)) {
    case 'SecurityError':
      return 'security';
    case 'VersionError':
      return 'version';
    // Firefox's private mode (before 115) refused with InvalidStateError on open.
    case 'InvalidStateError':
      return 'unsupported';
    default:
      return 'open-failed';
  }
}

class Storage implements AlvhStorage {
  readonly memory = createMemoryBackend();
  readonly #options: CreateStorageOptions;
  #status: StorageStatus = { mode: 'unopened' };
  #opening: Promise<StorageBackend> | null = null;
  #connection: IDBDatabase | null = null;
  #listeners = new Set<StorageStatusListener>();

  constructor(options: CreateStorageOptions) {
    this.#options = options;
    if (options.onStatusChange) this.#listeners.add(options.onStatusChange);
  }

  now(): number {
    return (this.#options.now ?? Date.now)();
  }

  newId(): string {
    return (this.#options.newId ?? randomId)();
  }

  status(): StorageStatus {
    return this.#status;
  }

  subscribe(listener: StorageStatusListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  backend(): Promise<StorageBackend> {
    this.#opening ??= this.#open();
    return this.#opening;
  }

  close(): void {
    const connection = this.#connection;
    this.#connection = null;
    connection?.close();
    if (this.#status.mode === 'indexeddb') {
      this.#opening = null;
      this.#setStatus({ mode: 'unopened' });
    }
  }

  #setStatus(status: StorageStatus): void {
    this.#status = status;
    for (const listener of [...this.#listeners]) {
      try {
        listener(status);
      } catch {
        // A failing listener must not stop the others or the storage.
      }
    }
  }

  #fallBack(reason: FallbackReason, detail = ''): StorageBackend {
    this.#setStatus({ mode: 'memory', reason, message: fallbackMessage(reason, detail) });
    this.#opening = Promise.resolve(this.memory);
    return this.memory;
  }

  /** Drops a live connection (another tab's upgrade, or an abnormal close) for the memory store. */
  #lose(connection: IDBDatabase, reason: FallbackReason, detail = ''): void {
    if (this.#connection !== connection) return;
    this.#connection = null;
    try {
      connection.close();
    } catch {
      // Closing a connection the browser already closed is harmless.
    }
    this.#fallBack(reason, detail);
  }

  #open(): Promise<StorageBackend> {
    const options = this.#options;
    if (options.memoryOnly) return Promise.resolve(this.#fallBack('disabled'));
    let factory: IDBFactory | null | undefined;
    let request: IDBOpenDBRequest;
    try {
      factory = options.indexedDB === undefined ? globalThis.indexedDB : options.indexedDB;
      if (!factory) return Promise.resolve(this.#fallBack('unsupported'));
      request = factory.open(options.name ?? DB_NAME, DB_VERSION);
    } catch (error) {
      return Promise.resolve(this.#fallBack(openFailureReason(error), errorDetail(error)));
    }

    return new Promise<StorageBackend>((resolve) => {
      let settled = false;
      const settle = (backend: () => StorageBackend) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(backend());
      };
      const timer = setTimeout(
        () => settle(() => this.#fallBack('timeout')),
        options.openTimeoutMs ?? DEFAULT_OPEN_TIMEOUT_MS,
      );

      request.addEventListener('upgradeneeded', (event) => {
        try {
          upgradeDatabase(
            wrap(request.result) as unknown as IDBPDatabase<AlvhDB>,
            event.oldVersion,
            wrap(request.transaction!) as unknown as IDBPTransaction<
              AlvhDB,
              AlvhStoreName[],
              'versionchange'
            >,
          );
        } catch {
          // A failed upgrade aborts the versionchange transaction: the open then fails ('error').
          request.transaction?.abort();
        }
      });
      request.addEventListener('blocked', () => settle(() => this.#fallBack('blocked')));
      request.addEventListener('error', () => {
        const error = request.error;
        settle(() => this.#fallBack(openFailureReason(error), errorDetail(error)));
      });
      request.addEventListener('success', () => {
        const connection = request.result;
        if (settled) {
          // The fallback was chosen (blocked, timeout): keep one store for the whole session.
          connection.close();
          return;
        }
        connection.addEventListener('versionchange', () =>
          this.#lose(connection, 'upgraded-elsewhere'),
        );
        connection.addEventListener('close', () => this.#lose(connection, 'terminated'));
        this.#connection = connection;
        settle(() => {
          this.#setStatus({ mode: 'indexeddb' });
          return indexedDbBackend(wrap(connection) as unknown as IDBPDatabase<AlvhDB>);
        });
      });
    });
  }
}

/**
 * A storage handle. Opens nothing until first used; create one per tab and share it (one
 * connection per tab). Never throws: every fault becomes a memory fallback with a status.
 */
export function createStorage(options: CreateStorageOptions = {}): AlvhStorage {
  return new Storage(options);
}
