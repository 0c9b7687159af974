/**
 * `npm run -s bench:browser` (`tsx src/cli/bench-browser.ts`): the app's end-to-end speed in
 * headless Chromium, as one JSON object on stdout (DESIGN §9). It builds nothing: it serves the
 * existing dist/ (`npx vite build` first) with the end-to-end harness and, for the ALVH example
 * strategy at 10,000 and 100,000 paths × 252 days with 1 and 2 workers (`?workers=N`), measures
 *
 * - the time from the click on "Run simulation" to the results' aria-busy="false" (measured in
 *   the page, so no test round trip is included), and to the first (partial) result on screen;
 * - the longest main-thread long task during the run, and the longest that changed no DOM (the
 *   pool's own work, as opposed to rendering results);
 * - the speed-up of 2 workers over 1.
 *
 * The reference kernel `node ../shared/bench/ref-heston-qe.mjs 10000 252` runs before and after
 * (same minute): its wall time, its throughput, and each click-to-done time scaled to a machine
 * where the kernel does 6 M path-steps/s — the machine DESIGN §9's targets (≤ 1.5 s and ≤ 12 s)
 * are stated for.
 *
 * Flags: --paths 10000,100000 --workers 1,2 --warmup-ms 2000 (time for the workers to start and
 * build their tables after the page loads, as a user would take before pressing Run).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launch, serveSite, type Session } from '../../tests/e2e/harness.ts';
import {
  longestTasks,
  readTimeline,
  recordTimeline,
  type PageGlobals,
} from '../../tests/e2e/page-timeline.ts';
import { CliError, integerFlag, parseFlags } from './args.ts';

/** DESIGN §9: the absolute targets hold where the reference kernel does ~6 M path-steps/s. */
const REFERENCE_MACHINE_STEPS_PER_SEC = 6e6;
const DAYS = 252;

/** In the page: click Run, resolve when the results go busy and then idle again. */
function clickRunAndWait(): Promise<{ start: number; end: number }> {
  const page = globalThis as unknown as PageGlobals;
  return new Promise((resolve, reject) => {
    const section = page.document.querySelector('section[aria-label="Results"]');
    const button = Array.from(page.document.querySelectorAll('button')).find(
      (b) => b.textContent?.trim() === 'Run simulation',
    );
    if (!section || !button) return reject(new Error('no Results section or Run button'));
    page.__timeline.firstResultAt = null;
    let busy = false;
    const start = performance.now();
    const observer = new page.MutationObserver(() => {
      const state = section.getAttribute('aria-busy');
      if (state === 'true') busy = true;
      else if (busy && state === 'false') {
        observer.disconnect();
        resolve({ start, end: performance.now() });
      }
    });
    observer.observe(section, { attributes: true, attributeFilter: ['aria-busy'] });
    button.click();
  });
}

/** One worker's time during a run, from the pool's task measures (pool.ts `markTask`). */
interface WorkerTime {
  worker: number;
  /** Milliseconds from dispatch to reply, summed by task kind. */
  shardMs: number;
  mergeMs: number;
  detailMs: number;
  /** Milliseconds after the click of its first dispatch and its last reply. */
  firstStartMs: number;
  lastEndMs: number;
}

interface Measurement {
  paths: number;
  workers: number;
  /** Where the workers' time went (the rest of clickToDoneMs is waiting and rendering). */
  workerTimes: WorkerTime[];
  clickToDoneMs: number;
  clickToFirstResultMs: number | null;
  longestTaskMs: number;
  longestNonRenderingTaskMs: number;
  workersInPage: number;
  consoleErrors: string[];
}

async function measure(
  session: Session,
  url: string,
  paths: number,
  workers: number,
  warmupMs: number,
): Promise<Measurement> {
  const { page, errors, context } = await session.newPage();
  try {
    await page.addInitScript(recordTimeline);
    await page.goto(`${url}?workers=${workers}`);
    await page.getByLabel('Strategy preset').selectOption('alvh-example');
    const pathsInput = page.getByLabel('Paths', { exact: true });
    await pathsInput.fill(String(paths));
    await pathsInput.blur();
    await page.waitForTimeout(warmupMs);
    const window = await page.evaluate(clickRunAndWait);
    const timeline = await readTimeline(page);
    const measures = await page.evaluate(() =>
      performance
        .getEntriesByType('measure')
        .filter((m) => m.name.startsWith('alvh:'))
        .map((m) => ({ name: m.name, start: m.startTime, duration: m.duration })),
    );
    const longest = longestTasks(timeline, window);
    return {
      paths,
      workers,
      workerTimes: workerTimes(measures, window.start),
      clickToDoneMs: Math.round(window.end - window.start),
      clickToFirstResultMs:
        timeline.firstResultAt === null ? null : Math.round(timeline.firstResultAt - window.start),
      longestTaskMs: Math.round(longest.all),
      longestNonRenderingTaskMs: Math.round(longest.notRendering),
      workersInPage: page.workers().length,
      consoleErrors: [...errors],
    };
  } finally {
    await context.close();
  }
}

