/**
 * Autosave of the working draft: the config on screen, saved on every change (the caller
 * debounces, e.g. 500 ms, and flushes on `pagehide`), so a reload or a crash restores exactly what
 * was on screen — even out-of-range values the user was still fixing, which is why a draft is
 * checked for shape and plain data, not for ranges, and comes back with its validation.
 *
 * A share link replaces the draft (`replaceDraft`); the replaced one is kept as the previous
 * draft, for "Restore previous draft". Opening the same link again (a reload with the hash still
 * there) changes nothing, so it cannot push the real previous draft out.
 *
 * Never lost: if a write to IndexedDB fails (quota, a closed connection), the draft goes to the
 * storage's memory store and `loadDraft` returns whichever copy is newer. One slot per origin:
 * two tabs editing share it, and the last save wins (sessions are per record and do not clash).
 */
import * as v from 'valibot';
import { validateConfig, type ConfigError, type SimulationConfig } from '../../engine/index.ts';
import type { DraftWrites, StorageBackend, StorageMode, StoredDrafts } from './backend.ts';
import type { AlvhStorage } from './database.ts';
import { StorageError, toStorageError } from './errors.ts';
import {
  DRAFT_RECORD_MIGRATIONS,
  migrateRecord,
  SESSION_SCHEMA_VERSION,
  type DraftRecord,
} from './schema.ts';
import { isPlainData, samePlainData, timestampSchema } from './validation.ts';

/** A draft as loaded. `invalid`: the shape of a config with out-of-range values (as on screen). */
export type LoadedDraft =
  | { status: 'valid'; config: SimulationConfig; savedAt: number }
  | { status: 'invalid'; config: SimulationConfig; errors: ConfigError[]; savedAt: number }
  | { status: 'damaged'; reason: string; raw: unknown };

