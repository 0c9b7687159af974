/**
 * Export and import of sessions (src/lib/storage/export-import.ts): a round trip through the
 * file, name clashes kept as copies, and a table of bad files — each refused with a message
 * naming what is wrong, with the stored sessions left exactly as they were.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig, strategyPreset } from '../../../../src/engine/index.ts';
import {
  exportSessions,
  importSessions,
  MAX_LISTED_PROBLEMS,
  parseSessionsFile,
  serializeSessionsFile,
} from '../../../../src/lib/storage/export-import.ts';
import {
  listSessions,
  saveSession,
  type SessionEntry,
} from '../../../../src/lib/storage/sessions.ts';
import { CONFIG_V1, DEFAULT_CONFIG_V1, SUMMARY_V1 } from './fixtures.ts';
import { BACKENDS, freshStorage, putRaw, T0 } from './helpers.ts';

const names = (entries: SessionEntry[]) =>
  entries.map((e) => (e.status === 'ok' ? e.session.name : `damaged:${e.id}`)).sort();

/** A valid file holding `sessions` (partial sessions are filled with a valid default). */
function file(sessions: unknown[], top: Record<string, unknown> = {}): string {
  return JSON.stringify({
    format: 'alvh-sessions',
    version: 1,
    exportedAt: '2026-01-01T00:00:00.000Z',
    sessions,
    ...top,
  });
}

const session = (change: Record<string, unknown> = {}) => ({
  id: 'x',
  name: 'Calm',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  config: DEFAULT_CONFIG_V1,
  summary: SUMMARY_V1,
  ...change,
});

describe.each(BACKENDS)('export and import on %s', (backend) => {
  it('a file exported from one browser imports into another with everything intact', async () => {
    const from = freshStorage(backend);
    await saveSession(from, { name: 'Calm', config: defaultConfig(), summary: SUMMARY_V1 });
    await saveSession(from, {
      name: 'Crash <b>test</b> & co',
      config: strategyPreset('alvh-example'),
    });
    const exported = await exportSessions(from);
    expect(exported.count).toBe(2);
    expect(exported.skipped).toEqual([]);

    const to = freshStorage(backend);
    const outcome = await importSessions(to, exported.text);
    expect(outcome.ok).toBe(true);
    const strip = (entries: SessionEntry[]) =>
      entries.map((e) => (e.status === 'ok' ? { ...e.session, id: undefined } : e));
    expect(strip(await listSessions(to))).toEqual(strip(await listSessions(from)));
  });

  it('importing the same file twice keeps both copies, renamed " (2)"', async () => {
    const storage = freshStorage(backend);
    await saveSession(storage, { name: 'Calm', config: defaultConfig() });
    const { text } = await exportSessions(storage);
    const again = await importSessions(storage, text);
    expect(again.ok && again.imported.map((s) => s.name)).toEqual(['Calm (2)']);
    expect(names(await listSessions(storage))).toEqual(['Calm', 'Calm (2)']);
  });

  it('sessions with the same name inside one file are all kept', async () => {
    const storage = freshStorage(backend);
    const outcome = await importSessions(storage, file([session(), session(), session()]));
    expect(outcome.ok && outcome.imported.map((s) => s.name)).toEqual([
      'Calm',
      'Calm (2)',
      'Calm (3)',
    ]);
  });

  it('keeps the times from the file, and uses the import time where a file has none', async () => {
    const storage = freshStorage(backend);
    const outcome = await importSessions(
      storage,
      file([session(), session({ createdAt: undefined, updatedAt: undefined })]),
    );
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.imported[0]).toMatchObject({
      createdAt: Date.parse('2026-01-01T00:00:00.000Z'),
      updatedAt: Date.parse('2026-01-02T00:00:00.000Z'),
    });
    expect(outcome.imported[1]).toMatchObject({ createdAt: T0, updatedAt: T0 });
  });

  it('export leaves damaged records out and returns them, and can export chosen ids only', async () => {
    const storage = freshStorage(backend);
    const a = await saveSession(storage, { name: 'A', config: defaultConfig() });
    await saveSession(storage, { name: 'B', config: defaultConfig() });
    await putRaw(storage, { id: 'bad', name: 'Bad', schemaVersion: 1 });
    const all = await exportSessions(storage);
    expect(all.count).toBe(2);
    expect(all.skipped.map((d) => d.id)).toEqual(['bad']);
    expect(all.filename).toMatch(/^alvh-sessions-\d{4}-\d{2}-\d{2}\.json$/);
    const chosen = await exportSessions(storage, { ids: [a.id] });
    expect(JSON.parse(chosen.text).sessions.map((s: { name: string }) => s.name)).toEqual(['A']);
  });
});

describe('the file format', () => {
  it('is versioned JSON with ISO times', () => {
    const text = serializeSessionsFile({
      sessions: [
        {
          id: 'a',
          name: 'A',
          config: defaultConfig(),
          summary: null,
          createdAt: T0,
          updatedAt: T0,
          schemaVersion: 1,
        },
      ],
      exportedAt: T0,
    });
    expect(JSON.parse(text)).toEqual({
      format: 'alvh-sessions',
      version: 1,
      exportedAt: '2026-01-01T00:00:00.000Z',
      sessions: [
        {
          id: 'a',
          name: 'A',
          createdAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:00.000Z',
          config: defaultConfig(),
          summary: null,
        },
      ],
    });
  });

  it('an old-version config in a file is migrated and accepted', () => {
    const checked = parseSessionsFile(file([session({ config: CONFIG_V1 })]));
    expect(checked.ok).toBe(true);
  });
});

