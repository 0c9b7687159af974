/**
 * The historical replay import (src/components/explore/ReplayImport.svelte) with the app's
 * ConfigState on the 'alvh-example' preset and a RunState whose fake pool replays with the
 * engine's own `replay` (same tables for every call): bad files are refused with their message
 * (row and column) and change nothing; the real 2020 H1 slice (tests/fixtures/replay, cut from
 * shared/data) replays and its explorer shows the layers switching on as the engine has them in
 * the Covid crash (2020-02-24 … 2020-03-16).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import ReplayImport from '../../../src/components/explore/ReplayImport.svelte';
import {
  buildPricingTables,
  replay,
  strategyPreset,
  type ReplaySeries,
  type SimulationConfig,
} from '../../../src/engine/index.ts';
import { ConfigState } from '../../../src/lib/state/config.svelte.ts';
import { RunState, type RunPool } from '../../../src/lib/state/run.svelte.ts';

// Component tests run in happy-dom, where import.meta.url is not a file URL: paths from the root.
const fixture = (name: string) => readFileSync(resolve('tests/fixtures/replay', name), 'utf8');
const GOOD = 'spx-vix-2020-h1.csv';
const TABLES = buildPricingTables(strategyPreset('alvh-example').market);

/** Collapses runs of white space, as a reader hears the text. */
const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

type ReplayImpl = (config: SimulationConfig, series: ReplaySeries) => Promise<unknown>;

