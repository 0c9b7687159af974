/**
 * The ArrayBuffers under a value, for `postMessage`/`Comlink.transfer` transfer lists: a shard's
 * typed arrays (tens of MB) move between threads instead of being copied.
 */

/**
 * Every ArrayBuffer under `value` (plain objects, arrays, typed arrays), each once. Typed arrays
 * are found with `ArrayBuffer.isView`, which works across realms where `instanceof` does not
 * (PITFALLS, Workers). SharedArrayBuffers are skipped: they are shared, not transferred.
 */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const walk = (x: unknown): void => {
    if (ArrayBuffer.isView(x)) {
      if (x.buffer instanceof ArrayBuffer) found.add(x.buffer);
    } else if (Array.isArray(x)) {
      for (const item of x) walk(item);
    } else if (typeof x === 'object' && x !== null) {
      for (const item of Object.values(x)) walk(item);
    }
  };
  walk(value);
  return [...found];
}
