/**
 * Schema migrations: for every database version in DB_FIXTURES, a database is built by hand with
 * raw IndexedDB exactly as that version left it, then opened with the current code; every record
 * must come through (readable ones intact, damaged ones still listed as damaged), and the layout
 * must be the current one. When DB_VERSION becomes 2, a v2 fixture slots in beside v1 and the
 * v1 fixture then exercises the `oldVersion < 2` block. Record-level migrations are checked
 * through `migrateRecord`.
 */
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../../src/engine/index.ts';
import { createStorage } from '../../../../src/lib/storage/database.ts';
import { loadDraft, loadPreviousDraft } from '../../../../src/lib/storage/draft.ts';
import {
  DB_NAME,
  DB_VERSION,
  migrateRecord,
  SESSION_SCHEMA_VERSION,
} from '../../../../src/lib/storage/schema.ts';
import { getSession, listSessions } from '../../../../src/lib/storage/sessions.ts';
import { CONFIG_V1, DB_FIXTURES, SUMMARY_V1, type DbFixture } from './fixtures.ts';
import { done, openRaw } from './helpers.ts';

/** Builds the fixture's database with raw IndexedDB (not the current upgrade code). */
async function buildRaw(factory: IDBFactory, fixture: DbFixture): Promise<void> {
  const db = await openRaw(factory, DB_NAME, fixture.version, (raw) => {
    for (const store of fixture.stores) {
      raw.createObjectStore(store.name, store.keyPath ? { keyPath: store.keyPath } : undefined);
    }
  });
  const tx = db.transaction(
    fixture.stores.map((s) => s.name),
    'readwrite',
  );
  for (const record of fixture.records) {
    const store = tx.objectStore(record.store);
    if (record.key === undefined) store.put(record.value);
    else store.put(record.value, record.key);
  }
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

it('the fixtures cover every database version up to the current one', () => {
  const versions = DB_FIXTURES.map((f) => f.version);
  expect(versions).toEqual(Array.from({ length: DB_VERSION }, (_, i) => i + 1));
});

describe.each(DB_FIXTURES)('a database of version $version', (fixture) => {
  it('opens with the current code, in IndexedDB, at the current layout', async () => {
    const factory = new IDBFactory();
    await buildRaw(factory, fixture);
    const storage = createStorage({ indexedDB: factory });
    expect((await storage.backend()).mode).toBe('indexeddb');
    storage.close();
    const raw = await openRaw(factory, DB_NAME, DB_VERSION);
    expect(Array.from(raw.objectStoreNames).sort()).toEqual(['drafts', 'sessions']);
    raw.close();
  });

  it('keeps every session: readable ones intact, damaged ones listed as damaged', async () => {
    const factory = new IDBFactory();
    await buildRaw(factory, fixture);
    const storage = createStorage({ indexedDB: factory });
    const listed = await listSessions(storage);
    expect(listed).toHaveLength(fixture.readable.length + fixture.damaged.length);
    for (const expected of fixture.readable) {
      const entry = listed.find((e) => e.status === 'ok' && e.session.id === expected.id);
      expect(entry, expected.name).toBeDefined();
      expect(entry?.status === 'ok' && entry.session).toMatchObject({
        name: expected.name,
        config: { seed: expected.seed },
        schemaVersion: SESSION_SCHEMA_VERSION,
      });
    }
    for (const expected of fixture.damaged) {
      const entry = listed.find((e) => e.status === 'damaged' && e.id === expected.id);
      expect(entry?.status === 'damaged' && entry.reason).toContain(expected.reasonIncludes);
    }
    storage.close();
  });

  it('keeps the working draft and the previous one', async () => {
    const factory = new IDBFactory();
    await buildRaw(factory, fixture);
    const storage = createStorage({ indexedDB: factory });
    expect(await loadDraft(storage)).toMatchObject({
      status: fixture.draft.status,
      config: { seed: fixture.draft.seed },
    });
    expect(await loadPreviousDraft(storage)).toMatchObject({
      config: { seed: fixture.previousDraftSeed },
    });
    storage.close();
  });

  it('leaves the raw records in place (the upgrade drops nothing)', async () => {
    const factory = new IDBFactory();
    await buildRaw(factory, fixture);
    await createStorage({ indexedDB: factory }).backend();
    const raw = await openRaw(factory, DB_NAME, DB_VERSION);
    const tx = raw.transaction(['sessions', 'drafts']);
    const sessions = await done(tx.objectStore('sessions').count());
    const drafts = await done(tx.objectStore('drafts').count());
    expect(sessions + drafts).toBe(fixture.records.length);
    raw.close();
  });
});

it('the v1 session with a summary reads back field for field', async () => {
  const factory = new IDBFactory();
  await buildRaw(factory, DB_FIXTURES[0]);
  const storage = createStorage({ indexedDB: factory });
  const entry = await getSession(storage, DB_FIXTURES[0].readable[0].id);
  expect(entry).toEqual({
    status: 'ok',
    session: {
      id: DB_FIXTURES[0].readable[0].id,
      name: 'Crash <b>test</b> & co',
      config: (validateConfig(CONFIG_V1) as { config: unknown }).config,
      summary: SUMMARY_V1,
      createdAt: 1767225600000,
      updatedAt: 1767229200000,
      schemaVersion: 1,
    },
  });
  storage.close();
});

describe('migrateRecord', () => {
  it('passes a record of the current version through unchanged', () => {
    const record = { schemaVersion: SESSION_SCHEMA_VERSION, name: 'A' };
    const never = { from: 0, migrate: () => ({ broken: true }) };
    expect(migrateRecord(record, [never])).toEqual({ ok: true, value: record });
  });

  it.each([
    ['a newer record', { schemaVersion: SESSION_SCHEMA_VERSION + 1 }, 'newer version'],
    ['no schemaVersion', {}, 'schemaVersion must be a whole number'],
    ['a fractional schemaVersion', { schemaVersion: 0.5 }, 'schemaVersion must be a whole number'],
    ['schemaVersion 0', { schemaVersion: 0 }, 'schemaVersion must be a whole number'],
  ])('refuses %s with a reason', (_, record, reason) => {
    const outcome = migrateRecord(record, []);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.reason).toContain(reason);
  });
});
