/**
 * The path explorer (src/components/explore/PathExplorer.svelte) on the seeded sample result
 * (tests/fixtures/sample-result.ts: 'alvh-example', 600 paths, 63 days, seed 7, with pathDetails):
 * it replays each sampled path and, on every day, lists exactly the path's events up to that day
 * (each as explainEvent's sentence) with that day's events marked current; the slider, the Step
 * buttons, the arrow keys and Play move the day; nothing prints NaN.
 */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import PathExplorer from '../../../src/components/explore/PathExplorer.svelte';
import { explainEvent } from '../../../src/content/event-sentences.ts';
import { roleLabel } from '../../../src/lib/charts/explorer.ts';
import { formatMoney } from '../../../src/lib/format.ts';
import {
  buildPricingTables,
  simulatePathDetail,
  strategyPreset,
} from '../../../src/engine/index.ts';
import { SAMPLE_RUN, sampleResult } from '../../fixtures/sample-result.ts';

const result = sampleResult();
const details = result.pathDetails ?? [];
const LAST = result.horizonDays;

/** Collapses runs of white space, as a reader hears the text. */
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

function setup(props: { playIntervalMs?: number } = {}) {
  const view = render(PathExplorer, { props: { result, ...props } });
  const section = screen.getByRole('region', { name: 'Path explorer' });
  const slider = within(section).getByRole('slider', { name: 'Day' }) as HTMLInputElement;
  const events = () => within(section).getByRole('list', { name: 'Events' });
  return { ...view, section, slider, events };
}

/** The sentences the explorer should list on `day` of sampled path `i`, and which are current. */
function expected(i: number, day: number) {
  const shown = details[i].events.filter((e) => e.day <= day);
  return {
    texts: shown.map((e) => `Day ${e.day}: ${explainEvent(e, { capital: result.capital })}`),
    current: shown
      .filter((e) => e.day === day)
      .map((e) => `Day ${e.day}: ${explainEvent(e, { capital: result.capital })}`),
  };
}

function listed(list: HTMLElement) {
  const items = within(list).queryAllByRole('listitem');
  return {
    texts: items.map((li) => squash(li.textContent)),
    current: items
      .filter((li) => li.getAttribute('aria-current') === 'true')
      .map((li) => squash(li.textContent)),
  };
}

