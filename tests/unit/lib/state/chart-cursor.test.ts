// The shared chart cursor (src/lib/state/chart-cursor.svelte.ts): pointer, keys, Escape, leave.
import { describe, expect, it } from 'vitest';
import { ChartCursor } from '../../../../src/lib/state/chart-cursor.svelte.ts';

/** A 200 × 100 viewBox drawn at 400 × 200 px from (10, 20), with 10 items 20 units wide. */
function cursor(orientation?: 'horizontal' | 'vertical' | 'both') {
  return new ChartCursor({
    view: () => ({ width: 200, height: 100 }),
    at: (p) => (p.x >= 0 && p.x < 200 ? Math.floor(p.x / 20) : null),
    count: () => 10,
    ...(orientation ? { orientation } : {}),
  });
}

function pointer(clientX: number) {
  const box = { left: 10, top: 20, width: 400, height: 200 };
  return {
    clientX,
    clientY: 50,
    currentTarget: { getBoundingClientRect: () => box },
  } as unknown as PointerEvent & { currentTarget: SVGSVGElement };
}

function key(name: string) {
  let prevented = false;
  const event = {
    key: name,
    preventDefault: () => {
      prevented = true;
    },
  } as unknown as KeyboardEvent;
  return { event, prevented: () => prevented };
}

describe('ChartCursor', () => {
  it('picks the item under the pointer in viewBox units (client 130 px → x 60 → item 3)', () => {
    const c = cursor();
    c.onpointermove(pointer(130));
    expect(c.active).toBe(3);
    c.onpointerleave();
    expect(c.active).toBeNull();
  });

  it('steps with the arrow keys from no cursor to the first item, and Escape clears it', () => {
    const c = cursor();
    const right = key('ArrowRight');
    c.onkeydown(right.event);
    expect(c.active).toBe(0);
    expect(right.prevented()).toBe(true);
    c.onkeydown(key('End').event);
    expect(c.active).toBe(9);
    c.onkeydown(key('Escape').event);
    expect(c.active).toBeNull();
  });

  it('leaves keys of the other axis to the page (no preventDefault)', () => {
    const c = cursor();
    const down = key('ArrowDown');
    c.onkeydown(down.event);
    expect(c.active).toBeNull();
    expect(down.prevented()).toBe(false);
  });

  it("answers both pairs of arrows with orientation 'both'", () => {
    const c = cursor('both');
    c.onkeydown(key('ArrowDown').event);
    c.onkeydown(key('ArrowRight').event);
    expect(c.active).toBe(1);
  });
});
