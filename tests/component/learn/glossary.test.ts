/**
 * The glossary (src/components/learn/Glossary.svelte) walked term by term next to the real
 * controls (ControlsPanel with the 'alvh-example' preset): every term is a <dfn> with its
 * definition and formula; every 'control' term has a "Show the control" button that focuses the
 * control of its config path (a trigger term: a condition's kind select, the one using that kind
 * when a layer does); concepts say where the app shows them; terms the model leaves out say
 * "Not simulated:" and why.
 */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { flushSync, mount, unmount } from 'svelte';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import ControlsPanel from '../../../src/components/controls/ControlsPanel.svelte';
import { specPath } from '../../../src/components/controls/field-specs.ts';
import Glossary from '../../../src/components/learn/Glossary.svelte';
import ResultsDashboard from '../../../src/components/results/ResultsDashboard.svelte';
import { GLOSSARY, resultTargetsFor, type GlossaryTerm } from '../../../src/content/glossary.ts';
import { highlight, RESULT_TARGET_IDS } from '../../../src/lib/state/highlight.svelte.ts';
import { sampleResult } from '../../fixtures/sample-result.ts';
import { defaultConfig, strategyPreset } from '../../../src/engine/index.ts';
import { ConfigState } from '../../../src/lib/state/config.svelte.ts';

const TRIGGER = 'layers[].trigger.conditions[].kind=';
const CONDITION_PATHS = ['layers[].trigger.conditions[]', 'layers[].trigger.conditions[].kind'];
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

function setup(state = new ConfigState(strategyPreset('alvh-example'))) {
  render(ControlsPanel, { props: { state } });
  render(Glossary);
  return screen.getByRole('region', { name: 'Glossary' });
}

/** The <dd> of a term, found from its <dfn>. */
function entryOf(glossary: HTMLElement, t: GlossaryTerm): HTMLElement {
  const dfn = Array.from(glossary.querySelectorAll('dfn')).find((d) => d.textContent === t.term);
  if (!dfn) throw new Error(`no <dfn> for '${t.term}'`);
  const dd = dfn.closest('dt')?.nextElementSibling;
  if (!(dd instanceof HTMLElement) || dd.tagName !== 'DD') throw new Error(`no <dd> for ${t.id}`);
  return dd;
}

/** Whether a control for this generic path is on the page. */
function onPage(path: string): boolean {
  return Array.from(document.querySelectorAll<HTMLElement>('[data-path]')).some(
    (el) => specPath(el.dataset.path ?? '') === path,
  );
}

/** Kinds used by the preset's layers' conditions. */
const usedKinds = new Set<string>(
  strategyPreset('alvh-example').layers.flatMap((l) => l.trigger.conditions.map((c) => c.kind)),
);

describe('Glossary', () => {
  it('lists every term of the glossary once, each in a <dfn>', () => {
    const glossary = setup();
    const dfns = Array.from(glossary.querySelectorAll('dfn')).map((d) => d.textContent);
    expect(dfns).toEqual(GLOSSARY.map((t) => t.term));
  });

  describe('each term', () => {
    // One page for the walk (rendering the controls 40 times would take seconds): mounted here,
    // outside testing-library's per-test cleanup, and removed after the last term.
    let glossary: HTMLElement;
    let host: HTMLElement;
    let mounted: Record<string, unknown>[] = [];
    beforeAll(() => {
      host = document.body.appendChild(document.createElement('div'));
      const state = new ConfigState(strategyPreset('alvh-example'));
      mounted = [
        mount(ControlsPanel, { target: host, props: { state } }),
        mount(Glossary, { target: host }),
      ];
      flushSync();
      glossary = within(host).getByRole('region', { name: 'Glossary' });
    });
    afterAll(() => {
      for (const m of mounted) void unmount(m);
      host.remove();
    });

    it.each(GLOSSARY.map((t) => [t.id, t] as const))(
      '%s: definition, formula and its place in the app',
      async (_, t) => {
        const dd = entryOf(glossary, t);
        const text = squash(dd.textContent);
        expect(text).toContain(t.definition);
        if (t.formula) expect(text).toContain(`Formula: ${t.formula}`);
        const button = within(dd).queryByRole('button', { name: 'Show the control' });

        switch (t.mapping.kind) {
          case 'control': {
            expect(button).not.toBeNull();
            expect(button?.getAttribute('aria-describedby')).toBeTruthy();
            await fireEvent.click(button as HTMLElement);
            const focused = document.activeElement as HTMLElement;
            const path = focused.dataset.path ?? '';
            if (t.mapping.path.startsWith(TRIGGER)) {
              const kind = t.mapping.path.slice(TRIGGER.length);
              expect(CONDITION_PATHS).toContain(specPath(path));
              if (usedKinds.has(kind)) {
                expect((focused as HTMLSelectElement).value).toBe(kind);
                expect(within(dd).queryByRole('status')).toBeNull();
              } else {
                expect(squash(within(dd).getByRole('status').textContent)).toMatch(
                  /^No layer uses/,
                );
              }
            } else if (onPage(t.mapping.path)) {
              expect(specPath(path)).toBe(t.mapping.path);
              expect(within(dd).queryByRole('status')).toBeNull();
            } else {
              // Shown only for another choice (e.g. every N days): that choice is focused.
              expect(focused.tagName).toBe('SELECT');
              expect(squash(within(dd).getByRole('status').textContent)).toMatch(
                /^This setting shows only for another choice of '.+': that choice is focused\.$/,
              );
            }
            break;
          }
          case 'concept':
            expect(button).toBeNull();
            expect(text).toContain(`Where: ${t.mapping.where}.`);
            break;
          case 'not-simulated':
            expect(button).toBeNull();
            expect(text).toContain(`Not simulated: ${t.mapping.why}`);
            break;
        }
      },
    );
  });

  it('focuses the choice that reveals a setting shown only for another choice', async () => {
    // 'alvh-example' opens a condor after the last one closes, so "Open every" is not shown.
    const glossary = setup();
    const term = GLOSSARY.find((t) => t.id === 'base-layer');
    if (!term) throw new Error('no base-layer term');
    await fireEvent.click(
      within(entryOf(glossary, term)).getByRole('button', { name: 'Show the control' }),
    );
    expect((document.activeElement as HTMLElement).dataset.path).toBe('condor.entry');
  });

  it('says so when a layer term has no layer to show it on', async () => {
    const glossary = setup(new ConfigState({ ...defaultConfig(), layers: [] }));
    const term = GLOSSARY.find((t) => t.id === 'cooldown');
    if (!term) throw new Error('no cooldown term');
    const dd = entryOf(glossary, term);
    const button = within(dd).getByRole('button', { name: 'Show the control' });
    await fireEvent.click(button);
    expect(squash(within(dd).getByRole('status').textContent)).toBe(
      'There is no hedge layer to show this hedge-layer setting on: add a layer under Hedge layers.',
    );
  });
});

