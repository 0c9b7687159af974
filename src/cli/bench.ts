/**
 * `npm run -s bench`: engine throughput (path-steps per second, one thread) and peak memory, as
 * one JSON object on stdout. Each workload runs in its own child process so its peak RSS is its
 * own. The reference kernel ../shared/bench/ref-heston-qe.mjs (a bare plain-JS Heston-QE loop) is
 * run in the same minute when present, and every workload reports its ratio to it: machines here
 * vary 2× from day to day, the ratio much less.
 *
 * Workloads (DESIGN §9, issue targets per thread: bareModel ≥ 0.6×, modelWithCurve ≥ 0.4× ref):
 * - bareModel: SVCJ paths under P only (SvcjPathBlock.step).
 * - modelWithCurve: plus VIX, VIX3M, VIX6M per path-step and two VIX-futures lookups (front and
 *   second month) from the run's curve table.
 * - condorOnly: `simulate()` of the default config (market, §8 statistics, the condor cycle with
 *   daily marks, outcome statistics; sampled-path details off), pricing tables included.
 * - fullStrategy: the same with three hedge layers (strategy preset `split-442-budget`); the issue's
 *   target is ≥ 1/3 of the reference per thread, memory for 100k paths < 300 MB.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultConfig } from '../engine/config/defaults.ts';
import { CALENDAR_DAYS_PER_YEAR } from '../engine/model/market-params.ts';
import { SvcjPathBlock } from '../engine/model/svcj-paths.ts';
import { vixCoefficients } from '../engine/pricing/vix-index.ts';
import { strategyPreset } from '../engine/scenarios/strategy-presets.ts';
import { createVixCurveTable } from '../engine/pricing/vix-tables.ts';
import { simulate } from '../engine/simulate.ts';
import { MAX_TENOR_YEARS } from '../engine/strategy/strategy-tables.ts';

type Workload = 'bareModel' | 'modelWithCurve' | 'condorOnly' | 'fullStrategy';
const WORKLOADS: Workload[] = ['bareModel', 'modelWithCurve', 'condorOnly', 'fullStrategy'];
const SIZES = [10_000, 100_000];
const DAYS = 252;

interface Measurement {
  paths: number;
  days: number;
  seconds: number;
  pathStepsPerSec: number;
  peakRssMB: number;
}

function runWorkload(workload: Workload, paths: number, days: number): number {
  const config = defaultConfig();
  const market = config.market;
  const t0 = process.hrtime.bigint();
  if (workload === 'condorOnly') {
    simulate({ ...config, paths, horizonDays: days }, { details: false });
  } else if (workload === 'fullStrategy') {
    simulate(
      { ...strategyPreset('split-442-budget'), paths, horizonDays: days },
      { details: false },
    );
  } else {
    const block = new SvcjPathBlock({
      params: market,
      measure: 'P',
      seed: 7,
      firstPath: 0,
      pathCount: paths,
    });
    if (workload === 'bareModel') {
      for (let d = 0; d < days; d++) block.step();
    } else {
      // Only the futures curve: the run's SPX and VIX option tables are not part of this workload.
      const vixCurve = createVixCurveTable({
        kappa: market.kappaQ,
        theta: market.thetaQ,
        sigma: market.sigma,
        jumps: market.jumps,
        maxHorizonYears: MAX_TENOR_YEARS,
      });
      const q = { kappa: market.kappaQ, theta: market.thetaQ, jumps: market.jumps };
      const c30 = vixCoefficients(q);
      const c93 = vixCoefficients({ ...q, tau: 93 / CALENDAR_DAYS_PER_YEAR });
      const c182 = vixCoefficients({ ...q, tau: 182 / CALENDAR_DAYS_PER_YEAR });
      const vix = new Float64Array(paths);
      const vix3m = new Float64Array(paths);
      const vix6m = new Float64Array(paths);
      const front = new Float64Array(paths);
      const second = new Float64Array(paths);
      for (let d = 0; d < days; d++) {
        block.step();
        const v = block.variance;
        // Front and second month futures at their remaining life on this day (monthly cycle).
        const hFront = (((21 - (d % 21)) / 21) * 30) / CALENDAR_DAYS_PER_YEAR;
        const hSecond = hFront + 30 / CALENDAR_DAYS_PER_YEAR;
        const frontCurve = vixCurve.slice(hFront);
        const secondCurve = vixCurve.slice(hSecond);
        for (let i = 0; i < paths; i++) {
          const vi = v[i];
          vix[i] = 100 * Math.sqrt(c30.a * vi + c30.c);
          vix3m[i] = 100 * Math.sqrt(c93.a * vi + c93.c);
          vix6m[i] = 100 * Math.sqrt(c182.a * vi + c182.c);
          front[i] = frontCurve.future(vi);
          second[i] = secondCurve.future(vi);
        }
      }
    }
  }
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function child(args: string[]): void {
  const [workload, pathsRaw, daysRaw] = args;
  const paths = Number(pathsRaw);
  const days = Number(daysRaw);
  const seconds = runWorkload(workload as Workload, paths, days);
  const m: Measurement = {
    paths,
    days,
    seconds: +seconds.toFixed(3),
    pathStepsPerSec: Math.round((paths * days) / seconds),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(JSON.stringify(m));
}

function spawnJson<T>(args: string[]): T {
  const out = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out) as T;
}

function parent(): void {
  const self = fileURLToPath(import.meta.url);
  const refKernel = fileURLToPath(
    new URL('../../../shared/bench/ref-heston-qe.mjs', import.meta.url),
  );
  const runRef = () =>
    existsSync(refKernel)
      ? spawnJson<{ pathStepsPerSec: number }>([refKernel, '50000', String(DAYS)]).pathStepsPerSec
      : null;
  const refBefore = runRef();
  const report: Record<string, unknown> = {};
  for (const workload of WORKLOADS) {
    report[workload] = SIZES.map((paths) =>
      spawnJson<Measurement>([
        '--import',
        'tsx',
        self,
        '--child',
        workload,
        String(paths),
        String(DAYS),
      ]),
    );
  }
  const refAfter = runRef();
  if (refBefore !== null && refAfter !== null) {
    const ref = (refBefore + refAfter) / 2;
    const ratios: Record<string, number> = {};
    for (const workload of WORKLOADS) {
      const best = Math.max(...(report[workload] as Measurement[]).map((m) => m.pathStepsPerSec));
      ratios[workload] = +(best / ref).toFixed(3);
    }
    report.reference = {
      kernel: 'shared/bench/ref-heston-qe.mjs 50000 252',
      pathStepsPerSec: Math.round(ref),
      runs: [refBefore, refAfter],
    };
    report.ratioToReference = ratios;
  } else {
    report.reference = null;
  }
  report.node = process.version;
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') child(argv.slice(1));
else parent();
