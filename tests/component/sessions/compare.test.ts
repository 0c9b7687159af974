// Comparing two saved sessions: only the settings that differ are listed (layers matched by name),
// the stored figures of both are shown with their standard errors, and names stay text.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import CompareSessions from '../../../src/components/sessions/CompareSessions.svelte';
import SessionsPanel from '../../../src/components/sessions/SessionsPanel.svelte';
import { strategyPreset, type SimulationConfig } from '../../../src/engine/index.ts';
import { formatWithError } from '../../../src/lib/format.ts';
import { ConfigState } from '../../../src/lib/state/config.svelte.ts';
import { SessionsState } from '../../../src/lib/state/sessions.svelte.ts';
import {
  HEADLINE_FIGURES,
  DIFFERENCE_FIGURES,
  createStorage,
  saveSession,
  type SessionRecord,
  type SessionSummary,
  type SummaryEstimate,
} from '../../../src/lib/storage/index.ts';

const base = (): SimulationConfig => structuredClone(strategyPreset('alvh-example'));

/** A summary whose every figure is `mean` ± `stdErr` (claims left out). */
function summary(seed: number, mean: number, stdErr: number): SessionSummary {
  const est = (): SummaryEstimate => ({ estimate: mean, stdErr });
  const book = Object.fromEntries(HEADLINE_FIGURES.map((k) => [k, est()]));
  return {
    paths: 1024,
    seed,
    horizonDays: 252,
    capital: 100_000,
    condorOnly: book as SessionSummary['condorOnly'],
    hedged: structuredClone(book) as SessionSummary['hedged'],
    difference: Object.fromEntries(
      DIFFERENCE_FIGURES.map((k) => [k, est()]),
    ) as SessionSummary['difference'],
    claims: [],
  };
}

function record(name: string, config: SimulationConfig, s: SessionSummary | null): SessionRecord {
  return {
    id: name,
    name,
    config,
    summary: s,
    createdAt: 0,
    updatedAt: 0,
    schemaVersion: 1,
  } as SessionRecord;
}

const settingsTable = () => screen.getByRole('table', { name: 'Settings that differ' });
const figuresTable = () => screen.getByRole('table', { name: /^Stored figures/ });
/** The body rows of a table as [header, A, B] texts. */
const rowTexts = (table: HTMLElement) =>
  [...table.querySelectorAll('tbody tr')].map((tr) =>
    [...tr.children].map((cell) => cell.textContent?.trim() ?? ''),
  );

