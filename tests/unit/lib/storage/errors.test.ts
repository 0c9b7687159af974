/**
 * Quota errors (src/lib/storage/errors.ts): every engine's spelling is recognised, and a full
 * disk during a save or an import is reported as 'quota' with nothing written.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../../../src/engine/index.ts';
import {
  isQuotaError,
  QUOTA_MESSAGE,
  StorageError,
  toStorageError,
} from '../../../../src/lib/storage/errors.ts';
import { importSessions } from '../../../../src/lib/storage/export-import.ts';
import { listSessions, renameSession, saveSession } from '../../../../src/lib/storage/sessions.ts';
import { freshStorage } from './helpers.ts';

afterEach(() => vi.restoreAllMocks());

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('isQuotaError', () => {
  it.each([
    ['Chromium/WebKit: QuotaExceededError', quota(), true],
    [
      'Firefox: NS_ERROR_DOM_QUOTA_REACHED',
      { name: 'NS_ERROR_DOM_QUOTA_REACHED', message: '' },
      true,
    ],
    ['old WebKit: QUOTA_EXCEEDED_ERR', { name: 'QUOTA_EXCEEDED_ERR' }, true],
    ['legacy code 22 alone', { code: 22 }, true],
    ['legacy Firefox code 1014 alone', { code: 1014 }, true],
    [
      'a transaction abort whose error is a quota error',
      { name: 'AbortError', error: quota() },
      true,
    ],
    ['an Error caused by a quota error', new Error('save failed', { cause: quota() }), true],
    ['an AbortError', new DOMException('aborted', 'AbortError'), false],
    ['a DataCloneError', new DOMException('no clone', 'DataCloneError'), false],
    ['code 22 on another named error', { name: 'TypeError', code: 22 }, false],
    ["Node's ENOSPC", Object.assign(new Error('no space'), { code: 'ENOSPC' }), false],
    ['a string', 'QuotaExceededError', false],
    ['null', null, false],
    ['undefined', undefined, false],
  ])('%s → %s', (_, error, expected) => {
    expect(isQuotaError(error)).toBe(expected);
  });

  it('does not loop on a cause cycle', () => {
    const a: { name: string; cause?: unknown } = { name: 'Error' };
    a.cause = a;
    expect(isQuotaError(a)).toBe(false);
  });
});

describe('toStorageError', () => {
  it.each([
    ['a quota error', quota(), 'quota'],
    [
      'a closed connection',
      new DOMException('The database connection is closing.', 'InvalidStateError'),
      'unavailable',
    ],
    ['anything else', new TypeError('odd'), 'failed'],
    ['a non-error', 'odd', 'failed'],
  ])('maps %s to %s', (_, error, kind) => {
    const mapped = toStorageError(error);
    expect(mapped).toBeInstanceOf(StorageError);
    expect(mapped.kind).toBe(kind);
    expect(mapped.cause).toBe(error);
  });

  it('gives a quota error the one message, whatever the engine called it', () => {
    expect(toStorageError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' }).message).toBe(QUOTA_MESSAGE);
  });

  it('passes a StorageError through', () => {
    const error = new StorageError('not-found', 'gone');
    expect(toStorageError(error)).toBe(error);
  });
});

describe('a full disk', () => {
  function fillDisk(error: () => unknown = quota) {
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw error();
    });
  }

  it.each([
    ['QuotaExceededError', quota],
    [
      'NS_ERROR_DOM_QUOTA_REACHED',
      () => Object.assign(new Error('full'), { name: 'NS_ERROR_DOM_QUOTA_REACHED' }),
    ],
  ])('saveSession reports %s as quota and writes nothing', async (_, error) => {
    const storage = freshStorage();
    const first = await saveSession(storage, { name: 'A', config: defaultConfig() });
    const before = await listSessions(storage);
    fillDisk(error);
    const failure = await saveSession(storage, { name: 'B', config: defaultConfig() }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as StorageError).kind).toBe('quota');
    await expect(renameSession(storage, { id: first.id, name: 'C' })).rejects.toMatchObject({
      kind: 'quota',
    });
    vi.restoreAllMocks();
    expect(await listSessions(storage)).toEqual(before);
    storage.close();
  });

  it('an import that runs out of space half way writes none of the file', async () => {
    const storage = freshStorage();
    await saveSession(storage, { name: 'A', config: defaultConfig() });
    const before = await listSessions(storage);
    const file = JSON.stringify({
      format: 'alvh-sessions',
      version: 1,
      sessions: [1, 2, 3].map((n) => ({ name: `S${n}`, config: defaultConfig(), summary: null })),
    });
    // The first two puts succeed, the third finds the disk full.
    const put = IDBObjectStore.prototype.put;
    let calls = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args
    ) {
      if (++calls === 3) throw quota();
      return put.apply(this, args);
    });
    await expect(importSessions(storage, file)).rejects.toMatchObject({ kind: 'quota' });
    vi.restoreAllMocks();
    expect(await listSessions(storage)).toEqual(before);
    storage.close();
  });
});
