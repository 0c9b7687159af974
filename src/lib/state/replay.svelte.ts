/**
 * The historical replay's state (issue 7, item 5): a user's SPX/VIX CSV file → text → the engine's
 * `parseReplayCsv` (on the main thread: ~3 ms for half a year, ~0.1 s for the 20,000-row maximum)
 * → its one-line error naming row and column, or the series → the current rules replayed on it in
 * a worker (the page's pool, `SimulationPool.replay`) → the result. Nothing leaves the browser.
 *
 * A bad file changes nothing (DESIGN §10): its message is shown and the series and result of the
 * last good file stay. A replay and a simulation run share the pool, which does one job at a time:
 * starting either cancels the other, and a cancelled replay says so ("cancelled"), never as a crash.
 *
 * Tested in tests/component/explore/replay-import.test.ts (through the component, with the
 * engine's `replay` as the fake pool's replay).
 */
import {
  parseReplayCsv,
  type ReplayResult,
  type ReplaySeries,
  type SimulationConfig,
} from '../../engine/index.ts';
import { isAbortError } from '../compute/pool.ts';
import type { RunPool } from './run.svelte.ts';

/** Replays a config on a series in a worker; rejects with an AbortError when cancelled. */
export type ReplayRunner = (
  config: SimulationConfig,
  series: ReplaySeries,
  options: { signal: AbortSignal },
) => Promise<ReplayResult>;

/**
 * idle: nothing replayed yet; running: replaying in a worker; done: a result; cancelled: the
 * replay was stopped (by Cancel, or because a simulation run started); error: the replay failed.
 */
export type ReplayStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

/**
 * Largest file read, bytes. The parser refuses more than 4,000,000 characters anyway; this stops a
 * wrong pick (a video, a disk image) before the browser reads it into memory.
 */
export const REPLAY_MAX_FILE_BYTES = 16_000_000;

/** What a file pick or drop hands over (a File; tests pass objects of this shape). */
export interface ReplayFile {
  name: string;
  size: number;
  text(): Promise<string>;
}

/** The replay method of a pool, if it has one (SimulationPool does; test fakes may not). */
export function poolReplayRunner(pool: RunPool): ReplayRunner | null {
  if (!pool.replay) return null;
  return (config, series, options) =>
    (pool.replay as NonNullable<RunPool['replay']>).call(pool, config, series, options);
}

/** The key of a config, to tell whether the settings changed since a replay. */
function configKey(config: SimulationConfig): string {
  return JSON.stringify(config);
}

export class ReplayState {
  status = $state<ReplayStatus>('idle');
  /** Whether a file is being read. */
  reading = $state(false);
  /** Name of the file whose series is loaded (the last good file). */
  fileName = $state<string | null>(null);
  /** The last file's problem, one line naming row and column; null when it was good. */
  fileError = $state<string | null>(null);
  /** Name of the file `fileError` is about. */
  rejectedFile = $state<string | null>(null);
  /** Unusual but accepted input in the loaded file (ignored columns, long gaps, huge moves). */
  warnings = $state.raw<string[]>([]);
  series = $state.raw<ReplaySeries | null>(null);
  result = $state.raw<ReplayResult | null>(null);
  /** Why the last replay stopped (cancelled or failed), else null. */
  runMessage = $state<string | null>(null);

  /** The config the result was replayed with (its key). */
  #resultKey = $state<string | null>(null);
  #getRunner: () => ReplayRunner | null;
  #controller: AbortController | null = null;
  /** Bumped by each replay and each file read, so a late answer of an older one is ignored. */
  #generation = 0;
  #loadGeneration = 0;

  /** `runner` is asked for at replay time (the page's pool is created lazily). */
  readonly #occupy: ((what: string) => () => void) | undefined;

  constructor(options: {
    runner: () => ReplayRunner | null;
    /** Marks the workers as taken while a replay runs (RunState.occupy). */
    occupy?: (what: string) => () => void;
  }) {
    this.#occupy = options.occupy;
    this.#getRunner = options.runner;
  }

  /** Whether a replay is in flight. */
  get running(): boolean {
    return this.status === 'running';
  }

  /** Whether `config` differs from the config of the result shown (a "Replay again" is due). */
  isStale(config: SimulationConfig | null): boolean {
    return this.result !== null && config !== null && configKey(config) !== this.#resultKey;
  }

  /**
   * Reads and validates a file; a good one replaces the series and is replayed with `config` (when
   * the config is valid, else the series waits for "Replay again"). A bad one only sets
   * `fileError`.
   */
  async load(file: ReplayFile, config: SimulationConfig | null): Promise<void> {
    const generation = ++this.#loadGeneration;
    // Nothing else changes for a bad file: the last good series, result and replay in flight stay.
    const refuse = (message: string) => {
      this.rejectedFile = file.name;
      this.fileError = message;
    };
    if (file.size > REPLAY_MAX_FILE_BYTES) {
      refuse(
        `the file is too large: ${(file.size / 1e6).toFixed(1)} MB (at most ${REPLAY_MAX_FILE_BYTES / 1e6} MB)`,
      );
      return;
    }
    let text: string;
    this.reading = true;
    try {
      text = await file.text();
    } catch (error) {
      if (generation === this.#loadGeneration) {
        refuse(
          `the file could not be read (${error instanceof Error ? error.message : 'unknown'})`,
        );
      }
      return;
    } finally {
      if (generation === this.#loadGeneration) this.reading = false;
    }
    if (generation !== this.#loadGeneration) return;
    const parsed = parseReplayCsv(text);
    if (!parsed.ok) {
      refuse(parsed.error);
      return;
    }
    this.#controller?.abort();
    this.#generation++;
    this.fileError = null;
    this.rejectedFile = null;
    this.fileName = file.name;
    this.warnings = parsed.warnings;
    this.series = parsed.series;
    this.result = null;
    this.#resultKey = null;
    this.runMessage = null;
    this.status = 'idle';
    if (config) await this.replay(config);
  }

  /** Replays the loaded series with `config` in a worker (cancels a replay in flight). */
  async replay(config: SimulationConfig): Promise<void> {
    const series = this.series;
    if (!series) return;
    const generation = ++this.#generation;
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.status = 'running';
    this.runMessage = null;
    const release = this.#occupy?.('the replay');
    try {
      const runner = this.#getRunner();
      if (!runner) throw new Error('this page has no worker that can replay');
      const result = await runner(config, series, { signal: controller.signal });
      if (generation !== this.#generation) return;
      this.result = result;
      this.#resultKey = configKey(config);
      this.status = 'done';
    } catch (error) {
      if (generation !== this.#generation) return;
      if (isAbortError(error)) {
        this.status = 'cancelled';
        this.runMessage = controller.signal.aborted
          ? 'The replay was cancelled.'
          : 'The replay was cancelled: a simulation run started, and the workers do one job at a time. Press Replay again when it is done.';
      } else {
        this.status = 'error';
        this.runMessage = `The replay failed: ${error instanceof Error ? error.message : String(error)}`;
      }
    } finally {
      release?.();
      if (this.#controller === controller) this.#controller = null;
    }
  }

  /** Stops a replay in flight (the status becomes 'cancelled'). */
  cancel(): void {
    this.#controller?.abort();
  }
}