/** Where a draft save went; `error` says why it is not in IndexedDB when it should be. */
export interface DraftSaveResult {
  where: StorageMode;
  error: StorageError | null;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * True if `x` has the skeleton of a config — plain data with `market`, `condor` and `costs`
 * objects and `layers` and `shocks` lists — so a form can show it with its errors without
 * crashing on a missing branch.
 */
export function hasConfigShape(x: unknown): boolean {
  return (
    isObject(x) &&
    isPlainData(x) &&
    isObject(x.market) &&
    isObject(x.condor) &&
    isObject(x.costs) &&
    Array.isArray(x.layers) &&
    Array.isArray(x.shocks)
  );
}

/** Validates a stored draft. Pure; never throws. */
export function readDraftRecord(raw: unknown): LoadedDraft | null {
  if (raw === undefined) return null;
  const damaged = (reason: string): LoadedDraft => ({ status: 'damaged', reason, raw });
  if (!isObject(raw)) return damaged('the stored draft is not an object');
  const migrated = migrateRecord(raw, DRAFT_RECORD_MIGRATIONS);
  if (!migrated.ok) return damaged(migrated.reason);
  const savedAt = v.safeParse(timestampSchema, migrated.value.savedAt);
  if (!savedAt.success) return damaged(`savedAt: ${savedAt.issues[0].message}`);
  const config = migrated.value.config;
  if (!hasConfigShape(config)) return damaged('its config is not a config');
  const checked = validateConfig(config);
  return checked.ok
    ? { status: 'valid', config: checked.config, savedAt: savedAt.output }
    : {
        status: 'invalid',
        config: config as SimulationConfig,
        errors: checked.errors,
        savedAt: savedAt.output,
      };
}

function draftRecord(storage: AlvhStorage, config: unknown): DraftRecord {
  if (!hasConfigShape(config)) {
    throw new StorageError(
      'invalid',
      'A draft must be a plain config ($state.snapshot it): finite numbers, text, lists and objects only.',
    );
  }
  return {
    config: structuredClone(config),
    savedAt: storage.now(),
    schemaVersion: SESSION_SCHEMA_VERSION,
  };
}

/** Runs a draft write on the current back end, or on the memory store if that fails. */
async function writeDraftsSafely(
  storage: AlvhStorage,
  plan: (drafts: StoredDrafts) => DraftWrites,
): Promise<DraftSaveResult> {
  const backend = await storage.backend();
  try {
    await backend.writeDrafts(plan);
    return { where: backend.mode, error: null };
  } catch (error) {
    if (backend === storage.memory) throw toStorageError(error);
    await storage.memory.writeDrafts(plan);
    return { where: 'memory', error: toStorageError(error) };
  }
}

async function readDraftsSafely(backend: StorageBackend): Promise<StoredDrafts> {
  try {
    return await backend.readDrafts();
  } catch {
    return { current: undefined, previous: undefined };
  }
}

const savedAtOf = (draft: LoadedDraft | null): number =>
  draft && draft.status !== 'damaged' ? draft.savedAt : -Infinity;

/** The newer of a slot's copies in the back end and in memory (memory holds failed writes). */
async function loadSlot(
  storage: AlvhStorage,
  slot: 'current' | 'previous',
): Promise<LoadedDraft | null> {
  const backend = await storage.backend();
  const stored = readDraftRecord((await readDraftsSafely(backend))[slot]);
  if (backend === storage.memory) return stored;
  const inMemory = readDraftRecord((await readDraftsSafely(storage.memory))[slot]);
  return inMemory && savedAtOf(inMemory) > savedAtOf(stored) ? inMemory : stored;
}

/**
 * Saves the working draft (the caller debounces). `config` is plain data in a config's shape; out
 * of range is fine. Falls back to memory if IndexedDB refuses (the result says so); throws
 * StorageError 'invalid' only for data that is not a plain config.
 */
export async function saveDraft(
  storage: AlvhStorage,
  config: SimulationConfig,
): Promise<DraftSaveResult> {
  const record = draftRecord(storage, config);
  return writeDraftsSafely(storage, () => ({ current: record }));
}

/** The working draft to restore on load, or null if none was saved. Never throws. */
export async function loadDraft(storage: AlvhStorage): Promise<LoadedDraft | null> {
  try {
    return await loadSlot(storage, 'current');
  } catch {
    return null;
  }
}

/** The draft a share link replaced, or null. Never throws. */
export async function loadPreviousDraft(storage: AlvhStorage): Promise<LoadedDraft | null> {
  try {
    return await loadSlot(storage, 'previous');
  } catch {
    return null;
  }
}

/**
 * Makes `config` (from a share link) the working draft and keeps the replaced draft as the
 * previous one. If the working draft already equals `config` (the same link opened twice),
 * nothing changes and `replaced` is false.
 */
export async function replaceDraft(
  storage: AlvhStorage,
  config: SimulationConfig,
): Promise<DraftSaveResult & { replaced: boolean }> {
  const record = draftRecord(storage, config);
  let replaced = false;
  const result = await writeDraftsSafely(storage, (drafts) => {
    const current = isObject(drafts.current) ? drafts.current.config : undefined;
    if (current !== undefined && samePlainData(current, record.config)) {
      replaced = false;
      return {};
    }
    replaced = drafts.current !== undefined;
    return replaced
      ? { current: record, previous: drafts.current as DraftRecord }
      : { current: record };
  });
  return { ...result, replaced };
}

/**
 * "Restore previous draft": swaps the two slots (so the link's config can be brought back the
 * same way) and returns the restored draft, or null if there was no previous draft.
 */
export async function restorePreviousDraft(storage: AlvhStorage): Promise<LoadedDraft | null> {
  const now = storage.now();
  let restored: unknown;
  await writeDraftsSafely(storage, (drafts) => {
    restored = undefined;
    if (drafts.previous === undefined) return {};
    // Restored now: it is the newest working draft, whatever copy memory still holds.
    restored = isObject(drafts.previous) ? { ...drafts.previous, savedAt: now } : drafts.previous;
    return {
      current: restored as DraftRecord,
      previous: (drafts.current as DraftRecord | undefined) ?? null,
    };
  });
  return readDraftRecord(restored);
}

/** Forgets the previous draft (the user dismissed the offer to restore it). */
export async function discardPreviousDraft(storage: AlvhStorage): Promise<void> {
  await writeDraftsSafely(storage, () => ({ previous: null }));
}
