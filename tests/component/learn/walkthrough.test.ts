/**
 * The guided walkthrough (src/components/learn/Walkthrough.svelte with
 * src/lib/state/walkthrough.svelte.ts) on a ConfigState and a RunState whose pool is a fake that
 * records the configs it is asked to run: opening from "Start walkthrough", stepping forward and
 * back, what each step loads and runs, leaving (Escape, keep or restore the settings), resuming
 * from storage (and storage that throws), embed mode, and the shared highlight.
 */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { flushSync, tick } from 'svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import Walkthrough from '../../../src/components/learn/Walkthrough.svelte';
import { LESSONS, configForSetup } from '../../../src/content/lessons.ts';
import {
  strategyPreset,
  type SimulationConfig,
  type SimulationResult,
} from '../../../src/engine/index.ts';
import { ConfigState } from '../../../src/lib/state/config.svelte.ts';
import { highlight } from '../../../src/lib/state/highlight.svelte.ts';
import { RunState, type RunPool } from '../../../src/lib/state/run.svelte.ts';
import {
  WALKTHROUGH_STORAGE_KEY,
  type WalkthroughStorage,
} from '../../../src/lib/state/walkthrough.svelte.ts';

const lesson = LESSONS[0];
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/** A pool that records each config and finishes at once with an (empty) result. */
function fakePool() {
  const runs: SimulationConfig[] = [];
  const pool: RunPool = {
    run: (config) => {
      runs.push(config as SimulationConfig);
      return Promise.resolve({ paths: 0 } as unknown as SimulationResult);
    },
    prepare: () => undefined,
    dispose: () => undefined,
  };
  return { pool, runs };
}

