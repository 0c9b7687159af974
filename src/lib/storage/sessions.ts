/**
 * The sessions repository: small functions that hide transactions (idb README "TypeScript"
 * pattern). A session is {id, name, config, summary, createdAt, updatedAt, schemaVersion}.
 *
 * In: the name, config and summary are validated before anything is written (the engine's
 * `validateConfig`, `summarySchema`), and what is stored is the validators' fresh plain output.
 * Out: every record read back is validated again; one that fails is listed as
 * `{ status: 'damaged', id, reason, raw }` — never thrown — so the list always renders and the
 * damaged record can still be exported (`damagedRecordText`) or deleted.
 *
 * Names are kept unique: a save, rename, duplicate, restore or import whose name is taken gets
 * the lowest free " (n)" suffix ("Calm test (2)"), decided inside the write transaction so two
 * tabs cannot both take a name. Tested in tests/unit/lib/storage/sessions.test.ts against
 * fake-indexeddb and the memory store.
 */
import * as v from 'valibot';
import { formatConfigError, validateConfig, type SimulationConfig } from '../../engine/index.ts';
import type { StoredEntry } from './backend.ts';
import type { AlvhStorage } from './database.ts';
import { StorageError } from './errors.ts';
import {
  migrateRecord,
  SESSION_RECORD_MIGRATIONS,
  SESSION_SCHEMA_VERSION,
  type SessionRecord,
} from './schema.ts';
import { checkSummary, type SessionSummary } from './summary.ts';
import {
  configErrorLine,
  issueLines,
  joinProblems,
  jsonOfAnything,
  MAX_NAME_LENGTH,
  nameSchema,
  timestampSchema,
} from './validation.ts';

/** A session as listed: readable, or damaged with the reason and the raw stored value. */
export type SessionEntry =
  | { status: 'ok'; session: SessionRecord }
  | { status: 'damaged'; id: string; reason: string; raw: unknown };

export type DamagedSession = Extract<SessionEntry, { status: 'damaged' }>;

/** What `deleteSession` removed, for `restoreSession` (undo). */
export interface DeletedSession {
  id: string;
  key: IDBValidKey;
  raw: unknown;
}

const envelopeSchema = v.object({
  id: v.pipe(v.string('must be text'), v.minLength(1, 'must not be empty')),
  name: nameSchema,
  config: v.unknown(),
  summary: v.optional(v.unknown(), null),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  schemaVersion: v.number(),
});

function isRecordObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Validates one stored value under its key: migrates its record version, checks the envelope,
 * the config (`validateConfig`, which also migrates old config versions) and the summary. Pure;
 * never throws, whatever `raw` is.
 */
export function readSessionRecord(key: IDBValidKey, raw: unknown): SessionEntry {
  const id = typeof key === 'string' ? key : String(key);
  const damaged = (reason: string): SessionEntry => ({ status: 'damaged', id, reason, raw });
  try {
    if (!isRecordObject(raw)) return damaged('the stored record is not an object');
    const migrated = migrateRecord(raw, SESSION_RECORD_MIGRATIONS);
    if (!migrated.ok) return damaged(migrated.reason);
    const envelope = v.safeParse(envelopeSchema, migrated.value);
    if (!envelope.success) return damaged(joinProblems(issueLines(envelope.issues)));
    const record = envelope.output;
    if (record.id !== id) return damaged(`its id '${record.id}' does not match its key '${id}'`);
    const config = validateConfig(record.config);
    if (!config.ok) {
      return damaged(joinProblems(config.errors.map((e) => configErrorLine(e))));
    }
    const summary = checkSummary(record.summary);
    if (!summary.ok) return damaged(joinProblems(summary.problems));
    return {
      status: 'ok',
      session: {
        id,
        name: record.name,
        config: config.config,
        summary: summary.summary,
        createdAt: record.createdAt,
        updatedAt: record.updatedAt,
        schemaVersion: SESSION_SCHEMA_VERSION,
      },
    };
  } catch (error) {
    // Validators do not throw on data, but a hostile getter in a structured clone could.
    return damaged(`it could not be read (${String(error)})`);
  }
}

