/**
 * Export and import of sessions as one versioned JSON file:
 * `{ format: 'alvh-sessions', version: 1, exportedAt, sessions: [{ id, name, createdAt, updatedAt,
 * config, summary }] }` (times as ISO 8601 text, so the file reads well).
 *
 * Import is all or nothing: `parseSessionsFile` checks the WHOLE file first and returns every
 * problem, each naming where it is (`Session 3 ("Calm test"): config.market.rho: must be between
 * -1 and 1`); `importSessions` writes only a file with no problem, in one transaction, so a bad
 * file — or a full disk half way — leaves the stored sessions exactly as they were. Imported
 * sessions get new ids and, when a name is taken, the lowest free " (n)" suffix: importing the
 * same file twice keeps both copies. Tested as a table of bad files in
 * tests/unit/lib/storage/export-import.test.ts.
 */
import * as v from 'valibot';
import { validateConfig, type SimulationConfig } from '../../engine/index.ts';
import type { AlvhStorage } from './database.ts';
import { SESSION_SCHEMA_VERSION, type SessionRecord } from './schema.ts';
import { listSessions, takenNames, uniqueName, type DamagedSession } from './sessions.ts';
import { checkSummary, type SessionSummary } from './summary.ts';
import { configErrorLine, nameSchema, timestampSchema } from './validation.ts';

export const SESSIONS_FILE_FORMAT = 'alvh-sessions';
/** Current file version; older versions are migrated in `migrateSessionsFile`. */
export const SESSIONS_FILE_VERSION = 1;
/** Largest file read, characters (a session is ~3 kB: room for thousands). */
export const MAX_FILE_CHARS = 20_000_000;
/** Most sessions in one file. */
export const MAX_FILE_SESSIONS = 5000;
/** Most problems listed; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 50;

/** One session in the file. */
export interface ExportedSession {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  config: SimulationConfig;
  summary: SessionSummary | null;
}

export interface SessionsFile {
  format: typeof SESSIONS_FILE_FORMAT;
  version: number;
  exportedAt: string;
  sessions: ExportedSession[];
}

/** A session from a checked file, ready to store (times in ms; now if the file had none). */
export interface ImportedSession {
  name: string;
  config: SimulationConfig;
  summary: SessionSummary | null;
  createdAt: number | null;
  updatedAt: number | null;
}

export type SessionsFileCheck =
  { ok: true; sessions: ImportedSession[] } | { ok: false; problems: string[] };

