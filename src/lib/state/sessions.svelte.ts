/**
 * Sessions, the autosaved draft and share links, for the components (issue 6, DESIGN §6, §10).
 * One instance per tab, holding one storage handle (`createStorage()`), or none in embed mode
 * (sandboxed iframes throw on `indexedDB`; an embed stores nothing).
 *
 * - Start (`start`): a share link in the hash replaces the config (the draft it replaced is kept
 *   for "Restore previous draft") and the hash is cleared; a bad link keeps the default config
 *   with an alert (the draft is kept as the previous one, never lost); otherwise the autosaved
 *   draft is restored — unless the user already edited the config while it loaded.
 * - Autosave (`autosave`, called during a component's init): an `$effect` on the config's
 *   snapshot saves the draft 500 ms after the last change, and at once on `pagehide`.
 * - Repository calls (save, open, rename, duplicate, delete with undo, export, import) report
 *   their outcome in `notice` (role="status") or `error` (role="alert"); they never throw.
 *
 * Tested through the panel in tests/component/sessions/sessions-panel.test.ts (memory store) and
 * in Chromium with the real IndexedDB in tests/e2e/sessions.test.ts.
 */
import { validateConfig, type SimulationConfig } from '../../engine/index.ts';
import {
  decodeShareHash,
  deleteSession,
  discardPreviousDraft,
  duplicateSession,
  exportSessions,
  importSessions,
  isShareHash,
  listSessions,
  loadDraft,
  renameSession,
  replaceDraft,
  restorePreviousDraft,
  restoreSession,
  saveDraft,
  saveSession,
  shareUrl,
  type AlvhStorage,
  type DeletedSession,
  type LoadedDraft,
  type SessionEntry,
  type SessionRecord,
  type SessionSummary,
  type SessionsExport,
  type StorageStatus,
} from '../storage/index.ts';
import type { ConfigState } from './config.svelte.ts';

/** Default wait after the last config change before the draft is saved, ms. */
export const DRAFT_DEBOUNCE_MS = 500;

export interface SessionsStateOptions {
  /** The tab's storage; null stores nothing (embed mode). */
  storage: AlvhStorage | null;
  /** The edited config: sessions and links replace it, the draft follows it. */
  config: ConfigState;
  /** The summary to store with a saved session (the result on screen, if it is of this config). */
  summary?: () => SessionSummary | null;
  /** Draft debounce, ms; default DRAFT_DEBOUNCE_MS. */
  debounceMs?: number;
}

/** Where the page is: its hash (share link) and how to clear it. */
export interface StartOptions {
  /** `location.hash`. */
  hash?: string;
  /** Removes the hash from the address bar (history.replaceState); absent: left alone. */
  clearHash?: () => void;
}

/** A message to show; `action` names a button offered with it. */
export interface Notice {
  text: string;
  action?: 'undo';
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** Plain JSON of a config as the engine reads it (order fixed by the schema), or null. */
function canonical(config: unknown): string | null {
  const checked = validateConfig(config);
  return checked.ok ? JSON.stringify(checked.config) : null;
}

/** True if two configs are the same once validated (used to match a result to the config). */
export function sameConfig(a: unknown, b: unknown): boolean {
  const ca = canonical(a);
  return ca !== null && ca === canonical(b);
}

export class SessionsState {
  /** Every stored session, readable or damaged, as listed by storage. */
  entries = $state.raw<SessionEntry[]>([]);
  /** Where this tab stores; 'memory' comes with the reason for the user. */
  status = $state.raw<StorageStatus>({ mode: 'unopened' });
  /** The last outcome, for a role="status" message. */
  notice = $state.raw<Notice | null>(null);
  /** The last failure (a bad import file, a refused save), for a role="alert" message. */
  error = $state<string | null>(null);
  /** Why a share link could not be read (role="alert"), or null. */
  linkError = $state<string | null>(null);
  /** Why the draft is not where it should be (e.g. kept in memory after a quota error). */
  draftProblem = $state<string | null>(null);
  /** True when a share link (or a bad one) replaced a draft that can be brought back. */
  previousDraftAvailable = $state(false);
  /** The share URL last made (`makeShareLink`), or null. */
  shareLink = $state<string | null>(null);
  /** True once the start (link or draft) is done: autosave begins then. */
  ready = $state(false);
  /** True while a repository call runs (buttons disable). */
  busy = $state(false);

  /** A message for the user when storage fell back to memory, else null. */
  readonly storageMessage: string | null = $derived(
    this.status.mode === 'memory' ? this.status.message : null,
  );

  /** Whether sessions can be kept at all (false in embed mode). */
  readonly enabled: boolean;

  readonly #storage: AlvhStorage | null;
  readonly #config: ConfigState;
  readonly #summary: () => SessionSummary | null;
  readonly #debounceMs: number;
  #deleted: DeletedSession | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #pendingDraft: SimulationConfig | null = null;
  #unsubscribe: (() => void) | null = null;

