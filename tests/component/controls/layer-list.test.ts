// Layer cards: add, remove, reorder, duplicate (with accessible names that include the layer
// name), the size against the cap and the over-cap message naming the layer.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import LayerList from '../../../src/components/controls/LayerList.svelte';
import { strategyPreset } from '../../../src/engine/index.ts';
import { ConfigState, MAX_LAYERS } from '../../../src/lib/state/config.svelte.ts';

function setup(state = new ConfigState(strategyPreset('alvh-example'))) {
  render(LayerList, { props: { state } });
  return state;
}

const headings = () => screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
const cards = () => screen.getAllByRole('article');
const button = (name: string) => screen.getByRole('button', { name });
const type = (input: HTMLElement, value: string) => fireEvent.input(input, { target: { value } });

describe('LayerList', () => {
  it('shows one card per layer, in order, named by the layer', () => {
    setup();
    expect(headings()).toEqual([
      'Layer 1: Short-vol base',
      'Layer 2: Calls at VIX 20',
      'Layer 3: Calls at VIX 25 or backwardation',
      'Layer 4: Calls at VIX 30 or weak RSI',
    ]);
    expect(cards()[1].getAttribute('aria-labelledby')).toBeTruthy();
  });

  it('adds a layer at the end and puts the keyboard on its name', async () => {
    setup(new ConfigState());
    expect(screen.getByText('No hedge layers: the condor runs alone.')).toBeTruthy();
    await fireEvent.click(button('Add layer'));
    expect(headings()).toEqual(['Layer 1: Layer 1']);
    expect(document.activeElement).toBe(within(cards()[0]).getByLabelText('Name'));
  });

  it(`disables "Add layer" at ${MAX_LAYERS} layers and says why`, async () => {
    const state = setup(new ConfigState());
    for (let i = 0; i < MAX_LAYERS; i++) await fireEvent.click(button('Add layer'));
    expect(cards()).toHaveLength(MAX_LAYERS);
    expect((button('Add layer') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(`At most ${MAX_LAYERS} layers.`)).toBeTruthy();
    expect(state.isValid).toBe(true);
  });

  it('removes a layer by its named button and moves focus to the next card', async () => {
    const state = setup();
    await fireEvent.click(button('Remove layer Calls at VIX 20'));
    expect(headings()).toEqual([
      'Layer 1: Short-vol base',
      'Layer 2: Calls at VIX 25 or backwardation',
      'Layer 3: Calls at VIX 30 or weak RSI',
    ]);
    expect(state.config.layers).toHaveLength(3);
    expect(document.activeElement).toBe(within(cards()[1]).getByLabelText('Name'));
  });

  it('moves a layer down and up, keeping the keyboard on the button', async () => {
    setup();
    await fireEvent.click(button('Move down layer Short-vol base'));
    expect(headings().slice(0, 2)).toEqual(['Layer 1: Calls at VIX 20', 'Layer 2: Short-vol base']);
    expect(document.activeElement).toBe(button('Move down layer Short-vol base'));
    await fireEvent.click(button('Move up layer Short-vol base'));
    expect(headings()[0]).toBe('Layer 1: Short-vol base');
  });

  it('disables moving past either end', () => {
    setup();
    expect((button('Move up layer Short-vol base') as HTMLButtonElement).disabled).toBe(true);
    expect(
      (button('Move down layer Calls at VIX 30 or weak RSI') as HTMLButtonElement).disabled,
    ).toBe(true);
    expect((button('Move down layer Short-vol base') as HTMLButtonElement).disabled).toBe(false);
  });

  it('duplicates a layer after itself with a "copy" name', async () => {
    const state = setup();
    await fireEvent.click(button('Duplicate layer Calls at VIX 20'));
    expect(headings()[2]).toBe('Layer 3: Calls at VIX 20 copy');
    expect(state.config.layers[2].trigger).toEqual(state.config.layers[1].trigger);
    expect(state.isValid).toBe(true);
  });

  it('renames a layer as you type: heading and button names follow', async () => {
    setup();
    await type(within(cards()[1]).getByLabelText('Name'), 'Calls at VIX 21');
    expect(headings()[1]).toBe('Layer 2: Calls at VIX 21');
    expect(button('Remove layer Calls at VIX 21')).toBeTruthy();
  });

  it('names a duplicate name as the problem', async () => {
    setup();
    await type(within(cards()[2]).getByLabelText('Name'), 'Calls at VIX 20');
    expect(
      within(cards()[2]).getByText("Name 'Calls at VIX 20' is already used by layers[1]"),
    ).toBeTruthy();
  });
});

describe('size against the cap', () => {
  it('shows the size as a percent of capital with the cap', () => {
    setup();
    expect(within(cards()[1]).getByText('2 % of capital (cap 2.5 %)')).toBeTruthy();
  });

  it('names the layer when its size is above the cap, until the cap is allowed', async () => {
    const state = setup();
    const card = cards()[1];
    const size = within(card).getByLabelText('Size');
    await type(size, '3');
    expect(state.config.layers[1].sizePctOfCapital).toBe(0.03);
    const message =
      "layer 'Calls at VIX 20' risks 3 % of capital, above the per-layer cap of 2.5 % (set allowOverCap to allow it)";
    expect(within(card).getByText(message)).toBeTruthy();
    expect(size.getAttribute('aria-invalid')).toBe('true');
    expect(within(card).getByText('3 % of capital (cap 2.5 %)')).toBeTruthy();
    expect(state.firstError).toBe(`layers[1].sizePctOfCapital: ${message}`);
    await fireEvent.click(within(card).getByLabelText('Allow above the cap'));
    expect(within(card).queryByText(message)).toBeNull();
    expect(state.isValid).toBe(true);
  });
});

describe('a card keeps its fields when it moves', () => {
  it('text that is not a number moves with its layer', async () => {
    const state = setup();
    await type(within(cards()[1]).getByLabelText('Tenor'), 'x');
    expect(state.errorFor('layers[1].dte')).toBe('must be a number');
    await fireEvent.click(button('Move up layer Calls at VIX 20'));
    expect(state.errorFor('layers[0].dte')).toBe('must be a number');
    expect(state.errorFor('layers[1].dte')).toBeUndefined();
    expect((within(cards()[0]).getByLabelText('Tenor') as HTMLInputElement).value).toBe('x');
  });
});
