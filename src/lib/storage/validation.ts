/**
 * Shared checks for data crossing the storage boundary: valibot pieces, issue messages that name
 * their field (`summary.hedged.mean.stdErr: must be a finite number or null`), a plain-data test
 * (what JSON and IndexedDB can both hold without change), deep equality of plain data, and a
 * JSON text of anything (for exporting a damaged record, which may hold what JSON cannot).
 */
import * as v from 'valibot';

/** Longest session name, characters. */
export const MAX_NAME_LENGTH = 100;

/** A session name: text, trimmed, 1–MAX_NAME_LENGTH characters. */
export const nameSchema = v.pipe(
  v.string('must be text'),
  v.trim(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters`),
);

/** A finite number or null (NaN and ±Infinity never reach storage). */
export const finiteOrNull = v.nullable(
  v.pipe(v.number('must be a finite number or null'), v.finite('must be a finite number or null')),
  null,
);

/** A time in ms since the epoch (after 2000-01-01, before 2200). */
export const timestampSchema = v.pipe(
  v.number('must be a time in ms'),
  v.integer('must be a whole number of ms'),
  v.minValue(946_684_800_000, 'must be a time after 2000'),
  v.maxValue(7_258_118_400_000, 'must be a time before 2200'),
);

/** Most problems named in one reason (the rest are counted). */
const MAX_REASONS = 5;

/** Joins problems into one reason: "a; b; c (and 4 more)". */
export function joinProblems(problems: readonly string[]): string {
  const shown = problems.slice(0, MAX_REASONS).join('; ');
  const more = problems.length - MAX_REASONS;
  return more > 0 ? `${shown} (and ${more} more)` : shown;
}

/** A config error under `prefix`: `config.market.rho: must be …`, or `config: config must be an object`. */
export function configErrorLine(
  error: { path: string; message: string },
  prefix = 'config',
): string {
  return error.path ? `${prefix}.${error.path}: ${error.message}` : `${prefix}: ${error.message}`;
}

/** `a.b[2].c` from a valibot issue. */
export function issuePath(issue: v.BaseIssue<unknown>): string {
  let path = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    if (typeof key === 'number') path += `[${key}]`;
    else path += path ? `.${String(key)}` : String(key);
  }
  return path;
}

/** One line per issue: `prefix.path: message` ("is missing" for an absent field). */
export function issueLines(issues: readonly v.BaseIssue<unknown>[], prefix = ''): string[] {
  return issues.map((issue) => {
    const path = issuePath(issue);
    const where = prefix && path ? `${prefix}.${path}` : prefix || path;
    const message =
      issue.received === 'undefined' && issue.kind === 'schema' ? 'is missing' : issue.message;
    return where ? `${where}: ${message}` : message;
  });
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * True if `x` is plain JSON data: null, booleans, finite numbers, strings, arrays and plain
 * objects of them, no deeper than `maxDepth`. Proxies of plain objects pass (they look plain), so
 * callers still `$state.snapshot` before storing. Never throws.
 */
export function isPlainData(x: unknown, maxDepth = 32): boolean {
  if (x === null || typeof x === 'boolean' || typeof x === 'string') return true;
  if (typeof x === 'number') return Number.isFinite(x);
  if (maxDepth <= 0) return false;
  try {
    if (Array.isArray(x)) return x.every((item) => isPlainData(item, maxDepth - 1));
    if (!isPlainObject(x)) return false;
    return Object.values(x).every((item) => isPlainData(item, maxDepth - 1));
  } catch {
    return false;
  }
}

/** Deep equality of plain data, key order ignored. */
export function samePlainData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => samePlainData(item, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = Object.keys(ra);
  return (
    keys.length === Object.keys(rb).length &&
    keys.every((key) => Object.hasOwn(rb, key) && samePlainData(ra[key], rb[key]))
  );
}

/**
 * JSON text of any value, never throwing: what JSON cannot hold is spelled out (`"NaN"`,
 * `"123n"`, `"[Repeated]"` for cycles, `"[Map]"`, `"[undefined]"`), so a damaged record can still be
 * exported for a bug report.
 */
export function jsonOfAnything(value: unknown): string {
  const seen = new WeakSet<object>();
  const replace = (_key: string, x: unknown): unknown => {
    if (typeof x === 'number' && !Number.isFinite(x)) return String(x);
    if (typeof x === 'bigint') return `${x}n`;
    if (x === undefined) return '[undefined]';
    if (typeof x === 'function' || typeof x === 'symbol') return `[${typeof x}]`;
    if (typeof x === 'object' && x !== null) {
      // Also marks a value met twice without a cycle: a bug report only needs to see it once.
      if (seen.has(x)) return '[Repeated]';
      seen.add(x);
      if (x instanceof Map) return { '[Map]': [...x.entries()] };
      if (x instanceof Set) return { '[Set]': [...x.values()] };
      if (ArrayBuffer.isView(x) || x instanceof ArrayBuffer) return `[${x.constructor.name}]`;
    }
    return x;
  };
  try {
    return JSON.stringify(value, replace, 2) ?? 'null';
  } catch (error) {
    return JSON.stringify(`[unserialisable: ${String(error)}]`);
  }
}