  constructor(options: SessionsStateOptions) {
    this.#storage = options.storage;
    this.#config = options.config;
    this.#summary = options.summary ?? (() => null);
    this.#debounceMs = options.debounceMs ?? DRAFT_DEBOUNCE_MS;
    this.enabled = options.storage !== null;
    if (options.storage) {
      this.status = options.storage.status();
      this.#unsubscribe = options.storage.subscribe((status) => {
        this.status = status;
      });
    }
  }

  /**
   * Applies a share link from `hash`, else restores the draft; then lists the sessions. Call once
   * on page load. Never throws.
   */
  async start(options: StartOptions = {}): Promise<void> {
    const hash = options.hash ?? '';
    const before = JSON.stringify($state.snapshot(this.#config.config));
    try {
      if (isShareHash(hash)) {
        await this.#openLink(hash);
        options.clearHash?.();
      } else {
        const draft = this.#storage ? await loadDraft(this.#storage) : null;
        // The user may have edited while the draft loaded: their edit wins.
        if (draft && JSON.stringify($state.snapshot(this.#config.config)) === before) {
          this.#applyDraft(draft, 'The autosaved draft');
        }
      }
    } finally {
      this.ready = true;
    }
    await this.refresh();
  }

  /**
   * Applies a share link pasted into the address bar of an open tab (`hashchange`); other hashes
   * (in-page anchors) are ignored. Never throws.
   */
  async openLink(options: StartOptions): Promise<void> {
    const hash = options.hash ?? '';
    if (!isShareHash(hash)) return;
    this.linkError = null;
    try {
      await this.#openLink(hash);
      options.clearHash?.();
    } catch (error) {
      this.linkError = `The link could not be opened: ${messageOf(error)}`;
    }
  }

  async #openLink(hash: string): Promise<void> {
    const decoded = await decodeShareHash(hash);
    // Whatever the link, the draft on file becomes the previous one: never lost.
    const storage = this.#storage;
    if (decoded.ok) {
      this.#config.replace(decoded.config);
      if (!storage) return;
      const saved = await replaceDraft(storage, decoded.config);
      this.previousDraftAvailable = saved.replaced;
      this.notice = { text: 'Opened the settings from the link.' };
      return;
    }
    this.linkError = `The link could not be read: ${decoded.reason} The default settings are shown instead.`;
    if (!storage) return;
    const saved = await replaceDraft(storage, $state.snapshot(this.#config.config));
    this.previousDraftAvailable = saved.replaced;
  }

  #applyDraft(draft: LoadedDraft, what: string): boolean {
    if (draft.status === 'damaged') {
      this.draftProblem = `${what} could not be read (${draft.reason}); the default settings are shown.`;
      return false;
    }
    this.#config.replace(draft.config);
    return true;
  }

  /** "Restore previous draft": brings back the draft a link replaced. */
  async restorePreviousDraft(): Promise<void> {
    if (!this.#storage) return;
    await this.#guard(async (storage) => {
      const draft = await restorePreviousDraft(storage);
      this.previousDraftAvailable = false;
      this.linkError = null;
      if (draft && this.#applyDraft(draft, 'The previous draft')) {
        this.notice = { text: 'Restored the previous draft.' };
      }
    });
  }

  /** Dismisses the offer to restore the previous draft (and forgets that draft). */
  async discardPreviousDraft(): Promise<void> {
    this.previousDraftAvailable = false;
    if (this.#storage) await this.#guard((storage) => discardPreviousDraft(storage));
  }

  /**
   * Saves the draft 500 ms after the config last changed, and at once when the page is hidden.
   * Call during a component's initialisation (it creates an `$effect`); returns nothing — the
   * effect and listeners end with the component.
   */
  autosave(): void {
    $effect(() => {
      const snapshot = $state.snapshot(this.#config.config) as SimulationConfig;
      if (!this.ready || !this.#storage) return;
      this.#pendingDraft = snapshot;
      if (this.#timer !== null) clearTimeout(this.#timer);
      this.#timer = setTimeout(() => void this.flushDraft(), this.#debounceMs);
    });
    $effect(() => {
      const flush = () => void this.flushDraft();
      const hidden = () => {
        if (document.visibilityState === 'hidden') flush();
      };
      window.addEventListener('pagehide', flush);
      document.addEventListener('visibilitychange', hidden);
      return () => {
        window.removeEventListener('pagehide', flush);
        document.removeEventListener('visibilitychange', hidden);
        this.#unsubscribe?.();
      };
    });
  }

  /** Saves the pending draft now (if any). Never throws. */
  async flushDraft(): Promise<void> {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const config = this.#pendingDraft;
    this.#pendingDraft = null;
    if (!config || !this.#storage) return;
    try {
      const saved = await saveDraft(this.#storage, config);
      this.draftProblem = saved.error
        ? `The draft could not be saved in the browser (${saved.error.message}); it is kept in this tab for now.`
        : null;
    } catch (error) {
      this.draftProblem = `The draft could not be saved: ${messageOf(error)}`;
    }
  }

  /** Lists the stored sessions again. */
  async refresh(): Promise<void> {
    const storage = this.#storage;
    if (!storage) return;
    try {
      this.entries = await listSessions(storage);
    } catch (error) {
      this.error = `The saved sessions could not be listed: ${messageOf(error)}`;
    }
  }

  /** Runs a repository call: busy flag, errors to `error`, list refreshed after. */
  async #guard<T>(call: (storage: AlvhStorage) => Promise<T>): Promise<T | undefined> {
    const storage = this.#storage;
    if (!storage) return undefined;
    this.busy = true;
    this.error = null;
    try {
      return await call(storage);
    } catch (error) {
      this.error = messageOf(error);
      return undefined;
    } finally {
      this.busy = false;
      await this.refresh();
    }
  }

  /** Saves the config on screen (and the summary of its result, if any) as a new session. */
  async save(name: string): Promise<SessionRecord | undefined> {
    const config = $state.snapshot(this.#config.config) as SimulationConfig;
    return this.#guard(async (storage) => {
      const saved = await saveSession(storage, {
        name: name.trim(),
        config,
        summary: this.#summary(),
      });
      this.notice = { text: `Saved “${saved.name}”.` };
      return saved;
    });
  }

  /** Puts a saved session's config on screen. */
  open(id: string): void {
    const entry = this.entries.find((e) => e.status === 'ok' && e.session.id === id);
    if (entry?.status !== 'ok') {
      this.error = 'That session is no longer stored (deleted in another tab?).';
      return;
    }
    this.#config.replace(entry.session.config);
    this.error = null;
    this.notice = { text: `Opened “${entry.session.name}”.` };
  }

  async rename(id: string, name: string): Promise<void> {
    await this.#guard(async (storage) => {
      const renamed = await renameSession(storage, { id, name: name.trim() });
      this.notice = { text: `Renamed to “${renamed.name}”.` };
    });
  }

  async duplicate(id: string): Promise<void> {
    await this.#guard(async (storage) => {
      const copy = await duplicateSession(storage, { id });
      this.notice = { text: `Duplicated as “${copy.name}”.` };
    });
  }

  /** Deletes a session (readable or damaged); `undo` brings the last one back. */
  async remove(id: string, name: string): Promise<void> {
    await this.#guard(async (storage) => {
      const deleted = await deleteSession(storage, id);
      this.#deleted = deleted;
      this.notice = deleted ? { text: `Deleted “${name}”.`, action: 'undo' } : null;
    });
  }

  async undo(): Promise<void> {
    const deleted = this.#deleted;
    if (!deleted) return;
    this.#deleted = null;
    await this.#guard(async (storage) => {
      const entry = await restoreSession(storage, deleted);
      this.notice = {
        text: entry.status === 'ok' ? `Restored “${entry.session.name}”.` : 'Restored the record.',
      };
    });
  }

  /** The export file of every readable session (damaged ones are reported, not included). */
  async exportAll(): Promise<SessionsExport | undefined> {
    return this.#guard(async (storage) => {
      const file = await exportSessions(storage);
      const skipped = file.skipped.length
        ? ` ${file.skipped.length} damaged record(s) left out: export them one by one.`
        : '';
      this.notice = {
        text: `Exported ${file.count} session${file.count === 1 ? '' : 's'}.${skipped}`,
      };
      return file;
    });
  }

  /** Imports a sessions file: all of it, or nothing with the problems in `error`. */
  async importText(text: string): Promise<void> {
    await this.#guard(async (storage) => {
      const outcome = await importSessions(storage, text);
      if (!outcome.ok) {
        this.notice = null;
        this.error = `The file was not imported (nothing was changed): ${outcome.problems.join('; ')}`;
        return;
      }
      const n = outcome.imported.length;
      this.notice = { text: `Imported ${n} session${n === 1 ? '' : 's'}.` };
    });
  }

  /** Makes the share URL of the config on screen (`base`: the page's URL). */
  async makeShareLink(base: string): Promise<string | null> {
    const config = this.#config.validConfig;
    if (!config) {
      this.error = `Only valid settings can be shared: ${this.#config.firstError ?? 'fix the problems first'}.`;
      return null;
    }
    try {
      this.shareLink = await shareUrl({
        config: $state.snapshot(config) as SimulationConfig,
        base,
      });
      return this.shareLink;
    } catch (error) {
      this.error = messageOf(error);
      return null;
    }
  }
}