describe('CompareSessions', () => {
  it('lists exactly the settings that differ: a seed and one layer threshold', () => {
    const a = base();
    const b = base();
    b.seed = a.seed + 1;
    const condition = b.layers[1].trigger.conditions[0];
    if (!('value' in condition)) throw new Error('fixture: layers[1] condition 0 has no value');
    const before = condition.value;
    condition.value = before + 5;
    render(CompareSessions, { props: { a: record('A', a, null), b: record('B', b, null) } });
    expect(rowTexts(settingsTable())).toEqual([
      ['seed', String(a.seed), String(a.seed + 1)],
      ['layers[1].trigger.conditions[0].value', String(before), String(before + 5)],
    ]);
  });

  it('says the settings are the same when nothing differs', () => {
    render(CompareSessions, {
      props: { a: record('A', base(), null), b: record('B', base(), null) },
    });
    expect(rowTexts(settingsTable())).toEqual([['The settings are the same.']]);
  });

  it('names a layer removed from A and one added in B, without listing the layers after them as changed', () => {
    const a = base();
    const b = base();
    const removed = b.layers.splice(1, 1)[0];
    b.layers.push({ ...structuredClone(removed), name: 'Brand new' });
    render(CompareSessions, { props: { a: record('A', a, null), b: record('B', b, null) } });
    const shown = rowTexts(settingsTable());
    const last = b.layers.length - 1;
    // The layers behind the removed one moved up a place: one position row each, no field rows.
    const moved = a.layers
      .slice(2)
      .map((layer, k) => [`${layer.name}: position`, `layers[${k + 2}]`, `layers[${k + 1}]`]);
    expect(shown).toEqual([
      ['layers[1]', removed.name, '(none)'],
      ...moved,
      [`layers[${last}]`, '(none)', 'Brand new'],
    ]);
  });

  it('shows the stored figures of both sessions with their standard errors', () => {
    render(CompareSessions, {
      props: {
        a: record('A', base(), summary(1, 1234, 56)),
        b: record('B', base(), summary(2, -400, 30)),
      },
    });
    const rows = rowTexts(figuresTable());
    const mean = rows.find((r) => r[0] === 'Mean P&L');
    expect(mean).toEqual([
      'Mean P&L',
      formatWithError(1234, 56, 'money'),
      formatWithError(-400, 30, 'money'),
    ]);
    expect(mean?.[1]).toBe('$1,234 ± $56');
    const probProfit = rows.find((r) => r[0] === 'Probability of profit');
    expect(probProfit?.[1]).toBe(formatWithError(1234, 56, 'percent'));
    // Every figure row (3 groups) carries a ± in both columns.
    const figureRows = rows.filter((r) => r.length === 3 && r[0] !== 'Run');
    expect(figureRows).toHaveLength(2 * HEADLINE_FIGURES.length + DIFFERENCE_FIGURES.length);
    for (const r of figureRows) {
      expect(r[1]).toContain(' ± ');
      expect(r[2]).toContain(' ± ');
    }
    expect(rows.find((r) => r[0] === 'Run')).toEqual([
      'Run',
      '1,024 paths, seed 1, 252 days',
      '1,024 paths, seed 2, 252 days',
    ]);
  });

  it('says a session was not run instead of showing figures, never NaN', () => {
    render(CompareSessions, {
      props: { a: record('A', base(), summary(1, 10, 1)), b: record('B', base(), null) },
    });
    const table = figuresTable();
    expect(table.textContent).not.toContain('NaN');
    const mean = rowTexts(table).find((r) => r[0] === 'Mean P&L');
    expect(mean?.[2]).toBe('not run when saved');
  });

  it('renders session names as text in the column headers', () => {
    const hostile = 'Crash <b>test</b> & co';
    render(CompareSessions, {
      props: { a: record(hostile, base(), null), b: record('B', base(), null) },
    });
    expect(
      within(settingsTable()).getByRole('columnheader', { name: `A: ${hostile}` }),
    ).toBeTruthy();
    expect(settingsTable().querySelector('b')).toBeNull();
  });
});

describe('Compare in the sessions panel', () => {
  it('compares the two sessions ticked in the Saved sessions list, and closes', async () => {
    const storage = createStorage({ memoryOnly: true });
    const a = base();
    await saveSession(storage, { name: 'First', config: a });
    await saveSession(storage, { name: 'Second', config: { ...base(), seed: a.seed + 9 } });
    const sessions = new SessionsState({ storage, config: new ConfigState(base()) });
    await sessions.refresh();
    render(SessionsPanel, { props: { sessions } });

    expect(screen.queryByRole('table', { name: 'Settings that differ' })).toBeNull();
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Compare First' }));
    expect(screen.getByText(/Tick one more session/)).toBeTruthy();
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Compare Second' }));
    await waitFor(() => expect(settingsTable()).toBeTruthy());
    const rows = rowTexts(settingsTable());
    expect(rows).toHaveLength(1);
    expect(rows[0][0]).toBe('seed');
    expect(new Set(rows[0].slice(1))).toEqual(new Set([String(a.seed), String(a.seed + 9)]));

    await fireEvent.click(screen.getByRole('button', { name: 'Close comparison' }));
    expect(screen.queryByRole('table', { name: 'Settings that differ' })).toBeNull();
    expect(
      (screen.getByRole('checkbox', { name: 'Compare First' }) as HTMLInputElement).checked,
    ).toBe(false);
  });
});