/** A Map behind localStorage's interface. */
function memoryStorage(entries: Record<string, string> = {}) {
  const map = new Map(Object.entries(entries));
  const storage: WalkthroughStorage = {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
  return { storage, map };
}

function setup(
  options: {
    storage?: WalkthroughStorage | null;
    lesson?: string | null;
    embedded?: boolean;
  } = {},
) {
  const state = new ConfigState(strategyPreset('alvh-example'));
  const { pool, runs } = fakePool();
  const run = new RunState({ pool, now: () => 0 });
  const { storage, map } = memoryStorage();
  render(Walkthrough, {
    props: {
      state,
      run,
      storage: options.storage === undefined ? storage : options.storage,
      lesson: options.lesson ?? null,
      embedded: options.embedded ?? false,
    },
  });
  const panel = screen.getByRole('region', { name: 'Walkthrough' });
  return { state, run, runs, map, panel };
}

/** Lets the fake run settle and the component update. */
async function settle() {
  await tick();
  await Promise.resolve();
  await tick();
  flushSync();
}

const stepLine = (panel: HTMLElement) => squash(panel.querySelector('.count')?.textContent ?? '');

beforeEach(() => highlight.clear());

describe('Walkthrough', () => {
  it('opens from "Start walkthrough" at step 1, focuses its heading and loads its settings', async () => {
    const { state, runs, panel } = setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Start walkthrough' }));
    await settle();
    const first = lesson.steps[0];
    expect(stepLine(panel)).toBe(`Step 1 of ${lesson.steps.length}`);
    const heading = screen.getByRole('heading', { name: first.title });
    expect(document.activeElement).toBe(heading);
    expect(state.strategyPresetName).toBe('condor-only');
    expect(state.marketPresetName).toBe('calm');
    expect(state.config.paths).toBe(first.setup?.paths);
    // It ran those settings once.
    expect(runs).toEqual([configForSetup(first.setup!)]);
    expect(highlight.target?.ids).toEqual(['pnl-histogram']);
  });

  it('steps forward and back; each step with settings loads them', async () => {
    const { state, panel } = setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Start walkthrough' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await settle();
    expect(stepLine(panel)).toBe(`Step 2 of ${lesson.steps.length}`);
    expect(state.marketPresetName).toBe('crash-2008');
    await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await settle();
    expect(state.config.layers.map((l) => l.instrument)).toEqual(['vix-call']);
    await fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    await settle();
    expect(stepLine(panel)).toBe(`Step 1 of ${lesson.steps.length}`);
    expect(state.marketPresetName).toBe('calm');
    expect(screen.getByRole('button', { name: 'Back' }).hasAttribute('disabled')).toBe(true);
  });

  it('does not run again when the result on screen is already of the step’s settings', async () => {
    const { runs } = setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Start walkthrough' }));
    for (let i = 0; i < 4; i++) {
      await settle();
      await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    }
    await settle();
    // Steps 4 and 5 (calm vs stress, claims) share their settings: 4 runs for 5 steps.
    expect(runs).toHaveLength(4);
    expect(highlight.target?.ids).toEqual(['claims']);
  });

  it('leaves on Escape, keeps the lesson’s settings and gives the focus back to Start', async () => {
    const { state, panel } = setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Start walkthrough' }));
    await settle();
    await fireEvent.keyDown(screen.getByRole('button', { name: 'Next' }), { key: 'Escape' });
    await settle();
    expect(panel.querySelector('.count')).toBeNull();
    const start = screen.getByRole('button', { name: 'Start walkthrough' });
    expect(document.activeElement).toBe(start);
    expect(state.strategyPresetName).toBe('condor-only');
    expect(highlight.target).toBeNull();
  });

  it('going back over edits made in "Try your own" keeps them aside, to bring back', async () => {
    const { state, panel } = setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Start walkthrough' }));
    await settle();
    for (let i = 1; i < lesson.steps.length; i++) {
      await fireEvent.click(within(panel).getByRole('button', { name: 'Next' }));
      await settle();
    }
    state.set('capital', 250_000);
    await settle();
    await fireEvent.click(within(panel).getByRole('button', { name: 'Back' }));
    await settle();
    expect(state.config.capital).not.toBe(250_000);
    await fireEvent.click(within(panel).getByRole('button', { name: 'Bring back my edits' }));
    await settle();
    expect(state.config.capital).toBe(250_000);
  });

  it('"Leave and restore my settings" puts back the settings from before the walkthrough', async () => {
    const { state } = setup();
    const before = JSON.parse(JSON.stringify(state.config));
    await fireEvent.click(screen.getByRole('button', { name: 'Start walkthrough' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Leave and restore my settings' }));
    await settle();
    expect(JSON.parse(JSON.stringify(state.config))).toEqual(before);
  });

  it('says so when the user changes the settings mid-lesson, and goes on', async () => {
    const { state, panel } = setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Start walkthrough' }));
    await settle();
    state.set('seed', 99);
    await settle();
    expect(squash(panel.querySelector('[role="status"]')?.textContent ?? '')).toMatch(
      /^You changed the settings: the lesson goes on with yours/,
    );
    await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await settle();
    expect(stepLine(panel)).toBe(`Step 2 of ${lesson.steps.length}`);
    expect(state.config.seed).toBe(lesson.steps[1].setup?.seed);
  });

  it('keeps the step in storage and offers to resume it after a reload', async () => {
    const first = setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Start walkthrough' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(JSON.parse(first.map.get(WALKTHROUGH_STORAGE_KEY) ?? 'null')).toEqual({
      lesson: lesson.id,
      step: 2,
    });
    document.body.innerHTML = '';
    // A new page on the same storage.
    const { storage } = memoryStorage(Object.fromEntries(first.map));
    const second = setup({ storage });
    const resume = screen.getByRole('button', {
      name: `Resume walkthrough (step 3 of ${lesson.steps.length})`,
    });
    await fireEvent.click(resume);
    await settle();
    expect(stepLine(second.panel)).toBe(`Step 3 of ${lesson.steps.length}`);
    expect(second.state.config.layers).toHaveLength(1);
  });

  it('forgets the kept step when the lesson is finished', async () => {
    const { map } = setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Start walkthrough' }));
    for (let i = 1; i < lesson.steps.length; i++)
      await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Finish' }));
    await settle();
    expect(map.has(WALKTHROUGH_STORAGE_KEY)).toBe(false);
    expect(screen.queryByRole('button', { name: /^Resume walkthrough/ })).toBeNull();
  });

  it('works when storage throws (blocked storage): no resume offered, no crash', async () => {
    const throwing: WalkthroughStorage = {
      getItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
      removeItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
    };
    const { panel } = setup({ storage: throwing });
    expect(screen.queryByRole('button', { name: /^Resume walkthrough/ })).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Start walkthrough' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await settle();
    expect(stepLine(panel)).toBe(`Step 2 of ${lesson.steps.length}`);
  });

  it('in an embed, opens the lesson at once, stores nothing and does not take the focus', async () => {
    const { storage, map } = memoryStorage();
    const { panel, state } = setup({ storage, lesson: lesson.id, embedded: true });
    await settle();
    expect(stepLine(panel)).toBe(`Step 1 of ${lesson.steps.length}`);
    expect(state.marketPresetName).toBe('calm');
    expect(document.activeElement).toBe(document.body);
    await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(map.size).toBe(0);
    // The embed's panel stays in the page's flow (no floating dock).
    expect(panel.classList.contains('docked')).toBe(false);
  });

  it('shows one line listing the known lessons for an unknown lesson id', () => {
    setup({ lesson: 'no-such-lesson', embedded: true });
    expect(squash(screen.getByRole('alert').textContent)).toBe(
      `There is no lesson "no-such-lesson". Known lessons: ${LESSONS.map((l) => l.id).join(', ')}.`,
    );
    expect(screen.getByRole('button', { name: 'Start walkthrough' })).toBeTruthy();
  });

  it('reaches every button of a step by Tab order (no positive tabindex, none disabled off the first step)', async () => {
    const { panel } = setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Start walkthrough' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await settle();
    const buttons = Array.from(panel.querySelectorAll('button'));
    expect(buttons.map((b) => squash(b.textContent))).toEqual([
      'Hide text',
      'Back',
      'Next',
      'Leave walkthrough (keep these settings)',
      'Leave and restore my settings',
    ]);
    for (const b of buttons) {
      expect(b.tabIndex).toBe(0);
      expect(b.disabled).toBe(false);
    }
  });

  it('folds the step text away and back ("Hide text", aria-expanded)', async () => {
    const { panel } = setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Start walkthrough' }));
    await settle();
    const toggle = screen.getByRole('button', { name: 'Hide text' });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    await fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(squash(toggle.textContent)).toBe('Show text');
    expect(panel.querySelector('.body')?.hasAttribute('hidden')).toBe(true);
    // Heading and buttons stay.
    expect(screen.getByRole('button', { name: 'Next' })).toBeTruthy();
  });
});
