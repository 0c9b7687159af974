/**
 * Storage errors: one class with a `kind` the UI can act on and a message it can show, and the
 * mapping from the many shapes browsers throw (DOMException names and legacy codes differ by
 * engine: Chromium and WebKit say `QuotaExceededError` / code 22, Firefox says
 * `NS_ERROR_DOM_QUOTA_REACHED` / code 1014; MDN "QuotaExceededError", PITFALLS "IndexedDB").
 */

/**
 * What went wrong:
 * - 'quota': the browser's storage for this site is full;
 * - 'invalid': the data given to a repository function fails validation (message names the field);
 * - 'not-found': no session with that id;
 * - 'damaged': the stored record cannot be read (see `reason`);
 * - 'unavailable': the database connection is gone (closed for an upgrade in another tab);
 * - 'failed': anything else (message from the browser).
 */
export type StorageErrorKind =
  'quota' | 'invalid' | 'not-found' | 'damaged' | 'unavailable' | 'failed';

/** The one error type the storage layer throws; `cause` keeps the browser's error. */
export class StorageError extends Error {
  readonly kind: StorageErrorKind;

  constructor(kind: StorageErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
    this.kind = kind;
  }
}

/** Names and legacy codes of quota errors across engines. */
const QUOTA_NAMES = new Set([
  'QuotaExceededError',
  'NS_ERROR_DOM_QUOTA_REACHED',
  'QUOTA_EXCEEDED_ERR',
]);
const QUOTA_CODES = new Set([22, 1014]);

function field(error: unknown, key: string): unknown {
  return typeof error === 'object' && error !== null
    ? (error as Record<string, unknown>)[key]
    : undefined;
}

/**
 * True if `error` (or its `cause`, or a transaction's `error`, two levels deep) is a quota error
 * in any engine's spelling. Never throws. Tested with each spelling and with non-errors.
 */
export function isQuotaError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 2) return false;
  const name = field(error, 'name');
  const code = field(error, 'code');
  if (typeof name === 'string' && QUOTA_NAMES.has(name)) return true;
  // Legacy codes only count on DOMException-like errors: a plain Error's `code` is something else
  // (Node's ERR_* strings, or an app's numbers).
  if (
    typeof code === 'number' &&
    QUOTA_CODES.has(code) &&
    (name === undefined || name === 'Error' || isDomException(error))
  )
    return true;
  return (
    isQuotaError(field(error, 'cause'), depth + 1) || isQuotaError(field(error, 'error'), depth + 1)
  );
}

function isDomException(error: unknown): boolean {
  return typeof DOMException !== 'undefined' && error instanceof DOMException;
}

/** The message shown for a full disk, whatever the engine called it. */
export const QUOTA_MESSAGE =
  "The browser's storage for this site is full, so this was not saved. Delete or export some sessions, or free disk space, and try again.";

/**
 * Maps anything thrown by IndexedDB (or the memory store) to a StorageError: quota errors to
 * 'quota' with QUOTA_MESSAGE; a closed or closing connection (InvalidStateError) to 'unavailable';
 * a StorageError passes through; the rest to 'failed' with the browser's message.
 */
export function toStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  if (isQuotaError(error)) return new StorageError('quota', QUOTA_MESSAGE, { cause: error });
  const name = field(error, 'name');
  const message = field(error, 'message');
  const detail = typeof message === 'string' && message ? message : String(error);
  if (name === 'InvalidStateError') {
    return new StorageError(
      'unavailable',
      `The browser database is closed (${detail}). Reload the page to keep saving.`,
      { cause: error },
    );
  }
  return new StorageError('failed', `The browser database failed: ${detail}`, { cause: error });
}
