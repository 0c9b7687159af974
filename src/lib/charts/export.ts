/**
 * Chart exports: an on-screen <svg> as a standalone SVG file (computed styles inlined, so the file
 * needs none of the page's CSS and keeps the current light or dark theme) or as a PNG drawn from
 * that SVG on a canvas, and a download trigger. This is the one DOM-touching module of
 * src/lib/charts; everything else there is pure.
 *
 * Styles: each element gets the presentation properties of its computed style (CSS variables are
 * resolved by then). An inherited property is written only where it differs from the parent's,
 * a non-inherited one only where it differs from its initial value, which keeps the file small
 * and is exact because the clone has the same tree. The PNG uses a blob: URL (allowed by the
 * app's CSP `img-src 'self' data: blob:`), so the canvas is never tainted.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Inherited presentation properties copied into the exported file. */
const INHERITED = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'paint-order',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'visibility',
] as const;

/** Non-inherited properties and their initial values (written only when different). */
const NOT_INHERITED: Readonly<Record<string, string>> = { opacity: '1', display: 'inline' };

/** Every property {@link serializeSvg} may inline. */
export const EXPORTED_STYLE_PROPERTIES: readonly string[] = [
  ...INHERITED,
  ...Object.keys(NOT_INHERITED),
];

/** Elements with this attribute (the hover cursor) are left out of exports. */
export const SCREEN_ONLY = 'data-screen-only';

/** Attributes that only matter on screen (focus, keyboard, ARIA wiring to page ids). */
const SCREEN_ONLY_ATTRIBUTES = ['class', 'tabindex', 'aria-describedby', 'aria-labelledby'];

/**
 * A computed property with currentColor replaced by the element's colour: browsers resolve it in
 * computed styles, but where one does not, the exported file has no `color` cascade to do it.
 */
function resolved(cs: CSSStyleDeclaration, prop: string): string {
  const raw = cs.getPropertyValue(prop).trim();
  const color = cs.getPropertyValue('color').trim();
  return color !== '' ? raw.replace(/currentcolor/gi, color) : raw;
}