/** A term by id (throws for a missing one, so a renamed term fails loudly). */
function term(id: string): GlossaryTerm {
  const t = GLOSSARY.find((x) => x.id === id);
  if (!t) throw new Error(`no term ${id}`);
  return t;
}

describe('Glossary: where a term shows on the results', () => {
  beforeEach(() => highlight.clear());

  it.each(GLOSSARY.map((t) => [t.id, t] as const))(
    '%s: highlights only targets the results dashboard marks (none when not simulated)',
    (_, t) => {
      const targets = resultTargetsFor(t);
      for (const id of targets) expect(RESULT_TARGET_IDS).toContain(id);
      if (t.mapping.kind === 'not-simulated') expect(targets).toEqual([]);
    },
  );

  it('says "Run a simulation to see it on the charts" when no result is on screen', async () => {
    const glossary = setup();
    const dd = entryOf(glossary, term('cvar'));
    await fireEvent.click(within(dd).getByRole('button', { name: 'Show on the results' }));
    expect(squash(within(dd).getByRole('status').textContent)).toBe(
      'Run a simulation to see it on the charts.',
    );
    expect(highlight.target).toBeNull();
  });

  it('outlines the histogram, the summary table and the claims for CVaR; Escape clears it', async () => {
    const config = strategyPreset('alvh-example');
    render(ResultsDashboard, { props: { result: sampleResult(), config } });
    const glossary = setup();
    // The dashboard mounts its charts one per frame; the summary table comes last.
    await vi.waitFor(() => {
      if (!document.querySelector('[data-highlight-id="summary"]')) throw new Error('not yet');
    });
    const dd = entryOf(glossary, term('cvar'));
    await fireEvent.click(within(dd).getByRole('button', { name: 'Show on the results' }));
    expect(highlight.target?.ids).toEqual(['pnl-histogram', 'summary', 'claims']);
    flushSync();
    const outlined = Array.from(document.querySelectorAll('[data-highlighted="true"]')).map((el) =>
      el.getAttribute('data-highlight-id'),
    );
    expect(outlined).toEqual(['pnl-histogram', 'claims', 'summary']); // document order
    expect(squash(within(dd).getByRole('status').textContent)).toBe(
      'Outlined on the results: the P&L histogram, the summary table and the claims check. Escape clears it.',
    );
    // Escape in a form field is the field's (closing a select, reverting a value).
    const field = document.createElement('input');
    document.body.append(field);
    await fireEvent.keyDown(field, { key: 'Escape' });
    flushSync();
    expect(highlight.target?.ids).toEqual(['pnl-histogram', 'summary', 'claims']);
    field.remove();
    await fireEvent.keyDown(document.body, { key: 'Escape' });
    flushSync();
    expect(highlight.target).toBeNull();
    expect(document.querySelector('[data-highlighted]')).toBeNull();
  });

  it('says when the chart of a term is not on the results on screen (no layers: no attribution)', async () => {
    const result = { ...sampleResult(), layers: [] };
    render(ResultsDashboard, { props: { result, config: strategyPreset('condor-only') } });
    const glossary = setup();
    const dd = entryOf(glossary, term('hedge-layer'));
    await fireEvent.click(within(dd).getByRole('button', { name: 'Show on the results' }));
    expect(squash(within(dd).getByRole('status').textContent)).toBe(
      'The layer attribution chart is not on the results on screen (it shows only for some settings).',
    );
  });

  it('"Show the control" also outlines the term on the results, without scrolling to them', async () => {
    render(ResultsDashboard, {
      props: { result: sampleResult(), config: strategyPreset('alvh-example') },
    });
    const glossary = setup();
    await vi.waitFor(() => {
      if (!document.querySelector('[data-highlight-id="payoff"]')) throw new Error('not yet');
    });
    await fireEvent.click(
      within(entryOf(glossary, term('iron-condor'))).getByRole('button', {
        name: 'Show the control',
      }),
    );
    expect(highlight.target).toMatchObject({ ids: ['payoff'], scroll: false });
    expect((document.activeElement as HTMLElement).dataset.path).toBe('condor.riskPctOfCapital');
  });
});
