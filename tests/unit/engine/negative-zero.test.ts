/**
 * No −0 leaves the engine: JSON writes −0 as 0, so a result holding one would not survive a save,
 * an export or a worker round trip unchanged (`toEqual` after JSON tells them apart). The source
 * in practice: a condor that expires worthless books a cash flow of −mark·M·n − 0 = −0
 * (strategy/condor-cycle.ts), which cndr-style does on most of its monthly expiries.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replay } from '../../../src/engine/replay.ts';
import { parseReplayCsv } from '../../../src/engine/scenarios/replay-series.ts';
import { strategyPreset } from '../../../src/engine/scenarios/strategy-presets.ts';
import { buildPricingTables, simulate, simulatePathDetail } from '../../../src/engine/simulate.ts';

/** The paths (e.g. `result.events[3].cashFlow`) of every −0 in plain data or typed arrays. */
function negativeZeros(value: unknown, path = 'result'): string[] {
  if (typeof value === 'number') return Object.is(value, -0) ? [path] : [];
  if (ArrayBuffer.isView(value)) {
    const items = Array.from(value as unknown as ArrayLike<number>);
    return items.flatMap((x, i) => negativeZeros(x, `${path}[${i}]`));
  }
  if (Array.isArray(value)) return value.flatMap((x, i) => negativeZeros(x, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, x]) => negativeZeros(x, `${path}.${k}`));
  }
  return [];
}

/** Worthless expiries of the condor: the events whose cash flow was −0 before the fix. */
const worthlessExpiries = (events: { kind: string; price: number; costs: number }[]) =>
  events.filter((e) => e.kind === 'expiry' && e.price === 0 && e.costs === 0).length;

const config = { ...strategyPreset('cndr-style'), paths: 200, horizonDays: 120 };

describe('no −0 in engine output', () => {
  it('the scan finds −0 anywhere, typed arrays included', () => {
    expect(negativeZeros({ a: [1, { b: -0 }], c: new Float64Array([0, -0]), d: 0 })).toEqual([
      'result.a[1].b',
      'result.c[1]',
    ]);
  });

  it('simulate: the result and its path details', () => {
    const result = simulate(config);
    const details = result.pathDetails ?? [];
    expect(details.length).toBeGreaterThan(0);
    expect(details.reduce((n, d) => n + worthlessExpiries(d.events), 0)).toBeGreaterThan(0);
    expect(negativeZeros(result)).toEqual([]);
  });

  it('simulatePathDetail (what the app’s pool attaches after the merge)', () => {
    const tables = buildPricingTables(config.market);
    const details = [0, 1, 2, 3].map((path) => simulatePathDetail(config, path, tables));
    expect(details.reduce((n, d) => n + worthlessExpiries(d.events), 0)).toBeGreaterThan(0);
    expect(negativeZeros(details)).toEqual([]);
  });

  it('replay of an observed series (2020 H1)', () => {
    const csv = readFileSync(join(process.cwd(), 'tests/fixtures/replay/spx-vix-2020-h1.csv'));
    const parsed = parseReplayCsv(csv.toString('utf8'));
    if (!parsed.ok) throw new Error(parsed.error);
    const result = replay(strategyPreset('cndr-style'), parsed.series);
    expect(worthlessExpiries(result.events)).toBeGreaterThan(0);
    expect(negativeZeros(result)).toEqual([]);
  });
});
