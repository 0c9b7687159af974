/**
 * `npx tsx src/cli/bench-slices.ts`: nanoseconds per lookup of the per-trading-day pricing slices
 * (src/engine/pricing/daily-slices.ts) against the tables they slice, plus slice build times and
 * sizes, as one JSON object on stdout. Historical preset, tables built as the strategy builds
 * them (createInstrumentPricing, 400 calendar days).
 *
 * Access patterns (each time includes the loop's own cost, about `loopNs`):
 * - condor: the strategy's. Per path-day one (v, days) and four legs — put, put, call, call at
 *   about −1.5, −1, +1, +1.5 standard units; the days to expiry are shared by blocks of 1,024
 *   paths (the condors of a simulated day), v differs per path.
 * - condorMixedDays: the same with a new days for every path (45 slices in play, caches miss).
 * - random: a new (v, days, type) on every lookup (the worst case for the memo).
 * - layers: one v per path, three VIX call layers at different days (shared by blocks of
 *   1,024 paths) and whole-point strikes 0.8–1.6 × the future.
 * Each timing is the best of several repeats (these machines are noisy; compare in the same
 * minute). Slices are built before timing; builds are timed separately on fresh slice sets.
 */
import { createInstrumentPricing } from '../engine/instruments/pricing-context.ts';
import type { OptionType } from '../engine/pricing/black-scholes.ts';
import {
  createSpxDailySlices,
  createVixOptionDailySlices,
} from '../engine/pricing/daily-slices.ts';
import { marketPreset } from '../engine/scenarios/market-presets.ts';

const TRADING_DAYS = 252;
const QUERIES = 1 << 14;
const MASK = QUERIES - 1;
const LOOKUPS = 4_000_000;
const REPEATS = 7;
const MAX_DAYS = 280;
/** Paths per block sharing the days to expiry: 2^10 = 1,024. */
const BLOCK_SHIFT = 10;
const LEG_TYPES: readonly OptionType[] = ['put', 'put', 'call', 'call'];
const LEG_UNITS = [-1.5, -1, 1, 1.5];

