/**
 * The opening book (src/engine/strategy/opening-book.ts) is the day-0 book the runner opens: on a
 * config whose every layer triggers on day 0, path 0's day-0 events (simulatePathDetail) carry the
 * same strikes, prices and contracts as the opening book's positions. Day 0 is the same state on
 * every path, so the comparison is exact up to rounding (the condor's runner marks take ln K − ln S
 * where the book takes ln(K/S): relative 1e-12).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SimulationConfig } from '../../../../src/engine/config/schema.ts';
import { validateConfig } from '../../../../src/engine/config/validate.ts';
import { strategyPreset } from '../../../../src/engine/scenarios/strategy-presets.ts';
import {
  buildPricingTables,
  simulatePathDetail,
  type PricingTables,
} from '../../../../src/engine/simulate.ts';
import type { StrategyEvent } from '../../../../src/engine/strategy/events.ts';
import { openingBook, type OpeningBook } from '../../../../src/engine/strategy/opening-book.ts';

let config: SimulationConfig;
let tables: PricingTables;
let book: OpeningBook;
let dayZero: StrategyEvent[];

beforeAll(() => {
  const preset = strategyPreset('alvh-example');
  const checked = validateConfig({
    ...preset,
    paths: 1,
    horizonDays: 5,
    layers: preset.layers.map((layer) => ({
      ...layer,
      trigger: { combine: 'any', conditions: [{ kind: 'always' }] },
    })),
  });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  config = checked.config;
  tables = buildPricingTables(config.market);
  book = openingBook(config, tables);
  dayZero = simulatePathDetail(config, 0, tables).events.filter((e) => e.day === 0);
});

const close = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));

describe('openingBook', () => {
  it('holds the condor and every enabled layer, in config order', () => {
    expect(book.positions.map((p) => p.name)).toEqual([
      'condor',
      ...config.layers.filter((l) => l.enabled).map((l) => l.name),
    ]);
  });

  it("prices and sizes each layer as the runner's day-0 trigger does (strikes, mid, contracts)", () => {
    for (const position of book.positions.slice(1)) {
      const event = dayZero.find((e) => e.layer === position.name);
      expect(event, position.name).toBeDefined();
      if (!event) continue;
      expect(position.contracts).toBe(event.contracts);
      expect(position.entryPrice).toBe(event.price);
      expect(position.legs.map((leg) => ('strike' in leg ? leg.strike : 0))).toEqual(
        expect.arrayContaining(event.strikes),
      );
    }
  });

  it("opens the condor at the runner's strikes, credit and contracts", () => {
    const condor = book.positions[0];
    const event = dayZero.find((e) => e.layer === 'condor' && e.kind === 'entry');
    expect(event).toBeDefined();
    if (!event) return;
    expect(condor.contracts).toBe(event.contracts);
    close(condor.entryPrice, event.price);
    expect(condor.breakEvens.length).toBe(2);
    event.breakEvens?.forEach((b, k) => close(condor.breakEvens[k], b));
  });
});

describe('forced wings: a delta wing on or inside its short strike is set 5 points out', () => {
  const condorOf = (b: OpeningBook) => b.positions.find((p) => p.instrument === 'iron-condor');

  it('none for the default 16Δ shorts with 5Δ wings', () => {
    expect(condorOf(book)?.forcedWings).toEqual([]);
  });

  it('both sides for 5 % OTM shorts with 30Δ wings, which the wings are 5 points beyond', () => {
    const forced = {
      ...config,
      condor: {
        ...config.condor,
        strikeRule: 'percent-otm' as const,
        shortOtm: 0.05,
        wingRule: 'delta' as const,
        wingDelta: 0.3,
      },
    };
    const condor = condorOf(openingBook(forced, tables));
    expect(condor?.forcedWings).toEqual(['put', 'call']);
    const strikes = condor?.legs.map((leg) => ('strike' in leg ? leg.strike : NaN)) ?? [];
    // Long put, short put, short call, long call: 5 points apart on each side.
    expect(strikes[1] - strikes[0]).toBe(5);
    expect(strikes[3] - strikes[2]).toBe(5);
  });

  it('none under the width rule, whatever the width', () => {
    const width = {
      ...config,
      condor: { ...config.condor, wingRule: 'width' as const, wingWidth: 5 },
    };
    expect(condorOf(openingBook(width, tables))?.forcedWings).toEqual([]);
  });
});
