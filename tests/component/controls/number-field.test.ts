// NumberField: the engine's message per field as you type (with the range, aria-invalid and
// aria-describedby), percent display, text that is not a number, blanks, steps.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import NumberField from '../../../src/components/controls/NumberField.svelte';
import { ConfigState } from '../../../src/lib/state/config.svelte.ts';

function setup(path: string, state = new ConfigState()) {
  const view = render(NumberField, { props: { state, path } });
  const input = view.container.querySelector<HTMLInputElement>('input')!;
  return { state, input, view };
}

/** The text of the elements the input's aria-describedby points at. */
function description(input: HTMLInputElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' | ');
}

const type = (input: HTMLInputElement, value: string) =>
  fireEvent.input(input, { target: { value } });

describe('validation messages', () => {
  it('shows the label, the unit and the range, with no message while valid', () => {
    const { input } = setup('market.rho');
    expect(screen.getByLabelText('ρ (price–variance correlation)')).toBe(input);
    expect(input.value).toBe('-0.95');
    expect(description(input)).toContain('-1 to 1');
    expect(input.hasAttribute('aria-invalid')).toBe(false);
  });

  it('shows the engine message with the range for an out-of-range value, and clears it when fixed', async () => {
    const { state, input } = setup('market.rho');
    await type(input, '1.5');
    expect(state.config.market.rho).toBe(1.5);
    const message = 'ρ (price–variance correlation) must be between -1 and 1';
    expect(screen.getByText(message)).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(description(input)).toContain(message);
    await type(input, '0.5');
    expect(screen.queryByText(/must be between/)).toBeNull();
    expect(input.hasAttribute('aria-invalid')).toBe(false);
    expect(state.isValid).toBe(true);
  });

  it('states the range of a percent field in percent', async () => {
    const { state, input } = setup('layerCapPctOfCapital');
    await type(input, '6');
    expect(state.config.layerCapPctOfCapital).toBe(0.06);
    expect(screen.getByText('Per-layer cap must be between 0.5 % and 5 %')).toBeTruthy();
  });

  it('asks for a whole number where the engine does', async () => {
    const { input } = setup('horizonDays');
    await type(input, '10.5');
    expect(screen.getByText('Horizon must be a whole number between 1 and 5040')).toBeTruthy();
  });
});

describe('percent display', () => {
  it('shows fractions as percent and writes percent back as fractions', async () => {
    const { state, input } = setup('condor.riskPctOfCapital');
    expect(input.value).toBe('20');
    await type(input, '12.5');
    expect(state.config.condor.riskPctOfCapital).toBe(0.125);
    state.set('condor.riskPctOfCapital', 0.0725);
    await fireEvent.blur(input);
    expect(input.value).toBe('7.25');
  });

  it('keeps what the user typed while it means the same number, tidies it on blur', async () => {
    const { state, input } = setup('condor.riskPctOfCapital');
    await type(input, '12.50');
    expect(input.value).toBe('12.50');
    expect(state.config.condor.riskPctOfCapital).toBe(0.125);
    await fireEvent.blur(input);
    expect(input.value).toBe('12.5');
  });
});

describe('text that is not a number', () => {
  it.each(['', '-', 'abc', '1..2'])(
    '%j keeps the text, says "must be a number", leaves the config and blocks Run',
    async (text) => {
      const { state, input } = setup('market.rho');
      await type(input, text);
      expect(input.value).toBe(text);
      expect(state.config.market.rho).toBe(-0.95);
      expect(screen.getByText('ρ (price–variance correlation) must be a number')).toBeTruthy();
      expect(input.getAttribute('aria-invalid')).toBe('true');
      expect(state.isValid).toBe(false);
      expect(state.firstError).toBe('market.rho: must be a number');
      await type(input, '-0.5');
      expect(state.config.market.rho).toBe(-0.5);
      expect(state.isValid).toBe(true);
      expect(screen.queryByText(/must be a number/)).toBeNull();
    },
  );

  it('forgets the text when the field goes away', async () => {
    const { state, input, view } = setup('seed');
    await type(input, 'x');
    expect(state.isValid).toBe(false);
    view.unmount();
    expect(state.isValid).toBe(true);
  });

  it('shows the new value when a preset replaces the config', async () => {
    const { state, input } = setup('market.rho');
    await type(input, '-');
    state.applyMarketPreset('calm');
    await fireEvent.blur(input);
    expect(input.value).toBe('-0.95');
    expect(state.isValid).toBe(true);
    expect(input.hasAttribute('aria-invalid')).toBe(false);
  });
});

describe('blanks and steps', () => {
  it('a blank optional field switches its rule off (null)', async () => {
    const { state, input } = setup('condor.profitTarget');
    expect(description(input)).toContain('blank: no target');
    await type(input, '');
    expect(state.config.condor.profitTarget).toBeNull();
    expect(state.isValid).toBe(true);
  });

  it('arrow keys step by the field step in display units', async () => {
    const { state, input } = setup('layerCapPctOfCapital');
    await fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(state.config.layerCapPctOfCapital).toBe(0.026);
    expect(input.value).toBe('2.6');
    await fireEvent.keyDown(input, { key: 'ArrowDown' });
    await fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.value).toBe('2.4');
  });
});