/** The name, config and summary of a session, validated (StorageError 'invalid' naming the field). */
export function checkSessionInput(input: { name: unknown; config: unknown; summary?: unknown }): {
  name: string;
  config: SimulationConfig;
  summary: SessionSummary | null;
} {
  const name = v.safeParse(nameSchema, input.name);
  if (!name.success) {
    throw new StorageError('invalid', `Session name ${name.issues[0].message}.`);
  }
  const config = validateConfig(input.config);
  if (!config.ok) {
    throw new StorageError(
      'invalid',
      `The settings are not valid: ${joinProblems(config.errors.map(formatConfigError))}.`,
    );
  }
  const summary = checkSummary(input.summary);
  if (!summary.ok) {
    throw new StorageError(
      'invalid',
      `The run summary is not valid: ${joinProblems(summary.problems)}.`,
    );
  }
  return { name: name.output, config: config.config, summary: summary.summary };
}

/** Drops a lone high surrogate left at the end by cutting a string. */
function cutTo(text: string, length: number): string {
  let cut = text.slice(0, Math.max(0, length));
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut.trimEnd();
}

/**
 * `name` if free, else the lowest free "base (n)", n ≥ 2, where base is `name` without a " (n)"
 * suffix ("A (2)" taken → "A (3)"), cut so the result stays within MAX_NAME_LENGTH.
 */
export function uniqueName(name: string, taken: Iterable<string>): string {
  const names = new Set(taken);
  if (!names.has(name)) return name;
  const base = name.replace(/ \(\d+\)$/, '');
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = cutTo(base, MAX_NAME_LENGTH - suffix.length) + suffix;
    if (!names.has(candidate)) return candidate;
  }
}

/** Names of the stored sessions, damaged ones included when they have one. */
export function takenNames(entries: readonly StoredEntry[], exceptKey?: IDBValidKey): string[] {
  const names: string[] = [];
  for (const entry of entries) {
    if (exceptKey !== undefined && String(entry.key) === String(exceptKey)) continue;
    const name = isRecordObject(entry.value) ? entry.value.name : undefined;
    if (typeof name === 'string') names.push(name.trim());
  }
  return names;
}

function findEntry(entries: readonly StoredEntry[], id: string): StoredEntry | undefined {
  return entries.find((entry) => String(entry.key) === id);
}

function requireOk(entries: readonly StoredEntry[], id: string): SessionRecord {
  const entry = findEntry(entries, id);
  if (!entry)
    throw new StorageError('not-found', 'That session no longer exists (deleted in another tab?).');
  const read = readSessionRecord(entry.key, entry.value);
  if (read.status === 'damaged') {
    throw new StorageError('damaged', `That session is damaged: ${read.reason}.`);
  }
  return read.session;
}

