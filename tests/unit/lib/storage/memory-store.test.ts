/**
 * The back-end contract the repository relies on (src/lib/storage/backend.ts), checked on both
 * implementations: the in-memory fallback (memory-store.ts) must behave like IndexedDB — values
 * cloned in and out, the in-line `id` key, key order, and all-or-nothing writes.
 */
import { describe, expect, it } from 'vitest';
import type { StorageBackend } from '../../../../src/lib/storage/backend.ts';
import { StorageError } from '../../../../src/lib/storage/errors.ts';
import { createMemoryBackend } from '../../../../src/lib/storage/memory-store.ts';
import { BACKENDS, freshStorage, type BackendName } from './helpers.ts';

async function backendOf(name: BackendName): Promise<StorageBackend> {
  return name === 'memory' ? createMemoryBackend() : freshStorage('indexeddb').backend();
}

const put = (backend: StorageBackend, ...values: unknown[]) =>
  backend.writeSessions(() => ({ put: values, result: null }));

describe.each(BACKENDS)('the %s back end', (name) => {
  it('clones values on the way in: changing the written object afterwards changes nothing', async () => {
    const backend = await backendOf(name);
    const value = { id: 'a', list: [1, 2] };
    await put(backend, value);
    value.list.push(3);
    expect(await backend.readSession('a')).toEqual({ key: 'a', value: { id: 'a', list: [1, 2] } });
  });

  it('clones values on the way out: changing what was read changes nothing', async () => {
    const backend = await backendOf(name);
    await put(backend, { id: 'a', list: [1, 2] });
    const read = (await backend.readSessions())[0].value as { list: number[] };
    read.list.push(3);
    expect((await backend.readSession('a'))?.value).toEqual({ id: 'a', list: [1, 2] });
  });

  it('keys sessions by their id and returns them in key order', async () => {
    const backend = await backendOf(name);
    await put(backend, { id: 'b' }, { id: 'a' }, { id: 'c' });
    expect((await backend.readSessions()).map((e) => e.key)).toEqual(['a', 'b', 'c']);
  });

  it('a plan that throws writes nothing, and its error comes back as a StorageError', async () => {
    const backend = await backendOf(name);
    await put(backend, { id: 'a' });
    const error = await backend
      .writeSessions(() => {
        throw new StorageError('invalid', 'no');
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid' });
    expect(await backend.readSessions()).toHaveLength(1);
  });

  it('a write with a value that cannot be stored writes none of the plan', async () => {
    const backend = await backendOf(name);
    await put(backend, { id: 'a' }, { id: 'b' });
    const error = await backend
      .writeSessions(() => ({
        delete: ['a'],
        put: [{ id: 'c' }, { id: 'd', f: () => 1 }],
        result: null,
      }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((await backend.readSessions()).map((e) => e.key)).toEqual(['a', 'b']);
  });

  it('a value without an id cannot be stored', async () => {
    const backend = await backendOf(name);
    await expect(put(backend, { name: 'no id' })).rejects.toBeInstanceOf(StorageError);
    expect(await backend.readSessions()).toEqual([]);
  });

  it('drafts: put, read and delete by slot, in one write', async () => {
    const backend = await backendOf(name);
    const record = { config: { a: 1 }, savedAt: 1, schemaVersion: 1 };
    await backend.writeDrafts(() => ({ current: record, previous: { ...record, savedAt: 0 } }));
    expect(await backend.readDrafts()).toEqual({
      current: record,
      previous: { ...record, savedAt: 0 },
    });
    await backend.writeDrafts(() => ({ previous: null }));
    expect(await backend.readDrafts()).toEqual({ current: record, previous: undefined });
  });
});