function dayText(section: HTMLElement): string {
  return squash(section.querySelector('.day-text')?.textContent ?? '');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('PathExplorer', () => {
  it('the fixture has the details of every sampled path, each with events', () => {
    expect(details.map((d) => d.path)).toEqual(result.sampledPaths.map((p) => p.path));
    for (const d of details) {
      expect(d.series.spx).toHaveLength(LAST + 1);
      expect(d.events.length).toBeGreaterThan(0);
    }
  });

  it('has a Day slider over days 0 … horizon, an Events list and five named chart panels', () => {
    const { section, slider } = setup();
    expect(slider.min).toBe('0');
    expect(slider.max).toBe(String(LAST));
    expect(slider.value).toBe('0');
    const charts = within(section).getAllByRole('img');
    expect(charts.map((c) => c.getAttribute('aria-label')?.split(' on the ')[0])).toEqual([
      'SPX',
      'VIX and its 30- and 60-day futures',
      'P&L so far of the condor, each layer and the hedged book',
      'SPX RSI(14)',
      'SPX MACD and its signal line',
    ]);
  });

  it('draws only its first `panels` panels, in page order, and the rest when asked', async () => {
    const view = render(PathExplorer, { props: { result, panels: 2 } });
    const section = screen.getByRole('region', { name: 'Path explorer' });
    const names = () =>
      within(section)
        .queryAllByRole('img')
        .map((c) => c.getAttribute('aria-label')?.split(' on the ')[0]);
    expect(names()).toEqual(['SPX', 'VIX and its 30- and 60-day futures']);
    // The day controls and the events are there before any panel.
    await view.rerender({ result, panels: 0 });
    expect(names()).toEqual([]);
    expect(within(section).getByRole('slider', { name: 'Day' })).toBeTruthy();
    expect(within(section).getByRole('list', { name: 'Events' })).toBeTruthy();
    await view.rerender({ result, panels: 5 });
    expect(names()).toHaveLength(5);
  });

  it('offers each sampled path by role', () => {
    const { section } = setup();
    const radios = within(section).getAllByRole('radio') as HTMLInputElement[];
    expect(radios).toHaveLength(result.sampledPaths.length);
    result.sampledPaths.forEach((p, i) => {
      expect(squash(radios[i].parentElement?.textContent ?? '')).toMatch(
        new RegExp(`^${roleLabel(p.role)} \\(#${p.path}:`),
      );
    });
    expect(radios[0].checked).toBe(true);
  });

  it('steps through the worst path day by day, showing its events on the days they happened', async () => {
    const worst = result.sampledPaths.findIndex((p) => p.role === 'worst');
    const { section, events } = setup();
    await fireEvent.click(within(section).getAllByRole('radio')[worst]);
    const forward = within(section).getByRole('button', { name: 'Step forward' });
    for (let day = 0; day <= LAST; day++) {
      if (day > 0) await fireEvent.click(forward);
      expect(dayText(section)).toMatch(new RegExp(`^Day ${day} of ${LAST}`));
      expect(listed(events())).toEqual(expected(worst, day));
    }
    expect((forward as HTMLButtonElement).disabled).toBe(true);
    expect(section.innerHTML).not.toMatch(/NaN|undefined|Infinity/);
  });

  it.each(result.sampledPaths.map((p, i) => [p.role, i] as const))(
    'the %s path lists its expected events on sampled days (slider input)',
    async (_, i) => {
      const { section, slider, events } = setup();
      await fireEvent.click(within(section).getAllByRole('radio')[i]);
      const eventDays = [...new Set(details[i].events.map((e) => e.day))];
      for (const day of [0, ...eventDays, eventDays[0] + 1, LAST]) {
        await fireEvent.input(slider, { target: { value: String(day) } });
        expect(slider.value).toBe(String(day));
        expect(listed(events())).toEqual(expected(i, day));
      }
      expect(section.innerHTML).not.toMatch(/NaN|undefined|Infinity/);
    },
  );

  it('the slider changes the day, the readouts and the chart names', async () => {
    const { section, slider } = setup();
    await fireEvent.input(slider, { target: { value: '20' } });
    expect(dayText(section)).toMatch(new RegExp(`^Day 20 of ${LAST}`));
    expect(slider.getAttribute('aria-valuetext')).toBe(`Day 20 of ${LAST}`);
    const spx = details[0].series.spx[20];
    const readout = squash(section.querySelector('.readout')?.textContent ?? '');
    expect(readout).toMatch(
      new RegExp(`^Day 20: SPX ${spx.toLocaleString('en-US', { maximumFractionDigits: 0 })},`),
    );
    for (const chart of within(section).getAllByRole('img')) {
      expect(chart.getAttribute('aria-label')).toContain(`day 20 of ${LAST}`);
    }
  });

  it.each([
    ['ArrowRight', 10, 11],
    ['ArrowLeft', 10, 9],
    ['PageUp', 10, 20],
    ['PageDown', 10, 0],
    ['Home', 10, 0],
    ['End', 10, LAST],
  ])('the %s key on the slider moves from day %s to day %s', async (key, from, to) => {
    const { slider } = setup();
    await fireEvent.input(slider, { target: { value: String(from) } });
    await fireEvent.keyDown(slider, { key });
    expect(slider.value).toBe(String(to));
  });

  it('Step back and Step forward move one day and stop at the ends', async () => {
    const { section, slider } = setup();
    const back = within(section).getByRole('button', { name: 'Step back' }) as HTMLButtonElement;
    const forward = within(section).getByRole('button', { name: 'Step forward' });
    expect(back.disabled).toBe(true);
    await fireEvent.click(forward);
    await fireEvent.click(forward);
    expect(slider.value).toBe('2');
    await fireEvent.click(back);
    expect(slider.value).toBe('1');
  });

  it('Play advances one day per interval until Pause', async () => {
    vi.useFakeTimers();
    const { section, slider } = setup({ playIntervalMs: 100 });
    await fireEvent.click(within(section).getByRole('button', { name: 'Play' }));
    vi.advanceTimersByTime(300);
    flushSync();
    expect(slider.value).toBe('3');
    await fireEvent.click(within(section).getByRole('button', { name: 'Pause' }));
    vi.advanceTimersByTime(500);
    flushSync();
    expect(slider.value).toBe('3');
    within(section).getByRole('button', { name: 'Play' });
  });

  it('while playing, the polite readouts hold still; a pause announces the day', async () => {
    vi.useFakeTimers();
    const { section } = setup({ playIntervalMs: 100 });
    const readouts = () =>
      [...section.querySelectorAll('.readout')].map((r) => squash(r.textContent));
    expect(section.querySelector('.readout')?.getAttribute('aria-live')).toBe('polite');
    await fireEvent.click(within(section).getByRole('button', { name: 'Play' }));
    const playing = readouts();
    expect(new Set(playing)).toEqual(
      new Set(['Playing: pause or step to read the values of the day.']),
    );
    vi.advanceTimersByTime(500);
    flushSync();
    expect(readouts()).toEqual(playing);
    await fireEvent.click(within(section).getByRole('button', { name: 'Pause' }));
    expect(readouts()[0]).toMatch(/^Day 5: SPX /);
  });

  it('Play stops at the last day and starts again from day 0', async () => {
    vi.useFakeTimers();
    const { section, slider } = setup({ playIntervalMs: 10 });
    await fireEvent.input(slider, { target: { value: String(LAST - 2) } });
    await fireEvent.click(within(section).getByRole('button', { name: 'Play' }));
    vi.advanceTimersByTime(100);
    flushSync();
    expect(slider.value).toBe(String(LAST));
    const play = within(section).getByRole('button', { name: 'Play' });
    await fireEvent.click(play);
    expect(slider.value).toBe('0');
  });

  it('keeps the current day when another path is picked', async () => {
    const { section, slider, events } = setup();
    await fireEvent.input(slider, { target: { value: '12' } });
    await fireEvent.click(within(section).getAllByRole('radio')[1]);
    expect(slider.value).toBe('12');
    expect(listed(events())).toEqual(expected(1, 12));
  });

  it('one input path: no path choice, the given label, and at most the latest 200 events listed', () => {
    const first = details[0].events[0];
    const events = Array.from({ length: 250 }, () => first);
    render(PathExplorer, {
      props: {
        label: 'Path explorer (replay)',
        input: {
          paths: [
            { key: 'one', label: 'One path', name: 'one path', events, series: details[0].series },
          ],
          capital: result.capital,
          layerNames: result.layers.map((l) => l.name),
        },
      },
    });
    const section = screen.getByRole('region', { name: 'Path explorer (replay)' });
    expect(within(section).queryAllByRole('radio')).toHaveLength(0);
    const list = within(section).getByRole('list', { name: 'Events' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(200);
    expect(list.getAttribute('start')).toBe('51');
    expect(squash(section.textContent)).toContain(
      'The latest 200 of 250 events so far; step back to see earlier ones.',
    );
  });
});

describe('PathExplorer: a path by number', () => {
  const config = {
    ...strategyPreset(SAMPLE_RUN.preset),
    paths: SAMPLE_RUN.paths,
    horizonDays: SAMPLE_RUN.horizonDays,
    seed: SAMPLE_RUN.seed,
  };
  const tables = buildPricingTables(config.market);
  const loadPath = vi.fn((path: number) =>
    Promise.resolve(simulatePathDetail(config, path, tables)),
  );

  function setupByNumber() {
    loadPath.mockClear();
    render(PathExplorer, { props: { result, loadPath, pathCount: result.paths } });
    const section = screen.getByRole('region', { name: 'Path explorer' });
    const input = within(section).getByRole('textbox', { name: 'Path number' });
    const show = within(section).getByRole('button', { name: 'Show path' });
    return { section, input, show };
  }

  it('re-runs the asked path and replays it with its own events', async () => {
    const { section, input, show } = setupByNumber();
    await fireEvent.input(input, { target: { value: '123' } });
    await fireEvent.click(show);
    const detail = simulatePathDetail(config, 123, tables);
    const final = (values: ArrayLike<number>) => formatMoney(values[LAST]);
    const choice = await within(section).findByRole('radio', {
      name: `Path #123 (condor alone ${final(detail.series.condorPnl)}, with layers ${final(detail.series.hedgedPnl)})`,
    });
    expect(loadPath).toHaveBeenCalledWith(123);
    expect((choice as HTMLInputElement).checked).toBe(true);
    const slider = within(section).getByRole('slider', { name: 'Day' });
    await fireEvent.input(slider, { target: { value: String(LAST) } });
    const items = within(within(section).getByRole('list', { name: 'Events' })).queryAllByRole(
      'listitem',
    );
    expect(items.map((li) => squash(li.textContent))).toEqual(
      detail.events.map((e) => `Day ${e.day}: ${explainEvent(e, { capital: result.capital })}`),
    );
  });

  it.each(['', '-1', '600', '2.5', 'abc', '0x1f', '1e2'])(
    'refuses %j with a message naming the range, without re-running anything',
    async (text) => {
      const { section, input, show } = setupByNumber();
      await fireEvent.input(input, { target: { value: text } });
      await fireEvent.click(show);
      expect(within(section).getByRole('alert').textContent).toContain(
        'Path number must be a whole number from 0 to 599.',
      );
      expect(loadPath).not.toHaveBeenCalled();
    },
  );
});
