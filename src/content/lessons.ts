/**
 * Guided walkthroughs (issue 7 item 3) as data: each lesson is a short list of steps; a step says
 * what to do and what to look at, may load settings (strategy and market presets, size, horizon,
 * seed) and run them, and names the result element to highlight (an id of `RESULT_TARGETS`,
 * src/content/glossary.ts). src/lib/state/walkthrough.svelte.ts plays them; the
 * component src/components/learn/Walkthrough.svelte shows them; `?embed=1&lesson=<id>` opens one.
 *
 * The text never quotes a figure: the numbers come from the run on screen (same seed ⇒ same
 * numbers, but a changed engine changes them). The size of every run is small (2,000 paths, one
 * year) so a step runs in a second or two; every step uses the same seed, so the steps compare
 * the same random market paths (common random numbers) wherever the market is the same.
 *
 * Tested in tests/unit/content/lessons.test.ts: ids unique, 5–8 steps, every setup passes the
 * engine's `validateConfig`, every highlight is a dashboard target.
 */
import {
  defaultHedgeLayer,
  strategyPreset,
  type HedgeLayerConfig,
  type MarketPresetName,
  type SimulationConfig,
  type StrategyPresetName,
} from '../engine/index.ts';
import type { ResultTargetId } from './glossary.ts';

/** The settings a step loads (applied as a whole: a lesson step is reproducible). */
export interface LessonSetup {
  /** The strategy preset (condor and layers). */
  strategy: StrategyPresetName;
  /** The market preset (market and shocks). */
  market: MarketPresetName;
  /** Layers added after the preset's own. */
  addLayers?: readonly HedgeLayerConfig[];
  /** Simulated paths. */
  paths: number;
  /** Horizon, trading days. */
  horizonDays: number;
  /** Random seed (the same seed gives the same market paths). */
  seed: number;
}

/** One step of a lesson. */
export interface LessonStep {
  /** Stable kebab-case id, unique in its lesson. */
  id: string;
  /** Short heading. */
  title: string;
  /** Paragraphs of plain text: what to do, what to look at. No figures (module comment). */
  text: readonly string[];
  /** Settings to load on entering the step; absent: the settings stay as they are. */
  setup?: LessonSetup;
  /** Whether entering the step runs the simulation (skipped when the result on screen is of it). */
  run: boolean;
  /** The result element to point at, if any. */
  highlight?: ResultTargetId;
}

/** A lesson: a title, one sentence of what it teaches, and its steps (5–8). */
export interface Lesson {
  /** Stable kebab-case id (`?lesson=<id>`). */
  id: string;
  title: string;
  summary: string;
  steps: readonly LessonStep[];
}

/**
 * The one VIX call layer of the hedge lesson: the app's "Add layer" default (long VIX calls about
 * 30 % above the VIX future, 45 days to expiry, 1 % of capital, switched on at VIX 25), named.
 */
export const LESSON_VIX_CALL_LAYER: HedgeLayerConfig = defaultHedgeLayer({
  name: 'VIX calls at VIX 25',
  vixAtLeast: 25,
});

/** Size of every lesson run: small enough for a second or two in the browser. */
const SIZE = { paths: 2000, horizonDays: 252, seed: 1 } as const;

/**
 * The first lesson (issue 7 item 3): the condor alone in a calm market, the same in a crash, one
 * VIX call layer added, its cost in calm paths against its payoff in stress paths, the claims
 * check, then the controls back to the learner.
 */
