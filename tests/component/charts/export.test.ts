/**
 * Chart exports in happy-dom, which computes styles from stylesheets (CSS variables included) but
 * has no canvas: the SVG serialisation is tested here; the PNG path (pngBlob) needs a browser.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  chartBackground,
  chartFileName,
  downloadBlob,
  serializeSvg,
  svgBlob,
  svgSize,
} from '../../../src/lib/charts/export.ts';

const STYLE = `
  :root { --bg: rgb(17, 20, 24); --accent-2: rgb(31, 111, 209); }
  .frame { background-color: var(--bg); }
  .hedged { color: var(--accent-2); }
  .bar { fill: currentColor; fill-opacity: 0.45; }
  .line { stroke: rgb(1, 2, 3); stroke-dasharray: 7 4; }
  text { font-size: 12px; }
`;

function mount(svgMarkup: string): SVGSVGElement {
  const style = document.createElement('style');
  style.textContent = STYLE;
  document.head.append(style);
  document.body.innerHTML = `<div class="frame">${svgMarkup}</div>`;
  return document.querySelector('svg') as SVGSVGElement;
}

const CHART = `<svg role="img" aria-label="A chart" tabindex="0" viewBox="0 0 320 200">
  <title>A chart</title><!---->
  <g class="hedged"><rect class="bar" width="10" height="20"/><rect class="bar" x="12" width="10" height="30"/></g>
  <line class="line" x1="0" x2="100" y1="5" y2="5"/>
  <text x="1" y="2">label</text>
  <g data-screen-only=""><line class="cursor" x1="50" x2="50" y1="0" y2="200"/></g>
</svg>`;

function parse(xml: string): Document {
  return new DOMParser().parseFromString(xml.replace(/^<\?xml[^>]*>\s*/, ''), 'image/svg+xml');
}

afterEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('serializeSvg', () => {
  it('writes a standalone SVG document: xmlns, pixel size from the viewBox', () => {
    const out = serializeSvg(mount(CHART));
    expect(out.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
    const root = parse(out).documentElement;
    expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect([root.getAttribute('width'), root.getAttribute('height')]).toEqual(['320', '200']);
    expect(root.getAttribute('role')).toBe('img');
    expect(root.getAttribute('aria-label')).toBe('A chart');
  });

  it('inlines styles from the page’s stylesheets, with variables and currentColor resolved', () => {
    const doc = parse(serializeSvg(mount(CHART)));
    const bar = doc.querySelector('rect[width="10"]') as Element;
    expect(bar.getAttribute('style')).toContain('fill:rgb(31, 111, 209)');
    expect(bar.getAttribute('style')).toContain('fill-opacity:0.45');
    expect(doc.querySelector('line')?.getAttribute('style')).toContain('stroke-dasharray:7 4');
    expect(doc.querySelector('text')?.getAttribute('style')).toContain('font-size:12px');
  });

  it('does not repeat an inherited value the parent already has', () => {
    const doc = parse(serializeSvg(mount(CHART)));
    const root = doc.documentElement.getAttribute('style') ?? '';
    const text = doc.querySelector('text')?.getAttribute('style') ?? '';
    expect(root).toMatch(/font-family:/);
    expect(text).not.toMatch(/font-family:/);
  });

  it('drops classes, tabindex, comments and the screen-only cursor', () => {
    const out = serializeSvg(mount(CHART));
    expect(out).not.toMatch(/class=|tabindex|<!--|cursor|data-screen-only/);
  });

  it('paints the page background first, after the title; none when asked', () => {
    const svg = mount(CHART);
    const root = parse(serializeSvg(svg)).documentElement;
    expect(root.children[0].tagName).toBe('title');
    expect(root.children[1].tagName).toBe('rect');
    expect(root.children[1].getAttribute('fill')).toBe('rgb(17, 20, 24)');
    expect(parse(serializeSvg(svg, { background: null })).querySelectorAll('rect')).toHaveLength(2);
  });

  it('leaves the on-screen chart untouched', () => {
    const svg = mount(CHART);
    const before = svg.outerHTML;
    serializeSvg(svg);
    expect(svg.outerHTML).toBe(before);
  });
});

describe('svgSize, chartBackground and svgBlob', () => {
  it.each([
    ['<svg viewBox="0 0 640 434"></svg>', { width: 640, height: 434 }],
    ['<svg width="300" height="150"></svg>', { width: 300, height: 150 }],
  ])('sizes %s', (markup, size) => {
    expect(svgSize(mount(markup))).toEqual(size);
  });

  it('falls back to the theme’s --bg when no ancestor paints a background', () => {
    const style = document.createElement('style');
    style.textContent = ':root { --bg: #fafafa; }';
    document.head.append(style);
    document.body.innerHTML = '<svg viewBox="0 0 1 1"></svg>';
    expect(chartBackground(document.querySelector('svg') as SVGSVGElement)).toBe('#fafafa');
  });

  it('wraps the document in an image/svg+xml Blob', () => {
    const blob = svgBlob(mount(CHART));
    expect(blob.type).toBe('image/svg+xml;charset=utf-8');
    expect(blob.size).toBeGreaterThan(200);
  });
});

describe('downloadBlob and chartFileName', () => {
  it('clicks a temporary download link and removes it', () => {
    const clicked: { download: string; href: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push({ download: this.download, href: this.href });
    });
    downloadBlob(new Blob(['x']), 'alvh-chart.svg');
    expect(clicked).toHaveLength(1);
    expect(clicked[0].download).toBe('alvh-chart.svg');
    expect(clicked[0].href.startsWith('blob:')).toBe(true);
    expect(document.querySelector('a')).toBeNull();
  });

  it.each([
    ['Terminal P&L distribution', 'svg', 'alvh-terminal-p-and-l-distribution.svg'],
    ['What each layer cost and paid', 'png', 'alvh-what-each-layer-cost-and-paid.png'],
    ['  ——  ', 'svg', 'alvh-chart.svg'],
  ] as const)('names "%s" as %s', (title, ext, name) => {
    expect(chartFileName(title, ext)).toBe(name);
  });
});
