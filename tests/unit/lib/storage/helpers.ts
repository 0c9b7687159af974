/**
 * Shared set-up for the storage tests: a fresh fake-indexeddb factory per storage (isolation), a
 * deterministic clock and ids, both back ends under one name for table-driven tests, raw access
 * to put hand-made records, and a raw-IndexedDB helper to build databases as older versions did.
 */
import 'fake-indexeddb/auto';
import {
  createStorage,
  type AlvhStorage,
  type CreateStorageOptions,
} from '../../../../src/lib/storage/database.ts';

/** 2026-01-01T00:00:00Z, ms. */
export const T0 = 1_767_225_600_000;

/** Both back ends: each table-driven test runs on IndexedDB (fake) and on the memory store. */
export const BACKENDS = ['indexeddb', 'memory'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** A clock that advances one second per reading, from T0. */
export function steppingClock(start = T0): () => number {
  let t = start - 1000;
  return () => (t += 1000);
}

/** Ids id-1, id-2, … (readable in failures). */
export function sequentialIds(prefix = 'id'): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

/** A storage on a new, empty fake IndexedDB (or memory only), with the test clock and ids. */
export function freshStorage(
  backend: BackendName = 'indexeddb',
  options: CreateStorageOptions = {},
): AlvhStorage & { factory: IDBFactory } {
  const factory = new IDBFactory();
  const storage = createStorage({
    indexedDB: factory,
    memoryOnly: backend === 'memory',
    now: steppingClock(),
    newId: sequentialIds(),
    ...options,
  });
  return Object.assign(storage, { factory });
}

/** Writes raw values into the sessions store as they are (to plant damaged records). */
export async function putRaw(storage: AlvhStorage, ...values: unknown[]): Promise<void> {
  const backend = await storage.backend();
  await backend.writeSessions(() => ({ put: values, result: null }));
}

/** Promisified raw IndexedDB request. */
export function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Opens `name` at `version` with raw IndexedDB; `upgrade` runs in the versionchange transaction. */
export function openRaw(
  factory: IDBFactory,
  name: string,
  version: number,
  upgrade: (db: IDBDatabase, transaction: IDBTransaction) => void = () => undefined,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, version);
    request.onupgradeneeded = () => upgrade(request.result, request.transaction!);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('raw open blocked'));
  });
}

/** Resolves when `predicate` holds, polling each macrotask (fails after `timeoutMs`). */
export async function until(predicate: () => boolean, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
