/**
 * Storage for the app: the only code that imports idb (DESIGN §6, §10). Plain data in and out —
 * `$state.snapshot()` before calling — and everything validated both ways.
 *
 * API summary (every repository function takes the storage handle first):
 *
 * Opening — database.ts
 *   createStorage({ indexedDB?, memoryOnly?, openTimeoutMs?, onStatusChange? }) → AlvhStorage
 *     Lazy: opens on first use, one connection per handle (create one per tab and share it).
 *     storage.status() → { mode: 'unopened' | 'indexeddb' } | { mode: 'memory', reason, message }
 *     storage.subscribe(listener) → unsubscribe. Falls back to memory (never throws) when
 *     IndexedDB is missing or refused, blocked, slow, newer, or closed for another tab's upgrade
 *     ('upgraded-elsewhere': show `message`, which asks for a reload). Embed mode:
 *     createStorage({ memoryOnly: true }) never touches IndexedDB.
 *
 * Sessions — sessions.ts (records: { id, name, config, summary, createdAt, updatedAt, schemaVersion })
 *   saveSession(storage, { name, config, summary?, id? }) → SessionRecord   (id: save over)
 *   listSessions(storage) → SessionEntry[]   ({ status: 'ok', session } | { status: 'damaged', id, reason, raw })
 *   getSession(storage, id) → SessionEntry | null
 *   renameSession(storage, { id, name }) → SessionRecord
 *   duplicateSession(storage, { id, name? }) → SessionRecord   ("A" → "A (2)")
 *   deleteSession(storage, id) → DeletedSession | null;  restoreSession(storage, deleted) (undo)
 *   damagedRecordText(entry) → JSON text of a damaged record, to download
 *   summarizeResult(result) → SessionSummary (headline figures with standard errors; summary.ts)
 *
 * Draft — draft.ts (the caller debounces)
 *   saveDraft(storage, config) → { where, error };  loadDraft(storage) → LoadedDraft | null
 *   replaceDraft(storage, config) (a share link; keeps the old draft as previous)
 *   loadPreviousDraft / restorePreviousDraft / discardPreviousDraft(storage)
 *
 * Files — export-import.ts
 *   exportSessions(storage, { ids? }) → { text, filename, count, skipped }
 *   parseSessionsFile(text) → { ok: true, sessions } | { ok: false, problems: string[] }
 *   importSessions(storage, text) → { ok: true, imported } | { ok: false, problems } (all or nothing)
 *
 * Share links — share-link.ts
 *   encodeShareHash(config) → Promise<'#v1.…'>;  shareUrl({ config, base }) → Promise<URL text>
 *   decodeShareHash(hash) → Promise<{ ok: true, config, version } | { ok: false, reason }> (never throws)
 *   isShareHash(hash) → boolean
 *
 * Errors — errors.ts: repository writes throw StorageError { kind: 'quota' | 'invalid' |
 *   'not-found' | 'damaged' | 'unavailable' | 'failed', message } (message is for the user);
 *   isQuotaError(error) recognises every engine's spelling.
 */
export {
  createStorage,
  fallbackMessage,
  DEFAULT_OPEN_TIMEOUT_MS,
  type AlvhStorage,
  type CreateStorageOptions,
  type FallbackReason,
  type StorageStatus,
  type StorageStatusListener,
} from './database.ts';
export type { StorageMode } from './backend.ts';
export { StorageError, isQuotaError, toStorageError, type StorageErrorKind } from './errors.ts';
export {
  DB_NAME,
  DB_VERSION,
  SESSION_SCHEMA_VERSION,
  type SessionRecord,
  type DraftRecord,
} from './schema.ts';
export {
  saveSession,
  listSessions,
  getSession,
  renameSession,
  duplicateSession,
  deleteSession,
  restoreSession,
  damagedRecordText,
  uniqueName,
  type SaveSessionOptions,
  type SessionEntry,
  type DamagedSession,
  type DeletedSession,
} from './sessions.ts';
export {
  summarizeResult,
  HEADLINE_FIGURES,
  DIFFERENCE_FIGURES,
  type SessionSummary,
  type SummaryEstimate,
  type SummaryClaim,
  type HeadlineFigure,
  type DifferenceFigure,
} from './summary.ts';
export {
  saveDraft,
  loadDraft,
  replaceDraft,
  loadPreviousDraft,
  restorePreviousDraft,
  discardPreviousDraft,
  type LoadedDraft,
  type DraftSaveResult,
} from './draft.ts';
export {
  exportSessions,
  parseSessionsFile,
  importSessions,
  serializeSessionsFile,
  SESSIONS_FILE_FORMAT,
  SESSIONS_FILE_VERSION,
  type SessionsExport,
  type SessionsFileCheck,
  type ImportOutcome,
  type ImportedSession,
} from './export-import.ts';
export {
  encodeShareHash,
  decodeShareHash,
  shareUrl,
  isShareHash,
  SHARE_LINK_VERSION,
  type ShareDecode,
} from './share-link.ts';
export { MAX_NAME_LENGTH } from './validation.ts';
