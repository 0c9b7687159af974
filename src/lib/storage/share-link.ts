/**
 * Share links: the whole config (seed included) in the URL hash — never sent to a server, and it
 * survives static hosts (PITFALLS "Share links"). Opening the link reproduces the config, and so
 * the run (same seed + same config ⇒ identical numbers).
 *
 * Format: `#v<link version>.<payload>`.
 * - v1 (current): payload = base64url(deflate-raw(UTF-8 JSON of the validated config)), via the
 *   browser's CompressionStream (Chromium 80+, Firefox 113+, Safari 16.4+, Node 18+). The default
 *   config is ~1.5 kB of JSON and ~0.8 kB of hash.
 * - v0: payload = base64url(UTF-8 JSON), no compression. Still decoded (old links keep working)
 *   and still written where CompressionStream is missing.
 * Link versions change how the bytes are packed; the config inside carries its own `version`,
 * migrated by the engine's `validateConfig`. Decoding validates everything and never throws: a
 * damaged, truncated, oversized or out-of-range link gives `{ ok: false, reason }` in words for a
 * `role="alert"`, and the app then opens the default config without touching saved sessions.
 * Tested with fast-check (round trip of varied valid configs; arbitrary strings never throw) and
 * fixed v0/v1 fixtures in tests/unit/lib/storage/share-link.test.ts.
 */
import { formatConfigError, validateConfig, type SimulationConfig } from '../../engine/index.ts';
import { StorageError } from './errors.ts';
import { joinProblems } from './validation.ts';

/** Link version written by `encodeShareHash` (when CompressionStream exists). */
export const SHARE_LINK_VERSION = 1;

/** Longest hash decoded, characters (the largest valid config packs to ~10 kB). */
export const MAX_SHARE_HASH_CHARS = 100_000;

/** Most bytes a payload may unpack to (guards against a deflate bomb). */
export const MAX_SHARE_JSON_BYTES = 1_000_000;

/** The outcome of reading a link. `version` is the link version it was written in. */
export type ShareDecode =
  { ok: true; config: SimulationConfig; version: number } | { ok: false; reason: string };

const HASH = /^#?v(\d{1,6})\.([\s\S]*)$/;

