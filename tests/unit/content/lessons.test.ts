/**
 * The lessons of the guided walkthrough (src/content/lessons.ts) as data: unique ids, 5–8 steps,
 * every step's settings accepted by the engine's validateConfig, every highlight a target the
 * results dashboard marks (RESULT_TARGET_IDS), and the hedge lesson's shape (issue 7 item 3).
 */
import { describe, expect, it } from 'vitest';
import {
  LESSONS,
  LESSON_VIX_CALL_LAYER,
  configForSetup,
  lessonById,
} from '../../../src/content/lessons.ts';
import { validateConfig, formatConfigError } from '../../../src/engine/index.ts';
import { RESULT_TARGET_IDS } from '../../../src/content/glossary.ts';

const steps = LESSONS.flatMap((lesson) => lesson.steps.map((step) => [lesson.id, step] as const));

describe('LESSONS', () => {
  it('has unique lesson ids, in kebab-case', () => {
    const ids = LESSONS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))(
    '%s has 5–8 steps with unique ids and text',
    (_, lesson) => {
      expect(lesson.steps.length).toBeGreaterThanOrEqual(5);
      expect(lesson.steps.length).toBeLessThanOrEqual(8);
      const ids = lesson.steps.map((s) => s.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(lesson.title.trim()).not.toBe('');
      expect(lesson.summary.trim()).not.toBe('');
      for (const step of lesson.steps) {
        expect(step.title.trim()).not.toBe('');
        expect(step.text.length).toBeGreaterThan(0);
      }
    },
  );

  it.each(steps.map(([lesson, step]) => [`${lesson}/${step.id}`, step] as const))(
    '%s: its settings pass validateConfig',
    (_, step) => {
      if (!step.setup) return;
      const checked = validateConfig(configForSetup(step.setup));
      expect(checked.ok ? [] : checked.errors.map(formatConfigError)).toEqual([]);
    },
  );

  it.each(steps.map(([lesson, step]) => [`${lesson}/${step.id}`, step] as const))(
    '%s: its highlight is a target of the results dashboard',
    (_, step) => {
      if (step.highlight) expect(RESULT_TARGET_IDS).toContain(step.highlight);
    },
  );

  it('never runs a step without settings it could run (a running step loads its settings)', () => {
    // A step that runs on whatever is on screen would not show what its text describes.
    for (const [, step] of steps) if (step.run) expect(step.setup).toBeDefined();
  });

  it('quotes no figures in its text (the numbers come from the run on screen)', () => {
    // Digits are allowed only in names the settings carry (2008, VIX 25, 30 %, 45 days, 1 %).
    const allowed = /\b(2008|25|30|45|69|9|1|5|2|95)\b/g;
    for (const [, step] of steps) {
      for (const text of step.text) expect(text.replace(allowed, '')).not.toMatch(/\$|\d/);
    }
  });
});

describe('the hedge lesson (issue 7 item 3)', () => {
  const lesson = lessonById('hedge-basics');

  it('goes calm condor → crash condor → one VIX call layer → calm vs stress → claims → your turn', () => {
    expect(lesson?.steps.map((s) => [s.setup?.strategy, s.setup?.market, s.highlight])).toEqual([
      ['condor-only', 'calm', 'pnl-histogram'],
      ['condor-only', 'crash-2008', 'pnl-histogram'],
      ['condor-only', 'crash-2008', 'headline'],
      ['condor-only', 'historical', 'calm-stress'],
      ['condor-only', 'historical', 'claims'],
      [undefined, undefined, undefined],
    ]);
    expect(lesson?.steps.at(-1)?.run).toBe(false);
  });

  it('uses one seed for every step, so the same market compares the same paths', () => {
    const seeds = new Set(lesson?.steps.flatMap((s) => (s.setup ? [s.setup.seed] : [])));
    expect(seeds.size).toBe(1);
  });

  it('adds exactly one VIX call layer from step 3 on', () => {
    const layers = lesson?.steps.map((s) => (s.setup ? configForSetup(s.setup).layers : null));
    expect(layers?.map((l) => l?.length ?? null)).toEqual([0, 0, 1, 1, 1, null]);
    expect(layers?.[2]?.[0]).toEqual(LESSON_VIX_CALL_LAYER);
    expect(LESSON_VIX_CALL_LAYER.instrument).toBe('vix-call');
  });
});

describe('configForSetup', () => {
  const setup = {
    strategy: 'condor-only',
    market: 'calm',
    paths: 1234,
    horizonDays: 100,
    seed: 9,
  } as const;

  it('sets the size, horizon and seed of the setup', () => {
    const config = configForSetup(setup);
    expect([config.paths, config.horizonDays, config.seed]).toEqual([1234, 100, 9]);
    expect(config.preset).toBe('condor-only');
  });

  it("names a config with added layers 'custom' (it is no longer the preset)", () => {
    expect(configForSetup({ ...setup, addLayers: [LESSON_VIX_CALL_LAYER] }).preset).toBe('custom');
  });

  it('returns a fresh object: editing it leaves the lesson data alone', () => {
    const config = configForSetup({ ...setup, addLayers: [LESSON_VIX_CALL_LAYER] });
    config.layers[0].dte = 1;
    expect(LESSON_VIX_CALL_LAYER.dte).toBe(45);
  });

  it('gives undefined for an unknown lesson id', () => {
    expect(lessonById('no-such-lesson')).toBeUndefined();
  });
});
