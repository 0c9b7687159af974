/**
 * Opening the database (src/lib/storage/database.ts): lazy and memoised, the fallback to memory
 * with a reason for every fault (missing, SecurityError, blocked, timeout, newer version,
 * another tab's upgrade, abnormal close), and the draft surviving each. Real connections use
 * fake-indexeddb; the request events no fake can produce on demand (blocked, a late success) use
 * a stub request.
 */
import { forceCloseDatabase } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../../../src/engine/index.ts';
import {
  createStorage,
  fallbackMessage,
  randomId,
  type FallbackReason,
  type StorageStatus,
} from '../../../../src/lib/storage/database.ts';
import { loadDraft, saveDraft } from '../../../../src/lib/storage/draft.ts';
import { DB_NAME, DB_VERSION } from '../../../../src/lib/storage/schema.ts';
import { listSessions, saveSession } from '../../../../src/lib/storage/sessions.ts';
import { freshStorage, openRaw, until } from './helpers.ts';

/** A factory whose open() hands back a stub request the test drives by hand. */
function stubFactory() {
  const request = Object.assign(new EventTarget(), {
    result: undefined as unknown,
    error: null as DOMException | null,
    transaction: null,
  });
  const connection = { close: vi.fn(), addEventListener: vi.fn() };
  const factory = { open: vi.fn(() => request) } as unknown as IDBFactory;
  return {
    factory,
    request,
    connection,
    succeed() {
      request.result = connection;
      request.dispatchEvent(new Event('success'));
    },
  };
}

/** Wraps a real factory to capture the connection it opens. */
function capturingFactory(real: IDBFactory) {
  const opened: IDBOpenDBRequest[] = [];
  const factory = {
    open: (name: string, version?: number) => {
      const request = real.open(name, version);
      opened.push(request);
      return request;
    },
  } as unknown as IDBFactory;
  return { factory, connection: () => opened[0].result };
}

function recorder() {
  const seen: StorageStatus[] = [];
  return { seen, listener: (status: StorageStatus) => seen.push(status) };
}

const reasonOf = (status: StorageStatus): FallbackReason | null =>
  status.mode === 'memory' ? status.reason : null;

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('opening', () => {
  it('does not touch IndexedDB until the first use', async () => {
    const { factory } = stubFactory();
    const storage = createStorage({ indexedDB: factory });
    expect(factory.open).not.toHaveBeenCalled();
    expect(storage.status()).toEqual({ mode: 'unopened' });
    void storage.backend();
    expect(factory.open).toHaveBeenCalledTimes(1);
  });

  it('opens once for any number of concurrent calls and shares the back end', async () => {
    const real = new IDBFactory();
    const open = vi.spyOn(real, 'open');
    const storage = createStorage({ indexedDB: real });
    const [a, b, c] = await Promise.all([storage.backend(), storage.backend(), storage.backend()]);
    expect(open).toHaveBeenCalledTimes(1);
    expect(open).toHaveBeenCalledWith(DB_NAME, DB_VERSION);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(a.mode).toBe('indexeddb');
    storage.close();
  });

  it('reports the IndexedDB status to listeners', async () => {
    const { seen, listener } = recorder();
    const storage = freshStorage('indexeddb', { onStatusChange: listener });
    await storage.backend();
    expect(storage.status()).toEqual({ mode: 'indexeddb' });
    expect(seen).toEqual([{ mode: 'indexeddb' }]);
    storage.close();
  });

  it('creates the current layout in a new database', async () => {
    const storage = freshStorage();
    await storage.backend();
    storage.close();
    const raw = await openRaw(storage.factory, DB_NAME, DB_VERSION);
    expect(raw.version).toBe(DB_VERSION);
    expect(Array.from(raw.objectStoreNames).sort()).toEqual(['drafts', 'sessions']);
    raw.close();
  });

  it('opens again after close()', async () => {
    const storage = freshStorage();
    await saveSession(storage, { name: 'A', config: defaultConfig() });
    storage.close();
    expect(storage.status()).toEqual({ mode: 'unopened' });
    expect(await listSessions(storage)).toHaveLength(1);
    expect(storage.status()).toEqual({ mode: 'indexeddb' });
    storage.close();
  });

  it('keeps calling the other listeners when one throws', async () => {
    const { seen, listener } = recorder();
    const storage = freshStorage('indexeddb', {
      onStatusChange: () => {
        throw new Error('listener bug');
      },
    });
    storage.subscribe(listener);
    await storage.backend();
    expect(seen).toEqual([{ mode: 'indexeddb' }]);
    storage.close();
  });

  it('randomId makes version-4 UUIDs, also without crypto.randomUUID (insecure contexts)', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(randomId()).toMatch(uuid);
    vi.stubGlobal('crypto', { getRandomValues: crypto.getRandomValues.bind(crypto) });
    const ids = new Set(Array.from({ length: 100 }, () => randomId()));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(uuid);
  });
});

