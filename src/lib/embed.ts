/**
 * Embed mode (`?embed=1`): the simulator inside an <iframe> of a lesson or an article, with minimal
 * chrome — the controls a teacher chose, the results, and a link `Open in full simulator`. No
 * sessions list and no storage of any kind: sandboxed iframes throw SecurityError on `indexedDB`
 * (PITFALLS "IndexedDB"), and an embed should leave nothing behind in the reader's browser.
 *
 * URL: `<app>/?embed=1&controls=layers,paths#v1.<config>` — the query selects the mode and the
 * controls, the hash carries the config (storage/share-link.ts). `controls` is a comma list of
 * EMBED_CONTROLS; absent, every control is shown (folded in a <details>).
 *
 * Height message, for the parent page to size the iframe (sent on load and whenever the document's
 * height changes, observed with a ResizeObserver):
 *
 *     window.parent.postMessage({ type: 'alvh:height', height }, '*')
 *
 * `height` is the document's height in CSS pixels (an integer). The target origin is '*' because
 * the embedding page can be anywhere and the message carries nothing private; the parent should
 * check `event.origin` against the simulator's origin before acting on it (the snippet from
 * `embedSnippet` does). Tested in tests/e2e/sessions.test.ts (the page records its posts).
 */

/** Controls an embed can show: a section of the controls panel, or a single field. */
export const EMBED_CONTROLS = [
  'simulation',
  'market',
  'shocks',
  'condor',
  'layers',
  'paths',
  'seed',
  'horizon',
] as const;

export type EmbedControl = (typeof EMBED_CONTROLS)[number];

/** The message an embed posts to its parent. */
export interface AlvhHeightMessage {
  type: 'alvh:height';
  /** Height of the embedded document, CSS pixels. */
  height: number;
}

/** What the page's query asks for. */
export interface EmbedParams {
  /** True with `embed=1` (or `embed=true`). */
  embed: boolean;
  /** The chosen controls in URL order, or null for all of them. */
  controls: EmbedControl[] | null;
  /** Names in `controls` that are not controls (shown to the teacher as a note). */
  unknownControls: string[];
  /** `lesson=<id>`: the guided walkthrough to open (content/lessons.ts checks the id), or null. */
  lesson: string | null;
}

const isControl = (name: string): name is EmbedControl =>
  (EMBED_CONTROLS as readonly string[]).includes(name);

/**
 * Reads `?embed=1&controls=a,b` from a query string (`location.search`). Unknown control names
 * are dropped and reported; duplicates are kept once. Pure; never throws.
 */
export function parseEmbedParams(search: string): EmbedParams {
  const params = new URLSearchParams(search);
  const flag = params.get('embed');
  const embed = flag === '1' || flag === 'true';
  const lesson = params.get('lesson')?.trim() || null;
  const list = params.get('controls');
  if (list === null) return { embed, controls: null, unknownControls: [], lesson };
  const names = list
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
  const controls = names.filter(isControl).filter((name, i, all) => all.indexOf(name) === i);
  return {
    embed,
    controls,
    unknownControls: names.filter((name) => !isControl(name)),
    lesson,
  };
}

/**
 * The embed URL of a share URL: the same address and hash with `?embed=1` (and `controls=` when
 * given). `shareLink` is a full share URL (storage's `shareUrl`).
 */
export function embedUrl(options: {
  shareLink: string;
  controls?: readonly EmbedControl[];
}): string {
  const url = new URL(options.shareLink);
  url.search = '';
  url.searchParams.set('embed', '1');
  if (options.controls && options.controls.length > 0) {
    url.searchParams.set('controls', options.controls.join(','));
  }
  // URLSearchParams encodes ',' as %2C; keep the list readable.
  url.search = url.search.replace(/%2C/g, ',');
  return url.href;
}

const escapeAttribute = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A copy-paste snippet for a page: the iframe with `src`, and a few lines of script that size it
 * from the height messages (checking the message's origin).
 */
export function embedSnippet(options: { src: string; title?: string }): string {
  const origin = new URL(options.src).origin;
  const title = options.title ?? 'ALVH Simulator';
  return [
    `<iframe data-alvh-embed src="${escapeAttribute(options.src)}" title="${escapeAttribute(title)}" width="100%" height="900" style="border:0" loading="lazy"></iframe>`,
    '<script>',
    '  addEventListener("message", (event) => {',
    `    if (event.origin !== ${JSON.stringify(origin)} || event.data?.type !== "alvh:height") return;`,
    '    for (const frame of document.querySelectorAll("iframe[data-alvh-embed]")) {',
    '      if (frame.contentWindow === event.source) frame.style.height = event.data.height + "px";',
    '    }',
    '  });',
    '</script>',
  ].join('\n');
}

/** The document's height in CSS pixels (what the parent must give the iframe). */
function documentHeight(doc: Document): number {
  return Math.ceil(
    Math.max(
      doc.documentElement.scrollHeight,
      doc.body?.scrollHeight ?? 0,
      doc.body?.offsetHeight ?? 0,
    ),
  );
}

/**
 * Posts `{ type: 'alvh:height', height }` to the parent now and whenever the height changes
 * (ResizeObserver on <html> and <body>; a repeated height is not posted again). At the top level
 * `window.parent` is the window itself, which ignores the message. Returns the function that stops
 * it.
 */
export function reportHeight(
  options: { window?: Window; target?: Pick<Window, 'postMessage'> } = {},
): () => void {
  const win = options.window ?? window;
  const target = options.target ?? win.parent;
  if (!target) return () => undefined;
  let last = -1;
  const post = () => {
    const height = documentHeight(win.document);
    if (height === last) return;
    last = height;
    const message: AlvhHeightMessage = { type: 'alvh:height', height };
    target.postMessage(message, '*');
  };
  post();
  if (typeof ResizeObserver !== 'function') {
    win.addEventListener('resize', post);
    return () => win.removeEventListener('resize', post);
  }
  const observer = new ResizeObserver(post);
  observer.observe(win.document.documentElement);
  if (win.document.body) observer.observe(win.document.body);
  return () => observer.disconnect();
}
