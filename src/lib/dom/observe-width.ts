/**
 * The width a chart lays itself out to. Svelte's `bind:clientWidth` reads `clientWidth` when the
 * element mounts, which forces a synchronous layout of the whole page in the middle of a render;
 * with a dozen charts mounting after a run that was most of the main thread's time. This
 * attachment reads the width from ResizeObserver entries instead: they arrive after the browser's
 * own layout, once on mount and on every resize.
 */
import type { Attachment } from 'svelte/attachments';

/** Reports the element's content width in whole CSS pixels, now and whenever it changes. */
export function observeWidth(set: (width: number) => void): Attachment<HTMLElement> {
  return (element) => {
    if (typeof ResizeObserver === 'undefined') {
      set(element.clientWidth);
      return;
    }
    const observer = new ResizeObserver((entries) => {
      for (const entry of entries) set(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  };
}