/** The file text for `sessions` (pretty-printed; `exportedAt` in ms). Pure. */
export function serializeSessionsFile(options: {
  sessions: readonly SessionRecord[];
  exportedAt: number;
}): string {
  const file: SessionsFile = {
    format: SESSIONS_FILE_FORMAT,
    version: SESSIONS_FILE_VERSION,
    exportedAt: new Date(options.exportedAt).toISOString(),
    sessions: options.sessions.map((s) => ({
      id: s.id,
      name: s.name,
      createdAt: new Date(s.createdAt).toISOString(),
      updatedAt: new Date(s.updatedAt).toISOString(),
      config: s.config,
      summary: s.summary,
    })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** What `exportSessions` made: the file text and name, and the damaged records left out. */
export interface SessionsExport {
  text: string;
  filename: string;
  count: number;
  skipped: DamagedSession[];
}

/**
 * The export of every readable session (or those in `ids`), newest first. Damaged records cannot
 * go in a file that import would accept: they are returned in `skipped` (export each with
 * `damagedRecordText`).
 */
export async function exportSessions(
  storage: AlvhStorage,
  options: { ids?: readonly string[] } = {},
): Promise<SessionsExport> {
  const wanted = options.ids ? new Set(options.ids) : null;
  const entries = await listSessions(storage);
  const sessions: SessionRecord[] = [];
  const skipped: DamagedSession[] = [];
  for (const entry of entries) {
    const id = entry.status === 'ok' ? entry.session.id : entry.id;
    if (wanted && !wanted.has(id)) continue;
    if (entry.status === 'ok') sessions.push(entry.session);
    else skipped.push(entry);
  }
  const now = storage.now();
  return {
    text: serializeSessionsFile({ sessions, exportedAt: now }),
    filename: `alvh-sessions-${new Date(now).toISOString().slice(0, 10)}.json`,
    count: sessions.length,
    skipped,
  };
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** ms since the epoch of an ISO 8601 date-time in the stored range, or null if it is not one. */
function parseIsoTime(x: unknown): number | null {
  if (typeof x !== 'string' || !ISO_TIME.test(x)) return null;
  const ms = v.safeParse(timestampSchema, Date.parse(x));
  return ms.success ? ms.output : null;
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'a list';
  if (typeof x === 'string') return `"${x.length > 40 ? `${x.slice(0, 40)}…` : x}"`;
  if (typeof x === 'object') return 'an object';
  return typeof x === 'number' || typeof x === 'boolean' ? String(x) : typeof x;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** File migrations: each turns version n into n + 1 (none yet: version 1 is the first). */
const FILE_MIGRATIONS: readonly {
  from: number;
  migrate: (old: Record<string, unknown>) => Record<string, unknown>;
}[] = [];

function migrateSessionsFile(
  file: Record<string, unknown>,
): { ok: true; file: Record<string, unknown> } | { ok: false; problem: string } {
  const version = file.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return {
      ok: false,
      problem: `"version" is ${describe(version)}: it must be a whole number from 1 to ${SESSIONS_FILE_VERSION}.`,
    };
  }
  if (version > SESSIONS_FILE_VERSION) {
    return {
      ok: false,
      problem: `The file is version ${version}, made by a newer version of the simulator (this one reads up to version ${SESSIONS_FILE_VERSION}). Update the simulator (reload) and import again.`,
    };
  }
  let value = file;
  for (let from = version; from < SESSIONS_FILE_VERSION; from++) {
    const step = FILE_MIGRATIONS.find((m) => m.from === from);
    if (!step) return { ok: false, problem: `Files of version ${from} cannot be read any more.` };
    value = { ...step.migrate(value), version: from + 1 };
  }
  return { ok: true, file: value };
}

/** Checks one session of the file; `label` names it in every problem. */
function checkFileSession(raw: unknown, index: number, problems: string[]): ImportedSession | null {
  let label = `Session ${index + 1}`;
  if (!isObject(raw)) {
    problems.push(`${label}: must be an object, not ${describe(raw)}.`);
    return null;
  }
  const before = problems.length;
  const name = v.safeParse(nameSchema, raw.name);
  if (name.success) label += ` ("${name.output}")`;
  else
    problems.push(
      `${label}: name ${raw.name === undefined ? 'is missing' : name.issues[0].message}.`,
    );
  const config = validateConfig(raw.config);
  if (!config.ok) {
    for (const error of config.errors) problems.push(`${label}: ${configErrorLine(error)}.`);
  }
  const summary = checkSummary(raw.summary);
  if (!summary.ok) for (const problem of summary.problems) problems.push(`${label}: ${problem}.`);
  const times: Record<'createdAt' | 'updatedAt', number | null> = {
    createdAt: null,
    updatedAt: null,
  };
  for (const key of ['createdAt', 'updatedAt'] as const) {
    if (raw[key] === undefined) continue;
    times[key] = parseIsoTime(raw[key]);
    if (times[key] === null) {
      problems.push(
        `${label}: ${key} is ${describe(raw[key])}: it must be a date and time between 2000 and 2200, like 2026-04-10T12:00:00Z.`,
      );
    }
  }
  if (problems.length > before || !name.success || !config.ok || !summary.ok) return null;
  return {
    name: name.output,
    config: config.config,
    summary: summary.summary,
    createdAt: times.createdAt,
    updatedAt: times.updatedAt,
  };
}

function capped(problems: string[]): string[] {
  if (problems.length <= MAX_LISTED_PROBLEMS) return problems;
  const more = problems.length - MAX_LISTED_PROBLEMS;
  return [
    ...problems.slice(0, MAX_LISTED_PROBLEMS),
    `… and ${more} more problem${more === 1 ? '' : 's'}.`,
  ];
}

/**
 * Checks a whole sessions file. Returns every session, or every problem (at most
 * MAX_LISTED_PROBLEMS, then a count), each a sentence naming what is wrong and where. Pure;
 * never throws, whatever the text.
 */
export function parseSessionsFile(text: string): SessionsFileCheck {
  try {
    if (typeof text !== 'string')
      return { ok: false, problems: ['The file could not be read as text.'] };
    if (text.length > MAX_FILE_CHARS) {
      return {
        ok: false,
        problems: [
          `The file is too large (${(text.length / 1e6).toFixed(1)} MB; the limit is ${MAX_FILE_CHARS / 1e6} MB).`,
        ],
      };
    }
    if (text.trim() === '') return { ok: false, problems: ['The file is empty.'] };
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { ok: false, problems: [`The file is not valid JSON (${detail}).`] };
    }
    if (!isObject(data)) {
      return {
        ok: false,
        problems: [
          `The file is not an ALVH sessions file: it holds ${describe(data)}, not an object.`,
        ],
      };
    }
    if (data.format !== SESSIONS_FILE_FORMAT) {
      return {
        ok: false,
        problems: [
          data.format === undefined
            ? `The file is not an ALVH sessions file: it has no "format" field (expected "${SESSIONS_FILE_FORMAT}").`
            : `The file is not an ALVH sessions file: "format" is ${describe(data.format)}, expected "${SESSIONS_FILE_FORMAT}".`,
        ],
      };
    }
    const migrated = migrateSessionsFile(data);
    if (!migrated.ok) return { ok: false, problems: [migrated.problem] };
    const list = migrated.file.sessions;
    if (!Array.isArray(list)) {
      return {
        ok: false,
        problems: [
          list === undefined
            ? 'The file has no "sessions" list.'
            : `"sessions" must be a list, not ${describe(list)}.`,
        ],
      };
    }
    if (list.length > MAX_FILE_SESSIONS) {
      return {
        ok: false,
        problems: [
          `The file holds ${list.length} sessions; at most ${MAX_FILE_SESSIONS} can be imported at once.`,
        ],
      };
    }
    const problems: string[] = [];
    const sessions: ImportedSession[] = [];
    list.forEach((raw, i) => {
      const session = checkFileSession(raw, i, problems);
      if (session) sessions.push(session);
    });
    return problems.length ? { ok: false, problems: capped(problems) } : { ok: true, sessions };
  } catch (error) {
    return { ok: false, problems: [`The file could not be checked (${String(error)}).`] };
  }
}

/** Outcome of an import: the stored sessions, or the problems (nothing was written). */
export type ImportOutcome =
  { ok: true; imported: SessionRecord[] } | { ok: false; problems: string[] };

/**
 * Checks `text` and, only if the whole file is valid, stores every session in one transaction
 * (new ids; names made unique against the stored ones and each other). A storage fault (quota)
 * throws StorageError and, the transaction being aborted, writes nothing either.
 */
export async function importSessions(storage: AlvhStorage, text: string): Promise<ImportOutcome> {
  const checked = parseSessionsFile(text);
  if (!checked.ok) return checked;
  const backend = await storage.backend();
  const now = storage.now();
  const ids = checked.sessions.map(() => storage.newId());
  const imported = await backend.writeSessions((entries) => {
    const taken = new Set(takenNames(entries));
    const records = checked.sessions.map((session, i): SessionRecord => {
      const name = uniqueName(session.name, taken);
      taken.add(name);
      return {
        id: ids[i],
        name,
        config: session.config,
        summary: session.summary,
        createdAt: session.createdAt ?? now,
        updatedAt: session.updatedAt ?? session.createdAt ?? now,
        schemaVersion: SESSION_SCHEMA_VERSION,
      };
    });
    return { put: records, result: records };
  });
  return { ok: true, imported };
}
