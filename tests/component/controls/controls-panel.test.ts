// The whole panel: sections, presets filling the fields, the κθ coupling, shocks, and the list of
// problems that keeps Run disabled.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ControlsPanel from '../../../src/components/controls/ControlsPanel.svelte';
import { marketPreset, strategyPresetInfo } from '../../../src/engine/index.ts';
import { ConfigState } from '../../../src/lib/state/config.svelte.ts';

function setup(state = new ConfigState()) {
  render(ControlsPanel, { props: { state } });
  return state;
}

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const select = (name: string) => screen.getByRole('combobox', { name }) as HTMLSelectElement;
const type = (el: HTMLElement, value: string) => fireEvent.input(el, { target: { value } });

describe('ControlsPanel', () => {
  it('has a section with a heading for each part of the config', () => {
    setup();
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Strategy and simulation',
      'Market',
      'Stress shocks',
      'Iron condor',
      'Hedge layers',
    ]);
  });

  it('fills the condor and the layers from a strategy preset, with its summary and source', async () => {
    setup();
    await fireEvent.change(select('Strategy preset'), { target: { value: 'cndr-style' } });
    expect(input('Short strikes').value).toBe('20');
    expect(input('Long strikes (wings)').value).toBe('5');
    expect(input('Profit target').value).toBe('');
    const info = strategyPresetInfo('cndr-style');
    expect(screen.getByText(info.summary)).toBeTruthy();
    expect(screen.getByText(`Source: ${info.source}`)).toBeTruthy();
    await fireEvent.change(select('Strategy preset'), { target: { value: 'alvh-example' } });
    expect(screen.getAllByRole('article')).toHaveLength(4);
    expect(input('Short strikes').value).toBe('16');
  });

  it('fills the market and the shocks from a market preset and keeps the layers', async () => {
    const state = setup();
    state.applyStrategyPreset('alvh-example');
    await fireEvent.change(select('Market preset'), { target: { value: 'crash-2008' } });
    const preset = marketPreset('crash-2008');
    expect(input('SPX at the start').value).toBe(String(preset.market.spot));
    expect(screen.getByText('Starting VIX ≈ 25.7')).toBeTruthy();
    expect(screen.getAllByRole('group', { name: /^Shock \d$/ })).toHaveLength(2);
    expect(screen.getAllByRole('article')).toHaveLength(4);
    expect(screen.getByText(preset.description, { exact: false })).toBeTruthy();
  });

  it('shows "Custom" once a market field is edited', async () => {
    setup();
    await type(input('σ (volatility of variance)'), '0.7');
    expect(select('Market preset').value).toBe('custom');
  });

  it('keeps κ_Q·θ_Q = κ_P·θ_P: editing κ_Q updates θ_Q', async () => {
    const state = setup();
    const { kappaP, thetaP } = state.config.market;
    await type(input('κ_Q (mean reversion)'), '2');
    expect(Number(input('θ_Q (long-run variance)').value)).toBeCloseTo((kappaP * thetaP) / 2, 8);
    expect(state.isValid).toBe(true);
  });

  it('adds and removes shocks, and says when a shock does nothing', async () => {
    const state = setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Add shock' }));
    expect(state.config.shocks).toEqual([{ day: 1, spxGap: -0.05, vixTo: null }]);
    expect(input('SPX gap').value).toBe('-5');
    await type(input('SPX gap'), '');
    expect(screen.getByText('Shock 1 must set spxGap or vixTo')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Remove shock 1 (day 1)' }));
    expect(state.config.shocks).toEqual([]);
    expect(state.isValid).toBe(true);
  });
});

describe('problems list', () => {
  it('is absent while the config is valid', () => {
    setup();
    expect(screen.queryByText(/to fix before running/)).toBeNull();
  });

  it('lists each problem by path and takes the keyboard to its field, opening folded groups', async () => {
    const state = setup();
    const rho = input('ρ (price–variance correlation)');
    await type(rho, '2');
    await type(input('Seed'), '');
    expect(screen.getByRole('heading', { name: '2 problems to fix before running' })).toBeTruthy();
    expect(state.firstError).toBe('seed: must be a number');
    const details = rho.closest('details')!;
    expect(details.open).toBe(false);
    await fireEvent.click(
      screen.getByRole('button', { name: 'market.rho: must be between -1 and 1' }),
    );
    expect(details.open).toBe(true);
    expect(document.activeElement).toBe(rho);
  });

  it('counts the problems of a folded group in its summary', async () => {
    setup();
    await type(input('s_J (sd of the log jump)'), '80');
    expect(screen.getByText('(1 problem)')).toBeTruthy();
  });
});
