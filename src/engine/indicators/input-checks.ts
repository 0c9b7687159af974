/**
 * Input checks shared by the indicators. Each indicator checks a whole day's array before it
 * changes any state, so a bad value throws and leaves the indicator as it was (DESIGN §10).
 */

/** @throws RangeError unless pathCount is an integer ≥ 0. */
export function checkPathCount(pathCount: number): void {
  if (!Number.isInteger(pathCount) || pathCount < 0)
    throw new RangeError(`pathCount must be an integer ≥ 0, got ${pathCount}`);
}

/**
 * @throws RangeError naming `name` and the path if `values` holds fewer than pathCount entries or
 *   one of them is not finite (or, with `positive`, not > 0).
 */
export function checkDaySeries(
  name: string,
  values: Float64Array,
  pathCount: number,
  positive = false,
): void {
  if (values.length < pathCount)
    throw new RangeError(`${name} must hold pathCount = ${pathCount} values, got ${values.length}`);
  const low = positive ? 0 : -Infinity;
  for (let i = 0; i < pathCount; i++) {
    const x = values[i];
    if (!(x > low && x < Infinity)) {
      const rule = positive ? 'finite and > 0' : 'finite';
      throw new RangeError(`${name} must be ${rule} on every path, got ${x} on path ${i}`);
    }
  }
}