/** Seeded uniforms (mulberry32): the same queries on every run. */
function uniforms(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Best-of-REPEATS nanoseconds per lookup of `run`, which performs LOOKUPS lookups. */
function nsPerLookup(run: () => number): number {
  let best = Infinity;
  let sink = 0;
  for (let r = 0; r < REPEATS; r++) {
    const t0 = process.hrtime.bigint();
    sink += run();
    const ns = Number(process.hrtime.bigint() - t0) / LOOKUPS;
    if (ns < best) best = ns;
  }
  if (Number.isNaN(sink)) throw new Error('benchmark produced NaN');
  return +best.toFixed(1);
}

function main(): void {
  const market = marketPreset('historical').market;
  const t0 = process.hrtime.bigint();
  const pricing = createInstrumentPricing({ market, maxTimeYears: 400 / 365 });
  const tablesMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const spxTable = pricing.spx;
  const vixTable = pricing.vixOptions;

  // Queries: v with a heavy low end like the simulated variance, condor-like days and strikes.
  const rand = uniforms(42);
  const vs = new Float64Array(QUERIES);
  const days = new Int32Array(QUERIES);
  const legK = new Float64Array(QUERIES);
  const randomK = new Float64Array(QUERIES);
  const randomTypes: OptionType[] = [];
  const vixDays = new Int32Array(QUERIES);
  const vixStrikes = new Float64Array(QUERIES);
  for (let i = 0; i < QUERIES; i++) {
    vs[i] = 0.002 + 0.6 * rand() ** 3;
    days[i] = 1 + Math.floor(rand() * 45);
    vixDays[i] = 1 + Math.floor(rand() * 120);
  }
  for (let i = 0; i < QUERIES; i++) {
    // Condor-like strikes: ±1–1.5 standard units of a query's (v, days); the loops pair them
    // with other (v, days), which keeps them within a few standard units.
    const g = i >> 2;
    const s = Math.sqrt((vs[g] * days[g]) / TRADING_DAYS);
    legK[i] = LEG_UNITS[i & 3] * s * (0.8 + 0.4 * rand());
    const sr = Math.sqrt((vs[i] * days[i]) / TRADING_DAYS);
    randomK[i] = (rand() * 6 - 3) * sr;
    randomTypes.push(rand() < 0.5 ? 'put' : 'call');
    const forward = vixTable.future(vs[g], vixDays[i] / TRADING_DAYS);
    vixStrikes[i] = Math.round(forward * (0.8 + 0.8 * rand()));
  }

  const spx = createSpxDailySlices({ table: spxTable, maxDays: MAX_DAYS });
  const vix = createVixOptionDailySlices({ table: vixTable, maxDays: MAX_DAYS });
  for (let d = 1; d <= 45; d++) spx.sliceBytes(d);
  for (let d = 1; d <= 120; d++) vix.sliceBytes(d);

  // One loop per subject and pattern, so that every call site sees a single target. Loops run
  // over paths (PATHS_PER_RUN) and, inside, over the legs or layers of a path.
  const pathsPerRun = LOOKUPS / 4;
  const loop = () => {
    let sum = 0;
    for (let path = 0; path < pathsPerRun; path++) {
      const g = path & MASK;
      const d = days[(path >> BLOCK_SHIFT) & MASK];
      for (let leg = 0; leg < 4; leg++) {
        const j = (4 * path + leg) & MASK;
        sum += LEG_TYPES[leg] === 'put' ? vs[g] + legK[j] : d;
      }
    }
    return sum;
  };
  const condor = {
    table: () => {
      let sum = 0;
      for (let path = 0; path < pathsPerRun; path++) {
        const g = path & MASK;
        const t = days[(path >> BLOCK_SHIFT) & MASK] / TRADING_DAYS;
        for (let leg = 0; leg < 4; leg++) {
          sum += spxTable.price(LEG_TYPES[leg], vs[g], legK[(4 * path + leg) & MASK], t);
        }
      }
      return sum;
    },
    slice: () => {
      let sum = 0;
      for (let path = 0; path < pathsPerRun; path++) {
        const g = path & MASK;
        const d = days[(path >> BLOCK_SHIFT) & MASK];
        for (let leg = 0; leg < 4; leg++) {
          sum += spx.price(LEG_TYPES[leg], vs[g], legK[(4 * path + leg) & MASK], d);
        }
      }
      return sum;
    },
  };
  const condorMixedDays = {
    table: () => {
      let sum = 0;
      for (let path = 0; path < pathsPerRun; path++) {
        const g = path & MASK;
        const t = days[g] / TRADING_DAYS;
        for (let leg = 0; leg < 4; leg++) {
          sum += spxTable.price(LEG_TYPES[leg], vs[g], legK[(4 * path + leg) & MASK], t);
        }
      }
      return sum;
    },
    slice: () => {
      let sum = 0;
      for (let path = 0; path < pathsPerRun; path++) {
        const g = path & MASK;
        const d = days[g];
        for (let leg = 0; leg < 4; leg++) {
          sum += spx.price(LEG_TYPES[leg], vs[g], legK[(4 * path + leg) & MASK], d);
        }
      }
      return sum;
    },
  };
  const random = {
    table: () => {
      let sum = 0;
      for (let i = 0; i < LOOKUPS; i++) {
        const j = i & MASK;
        sum += spxTable.price(randomTypes[j], vs[j], randomK[j], days[j] / TRADING_DAYS);
      }
      return sum;
    },
    slice: () => {
      let sum = 0;
      for (let i = 0; i < LOOKUPS; i++) {
        const j = i & MASK;
        sum += spx.price(randomTypes[j], vs[j], randomK[j], days[j]);
      }
      return sum;
    },
  };
  // Three layers per path; the lookup count is 3 × paths, so run 4/3 as many paths.
  const layerPaths = LOOKUPS / 3;
  const layers = {
    table: () => {
      let sum = 0;
      for (let path = 0; path < layerPaths; path++) {
        const g = path & MASK;
        const block = (path >> BLOCK_SHIFT) * 3;
        for (let layer = 0; layer < 3; layer++) {
          const h = vixDays[(block + layer) & MASK] / TRADING_DAYS;
          sum += vixTable.price('call', vs[g], h, vixStrikes[(3 * path + layer) & MASK]);
        }
      }
      return sum;
    },
    slice: () => {
      let sum = 0;
      for (let path = 0; path < layerPaths; path++) {
        const g = path & MASK;
        const block = (path >> BLOCK_SHIFT) * 3;
        for (let layer = 0; layer < 3; layer++) {
          const d = vixDays[(block + layer) & MASK];
          sum += vix.price('call', vs[g], d, vixStrikes[(3 * path + layer) & MASK]);
        }
      }
      return sum;
    },
  };
  const timing = {
    loopNs: nsPerLookup(loop),
    spx: {
      condor: { tableNs: nsPerLookup(condor.table), sliceNs: nsPerLookup(condor.slice) },
      condorMixedDays: {
        tableNs: nsPerLookup(condorMixedDays.table),
        sliceNs: nsPerLookup(condorMixedDays.slice),
      },
      random: { tableNs: nsPerLookup(random.table), sliceNs: nsPerLookup(random.slice) },
    },
    vix: {
      layers: { tableNs: nsPerLookup(layers.table), sliceNs: nsPerLookup(layers.slice) },
    },
  };

  // Largest difference from the table over the benchmark's own queries (a sanity check; the
  // tests hold the stated bounds).
  let spxWorst = 0;
  let vixWorst = 0;
  for (let j = 0; j < QUERIES; j++) {
    const g = j >> 2;
    const type = LEG_TYPES[j & 3];
    const slice = spx.price(type, vs[g], legK[j], days[g]);
    const table = spxTable.price(type, vs[g], legK[j], days[g] / TRADING_DAYS);
    spxWorst = Math.max(spxWorst, Math.abs(slice - table));
    const h = vixDays[j] / TRADING_DAYS;
    const vixSlice = vix.price('call', vs[g], vixDays[j], vixStrikes[j]);
    vixWorst = Math.max(
      vixWorst,
      Math.abs(vixSlice - vixTable.price('call', vs[g], h, vixStrikes[j])),
    );
  }

  // Build time and size: each days built once on each of two fresh slice sets; the faster of
  // the two (the first build in a process also pays for compiling the builder).
  const buildDays = [1, 2, 5, 10, 21, 42, 63, 126, 189, 252, 280];
  const timeMs = (run: () => number) => {
    const start = process.hrtime.bigint();
    const bytes = run();
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, bytes };
  };
  const fresh = [0, 1].map(() => ({
    spx: createSpxDailySlices({ table: spxTable, maxDays: MAX_DAYS }),
    vix: createVixOptionDailySlices({ table: vixTable, maxDays: MAX_DAYS }),
  }));
  const builds = buildDays.map((d) => {
    const spxRuns = fresh.map((set) => timeMs(() => set.spx.sliceBytes(d)));
    const vixRuns = fresh.map((set) => timeMs(() => set.vix.sliceBytes(d)));
    return {
      days: d,
      spxMs: +Math.min(...spxRuns.map((r) => r.ms)).toFixed(2),
      spxKB: +(spxRuns[0].bytes / 1024).toFixed(1),
      vixMs: +Math.min(...vixRuns.map((r) => r.ms)).toFixed(2),
      vixKB: +(vixRuns[0].bytes / 1024).toFixed(1),
    };
  });

  const report = {
    market: 'historical',
    tablesBuildMs: Math.round(tablesMs),
    lookups: LOOKUPS,
    timing,
    maxAbsDiffOnQueries: { spxPerUnitSpot: spxWorst, vixPoints: vixWorst },
    builds,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main();
