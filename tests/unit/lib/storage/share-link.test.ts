/**
 * Share links (src/lib/storage/share-link.ts): every valid config round-trips exactly (fast-check
 * over presets mutated within their ranges), any string either decodes to a valid config or is
 * refused with a reason and never throws, old link versions keep decoding (frozen fixtures), and
 * each kind of damage gets its own reason.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  defaultConfig,
  MARKET_PRESET_NAMES,
  STRATEGY_PRESET_NAMES,
  strategyPreset,
  validateConfig,
  type SimulationConfig,
} from '../../../../src/engine/index.ts';
import { StorageError } from '../../../../src/lib/storage/errors.ts';
import {
  decodeShareHash,
  encodeShareHash,
  encodeShareHashV0,
  isShareHash,
  MAX_SHARE_HASH_CHARS,
  shareUrl,
} from '../../../../src/lib/storage/share-link.ts';
import { CONFIG_V1, SHARE_LINK_FIXTURES } from './fixtures.ts';

afterEach(() => vi.unstubAllGlobals());

const validated = (config: unknown): SimulationConfig => {
  const checked = validateConfig(config);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.config;
};

/** A double in [min, max] without −0 (JSON writes −0 as 0; the config means the same). */
const double = (min: number, max: number) => fc.double({ min, max, noNaN: true }).map((x) => x + 0);

/**
 * Valid configs: a strategy preset on a market preset, with the run settings, market, condor and
 * layer fields mutated within their schema ranges (κ_Q·θ_Q = κ_P·θ_P kept), text fields with any
 * Unicode, and the few combinations the cross-field rules forbid filtered out.
 */
const validConfig: fc.Arbitrary<SimulationConfig> = fc
  .record({
    strategy: fc.constantFrom(...STRATEGY_PRESET_NAMES),
    market: fc.constantFrom(...MARKET_PRESET_NAMES),
    seed: fc.integer({ min: 0, max: 4294967295 }),
    paths: fc.integer({ min: 1, max: 1_000_000 }),
    horizonDays: fc.integer({ min: 1, max: 5040 }),
    capital: double(1000, 1e10),
    rho: double(-1, 1),
    sigma: double(0.01, 5),
    kappaQ: double(0.01, 50),
    v0: double(0, 4),
    rate: double(-0.05, 0.25),
    shortDelta: double(0.06, 0.5),
    dte: fc.integer({ min: 8, max: 365 }),
    profitTarget: fc.option(double(0.01, 1), { nil: null }),
    layerName: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
    sizePct: double(0, 0.025),
    preset: fc.string({ unit: 'binary', maxLength: 40 }),
  })
  .map((p) => {
    const config = strategyPreset(p.strategy, { market: p.market });
    const m = config.market;
    m.thetaQ = (m.kappaP * m.thetaP) / p.kappaQ;
    Object.assign(m, { rho: p.rho, sigma: p.sigma, kappaQ: p.kappaQ, v0: p.v0, rate: p.rate });
    Object.assign(config, {
      seed: p.seed,
      paths: p.paths,
      horizonDays: p.horizonDays,
      capital: p.capital,
      preset: p.preset,
    });
    Object.assign(config.condor, {
      shortDelta: p.shortDelta,
      dte: p.dte,
      profitTarget: p.profitTarget,
    });
    config.shocks = config.shocks.filter((s) => s.day <= p.horizonDays);
    config.layers.forEach((layer, i) => {
      layer.name = `${p.layerName.trim() || 'L'} ${i}`.slice(0, 40);
      layer.sizePctOfCapital = p.sizePct;
    });
    return config;
  })
  .filter((config) => validateConfig(config).ok);

describe('round trip', () => {
  it('any valid config comes back exactly from its link (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(validConfig, async (config) => {
        const decoded = await decodeShareHash(await encodeShareHash(config));
        expect(decoded).toEqual({ ok: true, config: validated(config), version: 1 });
      }),
      { numRuns: 150 },
    );
  });

  it('every strategy preset on every market preset round-trips', async () => {
    for (const strategy of STRATEGY_PRESET_NAMES) {
      for (const market of MARKET_PRESET_NAMES) {
        const config = strategyPreset(strategy, { market });
        expect(await decodeShareHash(await encodeShareHash(config))).toEqual({
          ok: true,
          config,
          version: 1,
        });
      }
    }
  });

  it('the v0 form round-trips too', async () => {
    const config = strategyPreset('alvh-example');
    expect(await decodeShareHash(encodeShareHashV0(config))).toEqual({
      ok: true,
      config,
      version: 0,
    });
  });

  it('a link is URL-safe as it is (no percent-encoding) and compact', async () => {
    const config = strategyPreset('alvh-example');
    const hash = await encodeShareHash(config);
    expect(hash).toMatch(/^#v1\.[A-Za-z0-9_-]+$/);
    expect(new URL(`https://example.org/app/${hash}`).hash).toBe(hash);
    // deflate on ~2.7 kB of repetitive JSON: measured 1,160 vs 3,640 characters for v0.
    expect(hash.length).toBeLessThan(0.5 * encodeShareHashV0(config).length);
  });
});

describe('old links keep working', () => {
  it.each(SHARE_LINK_FIXTURES)(
    'a link of version $version decodes to its config',
    async ({ version, hash }) => {
      expect(await decodeShareHash(hash)).toEqual({
        ok: true,
        config: validated(CONFIG_V1),
        version,
      });
    },
  );

  it('a link without the leading # decodes too', async () => {
    const { hash } = SHARE_LINK_FIXTURES[1];
    expect(await decodeShareHash(hash.slice(1))).toMatchObject({ ok: true, version: 1 });
  });
});