/** The SVG's size in CSS px: its viewBox, else its width/height attributes, else its box. */
export function svgSize(svg: SVGSVGElement): { width: number; height: number } {
  const vb = (svg.getAttribute('viewBox') ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  if (vb.length === 4 && vb[2] > 0 && vb[3] > 0) return { width: vb[2], height: vb[3] };
  const w = Number(svg.getAttribute('width'));
  const h = Number(svg.getAttribute('height'));
  if (w > 0 && h > 0) return { width: w, height: h };
  const box = svg.getBoundingClientRect();
  return { width: Math.max(1, box.width), height: Math.max(1, box.height) };
}

/**
 * The page's background colour behind the chart: the nearest ancestor's non-transparent
 * computed background, else the theme's --bg, else white.
 */
export function chartBackground(svg: SVGSVGElement): string {
  const view = svg.ownerDocument.defaultView;
  if (!view) return '#ffffff';
  for (let el: Element | null = svg.parentElement; el; el = el.parentElement) {
    const bg = view.getComputedStyle(el).backgroundColor;
    if (bg && bg !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(bg)) return bg;
  }
  const token = view.getComputedStyle(svg.ownerDocument.documentElement).getPropertyValue('--bg');
  return token.trim() || '#ffffff';
}

/**
 * A standalone SVG document of `svg`: computed styles inlined (module comment), elements marked
 * {@link SCREEN_ONLY} and screen-only attributes removed, xmlns and pixel width/height set, and a background rectangle painted first
 * (`background`: a CSS colour, default {@link chartBackground}; null for none).
 *
 * Tested in happy-dom: the output parses as SVG, styles from a stylesheet are inlined, classes,
 * tabindex and screen-only elements are gone, the background comes first (tests/component/charts/export.test.ts).
 */
export function serializeSvg(
  svg: SVGSVGElement,
  options: { background?: string | null } = {},
): string {
  const view = svg.ownerDocument.defaultView;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const sources = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const targets = [clone, ...Array.from(clone.querySelectorAll('*'))];
  // The hover cursor and its dots describe the screen, not the chart.
  const skipped = new Set(targets.filter((t) => t.closest(`[${SCREEN_ONLY}]`) !== null));
  const computed = new Map<Element, CSSStyleDeclaration>();
  const styleOf = (el: Element) => {
    let cs = computed.get(el);
    if (!cs && view) {
      cs = view.getComputedStyle(el);
      computed.set(el, cs);
    }
    return cs;
  };

  sources.forEach((el, i) => {
    const target = targets[i];
    if (skipped.has(target)) return;
    const cs = styleOf(el);
    const parent =
      el === svg ? undefined : el.parentElement ? styleOf(el.parentElement) : undefined;
    const decls: string[] = [];
    if (cs) {
      for (const prop of INHERITED) {
        const v = resolved(cs, prop);
        if (v !== '' && (parent === undefined || resolved(parent, prop) !== v))
          decls.push(`${prop}:${v}`);
      }
      for (const [prop, initial] of Object.entries(NOT_INHERITED)) {
        const v = cs.getPropertyValue(prop).trim();
        if (v !== '' && v !== initial) decls.push(`${prop}:${v}`);
      }
    }
    if (decls.length > 0) target.setAttribute('style', decls.join(';'));
    else target.removeAttribute('style');
    for (const a of SCREEN_ONLY_ATTRIBUTES) target.removeAttribute(a);
  });

  for (const t of skipped) t.remove();
  // Svelte's empty block anchors (<!---->) and any other comments.
  const walker = svg.ownerDocument.createTreeWalker(clone, NodeFilter.SHOW_COMMENT);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  for (const c of comments) c.parentNode?.removeChild(c);
  const { width, height } = svgSize(svg);
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const background = options.background === undefined ? chartBackground(svg) : options.background;
  if (background !== null) {
    const rect = svg.ownerDocument.createElementNS(SVG_NS, 'rect');
    rect.setAttribute('width', '100%');
    rect.setAttribute('height', '100%');
    rect.setAttribute('fill', background);
    // After <title>/<desc>, which must stay first for accessibility tools.
    const after = Array.from(clone.children).filter((c) => /^(title|desc)$/i.test(c.tagName));
    clone.insertBefore(
      rect,
      after.length > 0 ? after[after.length - 1].nextSibling : clone.firstChild,
    );
  }
  const xml = new XMLSerializer().serializeToString(clone);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
}

/** The SVG document of {@link serializeSvg} as a Blob (image/svg+xml). */
export function svgBlob(svg: SVGSVGElement, options: { background?: string | null } = {}): Blob {
  return new Blob([serializeSvg(svg, options)], { type: 'image/svg+xml;charset=utf-8' });
}

/**
 * The chart as a PNG: the serialised SVG drawn on a canvas `scale` times its CSS size (default 2,
 * sharp on high-density screens and in print).
 *
 * @throws Error when the browser cannot decode the SVG or encode the canvas.
 */
export async function pngBlob(
  svg: SVGSVGElement,
  options: { scale?: number; background?: string | null } = {},
): Promise<Blob> {
  const { scale = 2 } = options;
  const { width, height } = svgSize(svg);
  const url = URL.createObjectURL(svgBlob(svg, { background: options.background }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = svg.ownerDocument.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw on a canvas.');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('This browser cannot encode a PNG.'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Keep an object URL alive this long after the click: some browsers read it asynchronously. */
const REVOKE_AFTER_MS = 30_000;

/** Saves `blob` as `fileName` through a temporary <a download> link. */
export function downloadBlob(blob: Blob, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

/** A file name from a chart title: "Terminal P&L" → "alvh-terminal-p-and-l.svg". */
export function chartFileName(title: string, extension: 'svg' | 'png'): string {
  const slug = title
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `alvh-${slug || 'chart'}.${extension}`;
}
