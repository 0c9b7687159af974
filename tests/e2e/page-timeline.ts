/**
 * The main thread's timeline during a run, recorded in the page: every long task
 * (PerformanceObserver 'longtask') and every DOM update (MutationObserver), and when the first
 * result appeared. A long task with a DOM update inside it is rendering; one without is other work
 * (the pool's). Shared by the e2e tests (tests/e2e/run.test.ts) and `npm run bench:browser`; no
 * test-runner imports, so the Node CLI can use it too.
 */
import type { Page } from 'playwright-core';

export interface Timeline {
  /** Main-thread long tasks (start and duration, ms of page time). */
  longTasks: { start: number; duration: number }[];
  /** When the DOM changed (one entry per MutationObserver callback). */
  mutations: number[];
  /** When the results' summary first appeared, ms of page time (reset before each run). */
  firstResultAt: number | null;
}

/**
 * The browser globals the in-page scripts use, typed here because the callers type-check in the
 * Node program (no DOM types). Scripts reach them through `globalThis as unknown as PageGlobals`.
 */
export interface PageGlobals {
  __timeline: Timeline;
  document: {
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): ArrayLike<PageElement>;
  };
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: Record<string, unknown>): void;
    disconnect(): void;
  };
  PerformanceObserver: new (
    callback: (list: { getEntries(): { startTime: number; duration: number }[] }) => void,
  ) => { observe(options: { type: string; buffered?: boolean }): void };
}

export interface PageElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
  click(): void;
}

/** Install with `page.addInitScript(recordTimeline)`, before the page's own scripts. */
export function recordTimeline(): void {
  const page = globalThis as unknown as PageGlobals;
  const timeline: Timeline = { longTasks: [], mutations: [], firstResultAt: null };
  page.__timeline = timeline;
  new page.PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      timeline.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  new page.MutationObserver(() => {
    const now = performance.now();
    timeline.mutations.push(now);
    if (
      timeline.firstResultAt === null &&
      page.document.querySelector('[data-testid="summary-json"]')
    )
      timeline.firstResultAt = now;
  }).observe(page.document, {
    subtree: true,
    childList: true,
    attributes: true,
    characterData: true,
  });
}

/** The recorded timeline of a page set up with `recordTimeline`. */
export function readTimeline(page: Page): Promise<Timeline> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).__timeline);
}

/**
 * The longest long task that started inside `window` (ms of page time): of all of them, and of
 * those that updated no DOM. The MutationObserver callback runs at the end of the task that changed
 * the DOM (a microtask), a few ms past the long task's reported end at most.
 */
export function longestTasks(
  timeline: Timeline,
  window: { start: number; end: number },
): { all: number; notRendering: number } {
  const inWindow = timeline.longTasks.filter(
    (t) => t.start >= window.start && t.start <= window.end,
  );
  const renders = (t: { start: number; duration: number }) =>
    timeline.mutations.some((m) => m >= t.start && m <= t.start + t.duration + 16);
  const longest = (ts: { duration: number }[]) => Math.max(0, ...ts.map((t) => t.duration));
  return { all: longest(inWindow), notRendering: longest(inWindow.filter((t) => !renders(t))) };
}
