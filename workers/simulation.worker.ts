/**
 * The simulation worker: a thin Comlink shell around the engine (no logic of its own beyond caching
 * the run's pricing tables). The main-thread pool (src/lib/compute/pool.ts) shards a run over
 * several of these, so each call gets a validated config (the pool validates; an invalid config
 * never reaches a worker).
 *
 * Typed arrays leave the worker by transfer (Comlink README, "Transfer handlers"): a shard's
 * outcomes and fan-chart counts are tens of MB, and copying them would stall the main thread.
 */
import { expose, releaseProxy, transfer, type ProxyMethods } from 'comlink';
import {
  buildPricingTables,
  mergeShards,
  replay,
  simulatePathDetail,
  simulateShard,
  type MarketConfig,
  type MergeOptions,
  type PathDetail,
  type PricingTables,
  type ReplayResult,
  type ReplaySeries,
  type SimulationConfig,
  type SimulationProgress,
  type SimulationRange,
  type SimulationResult,
  type SimulationShard,
} from '../src/engine/index.ts';
import { transferablesOf } from '../src/lib/compute/transferables.ts';

/** The last market's tables, keyed by the JSON of the market (one market at a time is enough). */
let cached: { key: string; tables: PricingTables } | null = null;

function tablesFor(market: MarketConfig): PricingTables {
  const key = JSON.stringify(market);
  if (cached?.key !== key) cached = { key, tables: buildPricingTables(market) };
  return cached.tables;
}

const api = {
  /** Builds and caches the pricing tables of `market`, so that a later run starts warm. */
  prepare(market: MarketConfig): void {
    tablesFor(market);
  },

  /**
   * Simulates one shard of paths. `onProgress` (a Comlink proxy) hears path-steps done; the
   * shard's typed arrays are transferred, not copied.
   */
  runShard(
    config: SimulationConfig,
    range: SimulationRange,
    onProgress?: (progress: SimulationProgress) => void,
  ): SimulationShard {
    try {
      // Through Comlink, onProgress is a proxy: each call posts a message (and returns a promise
      // that nobody needs).
      const shard = simulateShard(config, range, tablesFor(config.market), onProgress);
      return transfer(shard, transferablesOf(shard));
    } finally {
      // A proxied callback holds a MessagePort open until released.
      (onProgress as Partial<ProxyMethods> | undefined)?.[releaseProxy]?.();
    }
  },

  /**
   * Merges shards into the result (off the main thread: ~0.1–0.6 s for 10k–100k paths). The
   * shards were lent by transfer; they go back the same way with the result.
   */
  merge(
    config: SimulationConfig,
    shards: SimulationShard[],
    options?: MergeOptions,
  ): { result: SimulationResult; shards: SimulationShard[] } {
    const result = mergeShards(config, shards, options);
    return transfer({ result, shards }, transferablesOf(shards));
  },

  /** Re-runs one path with its events and daily series. */
  pathDetail(config: SimulationConfig, path: number): PathDetail {
    return simulatePathDetail(config, path, tablesFor(config.market));
  },

  /**
   * Replays the rules of `config` on an observed SPX/VIX series (one path, recorded), with the
   * cached tables of its market. The result is small (one path's series): copied, not transferred.
   */
  replay(config: SimulationConfig, series: ReplaySeries): ReplayResult {
    return replay(config, series, { tables: tablesFor(config.market) });
  },

  /**
   * Test hook (the pool's crash test, `?crashTest=1`): throws an uncaught error on the next turn
   * of the event loop, so the page sees the worker's 'error' event as in a real crash.
   */
  crash(): void {
    setTimeout(() => {
      throw new Error('simulated worker crash (crash test)');
    });
  },
};

/** The worker's API as the pool sees it through `Comlink.wrap` (as `Remote<SimulationWorkerApi>`). */
export type SimulationWorkerApi = typeof api;

expose(api, self);
