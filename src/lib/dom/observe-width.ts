/**
 * The width a chart lays itself out to. Svelte's `bind:clientWidth` reads `clientWidth` when the
 * element mounts, which forces a synchronous layout of the whole page in the middle of a render;
 * with a dozen charts mounting after a run that was most of the main thread's time. This
 * attachment reads the width from ResizeObserver entries instead: they arrive after the browser's
 * own layout, once on mount and on every resize.
 *
 * A chart that has no width yet draws at a default one, and draws again when the entry arrives
 * (after layout, in the same frame): every mount drew twice, 5–28 ms each while the workers kept
 * both cores busy. So the last width of each chart is remembered by its key (its title): a chart
 * that is mounted again — the dashboard's charts after the page's first, off-screen rendering
 * (DashboardRehearsal.svelte), or after a new run — starts at the width it will get.
 */
import { untrack } from 'svelte';
import type { Attachment } from 'svelte/attachments';

const lastWidths = new Map<string, number>();

/** The width the chart `key` was last laid out to, CSS pixels; 0 if it never was. */
export function lastWidth(key: string): number {
  return lastWidths.get(key) ?? 0;
}

/**
 * Reports the element's content width in whole CSS pixels, now and whenever it changes, and
 * remembers it as the width of the chart `key` names when given. `key` is read when a width is
 * reported, not when the attachment is made: an attachment is made again whenever a value it reads
 * changes, and a title derived from the result would re-create the observer for every new result.
 */
export function observeWidth(
  set: (width: number) => void,
  key?: () => string,
): Attachment<HTMLElement> {
  const report = (width: number) => {
    // Untracked: a report made while the attachment is being made (no ResizeObserver) must not
    // make the attachment depend on the key either.
    if (key !== undefined && width > 0) lastWidths.set(untrack(key), width);
    set(width);
  };
  return (element) => {
    if (typeof ResizeObserver === 'undefined') {
      report(element.clientWidth);
      return;
    }
    const observer = new ResizeObserver((entries) => {
      for (const entry of entries) report(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  };
}
