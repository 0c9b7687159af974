/**
 * The cursor of an interactive chart: which item (bin, day, layer…) the readout describes. The
 * pointer picks the item under it; a focused chart steps with the keys of `stepIndex`
 * (lib/charts/layout.ts); Escape and leaving the chart clear it. One class for every chart, so they
 * all answer the pointer and the keyboard the same way.
 */
import { stepIndex, toViewBox } from '../charts/layout.ts';

export interface ChartCursorOptions {
  /** The SVG's viewBox size (the chart's layout, read at each event). */
  view: () => { width: number; height: number };
  /** The item at a viewBox point, or null for none. */
  at: (point: { x: number; y: number }) => number | null;
  /** How many items the keys step through. */
  count: () => number;
  /**
   * The keys' axis: 'horizontal' (←/→, the default), 'vertical' (↑/↓) or 'both' (a chart whose
   * items are rows, where a user may try either pair).
   */
  orientation?: 'horizontal' | 'vertical' | 'both';
}

export class ChartCursor {
  /** The item under the cursor, or null. */
  active = $state<number | null>(null);
  readonly #options: ChartCursorOptions;

  constructor(options: ChartCursorOptions) {
    this.#options = options;
  }

  readonly onpointermove = (event: PointerEvent & { currentTarget: SVGSVGElement }): void => {
    const { width, height } = this.#options.view();
    const p = toViewBox({
      clientX: event.clientX,
      clientY: event.clientY,
      box: event.currentTarget.getBoundingClientRect(),
      viewWidth: width,
      viewHeight: height,
    });
    if (p) this.active = this.#options.at(p);
  };

  readonly onpointerleave = (): void => {
    this.active = null;
  };

  readonly onkeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      this.active = null;
      return;
    }
    const { orientation = 'horizontal' } = this.#options;
    const step = { key: event.key, index: this.active, count: this.#options.count() };
    const next =
      orientation === 'both'
        ? (stepIndex({ ...step, orientation: 'vertical' }) ?? stepIndex(step))
        : stepIndex({ ...step, orientation });
    if (next === undefined) return;
    event.preventDefault();
    this.active = next;
  };
}
