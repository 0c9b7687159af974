/**
 * Config migrations (src/engine/config/migrations.ts): share links, sessions and files of older
 * versions keep working — each is brought up to CONFIG_VERSION before validation.
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../../src/engine/config/defaults.ts';
import { migrateConfig } from '../../../../src/engine/config/migrations.ts';
import { CONFIG_VERSION } from '../../../../src/engine/config/schema.ts';
import { validateConfig } from '../../../../src/engine/config/validate.ts';

/** A version-1 config: today's default without the fields version 2 added. */
function versionOne(): Record<string, unknown> {
  const config = structuredClone(defaultConfig()) as unknown as Record<string, unknown>;
  const market = config.market as Record<string, unknown>;
  delete market.equityRiskPremiumMaxVariance;
  return { ...config, version: 1 };
}

describe('migrateConfig', () => {
  it('is at version 2: the drift premium cap v̄ is new', () => {
    expect(CONFIG_VERSION).toBe(2);
  });

  it('gives a version-1 market the cap v̄ = 0.15 and validates', () => {
    const old = versionOne();
    const migrated = migrateConfig(old);
    expect(migrated.ok).toBe(true);
    if (!migrated.ok) return;
    expect(migrated.value.version).toBe(2);
    expect((migrated.value.market as Record<string, unknown>).equityRiskPremiumMaxVariance).toBe(
      0.15,
    );
    const validation = validateConfig(old);
    expect(validation.ok).toBe(true);
    // The input is not touched.
    expect((old.market as Record<string, unknown>).equityRiskPremiumMaxVariance).toBeUndefined();
  });

  it('raises a version-1 shortOtm of 0 (no condor could open) to the new minimum 0.005', () => {
    const old = versionOne();
    old.condor = { ...(old.condor as object), shortOtm: 0 };
    const validation = validateConfig(old);
    expect(validation.ok).toBe(true);
    if (validation.ok) expect(validation.config.condor.shortOtm).toBe(0.005);
  });

  it('leaves a version-1 config without a market object for validation to refuse by name', () => {
    const validation = validateConfig({ ...versionOne(), market: 'historical' });
    expect(validation.ok).toBe(false);
    if (validation.ok) return;
    expect(validation.errors.map((e) => e.path)).toContain('market');
  });

  it('leaves a current config unchanged', () => {
    const current = defaultConfig() as unknown as Record<string, unknown>;
    const migrated = migrateConfig(current);
    expect(migrated).toEqual({ ok: true, value: current });
  });
});