function setup(impl?: ReplayImpl) {
  const replayCalls: SimulationConfig[] = [];
  const pool = {
    run: () => new Promise<never>(() => undefined),
    prepare: () => undefined,
    dispose: () => undefined,
    replay: vi.fn((config: SimulationConfig, series: ReplaySeries) => {
      replayCalls.push(config);
      return impl
        ? impl(config, series)
        : Promise.resolve(replay(config, series, { tables: TABLES }));
    }),
  };
  const state = new ConfigState(strategyPreset('alvh-example'));
  const run = new RunState({ pool: pool as RunPool });
  render(ReplayImport, { props: { state, run } });
  const section = screen.getByRole('region', { name: 'Historical replay' });
  const input = within(section).getByLabelText('SPX/VIX CSV file') as HTMLInputElement;
  const upload = async (name: string, text = fixture(name)) => {
    const file = new File([text], name, { type: 'text/csv' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    await fireEvent.change(input);
  };
  const explorer = () => within(section).queryByRole('region', { name: 'Path explorer (replay)' });
  return { section, input, upload, explorer, pool, state, replayCalls };
}

async function uploadGood(view: ReturnType<typeof setup>) {
  await view.upload(GOOD);
  await waitFor(() => expect(view.explorer()).not.toBeNull(), { timeout: 3000 });
  return view.explorer() as HTMLElement;
}

/** The explorer's event sentences (the list shows events up to the slider's day). */
function sentences(explorer: HTMLElement): string[] {
  const list = within(explorer).getByRole('list', { name: 'Events' });
  return within(list)
    .queryAllByRole('listitem')
    .map((li) => squash(li.textContent));
}

async function toLastDay(explorer: HTMLElement) {
  const slider = within(explorer).getByRole('slider', { name: 'Day' }) as HTMLInputElement;
  await fireEvent.input(slider, { target: { value: slider.max } });
  return slider;
}

describe('ReplayImport', () => {
  it('explains the format and that nothing leaves the browser, with a labelled file input', () => {
    const { section, input } = setup();
    within(section).getByRole('heading', { name: 'Historical replay' });
    const text = squash(section.textContent);
    expect(text).toContain('date,spx,vix');
    expect(text).toContain('ISO dates');
    expect(text).toContain('one row per trading day');
    expect(text).toContain('nothing leaves it');
    expect(input.type).toBe('file');
  });

  it.each([
    [
      'bad-wrong-header.csv',
      'row 1 (header): missing columns spx, vix (found: date, close; expected date, spx, vix)',
    ],
    [
      'bad-missing-column.csv',
      'row 1 (header): missing column vix (found: date, spx; expected date, spx, vix)',
    ],
    ['bad-date-format.csv', 'row 4, column date: "03/09/2020" is not an ISO date (YYYY-MM-DD)'],
    ['bad-unsorted.csv', 'row 5, column date: 2020-01-06 is not after 2020-01-07 (row 4)'],
    ['bad-duplicate-date.csv', 'row 4, column date: 2020-01-03 is not after 2020-01-03 (row 3)'],
    [
      'bad-gap.csv',
      'row 4, column date: 31 calendar days from 2020-01-03 to 2020-02-03, more than 10 (are rows missing?)',
    ],
    ['bad-negative-price.csv', 'row 4, column spx: "-3237.18" must be > 0'],
    ['bad-zero-price.csv', 'row 4, column spx: "0" must be > 0'],
    ['bad-not-a-number.csv', 'row 4, column spx: "abc" is not a number'],
    [
      'bad-vix-fraction.csv',
      'row 4, column vix: "0.1379" is outside 5 … 200 (VIX in points: 20 means 20 %)',
    ],
    ['bad-empty.csv', 'the file is empty: expected a header row date,spx,vix and data rows'],
    ['bad-one-row.csv', 'at least 2 data rows are needed (a day and the next), found 1'],
  ])('%s is refused with its message, and nothing is replayed', async (name, message) => {
    const view = setup();
    await view.upload(name);
    const alert = await within(view.section).findByRole('alert');
    expect(squash(alert.textContent)).toBe(`${name} was not used: ${message}`);
    const problems = within(alert).getByRole('list', { name: 'Problems in the file' });
    expect(within(problems).getAllByRole('listitem')).toHaveLength(1);
    expect(view.pool.replay).not.toHaveBeenCalled();
    expect(view.explorer()).toBeNull();
  });

  it('replays the 2020 slice: summary line, dated slider and month ticks', async () => {
    const view = setup();
    const explorer = await uploadGood(view);
    expect(view.pool.replay).toHaveBeenCalledTimes(1);
    const expected = replay(view.replayCalls[0], view.pool.replay.mock.calls[0][1], {
      tables: TABLES,
    });
    const summary = squash(view.section.querySelector('.summary')?.textContent);
    expect(summary).toMatch(/^2020-01-02 to 2020-06-30, 125 rows: condor alone [−+]\$[\d,]+ \(/);
    expect(summary).toContain(`layers ${expected.hedged.mean > 0 ? '+' : '−'}$`);
    expect(summary).toContain("The VIX stayed at or above the model's floor");
    const slider = within(explorer).getByRole('slider', { name: 'Day' }) as HTMLInputElement;
    expect(slider.max).toBe('124');
    expect(slider.getAttribute('aria-valuetext')).toBe('2020-01-02 (day 0 of 124)');
    const ticks = [...explorer.querySelectorAll('svg .tick-label')].map((t) => t.textContent);
    expect(ticks).toEqual(expect.arrayContaining(['Feb 2020', 'Mar 2020', 'Jun 2020']));
    expect(view.section.innerHTML).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('shows the layers switching on in the crash as the engine has them (2020-02-24 … 2020-03-16)', async () => {
    const explorer = await uploadGood(setup());
    await toLastDay(explorer);
    const all = sentences(explorer);
    const inCrash = all.filter((s) => {
      const date = /^On (\d{4}-\d{2}-\d{2}),/.exec(s)?.[1] ?? '';
      return date >= '2020-02-24' && date <= '2020-03-16';
    });
    const switchedOn = inCrash
      .map((s) => /^On (\S+), layer '([^']+)' switched on: (.*?);/.exec(s))
      .filter((m) => m !== null)
      .map((m) => `${m[1]} ${m[2]}: ${m[3]}`);
    expect(switchedOn).toEqual([
      '2020-02-24 Calls at VIX 20: VIX 25.0 ≥ 20',
      '2020-02-24 Calls at VIX 25 or backwardation: VIX 25.0 ≥ 25 and the curve in backwardation',
      '2020-02-25 Calls at VIX 30 or weak RSI: RSI 28.2 < 30',
      // 'Calls at VIX 20' took profit at VIX 35 and stays out while VIX is at or above it (41.9).
      '2020-03-06 Calls at VIX 25 or backwardation: VIX 41.9 ≥ 25 and the curve in backwardation',
    ]);
    const condorStops = inCrash.filter((s) => s.includes('the condor hit its stop loss'));
    expect(condorStops.map((s) => s.slice(3, 13))).toEqual(['2020-02-25', '2020-03-16']);
    // Every listed event is dated and none prints a tiny share as "0.0 %".
    for (const s of all) expect(s).toMatch(/^On \d{4}-\d{2}-\d{2}, /);
    expect(all.join(' ')).not.toContain('0.0 %');
  });

  it('on 2020-02-24 (day 35) the explorer marks that day’s three layer events as current', async () => {
    const explorer = await uploadGood(setup());
    const slider = within(explorer).getByRole('slider', { name: 'Day' });
    await fireEvent.input(slider, { target: { value: '35' } });
    expect(slider.getAttribute('aria-valuetext')).toBe('2020-02-24 (day 35 of 124)');
    const current = within(within(explorer).getByRole('list', { name: 'Events' }))
      .getAllByRole('listitem')
      .filter((li) => li.getAttribute('aria-current') === 'true')
      .map((li) => squash(li.textContent).split(';')[0]);
    expect(current).toEqual([
      "On 2020-02-24, layer 'Short-vol base' took profit with VIX at 25.0, at or above its take-profit level",
      "On 2020-02-24, layer 'Calls at VIX 20' switched on: VIX 25.0 ≥ 20",
      "On 2020-02-24, layer 'Calls at VIX 25 or backwardation' switched on: VIX 25.0 ≥ 25 and the curve in backwardation",
    ]);
    const readout = squash(explorer.querySelector('.readout')?.textContent);
    expect(readout).toMatch(/^2020-02-24: SPX 3,226,/);
  });

  it('a bad file after a good one shows its message and changes nothing', async () => {
    const view = setup();
    const explorer = await uploadGood(view);
    const before = squash(view.section.querySelector('.summary')?.textContent);
    await view.upload('bad-gap.csv');
    const alert = await within(view.section).findByRole('alert');
    expect(squash(alert.textContent)).toContain(
      `bad-gap.csv was not used; the replay of ${GOOD} is unchanged:`,
    );
    expect(view.explorer()).toBe(explorer);
    expect(squash(view.section.querySelector('.summary')?.textContent)).toBe(before);
    expect(view.pool.replay).toHaveBeenCalledTimes(1);
  });

  it('offers Replay again with the changed settings, and replays them', async () => {
    const view = setup();
    await uploadGood(view);
    const again = within(view.section).getByRole('button', { name: 'Replay again' });
    expect(squash(view.section.textContent)).not.toContain('The settings changed');
    view.state.set('layers.0.enabled', false);
    await waitFor(() =>
      expect(squash(view.section.textContent)).toContain(
        'The settings changed since this replay: Replay again to apply them.',
      ),
    );
    await fireEvent.click(again);
    await waitFor(() => expect(view.pool.replay).toHaveBeenCalledTimes(2));
    expect(view.replayCalls[1].layers[0].enabled).toBe(false);
    await waitFor(() =>
      expect(squash(view.section.textContent)).not.toContain('The settings changed'),
    );
  });

  it('a replay cancelled by a simulation run says so in the status line, not as a crash', async () => {
    const view = setup(() => Promise.reject(new DOMException('Run cancelled', 'AbortError')));
    await view.upload(GOOD);
    const status = within(view.section).getByRole('status');
    await waitFor(() =>
      expect(squash(status.textContent)).toBe(
        'The replay was cancelled: a simulation run started, and the workers do one job at a time. Press Replay again when it is done.',
      ),
    );
    expect(within(view.section).queryByRole('alert')).toBeNull();
    expect(view.explorer()).toBeNull();
  });

  it('a failed replay reports its message in the status line', async () => {
    const view = setup(() =>
      Promise.reject(new Error('The worker crashed during the replay (x).')),
    );
    await view.upload(GOOD);
    const status = within(view.section).getByRole('status');
    await waitFor(() =>
      expect(squash(status.textContent)).toBe(
        'The replay failed: The worker crashed during the replay (x).',
      ),
    );
  });
});
