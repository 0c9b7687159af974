/**
 * The guided walkthrough's state (issue 7 item 3): which lesson and step is open, moving between
 * steps, and what entering a step does — load the step's settings into the ConfigState, start the
 * run (RunState.run cancels a run in flight first) and point the shared highlight at the result
 * element the step talks about. Lessons are data (src/content/lessons.ts).
 *
 * Leaving: the learner chooses to keep the lesson's settings or to get back the settings they had
 * before the walkthrough (kept in memory only). Resuming: outside an embed the open step is kept in
 * localStorage under `WALKTHROUGH_STORAGE_KEY` (every access guarded: storage can throw, e.g. in a
 * sandboxed frame or with cookies blocked), so after a reload the page offers "Resume walkthrough
 * (step k of n)"; leaving keeps it, finishing the last step forgets it. In an embed nothing is
 * stored (pass `storage: null`).
 *
 * Editing the settings mid-lesson is allowed: the lesson goes on, `changedByUser` says so, and
 * the next step loads its own settings again.
 *
 * Tested in tests/component/learn/walkthrough.test.ts (with a fake pool and a memory storage).
 */
import type { SimulationConfig } from '../../engine/index.ts';
import { LESSONS, configForSetup, lessonById, type Lesson } from '../../content/lessons.ts';
import type { ConfigState } from './config.svelte.ts';
import {
  highlight as pageHighlight,
  RESULT_TARGETS,
  type HighlightState,
} from './highlight.svelte.ts';
import type { RunState } from './run.svelte.ts';
import { sameConfig } from './sessions.svelte.ts';

/** The localStorage key of the open step: `{"lesson":"hedge-basics","step":2}` (step 0-based). */
export const WALKTHROUGH_STORAGE_KEY = 'alvh:walkthrough';

/** Where the open step is kept (localStorage's shape). */
export interface WalkthroughStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A kept position: lesson id and 0-based step index. */
export interface SavedStep {
  lesson: string;
  step: number;
}

/** What the walkthrough drives of the run (RunState has it). */
export type WalkthroughRun = Pick<RunState, 'run' | 'status' | 'config'>;

export interface WalkthroughOptions {
  /** The edited settings the steps load into. */
  config: ConfigState;
  /** The page's run. */
  run: WalkthroughRun;
  /**
   * Where to keep the open step: default the browser's localStorage (if it can be reached);
   * null keeps nothing (embed mode).
   */
  storage?: WalkthroughStorage | null;
  /** The highlight to point with (default: the page's shared one). */
  highlight?: HighlightState;
  /** The lessons on offer (default: LESSONS). */
  lessons?: readonly Lesson[];
}

/** The browser's localStorage, or null when it cannot be reached (reading it may throw). */
function browserStorage(): WalkthroughStorage | null {
  try {
    return (globalThis as { localStorage?: WalkthroughStorage }).localStorage ?? null;
  } catch {
    return null;
  }
}

const plain = <T>(x: T): T => structuredClone($state.snapshot(x)) as T;

export class WalkthroughState {
  /** The open lesson, or null when the walkthrough is closed. */
  lesson = $state.raw<Lesson | null>(null);
  /** The open step's index (0-based). */
  index = $state(0);
  /** A position to resume (kept from an earlier visit), or null. */
  saved = $state.raw<SavedStep | null>(null);
  /** A problem to show in one line (an unknown lesson id, a step that could not run), or null. */
  error = $state<string | null>(null);
  /**
   * Bumped on every step change the user asked for (start, resume, next, back): the component
   * moves focus to the step heading then, not when an embed opens a lesson on load.
   */
  focusRequest = $state(0);