const HEDGE_BASICS: Lesson = {
  id: 'hedge-basics',
  title: 'What a VIX hedge costs and what it buys',
  summary:
    'Run an iron condor alone, then in a crash, then with one layer of VIX calls, and read what the layer cost and what it paid.',
  steps: [
    {
      id: 'calm-condor',
      title: 'The condor alone, in a calm market',
      text: [
        'An iron condor sells an SPX put and an SPX call out of the money and buys further-out ones as wings. It keeps its credit when the SPX stays between the sold strikes, and loses at most the wing width minus the credit when it does not. This step runs the condor alone, with no hedge, for one year of a calm, low-VIX market, on the number of random market paths shown above.',
        'Look at the highlighted P&L histogram: where most paths end, and how far the left tail (the losing paths) reaches. Note the mean and the CVaR 95 % (the average loss of the worst 5 % of paths) in the headline figures: the next step compares them.',
      ],
      setup: { strategy: 'condor-only', market: 'calm', ...SIZE },
      run: true,
      highlight: 'pnl-histogram',
    },
    {
      id: 'crash-condor',
      title: 'The same condor in a crash',
      text: [
        'Same condor, same rules, same seed, but the market of autumn 2008: VIX starts at 25 and two crash days are scheduled (the SPX gaps down about 9 % with VIX near 69).',
        'Compare the histogram and the CVaR 95 % with the calm run. The losses in the left tail are the risk a hedge is meant to cut.',
      ],
      setup: { strategy: 'condor-only', market: 'crash-2008', ...SIZE },
      run: true,
      highlight: 'pnl-histogram',
    },
    {
      id: 'one-layer',
      title: 'Add one VIX call layer',
      text: [
        'Now one hedge layer is added to the same condor in the same crash: VIX calls about 30 % above the VIX future with 45 days to expiry, bought with 1 % of capital whenever the VIX closes at 25 or above. VIX calls gain when the SPX falls hard, because the VIX jumps. The layer’s card is under Hedge layers in the settings.',
        'The headline figures now show two books: the condor alone and the condor with the layer, run on the same paths. “What the layers changed” is the difference, path by path, with its standard error (±).',
      ],
      setup: {
        strategy: 'condor-only',
        market: 'crash-2008',
        addLayers: [LESSON_VIX_CALL_LAYER],
        ...SIZE,
      },
      run: true,
      highlight: 'headline',
    },
    {
      id: 'calm-vs-stress',
      title: 'What the hedge costs in calm paths and pays in stress paths',
      text: [
        'One crash is one scenario. This step runs the same condor and layer on the historical market, where some paths stay calm and others go through stress (the table says how a stress path is defined).',
        'The calm row is what the layer cost when little happened; the stress row is what it paid, or cost, when something did. A hedge earns its place only if the stress payoff outweighs the calm cost, weighted by how often each happens (the share column). Check the signs and the ± before drawing a conclusion: a layer that switches on only after the VIX has jumped buys its calls when they are already expensive.',
      ],
      setup: {
        strategy: 'condor-only',
        market: 'historical',
        addLayers: [LESSON_VIX_CALL_LAYER],
        ...SIZE,
      },
      run: true,
      highlight: 'calm-stress',
    },
    {
      id: 'claims',
      title: 'The claims check',
      text: [
        'The methodology claims that its hedges cut the worst losses and drawdowns, rescue condors whose strikes were breached and flatten the book’s beta, at a small cost. The claims check tests each claim on this run.',
        'Read each verdict with its sentence, which says what was measured. “Unclear” means the difference is within two standard errors of zero: more paths or another seed could change the answer. A claim that holds for one layer on one market may fail for another.',
      ],
      setup: {
        strategy: 'condor-only',
        market: 'historical',
        addLayers: [LESSON_VIX_CALL_LAYER],
        ...SIZE,
      },
      run: true,
      highlight: 'claims',
    },
    {
      id: 'your-turn',
      title: 'Try your own',
      text: [
        'The settings are yours now. Change the layer’s trigger (VIX at least …), its size or its days to expiry, switch the market preset, or load the “ALVH example” strategy preset with its four layers, then press Run simulation.',
        'Keep the seed to compare like with like: the same seed gives the same random market paths, so a difference between two runs comes from your change. The glossary below explains each term.',
      ],
      run: false,
    },
  ],
};

/** Every lesson, in the order the app offers them. */
export const LESSONS: readonly Lesson[] = [HEDGE_BASICS];

/** The lesson with this id, or undefined. */
export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((lesson) => lesson.id === id);
}

/**
 * The config a step's setup loads: the strategy preset on the market preset, the added layers
 * after the preset's own, and the run size. With added layers the `preset` name becomes 'custom'
 * (the config is no longer that preset). A fresh object on every call.
 */
export function configForSetup(setup: LessonSetup): SimulationConfig {
  const config = strategyPreset(setup.strategy, { market: setup.market });
  const added = (setup.addLayers ?? []).map((layer) => structuredClone(layer));
  const result: SimulationConfig = {
    ...config,
    layers: [...config.layers, ...added],
    paths: setup.paths,
    horizonDays: setup.horizonDays,
    seed: setup.seed,
  };
  return added.length > 0 ? { ...result, preset: 'custom' } : result;
}
