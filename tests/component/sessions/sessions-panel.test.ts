// The sessions panel on the in-memory store: names listed as text, rename, delete with undo, a bad
// import file refused with an alert (the list unchanged), damaged records shown with their reason.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import SessionsPanel from '../../../src/components/sessions/SessionsPanel.svelte';
import { strategyPreset } from '../../../src/engine/index.ts';
import { ConfigState } from '../../../src/lib/state/config.svelte.ts';
import { SessionsState } from '../../../src/lib/state/sessions.svelte.ts';
import {
  createStorage,
  fallbackMessage,
  saveSession,
  type AlvhStorage,
} from '../../../src/lib/storage/index.ts';

const HOSTILE = 'Crash <b>test</b> & co';

async function setup(
  prepare?: (storage: AlvhStorage) => Promise<void>,
  // The memory store: fake-indexeddb fails to open under happy-dom (its events are not
  // happy-dom's); the real IndexedDB is covered in tests/e2e/sessions.test.ts.
  storage = createStorage({ memoryOnly: true }),
) {
  await prepare?.(storage);
  const config = new ConfigState(strategyPreset('alvh-example'));
  const sessions = new SessionsState({ storage, config });
  await sessions.refresh();
  const downloads: { filename: string; text: string }[] = [];
  render(SessionsPanel, {
    props: { sessions, download: (filename, text) => downloads.push({ filename, text }) },
  });
  return { storage, config, sessions, downloads };
}

const list = () => screen.getByRole('list', { name: 'Saved sessions' });
const items = () => within(list()).queryAllByRole('listitem');

async function saveAs(name: string) {
  await fireEvent.input(screen.getByLabelText('Session name'), { target: { value: name } });
  await fireEvent.click(screen.getByRole('button', { name: 'Save session' }));
  await waitFor(() => expect(within(list()).getByText(name)).toBeTruthy());
}

describe('SessionsPanel', () => {
  it('tells the user why sessions are kept in this tab only when there is no IndexedDB', async () => {
    const { sessions } = await setup(undefined, createStorage({ indexedDB: null }));
    await saveAs('In memory');
    expect(sessions.status.mode).toBe('memory');
    expect(screen.getByText(fallbackMessage('unsupported'))).toBeTruthy();
  });

  it('lists a saved session by its name as text, never as HTML', async () => {
    await setup();
    await saveAs(HOSTILE);
    expect(items()).toHaveLength(1);
    expect(within(items()[0]).getByText(HOSTILE)).toBeTruthy();
    expect(list().querySelector('b')).toBeNull();
  });

  it('opens a session: its config replaces the one on screen', async () => {
    const { config } = await setup(async (storage) => {
      const saved = strategyPreset('alvh-example');
      await saveSession(storage, { name: 'Seed 42', config: { ...saved, seed: 42 } });
    });
    expect(config.config.seed).not.toBe(42);
    await fireEvent.click(within(items()[0]).getByRole('button', { name: /^Open/ }));
    expect(config.config.seed).toBe(42);
  });

  it('renames a session', async () => {
    await setup();
    await saveAs('Before');
    await fireEvent.click(within(items()[0]).getByRole('button', { name: /^Rename/ }));
    await fireEvent.input(screen.getByLabelText('New name for Before'), {
      target: { value: 'After' },
    });
    await fireEvent.click(screen.getByRole('button', { name: 'Save name' }));
    await waitFor(() => expect(within(list()).getByText('After')).toBeTruthy());
    expect(within(list()).queryByText('Before')).toBeNull();
  });

  it('duplicates a session under a free name', async () => {
    await setup();
    await saveAs('Calm');
    await fireEvent.click(within(items()[0]).getByRole('button', { name: /^Duplicate/ }));
    await waitFor(() => expect(items()).toHaveLength(2));
    expect(within(list()).getByText('Calm (2)')).toBeTruthy();
  });

  it('deletes a session and brings it back with Undo', async () => {
    await setup();
    await saveAs('Keep me');
    await fireEvent.click(within(items()[0]).getByRole('button', { name: /^Delete/ }));
    await waitFor(() => expect(items()).toHaveLength(0));
    const status = screen.getAllByRole('status').find((s) => s.textContent?.includes('Deleted'));
    expect(status?.textContent).toContain('Deleted “Keep me”');
    await fireEvent.click(within(status!).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(items()).toHaveLength(1));
    expect(within(list()).getByText('Keep me')).toBeTruthy();
  });

  it.each([
    ['not JSON', '{ nope'],
    ['a wrong version', JSON.stringify({ format: 'alvh-sessions', version: 99, sessions: [] })],
  ])(
    'refuses an import file that is %s with an alert and leaves the list as it was',
    async (_, text) => {
      await setup();
      await saveAs('Existing');
      const input = screen.getByLabelText('Import sessions') as HTMLInputElement;
      const file = new File([text], 'bad.json', { type: 'application/json' });
      Object.defineProperty(input, 'files', { value: [file], configurable: true });
      await fireEvent.change(input);
      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toMatch(/^The file was not imported \(nothing was changed\): \S/);
      expect(items()).toHaveLength(1);
      expect(within(list()).getByText('Existing')).toBeTruthy();
    },
  );

  it('imports a file it exported, names made unique', async () => {
    const { downloads } = await setup();
    await saveAs('Round trip');
    await fireEvent.click(screen.getByRole('button', { name: 'Export sessions' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    const input = screen.getByLabelText('Import sessions') as HTMLInputElement;
    const file = new File([downloads[0].text], downloads[0].filename);
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    await fireEvent.change(input);
    await waitFor(() => expect(items()).toHaveLength(2));
    expect(within(list()).getByText('Round trip (2)')).toBeTruthy();
  });

  it('shows a damaged record with its reason, and exports or deletes it', async () => {
    const { downloads } = await setup(async (storage) => {
      await storage.memory.writeSessions(() => ({
        put: [{ id: 'broken', name: 42, config: {} }],
        result: null,
      }));
    });
    expect(items()).toHaveLength(1);
    const item = items()[0];
    expect(item.textContent).toContain('Damaged record broken');
    expect(item.textContent).toContain('It cannot be opened:');
    await fireEvent.click(within(item).getByRole('button', { name: /^Export/ }));
    expect(JSON.parse(downloads[0].text)).toMatchObject({ id: 'broken', raw: { name: 42 } });
    await fireEvent.click(within(item).getByRole('button', { name: /^Delete/ }));
    await waitFor(() => expect(items()).toHaveLength(0));
  });
});