/** True if `hash` looks like a share link (`#v<n>.…`), as opposed to an in-page anchor. */
export function isShareHash(hash: string): boolean {
  return HASH.test(hash);
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  // Chunks keep String.fromCharCode under engines' argument-count limits.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const base64 =
    text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Pipes `bytes` through a (de)compression stream; null if the output would exceed `maxBytes`.
 * Rejects if the stream fails (corrupt data).
 */
async function pipeThrough(
  bytes: Uint8Array<ArrayBuffer>,
  stream: CompressionStream | DecompressionStream,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const writer = stream.writable.getWriter();
  // Their failures surface on the readable side; these promises must not go unhandled.
  writer.write(bytes).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** True where the browser can pack links (CompressionStream with 'deflate-raw'). */
export function canCompress(): boolean {
  try {
    return typeof CompressionStream === 'function' && !!new CompressionStream('deflate-raw');
  } catch {
    return false;
  }
}

function validOrThrow(config: SimulationConfig): SimulationConfig {
  const checked = validateConfig(config);
  if (!checked.ok) {
    throw new StorageError(
      'invalid',
      `Only valid settings can be shared: ${joinProblems(checked.errors.map(formatConfigError))}.`,
    );
  }
  return checked.config;
}

/** The v0 hash of a config: `#v0.` + base64url(JSON), no compression. Throws 'invalid' if invalid. */
export function encodeShareHashV0(config: SimulationConfig): string {
  const json = JSON.stringify(validOrThrow(config));
  return `#v0.${toBase64Url(new TextEncoder().encode(json))}`;
}

/**
 * The hash of a config: `#v1.` + base64url(deflate-raw(JSON)), or the v0 form where the browser
 * has no CompressionStream. The config is validated first (StorageError 'invalid' naming the
 * field: a Share button should be disabled for an invalid config).
 */
export async function encodeShareHash(config: SimulationConfig): Promise<string> {
  const valid = validOrThrow(config);
  if (!canCompress()) return encodeShareHashV0(valid);
  const json = new TextEncoder().encode(JSON.stringify(valid));
  const packed = await pipeThrough(json, new CompressionStream('deflate-raw'), Infinity);
  return `#v${SHARE_LINK_VERSION}.${toBase64Url(packed!)}`;
}

/**
 * A full share URL: `base` (the app's URL; its query and hash are dropped, so an embed's
 * `?embed=1` does not travel) with the config's hash.
 */
export async function shareUrl(options: {
  config: SimulationConfig;
  base: string;
}): Promise<string> {
  const url = new URL(options.base);
  url.search = '';
  url.hash = await encodeShareHash(options.config);
  return url.href;
}

const DAMAGED = 'The link is damaged';
const COPY_HINT = 'was it cut short or changed when it was copied?';

/** Unpacks a payload of link version `version` to JSON bytes, or a reason. */
async function unpack(version: number, payload: string): Promise<Uint8Array | string> {
  if (payload === '') return 'The link has no settings in it.';
  if (!/^[A-Za-z0-9_-]*$/.test(payload)) {
    return `${DAMAGED}: it has characters that do not belong in it (${COPY_HINT})`;
  }
  const bytes = fromBase64Url(payload);
  if (!bytes) return `${DAMAGED}: its data is incomplete (${COPY_HINT})`;
  if (version === 0) {
    return bytes.length > MAX_SHARE_JSON_BYTES
      ? 'The link holds too much data to be a simulator link.'
      : bytes;
  }
  if (typeof DecompressionStream !== 'function') {
    return 'This browser cannot unpack simulator links (it has no DecompressionStream); open the link in a current browser.';
  }
  let json: Uint8Array | null;
  try {
    json = await pipeThrough(
      new Uint8Array(bytes),
      new DecompressionStream('deflate-raw'),
      MAX_SHARE_JSON_BYTES,
    );
  } catch {
    return `${DAMAGED}: its data could not be unpacked (${COPY_HINT})`;
  }
  return json ?? 'The link holds too much data to be a simulator link.';
}

/**
 * Reads a share hash (with or without the leading '#'). Never throws: any input gives the
 * validated config or a reason in words.
 */
export async function decodeShareHash(hash: unknown): Promise<ShareDecode> {
  try {
    if (typeof hash !== 'string' || hash === '' || hash === '#') {
      return { ok: false, reason: 'The link has no settings in it.' };
    }
    if (hash.length > MAX_SHARE_HASH_CHARS) {
      return { ok: false, reason: 'The link is too long to be a simulator link.' };
    }
    const match = HASH.exec(hash);
    if (!match) {
      return {
        ok: false,
        reason: `The link is not a simulator share link (its part after # should start with v${SHARE_LINK_VERSION}.).`,
      };
    }
    const version = Number(match[1]);
    if (version > SHARE_LINK_VERSION) {
      return {
        ok: false,
        reason: `The link was made by a newer version of the simulator (link version ${version}; this one reads up to ${SHARE_LINK_VERSION}). Reload the page to update, then open the link again.`,
      };
    }
    const unpacked = await unpack(version, match[2]);
    if (typeof unpacked === 'string') return { ok: false, reason: unpacked };
    let data: unknown;
    try {
      data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(unpacked));
    } catch {
      return { ok: false, reason: `${DAMAGED}: its data is not readable settings (${COPY_HINT})` };
    }
    const checked = validateConfig(data);
    if (!checked.ok) {
      return {
        ok: false,
        reason: `The settings in the link are not valid: ${joinProblems(checked.errors.map(formatConfigError))}.`,
      };
    }
    return { ok: true, config: checked.config, version };
  } catch (error) {
    return { ok: false, reason: `The link could not be read (${String(error)}).` };
  }
}