  /** The open step, or null. */
  readonly step = $derived(this.lesson?.steps[this.index] ?? null);
  /** Steps in the open lesson (0 when closed). */
  readonly stepCount = $derived(this.lesson?.steps.length ?? 0);
  readonly active = $derived(this.lesson !== null);
  readonly isFirst = $derived(this.index === 0);
  readonly isLast = $derived(this.lesson !== null && this.index === this.stepCount - 1);
  /** Whether the settings the user had before the walkthrough can be restored. */
  readonly canRestore = $derived.by(() => this.#before !== null);
  /** The settings of the open step (or of the last step that loaded settings), or null. */
  readonly stepConfig = $derived.by(() => this.#applied);
  /** True when the user edited the settings after the step loaded them. */
  readonly changedByUser = $derived.by(() => {
    const applied = this.#applied;
    if (!this.active || applied === null) return false;
    return !sameConfig($state.snapshot(this.#config.config), applied);
  });

  /**
   * The user's own edits that the last step change replaced with the step's settings (so that
   * nothing typed is lost without a way back), or null.
   */
  replacedEdits = $state.raw<SimulationConfig | null>(null);

  /** The lessons on offer. */
  readonly lessons: readonly Lesson[];

  readonly #config: ConfigState;
  readonly #run: WalkthroughRun;
  readonly #storage: WalkthroughStorage | null;
  readonly #highlight: HighlightState;
  #before = $state.raw<SimulationConfig | null>(null);
  #applied = $state.raw<SimulationConfig | null>(null);

  constructor(options: WalkthroughOptions) {
    this.#config = options.config;
    this.#run = options.run;
    this.#storage = options.storage === undefined ? browserStorage() : options.storage;
    this.#highlight = options.highlight ?? pageHighlight;
    this.lessons = options.lessons ?? LESSONS;
    this.saved = this.#readSaved();
  }

  /** The lesson with this id among `lessons`. */
  lessonById(id: string): Lesson | undefined {
    return this.lessons === LESSONS
      ? lessonById(id)
      : this.lessons.find((lesson) => lesson.id === id);
  }

  /**
   * Opens lesson `id` at step `at` (0-based, clamped). Returns false, with `error` set to a line
   * naming the known lessons, for an unknown id. `focus: false` when the page opens it itself.
   */
  start(
    id: string = this.lessons[0]?.id ?? '',
    at = 0,
    options: { focus?: boolean } = {},
  ): boolean {
    const lesson = this.lessonById(id);
    if (!lesson) {
      const known = this.lessons.map((l) => l.id).join(', ');
      this.error = `There is no lesson "${id}". Known lessons: ${known}.`;
      return false;
    }
    this.error = null;
    if (!this.active) this.#before = plain(this.#config.config);
    this.lesson = lesson;
    this.#enter(Math.min(Math.max(Math.trunc(at), 0), lesson.steps.length - 1), options.focus);
    return true;
  }

  /** Opens the kept position (`saved`); false when there is none or it is no longer valid. */
  resume(): boolean {
    const saved = this.saved;
    if (!saved) return false;
    return this.start(saved.lesson, saved.step);
  }

  /** The next step; on the last step, `finish`. */
  next(): void {
    if (!this.lesson) return;
    if (this.isLast) this.finish();
    else this.#enter(this.index + 1);
  }

  /** The previous step (nothing on the first). */
  back(): void {
    if (!this.lesson || this.isFirst) return;
    this.#enter(this.index - 1);
  }

  /**
   * Closes the walkthrough. `restore: true` puts back the settings the user had before it started
   * (when known); otherwise the lesson's settings stay. The position is kept for Resume.
   */
  leave(options: { restore?: boolean } = {}): void {
    if (!this.lesson) return;
    if (options.restore && this.#before) this.#config.replace(this.#before);
    this.#close();
  }

  /** Ends the lesson after its last step: the settings stay, the kept position is forgotten. */
  finish(): void {
    if (!this.lesson) return;
    this.#forget();
    this.#close();
  }

  /** Puts back the edits the last step change replaced (the lesson goes on with them). */
  restoreEdits(): void {
    const edits = this.replacedEdits;
    if (!edits) return;
    this.replacedEdits = null;
    this.#config.replace(edits);
  }

  /** The settings on screen when the user changed them after the step loaded its own, or null. */
  #edited(): SimulationConfig | null {
    const applied = this.#applied;
    const current = $state.snapshot(this.#config.config) as SimulationConfig;
    if (applied === null) {
      // A step without settings ("try your own") hands the controls over: anything differing from
      // the previous step's settings is the user's.
      return null;
    }
    return sameConfig(current, applied) ? null : current;
  }

  #close(): void {
    this.replacedEdits = null;
    this.lesson = null;
    this.index = 0;
    this.#before = null;
    this.#applied = null;
    this.#highlight.clear();
  }

  #enter(index: number, focus = true): void {
    const lesson = this.lesson;
    if (!lesson) return;
    this.index = index;
    if (focus) this.focusRequest++;
    const step = lesson.steps[index];
    this.#keep({ lesson: lesson.id, step: index });
    this.replacedEdits = null;
    if (step.setup) {
      // Edits made during the lesson (or in "Try your own") are kept aside, not thrown away.
      const edited = this.#edited();
      if (edited) this.replacedEdits = edited;
      const config = configForSetup(step.setup);
      this.#config.replace(config);
      this.#applied = config;
    }
    if (step.highlight) {
      this.#highlight.show(step.highlight, `Look at ${RESULT_TARGETS[step.highlight]}.`);
    } else {
      this.#highlight.clear();
    }
    if (step.run) this.#runStep();
  }

  #runStep(): void {
    const config = this.#config.validConfig;
    if (!config) {
      this.error = `This step's settings are not valid: ${this.#config.firstError ?? 'unknown'}.`;
      return;
    }
    this.error = null;
    const { status, config: onScreen } = this.#run;
    // The result on screen (or the run in flight) is already of these settings.
    if ((status === 'done' || status === 'running') && sameConfig(onScreen, config)) return;
    void this.#run.run(config);
  }

  #readSaved(): SavedStep | null {
    if (!this.#storage) return null;
    try {
      const text = this.#storage.getItem(WALKTHROUGH_STORAGE_KEY);
      if (text === null) return null;
      const value: unknown = JSON.parse(text);
      if (typeof value !== 'object' || value === null) return null;
      const { lesson, step } = value as Record<string, unknown>;
      if (typeof lesson !== 'string' || typeof step !== 'number' || !Number.isInteger(step))
        return null;
      const known = this.lessonById(lesson);
      if (!known || step < 0 || step >= known.steps.length) return null;
      return { lesson, step };
    } catch {
      return null;
    }
  }

  #keep(position: SavedStep): void {
    this.saved = position;
    try {
      this.#storage?.setItem(WALKTHROUGH_STORAGE_KEY, JSON.stringify(position));
    } catch {
      // Storage full or blocked: the position lives in memory for this page only.
    }
  }

  #forget(): void {
    this.saved = null;
    try {
      this.#storage?.removeItem(WALKTHROUGH_STORAGE_KEY);
    } catch {
      // As above.
    }
  }
}