const base64url = (text: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

async function deflated(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const packed = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = '';
  for (const b of packed) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

describe('a bad link is refused with a reason', () => {
  const outOfRange = { ...defaultConfig(), market: { ...defaultConfig().market, rho: 2 } };

  it.each([
    ['nothing', '', 'no settings'],
    ['a bare #', '#', 'no settings'],
    ['an in-page anchor', '#results', 'not a simulator share link'],
    ['an empty payload', '#v1.', 'no settings'],
    ['characters outside base64url', '#v1.abc$def', 'characters that do not belong'],
    ['an impossible base64 length', '#v1.abcde', 'incomplete'],
    ['data that is not deflate', '#v1.AAAA', 'could not be unpacked'],
    ['a newer link version', '#v2.AAAA', 'newer version of the simulator'],
    ['v0 data that is not JSON', `#v0.${base64url('{"version":1,')}`, 'not readable settings'],
    ['v0 bytes that are not UTF-8', '#v0._w', 'not readable settings'],
    [
      'an out-of-range field',
      `#v0.${base64url(JSON.stringify(outOfRange))}`,
      'market.rho: must be between -1 and 1',
    ],
    [
      'a config from a newer app',
      `#v0.${base64url(JSON.stringify({ ...defaultConfig(), version: 5 }))}`,
      'version: 5 is newer',
    ],
    ['JSON that is not a config', `#v0.${base64url('[1,2]')}`, 'config must be an object'],
    ['a link over the length limit', `#v1.${'A'.repeat(MAX_SHARE_HASH_CHARS)}`, 'too long'],
  ])('%s', async (_, hash, reason) => {
    const decoded = await decodeShareHash(hash);
    expect(decoded.ok).toBe(false);
    expect(!decoded.ok && decoded.reason).toContain(reason);
  });

  it('a link cut short when copied', async () => {
    const hash = await encodeShareHash(strategyPreset('alvh-example'));
    for (const cut of [8, 40, 200, hash.length - 3]) {
      const decoded = await decodeShareHash(hash.slice(0, cut));
      expect(decoded.ok, `cut at ${cut}`).toBe(false);
      expect(!decoded.ok && decoded.reason).toMatch(/damaged|incomplete/);
    }
  });

  it('a deflate bomb (2 MB of spaces in 2 kB) is refused without unpacking it all', async () => {
    const hash = `#v1.${await deflated(new Uint8Array(2_000_000).fill(32))}`;
    expect(hash.length).toBeLessThan(MAX_SHARE_HASH_CHARS);
    expect(await decodeShareHash(hash)).toEqual({
      ok: false,
      reason: expect.stringContaining('too much data'),
    });
  });

  it('a non-string is refused', async () => {
    expect((await decodeShareHash(42)).ok).toBe(false);
    expect((await decodeShareHash(null)).ok).toBe(false);
  });
});

describe('any string', () => {
  it('either decodes to a valid config or is refused with a reason, never throws (fast-check)', async () => {
    const valid = await encodeShareHash(strategyPreset('alvh-example'));
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('');
    const b64 = fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 300 });
    const anyHash = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      b64.map((s) => `#v1.${s}`),
      b64.map((s) => `#v0.${s}`),
      fc.json().map((json) => `#v0.${base64url(json)}`),
      // A valid link with one character changed, or cut.
      fc
        .tuple(fc.nat(valid.length - 1), fc.constantFrom(...alphabet))
        .map(([i, c]) => valid.slice(0, i) + c + valid.slice(i + 1)),
      fc.nat(valid.length).map((n) => valid.slice(0, n)),
    );
    await fc.assert(
      fc.asyncProperty(anyHash, async (hash) => {
        const decoded = await decodeShareHash(hash);
        if (decoded.ok)
          expect(validateConfig(decoded.config)).toEqual({ ok: true, config: decoded.config });
        else expect(decoded.reason.length).toBeGreaterThan(10);
      }),
      { numRuns: 400 },
    );
  });
});

describe('encoding', () => {
  it('refuses an invalid config, naming the field', async () => {
    const bad = { ...defaultConfig(), paths: 0 };
    const error = await encodeShareHash(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).message).toContain('paths: must be a whole number');
  });

  it('writes the v0 form where CompressionStream is missing', async () => {
    vi.stubGlobal('CompressionStream', undefined);
    const hash = await encodeShareHash(defaultConfig());
    expect(hash.startsWith('#v0.')).toBe(true);
    expect(await decodeShareHash(hash)).toEqual({ ok: true, config: defaultConfig(), version: 0 });
  });

  it('explains when a v1 link cannot be unpacked for lack of DecompressionStream', async () => {
    vi.stubGlobal('DecompressionStream', undefined);
    const decoded = await decodeShareHash(SHARE_LINK_FIXTURES[1].hash);
    expect(decoded).toEqual({ ok: false, reason: expect.stringContaining('DecompressionStream') });
  });

  it('shareUrl keeps the page, drops the query (e.g. ?embed=1) and the old hash', async () => {
    const url = await shareUrl({
      config: defaultConfig(),
      base: 'https://example.org/alvh/?embed=1&controls=layers#v1.old',
    });
    expect(url.startsWith('https://example.org/alvh/#v1.')).toBe(true);
    const hash = new URL(url).hash;
    expect(await decodeShareHash(hash)).toEqual({ ok: true, config: defaultConfig(), version: 1 });
  });

  it.each([
    ['#v1.abc', true],
    ['v0.abc', true],
    ['#v12.', true],
    ['#results', false],
    ['#v.abc', false],
    ['', false],
  ])('isShareHash(%j) is %s', (hash, expected) => {
    expect(isShareHash(hash)).toBe(expected);
  });
});