describe('falling back to memory', () => {
  async function expectFallback(
    storage: ReturnType<typeof createStorage>,
    reason: FallbackReason,
  ): Promise<void> {
    const backend = await storage.backend();
    expect(backend.mode).toBe('memory');
    expect(backend).toBe(storage.memory);
    expect(reasonOf(storage.status())).toBe(reason);
    // The app still works: sessions and the draft are kept for the tab's life.
    await saveSession(storage, { name: 'Kept', config: defaultConfig() });
    expect(await listSessions(storage)).toHaveLength(1);
    await saveDraft(storage, defaultConfig());
    expect((await loadDraft(storage))?.status).toBe('valid');
  }

  it("'disabled' (embed mode) never opens IndexedDB", async () => {
    const { factory } = stubFactory();
    const storage = createStorage({ indexedDB: factory, memoryOnly: true });
    await expectFallback(storage, 'disabled');
    expect(factory.open).not.toHaveBeenCalled();
  });

  it("'unsupported' when there is no IndexedDB", async () => {
    await expectFallback(createStorage({ indexedDB: null }), 'unsupported');
  });

  it("'unsupported' when the global indexedDB is missing", async () => {
    vi.stubGlobal('indexedDB', undefined);
    await expectFallback(createStorage(), 'unsupported');
  });

  it("'security' when reading the global indexedDB throws SecurityError (sandboxed iframe)", async () => {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'indexedDB');
    Object.defineProperty(globalThis, 'indexedDB', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    try {
      const storage = createStorage();
      await expectFallback(storage, 'security');
      expect(storage.status()).toMatchObject({ message: expect.stringContaining('insecure') });
    } finally {
      Object.defineProperty(globalThis, 'indexedDB', descriptor!);
    }
  });

  it("'security' when open() throws SecurityError (private mode)", async () => {
    const factory = {
      open: () => {
        throw new DOMException('access denied', 'SecurityError');
      },
    } as unknown as IDBFactory;
    await expectFallback(createStorage({ indexedDB: factory }), 'security');
  });

  it("'blocked' when an older tab keeps the database open; a later success is closed", async () => {
    const stub = stubFactory();
    const storage = createStorage({ indexedDB: stub.factory });
    const opening = storage.backend();
    stub.request.dispatchEvent(new Event('blocked'));
    expect((await opening).mode).toBe('memory');
    expect(reasonOf(storage.status())).toBe('blocked');
    stub.succeed();
    expect(stub.connection.close).toHaveBeenCalledTimes(1);
    expect(storage.status()).toMatchObject({ mode: 'memory', reason: 'blocked' });
  });

  it("'timeout' when the open does not finish in time; a later success is closed", async () => {
    const stub = stubFactory();
    const storage = createStorage({ indexedDB: stub.factory, openTimeoutMs: 20 });
    const started = Date.now();
    await expectFallback(storage, 'timeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    stub.succeed();
    expect(stub.connection.close).toHaveBeenCalledTimes(1);
  });

  it("'version' when another tab has upgraded the database past this code", async () => {
    const factory = new IDBFactory();
    (await openRaw(factory, DB_NAME, DB_VERSION + 1)).close();
    await expectFallback(createStorage({ indexedDB: factory }), 'version');
  });

  it("'open-failed' for any other open error, with the browser's words", async () => {
    const stub = stubFactory();
    const storage = createStorage({ indexedDB: stub.factory });
    const opening = storage.backend();
    stub.request.error = new DOMException('disk on fire', 'UnknownError');
    stub.request.dispatchEvent(new Event('error'));
    expect((await opening).mode).toBe('memory');
    expect(storage.status()).toMatchObject({
      reason: 'open-failed',
      message: expect.stringContaining('disk on fire'),
    });
  });

  it('every reason has a message for the user', () => {
    const reasons: FallbackReason[] = [
      'disabled',
      'unsupported',
      'security',
      'blocked',
      'timeout',
      'version',
      'upgraded-elsewhere',
      'terminated',
      'open-failed',
    ];
    for (const reason of reasons) expect(fallbackMessage(reason).length).toBeGreaterThan(30);
    expect(fallbackMessage('upgraded-elsewhere')).toMatch(/reload/i);
    expect(fallbackMessage('version')).toMatch(/reload/i);
  });
});

describe('another tab upgrades (blocking)', () => {
  it('closes this connection at once, so the upgrade is not blocked, and asks for a reload', async () => {
    const factory = new IDBFactory();
    const { seen, listener } = recorder();
    const storage = createStorage({ indexedDB: factory, onStatusChange: listener });
    await saveSession(storage, { name: 'Before', config: defaultConfig() });
    await saveDraft(storage, defaultConfig());

    // The other tab: newer code opening version + 1. openRaw rejects if it is blocked.
    const newer = await openRaw(factory, DB_NAME, DB_VERSION + 1);
    expect(newer.version).toBe(DB_VERSION + 1);
    expect(seen.map((s) => s.mode)).toEqual(['indexeddb', 'memory']);
    expect(reasonOf(storage.status())).toBe('upgraded-elsewhere');
    expect(storage.status()).toMatchObject({ message: expect.stringMatching(/reload/i) });

    // This tab keeps working in memory, and its draft is not lost.
    const draft = { ...defaultConfig(), seed: 77 };
    expect(await saveDraft(storage, draft)).toEqual({ where: 'memory', error: null });
    expect(await loadDraft(storage)).toMatchObject({ status: 'valid', config: { seed: 77 } });
    newer.close();
  });

  it('two tabs of the current version both close for a newer one', async () => {
    const factory = new IDBFactory();
    const a = createStorage({ indexedDB: factory });
    const b = createStorage({ indexedDB: factory });
    await Promise.all([a.backend(), b.backend()]);
    const newer = await openRaw(factory, DB_NAME, DB_VERSION + 1);
    expect(reasonOf(a.status())).toBe('upgraded-elsewhere');
    expect(reasonOf(b.status())).toBe('upgraded-elsewhere');
    newer.close();
  });

  it('also closes when another tab deletes the database (site data cleared)', async () => {
    const factory = new IDBFactory();
    const storage = createStorage({ indexedDB: factory });
    await storage.backend();
    await new Promise<void>((resolve, reject) => {
      const request = factory.deleteDatabase(DB_NAME);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('delete blocked'));
    });
    expect(reasonOf(storage.status())).toBe('upgraded-elsewhere');
  });
});

describe('abnormal close', () => {
  it("switches to memory with 'terminated' when the browser closes the connection", async () => {
    const real = new IDBFactory();
    const { factory, connection } = capturingFactory(real);
    const storage = createStorage({ indexedDB: factory });
    await storage.backend();
    forceCloseDatabase(connection() as never);
    await until(() => storage.status().mode === 'memory');
    expect(reasonOf(storage.status())).toBe('terminated');
    expect((await storage.backend()).mode).toBe('memory');
  });
});
