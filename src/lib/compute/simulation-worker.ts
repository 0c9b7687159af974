/**
 * The browser side of the simulation worker: the only code that constructs a Worker. It wraps
 * workers/simulation.worker.ts with Comlink and adapts it to the pool's `PoolWorker` interface
 * (progress callbacks are passed as Comlink proxies; uncaught errors become `onError` calls).
 *
 * `new Worker(new URL(…, import.meta.url), { type: 'module' })` is the form Vite recognises and
 * bundles (the worker lives outside Vite's root, src/; `vite build` emits it as its own chunk).
 */
import { proxy, transfer, wrap, type Endpoint } from 'comlink';
import type { SimulationWorkerApi } from '../../../workers/simulation.worker.ts';
import { SimulationPool, type PoolWorker, type SimulationPoolOptions } from './pool.ts';
import { transferablesOf } from './transferables.ts';

/** The part of the DOM's Worker this module uses. */
type DedicatedWorker = Endpoint & {
  onerror: ((event: { message: string; preventDefault(): void }) => void) | null;
  terminate(): void;
};

/**
 * The page's Worker constructor, typed structurally: RunState imports this module, and its unit
 * tests type-check in the Node program, which has no DOM types. (Vite finds the worker by the
 * text `new Worker(new URL(…, import.meta.url))` below, whatever the binding.)
 */
const { Worker } = globalThis as unknown as {
  Worker: new (url: URL, options: { type: 'module'; name: string }) => DedicatedWorker;
};

/** Starts one simulation worker. */
export function createSimulationWorker(): PoolWorker {
  if (typeof Worker !== 'function')
    throw new Error('This browser cannot start Web Workers, which the simulation needs.');
  const worker = new Worker(new URL('../../../workers/simulation.worker.ts', import.meta.url), {
    type: 'module',
    name: 'simulation',
  });
  const remote = wrap<SimulationWorkerApi>(worker);
  const listeners: ((message: string) => void)[] = [];
  worker.onerror = (event) => {
    // Handled here (not reported to the console as uncaught): the pool tells the user and
    // replaces the worker.
    event.preventDefault();
    for (const listener of listeners) listener(event.message);
  };
  return {
    api: {
      prepare: (market) => remote.prepare(market),
      runShard: (config, range, onProgress) =>
        remote.runShard(config, range, onProgress ? proxy(onProgress) : undefined),
      merge: (config, shards, options) =>
        remote.merge(config, transfer(shards, transferablesOf(shards)), options),
      pathDetail: (config, path) => remote.pathDetail(config, path),
      replay: (config, series) => remote.replay(config, series),
      crash: () => remote.crash(),
    },
    onError(listener) {
      listeners.push(listener);
    },
    terminate() {
      worker.terminate();
    },
  };
}

/** A pool of real simulation workers (the app's; options as `SimulationPool` minus the factory). */
export function createBrowserPool(
  options: Omit<SimulationPoolOptions, 'createWorker'> = {},
): SimulationPool {
  return new SimulationPool({ ...options, createWorker: createSimulationWorker });
}
