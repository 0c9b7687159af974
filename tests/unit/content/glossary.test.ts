import { describe, expect, it } from 'vitest';
import { FIELD_SPECS, TRIGGER_KINDS } from '../../../src/components/controls/field-specs.ts';
import { GLOSSARY, glossaryTerm } from '../../../src/content/glossary.ts';

/** Every path a glossary link may focus: the number fields and the trigger-kind choices. */
const CONTROL_PATHS = new Set<string>([
  ...Object.keys(FIELD_SPECS),
  ...TRIGGER_KINDS.map((k) => `layers[].trigger.conditions[].kind=${k.kind}`),
]);

/** Sentences: ends of text or a full stop / question mark followed by a space. */
function sentenceCount(text: string): number {
  return text.split(/[.?!](?:\s+|$)/).filter((s) => s.trim() !== '').length;
}

describe('GLOSSARY', () => {
  it('has unique kebab-case ids', () => {
    const ids = GLOSSARY.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('defines every term in 2–4 plain sentences, with no empty term or formula', () => {
    for (const t of GLOSSARY) {
      expect(t.term.trim(), t.id).not.toBe('');
      const n = sentenceCount(t.definition);
      expect(n, `${t.id}: ${n} sentences`).toBeGreaterThanOrEqual(2);
      expect(n, `${t.id}: ${n} sentences`).toBeLessThanOrEqual(4);
      if (t.formula !== undefined) expect(t.formula.trim(), t.id).not.toBe('');
    }
  });

  it('links every control term to a real control path', () => {
    const controls = GLOSSARY.filter((t) => t.mapping.kind === 'control');
    expect(controls.length).toBeGreaterThan(0);
    for (const t of controls) {
      if (t.mapping.kind !== 'control') continue;
      expect(CONTROL_PATHS.has(t.mapping.path), `${t.id} → ${t.mapping.path}`).toBe(true);
    }
  });

  it('says where each simulated concept shows and why each left-out term is not simulated', () => {
    for (const t of GLOSSARY) {
      if (t.mapping.kind === 'concept') expect(t.mapping.where.trim(), t.id).not.toBe('');
      if (t.mapping.kind === 'not-simulated') expect(t.mapping.why.trim(), t.id).not.toBe('');
    }
  });

  it.each([
    'iron-condor',
    'short-strike',
    'wing',
    'credit',
    'break-even',
    'max-loss',
    'profit-target',
    'stop-loss',
    'dte',
    'delta',
    'base-layer',
    'hedge-layer',
    'time-shifting',
    'vix',
    'vix-futures',
    'contango',
    'backwardation',
    'term-structure',
    'rsi',
    'macd',
    'drawdown',
    'rolling',
    'take-profit',
    'cooldown',
    'capital-at-risk',
    'variance-risk-premium',
    'mean-reversion',
    'beta',
    'var',
    'cvar',
    'max-drawdown',
    'standard-error',
    'fan-chart',
    'stress-path',
  ])('has the simulated term %s, mapped to a control or a concept', (id) => {
    expect(glossaryTerm(id)?.mapping.kind).toMatch(/^(control|concept)$/);
  });

  it.each(['ad-line', 'market-breadth', 'cpi', 'fomc', 'fx', 'macro-data'])(
    'marks %s as not simulated',
    (id) => {
      expect(glossaryTerm(id)?.mapping.kind).toBe('not-simulated');
    },
  );

  it('maps each trigger kind with a market meaning to a term (except always)', () => {
    const linked = new Set(
      GLOSSARY.flatMap((t) => (t.mapping.kind === 'control' ? [t.mapping.path] : [])),
    );
    const missing = TRIGGER_KINDS.filter(
      (k) =>
        !['always', 'vix-below', 'future-below'].includes(k.kind) &&
        !linked.has(`layers[].trigger.conditions[].kind=${k.kind}`),
    ).map((k) => k.kind);
    expect(missing).toEqual([]);
  });
});

describe('glossaryTerm', () => {
  it('finds a term by id', () => {
    expect(glossaryTerm('rsi')?.formula).toBe(
      'RSI = 100 − 100/(1 + avg gain/avg loss), Wilder smoothing, 14 days.',
    );
  });

  it('returns undefined for an unknown id', () => {
    expect(glossaryTerm('no-such-term')).toBeUndefined();
  });
});