/** Listing order: most recently updated first, then by name; damaged records last, by id. */
function compareEntries(a: SessionEntry, b: SessionEntry): number {
  if (a.status !== b.status) return a.status === 'ok' ? -1 : 1;
  if (a.status === 'ok' && b.status === 'ok') {
    return (
      b.session.updatedAt - a.session.updatedAt || a.session.name.localeCompare(b.session.name)
    );
  }
  const ia = a.status === 'damaged' ? a.id : '';
  const ib = b.status === 'damaged' ? b.id : '';
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

/** Options of `saveSession`. */
export interface SaveSessionOptions {
  name: string;
  /** A plain config ($state.snapshot it first); validated here. */
  config: SimulationConfig;
  /** `summarizeResult(result)` of a run of this config, or null. */
  summary?: SessionSummary | null;
  /** Save over this session (keeps its createdAt); absent: a new session. */
  id?: string;
}

/**
 * Saves a session: a new one, or over `id` (recreated if another tab deleted it). The name is
 * made unique among the others. Throws StorageError: 'invalid' (naming the field), 'quota', ….
 */
export async function saveSession(
  storage: AlvhStorage,
  options: SaveSessionOptions,
): Promise<SessionRecord> {
  const input = checkSessionInput(options);
  const backend = await storage.backend();
  const now = storage.now();
  return backend.writeSessions((entries) => {
    const existing = options.id === undefined ? undefined : findEntry(entries, options.id);
    const read = existing ? readSessionRecord(existing.key, existing.value) : undefined;
    const id = options.id ?? storage.newId();
    const record: SessionRecord = {
      id,
      name: uniqueName(input.name, takenNames(entries, existing?.key)),
      config: input.config,
      summary: input.summary,
      createdAt: read?.status === 'ok' ? read.session.createdAt : now,
      updatedAt: now,
      schemaVersion: SESSION_SCHEMA_VERSION,
    };
    return {
      put: [record],
      delete: existing && existing.key !== id ? [existing.key] : [],
      result: record,
    };
  });
}

/** Every stored session, readable or damaged (see compareEntries for the order). Never throws on bad records. */
export async function listSessions(storage: AlvhStorage): Promise<SessionEntry[]> {
  const backend = await storage.backend();
  const entries = await backend.readSessions();
  return entries.map((entry) => readSessionRecord(entry.key, entry.value)).sort(compareEntries);
}

/** One session, readable or damaged; null if there is none with that id. */
export async function getSession(storage: AlvhStorage, id: string): Promise<SessionEntry | null> {
  const backend = await storage.backend();
  const entry = await backend.readSession(id);
  return entry ? readSessionRecord(entry.key, entry.value) : null;
}

/** Renames a session (name made unique among the others); throws 'not-found', 'damaged', 'invalid'. */
export async function renameSession(
  storage: AlvhStorage,
  options: { id: string; name: string },
): Promise<SessionRecord> {
  const name = v.safeParse(nameSchema, options.name);
  if (!name.success) throw new StorageError('invalid', `Session name ${name.issues[0].message}.`);
  const backend = await storage.backend();
  const now = storage.now();
  return backend.writeSessions((entries) => {
    const session = requireOk(entries, options.id);
    const renamed: SessionRecord = {
      ...session,
      name: uniqueName(name.output, takenNames(entries, session.id)),
      updatedAt: now,
    };
    return { put: [renamed], result: renamed };
  });
}

/**
 * Copies a session under a new id, named `name` or the source's name, made unique ("A" → "A (2)").
 * Throws 'not-found', 'damaged', 'invalid'.
 */
export async function duplicateSession(
  storage: AlvhStorage,
  options: { id: string; name?: string },
): Promise<SessionRecord> {
  let wanted: string | undefined;
  if (options.name !== undefined) {
    const name = v.safeParse(nameSchema, options.name);
    if (!name.success) throw new StorageError('invalid', `Session name ${name.issues[0].message}.`);
    wanted = name.output;
  }
  const backend = await storage.backend();
  const now = storage.now();
  const id = storage.newId();
  return backend.writeSessions((entries) => {
    const source = requireOk(entries, options.id);
    const copy: SessionRecord = {
      ...structuredClone(source),
      id,
      name: uniqueName(wanted ?? source.name, takenNames(entries)),
      createdAt: now,
      updatedAt: now,
    };
    return { put: [copy], result: copy };
  });
}

/**
 * Deletes a session, readable or damaged; returns what `restoreSession` needs to undo it, or null
 * if there was none.
 */
export async function deleteSession(
  storage: AlvhStorage,
  id: string,
): Promise<DeletedSession | null> {
  const backend = await storage.backend();
  return backend.writeSessions((entries) => {
    const entry = findEntry(entries, id);
    if (!entry) return { result: null };
    return { delete: [entry.key], result: { id, key: entry.key, raw: entry.value } };
  });
}

/**
 * Puts a deleted session back (undo), as it was stored — a damaged record stays damaged — except
 * that a readable one is renamed if its name was taken meanwhile. Returns the entry as listed.
 */
export async function restoreSession(
  storage: AlvhStorage,
  deleted: DeletedSession,
): Promise<SessionEntry> {
  const backend = await storage.backend();
  return backend.writeSessions<SessionEntry>((entries) => {
    const read = readSessionRecord(deleted.key, deleted.raw);
    if (read.status === 'damaged') return { put: [deleted.raw], result: read };
    const others = takenNames(entries, deleted.key);
    const session = { ...read.session, name: uniqueName(read.session.name, others) };
    return { put: [session], result: { status: 'ok', session } };
  });
}

/**
 * A damaged record as JSON text, for the user to keep or attach to a bug report: never throws,
 * whatever the raw value holds (see `jsonOfAnything`).
 */
export function damagedRecordText(entry: DamagedSession): string {
  return jsonOfAnything({
    format: 'alvh-damaged-session',
    id: entry.id,
    reason: entry.reason,
    raw: entry.raw,
  });
}
