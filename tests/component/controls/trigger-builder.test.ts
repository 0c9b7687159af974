// The trigger builder: "All of" / "Any of", conditions added and removed, kinds with and without
// a value, the per-condition message, and the note on what is not simulated.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import TriggerBuilder from '../../../src/components/controls/TriggerBuilder.svelte';
import { strategyPreset } from '../../../src/engine/index.ts';
import { ConfigState, MAX_CONDITIONS } from '../../../src/lib/state/config.svelte.ts';

/** The trigger of the seed's third layer: any of VIX ≥ 25, backwardation. */
function setup(layerIndex = 2) {
  const state = new ConfigState(strategyPreset('alvh-example'));
  render(TriggerBuilder, {
    props: { state, layerIndex, trigger: state.config.layers[layerIndex].trigger },
  });
  return { state, trigger: () => state.config.layers[layerIndex].trigger };
}

const select = (name: string) => screen.getByRole('combobox', { name }) as HTMLSelectElement;
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;

describe('TriggerBuilder', () => {
  it('shows each condition with its kind and value', () => {
    setup();
    expect(select('Condition 1').value).toBe('vix-at-least');
    expect((screen.getByLabelText('VIX level') as HTMLInputElement).value).toBe('25');
    expect(select('Condition 2').value).toBe('backwardation');
    expect(screen.getAllByRole('textbox')).toHaveLength(1);
  });

  it('switches between "All of" and "Any of"', async () => {
    const { trigger } = setup();
    const all = screen.getByRole('radio', { name: 'All of' }) as HTMLInputElement;
    const any = screen.getByRole('radio', { name: 'Any of' }) as HTMLInputElement;
    expect([all.checked, any.checked]).toEqual([false, true]);
    await fireEvent.click(all);
    expect(trigger().combine).toBe('all');
    await fireEvent.click(any);
    expect(trigger().combine).toBe('any');
  });

  it('adds a condition (VIX at least 25) and removes it by its named button', async () => {
    const { state, trigger } = setup();
    await fireEvent.click(button('Add condition'));
    expect(trigger().conditions).toHaveLength(3);
    expect(select('Condition 3').value).toBe('vix-at-least');
    await fireEvent.click(button('Remove condition 1'));
    expect(trigger().conditions.map((c) => c.kind)).toEqual(['backwardation', 'vix-at-least']);
    expect(state.isValid).toBe(true);
  });

  it('keeps at least one condition and at most the engine maximum', async () => {
    const { trigger } = setup(1);
    expect(button('Remove condition 1').disabled).toBe(true);
    for (let i = 1; i < MAX_CONDITIONS; i++) await fireEvent.click(button('Add condition'));
    expect(trigger().conditions).toHaveLength(MAX_CONDITIONS);
    expect(button('Add condition').disabled).toBe(true);
  });

  it.each([
    ['rsi-below', 'RSI', '30'],
    ['drawdown-at-least', 'Drawdown', '10'],
    ['contango-at-least', 'Second over front month', '5'],
    ['future-below', 'Future level', '20'],
  ])('a %s condition gets its value field (%s = %s)', async (kind, label, shown) => {
    const { state } = setup();
    await fireEvent.change(select('Condition 1'), { target: { value: kind } });
    expect((screen.getByLabelText(label) as HTMLInputElement).value).toBe(shown);
    expect(state.isValid).toBe(true);
  });

  it('a condition without a value has no value field', async () => {
    const { trigger } = setup();
    await fireEvent.change(select('Condition 1'), { target: { value: 'macd-bearish-cross' } });
    expect(trigger().conditions[0]).toEqual({ kind: 'macd-bearish-cross' });
    expect(screen.queryAllByRole('textbox')).toHaveLength(0);
  });

  it('shows the message for a value out of range on its condition', async () => {
    setup();
    const value = screen.getByLabelText('VIX level');
    await fireEvent.input(value, { target: { value: '200' } });
    expect(screen.getByText('VIX level must be between 5 and 150')).toBeTruthy();
    expect(value.getAttribute('aria-invalid')).toBe('true');
  });

  it('says which macro inputs are not simulated', () => {
    setup();
    expect(screen.getByText(/A\/D line, CPI, FOMC and FX are not\s+simulated/)).toBeTruthy();
  });
});