/** Sums `alvh:<kind> <index> @<worker>` measures per worker (times relative to the click). */
function workerTimes(
  measures: { name: string; start: number; duration: number }[],
  click: number,
): WorkerTime[] {
  const byWorker = new Map<number, WorkerTime>();
  for (const m of measures) {
    const match = /^alvh:(\S+) \d+ @(\d+)$/.exec(m.name);
    if (!match) continue;
    const worker = Number(match[2]);
    const t = byWorker.get(worker) ?? {
      worker,
      shardMs: 0,
      mergeMs: 0,
      detailMs: 0,
      firstStartMs: Infinity,
      lastEndMs: 0,
    };
    if (match[1] === 'shard') t.shardMs += m.duration;
    else if (match[1] === 'detail') t.detailMs += m.duration;
    else t.mergeMs += m.duration;
    t.firstStartMs = Math.min(t.firstStartMs, m.start - click);
    t.lastEndMs = Math.max(t.lastEndMs, m.start + m.duration - click);
    byWorker.set(worker, t);
  }
  return [...byWorker.values()]
    .sort((a, b) => a.worker - b.worker)
    .map((t) => ({
      worker: t.worker,
      shardMs: Math.round(t.shardMs),
      mergeMs: Math.round(t.mergeMs),
      detailMs: Math.round(t.detailMs),
      firstStartMs: Math.round(t.firstStartMs),
      lastEndMs: Math.round(t.lastEndMs),
    }));
}

interface KernelRun {
  seconds: number;
  pathStepsPerSec: number;
}

function runKernel(path: string): KernelRun | null {
  if (!existsSync(path)) return null;
  const out = execFileSync(process.execPath, [path, '10000', String(DAYS)], { encoding: 'utf8' });
  const { seconds, pathStepsPerSec } = JSON.parse(out) as KernelRun;
  return { seconds, pathStepsPerSec };
}

function listFlag(flags: Map<string, string>, name: string, fallback: number[]): number[] {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  return raw.split(',').map((part) => {
    const value = integerFlag(new Map([[name, part]]), name) as number;
    if (value < 1) throw new CliError(`--${name}: must be positive whole numbers, got '${raw}'`);
    return value;
  });
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), ['paths', 'workers', 'warmup-ms']);
  const sizes = listFlag(flags, 'paths', [10_000, 100_000]);
  const workerCounts = listFlag(flags, 'workers', [1, 2]);
  const warmupMs = integerFlag(flags, 'warmup-ms') ?? 2000;
  const kernelPath = fileURLToPath(
    new URL('../../../shared/bench/ref-heston-qe.mjs', import.meta.url),
  );

  const before = runKernel(kernelPath);
  const site = await serveSite();
  const session = await launch(site.url);
  const runs: Measurement[] = [];
  try {
    for (const paths of sizes)
      for (const workers of workerCounts)
        runs.push(await measure(session, site.url, paths, workers, warmupMs));
  } finally {
    await session.close();
    await site.stop();
  }
  const after = runKernel(kernelPath);

  const kernelSteps = before && after ? (before.pathStepsPerSec + after.pathStepsPerSec) / 2 : null;
  const scale = kernelSteps ? kernelSteps / REFERENCE_MACHINE_STEPS_PER_SEC : null;
  const speedUp: Record<string, number> = {};
  for (const paths of sizes) {
    const one = runs.find((r) => r.paths === paths && r.workers === 1);
    const two = runs.find((r) => r.paths === paths && r.workers === 2);
    if (one && two) speedUp[String(paths)] = +(one.clickToDoneMs / two.clickToDoneMs).toFixed(2);
  }
  const report = {
    strategy: 'alvh-example',
    days: DAYS,
    runs: runs.map((r) => ({
      ...r,
      ...(scale ? { clickToDoneOnReferenceMachineMs: Math.round(r.clickToDoneMs * scale) } : {}),
      ...(before
        ? { ratioToKernelWallTime: +(r.clickToDoneMs / 1000 / before.seconds).toFixed(1) }
        : {}),
    })),
    speedUp2Workers: speedUp,
    longestTaskMs: Math.max(...runs.map((r) => r.longestTaskMs)),
    longestNonRenderingTaskMs: Math.max(...runs.map((r) => r.longestNonRenderingTaskMs)),
    referenceKernel: before
      ? {
          command: 'node ../shared/bench/ref-heston-qe.mjs 10000 252',
          wallSeconds: [before.seconds, after?.seconds ?? null],
          pathStepsPerSec: kernelSteps ? Math.round(kernelSteps) : null,
        }
      : null,
    targets: { clickToDone10kMs: 1500, clickToDone100kMs: 12_000, speedUp: 1.7, longTaskMs: 50 },
  };
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:browser: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
