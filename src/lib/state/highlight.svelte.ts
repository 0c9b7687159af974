/**
 * "Show it on the results": one shared highlight for the page (issue 7 — the guided walkthrough
 * and the glossary point at a chart or a panel of the results). The result panels mark their root
 * element with the `highlightTarget(id)` attachment (it writes `data-highlight-id="<id>"`); when
 * `highlight.show(id, reason)` names that id, the element gets `data-highlighted="true"` (the
 * outline is styled by ResultsDashboard) and scrolls into view — also when it mounts later, as the
 * dashboard's charts do (one per frame) or a run finishes. Escape or the next `show` clears it.
 *
 * Announcing is left to the caller (the walkthrough's step text, the glossary's role="status"
 * note), which know what to say; `reason` is kept here so they can.
 *
 * Svelte 5: an attachment runs in an effect, so reading `highlight.target` in it re-runs it (and
 * its cleanup) whenever the target changes. Tested in tests/component/learn/walkthrough.test.ts
 * and tests/component/learn/glossary.test.ts.
 */
import type { Attachment } from 'svelte/attachments';
import { RESULT_TARGET_IDS } from '../../content/glossary.ts';

// The targets are data (DOM-free, so lessons and their Node tests can name them).
export {
  RESULT_TARGETS,
  RESULT_TARGET_IDS,
  isResultTarget,
  type ResultTargetId,
} from '../../content/glossary.ts';

/** What is highlighted: one or more target ids (the first scrolls into view) and why. */
export interface HighlightTarget {
  ids: readonly string[];
  /** A sentence for the user ("CVaR 95 % is marked on the P&L histogram"). */
  reason: string;
  /** Whether the first target scrolls into view (false: outline only, focus is elsewhere). */
  scroll: boolean;
}

/** The page's highlight: at most one target at a time. */
export class HighlightState {
  /** The current target, or null when nothing is highlighted. */
  target = $state.raw<HighlightTarget | null>(null);

  /**
   * Highlights the elements marked with `ids` (replacing any other highlight); the first scrolls
   * into view unless `options.scroll` is false.
   */
  show(ids: string | readonly string[], reason: string, options: { scroll?: boolean } = {}): void {
    this.target = {
      ids: typeof ids === 'string' ? [ids] : [...ids],
      reason,
      scroll: options.scroll ?? true,
    };
  }

  /** Removes the highlight. */
  clear(): void {
    this.target = null;
  }

  /** Whether `id` is highlighted now. */
  isHighlighted(id: string): boolean {
    return this.target?.ids.includes(id) ?? false;
  }
}

/** The page's one highlight (the walkthrough and the glossary share it). */
export const highlight = new HighlightState();

/**
 * Marks an element as the highlight target `id` (`{@attach highlightTarget('claims')}`): writes
 * `data-highlight-id`, and while `state` names it, `data-highlighted="true"`, scrolls it into view
 * (only the first of the target's ids that is on the page) and clears the highlight on Escape.
 */
export function highlightTarget(id: string, state: HighlightState = highlight): Attachment {
  return (element) => {
    element.setAttribute('data-highlight-id', id);
    const target = state.target;
    if (!target || !target.ids.includes(id)) return;
    element.setAttribute('data-highlighted', 'true');
    // The first of the target's elements that is on the page scrolls into view.
    const earlier = target.ids.slice(0, target.ids.indexOf(id));
    if (target.scroll && targetsOnPage(earlier, element.ownerDocument).length === 0) {
      // Instant: a smooth scroll from the glossary at the foot of the page takes seconds.
      element.scrollIntoView?.({ block: 'start' });
    }
    // Escape in a form field belongs to the field (a select closing, a value reverting), not to
    // the outline the walkthrough or the glossary drew.
    const onKey = (event: KeyboardEvent) => {
      const field = event.target as { tagName?: string; isContentEditable?: boolean } | null;
      const inField =
        field?.isContentEditable === true ||
        ['INPUT', 'SELECT', 'TEXTAREA'].includes(field?.tagName ?? '');
      if (event.key === 'Escape' && !inField) state.clear();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      element.removeAttribute('data-highlighted');
      document.removeEventListener('keydown', onKey);
    };
  };
}

/**
 * Which of `ids` are on the page now (marked elements under `root`). An empty list with no
 * results on screen means "run a simulation first".
 */
export function targetsOnPage(
  ids: readonly string[],
  root: Document | HTMLElement = document,
): string[] {
  return ids.filter((id) => root.querySelector(`[data-highlight-id="${CSS.escape(id)}"]`) !== null);
}

/** Whether any result element is on the page (a result is on screen). */
export function resultsOnPage(root: Document | HTMLElement = document): boolean {
  return targetsOnPage(RESULT_TARGET_IDS, root).length > 0;
}
