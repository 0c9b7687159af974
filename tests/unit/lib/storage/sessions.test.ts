/**
 * The sessions repository (src/lib/storage/sessions.ts), each behaviour on both back ends:
 * IndexedDB (fake-indexeddb, one factory per test) and the in-memory fallback.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig, strategyPreset, validateConfig } from '../../../../src/engine/index.ts';
import { createStorage } from '../../../../src/lib/storage/database.ts';
import { StorageError } from '../../../../src/lib/storage/errors.ts';
import {
  damagedRecordText,
  deleteSession,
  duplicateSession,
  getSession,
  listSessions,
  readSessionRecord,
  renameSession,
  restoreSession,
  saveSession,
  uniqueName,
  type SessionEntry,
} from '../../../../src/lib/storage/sessions.ts';
import { DEFAULT_CONFIG_V1, SUMMARY_V1 } from './fixtures.ts';
import { BACKENDS, freshStorage, putRaw, sequentialIds, T0 } from './helpers.ts';

const okSessions = (entries: SessionEntry[]) =>
  entries.flatMap((e) => (e.status === 'ok' ? [e.session] : []));
const names = async (storage: Parameters<typeof listSessions>[0]) =>
  okSessions(await listSessions(storage)).map((s) => s.name);

async function expectStorageError(promise: Promise<unknown>, kind: string, text?: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StorageError);
  expect((error as StorageError).kind).toBe(kind);
  if (text) expect((error as StorageError).message).toContain(text);
}

describe('uniqueName', () => {
  it.each([
    ['Calm', [], 'Calm'],
    ['Calm', ['Calm'], 'Calm (2)'],
    ['Calm', ['Calm', 'Calm (2)'], 'Calm (3)'],
    ['Calm (2)', ['Calm', 'Calm (2)'], 'Calm (3)'],
    ['Calm (2)', ['Calm'], 'Calm (2)'],
    ['A (x)', ['A (x)'], 'A (x) (2)'],
  ])('%s among %j is %s', (name, taken, expected) => {
    expect(uniqueName(name, taken)).toBe(expected);
  });

  it('cuts a long name so the suffix fits in 100 characters', () => {
    const long = 'x'.repeat(100);
    const result = uniqueName(long, [long]);
    expect(result).toBe(`${'x'.repeat(96)} (2)`);
    expect(result.length).toBe(100);
  });

  it('does not leave half a surrogate pair when cutting', () => {
    const long = `${'x'.repeat(95)}😀😀😀`; // 101 UTF-16 units; the cut falls inside an emoji
    const result = uniqueName(long, [long]);
    expect(result).toBe(`${'x'.repeat(95)} (2)`);
  });
});

describe.each(BACKENDS)('sessions repository on %s', (backend) => {
  const config = () => strategyPreset('alvh-example');

  it('saveSession stores a record with its fields and lists it', async () => {
    const storage = freshStorage(backend);
    const saved = await saveSession(storage, {
      name: 'Calm test',
      config: config(),
      summary: SUMMARY_V1,
    });
    expect(saved).toEqual({
      id: 'id-1',
      name: 'Calm test',
      config: config(),
      summary: SUMMARY_V1,
      createdAt: T0,
      updatedAt: T0,
      schemaVersion: 1,
    });
    expect(await listSessions(storage)).toEqual([{ status: 'ok', session: saved }]);
  });

  it('saveSession stores a copy: changing the input afterwards changes nothing', async () => {
    const storage = freshStorage(backend);
    const input = config();
    const saved = await saveSession(storage, { name: 'A', config: input });
    input.market.rho = 0.5;
    input.layers.pop();
    const entry = await getSession(storage, saved.id);
    expect(entry).toEqual({ status: 'ok', session: { ...saved, config: config() } });
  });

  it('saveSession trims the name and keeps user text as given (no HTML handling here)', async () => {
    const storage = freshStorage(backend);
    const saved = await saveSession(storage, {
      name: '  Crash <b>test</b> & co  ',
      config: config(),
    });
    expect(saved.name).toBe('Crash <b>test</b> & co');
  });

  it.each([
    ['an empty name', { name: '   ' }, 'invalid', 'must not be empty'],
    ['a name over 100 characters', { name: 'x'.repeat(101) }, 'invalid', 'at most 100'],
    [
      'an out-of-range config',
      { config: { ...defaultConfig(), market: { ...defaultConfig().market, rho: 2 } } },
      'invalid',
      'market.rho: must be between -1 and 1',
    ],
    [
      'a summary with a negative standard error',
      {
        summary: {
          ...SUMMARY_V1,
          hedged: { ...SUMMARY_V1.hedged, mean: { estimate: 1, stdErr: -1 } },
        },
      },
      'invalid',
      'summary.hedged.mean.stdErr',
    ],
    [
      'a summary with NaN',
      { summary: { ...SUMMARY_V1, capital: Number.NaN } },
      'invalid',
      'summary.capital',
    ],
  ])('saveSession refuses %s, naming it, and writes nothing', async (_, change, kind, text) => {
    const storage = freshStorage(backend);
    const options = { name: 'A', config: config(), summary: null, ...change };
    await expectStorageError(saveSession(storage, options as never), kind, text);
    expect(await listSessions(storage)).toEqual([]);
  });

  it('saveSession gives a taken name the lowest free " (n)" suffix', async () => {
    const storage = freshStorage(backend);
    for (let i = 0; i < 3; i++) await saveSession(storage, { name: 'Calm', config: config() });
    expect((await names(storage)).sort()).toEqual(['Calm', 'Calm (2)', 'Calm (3)']);
  });

  it('saveSession with an id saves over that session, keeping createdAt and its own name', async () => {
    const storage = freshStorage(backend);
    const first = await saveSession(storage, { name: 'Calm', config: config() });
    const changed = { ...config(), seed: 42 };
    const again = await saveSession(storage, {
      id: first.id,
      name: 'Calm',
      config: changed,
      summary: SUMMARY_V1,
    });
    expect(again).toEqual({ ...first, config: changed, summary: SUMMARY_V1, updatedAt: T0 + 1000 });
    expect(await listSessions(storage)).toEqual([{ status: 'ok', session: again }]);
  });

  it('saveSession with the id of a session deleted meanwhile recreates it', async () => {
    const storage = freshStorage(backend);
    const first = await saveSession(storage, { name: 'Calm', config: config() });
    await deleteSession(storage, first.id);
    const again = await saveSession(storage, { id: first.id, name: 'Calm', config: config() });
    expect(again.id).toBe(first.id);
    expect(await names(storage)).toEqual(['Calm']);
  });

  it('listSessions lists the most recently updated first, damaged records last', async () => {
    const storage = freshStorage(backend);
    const a = await saveSession(storage, { name: 'A', config: config() });
    await saveSession(storage, { name: 'B', config: config() });
    await putRaw(storage, { id: 'broken', name: 'Broken' });
    await renameSession(storage, { id: a.id, name: 'A2' });
    const listed = await listSessions(storage);
    expect(listed.map((e) => (e.status === 'ok' ? e.session.name : `damaged:${e.id}`))).toEqual([
      'A2',
      'B',
      'damaged:broken',
    ]);
  });

  it('getSession returns the entry, or null for an unknown id', async () => {
    const storage = freshStorage(backend);
    const saved = await saveSession(storage, { name: 'A', config: config() });
    expect(await getSession(storage, saved.id)).toEqual({ status: 'ok', session: saved });
    expect(await getSession(storage, 'nope')).toBeNull();
  });

  it('renameSession changes the name and updatedAt only', async () => {
    const storage = freshStorage(backend);
    const saved = await saveSession(storage, { name: 'A', config: config(), summary: SUMMARY_V1 });
    const renamed = await renameSession(storage, { id: saved.id, name: ' Stress ' });
    expect(renamed).toEqual({ ...saved, name: 'Stress', updatedAt: T0 + 1000 });
    expect(await getSession(storage, saved.id)).toEqual({ status: 'ok', session: renamed });
  });

  it('renameSession to a taken name adds a suffix; to its own name keeps it', async () => {
    const storage = freshStorage(backend);
    await saveSession(storage, { name: 'A', config: config() });
    const b = await saveSession(storage, { name: 'B', config: config() });
    expect((await renameSession(storage, { id: b.id, name: 'A' })).name).toBe('A (2)');
    expect((await renameSession(storage, { id: b.id, name: 'A (2)' })).name).toBe('A (2)');
  });

  it('renameSession refuses an unknown id and an empty name', async () => {
    const storage = freshStorage(backend);
    const saved = await saveSession(storage, { name: 'A', config: config() });
    await expectStorageError(renameSession(storage, { id: 'nope', name: 'B' }), 'not-found');
    await expectStorageError(renameSession(storage, { id: saved.id, name: '' }), 'invalid');
    expect(await names(storage)).toEqual(['A']);
  });

  it('duplicateSession copies config and summary under a new id and a free name', async () => {
    const storage = freshStorage(backend);
    const saved = await saveSession(storage, { name: 'A', config: config(), summary: SUMMARY_V1 });
    const copy = await duplicateSession(storage, { id: saved.id });
    expect(copy).toEqual({
      ...saved,
      id: 'id-2',
      name: 'A (2)',
      createdAt: T0 + 1000,
      updatedAt: T0 + 1000,
    });
    const named = await duplicateSession(storage, { id: saved.id, name: 'Variant' });
    expect(named.name).toBe('Variant');
    expect((await listSessions(storage)).length).toBe(3);
  });

  it('duplicateSession refuses an unknown id', async () => {
    const storage = freshStorage(backend);
    await expectStorageError(duplicateSession(storage, { id: 'nope' }), 'not-found');
  });

  it('deleteSession removes a session and restoreSession (undo) puts it back unchanged', async () => {
    const storage = freshStorage(backend);
    const saved = await saveSession(storage, { name: 'A', config: config(), summary: SUMMARY_V1 });
    const other = await saveSession(storage, { name: 'B', config: config() });
    const deleted = await deleteSession(storage, saved.id);
    expect(deleted).not.toBeNull();
    expect(await getSession(storage, saved.id)).toBeNull();
    expect(await names(storage)).toEqual(['B']);
    expect(await restoreSession(storage, deleted!)).toEqual({ status: 'ok', session: saved });
    expect(await getSession(storage, saved.id)).toEqual({ status: 'ok', session: saved });
    expect(await getSession(storage, other.id)).toEqual({ status: 'ok', session: other });
  });

  it('deleteSession of an unknown id returns null and changes nothing', async () => {
    const storage = freshStorage(backend);
    await saveSession(storage, { name: 'A', config: config() });
    expect(await deleteSession(storage, 'nope')).toBeNull();
    expect(await names(storage)).toEqual(['A']);
  });

  it('restoreSession renames the restored session if its name was taken meanwhile', async () => {
    const storage = freshStorage(backend);
    const saved = await saveSession(storage, { name: 'A', config: config() });
    const deleted = await deleteSession(storage, saved.id);
    await saveSession(storage, { name: 'A', config: config() });
    const restored = await restoreSession(storage, deleted!);
    expect(restored.status === 'ok' && restored.session.name).toBe('A (2)');
  });

  it('reads an old-version config in a record through the config migrations', async () => {
    const storage = freshStorage(backend);
    await putRaw(storage, {
      id: 'old',
      name: 'Old',
      config: DEFAULT_CONFIG_V1,
      summary: null,
      createdAt: T0,
      updatedAt: T0,
      schemaVersion: 1,
    });
    const entry = await getSession(storage, 'old');
    expect(entry?.status).toBe('ok');
    expect(entry?.status === 'ok' && entry.session.config).toEqual(
      (validateConfig(DEFAULT_CONFIG_V1) as { config: unknown }).config,
    );
  });
});

describe.each(BACKENDS)('damaged records on %s', (backend) => {
  const good = {
    id: 'good',
    name: 'Good',
    config: DEFAULT_CONFIG_V1,
    summary: SUMMARY_V1,
    createdAt: T0,
    updatedAt: T0,
    schemaVersion: 1,
  };
  const cases: [string, Record<string, unknown>, string][] = [
    ['no name', { name: undefined }, 'name: is missing'],
    ['a number for a name', { name: 7 }, 'name: must be text'],
    ['an out-of-range config', { config: { ...DEFAULT_CONFIG_V1, seed: -1 } }, 'config.seed'],
    ['no config', { config: undefined }, 'config: config must be an object'],
    [
      'a config from a newer app',
      { config: { ...DEFAULT_CONFIG_V1, version: 99 } },
      'config.version',
    ],
    ['a record from a newer app', { schemaVersion: 2 }, 'newer version of the simulator'],
    ['no schemaVersion', { schemaVersion: undefined }, 'schemaVersion'],
    [
      'a negative standard error in the summary',
      {
        summary: {
          ...SUMMARY_V1,
          hedged: { ...SUMMARY_V1.hedged, mean: { estimate: 1, stdErr: -1 } },
        },
      },
      'summary.hedged.mean.stdErr',
    ],
    ['a text createdAt', { createdAt: '2026-01-01' }, 'createdAt'],
  ];

  it.each(cases)(
    'a record with %s is listed as damaged with its reason, beside the good ones',
    async (_, change, reason) => {
      const storage = freshStorage(backend);
      const raw = { ...good, id: 'bad', ...change };
      await putRaw(storage, good, raw);
      const listed = await listSessions(storage);
      expect(listed).toHaveLength(2);
      expect(listed[0].status).toBe('ok');
      const damaged = listed[1];
      expect(damaged).toMatchObject({ status: 'damaged', id: 'bad' });
      expect(damaged.status === 'damaged' && damaged.reason).toContain(reason);
      // undefined fields vanish in a structured clone, as they would in IndexedDB.
      expect(damaged.status === 'damaged' && damaged.raw).toEqual(structuredClone(raw));
    },
  );

  it('a damaged record can be read, exported as JSON and deleted, and restore keeps it damaged', async () => {
    const storage = freshStorage(backend);
    await putRaw(storage, { ...good, id: 'bad', config: { ...DEFAULT_CONFIG_V1, seed: -1 } });
    const entry = await getSession(storage, 'bad');
    expect(entry?.status).toBe('damaged');
    const text = damagedRecordText(entry as Extract<SessionEntry, { status: 'damaged' }>);
    expect(JSON.parse(text)).toMatchObject({
      format: 'alvh-damaged-session',
      id: 'bad',
      raw: { id: 'bad', config: { seed: -1 } },
    });
    const deleted = await deleteSession(storage, 'bad');
    expect(await listSessions(storage)).toEqual([]);
    expect((await restoreSession(storage, deleted!)).status).toBe('damaged');
    expect((await listSessions(storage))[0]).toMatchObject({ status: 'damaged', id: 'bad' });
  });

  it('rename and duplicate of a damaged record are refused with its reason', async () => {
    const storage = freshStorage(backend);
    await putRaw(storage, { ...good, id: 'bad', schemaVersion: 2 });
    await expectStorageError(renameSession(storage, { id: 'bad', name: 'X' }), 'damaged', 'newer');
    await expectStorageError(duplicateSession(storage, { id: 'bad' }), 'damaged', 'newer');
  });

  it('a damaged record keeps its name from being reused', async () => {
    const storage = freshStorage(backend);
    await putRaw(storage, { ...good, id: 'bad', name: 'Calm', schemaVersion: 2 });
    const saved = await saveSession(storage, { name: 'Calm', config: defaultConfig() });
    expect(saved.name).toBe('Calm (2)');
  });
});

describe('readSessionRecord', () => {
  it('never throws and reports anything that is not a record as damaged (fast-check)', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const entry = readSessionRecord('k', raw);
        expect(entry.status).toBe('damaged');
      }),
      { numRuns: 300 },
    );
  });

  it('reports a record whose getter throws as damaged', () => {
    const raw = {
      get id(): string {
        throw new Error('boom');
      },
    };
    const entry = readSessionRecord('k', raw);
    expect(entry).toMatchObject({ status: 'damaged', id: 'k' });
  });

  it('reports a record whose id differs from its key', () => {
    const raw = {
      id: 'a',
      name: 'A',
      config: DEFAULT_CONFIG_V1,
      createdAt: T0,
      updatedAt: T0,
      schemaVersion: 1,
    };
    expect(readSessionRecord('b', raw)).toMatchObject({
      status: 'damaged',
      reason: expect.stringContaining('does not match'),
    });
  });
});

describe('two tabs on one database', () => {
  it('saving at the same time with the same name loses nothing and takes no name twice', async () => {
    const factory = new IDBFactory();
    const tab = (prefix: string) =>
      createStorage({ indexedDB: factory, newId: sequentialIds(prefix) });
    const [a, b] = [tab('a'), tab('b')];
    const config = defaultConfig();
    await Promise.all(
      Array.from({ length: 10 }, () => [
        saveSession(a, { name: 'Same', config }),
        saveSession(b, { name: 'Same', config }),
      ]).flat(),
    );
    const listed = okSessions(await listSessions(a));
    expect(listed).toHaveLength(20);
    expect(new Set(listed.map((s) => s.name)).size).toBe(20);
    expect(okSessions(await listSessions(b))).toHaveLength(20);
    a.close();
    b.close();
  });
});