/** [what is wrong, file text, expected problem texts (each must appear)] */
const BAD_FILES: [string, string, string[]][] = [
  ['an empty file', '  \n', ['The file is empty.']],
  ['not JSON', '{"format": "alvh-sessions",', ['The file is not valid JSON']],
  ['a list at the top', '[]', ['it holds a list, not an object']],
  ['no format', '{}', ['it has no "format" field']],
  [
    'another format',
    JSON.stringify({ format: 'csv', version: 1, sessions: [] }),
    ['"format" is "csv", expected "alvh-sessions"'],
  ],
  [
    'a newer version',
    file([], { version: 2 }),
    ['The file is version 2, made by a newer version of the simulator'],
  ],
  [
    'a text version',
    file([], { version: '1' }),
    ['"version" is "1": it must be a whole number from 1 to 1'],
  ],
  ['version 0', file([], { version: 0 }), ['"version" is 0']],
  ['no sessions list', file([], { sessions: undefined }), ['The file has no "sessions" list.']],
  [
    'sessions not a list',
    file([], { sessions: {} }),
    ['"sessions" must be a list, not an object.'],
  ],
  [
    'a session that is not an object',
    file([session(), 'oops']),
    ['Session 2: must be an object, not "oops".'],
  ],
  ['a session with no name', file([session({ name: undefined })]), ['Session 1: name is missing.']],
  [
    'a session with an empty name',
    file([session({ name: '  ' })]),
    ['Session 1: name must not be empty.'],
  ],
  [
    'an out-of-range field',
    file([
      session(),
      session({
        name: 'Stress',
        config: { ...DEFAULT_CONFIG_V1, market: { ...DEFAULT_CONFIG_V1.market, rho: 2 } },
      }),
    ]),
    ['Session 2 ("Stress"): config.market.rho: must be between -1 and 1.'],
  ],
  [
    'a config from a newer app',
    file([session({ config: { ...DEFAULT_CONFIG_V1, version: 7 } })]),
    ['Session 1 ("Calm"): config.version: 7 is newer than this app supports'],
  ],
  [
    'an unknown config field',
    file([session({ config: { ...DEFAULT_CONFIG_V1, turbo: true } })]),
    ['Session 1 ("Calm"): config.turbo: is not a known field.'],
  ],
  [
    'no config',
    file([session({ config: undefined })]),
    ['Session 1 ("Calm"): config: config must be an object.'],
  ],
  [
    'a bad summary',
    file([
      session({
        summary: {
          ...SUMMARY_V1,
          hedged: { ...SUMMARY_V1.hedged, mean: { estimate: 1, stdErr: -2 } },
        },
      }),
    ]),
    [
      'Session 1 ("Calm"): summary.hedged.mean.stdErr: must be a finite number at least 0, or null.',
    ],
  ],
  [
    'a bad time',
    file([session({ createdAt: 'yesterday' })]),
    ['Session 1 ("Calm"): createdAt is "yesterday"'],
  ],
  [
    'a time before 2000',
    file([session({ updatedAt: '1999-12-31T23:59:59Z' })]),
    ['Session 1 ("Calm"): updatedAt is "1999-12-31T23:59:59Z"'],
  ],
  [
    'problems in several sessions (every one is named)',
    file([
      session({ name: '' }),
      session(),
      session({ name: 'X', config: { ...DEFAULT_CONFIG_V1, seed: -1, paths: 0 } }),
    ]),
    [
      'Session 1: name must not be empty.',
      'Session 3 ("X"): config.seed',
      'Session 3 ("X"): config.paths',
    ],
  ],
];

describe.each(BACKENDS)('a bad file on %s', (backend) => {
  it.each(BAD_FILES)(
    'with %s is refused, naming it, and writes nothing',
    async (_, text, expected) => {
      const storage = freshStorage(backend);
      await saveSession(storage, { name: 'Calm', config: defaultConfig(), summary: SUMMARY_V1 });
      const before = await listSessions(storage);
      const outcome = await importSessions(storage, text);
      expect(outcome.ok).toBe(false);
      const problems = outcome.ok ? [] : outcome.problems;
      for (const part of expected)
        expect(
          problems.some((p) => p.includes(part)),
          `${part} in ${JSON.stringify(problems)}`,
        ).toBe(true);
      expect(await listSessions(storage)).toEqual(before);
    },
  );
});

describe('parseSessionsFile', () => {
  it('lists at most 50 problems and counts the rest', () => {
    const bad = Array.from({ length: 60 }, () => session({ name: '' }));
    const checked = parseSessionsFile(file(bad));
    expect(checked.ok).toBe(false);
    const problems = checked.ok ? [] : checked.problems;
    expect(problems).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(problems.at(-1)).toBe('… and 10 more problems.');
  });

  it('refuses a file over the size limit without parsing it', () => {
    const checked = parseSessionsFile(' '.repeat(20_000_001));
    expect(checked).toEqual({ ok: false, problems: [expect.stringContaining('too large')] });
  });

  it('never throws, whatever the text (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.anything().map((x) => file([x])),
          fc
            .anything()
            .map(
              (x) => JSON.stringify({ format: 'alvh-sessions', version: x, sessions: [] }) ?? '',
            ),
        ),
        (text) => {
          const checked = parseSessionsFile(text);
          if (!checked.ok) expect(checked.problems.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
