/**
 * Autosave of the working draft (src/lib/storage/draft.ts) on both back ends: restore after a
 * reload, out-of-range drafts restored as they were on screen, the previous draft kept when a
 * share link replaces it, damaged drafts reported, and never lost when IndexedDB refuses a write.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  defaultConfig,
  strategyPreset,
  type SimulationConfig,
} from '../../../../src/engine/index.ts';
import { createStorage } from '../../../../src/lib/storage/database.ts';
import {
  discardPreviousDraft,
  loadDraft,
  loadPreviousDraft,
  replaceDraft,
  restorePreviousDraft,
  saveDraft,
} from '../../../../src/lib/storage/draft.ts';
import { StorageError } from '../../../../src/lib/storage/errors.ts';
import { BACKENDS, freshStorage, steppingClock, T0 } from './helpers.ts';

const seeded = (seed: number): SimulationConfig => ({ ...defaultConfig(), seed });

afterEach(() => vi.restoreAllMocks());

describe.each(BACKENDS)('draft on %s', (backend) => {
  it('loadDraft is null before anything was saved', async () => {
    expect(await loadDraft(freshStorage(backend))).toBeNull();
  });

  it('saveDraft then loadDraft gives back the config and when it was saved', async () => {
    const storage = freshStorage(backend);
    expect(await saveDraft(storage, seeded(5))).toEqual({ where: backend, error: null });
    expect(await loadDraft(storage)).toEqual({ status: 'valid', config: seeded(5), savedAt: T0 });
  });

  it('the last save wins', async () => {
    const storage = freshStorage(backend);
    await saveDraft(storage, seeded(5));
    await saveDraft(storage, seeded(6));
    expect(await loadDraft(storage)).toMatchObject({ config: { seed: 6 }, savedAt: T0 + 1000 });
  });

  it('an out-of-range draft comes back exactly as it was on screen, with its errors', async () => {
    const storage = freshStorage(backend);
    const onScreen = { ...defaultConfig(), market: { ...defaultConfig().market, rho: -1.5 } };
    await saveDraft(storage, onScreen);
    const draft = await loadDraft(storage);
    expect(draft).toMatchObject({ status: 'invalid', config: onScreen, savedAt: T0 });
    expect(draft?.status === 'invalid' && draft.errors).toEqual([
      { path: 'market.rho', message: 'must be between -1 and 1' },
    ]);
  });

  it.each([
    ['NaN in a field', { ...defaultConfig(), capital: Number.NaN }],
    ['a missing market', { ...defaultConfig(), market: undefined }],
    ['layers that are not a list', { ...defaultConfig(), layers: {} }],
    ['a Date inside', { ...defaultConfig(), seed: new Date() }],
    ['not an object', 'config'],
  ])('saveDraft refuses %s (not a plain config) and writes nothing', async (_, config) => {
    const storage = freshStorage(backend);
    await saveDraft(storage, seeded(1));
    const error = await saveDraft(storage, config as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).kind).toBe('invalid');
    expect(await loadDraft(storage)).toMatchObject({ config: { seed: 1 } });
  });

  it('replaceDraft (a share link) keeps the replaced draft as the previous one', async () => {
    const storage = freshStorage(backend);
    await saveDraft(storage, seeded(1));
    const link = strategyPreset('vxth-style');
    expect(await replaceDraft(storage, link)).toMatchObject({ replaced: true, error: null });
    expect(await loadDraft(storage)).toMatchObject({ status: 'valid', config: link });
    expect(await loadPreviousDraft(storage)).toMatchObject({
      status: 'valid',
      config: seeded(1),
      savedAt: T0,
    });
  });

  it('opening the same link again does not push the real previous draft out', async () => {
    const storage = freshStorage(backend);
    await saveDraft(storage, seeded(1));
    const link = strategyPreset('vxth-style');
    await replaceDraft(storage, link);
    // A reload with the hash still in the URL; key order differs, content is the same.
    const sameContent = Object.fromEntries(Object.entries(link).reverse()) as SimulationConfig;
    expect(await replaceDraft(storage, sameContent)).toMatchObject({ replaced: false });
    expect(await loadPreviousDraft(storage)).toMatchObject({ config: seeded(1) });
  });

  it('replaceDraft with no draft yet keeps no previous draft', async () => {
    const storage = freshStorage(backend);
    expect(await replaceDraft(storage, seeded(3))).toMatchObject({ replaced: false });
    expect(await loadPreviousDraft(storage)).toBeNull();
  });

  it('restorePreviousDraft swaps the drafts, so the link config can come back the same way', async () => {
    const storage = freshStorage(backend);
    await saveDraft(storage, seeded(1));
    await replaceDraft(storage, seeded(2));
    expect(await restorePreviousDraft(storage)).toMatchObject({
      status: 'valid',
      config: seeded(1),
    });
    expect(await loadDraft(storage)).toMatchObject({ config: seeded(1) });
    expect(await loadPreviousDraft(storage)).toMatchObject({ config: seeded(2) });
    await restorePreviousDraft(storage);
    expect(await loadDraft(storage)).toMatchObject({ config: seeded(2) });
  });

  it('restorePreviousDraft with no previous draft returns null and changes nothing', async () => {
    const storage = freshStorage(backend);
    await saveDraft(storage, seeded(1));
    expect(await restorePreviousDraft(storage)).toBeNull();
    expect(await loadDraft(storage)).toMatchObject({ config: seeded(1) });
  });

  it('discardPreviousDraft forgets the previous draft only', async () => {
    const storage = freshStorage(backend);
    await saveDraft(storage, seeded(1));
    await replaceDraft(storage, seeded(2));
    await discardPreviousDraft(storage);
    expect(await loadPreviousDraft(storage)).toBeNull();
    expect(await loadDraft(storage)).toMatchObject({ config: seeded(2) });
  });

  it.each([
    ['not an object', 42, 'not an object'],
    [
      'from a newer app',
      { config: defaultConfig(), savedAt: T0, schemaVersion: 9 },
      'newer version',
    ],
    ['with no savedAt', { config: defaultConfig(), schemaVersion: 1 }, 'savedAt'],
    [
      'whose config is not a config',
      { config: [1, 2], savedAt: T0, schemaVersion: 1 },
      'not a config',
    ],
  ])('a stored draft %s is reported as damaged, never thrown', async (_, raw, reason) => {
    const storage = freshStorage(backend);
    const store = await storage.backend();
    await store.writeDrafts(() => ({ current: raw as never }));
    const draft = await loadDraft(storage);
    expect(draft).toMatchObject({
      status: 'damaged',
      raw,
      reason: expect.stringContaining(reason),
    });
  });
});

describe('draft in IndexedDB', () => {
  it('survives a reload (a new storage on the same database)', async () => {
    const factory = new IDBFactory();
    const first = createStorage({ indexedDB: factory, now: steppingClock() });
    await saveDraft(first, seeded(11));
    first.close();
    const reloaded = createStorage({ indexedDB: factory });
    expect(await loadDraft(reloaded)).toEqual({ status: 'valid', config: seeded(11), savedAt: T0 });
    reloaded.close();
  });

  it('a failed write (quota) keeps the draft in memory, and loadDraft returns that newer copy', async () => {
    const storage = freshStorage('indexeddb');
    await saveDraft(storage, seeded(1));
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const result = await saveDraft(storage, seeded(2));
    expect(result.where).toBe('memory');
    expect(result.error?.kind).toBe('quota');
    expect(await loadDraft(storage)).toMatchObject({ status: 'valid', config: seeded(2) });
    vi.restoreAllMocks();
    // Once IndexedDB accepts writes again, the newer save wins over the memory copy.
    await saveDraft(storage, seeded(3));
    expect(await loadDraft(storage)).toMatchObject({ config: seeded(3) });
    storage.close();
  });
});
